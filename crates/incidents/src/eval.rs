//! Scoring predictions against gold labels.
//!
//! Two kinds of reference exist. Gold files (the format of `shared/gold`, and
//! the project's own `examples/gold.jsonl`) describe documents, incidents,
//! statistics and negatives fact by fact; [`evaluate`] scores the four tables
//! against them with the matching rules of the gold README. Labelled rows (the
//! development files: one short text and a few labels a line) are scored by
//! [`evaluate_labelled`] on coarser questions: was an incident found at all,
//! are the killed and wounded right, the district, the date.
//!
//! ```
//! use std::collections::HashMap;
//! use incidents::eval::{evaluate, Gold};
//! use incidents::Tables;
//!
//! let gold = Gold::parse(
//!     r#"{"doc": "a", "kind": "negative", "id": "a-x1", "evidence": "talks were held"}"#,
//! )
//! .unwrap();
//! let texts = HashMap::from([("a".to_string(), "On Monday talks were held.".to_string())]);
//! let report = evaluate(&gold, &Tables::default(), &texts);
//! assert_eq!(report.negatives.violated, 0);
//! ```

use std::collections::{BTreeMap, BTreeSet, HashMap};
use std::fmt;

use chrono::{Datelike, NaiveDate};
use serde::{Deserialize, Serialize};

use crate::error::{Error, ErrorKind, Result};
use crate::extractor::Article;
use crate::model::{
    CasualtyRow, DatePrecision, EventType, IncidentRow, Measure, Outcome, PublishedPrecision,
    Qualifier, StatisticRow, Tables, Unit, Victim, Vocabulary,
};

// ---------------------------------------------------------------------------
// Gold
// ---------------------------------------------------------------------------

/// A date as far as it is known: a year, a month of a year, or a day.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
pub struct PartialDate {
    /// The year.
    pub year: i32,
    /// The month (1..=12), when known.
    pub month: Option<u32>,
    /// The day of the month, when known (then `month` is known too).
    pub day: Option<u32>,
}

impl PartialDate {
    /// Parses `YYYY`, `YYYY-MM` or `YYYY-MM-DD`.
    ///
    /// ```
    /// use incidents::eval::PartialDate;
    /// let d = PartialDate::parse("2024-03").unwrap();
    /// assert_eq!((d.year, d.month, d.day), (2024, Some(3), None));
    /// assert!(PartialDate::parse("2024-02-30").is_none());
    /// ```
    pub fn parse(text: &str) -> Option<PartialDate> {
        let parts: Vec<&str> = text.trim().split('-').collect();
        let number = |s: &str, len: usize| -> Option<u32> {
            if s.len() == len && s.bytes().all(|b| b.is_ascii_digit()) {
                s.parse().ok()
            } else {
                None
            }
        };
        let year = i32::try_from(number(parts.first()?, 4)?).ok()?;
        let date = match parts.len() {
            1 => PartialDate {
                year,
                month: None,
                day: None,
            },
            2 => PartialDate {
                year,
                month: Some(number(parts[1], 2)?),
                day: None,
            },
            3 => PartialDate {
                year,
                month: Some(number(parts[1], 2)?),
                day: Some(number(parts[2], 2)?),
            },
            _ => return None,
        };
        // Rejects month 13 or February 30th by asking chrono for the first day.
        date.first_day()?;
        if let (Some(month), Some(day)) = (date.month, date.day) {
            NaiveDate::from_ymd_opt(year, month, day)?;
        }
        Some(date)
    }

    /// The first day of the period this date names.
    pub fn first_day(&self) -> Option<NaiveDate> {
        NaiveDate::from_ymd_opt(self.year, self.month.unwrap_or(1), self.day.unwrap_or(1))
    }

    /// How fine the written form is: 0 day, 2 month, 3 year (the scale of [`precision_rank`]).
    fn rank(&self) -> u8 {
        match (self.month, self.day) {
            (Some(_), Some(_)) => 0,
            (Some(_), None) => 2,
            _ => 3,
        }
    }
}

impl fmt::Display for PartialDate {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{:04}", self.year)?;
        if let Some(month) = self.month {
            write!(f, "-{month:02}")?;
        }
        if let Some(day) = self.day {
            write!(f, "-{day:02}")?;
        }
        Ok(())
    }
}

/// Fineness of a date precision: lower is finer. Unknown is coarser than everything.
fn precision_rank(precision: DatePrecision) -> u8 {
    match precision {
        DatePrecision::Day => 0,
        DatePrecision::Week => 1,
        DatePrecision::Month => 2,
        DatePrecision::Year => 3,
        DatePrecision::Unknown => 4,
    }
}

fn published_as_date_precision(precision: PublishedPrecision) -> DatePrecision {
    match precision {
        PublishedPrecision::Day => DatePrecision::Day,
        PublishedPrecision::Month => DatePrecision::Month,
        PublishedPrecision::Year => DatePrecision::Year,
        PublishedPrecision::Unknown => DatePrecision::Unknown,
    }
}

/// Whether a predicted date agrees with a gold date at the gold precision.
///
/// The prediction must be at least as precise as the gold: a month does not
/// agree with a day even when the day falls inside it. A gold week is the seven
/// days from its first day.
fn date_agrees(
    gold: &PartialDate,
    gold_precision: DatePrecision,
    predicted: Option<NaiveDate>,
    predicted_precision: DatePrecision,
) -> bool {
    let Some(predicted) = predicted else {
        return false;
    };
    if gold_precision == DatePrecision::Unknown
        || precision_rank(predicted_precision) > precision_rank(gold_precision)
    {
        return false;
    }
    let Some(first) = gold.first_day() else {
        return false;
    };
    match gold_precision {
        DatePrecision::Day => predicted == first,
        DatePrecision::Week => {
            let days = (predicted - first).num_days();
            (0..7).contains(&days)
        }
        DatePrecision::Month => {
            predicted.year() == first.year() && predicted.month() == first.month()
        }
        DatePrecision::Year => predicted.year() == first.year(),
        DatePrecision::Unknown => false,
    }
}

/// A number as the gold states it: `{n, q, low, high}`.
#[derive(Debug, Clone, Copy, PartialEq, Serialize, Deserialize)]
pub struct GoldValue {
    /// The stated number; null for vague amounts and ranges.
    #[serde(default)]
    pub n: Option<f64>,
    /// How it was stated.
    pub q: Qualifier,
    /// Lower bound of a range.
    #[serde(default)]
    pub low: Option<f64>,
    /// Upper bound of a range.
    #[serde(default)]
    pub high: Option<f64>,
}

impl fmt::Display for GoldValue {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match (self.n, self.low, self.high) {
            (Some(n), _, _) => write!(f, "{} {}", self.q, number(n)),
            (None, Some(low), Some(high)) => {
                write!(f, "{} {}-{}", self.q, number(low), number(high))
            }
            _ => write!(f, "{}", self.q),
        }
    }
}

fn number(x: f64) -> String {
    if x.fract() == 0.0 && x.abs() < 1e15 {
        format!("{x:.0}")
    } else {
        format!("{x}")
    }
}

fn same_number(a: f64, b: f64) -> bool {
    (a - b).abs() <= 1e-9 * a.abs().max(b.abs()).max(1.0)
}

/// Where a gold incident happened.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct GoldLocation {
    /// Country.
    #[serde(default)]
    pub country: Option<String>,
    /// Provinces: the event took place in one of them. Empty when not known.
    #[serde(default)]
    pub admin1: Vec<String>,
    /// Districts, likewise.
    #[serde(default)]
    pub admin2: Vec<String>,
    /// Town, village or area.
    #[serde(default)]
    pub place: Option<String>,
}

/// One casualty claim of a gold incident.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct GoldClaim {
    /// Actor id of who made the claim; null when nobody is named.
    #[serde(default)]
    pub claimant: Option<String>,
    /// Who was counted.
    pub victim: Victim,
    /// What happened to them.
    pub outcome: Outcome,
    /// How many, as stated.
    pub value: GoldValue,
    /// Claims of one account add up; different accounts are alternatives.
    #[serde(default)]
    pub account: Option<u32>,
    /// Finding it earns credit, missing it costs nothing.
    #[serde(default)]
    pub optional: bool,
}

/// The reference date of a gold document.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct GoldDocument {
    /// Document id.
    pub doc: String,
    /// The reference date; `None` when the text does not tell it.
    pub published: Option<PartialDate>,
    /// How much of it is known.
    pub published_precision: PublishedPrecision,
    /// Why the reading is right.
    pub note: Option<String>,
}

