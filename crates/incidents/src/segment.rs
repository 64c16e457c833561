//! Sentences, with byte offsets into the document as given.

use std::ops::Range;

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
    let mut sentences = Vec::new();
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
    let head = &text[start..stop];
    let word: &str = head
        .rsplit(|c: char| c.is_whitespace() || c == '(' || c == '"' || c == '“')
        .next()
        .unwrap_or("");
    // The list is lower case: compared in any case, without a lowered copy.
    if ABBREVIATIONS.iter().any(|a| a.eq_ignore_ascii_case(word)) {
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

/// Sentences longer than this many bytes are cut at white space: no sentence of
/// news prose is this long, and bounded sentences keep every later stage linear.
pub const MAX_SENTENCE_BYTES: usize = 2_000;

fn push_trimmed(text: &str, span: Range<usize>, paragraph: usize, out: &mut Vec<Sentence>) {
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

fn push_one(text: &str, span: Range<usize>, paragraph: usize, out: &mut Vec<Sentence>) {
    let slice = &text[span.clone()];
    let lead = slice.len() - slice.trim_start().len();
    let trimmed = slice.trim();
    if trimmed.is_empty() {
        return;
    }
    let start = span.start + lead;
    out.push(Sentence {
        span: start..start + trimmed.len(),
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
