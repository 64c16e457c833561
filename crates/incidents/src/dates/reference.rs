//! The reference date of a document, read from its own text.

use super::*;

/// Words before a date that announce it as future rather than past.
const FUTURE_MARKERS: &[&str] = &[
    "will ",
    "would ",
    "scheduled",
    "due to",
    "due on",
    "expected",
    "deadline",
    "next ",
    "upcoming",
    "until ",
    "till ",
    "postponed to",
];

/// Words that open a dateline or a publication line.
const DATELINE_MARKERS: &[&str] = &[
    "published",
    "updated",
    "posted",
    "dated",
    "date:",
    "last modified",
];

/// How far into a text a date still counts as part of its opening lines.
const OPENING_BYTES: usize = 300;

pub(super) fn explicit_reference(text: &str, p: &Patterns) -> Option<ReferenceDate> {
    let mut dateline: Option<NaiveDate> = None;
    let mut latest: Option<NaiveDate> = None;
    for whole in full_dates(text, p) {
        let Some(date) = full_date_value(whole.as_str()) else {
            continue;
        };
        let line_start = text[..whole.start()].rfind('\n').map_or(0, |i| i + 1);
        let prefix = &text[line_start..whole.start()];
        // A date in the opening lines or alone at the start of its line is
        // a dateline before its line is read in lower case (no copy made):
        // most reports open with one, and the search ends there.
        let opening = whole.start() < OPENING_BYTES || prefix.trim().is_empty();
        let prefix_lower = if opening {
            String::new()
        } else {
            prefix.to_ascii_lowercase()
        };
        let dateline_like = opening
            || DATELINE_MARKERS.iter().any(|m| prefix_lower.contains(m))
            || is_place_prefix(prefix);
        if dateline_like {
            // The first dateline wins over any later date, so the rest of the
            // text need not be searched: most reports open with one.
            dateline = Some(date);
            break;
        }
        let sentence_start = prefix.rfind(['.', '!', '?']).map_or(0, |i| i + 1);
        let sentence = &prefix_lower[sentence_start..];
        if FUTURE_MARKERS.iter().any(|m| sentence.contains(m)) {
            continue;
        }
        if latest.is_none_or(|l| date > l) {
            latest = Some(date);
        }
    }
    dateline.or(latest).map(ReferenceDate::day)
}

/// The matches of `full` in `text`, as `find_iter` gives them. Each search
/// starts at the earliest place the next match can start: `lead[FULL]` words
/// before the next year where a full date can hold its year (most texts have
/// few, many none), so the automaton is not run over the prose between.
pub(super) fn full_dates<'t>(
    text: &'t str,
    p: &'t Patterns,
) -> impl Iterator<Item = regex::Match<'t>> + 't {
    let b = text.as_bytes();
    let lead = p.gate.lead[FULL];
    let mut years = p.gate.full_date_years(b);
    // Where the last match ended: the next one starts there or after, and
    // holds a year at or after its start.
    let mut pos = 0;
    std::iter::from_fn(move || {
        let year = years.find(|&y| y >= pos)?;
        let from = pos.max(words_back(b, year, lead));
        let whole = p.full.re.find_at(text, from)?;
        pos = whole.end();
        Some(whole)
    })
}

/// "PESHAWAR, " or "ISLAMABAD (Reuters) - ": a place in capitals opening a line.
fn is_place_prefix(prefix: &str) -> bool {
    let t = prefix.trim();
    let letters: Vec<char> = t.chars().filter(|c| c.is_alphabetic()).collect();
    letters.len() >= 3
        && t.len() < 60
        && letters.iter().filter(|c| c.is_uppercase()).count() * 10 >= letters.len() * 7
}

