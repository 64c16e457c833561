//! The one error type of the crate.

use std::fmt;

/// What kind of thing went wrong.
///
/// The set may grow; match with a wildcard arm.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
#[non_exhaustive]
pub enum ErrorKind {
    /// A data file (gazetteer, actor registry, word list) is malformed.
    Data,
    /// A path could not be found or read.
    Io,
    /// An input value is not what the call takes (an unknown format name, a bad date).
    Input,
    /// Building the columnar tables failed.
    Arrow,
    /// A gold file for evaluation is malformed.
    Gold,
}

/// An error with a message that says what to change.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Error {
    kind: ErrorKind,
    message: String,
}

impl Error {
    /// Makes an error of `kind` with a message for the user.
    pub fn new(kind: ErrorKind, message: impl Into<String>) -> Self {
        Error {
            kind,
            message: message.into(),
        }
    }

    /// What kind of thing went wrong.
    pub fn kind(&self) -> ErrorKind {
        self.kind
    }

    /// The message, without the kind.
    pub fn message(&self) -> &str {
        &self.message
    }
}

impl fmt::Display for Error {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.message)
    }
}

impl std::error::Error for Error {}

impl From<arrow_schema::ArrowError> for Error {
    fn from(err: arrow_schema::ArrowError) -> Self {
        Error::new(
            ErrorKind::Arrow,
            format!("building Arrow tables failed: {err}"),
        )
    }
}

/// The crate's result type.
pub type Result<T, E = Error> = std::result::Result<T, E>;
