//! The date stages alone over a folder of texts, for instruction counts and for
//! checking that a change to `dates/` keeps every answer.
//!
//! For each `*.txt` of the folders given (sorted): `find_reference_date` over the
//! text, then `find_dates` over each sentence with that reference, as `assemble`
//! does when the caller gives no date. Prints the counts and a hash of every
//! answer; run it under `valgrind --tool=callgrind` for a repeatable count of the
//! work (docs/benchmarks.md):
//!
//! ```sh
//! cargo build --release -p incidents --example dates_work
//! valgrind --tool=callgrind target/release/examples/dates_work --passes 3 examples/articles
//! ```

use std::collections::hash_map::DefaultHasher;
use std::hash::{Hash, Hasher};

use incidents::dates::{find_dates, find_reference_date};

mod common;
use common::WorkArgs;

fn main() {
    let args = WorkArgs::from_env("dates_work");
    let passes = args.passes;
    let docs = args.texts_and_sentences();
    let mut hasher = DefaultHasher::new();
    let (mut references, mut mentions) = (0usize, 0usize);
    for pass in 0..passes {
        for (text, spans) in &docs {
            let reference = find_reference_date(text);
            if pass == 0 {
                references += usize::from(reference.is_some());
                format!("{reference:?}").hash(&mut hasher);
            }
            for span in spans {
                let Some(words) = text.get(span.clone()) else {
                    continue;
                };
                let found = find_dates(words, reference);
                if pass == 0 {
                    mentions += found.len();
                    format!("{found:?}").hash(&mut hasher);
                }
            }
        }
    }
    println!(
        "{} texts, {references} reference dates, {mentions} date mentions, hash {:016x}",
        docs.len(),
        hasher.finish()
    );
}
