//! The library's user data (its folders, the reading state) as small RON
//! files in the data folder: none yet reads as the default; a file that
//! cannot be read is an error naming it, and is never overwritten; saving
//! is atomic.

use std::path::{Path, PathBuf};

use serde::Serialize;
use serde::de::DeserializeOwned;

use crate::store::{data_folder, write_atomically};

use super::LibraryError;

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
    match std::fs::read_to_string(path) {
        Ok(text) => ron::from_str(&text).map_err(|error| LibraryError::UserFile {
            path: path.to_owned(),
            what,
            message: error.to_string(),
        }),
        Err(error) if error.kind() == std::io::ErrorKind::NotFound => Ok(T::default()),
        Err(error) => Err(LibraryError::io(path, error)),
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
