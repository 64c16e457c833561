//! The gate: one scan of a text's words says which date patterns can match
//! it, and where each need be searched.

use super::*;

/// What a text holds of what the date patterns need, one bit each. Each is
/// set at a place that lies inside any match it stands for.
pub(super) type Features = u32;

/// A month name as printed (or in capitals) with a day beside it: "5 June",
/// "5th of June", "June 5" (`month_day`, and `full` with a year). Set at the month.
const MONTH_WITH_DAY: Features = 1 << 0;
/// A full month name after the last word of one of `month_alone`'s
/// prepositions or modifiers ("in March", "mid-March"). Set at the month.
const MONTH_QUALIFIED: Features = 1 << 1;
/// A year after a month name: "March 2023" (`month_year`). Set at the year.
const MONTH_THEN_YEAR: Features = 1 << 2;
/// A year (a word of exactly four ASCII digits from 1800 to 2199) where a
/// full date can end or open: after a month name as printed (`full` (a),
/// "27 June 2024"), after a day ((b), "June 27, 2024"), or beside a separator
/// ((c), (d)). Set at the year.
const FULL_DATE_YEAR: Features = 1 << 3;
/// A year followed by `-` ("2024-06-27") or after `/`, `.` or `-` ("27/06/2024").
const YEAR_SEPARATED: Features = 1 << 4;
/// A year after the last word of a preposition or modifier of `year` ("in 2023").
const YEAR_QUALIFIED: Features = 1 << 5;
/// "between" or "from" before a word that opens with a year (`year_range`).
const RANGE_OPENED: Features = 1 << 6;
/// A unit of `span` with one of its ordinals among the two words before.
const SPAN_UNIT: Features = 1 << 7;
/// A unit of `rolling` with one of its leads among the three words before.
const ROLLING_UNIT: Features = 1 << 8;
/// "ago" or "back" after a unit of `ago`.
const AGO_WORD: Features = 1 << 9;
/// The words of a phrase of the relative table, in order. Set at the last.
const RELATIVE_PHRASE: Features = 1 << 10;
/// A full weekday name.
const WEEKDAY_NAME: Features = 1 << 11;
/// "since" before the words of an anchor.
const SINCE_ANCHOR_PHRASE: Features = 1 << 12;
/// A unit of `years_since_anchor`, then one of its links, then the words of an anchor.
const UNIT_SINCE_ANCHOR: Features = 1 << 13;
/// The words of a vague phrase, in order. Set at the last.
const VAGUE_PHRASE: Features = 1 << 14;

/// For each date pattern ([`FULL`] ... [`VAGUE`]): it may match when one of
/// these sets of features is all in the text.
const NEEDS: [&[Features]; VAGUE + 1] = [
    // (a) and (b) a month with its day and a year; (c) and (d) a separated year.
    &[MONTH_WITH_DAY | FULL_DATE_YEAR, YEAR_SEPARATED],
    &[MONTH_WITH_DAY],
    &[MONTH_THEN_YEAR],
    &[MONTH_QUALIFIED],
    &[YEAR_QUALIFIED],
    &[RANGE_OPENED],
    &[SPAN_UNIT],
    &[ROLLING_UNIT],
    &[AGO_WORD],
    &[RELATIVE_PHRASE],
    &[WEEKDAY_NAME],
    &[SINCE_ANCHOR_PHRASE],
    &[UNIT_SINCE_ANCHOR],
    &[VAGUE_PHRASE],
];

// The features fit in the 16 bits of a [`Plan`]'s places.
const _: () = assert!(VAGUE_PHRASE < 1 << 16);

/// Whether `found` holds every feature of `need`.
fn holds_all(found: Features, need: Features) -> bool {
    found & need == need
}

/// For each date pattern, the feature of which every match holds one, set at
/// a place inside it.
pub(super) const KEYS: [Features; VAGUE + 1] = [
    FULL_DATE_YEAR,
    MONTH_WITH_DAY,
    MONTH_THEN_YEAR,
    MONTH_QUALIFIED,
    YEAR_QUALIFIED,
    RANGE_OPENED,
    SPAN_UNIT,
    ROLLING_UNIT,
    AGO_WORD,
    RELATIVE_PHRASE,
    WEEKDAY_NAME,
    SINCE_ANCHOR_PHRASE,
    UNIT_SINCE_ANCHOR,
    VAGUE_PHRASE,
];

/// What a word of the gate's table does when found.
#[derive(Debug, Clone)]
enum Action {
    /// A month name as printed (`name`), and whether `month_alone` takes it.
    Month { name: &'static str, full: bool },
    /// A weekday name: the feature at once.
    Plain(Features),
    /// The feature where the words before are these ([`word_key`]s), nearest first.
    Preceded(Features, Vec<u128>),
    /// The feature where one of the `n` words before is one of these, and the
    /// word before that one is the last when there is one ("the" before "past"
    /// in "the past two weeks").
    Near(Features, usize, KeySet, Option<u128>),
    /// The feature where the words after are those of one of the phrases,
    /// after one of the links when there are any.
    Followed(Features, KeySet, Vec<Vec<u128>>),
    /// The feature where the next word opens with a year.
    BeforeYear(Features),
}

/// A few [`word_key`]s, with a bit set of a hash of each: most words looked
/// up are none of them, and their bit, clear, says so with no comparison
/// with each key (a loop whose end the predictor misses).
#[derive(Debug, Clone)]
pub(super) struct KeySet {
    /// Bit [`key_bit`] of each key set.
    bits: u64,
    keys: Vec<u128>,
}

impl KeySet {
    pub(super) fn new(keys: Vec<u128>) -> KeySet {
        let bits = keys.iter().fold(0, |bits, &key| bits | 1 << key_bit(key));
        KeySet { bits, keys }
    }

    /// Whether `key` is one of the keys.
    #[inline(always)]
    pub(super) fn contains(&self, key: u128) -> bool {
        self.bits >> key_bit(key) & 1 != 0 && self.keys.contains(&key)
    }

