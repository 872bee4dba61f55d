//! What the window tells the library and asks of its view: showing and
//! hiding it, the articles opened, read and saved here, edits for an
//! article not open, and the view drawn in the central panel.

use std::path::{Path, PathBuf};

use eframe::egui;

use crate::document::Document;
use crate::library::{AnnotationChange, LibraryRequest, OpenedText};
use uuid::Uuid;

use super::super::command::Command;
use super::super::view_context::ViewContext;
use super::LibraryView;
use super::view::search_box_id;

impl LibraryView {
    /// Shows the view (its search box takes the keys), or hides it when
    /// an article is open to go back to.
    pub(in super::super) fn toggle(&mut self, has_document: bool, ctx: &egui::Context) {
        self.shown = !self.shown || !has_document;
        if self.shown {
            ctx.memory_mut(|m| m.request_focus(search_box_id()));
        }
    }

    pub(in super::super) fn set_shown(&mut self, shown: bool) {
        self.shown = shown;
    }

    pub(in super::super) fn show_folders_window(&mut self) {
        self.folders_window = true;
    }

    /// The search box's text, trimmed.
    pub(in super::super) fn search_text(&self) -> &str {
        self.search.trim()
    }

    /// Tells the library an article opened here (it joins the library).
    /// Its text goes along: the library need not import it again.
    pub(in super::super) fn opened(
        &self,
        article: &Path,
        document: &Document,
        position_char: usize,
    ) {
        self.send(LibraryRequest::Opened {
            article: article.to_owned(),
            position_char,
            progress: self.progress_of(article).unwrap_or(0.0),
            text: OpenedText::of(document).map(Box::new),
        });
    }

    /// Tells the library where the reader is in an article.
    pub(in super::super) fn read_to(&self, article: &Path, position_char: usize, progress: f32) {
        self.send(LibraryRequest::ReadTo {
            article: article.to_owned(),
            position_char,
            progress,
        });
    }

    /// An article's annotations were saved: the library reads them anew.
    pub(in super::super) fn saved(&self, article: PathBuf) {
        self.send(LibraryRequest::Saved(article));
    }

    /// Changes a highlight of an article not open here, in its sidecar on
    /// the library's thread.
    pub(in super::super) fn edit(&self, article: PathBuf, id: Uuid, change: AnnotationChange) {
        self.send(LibraryRequest::Edit {
            article,
            id,
            change,
        });
    }

    /// The library view in the central panel, and the folders window.
    pub(in super::super) fn page_ui(
        &mut self,
        ui: &mut egui::Ui,
        view: &ViewContext,
        commands: &mut Vec<Command>,
    ) {
        self.wake(ui.ctx());
        let (palette, now) = (view.palette, &view.now);
        egui::CentralPanel::default()
            .frame(egui::Frame::new().fill(palette.page))
            .show(ui, |ui| {
                self.view_ui(ui, &palette, &view.settings.saved_searches, now, commands);
            });
        self.folders_window_ui(ui.ctx(), now, commands);
    }
}