pub(super) fn weekday_reference(text: &str, p: &Patterns) -> Option<ReferenceDate> {
    // Most texts name no weekday before a date; one search says so, where the
    // captures of every date would not.
    if !p.weekday_month_day.is_match(text) {
        return None;
    }
    let mut candidates = Vec::new();
    let mut it = p.month_day.captures(text);
    while let Some(c) = it.next() {
        let (wd, month, day) = if c.name(G::Da).is_some() {
            (
                group_weekday(&c, G::Wa),
                group_month(&c, G::Ma),
                num(&c, G::Da),
            )
        } else {
            (
                group_weekday(&c, G::Wb),
                group_month(&c, G::Mb),
                num(&c, G::Db),
            )
        };
        if let (Some(wd), Some(month), Some(day)) = (wd, month, day) {
            candidates.push((wd, month, day));
        }
    }
    if candidates.is_empty() {
        return None;
    }
    let max_year = crate::numbers::find_numbers(text)
        .iter()
        .filter(|n| n.kind == crate::numbers::NumberKind::Year)
        .filter_map(|n| n.high.or(n.value))
        .filter(|y| (1900.0..=2100.0).contains(y))
        .map(|y| y as i32)
        .max();
    candidates
        .into_iter()
        .filter_map(|(wd, month, day)| {
            let y = year_of_weekday(month, day, wd, max_year)?;
            NaiveDate::from_ymd_opt(y, month, day)
        })
        .max()
        .map(ReferenceDate::day)
}

pub(super) fn this_year_reference(text: &str, p: &Patterns) -> Option<ReferenceDate> {
    // As in `weekday_reference`: one search instead of the captures of every span.
    if !names_this_year(text, p) {
        return None;
    }
    let mut this_year_parts = Vec::new();
    let mut dated_parts: Vec<(String, i32)> = Vec::new();
    let mut it = p.span.captures(text);
    while let Some(c) = it.next() {
        let Some(of) = c.name(G::Of) else { continue };
        let key = normalize(&format!(
            "{} {} {}",
            c.name(G::Which).map_or("", |m| m.as_str()),
            c.name(G::N).map_or("", |m| m.as_str()),
            c.name(G::Unit).map_or("", |m| m.as_str())
        ));
        let of = normalize(of.as_str());
        if of.starts_with("this") || of.contains("current") || of.contains("present") {
            this_year_parts.push(key);
        } else if let Ok(y) = of.parse::<i32>() {
            dated_parts.push((key, y));
        }
    }
    let same_part = this_year_parts.iter().find_map(|key| {
        dated_parts
            .iter()
            .find(|(k, _)| k == key)
            .and_then(|(_, y)| year_start(*y))
    });
    // "this year" alone beside "the first nine months of 2022": a part of a year
    // counted up to now is written in that year (the latest, when several are compared).
    let year_to_date = || {
        dated_parts
            .iter()
            .filter(|(key, _)| key.starts_with("first"))
            .map(|(_, y)| *y)
            .max()
            .and_then(year_start)
    };
    same_part.or_else(year_to_date).map(|date| ReferenceDate {
        date,
        precision: PublishedPrecision::Year,
    })
}

/// How many words before its "year" a match of `this_year` can start: "the
/// present calendar year", with "ſ" (which the pattern folds onto "s" and
/// which is no byte of a word) splitting "preſent" and "fiſcal" in two.
const THIS_YEAR_LEAD: usize = 5;

/// Whether `this_year` matches `text`, searched only in the words before
/// each "year" (in any case: no letter not ASCII folds onto those four),
/// with which each match ends. The pattern has no look-around, so it
/// matches in a piece of the text exactly where it matches the text there.
pub(super) fn names_this_year(text: &str, p: &Patterns) -> bool {
    let b = text.as_bytes();
    memchr::memchr2_iter(b'y', b'Y', b).any(|at| {
        let end = at + 4;
        b.get(at..end)
            .is_some_and(|w| w.eq_ignore_ascii_case(b"year"))
            && text
                .get(words_back(b, at, THIS_YEAR_LEAD)..end)
                .is_some_and(|piece| p.this_year.is_match(piece))
    })
}

/// A dateline that gives a month and day but no year: "PESHAWAR, Jan 14:",
/// "QUETTA, Oct 5 —", "Peshawar, Jan 30 (Reuters) -". Only a line's opening
/// place name may precede the date.
static YEARLESS_DATELINE: LazyLock<Option<Regex>> = LazyLock::new(|| {
    Regex::new(
        r"(?m)^[ \t]*[A-Z][A-Za-z.'/ -]{1,48},[ \t]*([A-Z][a-z]{2,8})\.?[ \t]+(\d{1,2})\b[ \t]*(?:\(|:|[—–-])",
    )
    .ok()
});

