//! Small text utilities shared by the pipeline stages.

/// The nearest char boundary at or before `at` (at most `text.len()`).
pub(crate) fn floor_boundary(text: &str, mut at: usize) -> usize {
    at = at.min(text.len());
    while !text.is_char_boundary(at) {
        at -= 1;
    }
    at
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

/// `prefix` and the sixteen lower-case hex digits of `id`, as
/// `format!("{prefix}{id:016x}")` writes them, without the formatting machinery
/// (which cost as much as the hash) and in a string of its final size: the ids
/// of rows (`i…`, `s…`) and of events (`ev-…`).
pub(crate) fn hex_id(prefix: &str, id: u64) -> String {
    const DIGITS: &[u8; 16] = b"0123456789abcdef";
    let mut out = String::with_capacity(prefix.len() + 16);
    out.push_str(prefix);
    for byte in id.to_be_bytes() {
        out.push(char::from(DIGITS[usize::from(byte >> 4)]));
        out.push(char::from(DIGITS[usize::from(byte & 0xf)]));
    }
    out
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

/// `0x01` in each byte of a `u64`: multiplied by a byte, that byte in all eight.
pub(crate) const ONES: u64 = 0x0101_0101_0101_0101;
/// The high bit of each byte of a `u64`.
pub(crate) const HIGHS: u64 = 0x8080_8080_8080_8080;

/// Eight bytes of `bytes` from `at` as one number, little-endian; zeros past the
/// end. Scans that compare words eight bytes at a time read them so.
#[inline]
pub(crate) fn load_8(bytes: &[u8], at: usize) -> u64 {
    if let Some(word) = full_8(bytes, at) {
        return word;
    }
    let rest = bytes.get(at..).unwrap_or_default();
    let mut word = [0u8; 8];
    word[..rest.len()].copy_from_slice(rest);
    u64::from_le_bytes(word)
}

/// [`load_8`] where eight bytes are there to read from `at`, else `None`: for a
/// loop that reads whole blocks and finishes the rest byte by byte.
#[inline]
pub(crate) fn full_8(bytes: &[u8], at: usize) -> Option<u64> {
    let &word = bytes.get(at..)?.first_chunk::<8>()?;
    Some(u64::from_le_bytes(word))
}

/// The high bit of each byte of `w` that lies in `lo..=hi` (ASCII, `lo >= 1`):
/// eight bytes tested at once. With the high bits cleared, adding `0x80 - lo`
/// sets a byte's high bit exactly when it is at least `lo`, and no byte carries
/// into the next; bytes outside ASCII are never in the range.
#[inline]
pub(crate) fn bytes_in(w: u64, lo: u8, hi: u8) -> u64 {
    let low7 = w & !HIGHS;
    let at_least_lo = low7 + ONES * u64::from(0x80 - lo);
    let above_hi = low7 + ONES * u64::from(0x7f - hi);
    at_least_lo & !above_hi & !w & HIGHS
}

/// `block` with bit 0x20 set in each byte, and the high bit of each byte that is
/// then `a`-`z`: setting the bit lowers `A`-`Z` and brings no other byte into
/// `a`-`z` (bytes outside ASCII are never in it), so one range test finds the
/// ASCII letters of either case, and the block comes out lowered where they are.
#[inline(always)]
pub(crate) fn lowered_letters_8(block: u64) -> (u64, u64) {
    let lowered = block | (ONES * 0x20);
    (lowered, bytes_in(lowered, b'a', b'z'))
}

/// A mask of the low `n` bytes of a `u64` (`n` from 1 to 8: one shift, which the
/// word scans run at every word).
#[inline(always)]
pub(crate) fn low_bytes(n: usize) -> u64 {
    u64::MAX >> (64 - 8 * n)
}

/// Each of the eight bytes of `w` ASCII lower-cased, as [`u8::to_ascii_lowercase`]
/// does a byte at a time: `A`-`Z` gain 0x20 (the high bit shifted down two), every
/// other byte, outside ASCII too, stays.
#[inline]
pub(crate) fn lower_ascii_8(w: u64) -> u64 {
    w | (bytes_in(w, b'A', b'Z') >> 2)
}

/// A fast hasher for the small static word tables that every token looks up
/// (FxHash: one multiply per 8 bytes). The keys are the project's own data, not
/// input, so resistance to crafted collisions, which std's SipHash buys at several
/// times the cost, is not needed.
#[derive(Debug, Clone, Copy, Default)]
pub(crate) struct FastHasher {
    hash: u64,
}

const FX_SEED: u64 = 0x51_7c_c1_b7_27_22_0a_95;

impl FastHasher {
    #[inline]
    fn add(&mut self, word: u64) {
        self.hash = (self.hash.rotate_left(5) ^ word).wrapping_mul(FX_SEED);
    }
}

impl std::hash::Hasher for FastHasher {
    #[inline]
    fn write(&mut self, bytes: &[u8]) {
        let mut chunks = bytes.chunks_exact(8);
        for chunk in &mut chunks {
            let mut word = [0u8; 8];
            word.copy_from_slice(chunk);
            self.add(u64::from_le_bytes(word));
        }
        let rest = chunks.remainder();
        if !rest.is_empty() {
            let mut word = [0u8; 8];
            word[..rest.len()].copy_from_slice(rest);
            // The length keeps "a" and "a\0" apart.
            self.add(u64::from_le_bytes(word) ^ ((rest.len() as u64) << 59));
        }
    }

    #[inline]
    fn write_u8(&mut self, byte: u8) {
        self.add(u64::from(byte));
    }

    #[inline]
    fn write_u64(&mut self, n: u64) {
        self.add(n);
    }

    #[inline]
    fn write_usize(&mut self, n: usize) {
        self.add(n as u64);
    }

    #[inline]
    fn finish(&self) -> u64 {
        self.hash
    }
}

/// A `HashMap` with [`FastHasher`], for the word tables built once from data files.
pub(crate) type FastMap<K, V> =
    std::collections::HashMap<K, V, std::hash::BuildHasherDefault<FastHasher>>;

/// A `HashSet` with [`FastHasher`].
pub(crate) type FastSet<K> =
    std::collections::HashSet<K, std::hash::BuildHasherDefault<FastHasher>>;

/// A hash of a word's lower-cased bytes, added a byte at a time as a scan reads
/// them (the step of [`FastHasher`]).
#[derive(Debug, Default, Clone, Copy)]
pub(crate) struct WordHash(u64);

impl WordHash {
    #[inline]
    pub(crate) fn add(&mut self, byte: u8) {
        self.0 = (self.0.rotate_left(5) ^ u64::from(byte)).wrapping_mul(FX_SEED);
    }

    #[inline]
    pub(crate) fn finish(self) -> u64 {
        self.0
    }

    /// The hash of `bytes`, as given.
    pub(crate) fn of(bytes: &[u8]) -> u64 {
        let mut hash = WordHash::default();
        for &b in bytes {
            hash.add(b);
        }
        hash.finish()
    }
}

/// A hash of a word's lower-cased bytes taken eight at a time, as a scan that
/// reads a word in blocks of eight ([`load_8`], [`lower_ascii_8`]) has them:
/// a byte at a time, [`WordHash`] costs a multiplication for each letter.
///
/// Each block holds the next eight bytes of the word, the last one zeros past
/// its end (no letter or digit is a zero byte, so words of different lengths
/// give different blocks).
#[derive(Debug, Default, Clone, Copy)]
pub(crate) struct BlockHash(u64);

impl BlockHash {
    #[inline]
    pub(crate) fn add(&mut self, block: u64) {
        self.0 = (self.0.rotate_left(5) ^ block).wrapping_mul(FX_SEED);
    }

    /// The hash, its best-mixed bits lowest: a table indexes by the low bits, and
    /// the low bits of a product depend only on the low bits of what was
    /// multiplied (the first letters of a word).
    #[inline]
    pub(crate) fn finish(self) -> u64 {
        self.0.rotate_left(26)
    }

    /// The hash of `bytes` ASCII lower-cased, as a scan reading them in blocks
    /// computes it.
    pub(crate) fn of(bytes: &[u8]) -> u64 {
        let mut hash = BlockHash::default();
        for at in (0..bytes.len()).step_by(8) {
            hash.add(lower_ascii_8(load_8(bytes, at)));
        }
        hash.finish()
    }
}

/// Words (ASCII lower case) with a value each, found by the [`WordHash`] a scan
/// computes as it reads a word of the text: an open-addressing table, at most a
/// quarter full so that a miss, the usual case, ends at the first empty slot.
#[derive(Debug)]
pub(crate) struct WordTable<V> {
    /// Index + 1 into `entries`; 0 marks an empty slot. A power of two long.
    slots: Vec<u32>,
    /// (hash, word, value).
    entries: Vec<(u64, Box<[u8]>, V)>,
    /// The length in bytes of the longest word.
    longest: usize,
}

impl<V> WordTable<V> {
    /// A table of `entries`, whose words must be distinct and lower case.
    pub(crate) fn new(entries: impl IntoIterator<Item = (Vec<u8>, V)>) -> WordTable<V> {
        let entries: Vec<(u64, Box<[u8]>, V)> = entries
            .into_iter()
            .map(|(word, value)| (WordHash::of(&word), word.into_boxed_slice(), value))
            .collect();
        let size = (entries.len() * 4).next_power_of_two().max(16);
        let mut slots = vec![0u32; size];
        for (i, (hash, _, _)) in entries.iter().enumerate() {
            let mut slot = (*hash as usize) & (size - 1);
            while slots[slot] != 0 {
                slot = (slot + 1) & (size - 1);
            }
            slots[slot] = u32::try_from(i + 1).unwrap_or(u32::MAX);
        }
        let longest = entries
            .iter()
            .map(|(_, word, _)| word.len())
            .max()
            .unwrap_or(0);
        WordTable {
            slots,
            entries,
            longest,
        }
    }

    /// The length in bytes of the longest word: no longer word is in the table.
    pub(crate) fn longest(&self) -> usize {
        self.longest
    }

    /// The value of `word` (compared with ASCII letters in either case), given
    /// the hash of its lower-cased bytes ([`WordHash`]).
    #[inline]
    pub(crate) fn find(&self, hash: u64, word: &[u8]) -> Option<&V> {
        let same = |key: &[u8]| {
            key.len() == word.len()
                && key
                    .iter()
                    .zip(word)
                    .all(|(k, w)| *k == w.to_ascii_lowercase())
        };
        let mask = self.slots.len().checked_sub(1)?;
        let mut slot = (hash as usize) & mask;
        loop {
            let entry = *self.slots.get(slot)?;
            let (h, key, value) = self.entries.get((entry as usize).checked_sub(1)?)?;
            if *h == hash && same(key) {
                return Some(value);
            }
            slot = (slot + 1) & mask;
        }
    }
}

/// An ASCII-lower-cased form of a string, for comparing a word of the text with
/// lower-case constants. Most words of running text are lower case already and
/// are borrowed as they are; short capitalised words (nearly all the rest) are
/// lowered on the stack.
#[derive(Debug, Clone)]
pub(crate) enum Lowered<'a> {
    /// The text itself: it has no ASCII capital.
    Same(&'a str),
    /// Up to [`Lowered::INLINE`] bytes, lowered.
    Short([u8; Lowered::INLINE], u8),
    /// Anything longer, lowered.
    Long(String),
}

impl Lowered<'_> {
    const INLINE: usize = 32;

    /// The lower-cased text.
    pub(crate) fn as_str(&self) -> &str {
        match self {
            Lowered::Same(text) => text,
            // Lower-casing ASCII bytes keeps UTF-8 valid, so this never falls back.
            Lowered::Short(bytes, len) => {
                std::str::from_utf8(&bytes[..usize::from(*len)]).unwrap_or_default()
            }
            Lowered::Long(text) => text,
        }
    }
}

impl Default for Lowered<'_> {
    fn default() -> Self {
        Lowered::Same("")
    }
}

