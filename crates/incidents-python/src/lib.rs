//! `incidents._native`: the Python binding of the `incidents` crate.
//!
//! Conversion and errors only. Python hands in texts, ids and dates (or a
//! folder); the core reads them with the GIL released; the four tables come back
//! as `ArrowTable`s that any Arrow PyCapsule consumer takes, and the Python
//! package wraps them as polars DataFrames.

use std::path::{Path, PathBuf};

use chrono::NaiveDate;
use incidents::actors::ActorKind;
use incidents::frames::{RecordBatches, Table};
use incidents::places::MatchRule;
use incidents::{Article, Extraction, Tables};
use pyo3::exceptions::{PyFileNotFoundError, PyTypeError, PyValueError};
use pyo3::prelude::*;
use pyo3::types::{PyDict, PyString};

mod arrow;
mod errors;
mod pool;

use arrow::{import_stream, ArrowTable};
use errors::core;

// mimalloc: why, and how it is set, in `incidents_alloc`. Memory handed to
// Python as Arrow buffers is freed through their release callbacks, by it.
#[global_allocator]
static ALLOCATOR: incidents_alloc::MiMalloc = incidents_alloc::MiMalloc;

/// Documents read between two checks for Ctrl-C and two progress updates: about
/// a tenth of a second's work on one thread. Each chunk ends by waiting for its
/// slowest document, so chunks of 256 left the second thread idle often enough to
/// cost a tenth of the two-thread time on the bench corpus (docs/benchmarks.md).
const DEFAULT_CHUNK: usize = 1024;

/// A compiled extractor: build it once, use it from any thread.
#[pyclass(frozen, module = "incidents._native", name = "Extractor")]
struct Extractor {
    inner: incidents::Extractor,
    /// The threads it reads on (see `pool.rs`).
    pool: pool::Pool,
}

#[pymethods]
impl Extractor {
    /// Compiles the bundled dictionaries, with places and actors of your own added.
    ///
    /// `places_tsv` and `actors_tsv` are TSV texts (header line included) in the
    /// format of the bundled data files. `threads` sizes the pool it reads on;
    /// None leaves it to `INCIDENTS_NUM_THREADS`, else one thread per core.
    #[new]
    #[pyo3(signature = (*, places_tsv = Vec::new(), actors_tsv = Vec::new(), threads = None))]
    fn new(
        py: Python<'_>,
        places_tsv: Vec<String>,
        actors_tsv: Vec<String>,
        threads: Option<usize>,
    ) -> PyResult<Self> {
        let pool = pool::Pool::new(threads)?;
        let built = py.detach(|| {
            let mut builder = incidents::Extractor::builder();
            for tsv in places_tsv {
                builder = builder.add_places_tsv(tsv);
            }
            for tsv in actors_tsv {
                builder = builder.add_actors_tsv(tsv);
            }
            builder.build()
        });
        Ok(Extractor {
            inner: core(built)?,
            pool,
        })
    }

    /// The pool size given at construction; None when the environment decides.
    #[getter]
    fn threads(&self) -> Option<usize> {
        self.pool.requested()
    }

    /// The number of threads this process reads on (starting them if needed).
    fn num_threads(&self, py: Python<'_>) -> PyResult<usize> {
        py.detach(|| self.pool.size())
    }