    fn is_empty(&self) -> bool {
        self.keys.is_empty()
    }
}

/// The bit of a key in [`KeySet::bits`]: a hash of its 16 bytes.
#[inline(always)]
fn key_bit(key: u128) -> u32 {
    let folded = (key as u64) ^ ((key >> 64) as u64).rotate_left(29);
    (folded.wrapping_mul(0x9E37_79B9_7F4A_7C15) >> 58) as u32
}

/// A word of the gate's table.
#[derive(Debug)]
pub(super) struct GateWord {
    /// Its [`word_key`].
    pub(super) key: u128,
    actions: Vec<Action>,
}

/// The slots of [`Gate::slots`].
const GATE_SLOTS: usize = 512;

/// The first slot of a [`word_key`] in [`Gate::slots`].
fn slot_of(key: u128) -> usize {
    let folded = (key as u64) ^ ((key >> 64) as u64).rotate_left(17);
    (folded.wrapping_mul(0x9E37_79B9_7F4A_7C15) >> 55) as usize % GATE_SLOTS
}

/// How many words before and after a word of the table its actions may look at.
const AROUND: usize = 8;

/// Which date patterns can match a text, found in one scan of its words.
///
/// Every match of a date pattern holds a word that sets one of the
/// [`Features`]: a year, a month or weekday name, the last word of a relative
/// or vague phrase, a unit of time ("months"), "ago", "since", "between". The
/// scan finds the words of the text (runs of ASCII letters and digits, 8 bytes
/// at a time), passes those of three bytes or more through a filter of the
/// first three letters of the table's words, looks up the few that pass, and
/// where one is in the table checks the words beside it as the pattern has
/// them ("in" before "March", "the first nine" before "months").
///
/// The patterns' word boundaries are ASCII ones and the words of a match are
/// joined by `\s` and punctuation, so each word of a match is a whole run of
/// ASCII letters, digits and `_` (a "word" below: the runs the scan finds are
/// these or parts of them), and the words beside it in the text are those
/// beside it in the match: where a pattern matches, its feature is set. A
/// pattern whose feature is not set has no match, and most sentences set none.
///
/// Each feature is also set at a place inside every match it stands for (the
/// month of "June 5", the "ago" of "two days ago"): past the last such place
/// in the text no match of the pattern starts, so its search stops there.
///
/// Case-insensitive matching folds two non-ASCII letters onto ASCII ones ("ſ"
/// U+017F onto "s", "K" U+212A onto "k"), which the table's ASCII case folding
/// does not: a text holding either is not gated ([`Gate::scan`] gives `None`).
pub(super) struct Gate {
    /// One bit per [`trigram`] of the first three bytes of the table's words
    /// and of the years: a word of three bytes or more without its bit is none
    /// of them.
    trigrams: [u64; 512],
    /// One bit per [`filter_bit`] of the table's words and of the years: a
    /// word without its bit is none of them.
    pub(super) filter: [u64; 1024],
    /// The table's words.
    pub(super) words: Vec<GateWord>,
    /// Open addressing over `words` by [`slot_of`] their key: 1 + the index of
    /// a word, 0 for an empty slot.
    slots: Vec<u8>,
    /// For each date pattern, whether the gate looks for it (else it always runs).
    gated: [bool; VAGUE + 1],
    /// Whether it looks for all of them.
    all_gated: bool,
    /// The last words of the prepositions and modifiers of `month_alone` and
    /// of `year`, as [`word_key`]s.
    month_qualifiers: KeySet,
    year_qualifiers: KeySet,
    /// The month names as printed, with their keys.
    pub(super) months: Vec<(u128, &'static str)>,
    /// The keys of `months`.
    month_keys: KeySet,
    /// For each date pattern, how many words of a match can come before the
    /// word where its feature is set.
    pub(super) lead: [usize; VAGUE + 1],
}

/// Which date patterns to run over a text, and how far: what [`Gate::scan`]
/// found.
#[derive(Debug, Clone, PartialEq)]
pub(super) struct Plan {
    /// Bit `i` set: pattern `i` ([`FULL`] ... [`VAGUE`]) may match (for
    /// `month_alone`, may make a mention).
    pub(super) on: u16,
    /// The features found.
    pub(super) features: Features,
    /// Bit `i` set: pattern `i` is searched to the end of the text (the gate
    /// did not look for it); else a match of it that ends past the last place
    /// of its feature is its last.
    unbounded: u16,
    /// For each feature (by bit), the last place (byte offset) it was set.
    /// Texts are shorter than 64 KiB ([`Gate::scan`]), and the features fit
    /// in 16 bits.
    pub(super) last_set: [u16; 16],
    /// Where features were set, in order, and which: the first [`PLAN_KEYS`]
    /// places (`keys_complete` says whether that is all of them).
    pub(super) keys: [(u16, u16); PLAN_KEYS],
    pub(super) key_count: usize,
    pub(super) keys_complete: bool,
    /// Whether the gate took the text: it holds no letter that
    /// case-insensitive matching folds onto an ASCII one, so the patterns'
    /// case-insensitive words are ASCII words in any case.
    pub(super) ascii_case: bool,
}

/// How many places of features a [`Plan`] keeps.
const PLAN_KEYS: usize = 16;

impl Plan {
    /// A plan that has found nothing yet.
    pub(super) fn new() -> Plan {
        Plan {
            on: 0,
            features: 0,
            unbounded: 0,
            last_set: [0; 16],
            keys: [(0, 0); PLAN_KEYS],
            key_count: 0,
            keys_complete: true,
            ascii_case: false,
        }
    }

    pub(super) fn on(&self, pattern: usize) -> bool {
        self.on & (1 << pattern) != 0
    }

    /// Whether a match of `pattern` ending at `end` is its last one.
    pub(super) fn done(&self, pattern: usize, end: usize) -> bool {
        if self.unbounded >> pattern & 1 != 0 {
            return false;
        }
        let feature = KEYS.get(pattern).map_or(0, |k| k.trailing_zeros() as usize);
        self.last_set
            .get(feature)
            .is_none_or(|&last| end > usize::from(last))
    }

    /// `features` set at `at`, which is at or after the last place set.
    pub(super) fn set(&mut self, features: Features, at: usize) {
        if features == 0 {
            return;
        }
        // Texts are shorter than 64 KiB ([`Gate::scan`]), and the features
        // fit in 16 bits (see [`NEEDS`]).
        let at = at as u16;
        self.features |= features;
        let mut bits = features;
        while bits != 0 {
            if let Some(last) = self.last_set.get_mut(bits.trailing_zeros() as usize) {
                *last = (*last).max(at);
            }
            bits &= bits - 1;
        }
        let features = features as u16;
        match self
            .key_count
            .checked_sub(1)
            .and_then(|i| self.keys.get_mut(i))
        {
            Some((last, f)) if *last == at => *f |= features,
            _ => match self.keys.get_mut(self.key_count) {
                Some(slot) => {
                    *slot = (at, features);
                    self.key_count += 1;
                }
                None => self.keys_complete = false,
            },
        }
    }

