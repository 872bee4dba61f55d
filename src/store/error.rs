//! What can go wrong with a sidecar, each error naming its file.

use std::path::PathBuf;
use std::sync::Arc;

/// What can go wrong with a sidecar. Every message names the file.
#[derive(Debug, thiserror::Error)]
pub enum StoreError {
    #[error("{}:{line}:{column}: cannot be parsed: {message}", path.display())]
    Parse {
        path: PathBuf,
        line: usize,
        column: usize,
        message: String,
    },
    #[error("{}: is {size} bytes; a sidecar over 64 MiB is refused", path.display())]
    TooLarge { path: PathBuf, size: u64 },
    #[error("{}: would be {size} bytes, over the 64 MiB a sidecar may hold; nothing was written (shorten or delete some notes)", path.display())]
    WouldBeTooLarge { path: PathBuf, size: u64 },
    #[error("{}: is not a Marginalia sidecar (its format is {format:?})", path.display())]
    NotASidecar { path: PathBuf, format: String },
    #[error("{}: was written by a newer Marginalia (format version {version}); annotations are read-only", path.display())]
    NewerVersion { path: PathBuf, version: u32 },
    #[error("{}: cannot be read: {source}", path.display())]
    Read {
        path: PathBuf,
        #[source]
        source: std::io::Error,
    },
    #[error("{}: cannot be written: {source}", path.display())]
    Write {
        path: PathBuf,
        #[source]
        source: std::io::Error,
    },
    #[error("{}: is not a regular file (a pipe, a socket or a device); annotations are read-only", path.display())]
    NotAFile { path: PathBuf },
    /// A write asked of a store that may not write.
    #[error("annotations are read-only: {problem}")]
    ReadOnly { problem: Arc<StoreError> },
    /// The sidecar turned out unusable while saving; the store now writes
    /// to its recovery file.
    #[error(transparent)]
    Unusable { problem: Arc<StoreError> },
    #[error("{}: holds the annotations of another article ({file_name}), not of this one", path.display())]
    OtherArticle { path: PathBuf, file_name: String },
    #[error("{}: is a link, not a sync tool's copy", path.display())]
    LinkedCopy { path: PathBuf },
    #[error("{}: is readable; there is nothing to replace", path.display())]
    NothingToReplace { path: PathBuf },
}

impl StoreError {
    /// Whether the file is there but its content cannot be used as a sidecar.
    pub(super) fn is_unusable_content(&self) -> bool {
        matches!(
            self,
            StoreError::Parse { .. } | StoreError::TooLarge { .. } | StoreError::NotASidecar { .. }
        )
    }
}
