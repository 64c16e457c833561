//! Merging incidents across documents into events: one row per real-world event.
//!
//! Five outlets reporting one bombing give five incidents; an analyst counting
//! attacks needs one event, with every outlet's figures kept. [`EventMerger`]
//! joins incidents of *different* documents when everything that can be
//! compared agrees:
//!
//! - **type**: the two types may name one event (`data/event_types.tsv`: an
//!   attack and a suicide bombing may, an airstrike and an abduction may not);
//! - **date**: both known, and the periods their precisions name overlap once
//!   widened by one day (so "late on Tuesday" and "on Wednesday" agree);
//! - **place**: the same district; where both name a place below it, the same
//!   place or one inside the other (by the gazetteer), or else the same day
//!   (outlets name different villages for one attack). The province alone
//!   only when neither report knows the district. Reports of week, month or year
//!   precision need the same place, not just the district;
//! - **perpetrator**: the same group once factions are rolled up, or one of them
//!   unknown or unnamed ("militants"). A state force and a militant group are
//!   the two sides of one clash or operation, so they agree for those types only.
//!
//! Casualty figures never block a merge, since sources disagree; they break ties
//! between candidate events. Two incidents of one document are never merged:
//! that is the assembly stage's decision.
//!
//! The result depends only on the *set* of incidents, not on their order or on
//! how they were batched: incidents are sorted by date and id, and each joins the
//! best event it agrees with on every incident already in it (complete linkage).
//! Merging yesterday's tables with today's gives what merging everything at once
//! gives.
//!
//! ```
//! use incidents::{Article, Extractor};
//! use chrono::NaiveDate;
//!
//! let extractor = Extractor::new();
//! let day = NaiveDate::from_ymd_opt(2024, 3, 17);
//! let articles = [
//!     Article::new("wire", "A suicide bomber killed five soldiers in Mir Ali, North \
//!         Waziristan, on Saturday, officials said.").with_published(day),
//!     Article::new("ispr", "Seven soldiers were martyred when terrorists rammed an \
//!         explosives-laden vehicle into a post in Mir Ali on Saturday, the ISPR said.")
//!         .with_published(day),
//! ];
//! let tables = extractor.extract_batch(&articles);
//! assert_eq!(tables.incidents.len(), 2);
//! assert_eq!(tables.events.len(), 1);
//! let event = &tables.events[0];
//! assert_eq!(event.n_reports, 2);
//! // The wire's five soldiers (the bomber's death is not stated); the ISPR's seven.
//! assert_eq!((event.killed, event.killed_max), (Some(5), Some(7)));
//! assert!(event.merge_reason.as_deref().unwrap().contains("Mir Ali"));
//! ```

use std::borrow::Borrow;
use std::fmt::Write as _;

use chrono::{Datelike, Days, NaiveDate};
use rayon::prelude::*;

use crate::actors::{ActorKind, ActorRegistry};
use crate::error::{Error, ErrorKind, Result};
use crate::model::{DatePrecision, EventRow, EventType, GeoPrecision, IncidentRow, Vocabulary};
use crate::places::Gazetteer;
use crate::text::{hex_id, stable_hash, tsv_rows, FastMap, FastSet};

const EVENT_TYPES_TSV: &str = include_str!("../data/event_types.tsv");
const EVENT_TYPE_COLUMNS: &[&str] = &["event_type", "specificity", "merges_with", "source"];
const N_TYPES: usize = EventType::NAMES.len();

/// What the merger needs to know of an actor id: its roll-up and its side.
#[derive(Debug, Clone, Copy)]
struct ActorFacts {
    /// The roll-up's number among the roll-ups (one number per id): compared for
    /// every pair of reports that name different perpetrators.
    top: u32,
    side: Side,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Side {
    /// Unnamed militants or an id nobody registered: agrees with anyone.
    Unknown,
    Militant,
    State,
    Other,
}

/// Joins incidents of different documents into events. Built once per
/// [`crate::Extractor`] from its data; `Send + Sync`.
///
/// ```
/// use incidents::Extractor;
/// let extractor = Extractor::new();
/// let tables = extractor.extract_batch(&[]);
/// assert!(extractor.merge_events(&tables.incidents).is_empty());
/// ```
#[derive(Debug, Clone)]
pub struct EventMerger {
    compatible: [[bool; N_TYPES]; N_TYPES],
    specificity: [u8; N_TYPES],
    // Hashed (FxHash), not ordered: each report's perpetrator and place are
    // looked up once a merge, and nothing iterates these maps.
    actors: FastMap<String, ActorFacts>,
    /// Each gazetteer place name (lower case) with its number, the place of its
    /// parents in `place_parents`.
    place_numbers: FastMap<String, u32>,
    /// By place number, the numbers of the places each lies in.
    place_parents: Vec<Vec<u32>>,
}

/// The row and column of `event_type` in the merger's tables.
fn type_index(event_type: EventType) -> usize {
    event_type.index()
}

impl EventMerger {
    /// Builds the merger from the bundled event-type rules and the extractor's data.
    pub fn new(actors: &ActorRegistry, gazetteer: &Gazetteer) -> Result<EventMerger> {
        let mut compatible = [[false; N_TYPES]; N_TYPES];
        let mut specificity = [0u8; N_TYPES];
        let mut seen = [false; N_TYPES];
        let origin = "data/event_types.tsv";
        for (line, fields) in tsv_rows(EVENT_TYPES_TSV, origin, EVENT_TYPE_COLUMNS)? {
            let bad =
                |what: String| Error::new(ErrorKind::Data, format!("{origin}:{line}: {what}"));
            let this = EventType::parse(fields[0])
                .ok_or_else(|| bad(format!("unknown event type {:?}", fields[0])))?;
            let i = type_index(this);
            seen[i] = true;
            specificity[i] = fields[1]
                .parse()
                .map_err(|_| bad(format!("specificity {:?} is not a small number", fields[1])))?;
            compatible[i][i] = true;
            for other in fields[2].split('|').filter(|s| !s.is_empty()) {
                let j =
                    type_index(EventType::parse(other).ok_or_else(|| {
                        bad(format!("unknown event type {other:?} in merges_with"))
                    })?);
                compatible[i][j] = true;
                compatible[j][i] = true;
            }
        }
        if let Some(missing) = seen.iter().position(|s| !s) {
            return Err(Error::new(
                ErrorKind::Data,
                format!(
                    "{origin}: no row for event type {}",
                    EventType::NAMES[missing]
                ),
            ));
        }
        let mut tops: FastMap<&str, u32> = FastMap::default();
        let actors = actors
            .actors()
            .iter()
            .enumerate()
            .map(|(index, actor)| {
                let top = actors.roll_up(index);
                let next = u32::try_from(tops.len()).unwrap_or(u32::MAX);
                let top = *tops.entry(top.id.as_str()).or_insert(next);
                let side = match actor.kind {
                    ActorKind::Generic | ActorKind::VictimCategory => Side::Unknown,
                    kind if kind.is_militant() => Side::Militant,
                    kind if kind.is_state_force() || kind == ActorKind::Government => Side::State,
                    _ => Side::Other,
                };
                (actor.id.clone(), ActorFacts { top, side })
            })
            .collect();
        // Every name gets its number first, so that a parent's name has one.
        let mut place_numbers: FastMap<String, u32> = FastMap::default();
        for place in gazetteer.places() {
            let next = u32::try_from(place_numbers.len()).unwrap_or(u32::MAX);
            place_numbers
                .entry(place.name.to_lowercase())
                .or_insert(next);
        }
        // A name of several places keeps the parents of its first, as it did
        // when the names themselves were compared.
        let mut place_parents: Vec<Option<Vec<u32>>> = vec![None; place_numbers.len()];
        for (index, place) in gazetteer.places().iter().enumerate() {
            let number = place_numbers.get(&place.name.to_lowercase()).copied();
            let Some(slot) = number.and_then(|n| place_parents.get_mut(n as usize)) else {
                continue;
            };
            if slot.is_none() {
                *slot = Some(
                    gazetteer
                        .ancestry(index)
                        .skip(1)
                        .filter_map(|(_, p)| place_numbers.get(&p.name.to_lowercase()).copied())
                        .collect(),
                );
            }
        }
        Ok(EventMerger {
            compatible,
            specificity,
            actors,
            place_numbers,
            place_parents: place_parents
                .into_iter()
                .map(Option::unwrap_or_default)
                .collect(),
        })
    }