impl std::ops::Deref for Lowered<'_> {
    type Target = str;

    fn deref(&self) -> &str {
        self.as_str()
    }
}

impl PartialEq<str> for Lowered<'_> {
    fn eq(&self, other: &str) -> bool {
        self.as_str() == other
    }
}

impl PartialEq<&str> for Lowered<'_> {
    fn eq(&self, other: &&str) -> bool {
        self.as_str() == *other
    }
}

/// `text` with ASCII letters lower-cased, as `str::to_ascii_lowercase` gives it,
/// without a heap allocation for short words nor a copy of a word with no capital.
pub(crate) fn lower(text: &str) -> Lowered<'_> {
    let bytes = text.as_bytes();
    if !bytes.iter().any(u8::is_ascii_uppercase) {
        return Lowered::Same(text);
    }
    match u8::try_from(bytes.len()) {
        Ok(len) if bytes.len() <= Lowered::INLINE => {
            let mut buf = [0u8; Lowered::INLINE];
            for (dst, src) in buf.iter_mut().zip(bytes) {
                *dst = src.to_ascii_lowercase();
            }
            Lowered::Short(buf, len)
        }
        _ => Lowered::Long(text.to_ascii_lowercase()),
    }
}

/// [`word_before`], character by character: for text outside ASCII.
fn word_before_by_chars(text: &str, at: usize) -> Option<(usize, &str)> {
    let in_word = |c: char| c.is_alphanumeric() || c == '-' || c == '\'' || c == '’';
    let head = text[..at].trim_end();
    let end = head.len();
    let start = head
        .char_indices()
        .rev()
        .take_while(|&(_, c)| in_word(c))
        .last()
        .map_or(end, |(i, _)| i);
    (start < end).then(|| (start, &text[start..end]))
}

