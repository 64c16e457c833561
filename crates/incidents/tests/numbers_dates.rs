//! The number and date readers, as a specification: given this phrase, that value.
//!
//! Each table row reads "in this text, the mention whose words are these has
//! this value". Properties at the end check what must hold for any input.

use chrono::NaiveDate;
use incidents::dates::{
    self, find_dates, find_reference_date, recent_month, weekday_on_or_before, year_of_weekday,
    DateMention, ReferenceDate,
};
use incidents::model::{DatePrecision, PublishedPrecision, Qualifier};
use incidents::numbers::{self, find_numbers, NumberKind};
use proptest::prelude::*;

use NumberKind::{Age, Count, Money, Ordinal, Other, Percent, Time, Year};
use Qualifier::{About, AtLeast, Exact, MoreThan, Nearly, Range, UpTo, Vague};

fn d(y: i32, m: u32, day: u32) -> NaiveDate {
    NaiveDate::from_ymd_opt(y, m, day).expect("valid test date")
}

// ---------------------------------------------------------------------------
// Numbers

struct N {
    text: &'static str,
    words: &'static str,
    value: Option<f64>,
    qualifier: Qualifier,
    low: Option<f64>,
    high: Option<f64>,
    kind: NumberKind,
}

const fn n(
    text: &'static str,
    words: &'static str,
    value: Option<f64>,
    qualifier: Qualifier,
    low: Option<f64>,
    high: Option<f64>,
    kind: NumberKind,
) -> N {
    N {
        text,
        words,
        value,
        qualifier,
        low,
        high,
        kind,
    }
}

