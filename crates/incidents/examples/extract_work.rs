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

use incidents::Extractor;

// The allocator of the command line and the Python module, so that the counts are
// those of the work users run.
#[global_allocator]
static ALLOCATOR: mimalloc::MiMalloc = mimalloc::MiMalloc;

mod common;
use common::WorkArgs;

fn main() {
    let args = WorkArgs::from_env("extract_work");
    let (passes, articles) = (args.passes, args.articles());
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
