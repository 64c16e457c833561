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

use incidents::numbers::find_numbers;

mod common;
use common::WorkArgs;

fn main() {
    let args = WorkArgs::from_env("numbers_work");
    let passes = args.passes;
    let docs = args.texts_and_sentences();
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
