//! The annotation store: the RON sidecar beside the article, re-anchoring on
//! load, atomic saves that merge with whatever is on disk under an advisory
//! lock, a recovery file when the sidecar cannot be parsed, and exports.

mod adopt;
mod anchors;
mod atomic;
mod citation;
mod conflicts;
mod device;
mod edits;
mod error;
mod exchange;
mod export;
mod export_target;
mod files;
mod html_export;
mod html_picture;
mod import;
mod merge;
mod replace;
mod save;
mod set;
mod sidecar;
mod unknown;
mod version;
mod w3c_export;

pub use adopt::StoreNotice;
pub use atomic::{follow_links, write_atomically};
pub use citation::{Citation, QuotePlace, quote_with_citation};
pub use conflicts::{COPY_QUIET_TIME, conflict_copies, is_conflict_copy};
pub use device::this_device;
pub use error::StoreError;
pub use exchange::{
    ExchangeError, ImportedAnnotation, MAX_NOTE_BYTES, SkippedItem, annotations_from_json,
    annotations_from_json_with_skipped, hashtags, markdown_digest,
};
pub use export::{
    AnnotationFile, AnnotationFileError, ArticleSource, ExportFormat, ImportSummary,
    MAX_ANNOTATION_JSON_BYTES, export_annotations, export_job, read_annotation_file,
};
pub use export_target::{ExportTargetError, check_export_target, write_export};
pub use files::{
    DATA_DIR_VARIABLE, LOCK_TIMEOUT, SIDECAR_SUFFIX, SidecarLocation, WriterLock, data_folder,
    locate_sidecar, other_copy, sidecar_path_beside,
};
pub use import::ImportOutcome;
pub use merge::{CONFLICT_TAG, MergeReport, merge_sidecar_files, merge_sidecars, merge_three_way};
pub use replace::ReplaceJob;
pub use save::{FileStamp, SaveJob, SaveOutcome, read_sidecar};
pub use set::AnnotationSet;
pub use w3c_export::w3c_page;

pub use sidecar::{
    DocumentInfo, FORMAT_NAME, FORMAT_VERSION, MAX_SIDECAR_BYTES, Sidecar, Tombstone,
    parse_sidecar, sidecar_to_string, sidecar_to_string_keeping, text_hash,
};

use std::collections::HashMap;
use std::path::{Path, PathBuf};
use std::sync::Arc;

use uuid::Uuid;

use crate::annotate::{AnchorResolution, AnchorStatus, Annotation};
use crate::document::Document;

use save::{KnownDisk, read_sidecar_stamped};

/// How the store may write.
#[derive(Clone, Debug)]
pub enum StoreMode {
    /// Reads and writes the sidecar.
    Normal,
    /// The sidecar cannot be used: it is never overwritten, and annotations
    /// made meanwhile go to the recovery file.
    Recovery {
        problem: Arc<StoreError>,
        recovery: PathBuf,
    },
    /// Nothing is written (a newer format, an unreadable file).
    ReadOnly { problem: Arc<StoreError> },
}

impl StoreMode {
    pub fn is_normal(&self) -> bool {
        matches!(self, StoreMode::Normal)
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
    /// What the user should hear of: ids made unique, recovered annotations.
    notices: Vec<StoreNotice>,
    /// Recovery files, the data folder's copy and sync tools' conflict
    /// copies whose annotations came into this sidecar: removed once they
    /// are saved there.
    copies_to_remove: Vec<PathBuf>,
    /// A conflict copy did not read while still being written.
    copies_settling: bool,
    /// The name edits are counted under, when not this machine's (tests
    /// play several machines in one process).
    device: Option<String>,
}

impl AnnotationStore {
    /// Opens the annotations of the article at `article` (which `document`
    /// was imported from). Problems with the sidecar do not fail: they set
    /// the store's mode, which says what is wrong and where things go.
    pub fn open(article: &Path, document: &Document) -> Self {
        let location = locate_sidecar(article);
        let other = other_copy(article, &location);
        let mut store = Self::open_at(location, document, &file_name_of(article));
        if let Some((other, remove)) = other
            && store.mode.is_normal()
        {
            store.adopt_copy(&other, remove, document);
        }
        store
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
            copies_settling: false,
            notices: Vec::new(),
            copies_to_remove: Vec::new(),
            device: None,
        };
        let loaded = read_sidecar_stamped(&store.location.path);
        match loaded {
            Ok(Some((sidecar, stamp))) => store.take_sidecar(sidecar, stamp, document),
            Ok(None) => {
                if store.adopt_conflict_copies() {
                    store.reanchor_all(document);
                }
            }
            Err(
                error @ (StoreError::NewerVersion { .. }
                | StoreError::Read { .. }
                | StoreError::NotAFile { .. }),
            ) => {
                store.mode = StoreMode::ReadOnly {
                    problem: Arc::new(error),
                };
            }
            Err(error) => store.recover(error, document),
        }
        store
    }

