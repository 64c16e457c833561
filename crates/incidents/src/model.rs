//! The rows of the four output tables and their closed vocabularies.
//!
//! Everything here mirrors `SCHEMA.md`, the project's output contract: the
//! names, the order of fields and the spelling of every vocabulary value. The
//! vocabularies are defined once, here; the Arrow schemas ([`crate::frames`]) and
//! the Python package read them from this module.

use std::fmt;

use chrono::NaiveDate;
use serde::{Deserialize, Serialize};

/// A closed vocabulary of the output contract (an `Enum` column).
pub trait Vocabulary: Copy + Sized + 'static {
    /// Every value, in the order of the contract.
    const ALL: &'static [Self];
    /// Every value as spelled in the tables.
    const NAMES: &'static [&'static str];
    /// The spelling of this value.
    fn as_str(self) -> &'static str;
    /// The position of this value in [`Vocabulary::ALL`] (and of its spelling in
    /// [`Vocabulary::NAMES`]).
    ///
    /// ```
    /// use incidents::model::{EventType, Vocabulary};
    /// for (i, value) in EventType::ALL.iter().enumerate() {
    ///     assert_eq!(value.index(), i);
    ///     assert_eq!(EventType::NAMES[i], value.as_str());
    /// }
    /// ```
    fn index(self) -> usize;
}

