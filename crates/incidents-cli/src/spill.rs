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
//! The files live in a hidden folder inside the output folder (the user chose
//! that disk for the results; `/tmp` may be small or held in memory), removed
//! when the run ends, also when it fails.

use std::fs::{self, File};
use std::io::{BufReader, BufWriter};
use std::path::{Path, PathBuf};

use arrow_array::RecordBatch;
use arrow_ipc::reader::FileReader;
use arrow_ipc::writer::FileWriter;
use incidents::frames::{events_batch, incidents_batch, incidents_from_batches};
use incidents::{Extractor, IncidentRow};

use crate::error::CliError;

/// How many parts the incidents are split into. The largest part is merged in
/// memory at the end: with 64 a busy district's share of a year of news is a
/// few hundred thousand slim rows at most.
const PARTS: usize = 64;

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

    /// Merges each part in turn and hands its `events` batch to `write`; returns
    /// the number of events.
    pub fn merge(
        mut self,
        extractor: &Extractor,
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
            let rows = read_part(&path)?;
            let merged = extractor.merge_events(&rows);
            drop(rows);
            events += merged.len();
            write(&events_batch(&merged)?)?;
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

fn read_part(path: &Path) -> Result<Vec<IncidentRow>, CliError> {
    let file = File::open(path).map_err(|err| CliError::io(path, "opening", err))?;
    let reader = FileReader::try_new(BufReader::new(file), None)
        .map_err(|err| CliError::io(path, "reading", err))?;
    let mut rows = Vec::new();
    // A batch at a time, so the rows and the whole file are never held at once.
    for batch in reader {
        let batch = batch.map_err(|err| CliError::io(path, "reading", err))?;
        rows.extend(incidents_from_batches(std::slice::from_ref(&batch))?);
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
        let mut got: Vec<(String, usize)> = Vec::new();
        for batch in &batches {
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
