//! The workspace room: the open article's session, the ones closing (their
//! last save finishing on a worker), the article being opened on a worker,
//! the import started with the window, and where to arrive once it shows.
//! It owns the sessions' lives; what a session reports is handed back to
//! be shown.

use std::path::{Path, PathBuf};
use std::sync::mpsc;
use std::time::Duration;

use eframe::egui;

use crate::import::ImportError;

use super::command::Place;
use super::prefetch::PrefetchedImport;
use super::session::{ClosingSession, DocumentSession, SaveState, SessionProblem};

/// How long closing a document waits for its last save before the frame
/// goes on (the save then finishes on its worker).
const CLOSE_GRACE: Duration = Duration::from_millis(150);

/// An article being read on a worker thread.
struct PendingOpen {
    /// What is said while it opens.
    shown: PathBuf,
    result: mpsc::Receiver<Result<Opened, ImportError>>,
}

/// An article read and its annotations opened, on the worker.
pub(super) struct Opened {
    /// Canonical; None for the bundled sample.
    pub(super) path: Option<PathBuf>,
    pub(super) session: DocumentSession,
    pub(super) problems: Vec<SessionProblem>,
}

/// An open that finished: the article, or why not; and what to say with it.
pub(super) struct OpenFinished {
    pub(super) result: Result<Opened, OpenFailed>,
    pub(super) after_open: Option<String>,
}

/// Why an article did not open.
pub(super) struct OpenFailed {
    pub(super) message: String,
    /// It is a PDF that needs a password (or another one): the file.
    pub(super) needs_password: Option<PathBuf>,
}

#[derive(Default)]
pub(super) struct Workspace {
    open: Option<DocumentSession>,
    /// Closed documents still finishing their last save.
    closing: Vec<ClosingSession>,
    /// An article being read on a worker.
    opening: Option<PendingOpen>,
    /// What to say once the article being opened shows.
    after_open: Option<String>,
    /// The import of the article named on the command line, started with the window.
    prefetched: Option<PrefetchedImport>,
    /// Where to show the article being opened (a place picked in the library).
    open_at_place: Option<Place>,
    /// The open article's save state last frame: a save that finishes is
    /// told to the library.
    last_save_state: Option<SaveState>,
}

impl Workspace {
    pub(super) fn with_prefetched(prefetched: Option<PrefetchedImport>) -> Self {
        Self {
            prefetched,
            ..Self::default()
        }
    }

    pub(super) fn session(&self) -> Option<&DocumentSession> {
        self.open.as_ref()
    }

    pub(super) fn session_mut(&mut self) -> Option<&mut DocumentSession> {
        self.open.as_mut()
    }

    /// The open article's file (None for the sample, or nothing open).
    pub(super) fn document_path(&self) -> Option<&Path> {
        self.open.as_ref().and_then(DocumentSession::path)
    }

    /// The file being opened, while it is read.
    pub(super) fn opening(&self) -> Option<&Path> {
        self.opening.as_ref().map(|opening| opening.shown.as_path())
    }

    /// What to say once the next article shows.
    pub(super) fn say_after_open(&mut self, said: Option<String>) {
        self.after_open = said;
    }

    /// Where to show the article being opened.
    pub(super) fn arrive_at(&mut self, place: Option<Place>) {
        self.open_at_place = place;
    }

    /// The place asked for, for an article that opens at `path`.
    pub(super) fn place_for(&self, path: &Path) -> Option<&Place> {
        self.open_at_place
            .as_ref()
            .filter(|place| place.path == path)
    }

    /// The place asked for, taken once its article shows.
    pub(super) fn take_place(&mut self) -> Option<Place> {
        self.open_at_place.take()
    }

    /// The import started with the window, if it is of `canonical`.
    pub(super) fn take_prefetched(&mut self, canonical: &Path) -> Option<PrefetchedImport> {
        self.prefetched
            .take()
            .filter(|prefetched| prefetched.is_of(canonical))
    }