    /// The sidecar read at open: its annotations (two with one id get an
    /// id each, written back soon), read-only when a newer version wrote
    /// it, then the recovery file and conflict copies adopted.
    fn take_sidecar(&mut self, sidecar: Sidecar, stamp: FileStamp, document: &Document) {
        self.set = sidecar.set.clone();
        if !sidecar.renamed.is_empty() {
            self.notices.push(StoreNotice::SharedIds {
                path: self.location.path.clone(),
                count: sidecar.renamed.len(),
            });
            self.generation += 1;
        }
        if sidecar.version > FORMAT_VERSION {
            self.mode = StoreMode::ReadOnly {
                problem: Arc::new(StoreError::NewerVersion {
                    path: self.location.path.clone(),
                    version: sidecar.version,
                }),
            };
        }
        self.known = Some(KnownDisk { stamp, sidecar });
        self.adopt_recovery_file();
        self.adopt_conflict_copies();
        self.reanchor_all(document);
    }

    /// A sidecar that cannot be parsed is never written over: the store
    /// works in recovery mode, beside it, with annotations made in an
    /// earlier session in recovery mode back.
    fn recover(&mut self, error: StoreError, document: &Document) {
        let recovery = self.location.recovery_path();
        if let Ok(Some(sidecar)) = read_sidecar(&recovery) {
            self.set = sidecar.set;
            self.reanchor_all(document);
        }
        self.mode = StoreMode::Recovery {
            problem: Arc::new(error),
            recovery,
        };
    }

    pub fn location(&self) -> &SidecarLocation {
        &self.location
    }

    /// What the store did that the user should hear of (since it opened).
    pub fn notices(&self) -> &[StoreNotice] {
        &self.notices
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
            (start, a.anchor.start_char, a.id)
        });
        all
    }

    /// Whether there are edits that are not on disk yet.
    pub fn has_unsaved_changes(&self) -> bool {
        self.generation > self.saved_generation
    }

    /// Counts this store's edits under `device` instead of this machine's name.
    pub fn set_device(&mut self, device: &str) {
        self.device = Some(device.to_owned());
    }

    /// The sidecar as it would be written now.
    pub fn to_sidecar_string(&self) -> String {
        let unknown: &[(String, String)] = self
            .known
            .as_ref()
            .map_or(&[], |k| k.sidecar.unknown_fields.as_slice());
        sidecar_to_string_keeping(&self.info, &self.set, unknown)
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
                    problem: problem.clone(),
                });
            }
        };
        let mut job = self.save_job_to(path, self.known.clone());
        if self.mode.is_normal() {
            job.remove_after.clone_from(&self.copies_to_remove);
        }
        Ok(Some(job))
    }

    /// A snapshot of everything in memory, to be merged into `path`.
    fn save_job_to(&self, path: PathBuf, known: Option<KnownDisk>) -> SaveJob {
        let lock_path = SidecarLocation {
            path: path.clone(),
            beside_article: self.location.beside_article,
        }
        .lock_path();
        SaveJob {
            path,
            lock_path,
            info: self.info.clone(),
            set: self.set.clone(),
            generation: self.generation,
            known,
            remove_after: Vec::new(),
        }
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
                self.copies_to_remove
                    .retain(|copy| !job.remove_after.contains(copy));
                self.notices.extend(outcome.notices);
                self.known = outcome.known;
                if self.set.merge(&outcome.set) {
                    self.reanchor_missing(document);
                }
                Ok(())
            }
            Err(error) if error.is_unusable_content() && self.mode.is_normal() => {
                let problem = Arc::new(error);
                self.mode = StoreMode::Recovery {
                    problem: problem.clone(),
                    recovery: self.location.recovery_path(),
                };
                self.known = None;
                Err(StoreError::Unusable { problem })
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

    /// Merges what is on disk now into memory (another window or a sync
    /// tool changed the sidecar). Returns whether anything changed.
    pub fn merge_from_disk(&mut self, document: &Document) -> Result<bool, StoreError> {
        let path = match &self.mode {
            StoreMode::Recovery { recovery, .. } => recovery.clone(),
            _ => self.location.path.clone(),
        };
        let mut changed = match read_sidecar(&path)? {
            Some(sidecar) => self.set.merge(&sidecar.set),
            None => false,
        };
        changed |= self.adopt_conflict_copies();
        if changed {
            self.reanchor_all(document);
        }
        Ok(changed)
    }
}

fn file_name_of(path: &Path) -> String {
    path.file_name()
        .map_or_else(String::new, |n| n.to_string_lossy().into_owned())
}
