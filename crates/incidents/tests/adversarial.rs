//! Hostile inputs (issue 6, part 3): each must finish and yield its `documents` row.
//!
//! The corpus is generated here, not stored: empty and blank texts, one enormous
//! line, a million digits, a casualty word 100,000 times, broken UTF-8, NUL bytes,
//! HTML with scripts and entities, Urdu and Pashto, bidirectional controls, emoji,
//! 10,000 numbers on a line, "killed" and then 10,000 victim nouns, and deeply
//! nested brackets and quotes. Sizes are fixed by construction (no timed asserts:
//! the machines are shared); each case prints how long it took, so that
//! `cargo test --release -p incidents --test adversarial -- --nocapture --include-ignored`
//! shows the timings. Two 50 MB lines (one letter, one casualty word) run in every
//! build; the others, and 10,000 dates in a list, are ignored in the default
//! (debug) run, where they take 20 s to minutes: run them in release as above.
//! One of them, a 50 MB line of report sentences, is a known bug (see its test).

use std::collections::HashMap;
use std::sync::LazyLock;
use std::time::Instant;

use incidents::{Article, Extraction, Extractor, Qualifier, Status, Tables};

static EXTRACTOR: LazyLock<Extractor> = LazyLock::new(Extractor::new);

/// A report sentence of the ordinary kind, to embed in hostile surroundings so
/// that the extractor has something to find.
const REPORT: &str = "Two soldiers were martyred and three terrorists killed in an exchange of \
                      fire in North Waziristan's Mir Ali area on Monday, the ISPR said.";

/// What a hostile input is expected to produce.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Expect {
    /// `status = empty`, with a warning.
    Empty,
    /// `status = ok`.
    Ok,
    /// `status = ok` and at least one incident (the embedded report was found).
    Incident,
    /// `status = ok` and nothing read: text that is not an English report.
    Nothing,
}

/// One generated hostile input.
struct Hostile {
    class: &'static str,
    article: Article,
    expect: Expect,
    /// A warning (part of its text) the `documents` row must carry.
    warning: Option<&'static str>,
}

fn text_case(class: &'static str, text: String, expect: Expect) -> Hostile {
    Hostile {
        class,
        article: Article::new(class, text),
        expect,
        warning: None,
    }
}

fn repeat_to(unit: &str, bytes: usize) -> String {
    unit.repeat(bytes / unit.len().max(1) + 1)
}

