//! The annotation store: the RON sidecar beside the article, re-anchoring on
//! load, atomic saves that merge with whatever is on disk under an advisory
//! lock, a recovery file when the sidecar cannot be parsed, and exports.

mod exchange;
mod files;
mod set;
mod sidecar;

pub use exchange::{
    ExchangeError, ImportedAnnotation, annotations_from_json, markdown_digest, w3c_page,
};
pub use files::{
    DATA_DIR_VARIABLE, SidecarLocation, WriterLock, data_folder, locate_sidecar,
    sidecar_path_beside, write_atomically,
};
pub use set::AnnotationSet;
pub use sidecar::{
    DocumentInfo, FORMAT_NAME, FORMAT_VERSION, MAX_SIDECAR_BYTES, Sidecar, Tombstone,
    parse_sidecar, sidecar_to_string, text_hash,
};

use std::collections::HashMap;
use std::io::Read as _;
use std::path::{Path, PathBuf};

use uuid::Uuid;

use crate::annotate::{
    Anchor, AnchorResolution, AnchorStatus, Annotation, Edit, IndexedText, anchor_all, now,
    resolve_anchor,
};
use crate::document::Document;

/// What can go wrong with a sidecar. Every message names the file.
#[derive(Debug, thiserror::Error)]
pub enum StoreError {
    #[error("{}:{line}:{column}: cannot be parsed: {message}", path.display())]
    Parse {
        path: PathBuf,
        line: usize,
        column: usize,
        message: String,
    },
    #[error("{}: is {size} bytes; a sidecar over 64 MiB is refused", path.display())]
    TooLarge { path: PathBuf, size: u64 },
    #[error("{}: is not a Marginalia sidecar (its format is {format:?})", path.display())]
    NotASidecar { path: PathBuf, format: String },
    #[error("{}: was written by a newer Marginalia (format version {version}); annotations are read-only", path.display())]
    NewerVersion { path: PathBuf, version: u32 },
    #[error("{}: cannot be read: {source}", path.display())]
    Read {
        path: PathBuf,
        #[source]
        source: std::io::Error,
    },
    #[error("{}: cannot be written: {source}", path.display())]
    Write {
        path: PathBuf,
        #[source]
        source: std::io::Error,
    },
    #[error("annotations are read-only: {reason}")]
    ReadOnly { reason: String },
}

impl StoreError {
    /// Whether the file is there but its content cannot be used as a sidecar.
    fn is_unusable_content(&self) -> bool {
        matches!(
            self,
            StoreError::Parse { .. } | StoreError::TooLarge { .. } | StoreError::NotASidecar { .. }
        )
    }
}

/// One version of a file on disk: any write or rename changes it.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct FileStamp {
    len: u64,
    modified: Option<std::time::SystemTime>,
    inode: u64,
}

impl FileStamp {
    fn of(metadata: &std::fs::Metadata) -> Self {
        #[cfg(unix)]
        let inode = std::os::unix::fs::MetadataExt::ino(metadata);
        #[cfg(not(unix))]
        let inode = 0;
        FileStamp {
            len: metadata.len(),
            modified: metadata.modified().ok(),
            inode,
        }
    }

    /// The stamp of the file at `path` now, `None` if there is none.
    pub fn of_path(path: &Path) -> Option<Self> {
        std::fs::metadata(path).ok().map(|m| Self::of(&m))
    }
}

/// Reads a sidecar, or `None` when there is none.
pub fn read_sidecar(path: &Path) -> Result<Option<Sidecar>, StoreError> {
    read_sidecar_stamped(path).map(|found| found.map(|(sidecar, _)| sidecar))
}

/// Reads a sidecar with the stamp of the very file read.
fn read_sidecar_stamped(path: &Path) -> Result<Option<(Sidecar, FileStamp)>, StoreError> {
    let read_error = |source| StoreError::Read {
        path: path.to_path_buf(),
        source,
    };
    let file = match std::fs::File::open(path) {
        Ok(file) => file,
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => return Ok(None),
        Err(e) => return Err(read_error(e)),
    };
    let metadata = file.metadata().map_err(read_error)?;
    let size = metadata.len();
    if size > MAX_SIDECAR_BYTES {
        return Err(StoreError::TooLarge {
            path: path.to_path_buf(),
            size,
        });
    }
    let mut bytes = Vec::with_capacity(size as usize);
    file.take(MAX_SIDECAR_BYTES + 1)
        .read_to_end(&mut bytes)
        .map_err(read_error)?;
    let sidecar = parse_sidecar(&bytes, path)?;
    Ok(Some((sidecar, FileStamp::of(&metadata))))
}

