//! The whole extraction over a folder of texts on one thread, for instruction
//! counts of every stage together and for checking that a speed change keeps
//! every answer.
//!
//! For each `*.txt` of the folders given (sorted, at most `--limit N`), runs
//! [`Extractor::extract`] and prints the counts of rows and a hash of every row.
//! Run it under `valgrind --tool=callgrind` for a repeatable count of the work
//! (docs/benchmarks.md); `--passes N` repeats it, so that the count of N passes
//! less that of one is the work alone, without building the extractor:
//!
//! ```sh
//! cargo build --release -p incidents --example extract_work
//! valgrind --tool=callgrind target/release/examples/extract_work --passes 3 examples/articles
//! ```

use std::collections::hash_map::DefaultHasher;
use std::hash::{Hash, Hasher};
use std::path::PathBuf;

use incidents::{Article, Extractor};

// The allocator of the command line and the Python module, so that the counts are
// those of the work users run.
#[global_allocator]
static ALLOCATOR: mimalloc::MiMalloc = mimalloc::MiMalloc;

fn take_flag(args: &mut Vec<String>, flag: &str) -> Option<usize> {
    let at = args.iter().position(|a| a == flag)?;
    let value = args.get(at + 1).and_then(|n| n.parse().ok());
    args.drain(at..(at + 2).min(args.len()));
    value
}

fn main() {
    let mut args: Vec<String> = std::env::args().skip(1).collect();
    let passes = take_flag(&mut args, "--passes").unwrap_or(1);
    let limit = take_flag(&mut args, "--limit").unwrap_or(usize::MAX);
    let mut paths: Vec<PathBuf> = Vec::new();
    for folder in &args {
        let Ok(entries) = std::fs::read_dir(folder) else {
            eprintln!("extract_work: cannot read folder {folder}");
            std::process::exit(2);
        };
        paths.extend(
            entries
                .filter_map(|e| e.ok().map(|e| e.path()))
                .filter(|p| p.extension().is_some_and(|x| x == "txt")),
        );
    }
    paths.sort();
    paths.truncate(limit);
    let articles: Vec<Article> = paths
        .iter()
        .filter_map(|p| {
            let text = std::fs::read_to_string(p).ok()?;
            let id = p.file_stem()?.to_string_lossy().into_owned();
            Some(Article::new(id, text))
        })
        .collect();
    let bytes: usize = articles.iter().map(|a| a.text.len()).sum();
    let extractor = Extractor::new();
    let mut hasher = DefaultHasher::new();
    let (mut incidents, mut casualties, mut statistics) = (0usize, 0usize, 0usize);
    let started = std::time::Instant::now();
    for pass in 0..passes {
        for article in &articles {
            let out = extractor.extract(article);
            if pass == 0 {
                incidents += out.incidents.len();
                casualties += out.casualties.len();
                statistics += out.statistics.len();
                format!("{out:?}").hash(&mut hasher);
            }
        }
    }
    let seconds = started.elapsed().as_secs_f64();
    println!(
        "{} texts, {:.1} MB, {incidents} incidents, {casualties} casualties, \
         {statistics} statistics, hash {:016x}, {:.2} MB/s",
        articles.len(),
        bytes as f64 / 1e6,
        hasher.finish(),
        (bytes * passes) as f64 / 1e6 / seconds,
    );
}