    /// Merges incidents into events, one row per event, ordered by date (unknown last)
    /// and then by event id.
    ///
    /// Incidents with an `incident_id` seen before are skipped, so merging tables
    /// that overlap counts nothing twice.
    pub fn merge(&self, incidents: &[IncidentRow]) -> Vec<EventRow> {
        // FxHash (one multiply a word) where SipHash costs several times that on
        // short ids; chosen keys could at worst slow a merge, never change it.
        let mut seen: FastSet<&str> =
            FastSet::with_capacity_and_hasher(incidents.len(), Default::default());
        let kept: Vec<&IncidentRow> = incidents
            .iter()
            .filter(|row| seen.insert(row.incident_id.as_str()))
            .collect();
        // Incident ids are unique here, so no two keys tie and an unstable sort
        // gives the order a stable one would, in less work. The keys are sorted
        // and the facts made in their order, so that no fact is moved by the sort.
        let order = sorted_places(kept.iter().map(|row| {
            let start = row
                .date
                .and_then(|d| period(d, row.date_precision))
                .map(|p| p.0);
            sweep_key(start, &row.incident_id)
        }));
        let facts: Vec<Facts<&IncidentRow>> = order
            .into_iter()
            .filter_map(|at| kept.get(at).copied())
            .map(|row| Facts::of(row, self))
            .collect();
        // Two reports merge only in one district (or, neither knowing a district,
        // one province; see `agreement`), so each area is swept on its own, the
        // areas side by side on rayon's threads. Without this, the work would grow
        // with the square of a busy day's reports.
        let (areas, mut clusters) = split_by_area(facts);
        let swept: Vec<Vec<Cluster<&IncidentRow>>> = areas
            .into_par_iter()
            .map(|(_, members)| {
                let mut sweep = Sweep::default();
                let mut closed = Vec::new();
                for fact in members {
                    sweep.push(self, fact, &mut closed);
                }
                closed.extend(sweep.open);
                closed
            })
            .collect();
        clusters.extend(swept.into_iter().flatten());
        let mut events: Vec<Option<EventRow>> = clusters
            .par_iter()
            .map(|cluster| Some(self.event_row(&cluster.members)))
            .collect();
        // The order of the areas is the hash map's; the events are put in a total
        // order of their own (event ids hash distinct sets of incidents: no ties).
        // An event row is some 300 bytes, which a sort would move many times over:
        // the keys are sorted, and each row is then moved once, to its place.
        let order = sorted_places(events.iter().flatten().map(event_key));
        order
            .into_iter()
            .filter_map(|at| events.get_mut(at).and_then(Option::take))
            .collect()
    }

    /// Merges incidents handed over in runs of dates, holding only the events
    /// still open: see [`StreamingMerge`].
    pub fn streaming(&self) -> StreamingMerge<'_> {
        StreamingMerge {
            merger: self,
            areas: FastMap::default(),
            ready: Vec::new(),
            undated: Vec::new(),
            latest: None,
        }
    }

    /// How well two incidents agree, or `None` when they cannot be one event.
    fn agreement<R: Borrow<IncidentRow>>(&self, a: &Facts<R>, b: &Facts<R>) -> Option<f32> {
        // The tests that end in `None` come cheapest first: which of them turns a
        // pair down does not change the answer. An open event of a long period
        // (a month, a year) meets every report of its area in that time, so most
        // pairs end at the periods or the types.
        let ((sa, ea), (sb, eb)) = (a.period?, b.period?);
        if sa > eb + Days::new(1) || sb > ea + Days::new(1) {
            return None;
        }
        let (ta, tb) = (a.type_index, b.type_index);
        if !self.compatible[ta][tb] {
            return None;
        }
        let coarse = a.row().date_precision != DatePrecision::Day
            || b.row().date_precision != DatePrecision::Day;
        let same_day = !coarse && sa == sb;
        // The places before the strings: within one area and period, most pairs
        // a sweep meets that end here end at the places.
        let mut score = 0.0;
        match (a.place_key.as_deref(), b.place_key.as_deref()) {
            (Some(pa), Some(pb)) if pa == pb || self.nested(a.place_number, b.place_number) => {
                score += 1.0
            }
            // Outlets name different villages, or the tehsil and a village, for one
            // attack; on the same day in one district that is the likelier reading.
            (Some(_), Some(_)) if same_day => {}
            (Some(_), Some(_)) => return None,
            // See `Facts::merges_with_nothing`, which rests on this arm.
            _ if coarse => return None,
            _ => {}
        }
        if a.row().doc_id == b.row().doc_id {
            return None;
        }
        if let (Some(ca), Some(cb)) = (&a.row().country, &b.row().country) {
            if !ca.eq_ignore_ascii_case(cb) {
                return None;
            }
        }
        match (&a.row().admin2, &b.row().admin2) {
            (Some(da), Some(db)) if da.eq_ignore_ascii_case(db) => score += 1.0,
            (None, None) => match (&a.row().admin1, &b.row().admin1) {
                (Some(pa), Some(pb)) if pa.eq_ignore_ascii_case(pb) => {}
                _ => return None,
            },
            _ => return None,
        }
        if !perpetrators_agree(a, b) {
            return None;
        }
        if same_day {
            score += 0.5;
        }
        if ta == tb {
            score += 0.25;
        }
        if let (Some(pa), Some(pb)) = (&a.row().perpetrator, &b.row().perpetrator) {
            if pa == pb {
                score += 0.25;
            }
        }
        if let (Some(ka), Some(kb)) = (a.row().killed, b.row().killed) {
            // Figures never decide, but near ones make a likelier partner.
            let (lo, hi) = (ka.min(kb) as f32, ka.max(kb) as f32);
            score += 0.25 * (lo + 1.0) / (hi + 1.0);
        }
        Some(score)
    }

