//! Events over a corpus larger than memory: incidents wait on disk, split by the
//! area they can merge in, and each part is merged alone at the end.
//!
//! Merging needs every incident of a corpus, since a report from the last file
//! may join one from the first. Holding them all costs memory in proportion to
//! the corpus (about 1.5 incidents a kilobyte of news). But incidents merge only
//! within one area ([`incidents::events::area_key`]: a district, or a province
//! when no district is known), so the CLI writes each batch's incidents, without
//! their evidence, to one of [`PARTS`] Arrow IPC files by a hash of that key, and
//! at the end merges one file at a time. The events of the parts together are
//! those of one merge over everything; they come out a part at a time, each part
//! in the merger's order (date, unknown last, then `event_id`).
//!
//! One part can still be large: a busy district's share of a large corpus. It
//! is read in runs of whole days of about [`RUN_ROWS`] incidents and merged run
//! after run by [`incidents::events::StreamingMerge`], which holds only the
//! events still open, so the merge's memory does not grow with the corpus.
//!
//! The files live in a hidden folder inside the output folder (the user chose
//! that disk for the results; `/tmp` may be small or held in memory), removed
//! when the run ends, also when it fails.

use std::collections::{BTreeMap, HashSet};
use std::fs::{self, File};
use std::io::{BufReader, BufWriter};
use std::path::{Path, PathBuf};

use arrow_array::cast::AsArray;
use arrow_array::types::Date32Type;
use arrow_array::{BooleanArray, Date32Array, RecordBatch};
use arrow_ipc::reader::FileReader;
use arrow_ipc::writer::FileWriter;
use arrow_select::filter::filter_record_batch;
use incidents::frames::{events_batch, incidents_batch, incidents_from_batches};
use incidents::{EventRow, Extractor, IncidentRow};

use crate::error::CliError;

/// How many parts the incidents are split into; each is merged alone, in runs
/// of [`RUN_ROWS`].
const PARTS: usize = 64;

/// About how many incidents of a part are held as rows at once in the merge
/// (some 10 MB). A part with more, a busy district's share of a year of news,
/// is merged in runs of dates ([`merge_part`]).
const RUN_ROWS: usize = 16_384;

/// The incidents of a run, waiting on disk for the merge.
pub struct EventSpill {
    folder: Folder,
    writers: Vec<Option<FileWriter<BufWriter<File>>>>,
}

/// Removes the spill folder when dropped, whether the run succeeded or not.
struct Folder(PathBuf);

impl Drop for Folder {
    fn drop(&mut self) {
        let _ = fs::remove_dir_all(&self.0);
    }
}

impl EventSpill {
    /// Creates the spill folder inside `out`.
    pub fn new(out: &Path) -> Result<EventSpill, CliError> {
        let path = out.join(format!(".incidents-merge-{}", std::process::id()));
        fs::create_dir_all(&path)
            .map_err(|err| CliError::io(&path, "creating the merge folder", err))?;
        Ok(EventSpill {
            folder: Folder(path),
            writers: (0..PARTS).map(|_| None).collect(),
        })
    }

    /// Sets `incidents` aside for the merge, without the text the merger does not read.
    pub fn add(&mut self, incidents: Vec<IncidentRow>) -> Result<(), CliError> {
        let mut parts: Vec<Vec<IncidentRow>> = (0..PARTS).map(|_| Vec::new()).collect();
        for row in incidents {
            parts[incidents::events::area_part(&row, PARTS)].push(slim_incident(row));
        }
        for (index, rows) in parts.iter().enumerate() {
            if rows.is_empty() {
                continue;
            }
            let batch = incidents_batch(rows)?;
            let path = self.part_path(index);
            let writer = match &mut self.writers[index] {
                Some(writer) => writer,
                slot => {
                    let file =
                        File::create(&path).map_err(|err| CliError::io(&path, "creating", err))?;
                    slot.insert(
                        FileWriter::try_new(BufWriter::new(file), &batch.schema())
                            .map_err(|err| CliError::io(&path, "starting", err))?,
                    )
                }
            };
            writer
                .write(&batch)
                .map_err(|err| CliError::io(&path, "writing", err))?;
        }
        Ok(())
    }

    /// Merges each part in turn and hands its `events` to `write`, a batch at a
    /// time; returns the number of events.
    pub fn merge(
        self,
        extractor: &Extractor,
        write: impl FnMut(&RecordBatch) -> Result<(), CliError>,
    ) -> Result<usize, CliError> {
        self.merge_in_runs(extractor, RUN_ROWS, write)
    }

