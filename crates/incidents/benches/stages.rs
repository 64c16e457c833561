//! Where the time of one extraction goes: each pipeline stage alone, then the whole.
//!
//! The corpus is the project's sample and development articles
//! (`examples/articles/*.txt`, `examples/devset/articles/*.txt`). Every stage is fed
//! what the pipeline feeds it: `clean` the raw text, `split_sentences` the cleaned
//! lines, the dictionary pass the whole text, `find_numbers` and `find_dates` each
//! sentence (with the document's reference date, as `assemble` does). Throughput is
//! given over the bytes of the corpus, so the stages' figures add up to a budget
//! against `extract` (one thread) and `extract_batch` (rayon, every core).
//!
//! `Extractor` keeps its lexicon private; the bench builds the same one from the
//! extractor's own gazetteer and actor registry with the public `Lexicon::build`.
//!
//! Run with `cargo bench -p incidents --bench stages`.

use std::hint::black_box;
use std::path::Path;
use std::time::Duration;

use criterion::{Criterion, Throughput};
use incidents::clean::{clean, CleanDocument};
use incidents::dates::{find_dates, find_reference_date, ReferenceDate};
use incidents::lexicon::Lexicon;
use incidents::numbers::find_numbers;
use incidents::segment::{split_sentences, Sentence};
use incidents::{Article, Extractor};

/// One corpus document with what the earlier stages made of it.
struct Doc {
    id: String,
    text: String,
    cleaned: CleanDocument,
    sentences: Vec<Sentence>,
    reference: Option<ReferenceDate>,
}

/// Reads every `*.txt` of the example folders, sorted so that runs compare.
fn corpus() -> Vec<Doc> {
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("../../examples");
    let mut paths = Vec::new();
    for folder in ["articles", "devset/articles"] {
        let Ok(entries) = std::fs::read_dir(root.join(folder)) else {
            continue;
        };
        paths.extend(
            entries
                .filter_map(|e| e.ok().map(|e| e.path()))
                .filter(|p| p.extension().is_some_and(|x| x == "txt")),
        );
    }
    paths.sort();
    paths
        .into_iter()
        .filter_map(|path| {
            let text = std::fs::read_to_string(&path).ok()?;
            let id = path.file_stem()?.to_string_lossy().into_owned();
            let cleaned = clean(&text);
            let sentences = split_sentences(&text, &cleaned.lines);
            let reference = find_reference_date(&text);
            Some(Doc {
                id,
                text,
                cleaned,
                sentences,
                reference,
            })
        })
        .collect()
}

fn stages(c: &mut Criterion) {
    let docs = corpus();
    assert!(
        !docs.is_empty(),
        "no articles under examples/: the bench has nothing to measure"
    );
    let bytes: usize = docs.iter().map(|d| d.text.len()).sum();
    let extractor = Extractor::new();
    let lexicon = match Lexicon::build(extractor.gazetteer(), extractor.actors()) {
        Ok(lexicon) => lexicon,
        Err(err) => panic!("the bundled dictionaries do not compile: {err}"),
    };
    let articles: Vec<Article> = docs
        .iter()
        .map(|d| Article::new(d.id.clone(), d.text.clone()))
        .collect();

    let mut group = c.benchmark_group("stages");
    group
        .sample_size(20)
        .warm_up_time(Duration::from_secs(1))
        .measurement_time(Duration::from_secs(3))
        .throughput(Throughput::Bytes(bytes as u64));

    group.bench_function("clean", |b| {
        b.iter(|| {
            for d in &docs {
                black_box(clean(black_box(&d.text)));
            }
        })
    });
    group.bench_function("segment", |b| {
        b.iter(|| {
            for d in &docs {
                black_box(split_sentences(black_box(&d.text), &d.cleaned.lines));
            }
        })
    });
    group.bench_function("reference_date", |b| {
        b.iter(|| {
            for d in &docs {
                black_box(find_reference_date(black_box(&d.text)));
            }
        })
    });
    group.bench_function("dictionary_pass", |b| {
        b.iter(|| {
            for d in &docs {
                black_box(lexicon.scan(black_box(&d.text)));
            }
        })
    });
    group.bench_function("numbers", |b| {
        b.iter(|| {
            for d in &docs {
                for s in &d.sentences {
                    black_box(find_numbers(black_box(&d.text[s.span.clone()])));
                }
            }
        })
    });
    group.bench_function("dates", |b| {
        b.iter(|| {
            for d in &docs {
                for s in &d.sentences {
                    black_box(find_dates(black_box(&d.text[s.span.clone()]), d.reference));
                }
            }
        })
    });
    group.finish();

    // The whole runs 5 to 10 times longer than a stage: a longer window keeps 20 samples.
    let mut group = c.benchmark_group("pipeline");
    group
        .sample_size(20)
        .warm_up_time(Duration::from_secs(1))
        .measurement_time(Duration::from_secs(5))
        .throughput(Throughput::Bytes(bytes as u64));
    // Sequential on purpose: the sum of the stages above against the whole on one core;
    // what is left over is the assembly (attribution, grouping, rows).
    group.bench_function("extract_one_thread", |b| {
        b.iter(|| {
            for a in &articles {
                black_box(extractor.extract(black_box(a)));
            }
        })
    });
    group.bench_function("extract_batch", |b| {
        b.iter(|| black_box(extractor.extract_batch(black_box(&articles))))
    });
    group.finish();
}

// What `criterion_group!`/`criterion_main!` expand to, written out so that the
// generated public function does not trip the workspace's `missing_docs` lint.
fn main() {
    let mut criterion = Criterion::default().configure_from_args();
    stages(&mut criterion);
    criterion.final_summary();
}
