//! The user's data the library's thread keeps: the reading state and the
//! library folders, each saved as soon as it changes.

use std::path::{Path, PathBuf};

use super::Worker;
use crate::library::folders::LibraryFolders;
use crate::library::reading::ReadingState;
use crate::library::scan::forget_folder;
use crate::library::walk::files_in;

impl Worker {
    /// Changes the reading state and saves it (unless it could not be read).
    pub(super) fn remember(&mut self, article: &Path, change: impl FnOnce(&mut ReadingState)) {
        let Some(reading) = &mut self.reading else {
            return;
        };
        self.touched.insert(article.to_owned());
        // Another window may have saved it since: its articles are kept.
        if let Ok(on_disk) = ReadingState::read(&self.paths.reading) {
            reading.take_others(on_disk, &self.touched);
        }
        change(reading);
        if let Err(error) = reading.save(&self.paths.reading) {
            self.problem(error.to_string());
        }
        self.changed = true;
    }

    /// The folders as saved now (another window may have changed them);
    /// `false`, with the problem told, when the file cannot be read: it is
    /// then never written over.
    fn folders_from_disk(&mut self) -> bool {
        match LibraryFolders::read(&self.paths.folders) {
            Ok(folders) => {
                self.folders = folders;
                true
            }
            Err(error) => {
                self.problem(format!(
                    "The library's folders were not changed: {error}. The file is left as it is; fix or remove it, then try again."
                ));
                false
            }
        }
    }

    pub(super) fn add_folders(&mut self, folders: &[PathBuf]) {
        if !self.folders_from_disk() {
            return;
        }
        let added = match self.folders.add(folders) {
            Ok(added) => added,
            Err(error) => return self.problem(error.to_string()),
        };
        if let Err(error) = self.folders.save(&self.paths.folders) {
            return self.problem(error.to_string());
        }
        self.queue_found(&files_in(&added));
        self.watch();
        self.changed = true;
    }

    pub(super) fn remove_folder(&mut self, folder: &Path) {
        if !self.folders_from_disk() || !self.folders.remove(folder) {
            return;
        }
        if let Err(error) = self.folders.save(&self.paths.folders) {
            return self.problem(error.to_string());
        }
        let reading = &self.reading;
        let was_opened = |article: &Path| Self::was_opened(reading, article);
        if let Some(index) = &mut self.index
            && let Err(error) = forget_folder(index, folder, &self.folders.folders, &was_opened)
        {
            self.problem(error.to_string());
        }
        self.watch();
        self.changed = true;
    }
}