    /// Whether one place lies inside the other, by their numbers (none for a
    /// name the gazetteer lacks, which lies in nothing and holds nothing).
    fn nested(&self, a: Option<u32>, b: Option<u32>) -> bool {
        let (Some(a), Some(b)) = (a, b) else {
            return false;
        };
        let within = |inner: u32, outer: u32| {
            self.place_parents
                .get(inner as usize)
                .is_some_and(|parents| parents.contains(&outer))
        };
        within(a, b) || within(b, a)
    }

    /// The row of the event `members` report (in sweep order).
    fn event_row<R: Borrow<IncidentRow>>(&self, members: &[Facts<R>]) -> EventRow {
        match members {
            [only] => event_of_one(only.row()),
            _ => self.event_of_many(members),
        }
    }

    /// The row of an event from its reports' tallies: the most specific type, the
    /// most common date and place among the most precise, and so on.
    fn event_of_many<R: Borrow<IncidentRow>>(&self, members: &[Facts<R>]) -> EventRow {
        // The ids are sorted and counted as borrowed strings, and copied once.
        let mut incident_ids: Vec<&str> = members
            .iter()
            .map(|f| f.row().incident_id.as_str())
            .collect();
        incident_ids.sort_unstable();
        let mut doc_ids: Vec<&str> = members.iter().map(|f| f.row().doc_id.as_str()).collect();
        doc_ids.sort_unstable();
        doc_ids.dedup();
        let id_parts: Vec<&[u8]> = incident_ids.iter().map(|s| s.as_bytes()).collect();
        let event_id = event_id(stable_hash(&id_parts));

        // The most specific type any report gives ("a suicide bombing" over "an
        // attack"): reports that know less say less, not something else.
        let event_type = members
            .iter()
            .map(|f| f.row().event_type)
            .max_by_key(|t| (self.specificity[type_index(*t)], std::cmp::Reverse(*t)))
            .unwrap_or(EventType::Other);

        let best_date = members
            .iter()
            .filter(|f| f.row().date.is_some())
            .map(|f| date_rank(f.row().date_precision))
            .max();
        let (date, date_precision) = match best_date {
            Some(rank) => {
                let date = most_common(
                    members
                        .iter()
                        .filter(|f| {
                            f.row().date.is_some() && date_rank(f.row().date_precision) == rank
                        })
                        .filter_map(|f| f.row().date),
                    // Among equally common dates, the earliest: later reports drift later.
                    |d| std::cmp::Reverse(*d),
                );
                let precision = members
                    .iter()
                    .find(|f| f.row().date.is_some() && date_rank(f.row().date_precision) == rank)
                    .map_or(DatePrecision::Unknown, |f| f.row().date_precision);
                (date, precision)
            }
            None => (None, DatePrecision::Unknown),
        };

        // The location of the most precise report; among those, the place named most often.
        let best_geo = members
            .iter()
            .map(|f| geo_rank(f.row().geo_precision))
            .max()
            .unwrap_or(0);
        let located: Vec<&Facts<R>> = members
            .iter()
            .filter(|f| geo_rank(f.row().geo_precision) == best_geo)
            .collect();
        let place = most_common(
            located.iter().filter_map(|f| f.row().place.as_deref()),
            |_| 0,
        );
        let source = located
            .iter()
            .find(|f| f.row().place.as_deref() == place)
            .or(located.first())
            .map(|f| f.row());

        let perpetrator = most_common(
            members.iter().filter_map(|f| {
                f.row()
                    .perpetrator
                    .as_deref()
                    .filter(|p| self.actors.get(*p).is_none_or(|a| a.side != Side::Unknown))
            }),
            |_| 0,
        )
        .or_else(|| {
            most_common(
                members
                    .iter()
                    .filter_map(|f| f.row().perpetrator.as_deref()),
                |_| 0,
            )
        });
        let target = most_common(
            members.iter().filter_map(|f| f.row().target.as_deref()),
            |_| 0,
        );

        let killed = members.iter().filter_map(|f| f.row().killed).min();
        let killed_max = members
            .iter()
            .filter_map(|f| f.row().killed_max.or(f.row().killed))
            .max();
        let wounded = members.iter().filter_map(|f| f.row().wounded).min();

        let merge_reason = (members.len() > 1).then(|| merge_reason(members, doc_ids.len()));

        EventRow {
            event_id,
            n_reports: u32::try_from(doc_ids.len()).unwrap_or(u32::MAX),
            incident_ids: incident_ids.into_iter().map(str::to_owned).collect(),
            doc_ids: doc_ids.into_iter().map(str::to_owned).collect(),
            event_type,
            date,
            date_precision,
            country: source.and_then(|r| r.country.clone()),
            admin1: source.and_then(|r| r.admin1.clone()),
            admin2: source.and_then(|r| r.admin2.clone()),
            place: source.and_then(|r| r.place.clone()),
            lat: source.and_then(|r| r.lat),
            lon: source.and_then(|r| r.lon),
            geo_precision: source.map_or(GeoPrecision::Unknown, |r| r.geo_precision),
            perpetrator: perpetrator.map(str::to_owned),
            target: target.map(str::to_owned),
            killed,
            killed_max,
            wounded,
            merge_reason,
        }
    }
}