/// One violent event in a gold document.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct GoldIncident {
    /// Document id.
    pub doc: String,
    /// The fact's id.
    pub id: String,
    /// Finding it earns credit, missing it costs nothing.
    pub optional: bool,
    /// What kind of event.
    pub event_type: EventType,
    /// The date as far as known; may be `None` while `date_precision` says
    /// what the text gives (a day, but of an unknown reference date).
    pub date: Option<PartialDate>,
    /// How precise the text is about the date.
    pub date_precision: DatePrecision,
    /// The words the date came from.
    pub date_text: Option<String>,
    /// Where it happened.
    pub location: GoldLocation,
    /// Actor id of who carried it out.
    pub perpetrator: Option<String>,
    /// Actor id or victim category of the target.
    pub target: Option<String>,
    /// Every casualty claim.
    pub casualties: Vec<GoldClaim>,
    /// Words copied verbatim from the article.
    pub evidence: String,
    /// Why the reading is right.
    pub note: Option<String>,
}

/// An aggregate figure in a gold document.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct GoldStatistic {
    /// Document id.
    pub doc: String,
    /// The fact's id.
    pub id: String,
    /// Finding it earns credit, missing it costs nothing.
    pub optional: bool,
    /// What it counts.
    pub measure: Measure,
    /// Count or percent.
    pub unit: Unit,
    /// The figure.
    pub value: GoldValue,
    /// Words copied verbatim from the article.
    pub evidence: String,
}

/// A passage that must produce neither an incident nor a casualty claim.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct GoldNegative {
    /// Document id.
    pub doc: String,
    /// The fact's id.
    pub id: String,
    /// Words copied verbatim from the article.
    pub evidence: String,
    /// Why it is not an event.
    pub note: Option<String>,
}

/// Gold labels for a set of documents, read from JSONL.
#[derive(Debug, Clone, Default, PartialEq, Serialize)]
pub struct Gold {
    /// `kind: "document"` lines.
    pub documents: Vec<GoldDocument>,
    /// `kind: "incident"` lines.
    pub incidents: Vec<GoldIncident>,
    /// `kind: "statistic"` lines.
    pub statistics: Vec<GoldStatistic>,
    /// `kind: "negative"` lines.
    pub negatives: Vec<GoldNegative>,
}

// The shapes of the JSON lines; checked further when turned into the public types.

#[derive(Deserialize)]
struct RawDocument {
    doc: String,
    #[serde(default)]
    published: Option<String>,
    published_precision: PublishedPrecision,
    #[serde(default)]
    note: Option<String>,
}

#[derive(Deserialize)]
struct RawIncident {
    doc: String,
    id: String,
    #[serde(default)]
    optional: bool,
    event_type: EventType,
    #[serde(default)]
    date: Option<String>,
    date_precision: DatePrecision,
    #[serde(default)]
    date_text: Option<String>,
    #[serde(default)]
    location: GoldLocation,
    #[serde(default)]
    perpetrator: Option<String>,
    #[serde(default)]
    target: Option<String>,
    #[serde(default)]
    casualties: Vec<GoldClaim>,
    evidence: String,
    #[serde(default)]
    note: Option<String>,
}

#[derive(Deserialize)]
struct RawStatistic {
    doc: String,
    id: String,
    #[serde(default)]
    optional: bool,
    measure: Measure,
    unit: Unit,
    value: GoldValue,
    evidence: String,
}

#[derive(Deserialize)]
struct RawNegative {
    doc: String,
    id: String,
    evidence: String,
    #[serde(default)]
    note: Option<String>,
}

fn gold_error(line: usize, what: impl fmt::Display) -> Error {
    Error::new(ErrorKind::Gold, format!("gold line {line}: {what}"))
}

/// Checks that a written date carries what its precision claims.
fn check_date_form(
    date: &PartialDate,
    precision: DatePrecision,
) -> std::result::Result<(), String> {
    let needed = match precision {
        DatePrecision::Day | DatePrecision::Week => 0,
        DatePrecision::Month => 2,
        DatePrecision::Year => 3,
        DatePrecision::Unknown => {
            return Err(format!(
                "date \"{date}\" is given but its precision is \"unknown\"; write null or the precision"
            ))
        }
    };
    if date.rank() > needed {
        return Err(format!(
            "date \"{date}\" is less precise than its precision \"{precision}\"; write the full date"
        ));
    }
    Ok(())
}

fn parse_date_field(line: usize, field: &str, text: Option<String>) -> Result<Option<PartialDate>> {
    match text {
        None => Ok(None),
        Some(text) => PartialDate::parse(&text).map(Some).ok_or_else(|| {
            gold_error(
                line,
                format!("`{field}` \"{text}\" is not a date; write YYYY, YYYY-MM or YYYY-MM-DD"),
            )
        }),
    }
}

fn from_value<T: serde::de::DeserializeOwned>(
    line: usize,
    kind: &str,
    value: serde_json::Value,
) -> Result<T> {
    serde_json::from_value(value).map_err(|err| gold_error(line, format!("{kind}: {err}")))
}

fn non_empty(line: usize, field: &str, value: &str) -> Result<()> {
    if value.trim().is_empty() {
        Err(gold_error(line, format!("`{field}` is empty")))
    } else {
        Ok(())
    }
}

impl Gold {
    /// Parses gold JSONL: one object a line, blank lines allowed.
    ///
    /// A malformed line is an error of kind [`ErrorKind::Gold`] that names the
    /// line (counted from 1) and what is wrong with it.
    ///
    /// ```
    /// use incidents::eval::Gold;
    /// let err = Gold::parse("{\"doc\": \"a\", \"kind\": \"rumour\"}").unwrap_err();
    /// assert!(err.message().contains("line 1"));
    /// ```
    pub fn parse(text: &str) -> Result<Gold> {
        let mut gold = Gold::default();
        let mut ids: HashMap<String, usize> = HashMap::new();
        let mut documents: HashMap<String, usize> = HashMap::new();
        for (index, raw) in text.lines().enumerate() {
            let line = index + 1;
            if raw.trim().is_empty() {
                continue;
            }
            let value: serde_json::Value = serde_json::from_str(raw)
                .map_err(|err| gold_error(line, format!("not valid JSON: {err}")))?;
            let kind = value
                .get("kind")
                .and_then(|k| k.as_str())
                .ok_or_else(|| {
                    gold_error(
                        line,
                        "no string field `kind` (document, incident, statistic or negative)",
                    )
                })?
                .to_string();
            let id = value.get("id").and_then(|v| v.as_str()).map(str::to_string);
            match kind.as_str() {
                "document" => {
                    let raw: RawDocument = from_value(line, "document", value)?;
                    non_empty(line, "doc", &raw.doc)?;
                    let published = parse_date_field(line, "published", raw.published)?;
                    let precision = published_as_date_precision(raw.published_precision);
                    match &published {
                        Some(date) => check_date_form(date, precision)
                            .map_err(|what| gold_error(line, what))?,
                        None if raw.published_precision != PublishedPrecision::Unknown => {
                            return Err(gold_error(
                                line,
                                "`published` is null but `published_precision` is not \"unknown\"",
                            ))
                        }
                        None => {}
                    }
                    if let Some(first) = documents.insert(raw.doc.clone(), line) {
                        return Err(gold_error(
                            line,
                            format!("document \"{}\" was already described on line {first}", raw.doc),
                        ));
                    }
                    gold.documents.push(GoldDocument {
                        doc: raw.doc,
                        published,
                        published_precision: raw.published_precision,
                        note: raw.note,
                    });
                }
                "incident" => {
                    let raw: RawIncident = from_value(line, "incident", value)?;
                    non_empty(line, "doc", &raw.doc)?;
                    non_empty(line, "evidence", &raw.evidence)?;
                    let date = parse_date_field(line, "date", raw.date)?;
                    if let Some(date) = &date {
                        check_date_form(date, raw.date_precision)
                            .map_err(|what| gold_error(line, what))?;
                    }
                    gold.incidents.push(GoldIncident {
                        doc: raw.doc,
                        id: raw.id,
                        optional: raw.optional,
                        event_type: raw.event_type,
                        date,
                        date_precision: raw.date_precision,
                        date_text: raw.date_text,
                        location: raw.location,
                        perpetrator: raw.perpetrator,
                        target: raw.target,
                        casualties: raw.casualties,
                        evidence: raw.evidence,
                        note: raw.note,
                    });
                }
                "statistic" => {
                    let raw: RawStatistic = from_value(line, "statistic", value)?;
                    non_empty(line, "doc", &raw.doc)?;
                    non_empty(line, "evidence", &raw.evidence)?;
                    if raw.value.n.is_none()
                        && raw.value.q == Qualifier::Range
                        && (raw.value.low.is_none() || raw.value.high.is_none())
                    {
                        return Err(gold_error(
                            line,
                            "a range (`q`: \"range\") needs both `low` and `high`",
                        ));
                    }
                    gold.statistics.push(GoldStatistic {
                        doc: raw.doc,
                        id: raw.id,
                        optional: raw.optional,
                        measure: raw.measure,
                        unit: raw.unit,
                        value: raw.value,
                        evidence: raw.evidence,
                    });
                }
                "negative" => {
                    let raw: RawNegative = from_value(line, "negative", value)?;
                    non_empty(line, "doc", &raw.doc)?;
                    non_empty(line, "evidence", &raw.evidence)?;
                    gold.negatives.push(GoldNegative {
                        doc: raw.doc,
                        id: raw.id,
                        evidence: raw.evidence,
                        note: raw.note,
                    });
                }
                other => {
                    return Err(gold_error(
                        line,
                        format!(
                            "unknown kind \"{other}\" (expected document, incident, statistic or negative)"
                        ),
                    ))
                }
            }
            if let Some(id) = id {
                if let Some(first) = ids.insert(id.clone(), line) {
                    return Err(gold_error(
                        line,
                        format!("id \"{id}\" is already used on line {first}"),
                    ));
                }
            }
        }
        Ok(gold)
    }

