//! The tables in columnar form: Arrow record batches with the fixed schemas
//! of `SCHEMA.md`, and (behind the `polars` feature) polars `DataFrame`s.
//!
//! Strings are Utf8View (`StringViewArray`), also inside lists, because Python
//! polars takes view arrays over the Arrow C stream interface without copying
//! them; plain Utf8 is copied on import. Enum columns are Utf8View here too: Arrow
//! has no closed-vocabulary string type that every reader maps to `pl.Enum`, so
//! the Python package casts them with the vocabularies of
//! [`crate::model::enum_columns`].
//!
//! A table with zero rows has the same schema as one with many.
//!
//! ```
//! use incidents::frames::{schema, Table};
//! use incidents::Tables;
//!
//! let batches = Tables::default().to_record_batches().unwrap();
//! assert_eq!(batches.documents.num_rows(), 0);
//! assert_eq!(batches.documents.schema(), schema(Table::Documents));
//! assert_eq!(schema(Table::Incidents).field(0).name(), "incident_id");
//! ```

use std::sync::{Arc, OnceLock};

use arrow_array::cast::AsArray;
use arrow_array::types::{
    Date32Type, Float32Type, Float64Type, Int16Type, Int32Type, Int64Type, Int8Type, UInt16Type,
    UInt32Type, UInt64Type, UInt8Type,
};
use arrow_array::{
    Array, ArrayRef, Date32Array, Float32Array, Float64Array, ListArray, RecordBatch,
    StringViewArray, UInt32Array,
};
use arrow_buffer::{BooleanBuffer, Buffer, NullBuffer, OffsetBuffer, ScalarBuffer};
use arrow_schema::{DataType, Field, Schema, SchemaRef};
use chrono::NaiveDate;

use crate::error::{Error, ErrorKind, Result};
use crate::model::{
    CasualtyRow, DatePrecision, DocumentRow, EventRow, EventType, GeoPrecision, IncidentRow,
    StatisticRow, Tables, Vocabulary,
};

/// One of the tables of a batch.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum Table {
    /// One row per input document.
    Documents,
    /// One row per incident.
    Incidents,
    /// One row per casualty claim.
    Casualties,
    /// One row per aggregate figure.
    Statistics,
    /// One row per real-world event, incidents merged across documents.
    Events,
}

impl Table {
    /// The tables, in the order of `SCHEMA.md`.
    pub const ALL: [Table; 5] = [
        Table::Documents,
        Table::Incidents,
        Table::Casualties,
        Table::Statistics,
        Table::Events,
    ];

    /// The table's name: `documents`, `incidents`, `casualties`, `statistics` or `events`.
    pub fn name(self) -> &'static str {
        match self {
            Table::Documents => "documents",
            Table::Incidents => "incidents",
            Table::Casualties => "casualties",
            Table::Statistics => "statistics",
            Table::Events => "events",
        }
    }

    /// The table of that name; `None` for any other.
    pub fn parse(name: &str) -> Option<Table> {
        Table::ALL.into_iter().find(|table| table.name() == name)
    }

    /// The columns of the table: name, kind and whether it may hold nulls, in order.
    pub fn columns(self) -> &'static [Column] {
        match self {
            Table::Documents => DOCUMENTS,
            Table::Incidents => INCIDENTS,
            Table::Casualties => CASUALTIES,
            Table::Statistics => STATISTICS,
            Table::Events => EVENTS,
        }
    }
}

impl std::fmt::Display for Table {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(self.name())
    }
}

/// The logical type of a column of the contract.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Kind {
    /// Free text: Arrow Utf8View, polars String.
    String,
    /// A closed vocabulary: Arrow Utf8View, polars Enum.
    Enum,
    /// A calendar day: Arrow Date32, polars Date.
    Date,
    /// Arrow and polars UInt32.
    UInt32,
    /// Arrow and polars Float32.
    Float32,
    /// Arrow and polars Float64.
    Float64,
    /// A list of free text: Arrow List(Utf8View), polars List(String).
    StringList,
}

impl Kind {
    /// The Arrow type that holds this kind.
    pub fn arrow_type(self) -> DataType {
        match self {
            Kind::String | Kind::Enum => DataType::Utf8View,
            Kind::Date => DataType::Date32,
            Kind::UInt32 => DataType::UInt32,
            Kind::Float32 => DataType::Float32,
            Kind::Float64 => DataType::Float64,
            Kind::StringList => {
                DataType::List(Arc::new(Field::new_list_field(DataType::Utf8View, false)))
            }
        }
    }
}

/// One column of the contract.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub struct Column {
    /// The column's name.
    pub name: &'static str,
    /// Its logical type.
    pub kind: Kind,
    /// Whether it may hold nulls.
    pub nullable: bool,
}

const fn col(name: &'static str, kind: Kind, nullable: bool) -> Column {
    Column {
        name,
        kind,
        nullable,
    }
}

use Kind::{Date, Enum, Float32, Float64, StringList, UInt32};
const STR: Kind = Kind::String;
const NULL: bool = true;
const SET: bool = false;

const DOCUMENTS: &[Column] = &[
    col("doc_id", STR, SET),
    col("title", STR, NULL),
    col("published", Date, NULL),
    col("published_precision", Enum, SET),
    col("published_from", Enum, SET),
    col("chars", UInt32, SET),
    col("n_incidents", UInt32, SET),
    col("n_statistics", UInt32, SET),
    col("status", Enum, SET),
    col("warnings", StringList, SET),
];

const INCIDENTS: &[Column] = &[
    col("incident_id", STR, SET),
    col("doc_id", STR, SET),
    col("event_type", Enum, SET),
    col("date", Date, NULL),
    col("date_precision", Enum, SET),
    col("date_text", STR, NULL),
    col("country", STR, NULL),
    col("admin1", STR, NULL),
    col("admin2", STR, NULL),
    col("place", STR, NULL),
    col("lat", Float64, NULL),
    col("lon", Float64, NULL),
    col("geo_precision", Enum, SET),
    col("perpetrator", STR, NULL),
    col("perpetrator_text", STR, NULL),
    col("target", STR, NULL),
    col("target_text", STR, NULL),
    col("killed", UInt32, NULL),
    col("killed_max", UInt32, NULL),
    col("wounded", UInt32, NULL),
    col("n_claims", UInt32, SET),
    col("confidence", Float32, SET),
    col("evidence", STR, SET),
    col("span_start", UInt32, SET),
    col("span_end", UInt32, SET),
];

const CASUALTIES: &[Column] = &[
    col("incident_id", STR, SET),
    col("doc_id", STR, SET),
    col("claimant", STR, NULL),
    col("claimant_text", STR, NULL),
    col("account", UInt32, SET),
    col("victim", Enum, SET),
    col("outcome", Enum, SET),
    col("count", UInt32, NULL),
    col("qualifier", Enum, SET),
    col("low", UInt32, NULL),
    col("high", UInt32, NULL),
    col("evidence", STR, SET),
];