    /// The plan of the union of the patterns, where the gate cannot tell: the
    /// patterns that match, searched from the start to the end.
    pub(super) fn from_union(p: &Patterns, text: &str) -> Plan {
        let mut plan = Plan::new();
        plan.unbounded = u16::MAX;
        plan.keys_complete = false;
        // Whether any matches at all stops at the first match, a quicker scan
        // than the one that says which.
        if p.any.is_match(text) {
            let hits = p.any.matches(text);
            for i in (FULL..=VAGUE).filter(|&i| hits.matched(i)) {
                plan.on |= 1 << i;
            }
            if !hits.matched(MONTH_ALONE_QUALIFIED) {
                plan.on &= !(1 << MONTH_ALONE);
            }
        }
        plan
    }

    /// The searches for the matches of `pattern` in `text`.
    pub(super) fn searches<'a>(
        &'a self,
        gate: &Gate,
        text: &'a str,
        pattern: usize,
    ) -> Searches<'a> {
        Searches {
            plan: self,
            text: text.as_bytes(),
            pattern,
            lead: gate.lead.get(pattern).copied().unwrap_or(0),
            pos: 0,
            next_key: 0,
        }
    }
}

/// The starts of the successive searches for one pattern's matches: each
/// from the earliest place the next match can start (see [`Gate`]).
pub(super) struct Searches<'a> {
    pub(super) plan: &'a Plan,
    pub(super) text: &'a [u8],
    pub(super) pattern: usize,
    /// How many words of a match can come before the word of its feature.
    pub(super) lead: usize,
    /// Where the last match ended (0 before the first).
    pub(super) pos: usize,
    /// The next place of `keys` to look at.
    next_key: usize,
}

impl Searches<'_> {
    /// Where to search for the next match: no match starts between the end of
    /// the last and there. The next match holds a place of the pattern's
    /// feature at or after its start, so after the last match's end, and
    /// starts at most `lead` words before it: at or after the `lead`-th word
    /// before the first such place.
    pub(super) fn next_start(&mut self) -> usize {
        let plan = self.plan;
        if !plan.keys_complete {
            return self.pos;
        }
        let keys = plan.keys.get(..plan.key_count).unwrap_or(&[]);
        while let Some(&(at, features)) = keys.get(self.next_key) {
            let at = usize::from(at);
            if at >= self.pos && Features::from(features) & KEYS[self.pattern] != 0 {
                return self.pos.max(words_back(self.text, at, self.lead));
            }
            self.next_key += 1;
        }
        self.pos
    }

    /// Takes a match at `start..end`; false for an empty one (no pattern has
    /// one), after which the search stops.
    pub(super) fn matched(&mut self, start: usize, end: usize) -> bool {
        self.pos = end;
        start < end
    }
}

/// The start of the `n`-th word before the one at `at` (0 past the first):
/// the `n`-th start of a word (a word byte after none) before `at`.
///
/// Read 8 bytes at a time backwards, their starts of words counted at once,
/// where taking the words one by one took a loop over the bytes of each that
/// ended after a number of steps that differs from word to word.
pub(super) fn words_back(b: &[u8], at: usize, n: usize) -> usize {
    if n == 0 {
        return at;
    }
    let mut left = u32::try_from(n).unwrap_or(u32::MAX);
    let mut end = at.min(b.len());
    while end > 0 {
        // The bytes before the text read as zeros, which are no word bytes.
        let words = word_byte_high_bits(bytes_ending_at(b, end));
        let before = end
            .checked_sub(9)
            .and_then(|i| b.get(i))
            .is_some_and(|&c| is_word_byte(c));
        let starts = words & !((words << 8) | (u64::from(before) << 7));
        let count = crate::clean::count_high_bits(starts);
        if count >= left {
            let mut starts = starts;
            for _ in 1..left {
                starts &= !(1u64 << (63 - starts.leading_zeros()));
            }
            // Byte `j` of the window, with its high bit at 8 j + 7, is
            // `b[end - 8 + j]`.
            return end + ((63 - starts.leading_zeros()) / 8) as usize - 8;
        }
        left -= count;
        end = end.saturating_sub(8);
    }
    0
}

/// [`words_back`] a word at a time, as it was: for the tests.
#[cfg(test)]
pub(super) fn words_back_by_word(b: &[u8], mut at: usize, n: usize) -> usize {
    for _ in 0..n {
        match word_before(b, at) {
            Some((start, _)) => at = start,
            None => return 0,
        }
    }
    at
}

/// The 8 bytes of `b` before `end` (at least 1), the last highest; zeros
/// for those before the start of `b`.
#[inline(always)]
fn bytes_ending_at(b: &[u8], end: usize) -> u64 {
    let mut bytes = [0u8; 8];
    match end.checked_sub(8).and_then(|from| b.get(from..end)) {
        Some(eight) => bytes.copy_from_slice(eight),
        None => {
            let head = b.get(..end).unwrap_or(&[]);
            if let Some(tail) = bytes.get_mut(8 - head.len().min(8)..) {
                tail.copy_from_slice(head.get(head.len().saturating_sub(8)..).unwrap_or(&[]));
            }
        }
    }
    u64::from_le_bytes(bytes)
}

/// The high bit of each of the 8 bytes of `v` set where the byte is a word
/// byte ([`is_word_byte`]): an ASCII letter, digit or `_`.
#[inline(always)]
fn word_byte_high_bits(v: u64) -> u64 {
    const LANES: u64 = 0x0101_0101_0101_0101;
    const HIGH: u64 = LANES * 0x80;
    // A byte below 0x80 plus (0x80 - lo) stays below 0x100, so no carry
    // crosses bytes, and its high bit says whether it is at least `lo`.
    let at_least = |x: u64, lo: u8| x.wrapping_add(LANES * u64::from(0x80 - lo));
    let low = v & !HIGH;
    let folded = low | (LANES * 0x20);
    let letters = at_least(folded, b'a') & !at_least(folded, b'z' + 1);
    let digits = at_least(low, b'0') & !at_least(low, b'9' + 1);
    // `_` (0x5F): a zero low part after the xor.
    let xored = low ^ (LANES * 0x5F);
    let underscores = !(xored.wrapping_add(LANES * 0x7F) | xored);
    (letters | digits | underscores) & !v & HIGH
}

/// The words of a phrase as the patterns' word boundaries split them (runs of
/// ASCII letters, digits and `_`), lower case.
fn phrase_words(phrase: &str) -> Vec<String> {
    phrase
        .split(|c: char| !(c.is_ascii_alphanumeric() || c == '_'))
        .filter(|w| !w.is_empty())
        .map(str::to_ascii_lowercase)
        .collect()
}

