use super::*;
use crate::sample_texts::sample_articles;
use proptest::prelude::*;

/// Texts that hold many shapes of each date: every combination of the
/// pieces below, so that each alternative of `full`, `month_day` and
/// `weekday` matches with and without each optional part.
fn texts() -> Vec<String> {
    let lead = [
        "", "on ", "On ", "late on ", "last ", "LAST ", "Next ", "since ",
    ];
    let weekday = [
        "",
        "Monday ",
        "Monday, ",
        "Mon. ",
        "SATURDAY, ",
        "Sun ",
        "friday's ",
    ];
    let the = ["", "the "];
    let day = ["5", "05", "5th", "31st", "32", "123", "2nd"];
    let month = [
        "June", "JUNE", "Jun.", "Sept", "sept", "May", "Mar", "Julyx",
    ];
    let year = ["", " 2024", ", 2024", " 1899", ". 2021,", " 20245"];
    let mut out = Vec::new();
    for l in lead {
        for w in weekday {
            for t in the {
                for d in day {
                    for m in month {
                        for y in year {
                            out.push(format!("He said {l}{w}{t}{d} {m}{y} it was."));
                            out.push(format!("{l}{w}{t}{m} {d}{y}: x"));
                            out.push(format!("{l}{w}{t}{d} of {m}{y}."));
                        }
                    }
                }
            }
        }
    }
    for d in [
        "2024-06-27",
        "2024-6-27",
        "27/06/2024",
        "27.06.2024",
        "27-06-2024",
        "06/27/2024",
        "5/5/2023",
        "27/06.2024",
        "1/2/2019",
        "13-1-2020",
        "31/13/2020",
        "2024-06-27x",
    ] {
        out.push(format!("Dated {d}, and more"));
    }
    for w in [
        "Monday",
        "monday",
        "MONDAY",
        "Monday's",
        "Monday’s",
        "MONDAY'S",
        "Mondays",
        "Tuesday morning",
        "Wednesday   night",
        "Thursday's evening",
        "ſunday",
        "Sunday",
    ] {
        for l in [
            "",
            "on ",
            "late on ",
            "early  on ",
            "last ",
            "Last ",
            "next ",
            "this ",
        ] {
            out.push(format!("It happened {l}{w}, police said."));
        }
    }
    out
}

/// Months with every preposition and modifier of `month_alone`, and without.
fn month_texts() -> Vec<String> {
    let prep = [
        "",
        "in ",
        "In ",
        "IN ",
        "during ",
        "since ",
        "Since ",
        "last ",
        "LAST ",
        "this ",
        "by ",
        "until ",
        "till ",
        "from ",
        "through ",
        "throughout ",
        "of ",
        "laſt ",
        "in  \t",
        "at ",
    ];
    let modifier = [
        "",
        "early ",
        "Early-",
        "late ",
        "mid-",
        "mid ",
        "MID--",
        "the end of ",
        "the  beginning of ",
        "the start of ",
        "The middle of ",
        "the ſtart of ",
    ];
    let month = [
        "March",
        "MARCH",
        "May",
        "June",
        "July",
        "September",
        "Sept",
        "Marchx",
    ];
    let mut out = Vec::new();
    for p in prep {
        for m in modifier {
            for n in month {
                out.push(format!("Attacks rose {p}{m}{n} and fell."));
                out.push(format!("{p}{m}{n}, x"));
            }
        }
    }
    out
}

