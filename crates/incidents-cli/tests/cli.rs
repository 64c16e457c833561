//! End-to-end tests of the `incidents` binary on folders made here.

use std::fs;
use std::path::{Path, PathBuf};
use std::process::{Command, Output};
use std::sync::atomic::{AtomicUsize, Ordering};

use parquet::file::reader::{FileReader, SerializedFileReader};

const BIN: &str = env!("CARGO_BIN_EXE_incidents");
const TABLES: [&str; 5] = [
    "documents",
    "incidents",
    "casualties",
    "statistics",
    "events",
];

// Short reports written for these tests.
const CLASH: &str = "Three soldiers were martyred and two militants killed when terrorists \
attacked a check post in Kurram district on Sunday, the ISPR said.";
const BLAST: &str = "A roadside bomb went off near a police van in Quetta on Friday, \
injuring five policemen, officials said.";

/// A folder under the system temp folder, removed when dropped.
struct TempDir(PathBuf);

impl TempDir {
    fn new(name: &str) -> TempDir {
        static COUNTER: AtomicUsize = AtomicUsize::new(0);
        let path = std::env::temp_dir().join(format!(
            "incidents-cli-{}-{}-{name}",
            std::process::id(),
            COUNTER.fetch_add(1, Ordering::SeqCst)
        ));
        let _ = fs::remove_dir_all(&path);
        fs::create_dir_all(&path).expect("temp folder");
        TempDir(path)
    }

    fn path(&self) -> &Path {
        &self.0
    }

    fn write(&self, name: &str, bytes: &[u8]) -> PathBuf {
        let path = self.0.join(name);
        if let Some(parent) = path.parent() {
            fs::create_dir_all(parent).expect("parent folder");
        }
        fs::write(&path, bytes).expect("write test file");
        path
    }
}

impl Drop for TempDir {
    fn drop(&mut self) {
        let _ = fs::remove_dir_all(&self.0);
    }
}

fn run(args: &[&str]) -> Output {
    Command::new(BIN).args(args).output().expect("binary runs")
}

fn s(path: &Path) -> &str {
    path.to_str().expect("utf-8 temp path")
}

fn stderr(out: &Output) -> String {
    String::from_utf8_lossy(&out.stderr).into_owned()
}

fn stdout(out: &Output) -> String {
    String::from_utf8_lossy(&out.stdout).into_owned()
}

/// Column names of each table, as the library defines them.
fn expected_columns() -> Vec<Vec<String>> {
    let batches = incidents_tables();
    batches
        .iter()
        .map(|b| {
            b.schema()
                .fields()
                .iter()
                .map(|f| f.name().clone())
                .collect()
        })
        .collect()
}

fn incidents_tables() -> Vec<arrow_array::RecordBatch> {
    let b = incidents::Tables::default()
        .to_record_batches()
        .expect("empty tables build");
    vec![
        b.documents,
        b.incidents,
        b.casualties,
        b.statistics,
        b.events,
    ]
}

fn parquet_columns(path: &Path) -> (Vec<String>, i64) {
    let reader = SerializedFileReader::new(fs::File::open(path).expect("open parquet"))
        .expect("valid parquet");
    let meta = reader.metadata();
    let schema = meta.file_metadata().schema_descr();
    // Top-level names: nested (list) columns have leaf paths like warnings.list.element.
    let mut names: Vec<String> = Vec::new();
    for column in schema.columns() {
        let top = column.path().parts()[0].clone();
        if names.last() != Some(&top) {
            names.push(top);
        }
    }
    (names, meta.file_metadata().num_rows())
}

fn csv_rows(path: &Path) -> (Vec<String>, Vec<csv::StringRecord>) {
    let mut reader = csv::Reader::from_path(path).expect("open csv");
    let header = reader
        .headers()
        .expect("csv header")
        .iter()
        .map(str::to_string)
        .collect();
    let rows = reader.records().map(|r| r.expect("csv row")).collect();
    (header, rows)
}

fn jsonl_rows(path: &Path) -> Vec<serde_json::Map<String, serde_json::Value>> {
    fs::read_to_string(path)
        .expect("read jsonl")
        .lines()
        .map(
            |line| match serde_json::from_str(line).expect("json line") {
                serde_json::Value::Object(map) => map,
                other => panic!("not an object: {other}"),
            },
        )
        .collect()
}