macro_rules! vocabulary {
    (
        $(#[$meta:meta])*
        $name:ident { $( $(#[$vmeta:meta])* $variant:ident = $text:literal ),+ $(,)? }
    ) => {
        $(#[$meta])*
        #[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
        pub enum $name {
            $( $(#[$vmeta])* #[serde(rename = $text)] $variant ),+
        }

        impl $name {
            /// Parses the spelling used in the tables; `None` for anything else.
            pub fn parse(text: &str) -> Option<Self> {
                match text {
                    $( $text => Some(Self::$variant), )+
                    _ => None,
                }
            }
        }

        impl Vocabulary for $name {
            const ALL: &'static [Self] = &[ $( Self::$variant ),+ ];
            const NAMES: &'static [&'static str] = &[ $( $text ),+ ];
            fn as_str(self) -> &'static str {
                match self { $( Self::$variant => $text ),+ }
            }
            fn index(self) -> usize {
                // The variants have no values of their own: each is its position.
                self as usize
            }
        }

        impl fmt::Display for $name {
            fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                f.write_str(self.as_str())
            }
        }
    };
}

vocabulary! {
    /// What kind of violent event an incident is.
    EventType {
        /// Armed assault by non-state actors.
        Attack = "attack",
        /// An attack by a bomber who dies in it.
        SuicideBombing = "suicide_bombing",
        /// IED, grenade, remote-controlled explosive.
        Bombing = "bombing",
        /// A named or singled-out person shot or killed.
        TargetedKilling = "targeted_killing",
        /// Kidnapping, people taken or offloaded.
        Abduction = "abduction",
        /// Exchange of fire, infiltration attempt repelled.
        ArmedClash = "armed_clash",
        /// Raid, intelligence-based operation, cordon and search.
        SecurityOperation = "security_operation",
        /// Strikes from manned aircraft.
        Airstrike = "airstrike",
        /// Strikes from drones.
        DroneStrike = "drone_strike",
        /// Artillery, rockets, mortars.
        Shelling = "shelling",
        /// Violence that fits none of the above.
        Other = "other",
    }
}

vocabulary! {
    /// How much of an incident's date is known; the date is the first day of that period.
    DatePrecision {
        /// The day is known.
        Day = "day",
        /// The week is known ("a week ago").
        Week = "week",
        /// The month is known ("in March").
        Month = "month",
        /// The year is known ("last year").
        Year = "year",
        /// Nothing is known.
        Unknown = "unknown",
    }
}

vocabulary! {
    /// How much of a document's reference date is known.
    PublishedPrecision {
        /// The day is known.
        Day = "day",
        /// The month is known.
        Month = "month",
        /// The year is known.
        Year = "year",
        /// Nothing is known.
        Unknown = "unknown",
    }
}

vocabulary! {
    /// Where a document's reference date came from.
    PublishedFrom {
        /// Given by the caller.
        Given = "given",
        /// Read from the text.
        Text = "text",
        /// Not known.
        None = "none",
    }
}

vocabulary! {
    /// What an incident's coordinates stand for.
    GeoPrecision {
        /// A town, village or area below the district.
        Place = "place",
        /// The district's point.
        District = "district",
        /// The province's point.
        Province = "province",
        /// The country's point.
        Country = "country",
        /// No place known.
        Unknown = "unknown",
    }
}

vocabulary! {
    /// What happened to a document.
    Status {
        /// Read.
        Ok = "ok",
        /// Nothing to read: empty, whitespace or web clutter only.
        Empty = "empty",
        /// Could not be read; the reason is in `warnings`.
        Error = "error",
    }
}

vocabulary! {
    /// Who the people counted in a casualty claim are.
    Victim {
        /// Militants, attackers, "terrorists".
        Militants = "militants",
        /// Soldiers, FC, security personnel.
        SecurityForces = "security_forces",
        /// Police, Levies, CTD.
        Police = "police",
        /// Civilians, including foreign nationals.
        Civilians = "civilians",
        /// The text does not say.
        People = "people",
    }
}

vocabulary! {
    /// What happened to the people counted in a casualty claim.
    Outcome {
        /// Killed.
        Killed = "killed",
        /// Wounded, injured, hurt.
        Wounded = "wounded",
        /// Abducted, kidnapped.
        Abducted = "abducted",
        /// Arrested, apprehended.
        Arrested = "arrested",
    }
}

vocabulary! {
    /// How a number was stated.
    Qualifier {
        /// A plain number: "71".
        Exact = "exact",
        /// "about", "around", "approximately", "some".
        About = "about",
        /// "nearly", "almost".
        Nearly = "nearly",
        /// "at least".
        AtLeast = "at_least",
        /// "more than", "over".
        MoreThan = "more_than",
        /// "up to", "as many as".
        UpTo = "up_to",
        /// "5,000 to 6,000": the bounds are in low and high.
        Range = "range",
        /// "dozens", "many", "scores": no number, bounds where implied.
        Vague = "vague",
    }
}

vocabulary! {
    /// What an aggregate figure counts.
    Measure {
        /// People killed.
        Deaths = "deaths",
        /// Killed and wounded counted together.
        Casualties = "casualties",
        /// People wounded.
        Wounded = "wounded",
        /// Attacks.
        Attacks = "attacks",
        /// Incidents.
        Incidents = "incidents",
        /// Militants killed.
        MilitantsKilled = "militants_killed",
        /// Security forces killed.
        SecurityForcesKilled = "security_forces_killed",
        /// Security forces wounded.
        SecurityForcesWounded = "security_forces_wounded",
        /// Police killed.
        PoliceKilled = "police_killed",
        /// Civilians killed.
        CiviliansKilled = "civilians_killed",
        /// Militants present or sheltering.
        MilitantStrength = "militant_strength",
        /// Anything else.
        Other = "other",
    }
}

vocabulary! {
    /// The unit of an aggregate figure.
    Unit {
        /// A count.
        Count = "count",
        /// A change in percent ("a 65% increase").
        PercentChange = "percent_change",
        /// A share in percent ("over 90% of fatalities").
        PercentShare = "percent_share",
    }
}

/// One row of `documents`: every input document has exactly one.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct DocumentRow {
    /// The caller's id, or the file stem when read from a folder.
    pub doc_id: String,
    /// The headline, if one could be told apart from the body.
    pub title: Option<String>,
    /// The reference date used to resolve relative dates.
    pub published: Option<NaiveDate>,
    /// How much of `published` is known.
    pub published_precision: PublishedPrecision,
    /// Given by the caller, read from the text, or not known.
    pub published_from: PublishedFrom,
    /// Characters (Unicode code points) of input.
    pub chars: u32,
    /// Rows this document produced in `incidents`.
    pub n_incidents: u32,
    /// Rows this document produced in `statistics`.
    pub n_statistics: u32,
    /// `error` rows carry the reason in `warnings`.
    pub status: Status,
    /// Everything worth knowing about how the document was read.
    pub warnings: Vec<String>,
}

/// One row of `incidents`: one violent event that a document reports.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct IncidentRow {
    /// Stable: the same input gives the same id on every run and machine.
    pub incident_id: String,
    /// The document it was read from.
    pub doc_id: String,
    /// What kind of event.
    pub event_type: EventType,
    /// First day of the period that `date_precision` names.
    pub date: Option<NaiveDate>,
    /// How much of the date is known.
    pub date_precision: DatePrecision,
    /// The words the date came from.
    pub date_text: Option<String>,
    /// "Pakistan", "Afghanistan", ...
    pub country: Option<String>,
    /// Province.
    pub admin1: Option<String>,
    /// District.
    pub admin2: Option<String>,
    /// Town, village or area below the district.
    pub place: Option<String>,
    /// WGS84 latitude of the most precise place known.
    pub lat: Option<f64>,
    /// WGS84 longitude of the most precise place known.
    pub lon: Option<f64>,
    /// What lat/lon stand for.
    pub geo_precision: GeoPrecision,
    /// Actor id of who carried it out.
    pub perpetrator: Option<String>,
    /// The words naming the perpetrator.
    pub perpetrator_text: Option<String>,
    /// Actor id, or CIVILIANS / SECURITY_FORCES / POLICE.
    pub target: Option<String>,
    /// The words naming the target.
    pub target_text: Option<String>,
    /// The most conservative total killed over the accounts.
    pub killed: Option<u32>,
    /// The largest account's total killed.
    pub killed_max: Option<u32>,
    /// The most conservative total wounded.
    pub wounded: Option<u32>,
    /// Rows of `casualties` for this incident.
    pub n_claims: u32,
    /// 0..1.
    pub confidence: f32,
    /// The sentence(s) the incident was read from.
    pub evidence: String,
    /// Offset of the evidence in the document, in Unicode code points.
    pub span_start: u32,
    /// Exclusive end of the evidence, in Unicode code points.
    pub span_end: u32,
}

/// One row of `casualties`: one claim about one incident's dead, wounded, abducted or arrested.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct CasualtyRow {
    /// The incident the claim is about.
    pub incident_id: String,
    /// The document it was read from.
    pub doc_id: String,
    /// Actor id of who made the claim.
    pub claimant: Option<String>,
    /// The words naming the claimant.
    pub claimant_text: Option<String>,
    /// Rows with the same account come from one statement and add up.
    pub account: u32,
    /// Who was counted.
    pub victim: Victim,
    /// What happened to them.
    pub outcome: Outcome,
    /// The number as stated; `None` for vague amounts.
    pub count: Option<u32>,
    /// How the number was stated.
    pub qualifier: Qualifier,
    /// Lower bound implied.
    pub low: Option<u32>,
    /// Upper bound implied; `None` when unbounded.
    pub high: Option<u32>,
    /// The sentence the claim was read from.
    pub evidence: String,
}

/// One row of `statistics`: an aggregate figure quoted in a document.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct StatisticRow {
    /// Stable id.
    pub stat_id: String,
    /// The document it was read from.
    pub doc_id: String,
    /// What it counts.
    pub measure: Measure,
    /// Count or percent.
    pub unit: Unit,
    /// The number as stated.
    pub value: Option<f64>,
    /// How the number was stated.
    pub qualifier: Qualifier,
    /// Lower bound.
    pub low: Option<f64>,
    /// Upper bound.
    pub high: Option<f64>,
    /// First day of the period covered.
    pub period_start: Option<NaiveDate>,
    /// Last day of the period covered.
    pub period_end: Option<NaiveDate>,
    /// The words the period came from.
    pub period_text: Option<String>,
    /// Countries or provinces the figure covers.
    pub region: Vec<String>,
    /// Actor or organisation id of the source.
    pub source: Option<String>,
    /// The words naming the source.
    pub source_text: Option<String>,
    /// The sentence the figure was read from.
    pub evidence: String,
}

