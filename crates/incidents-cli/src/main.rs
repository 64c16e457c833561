//! `incidents`: the command line of the `incidents` crate.
//!
//! `incidents extract` reads text files, folders of them, or JSONL/CSV files with
//! a text column, and writes the tables (documents, incidents, casualties,
//! statistics) as Parquet, CSV or JSONL. `incidents eval` scores the extractor
//! against gold labels or labelled development rows. Everything here is argument
//! handling and I/O; the reading of articles is the library's.

mod error;
mod evaluate;
mod extract;
mod input;
mod output;
mod spill;

use std::path::PathBuf;
use std::process::ExitCode;

use clap::{ArgGroup, Parser, Subcommand, ValueEnum};

use crate::error::CliError;

// mimalloc: why, and how it is set, in `incidents_alloc`.
#[global_allocator]
static ALLOCATOR: incidents_alloc::MiMalloc = incidents_alloc::MiMalloc;

/// Structured incident, casualty and statistics tables from news about militant violence in Pakistan.
#[derive(Debug, Parser)]
#[command(name = "incidents", version, about, propagate_version = true)]
struct Cli {
    #[command(subcommand)]
    command: Command,
}

#[derive(Debug, Subcommand)]
enum Command {
    /// Extract the tables (events merged across articles) and write them to a folder.
    ///
    /// Each PATH is a text file (its stem is the doc_id), a folder (every *.txt
    /// below it, subfolders included, in sorted path order; stem = doc_id), or a
    /// .jsonl / .csv file with one document a row. Writes documents, incidents,
    /// casualties and statistics into OUT, each with the format's extension.
    Extract(ExtractArgs),
    /// Score the extractor against gold labels (--gold with --articles) or
    /// labelled development rows (--labelled).
    #[command(group(ArgGroup::new("reference").required(true).args(["gold", "labelled", "events"])))]
    Eval(EvalArgs),
}

/// Output formats of `extract`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum Format {
    /// Apache Parquet (snappy), one file per table.
    Parquet,
    /// CSV with a header; list columns joined with "; ".
    Csv,
    /// One JSON object a line.
    Jsonl,
}

impl Format {
    /// The file extension.
    pub fn extension(self) -> &'static str {
        match self {
            Format::Parquet => "parquet",
            Format::Csv => "csv",
            Format::Jsonl => "jsonl",
        }
    }
}

/// Arguments of `incidents extract`.
#[derive(Debug, clap::Args)]
pub struct ExtractArgs {
    /// Text files, folders of *.txt, or .jsonl / .csv files with a text column.
    #[arg(required = true, value_name = "PATH")]
    pub paths: Vec<PathBuf>,
    /// Folder to write the tables into (created if missing).
    #[arg(long, short, value_name = "DIR")]
    pub out: PathBuf,
    /// Output format.
    #[arg(long, short, value_enum, default_value_t = Format::Parquet)]
    pub format: Format,
    /// JSONL/CSV: column with the text.
    #[arg(long, default_value = "text", value_name = "C")]
    pub text_column: String,
    /// JSONL/CSV: column with the document id (rows without one get FILE:ROW).
    #[arg(long, default_value = "doc_id", value_name = "C")]
    pub id_column: String,
    /// JSONL/CSV: column with the reference date, YYYY-MM-DD [default: published, when present].
    #[arg(long, value_name = "C")]
    pub published_column: Option<String>,
    /// Documents extracted and written at a time; bounds memory use.
    #[arg(long, default_value_t = 1000, value_name = "N",
          value_parser = clap::value_parser!(u32).range(1..))]
    pub batch_size: u32,
    /// Worker threads [default: one per core].
    #[arg(long, value_name = "N", value_parser = clap::value_parser!(u32).range(1..))]
    pub threads: Option<u32>,
    /// No progress and no summary on stderr.
    #[arg(long, short)]
    pub quiet: bool,
}

/// Arguments of `incidents eval`.
#[derive(Debug, clap::Args)]
pub struct EvalArgs {
    /// Gold labels in the JSONL format of the gold README.
    #[arg(
        long,
        value_name = "FILE",
        requires = "articles",
        conflicts_with = "labelled"
    )]
    pub gold: Option<PathBuf>,
    /// Folder of the gold's (or the event labels') articles: every *.txt, stem = doc_id.
    #[arg(long, value_name = "DIR")]
    pub articles: Option<PathBuf>,
    /// Event-merging labels (JSONL: doc, event, event_type, date, admin2): scores
    /// how incidents of different articles are merged into events, pairwise.
    #[arg(
        long,
        value_name = "FILE",
        requires = "articles",
        conflicts_with_all = ["gold", "labelled"]
    )]
    pub events: Option<PathBuf>,
    /// Labelled development files (JSONL: doc_id, published, text, labels); one report each.
    #[arg(long, value_name = "FILE", num_args = 1..)]
    pub labelled: Vec<PathBuf>,
    /// Print the report as JSON.
    #[arg(long)]
    pub json: bool,
    /// Also list, per document, what was missed and what was spurious.
    #[arg(long)]
    pub details: bool,
    /// Worker threads [default: one per core].
    #[arg(long, value_name = "N", value_parser = clap::value_parser!(u32).range(1..))]
    pub threads: Option<u32>,
}

fn set_threads(threads: Option<u32>) -> Result<(), CliError> {
    if let Some(n) = threads {
        rayon::ThreadPoolBuilder::new()
            .num_threads(n as usize)
            .build_global()
            .map_err(|err| CliError::Io(format!("cannot start {n} worker threads: {err}")))?;
    }
    Ok(())
}

fn run(cli: Cli) -> Result<(), CliError> {
    match cli.command {
        Command::Extract(args) => {
            set_threads(args.threads)?;
            extract::run(&args)
        }
        Command::Eval(args) => {
            set_threads(args.threads)?;
            evaluate::run(&args)
        }
    }
}

fn main() -> ExitCode {
    // The library turns a panic inside one document into that document's error
    // row and goes on; the default hook would still print a backtrace for each,
    // which floods a long run. One line says where, the row says why.
    std::panic::set_hook(Box::new(|info| {
        let place = info
            .location()
            .map(|l| format!(" at {}:{}", l.file(), l.line()))
            .unwrap_or_default();
        eprintln!(
            "incidents: internal error{place}; the document gets status \"error\" with the reason"
        );
    }));
    incidents_alloc::return_memory_at_once();
    incidents_alloc::no_huge_pages_in_process();
    let cli = Cli::parse();
    match run(cli) {
        Ok(()) => ExitCode::SUCCESS,
        Err(err) => {
            eprintln!("error: {err}");
            ExitCode::from(err.exit_code())
        }
    }
}
