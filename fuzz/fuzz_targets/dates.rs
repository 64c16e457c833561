//! The date reader (`incidents::dates`) and its relative-date resolution.
//!
//! Input: five header bytes, then the text (made text the way the extractor
//! makes a file text: invalid UTF-8 replaced by U+FFFD). The header picks the
//! reference date: its precision (day, month, year, unknown), and a day either
//! in 1990-2040 (what callers pass) or within 65,536 days of the first or last
//! date chrono can represent (what a careless caller may pass); and the month,
//! day and weekday given to the calendar helpers. Inputs shorter than the header
//! are read as text with no reference.
//!
//! Checks, with no reference and with the fuzzed one: mentions inside the text
//! on character boundaries, in order and not overlapping, periods that end on or
//! after they start, the same mentions on a second reading; and the helpers'
//! own promises (a weekday on or before the reference and less than a week
//! before it, the first of the month asked for, a year in which the day falls on
//! the weekday asked for).

#![no_main]

use chrono::{Datelike, Days, Months, NaiveDate, Weekday};
use incidents::dates::{
    find_dates, find_reference_date, month_number, recent_month, weekday_on_or_before,
    year_of_weekday, ReferenceDate,
};
use incidents::PublishedPrecision;
use libfuzzer_sys::fuzz_target;

const HEADER: usize = 5;

fuzz_target!(|data: &[u8]| {
    let (reference, header, body) = match data.split_first_chunk::<HEADER>() {
        Some((header, body)) => (reference(header), Some(header), body),
        None => (None, None, data),
    };
    let text = String::from_utf8_lossy(body);

    for r in [None, reference] {
        let found = find_dates(&text, r);
        let mut last_end = 0;
        for m in &found {
            assert!(m.start < m.end && m.end <= text.len(), "{m:?}");
            assert!(
                text.is_char_boundary(m.start) && text.is_char_boundary(m.end),
                "{m:?}"
            );
            assert!(m.start >= last_end, "overlap or disorder: {found:?}");
            last_end = m.end;
            if let (Some(a), Some(b)) = (m.date, m.period_end) {
                assert!(a <= b, "{m:?}");
            }
        }
        assert_eq!(found, find_dates(&text, r), "a second reading differs");
    }
    if let Some(r) = find_reference_date(&text) {
        assert_ne!(r.precision, PublishedPrecision::Unknown, "{r:?}");
    }
    for word in text.split(|c: char| !c.is_alphanumeric()) {
        if let Some(m) = month_number(word) {
            assert!((1..=12).contains(&m), "{word:?} -> {m}");
        }
    }

    if let (Some(r), Some(h)) = (reference, header) {
        helpers(r.date, h);
    }
});

/// The reference date the header asks for, `None` when it asks for none.
fn reference(h: &[u8; HEADER]) -> Option<ReferenceDate> {
    let precision = match h[0] & 3 {
        0 => PublishedPrecision::Day,
        1 => PublishedPrecision::Month,
        2 => PublishedPrecision::Year,
        _ => PublishedPrecision::Unknown,
    };
    let offset = u64::from(u16::from_le_bytes([h[1], h[2]]));
    let date = match (h[0] >> 2) & 7 {
        0 => return None,
        // Edges of chrono's calendar: resolution must not step off them.
        6 => NaiveDate::MIN.checked_add_days(Days::new(offset))?,
        7 => NaiveDate::MAX.checked_sub_days(Days::new(offset))?,
        _ => NaiveDate::from_ymd_opt(1990, 1, 1)?.checked_add_days(Days::new(offset % 18_628))?,
    };
    Some(ReferenceDate { date, precision })
}

fn helpers(date: NaiveDate, h: &[u8; HEADER]) {
    let weekday = Weekday::try_from(h[3] % 7).unwrap_or(Weekday::Mon);
    let on_or_before = weekday_on_or_before(date, weekday);
    assert!(on_or_before <= date, "{date} {weekday} -> {on_or_before}");
    // Near chrono's first day there may be no such weekday before: the
    // reference itself comes back.
    if on_or_before != date || date.weekday() == weekday {
        assert_eq!(on_or_before.weekday(), weekday, "{date} {weekday}");
        assert!((date - on_or_before).num_days() < 7, "{date} {weekday}");
    }

    let month = u32::from(h[3] >> 4) % 13 + 1; // 1..=13: one month that is none
    let strict = h[4] & 0x80 != 0;
    if let Some(first) = recent_month(date, month, strict) {
        assert_eq!((first.month(), first.day()), (month, 1), "{date} {month}");
        let this_month = date.with_day(1).unwrap_or(date);
        if strict {
            assert!(first < this_month, "{date} {month} strict -> {first}");
        } else {
            assert!(first <= this_month, "{date} {month} -> {first}");
        }
        // Within the twelve months before (strict) or up to the reference month.
        let year_back = this_month.checked_sub_months(Months::new(12));
        assert!(
            year_back.is_none_or(|b| first >= b),
            "{date} {month} -> {first}"
        );
    } else {
        assert!(
            month > 12 || date.year() <= NaiveDate::MIN.year() + 1,
            "{date} {month}"
        );
    }

    let day = u32::from(h[4] & 0x1f) + 1; // 1..=32
    let min_year = (h[4] & 0x40 != 0).then_some(date.year());
    if let Some(y) = year_of_weekday(month, day, weekday, min_year) {
        let fixed = NaiveDate::from_ymd_opt(y, month, day);
        assert_eq!(
            fixed.map(|d| d.weekday()),
            Some(weekday),
            "{month}/{day} {y}"
        );
        if let Some(min) = min_year {
            assert!(y >= min, "{month}/{day} {weekday} from {min} -> {y}");
        }
    }
}