const STATISTICS: &[Column] = &[
    col("stat_id", STR, SET),
    col("doc_id", STR, SET),
    col("measure", Enum, SET),
    col("unit", Enum, SET),
    col("value", Float64, NULL),
    col("qualifier", Enum, SET),
    col("low", Float64, NULL),
    col("high", Float64, NULL),
    col("period_start", Date, NULL),
    col("period_end", Date, NULL),
    col("period_text", STR, NULL),
    col("region", StringList, SET),
    col("source", STR, NULL),
    col("source_text", STR, NULL),
    col("evidence", STR, SET),
];

const EVENTS: &[Column] = &[
    col("event_id", STR, SET),
    col("incident_ids", StringList, SET),
    col("doc_ids", StringList, SET),
    col("n_reports", UInt32, SET),
    col("event_type", Enum, SET),
    col("date", Date, NULL),
    col("date_precision", Enum, SET),
    col("country", STR, NULL),
    col("admin1", STR, NULL),
    col("admin2", STR, NULL),
    col("place", STR, NULL),
    col("lat", Float64, NULL),
    col("lon", Float64, NULL),
    col("geo_precision", Enum, SET),
    col("perpetrator", STR, NULL),
    col("target", STR, NULL),
    col("killed", UInt32, NULL),
    col("killed_max", UInt32, NULL),
    col("wounded", UInt32, NULL),
    col("merge_reason", STR, NULL),
];

/// The Arrow schema of a table: the columns, order, types and nullability of `SCHEMA.md`.
pub fn schema(table: Table) -> SchemaRef {
    static SCHEMAS: OnceLock<[SchemaRef; 5]> = OnceLock::new();
    let schemas = SCHEMAS.get_or_init(|| Table::ALL.map(build_schema));
    Arc::clone(&schemas[table as usize])
}

fn build_schema(table: Table) -> SchemaRef {
    let fields: Vec<Field> = table
        .columns()
        .iter()
        .map(|c| Field::new(c.name, c.kind.arrow_type(), c.nullable))
        .collect();
    Arc::new(Schema::new(fields))
}

/// The tables of a batch as Arrow record batches.
#[derive(Debug, Clone)]
pub struct RecordBatches {
    /// `documents`.
    pub documents: RecordBatch,
    /// `incidents`.
    pub incidents: RecordBatch,
    /// `casualties`.
    pub casualties: RecordBatch,
    /// `statistics`.
    pub statistics: RecordBatch,
    /// `events`.
    pub events: RecordBatch,
}

impl RecordBatches {
    /// The batch of one table.
    pub fn get(&self, table: Table) -> &RecordBatch {
        match table {
            Table::Documents => &self.documents,
            Table::Incidents => &self.incidents,
            Table::Casualties => &self.casualties,
            Table::Statistics => &self.statistics,
            Table::Events => &self.events,
        }
    }

    /// The batches with their tables, in the order of [`Table::ALL`].
    pub fn into_tables(self) -> [(Table, RecordBatch); 5] {
        [
            (Table::Documents, self.documents),
            (Table::Incidents, self.incidents),
            (Table::Casualties, self.casualties),
            (Table::Statistics, self.statistics),
            (Table::Events, self.events),
        ]
    }
}

impl Tables {
    /// Builds the Arrow record batches, one per table, with the schemas of [`schema`].
    ///
    /// The rows are read once; each column is built with its size known up front.
    /// Called from inside a rayon pool (`ThreadPool::install`), the five tables are
    /// built side by side on its threads: after a parallel extraction this is the
    /// part that would otherwise run on one core. Called from outside any pool,
    /// they are built one after another on the calling thread, so that rayon's
    /// global pool is never started here (a pool started before a `fork` is dead
    /// in the child).
    pub fn to_record_batches(&self) -> Result<RecordBatches> {
        batches_beside(
            &self.documents,
            &self.incidents,
            &self.casualties,
            &self.statistics,
            || events_batch(&self.events),
        )
    }

    /// Builds the record batches as [`Tables::to_record_batches`] does, with the
    /// `events` that `merge` computes from the incidents in place of those the
    /// tables hold, and frees the rows.
    ///
    /// What [`crate::Extractor::merge`] followed by [`Tables::to_record_batches`]
    /// gives, in less time on more than one thread: called from inside a rayon
    /// pool, the merge runs beside the building of the other four tables (it
    /// only reads the incidents, as their batch does), and the rows are freed
    /// side by side. After a parallel extraction these steps would otherwise run
    /// mostly on one core. Outside any pool, all of it runs on the calling thread.
    ///
    /// ```
    /// use incidents::frames::Table;
    /// use incidents::{Article, Extractor};
    /// let extractor = Extractor::new();
    /// let tables = extractor.extract_batch_unmerged(&[
    ///     Article::new("a", "A roadside bomb killed two soldiers in North Waziristan on Monday."),
    /// ]);
    /// let mut merged = tables.clone();
    /// extractor.merge(&mut merged);
    /// let batches = tables.into_record_batches_merged(|rows| extractor.merge_events(rows))?;
    /// assert_eq!(batches.get(Table::Events), merged.to_record_batches()?.get(Table::Events));
    /// # Ok::<(), incidents::Error>(())
    /// ```
    pub fn into_record_batches_merged(
        self,
        merge: impl FnOnce(&[IncidentRow]) -> Vec<EventRow> + Send,
    ) -> Result<RecordBatches> {
        let Tables {
            documents,
            incidents,
            casualties,
            statistics,
            events: _,
        } = self;
        let batches = batches_beside(&documents, &incidents, &casualties, &statistics, || {
            events_batch(&merge(&incidents))
        });
        // Freeing every row's strings takes a while: split like the building.
        join_in_pool(
            || drop((documents, incidents)),
            || drop((casualties, statistics)),
        );
        batches
    }
}

/// The batches of the four tables of documents, built side by side (see
/// [`Tables::to_record_batches`]), and beside them the `events` batch that
/// `events` builds.
fn batches_beside(
    documents: &[DocumentRow],
    incidents: &[IncidentRow],
    casualties: &[CasualtyRow],
    statistics: &[StatisticRow],
    events: impl FnOnce() -> Result<RecordBatch> + Send,
) -> Result<RecordBatches> {
    let (events, ((documents, incidents), (casualties, statistics))) = join_in_pool(events, || {
        join_in_pool(
            || join_in_pool(|| documents_batch(documents), || incidents_batch(incidents)),
            || {
                join_in_pool(
                    || casualties_batch(casualties),
                    || statistics_batch(statistics),
                )
            },
        )
    });
    Ok(RecordBatches {
        documents: documents?,
        incidents: incidents?,
        casualties: casualties?,
        statistics: statistics?,
        events: events?,
    })
}

/// `rayon::join` on the threads of the pool the caller is in; outside any pool, `a`
/// then `b` on the calling thread, so that rayon's global pool is never started here.
fn join_in_pool<A: Send, B: Send>(
    a: impl FnOnce() -> A + Send,
    b: impl FnOnce() -> B + Send,
) -> (A, B) {
    if rayon::current_thread_index().is_some() {
        rayon::join(a, b)
    } else {
        (a(), b())
    }
}

