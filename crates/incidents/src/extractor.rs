//! The entry point: an [`Extractor`] built once and shared, and the [`Article`]s it reads.

use std::panic::{catch_unwind, AssertUnwindSafe};

use chrono::NaiveDate;
use rayon::prelude::*;

use crate::actors::ActorRegistry;
use crate::assemble;
use crate::error::Result;
use crate::events::EventMerger;
use crate::lexicon::Lexicon;
use crate::model::{
    DocumentRow, EventRow, Extraction, IncidentRow, PublishedFrom, PublishedPrecision, Status,
    Tables,
};
use crate::places::Gazetteer;

/// Texts longer than this many bytes are cut here, with a warning: no news report
/// is this long, and a cap keeps one runaway input from holding a batch hostage.
pub const DEFAULT_MAX_BYTES: usize = 8 * 1024 * 1024;

/// One document to read.
///
/// ```
/// use incidents::Article;
/// let article = Article::new("dawn-2024-03-16", "Seven soldiers were martyred ...")
///     .with_published(chrono::NaiveDate::from_ymd_opt(2024, 3, 16));
/// assert_eq!(article.doc_id, "dawn-2024-03-16");
/// ```
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Article {
    /// The caller's id; the file stem when read from a folder.
    pub doc_id: String,
    /// The text as given.
    pub text: String,
    /// The reference date for relative dates ("on Monday"), when the caller knows it.
    pub published: Option<NaiveDate>,
    /// Warnings from reading the input (e.g. invalid UTF-8 replaced), carried to the `documents` row.
    pub input_warnings: Vec<String>,
    /// Why the input could not be read at all; the document becomes a `status = error` row.
    pub input_error: Option<String>,
}

impl Article {
    /// An article from text.
    pub fn new(doc_id: impl Into<String>, text: impl Into<String>) -> Self {
        Article {
            doc_id: doc_id.into(),
            text: text.into(),
            published: None,
            input_warnings: Vec::new(),
            input_error: None,
        }
    }

    /// An article from raw bytes: invalid UTF-8 is replaced (U+FFFD) with a warning.
    ///
    /// ```
    /// use incidents::Article;
    /// let article = Article::from_bytes("x", b"Bannu \xff police");
    /// assert_eq!(article.text, "Bannu \u{FFFD} police");
    /// assert_eq!(article.input_warnings.len(), 1);
    /// ```
    pub fn from_bytes(doc_id: impl Into<String>, bytes: &[u8]) -> Self {
        match String::from_utf8_lossy(bytes) {
            std::borrow::Cow::Borrowed(text) => Article::new(doc_id, text),
            std::borrow::Cow::Owned(text) => {
                let mut article = Article::new(doc_id, text);
                article
                    .input_warnings
                    .push("invalid UTF-8 replaced with U+FFFD".to_string());
                article
            }
        }
    }

    /// A document that could not be read: it still gets its `documents` row, with `status = error`.
    ///
    /// ```
    /// use incidents::{Article, Extractor, Status};
    /// let out = Extractor::new().extract(&Article::unreadable("gone", "permission denied"));
    /// assert_eq!(out.document.status, Status::Error);
    /// assert!(out.document.warnings[0].contains("permission denied"));
    /// ```
    pub fn unreadable(doc_id: impl Into<String>, reason: impl Into<String>) -> Self {
        let mut article = Article::new(doc_id, String::new());
        article.input_error = Some(reason.into());
        article
    }

    /// Sets the reference date.
    pub fn with_published(mut self, published: Option<NaiveDate>) -> Self {
        self.published = published;
        self
    }
}

/// Reads articles into the four tables.
///
/// Build it once: it compiles its dictionaries (places, actors, cue words) into
/// one automaton, and is `Send + Sync`, so one extractor serves every thread.
///
/// ```
/// use incidents::{Article, Extractor};
/// let extractor = Extractor::new();
/// let articles = vec![
///     Article::new("a", "A roadside bomb killed three policemen in Bajaur on Sunday."),
///     Article::new("b", ""),
/// ];
/// let tables = extractor.extract_batch(&articles);
/// assert_eq!(tables.documents.len(), 2);
/// assert_eq!(tables.documents[1].status.to_string(), "empty");
/// ```
#[derive(Debug)]
pub struct Extractor {
    pub(crate) gazetteer: Gazetteer,
    pub(crate) actors: ActorRegistry,
    pub(crate) lexicon: Lexicon,
    merger: EventMerger,
    max_bytes: usize,
}

