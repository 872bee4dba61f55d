//! One open article: its document, its annotation store, where a highlight
//! is born (`edits`), stored (`saving`) and kept in step with the disk
//! (`watch`). Model-side state: nothing here draws.

mod edits;
mod saving;
mod watch;

pub use saving::{ClosingSession, SaveState};

use std::path::{Path, PathBuf};
use std::sync::Arc;
use std::time::Instant;

use eframe::egui;
use uuid::Uuid;

use crate::annotate::{AnchorStatus, EditHistory};
use crate::document::{Document, OutlineEntry, outline_of};
use crate::import::{ImportError, import_bytes, import_path};
use crate::store::{
    AnnotationStore, SidecarLocation, StoreError, StoreMode, StoreNotice, data_folder,
};

use saving::PendingWrite;
use watch::DiskWatcher;

/// A problem an open article ran into, for the banner. Each names its file.
#[derive(Debug, thiserror::Error)]
pub enum SessionProblem {
    #[error(transparent)]
    Store(Arc<StoreError>),
    /// The sidecar cannot be used; new annotations go to the recovery file.
    #[error("{problem}. The file is kept as it is; new annotations are saved to {}.", recovery.display())]
    Recovery {
        problem: Arc<StoreError>,
        recovery: PathBuf,
    },
    #[error("{problem}.")]
    ReadOnly { problem: Arc<StoreError> },
    #[error("{}: changes on disk will not be noticed: {source}", path.display())]
    Unwatched {
        path: PathBuf,
        #[source]
        source: notify::Error,
    },
    #[error("{}: was moved or deleted; the text stays open and its annotations are kept", path.display())]
    ArticleGone { path: PathBuf },
    #[error("the article changed on disk but cannot be read now: {0}")]
    ArticleUnreadable(#[source] ImportError),
}

impl SessionProblem {
    /// Whether the user may replace the unreadable sidecar.
    pub fn offers_replacement(&self) -> bool {
        matches!(self, SessionProblem::Recovery { .. })
    }
}

/// Something done that the user should hear of.
#[derive(Clone, Debug, PartialEq)]
pub enum SessionNotice {
    /// The unreadable sidecar was kept aside and replaced.
    Replaced { sidecar: PathBuf, kept: PathBuf },
    /// What the store did since (conflict copies merged, …).
    Store(StoreNotice),
}

impl SessionNotice {
    /// Whether it is news rather than a problem: said in the status bar for
    /// a moment, not in a banner to dismiss.
    pub fn is_news(&self) -> bool {
        matches!(
            self,
            SessionNotice::Store(StoreNotice::DevicesMerged { .. })
        )
    }
}

impl std::fmt::Display for SessionNotice {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            SessionNotice::Replaced { sidecar, kept } => write!(
                f,
                "Your annotations are saved in {}. The unreadable file is kept as {}.",
                sidecar.display(),
                kept.display()
            ),
            SessionNotice::Store(notice) => notice.fmt(f),
        }
    }
}

/// What a tick brought.
#[derive(Debug, Default)]
pub struct TickOutcome {
    pub problems: Vec<SessionProblem>,
    pub notices: Vec<SessionNotice>,
    /// The article was reloaded: the reader returns to this char offset.
    pub reloaded_at_char: Option<usize>,
}

/// An open article and its annotations.
pub struct DocumentSession {
    document: Document,
    /// `None` for the bundled sample.
    path: Option<PathBuf>,
    /// The sample's file name, for exports and citations.
    bundled_name: String,
    store: AnnotationStore,
    /// Grows with every change of the annotations.
    revision: u64,
    /// Every annotation in document order, derived whenever they change.
    entries: Vec<(Uuid, AnchorStatus)>,
    pending: Option<PendingWrite>,
    /// The article, read again on a worker after it changed on disk.
    reloading: Option<std::sync::mpsc::Receiver<Result<Document, ImportError>>>,
    /// When to look again at a conflict copy that was still being written.
    recheck_copies_at: Option<std::time::Instant>,
    /// The user asked to replace the unreadable sidecar; done when no
    /// write is under way.
    replace_wanted: bool,
    last_edit: Option<Instant>,
    save_error: Option<Arc<StoreError>>,
    watcher: Option<DiskWatcher>,
    history: EditHistory,
    outline: Vec<OutlineEntry>,
    /// How many of the store's notices were told (those of the opening are
    /// told by whoever opened it).
    notices_told: usize,
    /// A protected PDF's password, in memory only.
    pdf_password: Option<String>,
}