/// The Utf8View column of `rows`, one value each.
fn strings<'a, R: 'a>(rows: &'a [R], get: impl Fn(&'a R) -> &'a str) -> Result<ArrayRef> {
    opt_strings(rows, |row| Some(get(row)))
}

/// The Utf8View column of `rows`, null where `get` gives `None`.
fn opt_strings<'a, R: 'a>(
    rows: &'a [R],
    get: impl Fn(&'a R) -> Option<&'a str>,
) -> Result<ArrayRef> {
    let size = ColumnSize::of(rows.iter().map(&get))?;
    let mut column = ViewColumn::with_capacity(size.long_bytes);
    let views: Vec<u128> = rows
        .iter()
        .map(|row| get(row).map_or(0, |value| column.view(value.as_bytes())))
        .collect();
    let nulls = (size.nulls > 0).then(|| {
        NullBuffer::new(BooleanBuffer::collect_bool(rows.len(), |i| {
            rows.get(i).is_some_and(|row| get(row).is_some())
        }))
    });
    Ok(Arc::new(column.finish(views, nulls)))
}

/// The Utf8View column of a vocabulary's values: the view of each spelling is made
/// once, and a row's view is a copy of its value's, so that a spelling longer
/// than a view holds ("security_operation") is stored once, not once a row.
fn vocab<R, V: Vocabulary>(rows: &[R], get: impl Fn(&R) -> V) -> Result<ArrayRef> {
    let mut column = ViewColumn::with_capacity(V::NAMES.iter().map(|n| long_len(n)).sum());
    let spellings: Vec<u128> = V::NAMES
        .iter()
        .map(|name| column.view(name.as_bytes()))
        .collect();
    // Every value's index is a place of `NAMES` (`Vocabulary::index`).
    let views = rows
        .iter()
        .map(|row| spellings.get(get(row).index()).copied().unwrap_or_default())
        .collect();
    Ok(Arc::new(column.finish(views, None)))
}

/// The List(Utf8View) column of `rows`: each row's strings in order, no nulls.
fn string_lists<R>(rows: &[R], get: impl Fn(&R) -> &[String]) -> Result<ArrayRef> {
    let size = ColumnSize::of(rows.iter().flat_map(&get).map(|v| Some(v.as_str())))?;
    if i32::try_from(size.values).is_err() {
        return Err(Error::new(
            ErrorKind::Arrow,
            format!(
                "{} strings in one list column: an Arrow list column holds at most 2^31 - 1",
                size.values
            ),
        ));
    }
    let mut column = ViewColumn::with_capacity(size.long_bytes);
    let mut views: Vec<u128> = Vec::with_capacity(size.values);
    let mut offsets: Vec<i32> = Vec::with_capacity(rows.len() + 1);
    offsets.push(0);
    for row in rows {
        views.extend(get(row).iter().map(|value| column.view(value.as_bytes())));
        // At most `size.values`, which fits (checked above).
        offsets.push(views.len() as i32);
    }
    let field = Arc::new(Field::new_list_field(DataType::Utf8View, false));
    Ok(Arc::new(ListArray::try_new(
        field,
        OffsetBuffer::new(ScalarBuffer::from(offsets)),
        Arc::new(column.finish(views, None)),
        None,
    )?))
}

/// The bytes a string takes in the data buffers of a Utf8View column: none for one
/// held in its view.
#[inline]
fn long_len(value: &str) -> usize {
    if value.len() > MAX_INLINE_VIEW {
        value.len()
    } else {
        0
    }
}

/// The most bytes a Utf8View view holds in itself; longer strings are in a data
/// buffer, the view holding their length, first four bytes, buffer and offset.
const MAX_INLINE_VIEW: usize = 12;

/// The most bytes of one data buffer of a view column, past which the next long
/// string starts a new buffer: offsets into a buffer are 32 bits, and readers of
/// the C data interface are safest with signed 32-bit sizes.
const MAX_VIEW_BUFFER: usize = i32::MAX as usize;

/// What a pass over a column's values tells before its views are made.
struct ColumnSize {
    values: usize,
    nulls: usize,
    /// The bytes of the strings longer than a view holds.
    long_bytes: usize,
}

impl ColumnSize {
    /// The size of `values`; an error for a string longer than a view can tell
    /// (4 GiB), so that making the views cannot fail.
    fn of<'a>(values: impl Iterator<Item = Option<&'a str>>) -> Result<ColumnSize> {
        let mut size = ColumnSize {
            values: 0,
            nulls: 0,
            long_bytes: 0,
        };
        let mut longest = 0;
        for value in values {
            size.values += 1;
            match value {
                Some(value) => {
                    size.long_bytes += long_len(value);
                    longest = longest.max(value.len());
                }
                None => size.nulls += 1,
            }
        }
        if u32::try_from(longest).is_err() {
            return Err(Error::new(
                ErrorKind::Arrow,
                format!("a string of {longest} bytes: an Arrow string view holds at most 2^32 - 1"),
            ));
        }
        Ok(size)
    }
}

/// The data buffers of a Utf8View column, filled as its views are made from
/// `&str`s.
///
/// Arrow's `StringViewBuilder` is general (deduplication, growing blocks, a null
/// bit and a `Result` per value, its bytes copied by `memcpy` even into the view)
/// and was the largest cost of turning rows into batches. Here a column's data
/// buffer is sized once, for the strings that do not fit in their views, short
/// strings are put in their views with a few loads and shifts, and every view
/// is made from a `&str`, which is what lets [`ViewColumn::finish`] skip Arrow's
/// check of every value.
struct ViewColumn {
    /// The data buffer being filled.
    data: Vec<u8>,
    /// The data buffers filled before it.
    buffers: Vec<Buffer>,
    /// [`MAX_VIEW_BUFFER`], or less in a test of what happens when a buffer fills.
    max_buffer: usize,
}

impl ViewColumn {
    /// A column whose strings longer than a view take `long_bytes` bytes in all.
    fn with_capacity(long_bytes: usize) -> ViewColumn {
        ViewColumn {
            data: Vec::with_capacity(long_bytes.min(MAX_VIEW_BUFFER)),
            buffers: Vec::new(),
            max_buffer: MAX_VIEW_BUFFER,
        }
    }

    /// The view of `bytes`, the bytes of a `&str` of at most `u32::MAX` bytes
    /// ([`ColumnSize::of`] checks), with the bytes put in a data buffer when they
    /// do not fit in the view.
    #[inline(always)]
    fn view(&mut self, bytes: &[u8]) -> u128 {
        if bytes.len() <= MAX_INLINE_VIEW {
            return inline_view(bytes);
        }
        if !self.data.is_empty() && self.data.len() + bytes.len() > self.max_buffer {
            let full = std::mem::take(&mut self.data);
            self.buffers.push(Buffer::from_vec(full));
        }
        // The buffer holds at most `max_buffer` bytes here, and there are far fewer
        // than 2^32 buffers.
        let offset = self.data.len() as u32;
        let buffer = self.buffers.len() as u32;
        self.data.extend_from_slice(bytes);
        let prefix = bytes
            .first_chunk::<4>()
            .map_or(0, |b| u32::from_le_bytes(*b));
        (bytes.len() as u128)
            | (u128::from(prefix) << 32)
            | (u128::from(buffer) << 64)
            | (u128::from(offset) << 96)
    }