/// The corpus, by class. The 50 MB line is built separately (see its test).
fn corpus() -> Vec<Hostile> {
    let mut out = vec![
        text_case("empty", String::new(), Expect::Empty),
        text_case(
            "whitespace_only",
            " \t\n\r\n\u{a0}\u{2003}\u{3000}\u{2028}\u{85}".repeat(10_000),
            Expect::Empty,
        ),
        text_case("million_digits", "7".repeat(1_000_000), Expect::Ok),
        text_case(
            "million_digits_as_a_casualty_count",
            format!(
                "A blast killed {} people in Quetta on Monday. {REPORT}",
                "9".repeat(1_000_000)
            ),
            Expect::Incident,
        ),
        text_case(
            "million_digits_with_separators",
            format!(
                "At least {} militants were killed in Bannu.",
                "999,".repeat(250_000) + "9"
            ),
            Expect::Ok,
        ),
        text_case("casualty_word_100k", "killed ".repeat(100_000), Expect::Ok),
        text_case(
            "casualty_word_100k_sentences",
            "Killed. ".repeat(100_000),
            Expect::Ok,
        ),
        text_case(
            "martyred_100k_with_report",
            format!("{REPORT} {}", "martyred ".repeat(100_000)),
            Expect::Incident,
        ),
        text_case("nul_bytes", REPORT.replace(' ', " \0"), Expect::Ok),
        text_case("nul_only", "\0".repeat(100_000), Expect::Empty),
        text_case("html_with_script_and_entities", html(), Expect::Incident),
        text_case("urdu", urdu(), Expect::Nothing),
        text_case("pashto", pashto(), Expect::Nothing),
        text_case(
            "urdu_and_english",
            format!("{}\n{REPORT}\n{}", urdu(), pashto()),
            Expect::Incident,
        ),
        text_case("right_to_left_marks", bidi(), Expect::Ok),
        text_case("emoji", emoji(), Expect::Incident),
        text_case(
            "line_of_10k_numbers",
            (1..=10_000)
                .map(|n| n.to_string())
                .collect::<Vec<_>>()
                .join(" "),
            Expect::Ok,
        ),
        text_case(
            "10k_numbers_after_killed",
            format!(
                "Militants killed {} in Bannu.",
                (1..=10_000)
                    .map(|n| format!("{n} soldiers"))
                    .collect::<Vec<_>>()
                    .join(", ")
            ),
            Expect::Incident,
        ),
        text_case(
            "killed_then_10k_victim_nouns",
            format!(
                "Terrorists killed {} in Lakki Marwat on Monday.",
                [
                    "soldiers",
                    "policemen",
                    "civilians",
                    "children",
                    "militants"
                ]
                .iter()
                .cycle()
                .take(10_000)
                .copied()
                .collect::<Vec<_>>()
                .join(" ")
            ),
            Expect::Ok,
        ),
        text_case(
            "nested_parentheses",
            format!("{}{REPORT}{}", "(".repeat(10_000), ")".repeat(10_000)),
            Expect::Ok,
        ),
        text_case(
            "nested_quotes",
            format!(
                "{}{REPORT}{}",
                "“‘\"'«".repeat(5_000),
                "»'\"’”".repeat(5_000)
            ),
            Expect::Ok,
        ),
        text_case(
            "unbalanced_brackets_and_quotes",
            format!("{REPORT} {}", "([{“\"".repeat(20_000)),
            Expect::Incident,
        ),
        text_case(
            "one_word_of_a_megabyte",
            "Waziristan".repeat(100_000),
            Expect::Ok,
        ),
        text_case(
            "million_newlines_around_a_report",
            format!("{}{REPORT}{}", "\n".repeat(500_000), "\r\n".repeat(250_000)),
            Expect::Incident,
        ),
        text_case(
            "carriage_returns_only_as_line_breaks",
            format!("Headline of a report\r{REPORT}\r{REPORT}\r"),
            Expect::Incident,
        ),
        text_case(
            "byte_order_mark_and_combining_marks",
            format!(
                "\u{feff}{}\u{301}\u{301}\u{301} {REPORT}",
                "e\u{301}".repeat(1_000)
            ),
            Expect::Incident,
        ),
        text_case(
            "10k_places_in_a_list",
            format!(
                "Attacks were reported in {}.",
                ["Bannu", "Quetta", "Peshawar", "Mir Ali", "Zhob", "Turbat", "Kurram"]
                    .iter()
                    .cycle()
                    .take(10_000)
                    .copied()
                    .collect::<Vec<_>>()
                    .join(", ")
            ),
            Expect::Ok,
        ),
        text_case(
            "1k_dates_in_a_list",
            format!(
                "Soldiers were killed on {}.",
                (0..1_000)
                    .map(|i| format!("March {}, {}", i % 28 + 1, 1990 + i % 40))
                    .collect::<Vec<_>>()
                    .join(", ")
            ),
            Expect::Ok,
        ),
        text_case(
            "20k_short_reports",
            format!("{REPORT}\n").repeat(20_000),
            Expect::Incident,
        ),
        text_case(
            "control_characters",
            (0u32..0x20)
                .chain(0x7f..0xa0)
                .filter_map(char::from_u32)
                .cycle()
                .take(50_000)
                .collect::<String>()
                + REPORT,
            Expect::Incident,
        ),
        text_case(
            "replacement_characters_and_noncharacters",
            format!(
                "{}{REPORT}{}",
                "\u{fffd}".repeat(10_000),
                "\u{ffff}\u{10ffff}".repeat(5_000)
            ),
            Expect::Incident,
        ),
    ];
    let mut broken = Vec::new();
    for _ in 0..1_000 {
        broken.extend_from_slice(b"\xff\xfe\xc0\x80\xed\xa0\x80\xf4\x90\x80\x80");
        broken.extend_from_slice(REPORT.as_bytes());
        // A multi-byte character cut in half.
        broken.extend_from_slice(&"ā".as_bytes()[..1]);
    }
    out.push(Hostile {
        class: "invalid_utf8",
        article: Article::from_bytes("invalid_utf8", &broken),
        expect: Expect::Incident,
        warning: Some("UTF-8"),
    });
    out.push(Hostile {
        class: "invalid_utf8_only",
        article: Article::from_bytes("invalid_utf8_only", &[0xff; 100_000]),
        expect: Expect::Empty,
        warning: Some("UTF-8"),
    });
    out.push(Hostile {
        class: "nul_bytes_warned",
        article: Article::new("nul_bytes_warned", format!("{REPORT}\0{REPORT}")),
        expect: Expect::Incident,
        warning: Some("NUL"),
    });
    out.push(Hostile {
        class: "unreadable",
        article: Article::unreadable("unreadable", "permission denied"),
        expect: Expect::Empty,
        warning: Some("permission denied"),
    });
    out
}