/// Builds an [`Extractor`] with the user's own places and actors added to the bundled data.
///
/// ```
/// use incidents::Extractor;
/// let extractor = Extractor::builder()
///     .add_places_tsv("id\tkind\tname\tparent\tlat\tlon\taliases\tmatch\tsource\n\
///                      PK.KP.BANNU.GHORIWALA\ttown\tGhoriwala\tPK.KP.BANNU\t33.03\t70.55\t\tany\tuser\n")
///     .build()
///     .unwrap();
/// assert!(extractor.gazetteer().find_by_name("Ghoriwala").is_some());
/// ```
#[derive(Debug, Default)]
pub struct ExtractorBuilder {
    extra_places: Vec<String>,
    extra_actors: Vec<String>,
    max_bytes: Option<usize>,
}

impl ExtractorBuilder {
    /// Adds gazetteer rows in the format of the bundled `data/places.tsv` (header line included).
    pub fn add_places_tsv(mut self, tsv: impl Into<String>) -> Self {
        self.extra_places.push(tsv.into());
        self
    }

    /// Adds actor rows in the format of the bundled `data/actors.tsv` (header line included).
    pub fn add_actors_tsv(mut self, tsv: impl Into<String>) -> Self {
        self.extra_actors.push(tsv.into());
        self
    }

    /// Texts longer than this many bytes are cut, with a warning (default [`DEFAULT_MAX_BYTES`]).
    pub fn max_bytes(mut self, max_bytes: usize) -> Self {
        self.max_bytes = Some(max_bytes);
        self
    }

    /// Loads and checks the data and compiles the dictionaries.
    pub fn build(self) -> Result<Extractor> {
        let gazetteer = Gazetteer::load(&self.extra_places)?;
        let actors = ActorRegistry::load(&self.extra_actors)?;
        let lexicon = Lexicon::build(&gazetteer, &actors)?;
        let merger = EventMerger::new(&actors, &gazetteer)?;
        Ok(Extractor {
            gazetteer,
            actors,
            lexicon,
            merger,
            max_bytes: self.max_bytes.unwrap_or(DEFAULT_MAX_BYTES),
        })
    }
}

impl Default for Extractor {
    fn default() -> Self {
        Extractor::new()
    }
}

impl Extractor {
    /// An extractor with the bundled data.
    ///
    /// # Panics
    ///
    /// Never for the bundled data, which the crate's tests load; data of your own
    /// goes through [`Extractor::builder`], which returns an error instead.
    pub fn new() -> Self {
        #[allow(clippy::expect_used)]
        ExtractorBuilder::default()
            .build()
            .expect("the bundled data files load (checked by the crate's tests)")
    }

    /// A builder, to add places and actors of your own.
    pub fn builder() -> ExtractorBuilder {
        ExtractorBuilder::default()
    }

    /// The gazetteer in use.
    pub fn gazetteer(&self) -> &Gazetteer {
        &self.gazetteer
    }

    /// The actor registry in use.
    pub fn actors(&self) -> &ActorRegistry {
        &self.actors
    }

    /// Reads one article. Never panics: a failure inside becomes a `status = error` row.
    pub fn extract(&self, article: &Article) -> Extraction {
        if let Some(reason) = &article.input_error {
            return error_extraction(article, reason.clone());
        }
        let (text, truncated) = truncate_at_char_boundary(&article.text, self.max_bytes);
        let outcome = catch_unwind(AssertUnwindSafe(|| {
            assemble::extract_document(self, article, text)
        }));
        match outcome {
            Ok(mut extraction) => {
                if truncated {
                    extraction.document.warnings.push(format!(
                        "text truncated to its first {} bytes of {}",
                        text.len(),
                        article.text.len()
                    ));
                }
                extraction
            }
            Err(panic) => {
                let detail = panic
                    .downcast_ref::<&str>()
                    .map(|s| s.to_string())
                    .or_else(|| panic.downcast_ref::<String>().cloned())
                    .unwrap_or_else(|| "unknown cause".to_string());
                error_extraction(
                    article,
                    format!("internal error while extracting: {detail}"),
                )
            }
        }
    }

    /// Reads many articles in parallel (rayon), keeping input order: one `documents` row per article.
    ///
    /// `events` merges the batch's incidents across its documents (see [`crate::events`]).
    pub fn extract_batch(&self, articles: &[Article]) -> Tables {
        let mut tables = self.extract_batch_unmerged(articles);
        self.merge(&mut tables);
        tables
    }

