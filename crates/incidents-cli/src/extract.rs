//! `incidents extract`: read, extract and write in batches.

use std::io::IsTerminal;
use std::sync::mpsc;
use std::time::{Duration, Instant};

use incidents::{Article, Extractor, Status};
use indicatif::{ProgressBar, ProgressDrawTarget, ProgressStyle};

use crate::error::CliError;
use crate::input::{self, Articles, Columns};
use crate::output::TableWriters;
use crate::spill::EventSpill;
use crate::ExtractArgs;

/// Input above this size gets progress lines even when stderr is not a
/// terminal (a log file): a long batch job should show it is alive.
const LONG_INPUT_BYTES: u64 = 64 * 1024 * 1024;

/// How often progress lines go to a non-terminal stderr.
const LOG_EVERY: Duration = Duration::from_secs(10);

/// Progress on stderr: a bar on a terminal, a plain line now and then in a log.
pub struct Progress {
    bar: Option<ProgressBar>,
    log: bool,
    total_bytes: u64,
    last_log: Instant,
    started: Instant,
}

impl Progress {
    /// Decides how to show progress for `total_bytes` of input.
    pub fn new(total_bytes: u64, quiet: bool) -> Progress {
        let terminal = std::io::stderr().is_terminal();
        let bar = (!quiet && terminal).then(|| {
            let bar = ProgressBar::with_draw_target(
                Some(total_bytes),
                ProgressDrawTarget::stderr_with_hz(4),
            );
            let style = ProgressStyle::with_template(
                "{spinner} [{elapsed_precise}] {wide_bar} {binary_bytes}/{binary_total_bytes} {msg} (eta {eta})",
            )
            .unwrap_or_else(|_| ProgressStyle::default_bar());
            bar.set_style(style);
            bar
        });
        Progress {
            bar,
            log: !quiet && !terminal && total_bytes >= LONG_INPUT_BYTES,
            total_bytes,
            last_log: Instant::now(),
            started: Instant::now(),
        }
    }

    /// Records progress after a batch.
    pub fn advance(&mut self, bytes_done: u64, documents_done: usize) {
        if let Some(bar) = &self.bar {
            bar.set_position(bytes_done);
            bar.set_message(format!("{documents_done} docs"));
        } else if self.log && self.last_log.elapsed() >= LOG_EVERY {
            self.last_log = Instant::now();
            let percent = 100.0 * bytes_done as f64 / self.total_bytes.max(1) as f64;
            eprintln!(
                "incidents: {documents_done} documents, {:.0} of {:.0} MB ({percent:.0}%) after {:.0} s",
                bytes_done as f64 / 1e6,
                self.total_bytes as f64 / 1e6,
                self.started.elapsed().as_secs_f64()
            );
        }
    }

    /// Removes the bar.
    pub fn finish(&self) {
        if let Some(bar) = &self.bar {
            bar.finish_and_clear();
        }
    }
}

type Batch = Result<(Vec<Article>, u64), CliError>;

