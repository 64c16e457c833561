//! Small text utilities shared by the pipeline stages.

/// Whether the byte range `[start, end)` of `text` stands on word boundaries:
/// the characters just outside it are not letters or digits.
pub(crate) fn on_word_boundaries(text: &str, start: usize, end: usize) -> bool {
    let before_ok = text[..start]
        .chars()
        .next_back()
        .is_none_or(|c| !c.is_alphanumeric());
    let after_ok = text[end..]
        .chars()
        .next()
        .is_none_or(|c| !c.is_alphanumeric());
    before_ok && after_ok
}

/// The data rows of a TSV text in the format of the bundled data files: blank lines
/// and `#` comments skipped, the header line checked against `columns`, every row
/// split into exactly that many trimmed fields. Each row comes with its 1-based line
/// number, for error messages that say where to look.
pub(crate) fn tsv_rows<'t>(
    tsv: &'t str,
    origin: &str,
    columns: &[&str],
) -> crate::error::Result<Vec<(usize, Vec<&'t str>)>> {
    use crate::error::{Error, ErrorKind};
    let mut lines = tsv
        .lines()
        .enumerate()
        .filter(|(_, l)| !l.trim().is_empty() && !l.starts_with('#'));
    let Some((_, header)) = lines.next() else {
        return Ok(Vec::new());
    };
    let header: Vec<&str> = header.split('\t').map(str::trim).collect();
    if header != columns {
        return Err(Error::new(
            ErrorKind::Data,
            format!(
                "{origin}: the header must be the columns {columns:?} separated by tabs, found {header:?}"
            ),
        ));
    }
    lines
        .map(|(index, line)| {
            let fields: Vec<&str> = line.split('\t').map(str::trim).collect();
            if fields.len() == columns.len() {
                Ok((index + 1, fields))
            } else {
                Err(Error::new(
                    ErrorKind::Data,
                    format!(
                        "{origin}, line {}: expected {} tab-separated fields, found {}",
                        index + 1,
                        columns.len(),
                        fields.len()
                    ),
                ))
            }
        })
        .collect()
}

/// Converts byte offsets to code-point offsets, for offsets visited in increasing order.
///
/// Evidence spans are reported in code points (Python's `str` indexing); walking
/// forward from the last offset keeps the whole document linear.
pub(crate) struct CharOffsets<'a> {
    text: &'a str,
    byte: usize,
    chars: usize,
}

impl<'a> CharOffsets<'a> {
    pub(crate) fn new(text: &'a str) -> Self {
        CharOffsets {
            text,
            byte: 0,
            chars: 0,
        }
    }

    /// The code-point offset of byte offset `byte` (a char boundary).
    pub(crate) fn at(&mut self, byte: usize) -> usize {
        if byte < self.byte {
            self.byte = 0;
            self.chars = 0;
        }
        self.chars += self.text[self.byte..byte].chars().count();
        self.byte = byte;
        self.chars
    }
}

/// FNV-1a, 64 bits: a hash whose value is fixed by its definition, so ids built
/// from it are the same on every run, machine and Rust release (std's hasher is not).
pub(crate) fn stable_hash(parts: &[&[u8]]) -> u64 {
    let mut hash: u64 = 0xcbf2_9ce4_8422_2325;
    for part in parts {
        for &byte in *part {
            hash ^= u64::from(byte);
            hash = hash.wrapping_mul(0x0100_0000_01b3);
        }
        // A separator, so ("ab", "c") and ("a", "bc") differ.
        hash ^= 0xff;
        hash = hash.wrapping_mul(0x0100_0000_01b3);
    }
    hash
}

/// The previous word before byte offset `at`, lower-cased ASCII letters only, as a slice of `text`.
pub(crate) fn word_before(text: &str, at: usize) -> Option<(usize, &str)> {
    let head = text[..at].trim_end();
    let end = head.len();
    let start = head
        .char_indices()
        .rev()
        .take_while(|(_, c)| c.is_alphanumeric() || *c == '-' || *c == '\'' || *c == '’')
        .last()
        .map(|(i, _)| i)?;
    Some((start, &text[start..end]))
}

/// The next word after byte offset `at`, as a slice of `text`.
pub(crate) fn word_after(text: &str, at: usize) -> Option<(usize, &str)> {
    let tail = &text[at..];
    let skip = tail.len() - tail.trim_start().len();
    let start = at + skip;
    let len: usize = text[start..]
        .chars()
        .take_while(|c| c.is_alphanumeric() || *c == '-')
        .map(char::len_utf8)
        .sum();
    if len == 0 {
        None
    } else {
        Some((start, &text[start..start + len]))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn boundaries() {
        let text = "in Bannuwal and Bannu.";
        assert!(!on_word_boundaries(text, 3, 8));
        assert!(on_word_boundaries(text, 16, 21));
    }

    #[test]
    fn char_offsets_count_code_points() {
        let text = "Afghanistan’s Paktika";
        let mut offsets = CharOffsets::new(text);
        let byte = text.find("Paktika").unwrap_or(0);
        assert_eq!(offsets.at(byte), 14);
    }

    #[test]
    fn stable_hash_is_fixed() {
        assert_eq!(stable_hash(&[b"a"]), stable_hash(&[b"a"]));
        assert_ne!(stable_hash(&[b"ab", b"c"]), stable_hash(&[b"a", b"bc"]));
    }

    #[test]
    fn neighbouring_words() {
        let text = "killed at least 20 militants";
        assert_eq!(word_before(text, 9).map(|w| w.1), Some("at"));
        assert_eq!(word_after(text, 18).map(|w| w.1), Some("militants"));
    }
}
