//! Files: opening an article (dialog, command line, drop, recent files),
//! closing it, and what the open article's session reports. The native
//! dialogs are in `dialogs.rs`, export and import in `exchange.rs`.

use std::path::{Path, PathBuf};
use std::sync::mpsc;
use std::time::{Duration, Instant};

use eframe::egui;

use crate::import::ImportError;
use crate::store::StoreNotice;

use super::app::{
    Banner, MarginaliaApp, SAMPLE_ARTICLE, SAMPLE_FILE_NAME, STATUS_NOTE_TIME, StatusNote,
};
use super::command::Command;
use super::prefetch::PrefetchedImport;
use super::session::{DocumentSession, SessionNotice, SessionProblem, TickOutcome};

/// What the very first launch says.
const FIRST_HINT: &str = "Select text and press H to highlight — F1 lists every key";
const FIRST_HINT_TIME: Duration = Duration::from_secs(30);

/// How long opening an article waits for its worker before the frame goes
/// on with a progress line.
const OPEN_GRACE: Duration = Duration::from_millis(150);

/// An article being read on a worker thread.
pub(super) struct PendingOpen {
    pub(super) path: PathBuf,
    result: mpsc::Receiver<Result<Opened, ImportError>>,
}

/// An article read and its annotations opened, on the worker.
struct Opened {
    /// Canonical; None for the bundled sample.
    path: Option<PathBuf>,
    session: DocumentSession,
    problems: Vec<SessionProblem>,
}

/// How long closing a document waits for its last save before the frame
/// goes on (the save then finishes on its worker).
const CLOSE_GRACE: Duration = Duration::from_millis(150);

impl MarginaliaApp {
    /// Shows what a session reported; no banner when all went well.
    fn report(&mut self, outcome: TickOutcome) {
        if let Some(position) = outcome.reloaded_at_char {
            self.reader.reset(position);
        }
        if !outcome.problems.is_empty() {
            self.banner = Some(Banner::problems(&outcome.problems));
        }
        for notice in outcome.notices {
            self.tell(&notice);
        }
    }

    /// News goes to the status bar for a moment; anything else to the banner.
    fn tell(&mut self, notice: &SessionNotice) {
        match notice {
            // The copy that could not be merged came right after all.
            SessionNotice::Store(StoreNotice::DevicesMerged { .. })
                if self.banner.as_ref().is_some_and(|b| b.about_set_aside_copy) =>
            {
                self.banner = None;
            }
            SessionNotice::Store(StoreNotice::ConflictCopySetAside { .. }) => {
                self.banner = Some(Banner {
                    about_set_aside_copy: true,
                    ..Banner::news(notice.to_string())
                });
                return;
            }
            _ => {}
        }
        if notice.is_news() {
            self.status_note = Some(StatusNote {
                text: notice.to_string(),
                since: Instant::now(),
                lasts: STATUS_NOTE_TIME,
            });
        } else {
            self.set_news(notice.to_string());
        }
    }

    pub(super) fn expire_status_note(&mut self) {
        if let Some(note) = &self.status_note {
            match note.lasts.checked_sub(note.since.elapsed()) {
                Some(left) => self.ctx.request_repaint_after(left),
                None => self.status_note = None,
            }
        }
    }

    pub(super) fn tick_session(&mut self) {
        let top_char = self.reader.top_char();
        if let Some(open) = &mut self.open {
            let outcome = open.tick(&self.ctx, top_char);
            self.report(outcome);
        }
    }

    pub(super) fn replace_unreadable_sidecar(&mut self) {
        if let Some(open) = &mut self.open {
            let outcome = open.replace_unreadable_sidecar(&self.ctx);
            self.report(outcome);
        }
    }

    /// Opens the bundled sample; its annotations are read on a worker.
    pub(super) fn open_sample(&mut self) {
        self.open_on_worker(PathBuf::from(SAMPLE_FILE_NAME), |_| {
            DocumentSession::sample(SAMPLE_ARTICLE, SAMPLE_FILE_NAME).map(|session| Opened {
                path: None,
                problems: session.store_problem().into_iter().collect(),
                session,
            })
        });
    }

    /// Reopens the article read last, where it was left; the sample the
    /// very first time, with a hint; the library when that article has gone.
    pub(super) fn open_last_read(&mut self) {
        let last = self.settings.recent.first().map(|r| r.path.clone());
        match last {
            Some(path) if path.is_file() => self.apply(Command::Open(path)),
            _ if self.settings.hint_shown => self.library.shown = true,
            _ => {
                self.open_sample();
                if !self.settings.hint_shown {
                    self.settings.hint_shown = true;
                    self.status_note = Some(StatusNote {
                        text: FIRST_HINT.to_owned(),
                        since: Instant::now(),
                        lasts: FIRST_HINT_TIME,
                    });
                }
            }
        }
    }

    /// Opens the first of several articles and lists the others in Open
    /// Recent (a file manager's "Open With" on a selection sends them all).
    pub(super) fn open_articles(&mut self, paths: Vec<PathBuf>) {
        let mut paths = paths.into_iter();
        let Some(first) = paths.next() else {
            self.open_sample();
            return;
        };
        let (listed, missing): (Vec<PathBuf>, Vec<PathBuf>) = paths.partition(|p| p.is_file());
        for path in listed.iter().rev() {
            let path = std::fs::canonicalize(path).unwrap_or_else(|_| path.clone());
            self.settings.list_recent(&path);
        }
        let mut notice = Vec::new();
        if !listed.is_empty() {
            let names: Vec<String> = listed.iter().map(|p| file_name(p)).collect();
            notice.push(format!(
                "Also listed under Open Recent in the File menu: {}",
                names.join(", ")
            ));
        }
        for path in missing {
            notice.push(format!("{}: not found (or not a file)", path.display()));
        }
        self.after_open = (!notice.is_empty()).then(|| notice.join("\n"));
        self.apply(Command::Open(first));
    }