fn sample_folder() -> TempDir {
    let dir = TempDir::new("in");
    dir.write("clash.txt", CLASH.as_bytes());
    dir.write("nested/blast.txt", BLAST.as_bytes());
    dir.write("notes.md", b"not an article");
    dir
}

#[test]
fn parquet_output_has_every_table_with_the_contract_columns() {
    let input = sample_folder();
    let out = TempDir::new("out");
    let result = run(&[
        "extract",
        s(input.path()),
        "--out",
        s(out.path()),
        "--format",
        "parquet",
    ]);
    assert!(result.status.success(), "{}", stderr(&result));
    let expected = expected_columns();
    for (table, columns) in TABLES.iter().zip(&expected) {
        let (names, rows) = parquet_columns(&out.path().join(format!("{table}.parquet")));
        assert_eq!(&names, columns, "{table}");
        if *table == "documents" {
            // Two *.txt files, one of them in a subfolder; the .md file is not read.
            assert_eq!(rows, 2);
        }
    }
    assert!(
        stderr(&result).contains("2 documents"),
        "{}",
        stderr(&result)
    );
}

#[test]
fn csv_output_joins_lists_and_keeps_the_columns() {
    let input = sample_folder();
    let out = TempDir::new("out");
    let result = run(&[
        "extract",
        s(input.path()),
        "--out",
        s(out.path()),
        "--format",
        "csv",
    ]);
    assert!(result.status.success(), "{}", stderr(&result));
    let expected = expected_columns();
    for (table, columns) in TABLES.iter().zip(&expected) {
        let (header, _) = csv_rows(&out.path().join(format!("{table}.csv")));
        assert_eq!(&header, columns, "{table}");
    }
    let (header, rows) = csv_rows(&out.path().join("documents.csv"));
    let id = header
        .iter()
        .position(|h| h == "doc_id")
        .expect("doc_id column");
    let ids: Vec<&str> = rows.iter().map(|r| &r[id]).collect();
    // Sorted by path: clash.txt before nested/blast.txt.
    assert_eq!(ids, vec!["clash", "blast"]);
}

#[test]
fn jsonl_output_has_every_column_on_every_line() {
    let input = sample_folder();
    let out = TempDir::new("out");
    let result = run(&[
        "extract",
        s(input.path()),
        "--out",
        s(out.path()),
        "-f",
        "jsonl",
    ]);
    assert!(result.status.success(), "{}", stderr(&result));
    let expected = expected_columns();
    for (table, columns) in TABLES.iter().zip(&expected) {
        let path = out.path().join(format!("{table}.jsonl"));
        assert!(path.exists(), "{table}");
        for row in jsonl_rows(&path) {
            let keys: Vec<&String> = row.keys().collect();
            let mut want: Vec<&String> = columns.iter().collect();
            want.sort();
            let mut got = keys.clone();
            got.sort();
            assert_eq!(got, want, "{table}");
        }
    }
    assert_eq!(jsonl_rows(&out.path().join("documents.jsonl")).len(), 2);
}

#[test]
fn a_missing_path_fails_with_its_name() {
    let out = TempDir::new("out");
    let missing = out.path().join("no-such-folder");
    let result = run(&["extract", s(&missing), "--out", s(out.path())]);
    assert_eq!(result.status.code(), Some(2));
    assert!(
        stderr(&result).contains("no-such-folder"),
        "{}",
        stderr(&result)
    );
    assert!(stderr(&result).contains("does not exist"));

    let result = run(&["eval", "--gold", s(&missing), "--articles", s(out.path())]);
    assert_eq!(result.status.code(), Some(2));
    assert!(
        stderr(&result).contains("no-such-folder"),
        "{}",
        stderr(&result)
    );
}