#[test]
fn groups_read_from_words_agree() {
    let p = DATA.patterns.as_ref().unwrap();
    let mut seen = [0usize; 4];
    for text in texts() {
        for c in p.full.re.captures_iter(&text) {
            let whole = c.get(0).unwrap().as_str();
            let g = |n: &str| c.name(n).map(|m| m.as_str());
            let digits = |n: &str| -> Option<u32> {
                let s = g(n)?;
                let end = s
                    .bytes()
                    .position(|b| !b.is_ascii_digit())
                    .unwrap_or(s.len());
                s[..end].parse().ok()
            };
            let month = |n: &str| month_number(g(n)?.trim_end_matches('.'));
            let expected = if g("da").is_some() {
                NaiveDate::from_ymd_opt(
                    digits("ya").unwrap() as i32,
                    month("ma").unwrap(),
                    digits("da").unwrap(),
                )
            } else if g("db").is_some() {
                NaiveDate::from_ymd_opt(
                    digits("yb").unwrap() as i32,
                    month("mb").unwrap(),
                    digits("db").unwrap(),
                )
            } else if g("iy").is_some() {
                NaiveDate::from_ymd_opt(
                    digits("iy").unwrap() as i32,
                    digits("im").unwrap(),
                    digits("id").unwrap(),
                )
            } else {
                let (a, b) = (digits("na").unwrap(), digits("nb").unwrap());
                if g("s1") != g("s2") || !(a > 12 || a == b) {
                    None
                } else {
                    NaiveDate::from_ymd_opt(digits("ny").unwrap() as i32, b, a)
                }
            };
            assert_eq!(
                full_date_value(whole),
                expected,
                "full: {whole:?} in {text:?}"
            );
            seen[0] += 1;
        }
        for c in p.month_day.re.captures_iter(&text) {
            let whole = c.get(0).unwrap().as_str();
            let (m, d) = if c.name("da").is_some() {
                ("ma", "da")
            } else {
                ("mb", "db")
            };
            let day: String = c[d].chars().take_while(char::is_ascii_digit).collect();
            let expected = (
                month_number(c[m].trim_end_matches('.')),
                day.parse::<u32>().ok(),
            );
            let (q0, q1) = digit_run(whole).unwrap();
            let got = (
                month_around_day(whole, q0, q1),
                digits_value(&whole[q0..q1]),
            );
            assert_eq!(got, expected, "month_day: {whole:?} in {text:?}");
            seen[1] += 1;
        }
        for c in p.weekday.re.captures_iter(&text) {
            let whole = c.get(0).unwrap().as_str();
            let wd = weekday_of_word(&DATA, &c["wd"]);
            let modifier = c.name("mod").map(|m| normalize(m.as_str()));
            let expected = wd.map(|wd| {
                let moved = ["last", "next"]
                    .into_iter()
                    .find(|x| modifier.as_deref() == Some(*x));
                (wd, moved)
            });
            assert_eq!(
                weekday_parts(whole),
                expected,
                "weekday: {whole:?} in {text:?}"
            );
            seen[2] += 1;
        }
    }
    for text in month_texts() {
        for c in p.month_alone.re.captures_iter(&text) {
            let whole = c.get(0).unwrap().as_str();
            let expected = if c.name("prep").is_none() && c.name("mod").is_none() {
                None
            } else {
                Some((c.name("prep").map(|m| m.as_str()), &c["m"]))
            };
            assert_eq!(
                month_alone_parts(whole),
                expected,
                "month_alone: {whole:?} in {text:?}"
            );
            seen[3] += 1;
        }
    }
    assert!(seen.iter().all(|&n| n > 100), "{seen:?}");
}

