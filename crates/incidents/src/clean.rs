//! Web clutter: lines a scraper leaves in an article that are not its text.
//!
//! Nothing is deleted: cleaning marks which lines of the document as given are
//! body text, so every offset later reported is an offset into the original.

use std::ops::Range;
use std::sync::LazyLock;

use regex::RegexSet;

/// Patterns of whole lines that are page furniture, one per line of `data/clutter.txt`.
/// A dateline: capitalised place names, then optionally a country, weekday, date and
/// agency, then a colon or dash: "PESHAWAR:", "ISLAMABAD/KABUL, Monday, March 18 —",
/// "KHAR, Pakistan, July 31 (AFP) —", "GWADAR, 20 March 2024:".
static DATELINE: LazyLock<regex::Regex> = LazyLock::new(|| {
    #[allow(clippy::expect_used)]
    regex::Regex::new(
        r"^[A-Z][A-Z.'’\- ]{2,40}(?:\s*/\s*[A-Z][A-Z.'’\- ]{2,40})*(?:,[^:—–\n]{0,60}?)?(?:\s*\([A-Za-z ]{1,20}\))?\s*(?::|—|–|-\s)",
    )
    .expect("the dateline pattern compiles")
});

static CLUTTER: LazyLock<RegexSet> = LazyLock::new(|| {
    let patterns: Vec<String> = include_str!("../data/clutter.txt")
        .lines()
        .filter(|l| !l.trim().is_empty() && !l.starts_with('#'))
        .map(|l| format!("(?i)^(?:{})$", l.trim()))
        .collect();
    #[allow(clippy::expect_used)]
    RegexSet::new(patterns).expect("data/clutter.txt holds valid patterns (checked by tests)")
});

/// A document split into its headline and body lines.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct CleanDocument {
    /// Byte range of the headline, when the first line of text reads as one.
    pub title: Option<Range<usize>>,
    /// Byte ranges of the body lines, in order, trimmed, clutter and repeats left out.
    pub lines: Vec<Range<usize>>,
    /// How many clutter lines were passed over.
    pub clutter_lines: usize,
    /// Byte ranges of datelines opening body lines ("QUETTA, March 5 (Reuters) -"):
    /// where a report was filed, which is not always where the event happened.
    pub datelines: Vec<Range<usize>>,
}

impl CleanDocument {
    /// Whether any text is left to read.
    pub fn is_empty(&self) -> bool {
        self.lines.is_empty() && self.title.is_none()
    }
}

/// Whether a trimmed line is page furniture rather than text.
///
/// ```
/// use incidents::clean::is_clutter;
/// assert!(is_clutter("- Advertisement -"));
/// assert!(is_clutter("5 Min Read"));
/// assert!(!is_clutter("Two soldiers were martyred in Bannu."));
/// ```
pub fn is_clutter(line: &str) -> bool {
    is_trimmed_clutter(line.trim())
}

/// [`is_clutter`] of a line already trimmed.
fn is_trimmed_clutter(line: &str) -> bool {
    !has_word_char(line) || CLUTTER.is_match(line)
}

/// Whether `line` holds a letter or digit ([`WORD_CHAR`]). An ASCII letter or digit
/// is one, and nearly every line has one among its first bytes: the regular
/// expression is left for lines without any.
fn has_word_char(line: &str) -> bool {
    line.bytes().any(|b| b.is_ascii_alphanumeric()) || WORD_CHAR.is_match(line)
}

/// Whether [`DATELINE`] can match at the start of `line`, read from its first two
/// bytes: it needs an ASCII capital and then a capital, `.`, `'`, `-`, a space or
/// a `’` (whose first byte is 0xE2). Most body lines begin "Police said" and are
/// ruled out here, without a search.
fn may_open_with_dateline(line: &str) -> bool {
    match line.as_bytes() {
        [first, second, ..] => {
            first.is_ascii_uppercase()
                && (second.is_ascii_uppercase()
                    || matches!(second, b'.' | b'\'' | b'-' | b' ' | 0xe2))
        }
        _ => false,
    }
}

/// A letter or a digit of any script (Unicode categories L and N): what a line needs
/// to hold words. Not `char::is_alphanumeric`, which also takes the combining marks
/// that are "alphabetic" (Arabic U+0610): a line of marks alone is no text.
static WORD_CHAR: LazyLock<regex::Regex> = LazyLock::new(|| {
    #[allow(clippy::expect_used)]
    regex::Regex::new(r"[\p{L}\p{N}]").expect("the word-character class compiles")
});

