// NOTE TO THE HELPER WORKING HERE: read /tmp/helper-common.md NOW, before anything else (rules, identity hashes, how to measure, deadline). Then delete these two lines.
// (Inserted by the lead; not part of the code.)
//! Dates in running text, resolved against a reference date.
//!
//! [`find_dates`] finds explicit dates ("June 27, 2024", "27 June 2024",
//! "2024-06-27", "March 2023") and the relative expressions of news copy ("late
//! on Tuesday", "last night", "a week ago", "earlier this month", "in March",
//! "last July", "last year", "the first nine months of 2022", "in the last
//! month", "since the Taliban takeover"), and resolves the relative ones against
//! the document's reference date. [`find_reference_date`] reads that reference
//! date from the text itself when the caller has none.
//!
//! Month and weekday names, relative phrases, vague time words and named
//! anchors ("the Taliban takeover" = 2021-08-15) are in `data/dates.tsv`, each
//! with its source.
//!
//! Choices worth knowing:
//! - A weekday is the most recent such day on or before the reference day (the
//!   reference day itself when it is that weekday); "last Monday" is strictly
//!   before; "next Monday" strictly after.
//! - A month and day without a year ("on May 10") is the most recent such day on
//!   or before the reference: reports date past events.
//! - "in March" is the most recent March not after the reference month; "last
//!   July" the most recent July strictly before it.
//! - "this year" as a period runs from January 1 to the reference day (an
//!   aggregate quoted "this year" counts up to the day it was written); with a
//!   reference known only to the year, to December 31.
//! - `is_period` is set for spans an aggregate covers: years ("in 2023", "last
//!   year", "this year"), parts of a year ("the first nine months of 2022",
//!   "the third quarter"), rolling windows ("in the last month"), "since ..."
//!   and "between 2019 and 2021". A month ("in March", "last month") dates an
//!   event, so it is not a period, though `period_end` still gives its last day.
//! - A reference known only to the month or year cannot place a day: day-level
//!   expressions ("yesterday", "on Monday") then take the reference's own
//!   period and precision; month names are resolved against the last day of
//!   that period (a text of "this year" 2022 that says "last July" means July
//!   2022).
//! - Without a reference, relative expressions come back with `date: None` and
//!   the precision they would have, so that callers keep their words.

use std::collections::HashMap;
use std::hash::{BuildHasherDefault, Hasher};
use std::sync::LazyLock;

use chrono::{Datelike, Days, Months, NaiveDate, Weekday};
use regex::{CaptureLocations, Regex, RegexSet};

use crate::model::{DatePrecision, PublishedPrecision};

/// A date or period named in text.
#[derive(Debug, Clone, PartialEq)]
pub struct DateMention {
    /// Byte offset where the words start.
    pub start: usize,
    /// Byte offset where they end (exclusive).
    pub end: usize,
    /// First day of the period named, when it can be resolved.
    pub date: Option<NaiveDate>,
    /// How much is known.
    pub precision: DatePrecision,
    /// Last day of the period (for statistics periods: "in 2023", "the first nine months of 2022").
    pub period_end: Option<NaiveDate>,
    /// Whether the words name a span of time an aggregate covers rather than a point.
    pub is_period: bool,
    /// Whether resolving the words needs the reference date ("last year" does,
    /// "June 27, 2024" does not).
    pub relative: bool,
}

impl DateMention {
    /// The words of the mention in `text` (the text it was found in).
    pub fn text<'t>(&self, text: &'t str) -> &'t str {
        text.get(self.start..self.end).unwrap_or("")
    }
}

/// A reference date read from a document's text.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct ReferenceDate {
    /// First day of the known period.
    pub date: NaiveDate,
    /// How much of it is known.
    pub precision: PublishedPrecision,
}

impl ReferenceDate {
    /// A reference known to the day.
    pub fn day(date: NaiveDate) -> Self {
        ReferenceDate {
            date,
            precision: PublishedPrecision::Day,
        }
    }
}

/// Finds every date expression in `text`, resolved against `reference` where relative.
#[inline(never)]
pub fn find_dates(text: &str, reference: Option<ReferenceDate>) -> Vec<DateMention> {
    let data: &DateData = &DATA;
    let Some(p) = &data.patterns else {
        return Vec::new();
    };
    // One scan of the words says which patterns can match the text and how far
    // each need be searched; most sentences name no date. Where it cannot tell,
    // the union of the patterns says which match.
    let mut plan = Plan::new();
    if !p.gate.scan(text, &mut plan) {
        plan = Plan::from_union(p, text);
    }
    if plan.on == 0 {
        return Vec::new();
    }
    dates_by_plan(
        data,
        p,
        text,
        reference.and_then(RefCtx::new).as_ref(),
        &plan,
    )
}

/// The mentions of the patterns `plan` lets through, each searched up to its
/// last match.
fn dates_by_plan(
    data: &DateData,
    p: &Patterns,
    text: &str,
    ctx: Option<&RefCtx>,
    plan: &Plan,
) -> Vec<DateMention> {
    let mut found: Vec<DateMention> = Vec::with_capacity(4);
    let mut push = |m: Option<DateMention>| {
        if let Some(m) = m {
            found.push(m);
        }
    };
    // The matches of `pat` in turn, as `find_iter` and `captures_iter` give
    // them: `$read` makes a mention of each. Each search starts where the plan
    // says the next match can start at the earliest (no pattern matches the
    // empty string, so each match ends past the last), and the search stops
    // after the match the plan says is the last.
    macro_rules! each_find {
        ($id:expr, $pat:expr, |$c:ident| $read:expr) => {
            if plan.on($id) {
                let mut from = plan.searches(&p.gate, text, $id);
                while let Some($c) = $pat.re.find_at(text, from.next_start()) {
                    let end = $c.end();
                    push($read);
                    if plan.done($id, end) || !from.matched($c.start(), end) {
                        break;
                    }
                }
            }
        };
    }
    macro_rules! each_capture {
        ($id:expr, $pat:expr, |$c:ident| $read:expr) => {
            if plan.on($id) {
                let mut from = plan.searches(&p.gate, text, $id);
                let mut it = $pat.captures(text);
                while let Some($c) = it.next_from(from.next_start()) {
                    let (start, end) = ($c.start(), $c.end());
                    push($read);
                    if plan.done($id, end) || !from.matched(start, end) {
                        break;
                    }
                }
            }
        };
    }
    each_find!(FULL, p.full, |c| full_date(c));
    each_find!(MONTH_DAY, p.month_day, |c| month_day(c, ctx));
    each_find!(MONTH_YEAR, p.month_year, |c| month_year(c.into(), ctx));
    each_find!(MONTH_ALONE, p.month_alone, |c| month_alone(c, ctx));
    each_find!(YEAR, p.year, |c| year(text, c.into(), ctx));
    each_capture!(YEAR_RANGE, p.year_range, |c| year_range(&c));
    if plan.ascii_case {
        each_find!(SPAN, p.span, |c| {
            let whole = Span::from(c);
            span_parts(whole.as_str()).and_then(|parts| span_of_parts(text, whole, &parts, ctx))
        });
    } else {
        each_capture!(SPAN, p.span, |c| span_of_year(text, &c, ctx));
    }
    each_find!(ROLLING, p.rolling, |c| rolling(text, c.into(), ctx));
    each_find!(AGO, p.ago, |c| ago(c.into(), ctx));
    // `relative`, `weekday` and `vague` are alternations of plain words: where
    // the gate gives every place of their features, they are matched by hand
    // (see [`PlainWords`]).
    macro_rules! each_plain {
        ($id:expr, $pat:expr, $at:ident, |$c:ident, $what:pat_param| $by_hand:expr, $by_regex:expr) => {
            if plan.on($id) {
                match &p.plain {
                    Some(plain) if plan.keys_complete => {
                        let firsts = plain.firsts($id);
                        by_hand(
                            plan,
                            &p.gate,
                            text,
                            $id,
                            (firsts, |s| plain.$at(text, s)),
                            |$c, $what| push($by_hand),
                        );
                    }
                    _ => each_find!($id, $pat, |m| {
                        let $c = Span::from(m);
                        $by_regex
                    }),
                }
            }
        };
    }
    each_plain!(
        RELATIVE,
        p.relative,
        relative_at,
        |c, row| relative_of(c, row, ctx),
        relative(data, c, ctx)
    );
    each_plain!(
        WEEKDAY,
        p.weekday,
        weekday_at,
        |c, w| weekday_of(c, w.weekday, w.modifier, ctx),
        weekday(c, ctx)
    );
    each_find!(SINCE_ANCHOR, p.since_anchor, |c| since_anchor(
        data,
        c.into(),
        ctx
    ));
    each_capture!(YEARS_SINCE_ANCHOR, p.years_since_anchor, |c| {
        years_since_anchor(data, &c)
    });
    each_plain!(
        VAGUE,
        p.vague,
        vague_at,
        |c, ()| vague(text, c),
        vague(text, c)
    );
    longest_first(found)
}

