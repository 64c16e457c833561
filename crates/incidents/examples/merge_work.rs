//! What follows the extraction in `extract_texts` alone: the events merge and the
//! Arrow record batches, for instruction counts and for checking that a change to
//! `events.rs` or `frames.rs` keeps every answer.
//!
//! Reads each `*.txt` of the folders given (sorted) into unmerged tables once,
//! then, `--passes N` times, merges their incidents into events and builds the
//! record batches of the five tables. Prints the counts and a hash of the events;
//! run it under `valgrind --tool=callgrind` with `--passes 3` and `--passes 1`
//! (docs/benchmarks.md): half the difference is one pass, without the
//! extraction. `RAYON_NUM_THREADS=1` keeps the count to one thread's work.
//!
//! ```sh
//! cargo build --release -p incidents --example merge_work
//! RAYON_NUM_THREADS=1 valgrind --tool=callgrind target/release/examples/merge_work --passes 3 examples/articles
//! ```

use std::collections::hash_map::DefaultHasher;
use std::hash::{Hash, Hasher};

use incidents::Extractor;

// The allocator of the command line and the Python module.
#[global_allocator]
static ALLOCATOR: mimalloc::MiMalloc = mimalloc::MiMalloc;

mod common;
use common::WorkArgs;

fn main() {
    let args = WorkArgs::from_env("merge_work");
    let (passes, articles) = (args.passes, args.articles());
    let extractor = Extractor::new();
    let mut tables = extractor.extract_batch_unmerged(&articles);
    let mut hasher = DefaultHasher::new();
    let mut rows = 0usize;
    let mut millis: Vec<f64> = Vec::with_capacity(passes);
    for pass in 0..passes {
        let started = std::time::Instant::now();
        tables.events = extractor.merge_events(&tables.incidents);
        let batches = match tables.to_record_batches() {
            Ok(batches) => batches,
            Err(err) => {
                eprintln!("merge_work: {err}");
                std::process::exit(1);
            }
        };
        millis.push(started.elapsed().as_secs_f64() * 1e3);
        if pass == 0 {
            rows = batches.events.num_rows();
            format!("{:?}", tables.events).hash(&mut hasher);
        }
    }
    // The median pass on the clock: the merge and the batches, without the
    // extraction before them or the hashing of the first pass after them.
    millis.sort_by(f64::total_cmp);
    println!(
        "{} texts, {} incidents, {rows} events, hash {:016x}, {:.1} ms a pass (median)",
        articles.len(),
        tables.incidents.len(),
        hasher.finish(),
        millis.get(millis.len() / 2).copied().unwrap_or(0.0),
    );
}