    /// Reads texts into the four tables: one `documents` row per text, in order.
    ///
    /// `doc_ids` default to the position ("0", "1", ...). Each `published` item is a
    /// `datetime.date`, an ISO date string or None. A None text reads as empty.
    #[pyo3(signature = (texts, doc_ids = None, published = None, *, progress = None, chunk_size = DEFAULT_CHUNK))]
    fn extract_texts<'py>(
        &self,
        py: Python<'py>,
        texts: Vec<Option<String>>,
        doc_ids: Option<Vec<String>>,
        published: Option<Vec<Bound<'py, PyAny>>>,
        progress: Option<Bound<'py, PyAny>>,
        chunk_size: usize,
    ) -> PyResult<Bound<'py, PyDict>> {
        let n = texts.len();
        if let Some(ids) = &doc_ids {
            check_len("doc_ids", ids.len(), n)?;
        }
        let dates = match &published {
            Some(values) => {
                check_len("published", values.len(), n)?;
                values
                    .iter()
                    .enumerate()
                    .map(|(i, value)| to_date(value, i))
                    .collect::<PyResult<Vec<_>>>()?
            }
            None => vec![None; n],
        };
        let mut ids = doc_ids.map(Vec::into_iter);
        let articles: Vec<Article> = texts
            .into_iter()
            .zip(dates)
            .enumerate()
            .map(|(i, (text, date))| {
                let id = ids
                    .as_mut()
                    .and_then(Iterator::next)
                    .unwrap_or_else(|| i.to_string());
                Article::new(id, text.unwrap_or_default()).with_published(date)
            })
            .collect();
        let chunk_size = chunk_size.max(1);
        let mut parts: Vec<Vec<Extraction>> = Vec::new();
        for chunk in articles.chunks(chunk_size) {
            let part = py.detach(|| self.pool.install(|| self.inner.extract_each(chunk)))?;
            parts.push(part);
            step(py, progress.as_ref(), chunk.len())?;
        }
        drop(articles);
        finish(py, &self.inner, &self.pool, parts)
    }

    /// Reads every `*.txt` file of a folder, sorted by name, into the four tables.
    ///
    /// The file stem is the `doc_id`. Invalid UTF-8 is replaced (with a warning);
    /// a file that cannot be read becomes a `status = error` row. A path to a
    /// single file reads that file. A path that does not exist raises
    /// `FileNotFoundError`.
    #[pyo3(signature = (path, *, progress = None, chunk_size = DEFAULT_CHUNK))]
    fn extract_dir<'py>(
        &self,
        py: Python<'py>,
        path: PathBuf,
        progress: Option<Bound<'py, PyAny>>,
        chunk_size: usize,
    ) -> PyResult<Bound<'py, PyDict>> {
        let files = py.detach(|| list_txt_files(&path))?;
        if let Some(callback) = &progress {
            // Lets the caller size its bar before the first chunk.
            if callback.hasattr("total")? {
                callback.setattr("total", files.len())?;
            }
        }
        let mut parts: Vec<Vec<Extraction>> = Vec::new();
        for chunk in files.chunks(chunk_size.max(1)) {
            let part = py.detach(|| {
                let articles: Vec<Article> = chunk.iter().map(|f| read_article(f)).collect();
                self.pool.install(|| self.inner.extract_each(&articles))
            })?;
            parts.push(part);
            step(py, progress.as_ref(), chunk.len())?;
        }
        finish(py, &self.inner, &self.pool, parts)
    }

    /// Merges the rows of an incidents table (any Arrow table with its columns,
    /// enum columns cast to strings) into events; returns the `events` table.
    fn merge_events(&self, py: Python<'_>, incidents: Bound<'_, PyAny>) -> PyResult<ArrowTable> {
        let batches = import_stream(&incidents, "incidents")?;
        let rows = core(incidents::frames::incidents_from_batches(&batches))?;
        let events = py.detach(|| self.pool.install(|| self.inner.merge_events(&rows)))?;
        let tables = Tables {
            events,
            ..Tables::default()
        };
        let batches = core(py.detach(|| tables.to_record_batches()))?;
        Ok(ArrowTable::new(Table::Events.name(), batches.events))
    }

    /// Scores the extraction of the `*.txt` files under `articles` against gold
    /// labels in the format of `shared/gold` (a JSONL file); returns the report as
    /// JSON text and as the printed table.
    #[pyo3(signature = (gold, articles))]
    fn evaluate(
        &self,
        py: Python<'_>,
        gold: PathBuf,
        articles: PathBuf,
    ) -> PyResult<(String, String)> {
        let gold_text = std::fs::read_to_string(&gold).map_err(|err| match err.kind() {
            std::io::ErrorKind::NotFound => PyFileNotFoundError::new_err((
                2,
                "No such file or directory",
                gold.display().to_string(),
            )),
            _ => errors::ReadError::new_err(format!("cannot read {}: {err}", gold.display())),
        })?;
        let gold = core(incidents::eval::Gold::parse(&gold_text))?;
        let files = py.detach(|| list_txt_files(&articles))?;
        let report = py.detach(|| {
            let articles: Vec<Article> = files.iter().map(|f| read_article(f)).collect();
            let texts = articles
                .iter()
                .map(|a| (a.doc_id.clone(), a.text.clone()))
                .collect();
            let tables = self.pool.install(|| self.inner.extract_batch(&articles))?;
            Ok::<_, PyErr>(incidents::eval::evaluate(&gold, &tables, &texts))
        })?;
        let json = serde_json::to_string(&report).map_err(|err| {
            errors::TableError::new_err(format!("cannot serialise the report: {err}"))
        })?;
        Ok((json, report.to_string()))
    }

    /// The gazetteer in use as a dict of columns, one item per place in file order:
    /// `id`, `kind`, `name`, `parent` (id), `country`, `admin1`, `admin2` (the
    /// core's resolution of the place), `lat`, `lon` (the row's own point),
    /// `aliases` (spellings without their `[mode]` suffix), `match`, `source`.
    fn gazetteer_rows<'py>(&self, py: Python<'py>) -> PyResult<Bound<'py, PyDict>> {
        let gazetteer = self.inner.gazetteer();
        let places = gazetteer.places();
        let n = places.len();
        let mut id = Vec::with_capacity(n);
        let mut kind = Vec::with_capacity(n);
        let mut name = Vec::with_capacity(n);
        let mut parent = Vec::with_capacity(n);
        let mut country = Vec::with_capacity(n);
        let mut admin1 = Vec::with_capacity(n);
        let mut admin2 = Vec::with_capacity(n);
        let mut lat = Vec::with_capacity(n);
        let mut lon = Vec::with_capacity(n);
        let mut aliases = Vec::with_capacity(n);
        let mut rule = Vec::with_capacity(n);
        let mut source = Vec::with_capacity(n);
        for (index, place) in places.iter().enumerate() {
            let location = gazetteer.locate(index);
            id.push(place.id.as_str());
            kind.push(place.kind.as_str());
            name.push(place.name.as_str());
            parent.push(
                place
                    .parent
                    .and_then(|p| gazetteer.get(p))
                    .map(|p| p.id.as_str()),
            );
            country.push(location.country);
            admin1.push(location.admin1);
            admin2.push(location.admin2);
            lat.push(place.lat);
            lon.push(place.lon);
            aliases.push(spellings(&place.aliases));
            rule.push(rule_name(place.match_rule));
            source.push(place.source.as_str());
        }
        let out = PyDict::new(py);
        out.set_item("id", id)?;
        out.set_item("kind", kind)?;
        out.set_item("name", name)?;
        out.set_item("parent", parent)?;
        out.set_item("country", country)?;
        out.set_item("admin1", admin1)?;
        out.set_item("admin2", admin2)?;
        out.set_item("lat", lat)?;
        out.set_item("lon", lon)?;
        out.set_item("aliases", aliases)?;
        out.set_item("match", rule)?;
        out.set_item("source", source)?;
        Ok(out)
    }

    /// The actor registry in use as a dict of columns, one item per actor in file
    /// order: `id`, `kind`, `name`, `parent` (id), `root` (the id the actor rolls
    /// up to, itself when it has no parent), `aliases`, `match`, `source`.
    fn actor_rows<'py>(&self, py: Python<'py>) -> PyResult<Bound<'py, PyDict>> {
        let registry = self.inner.actors();
        let actors = registry.actors();
        let n = actors.len();
        let mut id = Vec::with_capacity(n);
        let mut kind = Vec::with_capacity(n);
        let mut name = Vec::with_capacity(n);
        let mut parent = Vec::with_capacity(n);
        let mut root = Vec::with_capacity(n);
        let mut aliases = Vec::with_capacity(n);
        let mut rule = Vec::with_capacity(n);
        let mut source = Vec::with_capacity(n);
        for (index, actor) in actors.iter().enumerate() {
            id.push(actor.id.as_str());
            kind.push(actor_kind_name(actor.kind));
            name.push(actor.name.as_str());
            parent.push(
                actor
                    .parent
                    .and_then(|p| registry.get(p))
                    .map(|p| p.id.as_str()),
            );
            root.push(registry.roll_up(index).id.as_str());
            aliases.push(spellings(&actor.aliases));
            rule.push(rule_name(actor.match_rule));
            source.push(actor.source.as_str());
        }
        let out = PyDict::new(py);
        out.set_item("id", id)?;
        out.set_item("kind", kind)?;
        out.set_item("name", name)?;
        out.set_item("parent", parent)?;
        out.set_item("root", root)?;
        out.set_item("aliases", aliases)?;
        out.set_item("match", rule)?;
        out.set_item("source", source)?;
        Ok(out)
    }
}