fn html() -> String {
    format!(
        "<!DOCTYPE html><html><head><title>Soldiers martyred &amp; terrorists killed</title>\
         <script type=\"text/javascript\">var killed = 5000; if (a < b && c > d) {{ \
         document.write('50 soldiers were killed in Bannu'); }}</script>\
         <style>p {{ color: red; }}</style></head><body>\n\
         <div class=\"story\"><p>{}</p>\n<p>&lt;b&gt;&quot;We will respond,&quot; \
         an official said&#8212;&#x2014;&nbsp;&hellip;</p>\n<!-- <p>Nine policemen killed</p> -->\n\
         <script>{}</script></div></body></html>",
        REPORT.replace("'", "&#39;"),
        "window.x = [1,2,3];".repeat(2_000)
    )
}

/// Urdu, in our own words: "Three soldiers were martyred in a blast in Bannu on Monday."
fn urdu() -> String {
    "پیر کے روز بنوں میں ایک دھماکے میں تین فوجی شہید ہو گئے۔ پولیس کے مطابق دو افراد زخمی ہوئے۔ "
        .repeat(200)
}

/// Pashto, in our own words: "Three soldiers were killed in an explosion in Bannu."
fn pashto() -> String {
    "په بنو کې په یوه چاودنه کې درې سرتیري ووژل شول، او دوه تنه ټپیان شول. ".repeat(200)
}

/// An English report with bidirectional controls and marks between its words.
fn bidi() -> String {
    let marks = [
        '\u{200e}', '\u{200f}', '\u{202a}', '\u{202b}', '\u{202c}', '\u{202d}', '\u{202e}',
        '\u{2066}', '\u{2067}', '\u{2068}', '\u{2069}', '\u{61c}',
    ];
    let mut out = String::new();
    for (i, word) in REPORT.split(' ').cycle().take(2_000).enumerate() {
        out.push_str(word);
        out.push(marks[i % marks.len()]);
        out.push(' ');
    }
    out
}

fn emoji() -> String {
    format!(
        "🚨💥 BREAKING 🇵🇰 {REPORT} 😢🙏🏽 👨‍👩‍👧‍👦 {}\n{REPORT} 🕊️",
        "🔥".repeat(10_000)
    )
}

/// `text[start..end)` in code points.
fn char_slice(text: &str, start: usize, end: usize) -> Option<&str> {
    let mut indices = text.char_indices().map(|(i, _)| i).chain([text.len()]);
    let from = indices.nth(start)?;
    let to = if end == start {
        from
    } else {
        indices.nth(end - start - 1)?
    };
    text.get(from..to)
}

