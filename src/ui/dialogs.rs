//! The native file dialogs (`rfd`), each on its own thread so the window
//! keeps painting, one at a time; the answer becomes a command.

use std::path::{Path, PathBuf};
use std::sync::mpsc;

use crate::document::Document;
use crate::import::ARTICLE_EXTENSIONS;
use crate::library::LibraryExportFormat;

use super::app::MarginaliaApp;
use super::command::Command;

/// A native dialog running on its own thread, and what its answer is for.
pub(super) struct PendingDialog {
    purpose: DialogPurpose,
    answer: mpsc::Receiver<Option<PathBuf>>,
}

#[derive(Clone, Copy, Debug)]
pub(super) enum DialogPurpose {
    Open,
    Export,
    Import,
    AddLibraryFolder,
    ExportLibrary(LibraryExportFormat),
}

impl MarginaliaApp {
    /// Starts a native dialog, one at a time, opening in the article's folder.
    pub(super) fn show_dialog(
        &mut self,
        purpose: DialogPurpose,
        dialog: rfd::FileDialog,
        pick: fn(rfd::FileDialog) -> Option<PathBuf>,
    ) {
        if self.dialog.is_some() {
            return;
        }
        let folder = self.document_path().and_then(Path::parent);
        let dialog = match folder {
            Some(folder) => dialog.set_directory(folder),
            None => dialog,
        };
        let (sender, answer) = mpsc::channel();
        let ctx = self.ctx.clone();
        // The native dialog runs off the UI thread: the window keeps painting.
        std::thread::spawn(move || {
            // The receiver is gone only if the app has closed.
            let _ = sender.send(pick(dialog));
            ctx.request_repaint();
        });
        self.dialog = Some(PendingDialog { purpose, answer });
    }

    pub(super) fn show_open_dialog(&mut self) {
        let dialog = rfd::FileDialog::new()
            .set_title("Open article")
            .add_filter("Articles", ARTICLE_EXTENSIONS)
            .add_filter("All files", &["*"]);
        self.show_dialog(DialogPurpose::Open, dialog, rfd::FileDialog::pick_file);
    }

    pub(super) fn show_export_dialog(&mut self) {
        let Some(title) = self.document().map(Document::display_title) else {
            return;
        };
        let dialog = rfd::FileDialog::new()
            .set_title("Export annotations")
            .add_filter("Markdown digest", &["md"])
            .add_filter("W3C Web Annotation JSON", &["json"])
            .set_file_name(format!("{title} — annotations.md"));
        self.show_dialog(DialogPurpose::Export, dialog, rfd::FileDialog::save_file);
    }

    pub(super) fn show_import_dialog(&mut self) {
        if self.open.is_none() {
            return;
        }
        let dialog = rfd::FileDialog::new()
            .set_title("Import annotations")
            .add_filter("W3C or Hypothesis JSON", &["json", "jsonld"])
            .add_filter("All files", &["*"]);
        self.show_dialog(DialogPurpose::Import, dialog, rfd::FileDialog::pick_file);
    }

    pub(super) fn poll_dialog(&mut self) {
        let Some(dialog) = &self.dialog else {
            return;
        };
        let picked = match dialog.answer.try_recv() {
            Ok(picked) => picked,
            Err(mpsc::TryRecvError::Empty) => return,
            Err(mpsc::TryRecvError::Disconnected) => {
                self.dialog = None;
                self.set_banner("The file dialog closed unexpectedly.");
                return;
            }
        };
        let purpose = dialog.purpose;
        self.dialog = None;
        let Some(path) = picked else {
            return; // Cancelled.
        };
        self.apply(match purpose {
            DialogPurpose::Open => Command::Open(path),
            DialogPurpose::Export => Command::ExportTo(path),
            DialogPurpose::Import => Command::ImportFrom(path),
            DialogPurpose::AddLibraryFolder => Command::AddLibraryFolder(path),
            DialogPurpose::ExportLibrary(format) => Command::ExportLibraryTo(path, format),
        });
    }
}