    /// Every document the gold speaks about, sorted.
    pub fn doc_ids(&self) -> BTreeSet<String> {
        self.documents
            .iter()
            .map(|d| d.doc.clone())
            .chain(self.incidents.iter().map(|i| i.doc.clone()))
            .chain(self.statistics.iter().map(|s| s.doc.clone()))
            .chain(self.negatives.iter().map(|n| n.doc.clone()))
            .collect()
    }
}

impl std::str::FromStr for Gold {
    type Err = Error;
    fn from_str(text: &str) -> Result<Gold> {
        Gold::parse(text)
    }
}

// ---------------------------------------------------------------------------
// Locating evidence
// ---------------------------------------------------------------------------

/// A half-open span of code points `[start, end)`.
type Span = (u32, u32);

fn overlaps(a: Span, b: Span) -> bool {
    a.0 < b.1 && b.0 < a.1
}

fn to_u32(n: usize) -> u32 {
    u32::try_from(n).unwrap_or(u32::MAX)
}

/// Every place `needle` occurs in `text`, as code point spans.
///
/// Verbatim first. Only when that finds nothing, runs of whitespace are allowed
/// to differ (a label copied from a rendered page keeps one space where the file
/// has a line break); nothing else is forgiven.
pub fn locate(text: &str, needle: &str) -> Vec<(u32, u32)> {
    let needle_trimmed = needle.trim();
    if needle_trimmed.is_empty() {
        return Vec::new();
    }
    let needle_chars = needle_trimmed.chars().count();
    let mut spans = Vec::new();
    let mut chars_before = 0usize;
    let mut last_byte = 0usize;
    for (byte, _) in text.match_indices(needle_trimmed) {
        chars_before += text[last_byte..byte].chars().count();
        last_byte = byte;
        spans.push((to_u32(chars_before), to_u32(chars_before + needle_chars)));
    }
    if !spans.is_empty() {
        return spans;
    }
    // Collapse whitespace on both sides, remembering where each kept character was.
    let mut collapsed = String::with_capacity(text.len());
    let mut origin: Vec<(usize, u32)> = Vec::with_capacity(text.len());
    let mut in_space = false;
    for (index, c) in text.chars().enumerate() {
        if c.is_whitespace() {
            if in_space {
                continue;
            }
            in_space = true;
            origin.push((collapsed.len(), to_u32(index)));
            collapsed.push(' ');
        } else {
            in_space = false;
            origin.push((collapsed.len(), to_u32(index)));
            collapsed.push(c);
        }
    }
    let wanted: String = needle_trimmed
        .split_whitespace()
        .collect::<Vec<_>>()
        .join(" ");
    let wanted_chars = wanted.chars().count();
    for (byte, _) in collapsed.match_indices(wanted.as_str()) {
        let Ok(first) = origin.binary_search_by_key(&byte, |&(b, _)| b) else {
            continue;
        };
        let Some(&(_, last_origin)) = origin.get(first + wanted_chars - 1) else {
            continue;
        };
        spans.push((origin[first].1, last_origin.saturating_add(1)));
    }
    spans
}

// ---------------------------------------------------------------------------
// Report types
// ---------------------------------------------------------------------------

/// Share `part / whole`; `None` when `whole` is zero.
fn share(part: usize, whole: usize) -> Option<f64> {
    (whole > 0).then(|| part as f64 / whole as f64)
}

fn f1(precision: Option<f64>, recall: Option<f64>) -> Option<f64> {
    match (precision, recall) {
        (Some(p), Some(r)) if p + r > 0.0 => Some(2.0 * p * r / (p + r)),
        (Some(_), Some(_)) => Some(0.0),
        _ => None,
    }
}

/// Incident scores.
#[derive(Debug, Clone, Default, PartialEq, Serialize)]
pub struct IncidentScores {
    /// Non-optional gold incidents.
    pub gold: usize,
    /// Optional gold incidents.
    pub gold_optional: usize,
    /// Predicted incidents in the gold's documents.
    pub predicted: usize,
    /// Predicted incidents matched to a gold incident, optional ones included.
    pub predicted_matched: usize,
    /// Non-optional gold incidents found.
    pub found: usize,
    /// `predicted_matched / predicted`; `None` when nothing was predicted.
    pub precision: Option<f64>,
    /// `found / gold`; `None` when the gold has no non-optional incident.
    pub recall: Option<f64>,
    /// Harmonic mean of precision and recall.
    pub f1: Option<f64>,
}

/// Casualty claim scores.
#[derive(Debug, Clone, Default, PartialEq, Serialize)]
pub struct ClaimScores {
    /// Non-optional claims of non-optional gold incidents.
    pub gold: usize,
    /// Of those, claims with an exactly right predicted row (claimant, victim, outcome, count, qualifier).
    pub right: usize,
    /// `right / gold`.
    pub share: Option<f64>,
}

/// Statistic scores.
#[derive(Debug, Clone, Default, PartialEq, Serialize)]
pub struct StatisticScores {
    /// Non-optional gold statistics.
    pub gold: usize,
    /// Optional gold statistics.
    pub gold_optional: usize,
    /// Predicted statistics in the gold's documents.
    pub predicted: usize,
    /// Predicted statistics matched to a gold statistic, optional ones included.
    pub predicted_matched: usize,
    /// Non-optional gold statistics found.
    pub found: usize,
    /// `predicted_matched / predicted`.
    pub precision: Option<f64>,
    /// `found / gold`.
    pub recall: Option<f64>,
}

/// Negative passages.
#[derive(Debug, Clone, Default, PartialEq, Serialize)]
pub struct NegativeScores {
    /// Negatives in the gold.
    pub total: usize,
    /// Negatives overlapped by a predicted incident or casualty claim.
    pub violated: usize,
    /// Their ids.
    pub violated_ids: Vec<String>,
}

/// Reference dates of documents.
#[derive(Debug, Clone, Default, PartialEq, Serialize)]
pub struct ReferenceDateScores {
    /// Gold documents with a `document` line.
    pub total: usize,
    /// Of those, documents whose predicted `published` is right at the gold precision.
    pub right: usize,
    /// `right / total`.
    pub share: Option<f64>,
}

/// How a predicted incident was matched to a gold incident.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct IncidentMatch {
    /// Gold id.
    pub gold_id: String,
    /// Predicted `incident_id`.
    pub incident_id: String,
    /// The evidence spans overlap.
    pub by_span: bool,
    /// The dates agree at the gold precision.
    pub by_date: bool,
}

/// A fact of the gold that no prediction matched.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Missed {
    /// Gold id.
    pub gold_id: String,
    /// Optional facts are listed but cost nothing.
    pub optional: bool,
    /// What it is, in a few words.
    pub summary: String,
}

/// A prediction that matched no gold fact.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Spurious {
    /// `incident_id` or `stat_id`.
    pub id: String,
    /// What it is, in a few words.
    pub summary: String,
    /// Its evidence.
    pub evidence: String,
}

/// A gold casualty claim of a matched incident that no predicted row states exactly.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct ClaimMiss {
    /// Gold incident id.
    pub gold_id: String,
    /// The claim, in a few words.
    pub expected: String,
    /// The predicted rows of the matched incident, in a few words each.
    pub predicted: Vec<String>,
}

/// A negative passage that a prediction overlaps.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Violation {
    /// Gold id of the negative.
    pub gold_id: String,
    /// `incidents` or `casualties`.
    pub table: String,
    /// Id of the offending incident (of the casualty row's incident for `casualties`).
    pub id: String,
}

/// The reference date of one document, gold and predicted.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct PublishedCheck {
    /// Gold date, as written.
    pub gold: Option<String>,
    /// Predicted date with its precision, `None` when the document has no row or no date.
    pub predicted: Option<String>,
    /// Whether it is right.
    pub right: bool,
}