    /// The array of `views` (each made by [`ViewColumn::view`] of this column, or
    /// 0 where `nulls` has a null).
    fn finish(mut self, views: Vec<u128>, nulls: Option<NullBuffer>) -> StringViewArray {
        if !self.data.is_empty() {
            self.buffers.push(Buffer::from_vec(self.data));
        }
        // SAFETY: every view was made by `view` from the bytes of a `&str`: a
        // length of at most 12 with those bytes and zeros after them, or the
        // length, the first four bytes, and the buffer and offset where `view`
        // copied all of them, in a buffer pushed to `buffers` in that order. The
        // null views (0) are masked by `nulls`, one bit a view. That is what
        // `StringViewArray::try_new` checks, value by value, at a cost the size of
        // the building itself; `views_are_what_arrow_checks` and the tests after
        // it run that check on columns of every shape.
        #[allow(unsafe_code)]
        unsafe {
            StringViewArray::new_unchecked(ScalarBuffer::from(views), self.buffers.into(), nulls)
        }
    }
}

/// The view of a string of at most 12 bytes: its length, then its bytes, then
/// zeros, made with two loads that may overlap and a shift, where a copy of a
/// length known only at run time would call `memcpy`.
#[inline(always)]
fn inline_view(bytes: &[u8]) -> u128 {
    let len = bytes.len();
    let tail4 = || {
        bytes
            .last_chunk::<4>()
            .map_or(0, |b| u64::from(u32::from_le_bytes(*b)))
    };
    let data: u128 = if len >= 8 {
        // Bytes 0..8, and the last four, of which bytes 8..len are the top len - 8.
        let head = bytes
            .first_chunk::<8>()
            .map_or(0, |b| u64::from_le_bytes(*b));
        u128::from(head) | (u128::from(tail4() >> (8 * (12 - len))) << 64)
    } else if len >= 4 {
        let head = bytes
            .first_chunk::<4>()
            .map_or(0, |b| u32::from_le_bytes(*b));
        u128::from(head) | (u128::from(tail4() >> (8 * (8 - len))) << 32)
    } else {
        bytes
            .iter()
            .enumerate()
            .fold(0, |data, (i, &b)| data | (u128::from(b) << (8 * i)))
    };
    (len as u128) | (data << 32)
}

fn u32s<R>(rows: &[R], get: impl Fn(&R) -> u32) -> ArrayRef {
    Arc::new(UInt32Array::from_iter_values(rows.iter().map(get)))
}

fn opt_u32s<R>(rows: &[R], get: impl Fn(&R) -> Option<u32>) -> ArrayRef {
    Arc::new(rows.iter().map(get).collect::<UInt32Array>())
}

fn opt_f64s<R>(rows: &[R], get: impl Fn(&R) -> Option<f64>) -> ArrayRef {
    Arc::new(rows.iter().map(get).collect::<Float64Array>())
}

fn opt_dates<R>(rows: &[R], get: impl Fn(&R) -> Option<NaiveDate>) -> ArrayRef {
    Arc::new(
        rows.iter()
            .map(|row| get(row).map(Date32Type::from_naive_date))
            .collect::<Date32Array>(),
    )
}

fn batch(table: Table, columns: Vec<ArrayRef>) -> Result<RecordBatch> {
    Ok(RecordBatch::try_new(schema(table), columns)?)
}

fn documents_batch(rows: &[DocumentRow]) -> Result<RecordBatch> {
    batch(
        Table::Documents,
        vec![
            strings(rows, |r| &r.doc_id)?,
            opt_strings(rows, |r| r.title.as_deref())?,
            opt_dates(rows, |r| r.published),
            vocab(rows, |r| r.published_precision)?,
            vocab(rows, |r| r.published_from)?,
            u32s(rows, |r| r.chars),
            u32s(rows, |r| r.n_incidents),
            u32s(rows, |r| r.n_statistics),
            vocab(rows, |r| r.status)?,
            string_lists(rows, |r| &r.warnings)?,
        ],
    )
}

/// The `incidents` table of `rows` alone, without building the other tables.
///
/// ```
/// use incidents::{frames::{incidents_batch, incidents_from_batches}, Article, Extractor};
/// let tables = Extractor::new().extract_batch(&[Article::new("a",
///     "A roadside bomb killed three policemen in Bajaur on 6 May 2024.")]);
/// let batch = incidents_batch(&tables.incidents).unwrap();
/// assert_eq!(incidents_from_batches(&[batch]).unwrap(), tables.incidents);
/// ```
pub fn incidents_batch(rows: &[IncidentRow]) -> Result<RecordBatch> {
    batch(
        Table::Incidents,
        vec![
            strings(rows, |r| &r.incident_id)?,
            strings(rows, |r| &r.doc_id)?,
            vocab(rows, |r| r.event_type)?,
            opt_dates(rows, |r| r.date),
            vocab(rows, |r| r.date_precision)?,
            opt_strings(rows, |r| r.date_text.as_deref())?,
            opt_strings(rows, |r| r.country.as_deref())?,
            opt_strings(rows, |r| r.admin1.as_deref())?,
            opt_strings(rows, |r| r.admin2.as_deref())?,
            opt_strings(rows, |r| r.place.as_deref())?,
            opt_f64s(rows, |r| r.lat),
            opt_f64s(rows, |r| r.lon),
            vocab(rows, |r| r.geo_precision)?,
            opt_strings(rows, |r| r.perpetrator.as_deref())?,
            opt_strings(rows, |r| r.perpetrator_text.as_deref())?,
            opt_strings(rows, |r| r.target.as_deref())?,
            opt_strings(rows, |r| r.target_text.as_deref())?,
            opt_u32s(rows, |r| r.killed),
            opt_u32s(rows, |r| r.killed_max),
            opt_u32s(rows, |r| r.wounded),
            u32s(rows, |r| r.n_claims),
            Arc::new(Float32Array::from_iter_values(
                rows.iter().map(|r| r.confidence),
            )),
            strings(rows, |r| &r.evidence)?,
            u32s(rows, |r| r.span_start),
            u32s(rows, |r| r.span_end),
        ],
    )
}

fn casualties_batch(rows: &[CasualtyRow]) -> Result<RecordBatch> {
    batch(
        Table::Casualties,
        vec![
            strings(rows, |r| &r.incident_id)?,
            strings(rows, |r| &r.doc_id)?,
            opt_strings(rows, |r| r.claimant.as_deref())?,
            opt_strings(rows, |r| r.claimant_text.as_deref())?,
            u32s(rows, |r| r.account),
            vocab(rows, |r| r.victim)?,
            vocab(rows, |r| r.outcome)?,
            opt_u32s(rows, |r| r.count),
            vocab(rows, |r| r.qualifier)?,
            opt_u32s(rows, |r| r.low),
            opt_u32s(rows, |r| r.high),
            strings(rows, |r| &r.evidence)?,
        ],
    )
}