/// Texts of the other patterns: relative and vague phrases, weekdays with
/// their modifiers and times of day, spans, rolling windows, "ago", anchors,
/// years, ranges and months with years, each in several cases and with
/// separators the patterns allow (spaces, a no-break space, a line break)
/// and some they do not (a hyphen, `_`), and with the two letters
/// case-insensitive matching folds onto ASCII ones ("ſ", "K").
fn phrase_texts() -> Vec<String> {
    let data: &DateData = &DATA;
    let mut phrases: Vec<String> = data.relative.keys().cloned().collect();
    phrases.sort();
    phrases.extend(data.vague.iter().map(|v| v.to_string()));
    for (a, _) in &data.anchors {
        phrases.push(format!("since {a}"));
        phrases.push(format!("in the first two years after {a}"));
        phrases.push(format!("a year since {}", a.replace('\'', "’")));
    }
    let weekdays = [
        "Monday",
        "tuesday",
        "WEDNESDAY",
        "Thursday's",
        "Friday’s",
        "Saturdays",
        "Sunday",
    ];
    for (i, m) in WEEKDAY_MODIFIERS.iter().enumerate() {
        for w in weekdays {
            let time = ["", " night", " Morning", "  evening", " nights"][i % 5];
            phrases.push(format!("{m} {w}{time}"));
        }
    }
    for lead in ROLLING_LEADS {
        for n in ["", "two ", "24 ", "twenty-four ", "few ", "the "] {
            for unit in ROLLING_UNITS {
                phrases.push(format!("over the {lead} {n}{unit}"));
                phrases.push(format!("the {lead} {n}{unit} of March"));
            }
        }
    }
    for which in SPAN_WHICH {
        for n in ["", "nine ", "3 ", "half "] {
            for unit in SPAN_UNITS {
                for of in [
                    "",
                    " of 2022",
                    " of this year",
                    " of the current fiscal year",
                    " of the last  calendar year",
                    " of the match",
                ] {
                    phrases.push(format!("in the {which} {n}{unit}{of}"));
                }
            }
        }
    }
    for n in ["two", "a", "an", "24", "twenty-four", "several"] {
        for unit in AGO_UNITS {
            for w in AGO_WORDS {
                phrases.push(format!("{n} {unit} {w}"));
            }
        }
    }
    for y in ["2023", "1999", "2099", "12023", "2023rd"] {
        for pre in YEAR_PREPOSITIONS
            .iter()
            .chain(&["between", "from", "mid-", "early", "of"])
        {
            phrases.push(format!("{pre} {y}"));
            phrases.push(format!("{pre} 2019 and {y}"));
            phrases.push(format!("{pre} 2019–{y} attacks"));
        }
    }
    for m in ["March", "MARCH", "Sept.", "Sept., ", "mid-June", "May"] {
        for pre in ["", "since ", "since early ", "in ", "By late "] {
            phrases.push(format!("{pre}{m} 2023"));
            phrases.push(format!("{pre}{m}, 2023"));
        }
    }
    let mut out = Vec::new();
    for (i, p) in phrases.iter().enumerate() {
        let cased = match i % 3 {
            0 => p.to_uppercase(),
            1 => {
                let mut c = p.chars();
                c.next()
                    .map(|f| f.to_uppercase().chain(c).collect())
                    .unwrap_or_default()
            }
            _ => p.clone(),
        };
        let separated = p.replace(' ', ["\u{a0}", "  ", "\n", "-", "_", " \t"][i % 6]);
        let folded = if i % 2 == 0 {
            p.replacen('s', "ſ", 1)
        } else {
            p.replacen('k', "\u{212a}", 1)
        };
        for v in [p.clone(), cased, separated, folded] {
            out.push(format!("Police said {v}, and more."));
            out.push(v);
        }
    }
    out
}

/// The sentences of the sample articles, as the extractor splits them.
fn article_sentences() -> Vec<String> {
    let mut out = Vec::new();
    for text in sample_articles().iter().take(60) {
        let cleaned = crate::clean::clean(text);
        for s in crate::segment::split_sentences(text, &cleaned.lines) {
            out.push(text[s.span].to_string());
        }
    }
    out
}

/// The texts the checks below read.
fn check_texts() -> Vec<String> {
    let mut out: Vec<String> = texts().into_iter().step_by(7).collect();
    out.extend(month_texts().into_iter().step_by(2));
    out.extend(phrase_texts());
    out.extend(article_sentences());
    // More places of features than a plan keeps.
    let many = [
        "on Monday, Tuesday, last Wednesday and Thursday night",
        "5 June, June 6, the 7th of June and June 8th 2024",
        "yesterday, last night, this year and last week",
        "in 2021, in 2022 and since 2023",
    ];
    for n in [3, 5, 9] {
        out.push(
            many.iter()
                .cycle()
                .take(n)
                .copied()
                .collect::<Vec<_>>()
                .join("; "),
        );
    }
    out
}

