//! Date patterns that are alternations of plain words (relative phrases,
//! vague words, weekdays), matched by hand where the gate has placed them.

use super::*;

/// The matches of `pattern` in `text`, as `find_iter` gives them, found with
/// `match_at` (where the match that starts at a place ends, if one does) at
/// the places the plan allows: every match holds a place of the pattern's
/// feature at or after its start (the plan has all of them) and starts at a
/// word at most the gate's `lead` words before it.
pub(super) fn by_hand<'t, T>(
    plan: &Plan,
    gate: &Gate,
    text: &'t str,
    pattern: usize,
    (firsts, match_at): (u128, impl Fn(usize) -> Option<(usize, T)>),
    mut each: impl FnMut(Span<'t>, T),
) {
    let b = text.as_bytes();
    let lead = gate.lead.get(pattern).copied().unwrap_or(0);
    let keys = plan.keys.get(..plan.key_count).unwrap_or(&[]);
    let key = KEYS.get(pattern).copied().unwrap_or(0);
    // No match starts before `pos`: the end of the last one, or past the places
    // already tried.
    let mut pos = 0;
    for &(k, features) in keys {
        let k = usize::from(k);
        if k < pos || Features::from(features) & key == 0 {
            continue;
        }
        let mut at = words_back(b, k, lead).max(pos);
        while let Some(start) = word_start_from(b, at).filter(|&s| s <= k) {
            // A match opens with the first byte of one of the alternatives
            // (`firsts`: their lower case; no other byte becomes one of them
            // by the bit 0x20).
            if firsts >> ((b[start] | 0x20) & 127) & 1 == 0 {
                at = start + 1;
                continue;
            }
            if let Some((end, what)) = match_at(start) {
                each(Span::of(text, start, end), what);
                // The match holds a place of the feature, `k` or later.
                pos = end;
                break;
            }
            at = start + 1;
        }
        pos = pos.max(k + 1);
    }
}

/// The first start of a word (`\b` before an ASCII letter, digit or `_`) at or
/// after `at`.
pub(super) fn word_start_from(b: &[u8], mut at: usize) -> Option<usize> {
    if at
        .checked_sub(1)
        .and_then(|i| b.get(i))
        .is_some_and(|&c| is_word_byte(c))
    {
        at += b
            .get(at..)?
            .iter()
            .take_while(|&&c| is_word_byte(c))
            .count();
    }
    at += b
        .get(at..)?
        .iter()
        .take_while(|&&c| !is_word_byte(c))
        .count();
    (at < b.len()).then_some(at)
}

/// Whether `(?-u:\b)` holds at `at`.
fn is_boundary(b: &[u8], at: usize) -> bool {
    let before = at
        .checked_sub(1)
        .and_then(|i| b.get(i))
        .is_some_and(|&c| is_word_byte(c));
    before != b.get(at).is_some_and(|&c| is_word_byte(c))
}

/// Where `word` (printable ASCII; `'` stands for either apostrophe, as in
/// [`phrase_regex`]) ends when it is at `at`, in any ASCII case.
fn literal_at(b: &[u8], at: usize, word: &str) -> Option<usize> {
    let mut pos = at;
    for &c in word.as_bytes() {
        let t = *b.get(pos)?;
        // `word` is in lower case (see [`words_of`]): a letter of it is that
        // letter in either case, and the bit 0x20 makes no other byte a
        // small letter.
        let same = if c.is_ascii_lowercase() {
            t | 0x20 == c
        } else {
            t == c
        };
        if same {
            pos += 1;
        } else if c == b'\'' && b.get(pos..pos + 3) == Some("’".as_bytes()) {
            pos += 3;
        } else {
            return None;
        }
    }
    Some(pos)
}

/// Where one or more whitespace characters (`\s`) from `at` end.
fn spaces_at(text: &str, at: usize) -> Option<usize> {
    let n: usize = text
        .get(at..)?
        .chars()
        .take_while(|c| c.is_whitespace())
        .map(char::len_utf8)
        .sum();
    (n > 0).then_some(at + n)
}

