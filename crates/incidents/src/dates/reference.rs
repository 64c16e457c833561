//! The reference date of a document, read from its own text.

use super::*;

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

pub(super) fn explicit_reference(text: &str, p: &Patterns) -> Option<ReferenceDate> {
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

pub(super) fn weekday_reference(text: &str, p: &Patterns) -> Option<ReferenceDate> {
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

pub(super) fn this_year_reference(text: &str, p: &Patterns) -> Option<ReferenceDate> {
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
pub(super) fn dateline_weekday_reference(text: &str) -> Option<ReferenceDate> {
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