#[rustfmt::skip]
const NUMBER_SPEC: &[N] = &[
    // Digits and separators
    n("71 militants were killed", "71", Some(71.0), Exact, None, None, Count),
    n("a crowd of 1,000 people", "1,000", Some(1000.0), Exact, None, None, Count),
    n("12,500 families fled", "12,500", Some(12500.0), Exact, None, None, Count),
    n("some 1,00,000 people were displaced", "some 1,00,000", Some(100000.0), About, None, None, Count),
    n("2.5 million people", "2.5 million", Some(2_500_000.0), Exact, None, None, Count),
    // Words
    n("two soldiers were martyred", "two", Some(2.0), Exact, None, None, Count),
    n("twenty-one policemen", "twenty-one", Some(21.0), Exact, None, None, Count),
    n("twenty one policemen", "twenty one", Some(21.0), Exact, None, None, Count),
    n("one hundred and twenty people", "one hundred and twenty", Some(120.0), Exact, None, None, Count),
    n("two thousand five hundred troops", "two thousand five hundred", Some(2500.0), Exact, None, None, Count),
    n("a hundred villagers", "a hundred", Some(100.0), Exact, None, None, Count),
    n("a dozen militants", "a dozen", Some(12.0), Exact, None, None, Count),
    n("half a dozen houses", "half a dozen", Some(6.0), Exact, None, None, Count),
    n("two dozen troops", "two dozen", Some(24.0), Exact, None, None, Count),
    n("One of the operations led to the death of an army major", "One", Some(1.0), Exact, None, None, Count),
    n("None killed as occupants escape", "None", Some(0.0), Exact, None, None, Count),
    // Vague amounts
    n("dozens of militants", "dozens", None, Vague, Some(24.0), None, Count),
    n("scores of people", "scores of", None, Vague, Some(40.0), None, Count),
    n("claimed killing hundreds of them", "hundreds", None, Vague, Some(200.0), None, Count),
    n("thousands fled", "thousands", None, Vague, Some(2000.0), None, Count),
    n("tens of thousands were displaced", "tens of thousands", None, Vague, Some(20000.0), None, Count),
    n("several others were injured", "several", None, Vague, Some(3.0), None, Count),
    n("several hundred protesters", "several hundred", None, Vague, Some(300.0), None, Count),
    n("a few militants escaped", "a few", None, Vague, Some(2.0), None, Count),
    n("many Chinese nationals", "many", None, Vague, None, None, Count),
    n("numerous attacks", "numerous", None, Vague, None, None, Count),
    n("a number of soldiers", "a number of", None, Vague, None, None, Count),
    // Ranges
    n("5,000 to 6,000 TTP militants", "5,000 to 6,000", None, Range, Some(5000.0), Some(6000.0), Count),
    n("13-17 alleged militants killed", "13-17", None, Range, Some(13.0), Some(17.0), Count),
    n("between 10 and 12 soldiers", "between 10 and 12", None, Range, Some(10.0), Some(12.0), Count),
    n("10 or 12 civilians", "10 or 12", None, Range, Some(10.0), Some(12.0), Count),
    n("five or six gunmen", "five or six", None, Range, Some(5.0), Some(6.0), Count),
    n("up to 4-5 killed", "up to 4-5", None, Range, Some(4.0), Some(5.0), Count),
    n("5 to 6 million people", "5 to 6 million", None, Range, Some(5_000_000.0), Some(6_000_000.0), Count),
    // Qualifiers
    n("at least 20 TTP fighters", "at least 20", Some(20.0), AtLeast, Some(20.0), None, Count),
    n("no fewer than 9 soldiers", "no fewer than 9", Some(9.0), AtLeast, Some(9.0), None, Count),
    n("more than 71 Khawarij", "more than 71", Some(71.0), MoreThan, Some(72.0), None, Count),
    n("over 450 people", "over 450", Some(450.0), MoreThan, Some(451.0), None, Count),
    n("above 100 houses", "above 100", Some(100.0), MoreThan, Some(101.0), None, Count),
    n("in excess of 300 fighters", "in excess of 300", Some(300.0), MoreThan, Some(301.0), None, Count),
    n("more than a dozen soldiers", "more than a dozen", Some(12.0), MoreThan, Some(13.0), None, Count),
    n("nearly 30 terrorists", "nearly 30", Some(30.0), Nearly, None, Some(30.0), Count),
    n("almost 350 soldiers", "almost 350", Some(350.0), Nearly, None, Some(350.0), Count),
    n("close to 40 people", "close to 40", Some(40.0), Nearly, None, Some(40.0), Count),
    n("just under 500 attacks", "just under 500", Some(500.0), Nearly, None, Some(500.0), Count),
    n("about 700 violent incidents", "about 700", Some(700.0), About, None, None, Count),
    n("around 50 militants", "around 50", Some(50.0), About, None, None, Count),
    n("approximately 1,000 deaths", "approximately 1,000", Some(1000.0), About, None, None, Count),
    n("some 200 fighters", "some 200", Some(200.0), About, None, None, Count),
    n("roughly 90 people", "roughly 90", Some(90.0), About, None, None, Count),
    n("an estimated 5,000 militants", "an estimated 5,000", Some(5000.0), About, None, None, Count),
    n("up to three other people", "up to three", Some(3.0), UpTo, None, Some(3.0), Count),
    n("as many as 46 civilians", "as many as 46", Some(46.0), UpTo, None, Some(46.0), Count),
    n("10 or more soldiers", "10 or more", Some(10.0), AtLeast, Some(10.0), None, Count),
    // Years
    n("A 2023 report by PIPS", "2023", Some(2023.0), Exact, None, None, Year),
    n("the 2023 Afghanistan earthquake", "2023", Some(2023.0), Exact, None, None, Year),
    n("casualties in 2022 occurred elsewhere", "2022", Some(2022.0), Exact, None, None, Year),
    n("the 2019-20 budget", "2019-20", None, Range, Some(2019.0), Some(2020.0), Year),
    n("the 1990s", "1990s", Some(1990.0), Exact, None, None, Year),
    n("more than 2000 people", "more than 2000", Some(2000.0), MoreThan, Some(2001.0), None, Count),
    n("2000 people were evacuated", "2000", Some(2000.0), Exact, None, None, Count),
    // Money
    n("has invested $62 billion in CPEC", "$62 billion", Some(62e9), Exact, None, None, Money),
    n("a grant of US$5 million", "US$5 million", Some(5e6), Exact, None, None, Money),
    n("Rs5 million compensation", "Rs5 million", Some(5e6), Exact, None, None, Money),
    n("Rs. 10 billion package", "Rs. 10 billion", Some(1e10), Exact, None, None, Money),
    n("10 million rupees", "10 million rupees", Some(1e7), Exact, None, None, Money),
    n("a bounty of $5m", "$5m", Some(5e6), Exact, None, None, Money),
    // Percentages
    n("a 65% increase", "65%", Some(65.0), Exact, None, None, Percent),
    n("over 90% of fatalities", "over 90%", Some(90.0), MoreThan, Some(91.0), None, Percent),
    n("65 percent of attacks", "65 percent", Some(65.0), Exact, None, None, Percent),
    n("a 51 per cent rise", "51 per cent", Some(51.0), Exact, None, None, Percent),
    n("a 15pc drop", "15pc", Some(15.0), Exact, None, None, Percent),
    // Ages
    n("the victim, aged 24, was", "24", Some(24.0), Exact, None, None, Age),
    n("a 35-year-old policeman", "35", Some(35.0), Exact, None, None, Age),
    n("Ali Khan (24) was shot", "24", Some(24.0), Exact, None, None, Age),
    n("two shopkeepers, aged 45 and 52, were", "52", Some(52.0), Exact, None, None, Age),
    n("three guards, aged 19, 22 and 30, died", "22", Some(22.0), Exact, None, None, Age),
    // Times and durations
    n("at 10:30 on Monday", "10:30", Some(10.0), Exact, None, None, Time),
    n("at 9pm", "9pm", Some(9.0), Exact, None, None, Time),
    n("at 9 a.m. local time", "9", Some(9.0), Exact, None, None, Time),
    n("clashes lasted two days", "two", Some(2.0), Exact, None, None, Time),
    n("in the first nine months", "nine", Some(9.0), Exact, None, None, Time),
    n("within 24 hours", "24", Some(24.0), Exact, None, None, Time),
    n("for three weeks", "three", Some(3.0), Exact, None, None, Time),
    n("a 24-hour curfew", "24", Some(24.0), Exact, None, None, Time),
    n("a few hours later", "a few", None, Vague, Some(2.0), None, Time),
    // Ordinals
    n("the first drone strike", "first", Some(1.0), Exact, None, None, Ordinal),
    n("the third attack this week", "third", Some(3.0), Exact, None, None, Ordinal),
    n("the 3rd battalion", "3rd", Some(3.0), Exact, None, None, Ordinal),
    n("the 21st century", "21st", Some(21.0), Exact, None, None, Ordinal),
    n("the twenty-first attack", "twenty-first", Some(21.0), Exact, None, None, Ordinal),
    // Other: distances, day numbers of dates, ids
    n("10 km from the border", "10", Some(10.0), Exact, None, None, Other),
    n("about 40 kilometres away", "about 40", Some(40.0), About, None, None, Other),
    n("on June 27, the minister said", "27", Some(27.0), Exact, None, None, Other),
    n("on 27 June the minister said", "27", Some(27.0), Exact, None, None, Other),
    n("on 14 May 2024", "14", Some(14.0), Exact, None, None, Other),
    n("on the 5th of May", "5th", Some(5.0), Exact, None, None, Other),
    n("imposed Section 144 in the city", "144", Some(144.0), Exact, None, None, Other),
    n("JF-17 jets", "17", Some(17.0), Exact, None, None, Other),
    n("call 0300-1234567", "0300-1234567", Some(300.0), Exact, None, None, Other),
    n("booked under sections 302 and 324 PPC", "302", Some(302.0), Exact, None, None, Other),
    n("three times as many", "three", Some(3.0), Exact, None, None, Other),
];