/// The pattern of index `i` ([`FULL`] ... [`VAGUE`]).
fn pattern(p: &Patterns, i: usize) -> &Regex {
    let pat = match i {
        FULL => &p.full,
        MONTH_DAY => &p.month_day,
        MONTH_YEAR => &p.month_year,
        MONTH_ALONE => &p.month_alone,
        YEAR => &p.year,
        YEAR_RANGE => &p.year_range,
        SPAN => &p.span,
        ROLLING => &p.rolling,
        AGO => &p.ago,
        RELATIVE => &p.relative,
        WEEKDAY => &p.weekday,
        SINCE_ANCHOR => &p.since_anchor,
        YEARS_SINCE_ANCHOR => &p.years_since_anchor,
        _ => &p.vague,
    };
    &pat.re
}

/// The checks of [`the_gate_lets_every_match_through`] on one text.
fn check_gate(p: &Patterns, text: &str) {
    let mut plan = Plan::new();
    if !p.gate.scan(text, &mut plan) {
        // A letter that folds onto an ASCII one: the union decides.
        assert!(has_folding_letter(text.as_bytes()), "{text:?}");
        return;
    }
    assert!(!has_folding_letter(text.as_bytes()), "{text:?}");
    let hits = p.any.matches(text);
    for (i, &feature) in KEYS.iter().enumerate() {
        // A month alone, without its preposition or modifier, makes no mention.
        let matched = if i == MONTH_ALONE {
            hits.matched(MONTH_ALONE_QUALIFIED)
        } else {
            hits.matched(i)
        };
        assert!(
            !matched || plan.on(i),
            "pattern {i} matches {text:?}, the gate says it cannot"
        );
        if !plan.on(i) {
            continue;
        }
        let b = text.as_bytes();
        let lead = p.gate.lead[i];
        let last = usize::from(plan.last_set[feature.trailing_zeros() as usize]);
        for m in pattern(p, i).find_iter(text) {
            if i == MONTH_ALONE && month_alone_parts(m.as_str()).is_none() {
                continue;
            }
            // The place of its feature the search starts from and stops after.
            assert!(
                last >= m.start(),
                "pattern {i}: {:?} of {text:?} past the last place",
                m.as_str()
            );
            if plan.keys_complete {
                let held = plan.keys[..plan.key_count].iter().any(|&(at, f)| {
                    let at = usize::from(at);
                    Features::from(f) & feature != 0
                        && (m.start()..m.end()).contains(&at)
                        && words_back(b, at, lead) <= m.start()
                });
                assert!(
                    held,
                    "pattern {i}: {:?} of {text:?} holds no place of its feature",
                    m.as_str()
                );
            }
        }
    }
    if plan.on == 0 {
        // Nothing then but months alone.
        assert!(
            hits.iter().all(|i| i == MONTH_ALONE),
            "{text:?}: {:?}",
            hits.iter().collect::<Vec<_>>()
        );
    }
}

/// The gate never turns away a text that a pattern matches (where it
/// finds nothing, the union of the patterns finds nothing but months
/// alone), and every match holds a place of its pattern's feature no more
/// than the pattern's lead of words after its start.
#[test]
fn the_gate_lets_every_match_through() {
    let p = DATA.patterns.as_ref().unwrap();
    let texts = check_texts();
    assert!(texts.len() > 10_000);
    for text in &texts {
        check_gate(p, text);
    }
}