/// A sidecar as last read or written, and the stamp of that file.
#[derive(Clone, Debug)]
struct KnownDisk {
    stamp: FileStamp,
    sidecar: Sidecar,
}

/// How the store may write.
#[derive(Clone, Debug, PartialEq)]
pub enum StoreMode {
    /// Reads and writes the sidecar.
    Normal,
    /// The sidecar cannot be used: it is never overwritten, and annotations
    /// made meanwhile go to the recovery file.
    Recovery { problem: String, recovery: PathBuf },
    /// Nothing is written (a newer format, an unreadable file).
    ReadOnly { problem: String },
}

/// The file a save writes to, and a snapshot of what it writes.
#[derive(Clone, Debug)]
pub struct SaveJob {
    path: PathBuf,
    lock_path: PathBuf,
    info: DocumentInfo,
    set: AnnotationSet,
    generation: u64,
    /// What the store last saw on disk: if the file is still that one, it
    /// need not be read and parsed again.
    known: Option<KnownDisk>,
}

/// What a save left on disk.
#[derive(Clone, Debug)]
pub struct SaveOutcome {
    /// The merged annotations now in the file.
    pub set: AnnotationSet,
    known: Option<KnownDisk>,
}

impl SaveJob {
    pub fn path(&self) -> &Path {
        &self.path
    }

    /// Under the writers' lock: reads what is on disk now, merges this
    /// snapshot into it, and writes the result atomically if it differs.
    /// Never writes over a file it cannot parse.
    pub fn run(&self) -> Result<SaveOutcome, StoreError> {
        let write_error = |source| StoreError::Write {
            path: self.path.clone(),
            source,
        };
        let _lock = WriterLock::acquire(&self.lock_path).map_err(write_error)?;
        // Under the lock no other writer is mid-write: temporary files left
        // here are from a writer that was killed.
        remove_stale_temporaries(&self.path);
        let on_disk = match (&self.known, FileStamp::of_path(&self.path)) {
            (Some(known), Some(now)) if known.stamp == now => Some(known.clone()),
            _ => read_sidecar_stamped(&self.path)?
                .map(|(sidecar, stamp)| KnownDisk { stamp, sidecar }),
        };
        let mut merged = on_disk
            .as_ref()
            .map(|d| d.sidecar.set.clone())
            .unwrap_or_default();
        merged.merge(&self.set);
        let unchanged = on_disk
            .as_ref()
            .is_some_and(|d| d.sidecar.set == merged && d.sidecar.document == self.info);
        if unchanged {
            return Ok(SaveOutcome {
                set: merged,
                known: on_disk,
            });
        }
        let text = sidecar_to_string(&self.info, &merged);
        let written = write_atomically(&self.path, text.as_bytes()).map_err(write_error)?;
        let known = Some(KnownDisk {
            stamp: FileStamp::of(&written),
            sidecar: Sidecar {
                document: self.info.clone(),
                set: merged.clone(),
            },
        });
        Ok(SaveOutcome { set: merged, known })
    }
}

/// The annotations of one open article.
#[derive(Debug)]
pub struct AnnotationStore {
    location: SidecarLocation,
    info: DocumentInfo,
    set: AnnotationSet,
    resolutions: HashMap<Uuid, AnchorResolution>,
    mode: StoreMode,
    /// Counts edits; `saved_generation` is the last one on disk.
    generation: u64,
    saved_generation: u64,
    /// The file the store last read or wrote (only for the file it writes).
    known: Option<KnownDisk>,
}

impl AnnotationStore {
    /// Opens the annotations of the article at `article` (which `document`
    /// was imported from). Problems with the sidecar do not fail: they set
    /// the store's mode, which says what is wrong and where things go.
    pub fn open(article: &Path, document: &Document) -> Self {
        Self::open_at(locate_sidecar(article), document, &file_name_of(article))
    }

