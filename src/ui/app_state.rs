//! What the app shows, read by the chrome, the command table and the tests:
//! the open document and its annotations, the banner, the reader, the find
//! matches, and the situation the commands are offered in.

use std::path::Path;

use eframe::egui;
use uuid::Uuid;

use crate::document::Document;
use crate::store::AnnotationStore;

use super::app::MarginaliaApp;
use super::command::Situation;
use super::find::FindState;
use super::reader::Reader;
use super::session::{DocumentSession, SaveState};
use super::settings::Settings;

impl MarginaliaApp {
    pub fn document(&self) -> Option<&Document> {
        self.open.as_ref().map(DocumentSession::document)
    }

    pub fn document_path(&self) -> Option<&Path> {
        self.open.as_ref().and_then(DocumentSession::path)
    }

    /// The open document's annotations.
    pub fn annotations(&self) -> Option<&AnnotationStore> {
        self.open.as_ref().map(DocumentSession::store)
    }

    /// Where the open document's annotations are written.
    pub fn annotations_file(&self) -> Option<&Path> {
        self.open.as_ref().map(DocumentSession::annotations_file)
    }

    pub fn save_state(&self) -> Option<SaveState> {
        self.open.as_ref().map(DocumentSession::save_state)
    }

    /// Whether an article is being opened (read on a worker).
    pub fn is_opening(&self) -> bool {
        self.opening.is_some()
    }

    pub fn banner(&self) -> Option<&str> {
        self.banner.as_ref().map(|b| b.message.as_str())
    }

    /// Whether the banner shows a problem (not news such as "Exported …").
    pub fn banner_is_problem(&self) -> Option<bool> {
        self.banner.as_ref().map(|b| b.problem)
    }

    pub fn settings(&self) -> &Settings {
        &self.settings
    }

    pub fn reader(&self) -> &Reader {
        &self.reader
    }

    pub fn reader_mut(&mut self) -> &mut Reader {
        &mut self.reader
    }

    /// The highlight open in the panel.
    pub fn selected_annotation(&self) -> Option<Uuid> {
        self.selected
    }

    /// The find matches (char ranges) and the index of the current one.
    pub fn find_matches(&self) -> Option<(&[std::ops::Range<usize>], usize)> {
        self.find.as_ref().map(FindState::matches)
    }

    /// What is on screen now, for the command table's availability and key contexts.
    pub fn situation(&self) -> Situation {
        let open = self.open.as_ref();
        Situation {
            has_document: open.is_some(),
            has_selection: self.reader.has_selection(),
            has_caret: self.reader.selection().is_some(),
            can_undo: open.is_some_and(DocumentSession::can_undo),
            can_redo: open.is_some_and(DocumentSession::can_redo),
            find_open: self.find.is_some(),
            open_highlight: self.selected,
            note_target: self.selected.or(self.last_made),
            typing: self.field_had_keys || self.field_has_keys(),
            caret_browsing: self.reader.caret_browsing(),
            arrows_move_caret: self.reader.arrows_move_caret(),
            can_go_back: self.reader.can_go_back(),
            library_shown: self.library.is_shown(),
        }
    }

    /// Whether a widget other than the page (which has the focus while the
    /// caret is on) has the keyboard focus: a text field the keys go to.
    pub(super) fn field_has_keys(&self) -> bool {
        let focused = self.ctx.memory(egui::Memory::focused);
        focused.is_some() && focused != Some(Reader::page_id())
    }
}