/// Where a pattern matched by hand starts a match, its pattern starts the
/// same one there, and nowhere else.
#[test]
fn plain_words_match_as_their_patterns() {
    let p = DATA.patterns.as_ref().unwrap();
    let plain = p.plain.as_ref().unwrap();
    let mut matched = [0usize; 3];
    for text in check_texts() {
        if has_folding_letter(text.as_bytes()) {
            continue;
        }
        let b = text.as_bytes();
        let mut at = 0;
        while let Some(s) = word_start_from(b, at) {
            at = s + 1;
            let found = |re: &Regex| re.find_at(&text, s).filter(|m| m.start() == s);
            let relative = found(&p.relative.re);
            assert_eq!(
                plain.relative_at(&text, s).map(|(e, _)| e),
                relative.map(|m| m.end()),
                "{text:?} at {s}"
            );
            if let (Some((_, row)), Some(m)) = (plain.relative_at(&text, s), relative) {
                let expected = DATA.relative.get(&normalize(m.as_str())).unwrap();
                assert_eq!(
                    (row.unit, row.offset, row.period),
                    (expected.unit, expected.offset, expected.period)
                );
                matched[0] += 1;
            }
            let vague = found(&p.vague.re);
            assert_eq!(
                plain.vague_at(&text, s).map(|(e, _)| e),
                vague.map(|m| m.end()),
                "{text:?} at {s}"
            );
            matched[1] += usize::from(vague.is_some());
            let weekday = found(&p.weekday.re);
            let by_hand = plain.weekday_at(&text, s);
            assert_eq!(
                by_hand.map(|(e, _)| e),
                weekday.map(|m| m.end()),
                "{text:?} at {s}"
            );
            if let (Some((_, w)), Some(m)) = (by_hand, weekday) {
                assert_eq!(
                    Some((w.weekday, w.modifier)),
                    weekday_parts(m.as_str()),
                    "{text:?}"
                );
                matched[2] += 1;
            }
        }
    }
    assert!(matched.iter().all(|&n| n > 100), "{matched:?}");
}

/// The parts of `month_year`, `year`, `rolling`, `ago`, `since_anchor` and
/// `span` matches read from their words are those of their groups.
#[test]
fn more_groups_read_from_words_agree() {
    let p = DATA.patterns.as_ref().unwrap();
    let mut seen = [0usize; 6];
    fn g<'t>(c: &regex::Captures<'t>, n: &str) -> Option<&'t str> {
        c.name(n).map(|m| m.as_str())
    }
    for text in check_texts() {
        for c in p.month_year.re.captures_iter(&text) {
            let expected = (
                month_number(g(&c, "m").unwrap()).unwrap(),
                g(&c, "y").unwrap().parse::<i32>().unwrap(),
                g(&c, "prep").is_some_and(|p| p.eq_ignore_ascii_case("since")),
            );
            assert_eq!(month_year_parts(&c[0]), Some(expected), "{text:?}");
            seen[0] += 1;
        }
        for c in p.year.re.captures_iter(&text) {
            let expected = (
                g(&c, "y").unwrap().parse::<i32>().unwrap(),
                g(&c, "prep").is_some_and(|p| p.eq_ignore_ascii_case("since")),
            );
            assert_eq!(year_parts(&c[0]), Some(expected), "{text:?}");
            seen[1] += 1;
        }
        for c in p.rolling.re.captures_iter(&text) {
            let expected = (g(&c, "n"), g(&c, "unit").unwrap());
            assert_eq!(rolling_parts(&c[0]), Some(expected), "{text:?}");
            seen[2] += 1;
        }
        for c in p.ago.re.captures_iter(&text) {
            let expected = (g(&c, "n").unwrap(), g(&c, "unit").unwrap());
            assert_eq!(ago_parts(&c[0]), Some(expected), "{text:?}");
            seen[3] += 1;
        }
        for c in p.since_anchor.re.captures_iter(&text) {
            assert_eq!(anchor_words(&c[0]), g(&c, "anchor"), "{text:?}");
            seen[4] += 1;
        }
        // `span` is read from its words only where the gate takes the text.
        if has_folding_letter(text.as_bytes()) {
            continue;
        }
        for c in p.span.re.captures_iter(&text) {
            let parts = span_parts(&c[0]).unwrap();
            assert_eq!(
                (Some(parts.which), parts.n, Some(parts.unit), parts.of),
                (g(&c, "which"), g(&c, "n"), g(&c, "unit"), g(&c, "of")),
                "{text:?}"
            );
            seen[5] += 1;
        }
    }
    assert!(seen.iter().all(|&n| n > 20), "{seen:?}");
}

