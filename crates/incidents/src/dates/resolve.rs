//! Resolution: each pattern's match read into a [`DateMention`], resolved
//! against the reference.

use super::*;

/// The reference as a span: its first and last possible day.
#[derive(Debug, Clone, Copy)]
pub(super) struct RefCtx {
    pub(super) first: NaiveDate,
    pub(super) last: NaiveDate,
    pub(super) precision: PublishedPrecision,
}

impl RefCtx {
    pub(super) fn new(r: ReferenceDate) -> Option<RefCtx> {
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

pub(super) fn year_start(y: i32) -> Option<NaiveDate> {
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

pub(super) fn mention(c: &Caps<'_>) -> Option<DateMention> {
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

pub(super) fn num(c: &Caps<'_>, name: G) -> Option<u32> {
    let s = c.name(name)?.as_str();
    let digits = s
        .bytes()
        .position(|b| !b.is_ascii_digit())
        .unwrap_or(s.len());
    s.get(..digits)?.parse().ok()
}

pub(super) fn group_month(c: &Caps<'_>, name: G) -> Option<u32> {
    month_number(c.name(name)?.as_str().trim_end_matches('.'))
}

pub(super) fn group_weekday(c: &Caps<'_>, name: G) -> Option<Weekday> {
    weekday_of_word(&DATA, c.name(name)?.as_str())
}

/// The weekday of a word of the weekday table, in any case.
pub(super) fn weekday_of_word(data: &DateData, word: &str) -> Option<Weekday> {
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
pub(super) fn digit_run(s: &str) -> Option<(usize, usize)> {
    let b = s.as_bytes();
    let p = b.iter().position(u8::is_ascii_digit)?;
    let q = b[p..]
        .iter()
        .position(|c| !c.is_ascii_digit())
        .map_or(b.len(), |n| p + n);
    Some((p, q))
}

/// The value of `s`, all ASCII digits (as `num` reads a group of them).
pub(super) fn digits_value(s: &str) -> Option<u32> {
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
pub(super) fn month_around_day(words: &str, p: usize, q: usize) -> Option<u32> {
    let after = without_suffix(words.get(q..)?);
    let word = if after.is_empty() {
        last_word(words.get(..p)?.trim_end())
    } else {
        last_word(words)
    };
    month_number(word.trim_end_matches('.'))
}

/// "June 27, 2024", "27 June 2024", "2024-06-27", "27/06/2024".
pub(super) fn full_date(found: regex::Match<'_>) -> Option<DateMention> {
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
pub(super) fn full_date_value(words: &str) -> Option<NaiveDate> {
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
pub(super) fn month_day(found: regex::Match<'_>, ctx: Option<&RefCtx>) -> Option<DateMention> {
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
pub(super) fn month_year(found: Span<'_>, ctx: Option<&RefCtx>) -> Option<DateMention> {
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
pub(super) fn month_year_parts(words: &str) -> Option<(u32, i32, bool)> {
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
pub(super) fn year_parts(words: &str) -> Option<(i32, bool)> {
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
pub(super) fn month_alone(found: regex::Match<'_>, ctx: Option<&RefCtx>) -> Option<DateMention> {
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
pub(super) fn month_alone_parts(words: &str) -> Option<(Option<&str>, &str)> {
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
pub(super) fn year(text: &str, whole: Span<'_>, ctx: Option<&RefCtx>) -> Option<DateMention> {
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
pub(super) fn year_range(c: &Caps<'_>) -> Option<DateMention> {
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
pub(super) fn span_of_year(text: &str, c: &Caps<'_>, ctx: Option<&RefCtx>) -> Option<DateMention> {
    let parts = SpanParts {
        which: c.name(G::Which)?.as_str(),
        n: c.name(G::N).map(|n| n.as_str()),
        unit: c.name(G::Unit)?.as_str(),
        of: c.name(G::Of).map(|o| o.as_str()),
    };
    span_of_parts(text, c.get(0)?, &parts, ctx)
}

/// The groups of a `span` match.
pub(super) struct SpanParts<'a> {
    pub(super) which: &'a str,
    pub(super) n: Option<&'a str>,
    pub(super) unit: &'a str,
    pub(super) of: Option<&'a str>,
}

/// The groups of a `span` match read from its words, for texts where the
/// pattern's case-insensitive words are in ASCII ([`Plan::ascii_case`]):
/// `[preposition\s+]the\s+which\s+[count\s+]unit[\s+of\s+tail]`, each word
/// bounded by whitespace. The count is there when the words read so, as the
/// pattern tries it first; the tail is a year or "this", "last", "the", "the
/// current", "the previous", "the present" or "the last", then "calendar" or
/// "fiscal" or nothing, then "year".
pub(super) fn span_parts(words: &str) -> Option<SpanParts<'_>> {
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
pub(super) fn span_of_parts(
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
pub(super) fn back(d: NaiveDate, n: u32, unit_word: &str) -> Option<NaiveDate> {
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
pub(super) fn rolling(text: &str, whole: Span<'_>, ctx: Option<&RefCtx>) -> Option<DateMention> {
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
pub(super) fn rolling_parts(words: &str) -> Option<(Option<&str>, &str)> {
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
pub(super) fn ago(found: Span<'_>, ctx: Option<&RefCtx>) -> Option<DateMention> {
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
pub(super) fn relative(
    data: &DateData,
    found: Span<'_>,
    ctx: Option<&RefCtx>,
) -> Option<DateMention> {
    let mut buf = [0u8; 64];
    let row = match normalize_into(found.as_str(), &mut buf) {
        Some(key) => *data.relative.get(key)?,
        None => *data.relative.get(&normalize(found.as_str()))?,
    };
    relative_of(found, row, ctx)
}

/// [`relative`] of a match whose row is known.
pub(super) fn relative_of(
    found: Span<'_>,
    row: RelativeRow,
    ctx: Option<&RefCtx>,
) -> Option<DateMention> {
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
pub(super) fn weekday(found: Span<'_>, ctx: Option<&RefCtx>) -> Option<DateMention> {
    let (wd, modifier) = weekday_parts(found.as_str())?;
    weekday_of(found, wd, modifier, ctx)
}

/// [`weekday`] of a match whose weekday and modifier are known.
pub(super) fn weekday_of(
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
pub(super) fn weekday_parts(words: &str) -> Option<(Weekday, Option<&'static str>)> {
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
pub(super) fn since_anchor(
    data: &DateData,
    found: Span<'_>,
    ctx: Option<&RefCtx>,
) -> Option<DateMention> {
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
pub(super) fn ago_parts(words: &str) -> Option<(&str, &str)> {
    let mut words = words.split_whitespace();
    Some((words.next()?, words.next()?))
}

/// The anchor of the words of a `since_anchor` match: the words after the
/// first ("since" in any case, which may be longer than five bytes where a
/// letter folds onto "s") and the whitespace after it.
pub(super) fn anchor_words(words: &str) -> Option<&str> {
    let (_, anchor) = words.split_once(char::is_whitespace)?;
    Some(anchor.trim_start())
}

/// "in a single year since the Taliban takeover": a span counted from the anchor.
pub(super) fn years_since_anchor(data: &DateData, c: &Caps<'_>) -> Option<DateMention> {
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
pub(super) fn vague(text: &str, whole: Span<'_>) -> Option<DateMention> {
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
pub(super) fn longest_first(mut found: Vec<DateMention>) -> Vec<DateMention> {
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