#[test]
fn invalid_utf8_still_gives_its_documents_row() {
    let input = TempDir::new("in");
    input.write(
        "broken.txt",
        b"Gunmen shot dead a shopkeeper in Bannu \xff\xfe on Tuesday.",
    );
    input.write("empty.txt", b"");
    let out = TempDir::new("out");
    let result = run(&[
        "extract",
        s(input.path()),
        "--out",
        s(out.path()),
        "-f",
        "jsonl",
    ]);
    assert!(result.status.success(), "{}", stderr(&result));
    let docs = jsonl_rows(&out.path().join("documents.jsonl"));
    assert_eq!(docs.len(), 2);
    let broken = docs
        .iter()
        .find(|d| d["doc_id"] == "broken")
        .expect("broken row");
    let warnings = broken["warnings"].as_array().expect("warnings list");
    assert!(
        warnings
            .iter()
            .any(|w| w.as_str().is_some_and(|w| w.contains("UTF-8"))),
        "{warnings:?}"
    );
    let empty = docs
        .iter()
        .find(|d| d["doc_id"] == "empty")
        .expect("empty row");
    assert_eq!(empty["status"], "empty");
}

#[test]
fn jsonl_input_reads_ids_dates_and_keeps_bad_lines_as_error_rows() {
    let input = TempDir::new("in");
    let lines = [
        serde_json::json!({"id": "r1", "body": CLASH, "when": "2024-05-12"}).to_string(),
        "{this is not json".to_string(),
        String::new(),
        serde_json::json!({"id": 7, "body": BLAST, "when": "last week"}).to_string(),
        serde_json::json!({"id": "r3", "when": null}).to_string(),
    ];
    let file = input.write("batch.jsonl", lines.join("\n").as_bytes());
    let out = TempDir::new("out");
    let result = run(&[
        "extract",
        s(&file),
        "--out",
        s(out.path()),
        "-f",
        "jsonl",
        "--text-column",
        "body",
        "--id-column",
        "id",
        "--published-column",
        "when",
        "--batch-size",
        "1",
    ]);
    assert!(result.status.success(), "{}", stderr(&result));
    let docs = jsonl_rows(&out.path().join("documents.jsonl"));
    let ids: Vec<&str> = docs.iter().filter_map(|d| d["doc_id"].as_str()).collect();
    assert_eq!(ids, vec!["r1", "batch:2", "7", "r3"]);
    assert_eq!(docs[0]["published"], "2024-05-12");
    assert_eq!(docs[0]["published_from"], "given");
    assert_eq!(docs[1]["status"], "error");
    assert!(docs[2]["warnings"].to_string().contains("last week"));
    assert_eq!(docs[3]["status"], "error");
}