/// The two assumptions about Unicode of the gate and the matching by hand:
/// case-insensitive matching folds only "ſ" and "K" onto ASCII letters,
/// and `\s` is `char::is_whitespace`.
#[test]
fn only_two_letters_fold_and_spaces_are_whitespace() {
    let all: String = (0..=0x10_FFFFu32).filter_map(char::from_u32).collect();
    let non_ascii = all.trim_start_matches(|c: char| c.is_ascii());
    let folding: Vec<char> = Regex::new("(?i)[a-z]")
        .unwrap()
        .find_iter(non_ascii)
        .flat_map(|m| m.as_str().chars())
        .collect();
    assert_eq!(folding, ['\u{17f}', '\u{212a}']);
    let spaces: Vec<char> = Regex::new(r"\s")
        .unwrap()
        .find_iter(&all)
        .flat_map(|m| m.as_str().chars())
        .collect();
    let whitespace: Vec<char> = all.chars().filter(|c| c.is_whitespace()).collect();
    assert_eq!(spaces, whitespace);
}

/// What [`find_dates`] gives with every pattern searched from the start to
/// the end, as the union of the patterns says which match.
fn dates_by_union(text: &str, reference: Option<ReferenceDate>) -> Vec<DateMention> {
    let p = DATA.patterns.as_ref().unwrap();
    let plan = Plan::from_union(p, text);
    dates_by_plan(
        &DATA,
        p,
        text,
        reference.and_then(RefCtx::new).as_ref(),
        &plan,
    )
}

fn references() -> [Option<ReferenceDate>; 4] {
    let d = NaiveDate::from_ymd_opt(2024, 6, 27).unwrap();
    [
        None,
        Some(ReferenceDate::day(d)),
        Some(ReferenceDate {
            date: d,
            precision: PublishedPrecision::Month,
        }),
        Some(ReferenceDate {
            date: d,
            precision: PublishedPrecision::Year,
        }),
    ]
}

/// [`find_dates`] (the gate, the matching by hand, each search from the
/// earliest place and up to the last) finds what the patterns searched
/// through every text find.
#[test]
fn finds_what_the_union_of_the_patterns_finds() {
    let mut found = 0;
    for text in check_texts() {
        for reference in references() {
            let dates = find_dates(&text, reference);
            assert_eq!(
                dates,
                dates_by_union(&text, reference),
                "{text:?} {reference:?}"
            );
            found += dates.len();
        }
    }
    assert!(found > 10_000, "{found}");
}

/// Texts with more places of features than a plan keeps are searched
/// without the places past them.
#[test]
fn plans_of_many_places_are_incomplete() {
    let p = DATA.patterns.as_ref().unwrap();
    let text = "on Monday, Tuesday, last Wednesday and Thursday night; ".repeat(5);
    let mut plan = Plan::new();
    assert!(p.gate.scan(&text, &mut plan));
    assert!(!plan.keys_complete);
    assert_eq!(find_dates(&text, None), dates_by_union(&text, None));
}

/// What `full_dates` must give: every match of `full`, searched from the start.
fn full_dates_everywhere(text: &str) -> Vec<(usize, usize)> {
    let p = DATA.patterns.as_ref().unwrap();
    p.full
        .re
        .find_iter(text)
        .map(|m| (m.start(), m.end()))
        .collect()
}

/// The searches of `full` from the years of full dates find every match
/// the search through the whole text finds, in texts, sentences and whole
/// articles, and in the texts joined (a date then follows other dates).
#[test]
fn full_dates_from_their_years_are_every_full_date() {
    let p = DATA.patterns.as_ref().unwrap();
    let mut texts = check_texts();
    texts.extend(sample_articles());
    texts.push(texts.join("\n"));
    let mut found = 0;
    for text in &texts {
        let gated: Vec<(usize, usize)> =
            full_dates(text, p).map(|m| (m.start(), m.end())).collect();
        assert_eq!(gated, full_dates_everywhere(text), "{text:?}");
        found += gated.len();
    }
    assert!(found > 1_000, "{found}");
}