    /// Opens an article on a worker thread (its import may have started
    /// with the window).
    pub(super) fn open_path(&mut self, path: PathBuf) {
        let canonical = std::fs::canonicalize(&path).unwrap_or_else(|_| path.clone());
        let prefetched = self
            .prefetched
            .take()
            .filter(|prefetched| prefetched.is_of(&canonical));
        self.open_on_worker(path, move |ctx| {
            let path = canonical;
            let opened = match prefetched.and_then(PrefetchedImport::wait) {
                Some(imported) => DocumentSession::open_imported(&path, imported?, Some(ctx)),
                None => DocumentSession::open(&path, Some(ctx)),
            };
            opened.map(|(session, problems)| Opened {
                path: Some(path),
                session,
                problems,
            })
        });
    }

    /// Reads an article and its annotations on a worker (a file never
    /// blocks a frame); waits a moment for it, so a usual article shows at
    /// once, and otherwise says in the status bar what is being opened.
    fn open_on_worker(
        &mut self,
        shown: PathBuf,
        work: impl FnOnce(&egui::Context) -> Result<Opened, ImportError> + Send + 'static,
    ) {
        let (sender, result) = mpsc::channel();
        let ctx = self.ctx.clone();
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
        self.opening = Some(PendingOpen {
            path: shown,
            result,
        });
        self.poll_opening(OPEN_GRACE);
    }

    /// Shows the article being opened once it is ready.
    pub(super) fn poll_opening(&mut self, timeout: Duration) {
        let Some(opening) = &self.opening else {
            return;
        };
        let opened = match opening.result.recv_timeout(timeout) {
            Ok(opened) => opened,
            Err(mpsc::RecvTimeoutError::Timeout) => {
                self.ctx.request_repaint_after(Duration::from_millis(100));
                return;
            }
            Err(mpsc::RecvTimeoutError::Disconnected) => {
                let path = opening.path.clone();
                self.opening = None;
                self.set_banner(format!("{}: could not be opened", path.display()));
                return;
            }
        };
        self.opening = None;
        let after_open = self.after_open.take();
        match opened {
            Ok(Opened {
                path,
                session,
                problems,
            }) => {
                // The article open now (maybe this one, reopened) keeps its place.
                self.remember_position();
                let position = path
                    .and_then(|path| self.opening_position(&path))
                    .unwrap_or(0);
                let (news, notices): (Vec<SessionNotice>, Vec<SessionNotice>) = session
                    .store()
                    .notices()
                    .iter()
                    .map(|notice| SessionNotice::Store(notice.clone()))
                    .partition(SessionNotice::is_news);
                let notices: Vec<String> = notices.iter().map(ToString::to_string).collect();
                self.banner = None;
                self.show(session, position);
                for notice in &news {
                    self.tell(notice);
                }
                if !problems.is_empty() {
                    self.banner = Some(Banner::problems(&problems));
                } else if !notices.is_empty() || after_open.is_some() {
                    let said = notices.into_iter().chain(after_open);
                    self.set_news(said.collect::<Vec<_>>().join("\n"));
                }
                self.arrive_at_place();
            }
            Err(error) => {
                self.open_at_place = None;
                let said = std::iter::once(error.to_string()).chain(after_open);
                self.set_banner(said.collect::<Vec<_>>().join("\n"));
            }
        }
    }

    fn show(&mut self, session: DocumentSession, position_char: usize) {
        self.close_document();
        if let Some(path) = session.path() {
            let title = session.document().display_title();
            self.settings.remember(path, &title, position_char);
            self.tell_library_opened(path, session.document(), position_char);
        }
        self.reader
            .reset(position_char.min(session.document().char_count()));
        self.open = Some(session);
        crate::memory::give_back_freed_memory_soon();
    }

    /// Closes the open document; its last save runs on a worker.
    fn close_document(&mut self) {
        self.remember_position();
        self.tell_library_read_to();
        self.selected = None;
        self.last_made = None;
        self.find = None;
        self.choice = None;
        if let Some(session) = self.open.take() {
            let closing = session.close_in_background();
            match closing.wait(CLOSE_GRACE) {
                Some(Ok(())) => {}
                Some(Err(error)) => self.set_banner(error.to_string()),
                None => self.closing.push(closing),
            }
        }
    }

    /// Reports the last saves of closed documents as they finish.
    pub(super) fn poll_closing(&mut self) {
        let mut still_closing = Vec::new();
        for closing in std::mem::take(&mut self.closing) {
            match closing.wait(Duration::ZERO) {
                Some(Ok(())) => {}
                Some(Err(error)) => self.set_banner(error.to_string()),
                None => still_closing.push(closing),
            }
        }
        if !still_closing.is_empty() {
            self.ctx.request_repaint_after(Duration::from_millis(100));
        }
        self.closing = still_closing;
    }

    /// Writes the reading position of the open document into the recent list.
    pub(super) fn remember_position(&mut self) {
        if let Some(path) = self.document_path().map(Path::to_path_buf) {
            self.settings.update_position(&path, self.reader.top_char());
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
