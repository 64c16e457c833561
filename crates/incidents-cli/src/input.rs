//! Turning command-line paths into a stream of articles.
//!
//! Folders are listed up front (paths only, so a large folder costs a list of
//! names), and files are read one at a time as the stream is pulled: at no time
//! does more than the current batch sit in memory. A file that cannot be read
//! becomes an error row, never a gap; only a failure that leaves the input
//! unknowable (a folder that cannot be listed, a JSONL/CSV file broken midway)
//! ends the run.

use std::fs::{self, File};
use std::io::{BufRead, BufReader};
use std::path::{Path, PathBuf};

use chrono::NaiveDate;
use incidents::Article;

use crate::error::CliError;

/// Column names for JSONL and CSV input.
#[derive(Debug, Clone)]
pub struct Columns {
    /// Column with the text.
    pub text: String,
    /// Column with the document id.
    pub id: String,
    /// Column with the reference date.
    pub published: String,
    /// Whether the user named the reference date column (then it must exist in CSV headers).
    pub published_explicit: bool,
}

#[derive(Debug)]
enum Source {
    /// One text file, or the sorted text files of a folder.
    TextFiles(TextFiles),
    Jsonl(PathBuf),
    Csv(PathBuf),
}

/// What the paths hold, checked before anything is read.
#[derive(Debug)]
pub struct Plan {
    sources: Vec<Source>,
    /// Bytes of input over all files, for progress.
    pub total_bytes: u64,
}

fn extension(path: &Path) -> String {
    path.extension()
        .map(|e| e.to_string_lossy().to_ascii_lowercase())
        .unwrap_or_default()
}

/// The file stem, which is the document id of a text file.
pub fn stem(path: &Path) -> String {
    path.file_stem()
        .map(|s| s.to_string_lossy().into_owned())
        .unwrap_or_else(|| path.display().to_string())
}

/// The `*.txt` files of a folder, sorted by path.
///
/// A folder of a year of news holds hundreds of thousands of files, all listed
/// before the first is read (the order is the sorted one). Their paths below the
/// folder are packed end to end in one buffer: a fifth of the memory of as many
/// `PathBuf`s, which on a million files is the difference that matters.
#[derive(Debug)]
pub struct TextFiles {
    root: PathBuf,
    /// The relative paths, end to end, as [`path_bytes`] gives them.
    packed: Vec<u8>,
    /// Where each relative path ends in `packed`.
    ends: Vec<usize>,
}

impl TextFiles {
    fn from_sorted(root: &Path, relative: &[&Path]) -> TextFiles {
        let mut packed = Vec::with_capacity(relative.iter().map(|p| p.as_os_str().len()).sum());
        let mut ends = Vec::with_capacity(relative.len());
        for path in relative {
            packed.extend_from_slice(&path_bytes(path));
            ends.push(packed.len());
        }
        TextFiles {
            root: root.to_path_buf(),
            packed,
            ends,
        }
    }

    fn push(&mut self, relative: &Path) {
        self.packed.extend_from_slice(&path_bytes(relative));
        self.ends.push(self.packed.len());
    }

    /// The relative path of file `index`, as packed.
    fn relative(&self, index: usize) -> &[u8] {
        let end = self.ends.get(index).copied().unwrap_or(0);
        let start = index
            .checked_sub(1)
            .and_then(|before| self.ends.get(before))
            .copied()
            .unwrap_or(0);
        self.packed.get(start..end).unwrap_or(&[])
    }

    /// Puts the files in the order of their paths (by component, as `Path` orders
    /// them; all share the root, so the relative paths decide).
    fn sort(&mut self) {
        let mut order: Vec<usize> = (0..self.ends.len()).collect();
        order.sort_by(|&a, &b| {
            path_from_bytes(self.relative(a)).cmp(&path_from_bytes(self.relative(b)))
        });
        let mut packed = Vec::with_capacity(self.packed.len());
        let mut ends = Vec::with_capacity(self.ends.len());
        for index in order {
            packed.extend_from_slice(self.relative(index));
            ends.push(packed.len());
        }
        self.packed = packed;
        self.ends = ends;
    }

