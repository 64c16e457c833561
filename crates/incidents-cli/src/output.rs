//! Writing the tables batch by batch in Parquet, CSV or JSONL.
//!
//! Documents, incidents, casualties and statistics stream out batch by batch;
//! `events` is written once at the end, merged over every batch's incidents.

use std::fs::{self, File};
use std::io::{BufWriter, Write};
use std::path::{Path, PathBuf};
use std::sync::Arc;

use arrow_array::cast::AsArray;
use arrow_array::{Array, ArrayRef, RecordBatch, StringArray};
use arrow_schema::{ArrowError, DataType, Field, Schema};
use incidents::frames::RecordBatches;
use parquet::arrow::ArrowWriter;
use parquet::basic::Compression;
use parquet::file::properties::WriterProperties;

use crate::error::CliError;
use crate::Format;

/// The table names, in the order of the contract; also the file names.
pub const TABLES: [&str; 5] = [
    "documents",
    "incidents",
    "casualties",
    "statistics",
    "events",
];

/// Encoded bytes of a Parquet row group at which it is written out.
const ROW_GROUP_BYTES: usize = 2 * 1024 * 1024;

enum Sink {
    Parquet(ArrowWriter<File>),
    Csv(arrow_csv::Writer<BufWriter<File>>),
    Jsonl(arrow_json::LineDelimitedWriter<BufWriter<File>>),
}

struct TableFile {
    path: PathBuf,
    sink: Sink,
}

impl TableFile {
    fn create(path: PathBuf, format: Format, batch: &RecordBatch) -> Result<TableFile, CliError> {
        let file = File::create(&path).map_err(|err| CliError::io(&path, "creating", err))?;
        let sink = match format {
            Format::Parquet => {
                let props = WriterProperties::builder()
                    .set_compression(Compression::SNAPPY)
                    .build();
                Sink::Parquet(
                    ArrowWriter::try_new(file, batch.schema(), Some(props))
                        .map_err(|err| CliError::io(&path, "starting Parquet file", err))?,
                )
            }
            Format::Csv => Sink::Csv(
                arrow_csv::WriterBuilder::new()
                    .with_header(true)
                    .build(BufWriter::new(file)),
            ),
            Format::Jsonl => Sink::Jsonl(
                // Every line carries every column, nulls included, so readers infer the same schema.
                arrow_json::WriterBuilder::new()
                    .with_explicit_nulls(true)
                    .build::<_, arrow_json::writer::LineDelimited>(BufWriter::new(file)),
            ),
        };
        Ok(TableFile { path, sink })
    }

    fn write(&mut self, batch: &RecordBatch) -> Result<(), CliError> {
        let result = match &mut self.sink {
            Sink::Parquet(writer) => writer
                .write(batch)
                .and_then(|()| {
                    // A row group is held in memory until it closes: closed by
                    // size, not by the default million rows, memory stays flat.
                    if writer.in_progress_size() >= ROW_GROUP_BYTES {
                        writer.flush()
                    } else {
                        Ok(())
                    }
                })
                .map_err(|e| e.to_string()),
            Sink::Csv(writer) => flatten_lists(batch)
                .and_then(|flat| writer.write(&flat))
                .map_err(|e| e.to_string()),
            Sink::Jsonl(writer) => writer.write(batch).map_err(|e| e.to_string()),
        };
        result.map_err(|err| CliError::io(&self.path, "writing", err))
    }

    fn finish(self) -> Result<PathBuf, CliError> {
        let path = self.path;
        let result = match self.sink {
            Sink::Parquet(writer) => writer.close().map(|_| ()).map_err(|e| e.to_string()),
            Sink::Csv(writer) => writer.into_inner().flush().map_err(|e| e.to_string()),
            Sink::Jsonl(mut writer) => writer
                .finish()
                .map_err(|e| e.to_string())
                .and_then(|()| writer.into_inner().flush().map_err(|e| e.to_string())),
        };
        result.map_err(|err| CliError::io(&path, "finishing", err))?;
        Ok(path)
    }
}

/// The output files, opened on the first batch (whose schemas they take).
pub struct TableWriters {
    dir: PathBuf,
    format: Format,
    files: Option<[TableFile; 5]>,
}

fn batches_in_order(batches: &RecordBatches) -> [&RecordBatch; 5] {
    [
        &batches.documents,
        &batches.incidents,
        &batches.casualties,
        &batches.statistics,
        &batches.events,
    ]
}

/// `events` is the last table: the one written at the end, not per batch.
const STREAMED: usize = 4;

impl TableWriters {
    /// Creates `dir` (and its parents) if needed.
    pub fn new(dir: &Path, format: Format) -> Result<TableWriters, CliError> {
        fs::create_dir_all(dir).map_err(|err| CliError::io(dir, "creating output folder", err))?;
        Ok(TableWriters {
            dir: dir.to_path_buf(),
            format,
            files: None,
        })
    }