#[test]
fn numbers_read_as_specified() {
    let mut failures = Vec::new();
    for case in NUMBER_SPEC {
        let found = find_numbers(case.text);
        let Some(m) = found.iter().find(|m| m.text(case.text) == case.words) else {
            let seen: Vec<_> = found.iter().map(|m| (m.text(case.text), m.kind)).collect();
            failures.push(format!(
                "{:?}: no mention {:?}; found {seen:?}",
                case.text, case.words
            ));
            continue;
        };
        let want = (case.value, case.qualifier, case.low, case.high, case.kind);
        let got = (m.value, m.qualifier, m.low, m.high, m.kind);
        if want != got {
            failures.push(format!(
                "{:?} {:?}: want {want:?}, got {got:?}",
                case.text, case.words
            ));
        }
    }
    assert!(
        failures.is_empty(),
        "{} cases failed:\n{}",
        failures.len(),
        failures.join("\n")
    );
}

#[test]
fn words_inside_words_are_not_numbers() {
    for text in [
        "someone was hurt",
        "they often attack",
        "a conciliatory tone",
        "the tenant",
        "Weightlifting",
    ] {
        assert!(
            find_numbers(text).is_empty(),
            "{text:?}: {:?}",
            find_numbers(text)
        );
    }
}

#[test]
fn pronoun_one_is_not_a_count() {
    for text in [
        "no one was hurt",
        "No one claimed responsibility",
        "they blamed one another",
        "the one who fired",
    ] {
        assert!(
            find_numbers(text).is_empty(),
            "{text:?}: {:?}",
            find_numbers(text)
        );
    }
}