/// The row of an event one report alone gives: what [`EventMerger::event_of_many`]
/// makes of one member, without its tallies. Most events are one report, and the
/// tallies (sorted id lists, maps of values to counts) cost most of the merge.
fn event_of_one(row: &IncidentRow) -> EventRow {
    let (date, date_precision) = match row.date {
        Some(date) => (Some(date), row.date_precision),
        None => (None, DatePrecision::Unknown),
    };
    EventRow {
        event_id: event_id(stable_hash(&[row.incident_id.as_bytes()])),
        n_reports: 1,
        incident_ids: vec![row.incident_id.clone()],
        doc_ids: vec![row.doc_id.clone()],
        event_type: row.event_type,
        date,
        date_precision,
        country: row.country.clone(),
        admin1: row.admin1.clone(),
        admin2: row.admin2.clone(),
        place: row.place.clone(),
        lat: row.lat,
        lon: row.lon,
        geo_precision: row.geo_precision,
        perpetrator: row.perpetrator.clone(),
        target: row.target.clone(),
        killed: row.killed,
        killed_max: row.killed_max.or(row.killed),
        wounded: row.wounded,
        merge_reason: None,
    }
}

/// Merges incidents handed over in runs of dates, and hands back each event as
/// soon as no later incident can change it or come before it in the table.
///
/// [`EventMerger::merge`] needs every incident of a corpus at once. This gives the
/// same events in the same order while holding only the reports of events still
/// open (a day or two of news in a busy district; up to a year behind a report
/// dated only to the year) and the events not yet handed back. The caller cuts
/// the incidents into runs of dates: every dated incident of a call must be dated
/// after every dated incident of the calls before (undated ones may come in any
/// call).
/// Unlike [`EventMerger::merge`], an `incident_id` seen twice is not skipped: each
/// incident must come once.
///
/// ```
/// use chrono::NaiveDate;
/// use incidents::{Article, Extractor};
/// let extractor = Extractor::new();
/// let day = NaiveDate::from_ymd_opt(2024, 5, 6);
/// let articles = [
///     Article::new("a", "A roadside bomb killed three policemen in Khar, Bajaur, on Monday.")
///         .with_published(day),
///     Article::new("b", "Three police officials died when a bomb hit their van in Bajaur on Monday.")
///         .with_published(day),
/// ];
/// let tables = extractor.extract_batch_unmerged(&articles);
/// let mut merge = extractor.event_merger().streaming();
/// let mut events = merge.push(tables.incidents.clone()).expect("one run of dates");
/// events.extend(merge.finish());
/// assert_eq!(events, extractor.merge_events(&tables.incidents));
/// assert_eq!(events.len(), 1);
/// ```
#[derive(Debug)]
pub struct StreamingMerge<'m> {
    merger: &'m EventMerger,
    /// The open events of each area.
    areas: FastMap<Area, Sweep<IncidentRow>>,
    /// Dated events complete but not handed back, since one still open or yet to
    /// come may sort before them.
    ready: Vec<EventRow>,
    /// Undated events, which come last in the table.
    undated: Vec<EventRow>,
    /// The latest start of a period seen so far.
    latest: Option<NaiveDate>,
}

impl StreamingMerge<'_> {
    /// Merges the next run of dates and returns the events now complete, in the
    /// order of [`EventMerger::merge`]: all of them come before any event a later
    /// call returns.
    ///
    /// An error of kind [`ErrorKind::Input`] when a dated incident is not dated
    /// after every dated incident of the calls before; nothing is merged then.
    pub fn push(&mut self, incidents: Vec<IncidentRow>) -> Result<Vec<EventRow>> {
        let mut facts: Vec<Facts<IncidentRow>> = incidents
            .into_iter()
            .map(|row| Facts::of(row, self.merger))
            .collect();
        facts.sort_by(sweep_order);
        // By the date, not the period's start: a date of unknown precision has no
        // period, yet its event is dated and must not come before those handed back.
        let first = facts.iter().filter_map(|f| f.row().date).min();
        if let (Some(first), Some(latest)) = (first, self.latest) {
            if first <= latest {
                return Err(Error::new(
                    ErrorKind::Input,
                    format!(
                        "incidents are merged in runs of dates, but one of {first} came after one of {latest}"
                    ),
                ));
            }
        }
        if let Some(last) = facts.iter().filter_map(|f| f.row().date).max() {
            self.latest = Some(last);
        }
        let (areas, mut closed) = split_by_area(facts);
        let work: Vec<(Area, Sweep<IncidentRow>, Vec<Facts<IncidentRow>>)> = areas
            .into_iter()
            .map(|(area, members)| {
                let sweep = self.areas.remove(&area).unwrap_or_default();
                (area, sweep, members)
            })
            .collect();
        let merger = self.merger;
        let swept: Vec<(Area, Sweep<IncidentRow>, Vec<Cluster<IncidentRow>>)> = work
            .into_par_iter()
            .map(|(area, mut sweep, members)| {
                let mut done = Vec::new();
                for fact in members {
                    sweep.push(merger, fact, &mut done);
                }
                (area, sweep, done)
            })
            .collect();
        for (area, sweep, done) in swept {
            closed.extend(done);
            self.areas.insert(area, sweep);
        }
        // Every later incident starts after `latest`: an event that ended before
        // it is complete, even in an area with no news in this run.
        if let Some(latest) = self.latest {
            for sweep in self.areas.values_mut() {
                sweep.close_before(latest, &mut closed);
            }
            self.areas.retain(|_, sweep| !sweep.open.is_empty());
        }
        self.collect(closed);
        // An event's date is one of its reports' dates, so none still open or yet
        // to come can be dated before the earliest start of an open event's
        // reports, nor on or before `latest`.
        let mut bound = self.latest.and_then(|d| d.succ_opt());
        for sweep in self.areas.values() {
            for cluster in &sweep.open {
                let start = cluster.members.first().and_then(|f| f.period).map(|p| p.0);
                bound = match (bound, start) {
                    (Some(b), Some(s)) => Some(b.min(s)),
                    (b, s) => b.or(s),
                };
            }
        }
        let Some(bound) = bound else {
            return Ok(Vec::new());
        };
        self.ready.sort_by(event_order);
        let complete = self
            .ready
            .partition_point(|e| e.date.is_some_and(|d| d < bound));
        let rest = self.ready.split_off(complete);
        Ok(std::mem::replace(&mut self.ready, rest))
    }

    /// Closes every open event and returns the events not handed back yet, in order.
    pub fn finish(mut self) -> Vec<EventRow> {
        let mut closed = Vec::new();
        for (_, sweep) in self.areas.drain() {
            closed.extend(sweep.open);
        }
        self.collect(closed);
        let mut events = std::mem::take(&mut self.ready);
        events.sort_by(event_order);
        self.undated.sort_by(event_order);
        events.append(&mut self.undated);
        events
    }

    fn collect(&mut self, closed: Vec<Cluster<IncidentRow>>) {
        let merger = self.merger;
        let rows: Vec<EventRow> = closed
            .par_iter()
            .map(|cluster| merger.event_row(&cluster.members))
            .collect();
        for row in rows {
            if row.date.is_some() {
                self.ready.push(row);
            } else {
                self.undated.push(row);
            }
        }
    }
}