/// What happened in one document, for finding what to fix.
#[derive(Debug, Clone, Default, PartialEq, Serialize)]
pub struct DocumentDetail {
    /// Document id.
    pub doc_id: String,
    /// The reference date, if the gold has a `document` line.
    pub published: Option<PublishedCheck>,
    /// Incidents found.
    pub matched: Vec<IncidentMatch>,
    /// Gold incidents not found.
    pub missed_incidents: Vec<Missed>,
    /// Predicted incidents that match none.
    pub spurious_incidents: Vec<Spurious>,
    /// Casualty claims not stated exactly right.
    pub wrong_claims: Vec<ClaimMiss>,
    /// Gold statistics not found.
    pub missed_statistics: Vec<Missed>,
    /// Predicted statistics that match none.
    pub spurious_statistics: Vec<Spurious>,
    /// Negatives violated.
    pub violations: Vec<Violation>,
    /// Gold ids whose evidence is not in the document text (check the gold or the text).
    pub unlocated_evidence: Vec<String>,
    /// Set when no text was given for the document.
    pub missing_text: bool,
}

impl DocumentDetail {
    fn is_clean(&self) -> bool {
        matches!(
            &self.published,
            None | Some(PublishedCheck { right: true, .. })
        ) && self.missed_incidents.iter().all(|m| m.optional)
            && self.spurious_incidents.is_empty()
            && self.wrong_claims.is_empty()
            && self.missed_statistics.iter().all(|m| m.optional)
            && self.spurious_statistics.is_empty()
            && self.violations.is_empty()
            && self.unlocated_evidence.is_empty()
            && !self.missing_text
    }
}

/// The figures of the gold README, and what went wrong where.
///
/// `Display` prints the figures as a small table; the alternate form (`{:#}`)
/// adds every document that has something to look at.
#[derive(Debug, Clone, Default, PartialEq, Serialize)]
pub struct EvalReport {
    /// Documents the gold speaks about.
    pub documents: usize,
    /// Incident precision, recall and F1.
    pub incidents: IncidentScores,
    /// Casualty claims exactly right.
    pub casualties: ClaimScores,
    /// Statistic precision and recall.
    pub statistics: StatisticScores,
    /// Negatives violated.
    pub negatives: NegativeScores,
    /// Reference dates right.
    pub reference_dates: ReferenceDateScores,
    /// Predicted documents the gold does not mention: left out of every figure.
    pub ignored_documents: Vec<String>,
    /// One entry per gold document, sorted by id.
    pub details: Vec<DocumentDetail>,
}

// ---------------------------------------------------------------------------
// Matching
// ---------------------------------------------------------------------------

fn types_compatible(gold: EventType, predicted: EventType) -> bool {
    let aerial = |t| matches!(t, EventType::Airstrike | EventType::DroneStrike);
    gold == predicted || (aerial(gold) && aerial(predicted))
}

fn admin1_allowed(gold: &GoldLocation, predicted: Option<&str>) -> bool {
    if gold.admin1.is_empty() {
        return true;
    }
    predicted.is_some_and(|p| {
        gold.admin1
            .iter()
            .any(|g| g.trim().eq_ignore_ascii_case(p.trim()))
    })
}

/// Maximum bipartite matching (Kuhn's augmenting paths).
///
/// `edges[g]` lists the predictions gold fact `g` may take, best first. A gold
/// fact once matched stays matched while later ones are placed, so putting the
/// non-optional facts first makes recall as high as it can be before optional
/// facts take what is left. Returns, for each gold fact, its prediction.
fn bipartite_match(edges: &[Vec<usize>], n_predicted: usize) -> Vec<Option<usize>> {
    fn augment(
        g: usize,
        edges: &[Vec<usize>],
        seen: &mut [bool],
        owner: &mut [Option<usize>],
    ) -> bool {
        for &p in &edges[g] {
            if seen[p] {
                continue;
            }
            seen[p] = true;
            let free = match owner[p] {
                None => true,
                Some(other) => augment(other, edges, seen, owner),
            };
            if free {
                owner[p] = Some(g);
                return true;
            }
        }
        false
    }
    let mut owner: Vec<Option<usize>> = vec![None; n_predicted];
    for g in 0..edges.len() {
        let mut seen = vec![false; n_predicted];
        augment(g, edges, &mut seen, &mut owner);
    }
    let mut assigned = vec![None; edges.len()];
    for (p, g) in owner.iter().enumerate() {
        if let Some(g) = g {
            assigned[*g] = Some(p);
        }
    }
    assigned
}

fn claim_summary(claimant: Option<&str>, victim: Victim, outcome: Outcome, value: &str) -> String {
    format!(
        "{} {victim} {outcome} {value}",
        claimant.unwrap_or("(no claimant)")
    )
}

fn predicted_claim_value(row: &CasualtyRow) -> String {
    match (row.count, row.low, row.high) {
        (Some(n), _, _) => format!("{} {n}", row.qualifier),
        (None, Some(low), Some(high)) if row.qualifier == Qualifier::Range => {
            format!("{} {low}-{high}", row.qualifier)
        }
        _ => row.qualifier.to_string(),
    }
}

fn claim_is_right(gold: &GoldClaim, row: &CasualtyRow) -> bool {
    let count_agrees = match (gold.value.n, row.count) {
        (Some(n), Some(c)) => same_number(n, f64::from(c)),
        (None, None) => true,
        _ => false,
    };
    // A stated range is only right with the same bounds.
    let range_agrees = gold.value.q != Qualifier::Range
        || gold.value.n.is_some()
        || (opt_same(gold.value.low, row.low.map(f64::from))
            && opt_same(gold.value.high, row.high.map(f64::from)));
    gold.claimant.as_deref().map(str::trim) == row.claimant.as_deref().map(str::trim)
        && gold.victim == row.victim
        && gold.outcome == row.outcome
        && gold.value.q == row.qualifier
        && count_agrees
        && range_agrees
}

fn opt_same(a: Option<f64>, b: Option<f64>) -> bool {
    match (a, b) {
        (Some(a), Some(b)) => same_number(a, b),
        (None, None) => true,
        _ => false,
    }
}

fn statistic_agrees(gold: &GoldStatistic, row: &StatisticRow) -> bool {
    if gold.measure != row.measure || gold.unit != row.unit {
        return false;
    }
    match gold.value.n {
        Some(n) => row.value.is_some_and(|v| same_number(n, v)),
        None if gold.value.q == Qualifier::Range => {
            opt_same(gold.value.low, row.low) && opt_same(gold.value.high, row.high)
        }
        None => row.value.is_none(),
    }
}

fn statistic_summary(row: &StatisticRow) -> String {
    let value = match (row.value, row.low, row.high) {
        (Some(v), _, _) => format!("{} {}", row.qualifier, number(v)),
        (None, Some(low), Some(high)) => {
            format!("{} {}-{}", row.qualifier, number(low), number(high))
        }
        _ => row.qualifier.to_string(),
    };
    format!("{} {} {value}", row.measure, row.unit)
}

fn incident_summary(row: &IncidentRow) -> String {
    let date = match row.date {
        Some(d) => format!("{d} ({})", row.date_precision),
        None => "no date".to_string(),
    };
    format!(
        "{} in {} / {}, {date}, killed {}",
        row.event_type,
        row.admin1.as_deref().unwrap_or("?"),
        row.admin2.as_deref().unwrap_or("?"),
        row.killed.map_or("?".to_string(), |k| k.to_string())
    )
}

fn shorten(text: &str, max_chars: usize) -> String {
    let text = text.split_whitespace().collect::<Vec<_>>().join(" ");
    if text.chars().count() <= max_chars {
        return text;
    }
    let mut cut: String = text.chars().take(max_chars.saturating_sub(1)).collect();
    cut.push('…');
    cut
}

/// The rows of one document, borrowed from the predicted tables.
#[derive(Default)]
struct DocRows<'a> {
    document: Option<&'a crate::model::DocumentRow>,
    incidents: Vec<&'a IncidentRow>,
    casualties: Vec<&'a CasualtyRow>,
    statistics: Vec<&'a StatisticRow>,
}

/// Scores predicted tables against gold labels, with the rules of the gold README.
///
/// `texts` maps each document id to its text as given to the extractor: gold
/// evidence is located in it to compare with the predicted spans. Predicted rows
/// of documents the gold does not mention are left out (and listed in
/// `ignored_documents`).
pub fn evaluate(gold: &Gold, predicted: &Tables, texts: &HashMap<String, String>) -> EvalReport {
    let doc_ids = gold.doc_ids();
    let mut by_doc: BTreeMap<&str, DocRows<'_>> = BTreeMap::new();
    let mut ignored = BTreeSet::new();
    {
        let mut slot = |doc: &str| -> Option<&str> {
            if doc_ids.contains(doc) {
                doc_ids.get(doc).map(String::as_str)
            } else {
                ignored.insert(doc.to_string());
                None
            }
        };
        for row in &predicted.documents {
            if let Some(doc) = slot(&row.doc_id) {
                by_doc.entry(doc).or_default().document = Some(row);
            }
        }
        for row in &predicted.incidents {
            if let Some(doc) = slot(&row.doc_id) {
                by_doc.entry(doc).or_default().incidents.push(row);
            }
        }
        for row in &predicted.casualties {
            if let Some(doc) = slot(&row.doc_id) {
                by_doc.entry(doc).or_default().casualties.push(row);
            }
        }
        for row in &predicted.statistics {
            if let Some(doc) = slot(&row.doc_id) {
                by_doc.entry(doc).or_default().statistics.push(row);
            }
        }
    }

    let mut report = EvalReport {
        documents: doc_ids.len(),
        ignored_documents: ignored.into_iter().collect(),
        ..EvalReport::default()
    };
    let empty = DocRows::default();
    for doc in &doc_ids {
        let rows = by_doc.get(doc.as_str()).unwrap_or(&empty);
        let text = texts.get(doc);
        let detail = evaluate_document(gold, doc, rows, text.map(String::as_str), &mut report);
        report.details.push(detail);
    }

    let inc = &mut report.incidents;
    inc.precision = share(inc.predicted_matched, inc.predicted);
    inc.recall = share(inc.found, inc.gold);
    inc.f1 = f1(inc.precision, inc.recall);
    let cas = &mut report.casualties;
    cas.share = share(cas.right, cas.gold);
    let st = &mut report.statistics;
    st.precision = share(st.predicted_matched, st.predicted);
    st.recall = share(st.found, st.gold);
    let rd = &mut report.reference_dates;
    rd.share = share(rd.right, rd.total);
    report
}