/// A word of at most 16 bytes as one number: its bytes, each with the bit 0x20
/// set (an ASCII letter in lower case; digits and `_` are the only other bytes
/// of words, and none becomes a letter), the first lowest; `None` for a longer
/// word. Two words have the same key exactly when they are equal but for the
/// case of ASCII letters.
pub(super) fn word_key(word: &[u8]) -> Option<u128> {
    let mut bytes = [0u8; 16];
    if word.len() > bytes.len() {
        return None;
    }
    for (k, &c) in bytes.iter_mut().zip(word) {
        *k = c | 0x20;
    }
    Some(u128::from_le_bytes(bytes))
}

/// The [`word_key`] of the word `start..end` of `b`, read 16 bytes at a time
/// where `b` has them.
#[inline]
fn word_key_at(b: &[u8], start: usize, end: usize) -> Option<u128> {
    let len = end.checked_sub(start)?;
    if len > 16 {
        return None;
    }
    match b.get(start..start + 16).map(<[u8; 16]>::try_from) {
        Some(Ok(bytes)) => {
            const LOWER: u64 = 0x2020_2020_2020_2020;
            let half = |i: usize| {
                let mut h = [0u8; 8];
                h.copy_from_slice(&bytes[i..i + 8]);
                u64::from_le_bytes(h) | LOWER
            };
            // The bytes of the word, less those past its end.
            const KEEP: [u64; 9] = [
                0,
                0xFF,
                0xFFFF,
                0xFF_FFFF,
                0xFFFF_FFFF,
                0xFF_FFFF_FFFF,
                0xFFFF_FFFF_FFFF,
                0xFF_FFFF_FFFF_FFFF,
                u64::MAX,
            ];
            let keep = |n: usize| KEEP[n.min(8)];
            let lo = half(0) & keep(len);
            let hi = half(8) & keep(len.saturating_sub(8));
            Some(u128::from(lo) | (u128::from(hi) << 64))
        }
        _ => word_key(b.get(start..end)?),
    }
}

/// The [`word_key`]s of the words of `phrases`, all of them.
fn keys_of(phrases: &[&str]) -> Option<Vec<u128>> {
    phrases
        .iter()
        .flat_map(|p| phrase_words(p))
        .map(|w| word_key(w.as_bytes()))
        .collect()
}

/// A byte of a word for the patterns' ASCII word boundaries.
pub(super) fn is_word_byte(b: u8) -> bool {
    WORD_BYTES[usize::from(b)]
}

/// [`is_word_byte`] of each byte.
static WORD_BYTES: [bool; 256] = {
    let mut t = [false; 256];
    let mut i = 0;
    while i < 256 {
        let c = i as u8;
        t[i] = c.is_ascii_alphanumeric() || c == b'_';
        i += 1;
    }
    t
};

/// The word that ends nearest before `at`, past any other bytes: its bounds.
fn word_before(b: &[u8], at: usize) -> Option<(usize, usize)> {
    let mut end = at.min(b.len());
    while end > 0 && !is_word_byte(b[end - 1]) {
        end -= 1;
    }
    if end == 0 {
        return None;
    }
    let mut start = end - 1;
    while start > 0 && is_word_byte(b[start - 1]) {
        start -= 1;
    }
    Some((start, end))
}

/// The word that starts nearest at or after `at`, past any other bytes: its bounds.
fn word_after(b: &[u8], at: usize) -> Option<(usize, usize)> {
    let mut start = at;
    while start < b.len() && !is_word_byte(b[start]) {
        start += 1;
    }
    if start >= b.len() {
        return None;
    }
    let mut end = start + 1;
    while end < b.len() && is_word_byte(b[end]) {
        end += 1;
    }
    Some((start, end))
}

/// Whether `word` is a day as `full` and `month_day` have it: one or two
/// digits, then "st", "nd", "rd" or "th" or nothing.
fn is_day_word(word: &[u8]) -> bool {
    let digits = word.iter().take_while(|c| c.is_ascii_digit()).count();
    (1..=2).contains(&digits) && matches!(&word[digits..], b"" | b"st" | b"nd" | b"rd" | b"th")
}

/// Whether a year of the patterns opens a run of exactly four digits at `at`:
/// 1800 to 2199, no digit before or after.
fn year_run_at(b: &[u8], at: usize) -> bool {
    let digit = |i: usize| b.get(i).is_some_and(u8::is_ascii_digit);
    let before = at.checked_sub(1).is_some_and(digit);
    !before
        && matches!(b.get(at..at + 2), Some(b"18" | b"19" | b"20" | b"21"))
        && digit(at + 2)
        && digit(at + 3)
        && !digit(at + 4)
}

/// A hash (15 bits) of the low five bits of each of three bytes (the same for
/// an ASCII letter in either case), given as the low three bytes of `v`.
#[inline(always)]
fn trigram(v: u32) -> usize {
    ((v & 0x001F_1F1F).wrapping_mul(0x9E37_79B1) >> 17) as usize
}

/// The bit of [`Gate::filter`] of a word of `len` bytes that opens with the
/// bytes `c`: a hash of the low five bits of each (the same for an ASCII
/// letter in either case) and of the length (up to 15).
#[inline(always)]
fn filter_bit([c0, c1, c2]: [u8; 3], len: usize) -> usize {
    let low = |c: u8| u32::from(c & 31);
    let len = len.min(15) as u32;
    let packed = low(c0) << 14 | low(c1) << 9 | low(c2) << 4 | len;
    (packed.wrapping_mul(0x9E37_79B1) >> 16) as usize
}

/// Whether `c` is an ASCII letter or digit (a byte of 0x80 or more is neither:
/// `c | 0x20` stays at 0xA0 or more, `c - b'0'` at 0x50 or more).
#[inline(always)]
fn is_alphanumeric_byte(c: u8) -> bool {
    ((c | 0x20).wrapping_sub(b'a') < 26) | (c.wrapping_sub(b'0') < 10)
}

/// The high bits of the 8 bytes of `h` (no other bit set) as 8 bits, the
/// first byte's lowest: the product puts the high bit of byte `i` at bit 56 +
/// `i`, and no two of its terms at the same bit.
#[inline(always)]
fn gather_high_bits(h: u64) -> u64 {
    h.wrapping_mul(0x0002_0408_1020_4081) >> 56
}

