//! Sentences, with byte offsets into the document as given.

use std::ops::Range;

use crate::clean::ascii_space_high_bits;

/// A sentence of a document.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Sentence {
    /// Byte range in the document.
    pub span: Range<usize>,
    /// Index of the line (paragraph) it belongs to, counting body lines from 0.
    pub paragraph: usize,
}

/// Words whose trailing full stop does not end a sentence.
const ABBREVIATIONS: &[&str] = &[
    "mr", "mrs", "ms", "dr", "gen", "lt", "col", "maj", "capt", "brig", "sgt", "cpl", "no", "nos",
    "st", "jr", "sr", "prof", "gov", "rev", "hon", "sen", "rep", "insp", "supt", "dsp", "asi",
    "si", "hc", "jan", "feb", "mar", "apr", "jun", "jul", "aug", "sep", "sept", "oct", "nov",
    "dec", "vs", "approx", "govt", "dept", "u.s", "u.n", "u.k", "d.i", "d.g", "a.m", "p.m", "e.g",
    "i.e", "mt", "ft", "km", "fig", "inc", "co", "ltd", "corp", "pvt",
];

/// The length of the longest of [`ABBREVIATIONS`]: a longer word is none of them.
const LONGEST_ABBREVIATION: usize = {
    let mut longest = 0;
    let mut i = 0;
    while i < ABBREVIATIONS.len() {
        if ABBREVIATIONS[i].len() > longest {
            longest = ABBREVIATIONS[i].len();
        }
        i += 1;
    }
    longest
};

/// A word of at most [`LONGEST_ABBREVIATION`] bytes as one number: its
/// bytes, ASCII letters in lower case, the first lowest, and its length in
/// the top byte; `None` for an empty or longer word. Two words have the same
/// key exactly when they are equal but for the case of ASCII letters.
const fn abbreviation_key(word: &[u8]) -> Option<u64> {
    if word.is_empty() || word.len() > LONGEST_ABBREVIATION {
        return None;
    }
    let mut key = (word.len() as u64) << 56;
    let mut i = 0;
    while i < word.len() {
        key |= (word[i].to_ascii_lowercase() as u64) << (8 * i);
        i += 1;
    }
    Some(key)
}

/// The slots of [`ABBREVIATION_KEYS`].
const ABBREVIATION_SLOTS: usize = 256;

/// The first slot of a key in [`ABBREVIATION_KEYS`].
const fn abbreviation_slot(key: u64) -> usize {
    (key.wrapping_mul(0x9E37_79B9_7F4A_7C15) >> 56) as usize % ABBREVIATION_SLOTS
}

/// The [`abbreviation_key`]s of [`ABBREVIATIONS`], by open addressing from
/// their [`abbreviation_slot`]; 0 (no word's key) for an empty slot.
const ABBREVIATION_KEYS: [u64; ABBREVIATION_SLOTS] = {
    let mut slots = [0u64; ABBREVIATION_SLOTS];
    let mut i = 0;
    while i < ABBREVIATIONS.len() {
        if let Some(key) = abbreviation_key(ABBREVIATIONS[i].as_bytes()) {
            let mut slot = abbreviation_slot(key);
            while slots[slot] != 0 {
                slot = (slot + 1) % ABBREVIATION_SLOTS;
            }
            slots[slot] = key;
        }
        i += 1;
    }
    slots
};

/// Whether `word` is one of [`ABBREVIATIONS`] in any ASCII case: one look-up
/// of its key, where comparing it with each of them took a branch on each.
fn is_abbreviation(word: &str) -> bool {
    let Some(key) = abbreviation_key(word.as_bytes()) else {
        return false;
    };
    let mut slot = abbreviation_slot(key);
    loop {
        match ABBREVIATION_KEYS.get(slot) {
            Some(&k) if k == key => return true,
            Some(&0) | None => return false,
            Some(_) => slot = (slot + 1) % ABBREVIATION_SLOTS,
        }
    }
}

