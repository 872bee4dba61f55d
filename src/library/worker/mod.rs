//! The library's thread: a queue of indexing work (sidecars and opened
//! articles to bring up to date, places gone to forget) done one unit at a
//! time, with the window's requests and the watcher's news taken between
//! units, so a search is answered while a long scan runs.

use std::collections::VecDeque;
use std::path::{Path, PathBuf};
use std::sync::mpsc::{self, Receiver, Sender};
use std::time::{Duration, Instant};

use super::LibraryError;
use super::article_text::OfferedTexts;
use super::export::{LibraryExportFormat, export_library};
use super::folders::LibraryFolders;
use super::index::Index;
use super::reading::ReadingState;
use super::scan::{forget_gone, index_article, refresh_sidecar};
use super::service::AnnotationChange;
use super::walk::{FolderFiles, files_in, is_article_name, is_walked};
use uuid::Uuid;
mod answers;
mod edit;
mod queue;
mod user_data;
mod watch;

use edit::edit_annotation;

use super::service::{
    Input, LibraryNews, LibraryPaths, LibraryRequest, LibrarySnapshot, LibraryTask,
};

/// A unit of indexing work.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
enum Work {
    Sidecar(PathBuf),
    Article(PathBuf),
    ForgetGone,
}

/// How long the library keeps quiet after the app starts (unless the
/// library view, a search or an edit needs it sooner).
const QUIET_START: Duration = Duration::from_secs(2);

/// How often the list is refreshed while a long scan runs.
const SNAPSHOT_EVERY: Duration = Duration::from_secs(3);

pub(super) struct Worker {
    paths: LibraryPaths,
    index: Option<Index>,
    folders: LibraryFolders,
    /// `None` when the file could not be read: it is then never written.
    reading: Option<ReadingState>,
    /// The articles this window opened or read: its say on them wins when
    /// the file is saved; another window's say on the others is kept.
    touched: std::collections::HashSet<PathBuf>,
    pending: VecDeque<Work>,
    /// Texts of opened articles the window offered, until they are indexed.
    offered: OfferedTexts,
    /// What `pending` holds, to queue each thing once.
    queued: std::collections::HashSet<Work>,
    /// What the last look at the folders found, for forgetting the gone
    /// places without walking the folders again.
    found: Option<FolderFiles>,
    /// The folders that last look could not read, with why.
    unreadable_folders: Vec<(PathBuf, String)>,
    /// While an index made anew is filled from the sidecars: the searches
    /// asked meanwhile, to answer once it is whole.
    rebuilding: Option<Vec<(String, usize)>>,
    /// Files looked at and to look at in this round of work.
    done: usize,
    total: usize,
    news: Sender<LibraryNews>,
    wake: Box<dyn Fn(bool) + Send>,
    changed: bool,
    last_snapshot: Instant,
    watcher: Option<notify::RecommendedWatcher>,
    watch_input: Sender<Input>,
}

impl Worker {
    pub(super) fn new(
        paths: LibraryPaths,
        news: Sender<LibraryNews>,
        wake: Box<dyn Fn(bool) + Send>,
        watch_input: Sender<Input>,
    ) -> Self {
        let mut worker = Self {
            index: None,
            folders: LibraryFolders::default(),
            reading: Some(ReadingState::default()),
            touched: Default::default(),
            pending: VecDeque::new(),
            queued: Default::default(),
            offered: OfferedTexts::default(),
            found: None,
            unreadable_folders: Vec::new(),
            rebuilding: None,
            done: 0,
            total: 0,
            news,
            wake,
            changed: true,
            last_snapshot: Instant::now(),
            watcher: None,
            watch_input,
            paths,
        };
        match Index::open(&worker.paths.index) {
            Ok(index) => {
                worker.rebuilding = index.is_made_anew().then(Vec::new);
                worker.index = Some(index);
            }
            Err(error) => worker.problem(format!("The library cannot be kept: {error}")),
        }
        match LibraryFolders::read(&worker.paths.folders) {
            Ok(folders) => worker.folders = folders,
            Err(error) => worker.problem(error.to_string()),
        }
        match ReadingState::read(&worker.paths.reading) {
            Ok(reading) => worker.reading = Some(reading),
            Err(error) => {
                worker.reading = None;
                worker.problem(format!("{error}; it is left as it is"));
            }
        }
        worker
    }