/// One row of `events`: one real-world event, the incidents of several documents merged.
///
/// Built by [`crate::events::EventMerger`]; see that module for the rules.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct EventRow {
    /// Stable: the same incidents give the same id.
    pub event_id: String,
    /// The incidents merged into it, sorted.
    pub incident_ids: Vec<String>,
    /// The documents that report it, sorted.
    pub doc_ids: Vec<String>,
    /// Documents reporting it.
    pub n_reports: u32,
    /// What kind of event: the most specific type reported most often.
    pub event_type: EventType,
    /// The most precise date the reports agree on.
    pub date: Option<NaiveDate>,
    /// How much of the date is known.
    pub date_precision: DatePrecision,
    /// "Pakistan", "Afghanistan", ...
    pub country: Option<String>,
    /// Province.
    pub admin1: Option<String>,
    /// District.
    pub admin2: Option<String>,
    /// Town, village or area below the district.
    pub place: Option<String>,
    /// WGS84 latitude of the most precise place known.
    pub lat: Option<f64>,
    /// WGS84 longitude of the most precise place known.
    pub lon: Option<f64>,
    /// What lat/lon stand for.
    pub geo_precision: GeoPrecision,
    /// Actor id of who carried it out.
    pub perpetrator: Option<String>,
    /// Actor id of the target.
    pub target: Option<String>,
    /// The most conservative account of the dead over all reports.
    pub killed: Option<u32>,
    /// The largest account of the dead over all reports.
    pub killed_max: Option<u32>,
    /// The most conservative account of the wounded over all reports.
    pub wounded: Option<u32>,
    /// Which fields agreed, for events of more than one incident.
    pub merge_reason: Option<String>,
}