    /// Reads an article and its annotations on a worker (a file never
    /// blocks a frame).
    pub(super) fn start_opening(
        &mut self,
        shown: PathBuf,
        ctx: &egui::Context,
        work: impl FnOnce(&egui::Context) -> Result<Opened, ImportError> + Send + 'static,
    ) {
        let (sender, result) = mpsc::channel();
        let ctx = ctx.clone();
        std::thread::spawn(move || {
            let opened = work(&ctx);
            crate::timing::mark("article and annotations read (worker)");
            // The receiver is gone only if another article was asked for.
            let _ = sender.send(opened);
            ctx.request_repaint();
            // This machine's name for the edit counts: read (or made) here,
            // not on the UI thread at the first edit.
            crate::store::this_device();
        });
        self.opening = Some(PendingOpen { shown, result });
    }

    /// The article being opened, once it is read (waiting up to `timeout`).
    pub(super) fn poll_opening(
        &mut self,
        timeout: Duration,
        ctx: &egui::Context,
    ) -> Option<OpenFinished> {
        let opening = self.opening.as_ref()?;
        let result = match opening.result.recv_timeout(timeout) {
            Ok(opened) => opened.map_err(|error| OpenFailed {
                message: error.to_string(),
                needs_password: error.needs_password().then(|| opening.shown.clone()),
            }),
            Err(mpsc::RecvTimeoutError::Timeout) => {
                ctx.request_repaint_after(Duration::from_millis(100));
                return None;
            }
            Err(mpsc::RecvTimeoutError::Disconnected) => Err(OpenFailed {
                message: format!("{}: could not be opened", opening.shown.display()),
                needs_password: None,
            }),
        };
        self.opening = None;
        if result.is_err() {
            self.open_at_place = None;
        }
        Some(OpenFinished {
            result,
            after_open: self.after_open.take(),
        })
    }

    /// Shows `session` instead of the open one (closed as [`Self::close`]
    /// does); a problem saving the closed one is returned.
    pub(super) fn show(&mut self, session: DocumentSession) -> Option<String> {
        let problem = self.close();
        self.open = Some(session);
        problem
    }

    /// Closes the open document; its last save runs on a worker. A problem
    /// saving it is returned.
    pub(super) fn close(&mut self) -> Option<String> {
        let closing = self.open.take()?.close_in_background();
        match closing.wait(CLOSE_GRACE) {
            Some(Ok(())) => None,
            Some(Err(error)) => Some(error.to_string()),
            None => {
                self.closing.push(closing);
                None
            }
        }
    }

    /// The last saves of closed documents that finished with a problem.
    pub(super) fn poll_closing(&mut self, ctx: &egui::Context) -> Vec<String> {
        let mut problems = Vec::new();
        let mut still_closing = Vec::new();
        for closing in std::mem::take(&mut self.closing) {
            match closing.wait(Duration::ZERO) {
                Some(Ok(())) => {}
                Some(Err(error)) => problems.push(error.to_string()),
                None => still_closing.push(closing),
            }
        }
        if !still_closing.is_empty() {
            ctx.request_repaint_after(Duration::from_millis(100));
        }
        self.closing = still_closing;
        problems
    }

    /// The open article, when a save of its annotations has just finished.
    pub(super) fn just_saved(&mut self) -> Option<PathBuf> {
        let state = self.open.as_ref().map(DocumentSession::save_state);
        let saved_now = state == Some(SaveState::Saved)
            && self
                .last_save_state
                .as_ref()
                .is_some_and(|s| *s != SaveState::Saved);
        self.last_save_state = state;
        saved_now
            .then(|| self.document_path().map(Path::to_path_buf))
            .flatten()
    }

    /// Whatever is not on disk yet is saved (the window goes).
    pub(super) fn flush_all(&mut self) {
        if let Some(session) = &mut self.open
            && let Err(error) = session.flush()
        {
            log::error!("annotations not saved: {error}");
        }
        for closing in self.closing.drain(..) {
            if let Err(error) = closing.finish() {
                log::error!("annotations not saved: {error}");
            }
        }
    }
}

/// A path's file name (the whole path when it has none).
pub(super) fn file_name(path: &Path) -> String {
    path.file_name().map_or_else(
        || path.display().to_string(),
        |n| n.to_string_lossy().into_owned(),
    )
}