/// One bit per byte of `block`, the first lowest: an ASCII letter or digit;
/// and the bytes of the block or-ed together (0x80 set when one is not ASCII).
/// Each byte is tested on its own, with no carry between bytes, a test the
/// compiler does on 16 bytes at once; then the 64 results are gathered eight
/// at a time.
#[inline(always)]
fn block_bits(block: &[u8; 64]) -> (u64, u8) {
    let mut marks = [0u8; 64];
    let mut high = 0u8;
    for (mark, &c) in marks.iter_mut().zip(block) {
        *mark = u8::from(is_alphanumeric_byte(c)) << 7;
        high |= c;
    }
    let mut bits = 0;
    for (j, eight) in marks.chunks_exact(8).enumerate() {
        let mut bytes = [0u8; 8];
        bytes.copy_from_slice(eight);
        bits |= gather_high_bits(u64::from_le_bytes(bytes)) << (8 * j);
    }
    (bits, high)
}

/// How many bytes [`Gate::scan`] classifies at a time.
pub(super) const SEGMENT: usize = 4 * 64;

/// One bit per byte of `b` (at most [`SEGMENT`] + 64 bytes), 64 to a word,
/// the first byte lowest: an ASCII letter or digit. Also whether any byte is
/// not ASCII.
#[inline(never)]
pub(super) fn segment_bits(b: &[u8], bits: &mut [u64; SEGMENT / 64 + 2]) -> bool {
    // Zeros past the end: no letter or digit.
    *bits = [0; SEGMENT / 64 + 2];
    let mut high = 0u8;
    let mut blocks = b.chunks_exact(64);
    let mut k = 0;
    for (slot, block) in bits.iter_mut().zip(&mut blocks) {
        let Ok(block) = <&[u8; 64]>::try_from(block) else {
            break;
        };
        let (w, h) = block_bits(block);
        *slot = w;
        high |= h;
        k += 1;
    }
    let rest = blocks.remainder();
    if !rest.is_empty() {
        let last = b.len().checked_sub(64).and_then(|from| b.get(from..));
        let (w, h) = match last.and_then(|last| <&[u8; 64]>::try_from(last).ok()) {
            // The last 64 bytes, which end with the rest: their bits moved
            // down to the rest's place.
            Some(last) => {
                let (w, h) = block_bits(last);
                (w >> (64 - rest.len()), h)
            }
            None => {
                let mut part = [0u8; 64];
                part[..rest.len()].copy_from_slice(rest);
                block_bits(&part)
            }
        };
        if let Some(slot) = bits.get_mut(k) {
            *slot = w;
        }
        high |= h;
    }
    high & 0x80 != 0
}

/// The length of the word (run of ASCII letters and digits) at `start`.
#[cold]
#[inline(never)]
fn word_length(b: &[u8], start: usize) -> usize {
    let rest = b.get(start..).unwrap_or(&[]);
    rest.iter()
        .position(|c| !c.is_ascii_alphanumeric())
        .unwrap_or(rest.len())
}

/// Whether `b` holds "ſ" or "K".
pub(super) fn has_folding_letter(b: &[u8]) -> bool {
    memchr::memchr2_iter(0xC5, 0x84, b).any(|i| {
        b[i..].starts_with("\u{17f}".as_bytes())
            || i.checked_sub(1)
                .is_some_and(|j| b[j..].starts_with("\u{212a}".as_bytes()))
    })
}