/// Where `phrase` (its words) ends when it is at `at`, read as
/// [`phrase_regex`] writes it in a case-insensitive group: its words in any
/// ASCII case, joined by whitespace.
fn phrase_at(text: &str, at: usize, phrase: &[String]) -> Option<usize> {
    let mut pos = at;
    for (i, word) in phrase.iter().enumerate() {
        if i > 0 {
            pos = spaces_at(text, pos)?;
        }
        pos = literal_at(text.as_bytes(), pos, word)?;
    }
    Some(pos)
}

/// A phrase's words, as [`phrase_regex`] splits them, in lower case (the
/// phrases are matched in any case).
fn words_of(phrase: &str) -> Vec<String> {
    phrase
        .split_whitespace()
        .map(str::to_ascii_lowercase)
        .collect()
}

/// Alternatives of a case-insensitive group, each a phrase of plain words
/// with what it stands for, by their first byte in lower case: two
/// alternatives can both match at a place only when they open with the same
/// letter, so each bucket keeps their order.
pub(super) struct Alternatives<T> {
    buckets: Vec<Vec<(Vec<String>, T)>>,
    /// One bit per first byte (lower case) of an alternative.
    pub(super) firsts: u128,
}

impl<T: Copy> Alternatives<T> {
    /// `None` where a phrase is not plain: printable ASCII words, the first
    /// opening with a letter or digit.
    pub(super) fn new<'a>(
        phrases: impl IntoIterator<Item = (&'a str, T)>,
    ) -> Option<Alternatives<T>> {
        let mut buckets: Vec<Vec<(Vec<String>, T)>> = (0..128).map(|_| Vec::new()).collect();
        let mut firsts = 0u128;
        for (p, what) in phrases {
            let first = p.bytes().next().filter(u8::is_ascii_alphanumeric)?;
            if !p.bytes().all(|c| c.is_ascii_graphic() || c == b' ') {
                return None;
            }
            let first = first.to_ascii_lowercase();
            firsts |= 1 << first;
            buckets
                .get_mut(usize::from(first))?
                .push((words_of(p), what));
        }
        Some(Alternatives { buckets, firsts })
    }

    /// Where each alternative that matches at `at` ends, and what it stands
    /// for, in order.
    pub(super) fn ends<'s>(
        &'s self,
        text: &'s str,
        at: usize,
    ) -> impl Iterator<Item = (usize, T)> + 's {
        let first = text.as_bytes().get(at).map_or(0, u8::to_ascii_lowercase);
        self.buckets
            .get(usize::from(first))
            .map_or(&[][..], Vec::as_slice)
            .iter()
            .filter_map(move |(p, what)| Some((phrase_at(text, at, p)?, *what)))
    }
}

/// The alternatives of `relative`, `vague` and `weekday` in the order their
/// patterns try them, to match them by hand: each pattern is a word boundary,
/// one of its phrases (words of printable ASCII joined by `\s+`, in any
/// case), and a word boundary, and `weekday` has its modifier before and its
/// "'s" and time of day after. Texts with a letter that case-insensitive
/// matching folds onto an ASCII one ("ſ", "K") never get here (the gate does
/// not take them), so ASCII case folding is the patterns' own.
pub(super) struct PlainWords {
    /// Each phrase with its row of the relative table.
    pub(super) relative: Alternatives<RelativeRow>,
    pub(super) vague: Alternatives<()>,
    pub(super) weekdays: Alternatives<Weekday>,
    /// Each modifier with whether it is "last" or "next", which move the day.
    pub(super) modifiers: Alternatives<Option<&'static str>>,
    pub(super) times: Alternatives<()>,
}

/// A match of `weekday` found by hand: its weekday, and its modifier when that
/// is "last" or "next".
#[derive(Clone, Copy)]
pub(super) struct WeekdayMatch {
    pub(super) weekday: Weekday,
    pub(super) modifier: Option<&'static str>,
}

