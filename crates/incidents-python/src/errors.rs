//! The Python exception classes and the one mapping from the core's errors to them.

use pyo3::create_exception;
use pyo3::exceptions::PyException;
use pyo3::prelude::*;

create_exception!(
    incidents,
    IncidentsError,
    PyException,
    "Base class of every error the incidents package raises itself."
);
create_exception!(
    incidents,
    DataError,
    IncidentsError,
    "A data file (gazetteer, actor list, word list) is malformed."
);
create_exception!(
    incidents,
    InputError,
    IncidentsError,
    "An input value is not what the call takes."
);
create_exception!(
    incidents,
    ReadError,
    IncidentsError,
    "A path could be found but not read."
);
create_exception!(
    incidents,
    TableError,
    IncidentsError,
    "Building the columnar tables failed (a bug: please report it)."
);
create_exception!(
    incidents,
    GoldError,
    IncidentsError,
    "A gold file for evaluation is malformed."
);

/// The core's error as a Python exception.
///
/// A newtype because neither `PyErr` nor `incidents::Error` is ours, so `From`
/// cannot join them directly; `?` on a core result still converts through it.
pub struct CoreError(pub incidents::Error);

impl From<incidents::Error> for CoreError {
    fn from(err: incidents::Error) -> Self {
        CoreError(err)
    }
}

impl From<CoreError> for PyErr {
    fn from(CoreError(err): CoreError) -> Self {
        use incidents::ErrorKind;
        let message = err.message().to_string();
        match err.kind() {
            ErrorKind::Data => DataError::new_err(message),
            ErrorKind::Input => InputError::new_err(message),
            ErrorKind::Io => ReadError::new_err(message),
            ErrorKind::Arrow => TableError::new_err(message),
            ErrorKind::Gold => GoldError::new_err(message),
            // The kinds may grow; a new one is still an IncidentsError.
            _ => IncidentsError::new_err(message),
        }
    }
}

/// Converts a core result for Python.
pub fn core<T>(result: incidents::Result<T>) -> PyResult<T> {
    result.map_err(|err| PyErr::from(CoreError(err)))
}

/// Adds the exception classes to the module.
pub fn register(module: &Bound<'_, PyModule>) -> PyResult<()> {
    let py = module.py();
    module.add("IncidentsError", py.get_type::<IncidentsError>())?;
    module.add("DataError", py.get_type::<DataError>())?;
    module.add("InputError", py.get_type::<InputError>())?;
    module.add("ReadError", py.get_type::<ReadError>())?;
    module.add("TableError", py.get_type::<TableError>())?;
    module.add("GoldError", py.get_type::<GoldError>())?;
    Ok(())
}