    /// As [`Extractor::extract_batch`], with `events` left empty: for a caller that
    /// reads a corpus in chunks and merges once at the end ([`Extractor::merge`]),
    /// so that no chunk's events are computed only to be thrown away.
    ///
    /// ```
    /// use incidents::{Article, Extractor};
    /// let extractor = Extractor::new();
    /// let mut tables = extractor.extract_batch_unmerged(&[Article::new("a",
    ///     "A roadside bomb killed three policemen in Bajaur on 6 May 2024.")]);
    /// assert!(tables.events.is_empty());
    /// extractor.merge(&mut tables);
    /// assert_eq!(tables.events.len(), 1);
    /// ```
    pub fn extract_batch_unmerged(&self, articles: &[Article]) -> Tables {
        Tables::from_extractions(self.extract_each(articles))
    }

    /// [`Extractor::extract`] of each article, in parallel (rayon), in input order:
    /// for a caller that reads a corpus in chunks and puts the rows of every chunk
    /// into one set of tables at the end ([`Tables::from_extractions`]), each row
    /// moved once.
    ///
    /// ```
    /// use incidents::{Article, Extractor};
    /// let extractor = Extractor::new();
    /// let read = extractor.extract_each(&[
    ///     Article::new("a", "A roadside bomb killed three policemen in Bajaur."),
    ///     Article::new("b", ""),
    /// ]);
    /// assert_eq!(read.len(), 2);
    /// assert_eq!(read[1].document.doc_id, "b");
    /// ```
    pub fn extract_each(&self, articles: &[Article]) -> Vec<Extraction> {
        articles.par_iter().map(|a| self.extract(a)).collect()
    }

    /// Merges incidents of different documents into events, one row per real-world event.
    ///
    /// The result depends on the set of incidents only: merging yesterday's
    /// incidents with today's gives what merging them all at once gives, and an
    /// incident id seen twice counts once. See [`crate::events`] for the rules.
    pub fn merge_events(&self, incidents: &[IncidentRow]) -> Vec<EventRow> {
        self.merger.merge(incidents)
    }

    /// The rules that merge incidents into events, for a merge in runs of dates
    /// ([`EventMerger::streaming`]) when a corpus's incidents do not fit in memory.
    pub fn event_merger(&self) -> &EventMerger {
        &self.merger
    }

    /// Recomputes `tables.events` over all of `tables.incidents`: call it after
    /// [`Tables::append`] to merge batches read apart.
    ///
    /// ```
    /// use incidents::{Article, Extractor};
    /// let extractor = Extractor::new();
    /// let mut monday = extractor.extract_batch(&[Article::new("a",
    ///     "A bomb killed two policemen in Bajaur's Khar on 6 May 2024.")]);
    /// let tuesday = extractor.extract_batch(&[Article::new("b",
    ///     "Two police constables died when a bomb went off in Khar, Bajaur, on May 6, 2024.")]);
    /// monday.append(tuesday);
    /// extractor.merge(&mut monday);
    /// assert_eq!(monday.incidents.len(), 2);
    /// assert_eq!(monday.events.len(), 1);
    /// ```
    pub fn merge(&self, tables: &mut Tables) {
        tables.events = self.merger.merge(&tables.incidents);
    }
}

fn truncate_at_char_boundary(text: &str, max_bytes: usize) -> (&str, bool) {
    if text.len() <= max_bytes {
        return (text, false);
    }
    let mut end = max_bytes;
    while !text.is_char_boundary(end) {
        end -= 1;
    }
    (&text[..end], true)
}

fn error_extraction(article: &Article, reason: String) -> Extraction {
    let mut warnings = article.input_warnings.clone();
    warnings.push(reason);
    Extraction {
        document: DocumentRow {
            doc_id: article.doc_id.clone(),
            title: None,
            published: article.published,
            published_precision: if article.published.is_some() {
                PublishedPrecision::Day
            } else {
                PublishedPrecision::Unknown
            },
            published_from: if article.published.is_some() {
                PublishedFrom::Given
            } else {
                PublishedFrom::None
            },
            chars: u32::try_from(article.text.chars().count()).unwrap_or(u32::MAX),
            n_incidents: 0,
            n_statistics: 0,
            status: Status::Error,
            warnings,
        },
        incidents: Vec::new(),
        casualties: Vec::new(),
        statistics: Vec::new(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn extractor_is_send_and_sync() {
        fn assert_send_sync<T: Send + Sync>() {}
        assert_send_sync::<Extractor>();
    }

    #[test]
    fn truncation_respects_char_boundaries() {
        let (cut, truncated) = truncate_at_char_boundary("aé", 2);
        assert_eq!(cut, "a");
        assert!(truncated);
    }
}