/// Runs `incidents extract`.
pub fn run(args: &ExtractArgs) -> Result<(), CliError> {
    let started = Instant::now();
    let plan = input::plan(&args.paths)?;
    let total_bytes = plan.total_bytes;
    let columns = Columns {
        text: args.text_column.clone(),
        id: args.id_column.clone(),
        published: args
            .published_column
            .clone()
            .unwrap_or_else(|| "published".to_string()),
        published_explicit: args.published_column.is_some(),
    };
    let mut writers = TableWriters::new(&args.out, args.format)?;
    let extractor = Extractor::new();
    let batch_size = args.batch_size as usize;
    let mut progress = Progress::new(total_bytes, args.quiet);

    let mut counts = Counts::default();
    let mut spill = EventSpill::new(&args.out)?;
    let mut bytes_done = 0u64;
    // Reading runs on its own thread, one batch ahead, so disk and extraction overlap.
    let (sender, receiver) = mpsc::sync_channel::<Batch>(1);
    let result = std::thread::scope(|scope| -> Result<(), CliError> {
        scope.spawn(move || {
            let mut articles = Articles::new(plan, columns);
            loop {
                let mut batch = Vec::with_capacity(batch_size);
                let mut bytes = 0u64;
                for item in articles.by_ref() {
                    match item {
                        Ok(item) => {
                            bytes += item.bytes;
                            batch.push(item.article);
                            if batch.len() == batch_size {
                                break;
                            }
                        }
                        Err(err) => {
                            let _ = sender.send(Err(err));
                            return;
                        }
                    }
                }
                if batch.is_empty() {
                    return;
                }
                // The receiver has gone only when writing failed; its error is reported there.
                if sender.send(Ok((batch, bytes))).is_err() {
                    return;
                }
            }
        });
        // Writing runs on a thread of its own, one batch behind the extraction:
        // building record batches and encoding Parquet is work on one core, which
        // would otherwise leave the extraction's threads idle at every batch.
        let (to_writer, written_by_writer) = mpsc::sync_channel::<incidents::Tables>(1);
        let writing = scope.spawn(|| -> Result<(), CliError> {
            for tables in written_by_writer {
                writers.write(&tables.to_record_batches()?)?;
                // Events are merged over all batches at the end, from disk: memory
                // stays flat however large the corpus.
                spill.add(tables.incidents)?;
            }
            Ok(())
        });
        let extracted = (|| -> Result<(), CliError> {
            for batch in receiver {
                let (articles, bytes) = batch?;
                let tables = extractor.extract_batch_unmerged(&articles);
                counts.add(&tables);
                // The writer has gone only when writing failed; its error is reported below.
                if to_writer.send(tables).is_err() {
                    break;
                }
                bytes_done += bytes;
                progress.advance(bytes_done, counts.documents);
            }
            Ok(())
        })();
        drop(to_writer);
        let written = writing.join().unwrap_or_else(|_| {
            Err(CliError::Io(
                "writing the tables stopped: its thread panicked".to_string(),
            ))
        });
        written.and(extracted)
    });
    progress.finish();
    result?;
    counts.events = spill.merge(&extractor, |events| writers.write_events(events))?;
    let paths = writers.finish()?;

    if !args.quiet {
        let seconds = started.elapsed().as_secs_f64();
        let rate = |x: f64| if seconds > 0.0 { x / seconds } else { 0.0 };
        let names: Vec<String> = paths
            .iter()
            .filter_map(|p| p.file_name().map(|n| n.to_string_lossy().into_owned()))
            .collect();
        eprintln!(
            "incidents: {} documents ({} ok, {} empty, {} error) -> {} incidents ({} events), {} casualty claims, {} statistics; \
             {:.1} MB in {:.1} s ({:.0} docs/s, {:.2} MB/s); wrote {} in {}",
            counts.documents,
            counts.ok,
            counts.empty,
            counts.error,
            counts.incidents,
            counts.events,
            counts.casualties,
            counts.statistics,
            bytes_done as f64 / 1e6,
            seconds,
            rate(counts.documents as f64),
            rate(bytes_done as f64 / 1e6),
            names.join(", "),
            args.out.display()
        );
    }
    Ok(())
}

#[derive(Debug, Default)]
struct Counts {
    documents: usize,
    ok: usize,
    empty: usize,
    error: usize,
    incidents: usize,
    casualties: usize,
    statistics: usize,
    events: usize,
}

impl Counts {
    fn add(&mut self, tables: &incidents::Tables) {
        self.documents += tables.documents.len();
        for doc in &tables.documents {
            match doc.status {
                Status::Ok => self.ok += 1,
                Status::Empty => self.empty += 1,
                Status::Error => self.error += 1,
            }
        }
        self.incidents += tables.incidents.len();
        self.casualties += tables.casualties.len();
        self.statistics += tables.statistics.len();
    }
}
