//! The dialogs room: the native file dialogs (`rfd`), each on its own
//! thread so the window keeps painting, one at a time; the answer becomes
//! a command.

use std::path::{Path, PathBuf};
use std::sync::mpsc;

use eframe::egui;

use crate::import::ARTICLE_EXTENSIONS;
use crate::library::LibraryExportFormat;

use super::command::Command;
use super::native_dialog;

/// What a dialog is asked for.
#[derive(Clone, Debug)]
pub(super) enum DialogPurpose {
    Open,
    /// Export the open article's annotations (its title names the file).
    Export {
        title: String,
    },
    /// Export the open article with its highlights, as HTML.
    ExportArticle {
        title: String,
    },
    Import,
    AddLibraryFolder,
    ExportLibrary(LibraryExportFormat),
}

/// What a dialog asks: pick a file, name one to save, or pick a folder.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(super) enum DialogKind {
    PickFile,
    SaveFile,
    PickFolder,
}

/// A dialog as the user sees it: its title, what it picks, its filters
/// (a name and extensions each), the name offered for a file to save.
#[derive(Clone, Debug, PartialEq)]
pub(super) struct DialogSpec {
    pub(super) title: &'static str,
    pub(super) kind: DialogKind,
    pub(super) filters: Vec<(&'static str, Vec<&'static str>)>,
    pub(super) file_name: Option<String>,
}

impl DialogPurpose {
    /// The dialog this purpose shows.
    pub(super) fn spec(&self) -> DialogSpec {
        let spec = |title, kind, filters| DialogSpec {
            title,
            kind,
            filters,
            file_name: None,
        };
        match self {
            Self::Open => spec(
                "Open Article",
                DialogKind::PickFile,
                vec![
                    ("Articles", ARTICLE_EXTENSIONS.to_vec()),
                    ("All files", vec!["*"]),
                ],
            ),
            Self::Export { title } => DialogSpec {
                file_name: Some(format!("{title} — annotations.md")),
                ..spec(
                    "Export Annotations",
                    DialogKind::SaveFile,
                    vec![
                        ("Markdown digest", vec!["md"]),
                        ("W3C Web Annotation JSON", vec!["json"]),
                        ("Article with highlights (HTML)", vec!["html"]),
                    ],
                )
            },
            Self::ExportArticle { title } => DialogSpec {
                file_name: Some(format!("{title} — with highlights.html")),
                ..spec(
                    "Export Article with Highlights",
                    DialogKind::SaveFile,
                    vec![("Web page (HTML)", vec!["html"])],
                )
            },
            Self::Import => spec(
                "Import Annotations",
                DialogKind::PickFile,
                vec![
                    ("W3C or Hypothesis JSON", vec!["json", "jsonld"]),
                    ("All files", vec!["*"]),
                ],
            ),
            Self::AddLibraryFolder => spec(
                "Add a Folder to the Library",
                DialogKind::PickFolder,
                vec![],
            ),
            Self::ExportLibrary(_) => spec(
                "Export the Library into a Folder",
                DialogKind::PickFolder,
                vec![],
            ),
        }
    }

    /// The command a picked path becomes.
    fn command(self, path: PathBuf) -> Command {
        match self {
            Self::Open => Command::Open(path),
            Self::Export { .. } | Self::ExportArticle { .. } => Command::ExportTo(path),
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

/// The dialog open now, if any, and the folder the last one was answered in.
#[derive(Default)]
pub(super) struct Dialogs {
    pending: Option<PendingDialog>,
    /// Where the next dialog opens: the folder the last answer was in.
    last_folder: Option<PathBuf>,
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
        let spec = purpose.spec();
        let folder = self
            .last_folder
            .clone()
            .or_else(|| folder.map(Path::to_path_buf));
        let (sender, answer) = mpsc::channel();
        let ctx = ctx.clone();
        // The native dialog runs off the UI thread: the window keeps painting.
        std::thread::spawn(move || {
            let picked = native_dialog::ask(&spec, folder.as_deref());
            // The receiver is gone only if the app has closed.
            let _ = sender.send(picked);
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
        if let Some(path) = &picked {
            let folder = match purpose.as_ref().map(|p| p.spec().kind) {
                Some(DialogKind::PickFolder) => Some(path.as_path()),
                _ => path.parent(),
            };
            self.last_folder = folder.map(Path::to_path_buf);
        }
        Ok(purpose
            .zip(picked)
            .map(|(purpose, path)| purpose.command(path)))
    }
}