impl Gate {
    pub(super) fn new(data: &DateData) -> Gate {
        let mut table: Vec<(u128, Vec<Action>)> = Vec::new();
        let mut gated = [true; VAGUE + 1];
        // A pattern the scan cannot look for (a word of the table not all ASCII
        // letters, or shorter than three, or longer than 16; more words around
        // than [`AROUND`]: none now) goes without a gate.
        let mut add = |word: &str, action: Option<Action>, pattern: usize| {
            let ok = word.len() >= 3 && word.bytes().all(|c| c.is_ascii_alphabetic());
            let around = match &action {
                Some(Action::Preceded(_, w)) => w.len(),
                Some(Action::Near(_, n, _, _)) => n + 1,
                Some(Action::Followed(_, links, phrases)) => {
                    usize::from(!links.is_empty()) + phrases.iter().map(Vec::len).max().unwrap_or(0)
                }
                _ => 0,
            };
            let (Some(key), Some(action), true, true) =
                (word_key(word.as_bytes()), action, ok, around <= AROUND)
            else {
                if let Some(g) = gated.get_mut(pattern) {
                    *g = false;
                }
                return;
            };
            match table.iter_mut().find(|(k, _)| *k == key) {
                Some((_, actions)) => actions.push(action),
                None => table.push((key, vec![action])),
            }
        };
        for &m in data.months.keys() {
            let full = is_full_month(m);
            add(m, Some(Action::Month { name: m, full }), MONTH_DAY);
        }
        for &w in &data.weekday_full {
            add(w, Some(Action::Plain(WEEKDAY_NAME)), WEEKDAY);
        }
        for w in RANGE_OPENERS {
            add(w, Some(Action::BeforeYear(RANGE_OPENED)), YEAR_RANGE);
        }
        let near = |f: Features, n: usize, words: &[&str], the: bool| {
            let the = if the {
                Some(word_key(THE.as_bytes())?)
            } else {
                None
            };
            Some(Action::Near(f, n, KeySet::new(keys_of(words)?), the))
        };
        // "the first nine months": `span`'s count is one word; `rolling`'s up to
        // two ("twenty-four").
        for w in SPAN_UNITS {
            add(w, near(SPAN_UNIT, 2, &SPAN_WHICH, true), SPAN);
        }
        for w in ROLLING_UNITS {
            add(w, near(ROLLING_UNIT, 3, &ROLLING_LEADS, true), ROLLING);
        }
        for w in AGO_WORDS {
            add(w, near(AGO_WORD, 1, &AGO_UNITS, false), AGO);
        }
        let anchors: Option<Vec<Vec<u128>>> =
            data.anchors.iter().map(|(p, _)| keys_of(&[p])).collect();
        let followed = |f: Features, links: &[&str]| {
            Some(Action::Followed(
                f,
                KeySet::new(keys_of(links)?),
                anchors.clone()?,
            ))
        };
        add(SINCE, followed(SINCE_ANCHOR_PHRASE, &[]), SINCE_ANCHOR);
        for w in ANCHOR_UNITS {
            add(
                w,
                followed(UNIT_SINCE_ANCHOR, &ANCHOR_LINKS),
                YEARS_SINCE_ANCHOR,
            );
        }
        let phrases = data
            .relative
            .keys()
            .map(|p| (p.as_str(), RELATIVE_PHRASE, RELATIVE))
            .chain(data.vague.iter().map(|&p| (p, VAGUE_PHRASE, VAGUE)));
        for (phrase, feature, pattern) in phrases {
            let mut words = phrase_words(phrase);
            let last = words.pop().unwrap_or_default();
            let before: Option<Vec<u128>> =
                words.iter().rev().map(|w| word_key(w.as_bytes())).collect();
            add(&last, before.map(|b| Action::Preceded(feature, b)), pattern);
        }
        // The month names feed the first four patterns.
        if !gated[MONTH_DAY] {
            for i in [FULL, MONTH_YEAR, MONTH_ALONE] {
                gated[i] = false;
            }
        }
        let mut filter = [0u64; 1024];
        let mut trigrams = [0u64; 512];
        let mut mark = |[c0, c1, c2]: [u8; 3], len: usize| {
            let bit = filter_bit([c0, c1, c2], len);
            if let Some(f) = filter.get_mut(bit / 64) {
                *f |= 1 << (bit % 64);
            }
            let t = trigram(u32::from_le_bytes([c0, c1, c2, 0]));
            if let Some(f) = trigrams.get_mut(t / 64) {
                *f |= 1 << (t % 64);
            }
        };
        for (key, _) in &table {
            let b = key.to_le_bytes();
            let len = b.iter().position(|&c| c == 0).unwrap_or(b.len());
            mark([b[0], b[1], b[2]], len);
        }
        // Years: four digits, "18", "19", "20" or "21" first.
        for [c0, c1] in [*b"18", *b"19", *b"20", *b"21"] {
            for c2 in b'0'..=b'9' {
                mark([c0, c1, c2], 4);
            }
        }
        let words: Vec<GateWord> = table
            .into_iter()
            .map(|(key, actions)| GateWord { key, actions })
            .collect();
        let mut slots = vec![0u8; GATE_SLOTS];
        for (i, w) in words.iter().enumerate() {
            let mut slot = slot_of(w.key);
            while slots[slot] != 0 {
                slot = (slot + 1) % GATE_SLOTS;
            }
            // At most 255 words, or the pattern loses its gate below.
            slots[slot] = u8::try_from(i + 1).unwrap_or(0);
        }
        if words.len() >= 255.min(GATE_SLOTS / 2) {
            gated = [false; VAGUE + 1];
        }
        let last_keys = |phrases: &[&str]| -> Vec<u128> {
            phrases
                .iter()
                .filter_map(|p| word_key(phrase_words(p).pop()?.as_bytes()))
                .collect()
        };
        let mut month_qualifiers = last_keys(&MONTH_PREPOSITIONS);
        month_qualifiers.extend(last_keys(&MONTH_MODIFIERS));
        let mut year_qualifiers = last_keys(&YEAR_PREPOSITIONS);
        year_qualifiers.extend(last_keys(&PART_OF_MONTH));
        // The words a match can have before its feature's word, read off each
        // pattern (one word each for a weekday, a day, "the", a count; "in the
        // year" three; a count up to two, "twenty-four"), and from the data for
        // the phrases.
        let most_words = |phrases: &mut dyn Iterator<Item = &str>| {
            phrases
                .map(|p| phrase_words(p).len().saturating_sub(1))
                .max()
                .unwrap_or(0)
        };
        let lead = [
            6, // full: "on Monday, the 5th of June 2024", or "5/6/2024"
            5, // month_day: "on Monday, the 5th of June", "on Monday, the June 5"
            3, // month_year: "since early March 2023"
            4, // month_alone: "until the end of March"
            4, // year: "in the year 2023", "since mid-2023"
            0, // year_range: from "between"
            4, // span: "in the first nine months"
            5, // rolling: "over the past twenty-four hours"
            3, // ago: "twenty-four days ago"
            most_words(&mut data.relative.keys().map(String::as_str)),
            2, // weekday: "late on Monday"
            0, // since_anchor: from "since"
            4, // years_since_anchor: "in the first two years since ..."
            most_words(&mut data.vague.iter().copied()),
        ];
        let months: Vec<(u128, &'static str)> = data
            .months
            .keys()
            .filter_map(|&m| Some((word_key(m.as_bytes())?, m)))
            .collect();
        Gate {
            trigrams,
            filter,
            words,
            slots,
            all_gated: gated.iter().all(|&g| g),
            gated,
            lead,
            month_qualifiers: KeySet::new(month_qualifiers),
            year_qualifiers: KeySet::new(year_qualifiers),
            month_keys: KeySet::new(months.iter().map(|&(key, _)| key).collect()),
            months,
        }
    }

    /// Which patterns can match `text`, and where their features are, into
    /// `plan` (a new one); false when the gate cannot tell (a letter that folds
    /// onto an ASCII one, or a text of 4 GiB or more).
    #[inline(never)]
    pub(super) fn scan(&self, text: &str, plan: &mut Plan) -> bool {
        let b = text.as_bytes();
        if u16::try_from(b.len()).is_err() {
            return false;
        }
        let mut bits = [0u64; SEGMENT / 64 + 2];
        // Made for the first word of the table found.
        let mut around: Option<Around<'_>> = None;
        let mut not_ascii = false;
        // Whether the byte before the segment is a letter or digit.
        let mut before = 0u64;
        let mut base = 0;
        while base < b.len() {
            // A segment and one block more, for the words that go on past it.
            let seg = &b[base..b.len().min(base + SEGMENT + 64)];
            not_ascii |= segment_bits(seg, &mut bits);
            let blocks = (seg.len().min(SEGMENT)).div_ceil(64);
            for k in 0..blocks {
                let (w, next) = (bits[k], bits[k + 1]);
                let starts = w & !((w << 1) | before);
                before = w >> 63;
                // Words of three bytes or more: the two after the first are in it too.
                let mut long = starts & ((w >> 1) | (next << 63)) & ((w >> 2) | (next << 62));
                while long != 0 {
                    let i = long.trailing_zeros();
                    long &= long - 1;
                    let start = base + 64 * k + i as usize;
                    // The word's first three bytes (and one more, unused).
                    let v = match b.get(start..start + 4) {
                        Some(&[c0, c1, c2, c3]) => u32::from_le_bytes([c0, c1, c2, c3]),
                        _ => match b.get(start..start + 3) {
                            Some(&[c0, c1, c2]) => u32::from_le_bytes([c0, c1, c2, 0]),
                            _ => continue,
                        },
                    };
                    let t = trigram(v);
                    if self.trigrams[(t >> 6) & 511] >> (t & 63) & 1 == 0 {
                        continue;
                    }
                    let [c0, c1, c2, _] = v.to_le_bytes();
                    let run = (!(w >> i)).trailing_zeros();
                    let len = if run < 64 - i {
                        run as usize
                    } else {
                        word_length(b, start)
                    };
                    let bit = filter_bit([c0, c1, c2], len);
                    if self.filter[(bit >> 6) & 1023] >> (bit & 63) & 1 != 0 {
                        let around = around.get_or_insert_with(|| Around::new(b));
                        around.reset(start, start + len, &bits, base);
                        self.word(b, start, start + len, plan, around);
                    }
                }
            }
            base += SEGMENT;
        }
        if not_ascii && has_folding_letter(b) {
            return false;
        }
        plan.ascii_case = true;
        if plan.features == 0 && self.all_gated {
            return true;
        }
        let found = plan.features;
        for (i, needs) in NEEDS.iter().enumerate() {
            if needs.iter().any(|&need| holds_all(found, need)) {
                plan.on |= 1 << i;
            }
        }
        for (i, &gated) in self.gated.iter().enumerate() {
            if !gated {
                plan.on |= 1 << i;
                plan.unbounded |= 1 << i;
                plan.keys_complete = false;
            }
        }
        true
    }

    /// The word `start..end` whose first three bytes and length passed the
    /// filter: a year, or a word of the table, whose actions it takes.
    #[inline(never)]
    pub(super) fn word<'b>(
        &self,
        b: &'b [u8],
        start: usize,
        end: usize,
        plan: &mut Plan,
        around: &mut Around<'b>,
    ) {
        let word = &b[start..end];
        if word.first().is_some_and(u8::is_ascii_digit) {
            if word.len() == 4 && year_run_at(b, start) {
                self.year(b, start, end, plan);
            }
            return;
        }
        let Some(key) = word_key_at(b, start, end) else {
            return;
        };
        let mut slot = slot_of(key);
        let at = loop {
            match self.slots.get(slot).copied().unwrap_or(0) {
                0 => return,
                i => {
                    let at = usize::from(i) - 1;
                    if self.words.get(at).is_some_and(|w| w.key == key) {
                        break at;
                    }
                }
            }
            slot = (slot + 1) % GATE_SLOTS;
        };
        for action in &self.words[at].actions {
            let features = match action {
                Action::Month { name, full } => self.month(around, name, *full),
                Action::Plain(f) => *f,
                Action::Preceded(f, words) => {
                    let all = words
                        .iter()
                        .enumerate()
                        .all(|(i, &w)| around.before(i).is_some_and(|x| x.key == w));
                    if all {
                        *f
                    } else {
                        0
                    }
                }
                Action::Near(f, n, words, the) => {
                    let near = (0..*n).any(|i| {
                        around.before(i).is_some_and(|x| words.contains(x.key))
                            && the.is_none_or(|t| around.before(i + 1).is_some_and(|x| x.key == t))
                    });
                    if near {
                        *f
                    } else {
                        0
                    }
                }
                Action::Followed(f, links, phrases) => {
                    let skip = usize::from(!links.is_empty());
                    if skip == 1 && !around.after(0).is_some_and(|x| links.contains(x.key)) {
                        continue;
                    }
                    let follows = |p: &Vec<u128>| {
                        p.iter()
                            .enumerate()
                            .all(|(i, &w)| around.after(skip + i).is_some_and(|x| x.key == w))
                    };
                    if phrases.iter().any(follows) {
                        *f
                    } else {
                        0
                    }
                }
                Action::BeforeYear(f) => {
                    // The start of the next word.
                    let next = b
                        .get(end..)
                        .and_then(|t| t.iter().position(|&c| is_word_byte(c)));
                    if next.is_some_and(|i| year_run_at(b, end + i)) {
                        *f
                    } else {
                        0
                    }
                }
            };
            plan.set(features, start);
        }
    }