#[test]
fn some_alone_and_qualifier_words_alone_are_not_numbers() {
    for text in [
        "some of the militants",
        "over the border",
        "about the attack",
        "up to the district",
    ] {
        assert!(
            find_numbers(text).is_empty(),
            "{text:?}: {:?}",
            find_numbers(text)
        );
    }
}

#[test]
fn from_to_is_two_numbers_not_a_range() {
    let text = "attacks rose from 50 to 70";
    let found = find_numbers(text);
    let words: Vec<_> = found.iter().map(|m| m.text(text)).collect();
    assert_eq!(words, ["50", "70"]);
    assert!(found.iter().all(|m| m.qualifier == Exact));
}

#[test]
fn a_sentence_gives_each_number_its_kind() {
    let text =
        "Security officials said on June 27, 2024 that 96 soldiers were killed and at least 280 \
                wounded in 2022, a 65% rise, costing Rs5 billion.";
    let kinds: Vec<_> = find_numbers(text)
        .iter()
        .map(|m| (m.text(text).to_string(), m.kind))
        .collect();
    let want: Vec<(String, NumberKind)> = [
        ("27", Other),
        ("2024", Year),
        ("96", Count),
        ("at least 280", Count),
        ("2022", Year),
        ("65%", Percent),
        ("Rs5 billion", Money),
    ]
    .iter()
    .map(|(w, k)| (w.to_string(), *k))
    .collect();
    assert_eq!(kinds, want);
}

#[test]
fn number_data_file_is_sound() {
    assert!(
        numbers::data_problems().is_empty(),
        "{:?}",
        numbers::data_problems()
    );
    assert!(
        dates::data_problems().is_empty(),
        "{:?}",
        dates::data_problems()
    );
}

/// A text far longer than any report (and past the 64 KiB up to which the
/// date finder plans its searches from the words) is read whole: every
/// mention of every repetition, none lost at the size. How the time grows
/// with the input is measured by `make bench` (`x2_time_over_x1_time`), not
/// here: a time limit in a test fails on a busy machine, not on slow code.
#[test]
fn large_text_is_read_whole() {
    let para = "On Tuesday, more than 71 militants and 12,500 others were counted, and twenty-one soldiers \
                were martyred in the last month, a 65% rise since the Taliban takeover. ";
    let repeats = 4_000; // about 680 KB
    let text = para.repeat(repeats);
    let nums = find_numbers(&text);
    let dts = find_dates(&text, Some(ReferenceDate::day(d(2024, 6, 27))));
    assert_eq!(nums.len(), 4 * repeats);
    assert_eq!(dts.len(), 3 * repeats);
    let last = dts.last().expect("dates found");
    assert_eq!(last.text(&text), "since the Taliban takeover");
    assert_eq!(last.end, text.len() - 2);
}

// ---------------------------------------------------------------------------
// Dates

/// The date mention whose words are exactly `words`, in `text`.
fn date_in(text: &str, words: &str, reference: Option<ReferenceDate>) -> DateMention {
    let found = find_dates(text, reference);
    found
        .iter()
        .find(|m| m.text(text) == words)
        .cloned()
        .unwrap_or_else(|| {
            let seen: Vec<_> = found.iter().map(|m| m.text(text)).collect();
            panic!("no date {words:?} in {text:?}; found {seen:?}")
        })
}

struct D {
    text: &'static str,
    words: &'static str,
    date: Option<(i32, u32, u32)>,
    precision: DatePrecision,
    period_end: Option<(i32, u32, u32)>,
    is_period: bool,
}

const fn dt(
    text: &'static str,
    words: &'static str,
    date: Option<(i32, u32, u32)>,
    precision: DatePrecision,
    period_end: Option<(i32, u32, u32)>,
    is_period: bool,
) -> D {
    D {
        text,
        words,
        date,
        precision,
        period_end,
        is_period,
    }
}

use DatePrecision::{Day, Month, Unknown, Week};
const YEAR: DatePrecision = DatePrecision::Year;