impl DocumentSession {
    /// Opens the article at `path` (canonical) with its annotations, and
    /// watches both on disk when `ctx` is given.
    pub fn open(
        path: &Path,
        ctx: Option<&egui::Context>,
    ) -> Result<(Self, Vec<SessionProblem>), ImportError> {
        Self::open_imported(path, import_path(path)?, ctx)
    }

    /// [`Self::open`] for a PDF that needs a password: kept in memory
    /// while the PDF is open (its original pages and a reload after it
    /// changed need it), never written anywhere.
    pub fn open_with_password(
        path: &Path,
        password: &str,
        ctx: Option<&egui::Context>,
    ) -> Result<(Self, Vec<SessionProblem>), ImportError> {
        let document = crate::import::import_path_with_password(path, Some(password))?;
        let (mut session, problems) = Self::open_imported(path, document, ctx)?;
        session.pdf_password = Some(password.to_owned());
        Ok((session, problems))
    }

    /// The password the PDF was opened with, if it needed one.
    pub fn pdf_password(&self) -> Option<&str> {
        self.pdf_password.as_deref()
    }

    /// [`Self::open`] for an article imported already.
    pub fn open_imported(
        path: &Path,
        document: Document,
        ctx: Option<&egui::Context>,
    ) -> Result<(Self, Vec<SessionProblem>), ImportError> {
        let store = AnnotationStore::open(path, &document);
        let mut problems = Vec::new();
        let watcher = ctx.and_then(
            |ctx| match DiskWatcher::start(path, store.location(), ctx) {
                Ok(watcher) => Some(watcher),
                Err(source) => {
                    problems.push(SessionProblem::Unwatched {
                        path: path.to_path_buf(),
                        source,
                    });
                    None
                }
            },
        );
        let session = Self::new(document, Some(path.to_path_buf()), store, watcher);
        problems.extend(session.store_problem());
        Ok((session, problems))
    }

    /// The bundled sample article; its annotations live in the data folder.
    pub fn sample(text: &str, file_name: &str) -> Result<Self, ImportError> {
        let mut document = import_bytes(text.as_bytes(), Some(Path::new(file_name)))?;
        document.metadata.path = None;
        let folder = data_folder().unwrap_or_else(std::env::temp_dir);
        let location = SidecarLocation {
            path: folder
                .join("sidecars")
                .join(format!("sample-{file_name}.annotations.ron")),
            beside_article: false,
        };
        let store = AnnotationStore::open_at(location, &document, file_name);
        let mut session = Self::new(document, None, store, None);
        session.bundled_name = file_name.to_owned();
        Ok(session)
    }

    fn new(
        document: Document,
        path: Option<PathBuf>,
        store: AnnotationStore,
        watcher: Option<DiskWatcher>,
    ) -> Self {
        let mut session = Self {
            notices_told: store.notices().len(),
            pdf_password: None,
            outline: outline_of(&document),
            document,
            path,
            bundled_name: String::new(),
            store,
            revision: 0,
            entries: Vec::new(),
            pending: None,
            reloading: None,
            recheck_copies_at: None,
            replace_wanted: false,
            last_edit: None,
            save_error: None,
            watcher,
            history: EditHistory::default(),
        };
        session.annotations_changed();
        session
    }

    /// The document's title and headings.
    pub fn outline(&self) -> &[OutlineEntry] {
        &self.outline
    }

    pub fn document(&self) -> &Document {
        &self.document
    }

    pub fn path(&self) -> Option<&Path> {
        self.path.as_deref()
    }