    /// Appends one batch of every table but `events`, which [`TableWriters::write_events`] writes.
    pub fn write(&mut self, batches: &RecordBatches) -> Result<(), CliError> {
        let in_order = batches_in_order(batches);
        if self.files.is_none() {
            let mut opened = Vec::with_capacity(TABLES.len());
            for (name, batch) in TABLES.iter().zip(in_order) {
                let path = self.dir.join(format!("{name}.{}", self.format.extension()));
                opened.push(TableFile::create(path, self.format, batch)?);
            }
            self.files = opened.try_into().ok();
        }
        if let Some(files) = &mut self.files {
            for (file, batch) in files.iter_mut().zip(in_order).take(STREAMED) {
                file.write(batch)?;
            }
        }
        Ok(())
    }

    /// Appends a batch of `events`, the table merged over every batch at the end.
    pub fn write_events(&mut self, events: &RecordBatch) -> Result<(), CliError> {
        self.open_if_nothing_written()?;
        if let Some(files) = &mut self.files {
            files[STREAMED].write(events)?;
        }
        Ok(())
    }

    /// Closes the files; with nothing written, writes every table empty (with its
    /// full schema) so that a reader always finds them.
    pub fn finish(mut self) -> Result<Vec<PathBuf>, CliError> {
        self.open_if_nothing_written()?;
        let mut paths = Vec::with_capacity(TABLES.len());
        if let Some(files) = self.files {
            for file in files {
                paths.push(file.finish()?);
            }
        }
        Ok(paths)
    }

    fn open_if_nothing_written(&mut self) -> Result<(), CliError> {
        if self.files.is_none() {
            let empty = incidents::Tables::default().to_record_batches()?;
            self.write(&empty)?;
        }
        Ok(())
    }
}

/// CSV holds no lists: each list column becomes text with its items joined by "; ".
pub fn flatten_lists(batch: &RecordBatch) -> Result<RecordBatch, ArrowError> {
    let schema = batch.schema();
    let mut fields = Vec::with_capacity(batch.num_columns());
    let mut columns = Vec::with_capacity(batch.num_columns());
    for (field, column) in schema.fields().iter().zip(batch.columns()) {
        match field.data_type() {
            DataType::List(_) | DataType::LargeList(_) => {
                fields.push(Field::new(field.name(), DataType::Utf8, true));
                columns.push(Arc::new(join_list(field.name(), column)?) as ArrayRef);
            }
            _ => {
                fields.push(field.as_ref().clone());
                columns.push(Arc::clone(column));
            }
        }
    }
    RecordBatch::try_new(
        Arc::new(Schema::new_with_metadata(fields, schema.metadata().clone())),
        columns,
    )
}

fn join_list(name: &str, column: &ArrayRef) -> Result<StringArray, ArrowError> {
    let rows: Vec<Option<ArrayRef>> = if let Some(list) = column.as_list_opt::<i32>() {
        (0..list.len())
            .map(|i| (!list.is_null(i)).then(|| list.value(i)))
            .collect()
    } else if let Some(list) = column.as_list_opt::<i64>() {
        (0..list.len())
            .map(|i| (!list.is_null(i)).then(|| list.value(i)))
            .collect()
    } else {
        return Err(ArrowError::CsvError(format!(
            "column {name}: {} is not a list",
            column.data_type()
        )));
    };
    rows.into_iter()
        .map(|items| items.map(|items| join_strings(name, &items)).transpose())
        .collect()
}

fn join_strings(name: &str, items: &ArrayRef) -> Result<String, ArrowError> {
    let parts: Vec<&str> = if let Some(a) = items.as_string_view_opt() {
        a.iter().flatten().collect()
    } else if let Some(a) = items.as_string_opt::<i32>() {
        a.iter().flatten().collect()
    } else if let Some(a) = items.as_string_opt::<i64>() {
        a.iter().flatten().collect()
    } else {
        return Err(ArrowError::CsvError(format!(
            "column {name}: lists of {} cannot be written to CSV",
            items.data_type()
        )));
    };
    Ok(parts.join("; "))
}

#[cfg(test)]
mod tests {
    use super::*;
    use arrow_array::builder::{ListBuilder, StringViewBuilder};

    #[test]
    fn list_columns_become_joined_text() {
        let mut builder = ListBuilder::new(StringViewBuilder::new());
        builder.values().append_value("invalid UTF-8 replaced");
        builder.values().append_value("text truncated");
        builder.append(true);
        builder.append(true);
        builder.append(false);
        let list = Arc::new(builder.finish()) as ArrayRef;
        let batch = RecordBatch::try_from_iter([("warnings", list)]).expect("batch");
        let flat = flatten_lists(&batch).expect("flattens");
        let text = flat.column(0).as_string::<i32>();
        assert_eq!(text.value(0), "invalid UTF-8 replaced; text truncated");
        assert_eq!(text.value(1), "");
        assert!(text.is_null(2));
    }
}
