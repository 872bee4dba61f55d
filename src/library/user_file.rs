//! The library's user data (its folders, the reading state) as small RON
//! files in the data folder: none yet reads as the default; a file that
//! cannot be read is an error naming it, and is never overwritten; saving
//! is atomic.

use std::path::{Path, PathBuf};

use serde::Serialize;
use serde::de::DeserializeOwned;

use crate::store::{data_folder, write_atomically};

use super::LibraryError;
use crate::regular_file::{RegularFileError, read_regular_text};

/// The most a user file (the folders, the reading state of every article
/// read) may hold.
const MAX_USER_FILE_BYTES: u64 = 32 * 1024 * 1024;

/// `name` in the user's data folder.
pub(super) fn user_file_path(name: &str) -> Result<PathBuf, LibraryError> {
    Ok(data_folder()
        .ok_or(LibraryError::NoFolder("data"))?
        .join(name))
}

/// Reads `path`; a missing file is the default value.
pub(super) fn read_user_file<T: DeserializeOwned + Default>(
    path: &Path,
    what: &'static str,
) -> Result<T, LibraryError> {
    let unreadable = |message: String| LibraryError::UserFile {
        path: path.to_owned(),
        what,
        message,
    };
    // Regular files only, bounded: a FIFO or a link to /dev/zero here is
    // refused at once, never waited on or read without end.
    match read_regular_text(path, MAX_USER_FILE_BYTES) {
        Ok(Some(text)) => ron::from_str(&text).map_err(|error| unreadable(error.to_string())),
        Ok(None) => Ok(T::default()),
        Err(RegularFileError::Io { source, .. }) => Err(LibraryError::io(path, source)),
        Err(error @ (RegularFileError::NotAFile { .. } | RegularFileError::TooLarge { .. })) => {
            Err(unreadable(error.problem()))
        }
    }
}

/// Saves `value` at `path`, atomically (its folder made if need be).
pub(super) fn save_user_file<T: Serialize>(
    value: &T,
    path: &Path,
    what: &'static str,
) -> Result<(), LibraryError> {
    let text =
        ron::ser::to_string_pretty(value, ron::ser::PrettyConfig::default()).map_err(|error| {
            LibraryError::UserFile {
                path: path.to_owned(),
                what,
                message: error.to_string(),
            }
        })?;
    if let Some(dir) = path.parent() {
        std::fs::create_dir_all(dir).map_err(|error| LibraryError::io(dir, error))?;
    }
    write_atomically(path, text.as_bytes()).map_err(|error| LibraryError::io(path, error))?;
    Ok(())
}
