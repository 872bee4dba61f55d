//! The folders the library watches: user data (not cache), a small RON file
//! in the data folder (`library-folders.ron`), saved atomically. A file that
//! cannot be read is an error, never overwritten.

use std::path::{Path, PathBuf};

use serde::{Deserialize, Serialize};

use super::LibraryError;
use super::user_file::{read_user_file, save_user_file, user_file_path};

const FILE_NAME: &str = "library-folders.ron";
const WHAT: &str = "the library's folders";

/// The folders whose sidecars are in the library.
#[derive(Debug, Default, Clone, PartialEq, Serialize, Deserialize)]
pub struct LibraryFolders {
    pub folders: Vec<PathBuf>,
}

impl LibraryFolders {
    /// Where the list is kept: the user's data folder.
    pub fn path() -> Result<PathBuf, LibraryError> {
        user_file_path(FILE_NAME)
    }

    /// Reads the list at `path`; none yet is an empty list.
    pub fn read(path: &Path) -> Result<Self, LibraryError> {
        read_user_file(path, WHAT)
    }

    /// Adds folders (made absolute); returns those that were new.
    pub fn add(&mut self, folders: &[PathBuf]) -> Result<Vec<PathBuf>, LibraryError> {
        let mut added = Vec::new();
        for folder in folders {
            let folder =
                std::fs::canonicalize(folder).map_err(|error| LibraryError::io(folder, error))?;
            if !folder.is_dir() {
                return Err(LibraryError::io(
                    folder,
                    std::io::Error::new(std::io::ErrorKind::NotADirectory, "not a folder"),
                ));
            }
            if !self.folders.contains(&folder) {
                self.folders.push(folder.clone());
                added.push(folder);
            }
        }
        Ok(added)
    }

    /// Removes a folder from the list (its sidecars leave the index at the
    /// next scan unless another folder holds them).
    pub fn remove(&mut self, folder: &Path) -> bool {
        let before = self.folders.len();
        self.folders.retain(|kept| kept != folder);
        self.folders.len() != before
    }

    /// Saves the list at `path`, atomically.
    pub fn save(&self, path: &Path) -> Result<(), LibraryError> {
        save_user_file(self, path, WHAT)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn folders_are_added_once_and_kept() {
        let dir = tempfile::tempdir().unwrap();
        let list = dir.path().join("data/library-folders.ron");
        let mut folders = LibraryFolders::read(&list).unwrap();
        assert!(folders.folders.is_empty());
        let added = folders
            .add(&[dir.path().to_owned(), dir.path().to_owned()])
            .unwrap();
        assert_eq!(added.len(), 1);
        folders.save(&list).unwrap();
        assert_eq!(LibraryFolders::read(&list).unwrap(), folders);
    }

    #[test]
    fn a_damaged_list_is_an_error_and_is_left_alone() {
        let dir = tempfile::tempdir().unwrap();
        let list = dir.path().join("library-folders.ron");
        std::fs::write(&list, "(folders: [\"/a\"").unwrap();
        let error = LibraryFolders::read(&list).unwrap_err().to_string();
        assert!(error.contains("library-folders.ron"), "{error}");
        assert_eq!(std::fs::read_to_string(&list).unwrap(), "(folders: [\"/a\"");
    }
}
