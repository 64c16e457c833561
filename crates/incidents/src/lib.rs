//! # incidents
//!
//! Reads English news reports about militant violence in Pakistan and turns them
//! into tables an analyst can count: one row per attack, airstrike or operation
//! (when, where, who, against whom, how many killed and wounded, and who claims
//! so), one row per casualty claim, and the aggregate figures the articles quote.
//!
//! The tables are those of the project's `SCHEMA.md`: [`Tables`] holds them as
//! typed rows (which derive `serde::Serialize`), [`Tables::to_record_batches`]
//! as Arrow record batches, and, behind the `polars` feature, `Tables::to_polars`
//! as polars `DataFrame`s.
//!
//! ```
//! use incidents::{Article, Extractor};
//!
//! let extractor = Extractor::new();
//! let article = Article::new(
//!     "ispr-1",
//!     "Two soldiers were martyred and three terrorists killed in an exchange of fire \
//!      in North Waziristan's Mir Ali area on Monday, the ISPR said.",
//! )
//! .with_published(chrono::NaiveDate::from_ymd_opt(2024, 3, 6));
//! let out = extractor.extract(&article);
//! assert_eq!(out.incidents.len(), 1);
//! let incident = &out.incidents[0];
//! assert_eq!(incident.event_type.to_string(), "armed_clash");
//! assert_eq!(incident.admin2.as_deref(), Some("North Waziristan"));
//! assert_eq!(incident.killed, Some(5));
//! ```
//!
//! The pipeline runs one stage a module: [`clean`] (web clutter), [`segment`]
//! (sentences with offsets), [`lexicon`] (one Aho-Corasick pass for places,
//! actors and cue words), [`numbers`], [`dates`], [`places`], [`actors`], then
//! [`assemble`] (incidents, claims, statistics) and [`frames`] (Arrow).

pub mod actors;
pub mod assemble;
pub mod clean;
pub mod dates;
mod error;
pub mod eval;
pub mod events;
mod extractor;
pub mod frames;
pub mod lexicon;
pub mod model;
pub mod numbers;
pub mod places;
#[cfg(test)]
mod sample_texts;
pub mod segment;
mod text;

pub use error::{Error, ErrorKind, Result};
pub use extractor::{Article, Extractor, ExtractorBuilder, DEFAULT_MAX_BYTES};
pub use model::{
    CasualtyRow, DatePrecision, DocumentRow, EventRow, EventType, Extraction, GeoPrecision,
    IncidentRow, Measure, Outcome, PublishedFrom, PublishedPrecision, Qualifier, StatisticRow,
    Status, Tables, Unit, Victim, Vocabulary,
};