/// [`word_after`], character by character: for text outside ASCII.
fn word_after_by_chars(text: &str, at: usize) -> Option<(usize, &str)> {
    let tail = &text[at..];
    let start = at + (tail.len() - tail.trim_start().len());
    let len: usize = text[start..]
        .chars()
        .take_while(|c| c.is_alphanumeric() || *c == '-')
        .map(char::len_utf8)
        .sum();
    (len > 0).then(|| (start, &text[start..start + len]))
}

/// Whether `needle` (ASCII) occurs in `text` in any letter case, as
/// `lower(text).contains(needle)` would find it, without the lowered copy.
pub(crate) fn contains_ignore_ascii_case(text: &str, needle: &str) -> bool {
    let (text, needle) = (text.as_bytes(), needle.as_bytes());
    let Some((first, rest)) = needle.split_first() else {
        return true;
    };
    let Some(last_start) = text.len().checked_sub(needle.len()) else {
        return false;
    };
    // The first byte, in either case, is looked for with `memchr`; the rest is
    // compared only where it is found.
    memchr::memchr2_iter(
        first.to_ascii_lowercase(),
        first.to_ascii_uppercase(),
        &text[..=last_start],
    )
    .any(|i| text[i + 1..i + needle.len()].eq_ignore_ascii_case(rest))
}