/// Every relative case is read against Thursday 27 June 2024.
#[rustfmt::skip]
const DATE_SPEC: &[D] = &[
    // Explicit dates
    dt("PESHAWAR, March 5, 2024: Two soldiers", "March 5, 2024", Some((2024, 3, 5)), Day, Some((2024, 3, 5)), false),
    dt("It happened on 27 June 2024.", "on 27 June 2024", Some((2024, 6, 27)), Day, Some((2024, 6, 27)), false),
    dt("Published: 12 Dec 2023", "12 Dec 2023", Some((2023, 12, 12)), Day, Some((2023, 12, 12)), false),
    dt("Monday, 4 March 2024", "Monday, 4 March 2024", Some((2024, 3, 4)), Day, Some((2024, 3, 4)), false),
    dt("filed 2024-05-14 at noon", "2024-05-14", Some((2024, 5, 14)), Day, Some((2024, 5, 14)), false),
    dt("dated 14-05-2024", "14-05-2024", Some((2024, 5, 14)), Day, Some((2024, 5, 14)), false),
    dt("On May 10, the United States hosted", "On May 10", Some((2024, 5, 10)), Day, Some((2024, 5, 10)), false),
    dt("the raid of March 2023", "of March 2023", Some((2023, 3, 1)), Month, Some((2023, 3, 31)), false),
    // Weekdays
    dt("The strikes came late on Tuesday.", "late on Tuesday", Some((2024, 6, 25)), Day, Some((2024, 6, 25)), false),
    dt("Militants attacked on Monday.", "on Monday", Some((2024, 6, 24)), Day, Some((2024, 6, 24)), false),
    dt("early Friday", "early Friday", Some((2024, 6, 21)), Day, Some((2024, 6, 21)), false),
    dt("Wednesday night's blast", "Wednesday night", Some((2024, 6, 26)), Day, Some((2024, 6, 26)), false),
    dt("on Thursday police said", "on Thursday", Some((2024, 6, 27)), Day, Some((2024, 6, 27)), false),
    dt("last Thursday", "last Thursday", Some((2024, 6, 20)), Day, Some((2024, 6, 20)), false),
    // Days, weeks, months relative to the reference
    dt("Yesterday, a leader said", "Yesterday", Some((2024, 6, 26)), Day, Some((2024, 6, 26)), false),
    dt("the attack last night", "last night", Some((2024, 6, 26)), Day, Some((2024, 6, 26)), false),
    dt("police said today", "today", Some((2024, 6, 27)), Day, Some((2024, 6, 27)), false),
    dt("this morning's raid", "this morning", Some((2024, 6, 27)), Day, Some((2024, 6, 27)), false),
    dt("two days ago", "two days ago", Some((2024, 6, 25)), Day, None, false),
    dt("one of the operations a week ago", "a week ago", Some((2024, 6, 20)), Week, None, false),
    dt("clashes last week", "last week", Some((2024, 6, 20)), Week, None, false),
    dt("earlier this month", "earlier this month", Some((2024, 6, 1)), Month, Some((2024, 6, 30)), false),
    dt("attacks last month", "last month", Some((2024, 5, 1)), Month, Some((2024, 5, 31)), false),
    dt("In March, Pakistan launched airstrikes", "In March", Some((2024, 3, 1)), Month, Some((2024, 3, 31)), false),
    dt("in September the army said", "in September", Some((2023, 9, 1)), Month, Some((2023, 9, 30)), false),
    dt("in June, the attacks", "in June", Some((2024, 6, 1)), Month, Some((2024, 6, 30)), false),
    dt("a U.S. drone strike last July", "last July", Some((2023, 7, 1)), Month, Some((2023, 7, 31)), false),
    dt("in early March", "in early March", Some((2024, 3, 1)), Month, Some((2024, 3, 31)), false),
    // Years and parts of years
    dt("84% of attacks last year", "last year", Some((2023, 1, 1)), YEAR, Some((2023, 12, 31)), true),
    dt("more attacks this year", "this year", Some((2024, 1, 1)), YEAR, Some((2024, 6, 27)), true),
    dt("In 2023, there were approximately 700 incidents", "In 2023", Some((2023, 1, 1)), YEAR, Some((2023, 12, 31)), true),
    dt("during 2022 the toll rose", "during 2022", Some((2022, 1, 1)), YEAR, Some((2022, 12, 31)), true),
    dt("attacks have risen since 2021.", "since 2021", Some((2021, 1, 1)), YEAR, Some((2024, 6, 27)), true),
    dt("between 2019 and 2021", "between 2019 and 2021", Some((2019, 1, 1)), YEAR, Some((2021, 12, 31)), true),
    dt("in the first nine months of 2022", "in the first nine months of 2022", Some((2022, 1, 1)), YEAR, Some((2022, 9, 30)), true),
    dt("in the first nine months of this year", "in the first nine months of this year", Some((2024, 1, 1)), YEAR, Some((2024, 9, 30)), true),
    dt("in the first half of 2024", "in the first half of 2024", Some((2024, 1, 1)), YEAR, Some((2024, 6, 30)), true),
    dt("in the third quarter", "in the third quarter", Some((2024, 7, 1)), YEAR, Some((2024, 9, 30)), true),
    dt("the last three months of 2023", "the last three months of 2023", Some((2023, 10, 1)), YEAR, Some((2023, 12, 31)), true),
    // Rolling windows and anchors
    dt("nearly 30 terrorists in the last month", "in the last month", Some((2024, 5, 27)), Month, Some((2024, 6, 27)), true),
    dt("over the past month", "over the past month", Some((2024, 5, 27)), Month, Some((2024, 6, 27)), true),
    dt("in the past week", "in the past week", Some((2024, 6, 20)), Week, Some((2024, 6, 27)), true),
    dt("in the past 24 hours", "in the past 24 hours", Some((2024, 6, 26)), Day, Some((2024, 6, 27)), true),
    dt("a rise since the Taliban takeover", "since the Taliban takeover", Some((2021, 8, 15)), Day, Some((2024, 6, 27)), true),
    dt("since the Taliban’s takeover of Afghanistan", "since the Taliban’s takeover of Afghanistan", Some((2021, 8, 15)), Day, Some((2024, 6, 27)), true),
    dt("a 51% increase in a single year since the Taliban takeover", "in a single year since the Taliban takeover", Some((2021, 8, 15)), Day, Some((2022, 8, 15)), true),
    // Words that date nothing
    dt("Earlier, Pakistan used drones", "Earlier", None, Unknown, None, false),
    dt("militants recently attacked", "recently", None, Unknown, None, false),
];