    /// The features of the month name `name` found (in any case) as `around`'s word.
    pub(super) fn month(&self, around: &mut Around<'_>, name: &str, full: bool) -> Features {
        let word = around.word();
        // As printed or in capitals.
        if !(word == name.as_bytes() || word.iter().all(u8::is_ascii_uppercase)) {
            return 0;
        }
        let mut features = 0;
        let before = around.before(0);
        if full && before.is_some_and(|w| self.month_qualifiers.contains(w.key)) {
            features |= MONTH_QUALIFIED;
        }
        // "5 June", "5th of June", "June 5".
        let of = word_key(b"of");
        let day_before = match before {
            Some(w) if Some(w.key) == of => around.before(1).is_some_and(|w| is_day_word(w.bytes)),
            Some(w) => is_day_word(w.bytes),
            None => false,
        };
        if day_before || around.after(0).is_some_and(|w| is_day_word(w.bytes)) {
            features |= MONTH_WITH_DAY;
        }
        features
    }

    /// A year at `start..end`.
    pub(super) fn year(&self, b: &[u8], start: usize, end: usize, plan: &mut Plan) {
        plan.set(self.year_features(b, start, end), start);
    }

    /// The places of [`FULL_DATE_YEAR`] in `b`, in order: the years (of four
    /// digits, no digit beside) where a match of `full` can hold its year.
    /// Every match of `full` holds one, at most `lead[FULL]` words after its
    /// start (see [`Gate`]).
    pub(super) fn full_date_years<'b>(&'b self, b: &'b [u8]) -> impl Iterator<Item = usize> + 'b {
        // Every year opens with "1" or "2", rare bytes in prose.
        memchr::memchr2_iter(b'1', b'2', b).filter(move |&at| {
            year_run_at(b, at) && self.year_features(b, at, at + 4) & FULL_DATE_YEAR != 0
        })
    }

    /// The features of a year at `start..end`.
    fn year_features(&self, b: &[u8], start: usize, end: usize) -> Features {
        let mut features = 0;
        let before = start.checked_sub(1).and_then(|i| b.get(i)).copied();
        if b.get(end) == Some(&b'-') || matches!(before, Some(b'/' | b'.' | b'-')) {
            features |= YEAR_SEPARATED | FULL_DATE_YEAR;
        }
        if let Some((s, e)) = word_before(b, start) {
            let word = &b[s..e];
            let key = word_key_at(b, s, e).unwrap_or(0);
            if self.year_qualifiers.contains(key) {
                features |= YEAR_QUALIFIED;
            }
            // A month name as printed (capitalised) or in capitals.
            let month = word.first().is_some_and(u8::is_ascii_uppercase)
                && self.month_keys.contains(key)
                && self.months.iter().any(|&(k, m)| {
                    k == key && (word == m.as_bytes() || word.iter().all(u8::is_ascii_uppercase))
                });
            if month {
                features |= MONTH_THEN_YEAR | FULL_DATE_YEAR;
            }
            if is_day_word(word) {
                features |= FULL_DATE_YEAR;
            }
        }
        features
    }
}