impl PlainWords {
    /// `None` where a phrase is not plain (see [`Alternatives::new`]).
    pub(super) fn new(data: &DateData) -> Option<PlainWords> {
        let relative = in_alternation_order(data.relative.keys().map(String::as_str), phrase_regex)
            .into_iter()
            .map(|(_, p)| Some((p, *data.relative.get(p)?)))
            .collect::<Option<Vec<_>>>()?;
        let weekdays = in_alternation_order(data.weekday_full.iter().copied(), phrase_regex)
            .into_iter()
            .map(|(_, p)| Some((p, weekday_of_word(data, p)?)))
            .collect::<Option<Vec<_>>>()?;
        let moves = |m: &'static str| {
            ["last", "next"]
                .into_iter()
                .find(|x| m.eq_ignore_ascii_case(x))
        };
        Some(PlainWords {
            relative: Alternatives::new(relative)?,
            vague: Alternatives::new(
                in_alternation_order(data.vague.iter().copied(), phrase_regex)
                    .into_iter()
                    .map(|(_, p)| (p, ())),
            )?,
            weekdays: Alternatives::new(weekdays)?,
            // The modifiers and times of day are in their patterns' order.
            modifiers: Alternatives::new(WEEKDAY_MODIFIERS.iter().map(|&m| (m, moves(m))))?,
            times: Alternatives::new(TIMES_OF_DAY.iter().map(|&t| (t, ())))?,
        })
    }

    /// The first bytes (lower case) a match of `pattern` opens with.
    pub(super) fn firsts(&self, pattern: usize) -> u128 {
        match pattern {
            RELATIVE => self.relative.firsts,
            VAGUE => self.vague.firsts,
            WEEKDAY => self.modifiers.firsts | self.weekdays.firsts,
            _ => u128::MAX,
        }
    }

    /// The match of `relative` that starts at `at`: its end and row.
    pub(super) fn relative_at(&self, text: &str, at: usize) -> Option<(usize, RelativeRow)> {
        self.relative
            .ends(text, at)
            .find(|&(end, _)| is_boundary(text.as_bytes(), end))
    }

    /// The match of `vague` that starts at `at`: its end.
    pub(super) fn vague_at(&self, text: &str, at: usize) -> Option<(usize, ())> {
        self.vague
            .ends(text, at)
            .find(|&(end, _)| is_boundary(text.as_bytes(), end))
    }

    /// The match of `weekday` that starts at `at`: `[modifier\s+] weekday['s]
    /// [\s+time of day]` and a word boundary, each optional part taken where
    /// the rest still matches.
    pub(super) fn weekday_at(&self, text: &str, at: usize) -> Option<(usize, WeekdayMatch)> {
        self.modifiers
            .ends(text, at)
            .filter_map(|(end, moves)| Some((spaces_at(text, end)?, moves)))
            .chain(std::iter::once((at, None)))
            .find_map(|(from, modifier)| {
                let (end, weekday) = self.weekday_rest(text, from)?;
                Some((end, WeekdayMatch { weekday, modifier }))
            })
    }

    fn weekday_rest(&self, text: &str, at: usize) -> Option<(usize, Weekday)> {
        let b = text.as_bytes();
        // No weekday name opens another: at most one is here.
        let (named, weekday) = self.weekdays.ends(text, at).next()?;
        // `(?:['’]s)?` stands outside the case-insensitive groups: "'s" only.
        let owned = ["'s", "’s"]
            .iter()
            .find(|s| b.get(named..).is_some_and(|t| t.starts_with(s.as_bytes())))
            .map(|s| named + s.len());
        for after_name in owned.into_iter().chain(std::iter::once(named)) {
            // No time of day opens another either.
            let timed = spaces_at(text, after_name)
                .and_then(|t| self.times.ends(text, t).next())
                .map(|(end, ())| end);
            if let Some(end) = timed
                .into_iter()
                .chain(std::iter::once(after_name))
                .find(|&e| is_boundary(b, e))
            {
                return Some((end, weekday));
            }
        }
        None
    }
}