#[test]
fn dates_read_as_specified() {
    let reference = Some(ReferenceDate::day(d(2024, 6, 27)));
    let ymd = |t: Option<(i32, u32, u32)>| t.map(|(y, m, day)| d(y, m, day));
    let mut failures = Vec::new();
    for case in DATE_SPEC {
        let found = find_dates(case.text, reference);
        let Some(m) = found.iter().find(|m| m.text(case.text) == case.words) else {
            let seen: Vec<_> = found.iter().map(|m| m.text(case.text)).collect();
            failures.push(format!(
                "{:?}: no date {:?}; found {seen:?}",
                case.text, case.words
            ));
            continue;
        };
        let want = (
            ymd(case.date),
            case.precision,
            ymd(case.period_end),
            case.is_period,
        );
        let got = (m.date, m.precision, m.period_end, m.is_period);
        if want != got {
            failures.push(format!(
                "{:?} {:?}: want {want:?}, got {got:?}",
                case.text, case.words
            ));
        }
    }
    assert!(
        failures.is_empty(),
        "{} cases failed:\n{}",
        failures.len(),
        failures.join("\n")
    );
}

#[test]
fn without_a_reference_relative_dates_keep_their_words_and_precision() {
    let text = "The strikes came late on Tuesday, a week ago, in March and last year.";
    let found = find_dates(text, None);
    let got: Vec<_> = found
        .iter()
        .map(|m| (m.text(text), m.date, m.precision))
        .collect();
    assert_eq!(
        got,
        [
            ("late on Tuesday", None, Day),
            ("a week ago", None, Week),
            ("in March", None, Month),
            ("last year", None, YEAR),
        ]
    );
    let m = date_in(
        "nearly 30 terrorists in the last month",
        "in the last month",
        None,
    );
    assert_eq!((m.date, m.period_end, m.is_period), (None, None, true));
    // Explicit dates and anchored spans need no reference.
    let m = date_in("In 2023, there were 700 incidents", "In 2023", None);
    assert_eq!(m.date, Some(d(2023, 1, 1)));
    let m = date_in(
        "since the Taliban takeover",
        "since the Taliban takeover",
        None,
    );
    assert_eq!((m.date, m.period_end), (Some(d(2021, 8, 15)), None));
}

#[test]
fn a_bare_year_is_not_a_date() {
    for text in [
        "A 2023 report by PIPS",
        "the 2023 earthquake",
        "in 2000 attacks across the country",
    ] {
        let found = find_dates(text, Some(ReferenceDate::day(d(2024, 6, 27))));
        assert!(found.is_empty(), "{text:?}: {found:?}");
    }
}

#[test]
fn may_the_verb_is_not_a_month() {
    let found = find_dates(
        "Militants may attack in may or later",
        Some(ReferenceDate::day(d(2024, 6, 27))),
    );
    assert!(found.is_empty(), "{found:?}");
}

#[test]
fn earlier_after_a_count_is_not_a_vague_date() {
    let found = find_dates("The convoy was hit two days earlier.", None);
    assert!(found.is_empty(), "{found:?}");
}