    /// One file, read as it is.
    fn single(path: &Path) -> TextFiles {
        TextFiles::from_sorted(path, &[Path::new("")])
    }

    /// The full path of each file, in order.
    pub fn paths(&self) -> impl Iterator<Item = PathBuf> + '_ {
        (0..self.ends.len()).filter_map(|index| self.path(index))
    }

    /// The full path of file `index`.
    fn path(&self, index: usize) -> Option<PathBuf> {
        if index >= self.ends.len() {
            return None;
        }
        let relative = self.relative(index);
        Some(if relative.is_empty() {
            self.root.clone()
        } else {
            self.root.join(path_from_bytes(relative))
        })
    }
}

/// A path as bytes: exactly on Unix; elsewhere as UTF-8, a name that is not
/// Unicode (rare on Windows) with its bad parts replaced.
#[cfg(unix)]
fn path_bytes(path: &Path) -> std::borrow::Cow<'_, [u8]> {
    use std::os::unix::ffi::OsStrExt;
    path.as_os_str().as_bytes().into()
}

#[cfg(unix)]
fn path_from_bytes(bytes: &[u8]) -> std::borrow::Cow<'_, Path> {
    use std::os::unix::ffi::OsStrExt;
    Path::new(std::ffi::OsStr::from_bytes(bytes)).into()
}

#[cfg(not(unix))]
fn path_bytes(path: &Path) -> std::borrow::Cow<'_, [u8]> {
    path.to_string_lossy().into_owned().into_bytes().into()
}

#[cfg(not(unix))]
fn path_from_bytes(bytes: &[u8]) -> std::borrow::Cow<'_, Path> {
    PathBuf::from(String::from_utf8_lossy(bytes).into_owned()).into()
}

/// Every `*.txt` file below `root`, subfolders included, sorted by path.
///
/// Symbolic links to files are followed; links to folders are not, so a link
/// cycle cannot make the walk endless.
pub fn text_files(root: &Path) -> Result<TextFiles, CliError> {
    // Packed as they are found, then sorted: a path object for each file first,
    // then packed, took twice the memory of the packed list at its peak, on a
    // million files the peak of the whole run.
    let mut listed = TextFiles::from_sorted(root, &[]);
    let mut pending = vec![root.to_path_buf()];
    while let Some(dir) = pending.pop() {
        let entries =
            fs::read_dir(&dir).map_err(|err| CliError::io(&dir, "listing folder", err))?;
        for entry in entries {
            let entry = entry.map_err(|err| CliError::io(&dir, "listing folder", err))?;
            let path = entry.path();
            let file_type = entry
                .file_type()
                .map_err(|err| CliError::io(&path, "inspecting", err))?;
            if file_type.is_dir() {
                pending.push(path);
            } else if extension(&path) == "txt"
                && (file_type.is_file() || (file_type.is_symlink() && path.is_file()))
            {
                listed.push(path.strip_prefix(root).unwrap_or(&path));
            }
        }
    }
    listed.sort();
    Ok(listed)
}

/// Checks that every path exists and lists folders.
pub fn plan(paths: &[PathBuf]) -> Result<Plan, CliError> {
    let mut sources = Vec::new();
    let mut total_bytes = 0u64;
    for path in paths {
        let meta = fs::metadata(path).map_err(|err| match err.kind() {
            std::io::ErrorKind::NotFound => CliError::missing_path(path, "input path"),
            _ => CliError::io(path, "opening", err),
        })?;
        if meta.is_dir() {
            let files = text_files(path)?;
            total_bytes += files
                .paths()
                .filter_map(|f| fs::metadata(f).ok())
                .map(|m| m.len())
                .sum::<u64>();
            sources.push(Source::TextFiles(files));
        } else {
            total_bytes += meta.len();
            sources.push(match extension(path).as_str() {
                "jsonl" | "ndjson" => Source::Jsonl(path.clone()),
                "csv" => Source::Csv(path.clone()),
                // Any other file is read as the text of one article.
                _ => Source::TextFiles(TextFiles::single(path)),
            });
        }
    }
    Ok(Plan {
        sources,
        total_bytes,
    })
}