/// Everything read from one document.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Extraction {
    /// Its `documents` row.
    pub document: DocumentRow,
    /// Its incidents.
    pub incidents: Vec<IncidentRow>,
    /// The casualty claims of its incidents.
    pub casualties: Vec<CasualtyRow>,
    /// The aggregate figures it quotes.
    pub statistics: Vec<StatisticRow>,
}

/// The tables of a batch of documents, as typed rows.
///
/// Build Arrow record batches from it with [`Tables::to_record_batches`].
#[derive(Debug, Clone, Default, PartialEq, Serialize)]
pub struct Tables {
    /// One row per input document, in input order.
    pub documents: Vec<DocumentRow>,
    /// One row per incident.
    pub incidents: Vec<IncidentRow>,
    /// One row per casualty claim.
    pub casualties: Vec<CasualtyRow>,
    /// One row per aggregate figure.
    pub statistics: Vec<StatisticRow>,
    /// One row per real-world event, incidents merged across documents.
    ///
    /// Filled by [`crate::Extractor::extract_batch`] and recomputed over all
    /// incidents by [`crate::Extractor::merge`]. [`Tables::append`] only
    /// concatenates the events of two batches: merge again to join them.
    pub events: Vec<EventRow>,
}

impl Tables {
    /// Appends one document's rows.
    pub fn push(&mut self, extraction: Extraction) {
        self.documents.push(extraction.document);
        self.incidents.extend(extraction.incidents);
        self.casualties.extend(extraction.casualties);
        self.statistics.extend(extraction.statistics);
    }

    /// The tables of `parts`, one after another: [`Tables::append`] of each in turn,
    /// with every table sized once for all of them instead of grown part by part.
    ///
    /// ```
    /// use incidents::{Article, Extractor, Tables};
    /// let extractor = Extractor::new();
    /// let parts = vec![
    ///     extractor.extract_batch(&[Article::new("a", "A bomb killed two policemen in Bannu.")]),
    ///     extractor.extract_batch(&[Article::new("b", "Militants killed a soldier in Tank.")]),
    /// ];
    /// let tables = Tables::concat(parts);
    /// assert_eq!(tables.documents.len(), 2);
    /// assert_eq!(tables.documents[1].doc_id, "b");
    /// ```
    pub fn concat(parts: Vec<Tables>) -> Tables {
        let sum = |len: fn(&Tables) -> usize| parts.iter().map(len).sum::<usize>();
        let mut all = Tables {
            documents: Vec::with_capacity(sum(|t| t.documents.len())),
            incidents: Vec::with_capacity(sum(|t| t.incidents.len())),
            casualties: Vec::with_capacity(sum(|t| t.casualties.len())),
            statistics: Vec::with_capacity(sum(|t| t.statistics.len())),
            events: Vec::with_capacity(sum(|t| t.events.len())),
        };
        for part in parts {
            all.append(part);
        }
        all
    }

