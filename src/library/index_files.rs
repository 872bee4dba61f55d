//! The index's files on disk: SQLite's `-wal` and `-shm` beside it, all
//! removed when the index is made anew (one rebuilder at a time, under a
//! lock file), and a `-shm` left by a read-only episode (it cannot be
//! written, so every write to the index failed: "attempt to write a
//! readonly database") removed so SQLite makes it again.

use std::path::{Path, PathBuf};

use super::LibraryError;
use super::index::Index;

/// The lock one rebuilder holds while it removes and makes the index file
/// (`library.sqlite3.rebuild.lock`), waited for up to the writers' timeout.
pub(super) fn rebuild_lock(path: &Path) -> Result<crate::store::WriterLock, LibraryError> {
    let lock = PathBuf::from(format!("{}.rebuild.lock", path.display()));
    crate::store::WriterLock::acquire(&lock).map_err(|error| LibraryError::io(lock, error))
}

/// Removes an index file and SQLite's files beside it.
pub(super) fn remove_index_files(path: &Path) -> Result<(), LibraryError> {
    for suffix in ["", "-wal", "-shm", "-journal"] {
        let file = PathBuf::from(format!("{}{suffix}", path.display()));
        match std::fs::remove_file(&file) {
            Ok(()) => {}
            Err(error) if error.kind() == std::io::ErrorKind::NotFound => {}
            Err(error) => return Err(LibraryError::io(file, error)),
        }
    }
    Ok(())
}

/// `index` (opened at `path`), writable: when SQLite's `-shm` beside it
/// looks as if it cannot be written (read-only, or another user's, left so
/// by a read-only episode: every write then failed with "attempt to write
/// a readonly database") and a write indeed fails, that `-shm` is removed
/// (the `-wal` is kept) and the index opened again with `reopen`. An index
/// whose own file is read-only is left so (searches still answer).
pub(super) fn writable(
    index: Index,
    path: &Path,
    reopen: fn(&Path) -> Result<Option<Index>, String>,
) -> Result<Index, LibraryError> {
    use std::os::unix::fs::MetadataExt as _;
    let shm = PathBuf::from(format!("{}-shm", path.display()));
    let (Ok(main), Ok(shared)) = (std::fs::metadata(path), std::fs::metadata(&shm)) else {
        return Ok(index);
    };
    let suspect = shared.permissions().readonly() || shared.uid() != main.uid();
    if !suspect || index.can_write() {
        return Ok(index);
    }
    if main.permissions().readonly() {
        // Read-only on purpose: searches still answer; a write says why.
        return Ok(index);
    }
    drop(index);
    let _rebuilding = rebuild_lock(path)?;
    log::warn!("{}: cannot be written; made again", shm.display());
    std::fs::remove_file(&shm).map_err(|error| LibraryError::io(&shm, error))?;
    match reopen(path) {
        Ok(Some(index)) => Ok(index),
        _ => Err(LibraryError::io(
            path,
            std::io::Error::other("the library index cannot be opened again"),
        )),
    }
}
