//! One open article: its document, its annotation store, saving in the
//! background, and watching the article and its sidecar on disk.

use std::ops::Range;
use std::path::{Path, PathBuf};
use std::sync::mpsc;
use std::time::{Duration, Instant};

use eframe::egui;
use notify::Watcher as _;

use crate::annotate::{
    Anchor, AnchorStatus, Annotation, Edit, EditHistory, HighlightColor, HighlightStyle,
    IndexedText, Typing, resolve_anchor,
};
use crate::document::Document;
use crate::import::{ImportError, import_bytes, import_path};
use crate::store::{
    AnnotationStore, SaveJob, SaveOutcome, SidecarLocation, StoreError, StoreMode, data_folder,
};
use uuid::Uuid;

use super::outline::{OutlineEntry, outline_of};
use super::reader::ReaderHighlight;
use super::theme::{ThemeChoice, highlight_paint};

/// How long after the last change a save starts.
const SAVE_DELAY: Duration = Duration::from_millis(300);

/// What the status bar says about saving.
#[derive(Clone, Debug, PartialEq)]
pub enum SaveState {
    Saved,
    /// Changes wait for the save delay.
    Unsaved,
    Saving,
    Failed(String),
    ReadOnly,
}

/// Something changed on disk.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum DiskChange {
    Article,
    Sidecar,
}

/// Watches the article's folder for changes to the article and its sidecar.
struct DiskWatcher {
    _watcher: notify::RecommendedWatcher,
    changes: mpsc::Receiver<DiskChange>,
}

impl DiskWatcher {
    fn start(
        article: &Path,
        sidecar: &SidecarLocation,
        ctx: &egui::Context,
    ) -> notify::Result<Self> {
        let (sender, changes) = mpsc::channel();
        let mut folders = vec![article_folder(article)];
        let article = article.to_path_buf();
        let sidecars = [sidecar.path.clone(), sidecar.recovery_path()];
        let ctx = ctx.clone();
        let mut watcher =
            notify::recommended_watcher(move |event: notify::Result<notify::Event>| {
                let Ok(event) = event else {
                    return;
                };
                if matches!(event.kind, notify::EventKind::Access(_)) {
                    return;
                }
                for path in &event.paths {
                    let change = if *path == article {
                        DiskChange::Article
                    } else if sidecars.contains(path) {
                        DiskChange::Sidecar
                    } else {
                        continue;
                    };
                    // The receiver is gone only when the document was closed.
                    let _ = sender.send(change);
                    ctx.request_repaint();
                }
            })?;
        if let Some(folder) = sidecar.path.parent()
            && !folders.contains(&folder.to_path_buf())
        {
            folders.push(folder.to_path_buf());
        }
        for folder in &folders {
            watcher.watch(folder, notify::RecursiveMode::NonRecursive)?;
        }
        Ok(Self {
            _watcher: watcher,
            changes,
        })
    }
}

fn article_folder(article: &Path) -> PathBuf {
    article
        .parent()
        .filter(|p| !p.as_os_str().is_empty())
        .map_or_else(|| PathBuf::from("."), Path::to_path_buf)
}

/// An open article and its annotations.
pub struct DocumentSession {
    document: Document,
    /// `None` for the bundled sample.
    path: Option<PathBuf>,
    store: AnnotationStore,
    highlights: Vec<ReaderHighlight>,
    /// What `highlights` were built for.
    highlights_key: Option<(ThemeChoice, Option<Uuid>)>,
    revision: u64,
    entries: Vec<(Uuid, AnchorStatus)>,
    entries_revision: Option<u64>,
    saving: Option<(SaveJob, mpsc::Receiver<Result<SaveOutcome, StoreError>>)>,
    last_edit: Option<Instant>,
    save_error: Option<String>,
    watcher: Option<DiskWatcher>,
    history: EditHistory,
    outline: Vec<OutlineEntry>,
}