fn evaluate_document(
    gold: &Gold,
    doc: &str,
    rows: &DocRows<'_>,
    text: Option<&str>,
    report: &mut EvalReport,
) -> DocumentDetail {
    let mut detail = DocumentDetail {
        doc_id: doc.to_string(),
        missing_text: text.is_none(),
        ..DocumentDetail::default()
    };
    let have_text = text.is_some();
    let text = text.unwrap_or("");
    let mut unlocated: Vec<String> = Vec::new();
    let mut spans_of = |id: &str, evidence: &str| -> Vec<Span> {
        let spans = locate(text, evidence);
        if spans.is_empty() && have_text {
            unlocated.push(id.to_string());
        }
        spans
    };

    // Reference date.
    if let Some(gdoc) = gold.documents.iter().find(|d| d.doc == doc) {
        report.reference_dates.total += 1;
        let predicted = rows
            .document
            .and_then(|d| d.published.map(|p| (p, d.published_precision)));
        let right = match (&gdoc.published, predicted) {
            (None, None) => true,
            (Some(g), Some((p, precision))) => date_agrees(
                g,
                published_as_date_precision(gdoc.published_precision),
                Some(p),
                published_as_date_precision(precision),
            ),
            _ => false,
        };
        if right {
            report.reference_dates.right += 1;
        }
        detail.published = Some(PublishedCheck {
            gold: gdoc.published.map(|d| d.to_string()),
            predicted: predicted.map(|(p, precision)| format!("{p} ({precision})")),
            right,
        });
    }

    // Incidents: non-optional first, so that they are matched before optional ones.
    let mut gold_incidents: Vec<&GoldIncident> =
        gold.incidents.iter().filter(|g| g.doc == doc).collect();
    gold_incidents.sort_by_key(|g| g.optional);
    let gold_spans: Vec<Vec<Span>> = gold_incidents
        .iter()
        .map(|g| spans_of(&g.id, &g.evidence))
        .collect();
    let mut how: HashMap<(usize, usize), (bool, bool)> = HashMap::new();
    let edges: Vec<Vec<usize>> = gold_incidents
        .iter()
        .zip(&gold_spans)
        .enumerate()
        .map(|(gi, (g, spans))| {
            let mut candidates: Vec<(usize, bool, bool)> = rows
                .incidents
                .iter()
                .enumerate()
                .filter(|(_, p)| {
                    types_compatible(g.event_type, p.event_type)
                        && admin1_allowed(&g.location, p.admin1.as_deref())
                })
                .filter_map(|(pi, p)| {
                    let by_span = spans
                        .iter()
                        .any(|&s| overlaps(s, (p.span_start, p.span_end)));
                    let by_date = g.date.as_ref().is_some_and(|d| {
                        date_agrees(d, g.date_precision, p.date, p.date_precision)
                    });
                    (by_span || by_date).then_some((pi, by_span, by_date))
                })
                .collect();
            // Overlapping evidence is the stronger sign of the same event.
            candidates.sort_by_key(|&(pi, by_span, by_date)| (!by_span, !by_date, pi));
            for &(pi, by_span, by_date) in &candidates {
                how.insert((gi, pi), (by_span, by_date));
            }
            candidates.into_iter().map(|(pi, _, _)| pi).collect()
        })
        .collect();
    let assigned = bipartite_match(&edges, rows.incidents.len());

    let mut casualties_of: HashMap<&str, Vec<&CasualtyRow>> = HashMap::new();
    for row in &rows.casualties {
        casualties_of
            .entry(row.incident_id.as_str())
            .or_default()
            .push(row);
    }

    report.incidents.predicted += rows.incidents.len();
    let mut taken = vec![false; rows.incidents.len()];
    for (gi, g) in gold_incidents.iter().enumerate() {
        if g.optional {
            report.incidents.gold_optional += 1;
        } else {
            report.incidents.gold += 1;
        }
        let countable_claims: Vec<&GoldClaim> = if g.optional {
            Vec::new()
        } else {
            g.casualties.iter().filter(|c| !c.optional).collect()
        };
        report.casualties.gold += countable_claims.len();
        let Some(pi) = assigned[gi] else {
            detail.missed_incidents.push(Missed {
                gold_id: g.id.clone(),
                optional: g.optional,
                summary: format!(
                    "{} in {}: \"{}\"",
                    g.event_type,
                    if g.location.admin1.is_empty() {
                        "?".to_string()
                    } else {
                        g.location.admin1.join(" or ")
                    },
                    shorten(&g.evidence, 80)
                ),
            });
            continue;
        };
        taken[pi] = true;
        report.incidents.predicted_matched += 1;
        if !g.optional {
            report.incidents.found += 1;
        }
        let predicted = rows.incidents[pi];
        let (by_span, by_date) = how.get(&(gi, pi)).copied().unwrap_or((false, false));
        detail.matched.push(IncidentMatch {
            gold_id: g.id.clone(),
            incident_id: predicted.incident_id.clone(),
            by_span,
            by_date,
        });

        // Claims: each predicted row may stand for one gold claim only.
        let claims = casualties_of
            .get(predicted.incident_id.as_str())
            .cloned()
            .unwrap_or_default();
        let mut used = vec![false; claims.len()];
        for claim in countable_claims {
            let hit = claims
                .iter()
                .enumerate()
                .find(|(ci, row)| !used[*ci] && claim_is_right(claim, row))
                .map(|(ci, _)| ci);
            match hit {
                Some(ci) => {
                    used[ci] = true;
                    report.casualties.right += 1;
                }
                None => detail.wrong_claims.push(ClaimMiss {
                    gold_id: g.id.clone(),
                    expected: claim_summary(
                        claim.claimant.as_deref(),
                        claim.victim,
                        claim.outcome,
                        &claim.value.to_string(),
                    ),
                    predicted: claims
                        .iter()
                        .map(|row| {
                            claim_summary(
                                row.claimant.as_deref(),
                                row.victim,
                                row.outcome,
                                &predicted_claim_value(row),
                            )
                        })
                        .collect(),
                }),
            }
        }
    }
    for (pi, row) in rows.incidents.iter().enumerate() {
        if !taken[pi] {
            detail.spurious_incidents.push(Spurious {
                id: row.incident_id.clone(),
                summary: incident_summary(row),
                evidence: shorten(&row.evidence, 120),
            });
        }
    }

    // Statistics.
    let mut gold_statistics: Vec<&GoldStatistic> =
        gold.statistics.iter().filter(|g| g.doc == doc).collect();
    gold_statistics.sort_by_key(|g| g.optional);
    let stat_edges: Vec<Vec<usize>> = gold_statistics
        .iter()
        .map(|g| {
            rows.statistics
                .iter()
                .enumerate()
                .filter(|(_, p)| statistic_agrees(g, p))
                .map(|(pi, _)| pi)
                .collect()
        })
        .collect();
    let stat_assigned = bipartite_match(&stat_edges, rows.statistics.len());
    report.statistics.predicted += rows.statistics.len();
    let mut stat_taken = vec![false; rows.statistics.len()];
    for (gi, g) in gold_statistics.iter().enumerate() {
        if g.optional {
            report.statistics.gold_optional += 1;
        } else {
            report.statistics.gold += 1;
        }
        match stat_assigned[gi] {
            Some(pi) => {
                stat_taken[pi] = true;
                report.statistics.predicted_matched += 1;
                if !g.optional {
                    report.statistics.found += 1;
                }
            }
            None => detail.missed_statistics.push(Missed {
                gold_id: g.id.clone(),
                optional: g.optional,
                summary: format!(
                    "{} {} {}: \"{}\"",
                    g.measure,
                    g.unit,
                    g.value,
                    shorten(&g.evidence, 80)
                ),
            }),
        }
    }
    for (pi, row) in rows.statistics.iter().enumerate() {
        if !stat_taken[pi] {
            detail.spurious_statistics.push(Spurious {
                id: row.stat_id.clone(),
                summary: statistic_summary(row),
                evidence: shorten(&row.evidence, 120),
            });
        }
    }

    // Negatives.
    for negative in gold.negatives.iter().filter(|n| n.doc == doc) {
        report.negatives.total += 1;
        let spans = spans_of(&negative.id, &negative.evidence);
        let touches_text = |evidence: &str| -> bool {
            // Without a located span, fall back on the words themselves.
            let a = evidence.trim();
            let b = negative.evidence.trim();
            !a.is_empty() && (a.contains(b) || b.contains(a))
        };
        let mut violations = Vec::new();
        for row in &rows.incidents {
            let hit = if spans.is_empty() {
                touches_text(&row.evidence)
            } else {
                spans
                    .iter()
                    .any(|&s| overlaps(s, (row.span_start, row.span_end)))
            };
            if hit {
                violations.push(Violation {
                    gold_id: negative.id.clone(),
                    table: "incidents".to_string(),
                    id: row.incident_id.clone(),
                });
            }
        }
        for row in &rows.casualties {
            let row_spans = locate(text, &row.evidence);
            let hit = if spans.is_empty() || row_spans.is_empty() {
                touches_text(&row.evidence)
            } else {
                spans
                    .iter()
                    .any(|&s| row_spans.iter().any(|&r| overlaps(s, r)))
            };
            if hit {
                violations.push(Violation {
                    gold_id: negative.id.clone(),
                    table: "casualties".to_string(),
                    id: row.incident_id.clone(),
                });
            }
        }
        if !violations.is_empty() {
            report.negatives.violated += 1;
            report.negatives.violated_ids.push(negative.id.clone());
            detail.violations.extend(violations);
        }
    }
    detail.unlocated_evidence = unlocated;
    detail
}