/// The spellings of an alias list, without their match modes.
fn spellings(aliases: &[(String, MatchRule)]) -> Vec<&str> {
    aliases.iter().map(|(alias, _)| alias.as_str()).collect()
}

/// A match mode as the data files write it.
fn rule_name(rule: MatchRule) -> &'static str {
    match rule {
        MatchRule::Any => "any",
        MatchRule::Capitalized => "cap",
        MatchRule::Context => "ctx",
    }
}

/// An actor kind as `data/actors.tsv` writes it.
fn actor_kind_name(kind: ActorKind) -> &'static str {
    match kind {
        ActorKind::MilitantGroup => "militant_group",
        ActorKind::Faction => "faction",
        ActorKind::StateForce => "state_force",
        ActorKind::Police => "police",
        ActorKind::Government => "government",
        ActorKind::ForeignGovernment => "foreign_government",
        ActorKind::ForeignMilitary => "foreign_military",
        ActorKind::ResearchOrg => "research_org",
        ActorKind::InternationalOrg => "international_org",
        ActorKind::Generic => "generic",
        ActorKind::VictimCategory => "victim_category",
    }
}

/// The tables of the chunks read one by one, handed to Python: one copy of the
/// rows into tables sized for all of them, and events merged over every chunk,
/// not chunk by chunk. (Each chunk's rows are put in its own tables as soon as it
/// is read, while they are in the processor's cache; keeping every document's
/// rows apart to the end and moving them once then took longer.)
fn finish<'py>(
    py: Python<'py>,
    extractor: &incidents::Extractor,
    pool: &pool::Pool,
    parts: Vec<Vec<Extraction>>,
) -> PyResult<Bound<'py, PyDict>> {
    let batches = py.detach(|| {
        pool.install(|| {
            Tables::from_extraction_chunks(parts)
                .into_record_batches_merged(|rows| extractor.merge_events(rows))
        })
    })?;
    batches_to_python(py, core(batches)?)
}