fn statistics_batch(rows: &[StatisticRow]) -> Result<RecordBatch> {
    batch(
        Table::Statistics,
        vec![
            strings(rows, |r| &r.stat_id)?,
            strings(rows, |r| &r.doc_id)?,
            vocab(rows, |r| r.measure)?,
            vocab(rows, |r| r.unit)?,
            opt_f64s(rows, |r| r.value),
            vocab(rows, |r| r.qualifier)?,
            opt_f64s(rows, |r| r.low),
            opt_f64s(rows, |r| r.high),
            opt_dates(rows, |r| r.period_start),
            opt_dates(rows, |r| r.period_end),
            opt_strings(rows, |r| r.period_text.as_deref())?,
            string_lists(rows, |r| &r.region)?,
            opt_strings(rows, |r| r.source.as_deref())?,
            opt_strings(rows, |r| r.source_text.as_deref())?,
            strings(rows, |r| &r.evidence)?,
        ],
    )
}

/// The `events` table of `rows` alone, without building the other tables.
///
/// ```
/// use incidents::{frames::events_batch, Article, Extractor};
/// let tables = Extractor::new().extract_batch(&[Article::new("a",
///     "A roadside bomb killed three policemen in Bajaur on 6 May 2024.")]);
/// assert_eq!(events_batch(&tables.events).unwrap().num_rows(), 1);
/// ```
pub fn events_batch(rows: &[EventRow]) -> Result<RecordBatch> {
    batch(
        Table::Events,
        vec![
            strings(rows, |r| &r.event_id)?,
            string_lists(rows, |r| &r.incident_ids)?,
            string_lists(rows, |r| &r.doc_ids)?,
            u32s(rows, |r| r.n_reports),
            vocab(rows, |r| r.event_type)?,
            opt_dates(rows, |r| r.date),
            vocab(rows, |r| r.date_precision)?,
            opt_strings(rows, |r| r.country.as_deref())?,
            opt_strings(rows, |r| r.admin1.as_deref())?,
            opt_strings(rows, |r| r.admin2.as_deref())?,
            opt_strings(rows, |r| r.place.as_deref())?,
            opt_f64s(rows, |r| r.lat),
            opt_f64s(rows, |r| r.lon),
            vocab(rows, |r| r.geo_precision)?,
            opt_strings(rows, |r| r.perpetrator.as_deref())?,
            opt_strings(rows, |r| r.target.as_deref())?,
            opt_u32s(rows, |r| r.killed),
            opt_u32s(rows, |r| r.killed_max),
            opt_u32s(rows, |r| r.wounded),
            opt_strings(rows, |r| r.merge_reason.as_deref())?,
        ],
    )
}

/// Reads `incidents` rows back from Arrow record batches: a table written by this
/// crate, or read back from Parquet, or handed over by polars.
///
/// Columns are found by name, so extra columns and another column order are
/// fine. Strings may be Utf8, LargeUtf8 or Utf8View (polars `Enum` columns must be
/// cast to strings first); counts any integer type; dates Date32. Text columns
/// the merge does not need (`evidence`, `date_text`, ...) may be missing and read
/// as empty.
///
/// ```
/// use incidents::frames::incidents_from_batches;
/// use incidents::{Article, Extractor};
/// let extractor = Extractor::new();
/// let tables = extractor.extract_batch(&[Article::new("a",
///     "A roadside bomb killed three policemen in Bajaur on 6 May 2024.")]);
/// let batches = tables.to_record_batches().unwrap();
/// let rows = incidents_from_batches(&[batches.incidents]).unwrap();
/// assert_eq!(rows, tables.incidents);
/// ```
pub fn incidents_from_batches(batches: &[RecordBatch]) -> Result<Vec<IncidentRow>> {
    let mut rows = Vec::with_capacity(batches.iter().map(RecordBatch::num_rows).sum());
    for batch in batches {
        let read = Reader { batch };
        let ids = read.strings("incident_id", true)?;
        let doc_ids = read.strings("doc_id", true)?;
        let event_types = read.strings("event_type", true)?;
        let dates = read.dates("date")?;
        let date_precisions = read.strings("date_precision", true)?;
        let date_texts = read.strings("date_text", false)?;
        let countries = read.strings("country", false)?;
        let admin1s = read.strings("admin1", false)?;
        let admin2s = read.strings("admin2", false)?;
        let places = read.strings("place", false)?;
        let lats = read.floats("lat")?;
        let lons = read.floats("lon")?;
        let geo_precisions = read.strings("geo_precision", false)?;
        let perpetrators = read.strings("perpetrator", false)?;
        let perpetrator_texts = read.strings("perpetrator_text", false)?;
        let targets = read.strings("target", false)?;
        let target_texts = read.strings("target_text", false)?;
        let killed = read.counts("killed")?;
        let killed_max = read.counts("killed_max")?;
        let wounded = read.counts("wounded")?;
        let n_claims = read.counts("n_claims")?;
        let confidences = read.floats("confidence")?;
        let evidences = read.strings("evidence", false)?;
        let span_starts = read.counts("span_start")?;
        let span_ends = read.counts("span_end")?;
        for i in 0..batch.num_rows() {
            let text = |column: &[Option<String>]| column.get(i).cloned().flatten();
            let vocabulary_error = |column: &str, value: &str| {
                Error::new(
                    ErrorKind::Input,
                    format!(
                        "incidents row {i}: {column} {value:?} is not in the contract's vocabulary"
                    ),
                )
            };
            let event_type = text(&event_types).unwrap_or_default();
            let date_precision = text(&date_precisions).unwrap_or_default();
            let geo_precision = text(&geo_precisions).unwrap_or_else(|| "unknown".to_string());
            rows.push(IncidentRow {
                incident_id: text(&ids).unwrap_or_default(),
                doc_id: text(&doc_ids).unwrap_or_default(),
                event_type: EventType::parse(&event_type)
                    .ok_or_else(|| vocabulary_error("event_type", &event_type))?,
                date: dates.get(i).copied().flatten(),
                date_precision: DatePrecision::parse(&date_precision)
                    .ok_or_else(|| vocabulary_error("date_precision", &date_precision))?,
                date_text: text(&date_texts),
                country: text(&countries),
                admin1: text(&admin1s),
                admin2: text(&admin2s),
                place: text(&places),
                lat: lats.get(i).copied().flatten(),
                lon: lons.get(i).copied().flatten(),
                geo_precision: GeoPrecision::parse(&geo_precision)
                    .ok_or_else(|| vocabulary_error("geo_precision", &geo_precision))?,
                perpetrator: text(&perpetrators),
                perpetrator_text: text(&perpetrator_texts),
                target: text(&targets),
                target_text: text(&target_texts),
                killed: killed.get(i).copied().flatten(),
                killed_max: killed_max.get(i).copied().flatten(),
                wounded: wounded.get(i).copied().flatten(),
                n_claims: n_claims.get(i).copied().flatten().unwrap_or(0),
                confidence: confidences.get(i).copied().flatten().unwrap_or(0.0) as f32,
                evidence: text(&evidences).unwrap_or_default(),
                span_start: span_starts.get(i).copied().flatten().unwrap_or(0),
                span_end: span_ends.get(i).copied().flatten().unwrap_or(0),
            });
        }
    }
    Ok(rows)
}