    /// The rows of `extractions`, in order, with every table sized once for all of
    /// them: each row is moved once, into memory taken once, where pushing
    /// extraction after extraction would move the rows again each time a table
    /// outgrew its memory.
    ///
    /// ```
    /// use incidents::{Article, Extractor, Tables};
    /// let extractor = Extractor::new();
    /// let articles = [
    ///     Article::new("a", "A bomb killed two policemen in Bannu."),
    ///     Article::new("b", "Militants killed a soldier in Tank."),
    /// ];
    /// let tables = Tables::from_extractions(extractor.extract_each(&articles));
    /// assert_eq!(tables.documents.len(), 2);
    /// assert_eq!(tables.documents[1].doc_id, "b");
    /// assert!(tables.events.is_empty());
    /// ```
    pub fn from_extractions(extractions: Vec<Extraction>) -> Tables {
        Tables::from_extraction_chunks(vec![extractions])
    }

    /// The rows of `chunks` of extractions, chunk after chunk, each row moved
    /// once: for a caller that reads a corpus in chunks ([`crate::Extractor::extract_each`]
    /// of each), where a table of each chunk put together by [`Tables::concat`]
    /// would move every row twice.
    ///
    /// ```
    /// use incidents::{Article, Extractor, Tables};
    /// let extractor = Extractor::new();
    /// let chunks = vec![
    ///     extractor.extract_each(&[Article::new("a", "A bomb killed two policemen in Bannu.")]),
    ///     extractor.extract_each(&[Article::new("b", "Militants killed a soldier in Tank.")]),
    /// ];
    /// let tables = Tables::from_extraction_chunks(chunks);
    /// assert_eq!(tables.documents.len(), 2);
    /// assert_eq!(tables.documents[1].doc_id, "b");
    /// assert_eq!(tables.incidents.len(), 2);
    /// ```
    pub fn from_extraction_chunks(chunks: Vec<Vec<Extraction>>) -> Tables {
        let sum = |len: fn(&Extraction) -> usize| {
            chunks
                .iter()
                .flat_map(|chunk| chunk.iter().map(len))
                .sum::<usize>()
        };
        let mut tables = Tables {
            documents: Vec::with_capacity(sum(|_| 1)),
            incidents: Vec::with_capacity(sum(|e| e.incidents.len())),
            casualties: Vec::with_capacity(sum(|e| e.casualties.len())),
            statistics: Vec::with_capacity(sum(|e| e.statistics.len())),
            events: Vec::new(),
        };
        for extraction in chunks.into_iter().flatten() {
            tables.push(extraction);
        }
        tables
    }

    /// Appends another batch's rows after these.
    pub fn append(&mut self, mut other: Tables) {
        self.documents.append(&mut other.documents);
        self.incidents.append(&mut other.incidents);
        self.casualties.append(&mut other.casualties);
        self.statistics.append(&mut other.statistics);
        self.events.append(&mut other.events);
    }
}

impl FromIterator<Extraction> for Tables {
    fn from_iter<I: IntoIterator<Item = Extraction>>(iter: I) -> Self {
        Tables::from_extractions(iter.into_iter().collect())
    }
}

/// The enum columns of every table with their vocabularies: `(table, column, values)`.
///
/// The Python package casts these columns to `pl.Enum` from this list, so the
/// vocabularies are spelled once, here.
pub fn enum_columns() -> Vec<(&'static str, &'static str, &'static [&'static str])> {
    vec![
        (
            "documents",
            "published_precision",
            PublishedPrecision::NAMES,
        ),
        ("documents", "published_from", PublishedFrom::NAMES),
        ("documents", "status", Status::NAMES),
        ("incidents", "event_type", EventType::NAMES),
        ("incidents", "date_precision", DatePrecision::NAMES),
        ("incidents", "geo_precision", GeoPrecision::NAMES),
        ("casualties", "victim", Victim::NAMES),
        ("casualties", "outcome", Outcome::NAMES),
        ("casualties", "qualifier", Qualifier::NAMES),
        ("statistics", "measure", Measure::NAMES),
        ("statistics", "unit", Unit::NAMES),
        ("statistics", "qualifier", Qualifier::NAMES),
        ("events", "event_type", EventType::NAMES),
        ("events", "date_precision", DatePrecision::NAMES),
        ("events", "geo_precision", GeoPrecision::NAMES),
    ]
}