/// The area two incidents must share to be one event: the district, or the
/// province when the report knows no district; `None` when it knows neither.
///
/// Incidents of different areas never merge, so a corpus too large to merge at
/// once can be split by this key and each part merged alone: the events of the
/// parts together are those of one merge (the command line spills incidents to
/// disk this way).
///
/// ```
/// use incidents::{events::area_key, Article, Extractor};
/// let tables = Extractor::new().extract_batch(&[Article::new("a",
///     "A roadside bomb killed three policemen in Khar, Bajaur, on 6 May 2024.")]);
/// assert_eq!(area_key(&tables.incidents[0]).as_deref(), Some("district:bajaur"));
/// ```
pub fn area_key(row: &IncidentRow) -> Option<String> {
    area_of(row).map(|(level, name)| format!("{}:{name}", level.name()))
}

/// The area of [`area_key`], as the merge keys its maps: the same areas, without
/// writing the level into a new string for every incident.
fn area_of(row: &IncidentRow) -> Option<Area> {
    match (&row.admin2, &row.admin1) {
        (Some(district), _) => Some((AreaLevel::District, district.to_lowercase())),
        (None, Some(province)) => Some((AreaLevel::Province, province.to_lowercase())),
        (None, None) => None,
    }
}

/// An area as the merge keys its maps: its level and its name in lower case.
type Area = (AreaLevel, String);

/// Whether an area is a district or, for a report that knows no district, a province.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
enum AreaLevel {
    District,
    Province,
}

impl AreaLevel {
    fn name(self) -> &'static str {
        match self {
            AreaLevel::District => "district",
            AreaLevel::Province => "province",
        }
    }
}

/// Which of `parts` an incident goes to when a corpus is merged part by part:
/// by [`area_key`], so incidents that may merge meet; one with no area (it merges
/// with nothing) by its own id, to spread them. Fixed across runs and machines.
///
/// ```
/// use incidents::{events::area_part, Article, Extractor};
/// let tables = Extractor::new().extract_batch(&[Article::new("a",
///     "A roadside bomb killed three policemen in Khar, Bajaur, on 6 May 2024.")]);
/// assert!(area_part(&tables.incidents[0], 64) < 64);
/// ```
pub fn area_part(row: &IncidentRow, parts: usize) -> usize {
    let hash = match area_key(row) {
        Some(area) => stable_hash(&[area.as_bytes()]),
        None => stable_hash(&[row.incident_id.as_bytes()]),
    };
    (hash % parts.max(1) as u64) as usize
}

/// What the merger compares of one incident, computed once. The row is borrowed
/// when one call merges a slice, owned when a [`StreamingMerge`] keeps the rows of
/// the events still open.
#[derive(Debug)]
struct Facts<R> {
    row: R,
    /// First and last day of the period the date and its precision name.
    period: Option<(NaiveDate, NaiveDate)>,
    /// Whether the report names a place below the district (`row.place`).
    has_place: bool,
    /// That place in lower case, the gazetteer key the merger compares by.
    place_key: Option<String>,
    /// The number of that key among the gazetteer's names ([`EventMerger::nested`]).
    place_number: Option<u32>,
    /// What the merger knows of the perpetrator's id (none for no perpetrator or
    /// an id the registry lacks), looked up once, not for every pair.
    perpetrator: Option<ActorFacts>,
    /// [`type_index`] of the event type, asked of every pair.
    type_index: usize,
}

impl<R: Borrow<IncidentRow>> Facts<R> {
    fn of(row: R, merger: &EventMerger) -> Facts<R> {
        let incident: &IncidentRow = row.borrow();
        let place = incident.place.as_deref().filter(|p| {
            // A district's or province's own name is not a place below it.
            let same = |other: &Option<String>| {
                other.as_deref().is_some_and(|o| o.eq_ignore_ascii_case(p))
            };
            !p.is_empty() && !same(&incident.admin2) && !same(&incident.admin1)
        });
        let has_place = place.is_some();
        let place_key = place.map(str::to_lowercase);
        let place_number = place_key
            .as_deref()
            .and_then(|key| merger.place_numbers.get(key).copied());
        let perpetrator = incident
            .perpetrator
            .as_deref()
            .and_then(|p| merger.actors.get(p).copied());
        let period = incident
            .date
            .and_then(|d| period(d, incident.date_precision));
        Facts {
            type_index: type_index(incident.event_type),
            row,
            period,
            has_place,
            place_key,
            place_number,
            perpetrator,
        }
    }

    fn row(&self) -> &IncidentRow {
        self.row.borrow()
    }

    /// Whether [`EventMerger::agreement`] turns down every pair with this report,
    /// whatever the other: a date coarser than a day and no place below the
    /// district ("militants killed two soldiers in Kurram in March") could be
    /// any event of the month there. Its event is itself alone, and the sweep
    /// neither compares it with the open events nor keeps it open for a month
    /// to be compared with every later report of its area.
    fn merges_with_nothing(&self) -> bool {
        self.row().date_precision != DatePrecision::Day && self.place_key.is_none()
    }

    /// The place below the district, if the report names one.
    fn place(&self) -> Option<&str> {
        if self.has_place {
            self.row().place.as_deref()
        } else {
            None
        }
    }
}

/// Whether two reports' perpetrators can be one actor's: the same id, one
/// unknown, one roll-up, or the state and militants in a clash or operation.
fn perpetrators_agree<R: Borrow<IncidentRow>>(a: &Facts<R>, b: &Facts<R>) -> bool {
    let (Some(pa), Some(pb)) = (&a.row().perpetrator, &b.row().perpetrator) else {
        return true;
    };
    if pa == pb {
        return true;
    }
    let (fa, fb) = match (a.perpetrator, b.perpetrator) {
        (Some(fa), Some(fb)) => (fa, fb),
        // An id of the user's own that the registry lacks: only itself agrees.
        _ => return false,
    };
    if fa.side == Side::Unknown || fb.side == Side::Unknown || fa.top == fb.top {
        return true;
    }
    let fighting = |t: EventType| matches!(t, EventType::ArmedClash | EventType::SecurityOperation);
    match (fa.side, fb.side) {
        (Side::State, Side::State) => true,
        (Side::State, Side::Militant) | (Side::Militant, Side::State) => {
            fighting(a.row().event_type) || fighting(b.row().event_type)
        }
        _ => false,
    }
}