/// What [`yearless_dateline`] reads of a line.
#[derive(Debug, PartialEq)]
enum Opening<'l> {
    /// The month and the day of [`YEARLESS_DATELINE`]'s match (its groups).
    Dateline(&'l str, &'l str),
    /// No match.
    None,
    /// A digit not ASCII where the day can be: the pattern's `\d` takes any
    /// decimal digit, so the pattern itself must say.
    Unsure,
}

/// [`YEARLESS_DATELINE`] at the start of `line` (a line of a text, without
/// its newline), read byte by byte. Each part of the pattern is followed by
/// a byte it cannot take, so each takes the longest run it can, and the
/// match, if any, is the one way through: after spaces or tabs a capital,
/// 1 to 48 letters, spaces or `.'/-` and a comma (the first of the line);
/// spaces or tabs; a capital and 2 to 8 small letters (the month); perhaps
/// a full stop; spaces or tabs; 1 or 2 digits (the day); spaces or tabs;
/// `(`, `:`, `-`, `–` or `—`. The pattern, run over a whole line that opens
/// with a place and a comma but is no dateline, tried it at every byte.
fn yearless_dateline(line: &str) -> Opening<'_> {
    let b = line.as_bytes();
    let run = |from: usize, take: fn(u8) -> bool| {
        b.get(from..)
            .map_or(0, |rest| rest.iter().take_while(|&&c| take(c)).count())
    };
    let blank = |c: u8| c == b' ' || c == b'\t';
    let mut i = run(0, blank);
    if !b.get(i).is_some_and(u8::is_ascii_uppercase) {
        return Opening::None;
    }
    i += 1;
    // A place of more than 48 bytes is no dateline: its run is read no
    // further than that (most lines open with a capital and run on in
    // letters and spaces to their first comma, far past it).
    let place = b.get(i..).map_or(0, |rest| {
        rest.iter()
            .take(49)
            .take_while(|&&c| c.is_ascii_alphabetic() || b".'/ -".contains(&c))
            .count()
    });
    if !(1..=48).contains(&place) || b.get(i + place) != Some(&b',') {
        return Opening::None;
    }
    i += place + 1;
    i += run(i, blank);
    let month_start = i;
    if !b.get(i).is_some_and(u8::is_ascii_uppercase) {
        return Opening::None;
    }
    i += 1;
    let small = run(i, |c| c.is_ascii_lowercase());
    if !(2..=8).contains(&small) {
        return Opening::None;
    }
    i += small;
    let month_end = i;
    i += usize::from(b.get(i) == Some(&b'.'));
    let spaces = run(i, blank);
    if spaces == 0 {
        return Opening::None;
    }
    i += spaces;
    let day_start = i;
    i += run(i, |c| c.is_ascii_digit());
    if b.get(i).is_some_and(|c| !c.is_ascii()) {
        return Opening::Unsure;
    }
    if !(1..=2).contains(&(i - day_start)) {
        return Opening::None;
    }
    let day_end = i;
    i += run(i, blank);
    // Every byte before `i` is ASCII, so `i` is a boundary of `line`.
    let closed = line
        .get(i..)
        .is_some_and(|rest| rest.starts_with(['(', ':', '-', '–', '—']));
    match (
        line.get(month_start..month_end),
        line.get(day_start..day_end),
    ) {
        (Some(month), Some(day)) if closed => Opening::Dateline(month, day),
        _ => Opening::None,
    }
}

/// [`YEARLESS_DATELINE`]'s month and day in `line`, by the pattern itself.
fn yearless_dateline_by_pattern<'l>(dateline: &Regex, line: &'l str) -> Option<(&'l str, &'l str)> {
    let c = dateline.captures(line)?;
    Some((c.get(1)?.as_str(), c.get(2)?.as_str()))
}

static YEAR_WORD: LazyLock<Option<Regex>> =
    LazyLock::new(|| Regex::new(r"\b(?:19[5-9]\d|20\d\d)\b").ok());

static WEEKDAY_WORD: LazyLock<Option<Regex>> = LazyLock::new(|| {
    Regex::new(r"\b(Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday)\b").ok()
});