#[test]
fn ambiguous_numeric_dates_are_left_alone() {
    // 05/06/2024 is 5 June in Pakistan and 6 May in the United States.
    assert!(find_dates("on 05/06/2024", None).is_empty());
}

#[test]
fn a_year_reference_places_months_in_that_year() {
    // A text known only to be from 2022 (from "this year" beside "2022").
    let reference = Some(ReferenceDate {
        date: d(2022, 1, 1),
        precision: PublishedPrecision::Year,
    });
    let m = date_in(
        "his killing in a U.S. drone strike last July",
        "last July",
        reference,
    );
    assert_eq!((m.date, m.precision), (Some(d(2022, 7, 1)), Month));
    let m = date_in("the attack on Monday", "on Monday", reference);
    assert_eq!((m.date, m.precision), (Some(d(2022, 1, 1)), YEAR));
    let m = date_in(
        "killing more than 450 in the first nine months of this year",
        "in the first nine months of this year",
        reference,
    );
    assert_eq!(
        (m.date, m.period_end),
        (Some(d(2022, 1, 1)), Some(d(2022, 9, 30)))
    );
}

#[test]
fn weekday_helpers() {
    use chrono::Weekday;
    // 27 June 2024 is a Thursday.
    assert_eq!(
        weekday_on_or_before(d(2024, 6, 27), Weekday::Thu),
        d(2024, 6, 27)
    );
    assert_eq!(
        weekday_on_or_before(d(2024, 6, 27), Weekday::Fri),
        d(2024, 6, 21)
    );
    assert_eq!(recent_month(d(2024, 6, 27), 6, false), Some(d(2024, 6, 1)));
    assert_eq!(recent_month(d(2024, 6, 27), 6, true), Some(d(2023, 6, 1)));
    assert_eq!(year_of_weekday(6, 27, Weekday::Thu, Some(2023)), Some(2024));
    assert_eq!(year_of_weekday(6, 27, Weekday::Thu, None), Some(2024));
}

// ---------------------------------------------------------------------------
// Reference dates

#[test]
fn reference_from_a_dateline() {
    let text = "PESHAWAR, March 5, 2024: Two soldiers were martyred. The attack recalled one on January 2, 2023.";
    assert_eq!(
        find_reference_date(text),
        Some(ReferenceDate::day(d(2024, 3, 5)))
    );
}

/// A dateline without a year, below a headline, takes the weekday the text names.
#[test]
fn reference_from_a_yearless_dateline_below_a_headline() {
    let text = "Two soldiers martyred in Bannu, officials say\n\
                BANNU, Jan 14: Two soldiers were martyred on Saturday when militants \
                attacked their post, officials said on Saturday.";
    assert_eq!(
        find_reference_date(text),
        Some(ReferenceDate::day(d(2023, 1, 14)))
    );
    // A comma beyond the 48 characters a place may take opens no dateline.
    let far = "BANNU AND THE DISTRICTS AROUND IT IN THE SOUTH OF THE PROVINCE, Jan 14: \
               Two soldiers were martyred on Saturday.";
    assert_eq!(find_reference_date(far), None);
}

#[test]
fn reference_from_a_published_line() {
    let text = "Militants attack post\n\nSome text about it.\nPublished: 12 Dec 2023\nMore words.";
    assert_eq!(
        find_reference_date(text),
        Some(ReferenceDate::day(d(2023, 12, 12)))
    );
}

#[test]
fn reference_is_the_latest_past_date_in_the_body() {
    let filler = "Officials described the security situation at length. ".repeat(10);
    let text = format!(
        "{filler}The first attack came on January 2, 2023 and another on March 9, 2024. \
         Elections will be held on February 8, 2025."
    );
    assert_eq!(
        find_reference_date(&text),
        Some(ReferenceDate::day(d(2024, 3, 9)))
    );
}

#[test]
fn reference_from_a_weekday_and_a_cited_year() {
    let text = "The minister told VOA on Thursday, June 27, that strikes would follow. \
                A 2023 report by PIPS found a 65% increase.";
    assert_eq!(
        find_reference_date(text),
        Some(ReferenceDate::day(d(2024, 6, 27)))
    );
}

#[test]
fn reference_from_a_weekday_alone_is_the_latest_fitting_year() {
    // Thursday 27 June: 2024 is the latest such year up to 2026.
    let text = "The minister spoke on Thursday, June 27, about the attacks.";
    assert_eq!(
        find_reference_date(text),
        Some(ReferenceDate::day(d(2024, 6, 27)))
    );
}