    /// Where the article is, for exports and citations.
    pub fn source(&self) -> crate::store::ArticleSource<'_> {
        match &self.path {
            Some(path) => crate::store::ArticleSource::File(path),
            None => crate::store::ArticleSource::Bundled(&self.bundled_name),
        }
    }

    pub fn store(&self) -> &AnnotationStore {
        &self.store
    }

    /// What is wrong with the sidecar, for a banner.
    pub fn store_problem(&self) -> Option<SessionProblem> {
        match self.store.mode() {
            StoreMode::Normal => None,
            StoreMode::Recovery { problem, recovery } => Some(SessionProblem::Recovery {
                problem: problem.clone(),
                recovery: recovery.clone(),
            }),
            StoreMode::ReadOnly { problem } => Some(SessionProblem::ReadOnly {
                problem: problem.clone(),
            }),
        }
    }

    /// Where annotations are written now.
    pub fn annotations_file(&self) -> &Path {
        match self.store.mode() {
            StoreMode::Recovery { recovery, .. } => recovery,
            _ => &self.store.location().path,
        }
    }

    /// The annotations changed: views derived from them follow, here and
    /// in the caches keyed by `revision`.
    fn annotations_changed(&mut self) {
        self.revision = next_revision();
        self.entries = self
            .store
            .annotations()
            .into_iter()
            .map(|(a, r)| (a.id, r.status))
            .collect();
    }

    /// Grows whenever the annotations change (for caches of views of them).
    pub fn revision(&self) -> u64 {
        self.revision
    }

    /// Every annotation in document order (orphans last) with its status.
    pub fn entries(&self) -> &[(Uuid, AnchorStatus)] {
        &self.entries
    }

    /// The annotations whose text holds `at_char`.
    pub fn annotations_at(&self, at_char: usize) -> Vec<Uuid> {
        self.entries
            .iter()
            .filter(|(id, _)| {
                self.store
                    .resolution(*id)
                    .and_then(|r| r.range.as_ref())
                    .is_some_and(|r| r.contains(&at_char))
            })
            .map(|(id, _)| *id)
            .collect()
    }

    /// Counts of annotations, and of those not found in the text.
    pub fn counts(&self) -> (usize, usize) {
        let orphans = self
            .entries
            .iter()
            .filter(|(_, status)| *status == AnchorStatus::Orphaned)
            .count();
        (self.entries.len(), orphans)
    }

    /// Takes in what happened on disk and in the saver; starts a save when
    /// changes have rested.
    pub fn tick(&mut self, ctx: &egui::Context, reading_position_char: usize) -> TickOutcome {
        let mut outcome = TickOutcome::default();
        let changes = self.watcher.as_ref().map(DiskWatcher::take_changes);
        if let Some(changes) = changes {
            if changes.article {
                self.reload_article(ctx);
            }
            if changes.sidecar && self.pending.is_none() {
                self.merge_from_disk(&mut outcome);
            }
        }
        self.recheck_settling_copies(ctx, &mut outcome);
        self.poll_reload(reading_position_char, &mut outcome);
        self.poll_pending(&mut outcome);
        self.start_replacement(ctx, &mut outcome);
        self.start_save_when_rested(ctx, &mut outcome);
        let notices = self.store.notices();
        for notice in &notices[self.notices_told.min(notices.len())..] {
            outcome.notices.push(SessionNotice::Store(notice.clone()));
        }
        self.notices_told = notices.len();
        outcome
    }
}

/// A revision number no session has used: caches keyed by it never mix
/// two documents up.
fn next_revision() -> u64 {
    static REVISIONS: std::sync::atomic::AtomicU64 = std::sync::atomic::AtomicU64::new(1);
    REVISIONS.fetch_add(1, std::sync::atomic::Ordering::Relaxed)
}

impl Drop for DocumentSession {
    fn drop(&mut self) {
        // Closing a document never loses its annotations.
        if let Err(error) = self.flush() {
            log::error!("saving annotations on close failed: {error}");
        }
    }
}