    pub(super) fn run(&mut self, inputs: &Receiver<Input>) {
        // The window and the article come first: the library keeps quiet
        // for a moment after the app starts, unless it is asked something.
        let mut held = Vec::new();
        let until = Instant::now() + QUIET_START;
        loop {
            match inputs.recv_timeout(until.saturating_duration_since(Instant::now())) {
                Ok(input) => {
                    let can_wait = input.can_wait();
                    held.push(input);
                    if !can_wait {
                        break;
                    }
                }
                Err(mpsc::RecvTimeoutError::Timeout) => break,
                Err(mpsc::RecvTimeoutError::Disconnected) => return,
            }
        }
        // What the index holds shows at once; the re-check follows.
        self.send_snapshot();
        self.watch();
        self.queue_everything();
        for input in held {
            if !self.take(input) {
                return;
            }
        }
        loop {
            let input = if self.pending.is_empty() {
                if self.changed {
                    self.send_snapshot();
                }
                match inputs.recv() {
                    Ok(input) => input,
                    Err(_) => return,
                }
            } else {
                match inputs.try_recv() {
                    Ok(input) => input,
                    Err(mpsc::TryRecvError::Empty) => {
                        self.work_once();
                        continue;
                    }
                    Err(mpsc::TryRecvError::Disconnected) => return,
                }
            };
            if !self.take(input) {
                return;
            }
        }
    }

    /// Acts on one input; `false` when the thread is to stop.
    fn take(&mut self, input: Input) -> bool {
        match input {
            Input::Stop => return false,
            Input::Finish(done) => {
                let _ = done.send(());
                return false;
            }
            Input::Watched(path) if is_article_name(&path) => {
                if is_walked(&path, &self.folders.folders) {
                    self.queue(Work::Article(path));
                }
            }
            Input::Watched(path) => self.queue(Work::Sidecar(path)),
            Input::Request(request) => self.handle(request),
        }
        true
    }

    fn tell(&self, news: LibraryNews) {
        let background = news.is_background();
        // The window is gone only when the app is closing.
        let _ = self.news.send(news);
        (self.wake)(background);
    }

    fn problem(&self, message: String) {
        log::warn!("{message}");
        self.tell(LibraryNews::Problem(message));
    }

    /// Whether the article was opened in the app (its reading state is kept).
    fn was_opened(reading: &Option<ReadingState>, article: &Path) -> bool {
        reading
            .as_ref()
            .is_some_and(|reading| reading.articles.contains_key(article))
    }

    /// Does one unit of indexing work.
    fn work_once(&mut self) {
        let Some(work) = self.pending.pop_front() else {
            return;
        };
        self.queued.remove(&work);
        let Self {
            index,
            reading,
            folders,
            found,
            offered,
            ..
        } = self;
        let Some(index) = index else {
            self.clear_queue();
            // No index to fill: the searches asked meanwhile hear why.
            self.finish_rebuilding();
            return;
        };
        let was_opened = |article: &Path| Self::was_opened(reading, article);
        let is_kept = |article: &Path| Self::is_kept(reading, &folders.folders, article);
        let outcome = match &work {
            Work::Sidecar(sidecar) => refresh_sidecar(index, sidecar, &is_kept, offered),
            Work::Article(article) => {
                let indexed = index_article(index, article, offered);
                offered.forget(article);
                indexed
            }
            Work::ForgetGone => {
                let found = found.take().unwrap_or_else(|| files_in(&folders.folders));
                forget_gone(index, &folders.folders, &found, &was_opened).map(|n| n > 0)
            }
        };
        self.take_outcome(outcome);
        self.done += 1;
        if self.pending.is_empty() {
            // The articles read to index them are freed: their memory goes back.
            crate::memory::give_back_freed_memory();
            self.finish_rebuilding();
        }
        if self.pending.is_empty() || self.done.is_multiple_of(16) {
            self.tell(LibraryNews::Progress {
                task: LibraryTask::Indexing,
                done: self.done,
                of: self.total.max(self.done),
            });
        }
        if self.changed && self.last_snapshot.elapsed() >= SNAPSHOT_EVERY {
            self.send_snapshot();
        }
    }

