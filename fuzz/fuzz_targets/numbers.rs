//! The number reader (`incidents::numbers`) on arbitrary bytes, made text the
//! way the extractor makes a file text (invalid UTF-8 replaced by U+FFFD).
//!
//! Checks, for every mention: a non-empty span inside the text on character
//! boundaries, mentions in order of position, no NaN, bounds that contain the
//! value (`more_than` one above it), and the shapes the module promises: a
//! range has both bounds and no value, a vague amount no value, an exact number
//! no bounds. The same text read twice gives the same mentions.

#![no_main]

use incidents::numbers::{find_numbers, is_counted_noun, word_value, NumberMention};
use incidents::Qualifier;
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let text = String::from_utf8_lossy(data);
    let found = find_numbers(&text);
    let mut last_start = 0;
    for m in &found {
        check(&text, m);
        assert!(m.start >= last_start, "out of order: {found:?}");
        last_start = m.start;
    }
    assert_eq!(found, find_numbers(&text), "a second reading differs");

    // The word helpers the date reader and the assembler call on single words.
    for word in text.split(|c: char| !(c.is_alphanumeric() || c == '-')) {
        if let Some(v) = word_value(word) {
            assert!(v.is_finite() && v >= 0.0, "{word:?} -> {v}");
        }
        let _ = is_counted_noun(word);
    }
});

fn check(text: &str, m: &NumberMention) {
    assert!(m.start < m.end && m.end <= text.len(), "{m:?}");
    assert!(
        text.is_char_boundary(m.start) && text.is_char_boundary(m.end),
        "{m:?}"
    );
    assert!(!m.text(text).trim().is_empty(), "{m:?}");
    for x in [m.value, m.low, m.high].into_iter().flatten() {
        assert!(!x.is_nan(), "NaN in {m:?}");
    }
    if let (Some(lo), Some(hi)) = (m.low, m.high) {
        assert!(lo <= hi, "{m:?}");
    }
    if let Some(v) = m.value {
        if let Some(hi) = m.high {
            assert!(v <= hi, "{m:?}");
        }
        if let Some(lo) = m.low {
            let want = if m.qualifier == Qualifier::MoreThan {
                v + 1.0
            } else {
                v
            };
            assert!(lo == want || lo <= v, "{m:?}");
        }
    }
    match m.qualifier {
        Qualifier::Range => {
            assert!(
                m.low.is_some() && m.high.is_some() && m.value.is_none(),
                "{m:?}"
            );
        }
        Qualifier::Vague => assert!(m.value.is_none(), "{m:?}"),
        Qualifier::Exact => assert!(m.low.is_none() && m.high.is_none(), "{m:?}"),
        _ => {}
    }
}