/// Checks one input's rows: its documents row, its status, spans and bounds.
fn check(hostile: &Hostile, out: &Extraction) -> Vec<String> {
    let mut bad = Vec::new();
    let article = &hostile.article;
    let doc = &out.document;
    if doc.doc_id != article.doc_id {
        bad.push(format!("doc_id {}", doc.doc_id));
    }
    let chars = article.text.chars().count();
    if doc.chars as usize != chars {
        bad.push(format!("chars {} for {chars}", doc.chars));
    }
    let status_ok = match (hostile.expect, article.input_error.is_some()) {
        (_, true) => doc.status == Status::Error,
        (Expect::Empty, false) => doc.status == Status::Empty,
        (_, false) => doc.status == Status::Ok,
    };
    if !status_ok {
        bad.push(format!("status {} ({:?})", doc.status, doc.warnings));
    }
    if doc.status != Status::Ok && doc.warnings.is_empty() {
        bad.push(format!("status {} without a warning", doc.status));
    }
    if let Some(warning) = hostile.warning {
        if !doc.warnings.iter().any(|w| w.contains(warning)) {
            bad.push(format!("no warning about {warning}: {:?}", doc.warnings));
        }
    }
    match hostile.expect {
        Expect::Incident if out.incidents.is_empty() => {
            bad.push("the embedded report was not found".to_string());
        }
        Expect::Nothing if !out.incidents.is_empty() || !out.statistics.is_empty() => {
            bad.push(format!(
                "{} incidents and {} statistics read from a text in another language",
                out.incidents.len(),
                out.statistics.len()
            ));
        }
        _ => {}
    }
    if doc.n_incidents as usize != out.incidents.len()
        || doc.n_statistics as usize != out.statistics.len()
    {
        bad.push("n_incidents or n_statistics differ from the rows".to_string());
    }
    let mut claims: HashMap<&str, u32> = HashMap::new();
    for c in &out.casualties {
        *claims.entry(c.incident_id.as_str()).or_default() += 1;
        // "more than 71" states 71 and implies 72, so a `more_than` bound lies above
        // its count; that case and its known bug are the property tests' business.
        if let (Some(l), Some(n)) = (c.low, c.count) {
            if c.qualifier != Qualifier::MoreThan && l > n {
                bad.push(format!("casualty low {l} count {n} ({})", c.qualifier));
            }
        }
        if let (Some(n), Some(h)) = (c.count, c.high) {
            if n > h {
                bad.push(format!("casualty count {n} high {h}"));
            }
        }
        if !article.text.contains(c.evidence.as_str()) {
            bad.push("casualty evidence not in the text".to_string());
        }
    }
    for i in &out.incidents {
        match char_slice(&article.text, i.span_start as usize, i.span_end as usize) {
            Some(span) if span == i.evidence => {}
            span => bad.push(format!(
                "evidence of {} is not text[{}..{}]: {:?} vs {:?}",
                i.incident_id,
                i.span_start,
                i.span_end,
                i.evidence.chars().take(80).collect::<String>(),
                span.map(|s| s.chars().take(80).collect::<String>())
            )),
        }
        if claims.get(i.incident_id.as_str()).copied().unwrap_or(0) != i.n_claims {
            bad.push(format!("n_claims of {}", i.incident_id));
        }
        if let (Some(k), Some(m)) = (i.killed, i.killed_max) {
            if k > m {
                bad.push(format!("killed {k} > killed_max {m}"));
            }
        }
    }
    for s in &out.statistics {
        if [s.low, s.value, s.high]
            .iter()
            .flatten()
            .any(|v| !v.is_finite())
        {
            bad.push(format!(
                "non-finite statistic {:?}",
                (s.low, s.value, s.high)
            ));
        }
        if !article.text.contains(s.evidence.as_str()) {
            bad.push("statistic evidence not in the text".to_string());
        }
    }
    bad
}

/// Reads one hostile input, checks it, and says how long it took.
fn run(hostile: &Hostile) -> (Extraction, Vec<String>) {
    let started = Instant::now();
    let out = EXTRACTOR.extract(&hostile.article);
    let took = started.elapsed();
    eprintln!(
        "{:<42} {:>10} chars {:>8.3}s  status {:<5} incidents {:>5} claims {:>5} statistics {:>4} warnings {:?}",
        hostile.class,
        out.document.chars,
        took.as_secs_f64(),
        out.document.status,
        out.incidents.len(),
        out.casualties.len(),
        out.statistics.len(),
        out.document.warnings
    );
    let bad = check(hostile, &out)
        .into_iter()
        .map(|b| format!("{}: {b}", hostile.class))
        .collect();
    (out, bad)
}

#[test]
fn every_hostile_input_yields_a_sensible_documents_row_alone_and_in_a_batch() {
    let corpus = corpus();
    let mut bad = Vec::new();
    let mut alone = Vec::new();
    for hostile in &corpus {
        let (out, problems) = run(hostile);
        bad.extend(problems);
        alone.push(out);
    }
    assert!(bad.is_empty(), "{bad:#?}");

    // All of them in one batch: one row each, in order, each read as it is alone.
    let articles: Vec<Article> = corpus.iter().map(|h| h.article.clone()).collect();
    let tables = EXTRACTOR.extract_batch(&articles);
    let ids: Vec<&str> = tables.documents.iter().map(|d| d.doc_id.as_str()).collect();
    let expected: Vec<&str> = articles.iter().map(|a| a.doc_id.as_str()).collect();
    assert_eq!(ids, expected);
    let mut one_by_one: Tables = alone.into_iter().collect();
    EXTRACTOR.merge(&mut one_by_one);
    assert_eq!(tables, one_by_one);
}

