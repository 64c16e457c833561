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
pub fn find_dates(text: &str, reference: Option<ReferenceDate>) -> Vec<DateMention> {
    let data: &DateData = &DATA;
    let ctx = reference.and_then(RefCtx::new);
    let mut found: Vec<DateMention> = Vec::new();
    let Some(p) = &data.patterns else {
        return found;
    };
    let mut push = |m: Option<DateMention>| {
        if let Some(m) = m {
            found.push(m);
        }
    };
    // One pass of all the patterns together says which of them match the text at
    // all; most sentences name no date, and each pattern run alone costs a scan.
    // Whether any matches at all stops at the first match, a quicker scan than
    // the one that says which.
    if !p.any.is_match(text) {
        return found;
    }
    let hits = p.any.matches(text);
    let on = |i: usize| hits.matched(i);
    if on(FULL) {
        for c in p.full.re.find_iter(text) {
            push(full_date(c));
        }
    }
    if on(MONTH_DAY) {
        for c in p.month_day.re.find_iter(text) {
            push(month_day(c, ctx.as_ref()));
        }
    }
    if on(MONTH_YEAR) {
        let mut it = p.month_year.captures(text);
        while let Some(c) = it.next() {
            push(month_year(&c, ctx.as_ref()));
        }
    }
    if on(MONTH_ALONE) && on(MONTH_ALONE_QUALIFIED) {
        for c in p.month_alone.re.find_iter(text) {
            push(month_alone(c, ctx.as_ref()));
        }
    }
    if on(YEAR) {
        let mut it = p.year.captures(text);
        while let Some(c) = it.next() {
            push(year(text, &c, ctx.as_ref()));
        }
    }
    if on(YEAR_RANGE) {
        let mut it = p.year_range.captures(text);
        while let Some(c) = it.next() {
            push(year_range(&c));
        }
    }
    if on(SPAN) {
        let mut it = p.span.captures(text);
        while let Some(c) = it.next() {
            push(span_of_year(text, &c, ctx.as_ref()));
        }
    }
    if on(ROLLING) {
        let mut it = p.rolling.captures(text);
        while let Some(c) = it.next() {
            push(rolling(text, &c, ctx.as_ref()));
        }
    }
    if on(AGO) {
        let mut it = p.ago.captures(text);
        while let Some(c) = it.next() {
            push(ago(&c, ctx.as_ref()));
        }
    }
    if on(RELATIVE) {
        let mut it = p.relative.captures(text);
        while let Some(c) = it.next() {
            push(relative(data, &c, ctx.as_ref()));
        }
    }
    if on(WEEKDAY) {
        for c in p.weekday.re.find_iter(text) {
            push(weekday(c, ctx.as_ref()));
        }
    }
    if on(SINCE_ANCHOR) {
        let mut it = p.since_anchor.captures(text);
        while let Some(c) = it.next() {
            push(since_anchor(data, &c, ctx.as_ref()));
        }
    }
    if on(YEARS_SINCE_ANCHOR) {
        let mut it = p.years_since_anchor.captures(text);
        while let Some(c) = it.next() {
            push(years_since_anchor(data, &c));
        }
    }
    if on(VAGUE) {
        let mut it = p.vague.captures(text);
        while let Some(c) = it.next() {
            push(vague(text, &c));
        }
    }
    longest_first(found)
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
        let mut title = String::with_capacity(word.len());
        for (i, c) in word.chars().enumerate() {
            title.push(if i == 0 { c } else { c.to_ascii_lowercase() });
        }
        return data.months.get(title.as_str()).copied();
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

struct Patterns {
    /// Every pattern below, in the order of the index constants above, and the
    /// qualified form of `month_alone` (see [`MONTH_ALONE_QUALIFIED`]).
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
    relative: WordMap<String, RelativeRow>,
    vague: Vec<&'static str>,
    anchors: Vec<(&'static str, NaiveDate)>,
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

/// A data phrase as a regex: words joined by any whitespace, either apostrophe.
fn phrase_regex(phrase: &str) -> String {
    phrase
        .split_whitespace()
        .map(|w| regex::escape(w).replace('\'', "['’]"))
        .collect::<Vec<_>>()
        .join(r"\s+")
}

fn alternation<'a>(items: impl IntoIterator<Item = &'a str>, f: impl Fn(&str) -> String) -> String {
    let mut v: Vec<String> = items.into_iter().map(f).collect();
    // Longest first, so that "Sept" is tried before "Sep".
    v.sort_by_key(|s| std::cmp::Reverse(s.len()));
    v.dedup();
    v.join("|")
}

impl DateData {
    fn parse(source: &'static str) -> DateData {
        let mut d = DateData {
            months: WordMap::default(),
            weekdays: WordMap::default(),
            weekday_full: Vec::new(),
            weekday_all: Vec::new(),
            relative: WordMap::default(),
            vague: Vec::new(),
            anchors: Vec::new(),
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
                self.months
                    .keys()
                    .copied()
                    .filter(|m| m.len() > 4 || *m == "May" || *m == "June" || *m == "July"),
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
        let month_year = format!(
            r"{B}(?:(?P<prep>(?i:in|during|since|throughout|from|until|till|by|of))\s+)?(?:(?i:early|mid|late)[-\s]+)?(?P<m>{month})\.?,?\s+(?P<y>{year}){B}"
        );
        let month_prep = r"(?i:in|during|since|last|this|by|until|till|from|through|throughout|of)";
        let month_mod = r"(?i:early|late|mid|the\s+end\s+of|the\s+beginning\s+of|the\s+start\s+of|the\s+middle\s+of)[-\s]+";
        let month_alone = format!(
            r"{B}(?:(?P<prep>{month_prep})\s+)?(?P<mod>{month_mod})?(?P<m>{month_full}){B}"
        );
        // The same with a preposition or a modifier present: only such matches make
        // a mention ([`month_alone`] drops a bare month), so where this finds none,
        // the pattern above need not be run.
        let month_alone_qualified =
            format!(r"{B}(?:{month_prep}\s+(?:{month_mod})?|{month_mod}){month_full}{B}");
        let year_re = format!(
            r"{B}(?P<prep>(?i:in|during|throughout|since|in\s+the\s+year))\s+(?:(?i:early|mid|late)[-\s]+)?(?P<y>{year}){B}"
        );
        let year_range = format!(
            r"{B}(?i:between|from)\s+(?P<y1>{year})\s*(?:and|to|until|till|-|–)\s*(?P<y2>{year}){B}"
        );
        let span = format!(
            r"{B}(?:(?i:in|during|over|for|within|throughout)\s+)?(?i:the)\s+(?P<which>(?i:first|second|third|fourth|last|final))\s+(?:(?P<n>[0-9]{{1,2}}|[A-Za-z]+)\s+)?(?P<unit>(?i:months|month|quarters|quarter|half))(?:\s+(?i:of)\s+(?P<of>{year}|(?i:this|last|the|the\s+current|the\s+previous|the\s+present|the\s+last)\s+(?i:calendar\s+|fiscal\s+)?(?i:year)))?{B}"
        );
        let rolling = format!(
            r"{B}(?:(?i:in|during|over|within|for|throughout|of)\s+)?(?i:the)\s+(?i:last|past|previous|preceding)\s+(?:(?P<n>[0-9]{{1,3}}|[A-Za-z]+(?:-[A-Za-z]+)?)\s+)?(?P<unit>(?i:hours|hour|days|day|weeks|week|fortnight|months|month|years|year|decades|decade)){B}"
        );
        let ago = format!(
            r"{B}(?P<n>[0-9]{{1,3}}|[A-Za-z]+(?:-[A-Za-z]+)?)\s+(?P<unit>(?i:days|day|weeks|week|months|month|years|year))\s+(?i:ago|back){B}"
        );
        let relative_re = format!(r"{B}{relative}{B}");
        let weekday = format!(
            r"{B}(?:(?P<mod>(?i:late\s+on|early\s+on|late|early|on|last|this|next|since|by|until|till|from|before|after))\s+)?(?P<wd>{wd_full})(?:['’]s)?(?:\s+(?i:morning|afternoon|evening|night))?{B}"
        );
        let since_anchor = format!(r"{B}(?i:since)\s+(?P<anchor>{anchors})(?-u:\b|$)");
        let years_since_anchor = format!(
            r"{B}(?:(?i:in|during|within|over)\s+)?(?i:a|one|the)\s+(?:(?i:first|single|full)\s+)?(?:(?P<n>[0-9]{{1,2}}|[A-Za-z]+)\s+)?(?P<unit>(?i:years|year|months|month))\s+(?i:since|after|following)\s+(?P<anchor>{anchors})(?-u:\b|$)"
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
        self.anchors
            .iter()
            .find(|(p, _)| normalize(p) == key)
            .map(|(_, d)| *d)
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
    let word = word.as_bytes();
    // Lower-cased on the stack: no weekday name is near that long, so a longer
    // word is none.
    let mut lower = [0u8; 16];
    let lower = lower.get_mut(..word.len())?;
    lower.copy_from_slice(word);
    lower.make_ascii_lowercase();
    data.weekdays.get(std::str::from_utf8(lower).ok()?).copied()
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
    s.parse().ok()
}

/// The last word of `s`, after its last whitespace (`\s` of the patterns).
fn last_word(s: &str) -> &str {
    s.rsplit(char::is_whitespace).next().unwrap_or(s)
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
fn month_year(c: &Caps<'_>, ctx: Option<&RefCtx>) -> Option<DateMention> {
    let month = group_month(c, G::M)?;
    let y = num(c, G::Y)? as i32;
    let first = NaiveDate::from_ymd_opt(y, month, 1)?;
    let mut m = mention(c)?;
    m.date = Some(first);
    m.precision = DatePrecision::Month;
    m.period_end = last_of_month(first);
    if prep_is(c, "since") {
        m.is_period = true;
        m.relative = true;
        // A reference before the month (a wrong dateline) cannot close the period.
        m.period_end = ctx.map(|x| x.last).filter(|&end| end >= first);
    }
    Some(m)
}

fn prep_is(c: &Caps<'_>, word: &str) -> bool {
    c.name(G::Prep)
        .is_some_and(|p| p.as_str().eq_ignore_ascii_case(word))
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
fn year(text: &str, c: &Caps<'_>, ctx: Option<&RefCtx>) -> Option<DateMention> {
    let whole = c.get(0)?;
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
    let y = num(c, G::Y)? as i32;
    let mut m = mention(c)?;
    m.date = year_start(y);
    m.precision = DatePrecision::Year;
    m.is_period = true;
    if prep_is(c, "since") {
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
    let which = c.name(G::Which)?.as_str().to_ascii_lowercase();
    let unit = c.name(G::Unit)?.as_str().to_ascii_lowercase();
    let of = c.name(G::Of).map(|o| normalize(o.as_str()));
    let whole = c.get(0)?;
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
    let n = match c.name(G::N) {
        Some(n) => Some(count_word(n.as_str())?),
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
    let mut m = mention(c)?;
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
fn rolling(text: &str, c: &Caps<'_>, ctx: Option<&RefCtx>) -> Option<DateMention> {
    let whole = c.get(0)?;
    let rest = text.get(whole.end()..).unwrap_or("").trim_start();
    // "the last week of March" names a part of a month, not a window.
    if rest.get(..3).is_some_and(|p| p.eq_ignore_ascii_case("of ")) {
        return None;
    }
    let unit_word = c.name(G::Unit)?.as_str();
    let unit = unit_of(unit_word)?;
    let n = match c.name(G::N) {
        Some(n) => match count_word(n.as_str()) {
            Some(k) => Some(k),
            // "the past few months": a window of unknown length.
            None if matches!(
                n.as_str().to_ascii_lowercase().as_str(),
                "few" | "several" | "couple"
            ) =>
            {
                None
            }
            None => return None,
        },
        None => Some(1),
    };
    let mut m = mention(c)?;
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

/// "two days ago", "three weeks ago", "five years back".
fn ago(c: &Caps<'_>, ctx: Option<&RefCtx>) -> Option<DateMention> {
    let n_text = c.name(G::N)?.as_str();
    let n = if n_text.eq_ignore_ascii_case("a") || n_text.eq_ignore_ascii_case("an") {
        1
    } else {
        count_word(n_text)?
    };
    let unit_word = c.name(G::Unit)?.as_str();
    let unit = unit_of(unit_word)?;
    let mut m = mention(c)?;
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
fn relative(data: &DateData, c: &Caps<'_>, ctx: Option<&RefCtx>) -> Option<DateMention> {
    let row = *data.relative.get(&normalize(c.get(0)?.as_str()))?;
    let mut m = mention(c)?;
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
fn weekday(found: regex::Match<'_>, ctx: Option<&RefCtx>) -> Option<DateMention> {
    let (wd, modifier) = weekday_parts(found.as_str())?;
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
fn since_anchor(data: &DateData, c: &Caps<'_>, ctx: Option<&RefCtx>) -> Option<DateMention> {
    let date = data.anchor_date(c.name(G::Anchor)?.as_str())?;
    let mut m = mention(c)?;
    m.date = Some(date);
    m.precision = DatePrecision::Day;
    m.is_period = true;
    m.relative = true;
    // A reference before the anchor (a wrong dateline) cannot close the period.
    m.period_end = ctx.map(|x| x.last).filter(|&end| end >= date);
    Some(m)
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
fn vague(text: &str, c: &Caps<'_>) -> Option<DateMention> {
    let whole = c.get(0)?;
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
    mention(c)
}

/// Keeps the longest of overlapping mentions, then orders them by position.
fn longest_first(mut found: Vec<DateMention>) -> Vec<DateMention> {
    found.sort_by(|a, b| {
        (b.end - b.start)
            .cmp(&(a.end - a.start))
            .then(a.start.cmp(&b.start))
    });
    // The mentions kept so far do not overlap, and a sentence holds a few: a
    // look at each costs less than keeping them in a map by start.
    let mut out: Vec<DateMention> = Vec::with_capacity(found.len());
    for m in found {
        if out.iter().any(|t| t.start < m.end && t.end > m.start) {
            continue;
        }
        out.push(m);
    }
    out.sort_by_key(|m| (m.start, m.end));
    out
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
}
