//! The number stage alone over a folder of texts, for instruction counts and for
//! checking that a change to `numbers.rs` keeps every answer.
//!
//! For each `*.txt` of the folders given (sorted): `clean` and `split_sentences`,
//! then `find_numbers` over each sentence's text, as `assemble` does. Prints the
//! counts and a hash of every answer; run it under `valgrind --tool=callgrind`
//! for a repeatable count of the work (docs/benchmarks.md):
//!
//! ```sh
//! cargo build --release -p incidents --example numbers_work
//! valgrind --tool=callgrind target/release/examples/numbers_work --passes 3 examples/articles
//! ```

use std::collections::hash_map::DefaultHasher;
use std::hash::{Hash, Hasher};
use std::path::PathBuf;

use incidents::clean::clean;
use incidents::numbers::find_numbers;
use incidents::segment::split_sentences;

fn main() {
    let mut args: Vec<String> = std::env::args().skip(1).collect();
    // `--passes N` repeats the work: the count of N passes less that of one is
    // the work alone, without building the tables and warming their caches.
    let mut passes = 1usize;
    if let Some(at) = args.iter().position(|a| a == "--passes") {
        passes = args.get(at + 1).and_then(|n| n.parse().ok()).unwrap_or(1);
        args.drain(at..(at + 2).min(args.len()));
    }
    let mut paths: Vec<PathBuf> = Vec::new();
    for folder in &args {
        let Ok(entries) = std::fs::read_dir(folder) else {
            eprintln!("numbers_work: cannot read folder {folder}");
            std::process::exit(2);
        };
        paths.extend(
            entries
                .filter_map(|e| e.ok().map(|e| e.path()))
                .filter(|p| p.extension().is_some_and(|x| x == "txt")),
        );
    }
    paths.sort();
    let docs: Vec<(String, Vec<std::ops::Range<usize>>)> = paths
        .iter()
        .filter_map(|p| std::fs::read_to_string(p).ok())
        .map(|text| {
            let cleaned = clean(&text);
            let spans = split_sentences(&text, &cleaned.lines)
                .into_iter()
                .map(|s| s.span)
                .collect();
            (text, spans)
        })
        .collect();
    let mut hasher = DefaultHasher::new();
    let (mut sentences, mut mentions) = (0usize, 0usize);
    for pass in 0..passes {
        for (text, spans) in &docs {
            for span in spans {
                let Some(words) = text.get(span.clone()) else {
                    continue;
                };
                let found = find_numbers(words);
                if pass == 0 {
                    sentences += 1;
                    mentions += found.len();
                    format!("{found:?}").hash(&mut hasher);
                }
            }
        }
    }
    println!(
        "{} texts, {sentences} sentences, {mentions} number mentions, hash {:016x}",
        docs.len(),
        hasher.finish()
    );
}
