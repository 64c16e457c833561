//! The whole extractor on arbitrary bytes, read the way a file is read
//! (`Article::from_bytes`: invalid UTF-8 replaced by U+FFFD, with a warning).
//!
//! A panic anywhere aborts (libFuzzer's panic hook runs before the extractor's
//! own `catch_unwind`), so a bug that the extractor would have turned into a
//! `status = error` row is reported as a crash here. The rows are then checked
//! against the parts of the output contract (SCHEMA.md) that cost one pass over
//! the text: one `documents` row, evidence that is exactly the text at its span
//! in code points, bounds that contain their value, counts that match the rows.
//! The full contract, with vocabularies and batches, is the property tests' job
//! (`crates/incidents/tests/properties.rs`).

#![no_main]

use std::collections::HashMap;
use std::sync::LazyLock;

use chrono::NaiveDate;
use incidents::{Article, DatePrecision, Extraction, Extractor, Qualifier, Status, Tables};
use libfuzzer_sys::fuzz_target;

static EXTRACTOR: LazyLock<Extractor> = LazyLock::new(Extractor::new);

fuzz_target!(|data: &[u8]| {
    let mut article = Article::from_bytes("fuzz", data);
    // Inputs of odd length carry a reference date, so that relative dates
    // ("on Monday", "last year") are resolved on half the runs and left
    // unresolved on the other half, without spending input bytes on it.
    let published = NaiveDate::from_ymd_opt(2024, 6, 27);
    if data.len() % 2 == 1 {
        article = article.with_published(published);
    }
    let out = EXTRACTOR.extract(&article);
    check(&article, std::str::from_utf8(data).is_ok(), &out);

    let tables: Tables = std::iter::once(out).collect();
    assert_eq!(tables.documents.len(), 1, "one documents row per input");
    if let Err(e) = tables.to_record_batches() {
        panic!("rows that Arrow refuses: {e}");
    }
});

/// Byte offset of every code point of `text`, and the end: `starts[i]` is where
/// code point `i` begins, so a span in code points is one slice.
fn char_starts(text: &str) -> Vec<usize> {
    text.char_indices()
        .map(|(i, _)| i)
        .chain(std::iter::once(text.len()))
        .collect()
}

/// `low <= value <= high` wherever set; for `more_than` the bound lies strictly
/// above the stated number ("more than 71" implies 72), as SCHEMA.md says.
fn bounds_hold<T: PartialOrd + Copy>(
    qualifier: Qualifier,
    low: Option<T>,
    value: Option<T>,
    high: Option<T>,
) -> bool {
    let low_ok = match (low, value) {
        (Some(l), Some(v)) if qualifier == Qualifier::MoreThan => l > v,
        (Some(l), Some(v)) => l <= v,
        _ => true,
    };
    let high_ok = match (value, high) {
        (Some(v), Some(h)) => v <= h,
        _ => true,
    };
    let span_ok = match (low, high) {
        (Some(l), Some(h)) => l <= h,
        _ => true,
    };
    low_ok && high_ok && span_ok
}

fn check(article: &Article, valid_utf8: bool, out: &Extraction) {
    let text = article.text.as_str();
    let doc = &out.document;
    assert_eq!(doc.doc_id, article.doc_id);
    let starts = char_starts(text);
    assert_eq!(doc.chars as usize, starts.len() - 1, "chars");
    // Ordinary text never errors: an error row here is a panic caught inside.
    assert_ne!(doc.status, Status::Error, "warnings {:?}", doc.warnings);
    if !text.chars().any(char::is_alphanumeric) {
        assert_eq!(doc.status, Status::Empty, "text without words");
    }
    if doc.status != Status::Ok {
        assert!(
            !doc.warnings.is_empty(),
            "status {} without a warning",
            doc.status
        );
        assert!(out.incidents.is_empty() && out.statistics.is_empty());
    }
    let warned = doc.warnings.iter().any(|w| w.contains("UTF-8"));
    assert_eq!(warned, !valid_utf8, "UTF-8 warning {:?}", doc.warnings);
    if article.published.is_some() {
        assert_eq!(doc.published, article.published, "given date kept");
    }
    assert_eq!(doc.n_incidents as usize, out.incidents.len());
    assert_eq!(doc.n_statistics as usize, out.statistics.len());

    let mut claims: HashMap<&str, u32> = HashMap::new();
    for c in &out.casualties {
        *claims.entry(c.incident_id.as_str()).or_default() += 1;
    }
    for i in &out.incidents {
        let (s, e) = (i.span_start as usize, i.span_end as usize);
        let span = (s <= e && e < starts.len()).then(|| &text[starts[s]..starts[e]]);
        assert_eq!(
            span,
            Some(i.evidence.as_str()),
            "{}: evidence is not text[{s}..{e}]",
            i.incident_id
        );
        assert!(
            !i.evidence.trim().is_empty(),
            "{}: empty evidence",
            i.incident_id
        );
        assert_eq!(
            i.killed.is_some(),
            i.killed_max.is_some(),
            "{}",
            i.incident_id
        );
        if let (Some(k), Some(m)) = (i.killed, i.killed_max) {
            assert!(k <= m, "{}: killed {k} > killed_max {m}", i.incident_id);
        }
        let n = claims.get(i.incident_id.as_str()).copied().unwrap_or(0);
        assert_eq!(i.n_claims, n, "{}: n_claims", i.incident_id);
        assert!((0.0..=1.0).contains(&i.confidence), "{}", i.incident_id);
        if i.date.is_some() {
            assert_ne!(
                i.date_precision,
                DatePrecision::Unknown,
                "{}",
                i.incident_id
            );
        }
        match (i.lat, i.lon) {
            (Some(lat), Some(lon)) => {
                assert!((-90.0..=90.0).contains(&lat) && (-180.0..=180.0).contains(&lon));
            }
            (None, None) => {}
            other => panic!("{}: half a coordinate {other:?}", i.incident_id),
        }
    }
    for c in &out.casualties {
        assert!(
            out.incidents.iter().any(|i| i.incident_id == c.incident_id),
            "casualty of unknown incident {}",
            c.incident_id
        );
        assert!(!c.evidence.is_empty() && text.contains(c.evidence.as_str()));
        assert!(
            bounds_hold(c.qualifier, c.low, c.count, c.high),
            "{}: casualty low {:?} count {:?} high {:?} ({})",
            c.incident_id,
            c.low,
            c.count,
            c.high,
            c.qualifier
        );
        if c.qualifier == Qualifier::Vague {
            assert_eq!(
                c.count, None,
                "{}: a vague amount with a count",
                c.incident_id
            );
        }
    }
    for s in &out.statistics {
        assert!(!s.evidence.is_empty() && text.contains(s.evidence.as_str()));
        assert!(
            [s.low, s.value, s.high]
                .iter()
                .flatten()
                .all(|v| v.is_finite()),
            "{}: non-finite figure {:?}",
            s.stat_id,
            (s.low, s.value, s.high)
        );
        assert!(
            bounds_hold(s.qualifier, s.low, s.value, s.high),
            "{}: statistic low {:?} value {:?} high {:?} ({})",
            s.stat_id,
            s.low,
            s.value,
            s.high,
            s.qualifier
        );
        if let (Some(a), Some(b)) = (s.period_start, s.period_end) {
            assert!(a <= b, "{}: period {a} after {b}", s.stat_id);
        }
    }
}