/// Where the last occurrence of `needle` (ASCII) in `text` starts, in any letter
/// case, as `lower(text).rfind(needle)` would find it, without the lowered copy.
pub(crate) fn rfind_ignore_ascii_case(text: &str, needle: &str) -> Option<usize> {
    let (text, needle) = (text.as_bytes(), needle.as_bytes());
    let (first, rest) = needle.split_first()?;
    let last_start = text.len().checked_sub(needle.len())?;
    // As in `contains_ignore_ascii_case`, from the end.
    memchr::memrchr2_iter(
        first.to_ascii_lowercase(),
        first.to_ascii_uppercase(),
        &text[..=last_start],
    )
    .find(|&i| text[i + 1..i + needle.len()].eq_ignore_ascii_case(rest))
}

/// Whether `text` starts with `prefix` (ASCII) in any letter case, as
/// `lower(text).starts_with(prefix)` would find it.
pub(crate) fn starts_with_ignore_ascii_case(text: &str, prefix: &str) -> bool {
    text.as_bytes()
        .get(..prefix.len())
        .is_some_and(|head| head.eq_ignore_ascii_case(prefix.as_bytes()))
}

/// `text` without `suffix` (ASCII) at its end in any letter case, as
/// `lower(text).strip_suffix(suffix)` would find it, without the lowered copy.
pub(crate) fn strip_suffix_ignore_ascii_case<'t>(text: &'t str, suffix: &str) -> Option<&'t str> {
    let cut = text.len().checked_sub(suffix.len())?;
    let tail = text.as_bytes().get(cut..)?;
    // An ASCII suffix matched byte for byte starts on a character boundary.
    (tail.eq_ignore_ascii_case(suffix.as_bytes())).then(|| &text[..cut])
}