/// Reports name the day they were filed ("the police said on Saturday"), and the
/// press dates its datelines without the year. The weekday named most often is
/// taken for the dateline's day; the year is then the first at or after the
/// latest year the text mentions in which that day falls on that weekday, or
/// without one the latest up to [`LATEST_YEAR`]. Ties between weekdays go to the
/// later date.
pub(super) fn dateline_weekday_reference(text: &str) -> Option<ReferenceDate> {
    let dateline = YEARLESS_DATELINE.as_ref()?;
    let weekdays = WEEKDAY_WORD.as_ref()?;
    let opening = &text[..crate::text::floor_boundary(text, OPENING_BYTES * 2)];
    // Each line alone: the pattern's literal comma made it try every comma of
    // the opening.
    let (month, day) = opening
        .split('\n')
        .find_map(|line| match yearless_dateline(line) {
            Opening::Dateline(month, day) => Some((month, day)),
            Opening::None => None,
            Opening::Unsure => yearless_dateline_by_pattern(dateline, line),
        })?;
    let month = month_number(month)?;
    let day: u32 = day.parse().ok()?;
    let data: &DateData = &DATA;
    let mut counts = [0usize; 7];
    for m in weekdays.find_iter(text) {
        if let Some(wd) = data.weekdays.get(&m.as_str().to_ascii_lowercase()) {
            counts[wd.num_days_from_monday() as usize] += 1;
        }
    }
    let most = *counts.iter().max()?;
    if most == 0 {
        return None;
    }
    // Any year the text names: a report is not older than the latest of them
    // ("2022 had been the deadliest year" is read as a count by the number parser).
    let min_year = YEAR_WORD
        .as_ref()?
        .find_iter(text)
        .filter_map(|m| m.as_str().parse::<i32>().ok())
        .filter(|y| *y <= LATEST_YEAR)
        .max();
    (0u32..7)
        .filter(|&i| counts[i as usize] == most)
        .filter_map(|i| {
            let year = year_of_weekday(month, day, weekday_from_index(i)?, min_year)?;
            NaiveDate::from_ymd_opt(year, month, day)
        })
        .max()
        .map(ReferenceDate::day)
}