/// The order incidents are swept in: by the start of the period (unknown
/// first), so every event an incident could join is still open when it comes;
/// the id makes the order total.
fn sweep_order<R: Borrow<IncidentRow>>(a: &Facts<R>, b: &Facts<R>) -> std::cmp::Ordering {
    let (ra, rb) = (a.row(), b.row());
    sweep_key(a.period.map(|p| p.0), &ra.incident_id)
        .cmp(&sweep_key(b.period.map(|p| p.0), &rb.incident_id))
}

/// The key of [`sweep_order`], from the start of an incident's period and its id.
fn sweep_key(start: Option<NaiveDate>, incident_id: &str) -> (u64, &str) {
    (date_code(start, 0), incident_id)
}

/// The order of the `events` table: by date, unknown last, then by id.
fn event_order(a: &EventRow, b: &EventRow) -> std::cmp::Ordering {
    event_key(a).cmp(&event_key(b))
}

/// The key of [`event_order`].
fn event_key(event: &EventRow) -> (u64, &str) {
    (date_code(event.date, u64::MAX), &event.event_id)
}

/// The places of `keys` in their sorted order, where a key is a number that
/// orders most pairs and an id that orders the rest. Keys must not tie: the
/// sort is unstable.
fn sorted_places<'a>(keys: impl Iterator<Item = (u64, &'a str)>) -> Vec<usize> {
    let keys: Vec<(u64, &str)> = keys.collect();
    // The number and the first eight bytes of the id, as one number in the order
    // of the pair (zeros after a shorter id), order most pairs without reading
    // the strings, and as plain integers they sort with no comparison function
    // called; the whole ids then order each run of equal numbers.
    let mut keyed: Vec<(u128, u32)> = keys
        .iter()
        .zip(0u32..)
        .map(|(&(code, id), at)| {
            let mut head = [0u8; 8];
            let n = id.len().min(8);
            head[..n].copy_from_slice(&id.as_bytes()[..n]);
            let head = u64::from_be_bytes(head);
            ((u128::from(code) << 64) | u128::from(head), at)
        })
        .collect();
    keyed.sort_unstable();
    let id = |at: u32| keys.get(at as usize).map_or("", |k| k.1);
    for run in keyed.chunk_by_mut(|a, b| a.0 == b.0) {
        if run.len() > 1 {
            run.sort_unstable_by(|a, b| id(a.1).cmp(id(b.1)));
        }
    }
    keyed.into_iter().map(|(_, at)| at as usize).collect()
}

/// `ev-` and the hash in 16 hexadecimal digits.
fn event_id(hash: u64) -> String {
    hex_id("ev-", hash)
}

/// A date as a number in the order of dates, with `none` for no date: 0 sorts
/// it first, `u64::MAX` last.
fn date_code(date: Option<NaiveDate>, none: u64) -> u64 {
    match date {
        // Every day of chrono's range is a positive number here.
        Some(day) => (i64::from(day.num_days_from_ce()) - i64::from(i32::MIN) + 1) as u64,
        None => none,
    }
}

/// Incidents in sweep order, grouped by [`area_key`] in that order; the undated
/// and those placed nowhere, which nothing can join, each as an event of its own.
#[allow(clippy::type_complexity)]
fn split_by_area<R: Borrow<IncidentRow>>(
    facts: Vec<Facts<R>>,
) -> (FastMap<Area, Vec<Facts<R>>>, Vec<Cluster<R>>) {
    let mut areas: FastMap<Area, Vec<Facts<R>>> = FastMap::default();
    let mut alone = Vec::new();
    for fact in facts {
        match (fact.period, area_of(fact.row())) {
            (Some(_), Some(area)) => areas.entry(area).or_default().push(fact),
            _ => alone.push(Cluster::new(fact)),
        }
    }
    (areas, alone)
}

/// The days a date of some precision stands for; `None` when the date says nothing.
fn period(date: NaiveDate, precision: DatePrecision) -> Option<(NaiveDate, NaiveDate)> {
    let end = match precision {
        DatePrecision::Day => date,
        DatePrecision::Week => date + Days::new(6),
        DatePrecision::Month => {
            let next = if date.month() == 12 {
                NaiveDate::from_ymd_opt(date.year() + 1, 1, 1)
            } else {
                NaiveDate::from_ymd_opt(date.year(), date.month() + 1, 1)
            };
            next?.pred_opt()?
        }
        DatePrecision::Year => NaiveDate::from_ymd_opt(date.year(), 12, 31)?,
        DatePrecision::Unknown => return None,
    };
    Some((date, end))
}

fn date_rank(precision: DatePrecision) -> u8 {
    match precision {
        DatePrecision::Day => 4,
        DatePrecision::Week => 3,
        DatePrecision::Month => 2,
        DatePrecision::Year => 1,
        DatePrecision::Unknown => 0,
    }
}

fn geo_rank(precision: GeoPrecision) -> u8 {
    match precision {
        GeoPrecision::Place => 4,
        GeoPrecision::District => 3,
        GeoPrecision::Province => 2,
        GeoPrecision::Country => 1,
        GeoPrecision::Unknown => 0,
    }
}

/// The value seen most often; ties go to the highest `tie_break`, then the smallest value.
fn most_common<T: Ord + Copy, K: Ord>(
    values: impl Iterator<Item = T>,
    tie_break: impl Fn(&T) -> K,
) -> Option<T> {
    // Sorted, equal values are runs: counted with no map, and the first run of the
    // greatest (count, tie-break) is the smallest value among equals.
    let mut values: Vec<T> = values.collect();
    values.sort_unstable();
    let mut best: Option<(usize, K, T)> = None;
    for run in values.chunk_by(|a, b| a == b) {
        let Some(&value) = run.first() else { continue };
        let (count, key) = (run.len(), tie_break(&value));
        if best
            .as_ref()
            .is_none_or(|(best_count, best_key, _)| (count, &key) > (*best_count, best_key))
        {
            best = Some((count, key, value));
        }
    }
    best.map(|(.., value)| value)
}