/// A fixed list of ASCII phrases looked for in short stretches of text, in any
/// case, with one automaton.
///
/// The assembler asks questions such as "does one of these nine phrases occur in
/// the 160 bytes before this place name?" for every place and count it reads. Asked
/// as nine `str::contains` over a lower-cased copy, each builds a two-way searcher
/// for its needle and the copy is a heap string: on a news corpus that was a tenth
/// of all the work of reading. One Aho-Corasick automaton, built once, answers for
/// all the phrases in one scan of the original bytes.
///
/// Matches are substrings, as with `contains` ("resident of" is found in
/// "co-resident of"); the phrases are ASCII, so case-folding is ASCII case-folding.
pub(crate) struct PhraseSet {
    automaton: aho_corasick::AhoCorasick,
}

impl PhraseSet {
    /// The automaton of `phrases`. They are the project's own constant lists, so a
    /// failure to build is a bug, reported at once.
    pub(crate) fn new(phrases: &[&str]) -> PhraseSet {
        let automaton = aho_corasick::AhoCorasick::builder()
            .ascii_case_insensitive(true)
            .build(phrases)
            .expect("a short list of literal phrases always builds");
        PhraseSet { automaton }
    }

    /// Whether any of the phrases occurs in `haystack`.
    pub(crate) fn occurs_in(&self, haystack: &str) -> bool {
        self.automaton.is_match(haystack)
    }
}

/// Where some phrases occur in one text, found once (by the dictionary pass), for
/// the questions asked of many short stretches of it: "does one lie in the 160
/// bytes before this place name, and where does the last one end?"
#[derive(Debug, Default)]
pub(crate) struct PhraseOccurrences {
    /// Byte ranges, in the order of their ends.
    spans: Vec<std::ops::Range<usize>>,
}

impl PhraseOccurrences {
    /// The occurrences given as byte ranges ordered by their ends (for
    /// occurrences that cannot overlap, as the matches of one dictionary layer,
    /// the order of their starts).
    pub(crate) fn from_spans(spans: impl IntoIterator<Item = std::ops::Range<usize>>) -> Self {
        let spans: Vec<_> = spans.into_iter().collect();
        debug_assert!(spans.windows(2).all(|w| w[0].end <= w[1].end));
        PhraseOccurrences { spans }
    }

    /// The end of the occurrence that ends last among those lying wholly in
    /// `from..to`.
    pub(crate) fn last_end_within(&self, from: usize, to: usize) -> Option<usize> {
        let upto = self.spans.partition_point(|s| s.end <= to);
        self.spans[..upto]
            .iter()
            .rev()
            .take_while(|s| s.end >= from)
            .find(|s| s.start >= from)
            .map(|s| s.end)
    }
}

/// The word before byte offset `at` (letters and digits of any script, `-`, `'`
/// and `’`, past any spaces), with its start, as a slice of `text`.
///
/// The assembler asks this several times a sentence, so the bytes before `at` are
/// read through a table while they are ASCII (nearly always); any other byte met
/// on the way hands the question to [`word_before_by_chars`].
pub(crate) fn word_before(text: &str, at: usize) -> Option<(usize, &str)> {
    let bytes = text.as_bytes();
    let mut end = at;
    loop {
        let &b = bytes.get(end.checked_sub(1)?)?;
        match ASCII_CLASS[usize::from(b)] {
            AsciiClass::Space => end -= 1,
            AsciiClass::Other => return word_before_by_chars(text, at),
            _ => break,
        }
    }
    let mut start = end;
    while let Some(&b) = start.checked_sub(1).and_then(|i| bytes.get(i)) {
        match ASCII_CLASS[usize::from(b)] {
            AsciiClass::Word => start -= 1,
            AsciiClass::Other => return word_before_by_chars(text, at),
            _ => break,
        }
    }
    (start < end).then(|| (start, &text[start..end]))
}

