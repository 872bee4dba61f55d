//! Export and import of annotations. The text to export is built from the
//! open article in the frame (it is in memory); writing it, and reading a
//! file to import, happen on a worker, so a slow disk never freezes a frame.

use std::path::{Path, PathBuf};
use std::sync::mpsc;
use std::time::Duration;

use crate::store::{
    AnnotationFile, AnnotationFileError, ExportFormat, export_annotations, read_annotation_file,
    write_atomically,
};

use super::app::MarginaliaApp;

/// How long a frame waits for an export or an import before going on (the
/// result then shows when it comes).
const EXCHANGE_GRACE: Duration = Duration::from_millis(150);

/// What a worker did with an annotation file.
pub(super) enum ExchangeDone {
    Exported {
        path: PathBuf,
        count: usize,
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
pub(super) struct PendingExchange {
    done: mpsc::Receiver<ExchangeDone>,
}

impl MarginaliaApp {
    /// Writes the annotations to `path`, in the format its name asks for.
    pub(super) fn export_to(&mut self, path: &Path) {
        let Some(open) = &self.open else {
            return;
        };
        let format = ExportFormat::for_file(path);
        let text = export_annotations(open.store(), open.document(), open.source(), format);
        let count = open.store().len();
        let path = path.to_path_buf();
        self.start_exchange(move || {
            let result = write_atomically(&path, text.as_bytes()).map(|_| ());
            ExchangeDone::Exported {
                path,
                count,
                result,
            }
        });
    }

    /// Reads `path` and imports its annotations into the open article.
    pub(super) fn import_from(&mut self, path: &Path) {
        if self.open.is_none() {
            return;
        }
        let article = self.document_path().map(Path::to_path_buf);
        let source_uri = self.open.as_ref().map(|open| open.source().uri());
        let path = path.to_path_buf();
        self.start_exchange(move || {
            let result = read_annotation_file(&path)
                .map(|file| file.for_article(source_uri.as_deref().unwrap_or_default()));
            ExchangeDone::Read {
                path,
                article,
                result,
            }
        });
    }

    fn start_exchange(&mut self, work: impl FnOnce() -> ExchangeDone + Send + 'static) {
        let (sender, done) = mpsc::channel();
        let ctx = self.ctx.clone();
        std::thread::spawn(move || {
            // The receiver is gone only if the app has closed.
            let _ = sender.send(work());
            ctx.request_repaint();
        });
        match done.recv_timeout(EXCHANGE_GRACE) {
            Ok(finished) => self.finish_exchange(finished),
            Err(_) => self.exchanges.push(PendingExchange { done }),
        }
    }

    /// Reports exports and imports as their workers finish.
    pub(super) fn poll_exchanges(&mut self) {
        let mut finished = Vec::new();
        self.exchanges
            .retain(|pending| match pending.done.try_recv() {
                Ok(done) => {
                    finished.push(done);
                    false
                }
                Err(mpsc::TryRecvError::Empty) => true,
                Err(mpsc::TryRecvError::Disconnected) => false,
            });
        for done in finished {
            self.finish_exchange(done);
        }
        if !self.exchanges.is_empty() {
            self.ctx.request_repaint_after(Duration::from_millis(100));
        }
    }

    fn finish_exchange(&mut self, done: ExchangeDone) {
        let mut went_well = matches!(
            done,
            ExchangeDone::Exported { result: Ok(()), .. }
                | ExchangeDone::Read { result: Ok(_), .. }
        );
        let message = match done {
            ExchangeDone::Exported {
                path,
                count,
                result: Ok(()),
            } => format!("Exported {count} annotations to {}", path.display()),
            ExchangeDone::Exported {
                path,
                result: Err(error),
                ..
            } => format!("{}: cannot be written: {error}", path.display()),
            ExchangeDone::Read {
                result: Err(error), ..
            } => error.to_string(),
            ExchangeDone::Read {
                path,
                article,
                result: Ok(imported),
            } => match &mut self.open {
                Some(open) if open.path().map(Path::to_path_buf) == article => {
                    open.import_annotations(imported, &path).to_string()
                }
                _ => {
                    went_well = false;
                    format!(
                        "{}: not imported: the article it was meant for was closed",
                        path.display()
                    )
                }
            },
        };
        if went_well {
            self.set_news(message);
        } else {
            self.set_banner(message);
        }
    }
}