#[test]
fn jsonl_input_with_a_wrong_text_column_is_a_usage_error() {
    let input = TempDir::new("in");
    let file = input.write("batch.jsonl", br#"{"doc_id": "a", "body": "x"}"#);
    let out = TempDir::new("out");
    let result = run(&["extract", s(&file), "--out", s(out.path())]);
    assert_eq!(result.status.code(), Some(2));
    assert!(
        stderr(&result).contains("--text-column"),
        "{}",
        stderr(&result)
    );
}

#[test]
fn csv_input_reads_the_named_columns() {
    let input = TempDir::new("in");
    let mut writer = csv::Writer::from_path(input.path().join("rows.csv")).expect("csv");
    writer
        .write_record(["doc_id", "published", "text"])
        .expect("header");
    writer
        .write_record(["c1", "2023-11-02", CLASH])
        .expect("row");
    writer.write_record(["c2", "", BLAST]).expect("row");
    writer.flush().expect("flush");
    drop(writer);
    let out = TempDir::new("out");
    let file = input.path().join("rows.csv");
    let result = run(&["extract", s(&file), "--out", s(out.path()), "-f", "csv"]);
    assert!(result.status.success(), "{}", stderr(&result));
    let (header, rows) = csv_rows(&out.path().join("documents.csv"));
    let col = |name: &str| header.iter().position(|h| h == name).expect("column");
    assert_eq!(&rows[0][col("doc_id")], "c1");
    assert_eq!(&rows[0][col("published")], "2023-11-02");
    assert_eq!(&rows[1][col("published")], "");

    let result = run(&[
        "extract",
        s(&file),
        "--out",
        s(out.path()),
        "--text-column",
        "article",
    ]);
    assert_eq!(result.status.code(), Some(2));
    assert!(
        stderr(&result).contains("\"article\""),
        "{}",
        stderr(&result)
    );
}

#[test]
fn an_empty_folder_still_gives_every_table_empty() {
    let input = TempDir::new("in");
    let out = TempDir::new("out");
    let result = run(&[
        "extract",
        s(input.path()),
        "--out",
        s(&out.path().join("deep/er")),
    ]);
    assert!(result.status.success(), "{}", stderr(&result));
    for table in TABLES {
        let (names, rows) = parquet_columns(&out.path().join(format!("deep/er/{table}.parquet")));
        assert!(!names.is_empty());
        assert_eq!(rows, 0);
    }
}

#[test]
fn batches_split_the_input_without_losing_rows() {
    let input = TempDir::new("in");
    for i in 0..7 {
        input.write(
            &format!("doc{i}.txt"),
            if i % 2 == 0 { CLASH } else { BLAST }.as_bytes(),
        );
    }
    let out = TempDir::new("out");
    let result = run(&[
        "extract",
        s(input.path()),
        "--out",
        s(out.path()),
        "--batch-size",
        "3",
        "--threads",
        "1",
        "--quiet",
    ]);
    assert!(result.status.success(), "{}", stderr(&result));
    // Quiet: no progress and no summary line.
    assert!(
        !stderr(&result).contains("documents ("),
        "{}",
        stderr(&result)
    );
    let (_, rows) = parquet_columns(&out.path().join("documents.parquet"));
    assert_eq!(rows, 7);
}

#[test]
fn a_table_that_cannot_be_written_stops_the_run_with_its_name() {
    // The tables are written on a thread of their own while the next batches are
    // read: its failure must end the run with an error, not hang it or be lost.
    let input = TempDir::new("in");
    for i in 0..9 {
        input.write(&format!("doc{i}.txt"), CLASH.as_bytes());
    }
    let out = TempDir::new("out");
    // A folder where the incidents file should go: creating that file fails.
    fs::create_dir_all(out.path().join("incidents.parquet"))
        .expect("a folder in the output folder");
    let result = run(&[
        "extract",
        s(input.path()),
        "--out",
        s(out.path()),
        "--batch-size",
        "2",
        "--quiet",
    ]);
    assert_eq!(result.status.code(), Some(1), "{}", stderr(&result));
    let message = stderr(&result);
    assert!(
        message.contains("creating") && message.contains("incidents.parquet"),
        "{message}"
    );
}

#[test]
fn eval_on_labelled_rows_prints_scores_and_throughput() {
    let input = TempDir::new("in");
    let row = serde_json::json!({
        "doc_id": "l1",
        "published": "2024-05-12",
        "text": CLASH,
        "labels": {"admin2": "Kurram", "date": "2024-05-12", "killed_min": 5, "killed_max": 5}
    });
    let file = input.write("dev.jsonl", row.to_string().as_bytes());
    let result = run(&["eval", "--labelled", s(&file)]);
    assert!(result.status.success(), "{}", stderr(&result));
    let text = stdout(&result);
    for line in [
        "with an incident",
        "killed right",
        "district right",
        "date right",
        "docs/s",
    ] {
        assert!(text.contains(line), "{text}");
    }
    let result = run(&["eval", "--labelled", s(&file), "--json"]);
    let json: serde_json::Value = serde_json::from_slice(&result.stdout).expect("json report");
    let report = &json[s(&file)];
    assert_eq!(report["rows"], 1);
    assert!(report["throughput"]["docs_per_second"].is_number());
}

#[test]
fn eval_needs_gold_or_labelled() {
    let result = run(&["eval"]);
    assert_eq!(result.status.code(), Some(2));
}

/// `../shared` beside the repository, when this machine has it.
fn shared() -> Option<PathBuf> {
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("../..");
    let shared = root.join("../shared");
    (shared.join("gold/seeds.jsonl").is_file() && shared.join("seeds").is_dir()).then_some(shared)
}

#[test]
fn eval_runs_on_the_shared_seeds() {
    let Some(shared) = shared() else {
        eprintln!("skipped: ../shared is absent");
        return;
    };
    let gold = shared.join("gold/seeds.jsonl");
    let articles = shared.join("seeds");
    let result = run(&[
        "eval",
        "--gold",
        s(&gold),
        "--articles",
        s(&articles),
        "--details",
    ]);
    assert!(result.status.success(), "{}", stderr(&result));
    let text = stdout(&result);
    for line in [
        "incidents",
        "statistics",
        "casualty claims",
        "reference dates",
        "negatives",
    ] {
        assert!(text.contains(line), "{text}");
    }
    let result = run(&[
        "eval",
        "--gold",
        s(&gold),
        "--articles",
        s(&articles),
        "--json",
    ]);
    assert!(result.status.success(), "{}", stderr(&result));
    let json: serde_json::Value = serde_json::from_slice(&result.stdout).expect("json report");
    assert_eq!(json["documents"], 5);
    assert_eq!(json["reference_dates"]["total"], 5);
    assert!(json["ignored_documents"]
        .as_array()
        .is_some_and(|a| a.is_empty()));
    // Every gold evidence is found in its article.
    for detail in json["details"].as_array().expect("details") {
        assert_eq!(
            detail["unlocated_evidence"],
            serde_json::json!([]),
            "{detail}"
        );
    }
}

#[test]
fn a_malformed_gold_file_names_its_line() {
    let input = TempDir::new("in");
    let gold = input.write("gold.jsonl", b"{\"doc\": \"a\", \"kind\": \"document\", \"published\": null, \"published_precision\": \"unknown\"}\n{oops\n");
    let result = run(&["eval", "--gold", s(&gold), "--articles", s(input.path())]);
    assert_eq!(result.status.code(), Some(1));
    assert!(stderr(&result).contains("line 2"), "{}", stderr(&result));
}

#[test]
fn eval_runs_on_the_bundled_examples_and_finds_every_evidence() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("../../examples");
    let (gold, articles) = (root.join("gold.jsonl"), root.join("articles"));
    if !gold.is_file() || !articles.is_dir() {
        eprintln!("skipped: examples/gold.jsonl or examples/articles is absent");
        return;
    }
    let result = run(&[
        "eval",
        "--gold",
        s(&gold),
        "--articles",
        s(&articles),
        "--json",
    ]);
    assert!(result.status.success(), "{}", stderr(&result));
    let json: serde_json::Value = serde_json::from_slice(&result.stdout).expect("json report");
    // Every labelled document has its article, and every article is labelled.
    assert_eq!(json["ignored_documents"], serde_json::json!([]));
    for detail in json["details"].as_array().expect("details") {
        assert_eq!(detail["missing_text"], false, "{}", detail["doc_id"]);
        assert_eq!(
            detail["unlocated_evidence"],
            serde_json::json!([]),
            "{}",
            detail["doc_id"]
        );
    }
}