/// The word after byte offset `at` (letters and digits of any script and `-`, past
/// any spaces), with its start: read as [`word_before`] reads the one before,
/// through a table while the bytes are ASCII, by [`word_after_by_chars`] otherwise.
pub(crate) fn word_after(text: &str, at: usize) -> Option<(usize, &str)> {
    let bytes = text.as_bytes();
    let mut start = at;
    loop {
        let &b = bytes.get(start)?;
        match ASCII_CLASS[usize::from(b)] {
            AsciiClass::Space => start += 1,
            AsciiClass::Other => return word_after_by_chars(text, at),
            _ => break,
        }
    }
    let mut end = start;
    while let Some(&b) = bytes.get(end) {
        if b.is_ascii_alphanumeric() || b == b'-' {
            end += 1;
        } else if b.is_ascii() {
            break;
        } else {
            return word_after_by_chars(text, at);
        }
    }
    (start < end).then(|| (start, &text[start..end]))
}

/// What a byte is to [`word_before`] and [`word_after`].
#[derive(Clone, Copy, PartialEq, Eq)]
enum AsciiClass {
    /// An ASCII letter or digit, '-' or '\'': part of a word.
    Word,
    /// ASCII white space as `char::is_whitespace` has it (tab to carriage return,
    /// space).
    Space,
    /// Other ASCII: ends a word.
    Stop,
    /// Not ASCII: a character to be read whole.
    Other,
}

static ASCII_CLASS: [AsciiClass; 256] = {
    let mut table = [AsciiClass::Other; 256];
    let mut b = 0;
    while b < 128 {
        let byte = b as u8;
        table[b] = if byte.is_ascii_alphanumeric() || byte == b'-' || byte == b'\'' {
            AsciiClass::Word
        } else if matches!(byte, b'\t' | b'\n' | 0x0b | 0x0c | b'\r' | b' ') {
            AsciiClass::Space
        } else {
            AsciiClass::Stop
        };
        b += 1;
    }
    table
};

#[cfg(test)]
mod tests {
    use proptest::prelude::*;

    #[test]
    fn eight_bytes_load_little_endian_with_zeros_past_the_end() {
        assert_eq!(load_8(b"abcdefghij", 1), u64::from_le_bytes(*b"bcdefghi"));
        assert_eq!(load_8(b"abc", 1), u64::from_le_bytes(*b"bc\0\0\0\0\0\0"));
        assert_eq!(load_8(b"abc", 3), 0);
        assert_eq!(load_8(b"abc", 9), 0);
        assert_eq!(
            full_8(b"abcdefghij", 2),
            Some(u64::from_le_bytes(*b"cdefghij"))
        );
        assert_eq!(full_8(b"abcdefghij", 3), None);
    }

    proptest! {
        /// Eight bytes lowered at once are the eight bytes lowered one by one,
        /// whatever they are (bytes of UTF-8 sequences included).
        #[test]
        fn eight_bytes_lower_as_each_byte_does(bytes in proptest::array::uniform8(any::<u8>())) {
            let one_by_one = bytes.map(|b| b.to_ascii_lowercase());
            prop_assert_eq!(
                lower_ascii_8(u64::from_le_bytes(bytes)),
                u64::from_le_bytes(one_by_one)
            );
        }

        /// The bytes in a range, eight at once, are those a byte-by-byte test finds.
        #[test]
        fn bytes_in_a_range_as_each_byte_says(
            bytes in proptest::array::uniform8(any::<u8>()),
            lo in 1u8..0x80,
            span in 0u8..0x80,
        ) {
            let hi = lo.saturating_add(span).min(0x7f);
            let want = bytes
                .iter()
                .enumerate()
                .filter(|(_, b)| (lo..=hi).contains(b))
                .fold(0u64, |m, (i, _)| m | (0x80 << (8 * i)));
            prop_assert_eq!(bytes_in(u64::from_le_bytes(bytes), lo, hi), want);
        }
    }

    use super::*;

    #[test]
    fn searches_in_any_case_agree_with_lowered_copies() {
        let texts = [
            "",
            "o",
            "The death TOLL rose to",
            "since the TTP; Since then",
            "Hospital wounded at the HOSPITAL",
            "résumé of Them, of whom",
            "tollbooth toll",
            "ağır of",
            "From",
        ];
        let needles = [
            "toll",
            "since ",
            "hospital",
            " of them",
            "of",
            "from",
            "number of",
        ];
        for text in texts {
            let lowered = lower(text);
            for needle in needles {
                assert_eq!(
                    contains_ignore_ascii_case(text, needle),
                    lowered.contains(needle),
                    "{text:?} {needle:?}"
                );
                assert_eq!(
                    rfind_ignore_ascii_case(text, needle),
                    lowered.rfind(needle),
                    "{text:?} {needle:?}"
                );
                assert_eq!(
                    starts_with_ignore_ascii_case(text, needle),
                    lowered.starts_with(needle),
                    "{text:?} {needle:?}"
                );
                assert_eq!(
                    strip_suffix_ignore_ascii_case(text, needle).map(str::len),
                    lowered.strip_suffix(needle).map(str::len),
                    "{text:?} {needle:?}"
                );
            }
        }
    }

