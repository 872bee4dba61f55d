//! Helpers of the sync tests: one data folder per test binary, sidecars
//! written as the app writes them, the conflict-copy names of each sync tool.

use std::path::Path;
use std::sync::OnceLock;

use marginalia::annotate::Annotation;
use marginalia::document::Document;
use marginalia::import::import_path;
use marginalia::store::{AnnotationSet, AnnotationStore, DocumentInfo, sidecar_to_string};

/// One data folder for the whole test binary (the store reads it once).
pub fn data_folder() -> &'static Path {
    static DATA: OnceLock<tempfile::TempDir> = OnceLock::new();
    DATA.get_or_init(|| {
        let dir = tempfile::tempdir().unwrap();
        // SAFETY: set once, before any test reads it (every test calls this first).
        unsafe { std::env::set_var("MARGINALIA_DATA_DIR", dir.path()) };
        dir
    })
    .path()
}

pub const CONFLICT_NAMES: [&str; 7] = [
    "kerry-lavrov-meeting.txt.annotations.sync-conflict-20261127-101010-ABCDEFG.ron",
    "kerry-lavrov-meeting.txt.annotations (conflicted copy 2026-11-27 101010).ron",
    "kerry-lavrov-meeting.txt.annotations_conflict-20261127-101010.ron",
    "kerry-lavrov-meeting.txt.annotations (laptop's conflicted copy 2026-11-27).ron",
    "kerry-lavrov-meeting.txt.annotations-LAPTOP.ron",
    "kerry-lavrov-meeting.txt.annotations.Conflict.ron",
    "kerry-lavrov-meeting.txt.annotations.Conflict (1).ron",
];

/// Dates the file's last write a minute back: a copy that has been quiet.
pub fn written_long_ago(path: &Path) {
    let a_minute_ago = std::time::SystemTime::now() - std::time::Duration::from_secs(60);
    std::fs::File::options()
        .write(true)
        .open(path)
        .unwrap()
        .set_modified(a_minute_ago)
        .unwrap();
}

/// A sidecar file holding `annotations`, as the app writes it.
pub fn write_sidecar(path: &Path, document: &Document, annotations: &[&Annotation]) {
    let mut set = AnnotationSet::default();
    for annotation in annotations {
        set.upsert((*annotation).clone());
    }
    let info = DocumentInfo::of(document, "kerry-lavrov-meeting.txt");
    std::fs::write(path, sidecar_to_string(&info, &set)).unwrap();
}

/// Opens the article's annotations, changes them, saves.
pub fn edit(article: &Path, change: impl FnOnce(&mut AnnotationStore, &Document)) {
    let document = import_path(article).unwrap();
    let mut store = AnnotationStore::open(article, &document);
    change(&mut store, &document);
    store.save_now(&document).unwrap();
}

/// The sample article in a temporary folder, one highlight ("Cold War")
/// saved in its sidecar, open in the window.
pub struct OpenWithAHighlight {
    pub dir: tempfile::TempDir,
    pub article: std::path::PathBuf,
    pub document: Document,
    pub here: Annotation,
    pub harness: egui_kittest::Harness<'static, marginalia::ui::MarginaliaApp>,
}

pub fn open_with_a_highlight() -> OpenWithAHighlight {
    data_folder();
    let (dir, article) = super::app::article_in_temp();
    let document = import_path(&article).unwrap();
    let here = super::highlight(&document, "Cold War");
    write_sidecar(&super::app::sidecar_of(&article), &document, &[&here]);
    let start = marginalia::ui::StartWith::File(article.clone());
    let harness = super::app::app(start, [1000.0, 700.0]);
    OpenWithAHighlight {
        dir,
        article,
        document,
        here,
        harness,
    }
}
