//! The library at work on its own thread, so that no frame ever waits for
//! it: it owns the index, brings it up to date at start (a cheap re-check
//! of every sidecar's size and time), follows the library folders with a
//! file watcher (`notify`), keeps the reading state, and answers searches,
//! edits and exports between units of indexing work. The window sends
//! [`LibraryRequest`]s and reads [`LibraryNews`].

use std::path::{Path, PathBuf};
use std::sync::mpsc::{self, Receiver, Sender};
use std::time::Duration;

use uuid::Uuid;

use crate::annotate::HighlightColor;

use super::article_text::OpenedText;
use super::catalogue::{ArticleRow, ReviewRow, TagCount};
use super::export::{LibraryExportFormat, LibraryExportReport};
use super::folders::LibraryFolders;
use super::index::index_path;
use super::reading::ReadingState;
use super::search::SearchHit;
use super::unreadable::UnreadableArticle;
use super::worker::Worker;
use super::{LibraryError, ReadingEntry};

/// Where the library keeps its files.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct LibraryPaths {
    /// The index: a cache.
    pub index: PathBuf,
    /// The folders and the reading state: user data.
    pub folders: PathBuf,
    pub reading: PathBuf,
}

impl LibraryPaths {
    /// The user's cache and data folders (following the XDG variables).
    pub fn from_environment() -> Result<Self, LibraryError> {
        Ok(Self {
            index: index_path()?,
            folders: LibraryFolders::path()?,
            reading: ReadingState::path()?,
        })
    }

    /// All three in one folder (tests).
    pub fn in_folder(dir: &Path) -> Self {
        Self {
            index: dir.join("library.sqlite3"),
            folders: dir.join("library-folders.ron"),
            reading: dir.join("reading-state.ron"),
        }
    }
}

/// A change to one annotation, made from the review.
#[derive(Debug, Clone, PartialEq)]
pub enum AnnotationChange {
    Note(String),
    Tags(Vec<String>),
    Color(HighlightColor),
}

/// What the window asks of the library.
#[derive(Debug, Clone, PartialEq)]
pub enum LibraryRequest {
    /// The library view is shown: the library gets to work at once.
    Show,
    /// Re-check every sidecar and opened article.
    Rescan,
    AddFolders(Vec<PathBuf>),
    RemoveFolder(PathBuf),
    /// An article was opened in the app (it joins the library).
    Opened {
        article: PathBuf,
        position_char: usize,
        progress: f32,
        /// The text the window read (the library then need not import it).
        text: Option<Box<OpenedText>>,
    },
    /// The reader moved on in an opened article (on closing it).
    ReadTo {
        article: PathBuf,
        position_char: usize,
        progress: f32,
    },
    /// The app saved this article's annotations: index it anew.
    Saved(PathBuf),
    Search {
        query: String,
        limit: usize,
    },
    /// Every annotation, for the review.
    Review,
    Edit {
        article: PathBuf,
        id: Uuid,
        change: AnnotationChange,
    },
    Export {
        dir: PathBuf,
        format: LibraryExportFormat,
    },
}

/// What the library shows: sent whenever it changed.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct LibrarySnapshot {
    pub articles: Vec<ArticleRow>,
    /// Articles in the folders that could not be read, with why.
    pub unreadable: Vec<UnreadableArticle>,
    /// Folders that could not be read, with why (what they held is kept).
    pub unreadable_folders: Vec<(PathBuf, String)>,
    pub tags: Vec<TagCount>,
    /// Reading state by article path.
    pub reading: std::collections::BTreeMap<PathBuf, ReadingEntry>,
    pub folders: Vec<PathBuf>,
}

impl LibrarySnapshot {
    /// Annotations in the library (each once, however many copies).
    pub fn annotation_count(&self) -> usize {
        self.articles.iter().map(|a| a.highlights).sum()
    }
}

/// What the library's thread is busy with.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum LibraryTask {
    Indexing,
    Exporting,
}