/// One article and the bytes of input it took, for progress.
#[derive(Debug)]
pub struct Item {
    /// The article.
    pub article: Article,
    /// Bytes of input consumed.
    pub bytes: u64,
}

fn parse_published(text: &str) -> Option<NaiveDate> {
    let text = text.trim();
    let day = text.get(..10).unwrap_or(text);
    NaiveDate::parse_from_str(day, "%Y-%m-%d").ok()
}

/// Reads one text file; failure gives an error row.
pub fn read_text_file(path: &Path) -> Item {
    let doc_id = stem(path);
    match fs::read(path) {
        Ok(bytes) => Item {
            bytes: bytes.len() as u64,
            article: Article::from_bytes(doc_id, &bytes),
        },
        Err(err) => Item {
            article: Article::unreadable(
                doc_id,
                format!("cannot read \"{}\": {err}", path.display()),
            ),
            bytes: 0,
        },
    }
}

struct JsonlState {
    path: PathBuf,
    stem: String,
    reader: BufReader<File>,
    line: usize,
    checked_columns: bool,
    buffer: Vec<u8>,
}

struct CsvState {
    path: PathBuf,
    stem: String,
    reader: csv::Reader<File>,
    text: usize,
    id: Option<usize>,
    published: Option<usize>,
    record: csv::ByteRecord,
    row: usize,
    position: u64,
}

enum Current {
    Idle,
    Files(TextFiles, usize),
    Jsonl(Box<JsonlState>),
    Csv(Box<CsvState>),
}

/// The articles of a [`Plan`], read lazily in order.
pub struct Articles {
    sources: std::vec::IntoIter<Source>,
    current: Current,
    columns: Columns,
    failed: bool,
}

impl Articles {
    /// Starts reading.
    pub fn new(plan: Plan, columns: Columns) -> Articles {
        Articles {
            sources: plan.sources.into_iter(),
            current: Current::Idle,
            columns,
            failed: false,
        }
    }

    fn open(&mut self, source: Source) -> Result<(), CliError> {
        self.current = match source {
            Source::TextFiles(files) => Current::Files(files, 0),
            Source::Jsonl(path) => {
                let file = File::open(&path).map_err(|err| CliError::io(&path, "opening", err))?;
                Current::Jsonl(Box::new(JsonlState {
                    stem: stem(&path),
                    path,
                    reader: BufReader::with_capacity(1 << 20, file),
                    line: 0,
                    checked_columns: false,
                    buffer: Vec::new(),
                }))
            }
            Source::Csv(path) => Current::Csv(Box::new(self.open_csv(path)?)),
        };
        Ok(())
    }

    fn open_csv(&self, path: PathBuf) -> Result<CsvState, CliError> {
        let mut reader = csv::ReaderBuilder::new()
            .flexible(true)
            .from_path(&path)
            .map_err(|err| CliError::io(&path, "opening", err))?;
        let headers: Vec<String> = reader
            .byte_headers()
            .map_err(|err| CliError::io(&path, "reading the header of", err))?
            .iter()
            .map(|h| String::from_utf8_lossy(h).trim().to_string())
            .collect();
        let find = |name: &str| {
            headers
                .iter()
                .position(|h| h == name)
                .or_else(|| headers.iter().position(|h| h.eq_ignore_ascii_case(name)))
        };
        let text = find(&self.columns.text).ok_or_else(|| {
            CliError::Usage(format!(
                "CSV file \"{}\" has no column \"{}\" (its columns: {}); name the text column with --text-column",
                path.display(),
                self.columns.text,
                headers.join(", ")
            ))
        })?;
        let published = find(&self.columns.published);
        if published.is_none() && self.columns.published_explicit {
            return Err(CliError::Usage(format!(
                "CSV file \"{}\" has no column \"{}\" for --published-column (its columns: {})",
                path.display(),
                self.columns.published,
                headers.join(", ")
            )));
        }
        Ok(CsvState {
            stem: stem(&path),
            id: find(&self.columns.id),
            published,
            path,
            reader,
            text,
            record: csv::ByteRecord::new(),
            row: 0,
            position: 0,
        })
    }