// ---------------------------------------------------------------------------
// Display
// ---------------------------------------------------------------------------

fn pct(x: Option<f64>) -> String {
    x.map_or_else(|| "n/a".to_string(), |x| format!("{:.3}", x))
}

impl fmt::Display for EvalReport {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let i = &self.incidents;
        let c = &self.casualties;
        let s = &self.statistics;
        let n = &self.negatives;
        let d = &self.reference_dates;
        writeln!(f, "documents {}", self.documents)?;
        writeln!(
            f,
            "{:<16} {:>9} {:>9} {:>9}  counts",
            "", "precision", "recall", "F1"
        )?;
        writeln!(
            f,
            "{:<16} {:>9} {:>9} {:>9}  {} of {} predicted matched; {} of {} gold found (+{} optional)",
            "incidents",
            pct(i.precision),
            pct(i.recall),
            pct(i.f1),
            i.predicted_matched,
            i.predicted,
            i.found,
            i.gold,
            i.gold_optional
        )?;
        writeln!(
            f,
            "{:<16} {:>9} {:>9} {:>9}  {} of {} predicted matched; {} of {} gold found (+{} optional)",
            "statistics",
            pct(s.precision),
            pct(s.recall),
            "",
            s.predicted_matched,
            s.predicted,
            s.found,
            s.gold,
            s.gold_optional
        )?;
        writeln!(f, "{:<16} {:>9}", "", "share")?;
        writeln!(
            f,
            "{:<16} {:>9} {:>9} {:>9}  {} of {} gold claims exactly right",
            "casualty claims",
            pct(c.share),
            "",
            "",
            c.right,
            c.gold
        )?;
        writeln!(
            f,
            "{:<16} {:>9} {:>9} {:>9}  {} of {} documents",
            "reference dates",
            pct(d.share),
            "",
            "",
            d.right,
            d.total
        )?;
        write!(
            f,
            "{:<16} {:>9} {:>9} {:>9}  {} of {} violated",
            "negatives", "", "", "", n.violated, n.total
        )?;
        if !n.violated_ids.is_empty() {
            write!(f, " ({})", n.violated_ids.join(", "))?;
        }
        writeln!(f)?;
        if !self.ignored_documents.is_empty() {
            writeln!(
                f,
                "ignored: {} predicted document(s) not in the gold",
                self.ignored_documents.len()
            )?;
        }
        if f.alternate() {
            for detail in self.details.iter().filter(|d| !d.is_clean()) {
                write_detail(f, detail)?;
            }
        }
        Ok(())
    }
}

fn write_detail(f: &mut fmt::Formatter<'_>, d: &DocumentDetail) -> fmt::Result {
    writeln!(f)?;
    writeln!(f, "== {}", d.doc_id)?;
    if d.missing_text {
        writeln!(f, "  no text given for this document")?;
    }
    if let Some(p) = d.published.as_ref().filter(|p| !p.right) {
        writeln!(
            f,
            "  published: gold {}, predicted {}",
            p.gold.as_deref().unwrap_or("null"),
            p.predicted.as_deref().unwrap_or("null")
        )?;
    }
    for m in &d.matched {
        let how = match (m.by_span, m.by_date) {
            (true, true) => "span and date",
            (true, false) => "span",
            _ => "date",
        };
        writeln!(f, "  found    {} = {} (by {how})", m.gold_id, m.incident_id)?;
    }
    for m in &d.missed_incidents {
        let tag = if m.optional { " (optional)" } else { "" };
        writeln!(f, "  missed   {}{tag}: {}", m.gold_id, m.summary)?;
    }
    for s in &d.spurious_incidents {
        writeln!(f, "  spurious {}: {} | {}", s.id, s.summary, s.evidence)?;
    }
    for c in &d.wrong_claims {
        let got = if c.predicted.is_empty() {
            "no rows".to_string()
        } else {
            c.predicted.join("; ")
        };
        writeln!(
            f,
            "  claim    {}: want {}; got {got}",
            c.gold_id, c.expected
        )?;
    }
    for m in &d.missed_statistics {
        let tag = if m.optional { " (optional)" } else { "" };
        writeln!(f, "  missed   {}{tag}: {}", m.gold_id, m.summary)?;
    }
    for s in &d.spurious_statistics {
        writeln!(f, "  spurious {}: {} | {}", s.id, s.summary, s.evidence)?;
    }
    for v in &d.violations {
        writeln!(f, "  negative {} hit by {} {}", v.gold_id, v.table, v.id)?;
    }
    if !d.unlocated_evidence.is_empty() {
        writeln!(
            f,
            "  evidence not found in the text: {}",
            d.unlocated_evidence.join(", ")
        )?;
    }
    Ok(())
}

// ---------------------------------------------------------------------------
// Labelled development rows
// ---------------------------------------------------------------------------

/// The labels of one development row; every field may be absent.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct Labels {
    /// District.
    #[serde(default)]
    pub admin2: Option<String>,
    /// Day of the event, `YYYY-MM-DD`.
    #[serde(default)]
    pub date: Option<String>,
    /// Killed, a single figure.
    #[serde(default)]
    pub killed: Option<u32>,
    /// Killed, lower bound.
    #[serde(default)]
    pub killed_min: Option<u32>,
    /// Killed, upper bound.
    #[serde(default)]
    pub killed_max: Option<u32>,
    /// Wounded, a single figure.
    #[serde(default)]
    pub wounded: Option<u32>,
    /// Wounded, lower bound.
    #[serde(default)]
    pub wounded_min: Option<u32>,
    /// Wounded, upper bound.
    #[serde(default)]
    pub wounded_max: Option<u32>,
}

/// One line of a development file: a short text and its labels.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct LabelledRow {
    /// Document id.
    pub doc_id: String,
    /// The reference date (`YYYY-MM-DD`), when known.
    #[serde(default)]
    pub published: Option<String>,
    /// The text.
    pub text: String,
    /// What a labeller read out of it.
    #[serde(default)]
    pub labels: Labels,
}

impl LabelledRow {
    /// The reference date, when it is a full `YYYY-MM-DD` date.
    pub fn published_date(&self) -> Option<NaiveDate> {
        let text = self.published.as_deref()?;
        NaiveDate::parse_from_str(text.get(..10).unwrap_or(text), "%Y-%m-%d").ok()
    }

    /// The row as an article to extract, with its reference date.
    pub fn to_article(&self) -> Article {
        Article::new(self.doc_id.clone(), self.text.clone()).with_published(self.published_date())
    }
}

/// Parses a development file: one [`LabelledRow`] a line, blank lines allowed.
///
/// A malformed line is an error of kind [`ErrorKind::Gold`] naming the line.
pub fn parse_labelled(text: &str) -> Result<Vec<LabelledRow>> {
    text.lines()
        .enumerate()
        .filter(|(_, line)| !line.trim().is_empty())
        .map(|(index, line)| {
            serde_json::from_str::<LabelledRow>(line).map_err(|err| {
                Error::new(
                    ErrorKind::Gold,
                    format!("labelled line {}: {err}", index + 1),
                )
            })
        })
        .collect()
}

