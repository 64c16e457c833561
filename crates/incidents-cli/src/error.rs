//! Errors of the command line and their exit codes.

use std::fmt;
use std::path::Path;

/// What ended a run.
#[derive(Debug)]
pub enum CliError {
    /// The arguments do not fit: a path that does not exist, a column that is
    /// not there. Exit code 2, as for clap's own usage errors.
    Usage(String),
    /// Reading, extracting or writing failed. Exit code 1.
    Io(String),
}

impl CliError {
    /// The process exit code.
    pub fn exit_code(&self) -> u8 {
        match self {
            CliError::Usage(_) => 2,
            CliError::Io(_) => 1,
        }
    }

    /// A path given on the command line does not exist.
    pub fn missing_path(path: &Path, what: &str) -> CliError {
        CliError::Usage(format!(
            "{what} \"{}\" does not exist; check the spelling, or give a path relative to {}",
            path.display(),
            std::env::current_dir()
                .map(|d| d.display().to_string())
                .unwrap_or_else(|_| "the current folder".to_string())
        ))
    }

    /// An I/O failure on `path`.
    pub fn io(path: &Path, doing: &str, err: impl fmt::Display) -> CliError {
        CliError::Io(format!("{doing} \"{}\" failed: {err}", path.display()))
    }
}

impl fmt::Display for CliError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            CliError::Usage(message) | CliError::Io(message) => f.write_str(message),
        }
    }
}

impl From<incidents::Error> for CliError {
    fn from(err: incidents::Error) -> Self {
        CliError::Io(err.to_string())
    }
}