/// Splits the given body lines of `text` into sentences.
///
/// A sentence ends at `.`, `!` or `?` (with any closing quotes or brackets after
/// it) followed by white space and a capital letter, a digit or an opening
/// quote; never after an abbreviation such as "Lt." or an initial such as the
/// "I." of "D.I. Khan". A line always ends a sentence: headlines, datelines and
/// list items stand alone.
///
/// ```
/// use incidents::segment::split_sentences;
/// let text = "Lt. Col. Khan was killed in D.I. Khan. Two others were hurt.";
/// let sentences = split_sentences(text, &[0..text.len()]);
/// assert_eq!(sentences.len(), 2);
/// assert_eq!(&text[sentences[1].span.clone()], "Two others were hurt.");
/// ```
pub fn split_sentences(text: &str, lines: &[Range<usize>]) -> Vec<Sentence> {
    // News prose runs to a sentence every hundred bytes or two: room for those
    // saves growing the vector several times.
    let mut sentences = Vec::with_capacity(lines.len() + text.len() / 128);
    for (paragraph, line) in lines.iter().enumerate() {
        let mut start = line.start;
        let bytes = text.as_bytes();
        let mut i = line.start;
        // Only a stop can end a sentence: jump from one to the next (memchr reads
        // many bytes an instruction) instead of looking at every byte.
        while let Some(found) = memchr::memchr3(b'.', b'!', b'?', &bytes[i..line.end]) {
            i += found;
            let mut end = i + 1;
            // Closing quotes and brackets belong to the sentence they close.
            while end < line.end {
                let rest = &text[end..line.end];
                let Some(c) = rest.chars().next() else { break };
                if matches!(c, '"' | '\'' | '”' | '’' | ')' | ']') {
                    end += c.len_utf8();
                } else {
                    break;
                }
            }
            if is_boundary(text, line, start, i, end) {
                push_trimmed(text, start..end, paragraph, &mut sentences);
                start = end;
                i = end;
            } else {
                i += 1;
            }
        }
        push_trimmed(text, start..line.end, paragraph, &mut sentences);
    }
    sentences
}

fn is_boundary(text: &str, line: &Range<usize>, start: usize, stop: usize, end: usize) -> bool {
    let rest = &text[end..line.end];
    let after = rest.trim_start();
    if after.len() == rest.len() && !after.is_empty() {
        // No space after the stop: "3.5", "U.S.", "www.dawn.com".
        return false;
    }
    let Some(next) = after.chars().next() else {
        return true;
    };
    if !(next.is_uppercase()
        || next.is_ascii_digit()
        || matches!(next, '"' | '“' | '‘' | '\'' | '(' | '['))
    {
        return false;
    }
    if text.as_bytes()[stop] != b'.' {
        return true;
    }
    let word = last_word(&text[start..stop]);
    if is_abbreviation(word) {
        return false;
    }
    // An initial ("D.I. Khan", "A. Rehman"): one capital letter, possibly after other initials.
    let last = word.rsplit('.').next().unwrap_or(word);
    let mut chars = last.chars();
    if let (Some(c), None) = (chars.next(), chars.next()) {
        if c.is_uppercase() {
            return false;
        }
    }
    true
}

/// What follows the last white space, `(`, `"` or `“` of `head`.
fn last_word(head: &str) -> &str {
    let ends_word = |c: char| c.is_whitespace() || c == '(' || c == '"' || c == '“';
    // Back over ASCII bytes that end no word, a byte at a time; from the first
    // byte not ASCII, a character at a time.
    let b = head.as_bytes();
    let mut at = b.len();
    while let Some(&c) = at.checked_sub(1).and_then(|i| b.get(i)) {
        if !c.is_ascii() {
            let rest = head.get(..at).unwrap_or("");
            let start = rest.rfind(ends_word).map_or(0, |i| {
                i + rest[i..].chars().next().map_or(1, char::len_utf8)
            });
            return head.get(start..).unwrap_or("");
        }
        if ends_word(char::from(c)) {
            break;
        }
        at -= 1;
    }
    head.get(at..).unwrap_or("")
}

/// Where `s` lies without white space at either end, as [`str::trim`] leaves
/// it: ASCII white space 8 bytes at a time, then, at a byte not ASCII, by
/// `str::trim_start` and `str::trim_end`.
#[inline(always)]
fn trimmed_range(s: &str) -> Range<usize> {
    let b = s.as_bytes();
    let mut start = leading_spaces(b);
    let mut end = b.len() - trailing_spaces(b.get(start..).unwrap_or(&[]));
    if b.get(start).is_some_and(|c| !c.is_ascii()) && start < end {
        let inner = s.get(start..end).unwrap_or("");
        start = end - inner.trim_start().len();
    }
    if start < end && b.get(end - 1).is_some_and(|c| !c.is_ascii()) {
        let inner = s.get(start..end).unwrap_or("");
        end = start + inner.trim_end().len();
    }
    start..end
}

