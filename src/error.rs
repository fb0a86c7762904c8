//! Library error type. A bad *document* is not an error (it becomes a
//! [`DocumentFailure`](crate::document::DocumentFailure) in the report); these are errors of
//! configuration, dictionaries, the index and output files, which stop the command.

use std::path::PathBuf;

/// Errors that stop a regfd command (exit code 2).
#[derive(Debug, thiserror::Error)]
pub enum Error {
    /// A file could not be read or written.
    #[error("{action} {path}: {source}")]
    Io {
        /// What was attempted ("reading", "writing", "creating directory").
        action: &'static str,
        /// The file.
        path: PathBuf,
        /// The underlying error.
        #[source]
        source: std::io::Error,
    },
    /// A dictionary (`dictionaries/**/*.toml`) is malformed.
    #[error("dictionary {name}: {message}")]
    Dictionary {
        /// Dictionary file name (`mnpi/cybersecurity.toml`).
        name: String,
        /// What is wrong.
        message: String,
    },
    /// The configuration or metadata manifest is malformed.
    #[error("config {path}: {message}")]
    Config {
        /// The file.
        path: PathBuf,
        /// What is wrong.
        message: String,
    },
    /// The search index could not be opened, written or queried.
    #[error("index {path}: {message}")]
    Index {
        /// The index directory.
        path: PathBuf,
        /// What went wrong.
        message: String,
    },
    /// A user-supplied value (instant, query, rule id) is invalid.
    #[error("{0}")]
    Invalid(String),
}

/// `Result` with [`Error`].
pub type Result<T, E = Error> = std::result::Result<T, E>;

impl Error {
    /// Builds an [`Error::Io`].
    pub fn io(action: &'static str, path: impl Into<PathBuf>, source: std::io::Error) -> Self {
        Self::Io {
            action,
            path: path.into(),
            source,
        }
    }
}