/// The matches of `pattern` in `text`, as `find_iter` gives them, found with
/// `match_at` (where the match that starts at a place ends, if one does) at
/// the places the plan allows: every match holds a place of the pattern's
/// feature at or after its start (the plan has all of them) and starts at a
/// word at most the gate's `lead` words before it.
fn by_hand<'t, T>(
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
fn word_start_from(b: &[u8], mut at: usize) -> Option<usize> {
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
struct Alternatives<T> {
    buckets: Vec<Vec<(Vec<String>, T)>>,
    /// One bit per first byte (lower case) of an alternative.
    firsts: u128,
}

impl<T: Copy> Alternatives<T> {
    /// `None` where a phrase is not plain: printable ASCII words, the first
    /// opening with a letter or digit.
    fn new<'a>(phrases: impl IntoIterator<Item = (&'a str, T)>) -> Option<Alternatives<T>> {
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
    fn ends<'s>(&'s self, text: &'s str, at: usize) -> impl Iterator<Item = (usize, T)> + 's {
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
struct PlainWords {
    /// Each phrase with its row of the relative table.
    relative: Alternatives<RelativeRow>,
    vague: Alternatives<()>,
    weekdays: Alternatives<Weekday>,
    /// Each modifier with whether it is "last" or "next", which move the day.
    modifiers: Alternatives<Option<&'static str>>,
    times: Alternatives<()>,
}

/// A match of `weekday` found by hand: its weekday, and its modifier when that
/// is "last" or "next".
#[derive(Clone, Copy)]
struct WeekdayMatch {
    weekday: Weekday,
    modifier: Option<&'static str>,
}

impl PlainWords {
    /// `None` where a phrase is not plain (see [`Alternatives::new`]).
    fn new(data: &DateData) -> Option<PlainWords> {
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
    fn firsts(&self, pattern: usize) -> u128 {
        match pattern {
            RELATIVE => self.relative.firsts,
            VAGUE => self.vague.firsts,
            WEEKDAY => self.modifiers.firsts | self.weekdays.firsts,
            _ => u128::MAX,
        }
    }

    /// The match of `relative` that starts at `at`: its end and row.
    fn relative_at(&self, text: &str, at: usize) -> Option<(usize, RelativeRow)> {
        self.relative
            .ends(text, at)
            .find(|&(end, _)| is_boundary(text.as_bytes(), end))
    }

    /// The match of `vague` that starts at `at`: its end.
    fn vague_at(&self, text: &str, at: usize) -> Option<(usize, ())> {
        self.vague
            .ends(text, at)
            .find(|&(end, _)| is_boundary(text.as_bytes(), end))
    }

    /// The match of `weekday` that starts at `at`: `[modifier\s+] weekday['s]
    /// [\s+time of day]` and a word boundary, each optional part taken where
    /// the rest still matches.
    fn weekday_at(&self, text: &str, at: usize) -> Option<(usize, WeekdayMatch)> {
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

/// Finds the date a document was written from its own text, when it can tell.
///
/// In order: (a) an explicit full date in a dateline, a "Published:" line or
/// the opening lines, else the latest explicit full date in the text that is
/// not announced as future; (b) a weekday with a month and day ("on Thursday,
/// June 27"), which fixes the year: the first year at or after the latest year
/// the text mentions, or without one the latest year up to 2026; (c) "<part>
/// of this year" beside the same part with an explicit year ("the first nine
/// months of this year" and "... of 2022"), to the year. Between (b) and (c): a
/// dateline with a month and day but no year ("PESHAWAR, Jan 14:") and the
/// weekday the text names most often ("said on Saturday"), read as the day of
/// filing, which fixes the year as in (b). A bare year ("in
/// 2021") is not a reference: an article may mention any past year.
pub fn find_reference_date(text: &str) -> Option<ReferenceDate> {
    let data: &DateData = &DATA;
    let p = data.patterns.as_ref()?;
    explicit_reference(text, p)
        .or_else(|| weekday_reference(text, p))
        .or_else(|| dateline_weekday_reference(text))
        .or_else(|| this_year_reference(text, p))
}

/// The most recent `weekday` on or before `reference` (the reference itself
/// when it falls on that weekday).
pub fn weekday_on_or_before(reference: NaiveDate, weekday: Weekday) -> NaiveDate {
    let back =
        (7 + reference.weekday().num_days_from_monday() - weekday.num_days_from_monday()) % 7;
    reference
        .checked_sub_days(Days::new(u64::from(back)))
        .unwrap_or(reference)
}

/// The first day of the most recent `month` (1..=12) not after the month of
/// `reference`; with `strict`, strictly before it ("last July").
pub fn recent_month(reference: NaiveDate, month: u32, strict: bool) -> Option<NaiveDate> {
    let year = if month < reference.month() || (month == reference.month() && !strict) {
        reference.year()
    } else {
        reference.year() - 1
    };
    NaiveDate::from_ymd_opt(year, month, 1)
}

/// The year in which `month`/`day` falls on `weekday`: the smallest such year
/// at or after `min_year`, or without one the latest such year up to 2026.
pub fn year_of_weekday(
    month: u32,
    day: u32,
    weekday: Weekday,
    min_year: Option<i32>,
) -> Option<i32> {
    let fits =
        |y: i32| NaiveDate::from_ymd_opt(y, month, day).is_some_and(|d| d.weekday() == weekday);
    match min_year {
        // The calendar repeats within 28 years (leap days within 400, but a
        // February 29 recurs within 40 years in any century this press covers).
        Some(min) => (min..=min + 40).find(|&y| fits(y)),
        None => (1900..=LATEST_YEAR).rev().find(|&y| fits(y)),
    }
}

/// Month number (1..=12) of a month name as printed ("June", "Jun", "JUNE");
/// `None` for lower-case spellings, so that the verb "may" is never a month.
pub fn month_number(word: &str) -> Option<u32> {
    let data: &DateData = &DATA;
    if let Some(&m) = data.months.get(word) {
        return Some(m);
    }
    if word.len() >= 3 && word.chars().all(|c| c.is_ascii_uppercase()) {
        // Capitalised on the stack: no month name is near that long, so a
        // longer word is none.
        let mut title = [0u8; 16];
        let title = title.get_mut(..word.len())?;
        title.copy_from_slice(word.as_bytes());
        title[1..].make_ascii_lowercase();
        return data.months.get(std::str::from_utf8(title).ok()?).copied();
    }
    None
}

/// Rows of `data/dates.tsv` that could not be read and patterns that could not
/// be built (empty when all is sound).
pub fn data_problems() -> &'static [String] {
    &DATA.problems
}

/// The latest year a weekday-fixed date without other year evidence may take:
/// the project reads news up to the present.
const LATEST_YEAR: i32 = 2026;

// ---------------------------------------------------------------------------
// Data

static DATA_TEXT: &str = include_str!("../data/dates.tsv");
static DATA: LazyLock<DateData> = LazyLock::new(|| DateData::parse(DATA_TEXT));

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Unit {
    Day,
    Week,
    Month,
    Year,
}

#[derive(Debug, Clone, Copy)]
struct RelativeRow {
    unit: Unit,
    offset: i32,
    precision: DatePrecision,
    period: bool,
}

/// Indices of the patterns in [`Patterns::any`].
const FULL: usize = 0;
const MONTH_DAY: usize = 1;
const MONTH_YEAR: usize = 2;
const MONTH_ALONE: usize = 3;
const YEAR: usize = 4;
const YEAR_RANGE: usize = 5;
const SPAN: usize = 6;
const ROLLING: usize = 7;
const AGO: usize = 8;
const RELATIVE: usize = 9;
const WEEKDAY: usize = 10;
const SINCE_ANCHOR: usize = 11;
const YEARS_SINCE_ANCHOR: usize = 12;
const VAGUE: usize = 13;
/// Not a pattern of its own: `month_alone` with its preposition or modifier present.
const MONTH_ALONE_QUALIFIED: usize = 14;

// Words of the patterns themselves, each list an alternation of one pattern in
// its order (the first alternative that fits wins). The gate ([`Gate`]) reads
// what each pattern needs from these lists and from the data, never from a copy.

/// The prepositions of `month_alone`: "in March", "last July".
const MONTH_PREPOSITIONS: [&str; 12] = [
    "in",
    "during",
    "since",
    "last",
    "this",
    "by",
    "until",
    "till",
    "from",
    "through",
    "throughout",
    "of",
];
/// The modifiers of `month_alone`: "early March", "the end of June".
const MONTH_MODIFIERS: [&str; 7] = [
    "early",
    "late",
    "mid",
    "the end of",
    "the beginning of",
    "the start of",
    "the middle of",
];
/// The part of a month or year before the year of `month_year` and `year`: "mid-2023".
const PART_OF_MONTH: [&str; 3] = ["early", "mid", "late"];
/// The prepositions of `year`: "in 2023", "in the year 2023".
const YEAR_PREPOSITIONS: [&str; 5] = ["in", "during", "throughout", "since", "in the year"];
/// `weekday`: "late on Monday", "Tuesday evening".
const WEEKDAY_MODIFIERS: [&str; 15] = [
    "late on", "early on", "late", "early", "on", "last", "this", "next", "since", "by", "until",
    "till", "from", "before", "after",
];
const TIMES_OF_DAY: [&str; 4] = ["morning", "afternoon", "evening", "night"];
/// The article before the ordinal of `span` and the lead of `rolling`.
const THE: &str = "the";
/// `span`: "the first nine months of 2022".
const SPAN_WHICH: [&str; 6] = ["first", "second", "third", "fourth", "last", "final"];
const SPAN_UNITS: [&str; 5] = ["months", "month", "quarters", "quarter", "half"];
/// `rolling`: "in the past two weeks".
const ROLLING_LEADS: [&str; 4] = ["last", "past", "previous", "preceding"];
const ROLLING_UNITS: [&str; 13] = [
    "hours",
    "hour",
    "days",
    "day",
    "weeks",
    "week",
    "fortnight",
    "months",
    "month",
    "years",
    "year",
    "decades",
    "decade",
];
/// `ago`: "three weeks ago".
const AGO_UNITS: [&str; 8] = [
    "days", "day", "weeks", "week", "months", "month", "years", "year",
];
const AGO_WORDS: [&str; 2] = ["ago", "back"];
/// `since_anchor`: "since the Taliban takeover".
const SINCE: &str = "since";
/// `years_since_anchor`: "in a single year since the Taliban takeover".
const ANCHOR_UNITS: [&str; 4] = ["years", "year", "months", "month"];
const ANCHOR_LINKS: [&str; 3] = ["since", "after", "following"];
/// `year_range`: "between 2019 and 2021".
const RANGE_OPENERS: [&str; 2] = ["between", "from"];

struct Patterns {
    /// What each pattern needs, looked for in one scan ([`Gate`]).
    gate: Gate,
    /// `relative`, `vague` and `weekday` to match by hand.
    plain: Option<PlainWords>,
    /// Every pattern below, in the order of the index constants above, and the
    /// qualified form of `month_alone` (see [`MONTH_ALONE_QUALIFIED`]): which
    /// match, where the gate cannot tell.
    any: RegexSet,
    full: Pat,
    month_day: Pat,
    month_year: Pat,
    month_alone: Pat,
    year: Pat,
    year_range: Pat,
    span: Pat,
    rolling: Pat,
    ago: Pat,
    relative: Pat,
    weekday: Pat,
    since_anchor: Pat,
    years_since_anchor: Pat,
    vague: Pat,
    /// `month_day` with its weekday required: where this finds nothing, no
    /// match of `month_day` names a weekday (the reference finder's "on
    /// Thursday, June 27").
    weekday_month_day: Regex,
    /// What a span of "this year" needs ("this year", "the current fiscal year"):
    /// where this finds nothing, the reference finder's step (c) has nothing to
    /// pair.
    this_year: Regex,
}

/// The capture groups of the date patterns, by name. A lookup by name hashes the
/// name (SipHash) at every call, which cost about as much as the resolving
/// itself; each pattern's index of each name is resolved once, when it is built.
#[derive(Debug, Clone, Copy)]
enum G {
    Wa,
    Da,
    Ma,
    Wb,
    Mb,
    Db,
    Prep,
    M,
    Y,
    Y1,
    Y2,
    Which,
    N,
    Unit,
    Of,
    Anchor,
}

/// Each [`G`] with its name in the pattern sources.
const GROUP_NAMES: [(G, &str); 16] = [
    (G::Wa, "wa"),
    (G::Da, "da"),
    (G::Ma, "ma"),
    (G::Wb, "wb"),
    (G::Mb, "mb"),
    (G::Db, "db"),
    (G::Prep, "prep"),
    (G::M, "m"),
    (G::Y, "y"),
    (G::Y1, "y1"),
    (G::Y2, "y2"),
    (G::Which, "which"),
    (G::N, "n"),
    (G::Unit, "unit"),
    (G::Of, "of"),
    (G::Anchor, "anchor"),
];

/// A date pattern with the index of each of its named groups.
struct Pat {
    re: Regex,
    /// Index of each [`G`] in `re`; `usize::MAX` for a name `re` does not have.
    groups: [usize; GROUP_NAMES.len()],
    /// The pattern's index constant ([`FULL`] ...), which also names its slot in
    /// [`IDLE_LOCATIONS`].
    id: usize,
}

impl Pat {
    fn new(source: &str, id: usize) -> Result<Pat, regex::Error> {
        let re = Regex::new(source)?;
        let mut groups = [usize::MAX; GROUP_NAMES.len()];
        for (i, name) in re.capture_names().enumerate() {
            if let Some(&(g, _)) = GROUP_NAMES.iter().find(|(_, x)| name == Some(*x)) {
                groups[g as usize] = i;
            }
        }
        Ok(Pat { re, groups, id })
    }

    /// The matches of the pattern in `text`, as `captures_iter` gives them.
    fn captures<'t>(&'t self, text: &'t str) -> CapsIter<'t> {
        let locs = IDLE_LOCATIONS
            .with_borrow_mut(|idle| idle.get_mut(self.id).and_then(Option::take))
            .unwrap_or_else(|| self.re.capture_locations());
        let locs = Some(locs);
        CapsIter {
            pat: self,
            text,
            locs,
            at: 0,
            last_end: None,
        }
    }
}

thread_local! {
    /// One `CaptureLocations` per pattern and thread, kept between calls: taking
    /// the captures of each match afresh allocated them every time.
    static IDLE_LOCATIONS: std::cell::RefCell<Vec<Option<CaptureLocations>>> =
        std::cell::RefCell::new((0..=VAGUE).map(|_| None).collect());
}

/// The successive matches of a [`Pat`], each lent as [`Caps`] until the next.
struct CapsIter<'t> {
    pat: &'t Pat,
    text: &'t str,
    /// Always `Some` until dropped, when it goes back to [`IDLE_LOCATIONS`].
    locs: Option<CaptureLocations>,
    at: usize,
    last_end: Option<usize>,
}

impl<'t> CapsIter<'t> {
    /// The next match, searched from `at` on where that is past the last one.
    fn next_from(&mut self, at: usize) -> Option<Caps<'_>> {
        self.at = self.at.max(at);
        self.next()
    }

    fn next(&mut self) -> Option<Caps<'_>> {
        let locs = self.locs.as_mut()?;
        loop {
            if self.at > self.text.len() {
                return None;
            }
            let (start, end) = self
                .pat
                .re
                .captures_read_at(locs, self.text, self.at)
                .map(|m| (m.start(), m.end()))?;
            if start == end {
                // As `captures_iter`: an empty match moves on by one character and
                // is not taken right where the last match ended.
                let step = self.text[end..].chars().next().map_or(1, char::len_utf8);
                self.at = end + step;
                if self.last_end == Some(end) {
                    continue;
                }
            } else {
                self.at = end;
            }
            self.last_end = Some(end);
            return Some(Caps {
                text: self.text,
                locs,
                groups: &self.pat.groups,
            });
        }
    }
}

impl Drop for CapsIter<'_> {
    fn drop(&mut self) {
        let locs = self.locs.take();
        IDLE_LOCATIONS.with_borrow_mut(|idle| {
            if let Some(slot) = idle.get_mut(self.pat.id) {
                *slot = locs;
            }
        });
    }
}

/// The groups of one match of a [`Pat`].
struct Caps<'a> {
    text: &'a str,
    locs: &'a CaptureLocations,
    groups: &'a [usize; GROUP_NAMES.len()],
}

/// Where a group matched, and its words.
#[derive(Clone, Copy)]
struct Span<'a> {
    start: usize,
    end: usize,
    words: &'a str,
}

impl<'a> Span<'a> {
    /// The words of `text` at `start..end`.
    fn of(text: &'a str, start: usize, end: usize) -> Span<'a> {
        Span {
            start,
            end,
            words: text.get(start..end).unwrap_or(""),
        }
    }

    fn start(&self) -> usize {
        self.start
    }

    fn end(&self) -> usize {
        self.end
    }

    fn as_str(&self) -> &'a str {
        self.words
    }
}

impl<'a> From<regex::Match<'a>> for Span<'a> {
    fn from(m: regex::Match<'a>) -> Span<'a> {
        Span {
            start: m.start(),
            end: m.end(),
            words: m.as_str(),
        }
    }
}

impl<'a> Caps<'a> {
    /// Group `i` by index (0 is the whole match).
    fn get(&self, i: usize) -> Option<Span<'a>> {
        let (start, end) = self.locs.get(i)?;
        Some(Span {
            start,
            end,
            words: self.text.get(start..end)?,
        })
    }

    fn name(&self, g: G) -> Option<Span<'a>> {
        self.get(*self.groups.get(g as usize)?)
    }

    /// Where the whole match starts.
    fn start(&self) -> usize {
        self.locs.get(0).map_or(0, |(start, _)| start)
    }

    /// Where the whole match ends.
    fn end(&self) -> usize {
        self.locs.get(0).map_or(0, |(_, end)| end)
    }
}

/// The tables of month, weekday and relative words, looked up for every date
/// found: FNV, since SipHash's setup costs more than the lookup of a short word.
type WordMap<K, V> = HashMap<K, V, BuildHasherDefault<Fnv>>;

/// FNV-1a, 64 bits.
struct Fnv(u64);

impl Default for Fnv {
    fn default() -> Self {
        Fnv(0xcbf2_9ce4_8422_2325)
    }
}

impl Hasher for Fnv {
    fn finish(&self) -> u64 {
        self.0
    }

    fn write(&mut self, bytes: &[u8]) {
        for &b in bytes {
            self.0 = (self.0 ^ u64::from(b)).wrapping_mul(0x0100_0000_01b3);
        }
    }
}

struct DateData {
    months: WordMap<&'static str, u32>,
    /// Full names only, for weekday expressions; abbreviations appear only
    /// before explicit dates.
    weekdays: WordMap<String, Weekday>,
    weekday_full: Vec<&'static str>,
    weekday_all: Vec<&'static str>,
    /// `weekdays` by the [`word_key`] of each word.
    weekday_keys: Vec<(u128, Weekday)>,
    relative: WordMap<String, RelativeRow>,
    vague: Vec<&'static str>,
    anchors: Vec<(&'static str, NaiveDate)>,
    /// The anchors as [`normalize`] gives them, for looking up the words of a match.
    anchors_normalized: Vec<(String, NaiveDate)>,
    patterns: Option<Patterns>,
    problems: Vec<String>,
}

fn weekday_from_index(i: u32) -> Option<Weekday> {
    Some(match i {
        0 => Weekday::Mon,
        1 => Weekday::Tue,
        2 => Weekday::Wed,
        3 => Weekday::Thu,
        4 => Weekday::Fri,
        5 => Weekday::Sat,
        6 => Weekday::Sun,
        _ => return None,
    })
}

/// Collapses runs of whitespace and folds case and apostrophes, for table keys.
fn normalize(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for w in s.split_whitespace() {
        if !out.is_empty() {
            out.push(' ');
        }
        for c in w.chars() {
            out.push(if c == '’' {
                '\''
            } else {
                c.to_ascii_lowercase()
            });
        }
    }
    out
}

/// [`normalize`] into `buf`, where it fits.
fn normalize_into<'b>(s: &str, buf: &'b mut [u8; 64]) -> Option<&'b str> {
    let mut n = 0;
    for w in s.split_whitespace() {
        if n > 0 {
            *buf.get_mut(n)? = b' ';
            n += 1;
        }
        for c in w.chars() {
            let c = if c == '’' {
                '\''
            } else {
                c.to_ascii_lowercase()
            };
            let mut utf8 = [0u8; 4];
            let bytes = c.encode_utf8(&mut utf8).as_bytes();
            buf.get_mut(n..n + bytes.len())?.copy_from_slice(bytes);
            n += bytes.len();
        }
    }
    std::str::from_utf8(buf.get(..n)?).ok()
}

/// A data phrase as a regex: words joined by any whitespace, either apostrophe.
fn phrase_regex(phrase: &str) -> String {
    phrase
        .split_whitespace()
        .map(|w| regex::escape(w).replace('\'', "['’]"))
        .collect::<Vec<_>>()
        .join(r"\s+")
}

/// Phrases as a case-insensitive alternation, in their order: `(?i:in|during|in\s+the\s+year)`.
fn any_of(phrases: &[&str]) -> String {
    let alternatives: Vec<String> = phrases.iter().map(|p| phrase_regex(p)).collect();
    format!("(?i:{})", alternatives.join("|"))
}

/// Whether `month_alone` takes the month name `m`: full names, not abbreviations
/// ("Mar", "Sept"), which are read only beside a day or a year.
fn is_full_month(m: &str) -> bool {
    m.len() > 4 || m == "May" || m == "June" || m == "July"
}

fn alternation<'a>(items: impl IntoIterator<Item = &'a str>, f: impl Fn(&str) -> String) -> String {
    let v: Vec<String> = in_alternation_order(items, f)
        .into_iter()
        .map(|(regex, _)| regex)
        .collect();
    v.join("|")
}