#[cfg(test)]
#[allow(clippy::unwrap_used)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    /// `yearless_dateline` reads a line as the pattern does: the same month
    /// and day where the pattern matches, nothing where it does not.
    fn check(line: &str) {
        let dateline = YEARLESS_DATELINE.as_ref().unwrap();
        let by_pattern = yearless_dateline_by_pattern(dateline, line);
        match yearless_dateline(line) {
            Opening::Dateline(month, day) => assert_eq!(by_pattern, Some((month, day)), "{line:?}"),
            Opening::None => assert_eq!(by_pattern, None, "{line:?}"),
            Opening::Unsure => {}
        }
    }

    #[test]
    fn datelines_without_a_year_are_read_as_the_pattern_reads_them() {
        let read = |line| match yearless_dateline(line) {
            Opening::Dateline(month, day) => Some((month, day)),
            _ => None,
        };
        assert_eq!(read("PESHAWAR, Jan 14: Two"), Some(("Jan", "14")));
        assert_eq!(read("  QUETTA,\tOct. 5 — A"), Some(("Oct", "5")));
        assert_eq!(read("Peshawar, Jan 30 (Reuters) -"), Some(("Jan", "30")));
        assert_eq!(read("D.I. Khan, Sept 9 - "), Some(("Sept", "9")));
        assert_eq!(read("Meanwhile, Police said 5 - 6"), None);
        assert_eq!(read("PESHAWAR, Jan 140: Two"), None);
        assert_eq!(read("PESHAWAR, January 14, 2024 —"), None);
        // A place of a capital and 48 bytes more is one; one byte longer, none.
        let longest = format!("{}, Jan 14: Two", "A".repeat(49));
        let too_long = format!("{}, Jan 14: Two", "A".repeat(50));
        assert_eq!(read(&longest), Some(("Jan", "14")));
        assert_eq!(read(&too_long), None);
        check(&longest);
        check(&too_long);
        assert_eq!(yearless_dateline("KARACHI, Jan ٣ —"), Opening::Unsure);
        let mut lines = 0;
        for text in crate::sample_texts::sample_articles() {
            for line in text.split('\n') {
                check(line);
                lines += 1;
            }
        }
        assert!(lines > 1_000, "{lines}");
    }

    #[test]
    fn dates_past_the_opening_are_read_by_their_lines() {
        let p = DATA.patterns.as_ref().unwrap();
        let filler = "Police said the attack was carried out by unknown men. ".repeat(8);
        let june_27 = Some(ReferenceDate::day(
            NaiveDate::from_ymd_opt(2024, 6, 27).unwrap(),
        ));
        // Alone at the start of its line: a dateline.
        let alone = format!("{filler}\nJune 27, 2024\nMore. July 3, 2024.");
        assert_eq!(explicit_reference(&alone, p), june_27);
        // After a publication line's marker, in any case: a dateline.
        let published = format!("{filler}\nPUBLISHED ON June 27, 2024. July 3, 2024.");
        assert_eq!(explicit_reference(&published, p), june_27);
        // Announced as future: passed over for the latest past one.
        let future =
            format!("{filler}Talks will resume on July 3, 2024. It began on June 27, 2024.");
        assert_eq!(explicit_reference(&future, p), june_27);
    }

    /// Words of `this_year` and round it, for random texts.
    const YEAR_WORDS: &[&str] = &[
        "this", "THIS", "thiſ", "the", "The", "current", "present", "preſent", "calendar",
        "fiſcal", "fiscal", "year", "YEAR", "Year", "years", "yearly", "of", "in", "2022", "x",
        "Kelvin",
    ];
    const YEAR_SEPARATORS: &[&str] = &[" ", "  ", "\u{a0}", "\n", "", "-", ", ", "\u{2003}"];

    proptest! {
        /// The search before each "year" finds a match where the search of the
        /// whole text does.
        #[test]
        fn this_year_is_found_where_the_whole_search_finds_it(
            words in proptest::collection::vec((0..YEAR_WORDS.len(), 0..YEAR_SEPARATORS.len()), 0..10),
        ) {
            let p = DATA.patterns.as_ref().unwrap();
            let text: String = words
                .iter()
                .map(|&(w, s)| format!("{}{}", YEAR_WORDS[w], YEAR_SEPARATORS[s]))
                .collect();
            prop_assert_eq!(names_this_year(&text, p), p.this_year.is_match(&text), "{:?}", text);
        }
    }

    #[test]
    fn this_year_is_found_in_the_sample_articles() {
        let p = DATA.patterns.as_ref().unwrap();
        let mut found = 0;
        for text in crate::sample_texts::sample_articles() {
            assert_eq!(names_this_year(&text, p), p.this_year.is_match(&text));
            found += usize::from(names_this_year(&text, p));
        }
        for text in [
            "the present fiſcal year",
            "in the current\u{a0}calendar  YEAR",
            "thiſ year",
        ] {
            assert!(names_this_year(text, p), "{text:?}");
        }
        assert!(found > 0);
    }

    /// Each part of a dateline in turn, each with other bytes it may meet.
    const PARTS: &[&[&str]] = &[
        &["", " ", "\t ", "é"],
        &[
            "PESHAWAR",
            "D.I. Khan",
            "Peshawar",
            "peshawar",
            "P",
            "A-b/c'd",
            "X_Y",
            "Karachi",
        ],
        &[
            "",
            " City",
            "xxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx",
        ],
        &[",", ", ", "", ";"],
        &["", " ", "\t"],
        &["Jan", "January", "JAN", "Ja", "Septembers", "Oct", "jan"],
        &["", ".", ","],
        &[" ", "", "\t", "  "],
        &["5", "14", "140", "٣", "1٣", "", "05"],
        &["", " ", "\t", "a", "é"],
        &["(", ":", "—", "–", "-", "", ",", "Reuters"],
        &["", " Reuters) - Two", ", 2024"],
    ];

    proptest! {
        #[test]
        fn random_openings_are_read_as_the_pattern_reads_them(
            choices in proptest::collection::vec(0..16usize, PARTS.len()),
        ) {
            let line: String = PARTS
                .iter()
                .zip(&choices)
                .map(|(part, &i)| part[i % part.len()])
                .collect();
            check(&line);
        }
    }
}
