//! The dialogs room: the native file dialogs (`rfd`), each on its own
//! thread so the window keeps painting, one at a time; the answer becomes
//! a command.

use std::path::{Path, PathBuf};
use std::sync::mpsc;

use eframe::egui;

use crate::import::ARTICLE_EXTENSIONS;
use crate::library::LibraryExportFormat;

use super::command::Command;

/// What a dialog is asked for.
#[derive(Clone, Debug)]
pub(super) enum DialogPurpose {
    Open,
    /// Export the open article's annotations (its title names the file).
    Export {
        title: String,
    },
    Import,
    AddLibraryFolder,
    ExportLibrary(LibraryExportFormat),
}

impl DialogPurpose {
    /// The dialog, and how it is shown (pick a file, save one, pick a folder).
    fn dialog(&self) -> (rfd::FileDialog, fn(rfd::FileDialog) -> Option<PathBuf>) {
        let dialog = rfd::FileDialog::new();
        match self {
            Self::Open => (
                dialog
                    .set_title("Open article")
                    .add_filter("Articles", ARTICLE_EXTENSIONS)
                    .add_filter("All files", &["*"]),
                rfd::FileDialog::pick_file,
            ),
            Self::Export { title } => (
                dialog
                    .set_title("Export annotations")
                    .add_filter("Markdown digest", &["md"])
                    .add_filter("W3C Web Annotation JSON", &["json"])
                    .set_file_name(format!("{title} — annotations.md")),
                rfd::FileDialog::save_file,
            ),
            Self::Import => (
                dialog
                    .set_title("Import annotations")
                    .add_filter("W3C or Hypothesis JSON", &["json", "jsonld"])
                    .add_filter("All files", &["*"]),
                rfd::FileDialog::pick_file,
            ),
            Self::AddLibraryFolder => (
                dialog.set_title("Add a folder to the library"),
                rfd::FileDialog::pick_folder,
            ),
            Self::ExportLibrary(_) => (
                dialog.set_title("Export the library into a folder"),
                rfd::FileDialog::pick_folder,
            ),
        }
    }

    /// The command a picked path becomes.
    fn command(self, path: PathBuf) -> Command {
        match self {
            Self::Open => Command::Open(path),
            Self::Export { .. } => Command::ExportTo(path),
            Self::Import => Command::ImportFrom(path),
            Self::AddLibraryFolder => Command::AddLibraryFolder(path),
            Self::ExportLibrary(format) => Command::ExportLibraryTo(path, format),
        }
    }
}

/// A native dialog running on its own thread, and what its answer is for.
struct PendingDialog {
    purpose: DialogPurpose,
    answer: mpsc::Receiver<Option<PathBuf>>,
}

/// The dialog open now, if any.
#[derive(Default)]
pub(super) struct Dialogs {
    pending: Option<PendingDialog>,
}

impl Dialogs {
    /// Starts a native dialog, unless one is open; it opens in `folder`.
    pub(super) fn show(
        &mut self,
        purpose: DialogPurpose,
        folder: Option<&Path>,
        ctx: &egui::Context,
    ) {
        if self.pending.is_some() {
            return;
        }
        let (dialog, pick) = purpose.dialog();
        let dialog = match folder {
            Some(folder) => dialog.set_directory(folder),
            None => dialog,
        };
        let (sender, answer) = mpsc::channel();
        let ctx = ctx.clone();
        // The native dialog runs off the UI thread: the window keeps painting.
        std::thread::spawn(move || {
            // The receiver is gone only if the app has closed.
            let _ = sender.send(pick(dialog));
            ctx.request_repaint();
        });
        self.pending = Some(PendingDialog { purpose, answer });
    }

    /// The command the answer asks for once the dialog closed (None while
    /// it is open, or when it was cancelled); Err if its thread died.
    pub(super) fn poll(&mut self) -> Result<Option<Command>, &'static str> {
        let Some(dialog) = &self.pending else {
            return Ok(None);
        };
        let picked = match dialog.answer.try_recv() {
            Ok(picked) => picked,
            Err(mpsc::TryRecvError::Empty) => return Ok(None),
            Err(mpsc::TryRecvError::Disconnected) => {
                self.pending = None;
                return Err("The file dialog closed unexpectedly.");
            }
        };
        let purpose = self.pending.take().map(|dialog| dialog.purpose);
        Ok(purpose
            .zip(picked)
            .map(|(purpose, path)| purpose.command(path)))
    }
}