/// Reads columns of one batch by name into plain vectors, whatever Arrow type
/// of a family they come in. A missing optional column reads as all nulls.
struct Reader<'a> {
    batch: &'a RecordBatch,
}

impl Reader<'_> {
    fn column(&self, name: &str, required: bool) -> Result<Option<&ArrayRef>> {
        match self.batch.column_by_name(name) {
            Some(column) => Ok(Some(column)),
            None if required => Err(Error::new(
                ErrorKind::Input,
                format!(
                    "the incidents table has no column {name:?}; it has {:?}",
                    self.batch
                        .schema()
                        .fields()
                        .iter()
                        .map(|f| f.name().as_str())
                        .collect::<Vec<_>>()
                ),
            )),
            None => Ok(None),
        }
    }

    fn wrong_type(name: &str, column: &ArrayRef, want: &str) -> Error {
        Error::new(
            ErrorKind::Input,
            format!(
                "incidents column {name:?} is {}, not {want}",
                column.data_type()
            ),
        )
    }

    fn strings(&self, name: &str, required: bool) -> Result<Vec<Option<String>>> {
        let Some(column) = self.column(name, required)? else {
            return Ok(Vec::new());
        };
        let own = |v: Option<&str>| v.map(str::to_string);
        if let Some(a) = column.as_string_view_opt() {
            Ok(a.iter().map(own).collect())
        } else if let Some(a) = column.as_string_opt::<i32>() {
            Ok(a.iter().map(own).collect())
        } else if let Some(a) = column.as_string_opt::<i64>() {
            Ok(a.iter().map(own).collect())
        } else if column.data_type() == &DataType::Null {
            Ok(vec![None; column.len()])
        } else {
            Err(Self::wrong_type(name, column, "a string column"))
        }
    }

    fn dates(&self, name: &str) -> Result<Vec<Option<NaiveDate>>> {
        let Some(column) = self.column(name, true)? else {
            return Ok(Vec::new());
        };
        match column.as_primitive_opt::<Date32Type>() {
            Some(a) => Ok(a
                .iter()
                .map(|d| d.and_then(Date32Type::to_naive_date_opt))
                .collect()),
            None => Err(Self::wrong_type(name, column, "Date32")),
        }
    }

    fn counts(&self, name: &str) -> Result<Vec<Option<u32>>> {
        let Some(column) = self.column(name, false)? else {
            return Ok(Vec::new());
        };
        macro_rules! ints {
            ($($t:ty),*) => {
                $(
                    if let Some(a) = column.as_primitive_opt::<$t>() {
                        return Ok(a.iter().map(|v| v.and_then(|v| u32::try_from(v).ok())).collect());
                    }
                )*
            };
        }
        ints!(
            UInt32Type, UInt64Type, Int32Type, Int64Type, UInt16Type, Int16Type, UInt8Type,
            Int8Type
        );
        if column.data_type() == &DataType::Null {
            return Ok(vec![None; column.len()]);
        }
        Err(Self::wrong_type(name, column, "an integer column"))
    }

    fn floats(&self, name: &str) -> Result<Vec<Option<f64>>> {
        let Some(column) = self.column(name, false)? else {
            return Ok(Vec::new());
        };
        if let Some(a) = column.as_primitive_opt::<Float64Type>() {
            return Ok(a.iter().collect());
        }
        if let Some(a) = column.as_primitive_opt::<Float32Type>() {
            return Ok(a.iter().map(|v| v.map(f64::from)).collect());
        }
        if column.data_type() == &DataType::Null {
            return Ok(vec![None; column.len()]);
        }
        Err(Self::wrong_type(name, column, "a float column"))
    }
}

#[cfg(feature = "polars")]
pub use self::polars_frames::PolarsTables;

#[cfg(feature = "polars")]
mod polars_frames {
    //! The same tables as polars `DataFrame`s, built straight from the rows.
    //!
    //! Building from the rows (not from the Arrow batches) keeps the core free of
    //! `unsafe` FFI between arrow-rs and polars-arrow, and costs the same: the
    //! rows are read once per column either way.

    use polars::prelude::*;

    use super::{Kind, Table};
    use crate::error::{Error, ErrorKind, Result};
    use crate::model::{enum_columns, Tables, Vocabulary};

    /// The tables of a batch as polars `DataFrame`s, with the dtypes of `SCHEMA.md`:
    /// enum columns as polars `Enum`s of the contract's vocabularies.
    #[derive(Debug, Clone)]
    pub struct PolarsTables {
        /// `documents`.
        pub documents: DataFrame,
        /// `incidents`.
        pub incidents: DataFrame,
        /// `casualties`.
        pub casualties: DataFrame,
        /// `statistics`.
        pub statistics: DataFrame,
        /// `events`.
        pub events: DataFrame,
    }

    impl PolarsTables {
        /// The frame of one table.
        pub fn get(&self, table: Table) -> &DataFrame {
            match table {
                Table::Documents => &self.documents,
                Table::Incidents => &self.incidents,
                Table::Casualties => &self.casualties,
                Table::Statistics => &self.statistics,
                Table::Events => &self.events,
            }
        }
    }

    impl From<PolarsError> for Error {
        fn from(err: PolarsError) -> Self {
            Error::new(
                ErrorKind::Arrow,
                format!("building polars tables failed: {err}"),
            )
        }
    }

    /// The polars dtype of a column of the contract (`Enum` columns need their vocabulary).
    pub fn dtype(table: Table, column: &str) -> Result<DataType> {
        let Some(spec) = table.columns().iter().find(|c| c.name == column) else {
            return Err(Error::new(
                ErrorKind::Input,
                format!("table {table} has no column {column:?}"),
            ));
        };
        Ok(match spec.kind {
            Kind::String => DataType::String,
            Kind::Date => DataType::Date,
            Kind::UInt32 => DataType::UInt32,
            Kind::Float32 => DataType::Float32,
            Kind::Float64 => DataType::Float64,
            Kind::StringList => DataType::List(Box::new(DataType::String)),
            Kind::Enum => {
                let names = enum_columns()
                    .into_iter()
                    .find(|(t, c, _)| *t == table.name() && *c == column)
                    .map(|(_, _, names)| names)
                    .ok_or_else(|| {
                        Error::new(
                            ErrorKind::Data,
                            format!("{table}.{column} is an enum column without a vocabulary"),
                        )
                    })?;
                enum_dtype(names)?
            }
        })
    }

    fn enum_dtype(names: &[&str]) -> Result<DataType> {
        let categories = FrozenCategories::new(names.iter().copied())?;
        Ok(DataType::from_frozen_categories(categories))
    }

    /// The polars schema of a table, as [`Tables::to_polars`] returns it.
    pub fn polars_schema(table: Table) -> Result<Schema> {
        table
            .columns()
            .iter()
            .map(|c| Ok(Field::new(c.name.into(), dtype(table, c.name)?)))
            .collect()
    }

    fn days(date: Option<chrono::NaiveDate>) -> Option<i32> {
        // Days since 1970-01-01, polars' physical Date; 719_163 is that day's
        // number counted from 0001-01-01 (day 1).
        date.map(|d| chrono::Datelike::num_days_from_ce(&d) - 719_163)
    }