    /// [`EventSpill::merge`], a part read at most about `run_rows` incidents at a time.
    fn merge_in_runs(
        mut self,
        extractor: &Extractor,
        run_rows: usize,
        mut write: impl FnMut(&RecordBatch) -> Result<(), CliError>,
    ) -> Result<usize, CliError> {
        let mut events = 0;
        for index in 0..PARTS {
            let Some(mut writer) = self.writers[index].take() else {
                continue;
            };
            let path = self.part_path(index);
            writer
                .finish()
                .map_err(|err| CliError::io(&path, "finishing", err))?;
            drop(writer);
            events += merge_part(&path, extractor, run_rows, &mut write)?;
            // Each part's file goes as soon as it is merged, so the disk holds
            // at most the spill of one run.
            let _ = fs::remove_file(&path);
        }
        Ok(events)
    }

    fn part_path(&self, index: usize) -> PathBuf {
        self.folder.0.join(format!("part-{index:03}.arrow"))
    }
}

/// Merges one part's incidents in runs of dates of about `run_rows` incidents,
/// handing each batch of complete events to `write`; returns their number.
///
/// A busy district's part holds a hundred thousand incidents and more on a large
/// corpus, which as rows would cost more memory than the whole stream before
/// it. Incidents merge only within a day or so of each other, so the merger
/// needs only the open events ([`incidents::events::StreamingMerge`]), given the
/// incidents in order of date: each run is read by a pass over the file that
/// keeps its dates alone.
fn merge_part(
    path: &Path,
    extractor: &Extractor,
    run_rows: usize,
    write: &mut impl FnMut(&RecordBatch) -> Result<(), CliError>,
) -> Result<usize, CliError> {
    let keys = PartKeys::read(path)?;
    let cuts = keys.cuts(run_rows);
    let mut merge = extractor.event_merger().streaming();
    let mut count = 0;
    let mut emit = |events: Vec<EventRow>| -> Result<(), CliError> {
        if !events.is_empty() {
            count += events.len();
            write(&events_batch(&events)?)?;
        }
        Ok(())
    };
    for run in 0..=cuts.len() {
        let rows = read_run(path, &keys, &cuts, run)?;
        emit(merge.push(rows)?)?;
    }
    emit(merge.finish())?;
    Ok(count)
}

/// What one pass over a part learns before the merge: which rows repeat an
/// incident seen before (the merger counts an incident once) and how many
/// incidents each day holds.
struct PartKeys {
    /// For each row of the file, in order: whether it repeats an earlier `incident_id`.
    repeated: Vec<bool>,
    /// Incidents (not repeated) of each day, as Arrow's days since 1970-01-01.
    days: BTreeMap<i32, usize>,
    /// Incidents (not repeated) without a date.
    undated: usize,
}

impl PartKeys {
    fn read(path: &Path) -> Result<PartKeys, CliError> {
        let mut keys = PartKeys {
            repeated: Vec::new(),
            days: BTreeMap::new(),
            undated: 0,
        };
        let mut seen: HashSet<String> = HashSet::new();
        let projection = {
            let reader = open_part(path, None)?;
            let schema = reader.schema();
            let column = |name: &str| {
                schema
                    .index_of(name)
                    .map_err(|err| CliError::io(path, "reading", err))
            };
            vec![column("incident_id")?, column("date")?]
        };
        for batch in open_part(path, Some(projection))? {
            let batch = batch.map_err(|err| CliError::io(path, "reading", err))?;
            let ids = batch
                .column(0)
                .as_string_view_opt()
                .ok_or_else(|| CliError::io(path, "reading", "incident_id is not text"))?;
            let dates = day_numbers(path, &batch, 1)?;
            for (id, day) in ids.iter().zip(dates.iter()) {
                let first = id.is_some_and(|id| seen.insert(id.to_string()));
                keys.repeated.push(id.is_some() && !first);
                if first {
                    match day {
                        Some(day) => *keys.days.entry(day).or_default() += 1,
                        None => keys.undated += 1,
                    }
                }
            }
        }
        Ok(keys)
    }

    /// The first day of each run after the first, runs holding whole days and
    /// about `run_rows` incidents (more when one day alone holds more); the
    /// undated go with the first run.
    fn cuts(&self, run_rows: usize) -> Vec<i32> {
        let mut cuts = Vec::new();
        let mut held = self.undated;
        for (&day, &n) in &self.days {
            if held > 0 && held + n > run_rows {
                cuts.push(day);
                held = 0;
            }
            held += n;
        }
        cuts
    }
}

/// The run of `cuts` a row of `day` falls in.
fn run_of(cuts: &[i32], day: Option<i32>) -> usize {
    day.map_or(0, |day| cuts.partition_point(|&cut| cut <= day))
}