/// Splits `text` into headline and body lines, leaving out clutter and repeated lines.
///
/// ```
/// use incidents::clean::clean;
/// let text = "Blast kills four in Quetta\n\n3 Min Read\n\nA blast killed four people in Quetta.\n";
/// let doc = clean(text);
/// assert_eq!(&text[doc.title.clone().unwrap()], "Blast kills four in Quetta");
/// assert_eq!(doc.lines.len(), 1);
/// ```
pub fn clean(text: &str) -> CleanDocument {
    let mut doc = CleanDocument::default();
    let mut seen: Vec<&str> = Vec::new();
    let mut offset = 0;
    // The lines of `text.split_inclusive('\n')`, each found by one memchr.
    while offset < text.len() {
        let start = offset;
        offset =
            memchr::memchr(b'\n', &text.as_bytes()[start..]).map_or(text.len(), |i| start + i + 1);
        let raw = &text[start..offset];
        let after_lead = raw.trim_start();
        let lead = raw.len() - after_lead.len();
        let line = after_lead.trim_end();
        if line.is_empty() {
            continue;
        }
        if is_trimmed_clutter(line) {
            doc.clutter_lines += 1;
            continue;
        }
        // Scraped pages repeat the headline; the first copy is the one that counts.
        if line.len() < 400 && seen.contains(&line) {
            doc.clutter_lines += 1;
            continue;
        }
        if line.len() < 400 {
            seen.push(line);
        }
        let range = start + lead..start + lead + line.len();
        if doc.title.is_none() && doc.lines.is_empty() && reads_as_headline(line) {
            doc.title = Some(range);
        } else {
            if let Some(found) = may_open_with_dateline(line)
                .then(|| DATELINE.find(line))
                .flatten()
            {
                doc.datelines.push(range.start..range.start + found.end());
            }
            doc.lines.push(range);
        }
    }
    // A text of one line is its own body, headline or not.
    if doc.lines.is_empty() {
        if let Some(title) = doc.title.take() {
            doc.lines.push(title);
        }
    }
    doc
}

fn reads_as_headline(line: &str) -> bool {
    // Counting stops past 30: a body paragraph has hundreds of words.
    let words = words_up_to_31(line);
    let ends_sentence = line.ends_with(['.', '!', '?', '"', '”', ':', ';']);
    (2..=30).contains(&words)
        && !ends_sentence
        && !(may_open_with_dateline(line) && DATELINE.is_match(line))
}

/// The high bit of each of the 8 bytes of `v` set where the byte is ASCII
/// white space as `char::is_whitespace` has it: a space, or 0x09 to 0x0D.
#[inline(always)]
pub(crate) fn ascii_space_high_bits(v: u64) -> u64 {
    const LANES: u64 = 0x0101_0101_0101_0101;
    const HIGH: u64 = LANES * 0x80;
    // A byte below 0x80 plus (0x80 - lo) stays below 0x100, so no carry
    // crosses bytes, and its high bit says whether it is at least `lo`.
    let low = v & !HIGH;
    let at_least = |lo: u8| low.wrapping_add(LANES * u64::from(0x80 - lo));
    let spaced = low ^ (LANES * 0x20);
    let space = !(spaced.wrapping_add(LANES * 0x7F) | spaced);
    let control = at_least(0x09) & !at_least(0x0E);
    (space | control) & !v & HIGH
}

/// How many of the 8 bytes of `h` have their high bit set, where `h` has no
/// other bit set: the bits moved down to the low bit of each byte and summed
/// by one product into the top byte (a sum of at most 8 carries into no
/// other byte). The target has no instruction that counts bits, and
/// `count_ones` is some twenty instructions of shifts and masks there.
#[inline(always)]
pub(crate) fn count_high_bits(h: u64) -> u32 {
    ((h >> 7).wrapping_mul(0x0101_0101_0101_0101) >> 56) as u32
}

