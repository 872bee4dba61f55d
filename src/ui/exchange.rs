//! The exchanges room: export and import of annotations. The text to
//! export is built from the open article in the frame (it is in memory);
//! writing it, and reading a file to import, happen on a worker, so a slow
//! disk never freezes a frame. The room owns the workers; what they did is
//! handed back to be said, and an import to be merged into the article.

use std::path::{Path, PathBuf};
use std::sync::mpsc;
use std::time::Duration;

use eframe::egui;

use crate::store::{
    AnnotationFile, AnnotationFileError, ExportFormat, export_job, read_annotation_file,
    write_atomically,
};

use super::session::DocumentSession;

/// How long a frame waits for an export or an import before going on (the
/// result then shows when it comes).
const EXCHANGE_GRACE: Duration = Duration::from_millis(150);

/// What a worker did with an annotation file.
pub(super) enum ExchangeDone {
    Exported {
        path: PathBuf,
        count: usize,
        /// The article itself, with its highlights (HTML), not only them.
        article: bool,
        result: std::io::Result<()>,
    },
    Read {
        path: PathBuf,
        /// The article the import was asked for (None: the bundled sample).
        article: Option<PathBuf>,
        result: Result<AnnotationFile, AnnotationFileError>,
    },
}

/// A worker writing or reading an annotation file.
struct PendingExchange {
    done: mpsc::Receiver<ExchangeDone>,
}

/// Exports and imports whose files are written or read on workers.
#[derive(Default)]
pub(super) struct Exchanges {
    pending: Vec<PendingExchange>,
}

impl Exchanges {
    /// Writes the open article's annotations to `path`, in the format its
    /// name asks for; what was done, if it is done within a moment.
    pub(super) fn export(
        &mut self,
        open: &DocumentSession,
        path: &Path,
        ctx: &egui::Context,
    ) -> Option<ExchangeDone> {
        let format = ExportFormat::for_file(path);
        let make_text = export_job(open.store(), open.document(), open.source(), format);
        let count = open.store().len();
        let path = path.to_path_buf();
        self.start(ctx, move || {
            let result = write_atomically(&path, make_text().as_bytes()).map(|_| ());
            ExchangeDone::Exported {
                path,
                count,
                article: format == ExportFormat::Html,
                result,
            }
        })
    }

    /// Reads `path` for the open article's annotations.
    pub(super) fn import(
        &mut self,
        open: &DocumentSession,
        path: &Path,
        ctx: &egui::Context,
    ) -> Option<ExchangeDone> {
        let article = open.path().map(Path::to_path_buf);
        let source_uri = open.source().uri();
        let path = path.to_path_buf();
        self.start(ctx, move || {
            let result = read_annotation_file(&path).map(|file| file.for_article(&source_uri));
            ExchangeDone::Read {
                path,
                article,
                result,
            }
        })
    }

    fn start(
        &mut self,
        ctx: &egui::Context,
        work: impl FnOnce() -> ExchangeDone + Send + 'static,
    ) -> Option<ExchangeDone> {
        let (sender, done) = mpsc::channel();
        let repaint = ctx.clone();
        std::thread::spawn(move || {
            // The receiver is gone only if the app has closed.
            let _ = sender.send(work());
            repaint.request_repaint();
        });
        match done.recv_timeout(EXCHANGE_GRACE) {
            Ok(finished) => Some(finished),
            Err(_) => {
                self.pending.push(PendingExchange { done });
                None
            }
        }
    }

    /// Exports and imports whose workers finished.
    pub(super) fn poll(&mut self, ctx: &egui::Context) -> Vec<ExchangeDone> {
        let mut finished = Vec::new();
        self.pending
            .retain(|pending| match pending.done.try_recv() {
                Ok(done) => {
                    finished.push(done);
                    false
                }
                Err(mpsc::TryRecvError::Empty) => true,
                Err(mpsc::TryRecvError::Disconnected) => false,
            });
        if !self.pending.is_empty() {
            ctx.request_repaint_after(Duration::from_millis(100));
        }
        finished
    }
}

impl ExchangeDone {
    /// Merges what was imported into the article it was read for (if it is
    /// still open); what to say, and whether it went well.
    pub(super) fn finish(self, open: Option<&mut DocumentSession>) -> (String, bool) {
        match self {
            ExchangeDone::Exported {
                path,
                count,
                article,
                result: Ok(()),
            } => {
                let highlights = match count {
                    1 => "1 highlight".to_owned(),
                    n => format!("{n} highlights"),
                };
                let said = if article {
                    format!(
                        "Exported the article with {highlights} to {}",
                        path.display()
                    )
                } else {
                    format!("Exported {highlights} to {}", path.display())
                };
                (said, true)
            }
            ExchangeDone::Exported {
                path,
                result: Err(error),
                ..
            } => (
                format!("{}: cannot be written: {error}", path.display()),
                false,
            ),
            ExchangeDone::Read {
                result: Err(error), ..
            } => (error.to_string(), false),
            ExchangeDone::Read {
                path,
                article,
                result: Ok(imported),
            } => match open {
                Some(open) if open.path().map(Path::to_path_buf) == article => {
                    (open.import_annotations(imported, &path).to_string(), true)
                }
                _ => (
                    format!(
                        "{}: not imported: the article it was meant for was closed",
                        path.display()
                    ),
                    false,
                ),
            },
        }
    }
}