fn open_part(
    path: &Path,
    projection: Option<Vec<usize>>,
) -> Result<FileReader<BufReader<File>>, CliError> {
    let file = File::open(path).map_err(|err| CliError::io(path, "opening", err))?;
    FileReader::try_new(BufReader::new(file), projection)
        .map_err(|err| CliError::io(path, "reading", err))
}

fn day_numbers<'a>(
    path: &Path,
    batch: &'a RecordBatch,
    column: usize,
) -> Result<&'a Date32Array, CliError> {
    batch
        .column(column)
        .as_primitive_opt::<Date32Type>()
        .ok_or_else(|| CliError::io(path, "reading", "date is not a date"))
}

/// The incidents of run `run` of a part, repeats left out.
fn read_run(
    path: &Path,
    keys: &PartKeys,
    cuts: &[i32],
    run: usize,
) -> Result<Vec<IncidentRow>, CliError> {
    let mut rows = Vec::new();
    let mut row = 0;
    let mut reader = open_part(path, None)?;
    let date = reader
        .schema()
        .index_of("date")
        .map_err(|err| CliError::io(path, "reading", err))?;
    // A batch at a time, so the rows and the whole file are never held at once.
    for batch in reader.by_ref() {
        let batch = batch.map_err(|err| CliError::io(path, "reading", err))?;
        let days = day_numbers(path, &batch, date)?;
        let keep: BooleanArray = days
            .iter()
            .enumerate()
            .map(|(i, day)| {
                let repeated = keys.repeated.get(row + i).copied().unwrap_or(false);
                Some(!repeated && run_of(cuts, day) == run)
            })
            .collect();
        row += batch.num_rows();
        let kept =
            filter_record_batch(&batch, &keep).map_err(|err| CliError::io(path, "reading", err))?;
        if kept.num_rows() > 0 {
            rows.extend(incidents_from_batches(std::slice::from_ref(&kept))?);
        }
    }
    Ok(rows)
}