/// The ASCII characters of `char::is_whitespace`, which has U+000B too.
fn is_ascii_space(c: u8) -> bool {
    matches!(c, b' ' | b'\t' | b'\n' | 0x0B | 0x0C | b'\r')
}

/// How many bytes of ASCII white space open `b`: read from its first 8 bytes
/// at once (a sentence opens with none or one), a byte at a time past them.
fn leading_spaces(b: &[u8]) -> usize {
    if let Some(Ok(eight)) = b.get(..8).map(<[u8; 8]>::try_from) {
        let others = !ascii_space_high_bits(u64::from_le_bytes(eight)) & 0x8080_8080_8080_8080;
        if others != 0 {
            return (others.trailing_zeros() / 8) as usize;
        }
    }
    b.iter().take_while(|&&c| is_ascii_space(c)).count()
}

/// How many bytes of ASCII white space close `b`, as [`leading_spaces`].
fn trailing_spaces(b: &[u8]) -> usize {
    if let Some(Ok(eight)) = b
        .len()
        .checked_sub(8)
        .and_then(|from| b.get(from..))
        .map(<[u8; 8]>::try_from)
    {
        let others = !ascii_space_high_bits(u64::from_le_bytes(eight)) & 0x8080_8080_8080_8080;
        if others != 0 {
            return (others.leading_zeros() / 8) as usize;
        }
    }
    b.iter().rev().take_while(|&&c| is_ascii_space(c)).count()
}

/// Sentences longer than this many bytes are cut at white space: no sentence of
/// news prose is this long, and bounded sentences keep every later stage linear.
pub const MAX_SENTENCE_BYTES: usize = 2_000;

#[inline]
fn push_trimmed(text: &str, span: Range<usize>, paragraph: usize, out: &mut Vec<Sentence>) {
    if span.end - span.start > MAX_SENTENCE_BYTES {
        push_cut(text, span, paragraph, out);
    } else {
        push_one(text, span, paragraph, out);
    }
}

/// [`push_trimmed`] of a span too long for one sentence.
#[cold]
#[inline(never)]
fn push_cut(text: &str, span: Range<usize>, paragraph: usize, out: &mut Vec<Sentence>) {
    let mut span = span;
    while span.end - span.start > MAX_SENTENCE_BYTES {
        let mut cut = span.start + MAX_SENTENCE_BYTES;
        while !text.is_char_boundary(cut) {
            cut -= 1;
        }
        // Prefer the last white space before the limit; a run with none is cut anyway.
        if let Some(space) = text[span.start..cut].rfind(char::is_whitespace) {
            if space > 0 {
                cut = span.start + space;
            }
        }
        push_one(text, span.start..cut, paragraph, out);
        span.start = cut;
    }
    push_one(text, span, paragraph, out);
}

#[inline(always)]
fn push_one(text: &str, span: Range<usize>, paragraph: usize, out: &mut Vec<Sentence>) {
    let trimmed = trimmed_range(&text[span.clone()]);
    if trimmed.is_empty() {
        return;
    }
    out.push(Sentence {
        span: span.start + trimmed.start..span.start + trimmed.end,
        paragraph,
    });
}

#[cfg(test)]
mod tests {
    use super::*;

    fn split(text: &str) -> Vec<&str> {
        split_sentences(text, std::slice::from_ref(&(0..text.len())))
            .into_iter()
            .map(|s| &text[s.span])
            .collect()
    }

    #[test]
    fn quotes_close_the_sentence() {
        assert_eq!(
            split("He said “it was an attack.” Police arrived."),
            vec!["He said “it was an attack.”", "Police arrived."]
        );
    }

    #[test]
    fn decimals_and_acronyms_do_not_split() {
        assert_eq!(
            split("A U.S. drone fired 2.5 tonnes. Then it left."),
            vec!["A U.S. drone fired 2.5 tonnes.", "Then it left."]
        );
    }