    struct Frame {
        table: Table,
        columns: Vec<Column>,
    }

    impl Frame {
        fn new(table: Table) -> Self {
            Frame {
                table,
                columns: Vec::with_capacity(table.columns().len()),
            }
        }

        fn name(&self) -> PlSmallStr {
            PlSmallStr::from_static(self.table.columns()[self.columns.len()].name)
        }

        fn push(&mut self, series: Series) -> Result<&mut Self> {
            let name = self.name();
            let target = dtype(self.table, name.as_str())?;
            let series = series.with_name(name);
            let series = if series.dtype() == &target {
                series
            } else {
                series.strict_cast(&target)?
            };
            self.columns.push(series.into_column());
            Ok(self)
        }

        fn strs<'a>(&mut self, values: impl Iterator<Item = &'a str>) -> Result<&mut Self> {
            let ca: StringChunked = values.collect();
            self.push(ca.into_series())
        }

        fn opt_strs<'a>(
            &mut self,
            values: impl Iterator<Item = Option<&'a str>>,
        ) -> Result<&mut Self> {
            let ca: StringChunked = values.collect();
            self.push(ca.into_series())
        }

        fn vocab<V: Vocabulary>(&mut self, values: impl Iterator<Item = V>) -> Result<&mut Self> {
            let ca: StringChunked = values.map(V::as_str).collect();
            self.push(ca.into_series())
        }

        fn u32s(&mut self, values: impl Iterator<Item = u32>) -> Result<&mut Self> {
            let ca: UInt32Chunked = values.map(Some).collect();
            self.push(ca.into_series())
        }

        fn opt_u32s(&mut self, values: impl Iterator<Item = Option<u32>>) -> Result<&mut Self> {
            let ca: UInt32Chunked = values.collect();
            self.push(ca.into_series())
        }

        fn opt_f64s(&mut self, values: impl Iterator<Item = Option<f64>>) -> Result<&mut Self> {
            let ca: Float64Chunked = values.collect();
            self.push(ca.into_series())
        }

        fn f32s(&mut self, values: impl Iterator<Item = f32>) -> Result<&mut Self> {
            let ca: Float32Chunked = values.map(Some).collect();
            self.push(ca.into_series())
        }

        fn dates(
            &mut self,
            values: impl Iterator<Item = Option<chrono::NaiveDate>>,
        ) -> Result<&mut Self> {
            let ca: Int32Chunked = values.map(days).collect();
            self.push(ca.into_series())
        }

        fn str_lists<'a>(
            &mut self,
            n_rows: usize,
            values: impl Iterator<Item = &'a [String]>,
        ) -> Result<&mut Self> {
            let mut builder =
                ListStringChunkedBuilder::new(PlSmallStr::EMPTY, n_rows, n_rows.max(1) * 2);
            for list in values {
                builder.append_values_iter(list.iter().map(String::as_str));
            }
            self.push(builder.finish().into_series())
        }

        fn finish(self) -> Result<DataFrame> {
            let height = self.columns.first().map_or(0, Column::len);
            Ok(DataFrame::new(height, self.columns)?)
        }
    }

    impl Tables {
        /// The tables as polars `DataFrame`s (cargo feature `polars`).
        ///
        /// The columns, order and dtypes are those of `SCHEMA.md`; enum columns are
        /// polars `Enum`s of the vocabularies in [`crate::model`].
        pub fn to_polars(&self) -> Result<PolarsTables> {
            let d = &self.documents;
            let mut f = Frame::new(Table::Documents);
            f.strs(d.iter().map(|r| r.doc_id.as_str()))?
                .opt_strs(d.iter().map(|r| r.title.as_deref()))?
                .dates(d.iter().map(|r| r.published))?
                .vocab(d.iter().map(|r| r.published_precision))?
                .vocab(d.iter().map(|r| r.published_from))?
                .u32s(d.iter().map(|r| r.chars))?
                .u32s(d.iter().map(|r| r.n_incidents))?
                .u32s(d.iter().map(|r| r.n_statistics))?
                .vocab(d.iter().map(|r| r.status))?
                .str_lists(d.len(), d.iter().map(|r| r.warnings.as_slice()))?;
            let documents = f.finish()?;

            let i = &self.incidents;
            let mut f = Frame::new(Table::Incidents);
            f.strs(i.iter().map(|r| r.incident_id.as_str()))?
                .strs(i.iter().map(|r| r.doc_id.as_str()))?
                .vocab(i.iter().map(|r| r.event_type))?
                .dates(i.iter().map(|r| r.date))?
                .vocab(i.iter().map(|r| r.date_precision))?
                .opt_strs(i.iter().map(|r| r.date_text.as_deref()))?
                .opt_strs(i.iter().map(|r| r.country.as_deref()))?
                .opt_strs(i.iter().map(|r| r.admin1.as_deref()))?
                .opt_strs(i.iter().map(|r| r.admin2.as_deref()))?
                .opt_strs(i.iter().map(|r| r.place.as_deref()))?
                .opt_f64s(i.iter().map(|r| r.lat))?
                .opt_f64s(i.iter().map(|r| r.lon))?
                .vocab(i.iter().map(|r| r.geo_precision))?
                .opt_strs(i.iter().map(|r| r.perpetrator.as_deref()))?
                .opt_strs(i.iter().map(|r| r.perpetrator_text.as_deref()))?
                .opt_strs(i.iter().map(|r| r.target.as_deref()))?
                .opt_strs(i.iter().map(|r| r.target_text.as_deref()))?
                .opt_u32s(i.iter().map(|r| r.killed))?
                .opt_u32s(i.iter().map(|r| r.killed_max))?
                .opt_u32s(i.iter().map(|r| r.wounded))?
                .u32s(i.iter().map(|r| r.n_claims))?
                .f32s(i.iter().map(|r| r.confidence))?
                .strs(i.iter().map(|r| r.evidence.as_str()))?
                .u32s(i.iter().map(|r| r.span_start))?
                .u32s(i.iter().map(|r| r.span_end))?;
            let incidents = f.finish()?;

            let c = &self.casualties;
            let mut f = Frame::new(Table::Casualties);
            f.strs(c.iter().map(|r| r.incident_id.as_str()))?
                .strs(c.iter().map(|r| r.doc_id.as_str()))?
                .opt_strs(c.iter().map(|r| r.claimant.as_deref()))?
                .opt_strs(c.iter().map(|r| r.claimant_text.as_deref()))?
                .u32s(c.iter().map(|r| r.account))?
                .vocab(c.iter().map(|r| r.victim))?
                .vocab(c.iter().map(|r| r.outcome))?
                .opt_u32s(c.iter().map(|r| r.count))?
                .vocab(c.iter().map(|r| r.qualifier))?
                .opt_u32s(c.iter().map(|r| r.low))?
                .opt_u32s(c.iter().map(|r| r.high))?
                .strs(c.iter().map(|r| r.evidence.as_str()))?;
            let casualties = f.finish()?;

            let s = &self.statistics;
            let mut f = Frame::new(Table::Statistics);
            f.strs(s.iter().map(|r| r.stat_id.as_str()))?
                .strs(s.iter().map(|r| r.doc_id.as_str()))?
                .vocab(s.iter().map(|r| r.measure))?
                .vocab(s.iter().map(|r| r.unit))?
                .opt_f64s(s.iter().map(|r| r.value))?
                .vocab(s.iter().map(|r| r.qualifier))?
                .opt_f64s(s.iter().map(|r| r.low))?
                .opt_f64s(s.iter().map(|r| r.high))?
                .dates(s.iter().map(|r| r.period_start))?
                .dates(s.iter().map(|r| r.period_end))?
                .opt_strs(s.iter().map(|r| r.period_text.as_deref()))?
                .str_lists(s.len(), s.iter().map(|r| r.region.as_slice()))?
                .opt_strs(s.iter().map(|r| r.source.as_deref()))?
                .opt_strs(s.iter().map(|r| r.source_text.as_deref()))?
                .strs(s.iter().map(|r| r.evidence.as_str()))?;
            let statistics = f.finish()?;

            let e = &self.events;
            let mut f = Frame::new(Table::Events);
            f.strs(e.iter().map(|r| r.event_id.as_str()))?
                .str_lists(e.len(), e.iter().map(|r| r.incident_ids.as_slice()))?
                .str_lists(e.len(), e.iter().map(|r| r.doc_ids.as_slice()))?
                .u32s(e.iter().map(|r| r.n_reports))?
                .vocab(e.iter().map(|r| r.event_type))?
                .dates(e.iter().map(|r| r.date))?
                .vocab(e.iter().map(|r| r.date_precision))?
                .opt_strs(e.iter().map(|r| r.country.as_deref()))?
                .opt_strs(e.iter().map(|r| r.admin1.as_deref()))?
                .opt_strs(e.iter().map(|r| r.admin2.as_deref()))?
                .opt_strs(e.iter().map(|r| r.place.as_deref()))?
                .opt_f64s(e.iter().map(|r| r.lat))?
                .opt_f64s(e.iter().map(|r| r.lon))?
                .vocab(e.iter().map(|r| r.geo_precision))?
                .opt_strs(e.iter().map(|r| r.perpetrator.as_deref()))?
                .opt_strs(e.iter().map(|r| r.target.as_deref()))?
                .opt_u32s(e.iter().map(|r| r.killed))?
                .opt_u32s(e.iter().map(|r| r.killed_max))?
                .opt_u32s(e.iter().map(|r| r.wounded))?
                .opt_strs(e.iter().map(|r| r.merge_reason.as_deref()))?;
            let events = f.finish()?;

            Ok(PolarsTables {
                documents,
                incidents,
                casualties,
                statistics,
                events,
            })
        }
    }
}