    /// The table-driven readings give what reading character by character gives,
    /// wherever they are asked.
    #[test]
    fn words_read_through_the_table_are_those_read_by_characters() {
        for text in [
            "Two soldiers' bodies, in Bājaur’s Mamund tehsil — 12 killed",
            "ÉCOLE x-ray O'Brien  \u{610}abc \u{2003}word\u{a0} end",
            "tabs\tand\x0bvertical\x0c feeds\r\n and\x1funit separators",
            "the Taliban’s raid, killing 4-5 in Bājaur  today",
            "",
            " ",
            "—",
        ] {
            for at in (0..=text.len()).filter(|&i| text.is_char_boundary(i)) {
                assert_eq!(
                    word_before(text, at),
                    word_before_by_chars(text, at),
                    "{text:?} {at}"
                );
                assert_eq!(
                    word_after(text, at),
                    word_after_by_chars(text, at),
                    "{text:?} {at}"
                );
            }
        }
    }

    proptest! {
        /// Words read byte by byte are those read character by character, at any
        /// offset of any text: long words, words that run to the start or the end
        /// of the text, and characters outside ASCII inside a word, at its edge or
        /// in the spaces before it.
        #[test]
        fn words_read_by_bytes_are_those_read_by_characters(
            text in "([a-zA-Z0-9]{0,12}|[-'’é—.,;:()\"?!/]|[ \t\n\u{a0}\u{2003}]{1,3}){0,12}"
        ) {
            for at in (0..=text.len()).filter(|&i| text.is_char_boundary(i)) {
                prop_assert_eq!(word_before(&text, at), word_before_by_chars(&text, at));
                prop_assert_eq!(word_after(&text, at), word_after_by_chars(&text, at));
            }
        }
    }

    /// A long word is read whole, before and after.
    #[test]
    fn long_words_are_read_whole() {
        let text = "killed in counter-terrorism operations";
        let at = |word: &str| text.find(word).unwrap_or(0);
        assert_eq!(
            word_before(text, at(" operations")),
            Some((at("counter"), "counter-terrorism"))
        );
        assert_eq!(
            word_after(text, at(" counter")),
            Some((at("counter"), "counter-terrorism"))
        );
        assert_eq!(
            word_before(text, text.len()),
            Some((at("operations"), "operations"))
        );
        assert_eq!(word_after(text, 0), Some((0, "killed")));
    }

    #[test]
    fn words_before_and_after_read_any_script() {
        let text = "the Taliban’s raid, killing 4-5 in Bājaur  today";
        let at = |word: &str| text.find(word).unwrap_or(0);
        assert_eq!(word_before(text, 4), Some((0, "the")));
        assert_eq!(word_before(text, at(" raid")), Some((4, "Taliban’s")));
        assert_eq!(word_before(text, at(" killing")), None);
        assert_eq!(word_before(text, 0), None);
        let end = at("Bājaur") + "Bājaur".len();
        assert_eq!(word_before(text, end + 1), Some((at("Bājaur"), "Bājaur")));
        assert_eq!(
            word_after(text, at("Bājaur") - 1),
            Some((at("Bājaur"), "Bājaur"))
        );
        assert_eq!(word_after(text, at("4-5") - 1), Some((at("4-5"), "4-5")));
        assert_eq!(word_after(text, at(", killing")), None);
        assert_eq!(word_after(text, text.len()), None);
    }

