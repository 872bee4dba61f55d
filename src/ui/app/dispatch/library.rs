//! The library's commands across rooms: showing the view, opening an
//! article at a place, searches kept in the settings, folders added and
//! removed, the export, edits from the review (to the open article's
//! session when it is the one open, else to its sidecar on the library's
//! thread), and the reading state told to the library.

use std::path::Path;

use crate::library::{AnnotationChange, LibraryRequest};

use super::super::super::command::{Command, Place};
use super::super::super::dialogs::DialogPurpose;
use super::super::super::reader::Selection;
use super::super::MarginaliaApp;

impl MarginaliaApp {
    pub(super) fn apply_library(&mut self, command: Command) {
        match command {
            Command::ToggleLibrary => {
                let has_document = self.document().is_some();
                self.library.toggle(has_document, self.window.ctx());
                if self.library.is_shown() {
                    // The list shows how far the open article is read.
                    self.tell_library_read_to();
                }
            }
            Command::OpenSample => {
                self.library.set_shown(false);
                self.open_sample();
            }
            Command::OpenAt(place) => self.open_at(place),
            Command::SetLibrarySearch(text) => {
                self.library.set_shown(true);
                self.library.set_search(text);
            }
            Command::SaveLibrarySearch => {
                let search = self.library.search_text().to_owned();
                let saved = &mut self.settings.saved_searches;
                if !search.is_empty() && !saved.contains(&search) {
                    saved.push(search);
                }
            }
            Command::ForgetLibrarySearch(search) => {
                self.settings.saved_searches.retain(|kept| *kept != search);
            }
            Command::ShowLibraryFolders => self.library.show_folders_window(),
            Command::ShowAddLibraryFolderDialog => {
                self.show_dialog(DialogPurpose::AddLibraryFolder)
            }
            Command::ShowExportLibraryDialog(format) => {
                self.show_dialog(DialogPurpose::ExportLibrary(format));
            }
            Command::EditInLibrary {
                article,
                id,
                change,
            } => {
                if self.document_path() == Some(article.as_path()) {
                    // The article open here: through its session, which saves
                    // it and tells the library.
                    self.apply(match change {
                        AnnotationChange::Note(note) => Command::SetNote(id, note),
                        AnnotationChange::Tags(tags) => Command::SetTags(id, tags),
                        AnnotationChange::Color(color) => Command::Recolor(id, color),
                    });
                } else {
                    self.library.edit(article, id, change);
                }
            }
            command => self.ask_library(command),
        }
    }

    /// The commands the library's thread carries out.
    fn ask_library(&mut self, command: Command) {
        let request = match command {
            Command::AddLibraryFolder(folder) => LibraryRequest::AddFolders(vec![folder]),
            Command::RemoveLibraryFolder(folder) => LibraryRequest::RemoveFolder(folder),
            Command::RescanLibrary => LibraryRequest::Rescan,
            Command::ExportLibraryTo(dir, format) => {
                let said = format!("Exporting the library to {}…", dir.display());
                self.notices.note(said);
                LibraryRequest::Export { dir, format }
            }
            _ => return,
        };
        self.library.send(request);
    }

    /// Opens an article at a place (at once when it is the one open).
    fn open_at(&mut self, place: Place) {
        self.library.set_shown(false);
        if self.document_path() == Some(place.path.as_path()) {
            self.go_to_place(&place);
        } else {
            let path = place.path.clone();
            self.workspace.arrive_at(Some(place));
            self.open_path(path, None);
        }
    }

    /// Where to show an article that has just opened: the place asked for
    /// (from the library), else where it was left.
    pub(super) fn opening_position(&self, path: &Path) -> Option<usize> {
        match self.workspace.place_for(path) {
            Some(place) => Some(place.start_char),
            None => self
                .settings
                .position_of(path)
                .or_else(|| self.library.position_of(path)),
        }
    }

    /// The place asked for, once its article shows: the highlight flashed
    /// and opened in the panel, or the words selected.
    pub(super) fn arrive_at_place(&mut self) {
        let Some(place) = self.workspace.take_place() else {
            return;
        };
        if self.document_path() == Some(place.path.as_path()) {
            self.go_to_place(&place);
        }
    }

    fn go_to_place(&mut self, place: &Place) {
        if let Some(id) = place.id
            && self
                .annotations()
                .is_some_and(|store| store.get(id).is_some())
        {
            self.apply(Command::JumpTo(id));
            return;
        }
        let reader = self.page.reader_mut();
        if place.end_char > place.start_char {
            reader.set_selection(Some(Selection {
                anchor_char: place.start_char,
                cursor_char: place.end_char,
            }));
        }
        reader.reveal_char(place.start_char);
    }

    /// The library's news: what it found, indexed, exported or could not do.
    pub(in super::super) fn poll_library(&mut self) {
        for (message, problem) in self.library.take_news() {
            self.notices.say(message, problem);
        }
    }

    /// Tells the library where the reader is in the open article.
    pub(in super::super) fn tell_library_read_to(&self) {
        if let (Some(article), Some(document)) = (self.document_path(), self.document()) {
            let reader = self.page.reader();
            let progress = reader.progress(document);
            self.library.read_to(article, reader.top_char(), progress);
        }
    }
}