    pub fn open_at(location: SidecarLocation, document: &Document, file_name: &str) -> Self {
        let info = DocumentInfo::of(document, file_name);
        let mut store = AnnotationStore {
            location,
            info,
            set: AnnotationSet::default(),
            resolutions: HashMap::new(),
            mode: StoreMode::Normal,
            generation: 0,
            saved_generation: 0,
            known: None,
        };
        let loaded = read_sidecar_stamped(&store.location.path);
        match loaded {
            Ok(Some((sidecar, stamp))) => {
                store.set = sidecar.set.clone();
                store.known = Some(KnownDisk { stamp, sidecar });
                store.reanchor_all(document);
            }
            Ok(None) => {}
            Err(error @ StoreError::NewerVersion { .. }) | Err(error @ StoreError::Read { .. }) => {
                store.mode = StoreMode::ReadOnly {
                    problem: error.to_string(),
                };
            }
            Err(error) => {
                let recovery = store.location.recovery_path();
                // Annotations made in an earlier session in recovery mode come back.
                if let Ok(Some(sidecar)) = read_sidecar(&recovery) {
                    store.set = sidecar.set;
                    store.reanchor_all(document);
                }
                store.mode = StoreMode::Recovery {
                    problem: error.to_string(),
                    recovery,
                };
            }
        }
        store
    }

    pub fn location(&self) -> &SidecarLocation {
        &self.location
    }

    pub fn mode(&self) -> &StoreMode {
        &self.mode
    }

    pub fn set(&self) -> &AnnotationSet {
        &self.set
    }

    pub fn len(&self) -> usize {
        self.set.len()
    }

    pub fn is_empty(&self) -> bool {
        self.set.is_empty()
    }

    pub fn get(&self, id: Uuid) -> Option<&Annotation> {
        self.set.get(id)
    }

    pub fn resolution(&self, id: Uuid) -> Option<&AnchorResolution> {
        self.resolutions.get(&id)
    }

    pub fn status(&self, id: Uuid) -> AnchorStatus {
        self.resolutions
            .get(&id)
            .map_or(AnchorStatus::Orphaned, |r| r.status)
    }

    /// Annotations in document order (orphans last), with where they are now.
    pub fn annotations(&self) -> Vec<(&Annotation, &AnchorResolution)> {
        const ORPHAN: AnchorResolution = AnchorResolution {
            range: None,
            status: AnchorStatus::Orphaned,
        };
        let mut all: Vec<(&Annotation, &AnchorResolution)> = self
            .set
            .iter()
            .map(|a| (a, self.resolutions.get(&a.id).unwrap_or(&ORPHAN)))
            .collect();
        all.sort_by_key(|(a, r)| {
            let start = r.range.as_ref().map_or(usize::MAX, |r| r.start);
            (start, a.anchor.start, a.id)
        });
        all
    }

    /// Whether there are edits that are not on disk yet.
    pub fn has_unsaved_changes(&self) -> bool {
        self.generation > self.saved_generation
    }

    /// Adds a new annotation (anchored where it was made).
    pub fn add(&mut self, annotation: Annotation) {
        self.resolutions.insert(
            annotation.id,
            AnchorResolution {
                range: Some(annotation.anchor.range()),
                status: AnchorStatus::Anchored,
            },
        );
        self.set.upsert(annotation);
        self.generation += 1;
    }

    /// Changes an annotation and marks it modified now.
    pub fn update(&mut self, id: Uuid, change: impl FnOnce(&mut Annotation)) -> bool {
        let Some(mut annotation) = self.set.get(id).cloned() else {
            return false;
        };
        change(&mut annotation);
        annotation.touch();
        self.set.upsert(annotation);
        self.generation += 1;
        true
    }

    /// Stores a new version of an annotation (or brings a deleted one back),
    /// modified now, so it wins over older copies and tombstones in merges.
    pub fn put(&mut self, mut annotation: Annotation, document: &Document) {
        annotation.modified = now().max(annotation.modified);
        let anchor_changed = self
            .set
            .get(annotation.id)
            .is_none_or(|old| old.anchor != annotation.anchor);
        if anchor_changed || !self.resolutions.contains_key(&annotation.id) {
            let text = IndexedText::new(document.text());
            let resolution = resolve_anchor(&text, &annotation.anchor, 0);
            self.resolutions.insert(annotation.id, resolution);
        }
        self.set.upsert(annotation);
        self.generation += 1;
    }