/// What the library tells the window.
#[derive(Debug, Clone, PartialEq)]
pub enum LibraryNews {
    /// Indexing or exporting: `done` of `of` files.
    Progress {
        task: LibraryTask,
        done: usize,
        of: usize,
    },
    Snapshot(LibrarySnapshot),
    Results {
        query: String,
        hits: Result<Vec<SearchHit>, String>,
    },
    Review(Vec<ReviewRow>),
    Edited {
        article: PathBuf,
        id: Uuid,
        result: Result<(), String>,
    },
    Exported {
        dir: PathBuf,
        result: Result<LibraryExportReport, String>,
    },
    /// Something the user should know (a damaged file of theirs, …).
    Problem(String),
}

impl LibraryNews {
    /// What only the library view shows (the list, indexing progress): the
    /// window need not wake for it while the view is not on screen (at
    /// launch the library's first snapshot woke an idle window: 50–90 ms of
    /// software rendering). Answers, problems and exports always wake it.
    pub fn is_background(&self) -> bool {
        matches!(
            self,
            LibraryNews::Snapshot(_)
                | LibraryNews::Progress {
                    task: LibraryTask::Indexing,
                    ..
                }
        )
    }
}

pub(super) enum Input {
    Request(LibraryRequest),
    /// The watcher saw a sidecar change.
    Watched(PathBuf),
    /// Requests before this are done: say so, and stop.
    Finish(Sender<()>),
    Stop,
}

impl Input {
    /// Whether it can wait for the library's quiet start: what the window
    /// says in passing (an article opened, read or saved; a file changed).
    pub(super) fn can_wait(&self) -> bool {
        matches!(
            self,
            Input::Watched(_)
                | Input::Request(
                    LibraryRequest::Opened { .. }
                        | LibraryRequest::ReadTo { .. }
                        | LibraryRequest::Saved(_)
                )
        )
    }
}

/// The library's thread, seen from the window.
pub struct LibraryService {
    input: Sender<Input>,
    news: Receiver<LibraryNews>,
}

impl LibraryService {
    /// Starts the library's thread; `wake` is called whenever news is sent,
    /// with whether it is background news (`LibraryNews::is_background`)
    /// (the window repaints to read it).
    pub fn start(paths: LibraryPaths, wake: impl Fn(bool) + Send + 'static) -> Self {
        let (input, inputs) = mpsc::channel();
        let (tell, news) = mpsc::channel();
        let watch_input = input.clone();
        let spawned = std::thread::Builder::new()
            .name("library".into())
            .spawn(move || {
                let mut worker = Worker::new(paths, tell, Box::new(wake), watch_input);
                worker.run(&inputs);
            });
        if let Err(error) = spawned {
            log::error!("the library's thread could not start: {error}");
        }
        Self { input, news }
    }

    pub fn send(&self, request: LibraryRequest) {
        // The thread is gone only if it could not start (logged).
        let _ = self.input.send(Input::Request(request));
    }

    /// News sent since the last call, if any.
    pub fn try_news(&self) -> Option<LibraryNews> {
        self.news.try_recv().ok()
    }

    /// Stops the thread after what it was asked (the reading state saved),
    /// waiting up to `timeout` for it (the app is closing).
    pub fn finish(&self, timeout: Duration) {
        let (done, finished) = mpsc::channel();
        let _ = self.input.send(Input::Finish(done));
        let _ = finished.recv_timeout(timeout);
    }

    /// Waits up to `timeout` for news (tests, benchmarks).
    pub fn wait_news(&self, timeout: Duration) -> Option<LibraryNews> {
        self.news.recv_timeout(timeout).ok()
    }
}

impl Drop for LibraryService {
    fn drop(&mut self) {
        let _ = self.input.send(Input::Stop);
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn only_the_list_and_indexing_progress_wait_for_the_view() {
        let background = [
            LibraryNews::Snapshot(LibrarySnapshot::default()),
            LibraryNews::Progress {
                task: LibraryTask::Indexing,
                done: 1,
                of: 2,
            },
        ];
        let at_once = [
            LibraryNews::Progress {
                task: LibraryTask::Exporting,
                done: 1,
                of: 2,
            },
            LibraryNews::Problem("the index is damaged".into()),
            LibraryNews::Results {
                query: "x".into(),
                hits: Ok(Vec::new()),
            },
            LibraryNews::Review(Vec::new()),
        ];
        assert!(background.iter().all(LibraryNews::is_background));
        assert!(!at_once.iter().any(LibraryNews::is_background));
    }
}