    fn next_in_current(&mut self) -> Option<Result<Item, CliError>> {
        let columns = &self.columns;
        match &mut self.current {
            Current::Idle => None,
            Current::Files(files, next) => {
                let path = files.path(*next)?;
                *next += 1;
                Some(Ok(read_text_file(&path)))
            }
            Current::Jsonl(state) => next_jsonl(state, columns),
            Current::Csv(state) => next_csv(state),
        }
    }
}

fn next_jsonl(state: &mut JsonlState, columns: &Columns) -> Option<Result<Item, CliError>> {
    loop {
        state.buffer.clear();
        let read = match state.reader.read_until(b'\n', &mut state.buffer) {
            Ok(n) => n,
            Err(err) => return Some(Err(CliError::io(&state.path, "reading", err))),
        };
        if read == 0 {
            return None;
        }
        state.line += 1;
        let raw = state.buffer.trim_ascii();
        if raw.is_empty() {
            continue;
        }
        let fallback_id = format!("{}:{}", state.stem, state.line);
        let (text, lossy) = match String::from_utf8_lossy(raw) {
            std::borrow::Cow::Borrowed(s) => (s.to_string(), false),
            std::borrow::Cow::Owned(s) => (s, true),
        };
        let value: serde_json::Value = match serde_json::from_str(&text) {
            Ok(value) => value,
            Err(err) => {
                return Some(Ok(Item {
                    article: Article::unreadable(
                        fallback_id,
                        format!(
                            "line {} of \"{}\" is not valid JSON: {err}",
                            state.line,
                            state.path.display()
                        ),
                    ),
                    bytes: read as u64,
                }))
            }
        };
        let Some(object) = value.as_object() else {
            return Some(Ok(Item {
                article: Article::unreadable(
                    fallback_id,
                    format!(
                        "line {} of \"{}\" is not a JSON object",
                        state.line,
                        state.path.display()
                    ),
                ),
                bytes: read as u64,
            }));
        };
        if !state.checked_columns {
            state.checked_columns = true;
            // A wrong column name would turn every row into an error row; say so at once.
            if !object.contains_key(&columns.text) {
                let keys: Vec<&str> = object.keys().map(String::as_str).collect();
                return Some(Err(CliError::Usage(format!(
                    "line {} of \"{}\" has no field \"{}\" (its fields: {}); name the text field with --text-column",
                    state.line,
                    state.path.display(),
                    columns.text,
                    keys.join(", ")
                ))));
            }
        }
        let doc_id = match object.get(&columns.id) {
            Some(serde_json::Value::String(s)) if !s.is_empty() => s.clone(),
            Some(serde_json::Value::Number(n)) => n.to_string(),
            _ => fallback_id,
        };
        let mut article = match object.get(&columns.text) {
            Some(serde_json::Value::String(s)) => Article::new(doc_id, s.clone()),
            Some(serde_json::Value::Null) | None => Article::unreadable(
                doc_id,
                format!(
                    "line {} of \"{}\" has no text in field \"{}\"",
                    state.line,
                    state.path.display(),
                    columns.text
                ),
            ),
            Some(_) => Article::unreadable(
                doc_id,
                format!(
                    "line {} of \"{}\": field \"{}\" is not a string",
                    state.line,
                    state.path.display(),
                    columns.text
                ),
            ),
        };
        if lossy {
            article
                .input_warnings
                .push("invalid UTF-8 replaced with U+FFFD".to_string());
        }
        match object.get(&columns.published) {
            Some(serde_json::Value::String(s)) => match parse_published(s) {
                Some(date) => article.published = Some(date),
                None => article.input_warnings.push(format!(
                    "published \"{s}\" is not a YYYY-MM-DD date; ignored"
                )),
            },
            Some(serde_json::Value::Null) | None => {}
            Some(other) => article.input_warnings.push(format!(
                "published {other} is not a YYYY-MM-DD date; ignored"
            )),
        }
        return Some(Ok(Item {
            article,
            bytes: read as u64,
        }));
    }
}

