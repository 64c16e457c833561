//! Handing record batches to Python through the Arrow PyCapsule interface.
//!
//! Any consumer of the interface takes the table without pyarrow and, for
//! Utf8View strings, without copying: `pl.DataFrame(table)` in polars 1.10 and
//! newer, `pyarrow.table(table)`, DuckDB, and so on.

use arrow_array::ffi_stream::{FFI_ArrowArrayStream, RecordBatchStreamReader};
use arrow_array::{RecordBatch, RecordBatchIterator};
use arrow_schema::ffi::FFI_ArrowSchema;
use pyo3::prelude::*;
use pyo3::types::PyCapsule;

use crate::errors::TableError;

/// One table of the contract, ready to be taken by any Arrow consumer.
///
/// It can be taken more than once: each `__arrow_c_stream__` call exports a new
/// stream over the same (shared, immutable) columns.
#[pyclass(frozen, module = "incidents._native", name = "ArrowTable")]
pub struct ArrowTable {
    name: &'static str,
    batch: RecordBatch,
}

impl ArrowTable {
    pub fn new(name: &'static str, batch: RecordBatch) -> Self {
        ArrowTable { name, batch }
    }
}

#[pymethods]
impl ArrowTable {
    /// The table's name: "documents", "incidents", "casualties" or "statistics".
    #[getter]
    fn name(&self) -> &'static str {
        self.name
    }

    /// The number of rows.
    fn __len__(&self) -> usize {
        self.batch.num_rows()
    }

    fn __repr__(&self) -> String {
        format!(
            "<ArrowTable {}: {} rows x {} columns>",
            self.name,
            self.batch.num_rows(),
            self.batch.num_columns()
        )
    }

    /// Exports the schema as an `arrow_schema` PyCapsule.
    fn __arrow_c_schema__<'py>(&self, py: Python<'py>) -> PyResult<Bound<'py, PyCapsule>> {
        let schema = FFI_ArrowSchema::try_from(self.batch.schema().as_ref())
            .map_err(|err| TableError::new_err(format!("exporting the schema failed: {err}")))?;
        PyCapsule::new_with_value(py, schema, c"arrow_schema")
    }

    /// Exports the table as an `arrow_array_stream` PyCapsule.
    ///
    /// `requested_schema` is accepted as the interface asks and not acted on:
    /// the schema is fixed by the contract, and the interface lets a producer
    /// keep its own.
    #[pyo3(signature = (requested_schema = None))]
    fn __arrow_c_stream__<'py>(
        &self,
        py: Python<'py>,
        requested_schema: Option<Bound<'py, PyAny>>,
    ) -> PyResult<Bound<'py, PyCapsule>> {
        let _ = requested_schema;
        let schema = self.batch.schema();
        let batches = vec![Ok(self.batch.clone())];
        let reader = RecordBatchIterator::new(batches, schema);
        let stream = FFI_ArrowArrayStream::new(Box::new(reader));
        // The capsule owns the stream: a consumer moves its contents out and
        // marks it released; otherwise dropping it with the capsule releases it.
        PyCapsule::new_with_value(py, stream, c"arrow_array_stream")
    }
}

/// Takes every record batch of an object with `__arrow_c_stream__` (a polars
/// DataFrame, a pyarrow Table, an [`ArrowTable`], ...).
///
/// The one `unsafe` of the binding: taking a C stream out of a capsule has no
/// safe form in arrow-rs.
#[allow(unsafe_code)]
pub fn import_stream(source: &Bound<'_, PyAny>, what: &str) -> PyResult<Vec<RecordBatch>> {
    if !source.hasattr("__arrow_c_stream__")? {
        return Err(pyo3::exceptions::PyTypeError::new_err(format!(
            "{what} must be an Arrow table (an object with __arrow_c_stream__, such as a polars \
             DataFrame), not {}",
            source.get_type().name()?
        )));
    }
    let capsule = source.call_method0("__arrow_c_stream__")?;
    let capsule = capsule.cast::<PyCapsule>().map_err(|_| {
        pyo3::exceptions::PyTypeError::new_err(format!(
            "{what}.__arrow_c_stream__() did not return a PyCapsule"
        ))
    })?;
    let pointer = capsule
        .pointer_checked(Some(c"arrow_array_stream"))
        .map_err(|_| {
            pyo3::exceptions::PyTypeError::new_err(format!(
                "{what}.__arrow_c_stream__() returned a capsule that is not an arrow_array_stream"
            ))
        })?;
    // SAFETY: the capsule holds a live FFI_ArrowArrayStream (its name says so, per
    // the Arrow PyCapsule interface). `from_raw` moves the stream out and leaves a
    // released one behind, which the capsule's destructor then skips.
    let reader = unsafe {
        RecordBatchStreamReader::from_raw(pointer.as_ptr().cast::<FFI_ArrowArrayStream>())
    }
    .map_err(|err| TableError::new_err(format!("reading {what} over Arrow failed: {err}")))?;
    reader
        .collect::<Result<Vec<RecordBatch>, _>>()
        .map_err(|err| TableError::new_err(format!("reading {what} over Arrow failed: {err}")))
}