#[test]
fn counts_too_large_for_the_table_are_not_wrapped() {
    // A count that does not fit UInt32 must not come out as a small number.
    for digits in ["4294967296", "99999999999", "18446744073709551616"] {
        let article = Article::new("big", format!("A blast killed {digits} people in Quetta."));
        let out = EXTRACTOR.extract(&article);
        for c in &out.casualties {
            assert!(
                c.count.is_none_or(|n| n >= 1_000_000),
                "{digits} read as count {:?}",
                c.count
            );
        }
    }
}

/// A single line of 50 MB, cut at the extractor's size limit with a warning.
fn fifty_mb_line(class: &'static str, unit: &str, expect: Expect) {
    const SIZE: usize = 50 * 1024 * 1024;
    let mut line = repeat_to(unit, SIZE);
    line.truncate(SIZE);
    let hostile = Hostile {
        class,
        article: Article::new(class, line),
        expect,
        warning: Some("truncated"),
    };
    let (_, bad) = run(&hostile);
    assert!(bad.is_empty(), "{bad:#?}");
}

#[test]
fn a_50_mb_line_of_one_letter_is_truncated_with_a_warning() {
    fifty_mb_line("50_mb_line_of_one_letter", "a", Expect::Ok);
}

#[test]
fn a_50_mb_line_of_a_casualty_word_is_truncated_with_a_warning() {
    fifty_mb_line("50_mb_line_of_killed", "killed ", Expect::Ok);
}

#[test]
#[ignore = "slow in debug builds (some 20 s); run in release with --include-ignored"]
fn a_50_mb_line_without_full_stops_is_truncated_with_a_warning() {
    fifty_mb_line(
        "50_mb_line_of_words",
        "the convoy moved along the road near the check post without news ",
        Expect::Ok,
    );
}

/// Known bug: reading is quadratic in the number of report sentences of a
/// document (in `assemble::Reader::read`), whatever the line breaks: in a release
/// build 2,000 sentences take 0.2 s, 4,000 take 0.5 s, 8,000 take 2.2 s, so the
/// 8 MB that the size limit lets through (some 57,000 sentences) take minutes.
/// Run it with `cargo test --release -p incidents --test adversarial -- --ignored`.
#[test]
#[ignore = "slow in a debug build: run it with --release; it was quadratic (minutes), now linear (about 3 s for the 8 MB kept)"]
fn a_50_mb_line_of_reports_is_truncated_with_a_warning() {
    fifty_mb_line(
        "50_mb_line_of_reports",
        &format!("{REPORT} "),
        Expect::Incident,
    );
}

/// Date reading grows with the square of the dates in a sentence: in a release
/// build 1,000 dates take 0.1 s, 2,000 take 0.4 s, 4,000 take 1.3 s; in a debug
/// build 10,000 take nearly three minutes.
#[test]
#[ignore = "slow in debug builds (minutes); run in release with --include-ignored"]
fn ten_thousand_dates_in_a_list() {
    let text = format!(
        "Soldiers were killed on {}.",
        (0..10_000)
            .map(|i| format!("March {}, {}", i % 28 + 1, 1990 + i % 40))
            .collect::<Vec<_>>()
            .join(", ")
    );
    let (_, bad) = run(&text_case("10k_dates_in_a_list", text, Expect::Ok));
    assert!(bad.is_empty(), "{bad:#?}");
}

#[test]
fn thousands_of_distinct_reports_in_one_document() {
    // Distinct lines (repeated ones are dropped as scraper duplicates); kept at a
    // size that stays quick despite the quadratic reading above.
    let text: String = (0..2_000)
        .map(|i| format!("{i} soldiers were martyred in Mir Ali on Monday, the ISPR said.\n"))
        .collect();
    let hostile = text_case("2k_distinct_reports", text, Expect::Incident);
    let (_, bad) = run(&hostile);
    assert!(bad.is_empty(), "{bad:#?}");
}