fn next_csv(state: &mut CsvState) -> Option<Result<Item, CliError>> {
    match state.reader.read_byte_record(&mut state.record) {
        Ok(false) => None,
        Err(err) => Some(Err(CliError::io(&state.path, "reading", err))),
        Ok(true) => {
            state.row += 1;
            let position = state.reader.position().byte();
            let bytes = position.saturating_sub(state.position);
            state.position = position;
            let field = |index: Option<usize>| {
                index
                    .and_then(|i| state.record.get(i))
                    .map(|b| String::from_utf8_lossy(b).trim().to_string())
                    .filter(|s| !s.is_empty())
            };
            let doc_id = field(state.id).unwrap_or_else(|| format!("{}:{}", state.stem, state.row));
            let mut article = match state.record.get(state.text) {
                Some(text) => Article::from_bytes(doc_id, text),
                None => Article::unreadable(
                    doc_id,
                    format!(
                        "row {} of \"{}\" is too short to hold the text column",
                        state.row,
                        state.path.display()
                    ),
                ),
            };
            if let Some(published) = field(state.published) {
                match parse_published(&published) {
                    Some(date) => article.published = Some(date),
                    None => article.input_warnings.push(format!(
                        "published \"{published}\" is not a YYYY-MM-DD date; ignored"
                    )),
                }
            }
            Some(Ok(Item { article, bytes }))
        }
    }
}

impl Iterator for Articles {
    type Item = Result<Item, CliError>;

    fn next(&mut self) -> Option<Self::Item> {
        if self.failed {
            return None;
        }
        loop {
            if let Some(item) = self.next_in_current() {
                if item.is_err() {
                    self.failed = true;
                }
                return Some(item);
            }
            let source = self.sources.next()?;
            if let Err(err) = self.open(source) {
                self.failed = true;
                return Some(Err(err));
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn published_takes_the_date_part_of_a_timestamp() {
        assert_eq!(
            parse_published("2024-03-05T10:00:00Z"),
            NaiveDate::from_ymd_opt(2024, 3, 5)
        );
        assert_eq!(parse_published("5 March 2024"), None);
        assert_eq!(parse_published(""), None);
    }

    /// By component, as paths sort: "a/z.txt" before "a-b.txt", though '/'
    /// sorts after '-' as a byte.
    #[test]
    fn a_folder_lists_its_text_files_in_path_order() {
        let root = std::env::temp_dir().join(format!("list-test-{}", std::process::id()));
        let _ = fs::remove_dir_all(&root);
        for file in [
            "a/z.txt",
            "a-b.txt",
            "b.txt",
            "a/c/d.txt",
            "a/y.md",
            "0.txt",
        ] {
            let path = root.join(file);
            fs::create_dir_all(path.parent().expect("a parent")).expect("folder");
            fs::write(&path, "text").expect("file");
        }
        let listed: Vec<PathBuf> = text_files(&root).expect("listed").paths().collect();
        let _ = fs::remove_dir_all(&root);
        let want: Vec<PathBuf> = ["0.txt", "a/c/d.txt", "a/z.txt", "a-b.txt", "b.txt"]
            .iter()
            .map(|file| root.join(file))
            .collect();
        assert_eq!(listed, want);
    }
}