/// `line.split_whitespace().take(31).count()`, read 8 bytes at a time where
/// they are ASCII (a test of each byte, no branch on it), a character at a
/// time elsewhere.
fn words_up_to_31(line: &str) -> usize {
    const LANES: u64 = 0x0101_0101_0101_0101;
    const HIGH: u64 = LANES * 0x80;
    let b = line.as_bytes();
    let mut words = 0;
    // Whether the byte before `at` is in a word.
    let mut in_word = false;
    let mut at = 0;
    while at < b.len() && words <= 30 {
        if let Some(Ok(eight)) = b.get(at..at + 8).map(<[u8; 8]>::try_from) {
            let v = u64::from_le_bytes(eight);
            if v & HIGH == 0 {
                let word = !ascii_space_high_bits(v) & HIGH;
                let starts = word & !((word << 8) | (u64::from(in_word) << 7));
                words += count_high_bits(starts) as usize;
                in_word = word >> 63 != 0;
                at += 8;
                continue;
            }
        }
        let Some(c) = line.get(at..).and_then(|rest| rest.chars().next()) else {
            break;
        };
        let space = c.is_whitespace();
        words += usize::from(!space && !in_word);
        in_word = !space;
        at += c.len_utf8();
    }
    words.min(31)
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Texts of the bytes where the byte-wise reading turns to the general one.
    const PIECES: &[&str] = &[
        " ",
        "  ",
        "\t",
        "\u{b}",
        "\u{c}",
        "\r",
        "\n",
        "\u{85}",
        "\u{a0}",
        "\u{1680}",
        "\u{2003}",
        "\u{2028}",
        "\u{202f}",
        "\u{205f}",
        "\u{3000}",
        "’",
        "é",
        "a",
        "Word",
        "x1",
        "\u{1f}",
        "\u{e}",
        "\u{8}",
        "!",
        "~",
        "\u{7f}",
        "ab cd ef gh",
        "abcdefghij",
    ];

    proptest::proptest! {
        /// The words counted 8 bytes at a time are those `split_whitespace` gives.
        #[test]
        fn words_are_counted_as_split_whitespace_counts(
            pieces in proptest::collection::vec(0..PIECES.len(), 0..60),
        ) {
            let text: String = pieces.iter().map(|&i| PIECES[i]).collect();
            proptest::prop_assert_eq!(
                words_up_to_31(&text),
                text.split_whitespace().take(31).count(),
                "{:?}", text
            );
        }
    }

    proptest::proptest! {
        /// The high bits counted by one product are those `count_ones` counts.
        #[test]
        fn high_bits_are_counted_as_count_ones_counts(h in proptest::prelude::any::<u64>()) {
            let high = h & 0x8080_8080_8080_8080;
            proptest::prop_assert_eq!(count_high_bits(high), high.count_ones());
        }
    }

    #[test]
    fn every_set_of_high_bits_is_counted() {
        for pattern in 0u64..256 {
            let high = (0..8)
                .filter(|i| pattern >> i & 1 != 0)
                .fold(0u64, |h, i| h | 0x80 << (8 * i));
            assert_eq!(count_high_bits(high), high.count_ones(), "{high:#x}");
        }
    }

    #[test]
    fn a_line_of_combining_marks_alone_is_clutter() {
        // Found by the Python property test: U+0610 is "alphabetic" to Rust but
        // not a letter, so the text had no words and still read as a body line.
        assert!(is_clutter("\u{610}"));
        assert!(is_clutter("\u{610}\u{64b} \u{651}"));
        assert!(!is_clutter("\u{628}\u{64e}\u{646}\u{651}\u{648}"));
        assert!(!is_clutter("2024"));
    }

    #[test]
    fn clutter_patterns_compile() {
        assert!(is_clutter("top of page"));
        assert!(is_clutter("Ad imageAd image"));
        assert!(is_clutter("Leave a comment"));
        assert!(is_clutter("Photo: Radio Pakistan"));
    }

    #[test]
    fn the_dateline_screen_passes_every_dateline() {
        for line in [
            "PESHAWAR: Security sources said",
            "D.I. KHAN: Police",
            "A-B: x",
            "O’HARA: x",
            "AB: x",
            "Police said",
            "peshawar: x",
            "P",
            "",
            "ÉTAT: x",
            "P’ESHAWAR, March 5 - x",
            "X'Y - z",
        ] {
            if DATELINE.is_match(line) {
                assert!(may_open_with_dateline(line), "{line}");
            }
        }
        assert!(!may_open_with_dateline("Police said"));
    }

    #[test]
    fn lines_are_those_of_split_inclusive() {
        for text in [
            "",
            "a",
            "a\n",
            "a\n\nb",
            "\n\n",
            " x \r\n y",
            "one\ntwo\n three ",
        ] {
            let doc = clean(text);
            let mut expected = Vec::new();
            let mut offset = 0;
            for raw in text.split_inclusive('\n') {
                let lead = raw.len() - raw.trim_start().len();
                if !raw.trim().is_empty() {
                    expected.push(offset + lead..offset + lead + raw.trim().len());
                }
                offset += raw.len();
            }
            let mut got: Vec<_> = doc.title.iter().cloned().chain(doc.lines).collect();
            got.sort_by_key(|r| r.start);
            assert_eq!(got, expected, "{text:?}");
        }
    }

    #[test]
    fn datelines_are_marked() {
        for line in [
            "PESHAWAR: Security sources said",
            "ISLAMABAD/KABUL, Monday, March 18 — Pakistani aircraft struck",
            "KHAR, Pakistan, Monday, July 31 (AFP) — The number",
            "GWADAR, 20 March 2024: Eight terrorists",
            "QUETTA / PESHAWAR, September 30, 2023: At least 52",
        ] {
            let doc = clean(&format!("{line}\n"));
            assert_eq!(doc.datelines.len(), 1, "{line}");
        }
        let doc = clean("Militants attacked a post in Zhob: police said.\n");
        assert!(doc.datelines.is_empty());
    }

    #[test]
    fn repeated_headlines_are_dropped() {
        let text = "Headline here now\n\nHeadline here now\nBody sentence one.\n";
        let doc = clean(text);
        assert_eq!(doc.lines.len(), 1);
        assert_eq!(doc.clutter_lines, 1);
    }

    #[test]
    fn a_single_line_is_body_not_title() {
        let doc = clean("30-31 killed in a strike on a camp in Sarpal, Kurram Agency\n");
        assert!(doc.title.is_none());
        assert_eq!(doc.lines.len(), 1);
    }

    #[test]
    fn body_paragraph_first_is_not_a_title() {
        let doc = clean("Militants attacked a post in Zhob on Monday, police said.\n");
        assert!(doc.title.is_none());
        assert_eq!(doc.lines.len(), 1);
    }
}