    #[test]
    fn phrase_occurrences_answer_for_any_stretch() {
        // "He belonged to the area. A resident of Karak, a native of Bannu."
        let found = PhraseOccurrences::from_spans([3..14, 27..38, 47..56]);
        assert_eq!(found.last_end_within(0, 66), Some(56));
        assert_eq!(found.last_end_within(0, 50), Some(38));
        assert_eq!(found.last_end_within(4, 40), Some(38));
        assert_eq!(found.last_end_within(28, 66), Some(56));
        assert_eq!(found.last_end_within(28, 50), None);
        assert_eq!(found.last_end_within(0, 13), None);
    }

    #[test]
    fn phrase_sets_find_phrases_in_any_case() {
        let set = PhraseSet::new(&["wounded at", "visited", "admitted"]);
        assert!(set.occurs_in("the Chief Minister Visited the injured"));
        assert!(set.occurs_in("the wounded At"));
        assert!(!set.occurs_in("the wounded, at"));
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
    fn fast_maps_find_their_keys() {
        let words = ["a", "an", "and", "hundred", "twenty-one", "per cent", "a\0"];
        let map: FastMap<&str, usize> = words.iter().enumerate().map(|(i, w)| (*w, i)).collect();
        for (i, w) in words.iter().enumerate() {
            assert_eq!(map.get(w), Some(&i));
        }
        assert_eq!(map.get("hundreds"), None);
        let set: FastSet<&str> = words.iter().copied().collect();
        assert_eq!(set.len(), words.len());
    }

    #[test]
    fn lowered_is_to_ascii_lowercase() {
        for text in [
            "",
            "Killed",
            "ÉCOLE Swat",
            "a much longer phrase than thirty-two bytes, Mixed Case",
        ] {
            assert_eq!(lower(text).as_str(), text.to_ascii_lowercase());
        }
        assert!(lower("AND") == "and");
    }

    #[test]
    fn a_block_lowered_marks_its_ascii_letters_and_nothing_else() {
        let block = load_8("Kü-Z@[`{".as_bytes(), 0);
        let (lowered, letters) = lowered_letters_8(block);
        // K, the two bytes of ü, -, Z, @, [, `: only K and Z are letters; `{` is past eight.
        assert_eq!(letters, 0x80 | (0x80 << 32));
        assert_eq!(lowered & 0xff, u64::from(b'k'));
        assert_eq!((lowered >> 32) & 0xff, u64::from(b'z'));
        // Six letters, then the two zero bytes past the end of the text.
        assert_eq!(lowered_letters_8(load_8(b"Attack", 0)).1, HIGHS >> 16);
        assert_eq!(
            lowered_letters_8(load_8(b"BOMBINGS", 0)),
            (load_8(b"bombings", 0), HIGHS)
        );
        assert_eq!(lowered_letters_8(load_8("ÀÉ".as_bytes(), 0)).1, 0);
        assert_eq!(low_bytes(3), 0xff_ffff);
        assert_eq!(low_bytes(8), u64::MAX);
    }

    #[test]
    fn block_hashes_are_of_the_lowered_word_eight_bytes_at_a_time() {
        assert_eq!(BlockHash::of(b"Killed"), BlockHash::of(b"killed"));
        assert_ne!(BlockHash::of(b"killed"), BlockHash::of(b"kille"));
        let long = b"swatkhwarazmiadministrations";
        let mut by_blocks = BlockHash::default();
        for block in long.chunks(8) {
            by_blocks.add(load_8(block, 0));
        }
        assert_eq!(
            by_blocks.finish(),
            BlockHash::of(&long.to_ascii_uppercase())
        );
    }

    #[test]
    fn word_tables_find_words_in_any_case() {
        let table = WordTable::new([(b"killed".to_vec(), 1), (b"wounded".to_vec(), 2)]);
        let hash = |w: &[u8]| WordHash::of(&w.to_ascii_lowercase());
        assert_eq!(table.find(hash(b"Killed"), b"Killed"), Some(&1));
        assert_eq!(table.find(hash(b"WOUNDED"), b"WOUNDED"), Some(&2));
        assert_eq!(table.find(hash(b"kill"), b"kill"), None);
        assert_eq!(table.longest(), 7);
    }

    #[test]
    fn neighbouring_words() {
        let text = "killed at least 20 militants";
        assert_eq!(word_before_by_chars(text, 9).map(|w| w.1), Some("at"));
        assert_eq!(
            word_after_by_chars(text, 18).map(|w| w.1),
            Some("militants")
        );
    }
}
