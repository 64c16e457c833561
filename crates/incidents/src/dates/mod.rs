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
//!
//! How the search goes, module by module: `data` reads the word table and
//! builds one pattern for each shape of date; `gate` reads a text's words once
//! and says which patterns can match and where (most sentences name no date,
//! and are left at that); [`find_dates`] runs each pattern the gate lets
//! through, from its first possible place to its last; `hand` matches the
//! patterns that are plain alternations of words without the regex engine;
//! `resolve` turns each match into a [`DateMention`]; `reference` finds a
//! document's own date.

use std::collections::HashMap;
use std::hash::{BuildHasherDefault, Hasher};
use std::sync::LazyLock;

use chrono::{Datelike, Days, Months, NaiveDate, Weekday};
use regex::{CaptureLocations, Regex, RegexSet};

use crate::model::{DatePrecision, PublishedPrecision};

mod data;
mod gate;
mod hand;
mod reference;
mod resolve;

use data::*;
use gate::*;
use hand::*;
use reference::*;
use resolve::*;

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
    // Most texts the gate lets through name no date after all: the vector
    // takes its memory at the first mention (room for four, as it grows).
    let mut found: Vec<DateMention> = Vec::new();
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
/// Finds the date a document was written from its own text, when it can tell.
///
/// In order: (a) an explicit full date in a dateline, a "Published:" line or
/// the opening lines, else the latest explicit full date in the text that is
/// not announced as future; (b) a weekday with a month and day ("on Thursday,
/// June 27"), which fixes the year: the first year at or after the latest year
/// the text mentions, or without one the latest year up to 2026; (c) "`<part>`
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
    // Both ways below look up a key with the first byte and the length of
    // `word`: most words asked about (from the numbers, the words after each
    // number) are ruled out by these, with no hashing.
    let first = *word.as_bytes().first()?;
    let lengths = data.month_lengths >> word.len().min(63) & 1;
    if data.month_firsts[usize::from(first / 64)] >> (first % 64) & 1 == 0 || lengths == 0 {
        return None;
    }
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

#[cfg(test)]
#[allow(clippy::unwrap_used)]
mod tests;