impl DocumentSession {
    /// Opens the article at `path` (canonical) with its annotations, and
    /// watches both on disk when `ctx` is given.
    pub fn open(
        path: &Path,
        ctx: Option<&egui::Context>,
    ) -> Result<(Self, Vec<String>), ImportError> {
        let document = import_path(path)?;
        let store = AnnotationStore::open(path, &document);
        let mut problems = Vec::new();
        let watcher = ctx.and_then(
            |ctx| match DiskWatcher::start(path, store.location(), ctx) {
                Ok(watcher) => Some(watcher),
                Err(error) => {
                    problems.push(format!(
                        "{}: changes on disk will not be noticed: {error}",
                        path.display()
                    ));
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
        Ok(Self::new(document, None, store, None))
    }

    fn new(
        document: Document,
        path: Option<PathBuf>,
        store: AnnotationStore,
        watcher: Option<DiskWatcher>,
    ) -> Self {
        Self {
            document,
            path,
            store,
            highlights: Vec::new(),
            highlights_key: None,
            revision: 0,
            entries: Vec::new(),
            entries_revision: None,
            saving: None,
            last_edit: None,
            save_error: None,
            watcher,
            history: EditHistory::default(),
            outline: Vec::new(),
        }
        .with_outline()
    }

    fn with_outline(mut self) -> Self {
        self.outline = outline_of(&self.document);
        self
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

    pub fn store(&self) -> &AnnotationStore {
        &self.store
    }

    /// What is wrong with the sidecar, for a banner.
    pub fn store_problem(&self) -> Option<String> {
        match self.store.mode() {
            StoreMode::Normal => None,
            StoreMode::Recovery { problem, recovery } => Some(format!(
                "{problem}. The file is kept as it is; new annotations are saved to {}.",
                recovery.display()
            )),
            StoreMode::ReadOnly { problem } => Some(format!("{problem}.")),
        }
    }

    /// Whether the store is in recovery mode, where the user may replace
    /// the unreadable sidecar.
    pub fn in_recovery(&self) -> bool {
        matches!(self.store.mode(), StoreMode::Recovery { .. })
    }

    /// Replaces the unreadable sidecar with the annotations shown (the user
    /// decided); returns the message to show.
    pub fn replace_unreadable_sidecar(&mut self) -> String {
        match self.store.replace_unreadable_sidecar(&self.document) {
            Ok(kept) => {
                self.save_error = None;
                self.annotations_changed();
                format!(
                    "Your annotations are saved in {}. The unreadable file is kept as {}.",
                    self.store.location().path.display(),
                    kept.display()
                )
            }
            Err(error) => error.to_string(),
        }
    }

    pub fn save_state(&self) -> SaveState {
        if let StoreMode::ReadOnly { .. } = self.store.mode() {
            return SaveState::ReadOnly;
        }
        if let Some(error) = &self.save_error {
            return SaveState::Failed(error.clone());
        }
        if self.saving.is_some() {
            SaveState::Saving
        } else if self.store.has_unsaved_changes() {
            SaveState::Unsaved
        } else {
            SaveState::Saved
        }
    }

    /// Where annotations are written now.
    pub fn annotations_file(&self) -> &Path {
        match self.store.mode() {
            StoreMode::Recovery { recovery, .. } => recovery,
            _ => &self.store.location().path,
        }
    }

    /// The highlights to paint, sorted by start (see `refresh_highlights`).
    pub fn highlights(&self) -> &[ReaderHighlight] {
        &self.highlights
    }

    /// Rebuilds the highlights to paint if annotations, the theme or the
    /// emphasised annotation changed.
    pub fn refresh_highlights(&mut self, theme: ThemeChoice, emphasis: Option<Uuid>) {
        if self.entries_revision != Some(self.revision) {
            self.entries = self
                .store
                .annotations()
                .into_iter()
                .map(|(a, r)| (a.id, r.status))
                .collect();
            self.entries_revision = Some(self.revision);
        }
        if self.highlights_key == Some((theme, emphasis)) {
            return;
        }
        let palette = theme.palette();
        self.highlights = self
            .store
            .annotations()
            .into_iter()
            .filter_map(|(annotation, resolution)| {
                let underline = annotation.style == HighlightStyle::Underline;
                let chars = resolution.range.clone()?;
                Some(ReaderHighlight {
                    chars,
                    color: highlight_paint(annotation.color, &palette, underline),
                    underline,
                    marker: !annotation.note.trim().is_empty(),
                    emphasis: emphasis == Some(annotation.id),
                    label: Some(accessible_label(annotation)),
                })
            })
            .collect();
        self.highlights
            .sort_by_key(|h| (h.chars.start, h.chars.end));
        self.highlights_key = Some((theme, emphasis));
    }

    fn annotations_changed(&mut self) {
        self.highlights_key = None;
        self.revision += 1;
    }

    /// Grows whenever the annotations change (for caches of views of them).
    pub fn revision(&self) -> u64 {
        self.revision
    }

    /// Every annotation in document order (orphans last) with its status,
    /// as of the last `refresh_highlights`.
    pub fn entries(&self) -> &[(Uuid, AnchorStatus)] {
        &self.entries
    }

    /// Highlights a range of the canonical text; saved shortly after.
    pub fn add_highlight(&mut self, range: Range<usize>, color: HighlightColor) -> Option<Uuid> {
        if range.is_empty() || matches!(self.store.mode(), StoreMode::ReadOnly { .. }) {
            return None;
        }
        let text = IndexedText::new(self.document.text());
        let annotation = Annotation::new(&text, range, color);
        let id = annotation.id;
        self.store.add(annotation.clone());
        self.history.record(Edit::Create(annotation));
        self.edited();
        Some(id)
    }

    /// Changes an annotation as one undoable step (or, for typing, joined
    /// with the typing just before).
    pub fn change(
        &mut self,
        id: Uuid,
        typing: Option<Typing>,
        change: impl FnOnce(&mut Annotation),
    ) {
        let Some(before) = self.store.get(id).cloned() else {
            return;
        };
        let mut after = before.clone();
        change(&mut after);
        if after == before {
            return;
        }
        self.store.put(after.clone(), &self.document);
        let Some(stored) = self.store.get(id).cloned() else {
            return;
        };
        match typing {
            Some(typing) => self.history.record_typing(before, stored, typing),
            None => self.history.record(Edit::Change {
                before,
                after: stored,
            }),
        }
        self.edited();
    }

    pub fn delete(&mut self, id: Uuid) {
        if let Some(annotation) = self.store.delete(id) {
            self.history.record(Edit::Delete(annotation));
            self.edited();
        }
    }

    pub fn can_undo(&self) -> bool {
        self.history.can_undo()
    }

    pub fn can_redo(&self) -> bool {
        self.history.can_redo()
    }

    /// Undoes the last step; returns the annotation it touched.
    pub fn undo(&mut self) -> Option<Uuid> {
        let edit = self.history.undo()?;
        self.store.apply(&edit, &self.document);
        self.edited();
        Some(edit.id())
    }

    /// Redoes the last undone step; returns the annotation it touched.
    pub fn redo(&mut self) -> Option<Uuid> {
        let edit = self.history.redo()?;
        self.store.apply(&edit, &self.document);
        self.edited();
        Some(edit.id())
    }

    /// Adds annotations from W3C or Hypothesis JSON; returns a summary.
    pub fn import_annotations(&mut self, json: &str, from: &Path) -> Result<String, String> {
        let imported = crate::store::annotations_from_json(json)
            .map_err(|e| format!("{}: {e}", from.display()))?;
        let count = imported.len();
        let statuses = self.store.import(
            imported.into_iter().map(|i| i.into_annotation()).collect(),
            &self.document,
        );
        self.edited();
        let orphans = statuses
            .iter()
            .filter(|s| matches!(s, AnchorStatus::Orphaned))
            .count();
        Ok(format!(
            "Imported {count} annotation{} from {} ({orphans} not found in the text).",
            if count == 1 { "" } else { "s" },
            from.display()
        ))
    }

    fn edited(&mut self) {
        self.last_edit = Some(Instant::now());
        self.save_error = None;
        self.annotations_changed();
    }

    /// Takes in what happened on disk and in the saver; starts a save when
    /// changes have rested. Returns problems for the banner and, when the
    /// article was reloaded, the reading position to return to.
    pub fn tick(&mut self, ctx: &egui::Context, reading_position: usize) -> TickOutcome {
        let mut outcome = TickOutcome::default();
        let (mut article_changed, mut sidecar_changed) = (false, false);
        if let Some(watcher) = &self.watcher {
            for change in watcher.changes.try_iter() {
                match change {
                    DiskChange::Article => article_changed = true,
                    DiskChange::Sidecar => sidecar_changed = true,
                }
            }
        }
        if article_changed {
            self.reload_article(reading_position, &mut outcome);
        }
        if sidecar_changed && self.saving.is_none() {
            match self.store.merge_from_disk(&self.document) {
                Ok(true) => self.annotations_changed(),
                Ok(false) => {}
                Err(error) => outcome.problems.push(error.to_string()),
            }
        }
        self.poll_save(&mut outcome);
        self.start_save_when_rested(ctx, &mut outcome);
        outcome
    }

    fn reload_article(&mut self, reading_position: usize, outcome: &mut TickOutcome) {
        let Some(path) = self.path.clone() else {
            return;
        };
        if !path.exists() {
            outcome.problems.push(format!(
                "{}: was moved or deleted; the text stays open and its annotations are kept",
                path.display()
            ));
            return;
        }
        match import_path(&path) {
            Ok(document) => {
                if document.text() == self.document.text() {
                    return;
                }
                let position = moved_position(&self.document, &document, reading_position);
                self.store.document_changed(&document);
                self.outline = outline_of(&document);
                self.document = document;
                self.annotations_changed();
                outcome.reloaded_at = Some(position);
            }
            Err(error) => outcome.problems.push(format!(
                "the article changed on disk but cannot be read now: {error}"
            )),
        }
    }

    fn poll_save(&mut self, outcome: &mut TickOutcome) {
        let Some((job, receiver)) = &self.saving else {
            return;
        };
        let result = match receiver.try_recv() {
            Ok(result) => result,
            Err(mpsc::TryRecvError::Empty) => return,
            Err(mpsc::TryRecvError::Disconnected) => Err(StoreError::Write {
                path: job.path().to_path_buf(),
                source: std::io::Error::other("the saving thread stopped"),
            }),
        };
        let job = job.clone();
        self.saving = None;
        let mode_before = self.store.mode().clone();
        match self.store.finish_save(&job, result, &self.document) {
            Ok(()) => self.annotations_changed(),
            Err(error) => {
                self.save_error = Some(error.to_string());
                if self.store.mode() != &mode_before {
                    // The sidecar turned out unusable: save to the recovery file now.
                    self.last_edit = Some(Instant::now() - SAVE_DELAY);
                    outcome.problems.extend(self.store_problem());
                } else {
                    outcome.problems.push(error.to_string());
                }
            }
        }
    }

    fn start_save_when_rested(&mut self, ctx: &egui::Context, outcome: &mut TickOutcome) {
        if self.saving.is_some() || !self.store.has_unsaved_changes() {
            return;
        }
        if matches!(self.store.mode(), StoreMode::ReadOnly { .. }) {
            return;
        }
        let rested = self.last_edit.map_or(Duration::MAX, |t| t.elapsed());
        if rested < SAVE_DELAY {
            ctx.request_repaint_after(SAVE_DELAY - rested);
            return;
        }
        match self.store.save_job() {
            Ok(Some(job)) => {
                let (sender, receiver) = mpsc::channel();
                let ctx = ctx.clone();
                let thread_job = job.clone();
                // Saving never blocks a frame.
                std::thread::spawn(move || {
                    let result = thread_job.run();
                    // The receiver is gone only if the document was closed.
                    let _ = sender.send(result);
                    ctx.request_repaint();
                });
                self.saving = Some((job, receiver));
            }
            Ok(None) => {}
            Err(error) => {
                self.save_error = Some(error.to_string());
                outcome.problems.push(error.to_string());
            }
        }
    }

    /// Finishes any save under way and saves what is left (closing, quitting).
    pub fn flush(&mut self) -> Result<(), StoreError> {
        if let Some((job, receiver)) = self.saving.take() {
            let result = receiver.recv().unwrap_or_else(|_| job.run());
            self.store.finish_save(&job, result, &self.document)?;
        }
        if self.store.has_unsaved_changes() {
            self.store.save_now(&self.document)?;
        }
        Ok(())
    }

    /// Counts of annotations by whether they were found in the text.
    pub fn counts(&self) -> (usize, usize) {
        let orphans = self
            .entries
            .iter()
            .filter(|(_, status)| *status == AnchorStatus::Orphaned)
            .count();
        (self.entries.len(), orphans)
    }
}

impl Drop for DocumentSession {
    fn drop(&mut self) {
        // Closing a document never loses its annotations.
        if let Err(error) = self.flush() {
            log::error!("saving annotations on close failed: {error}");
        }
    }
}

/// What a screen reader says of a highlight: colour, quote, note, tags.
pub fn accessible_label(annotation: &Annotation) -> String {
    let style = match annotation.style {
        HighlightStyle::Highlight => "highlight",
        HighlightStyle::Underline => "underline",
    };
    let mut label = format!(
        "{} {style}: \u{201C}{}\u{201D}",
        annotation.color.name(),
        annotation.anchor.exact
    );
    if !annotation.note.trim().is_empty() {
        label.push_str(&format!(". Note: {}", annotation.note.trim()));
    }
    if !annotation.tags.is_empty() {
        label.push_str(&format!(". Tags: {}", annotation.tags.join(", ")));
    }
    label
}

/// What a tick brought.
#[derive(Debug, Default)]
pub struct TickOutcome {
    pub problems: Vec<String>,
    /// The article was reloaded: the reader returns to this char offset.
    pub reloaded_at: Option<usize>,
}

/// Where a reading position in `old` is in `new`: the text there, found again.
fn moved_position(old: &Document, new: &Document, position: usize) -> usize {
    let old_text = IndexedText::new(old.text());
    let anchor = Anchor::from_range(&old_text, position..position + 64);
    let new_text = IndexedText::new(new.text());
    resolve_anchor(&new_text, &anchor, 0)
        .range
        .map_or(position.min(new.char_count()), |r| r.start)
}
