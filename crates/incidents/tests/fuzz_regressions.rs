//! Inputs the fuzz targets (`fuzz/`, issue 6) found breaking a promise, each
//! minimised and kept here so that the bug stays fixed without a fuzzer.
//!
//! Each test names the target that found it; `fuzz/README.md` lists the runs.

use chrono::NaiveDate;
use incidents::dates::{find_dates, ReferenceDate};
use incidents::{Article, Extraction, Extractor, Qualifier, Status};

fn extract(text: &str) -> Extraction {
    Extractor::new().extract(&Article::from_bytes("fuzz", text.as_bytes()))
}

/// `low <= count` wherever both are set, and `low > count` for `more_than`
/// ("more than 71" implies 72), as SCHEMA.md defines the bounds.
fn casualty_bounds_hold(out: &Extraction) -> Result<(), String> {
    for c in &out.casualties {
        let ok = match (c.low, c.count) {
            (Some(l), Some(n)) if c.qualifier == Qualifier::MoreThan => l > n,
            (Some(l), Some(n)) => l <= n,
            _ => true,
        } && match (c.count, c.high) {
            (Some(n), Some(h)) => n <= h,
            _ => true,
        };
        if !ok {
            return Err(format!(
                "{}: low {:?} count {:?} high {:?} ({}) from {:?}",
                c.incident_id, c.low, c.count, c.high, c.qualifier, c.evidence
            ));
        }
    }
    Ok(())
}

/// Target `extractor`: two counts of the same people in one statement are summed
/// into one row; when the first was "more than" and the second "at least", the
/// row took "at least" from the second while its floor came from the first, one
/// above the summed count (low 6, count 5, `at_least`). The sum of a part "more
/// than" n and others is itself more than the summed count.
#[test]
fn a_sum_with_a_more_than_part_is_more_than_its_count() {
    for text in [
        // As minimised by libFuzzer.
        "Over 0 killed at least 5",
        "More than 20 soldiers were martyred and at least 5 soldiers were injured in Bannu, \
         and at least three soldiers were martyred, police said.",
        "Over 50 killed in Mastung; at least 52 people were killed and five people killed in Hangu.",
    ] {
        let out = extract(text);
        assert_eq!(out.document.status, Status::Ok, "{text}");
        if let Err(e) = casualty_bounds_hold(&out) {
            panic!("{text}\n  {e}");
        }
    }
    // The minimised text is no longer read as two counts of the dead: "0 killed at
    // least 5" makes the first count the agent of an active verb. The same two
    // counts joined by "and" still add up.
    let out = extract("Over 0 killed and at least 5 killed");
    let summed = out
        .casualties
        .iter()
        .find(|c| c.count == Some(5))
        .expect("the two counts are read");
    assert_eq!(
        (summed.qualifier, summed.low),
        (Qualifier::MoreThan, Some(6))
    );
}

/// Target `dates`: "since <anchor>" is a period from the anchor to the end of
/// the reference period. With a reference before the anchor (a dateline of 2020
/// and "since the Taliban returned to power", 2021-08-15; the fuzzer found it with
/// a reference near chrono's first day), the period ended before it began.
#[test]
fn a_period_since_an_anchor_never_ends_before_it_starts() {
    let text = "Attacks on police have risen sharply since the Taliban returned to power in Kabul.";
    for reference in [
        NaiveDate::from_ymd_opt(2020, 1, 1),
        NaiveDate::from_ymd_opt(2021, 8, 14),
        Some(NaiveDate::MIN),
    ] {
        let reference = reference.map(ReferenceDate::day);
        let found = find_dates(text, reference);
        assert!(!found.is_empty(), "the anchor is read");
        for m in &found {
            if let (Some(start), Some(end)) = (m.date, m.period_end) {
                assert!(start <= end, "{reference:?}: {m:?}");
            }
        }
    }
    // The same holds for "since" an explicit month or year after the reference
    // (a wrong dateline, or a reference read from a date the text quotes).
    let reference = NaiveDate::from_ymd_opt(2024, 6, 27).map(ReferenceDate::day);
    for text in [
        "Militants have carried out 40 attacks since March 2025.",
        "Militants have carried out 40 attacks since 2025.",
    ] {
        for m in find_dates(text, reference) {
            if let (Some(start), Some(end)) = (m.date, m.period_end) {
                assert!(start <= end, "{text}: {m:?}");
            }
        }
    }
    // After the anchor the period still runs to the reference day.
    let reference = NaiveDate::from_ymd_opt(2024, 6, 27).map(ReferenceDate::day);
    let since = find_dates(text, reference)
        .into_iter()
        .find(|m| m.is_period)
        .expect("a period");
    assert_eq!(since.period_end, NaiveDate::from_ymd_opt(2024, 6, 27));
}
