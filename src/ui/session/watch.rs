//! Keeping in step with the disk: the article's folder is watched; an
//! edited article is reloaded and its highlights re-anchored, a sidecar
//! changed by another window or a sync tool, or a sync tool's conflict
//! copy of it, is merged in.

use std::path::{Path, PathBuf};
use std::sync::mpsc;

use eframe::egui;
use notify::Watcher as _;

use crate::annotate::{Anchor, IndexedText, resolve_anchor};
use crate::document::{Document, outline_of};
use crate::import::ImportError;
use crate::store::{COPY_QUIET_TIME, SidecarLocation, is_conflict_copy};

use super::{DocumentSession, SessionProblem, TickOutcome};

/// Something changed on disk.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum DiskChange {
    Article,
    Sidecar,
}

/// What changed since the last look.
#[derive(Clone, Copy, Debug, Default)]
pub(super) struct DiskChanges {
    pub article: bool,
    pub sidecar: bool,
}

/// Watches the article's folder for changes to the article and its sidecar.
pub(super) struct DiskWatcher {
    _watcher: notify::RecommendedWatcher,
    changes: mpsc::Receiver<DiskChange>,
}

impl DiskWatcher {
    pub(super) fn start(
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
                    } else if sidecars.contains(path) || is_conflict_copy(&sidecars[0], path) {
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

    /// Everything that changed since the last call.
    pub(super) fn take_changes(&self) -> DiskChanges {
        let mut changes = DiskChanges::default();
        for change in self.changes.try_iter() {
            match change {
                DiskChange::Article => changes.article = true,
                DiskChange::Sidecar => changes.sidecar = true,
            }
        }
        changes
    }
}

fn article_folder(article: &Path) -> PathBuf {
    article
        .parent()
        .filter(|p| !p.as_os_str().is_empty())
        .map_or_else(|| PathBuf::from("."), Path::to_path_buf)
}

impl DocumentSession {
    /// The article changed on disk: it is read again on a worker thread
    /// (never in a frame); `poll_reload` takes the result.
    pub(super) fn reload_article(&mut self, ctx: &egui::Context) {
        let Some(path) = self.path.clone() else {
            return;
        };
        let (sender, result) = mpsc::channel();
        let ctx = ctx.clone();
        let password = self.pdf_password.clone();
        std::thread::spawn(move || {
            let read = crate::import::import_path_with_password(&path, password.as_deref());
            // The receiver is gone only when the document was closed.
            let _ = sender.send(read);
            ctx.request_repaint();
        });
        self.reloading = Some(result);
    }

    /// Takes the article read again, re-anchoring its annotations.
    pub(super) fn poll_reload(&mut self, reading_position_char: usize, outcome: &mut TickOutcome) {
        let Some(reloading) = &self.reloading else {
            return;
        };
        let read = match reloading.try_recv() {
            Ok(read) => read,
            Err(mpsc::TryRecvError::Empty) => return,
            Err(mpsc::TryRecvError::Disconnected) => {
                self.reloading = None;
                return;
            }
        };
        self.reloading = None;
        match read {
            Ok(document) if document.text() == self.document.text() => {}
            Ok(document) => {
                let position = moved_position(&self.document, &document, reading_position_char);
                self.store.document_changed(&document);
                self.outline = outline_of(&document);
                self.document = document;
                self.annotations_changed();
                outcome.reloaded_at_char = Some(position);
            }
            Err(ImportError::NotFound { path }) => {
                outcome.problems.push(SessionProblem::ArticleGone { path });
            }
            Err(error) => outcome
                .problems
                .push(SessionProblem::ArticleUnreadable(error)),
        }
    }

    /// Another writer changed the sidecar: its annotations come in.
    /// A conflict copy that did not read while it was still arriving is
    /// looked at again once it has been quiet (no event may come then).
    pub(super) fn recheck_settling_copies(
        &mut self,
        ctx: &egui::Context,
        outcome: &mut TickOutcome,
    ) {
        if !self.store.conflict_copies_settling() {
            self.recheck_copies_at = None;
            return;
        }
        let now = std::time::Instant::now();
        let at = *self
            .recheck_copies_at
            .get_or_insert(now + COPY_QUIET_TIME + std::time::Duration::from_millis(100));
        if now < at {
            ctx.request_repaint_after(at - now);
            return;
        }
        self.recheck_copies_at = None;
        if self.pending.is_none() {
            self.merge_from_disk(outcome);
        }
        if self.store.conflict_copies_settling() {
            ctx.request_repaint_after(COPY_QUIET_TIME);
        }
    }

    pub(super) fn merge_from_disk(&mut self, outcome: &mut TickOutcome) {
        match self.store.merge_from_disk(&self.document) {
            Ok(true) => self.annotations_changed(),
            Ok(false) => {}
            Err(error) => outcome
                .problems
                .push(SessionProblem::Store(std::sync::Arc::new(error))),
        }
    }
}

/// Where a reading position in `old` is in `new`: the text there, found again.
fn moved_position(old: &Document, new: &Document, position_char: usize) -> usize {
    let old_text = IndexedText::new(old.text());
    let anchor = Anchor::from_range(&old_text, position_char..position_char + 64);
    let new_text = IndexedText::new(new.text());
    resolve_anchor(&new_text, &anchor, 0)
        .range
        .map_or(position_char.min(new.char_count()), |r| r.start)
}