/// Checks for Ctrl-C and reports progress between chunks.
fn step(py: Python<'_>, progress: Option<&Bound<'_, PyAny>>, done: usize) -> PyResult<()> {
    py.check_signals()?;
    if let Some(progress) = progress {
        if progress.hasattr("update")? {
            progress.call_method1("update", (done,))?;
        } else {
            progress.call1((done,))?;
        }
    }
    Ok(())
}

fn check_len(what: &str, got: usize, want: usize) -> PyResult<()> {
    if got == want {
        Ok(())
    } else {
        Err(PyValueError::new_err(format!(
            "{what} has {got} items but texts has {want}: give one per text"
        )))
    }
}

/// A reference date from None, a `datetime.date` (or anything with year, month
/// and day) or an ISO date string; `index` names the item in the error.
fn to_date(value: &Bound<'_, PyAny>, index: usize) -> PyResult<Option<NaiveDate>> {
    if value.is_none() {
        return Ok(None);
    }
    if let Ok(text) = value.cast::<PyString>() {
        let text = text.to_cow()?;
        return parse_iso_date(&text).map(Some).ok_or_else(|| {
            PyValueError::new_err(format!(
                "published[{index}] = {text:?} is not an ISO date (YYYY-MM-DD)"
            ))
        });
    }
    let parts = (
        value.getattr("year").and_then(|v| v.extract::<i32>()),
        value.getattr("month").and_then(|v| v.extract::<u32>()),
        value.getattr("day").and_then(|v| v.extract::<u32>()),
    );
    match parts {
        (Ok(y), Ok(m), Ok(d)) => NaiveDate::from_ymd_opt(y, m, d).map(Some).ok_or_else(|| {
            PyValueError::new_err(format!("published[{index}] is not a valid date"))
        }),
        _ => Err(PyTypeError::new_err(format!(
            "published[{index}] must be a datetime.date, an ISO date string or None, not {}",
            value.get_type().name()?
        ))),
    }
}