/// The incident without the text fields the merger does not read.
fn slim_incident(row: IncidentRow) -> IncidentRow {
    IncidentRow {
        date_text: None,
        perpetrator_text: None,
        target_text: None,
        evidence: String::new(),
        ..row
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use arrow_array::cast::AsArray;
    use incidents::Article;

    struct TempDir(PathBuf);
    impl Drop for TempDir {
        fn drop(&mut self) {
            let _ = fs::remove_dir_all(&self.0);
        }
    }

    /// The events of every batch, in the order written.
    fn written(batches: &[RecordBatch]) -> Vec<(String, usize)> {
        let mut got = Vec::new();
        for batch in batches {
            let ids = batch
                .column_by_name("event_id")
                .expect("event_id")
                .as_string_view();
            let reports = batch
                .column_by_name("n_reports")
                .expect("n_reports")
                .as_primitive::<arrow_array::types::UInt32Type>();
            for i in 0..batch.num_rows() {
                got.push((ids.value(i).to_string(), reports.value(i) as usize));
            }
        }
        got
    }

    #[test]
    fn runs_hold_whole_days_and_the_undated_go_first() {
        let keys = PartKeys {
            repeated: Vec::new(),
            days: BTreeMap::from([(10, 2), (11, 1), (12, 3), (15, 1)]),
            undated: 1,
        };
        assert_eq!(keys.cuts(2), vec![10, 11, 12, 15]);
        assert_eq!(keys.cuts(3), vec![11, 12, 15]);
        assert_eq!(keys.cuts(4), vec![12]);
        assert_eq!(keys.cuts(100), Vec::<i32>::new());
        let cuts = keys.cuts(3);
        assert_eq!(run_of(&cuts, None), 0);
        assert_eq!(run_of(&cuts, Some(10)), 0);
        assert_eq!(run_of(&cuts, Some(11)), 1);
        assert_eq!(run_of(&cuts, Some(14)), 2);
        assert_eq!(run_of(&cuts, Some(15)), 3);
    }

    /// A part cut into runs of a day or less gives the events of one merge, in
    /// the merger's order, a repeated incident counted once.
    #[test]
    fn a_part_cut_into_date_runs_gives_the_events_of_one_merge() {
        let out = TempDir(std::env::temp_dir().join(format!("spill-runs-{}", std::process::id())));
        let extractor = Extractor::new();
        let on = |day| chrono::NaiveDate::from_ymd_opt(2024, 5, day);
        let texts = [
            (
                "A roadside bomb killed three policemen in Khar, Bajaur, on Monday.",
                on(6),
            ),
            (
                "Three police officials died when a bomb hit their van in Bajaur on Monday.",
                on(7),
            ),
            (
                "Gunmen shot dead a tribal elder in Khar, Bajaur, on Wednesday.",
                on(8),
            ),
            (
                "A tribal elder was shot dead in Bajaur on Wednesday, police said.",
                on(9),
            ),
            ("A bomb killed two soldiers in Bajaur on Saturday.", on(11)),
            (
                "Militants attacked a check post in Bannu on Monday, killing two soldiers.",
                on(20),
            ),
            (
                "Two soldiers were martyred in an attack on a post in Bannu on Monday.",
                on(21),
            ),
            ("A bomb killed two soldiers in Bajaur last year.", on(21)),
            ("A policeman was killed in Bajaur.", None),
        ];
        let articles: Vec<Article> = texts
            .iter()
            .enumerate()
            .map(|(i, (text, day))| Article::new(format!("doc{i}"), *text).with_published(*day))
            .collect();
        let whole = extractor.extract_batch(&articles);
        let bajaur = whole
            .events
            .iter()
            .filter(|e| e.admin2.as_deref() == Some("Bajaur"))
            .count();
        assert!(bajaur >= 3, "{:#?}", whole.events);
        assert!(
            whole.events.len() < whole.incidents.len(),
            "some reports merge"
        );
        let mut spill = EventSpill::new(&out.0).expect("spill folder");
        for article in &articles {
            let tables = extractor.extract_batch_unmerged(std::slice::from_ref(article));
            spill.add(tables.incidents).expect("spilled");
        }
        // The first document again: its incident counts once.
        let again = extractor.extract_batch_unmerged(&articles[..1]);
        spill.add(again.incidents).expect("spilled");
        let mut batches = Vec::new();
        let n = spill
            .merge_in_runs(&extractor, 1, |batch| {
                batches.push(batch.clone());
                Ok(())
            })
            .expect("merged");
        assert_eq!(n, whole.events.len());
        let got = written(&batches);
        let want: Vec<(String, usize)> = whole
            .events
            .iter()
            .map(|e| (e.event_id.clone(), e.n_reports as usize))
            .collect();
        let mut got_sorted = got.clone();
        got_sorted.sort();
        let mut want_sorted = want.clone();
        want_sorted.sort();
        assert_eq!(got_sorted, want_sorted);
        // A district's events are all in one part, written in the merger's order.
        for district in ["Bajaur", "Bannu"] {
            let of = |events: &[(String, usize)]| -> Vec<(String, usize)> {
                events
                    .iter()
                    .filter(|(id, _)| {
                        whole
                            .events
                            .iter()
                            .any(|e| &e.event_id == id && e.admin2.as_deref() == Some(district))
                    })
                    .cloned()
                    .collect()
            };
            let order = of(&want);
            assert!(!order.is_empty(), "{district}: {:#?}", whole.events);
            assert_eq!(of(&got), order, "{district}");
        }
    }

    #[test]
    fn merging_part_by_part_gives_the_events_of_one_merge() {
        let out = TempDir(std::env::temp_dir().join(format!("spill-test-{}", std::process::id())));
        let extractor = Extractor::new();
        let day = chrono::NaiveDate::from_ymd_opt(2024, 5, 6);
        let texts = [
            "A roadside bomb killed three policemen in Khar, Bajaur, on Monday.",
            "Three police officials died when a bomb hit their van in Bajaur on Monday.",
            "Militants attacked a check post in Bannu on Monday, killing two soldiers.",
            "Gunmen shot dead a tribal elder in Zhob on Monday, police said.",
            "Two soldiers were martyred in an attack on a post in Bannu on Monday, the ISPR said.",
        ];
        let articles: Vec<Article> = texts
            .iter()
            .enumerate()
            .map(|(i, text)| Article::new(format!("doc{i}"), *text).with_published(day))
            .collect();
        let whole = extractor.extract_batch(&articles);
        let mut spill = EventSpill::new(&out.0).expect("spill folder");
        // One document a batch: the merge must still see them all.
        for article in &articles {
            let tables = extractor.extract_batch_unmerged(std::slice::from_ref(article));
            spill.add(tables.incidents).expect("spilled");
        }
        let mut batches = Vec::new();
        let n = spill
            .merge(&extractor, |batch| {
                batches.push(batch.clone());
                Ok(())
            })
            .expect("merged");
        assert_eq!(n, whole.events.len());
        assert_eq!(n, 3, "Bajaur twice, Bannu twice, Zhob once");
        let mut got = written(&batches);
        got.sort();
        let mut want: Vec<(String, usize)> = whole
            .events
            .iter()
            .map(|e| (e.event_id.clone(), e.n_reports as usize))
            .collect();
        want.sort();
        assert_eq!(got, want);
        assert!(
            !out.0
                .join(format!(".incidents-merge-{}", std::process::id()))
                .exists(),
            "the spill folder is removed"
        );
    }
}
