//! What the library's commands do in the window: showing the view, opening
//! an article at a place, searches kept, folders added and removed, the
//! export, edits from the review (to the open article's session when it is
//! the one open, else to its sidecar on the library's thread), and the
//! reading state told to the library as articles open and close.

use std::path::{Path, PathBuf};
use std::time::Instant;

use eframe::egui;

use crate::document::Document;
use crate::library::{AnnotationChange, LibraryRequest, OpenedText};

use super::super::app::{MarginaliaApp, STATUS_NOTE_TIME, StatusNote};
use super::super::command::{Command, Place};
use super::super::dialogs::DialogPurpose;
use super::super::reader::Selection;
use super::view::search_box_id;

impl MarginaliaApp {
    pub(in super::super) fn apply_library(&mut self, command: Command) {
        match command {
            Command::ToggleLibrary => {
                self.library.shown = !self.library.shown || self.open.is_none();
                if self.library.shown {
                    // The list shows how far the open article is read.
                    self.tell_library_read_to();
                    self.ctx.memory_mut(|m| m.request_focus(search_box_id()));
                }
            }
            Command::OpenSample => {
                self.library.shown = false;
                self.open_sample();
            }
            Command::OpenAt(place) => self.open_at(place),
            Command::SetLibrarySearch(text) => {
                self.library.shown = true;
                self.library.set_search(text);
            }
            Command::SaveLibrarySearch => {
                let search = self.library.search.trim().to_owned();
                if !search.is_empty() && !self.settings.saved_searches.contains(&search) {
                    self.settings.saved_searches.push(search);
                }
            }
            Command::ForgetLibrarySearch(search) => {
                self.settings.saved_searches.retain(|kept| *kept != search);
            }
            Command::ShowLibraryFolders => self.library.folders_window = true,
            Command::ShowAddLibraryFolderDialog => self.show_dialog(
                DialogPurpose::AddLibraryFolder,
                rfd::FileDialog::new().set_title("Add a folder to the library"),
                rfd::FileDialog::pick_folder,
            ),
            Command::AddLibraryFolder(folder) => {
                self.library.send(LibraryRequest::AddFolders(vec![folder]));
            }
            Command::RemoveLibraryFolder(folder) => {
                self.library.send(LibraryRequest::RemoveFolder(folder));
            }
            Command::RescanLibrary => self.library.send(LibraryRequest::Rescan),
            Command::ShowExportLibraryDialog(format) => self.show_dialog(
                DialogPurpose::ExportLibrary(format),
                rfd::FileDialog::new().set_title("Export the library into a folder"),
                rfd::FileDialog::pick_folder,
            ),
            Command::ExportLibraryTo(dir, format) => {
                self.library.send(LibraryRequest::Export {
                    dir: dir.clone(),
                    format,
                });
                self.status_note = Some(StatusNote {
                    text: format!("Exporting the library to {}…", dir.display()),
                    since: Instant::now(),
                    lasts: STATUS_NOTE_TIME,
                });
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
                    self.library.send(LibraryRequest::Edit {
                        article,
                        id,
                        change,
                    });
                }
            }
            _ => {}
        }
    }

    /// Opens an article at a place (at once when it is the one open).
    fn open_at(&mut self, place: Place) {
        self.library.shown = false;
        if self.document_path() == Some(place.path.as_path()) {
            self.go_to_place(&place);
        } else {
            let path = place.path.clone();
            self.open_at_place = Some(place);
            self.open_path(path);
        }
    }

    /// Where to show an article that has just opened: the place asked for
    /// (from the library), else where it was left.
    pub(in super::super) fn opening_position(&self, path: &Path) -> Option<usize> {
        match &self.open_at_place {
            Some(place) if place.path == path => Some(place.start_char),
            _ => self
                .settings
                .position_of(path)
                .or_else(|| self.library.position_of(path)),
        }
    }

    /// The place asked for, once its article shows: the highlight flashed
    /// and opened in the panel, or the words selected.
    pub(in super::super) fn arrive_at_place(&mut self) {
        let Some(place) = self.open_at_place.take() else {
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
        if place.end_char > place.start_char {
            self.reader.set_selection(Some(Selection {
                anchor_char: place.start_char,
                cursor_char: place.end_char,
            }));
        }
        self.reader.reveal_char(place.start_char);
    }

    /// The library's news: what it found, indexed, exported or could not do.
    pub(in super::super) fn poll_library(&mut self) {
        for (message, problem) in self.library.take_news() {
            if problem {
                self.set_banner(message);
            } else {
                self.set_news(message);
            }
        }
    }

    /// Tells the library an article opened here (it joins the library).
    /// Its text goes along: the library need not import it again.
    pub(in super::super) fn tell_library_opened(
        &self,
        article: &Path,
        document: &Document,
        position_char: usize,
    ) {
        self.library.send(LibraryRequest::Opened {
            article: article.to_owned(),
            position_char,
            progress: self.library.progress_of(article).unwrap_or(0.0),
            text: OpenedText::of(document).map(Box::new),
        });
    }

    /// Tells the library where the reader is in the open article.
    pub(in super::super) fn tell_library_read_to(&self) {
        if let Some(article) = self.document_path() {
            let progress = self.document().map_or(0.0, |d| self.reader.progress(d));
            self.library.send(LibraryRequest::ReadTo {
                article: article.to_owned(),
                position_char: self.reader.top_char(),
                progress,
            });
        }
    }

    /// The open article's annotations were saved: the library reads them anew.
    pub(in super::super) fn tell_library_saved(&self, article: PathBuf) {
        self.library.send(LibraryRequest::Saved(article));
    }

    /// The library view in the central panel.
    pub(in super::super) fn library_page_ui(
        &mut self,
        ui: &mut egui::Ui,
        commands: &mut Vec<Command>,
    ) {
        self.library.wake(ui.ctx());
        let palette = self.settings.theme.palette();
        let now = self.situation();
        egui::CentralPanel::default()
            .frame(egui::Frame::new().fill(palette.page))
            .show(ui, |ui| {
                self.library
                    .view_ui(ui, &palette, &self.settings.saved_searches, &now, commands);
            });
        self.library.folders_window_ui(ui.ctx(), &now, commands);
    }
}