#[cfg(feature = "polars")]
pub use self::polars_frames::{dtype as polars_dtype, polars_schema};

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    /// The column `strings`, `opt_strings` and `string_lists` make of `values`, and
    /// what Arrow's own checked constructor says of the same views and buffers.
    fn checked(array: &StringViewArray) -> StringViewArray {
        StringViewArray::try_new(
            array.views().clone(),
            array.data_buffers().to_vec(),
            array.nulls().cloned(),
        )
        .expect("every view made by ViewColumn passes Arrow's check")
    }

    proptest! {
        #[test]
        fn views_are_what_arrow_checks(values in proptest::collection::vec(
            proptest::option::of("\\PC{0,40}"), 0..40,
        )) {
            let column = opt_strings(&values, |v| v.as_deref()).expect("a column");
            let array = column.as_string_view();
            let again = checked(array);
            prop_assert_eq!(array.len(), values.len());
            for (i, value) in values.iter().enumerate() {
                prop_assert_eq!(array.is_null(i), value.is_none());
                if let Some(value) = value {
                    prop_assert_eq!(array.value(i), value.as_str());
                    prop_assert_eq!(again.value(i), value.as_str());
                }
            }
            // The builder Arrow offers gives the same values (the bytes may be laid
            // out otherwise).
            let built: StringViewArray = values.iter().map(|v| v.as_deref()).collect();
            prop_assert_eq!(array, &built);
        }

        #[test]
        fn lists_of_strings_keep_each_row_in_order(rows in proptest::collection::vec(
            proptest::collection::vec("[a-z ]{0,20}", 0..5), 0..20,
        )) {
            let column = string_lists(&rows, |r| r.as_slice()).expect("a column");
            let lists = column.as_list::<i32>();
            prop_assert_eq!(lists.len(), rows.len());
            for (i, row) in rows.iter().enumerate() {
                let list = lists.value(i);
                let strings = list.as_string_view();
                checked(strings);
                let got: Vec<&str> = strings.iter().map(|s| s.unwrap_or("<null>")).collect();
                prop_assert_eq!(got, row.iter().map(String::as_str).collect::<Vec<_>>());
            }
        }
    }

    #[test]
    fn a_vocabulary_column_spells_every_value_and_stores_long_spellings_once() {
        let rows = [
            EventType::SecurityOperation,
            EventType::Attack,
            EventType::SecurityOperation,
            EventType::SuicideBombing,
        ];
        let column = vocab(&rows, |r| *r).expect("a column");
        let array = column.as_string_view();
        checked(array);
        let got: Vec<&str> = array.iter().map(|s| s.unwrap_or("<null>")).collect();
        assert_eq!(
            got,
            [
                "security_operation",
                "attack",
                "security_operation",
                "suicide_bombing"
            ]
        );
        // Each long spelling of the vocabulary once, whatever the number of rows.
        let stored: usize = array.data_buffers().iter().map(|b| b.len()).sum();
        let long: usize = EventType::NAMES.iter().map(|n| long_len(n)).sum();
        assert_eq!(stored, long);
    }

    #[test]
    fn a_full_data_buffer_is_closed_and_the_next_long_string_starts_another() {
        // Buffers of 40 bytes stand for buffers of 2 GiB.
        let mut column = ViewColumn::with_capacity(0);
        column.max_buffer = 40;
        let values = [
            "a string longer than twelve bytes",
            "another string of more than twelve",
            "short",
            "a string of more bytes than one buffer holds, alone in its own",
            "and one after it",
        ];
        let views = values.iter().map(|v| column.view(v.as_bytes())).collect();
        assert_eq!(column.buffers.len(), 3);
        let array = column.finish(views, None);
        checked(&array);
        assert_eq!(array.data_buffers().len(), 4);
        let got: Vec<&str> = array.iter().map(|s| s.unwrap_or("<null>")).collect();
        assert_eq!(got, values);
    }

    #[test]
    fn a_short_string_is_its_length_then_its_bytes_then_zeros() {
        let text = "abcdefghijkl";
        for len in 0..=MAX_INLINE_VIEW {
            let mut want = [0u8; 16];
            want[..4].copy_from_slice(&(len as u32).to_le_bytes());
            want[4..4 + len].copy_from_slice(&text.as_bytes()[..len]);
            assert_eq!(
                inline_view(&text.as_bytes()[..len]),
                u128::from_le_bytes(want),
                "{len} bytes"
            );
        }
    }
}