#[test]
fn reports_of_one_attack_in_two_files_and_two_batches_become_one_event() {
    let input = TempDir::new("events-in");
    fs::write(
        input.path().join("police.txt"),
        "BANNU, May 6, 2024 - Two policemen were martyred when militants attacked a check post \
         in Bannu's Domel area on Monday, the district police officer said.",
    )
    .expect("write");
    fs::write(
        input.path().join("wire.txt"),
        "Peshawar, May 7, 2024 (Reuters) - Gunmen stormed a police post in the Domel area of \
         Bannu district late on Monday, killing three officers, officials said.",
    )
    .expect("write");
    let out = TempDir::new("events-out");
    // One article a batch: the events are merged over all batches, not per batch.
    let result = run(&[
        "extract",
        s(input.path()),
        "--out",
        s(out.path()),
        "--format",
        "jsonl",
        "--batch-size",
        "1",
    ]);
    assert!(result.status.success(), "{}", stderr(&result));
    let events = jsonl_rows(&out.path().join("events.jsonl"));
    assert_eq!(events.len(), 1, "{events:#?}");
    assert_eq!(events[0]["n_reports"], serde_json::json!(2));
    assert_eq!(events[0]["killed"], serde_json::json!(2));
    assert_eq!(events[0]["killed_max"], serde_json::json!(3));
    assert!(
        stderr(&result).contains("(1 events)"),
        "{}",
        stderr(&result)
    );
}

#[test]
fn eval_scores_merging_on_the_event_set() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("../../examples/events");
    let result = run(&[
        "eval",
        "--events",
        s(&root.join("events.jsonl")),
        "--articles",
        s(&root.join("articles")),
        "--json",
    ]);
    assert!(result.status.success(), "{}", stderr(&result));
    let json: serde_json::Value = serde_json::from_slice(&result.stdout).expect("json report");
    assert!(
        json["precision"].as_f64().expect("precision") >= 0.95,
        "{json}"
    );
    assert!(
        json["gold_pairs"].as_u64().expect("gold pairs") >= 60,
        "{json}"
    );
}