#[test]
fn reference_from_this_year_beside_an_explicit_year() {
    let text =
        "more than 450 people killed in the first nine months of this year. Officials confirmed \
                nearly 350 deaths in the first nine months of 2022.";
    assert_eq!(
        find_reference_date(text),
        Some(ReferenceDate {
            date: d(2022, 1, 1),
            precision: PublishedPrecision::Year
        })
    );
}

#[test]
fn no_reference_from_a_bare_year_or_relative_words() {
    for text in [
        "In 2021, the Taliban took Kabul. Attacks rose last year.",
        "Militants attacked a post on Monday, officials said.",
        "",
    ] {
        assert_eq!(find_reference_date(text), None, "{text:?}");
    }
}

// ---------------------------------------------------------------------------
// Properties

fn check_numbers(text: &str) -> Result<(), TestCaseError> {
    let found = find_numbers(text);
    let mut last_start = 0;
    for m in &found {
        prop_assert!(m.start < m.end && m.end <= text.len());
        prop_assert!(text.is_char_boundary(m.start) && text.is_char_boundary(m.end));
        prop_assert!(m.start >= last_start, "out of order: {found:?}");
        last_start = m.start;
        if let (Some(lo), Some(hi)) = (m.low, m.high) {
            prop_assert!(lo <= hi, "{m:?}");
        }
        if let Some(v) = m.value {
            if let Some(hi) = m.high {
                prop_assert!(v <= hi, "{m:?}");
            }
            if let Some(lo) = m.low {
                // "more than 71": low is 72, one above the stated number.
                let want = if m.qualifier == MoreThan { v + 1.0 } else { v };
                prop_assert!(lo == want || lo <= v, "{m:?}");
            }
        }
        if m.qualifier == Range {
            prop_assert!(m.low.is_some() && m.high.is_some());
        }
    }
    prop_assert_eq!(&found, &find_numbers(text));
    Ok(())
}

fn check_dates(text: &str) -> Result<(), TestCaseError> {
    let reference = Some(ReferenceDate::day(d(2024, 6, 27)));
    for r in [None, reference] {
        let found = find_dates(text, r);
        let mut last_end = 0;
        for m in &found {
            prop_assert!(m.start < m.end && m.end <= text.len());
            prop_assert!(text.is_char_boundary(m.start) && text.is_char_boundary(m.end));
            prop_assert!(m.start >= last_end, "overlap or disorder: {found:?}");
            last_end = m.end;
            if let (Some(a), Some(b)) = (m.date, m.period_end) {
                prop_assert!(a <= b, "{m:?}");
            }
        }
        prop_assert_eq!(&found, &find_dates(text, r));
    }
    let _ = find_reference_date(text);
    Ok(())
}

/// Text built from the words the readers look for, so that the properties
/// exercise the interesting paths and not only noise.
fn newsy() -> impl Strategy<Value = String> {
    let words = prop::sample::select(vec![
        "more", "than", "at", "least", "nearly", "about", "up", "to", "between", "and", "or", "71",
        "1,000", "12,500", "2.5", "million", "twenty", "-", "one", "hundred", "a", "dozen",
        "dozens", "of", "in", "2023", "2019-20", "$", "Rs", ".", "5", "%", "per", "cent", "aged",
        "24", "year", "old", "10:30", "9", "pm", "first", "3rd", "June", "27", ",", "May", "on",
        "Tuesday", "late", "last", "week", "month", "night", "ago", "the", "nine", "months",
        "since", "Taliban", "takeover", "Earlier", "this", "past", "half", "quarter", "third", "(",
        ")", "no", "km", "Peshawar", "—", "’s", "é", "日本", "\n", "0", "00", "+", "/", "2024",
    ]);
    prop::collection::vec((words, prop::bool::ANY), 0..40).prop_map(|ws| {
        let mut s = String::new();
        for (w, joined) in ws {
            if !joined && !s.is_empty() {
                s.push(' ');
            }
            s.push_str(w);
        }
        s
    })
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(400))]

    #[test]
    fn numbers_hold_on_any_string(text in any::<String>()) {
        check_numbers(&text)?;
    }

    #[test]
    fn numbers_hold_on_newsy_text(text in newsy()) {
        check_numbers(&text)?;
    }

    #[test]
    fn dates_hold_on_any_string(text in any::<String>()) {
        check_dates(&text)?;
    }

    #[test]
    fn dates_hold_on_newsy_text(text in newsy()) {
        check_dates(&text)?;
    }
}