/// The items of an [`alternation`] in the order it tries them, each with its
/// regex (one item for items of the same regex).
fn in_alternation_order<'a>(
    items: impl IntoIterator<Item = &'a str>,
    f: impl Fn(&str) -> String,
) -> Vec<(String, &'a str)> {
    let mut v: Vec<(String, &'a str)> = items.into_iter().map(|i| (f(i), i)).collect();
    // Longest first, so that "Sept" is tried before "Sep".
    v.sort_by_key(|(s, _)| std::cmp::Reverse(s.len()));
    v.dedup_by(|a, b| a.0 == b.0);
    v
}

impl DateData {
    fn parse(source: &'static str) -> DateData {
        let mut d = DateData {
            months: WordMap::default(),
            weekdays: WordMap::default(),
            weekday_full: Vec::new(),
            weekday_all: Vec::new(),
            weekday_keys: Vec::new(),
            relative: WordMap::default(),
            vague: Vec::new(),
            anchors: Vec::new(),
            anchors_normalized: Vec::new(),
            patterns: None,
            problems: Vec::new(),
        };
        for (n, line) in source.lines().enumerate() {
            if line.trim().is_empty() || line.starts_with('#') {
                continue;
            }
            let cols: Vec<&'static str> = line.split('\t').map(str::trim).collect();
            if cols.len() < 3
                || cols.last().is_none_or(|why| why.is_empty())
                || d.add_row(&cols).is_err()
            {
                d.problems
                    .push(format!("dates.tsv line {}: cannot read `{line}`", n + 1));
            }
        }
        d.weekday_keys = d
            .weekdays
            .iter()
            .filter(|(w, _)| w.bytes().all(|c| c.is_ascii_alphabetic()))
            .filter_map(|(w, &wd)| Some((word_key(w.as_bytes())?, wd)))
            .collect();
        if d.weekday_keys.len() != d.weekdays.len() {
            d.problems
                .push("dates.tsv: a weekday that is not ASCII letters".to_string());
        }
        match d.build_patterns() {
            Ok(p) => d.patterns = Some(p),
            Err(e) => d.problems.push(format!("dates patterns: {e}")),
        }
        d
    }

    fn add_row(&mut self, cols: &[&'static str]) -> Result<(), ()> {
        let col = |i: usize| cols.get(i).copied().ok_or(());
        let phrase = col(1)?;
        match col(0)? {
            "month" => {
                let m: u32 = col(2)?.parse().map_err(|_| ())?;
                if !(1..=12).contains(&m) {
                    return Err(());
                }
                self.months.insert(phrase, m);
            }
            "weekday" => {
                let i: u32 = col(2)?.parse().map_err(|_| ())?;
                let wd = weekday_from_index(i).ok_or(())?;
                self.weekday_all.push(phrase);
                if phrase.len() > 5 {
                    self.weekday_full.push(phrase);
                    self.weekdays.insert(phrase.to_ascii_lowercase(), wd);
                }
                self.weekdays
                    .entry(phrase.to_ascii_lowercase())
                    .or_insert(wd);
            }
            "relative" => {
                let unit = match col(2)? {
                    "day" => Unit::Day,
                    "week" => Unit::Week,
                    "month" => Unit::Month,
                    "year" => Unit::Year,
                    _ => return Err(()),
                };
                let offset: i32 = col(3)?.parse().map_err(|_| ())?;
                let precision = DatePrecision::parse(col(4)?).ok_or(())?;
                let period = match col(5)? {
                    "yes" => true,
                    "no" => false,
                    _ => return Err(()),
                };
                self.relative.insert(
                    normalize(phrase),
                    RelativeRow {
                        unit,
                        offset,
                        precision,
                        period,
                    },
                );
            }
            "vague" => self.vague.push(phrase),
            "anchor" => {
                let date = NaiveDate::parse_from_str(col(2)?, "%Y-%m-%d").map_err(|_| ())?;
                self.anchors.push((phrase, date));
                self.anchors_normalized.push((normalize(phrase), date));
            }
            _ => return Err(()),
        }
        Ok(())
    }

    fn build_patterns(&self) -> Result<Patterns, regex::Error> {
        // ASCII word boundaries keep the matching on the fast DFA path.
        const B: &str = r"(?-u:\b)";
        let cased = |s: &str| {
            format!(
                "{}|{}",
                regex::escape(s),
                regex::escape(&s.to_ascii_uppercase())
            )
        };
        let month = format!("(?:{})", alternation(self.months.keys().copied(), cased));
        let month_full = format!(
            "(?:{})",
            alternation(
                self.months.keys().copied().filter(|m| is_full_month(m)),
                cased
            )
        );
        let wd_all = format!(
            "(?:{})",
            alternation(self.weekday_all.iter().copied(), cased)
        );
        let wd_full = format!(
            "(?i:{})",
            alternation(self.weekday_full.iter().copied(), regex::escape)
        );
        let anchors = format!(
            "(?i:{})",
            alternation(self.anchors.iter().map(|(p, _)| *p), phrase_regex)
        );
        let relative = format!(
            "(?i:{})",
            alternation(self.relative.keys().map(String::as_str), phrase_regex)
        );
        let vague = format!(
            "(?i:{})",
            alternation(self.vague.iter().copied(), phrase_regex)
        );
        let day = r"[0-9]{1,2}(?:st|nd|rd|th)?";
        let year = r"(?:1[89]|20|21)[0-9]{2}";
        let wd_prefix = |name: &str| format!(r"(?:(?P<{name}>{wd_all})\.?,?\s+)?");
        let on = r"(?:(?i:on)\s+)?";
        let full = format!(
            r"{B}{on}{wa}(?:the\s+)?(?P<da>{day})(?:\s+of)?\s+(?P<ma>{month})\.?,?\s+(?P<ya>{year}){B}|{B}{on}{wb}(?P<mb>{month})\.?\s+(?P<db>{day}),?\s+(?P<yb>{year}){B}|{B}(?P<iy>{year})-(?P<im>[0-9]{{2}})-(?P<id>[0-9]{{2}}){B}|{B}(?P<na>[0-9]{{1,2}})(?P<s1>[/.-])(?P<nb>[0-9]{{1,2}})(?P<s2>[/.-])(?P<ny>{year}){B}",
            wa = wd_prefix("wa"),
            wb = wd_prefix("wb"),
        );
        let month_day = format!(
            r"{B}{on}{wa}(?:the\s+)?(?P<da>{day})(?:\s+of)?\s+(?P<ma>{month}){B}\.?|{B}{on}{wb}(?:the\s+)?(?P<mb>{month})\.?\s+(?P<db>{day}){B}",
            wa = wd_prefix("wa"),
            wb = wd_prefix("wb"),
        );
        let part = any_of(&PART_OF_MONTH);
        let month_year = format!(
            r"{B}(?:(?P<prep>(?i:in|during|since|throughout|from|until|till|by|of))\s+)?(?:{part}[-\s]+)?(?P<m>{month})\.?,?\s+(?P<y>{year}){B}"
        );
        let month_prep = any_of(&MONTH_PREPOSITIONS);
        let month_mod = format!(r"{}[-\s]+", any_of(&MONTH_MODIFIERS));
        let month_alone = format!(
            r"{B}(?:(?P<prep>{month_prep})\s+)?(?P<mod>{month_mod})?(?P<m>{month_full}){B}"
        );
        // The same with a preposition or a modifier present: only such matches make
        // a mention ([`month_alone`] drops a bare month), so where this finds none,
        // the pattern above need not be run.
        let month_alone_qualified =
            format!(r"{B}(?:{month_prep}\s+(?:{month_mod})?|{month_mod}){month_full}{B}");
        let year_re = format!(
            r"{B}(?P<prep>{})\s+(?:{part}[-\s]+)?(?P<y>{year}){B}",
            any_of(&YEAR_PREPOSITIONS)
        );
        let year_range = format!(
            r"{B}{opener}\s+(?P<y1>{year})\s*(?:and|to|until|till|-|–)\s*(?P<y2>{year}){B}",
            opener = any_of(&RANGE_OPENERS)
        );
        let span = format!(
            r"{B}(?:(?i:in|during|over|for|within|throughout)\s+)?{the}\s+(?P<which>{which})\s+(?:(?P<n>[0-9]{{1,2}}|[A-Za-z]+)\s+)?(?P<unit>{unit})(?:\s+(?i:of)\s+(?P<of>{year}|(?i:this|last|the|the\s+current|the\s+previous|the\s+present|the\s+last)\s+(?i:calendar\s+|fiscal\s+)?(?i:year)))?{B}",
            the = any_of(&[THE]),
            which = any_of(&SPAN_WHICH),
            unit = any_of(&SPAN_UNITS),
        );
        let rolling = format!(
            r"{B}(?:(?i:in|during|over|within|for|throughout|of)\s+)?{the}\s+{lead}\s+(?:(?P<n>[0-9]{{1,3}}|[A-Za-z]+(?:-[A-Za-z]+)?)\s+)?(?P<unit>{unit}){B}",
            the = any_of(&[THE]),
            lead = any_of(&ROLLING_LEADS),
            unit = any_of(&ROLLING_UNITS),
        );
        let ago = format!(
            r"{B}(?P<n>[0-9]{{1,3}}|[A-Za-z]+(?:-[A-Za-z]+)?)\s+(?P<unit>{unit})\s+{ago}{B}",
            unit = any_of(&AGO_UNITS),
            ago = any_of(&AGO_WORDS),
        );
        let relative_re = format!(r"{B}{relative}{B}");
        let weekday = format!(
            r"{B}(?:(?P<mod>{modifier})\s+)?(?P<wd>{wd_full})(?:['’]s)?(?:\s+{time})?{B}",
            modifier = any_of(&WEEKDAY_MODIFIERS),
            time = any_of(&TIMES_OF_DAY),
        );
        let since_anchor = format!(
            r"{B}{since}\s+(?P<anchor>{anchors})(?-u:\b|$)",
            since = any_of(&[SINCE])
        );
        let years_since_anchor = format!(
            r"{B}(?:(?i:in|during|within|over)\s+)?(?i:a|one|the)\s+(?:(?i:first|single|full)\s+)?(?:(?P<n>[0-9]{{1,2}}|[A-Za-z]+)\s+)?(?P<unit>{unit})\s+{link}\s+(?P<anchor>{anchors})(?-u:\b|$)",
            unit = any_of(&ANCHOR_UNITS),
            link = any_of(&ANCHOR_LINKS),
        );
        let vague_re = format!(r"{B}{vague}{B}");
        let weekday_month_day = format!(
            r"{B}(?:{wd_all})\.?,?\s+(?:the\s+)?{day}(?:\s+of)?\s+{month}{B}|{B}(?:{wd_all})\.?,?\s+(?:the\s+)?{month}\.?\s+{day}{B}"
        );
        let this_year =
            r"(?i:this|the\s+current|the\s+present)\s+(?i:calendar\s+|fiscal\s+)?(?i:year)";
        let sources = [
            &full,
            &month_day,
            &month_year,
            &month_alone,
            &year_re,
            &year_range,
            &span,
            &rolling,
            &ago,
            &relative_re,
            &weekday,
            &since_anchor,
            &years_since_anchor,
            &vague_re,
        ];
        let any = RegexSet::new(sources.iter().chain([&&month_alone_qualified]))?;
        // The literal prefilter the regex engine puts in front of a pattern pays
        // for the five built around month and weekday names, rare words. The
        // others need words found in most sentences ("in", "the", "late",
        // "last", "earlier"), where the prefilter stops at each and starts the
        // automaton there: without it, `find_dates` took 54.0 -> 49.7 M
        // instructions per pass of the bench texts (docs/benchmarks.md). An
        // alternative that never matches, `\b\B`, but whose only literal is
        // the empty string makes the engine build a pattern without one; the
        // matches and their groups are the same.
        let pat = |id: usize| {
            if [FULL, MONTH_DAY, MONTH_YEAR, MONTH_ALONE, WEEKDAY].contains(&id) {
                Pat::new(sources[id], id)
            } else {
                Pat::new(&format!(r"{}|(?-u:\b\B)", sources[id]), id)
            }
        };
        Ok(Patterns {
            gate: Gate::new(self),
            plain: PlainWords::new(self),
            any,
            full: pat(FULL)?,
            month_day: pat(MONTH_DAY)?,
            month_year: pat(MONTH_YEAR)?,
            month_alone: pat(MONTH_ALONE)?,
            year: pat(YEAR)?,
            year_range: pat(YEAR_RANGE)?,
            span: pat(SPAN)?,
            rolling: pat(ROLLING)?,
            ago: pat(AGO)?,
            relative: pat(RELATIVE)?,
            weekday: pat(WEEKDAY)?,
            since_anchor: pat(SINCE_ANCHOR)?,
            years_since_anchor: pat(YEARS_SINCE_ANCHOR)?,
            vague: pat(VAGUE)?,
            weekday_month_day: Regex::new(&weekday_month_day)?,
            this_year: Regex::new(this_year)?,
        })
    }

    fn anchor_date(&self, words: &str) -> Option<NaiveDate> {
        let key = normalize(words);
        self.anchors_normalized
            .iter()
            .find(|(p, _)| *p == key)
            .map(|(_, d)| *d)
    }
}

// ---------------------------------------------------------------------------
// The gate

/// What a text holds of what the date patterns need, one bit each. Each is
/// set at a place that lies inside any match it stands for.
type Features = u32;

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
const KEYS: [Features; VAGUE + 1] = [
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
    Near(Features, usize, Vec<u128>, Option<u128>),
    /// The feature where the words after are those of one of the phrases,
    /// after one of the links when there are any.
    Followed(Features, Vec<u128>, Vec<Vec<u128>>),
    /// The feature where the next word opens with a year.
    BeforeYear(Features),
}

/// A word of the gate's table.
#[derive(Debug)]
struct GateWord {
    /// Its [`word_key`].
    key: u128,
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
struct Gate {
    /// One bit per [`trigram`] of the first three bytes of the table's words
    /// and of the years: a word of three bytes or more without its bit is none
    /// of them.
    trigrams: [u64; 512],
    /// One bit per [`filter_bit`] of the table's words and of the years: a
    /// word without its bit is none of them.
    filter: [u64; 1024],
    /// The table's words.
    words: Vec<GateWord>,
    /// Open addressing over `words` by [`slot_of`] their key: 1 + the index of
    /// a word, 0 for an empty slot.
    slots: Vec<u8>,
    /// For each date pattern, whether the gate looks for it (else it always runs).
    gated: [bool; VAGUE + 1],
    /// Whether it looks for all of them.
    all_gated: bool,
    /// The last words of the prepositions and modifiers of `month_alone` and
    /// of `year`, as [`word_key`]s.
    month_qualifiers: Vec<u128>,
    year_qualifiers: Vec<u128>,
    /// The month names as printed, with their keys.
    months: Vec<(u128, &'static str)>,
    /// For each date pattern, how many words of a match can come before the
    /// word where its feature is set.
    lead: [usize; VAGUE + 1],
}

/// Which date patterns to run over a text, and how far: what [`Gate::scan`]
/// found.
#[derive(Debug, Clone, PartialEq)]
struct Plan {
    /// Bit `i` set: pattern `i` ([`FULL`] ... [`VAGUE`]) may match (for
    /// `month_alone`, may make a mention).
    on: u16,
    /// The features found.
    features: Features,
    /// Bit `i` set: pattern `i` is searched to the end of the text (the gate
    /// did not look for it); else a match of it that ends past the last place
    /// of its feature is its last.
    unbounded: u16,
    /// For each feature (by bit), the last place (byte offset) it was set.
    /// Texts are shorter than 64 KiB ([`Gate::scan`]), and the features fit
    /// in 16 bits.
    last_set: [u16; 16],
    /// Where features were set, in order, and which: the first [`PLAN_KEYS`]
    /// places (`keys_complete` says whether that is all of them).
    keys: [(u16, u16); PLAN_KEYS],
    key_count: usize,
    keys_complete: bool,
    /// Whether the gate took the text: it holds no letter that
    /// case-insensitive matching folds onto an ASCII one, so the patterns'
    /// case-insensitive words are ASCII words in any case.
    ascii_case: bool,
}

/// How many places of features a [`Plan`] keeps.
const PLAN_KEYS: usize = 16;

impl Plan {
    /// A plan that has found nothing yet.
    fn new() -> Plan {
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

    fn on(&self, pattern: usize) -> bool {
        self.on & (1 << pattern) != 0
    }

    /// Whether a match of `pattern` ending at `end` is its last one.
    fn done(&self, pattern: usize, end: usize) -> bool {
        if self.unbounded >> pattern & 1 != 0 {
            return false;
        }
        let feature = KEYS.get(pattern).map_or(0, |k| k.trailing_zeros() as usize);
        self.last_set
            .get(feature)
            .is_none_or(|&last| end > usize::from(last))
    }

    /// `features` set at `at`, which is at or after the last place set.
    fn set(&mut self, features: Features, at: usize) {
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
    fn from_union(p: &Patterns, text: &str) -> Plan {
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
    fn searches<'a>(&'a self, gate: &Gate, text: &'a str, pattern: usize) -> Searches<'a> {
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
struct Searches<'a> {
    plan: &'a Plan,
    text: &'a [u8],
    pattern: usize,
    /// How many words of a match can come before the word of its feature.
    lead: usize,
    /// Where the last match ended (0 before the first).
    pos: usize,
    /// The next place of `keys` to look at.
    next_key: usize,
}

impl Searches<'_> {
    /// Where to search for the next match: no match starts between the end of
    /// the last and there. The next match holds a place of the pattern's
    /// feature at or after its start, so after the last match's end, and
    /// starts at most `lead` words before it: at or after the `lead`-th word
    /// before the first such place.
    fn next_start(&mut self) -> usize {
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
    fn matched(&mut self, start: usize, end: usize) -> bool {
        self.pos = end;
        start < end
    }
}

/// The start of the `n`-th word before the one at `at` (0 past the first).
fn words_back(b: &[u8], mut at: usize, n: usize) -> usize {
    for _ in 0..n {
        match word_before(b, at) {
            Some((start, _)) => at = start,
            None => return 0,
        }
    }
    at
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
fn word_key(word: &[u8]) -> Option<u128> {
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
fn is_word_byte(b: u8) -> bool {
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

/// The high bit of each of the 8 bytes of `v` set where the byte is an ASCII
/// letter or digit.
#[inline(always)]
fn alphanumeric_high_bits(v: u64) -> u64 {
    const LANES: u64 = 0x0101_0101_0101_0101;
    const HIGH: u64 = LANES * 0x80;
    // A byte below 0x80 plus (0x80 - lo) stays below 0x100, so no carry
    // crosses bytes, and its high bit says whether it is at least `lo`.
    let at_least = |x: u64, lo: u8| x.wrapping_add(LANES * u64::from(0x80 - lo));
    let low = v & !HIGH;
    let folded = low | (LANES * 0x20);
    let letters = at_least(folded, b'a') & !at_least(folded, b'z' + 1);
    let digits = at_least(low, b'0') & !at_least(low, b'9' + 1);
    (letters | digits) & !v & HIGH
}

/// The high bits of the 8 bytes of `h` (no other bit set) as 8 bits, the
/// first byte's lowest: the product puts the high bit of byte `i` at bit 56 +
/// `i`, and no two of its terms at the same bit.
#[inline(always)]
fn gather_high_bits(h: u64) -> u64 {
    h.wrapping_mul(0x0002_0408_1020_4081) >> 56
}

/// How many bytes [`Gate::scan`] classifies at a time.
const SEGMENT: usize = 4 * 64;

/// One bit per byte of `b` (at most [`SEGMENT`] + 64 bytes), 64 to a word,
/// the first byte lowest: an ASCII letter or digit. Also whether any byte is
/// not ASCII.
#[inline(never)]
fn segment_bits(b: &[u8], bits: &mut [u64; SEGMENT / 64 + 2]) -> bool {
    // Eight bits per eight bytes, then gathered into words.
    let mut bytes_of_bits = [0u8; SEGMENT / 8 + 16];
    let mut high = 0u64;
    let mut chunks = b.chunks_exact(8);
    for (out, chunk) in bytes_of_bits.iter_mut().zip(&mut chunks) {
        let mut bytes = [0u8; 8];
        bytes.copy_from_slice(chunk);
        let v = u64::from_le_bytes(bytes);
        high |= v;
        *out = gather_high_bits(alphanumeric_high_bits(v)) as u8;
    }
    let rest = chunks.remainder();
    if !rest.is_empty() {
        let mut bytes = [0u8; 8];
        for (d, &c) in bytes.iter_mut().zip(rest) {
            *d = c;
        }
        let v = u64::from_le_bytes(bytes);
        high |= v;
        if let Some(out) = bytes_of_bits.get_mut(b.len() / 8) {
            *out = gather_high_bits(alphanumeric_high_bits(v)) as u8;
        }
    }
    for (slot, eight) in bits.iter_mut().zip(bytes_of_bits.chunks_exact(8)) {
        let mut word = [0u8; 8];
        word.copy_from_slice(eight);
        *slot = u64::from_le_bytes(word);
    }
    high & 0x8080_8080_8080_8080 != 0
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
fn has_folding_letter(b: &[u8]) -> bool {
    memchr::memchr2_iter(0xC5, 0x84, b).any(|i| {
        b[i..].starts_with("\u{17f}".as_bytes())
            || i.checked_sub(1)
                .is_some_and(|j| b[j..].starts_with("\u{212a}".as_bytes()))
    })
}

impl Gate {
    fn new(data: &DateData) -> Gate {
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
            Some(Action::Near(f, n, keys_of(words)?, the))
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
            Some(Action::Followed(f, keys_of(links)?, anchors.clone()?))
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
        Gate {
            trigrams,
            filter,
            words,
            slots,
            all_gated: gated.iter().all(|&g| g),
            gated,
            lead,
            month_qualifiers,
            year_qualifiers,
            months: data
                .months
                .keys()
                .filter_map(|&m| Some((word_key(m.as_bytes())?, m)))
                .collect(),
        }
    }

    /// Which patterns can match `text`, and where their features are, into
    /// `plan` (a new one); false when the gate cannot tell (a letter that folds
    /// onto an ASCII one, or a text of 4 GiB or more).
    #[inline(never)]
    fn scan(&self, text: &str, plan: &mut Plan) -> bool {
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
    fn word<'b>(
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
                        around.before(i).is_some_and(|x| words.contains(&x.key))
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
                    if skip == 1 && !around.after(0).is_some_and(|x| links.contains(&x.key)) {
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
    fn month(&self, around: &mut Around<'_>, name: &str, full: bool) -> Features {
        let word = around.word();
        // As printed or in capitals.
        if !(word == name.as_bytes() || word.iter().all(u8::is_ascii_uppercase)) {
            return 0;
        }
        let mut features = 0;
        let before = around.before(0);
        if full && before.is_some_and(|w| self.month_qualifiers.contains(&w.key)) {
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
    fn year(&self, b: &[u8], start: usize, end: usize, plan: &mut Plan) {
        let mut features = 0;
        let before = start.checked_sub(1).and_then(|i| b.get(i)).copied();
        if b.get(end) == Some(&b'-') || matches!(before, Some(b'/' | b'.' | b'-')) {
            features |= YEAR_SEPARATED | FULL_DATE_YEAR;
        }
        if let Some((s, e)) = word_before(b, start) {
            let word = &b[s..e];
            let key = word_key_at(b, s, e).unwrap_or(0);
            if self.year_qualifiers.contains(&key) {
                features |= YEAR_QUALIFIED;
            }
            // A month name as printed (capitalised) or in capitals.
            let month = word.first().is_some_and(u8::is_ascii_uppercase)
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
        plan.set(features, start);
    }
}

/// A word near the one [`Around`] is about.
#[derive(Clone, Copy)]
struct Nearby<'b> {
    start: usize,
    bytes: &'b [u8],
    /// Its [`word_key`]; 0 (no word's) for a word longer than 16 bytes.
    key: u128,
}

/// A word found in a text and the words around it, found as asked for.
struct Around<'b> {
    b: &'b [u8],
    start: usize,
    end: usize,
    /// The segment's bits of ASCII letters and digits ([`segment_bits`]) and
    /// where it starts: the words around are found from them where they can
    /// be. A run of letters and digits is a word or part of one (a word may
    /// hold `_`), and no word of the patterns holds `_`: where a pattern's word
    /// is beside another in a match, it is beside it as a run too.
    bits: [u64; SEGMENT / 64 + 2],
    base: usize,
    /// The words before, nearest first, as far as found (`None` past the first).
    before: [Option<Nearby<'b>>; AROUND],
    before_found: usize,
    /// The words after, nearest first, as far as found.
    after: [Option<Nearby<'b>>; AROUND],
    after_found: usize,
}

impl<'b> Around<'b> {
    fn new(b: &'b [u8]) -> Around<'b> {
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

    fn word(&self) -> &'b [u8] {
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
    fn before(&mut self, i: usize) -> Option<Nearby<'b>> {
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
    fn after(&mut self, i: usize) -> Option<Nearby<'b>> {
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

// ---------------------------------------------------------------------------
// Resolution

/// The reference as a span: its first and last possible day.
#[derive(Debug, Clone, Copy)]
struct RefCtx {
    first: NaiveDate,
    last: NaiveDate,
    precision: PublishedPrecision,
}

impl RefCtx {
    fn new(r: ReferenceDate) -> Option<RefCtx> {
        let (first, last) = match r.precision {
            PublishedPrecision::Day => (r.date, r.date),
            PublishedPrecision::Month => {
                let first = r.date.with_day(1)?;
                (first, last_of_month(first)?)
            }
            PublishedPrecision::Year => (
                NaiveDate::from_ymd_opt(r.date.year(), 1, 1)?,
                NaiveDate::from_ymd_opt(r.date.year(), 12, 31)?,
            ),
            PublishedPrecision::Unknown => return None,
        };
        Some(RefCtx {
            first,
            last,
            precision: r.precision,
        })
    }

    fn is_day(&self) -> bool {
        self.precision == PublishedPrecision::Day
    }

    /// The reference's own period, for day-level words it cannot place.
    fn coarse(&self) -> (Option<NaiveDate>, DatePrecision) {
        match self.precision {
            PublishedPrecision::Month => (Some(self.first), DatePrecision::Month),
            PublishedPrecision::Year => (Some(self.first), DatePrecision::Year),
            PublishedPrecision::Day => (Some(self.first), DatePrecision::Day),
            PublishedPrecision::Unknown => (None, DatePrecision::Unknown),
        }
    }
}

fn last_of_month(d: NaiveDate) -> Option<NaiveDate> {
    d.with_day(1)?
        .checked_add_months(Months::new(1))?
        .checked_sub_days(Days::new(1))
}

fn year_start(y: i32) -> Option<NaiveDate> {
    NaiveDate::from_ymd_opt(y, 1, 1)
}

fn year_end(y: i32) -> Option<NaiveDate> {
    NaiveDate::from_ymd_opt(y, 12, 31)
}

fn add_months(d: NaiveDate, n: i32) -> Option<NaiveDate> {
    if n >= 0 {
        d.checked_add_months(Months::new(n.unsigned_abs()))
    } else {
        d.checked_sub_months(Months::new(n.unsigned_abs()))
    }
}

fn add_days(d: NaiveDate, n: i64) -> Option<NaiveDate> {
    if n >= 0 {
        d.checked_add_days(Days::new(n.unsigned_abs()))
    } else {
        d.checked_sub_days(Days::new(n.unsigned_abs()))
    }
}

fn mention(c: &Caps<'_>) -> Option<DateMention> {
    let m = c.get(0)?;
    Some(DateMention {
        start: m.start(),
        end: m.end(),
        date: None,
        precision: DatePrecision::Unknown,
        period_end: None,
        is_period: false,
        relative: false,
    })
}

fn num(c: &Caps<'_>, name: G) -> Option<u32> {
    let s = c.name(name)?.as_str();
    let digits = s
        .bytes()
        .position(|b| !b.is_ascii_digit())
        .unwrap_or(s.len());
    s.get(..digits)?.parse().ok()
}

fn group_month(c: &Caps<'_>, name: G) -> Option<u32> {
    month_number(c.name(name)?.as_str().trim_end_matches('.'))
}

fn group_weekday(c: &Caps<'_>, name: G) -> Option<Weekday> {
    weekday_of_word(&DATA, c.name(name)?.as_str())
}

/// The weekday of a word of the weekday table, in any case.
fn weekday_of_word(data: &DateData, word: &str) -> Option<Weekday> {
    // The table's words are ASCII letters, which a [`word_key`] tells apart in
    // any case and from any other bytes; no weekday name is near 16 bytes long,
    // so a longer word is none.
    let key = word_key(word.as_bytes())?;
    data.weekday_keys
        .iter()
        .find(|&&(k, _)| k == key)
        .map(|&(_, wd)| wd)
}

fn mention_at(start: usize, end: usize) -> DateMention {
    DateMention {
        start,
        end,
        date: None,
        precision: DatePrecision::Unknown,
        period_end: None,
        is_period: false,
        relative: false,
    }
}

// The groups of the `full`, `month_day` and `weekday` patterns are read from the
// words of each match rather than taken by the regex engine: taking the groups
// ran the bounded backtracker over each match, through every alternative of
// the month and weekday names in turn, and cost about as much as finding the
// match. Each alternative of those patterns has its own shape (where its
// digits are, what lies between them), so the words of a match tell which
// alternative matched and where each of its groups is. The comment above each
// reader gives the shapes it tells apart; `groups_read_from_words_agree` checks
// them against the regex engine's groups.

/// The first run of ASCII digits in `s`: its start and end.
fn digit_run(s: &str) -> Option<(usize, usize)> {
    let b = s.as_bytes();
    let p = b.iter().position(u8::is_ascii_digit)?;
    let q = b[p..]
        .iter()
        .position(|c| !c.is_ascii_digit())
        .map_or(b.len(), |n| p + n);
    Some((p, q))
}

/// The value of `s`, all ASCII digits (as `num` reads a group of them).
fn digits_value(s: &str) -> Option<u32> {
    // Up to nine digits cannot overflow; anything else as `parse` reads it.
    if !(1..=9).contains(&s.len()) || !s.bytes().all(|c| c.is_ascii_digit()) {
        return s.parse().ok();
    }
    Some(s.bytes().fold(0, |v, c| v * 10 + u32::from(c - b'0')))
}

/// The last word of `s`, after its last whitespace (`\s` of the patterns).
fn last_word(s: &str) -> &str {
    // Back over ASCII bytes that are no whitespace; past a byte that is not
    // ASCII, one character at a time.
    let b = s.as_bytes();
    let mut i = b.len();
    while i > 0 && b[i - 1].is_ascii() && !is_ascii_space(b[i - 1]) {
        i -= 1;
    }
    if i > 0 && !b[i - 1].is_ascii() {
        return s.rsplit(char::is_whitespace).next().unwrap_or(s);
    }
    &s[i..]
}

/// Whether an ASCII byte is whitespace to `char::is_whitespace` (and `\s`).
fn is_ascii_space(c: u8) -> bool {
    matches!(c, b' ' | b'\t' | b'\n' | 0x0B | 0x0C | b'\r')
}

/// `s` without a leading ordinal suffix of a day ("th" of "5th").
fn without_suffix(s: &str) -> &str {
    ["st", "nd", "rd", "th"]
        .iter()
        .find_map(|x| s.strip_prefix(x))
        .unwrap_or(s)
}

/// The month of a day-and-month match: after the day's digits (at `p..q`) in
/// "5 June", "5th of June.", before them in "June 5", "Jun. 5th".
fn month_around_day(words: &str, p: usize, q: usize) -> Option<u32> {
    let after = without_suffix(words.get(q..)?);
    let word = if after.is_empty() {
        last_word(words.get(..p)?.trim_end())
    } else {
        last_word(words)
    };
    month_number(word.trim_end_matches('.'))
}

/// "June 27, 2024", "27 June 2024", "2024-06-27", "27/06/2024".
fn full_date(found: regex::Match<'_>) -> Option<DateMention> {
    let date = full_date_value(found.as_str())?;
    let mut m = mention_at(found.start(), found.end());
    m.date = Some(date);
    m.precision = DatePrecision::Day;
    m.period_end = Some(date);
    Some(m)
}

/// The date of the words of a `full` match. Its four alternatives:
/// (a) `[on] [weekday] [the] 27[th] [of] June[.][,] 2024`, (b) `[on] [weekday]
/// June[.] 27[th][,] 2024`, (c) `2024-06-27`, (d) `27/06/2024` (or `.`, `-`).
/// The first run of digits is the day in (a) and (b): (a) has a month between
/// it and the year, (b) only a suffix, a comma and spaces. It opens (c), four
/// digits and a hyphen, and (d), one or two digits and a separator; a day that
/// opens (a) is followed by a suffix or a space.
fn full_date_value(words: &str) -> Option<NaiveDate> {
    let (p, q) = digit_run(words)?;
    let b = words.as_bytes();
    if p == 0 {
        match b.get(q) {
            Some(b'-') if q == 4 => {
                let part = |r: std::ops::Range<usize>| words.get(r).and_then(digits_value);
                return NaiveDate::from_ymd_opt(part(0..4)? as i32, part(5..7)?, part(8..10)?);
            }
            Some(&s1 @ (b'/' | b'.' | b'-')) => {
                // Day first, as in Pakistan and Britain; only when it cannot be month first.
                let rest = words.get(q + 1..)?;
                let (_, r) = digit_run(rest)?;
                let (a, b_) = (digits_value(&words[..q])?, digits_value(&rest[..r])?);
                let y = digits_value(rest.get(r + 1..)?)? as i32;
                if rest.as_bytes().get(r) != Some(&s1) {
                    return None;
                }
                return if a > 12 || a == b_ {
                    NaiveDate::from_ymd_opt(y, b_, a)
                } else {
                    None
                };
            }
            _ => {}
        }
    }
    let year_at = words.len().checked_sub(4)?;
    let y = digits_value(words.get(year_at..)?)? as i32;
    let between = without_suffix(words.get(q..year_at)?);
    let day = digits_value(&words[p..q])?;
    let month = if between.chars().all(|c| c == ',' || c.is_whitespace()) {
        // (b): the month is the word before the day.
        month_number(last_word(words[..p].trim_end()).trim_end_matches('.'))?
    } else {
        // (a): the month is the word before the year.
        month_number(last_word(words[..year_at].trim_end()).trim_end_matches(['.', ',']))?
    };
    NaiveDate::from_ymd_opt(y, month, day)
}

/// "on June 27", "27 June", "Thursday, June 27": the year from the reference.
///
/// The two alternatives of `month_day`: `[on] [weekday] [the] 27[th] [of]
/// June[.]` and `[on] [weekday] [the] June[.] 27[th]`; the one run of digits is
/// the day, followed by the month in the first (see [`month_around_day`]).
fn month_day(found: regex::Match<'_>, ctx: Option<&RefCtx>) -> Option<DateMention> {
    let words = found.as_str();
    let (p, q) = digit_run(words)?;
    let month = month_around_day(words, p, q)?;
    let day = digits_value(&words[p..q])?;
    if !(1..=31).contains(&day) {
        return None;
    }
    let mut m = mention_at(found.start(), found.end());
    m.relative = true;
    m.precision = DatePrecision::Day;
    if let Some(ctx) = ctx {
        // The most recent such day not after the reference's last possible day.
        let this = NaiveDate::from_ymd_opt(ctx.last.year(), month, day);
        let date = match this {
            Some(d) if d <= ctx.last => Some(d),
            _ => NaiveDate::from_ymd_opt(ctx.last.year() - 1, month, day),
        };
        m.date = date;
        m.period_end = date;
    }
    Some(m)
}

/// "March 2023", "in March 2023", "since March 2023".
///
/// The words of a match: `[preposition\s+][early|mid|late[-\s]+]month[.][,]\s+year`.
/// The year is the last four bytes; the month the word before it, after the
/// last space or hyphen, less its "." and ","; the preposition, when there is
/// one, the first word (no month name or "early", "mid", "late" is one).
fn month_year(found: Span<'_>, ctx: Option<&RefCtx>) -> Option<DateMention> {
    let (month, y, since) = month_year_parts(found.as_str())?;
    let first = NaiveDate::from_ymd_opt(y, month, 1)?;
    let mut m = mention_at(found.start(), found.end());
    m.date = Some(first);
    m.precision = DatePrecision::Month;
    m.period_end = last_of_month(first);
    if since {
        m.is_period = true;
        m.relative = true;
        // A reference before the month (a wrong dateline) cannot close the period.
        m.period_end = ctx.map(|x| x.last).filter(|&end| end >= first);
    }
    Some(m)
}

/// The month, the year and whether the preposition is "since" of the words
/// of a `month_year` match (see [`month_year`]).
fn month_year_parts(words: &str) -> Option<(u32, i32, bool)> {
    let year_at = words.len().checked_sub(4)?;
    let y = digits_value(words.get(year_at..)?)? as i32;
    let before = words[..year_at]
        .trim_end()
        .trim_end_matches(',')
        .trim_end_matches('.');
    let name = before
        .rsplit(|c: char| c.is_whitespace() || c == '-')
        .next()
        .unwrap_or(before);
    Some((month_number(name)?, y, opens_with_word(words, "since")))
}

/// The year and whether the preposition is "since" of the words of a `year`
/// match (see [`year`]).
fn year_parts(words: &str) -> Option<(i32, bool)> {
    let y = digits_value(words.get(words.len().checked_sub(4)?..)?)? as i32;
    Some((y, opens_with_word(words, "since")))
}

/// Whether `words` open with `word` (in any ASCII case) and whitespace after it.
fn opens_with_word(words: &str, word: &str) -> bool {
    words
        .get(..word.len())
        .is_some_and(|w| w.eq_ignore_ascii_case(word))
        && words[word.len()..].starts_with(char::is_whitespace)
}

/// "in March", "last July", "since March", "early May".
fn month_alone(found: regex::Match<'_>, ctx: Option<&RefCtx>) -> Option<DateMention> {
    let (prep, month) = month_alone_parts(found.as_str())?;
    let prep_is = |word: &str| prep.is_some_and(|p| p.eq_ignore_ascii_case(word));
    let month = month_number(month)?;
    let mut m = mention_at(found.start(), found.end());
    m.relative = true;
    m.precision = DatePrecision::Month;
    let strict = prep_is("last");
    if let Some(ctx) = ctx {
        let first = if prep_is("this") {
            NaiveDate::from_ymd_opt(ctx.last.year(), month, 1)
        } else {
            recent_month(ctx.last, month, strict)
        };
        m.date = first;
        m.period_end = first.and_then(last_of_month);
        if prep_is("since") {
            m.is_period = true;
            m.period_end = Some(ctx.last);
        }
    } else if prep_is("since") {
        m.is_period = true;
    }
    Some(m)
}

/// The preposition and the month of the words of a `month_alone` match,
/// `[preposition] [modifier] month`; `None` for a month alone, which is no
/// mention. The month is the last word (no month name holds a space or a
/// hyphen, and the modifier ends with one, "mid-"); the preposition is the
/// first word when that does not open a modifier ("early", "late", "mid",
/// "the end of", ...: no preposition is one of those words).
fn month_alone_parts(words: &str) -> Option<(Option<&str>, &str)> {
    let split = |c: char| c.is_whitespace() || c == '-';
    let (before, month) = words.rsplit_once(split)?;
    let first = before.split(split).next().unwrap_or(before);
    let opens_modifier = ["early", "late", "mid", "the"]
        .iter()
        .any(|w| first.eq_ignore_ascii_case(w));
    Some(((!opens_modifier).then_some(first), month))
}

/// "in 2023", "during 2023", "since 2021".
///
/// The words of a match: `preposition\s+[early|mid|late[-\s]+]year`; the year is
/// the last four bytes, and the preposition the first words ("in the year").
fn year(text: &str, whole: Span<'_>, ctx: Option<&RefCtx>) -> Option<DateMention> {
    // "in 2000 attacks" counts attacks; "in 2023," and "in 2023." are years.
    let rest = text.get(whole.end()..).unwrap_or("");
    if rest.starts_with([',', '.'])
        && rest
            .get(1..)
            .is_some_and(|r| r.starts_with(|ch: char| ch.is_ascii_digit()))
    {
        return None;
    }
    if let Some(next) = rest.split_whitespace().next() {
        if crate::numbers::is_counted_noun(next.trim_end_matches([',', '.', ';'])) {
            return None;
        }
    }
    let (y, since) = year_parts(whole.as_str())?;
    let mut m = mention_at(whole.start(), whole.end());
    m.date = year_start(y);
    m.precision = DatePrecision::Year;
    m.is_period = true;
    if since {
        m.relative = true;
        m.period_end = ctx
            .map(|x| x.last)
            .filter(|&end| m.date.is_some_and(|d| d <= end));
    } else {
        m.period_end = year_end(y);
    }
    Some(m)
}

/// "between 2019 and 2021", "from 2019 to 2021".
fn year_range(c: &Caps<'_>) -> Option<DateMention> {
    let (a, b) = (num(c, G::Y1)? as i32, num(c, G::Y2)? as i32);
    if a >= b {
        return None;
    }
    let mut m = mention(c)?;
    m.date = year_start(a);
    m.period_end = year_end(b);
    m.precision = DatePrecision::Year;
    m.is_period = true;
    Some(m)
}

/// A small count in digits or words ("nine", "9", "twenty-four").
fn count_word(s: &str) -> Option<u32> {
    if let Ok(n) = s.parse::<u32>() {
        return Some(n);
    }
    let mut total = 0.0;
    for part in s.split('-') {
        total += crate::numbers::word_value(part)?;
    }
    (total >= 1.0 && total.fract() == 0.0 && total < 1000.0).then_some(total as u32)
}

/// "the first nine months of 2022", "the first half of 2024", "the third quarter".
fn span_of_year(text: &str, c: &Caps<'_>, ctx: Option<&RefCtx>) -> Option<DateMention> {
    let parts = SpanParts {
        which: c.name(G::Which)?.as_str(),
        n: c.name(G::N).map(|n| n.as_str()),
        unit: c.name(G::Unit)?.as_str(),
        of: c.name(G::Of).map(|o| o.as_str()),
    };
    span_of_parts(text, c.get(0)?, &parts, ctx)
}

/// The groups of a `span` match.
struct SpanParts<'a> {
    which: &'a str,
    n: Option<&'a str>,
    unit: &'a str,
    of: Option<&'a str>,
}

/// The groups of a `span` match read from its words, for texts where the
/// pattern's case-insensitive words are in ASCII ([`Plan::ascii_case`]):
/// `[preposition\s+]the\s+which\s+[count\s+]unit[\s+of\s+tail]`, each word
/// bounded by whitespace. The count is there when the words read so, as the
/// pattern tries it first; the tail is a year or "this", "last", "the", "the
/// current", "the previous", "the present" or "the last", then "calendar" or
/// "fiscal" or nothing, then "year".
fn span_parts(words: &str) -> Option<SpanParts<'_>> {
    let mut tokens: Vec<(usize, &str)> = Vec::with_capacity(8);
    let mut rest = words;
    while let Some(start) = rest.find(|c: char| !c.is_whitespace()) {
        let token = &rest[start..];
        let len = token.find(char::is_whitespace).unwrap_or(token.len());
        tokens.push((words.len() - token.len(), &token[..len]));
        rest = &token[len..];
    }
    let is = |w: &str, list: &[&str]| list.iter().any(|x| w.eq_ignore_ascii_case(x));
    let is_year = |w: &str| {
        w.len() == 4
            && matches!(&w.as_bytes()[..2], b"18" | b"19" | b"20" | b"21")
            && w.bytes().all(|c| c.is_ascii_digit())
    };
    let is_count = |w: &str| {
        (w.len() <= 2 && w.bytes().all(|c| c.is_ascii_digit()))
            || w.bytes().all(|c| c.is_ascii_alphabetic())
    };
    let tail_ok = |t: &[(usize, &str)]| -> bool {
        let Some(((_, of), rest)) = t.split_first() else {
            return true;
        };
        if !of.eq_ignore_ascii_case("of") {
            return false;
        }
        let words: Vec<&str> = rest.iter().map(|&(_, w)| w).collect();
        if let [y] = words[..] {
            return is_year(y);
        }
        let heads: [&[&str]; 7] = [
            &["this"],
            &["last"],
            &["the"],
            &["the", "current"],
            &["the", "previous"],
            &["the", "present"],
            &["the", "last"],
        ];
        heads.iter().any(|head| {
            let n = head.len();
            words.len() > n
                && words[..n]
                    .iter()
                    .zip(head.iter())
                    .all(|(w, h)| w.eq_ignore_ascii_case(h))
                && match words[n..] {
                    [year] => year.eq_ignore_ascii_case("year"),
                    [kind, year] => {
                        is(kind, &["calendar", "fiscal"]) && year.eq_ignore_ascii_case("year")
                    }
                    _ => false,
                }
        })
    };
    let from_the = usize::from(!tokens.first()?.1.eq_ignore_ascii_case(THE));
    let which = tokens.get(from_the + 1)?.1;
    let after = tokens.get(from_the + 2..)?;
    let (n, unit, tail) = match after {
        [(_, n), (_, unit), tail @ ..] if is_count(n) && is(unit, &SPAN_UNITS) && tail_ok(tail) => {
            (Some(*n), *unit, tail)
        }
        [(_, unit), tail @ ..] if is(unit, &SPAN_UNITS) && tail_ok(tail) => (None, *unit, tail),
        _ => return None,
    };
    let of = tail.get(1).map(|&(at, _)| &words[at..]);
    Some(SpanParts { which, n, unit, of })
}

/// [`span_of_year`] of a match whose groups are known.
fn span_of_parts(
    text: &str,
    whole: Span<'_>,
    parts: &SpanParts<'_>,
    ctx: Option<&RefCtx>,
) -> Option<DateMention> {
    let which = parts.which.to_ascii_lowercase();
    let unit = parts.unit.to_ascii_lowercase();
    let of = parts.of.map(normalize);
    // "the first half of the match", "the last week of March": not a part of a year.
    if of.is_none() {
        let rest = text.get(whole.end()..).unwrap_or("").trim_start();
        if rest.get(..3).is_some_and(|p| p.eq_ignore_ascii_case("of ")) {
            return None;
        }
        if which == "last" || which == "final" {
            return None;
        }
    }
    let n = match parts.n {
        Some(n) => Some(count_word(n)?),
        None => None,
    };
    // Months of the year covered, 1-based inclusive.
    let (from, to) = match unit.as_str() {
        "months" | "month" => {
            let n = n.unwrap_or(1).clamp(1, 12);
            match which.as_str() {
                "first" => (1, n),
                "last" | "final" => (13 - n, 12),
                _ => return None,
            }
        }
        "half" => match which.as_str() {
            "first" => (1, 6),
            "second" | "last" | "final" => (7, 12),
            _ => return None,
        },
        "quarter" | "quarters" => {
            let q = match which.as_str() {
                "first" => 1,
                "second" => 2,
                "third" => 3,
                "fourth" | "last" | "final" => 4,
                _ => return None,
            };
            if unit == "quarters" {
                // "the first three quarters"
                let k = n.unwrap_or(1).clamp(1, 4);
                if which == "first" {
                    (1, 3 * k)
                } else {
                    (13 - 3 * k, 12)
                }
            } else {
                (3 * q - 2, 3 * q)
            }
        }
        _ => return None,
    };
    let mut m = mention_at(whole.start(), whole.end());
    m.is_period = true;
    m.precision = if to - from < 2 {
        DatePrecision::Month
    } else {
        DatePrecision::Year
    };
    let year = match of.as_deref() {
        Some(o) if o.chars().next().is_some_and(|ch| ch.is_ascii_digit()) => o.parse::<i32>().ok(),
        Some(o) if o.starts_with("last") || o.contains("previous") => {
            m.relative = true;
            ctx.map(|x| x.last.year() - 1)
        }
        _ => {
            m.relative = true;
            ctx.map(|x| x.last.year())
        }
    };
    if let Some(y) = year {
        m.date = NaiveDate::from_ymd_opt(y, from, 1);
        m.period_end = NaiveDate::from_ymd_opt(y, to, 1).and_then(last_of_month);
    }
    Some(m)
}

fn unit_of(word: &str) -> Option<Unit> {
    let w = word.to_ascii_lowercase();
    Some(match w.trim_end_matches('s') {
        "hour" | "day" => Unit::Day,
        "week" | "fortnight" => Unit::Week,
        "month" => Unit::Month,
        "year" | "decade" => Unit::Year,
        _ => return None,
    })
}

fn unit_precision(u: Unit) -> DatePrecision {
    match u {
        Unit::Day => DatePrecision::Day,
        Unit::Week => DatePrecision::Week,
        Unit::Month => DatePrecision::Month,
        Unit::Year => DatePrecision::Year,
    }
}

/// `n` of `unit_word` back from `d`.
fn back(d: NaiveDate, n: u32, unit_word: &str) -> Option<NaiveDate> {
    let w = unit_word.to_ascii_lowercase();
    let n_i = i64::from(n);
    match w.trim_end_matches('s') {
        "hour" => add_days(d, -((n_i + 23) / 24)),
        "day" => add_days(d, -n_i),
        "week" => add_days(d, -7 * n_i),
        "fortnight" => add_days(d, -14 * n_i),
        "month" => add_months(d, -(n as i32)),
        "year" => add_months(d, -12 * (n as i32)),
        "decade" => add_months(d, -120 * (n as i32)),
        _ => None,
    }
}

/// "in the last month", "over the past two weeks", "in the past 24 hours".
///
/// The words of a match: `[preposition\s+]the\s+lead\s+[count\s+]unit`, each
/// one word (no preposition is "the"): the unit is the last, and the count
/// the one before it when there are four after the preposition.
fn rolling(text: &str, whole: Span<'_>, ctx: Option<&RefCtx>) -> Option<DateMention> {
    let rest = text.get(whole.end()..).unwrap_or("").trim_start();
    // "the last week of March" names a part of a month, not a window.
    if rest.get(..3).is_some_and(|p| p.eq_ignore_ascii_case("of ")) {
        return None;
    }
    let (count, unit_word) = rolling_parts(whole.as_str())?;
    let unit = unit_of(unit_word)?;
    let n = match count {
        Some(n) => match count_word(n) {
            Some(k) => Some(k),
            // "the past few months": a window of unknown length.
            None if matches!(
                n.to_ascii_lowercase().as_str(),
                "few" | "several" | "couple"
            ) =>
            {
                None
            }
            None => return None,
        },
        None => Some(1),
    };
    let mut m = mention_at(whole.start(), whole.end());
    m.relative = true;
    m.is_period = true;
    m.precision = unit_precision(unit);
    if let (Some(ctx), Some(n)) = (ctx, n) {
        if ctx.is_day() {
            m.date = back(ctx.last, n, unit_word);
            m.period_end = Some(ctx.last);
        }
    }
    Some(m)
}

/// The count, if any, and the unit of the words of a `rolling` match (see
/// [`rolling`]).
fn rolling_parts(words: &str) -> Option<(Option<&str>, &str)> {
    let words: Vec<&str> = words.split_whitespace().collect();
    let from_the = if words.first()?.eq_ignore_ascii_case(THE) {
        0
    } else {
        1
    };
    match words.get(from_the + 2..)? {
        [unit] => Some((None, *unit)),
        [count, unit] => Some((Some(*count), *unit)),
        _ => None,
    }
}

/// "two days ago", "three weeks ago", "five years back".
///
/// The words of a match: `count\s+unit\s+(ago|back)`, three words.
fn ago(found: Span<'_>, ctx: Option<&RefCtx>) -> Option<DateMention> {
    let (n_text, unit_word) = ago_parts(found.as_str())?;
    let n = if n_text.eq_ignore_ascii_case("a") || n_text.eq_ignore_ascii_case("an") {
        1
    } else {
        count_word(n_text)?
    };
    let unit = unit_of(unit_word)?;
    let mut m = mention_at(found.start(), found.end());
    m.relative = true;
    m.precision = unit_precision(unit);
    if let Some(ctx) = ctx {
        if ctx.is_day() || matches!(unit, Unit::Month | Unit::Year) {
            let d = back(ctx.last, n, unit_word);
            m.date = match unit {
                Unit::Month => d.and_then(|d| d.with_day(1)),
                Unit::Year => d.and_then(|d| year_start(d.year())),
                _ => d,
            };
        } else {
            (m.date, m.precision) = ctx.coarse();
        }
    }
    Some(m)
}

/// Phrases of the relative table: "yesterday", "last week", "this year".
fn relative(data: &DateData, found: Span<'_>, ctx: Option<&RefCtx>) -> Option<DateMention> {
    let mut buf = [0u8; 64];
    let row = match normalize_into(found.as_str(), &mut buf) {
        Some(key) => *data.relative.get(key)?,
        None => *data.relative.get(&normalize(found.as_str()))?,
    };
    relative_of(found, row, ctx)
}

/// [`relative`] of a match whose row is known.
fn relative_of(found: Span<'_>, row: RelativeRow, ctx: Option<&RefCtx>) -> Option<DateMention> {
    let mut m = mention_at(found.start(), found.end());
    m.relative = true;
    m.precision = row.precision;
    m.is_period = row.period;
    let Some(ctx) = ctx else {
        return Some(m);
    };
    match row.unit {
        Unit::Day | Unit::Week => {
            if ctx.is_day() {
                m.date = add_days(ctx.last, i64::from(row.offset));
                if row.precision == DatePrecision::Day {
                    m.period_end = m.date;
                }
            } else {
                (m.date, m.precision) = ctx.coarse();
            }
        }
        Unit::Month => {
            if matches!(
                ctx.precision,
                PublishedPrecision::Day | PublishedPrecision::Month
            ) {
                let first = add_months(ctx.last.with_day(1)?, row.offset);
                m.date = first;
                m.period_end = first.and_then(last_of_month);
            } else {
                (m.date, m.precision) = ctx.coarse();
            }
        }
        Unit::Year => {
            let y = ctx.last.year() + row.offset;
            m.date = year_start(y);
            m.period_end = if row.offset == 0 && row.period {
                Some(ctx.last)
            } else {
                year_end(y)
            };
        }
    }
    Some(m)
}

/// "on Monday", "late on Tuesday", "Wednesday night", "last Friday".
///
/// The words of a `weekday` match: `[modifier] weekday['s] [time of day]`, where
/// the modifier ("late on", "last", ...) and the time of day ("night") are
/// words no weekday table entry is, so the word that is one (less its "'s") is
/// the weekday, and the modifier is "last" or "next" when it is the first of
/// two or more words.
fn weekday(found: Span<'_>, ctx: Option<&RefCtx>) -> Option<DateMention> {
    let (wd, modifier) = weekday_parts(found.as_str())?;
    weekday_of(found, wd, modifier, ctx)
}

/// [`weekday`] of a match whose weekday and modifier are known.
fn weekday_of(
    found: Span<'_>,
    wd: Weekday,
    modifier: Option<&'static str>,
    ctx: Option<&RefCtx>,
) -> Option<DateMention> {
    let mut m = mention_at(found.start(), found.end());
    m.relative = true;
    m.precision = DatePrecision::Day;
    if let Some(ctx) = ctx {
        if ctx.is_day() {
            let on_or_before = weekday_on_or_before(ctx.last, wd);
            m.date = match modifier {
                Some("last") if on_or_before == ctx.last => add_days(on_or_before, -7),
                Some("next") => add_days(on_or_before, 7),
                _ => Some(on_or_before),
            };
            m.period_end = m.date;
        } else {
            (m.date, m.precision) = ctx.coarse();
        }
    }
    Some(m)
}

/// The weekday of the words of a `weekday` match, and its modifier when that is
/// "last" or "next" (the only ones that move the day).
fn weekday_parts(words: &str) -> Option<(Weekday, Option<&'static str>)> {
    let data: &DateData = &DATA;
    let mut parts = words.split(char::is_whitespace).filter(|w| !w.is_empty());
    let first = parts.next()?;
    let wd = std::iter::once(first).chain(parts).find_map(|w| {
        let name = w
            .strip_suffix("'s")
            .or_else(|| w.strip_suffix("’s"))
            .unwrap_or(w);
        weekday_of_word(data, name)
    })?;
    let modifier = ["last", "next"]
        .into_iter()
        .find(|x| first.eq_ignore_ascii_case(x) && first.len() < words.len());
    Some((wd, modifier))
}

/// "since the Taliban takeover": from the anchor to the reference.
///
/// The words of a match: `since\s+anchor`.
fn since_anchor(data: &DateData, found: Span<'_>, ctx: Option<&RefCtx>) -> Option<DateMention> {
    let date = data.anchor_date(anchor_words(found.as_str())?)?;
    let mut m = mention_at(found.start(), found.end());
    m.date = Some(date);
    m.precision = DatePrecision::Day;
    m.is_period = true;
    m.relative = true;
    // A reference before the anchor (a wrong dateline) cannot close the period.
    m.period_end = ctx.map(|x| x.last).filter(|&end| end >= date);
    Some(m)
}

/// The count and the unit of the words of an `ago` match, its first two.
fn ago_parts(words: &str) -> Option<(&str, &str)> {
    let mut words = words.split_whitespace();
    Some((words.next()?, words.next()?))
}

/// The anchor of the words of a `since_anchor` match: the words after the
/// first ("since" in any case, which may be longer than five bytes where a
/// letter folds onto "s") and the whitespace after it.
fn anchor_words(words: &str) -> Option<&str> {
    let (_, anchor) = words.split_once(char::is_whitespace)?;
    Some(anchor.trim_start())
}

/// "in a single year since the Taliban takeover": a span counted from the anchor.
fn years_since_anchor(data: &DateData, c: &Caps<'_>) -> Option<DateMention> {
    let date = data.anchor_date(c.name(G::Anchor)?.as_str())?;
    let n = match c.name(G::N) {
        Some(n) => count_word(n.as_str())?,
        None => 1,
    };
    let unit = c.name(G::Unit)?.as_str().to_ascii_lowercase();
    let months = if unit.starts_with("year") { 12 * n } else { n };
    let mut m = mention(c)?;
    m.date = Some(date);
    m.precision = DatePrecision::Day;
    m.is_period = true;
    m.period_end = date.checked_add_months(Months::new(months));
    Some(m)
}

/// "Earlier, ...", "recently": a time before the report, not placed.
fn vague(text: &str, whole: Span<'_>) -> Option<DateMention> {
    if whole.as_str().eq_ignore_ascii_case("earlier") {
        // Only the sentence adverb: "Earlier, ..." or "..., earlier." — not "two days earlier".
        let before = text.get(..whole.start()).unwrap_or("").trim_end();
        let after = text.get(whole.end()..).unwrap_or("");
        let starts_sentence =
            before.is_empty() || before.ends_with(['.', '!', '?', '\n', '"', '“']);
        let closes = after.starts_with([',', '.', ';']);
        if !(starts_sentence || closes) {
            return None;
        }
        let prev_word = before
            .rsplit(|ch: char| !ch.is_alphanumeric())
            .next()
            .unwrap_or("");
        if count_word(prev_word).is_some() || unit_of(prev_word).is_some() {
            return None;
        }
    }
    Some(mention_at(whole.start(), whole.end()))
}

/// Keeps the longest of overlapping mentions, then orders them by position.
fn longest_first(mut found: Vec<DateMention>) -> Vec<DateMention> {
    if found.len() < 2 {
        return found;
    }
    found.sort_by(|a, b| {
        (b.end - b.start)
            .cmp(&(a.end - a.start))
            .then(a.start.cmp(&b.start))
    });
    // The mentions kept so far do not overlap, and a sentence holds a few: a
    // look at each costs less than keeping them in a map by start. Those kept
    // gather at the front, in the same order.
    let mut kept = 0;
    for i in 0..found.len() {
        let (start, end) = (found[i].start, found[i].end);
        if found[..kept].iter().any(|t| t.start < end && t.end > start) {
            continue;
        }
        found.swap(kept, i);
        kept += 1;
    }
    found.truncate(kept);
    found.sort_by_key(|m| (m.start, m.end));
    found
}

// ---------------------------------------------------------------------------
// Reference dates

/// Words before a date that announce it as future rather than past.
const FUTURE_MARKERS: &[&str] = &[
    "will ",
    "would ",
    "scheduled",
    "due to",
    "due on",
    "expected",
    "deadline",
    "next ",
    "upcoming",
    "until ",
    "till ",
    "postponed to",
];

/// Words that open a dateline or a publication line.
const DATELINE_MARKERS: &[&str] = &[
    "published",
    "updated",
    "posted",
    "dated",
    "date:",
    "last modified",
];

/// How far into a text a date still counts as part of its opening lines.
const OPENING_BYTES: usize = 300;

fn explicit_reference(text: &str, p: &Patterns) -> Option<ReferenceDate> {
    let mut dateline: Option<NaiveDate> = None;
    let mut latest: Option<NaiveDate> = None;
    for whole in p.full.re.find_iter(text) {
        let Some(date) = full_date_value(whole.as_str()) else {
            continue;
        };
        let line_start = text[..whole.start()].rfind('\n').map_or(0, |i| i + 1);
        let prefix = &text[line_start..whole.start()];
        let prefix_lower = prefix.to_ascii_lowercase();
        let dateline_like = whole.start() < OPENING_BYTES
            || prefix.trim().is_empty()
            || DATELINE_MARKERS.iter().any(|m| prefix_lower.contains(m))
            || is_place_prefix(prefix);
        if dateline_like {
            // The first dateline wins over any later date, so the rest of the
            // text need not be searched: most reports open with one.
            dateline = Some(date);
            break;
        }
        let sentence_start = prefix.rfind(['.', '!', '?']).map_or(0, |i| i + 1);
        let sentence = &prefix_lower[sentence_start..];
        if FUTURE_MARKERS.iter().any(|m| sentence.contains(m)) {
            continue;
        }
        if latest.is_none_or(|l| date > l) {
            latest = Some(date);
        }
    }
    dateline.or(latest).map(ReferenceDate::day)
}

/// "PESHAWAR, " or "ISLAMABAD (Reuters) - ": a place in capitals opening a line.
fn is_place_prefix(prefix: &str) -> bool {
    let t = prefix.trim();
    let letters: Vec<char> = t.chars().filter(|c| c.is_alphabetic()).collect();
    letters.len() >= 3
        && t.len() < 60
        && letters.iter().filter(|c| c.is_uppercase()).count() * 10 >= letters.len() * 7
}

fn weekday_reference(text: &str, p: &Patterns) -> Option<ReferenceDate> {
    // Most texts name no weekday before a date; one search says so, where the
    // captures of every date would not.
    if !p.weekday_month_day.is_match(text) {
        return None;
    }
    let mut candidates = Vec::new();
    let mut it = p.month_day.captures(text);
    while let Some(c) = it.next() {
        let (wd, month, day) = if c.name(G::Da).is_some() {
            (
                group_weekday(&c, G::Wa),
                group_month(&c, G::Ma),
                num(&c, G::Da),
            )
        } else {
            (
                group_weekday(&c, G::Wb),
                group_month(&c, G::Mb),
                num(&c, G::Db),
            )
        };
        if let (Some(wd), Some(month), Some(day)) = (wd, month, day) {
            candidates.push((wd, month, day));
        }
    }
    if candidates.is_empty() {
        return None;
    }
    let max_year = crate::numbers::find_numbers(text)
        .iter()
        .filter(|n| n.kind == crate::numbers::NumberKind::Year)
        .filter_map(|n| n.high.or(n.value))
        .filter(|y| (1900.0..=2100.0).contains(y))
        .map(|y| y as i32)
        .max();
    candidates
        .into_iter()
        .filter_map(|(wd, month, day)| {
            let y = year_of_weekday(month, day, wd, max_year)?;
            NaiveDate::from_ymd_opt(y, month, day)
        })
        .max()
        .map(ReferenceDate::day)
}

fn this_year_reference(text: &str, p: &Patterns) -> Option<ReferenceDate> {
    // As in `weekday_reference`: one search instead of the captures of every span.
    if !p.this_year.is_match(text) {
        return None;
    }
    let mut this_year_parts = Vec::new();
    let mut dated_parts: Vec<(String, i32)> = Vec::new();
    let mut it = p.span.captures(text);
    while let Some(c) = it.next() {
        let Some(of) = c.name(G::Of) else { continue };
        let key = normalize(&format!(
            "{} {} {}",
            c.name(G::Which).map_or("", |m| m.as_str()),
            c.name(G::N).map_or("", |m| m.as_str()),
            c.name(G::Unit).map_or("", |m| m.as_str())
        ));
        let of = normalize(of.as_str());
        if of.starts_with("this") || of.contains("current") || of.contains("present") {
            this_year_parts.push(key);
        } else if let Ok(y) = of.parse::<i32>() {
            dated_parts.push((key, y));
        }
    }
    let same_part = this_year_parts.iter().find_map(|key| {
        dated_parts
            .iter()
            .find(|(k, _)| k == key)
            .and_then(|(_, y)| year_start(*y))
    });
    // "this year" alone beside "the first nine months of 2022": a part of a year
    // counted up to now is written in that year (the latest, when several are compared).
    let year_to_date = || {
        dated_parts
            .iter()
            .filter(|(key, _)| key.starts_with("first"))
            .map(|(_, y)| *y)
            .max()
            .and_then(year_start)
    };
    same_part.or_else(year_to_date).map(|date| ReferenceDate {
        date,
        precision: PublishedPrecision::Year,
    })
}

/// A dateline that gives a month and day but no year: "PESHAWAR, Jan 14:",
/// "QUETTA, Oct 5 —", "Peshawar, Jan 30 (Reuters) -". Only a line's opening
/// place name may precede the date.
static YEARLESS_DATELINE: LazyLock<Option<Regex>> = LazyLock::new(|| {
    Regex::new(
        r"(?m)^[ \t]*[A-Z][A-Za-z.'/ -]{1,48},[ \t]*([A-Z][a-z]{2,8})\.?[ \t]+(\d{1,2})\b[ \t]*(?:\(|:|[—–-])",
    )
    .ok()
});

/// Whether `line` opens as [`YEARLESS_DATELINE`] needs: after spaces or tabs, a
/// capital, then 1 to 48 letters, spaces or `.'/-`, then a comma. A match lies
/// within one line and starts at its start, so a line without this has none.
fn may_open_with_a_place(line: &str) -> bool {
    let Some((first, rest)) = line
        .trim_start_matches([' ', '\t'])
        .as_bytes()
        .split_first()
    else {
        return false;
    };
    if !first.is_ascii_uppercase() {
        return false;
    }
    let place = rest
        .iter()
        .take(49)
        .position(|&c| !(c.is_ascii_alphabetic() || b" .'/-".contains(&c)));
    matches!(place, Some(n) if n >= 1 && rest.get(n) == Some(&b','))
}

static YEAR_WORD: LazyLock<Option<Regex>> =
    LazyLock::new(|| Regex::new(r"\b(?:19[5-9]\d|20\d\d)\b").ok());

static WEEKDAY_WORD: LazyLock<Option<Regex>> = LazyLock::new(|| {
    Regex::new(r"\b(Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday)\b").ok()
});

/// Reports name the day they were filed ("the police said on Saturday"), and the
/// press dates its datelines without the year. The weekday named most often is
/// taken for the dateline's day; the year is then the first at or after the
/// latest year the text mentions in which that day falls on that weekday, or
/// without one the latest up to [`LATEST_YEAR`]. Ties between weekdays go to the
/// later date.
fn dateline_weekday_reference(text: &str) -> Option<ReferenceDate> {
    let dateline = YEARLESS_DATELINE.as_ref()?;
    let weekdays = WEEKDAY_WORD.as_ref()?;
    let opening = &text[..crate::text::floor_boundary(text, OPENING_BYTES * 2)];
    // Each line alone, and only those that can open with a place and a comma:
    // the pattern's literal comma made it try every comma of the opening.
    let c = opening
        .split('\n')
        .filter(|line| may_open_with_a_place(line))
        .find_map(|line| dateline.captures(line))?;
    let month = month_number(c.get(1)?.as_str())?;
    let day: u32 = c.get(2)?.as_str().parse().ok()?;
    let data: &DateData = &DATA;
    let mut counts = [0usize; 7];
    for m in weekdays.find_iter(text) {
        if let Some(wd) = data.weekdays.get(&m.as_str().to_ascii_lowercase()) {
            counts[wd.num_days_from_monday() as usize] += 1;
        }
    }
    let most = *counts.iter().max()?;
    if most == 0 {
        return None;
    }
    // Any year the text names: a report is not older than the latest of them
    // ("2022 had been the deadliest year" is read as a count by the number parser).
    let min_year = YEAR_WORD
        .as_ref()?
        .find_iter(text)
        .filter_map(|m| m.as_str().parse::<i32>().ok())
        .filter(|y| *y <= LATEST_YEAR)
        .max();
    (0u32..7)
        .filter(|&i| counts[i as usize] == most)
        .filter_map(|i| {
            let year = year_of_weekday(month, day, weekday_from_index(i)?, min_year)?;
            NaiveDate::from_ymd_opt(year, month, day)
        })
        .max()
        .map(ReferenceDate::day)
}

#[cfg(test)]
#[allow(clippy::unwrap_used)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    /// Texts that hold many shapes of each date: every combination of the
    /// pieces below, so that each alternative of `full`, `month_day` and
    /// `weekday` matches with and without each optional part.
    fn texts() -> Vec<String> {
        let lead = [
            "", "on ", "On ", "late on ", "last ", "LAST ", "Next ", "since ",
        ];
        let weekday = [
            "",
            "Monday ",
            "Monday, ",
            "Mon. ",
            "SATURDAY, ",
            "Sun ",
            "friday's ",
        ];
        let the = ["", "the "];
        let day = ["5", "05", "5th", "31st", "32", "123", "2nd"];
        let month = [
            "June", "JUNE", "Jun.", "Sept", "sept", "May", "Mar", "Julyx",
        ];
        let year = ["", " 2024", ", 2024", " 1899", ". 2021,", " 20245"];
        let mut out = Vec::new();
        for l in lead {
            for w in weekday {
                for t in the {
                    for d in day {
                        for m in month {
                            for y in year {
                                out.push(format!("He said {l}{w}{t}{d} {m}{y} it was."));
                                out.push(format!("{l}{w}{t}{m} {d}{y}: x"));
                                out.push(format!("{l}{w}{t}{d} of {m}{y}."));
                            }
                        }
                    }
                }
            }
        }
        for d in [
            "2024-06-27",
            "2024-6-27",
            "27/06/2024",
            "27.06.2024",
            "27-06-2024",
            "06/27/2024",
            "5/5/2023",
            "27/06.2024",
            "1/2/2019",
            "13-1-2020",
            "31/13/2020",
            "2024-06-27x",
        ] {
            out.push(format!("Dated {d}, and more"));
        }
        for w in [
            "Monday",
            "monday",
            "MONDAY",
            "Monday's",
            "Monday’s",
            "MONDAY'S",
            "Mondays",
            "Tuesday morning",
            "Wednesday   night",
            "Thursday's evening",
            "ſunday",
            "Sunday",
        ] {
            for l in [
                "",
                "on ",
                "late on ",
                "early  on ",
                "last ",
                "Last ",
                "next ",
                "this ",
            ] {
                out.push(format!("It happened {l}{w}, police said."));
            }
        }
        out
    }

    /// Months with every preposition and modifier of `month_alone`, and without.
    fn month_texts() -> Vec<String> {
        let prep = [
            "",
            "in ",
            "In ",
            "IN ",
            "during ",
            "since ",
            "Since ",
            "last ",
            "LAST ",
            "this ",
            "by ",
            "until ",
            "till ",
            "from ",
            "through ",
            "throughout ",
            "of ",
            "laſt ",
            "in  \t",
            "at ",
        ];
        let modifier = [
            "",
            "early ",
            "Early-",
            "late ",
            "mid-",
            "mid ",
            "MID--",
            "the end of ",
            "the  beginning of ",
            "the start of ",
            "The middle of ",
            "the ſtart of ",
        ];
        let month = [
            "March",
            "MARCH",
            "May",
            "June",
            "July",
            "September",
            "Sept",
            "Marchx",
        ];
        let mut out = Vec::new();
        for p in prep {
            for m in modifier {
                for n in month {
                    out.push(format!("Attacks rose {p}{m}{n} and fell."));
                    out.push(format!("{p}{m}{n}, x"));
                }
            }
        }
        out
    }

    #[test]
    fn groups_read_from_words_agree() {
        let p = DATA.patterns.as_ref().unwrap();
        let mut seen = [0usize; 4];
        for text in texts() {
            for c in p.full.re.captures_iter(&text) {
                let whole = c.get(0).unwrap().as_str();
                let g = |n: &str| c.name(n).map(|m| m.as_str());
                let digits = |n: &str| -> Option<u32> {
                    let s = g(n)?;
                    let end = s
                        .bytes()
                        .position(|b| !b.is_ascii_digit())
                        .unwrap_or(s.len());
                    s[..end].parse().ok()
                };
                let month = |n: &str| month_number(g(n)?.trim_end_matches('.'));
                let expected = if g("da").is_some() {
                    NaiveDate::from_ymd_opt(
                        digits("ya").unwrap() as i32,
                        month("ma").unwrap(),
                        digits("da").unwrap(),
                    )
                } else if g("db").is_some() {
                    NaiveDate::from_ymd_opt(
                        digits("yb").unwrap() as i32,
                        month("mb").unwrap(),
                        digits("db").unwrap(),
                    )
                } else if g("iy").is_some() {
                    NaiveDate::from_ymd_opt(
                        digits("iy").unwrap() as i32,
                        digits("im").unwrap(),
                        digits("id").unwrap(),
                    )
                } else {
                    let (a, b) = (digits("na").unwrap(), digits("nb").unwrap());
                    if g("s1") != g("s2") || !(a > 12 || a == b) {
                        None
                    } else {
                        NaiveDate::from_ymd_opt(digits("ny").unwrap() as i32, b, a)
                    }
                };
                assert_eq!(
                    full_date_value(whole),
                    expected,
                    "full: {whole:?} in {text:?}"
                );
                seen[0] += 1;
            }
            for c in p.month_day.re.captures_iter(&text) {
                let whole = c.get(0).unwrap().as_str();
                let (m, d) = if c.name("da").is_some() {
                    ("ma", "da")
                } else {
                    ("mb", "db")
                };
                let day: String = c[d].chars().take_while(char::is_ascii_digit).collect();
                let expected = (
                    month_number(c[m].trim_end_matches('.')),
                    day.parse::<u32>().ok(),
                );
                let (q0, q1) = digit_run(whole).unwrap();
                let got = (
                    month_around_day(whole, q0, q1),
                    digits_value(&whole[q0..q1]),
                );
                assert_eq!(got, expected, "month_day: {whole:?} in {text:?}");
                seen[1] += 1;
            }
            for c in p.weekday.re.captures_iter(&text) {
                let whole = c.get(0).unwrap().as_str();
                let wd = weekday_of_word(&DATA, &c["wd"]);
                let modifier = c.name("mod").map(|m| normalize(m.as_str()));
                let expected = wd.map(|wd| {
                    let moved = ["last", "next"]
                        .into_iter()
                        .find(|x| modifier.as_deref() == Some(*x));
                    (wd, moved)
                });
                assert_eq!(
                    weekday_parts(whole),
                    expected,
                    "weekday: {whole:?} in {text:?}"
                );
                seen[2] += 1;
            }
        }
        for text in month_texts() {
            for c in p.month_alone.re.captures_iter(&text) {
                let whole = c.get(0).unwrap().as_str();
                let expected = if c.name("prep").is_none() && c.name("mod").is_none() {
                    None
                } else {
                    Some((c.name("prep").map(|m| m.as_str()), &c["m"]))
                };
                assert_eq!(
                    month_alone_parts(whole),
                    expected,
                    "month_alone: {whole:?} in {text:?}"
                );
                seen[3] += 1;
            }
        }
        assert!(seen.iter().all(|&n| n > 100), "{seen:?}");
    }

    /// Texts of the other patterns: relative and vague phrases, weekdays with
    /// their modifiers and times of day, spans, rolling windows, "ago", anchors,
    /// years, ranges and months with years, each in several cases and with
    /// separators the patterns allow (spaces, a no-break space, a line break)
    /// and some they do not (a hyphen, `_`), and with the two letters
    /// case-insensitive matching folds onto ASCII ones ("ſ", "K").
    fn phrase_texts() -> Vec<String> {
        let data: &DateData = &DATA;
        let mut phrases: Vec<String> = data.relative.keys().cloned().collect();
        phrases.sort();
        phrases.extend(data.vague.iter().map(|v| v.to_string()));
        for (a, _) in &data.anchors {
            phrases.push(format!("since {a}"));
            phrases.push(format!("in the first two years after {a}"));
            phrases.push(format!("a year since {}", a.replace('\'', "’")));
        }
        let weekdays = [
            "Monday",
            "tuesday",
            "WEDNESDAY",
            "Thursday's",
            "Friday’s",
            "Saturdays",
            "Sunday",
        ];
        for (i, m) in WEEKDAY_MODIFIERS.iter().enumerate() {
            for w in weekdays {
                let time = ["", " night", " Morning", "  evening", " nights"][i % 5];
                phrases.push(format!("{m} {w}{time}"));
            }
        }
        for lead in ROLLING_LEADS {
            for n in ["", "two ", "24 ", "twenty-four ", "few ", "the "] {
                for unit in ROLLING_UNITS {
                    phrases.push(format!("over the {lead} {n}{unit}"));
                    phrases.push(format!("the {lead} {n}{unit} of March"));
                }
            }
        }
        for which in SPAN_WHICH {
            for n in ["", "nine ", "3 ", "half "] {
                for unit in SPAN_UNITS {
                    for of in [
                        "",
                        " of 2022",
                        " of this year",
                        " of the current fiscal year",
                        " of the last  calendar year",
                        " of the match",
                    ] {
                        phrases.push(format!("in the {which} {n}{unit}{of}"));
                    }
                }
            }
        }
        for n in ["two", "a", "an", "24", "twenty-four", "several"] {
            for unit in AGO_UNITS {
                for w in AGO_WORDS {
                    phrases.push(format!("{n} {unit} {w}"));
                }
            }
        }
        for y in ["2023", "1999", "2099", "12023", "2023rd"] {
            for pre in YEAR_PREPOSITIONS
                .iter()
                .chain(&["between", "from", "mid-", "early", "of"])
            {
                phrases.push(format!("{pre} {y}"));
                phrases.push(format!("{pre} 2019 and {y}"));
                phrases.push(format!("{pre} 2019–{y} attacks"));
            }
        }
        for m in ["March", "MARCH", "Sept.", "Sept., ", "mid-June", "May"] {
            for pre in ["", "since ", "since early ", "in ", "By late "] {
                phrases.push(format!("{pre}{m} 2023"));
                phrases.push(format!("{pre}{m}, 2023"));
            }
        }
        let mut out = Vec::new();
        for (i, p) in phrases.iter().enumerate() {
            let cased = match i % 3 {
                0 => p.to_uppercase(),
                1 => {
                    let mut c = p.chars();
                    c.next()
                        .map(|f| f.to_uppercase().chain(c).collect())
                        .unwrap_or_default()
                }
                _ => p.clone(),
            };
            let separated = p.replace(' ', ["\u{a0}", "  ", "\n", "-", "_", " \t"][i % 6]);
            let folded = if i % 2 == 0 {
                p.replacen('s', "ſ", 1)
            } else {
                p.replacen('k', "\u{212a}", 1)
            };
            for v in [p.clone(), cased, separated, folded] {
                out.push(format!("Police said {v}, and more."));
                out.push(v);
            }
        }
        out
    }

    /// The sentences of the sample articles, as the extractor splits them.
    fn article_sentences() -> Vec<String> {
        let folder = concat!(env!("CARGO_MANIFEST_DIR"), "/../../examples/articles");
        let mut paths: Vec<_> = std::fs::read_dir(folder)
            .unwrap()
            .filter_map(|e| e.ok().map(|e| e.path()))
            .filter(|p| p.extension().is_some_and(|x| x == "txt"))
            .collect();
        paths.sort();
        let mut out = Vec::new();
        for path in paths.iter().take(60) {
            let text = std::fs::read_to_string(path).unwrap();
            let cleaned = crate::clean::clean(&text);
            for s in crate::segment::split_sentences(&text, &cleaned.lines) {
                out.push(text[s.span].to_string());
            }
        }
        out
    }

    /// The texts the checks below read.
    fn check_texts() -> Vec<String> {
        let mut out: Vec<String> = texts().into_iter().step_by(7).collect();
        out.extend(month_texts().into_iter().step_by(2));
        out.extend(phrase_texts());
        out.extend(article_sentences());
        // More places of features than a plan keeps.
        let many = [
            "on Monday, Tuesday, last Wednesday and Thursday night",
            "5 June, June 6, the 7th of June and June 8th 2024",
            "yesterday, last night, this year and last week",
            "in 2021, in 2022 and since 2023",
        ];
        for n in [3, 5, 9] {
            out.push(
                many.iter()
                    .cycle()
                    .take(n)
                    .copied()
                    .collect::<Vec<_>>()
                    .join("; "),
            );
        }
        out
    }

    /// The pattern of index `i` ([`FULL`] ... [`VAGUE`]).
    fn pattern(p: &Patterns, i: usize) -> &Regex {
        let pat = match i {
            FULL => &p.full,
            MONTH_DAY => &p.month_day,
            MONTH_YEAR => &p.month_year,
            MONTH_ALONE => &p.month_alone,
            YEAR => &p.year,
            YEAR_RANGE => &p.year_range,
            SPAN => &p.span,
            ROLLING => &p.rolling,
            AGO => &p.ago,
            RELATIVE => &p.relative,
            WEEKDAY => &p.weekday,
            SINCE_ANCHOR => &p.since_anchor,
            YEARS_SINCE_ANCHOR => &p.years_since_anchor,
            _ => &p.vague,
        };
        &pat.re
    }

    /// The checks of [`the_gate_lets_every_match_through`] on one text.
    fn check_gate(p: &Patterns, text: &str) {
        let mut plan = Plan::new();
        if !p.gate.scan(text, &mut plan) {
            // A letter that folds onto an ASCII one: the union decides.
            assert!(has_folding_letter(text.as_bytes()), "{text:?}");
            return;
        }
        assert!(!has_folding_letter(text.as_bytes()), "{text:?}");
        let hits = p.any.matches(text);
        for (i, &feature) in KEYS.iter().enumerate() {
            // A month alone, without its preposition or modifier, makes no mention.
            let matched = if i == MONTH_ALONE {
                hits.matched(MONTH_ALONE_QUALIFIED)
            } else {
                hits.matched(i)
            };
            assert!(
                !matched || plan.on(i),
                "pattern {i} matches {text:?}, the gate says it cannot"
            );
            if !plan.on(i) {
                continue;
            }
            let b = text.as_bytes();
            let lead = p.gate.lead[i];
            let last = usize::from(plan.last_set[feature.trailing_zeros() as usize]);
            for m in pattern(p, i).find_iter(text) {
                if i == MONTH_ALONE && month_alone_parts(m.as_str()).is_none() {
                    continue;
                }
                // The place of its feature the search starts from and stops after.
                assert!(
                    last >= m.start(),
                    "pattern {i}: {:?} of {text:?} past the last place",
                    m.as_str()
                );
                if plan.keys_complete {
                    let held = plan.keys[..plan.key_count].iter().any(|&(at, f)| {
                        let at = usize::from(at);
                        Features::from(f) & feature != 0
                            && (m.start()..m.end()).contains(&at)
                            && words_back(b, at, lead) <= m.start()
                    });
                    assert!(
                        held,
                        "pattern {i}: {:?} of {text:?} holds no place of its feature",
                        m.as_str()
                    );
                }
            }
        }
        if plan.on == 0 {
            // Nothing then but months alone.
            assert!(
                hits.iter().all(|i| i == MONTH_ALONE),
                "{text:?}: {:?}",
                hits.iter().collect::<Vec<_>>()
            );
        }
    }

    /// The gate never turns away a text that a pattern matches (where it
    /// finds nothing, the union of the patterns finds nothing but months
    /// alone), and every match holds a place of its pattern's feature no more
    /// than the pattern's lead of words after its start.
    #[test]
    fn the_gate_lets_every_match_through() {
        let p = DATA.patterns.as_ref().unwrap();
        let texts = check_texts();
        assert!(texts.len() > 10_000);
        for text in &texts {
            check_gate(p, text);
        }
    }

    /// Where a pattern matched by hand starts a match, its pattern starts the
    /// same one there, and nowhere else.
    #[test]
    fn plain_words_match_as_their_patterns() {
        let p = DATA.patterns.as_ref().unwrap();
        let plain = p.plain.as_ref().unwrap();
        let mut matched = [0usize; 3];
        for text in check_texts() {
            if has_folding_letter(text.as_bytes()) {
                continue;
            }
            let b = text.as_bytes();
            let mut at = 0;
            while let Some(s) = word_start_from(b, at) {
                at = s + 1;
                let found = |re: &Regex| re.find_at(&text, s).filter(|m| m.start() == s);
                let relative = found(&p.relative.re);
                assert_eq!(
                    plain.relative_at(&text, s).map(|(e, _)| e),
                    relative.map(|m| m.end()),
                    "{text:?} at {s}"
                );
                if let (Some((_, row)), Some(m)) = (plain.relative_at(&text, s), relative) {
                    let expected = DATA.relative.get(&normalize(m.as_str())).unwrap();
                    assert_eq!(
                        (row.unit, row.offset, row.period),
                        (expected.unit, expected.offset, expected.period)
                    );
                    matched[0] += 1;
                }
                let vague = found(&p.vague.re);
                assert_eq!(
                    plain.vague_at(&text, s).map(|(e, _)| e),
                    vague.map(|m| m.end()),
                    "{text:?} at {s}"
                );
                matched[1] += usize::from(vague.is_some());
                let weekday = found(&p.weekday.re);
                let by_hand = plain.weekday_at(&text, s);
                assert_eq!(
                    by_hand.map(|(e, _)| e),
                    weekday.map(|m| m.end()),
                    "{text:?} at {s}"
                );
                if let (Some((_, w)), Some(m)) = (by_hand, weekday) {
                    assert_eq!(
                        Some((w.weekday, w.modifier)),
                        weekday_parts(m.as_str()),
                        "{text:?}"
                    );
                    matched[2] += 1;
                }
            }
        }
        assert!(matched.iter().all(|&n| n > 100), "{matched:?}");
    }

    /// The parts of `month_year`, `year`, `rolling`, `ago`, `since_anchor` and
    /// `span` matches read from their words are those of their groups.
    #[test]
    fn more_groups_read_from_words_agree() {
        let p = DATA.patterns.as_ref().unwrap();
        let mut seen = [0usize; 6];
        fn g<'t>(c: &regex::Captures<'t>, n: &str) -> Option<&'t str> {
            c.name(n).map(|m| m.as_str())
        }
        for text in check_texts() {
            for c in p.month_year.re.captures_iter(&text) {
                let expected = (
                    month_number(g(&c, "m").unwrap()).unwrap(),
                    g(&c, "y").unwrap().parse::<i32>().unwrap(),
                    g(&c, "prep").is_some_and(|p| p.eq_ignore_ascii_case("since")),
                );
                assert_eq!(month_year_parts(&c[0]), Some(expected), "{text:?}");
                seen[0] += 1;
            }
            for c in p.year.re.captures_iter(&text) {
                let expected = (
                    g(&c, "y").unwrap().parse::<i32>().unwrap(),
                    g(&c, "prep").is_some_and(|p| p.eq_ignore_ascii_case("since")),
                );
                assert_eq!(year_parts(&c[0]), Some(expected), "{text:?}");
                seen[1] += 1;
            }
            for c in p.rolling.re.captures_iter(&text) {
                let expected = (g(&c, "n"), g(&c, "unit").unwrap());
                assert_eq!(rolling_parts(&c[0]), Some(expected), "{text:?}");
                seen[2] += 1;
            }
            for c in p.ago.re.captures_iter(&text) {
                let expected = (g(&c, "n").unwrap(), g(&c, "unit").unwrap());
                assert_eq!(ago_parts(&c[0]), Some(expected), "{text:?}");
                seen[3] += 1;
            }
            for c in p.since_anchor.re.captures_iter(&text) {
                assert_eq!(anchor_words(&c[0]), g(&c, "anchor"), "{text:?}");
                seen[4] += 1;
            }
            // `span` is read from its words only where the gate takes the text.
            if has_folding_letter(text.as_bytes()) {
                continue;
            }
            for c in p.span.re.captures_iter(&text) {
                let parts = span_parts(&c[0]).unwrap();
                assert_eq!(
                    (Some(parts.which), parts.n, Some(parts.unit), parts.of),
                    (g(&c, "which"), g(&c, "n"), g(&c, "unit"), g(&c, "of")),
                    "{text:?}"
                );
                seen[5] += 1;
            }
        }
        assert!(seen.iter().all(|&n| n > 20), "{seen:?}");
    }

    /// The two assumptions about Unicode of the gate and the matching by hand:
    /// case-insensitive matching folds only "ſ" and "K" onto ASCII letters,
    /// and `\s` is `char::is_whitespace`.
    #[test]
    fn only_two_letters_fold_and_spaces_are_whitespace() {
        let all: String = (0..=0x10_FFFFu32).filter_map(char::from_u32).collect();
        let non_ascii = all.trim_start_matches(|c: char| c.is_ascii());
        let folding: Vec<char> = Regex::new("(?i)[a-z]")
            .unwrap()
            .find_iter(non_ascii)
            .flat_map(|m| m.as_str().chars())
            .collect();
        assert_eq!(folding, ['\u{17f}', '\u{212a}']);
        let spaces: Vec<char> = Regex::new(r"\s")
            .unwrap()
            .find_iter(&all)
            .flat_map(|m| m.as_str().chars())
            .collect();
        let whitespace: Vec<char> = all.chars().filter(|c| c.is_whitespace()).collect();
        assert_eq!(spaces, whitespace);
    }

    /// What [`find_dates`] gives with every pattern searched from the start to
    /// the end, as the union of the patterns says which match.
    fn dates_by_union(text: &str, reference: Option<ReferenceDate>) -> Vec<DateMention> {
        let p = DATA.patterns.as_ref().unwrap();
        let plan = Plan::from_union(p, text);
        dates_by_plan(
            &DATA,
            p,
            text,
            reference.and_then(RefCtx::new).as_ref(),
            &plan,
        )
    }

    fn references() -> [Option<ReferenceDate>; 4] {
        let d = NaiveDate::from_ymd_opt(2024, 6, 27).unwrap();
        [
            None,
            Some(ReferenceDate::day(d)),
            Some(ReferenceDate {
                date: d,
                precision: PublishedPrecision::Month,
            }),
            Some(ReferenceDate {
                date: d,
                precision: PublishedPrecision::Year,
            }),
        ]
    }

    /// [`find_dates`] (the gate, the matching by hand, each search from the
    /// earliest place and up to the last) finds what the patterns searched
    /// through every text find.
    #[test]
    fn finds_what_the_union_of_the_patterns_finds() {
        let mut found = 0;
        for text in check_texts() {
            for reference in references() {
                let dates = find_dates(&text, reference);
                assert_eq!(
                    dates,
                    dates_by_union(&text, reference),
                    "{text:?} {reference:?}"
                );
                found += dates.len();
            }
        }
        assert!(found > 10_000, "{found}");
    }

    /// Texts with more places of features than a plan keeps are searched
    /// without the places past them.
    #[test]
    fn plans_of_many_places_are_incomplete() {
        let p = DATA.patterns.as_ref().unwrap();
        let text = "on Monday, Tuesday, last Wednesday and Thursday night; ".repeat(5);
        let mut plan = Plan::new();
        assert!(p.gate.scan(&text, &mut plan));
        assert!(!plan.keys_complete);
        assert_eq!(find_dates(&text, None), dates_by_union(&text, None));
    }

    /// Words and separators of the patterns, for random texts.
    const WORDS: &[&str] = &[
        "on",
        "On",
        "the",
        "of",
        "in",
        "In",
        "since",
        "SINCE",
        "last",
        "past",
        "next",
        "late",
        "early",
        "mid",
        "this",
        "from",
        "between",
        "and",
        "to",
        "first",
        "half",
        "months",
        "month",
        "Month",
        "week",
        "weeks",
        "days",
        "day",
        "year",
        "YEARS",
        "ago",
        "back",
        "two",
        "twenty-four",
        "a",
        "yesterday",
        "Yesterday",
        "night",
        "earlier",
        "recently",
        "recent",
        "Monday",
        "monday",
        "Tue.",
        "Friday's",
        "evening",
        "June",
        "JUNE",
        "june",
        "Sept",
        "Mar",
        "May",
        "may",
        "March",
        "5",
        "27th",
        "05",
        "2024",
        "1999",
        "12023",
        "06",
        "taliban",
        "takeover",
        "Taliban's",
        "end",
        "ceasefire",
        "9",
        "11",
        "fiscal",
        "current",
        "x",
        "Mondays",
        "ſince",
        "wee\u{212a}",
        "Police",
    ];
    const SEPARATORS: &[&str] = &[
        " ", " ", " ", "  ", "\u{a0}", ", ", ". ", "-", "/", "’", "'", "_", "\n", "–", "., ", "",
    ];

    proptest! {
        /// Random texts of the patterns' words: the gate lets every match
        /// through, and [`find_dates`] finds what the union does.
        #[test]
        fn random_texts_are_read_alike(
            words in proptest::collection::vec(0..WORDS.len(), 0..14),
            separators in proptest::collection::vec(0..SEPARATORS.len(), 14),
        ) {
            let mut text = String::new();
            for (w, s) in words.iter().zip(&separators) {
                text.push_str(WORDS[*w]);
                text.push_str(SEPARATORS[*s]);
            }
            let p = DATA.patterns.as_ref().unwrap();
            check_gate(p, &text);
            for reference in references() {
                prop_assert_eq!(find_dates(&text, reference), dates_by_union(&text, reference), "{:?}", text);
            }
        }
    }
}
