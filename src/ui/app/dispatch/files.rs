//! Files across rooms: opening an article (dialog, command line, drop,
//! recent files) in the workspace and showing it on the page, closing it,
//! what its session reports, the dialogs' answers, export and import.

use std::path::{Path, PathBuf};
use std::time::Duration;

use crate::document::Document;

use super::super::super::about::open_folder;
use super::super::super::command::{Command, Password};
use super::super::super::dialogs::DialogPurpose;
use super::super::super::exchange::ExchangeDone;
use super::super::super::prefetch::PrefetchedImport;
use super::super::super::session::{DocumentSession, SessionNotice, TickOutcome};
use super::super::super::workspace::{OpenFailed, OpenFinished, Opened, file_name};
use super::super::{MarginaliaApp, SAMPLE_ARTICLE, SAMPLE_FILE_NAME};

/// What the very first launch says.
const FIRST_HINT: &str = "Select text and press H to highlight — F1 lists every key";
const FIRST_HINT_TIME: Duration = Duration::from_secs(30);

/// How long opening an article waits for its worker before the frame goes
/// on with a progress line.
const OPEN_GRACE: Duration = Duration::from_millis(150);

impl MarginaliaApp {
    pub(super) fn apply_file(&mut self, command: Command) {
        match command {
            Command::ShowOpenDialog => self.show_dialog(DialogPurpose::Open),
            Command::Open(path) => self.open_path(path, None),
            Command::OpenWithPassword(path, password) => self.open_path(path, Some(password)),
            Command::RemoveRecent(path) => self.settings.forget(&path),
            Command::ClearRecent => self.settings.recent.clear(),
            Command::ShowExportDialog => {
                if let Some(title) = self.document().map(Document::display_title) {
                    self.show_dialog(DialogPurpose::Export { title });
                }
            }
            Command::ShowExportArticleDialog => {
                if let Some(title) = self.document().map(Document::display_title) {
                    self.show_dialog(DialogPurpose::ExportArticle { title });
                }
            }
            Command::ShowImportDialog if self.document().is_some() => {
                self.show_dialog(DialogPurpose::Import);
            }
            Command::ExportTo(path) => self.exchange(&path, true),
            Command::ImportFrom(path) => self.exchange(&path, false),
            Command::ReplaceUnreadableSidecar => {
                let ctx = self.window.ctx().clone();
                if let Some(open) = self.workspace.session_mut() {
                    let outcome = open.replace_unreadable_sidecar(&ctx);
                    self.report(outcome);
                }
            }
            Command::DismissBanner => self.notices.dismiss(),
            Command::OpenFolder(folder) => {
                if let Err(problem) = open_folder(&folder) {
                    self.notices.problem(problem);
                }
            }
            Command::Quit => self.quit(),
            _ => {}
        }
    }

    /// A native dialog, opening in the article's folder.
    pub(super) fn show_dialog(&mut self, purpose: DialogPurpose) {
        let folder = self.workspace.document_path().and_then(Path::parent);
        self.dialogs.show(purpose, folder, self.window.ctx());
    }

    /// The dialog's answer, once it is closed.
    pub(in super::super) fn poll_dialog(&mut self) {
        match self.dialogs.poll() {
            Ok(Some(command)) => self.apply(command),
            Ok(None) => {}
            Err(problem) => self.notices.problem(problem),
        }
    }

    /// Exports the open article's annotations to `path`, or imports them
    /// from it, on a worker.
    fn exchange(&mut self, path: &Path, export: bool) {
        let Some(open) = self.workspace.session() else {
            return;
        };
        let ctx = self.window.ctx();
        let done = if export {
            self.exchanges.export(open, path, ctx)
        } else {
            self.exchanges.import(open, path, ctx)
        };
        if let Some(done) = done {
            self.finish_exchange(done);
        }
    }

    /// Reports exports and imports as their workers finish.
    pub(in super::super) fn poll_exchanges(&mut self) {
        for done in self.exchanges.poll(self.window.ctx()) {
            self.finish_exchange(done);
        }
    }

    fn finish_exchange(&mut self, done: ExchangeDone) {
        let (message, went_well) = done.finish(self.workspace.session_mut());
        self.notices.say(message, !went_well);
    }

    /// Shows what a session reported; no banner when all went well.
    fn report(&mut self, outcome: TickOutcome) {
        if let Some(position) = outcome.reloaded_at_char {
            self.page.reader_mut().reset(position);
        }
        if !outcome.problems.is_empty() {
            self.notices.problems(&outcome.problems);
        }
        for notice in outcome.notices {
            self.notices.tell(&notice);
        }
    }

    /// The open article's session looks at its files.
    pub(in super::super) fn tick_session(&mut self) {
        let top_char = self.page.reader().top_char();
        let ctx = self.window.ctx().clone();
        if let Some(open) = self.workspace.session_mut() {
            let outcome = open.tick(&ctx, top_char);
            self.report(outcome);
        }
    }