    /// What a unit of work did: the list changed, the index is damaged, or
    /// a file could not be indexed.
    fn take_outcome(&mut self, outcome: Result<bool, LibraryError>) {
        match outcome {
            Ok(changed) => self.changed |= changed,
            Err(error) if error.is_damaged_index() => self.rebuild(),
            Err(error @ LibraryError::Unreadable { .. }) => {
                // Listed as unreadable (the list shows it).
                log::info!("not read: {error}");
                self.changed = true;
            }
            Err(error) => log::info!("not indexed: {error}"),
        }
    }

    /// The index was found damaged: made anew from the sidecars.
    fn rebuild(&mut self) {
        log::warn!("the library index was damaged; it is rebuilt");
        self.index = Index::recreate(&self.paths.index).ok();
        self.rebuilding.get_or_insert_default();
        self.clear_queue();
        self.queue_everything();
    }

    fn send_snapshot(&mut self) {
        self.changed = false;
        self.last_snapshot = Instant::now();
        let Some(index) = &self.index else {
            return;
        };
        let read = || -> Result<LibrarySnapshot, LibraryError> {
            Ok(LibrarySnapshot {
                articles: index.articles()?,
                unreadable: index.unreadable()?,
                unreadable_folders: self.unreadable_folders.clone(),
                tags: index.tags()?,
                reading: self
                    .reading
                    .as_ref()
                    .map(|r| r.articles.clone())
                    .unwrap_or_default(),
                folders: self.folders.folders.clone(),
            })
        };
        match read() {
            Ok(snapshot) => self.tell(LibraryNews::Snapshot(snapshot)),
            Err(error) if error.is_damaged_index() => self.rebuild(),
            Err(error) => self.problem(error.to_string()),
        }
    }

    fn handle(&mut self, request: LibraryRequest) {
        match request {
            LibraryRequest::Show => {}
            LibraryRequest::Rescan => self.queue_everything(),
            LibraryRequest::AddFolders(folders) => self.add_folders(&folders),
            LibraryRequest::RemoveFolder(folder) => self.remove_folder(&folder),
            LibraryRequest::Opened {
                article,
                position_char,
                progress,
                text,
            } => {
                if let Some(text) = text {
                    self.offered.offer(article.clone(), *text);
                }
                self.remember(&article.clone(), |reading| {
                    reading.opened(&article, position_char, progress)
                });
                self.queue(Work::Article(article));
            }
            LibraryRequest::ReadTo {
                article,
                position_char,
                progress,
            } => self.remember(&article.clone(), |reading| {
                reading.read_to(&article, position_char, progress)
            }),
            LibraryRequest::Saved(article) => self.queue(Work::Article(article)),
            LibraryRequest::Search { query, limit } => self.answer_search(query, limit),
            LibraryRequest::Review => self.answer_review(),
            LibraryRequest::Edit {
                article,
                id,
                change,
            } => self.edit(article, id, change),
            LibraryRequest::Export { dir, format } => self.export(dir, format),
        }
    }

    /// Every highlight, for the review.
    fn answer_review(&mut self) {
        let rows = self.index.as_ref().map(Index::review);
        match rows {
            Some(Ok(rows)) => self.tell(LibraryNews::Review(rows)),
            Some(Err(error)) => self.problem(error.to_string()),
            None => {}
        }
    }

    /// Changes a highlight in an article's sidecar; it is indexed before
    /// the answer, so the review reads it anew.
    fn edit(&mut self, article: PathBuf, id: Uuid, change: AnnotationChange) {
        let result = edit_annotation(&article, id, change);
        if result.is_ok() {
            self.queue(Work::Article(article.clone()));
            while !self.pending.is_empty() {
                self.work_once();
            }
        }
        self.tell(LibraryNews::Edited {
            article,
            id,
            result,
        });
    }

    /// Writes every article's annotations into `dir`, telling the progress.
    fn export(&mut self, dir: PathBuf, format: LibraryExportFormat) {
        let result = match &self.index {
            Some(index) => export_library(index, &dir, format, |done, of| {
                self.tell(LibraryNews::Progress {
                    task: LibraryTask::Exporting,
                    done,
                    of,
                });
            })
            .map_err(|error| error.to_string()),
            None => Err("the library index cannot be opened".to_owned()),
        };
        self.tell(LibraryNews::Exported { dir, result });
    }
}