/// Words and separators of the patterns, for random texts.
const WORDS: &[&str] = &[
    "on",
    "On",
    "the",
    "of",
    "in",
    "In",
    "since",
    "SINCE",
    "last",
    "past",
    "next",
    "late",
    "early",
    "mid",
    "this",
    "from",
    "between",
    "and",
    "to",
    "first",
    "half",
    "months",
    "month",
    "Month",
    "week",
    "weeks",
    "days",
    "day",
    "year",
    "YEARS",
    "ago",
    "back",
    "two",
    "twenty-four",
    "a",
    "yesterday",
    "Yesterday",
    "night",
    "earlier",
    "recently",
    "recent",
    "Monday",
    "monday",
    "Tue.",
    "Friday's",
    "evening",
    "June",
    "JUNE",
    "june",
    "Sept",
    "Mar",
    "May",
    "may",
    "March",
    "5",
    "27th",
    "05",
    "2024",
    "1999",
    "12023",
    "06",
    "taliban",
    "takeover",
    "Taliban's",
    "end",
    "ceasefire",
    "9",
    "11",
    "fiscal",
    "current",
    "x",
    "Mondays",
    "ſince",
    "wee\u{212a}",
    "Police",
];
const SEPARATORS: &[&str] = &[
    " ", " ", " ", "  ", "\u{a0}", ", ", ". ", "-", "/", "’", "'", "_", "\n", "–", "., ", "",
];

proptest! {
    /// Random texts of the patterns' words: the gate lets every match
    /// through, and [`find_dates`] finds what the union does.
    #[test]
    fn random_texts_are_read_alike(
        words in proptest::collection::vec(0..WORDS.len(), 0..14),
        separators in proptest::collection::vec(0..SEPARATORS.len(), 14),
    ) {
        let mut text = String::new();
        for (w, s) in words.iter().zip(&separators) {
            text.push_str(WORDS[*w]);
            text.push_str(SEPARATORS[*s]);
        }
        let p = DATA.patterns.as_ref().unwrap();
        check_gate(p, &text);
        let gated: Vec<(usize, usize)> = full_dates(&text, p).map(|m| (m.start(), m.end())).collect();
        prop_assert_eq!(gated, full_dates_everywhere(&text), "{:?}", text);
        for reference in references() {
            prop_assert_eq!(find_dates(&text, reference), dates_by_union(&text, reference), "{:?}", text);
        }
    }
}

/// A byte for the tests of the readers that take text by blocks: the ASCII
/// characters on each side of the letters and digits, a space, and `extra`
/// (bytes of characters outside ASCII, mostly).
fn edge_byte(extra: &[u8]) -> impl Strategy<Value = u8> {
    let mut bytes = vec![
        b'a', b'Z', b'0', b'9', b' ', b'_', b'@', b'[', b'`', b'{', b'/', b':',
    ];
    bytes.extend_from_slice(extra);
    proptest::sample::select(bytes)
}

proptest! {
    /// The bits of a segment, read 64 bytes at a time, are those of its
    /// bytes one by one: ASCII letters and digits, zeros past the end; and
    /// it is not ASCII when a byte is 0x80 or more.
    #[test]
    fn segment_bits_are_those_of_each_byte(
        bytes in proptest::collection::vec(
            prop_oneof![16 => edge_byte(&[0x80, 0xC1, 0xE1, 0xFA]), 1 => any::<u8>()],
            0..=SEGMENT + 64,
        ),
    ) {
        let mut bits = [u64::MAX; SEGMENT / 64 + 2];
        let not_ascii = segment_bits(&bytes, &mut bits);
        let mut expected = [0u64; SEGMENT / 64 + 2];
        for (i, c) in bytes.iter().enumerate() {
            if c.is_ascii_alphanumeric() {
                expected[i / 64] |= 1 << (i % 64);
            }
        }
        prop_assert_eq!(bits, expected);
        prop_assert_eq!(not_ascii, !bytes.is_ascii());
    }
}