    /// Opens the bundled sample; its annotations are read on a worker.
    pub(in super::super) fn open_sample(&mut self) {
        let ctx = self.window.ctx().clone();
        self.workspace
            .start_opening(PathBuf::from(SAMPLE_FILE_NAME), &ctx, |_| {
                DocumentSession::sample(SAMPLE_ARTICLE, SAMPLE_FILE_NAME).map(|session| Opened {
                    path: None,
                    problems: session.store_problem().into_iter().collect(),
                    session,
                })
            });
        self.poll_opening(OPEN_GRACE);
    }

    /// Reopens the article read last, where it was left; the sample the
    /// very first time, with a hint; the library when that article has gone.
    pub(in super::super) fn open_last_read(&mut self) {
        let last = self.settings.recent.first().map(|r| r.path.clone());
        match last {
            Some(path) if path.is_file() => self.apply(Command::Open(path)),
            _ if self.settings.hint_shown => self.library.set_shown(true),
            _ => {
                self.open_sample();
                self.settings.hint_shown = true;
                self.notices
                    .note_for(FIRST_HINT.to_owned(), FIRST_HINT_TIME);
            }
        }
    }

    /// Opens the first of several articles and lists the others in Open
    /// Recent (a file manager's "Open With" on a selection sends them all).
    pub(in super::super) fn open_articles(&mut self, paths: Vec<PathBuf>) {
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
        self.workspace
            .say_after_open((!notice.is_empty()).then(|| notice.join("\n")));
        self.apply(Command::Open(first));
    }

    /// Opens an article on a worker thread (its import may have started
    /// with the window); waits a moment for it, so a usual article shows at
    /// once, and otherwise says in the status bar what is being opened.
    pub(super) fn open_path(&mut self, path: PathBuf, password: Option<Password>) {
        let canonical = std::fs::canonicalize(&path).unwrap_or_else(|_| path.clone());
        let prefetched = self.workspace.take_prefetched(&canonical);
        let ctx = self.window.ctx().clone();
        self.workspace.start_opening(path, &ctx, move |ctx| {
            let path = canonical;
            let opened = match (password, prefetched.and_then(PrefetchedImport::wait)) {
                (Some(Password(password)), _) => {
                    DocumentSession::open_with_password(&path, &password, Some(ctx))
                }
                (None, Some(imported)) => {
                    DocumentSession::open_imported(&path, imported?, Some(ctx))
                }
                (None, None) => DocumentSession::open(&path, Some(ctx)),
            };
            opened.map(|(session, problems)| Opened {
                path: Some(path),
                session,
                problems,
            })
        });
        self.poll_opening(OPEN_GRACE);
    }

    /// Shows the article being opened once it is ready.
    pub(in super::super) fn poll_opening(&mut self, timeout: Duration) {
        let ctx = self.window.ctx().clone();
        let Some(OpenFinished { result, after_open }) = self.workspace.poll_opening(timeout, &ctx)
        else {
            return;
        };
        match result {
            Ok(opened) => self.show_opened(opened, after_open),
            Err(OpenFailed {
                needs_password: Some(pdf),
                message,
            }) => self.overlays.ask_password(pdf, message),
            Err(OpenFailed { message, .. }) => {
                let said = std::iter::once(message).chain(after_open);
                self.notices.problem(said.collect::<Vec<_>>().join("\n"));
            }
        }
    }

    /// An article opened: it shows where it was left (or at the place
    /// asked for), with what its annotations' store and the open said.
    fn show_opened(&mut self, opened: Opened, after_open: Option<String>) {
        let Opened {
            path,
            session,
            problems,
        } = opened;
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
        self.notices.dismiss();
        self.show(session, position);
        for notice in &news {
            self.notices.tell(notice);
        }
        if !problems.is_empty() {
            self.notices.problems(&problems);
        } else if !notices.is_empty() || after_open.is_some() {
            let said = notices.iter().map(ToString::to_string).chain(after_open);
            self.notices.news(said.collect::<Vec<_>>().join("\n"));
        }
        self.arrive_at_place();
    }

    fn show(&mut self, session: DocumentSession, position_char: usize) {
        self.leave_document();
        if let Some(path) = session.path() {
            let title = session.document().display_title();
            self.settings.remember(path, &title, position_char);
            self.library.opened(path, session.document(), position_char);
        }
        self.page
            .reader_mut()
            .reset(position_char.min(session.document().char_count()));
        if let Some(problem) = self.workspace.show(session) {
            self.notices.problem(problem);
        }
        crate::memory::give_back_freed_memory_soon();
    }

    /// The open document is left: its place kept, the rooms forget it.
    fn leave_document(&mut self) {
        self.remember_position();
        self.tell_library_read_to();
        self.page.forget_document();
        self.original.forget_document();
        self.find.close();
        self.overlays.forget_document();
    }

    /// Reports the last saves of closed documents as they finish.
    pub(in super::super) fn poll_closing(&mut self) {
        let ctx = self.window.ctx().clone();
        for problem in self.workspace.poll_closing(&ctx) {
            self.notices.problem(problem);
        }
    }

    /// Writes the reading position of the open document into the recent list.
    pub(in super::super) fn remember_position(&mut self) {
        if let Some(path) = self.workspace.document_path() {
            let top_char = self.page.reader().top_char();
            self.settings.update_position(path, top_char);
        }
    }
}