/// Says which fields agreed, in words an analyst can check against the reports.
fn merge_reason<R: Borrow<IncidentRow>>(members: &[Facts<R>], n_reports: usize) -> String {
    // One string written in order, with no string made per part: there is a
    // reason for every event of more than one report. Writing to a String
    // cannot fail, so the results of `write!` are let go.
    let mut reason = String::with_capacity(200);
    let _ = write!(
        reason,
        "{} incidents from {} reports",
        members.len(),
        n_reports
    );
    let districts = distinct(members.iter().filter_map(|f| f.row().admin2.as_deref()));
    let places = distinct(members.iter().filter_map(|f| f.place()));
    if let Some(district) = districts.first() {
        if places.is_empty() {
            let _ = write!(reason, "; same district: {district}");
        } else {
            let _ = write!(reason, "; district {district}, places: ");
            push_joined(&mut reason, &places, " / ");
        }
    } else if let Some(province) = members.iter().find_map(|f| f.row().admin1.as_deref()) {
        let _ = write!(
            reason,
            "; same province: {province} (no report names the district)"
        );
    }
    let mut days: Vec<NaiveDate> = Vec::with_capacity(members.len());
    for day in members.iter().filter_map(|f| f.row().date) {
        if !days.contains(&day) {
            days.push(day);
        }
    }
    let precisions = distinct(members.iter().map(|f| f.row().date_precision.as_str()));
    match days.as_slice() {
        [one] => {
            reason.push_str("; date ");
            push_date(&mut reason, *one);
            reason.push_str(" (");
            push_joined(&mut reason, &precisions, "/");
            reason.push(')');
        }
        _ => {
            reason.push_str("; dates ");
            for (i, day) in days.iter().enumerate() {
                if i > 0 {
                    reason.push_str(", ");
                }
                push_date(&mut reason, *day);
            }
            reason.push_str(" (");
            push_joined(&mut reason, &precisions, "/");
            reason.push_str(") within a day of each other's period");
        }
    }
    let types = distinct(members.iter().map(|f| f.row().event_type.as_str()));
    reason.push_str("; types: ");
    push_joined(&mut reason, &types, ", ");
    let named = distinct(
        members
            .iter()
            .filter_map(|f| f.row().perpetrator.as_deref()),
    );
    let unknown = members
        .iter()
        .filter(|f| f.row().perpetrator.is_none())
        .count();
    if !named.is_empty() {
        reason.push_str("; perpetrator: ");
        push_joined(&mut reason, &named, " / ");
        if unknown > 0 {
            let _ = write!(reason, " ({unknown} report(s) name none)");
        }
    }
    let killed = members.iter().filter_map(|f| f.row().killed);
    if killed.clone().nth(1).is_some() {
        reason.push_str("; killed as reported: ");
        for (i, k) in killed.enumerate() {
            if i > 0 {
                reason.push_str(", ");
            }
            let _ = write!(reason, "{k}");
        }
    }
    reason
}

/// `values` written into `out` with `separator` between them.
fn push_joined(out: &mut String, values: &[&str], separator: &str) {
    for (i, value) in values.iter().enumerate() {
        if i > 0 {
            out.push_str(separator);
        }
        out.push_str(value);
    }
}

/// `date` written into `out` as its `Display` writes it (`2024-05-06`), by hand for
/// the years of four digits: chrono's formatting machinery cost more than the rest
/// of a merge reason.
fn push_date(out: &mut String, date: NaiveDate) {
    let Ok(year) = u32::try_from(date.year()) else {
        let _ = write!(out, "{date}");
        return;
    };
    if year > 9999 {
        let _ = write!(out, "{date}");
        return;
    }
    let digit = |n: u32| char::from(b'0' + (n % 10) as u8);
    for n in [year / 1000, year / 100, year / 10, year] {
        out.push(digit(n));
    }
    out.push('-');
    out.push(digit(date.month() / 10));
    out.push(digit(date.month()));
    out.push('-');
    out.push(digit(date.day() / 10));
    out.push(digit(date.day()));
}

fn distinct<'a>(values: impl Iterator<Item = &'a str>) -> Vec<&'a str> {
    let mut out: Vec<&str> = Vec::new();
    for value in values {
        if !out.iter().any(|o| o.eq_ignore_ascii_case(value)) {
            out.push(value);
        }
    }
    out
}

/// The reports of one event in the making.
#[derive(Debug)]
struct Cluster<R> {
    members: Vec<Facts<R>>,
    latest_end: Option<NaiveDate>,
}

impl<R> Cluster<R> {
    fn new(member: Facts<R>) -> Cluster<R> {
        Cluster {
            latest_end: member.period.map(|p| p.1),
            members: vec![member],
        }
    }

    fn add(&mut self, member: Facts<R>) {
        if let Some((_, end)) = member.period {
            self.latest_end = Some(self.latest_end.map_or(end, |e| e.max(end)));
        }
        self.members.push(member);
    }

    /// Whether an incident whose period starts on `start` may still join.
    fn open_at(&self, start: NaiveDate) -> bool {
        // Events whose every report ended more than a day before this one began
        // can take nothing more.
        self.latest_end
            .is_some_and(|end| end + Days::new(1) >= start)
    }
}

/// The sweep of one area: the events that may still take reports, in the order
/// they were opened (which breaks ties between equally good ones).
#[derive(Debug)]
struct Sweep<R> {
    open: Vec<Cluster<R>>,
}

impl<R> Default for Sweep<R> {
    fn default() -> Self {
        Sweep { open: Vec::new() }
    }
}

impl<R: Borrow<IncidentRow>> Sweep<R> {
    /// Adds one incident of the area, in sweep order: it joins the open event it
    /// agrees with best, or opens one. Events it shows can take nothing more go
    /// to `closed`.
    fn push(&mut self, merger: &EventMerger, fact: Facts<R>, closed: &mut Vec<Cluster<R>>) {
        let Some((start, _)) = fact.period else {
            closed.push(Cluster::new(fact));
            return;
        };
        self.close_before(start, closed);
        if fact.merges_with_nothing() {
            closed.push(Cluster::new(fact));
            return;
        }
        let mut best: Option<(f32, usize)> = None;
        for (c, cluster) in self.open.iter().enumerate() {
            let mut total = 0.0;
            let mut fits = true;
            for member in &cluster.members {
                match merger.agreement(&fact, member) {
                    Some(score) => total += score,
                    None => {
                        fits = false;
                        break;
                    }
                }
            }
            if !fits {
                continue;
            }
            let score = total / cluster.members.len() as f32;
            if best.is_none_or(|(s, _)| score > s) {
                best = Some((score, c));
            }
        }
        match best.and_then(|(_, c)| self.open.get_mut(c)) {
            Some(cluster) => cluster.add(fact),
            None => self.open.push(Cluster::new(fact)),
        }
    }