    #[test]
    fn lower_case_after_stop_does_not_split() {
        assert_eq!(
            split("It was approx. ten in the morning."),
            vec!["It was approx. ten in the morning."]
        );
    }

    #[test]
    fn overlong_runs_are_cut() {
        let text = "word ".repeat(2_000);
        let sentences = split(&text);
        assert!(sentences.len() >= 5);
        assert!(sentences.iter().all(|s| s.len() <= MAX_SENTENCE_BYTES));
    }

    /// Texts of the bytes where the byte-wise readings turn to the general ones.
    const PIECES: &[&str] = &[
        " ", "\t", "\u{b}", "\u{a0}", "\u{2003}", "\u{3000}", "\u{85}", "(", "\"", "“", "”", "Mr",
        "mr", "Lt", "U.S", "a", "A", "é", "É", "ſ", ".", "x", "approx", "approxi", "\n",
    ];

    proptest::proptest! {
        /// `trimmed_range` is where `str::trim` leaves a text, and `last_word`
        /// what follows its last white space, `(`, `"` or `“`.
        #[test]
        fn byte_wise_readings_are_the_general_ones(
            pieces in proptest::collection::vec(0..PIECES.len(), 0..24),
        ) {
            let text: String = pieces.iter().map(|&i| PIECES[i]).collect();
            let trimmed = text.trim();
            let lead = text.len() - text.trim_start().len();
            let expected = if trimmed.is_empty() { None } else { Some(lead..lead + trimmed.len()) };
            let range = trimmed_range(&text);
            let got = if range.is_empty() { None } else { Some(range) };
            proptest::prop_assert_eq!(got, expected);
            let word = text
                .rsplit(|c: char| c.is_whitespace() || c == '(' || c == '"' || c == '“')
                .next()
                .unwrap_or("");
            proptest::prop_assert_eq!(last_word(&text), word);
        }
    }

    /// Words around the abbreviations: each, in other cases, longer, shorter.
    const ABBREVIATION_LIKE: &[&str] = &[
        "", "m", "M", "mr", "MR", "Mr", "mR", "mrs", "mrx", "u.s", "U.S", "u.S.", "us", "u,s",
        "approx", "APPROX", "approxi", "pvt", "Pvt.", "é", "sépt", "no", "nos", "noS", "\u{0}",
    ];

    proptest::proptest! {
        /// The look-up of a word's key says what comparing it with each
        /// abbreviation in any ASCII case says.
        #[test]
        fn abbreviations_are_looked_up_as_compared(
            pieces in proptest::collection::vec(0..ABBREVIATION_LIKE.len(), 0..3),
            cut in 0usize..8,
        ) {
            let word: String = pieces.iter().map(|&i| ABBREVIATION_LIKE[i]).collect();
            let word = word.get(cut.min(word.len())..).unwrap_or("");
            let compared = word.len() <= LONGEST_ABBREVIATION
                && ABBREVIATIONS.iter().any(|a| a.eq_ignore_ascii_case(word));
            proptest::prop_assert_eq!(is_abbreviation(word), compared, "{:?}", word);
        }
    }

    #[test]
    fn every_abbreviation_is_looked_up() {
        for a in ABBREVIATIONS {
            assert!(is_abbreviation(a), "{a}");
            assert!(is_abbreviation(&a.to_ascii_uppercase()), "{a}");
        }
    }

    #[test]
    fn abbreviations_are_no_longer_than_the_longest() {
        assert!(ABBREVIATIONS
            .iter()
            .all(|a| a.len() <= LONGEST_ABBREVIATION));
        assert!(ABBREVIATIONS
            .iter()
            .any(|a| a.len() == LONGEST_ABBREVIATION));
        assert_eq!(
            split("It was approx. ten. The approxi. Then"),
            vec!["It was approx. ten.", "The approxi.", "Then"]
        );
    }

    #[test]
    fn lines_end_sentences() {
        let text = "Pressure from China\nMany incidents occurred.";
        let lines = vec![0..19, 20..text.len()];
        let got: Vec<_> = split_sentences(text, &lines)
            .into_iter()
            .map(|s| (s.paragraph, &text[s.span]))
            .collect();
        assert_eq!(
            got,
            vec![(0, "Pressure from China"), (1, "Many incidents occurred.")]
        );
    }
}
