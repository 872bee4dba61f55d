//! What can go wrong in the library, each saying which file and what.

use std::path::PathBuf;

#[derive(Debug, thiserror::Error)]
pub enum LibraryError {
    #[error("the library index: {0}")]
    Index(#[from] rusqlite::Error),
    #[error("{path}: {source}")]
    Io {
        path: PathBuf,
        #[source]
        source: std::io::Error,
    },
    #[error("no {0} folder for the library (set HOME or the XDG variables)")]
    NoFolder(&'static str),
    #[error("{path} cannot be read as {what}: {message}")]
    UserFile {
        path: PathBuf,
        what: &'static str,
        message: String,
    },
    #[error("{path}: {message}")]
    Sidecar { path: PathBuf, message: String },
    /// An article that could not be read (listed in the library as such).
    #[error("{}: {reason}", path.display())]
    Unreadable { path: PathBuf, reason: String },
    #[error("the search {query:?}: {message}")]
    Query { query: String, message: String },
}

impl LibraryError {
    /// Whether the index file is damaged (to be dropped and rebuilt from
    /// the sidecars, never reported).
    pub fn is_damaged_index(&self) -> bool {
        matches!(
            self,
            LibraryError::Index(rusqlite::Error::SqliteFailure(error, _))
                if matches!(
                    error.code,
                    rusqlite::ErrorCode::DatabaseCorrupt | rusqlite::ErrorCode::NotADatabase
                )
        )
    }

    /// Whether the index cannot be written or read just now (read-only,
    /// locked past the wait, the disk full or failing): no file can be
    /// indexed, so a scan stops and says so once, naming the index.
    pub fn is_index_unusable(&self) -> bool {
        matches!(
            self,
            LibraryError::Index(rusqlite::Error::SqliteFailure(error, _))
                if matches!(
                    error.code,
                    rusqlite::ErrorCode::ReadOnly
                        | rusqlite::ErrorCode::DatabaseBusy
                        | rusqlite::ErrorCode::DatabaseLocked
                        | rusqlite::ErrorCode::DiskFull
                        | rusqlite::ErrorCode::SystemIoFailure
                        | rusqlite::ErrorCode::CannotOpen
                )
        )
    }

    pub(crate) fn io(path: impl Into<PathBuf>, source: std::io::Error) -> Self {
        Self::Io {
            path: path.into(),
            source,
        }
    }
}