/// One question asked of the labelled rows: how many were labelled, how many right.
#[derive(Debug, Clone, Default, PartialEq, Serialize)]
pub struct Tally {
    /// Rows the label exists for.
    pub labelled: usize,
    /// Rows answered right.
    pub right: usize,
    /// `right / labelled`.
    pub share: Option<f64>,
}

impl Tally {
    fn add(&mut self, right: bool) {
        self.labelled += 1;
        if right {
            self.right += 1;
        }
    }

    fn finish(&mut self) {
        self.share = share(self.right, self.labelled);
    }
}

/// How fast extraction ran, measured by the caller.
#[derive(Debug, Clone, Default, PartialEq, Serialize)]
pub struct Throughput {
    /// Documents read.
    pub documents: usize,
    /// Bytes of text read.
    pub bytes: usize,
    /// Wall-clock seconds of extraction.
    pub seconds: f64,
    /// Documents per second.
    pub docs_per_second: f64,
    /// Megabytes (10^6 bytes) per second.
    pub mb_per_second: f64,
}

impl Throughput {
    /// From a count of documents and bytes and the seconds they took.
    pub fn new(documents: usize, bytes: usize, seconds: f64) -> Throughput {
        let per = |x: f64| if seconds > 0.0 { x / seconds } else { 0.0 };
        Throughput {
            documents,
            bytes,
            seconds,
            docs_per_second: per(documents as f64),
            mb_per_second: per(bytes as f64 / 1e6),
        }
    }
}

/// A labelled row answered wrong, for finding what to fix.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct LabelledMiss {
    /// Document id.
    pub doc_id: String,
    /// Which questions went wrong, with what was expected and what came out.
    pub wrong: Vec<String>,
}

/// Figures over one development file.
///
/// `Display` prints them as a small table; the alternate form (`{:#}`) adds the
/// rows that went wrong.
#[derive(Debug, Clone, Default, PartialEq, Serialize)]
pub struct LabelledReport {
    /// Rows in the file.
    pub rows: usize,
    /// Rows with at least one predicted incident.
    pub with_incident: usize,
    /// `with_incident / rows`.
    pub with_incident_share: Option<f64>,
    /// The document's killed (summed over its incidents) inside the labelled range, or equal to the single figure.
    pub killed: Tally,
    /// Likewise for wounded, over rows where it is labelled.
    pub wounded: Tally,
    /// Some incident's district equals the label (case-insensitive).
    pub district: Tally,
    /// Some incident's date equals the label.
    pub date: Tally,
    /// Set by the caller, who timed the extraction.
    pub throughput: Option<Throughput>,
    /// Rows with at least one wrong answer.
    pub misses: Vec<LabelledMiss>,
}

/// Checks a predicted total against a single figure or a `[min, max]` range.
fn count_right(total: u32, exact: Option<u32>, min: Option<u32>, max: Option<u32>) -> Option<bool> {
    match (exact, min, max) {
        (_, Some(min), Some(max)) => Some((min..=max).contains(&total)),
        (_, Some(min), None) => Some(total >= min),
        (_, None, Some(max)) => Some(total <= max),
        (Some(exact), None, None) => Some(total == exact),
        (None, None, None) => None,
    }
}

fn expected_count(exact: Option<u32>, min: Option<u32>, max: Option<u32>) -> String {
    match (exact, min, max) {
        (_, Some(min), Some(max)) if min == max => min.to_string(),
        (_, Some(min), Some(max)) => format!("{min}-{max}"),
        (_, Some(min), None) => format!("{min}+"),
        (_, None, Some(max)) => format!("up to {max}"),
        (Some(exact), None, None) => exact.to_string(),
        (None, None, None) => "?".to_string(),
    }
}

/// Scores predicted tables against labelled development rows.
///
/// A document's killed is the sum of `killed` over its incidents (no incident
/// or no figure counts as 0); likewise wounded. Rows and predictions are joined
/// on `doc_id`.
pub fn evaluate_labelled(rows: &[LabelledRow], predicted: &Tables) -> LabelledReport {
    let mut incidents: HashMap<&str, Vec<&IncidentRow>> = HashMap::new();
    for row in &predicted.incidents {
        incidents.entry(row.doc_id.as_str()).or_default().push(row);
    }
    let mut report = LabelledReport {
        rows: rows.len(),
        ..LabelledReport::default()
    };
    for row in rows {
        let found = incidents
            .get(row.doc_id.as_str())
            .map_or(&[][..], Vec::as_slice);
        let mut wrong = Vec::new();
        if found.is_empty() {
            wrong.push("no incident".to_string());
        } else {
            report.with_incident += 1;
        }
        let labels = &row.labels;
        let killed: u32 = found
            .iter()
            .filter_map(|i| i.killed)
            .fold(0, u32::saturating_add);
        if let Some(right) =
            count_right(killed, labels.killed, labels.killed_min, labels.killed_max)
        {
            report.killed.add(right);
            if !right {
                wrong.push(format!(
                    "killed {killed}, want {}",
                    expected_count(labels.killed, labels.killed_min, labels.killed_max)
                ));
            }
        }
        let wounded: u32 = found
            .iter()
            .filter_map(|i| i.wounded)
            .fold(0, u32::saturating_add);
        if let Some(right) = count_right(
            wounded,
            labels.wounded,
            labels.wounded_min,
            labels.wounded_max,
        ) {
            report.wounded.add(right);
            if !right {
                wrong.push(format!(
                    "wounded {wounded}, want {}",
                    expected_count(labels.wounded, labels.wounded_min, labels.wounded_max)
                ));
            }
        }
        if let Some(admin2) = labels.admin2.as_deref().filter(|a| !a.trim().is_empty()) {
            let right = found.iter().any(|i| {
                i.admin2
                    .as_deref()
                    .is_some_and(|p| same_district(p, admin2))
            });
            report.district.add(right);
            if !right {
                let got: Vec<&str> = found.iter().filter_map(|i| i.admin2.as_deref()).collect();
                wrong.push(format!("district {:?}, want {admin2}", got));
            }
        }
        if let Some(date) = labels.date.as_deref() {
            let want = NaiveDate::parse_from_str(date, "%Y-%m-%d").ok();
            let right = want.is_some() && found.iter().any(|i| i.date == want);
            report.date.add(right);
            if !right {
                let got: Vec<String> = found
                    .iter()
                    .filter_map(|i| i.date.map(|d| d.to_string()))
                    .collect();
                wrong.push(format!("date {:?}, want {date}", got));
            }
        }
        if !wrong.is_empty() {
            report.misses.push(LabelledMiss {
                doc_id: row.doc_id.clone(),
                wrong,
            });
        }
    }
    report.with_incident_share = share(report.with_incident, report.rows);
    report.killed.finish();
    report.wounded.finish();
    report.district.finish();
    report.date.finish();
    report
}

impl fmt::Display for LabelledReport {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        writeln!(f, "{:<22} {:>7}  counts", "", "share")?;
        writeln!(
            f,
            "{:<22} {:>7}  {} of {} rows",
            "with an incident",
            pct(self.with_incident_share),
            self.with_incident,
            self.rows
        )?;
        for (name, tally) in [
            ("killed right", &self.killed),
            ("wounded right", &self.wounded),
            ("district right", &self.district),
            ("date right", &self.date),
        ] {
            writeln!(
                f,
                "{:<22} {:>7}  {} of {} labelled",
                name,
                pct(tally.share),
                tally.right,
                tally.labelled
            )?;
        }
        if let Some(t) = &self.throughput {
            writeln!(
                f,
                "{:<22} {:.0} docs/s, {:.2} MB/s ({} docs, {} bytes in {:.3} s)",
                "throughput", t.docs_per_second, t.mb_per_second, t.documents, t.bytes, t.seconds
            )?;
        }
        if f.alternate() {
            for miss in &self.misses {
                writeln!(f, "  {}: {}", miss.doc_id, miss.wrong.join("; "))?;
            }
        }
        Ok(())
    }
}

/// Whether two district names are one district: case aside, and the colonial-era
/// suffixes of the former tribal areas aside ("Kurram Agency" is today's Kurram district).
fn same_district(a: &str, b: &str) -> bool {
    fn core(name: &str) -> String {
        let lower = name.trim().to_lowercase();
        let mut core = lower.as_str();
        for suffix in [
            " agency",
            " district",
            " frontier region",
            " frontier",
            " tribal district",
        ] {
            if let Some(stripped) = core.strip_suffix(suffix) {
                core = stripped;
            }
        }
        core.trim().to_string()
    }
    core(a) == core(b)
}

#[cfg(test)]
mod district_tests {
    use super::same_district;

    #[test]
    fn agency_suffixes_name_the_same_district() {
        assert!(same_district("Kurram", "Kurram Agency"));
        assert!(same_district("north waziristan", "North Waziristan"));
        assert!(!same_district("North Waziristan", "South Waziristan"));
    }
}

