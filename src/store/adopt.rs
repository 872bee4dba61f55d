//! Annotations that were kept elsewhere come back into the sidecar: the
//! recovery file's (once the sidecar reads again) and the data folder's copy
//! (once the article's folder can be written), by id; and what the store
//! tells the user of it.

use std::path::{Path, PathBuf};

use crate::document::Document;

use super::conflicts::read_conflict_copies;
use super::{AnnotationStore, read_sidecar};

/// Something the store did that the user should hear of.
#[derive(Clone, Debug, PartialEq, Eq, thiserror::Error)]
pub enum StoreNotice {
    #[error("{}: {count} annotation(s) shared an id with another; each is kept, under an id of its own", path.display())]
    SharedIds { path: PathBuf, count: usize },
    #[error("{count} annotation(s) saved in {} while the sidecar could not be read are back in it; the recovery file is removed once they are saved", recovery.display())]
    RecoveryAdopted { recovery: PathBuf, count: usize },
    #[error("{count} annotation(s) from {} (kept there while the article's folder could not be written) are merged in", copy.display())]
    CopyMerged { copy: PathBuf, count: usize },
    /// A sync tool's conflict copies were merged in (and go after the save).
    #[error("{}", devices_merged_text(*count, *kept_both))]
    DevicesMerged { count: usize, kept_both: usize },
    #[error("{}: a sync conflict copy that cannot be merged ({problem}); it is kept as {}", copy.display(), kept.display())]
    ConflictCopySetAside {
        copy: PathBuf,
        kept: PathBuf,
        problem: String,
    },
}

impl AnnotationStore {
    /// The sidecar reads well again: annotations left in the recovery file
    /// while it could not be read come back (by id); the file goes after
    /// the next save.
    pub(super) fn adopt_recovery_file(&mut self) {
        let recovery = self.location.recovery_path();
        let Some(count) = self.merge_copy(&recovery) else {
            return;
        };
        self.copies_to_remove.push(recovery.clone());
        self.notices
            .push(StoreNotice::RecoveryAdopted { recovery, count });
    }

    /// Another copy of this article's annotations (see `other_copy`) comes
    /// in by id; when `remove`, the copy goes after the next save.
    pub(super) fn adopt_copy(&mut self, copy: &Path, remove: bool, document: &Document) {
        let Some(count) = self.merge_copy(copy) else {
            return;
        };
        if remove {
            self.copies_to_remove.push(copy.to_path_buf());
        }
        self.reanchor_all(document);
        self.notices.push(StoreNotice::CopyMerged {
            copy: copy.to_path_buf(),
            count,
        });
    }

    /// Sync tools' conflict copies of the sidecar come in by id; each goes
    /// after the next save (which reads them again under the lock). Returns
    /// whether any annotation changed.
    pub(super) fn adopt_conflict_copies(&mut self) -> bool {
        let copies = read_conflict_copies(&self.location.path, &self.info);
        // Copies still arriving are looked at again once quiet.
        self.copies_settling = !copies.settling.is_empty();
        if copies.read.is_empty() && copies.unreadable.is_empty() {
            return false;
        }
        // A save comes soon: it merges them under the lock and removes them
        // (an unreadable one is moved to the data folder's merged/).
        self.generation += 1;
        let (mut count, mut kept_both) = (0, 0);
        for (path, set) in copies.read {
            let counts = self.set.merge_told(&set);
            count += counts.taken;
            kept_both += counts.kept_beside;
            if !self.copies_to_remove.contains(&path) {
                self.copies_to_remove.push(path);
            }
        }
        if count + kept_both > 0 {
            self.notices
                .push(StoreNotice::DevicesMerged { count, kept_both });
        }
        count + kept_both > 0
    }

    /// Whether a sync tool's conflict copy beside the sidecar did not read
    /// while it was still being written: look again (`merge_from_disk`)
    /// once it has been quiet for [`COPY_QUIET_TIME`](super::COPY_QUIET_TIME).
    pub fn conflict_copies_settling(&self) -> bool {
        self.copies_settling
    }

    /// Merges the sidecar at `path` in; how many annotations it brought.
    fn merge_copy(&mut self, path: &Path) -> Option<usize> {
        let Ok(Some(sidecar)) = read_sidecar(path) else {
            return None;
        };
        let count = sidecar
            .set
            .iter()
            .filter(|a| self.set.get(a.id) != Some(*a))
            .count();
        self.set.merge(&sidecar.set);
        self.generation += 1;
        Some(count)
    }
}

/// "Merged 3 highlights from another device", and what was kept twice.
fn devices_merged_text(count: usize, kept_both: usize) -> String {
    let plural = |n: usize| if n == 1 { "" } else { "s" };
    let merged = format!(
        "Merged {count} highlight{} from another device",
        plural(count)
    );
    let kept = format!(
        "{kept_both} highlight{} edited on both devices kept twice (tagged conflict)",
        plural(kept_both)
    );
    match (count, kept_both) {
        (_, 0) => merged,
        (0, _) => kept,
        _ => format!("{merged}; {kept}"),
    }
}