/// `YYYY-MM-DD`, optionally followed by a time (`T...` or ` ...`), which is ignored.
fn parse_iso_date(text: &str) -> Option<NaiveDate> {
    let text = text.trim();
    let (date, rest) = NaiveDate::parse_and_remainder(text, "%Y-%m-%d").ok()?;
    (rest.is_empty() || rest.starts_with('T') || rest.starts_with(' ')).then_some(date)
}

/// The `*.txt` files of a folder sorted by name, or the one file `path` names.
fn list_txt_files(path: &Path) -> PyResult<Vec<PathBuf>> {
    let shown = path.display().to_string();
    let meta = std::fs::metadata(path).map_err(|err| match err.kind() {
        std::io::ErrorKind::NotFound => {
            PyFileNotFoundError::new_err((2, "No such file or directory", shown.clone()))
        }
        _ => errors::ReadError::new_err(format!("cannot read {shown}: {err}")),
    })?;
    if !meta.is_dir() {
        return Ok(vec![path.to_path_buf()]);
    }
    let entries = std::fs::read_dir(path)
        .map_err(|err| errors::ReadError::new_err(format!("cannot list {shown}: {err}")))?;
    let mut files = Vec::new();
    for entry in entries {
        let entry = entry
            .map_err(|err| errors::ReadError::new_err(format!("cannot list {shown}: {err}")))?;
        let file = entry.path();
        let is_txt = file.extension().is_some_and(|ext| ext == "txt");
        // Follows symlinks, so a link to a text file counts and a folder named x.txt does not.
        if is_txt && !file.is_dir() {
            files.push(file);
        }
    }
    files.sort();
    Ok(files)
}

/// One file as an article; a file that cannot be read still makes its row.
fn read_article(file: &Path) -> Article {
    let doc_id = file
        .file_stem()
        .map(|stem| stem.to_string_lossy().into_owned())
        .unwrap_or_else(|| file.display().to_string());
    match std::fs::read(file) {
        Ok(bytes) => Article::from_bytes(doc_id, &bytes),
        Err(err) => Article::unreadable(doc_id, format!("cannot read {}: {err}", file.display())),
    }
}

/// The tables as a dict of table name to [`ArrowTable`].
fn batches_to_python(py: Python<'_>, batches: RecordBatches) -> PyResult<Bound<'_, PyDict>> {
    let out = PyDict::new(py);
    for (table, batch) in batches.into_tables() {
        out.set_item(table.name(), ArrowTable::new(table.name(), batch))?;
    }
    Ok(out)
}

/// The four tables with zero rows: the schemas of the contract.
#[pyfunction]
fn empty_tables(py: Python<'_>) -> PyResult<Bound<'_, PyDict>> {
    batches_to_python(py, core(Tables::default().to_record_batches())?)
}

/// The enum columns with their vocabularies: a list of (table, column, values).
#[pyfunction]
fn enum_columns() -> Vec<(&'static str, &'static str, Vec<&'static str>)> {
    incidents::model::enum_columns()
        .into_iter()
        .map(|(table, column, values)| (table, column, values.to_vec()))
        .collect()
}

/// The table names in the order of the contract.
#[pyfunction]
fn table_names() -> Vec<&'static str> {
    Table::ALL.iter().map(|t| t.name()).collect()
}

#[pymodule]
fn _native(module: &Bound<'_, PyModule>) -> PyResult<()> {
    incidents_alloc::no_huge_page_advice();
    module.add_class::<Extractor>()?;
    module.add_class::<ArrowTable>()?;
    module.add_function(wrap_pyfunction!(empty_tables, module)?)?;
    module.add_function(wrap_pyfunction!(enum_columns, module)?)?;
    module.add_function(wrap_pyfunction!(table_names, module)?)?;
    module.add("__version__", env!("CARGO_PKG_VERSION"))?;
    errors::register(module)?;
    Ok(())
}