proptest! {
    /// [`words_back`], which counts the starts of words 8 bytes at a time,
    /// finds the start that taking the words one by one finds.
    #[test]
    fn words_back_are_found_alike(
        bytes in proptest::collection::vec(
            edge_byte(&[b'^', 0xDF, 0x80, 0xE2, b' ', b'e']),
            0..48,
        ),
        at in 0usize..56,
        n in 0usize..10,
    ) {
        prop_assert_eq!(words_back(&bytes, at, n), words_back_by_word(&bytes, at, n));
    }
}

/// [`month_number`] as it was, with no screen of first bytes and lengths.
fn month_number_by_map(word: &str) -> Option<u32> {
    let data: &DateData = &DATA;
    if let Some(&m) = data.months.get(word) {
        return Some(m);
    }
    if word.len() >= 3 && word.chars().all(|c| c.is_ascii_uppercase()) {
        let title: String = word[..1].to_string() + &word[1..].to_ascii_lowercase();
        return data.months.get(title.as_str()).copied();
    }
    None
}

/// Pieces of words around the month names.
const MONTH_PIECES: &[&str] = &[
    "", "J", "j", "Jan", "JAN", "jan", "uary", "UARY", "Sept", "SEPT", "ember", "EMBER", "May",
    "MAY", "may", "Dec", "x", "É", "é", "1", ".", " ", "Mar", "ch", "CH", "Ju", "ne", "ly",
];

proptest! {
    /// The screen of first bytes and lengths turns away no month name.
    #[test]
    fn month_numbers_are_those_of_the_map(
        pieces in proptest::collection::vec(0..MONTH_PIECES.len(), 0..4),
    ) {
        let word: String = pieces.iter().map(|&i| MONTH_PIECES[i]).collect();
        prop_assert_eq!(month_number(&word), month_number_by_map(&word), "{:?}", word);
    }
}

#[test]
fn every_month_name_is_read() {
    let data: &DateData = &DATA;
    for (&name, &m) in &data.months {
        assert_eq!(month_number(name), Some(m));
        assert_eq!(month_number(&name.to_ascii_uppercase()), Some(m));
        assert_eq!(
            month_number(&name.to_ascii_lowercase()),
            month_number_by_map(&name.to_ascii_lowercase())
        );
    }
}

proptest! {
    /// A [`KeySet`] holds a key exactly when its list does, whatever the
    /// bits of their hashes share.
    #[test]
    fn key_sets_hold_the_keys_of_their_lists(
        words in proptest::collection::vec("[a-z0-9_]{1,17}", 0..24),
        probe in "[a-zA-Z0-9_]{1,17}",
    ) {
        let keys: Vec<u128> = words.iter().filter_map(|w| word_key(w.as_bytes())).collect();
        let set = KeySet::new(keys.clone());
        for key in keys.iter().copied().chain(word_key(probe.as_bytes())).chain([0]) {
            prop_assert_eq!(set.contains(key), keys.contains(&key), "{:#x}", key);
        }
    }
}

#[test]
fn key_sets_hold_the_qualifiers_and_no_other_word_of_the_samples() {
    let qualifiers: Vec<u128> = MONTH_PREPOSITIONS
        .iter()
        .chain(&MONTH_MODIFIERS)
        .filter_map(|p| word_key(p.rsplit(' ').next()?.as_bytes()))
        .collect();
    let set = KeySet::new(qualifiers.clone());
    let mut words = 0;
    for text in sample_articles() {
        for word in text.split(|c: char| !c.is_ascii_alphanumeric()) {
            if let Some(key) = word_key(word.as_bytes()) {
                assert_eq!(set.contains(key), qualifiers.contains(&key), "{word}");
                words += 1;
            }
        }
    }
    assert!(words > 10_000, "{words}");
}