/// A word near the one [`Around`] is about.
#[derive(Clone, Copy)]
pub(super) struct Nearby<'b> {
    pub(super) start: usize,
    pub(super) bytes: &'b [u8],
    /// Its [`word_key`]; 0 (no word's) for a word longer than 16 bytes.
    pub(super) key: u128,
}

/// A word found in a text and the words around it, found as asked for.
pub(super) struct Around<'b> {
    pub(super) b: &'b [u8],
    pub(super) start: usize,
    pub(super) end: usize,
    /// The segment's bits of ASCII letters and digits ([`segment_bits`]) and
    /// where it starts: the words around are found from them where they can
    /// be. A run of letters and digits is a word or part of one (a word may
    /// hold `_`), and no word of the patterns holds `_`: where a pattern's word
    /// is beside another in a match, it is beside it as a run too.
    pub(super) bits: [u64; SEGMENT / 64 + 2],
    base: usize,
    /// The words before, nearest first, as far as found (`None` past the first).
    pub(super) before: [Option<Nearby<'b>>; AROUND],
    before_found: usize,
    /// The words after, nearest first, as far as found.
    pub(super) after: [Option<Nearby<'b>>; AROUND],
    after_found: usize,
}

impl<'b> Around<'b> {
    pub(super) fn new(b: &'b [u8]) -> Around<'b> {
        Around {
            b,
            start: 0,
            end: 0,
            bits: [0; SEGMENT / 64 + 2],
            base: 0,
            before: [None; AROUND],
            before_found: 0,
            after: [None; AROUND],
            after_found: 0,
        }
    }

    /// About the word `start..end`, nothing around it found yet, in the
    /// segment of `bits` starting at `base`.
    #[inline]
    fn reset(&mut self, start: usize, end: usize, bits: &[u64; SEGMENT / 64 + 2], base: usize) {
        self.start = start;
        self.end = end;
        self.before_found = 0;
        self.after_found = 0;
        self.bits = *bits;
        self.base = base;
    }

    /// The run of letters and digits that ends nearest before `at`: from the
    /// bits where the segment holds it whole, else the word as
    /// [`word_before`] finds it.
    fn run_before(&self, at: usize) -> Option<(usize, usize)> {
        let from_bits = || -> Option<Option<(usize, usize)>> {
            let rel = at.checked_sub(self.base)?;
            let (mut k, below) = (rel / 64, rel % 64);
            let mut w = if below == 0 {
                0
            } else {
                *self.bits.get(k)? & ((1u64 << below) - 1)
            };
            while w == 0 {
                if k == 0 {
                    // No run in the segment before `at`: none at all when the
                    // segment opens the text.
                    return (self.base == 0).then_some(None);
                }
                k -= 1;
                w = *self.bits.get(k)?;
            }
            let last = 63 - w.leading_zeros() as usize;
            let end = self.base + 64 * k + last + 1;
            // The highest byte below `last` that is no letter or digit.
            let mut z = !*self.bits.get(k)? & ((1u64 << last) - 1);
            while z == 0 {
                if k == 0 {
                    return (self.base == 0).then_some(Some((0, end)));
                }
                k -= 1;
                z = !*self.bits.get(k)?;
            }
            Some(Some((
                self.base + 64 * k + 64 - z.leading_zeros() as usize,
                end,
            )))
        };
        match from_bits() {
            Some(run) => run,
            None => word_before(self.b, at),
        }
    }

    /// The run of letters and digits that starts nearest at or after `at`, as
    /// [`Around::run_before`].
    fn run_after(&self, at: usize) -> Option<(usize, usize)> {
        let from_bits = || -> Option<Option<(usize, usize)>> {
            let rel = at.checked_sub(self.base)?;
            let (mut k, from) = (rel / 64, rel % 64);
            let mut w = *self.bits.get(k)? & (u64::MAX << from);
            while w == 0 {
                k += 1;
                // Past the bits of the text: no run after.
                if self.base + 64 * k >= self.b.len() {
                    return Some(None);
                }
                w = *self.bits.get(k)?;
            }
            let first = w.trailing_zeros() as usize;
            let start = self.base + 64 * k + first;
            let mut z = !*self.bits.get(k)? & (u64::MAX << first);
            while z == 0 {
                k += 1;
                if self.base + 64 * k >= self.b.len() {
                    return Some(Some((start, self.b.len())));
                }
                z = !*self.bits.get(k)?;
            }
            Some(Some((
                start,
                self.base + 64 * k + z.trailing_zeros() as usize,
            )))
        };
        match from_bits() {
            Some(run) => run,
            None => word_after(self.b, at),
        }
    }

    pub(super) fn word(&self) -> &'b [u8] {
        &self.b[self.start..self.end]
    }

    fn nearby(&self, (start, end): (usize, usize)) -> Nearby<'b> {
        Nearby {
            start,
            bytes: &self.b[start..end],
            key: word_key_at(self.b, start, end).unwrap_or(0),
        }
    }

    /// The `i`-th word before (0 the nearest).
    #[inline(always)]
    pub(super) fn before(&mut self, i: usize) -> Option<Nearby<'b>> {
        if i < self.before_found {
            return self.before.get(i).copied().flatten();
        }
        self.find_before(i)
    }

    #[inline(never)]
    fn find_before(&mut self, i: usize) -> Option<Nearby<'b>> {
        while self.before_found <= i.min(AROUND - 1) {
            let at = match self.before_found.checked_sub(1) {
                None => Some(self.start),
                Some(j) => self.before[j].map(|w| w.start),
            };
            let w = at
                .and_then(|at| self.run_before(at))
                .map(|w| self.nearby(w));
            self.before[self.before_found] = w;
            self.before_found += 1;
        }
        *self.before.get(i)?
    }

    /// The `i`-th word after (0 the nearest).
    #[inline(always)]
    pub(super) fn after(&mut self, i: usize) -> Option<Nearby<'b>> {
        if i < self.after_found {
            return self.after.get(i).copied().flatten();
        }
        self.find_after(i)
    }

    #[inline(never)]
    fn find_after(&mut self, i: usize) -> Option<Nearby<'b>> {
        while self.after_found <= i.min(AROUND - 1) {
            let at = match self.after_found.checked_sub(1) {
                None => Some(self.end),
                Some(j) => self.after[j].map(|w| w.start + w.bytes.len()),
            };
            let w = at.and_then(|at| self.run_after(at)).map(|w| self.nearby(w));
            self.after[self.after_found] = w;
            self.after_found += 1;
        }
        *self.after.get(i)?
    }
}