    /// Applies an edit (from the UI or from undo and redo).
    pub fn apply(&mut self, edit: &Edit, document: &Document) {
        match edit {
            Edit::Create(annotation) => self.put(annotation.clone(), document),
            Edit::Delete(annotation) => {
                self.delete(annotation.id);
            }
            Edit::Change { after, .. } => self.put(after.clone(), document),
        }
    }

    /// Deletes an annotation, leaving a tombstone so merges delete it too.
    pub fn delete(&mut self, id: Uuid) -> Option<Annotation> {
        let removed = self.set.remove(id, now());
        if removed.is_some() {
            self.resolutions.remove(&id);
            self.generation += 1;
        }
        removed
    }

    /// Merges annotations from elsewhere (an import): per id the newest
    /// wins, so importing the same file twice changes nothing. Returns each
    /// given annotation's status after re-anchoring.
    pub fn import(
        &mut self,
        annotations: Vec<Annotation>,
        document: &Document,
    ) -> Vec<AnchorStatus> {
        let ids: Vec<Uuid> = annotations.iter().map(|a| a.id).collect();
        let mut incoming = AnnotationSet::default();
        for annotation in annotations {
            incoming.upsert(annotation);
        }
        if self.set.merge(&incoming) {
            self.generation += 1;
            self.reanchor_all(document);
        }
        ids.into_iter().map(|id| self.status(id)).collect()
    }

    /// The sidecar as it would be written now.
    pub fn to_sidecar_string(&self) -> String {
        sidecar_to_string(&self.info, &self.set)
    }

    /// A snapshot to save off the UI thread, if there is anything to save.
    pub fn save_job(&self) -> Result<Option<SaveJob>, StoreError> {
        if !self.has_unsaved_changes() {
            return Ok(None);
        }
        let path = match &self.mode {
            StoreMode::Normal => self.location.path.clone(),
            StoreMode::Recovery { recovery, .. } => recovery.clone(),
            StoreMode::ReadOnly { problem } => {
                return Err(StoreError::ReadOnly {
                    reason: problem.clone(),
                });
            }
        };
        let lock_path = SidecarLocation {
            path: path.clone(),
            beside_article: self.location.beside_article,
        }
        .lock_path();
        Ok(Some(SaveJob {
            path,
            lock_path,
            info: self.info.clone(),
            set: self.set.clone(),
            generation: self.generation,
            known: self.known.clone(),
        }))
    }

    /// Takes the result of a save job. Annotations another writer added
    /// come in; a sidecar found unparseable switches to recovery mode (and
    /// the next save goes to the recovery file).
    pub fn finish_save(
        &mut self,
        job: &SaveJob,
        result: Result<SaveOutcome, StoreError>,
        document: &Document,
    ) -> Result<(), StoreError> {
        match result {
            Ok(outcome) => {
                self.saved_generation = self.saved_generation.max(job.generation);
                self.known = outcome.known;
                if self.set.merge(&outcome.set) {
                    self.reanchor_missing(document);
                }
                Ok(())
            }
            Err(error) if error.is_unusable_content() && self.mode == StoreMode::Normal => {
                self.mode = StoreMode::Recovery {
                    problem: error.to_string(),
                    recovery: self.location.recovery_path(),
                };
                self.known = None;
                Err(error)
            }
            Err(error) => Err(error),
        }
    }

    /// Saves now, on this thread (the command line; tests).
    pub fn save_now(&mut self, document: &Document) -> Result<(), StoreError> {
        let Some(job) = self.save_job()? else {
            return Ok(());
        };
        let result = job.run();
        let outcome = self.finish_save(&job, result, document);
        if outcome.is_err() && matches!(self.mode, StoreMode::Recovery { .. }) {
            // The sidecar turned out unusable: keep the work in the recovery file.
            if let Some(job) = self.save_job()? {
                let result = job.run();
                self.finish_save(&job, result, document)?;
            }
        }
        outcome
    }