    /// Moves to `closed` the events no incident starting on `start` or later can join.
    fn close_before(&mut self, start: NaiveDate, closed: &mut Vec<Cluster<R>>) {
        if self.open.iter().all(|c| c.open_at(start)) {
            return;
        }
        // Rebuilt rather than removed from in place: the order of the rest
        // decides ties.
        let mut still = Vec::with_capacity(self.open.len());
        for cluster in self.open.drain(..) {
            if cluster.open_at(start) {
                still.push(cluster);
            } else {
                closed.push(cluster);
            }
        }
        self.open = still;
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::{Article, Extractor};
    use std::collections::BTreeMap;

    fn articles_of(folder: &str) -> Vec<Article> {
        crate::sample_texts::texts_in(folder)
            .into_iter()
            .map(|(path, text)| Article::new(path.display().to_string(), text))
            .collect()
    }

    /// Every incident of the sample and development articles, and each with its
    /// date, figures or perpetrator taken away, makes alone the event the tallies
    /// make of it as the only member.
    #[test]
    fn an_event_of_one_report_is_what_the_tallies_make_of_one() {
        let extractor = Extractor::new();
        let mut articles = articles_of("examples/articles");
        articles.extend(articles_of("examples/devset/articles"));
        let tables = extractor.extract_batch_unmerged(&articles);
        assert!(tables.incidents.len() > 100, "the samples hold incidents");
        let merger = extractor.event_merger();
        for row in &tables.incidents {
            let variants = [
                row.clone(),
                IncidentRow {
                    date: None,
                    ..row.clone()
                },
                IncidentRow {
                    killed: None,
                    wounded: None,
                    ..row.clone()
                },
                // A generic actor (of no side) and an id the registry lacks.
                IncidentRow {
                    perpetrator: Some("MILITANTS".to_string()),
                    place: None,
                    ..row.clone()
                },
                IncidentRow {
                    perpetrator: Some("NOT_AN_ACTOR".to_string()),
                    ..row.clone()
                },
            ];
            for variant in &variants {
                assert_eq!(
                    event_of_one(variant),
                    merger.event_of_many(&[Facts::of(variant, merger)]),
                    "{variant:?}"
                );
            }
        }
    }

    #[test]
    fn a_report_that_merges_with_nothing_agrees_with_no_report() {
        let extractor = Extractor::new();
        let merger = extractor.event_merger();
        let mut articles = articles_of("examples/articles");
        articles.extend(articles_of("examples/events/articles"));
        let incidents = extractor.extract_batch(&articles).incidents;
        // Every report as it is, and again with its date known only to the month,
        // once with its place and once without.
        let mut rows = incidents.clone();
        for row in &incidents {
            let monthly = IncidentRow {
                doc_id: format!("{} (monthly)", row.doc_id),
                date_precision: DatePrecision::Month,
                ..row.clone()
            };
            rows.push(IncidentRow {
                place: None,
                ..monthly.clone()
            });
            rows.push(monthly);
        }
        let facts: Vec<Facts<&IncidentRow>> = rows.iter().map(|r| Facts::of(r, merger)).collect();
        let lonely: Vec<&Facts<&IncidentRow>> =
            facts.iter().filter(|f| f.merges_with_nothing()).collect();
        assert!(lonely.len() >= incidents.len(), "{} lonely", lonely.len());
        for a in &lonely {
            for b in &facts {
                assert!(
                    merger.agreement(a, b).is_none(),
                    "{:?} / {:?}",
                    a.row(),
                    b.row()
                );
                assert!(
                    merger.agreement(b, a).is_none(),
                    "{:?} / {:?}",
                    b.row(),
                    a.row()
                );
            }
        }
        // The reports that do merge with something are not among them.
        assert!(facts.iter().any(|a| {
            !a.merges_with_nothing() && facts.iter().any(|b| merger.agreement(a, b).is_some())
        }));
    }

    proptest::proptest! {
        /// The id written digit by digit is the one `format!` writes.
        #[test]
        fn a_date_is_written_as_display_writes_it(days in -800_000i32..4_000_000) {
            let date = NaiveDate::from_num_days_from_ce_opt(days).expect("a day in chrono's range");
            let mut written = String::new();
            push_date(&mut written, date);
            proptest::prop_assert_eq!(written, date.to_string());
        }

        #[test]
        fn the_most_common_value_is_the_most_counted_then_the_smallest(
            values in proptest::collection::vec(0u8..6, 0..30)
        ) {
            // What a count in a BTreeMap, read from the largest value down, keeps.
            let mut counts: BTreeMap<u8, usize> = BTreeMap::new();
            for v in &values {
                *counts.entry(*v).or_default() += 1;
            }
            let want = counts.into_iter().rev().max_by_key(|(_, c)| *c).map(|(v, _)| v);
            proptest::prop_assert_eq!(most_common(values.iter().copied(), |_| 0), want);
        }

        #[test]
        fn an_event_id_is_ev_and_sixteen_hex_digits(hash: u64) {
            proptest::prop_assert_eq!(event_id(hash), format!("ev-{hash:016x}"));
        }

        /// Sorting by a number and the first eight bytes of the id, then the
        /// whole id, gives the order of (date, id): ids that share a start,
        /// are shorter than eight bytes or are prefixes of one another included.
        #[test]
        fn sorted_places_order_by_date_then_id(
            rows in proptest::collection::btree_map("[ab]{0,10}", proptest::option::of(0u32..4), 0..40)
        ) {
            let rows: Vec<(String, Option<NaiveDate>)> = rows
                .into_iter()
                .map(|(id, day)| {
                    let date = day.and_then(|d| NaiveDate::from_ymd_opt(2024, 5, 1 + d));
                    (id, date)
                })
                .rev()
                .collect();
            let order = sorted_places(rows.iter().map(|(id, date)| sweep_key(*date, id)));
            let mut want: Vec<usize> = (0..rows.len()).collect();
            want.sort_by(|&a, &b| (rows[a].1, &rows[a].0).cmp(&(rows[b].1, &rows[b].0)));
            proptest::prop_assert_eq!(order, want);
        }
    }

    #[test]
    fn a_date_code_orders_as_dates_with_none_where_asked() {
        let day = |y, m, d| NaiveDate::from_ymd_opt(y, m, d);
        let codes: Vec<u64> = [
            day(-300, 1, 1),
            day(1, 1, 1),
            day(2024, 2, 29),
            day(2024, 3, 1),
        ]
        .into_iter()
        .map(|d| date_code(d, 0))
        .collect();
        assert!(codes.windows(2).all(|w| w[0] < w[1]), "{codes:?}");
        assert!(date_code(None, 0) < codes[0]);
        assert!(date_code(None, u64::MAX) > codes[3]);
    }
}