// ---------------------------------------------------------------------------
// Merging reports into events
// ---------------------------------------------------------------------------

/// One line of an event-merging label file: one incident that one document
/// reports, and the real event it belongs to (`examples/events/events.jsonl`).
#[derive(Debug, Clone, PartialEq, Deserialize, Serialize)]
pub struct EventLabel {
    /// The document (file stem).
    pub doc: String,
    /// The key of the real event: reports of one event share it.
    pub event: String,
    /// The incident's type, to tell apart two incidents of one document.
    #[serde(default)]
    pub event_type: Option<String>,
    /// Day of the incident (ISO), likewise.
    #[serde(default)]
    pub date: Option<String>,
    /// District, likewise.
    #[serde(default)]
    pub admin2: Option<String>,
}

/// Parses an event-merging label file: JSON lines; blank lines are skipped.
///
/// ```
/// let labels = incidents::eval::parse_event_labels(
///     r#"{"doc": "a", "event": "E1", "date": "2024-03-16", "admin2": "North Waziristan"}"#,
/// ).unwrap();
/// assert_eq!(labels[0].event, "E1");
/// ```
pub fn parse_event_labels(text: &str) -> Result<Vec<EventLabel>> {
    text.lines()
        .enumerate()
        .filter(|(_, line)| !line.trim().is_empty())
        .map(|(i, line)| {
            serde_json::from_str(line).map_err(|err| {
                Error::new(
                    ErrorKind::Gold,
                    format!("event labels line {}: {err}", i + 1),
                )
            })
        })
        .collect()
}

/// Pairwise scores of merging reports into events.
///
/// A pair is two label lines of different documents. It is *gold* when both
/// lines name the same event, and *predicted* when some incident matched to
/// the one and some incident matched to the other fall in one predicted event.
/// An incident is matched to a line of its own document when it shares the
/// district or the day (a day either side) with it, the best such line when the
/// document has several; lines no incident matched leave their gold pairs
/// unpredicted, so recall counts extraction misses too.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct MergeReport {
    /// Label lines.
    pub labels: usize,
    /// Distinct events of the labels.
    pub gold_events: usize,
    /// Documents of the labels.
    pub documents: usize,
    /// Incidents extracted from them.
    pub incidents: usize,
    /// Incidents matched to a label line.
    pub incidents_matched: usize,
    /// Label lines with at least one incident matched.
    pub labels_matched: usize,
    /// Events predicted over those documents.
    pub predicted_events: usize,
    /// Gold pairs.
    pub gold_pairs: usize,
    /// Predicted pairs.
    pub predicted_pairs: usize,
    /// Pairs both gold and predicted.
    pub true_pairs: usize,
    /// `true_pairs / predicted_pairs`.
    pub precision: f64,
    /// `true_pairs / gold_pairs`.
    pub recall: f64,
    /// Recall over the gold pairs whose two lines were both matched: the merge's
    /// own recall, extraction misses aside.
    pub recall_of_matched: f64,
    /// Predicted pairs that are not gold: `(doc, event, doc, event)`.
    pub wrong_merges: Vec<(String, String, String, String)>,
    /// Gold pairs not predicted although both lines were matched.
    pub missed_merges: Vec<(String, String, String)>,
}

/// Scores `tables.events` against event labels. See [`MergeReport`].
pub fn evaluate_merge(labels: &[EventLabel], tables: &Tables) -> MergeReport {
    let event_of: HashMap<&str, usize> = tables
        .events
        .iter()
        .enumerate()
        .flat_map(|(e, event)| event.incident_ids.iter().map(move |id| (id.as_str(), e)))
        .collect();
    let mut by_doc: HashMap<&str, Vec<usize>> = HashMap::new();
    for (i, label) in labels.iter().enumerate() {
        by_doc.entry(label.doc.as_str()).or_default().push(i);
    }
    // For each label line, the predicted events of the incidents matched to it.
    let mut events_of_label: Vec<BTreeSet<usize>> = vec![BTreeSet::new(); labels.len()];
    let mut incidents = 0;
    let mut incidents_matched = 0;
    for incident in &tables.incidents {
        let Some(lines) = by_doc.get(incident.doc_id.as_str()) else {
            continue;
        };
        incidents += 1;
        let best = lines
            .iter()
            .filter_map(|&l| {
                let label = &labels[l];
                let district = label
                    .admin2
                    .as_deref()
                    .zip(incident.admin2.as_deref())
                    .is_some_and(|(a, b)| same_district(a, b));
                let day = label
                    .date
                    .as_deref()
                    .and_then(|d| NaiveDate::parse_from_str(d, "%Y-%m-%d").ok())
                    .zip(incident.date)
                    .is_some_and(|(a, b)| (a - b).num_days().abs() <= 1);
                let kind = label.event_type.as_deref() == Some(incident.event_type.as_str());
                let score = 2 * u8::from(district) + 2 * u8::from(day) + u8::from(kind);
                (district || day).then_some((score, std::cmp::Reverse(l)))
            })
            .max()
            .map(|(_, l)| l.0);
        if let (Some(line), Some(&event)) = (best, event_of.get(incident.incident_id.as_str())) {
            incidents_matched += 1;
            events_of_label[line].insert(event);
        }
    }
    let mut report = MergeReport {
        labels: labels.len(),
        gold_events: labels
            .iter()
            .map(|l| &l.event)
            .collect::<BTreeSet<_>>()
            .len(),
        documents: by_doc.len(),
        incidents,
        incidents_matched,
        labels_matched: events_of_label.iter().filter(|e| !e.is_empty()).count(),
        predicted_events: {
            let docs: BTreeSet<&str> = by_doc.keys().copied().collect();
            tables
                .events
                .iter()
                .filter(|e| e.doc_ids.iter().any(|d| docs.contains(d.as_str())))
                .count()
        },
        gold_pairs: 0,
        predicted_pairs: 0,
        true_pairs: 0,
        precision: 0.0,
        recall: 0.0,
        recall_of_matched: 0.0,
        wrong_merges: Vec::new(),
        missed_merges: Vec::new(),
    };
    let mut gold_matched = 0;
    let mut true_matched = 0;
    for a in 0..labels.len() {
        for b in a + 1..labels.len() {
            let (la, lb) = (&labels[a], &labels[b]);
            if la.doc == lb.doc {
                continue;
            }
            let gold = la.event == lb.event;
            let predicted = !events_of_label[a].is_disjoint(&events_of_label[b]);
            let both_matched = !events_of_label[a].is_empty() && !events_of_label[b].is_empty();
            report.gold_pairs += usize::from(gold);
            report.predicted_pairs += usize::from(predicted);
            report.true_pairs += usize::from(gold && predicted);
            if gold && both_matched {
                gold_matched += 1;
                true_matched += usize::from(predicted);
                if !predicted {
                    report
                        .missed_merges
                        .push((la.event.clone(), la.doc.clone(), lb.doc.clone()));
                }
            }
            if predicted && !gold {
                report.wrong_merges.push((
                    la.doc.clone(),
                    la.event.clone(),
                    lb.doc.clone(),
                    lb.event.clone(),
                ));
            }
        }
    }
    // Nothing to get wrong counts as all right: no predicted pairs, no wrong ones.
    report.precision = share(report.true_pairs, report.predicted_pairs).unwrap_or(1.0);
    report.recall = share(report.true_pairs, report.gold_pairs).unwrap_or(1.0);
    report.recall_of_matched = share(true_matched, gold_matched).unwrap_or(1.0);
    report
}

impl fmt::Display for MergeReport {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        writeln!(
            f,
            "documents {}, label lines {} ({} matched), gold events {}, predicted events {}",
            self.documents,
            self.labels,
            self.labels_matched,
            self.gold_events,
            self.predicted_events
        )?;
        writeln!(
            f,
            "incidents {} ({} matched to a label line)",
            self.incidents, self.incidents_matched
        )?;
        writeln!(f, "{:<22} {:>9} {:>9}  counts", "", "precision", "recall")?;
        writeln!(
            f,
            "{:<22} {:>9.3} {:>9.3}  {} of {} predicted pairs right; {} of {} gold pairs found",
            "merge pairs",
            self.precision,
            self.recall,
            self.true_pairs,
            self.predicted_pairs,
            self.true_pairs,
            self.gold_pairs
        )?;
        writeln!(
            f,
            "{:<22} {:>9} {:>9.3}  over gold pairs whose two lines were both extracted",
            "merge pairs, matched", "", self.recall_of_matched
        )?;
        if f.alternate() {
            for (doc_a, event_a, doc_b, event_b) in &self.wrong_merges {
                writeln!(
                    f,
                    "  wrongly merged: {doc_a} ({event_a}) + {doc_b} ({event_b})"
                )?;
            }
            for (event, doc_a, doc_b) in &self.missed_merges {
                writeln!(f, "  not merged ({event}): {doc_a} + {doc_b}")?;
            }
        }
        Ok(())
    }
}