    /// The user's decision in recovery mode: the unreadable sidecar is kept
    /// under a new name (`<sidecar>.unreadable-<time>`), the annotations in
    /// memory (the recovery file's included) become the sidecar, and the
    /// recovery file goes. Returns where the unreadable file was kept.
    pub fn replace_unreadable_sidecar(
        &mut self,
        document: &Document,
    ) -> Result<PathBuf, StoreError> {
        let StoreMode::Recovery { recovery, .. } = self.mode.clone() else {
            return Err(StoreError::ReadOnly {
                reason: "the sidecar is readable; there is nothing to replace".to_owned(),
            });
        };
        let sidecar = self.location.path.clone();
        let stamp = now().strftime("%Y%m%dT%H%M%SZ").to_string();
        let mut kept_name = sidecar.file_name().unwrap_or_default().to_os_string();
        kept_name.push(format!(".unreadable-{stamp}"));
        let kept = sidecar.with_file_name(kept_name);
        let write_error = |source| StoreError::Write {
            path: sidecar.clone(),
            source,
        };
        {
            let _lock = WriterLock::acquire(&self.location.lock_path()).map_err(write_error)?;
            if sidecar.exists() {
                std::fs::rename(&sidecar, &kept).map_err(write_error)?;
            }
        }
        self.mode = StoreMode::Normal;
        self.known = None;
        self.generation += 1;
        self.save_now(document)?;
        if recovery.exists() {
            std::fs::remove_file(&recovery).map_err(|source| StoreError::Write {
                path: recovery.clone(),
                source,
            })?;
        }
        Ok(kept)
    }

    /// Merges what is on disk now into memory (another window or a sync
    /// tool changed the sidecar). Returns whether anything changed.
    pub fn merge_from_disk(&mut self, document: &Document) -> Result<bool, StoreError> {
        let path = match &self.mode {
            StoreMode::Recovery { recovery, .. } => recovery.clone(),
            _ => self.location.path.clone(),
        };
        let Some(sidecar) = read_sidecar(&path)? else {
            return Ok(false);
        };
        let changed = self.set.merge(&sidecar.set);
        if changed {
            self.reanchor_all(document);
        }
        Ok(changed)
    }

    /// The article changed: re-anchor everything against its new text.
    pub fn document_changed(&mut self, document: &Document) {
        self.info = DocumentInfo::of(document, &self.info.file_name);
        self.reanchor_all(document);
    }

    fn reanchor_all(&mut self, document: &Document) {
        let text = IndexedText::new(document.text());
        let ids: Vec<Uuid> = self.set.iter().map(|a| a.id).collect();
        let anchors: Vec<&Anchor> = self.set.iter().map(|a| &a.anchor).collect();
        let resolutions = anchor_all(&text, &anchors);
        self.resolutions = ids.into_iter().zip(resolutions).collect();
        self.adopt_moved_positions(&text);
    }

    fn reanchor_missing(&mut self, document: &Document) {
        if self
            .set
            .iter()
            .any(|a| !self.resolutions.contains_key(&a.id))
        {
            self.reanchor_all(document);
        }
    }

    /// Moved annotations keep their quote; their positions and context follow
    /// the text, so the next save records where they are now.
    fn adopt_moved_positions(&mut self, text: &IndexedText<'_>) {
        let moved: Vec<(Uuid, std::ops::Range<usize>)> = self
            .resolutions
            .iter()
            .filter(|(_, r)| r.status == AnchorStatus::Moved)
            .filter_map(|(id, r)| r.range.clone().map(|range| (*id, range)))
            .collect();
        for (id, range) in moved {
            if let Some(annotation) = self.set.get(id) {
                let mut updated = annotation.clone();
                updated.anchor = Anchor::from_range(text, range);
                self.set.upsert(updated);
            }
        }
    }
}

/// Deletes `.<sidecar name>.*.tmp` files beside `path` (see `write_atomically`).
fn remove_stale_temporaries(path: &Path) {
    let (Some(dir), Some(name)) = (path.parent(), path.file_name()) else {
        return;
    };
    let prefix = format!(".{}.", name.to_string_lossy());
    let Ok(entries) = std::fs::read_dir(dir) else {
        return;
    };
    for entry in entries.flatten() {
        let file_name = entry.file_name();
        let file_name = file_name.to_string_lossy();
        if file_name.starts_with(&prefix) && file_name.ends_with(".tmp") {
            // Best effort: a leftover that cannot be removed does no harm.
            let _ = std::fs::remove_file(entry.path());
        }
    }
}

fn file_name_of(path: &Path) -> String {
    path.file_name()
        .map_or_else(String::new, |n| n.to_string_lossy().into_owned())
}
