//! Many machines: sidecars merge as a join (property tests over random
//! versions), sync tools' conflict copies are merged and removed (or kept
//! aside when unreadable), git merges sidecars through the driver, and
//! three replicas syncing like Syncthing end byte-identical, losing nothing.

mod common;

use std::collections::BTreeSet;
use std::path::{Path, PathBuf};
use std::sync::OnceLock;

use egui_kittest::kittest::Queryable as _;
use jiff::Timestamp;
use marginalia::annotate::{Annotation, HighlightColor, IndexedText};
use marginalia::document::Document;
use marginalia::import::{import_bytes, import_path};
use marginalia::store::{
    AnnotationSet, AnnotationStore, DocumentInfo, StoreNotice, read_sidecar, sidecar_to_string,
};
use proptest::prelude::*;
use uuid::Uuid;

const TEXT: &str = "One two three four five six seven eight nine ten eleven twelve.\n";

/// One data folder for the whole test binary (the store reads it once).
fn data_folder() -> &'static Path {
    static DATA: OnceLock<tempfile::TempDir> = OnceLock::new();
    DATA.get_or_init(|| {
        let dir = tempfile::tempdir().unwrap();
        // SAFETY: set once, before any test reads it (every test calls this first).
        unsafe { std::env::set_var("MARGINALIA_DATA_DIR", dir.path()) };
        dir
    })
    .path()
}

// ---------------------------------------------------------------------------
// The join, over random versions.

/// What a replica holds for one id: nothing, a version, or a deletion.
#[derive(Clone, Debug)]
enum Held {
    Nothing,
    Version { at_ms: i64, note: u8, color: u8 },
    Deleted { at_ms: i64 },
}

fn held() -> impl Strategy<Value = Held> {
    prop_oneof![
        Just(Held::Nothing),
        (0..4i64, 0..3u8, 0..2u8).prop_map(|(at_ms, note, color)| Held::Version {
            at_ms,
            note,
            color
        }),
        (0..4i64).prop_map(|at_ms| Held::Deleted { at_ms }),
    ]
}

fn set_of(held: &[Held]) -> AnnotationSet {
    let text = IndexedText::new(TEXT);
    let epoch = Timestamp::from_millisecond(1_800_000_000_000).unwrap();
    let at = |ms: i64| Timestamp::from_millisecond(epoch.as_millisecond() + ms).unwrap();
    let mut set = AnnotationSet::default();
    for (index, held) in held.iter().enumerate() {
        let id = Uuid::from_u128(index as u128 + 1);
        match *held {
            Held::Nothing => {}
            Held::Version { at_ms, note, color } => {
                let color = [HighlightColor::Yellow, HighlightColor::Green][color as usize];
                let mut annotation = Annotation::new(&text, index * 4..index * 4 + 3, color);
                annotation.id = id;
                annotation.created = epoch;
                annotation.modified = at(at_ms);
                annotation.note = format!("note {note}");
                set.upsert(annotation);
            }
            Held::Deleted { at_ms } => set.bury(id, at(at_ms)),
        }
    }
    set
}

fn info() -> &'static DocumentInfo {
    static INFO: OnceLock<DocumentInfo> = OnceLock::new();
    INFO.get_or_init(|| {
        let document = import_bytes(TEXT.as_bytes(), Some(Path::new("a.txt"))).unwrap();
        DocumentInfo::of(&document, "a.txt")
    })
}

fn merged(a: &AnnotationSet, b: &AnnotationSet) -> AnnotationSet {
    let mut merged = a.clone();
    merged.merge(b);
    merged
}

fn bytes(set: &AnnotationSet) -> String {
    sidecar_to_string(info(), set)
}

fn ids(set: &AnnotationSet) -> BTreeSet<Uuid> {
    let kept = set.iter().map(|a| a.id);
    kept.chain(set.tombstones().iter().map(|t| t.id)).collect()
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(10_000))]

    #[test]
    fn merging_is_a_join_that_loses_nothing(
        a in prop::collection::vec(held(), 4),
        b in prop::collection::vec(held(), 4),
        c in prop::collection::vec(held(), 4),
    ) {
        let (a, b, c) = (set_of(&a), set_of(&b), set_of(&c));
        // Commutative, to the byte.
        prop_assert_eq!(bytes(&merged(&a, &b)), bytes(&merged(&b, &a)));
        // Associative.
        prop_assert_eq!(
            bytes(&merged(&merged(&a, &b), &c)),
            bytes(&merged(&a, &merged(&b, &c)))
        );
        // Idempotent.
        prop_assert_eq!(bytes(&merged(&a, &a)), bytes(&a));
        let ab = merged(&a, &b);
        prop_assert!(!ab.clone().merge(&b), "merging again changes nothing");
        // Every id either side held is there, as an annotation or a tombstone.
        let all: BTreeSet<Uuid> = ids(&a).union(&ids(&b)).copied().collect();
        prop_assert_eq!(ids(&ab), all);
    }
}

// ---------------------------------------------------------------------------
// Conflict copies.

const CONFLICT_NAMES: [&str; 7] = [
    "kerry-lavrov-meeting.txt.annotations.sync-conflict-20261127-101010-ABCDEFG.ron",
    "kerry-lavrov-meeting.txt.annotations (conflicted copy 2026-11-27 101010).ron",
    "kerry-lavrov-meeting.txt.annotations_conflict-20261127-101010.ron",
    "kerry-lavrov-meeting.txt.annotations (laptop's conflicted copy 2026-11-27).ron",
    "kerry-lavrov-meeting.txt.annotations-LAPTOP.ron",
    "kerry-lavrov-meeting.txt.annotations.Conflict.ron",
    "kerry-lavrov-meeting.txt.annotations.Conflict (1).ron",
];

/// A sidecar file holding `annotations`, as the app writes it.
fn write_sidecar(path: &Path, document: &Document, annotations: &[&Annotation]) {
    let mut set = AnnotationSet::default();
    for annotation in annotations {
        set.upsert((*annotation).clone());
    }
    let info = DocumentInfo::of(document, "kerry-lavrov-meeting.txt");
    std::fs::write(path, sidecar_to_string(&info, &set)).unwrap();
}

#[test]
fn conflict_copies_of_every_sync_tool_are_merged_then_removed() {
    data_folder();
    for name in CONFLICT_NAMES {
        let (dir, article, document) = common::sample_in_temp();
        let sidecar = common::app::sidecar_of(&article);
        let here = common::highlight(&document, "Cold War");
        let there = common::highlight(&document, "naval base");
        write_sidecar(&sidecar, &document, &[&here]);
        let copy = dir.path().join(name);
        write_sidecar(&copy, &document, &[&there]);

        let mut store = AnnotationStore::open(&article, &document);
        assert!(
            store.get(there.id).is_some(),
            "{name}: the other device's highlight shows"
        );
        assert!(
            store
                .notices()
                .contains(&StoreNotice::DevicesMerged { count: 1 }),
            "{name}: {:?}",
            store.notices()
        );
        assert_eq!(
            StoreNotice::DevicesMerged { count: 1 }.to_string(),
            "Merged 1 highlight from another device"
        );
        store.save_now(&document).unwrap();
        let saved = read_sidecar(&sidecar).unwrap().unwrap();
        assert!(
            saved.set.get(here.id).is_some() && saved.set.get(there.id).is_some(),
            "{name}"
        );
        assert!(
            !copy.exists(),
            "{name}: the copy goes once merged and written"
        );
    }
}

#[test]
fn an_unreadable_conflict_copy_is_kept_aside_and_reported() {
    let data = data_folder();
    let (dir, article, document) = common::sample_in_temp();
    let sidecar = common::app::sidecar_of(&article);
    let here = common::highlight(&document, "Cold War");
    write_sidecar(&sidecar, &document, &[&here]);
    let copy = dir.path().join(CONFLICT_NAMES[0]);
    std::fs::write(
        &copy,
        "(format: \"marginalia-annotations\", version: 1, broken",
    )
    .unwrap();

    let mut store = AnnotationStore::open(&article, &document);
    assert!(store.mode().is_normal(), "{:?}", store.mode());
    store.save_now(&document).unwrap();
    assert!(!copy.exists(), "moved, not left to be read again and again");
    let kept = data.join("merged").join(CONFLICT_NAMES[0]);
    assert!(kept.exists(), "kept in the data folder's merged/");
    let told = store.notices().iter().any(|notice| {
        matches!(notice, StoreNotice::ConflictCopySetAside { copy: c, kept: k, .. } if *c == copy && *k == kept)
    });
    assert!(told, "{:?}", store.notices());
    assert!(
        read_sidecar(&sidecar)
            .unwrap()
            .unwrap()
            .set
            .get(here.id)
            .is_some()
    );
}

#[test]
fn export_includes_conflict_copies_without_writing() {
    data_folder();
    let (dir, article, document) = common::sample_in_temp();
    let sidecar = common::app::sidecar_of(&article);
    let here = common::highlight(&document, "Cold War");
    let there = common::highlight(&document, "naval base");
    write_sidecar(&sidecar, &document, &[&here]);
    let copy = dir.path().join(CONFLICT_NAMES[1]);
    write_sidecar(&copy, &document, &[&there]);
    let before = std::fs::read(&sidecar).unwrap();
    let output = std::process::Command::new(env!("CARGO_BIN_EXE_marginalia"))
        .args(["export", article.to_str().unwrap(), "--format", "markdown"])
        .env("MARGINALIA_DATA_DIR", data_folder())
        .output()
        .unwrap();
    assert!(
        output.status.success(),
        "{}",
        String::from_utf8_lossy(&output.stderr)
    );
    let digest = String::from_utf8(output.stdout).unwrap();
    assert!(
        digest.contains("Cold War") && digest.contains("naval base"),
        "{digest}"
    );
    assert_eq!(
        std::fs::read(&sidecar).unwrap(),
        before,
        "export never writes"
    );
    assert!(copy.exists(), "export never removes");
}

// ---------------------------------------------------------------------------
// git.

fn git(repo: &Path, args: &[&str]) -> String {
    let output = std::process::Command::new("git")
        .arg("-C")
        .arg(repo)
        .args(args)
        .env("GIT_AUTHOR_NAME", "t")
        .env("GIT_AUTHOR_EMAIL", "t@example.org")
        .env("GIT_COMMITTER_NAME", "t")
        .env("GIT_COMMITTER_EMAIL", "t@example.org")
        .output()
        .expect("git");
    let said = String::from_utf8_lossy(&output.stdout).into_owned()
        + &String::from_utf8_lossy(&output.stderr);
    assert!(output.status.success(), "git {args:?}: {said}");
    said
}

/// Opens the article's annotations, changes them, saves.
fn edit(article: &Path, change: impl FnOnce(&mut AnnotationStore, &Document)) {
    let document = import_path(article).unwrap();
    let mut store = AnnotationStore::open(article, &document);
    change(&mut store, &document);
    store.save_now(&document).unwrap();
}

#[test]
fn git_merges_two_branches_of_annotations_through_the_driver() {
    data_folder();
    let repo = tempfile::tempdir().unwrap();
    let repo = repo.path();
    git(repo, &["init", "-q", "-b", "main"]);
    let article = repo.join("kerry-lavrov-meeting.txt");
    std::fs::copy(common::sample_article(), &article).unwrap();
    let setup = std::process::Command::new(env!("CARGO_BIN_EXE_marginalia"))
        .args(["git-setup", repo.to_str().unwrap()])
        .output()
        .unwrap();
    assert!(
        setup.status.success(),
        "{}",
        String::from_utf8_lossy(&setup.stderr)
    );
    let attributes = std::fs::read_to_string(repo.join(".gitattributes")).unwrap();
    assert!(attributes.contains("*.annotations.ron merge=marginalia"));

    let document = import_path(&article).unwrap();
    let shared = common::highlight(&document, "Cold War");
    let shared_id = shared.id;
    edit(&article, |store, _| store.add(shared.clone()));
    git(repo, &["add", "-A"]);
    git(repo, &["commit", "-q", "-m", "first highlight"]);

    git(repo, &["checkout", "-q", "-b", "laptop"]);
    let from_laptop = common::highlight(&document, "naval base");
    edit(&article, |store, _| {
        store.add(from_laptop.clone());
        store.update(shared_id, |a| a.note = "written on the laptop".into());
    });
    git(repo, &["commit", "-q", "-am", "laptop"]);

    git(repo, &["checkout", "-q", "main"]);
    let from_desk = common::highlight(&document, "Crimea region");
    edit(&article, |store, _| {
        store.add(from_desk.clone());
        store.update(shared_id, |a| a.note = "written at the desk".into());
    });
    git(repo, &["commit", "-q", "-am", "desk"]);

    let said = git(repo, &["merge", "-q", "--no-edit", "laptop"]);
    let sidecar = read_sidecar(&common::app::sidecar_of(&article))
        .unwrap()
        .unwrap();
    for id in [shared_id, from_laptop.id, from_desk.id] {
        assert!(
            sidecar.set.get(id).is_some(),
            "{id} after the merge ({said})"
        );
    }
    // The note edited on both branches: the later edit keeps the id, the
    // other is kept beside it, tagged "conflict".
    let notes: BTreeSet<&str> = sidecar.set.iter().map(|a| a.note.as_str()).collect();
    assert!(notes.contains("written on the laptop") && notes.contains("written at the desk"));
    assert_eq!(
        sidecar.set.get(shared_id).unwrap().note,
        "written at the desk"
    );
    let kept = sidecar
        .set
        .iter()
        .find(|a| a.note == "written on the laptop")
        .unwrap();
    assert!(kept.tags.iter().any(|t| t == "conflict"), "{kept:?}");
    assert!(
        !git(repo, &["status", "--porcelain"]).contains("UU"),
        "no conflict left"
    );
}

// ---------------------------------------------------------------------------
// Three replicas syncing like Syncthing.

/// Quotes a replica may highlight (each in the sample article).
const QUOTES: [&str; 6] = [
    "Cold War",
    "naval base",
    "Crimea region",
    "diplomatic solution",
    "provocative steps",
    "foreign ministers",
];

#[derive(Clone, Debug)]
enum Step {
    /// A replica highlights a quote.
    Add { replica: usize, quote: usize },
    /// A replica writes a note on one of its annotations.
    Note { replica: usize, pick: usize },
    /// A replica deletes one of its annotations.
    Delete { replica: usize, pick: usize },
    /// Two replicas sync (`conflict_name` picks the tool's naming).
    Sync {
        a: usize,
        b: usize,
        a_wins: bool,
        conflict_name: usize,
    },
}

fn step() -> impl Strategy<Value = Step> {
    prop_oneof![
        3 => (0..3usize, 0..QUOTES.len()).prop_map(|(replica, quote)| Step::Add { replica, quote }),
        2 => (0..3usize, 0..8usize).prop_map(|(replica, pick)| Step::Note { replica, pick }),
        1 => (0..3usize, 0..8usize).prop_map(|(replica, pick)| Step::Delete { replica, pick }),
        3 => (0..3usize, 1..3usize, any::<bool>(), 0..CONFLICT_NAMES.len())
            .prop_map(|(a, d, a_wins, conflict_name)| Step::Sync { a, b: (a + d) % 3, a_wins, conflict_name }),
    ]
}

struct Replica {
    _dir: tempfile::TempDir,
    article: PathBuf,
    /// The sidecar's version vector, as Syncthing keeps one per file: each
    /// replica counts the changes it made.
    version: [u64; 3],
}

impl Replica {
    fn new() -> Self {
        let (dir, article, _) = common::sample_in_temp();
        Replica {
            _dir: dir,
            article,
            version: [0; 3],
        }
    }

    fn sidecar(&self) -> PathBuf {
        common::app::sidecar_of(&self.article)
    }

    fn content(&self) -> Option<Vec<u8>> {
        std::fs::read(self.sidecar()).ok()
    }

    fn folder(&self) -> &Path {
        self.article.parent().unwrap()
    }

    /// The app opens the article (merging any conflict copy) and saves.
    fn run_app(&mut self, me: usize, document: &Document) {
        self.changing(me, |article| {
            let mut store = AnnotationStore::open(article, document);
            store.save_now(document).unwrap();
        });
    }

    /// Runs `change` on the article; a sidecar it changed is a new version.
    fn changing(&mut self, me: usize, change: impl FnOnce(&Path)) {
        let before = self.content();
        change(&self.article);
        if self.content() != before {
            self.version[me] += 1;
        }
    }

    fn annotation_ids(&self, document: &Document) -> Vec<Uuid> {
        let store = AnnotationStore::open(&self.article, document);
        store.set().iter().map(|a| a.id).collect()
    }
}

/// Syncthing between two replicas: the side whose version vector is newer
/// sends its file; concurrent versions: one wins the name, the other
/// becomes a conflict copy on both sides. Returns whether a file changed.
fn sync(replicas: &mut [Replica], a: usize, b: usize, a_wins: bool, conflict_name: usize) -> bool {
    let (va, vb) = (replicas[a].version, replicas[b].version);
    if va == vb {
        return false;
    }
    let dominates = |x: [u64; 3], y: [u64; 3]| x.iter().zip(y).all(|(x, y)| *x >= y);
    let (ca, cb) = (replicas[a].content(), replicas[b].content());
    let (winner, loser) = if dominates(va, vb) {
        (ca, None)
    } else if dominates(vb, va) {
        (cb, None)
    } else if a_wins {
        (ca, cb)
    } else {
        (cb, ca)
    };
    let version = [0, 1, 2].map(|i| va[i].max(vb[i]));
    for replica in [a, b] {
        let sidecar = replicas[replica].sidecar();
        match &winner {
            Some(winner) => std::fs::write(&sidecar, winner).unwrap(),
            None => {
                let _ = std::fs::remove_file(&sidecar);
            }
        }
        if let Some(loser) = &loser {
            let copy = replicas[replica]
                .folder()
                .join(CONFLICT_NAMES[conflict_name]);
            std::fs::write(copy, loser).unwrap();
        }
        replicas[replica].version = version;
    }
    true
}

fn simulate(steps: &[Step]) -> Result<(), TestCaseError> {
    data_folder();
    let mut replicas: Vec<Replica> = (0..3).map(|_| Replica::new()).collect();
    let document = import_path(&replicas[0].article).unwrap();
    let mut created = BTreeSet::new();
    for step in steps {
        match *step {
            Step::Add { replica, quote } => replicas[replica].changing(replica, |article| {
                edit(article, |store, document| {
                    let annotation = common::highlight(document, QUOTES[quote]);
                    created.insert(annotation.id);
                    store.add(annotation);
                })
            }),
            Step::Note { replica, pick } | Step::Delete { replica, pick } => {
                let ids = replicas[replica].annotation_ids(&document);
                let Some(&id) = ids.get(pick % ids.len().max(1)) else {
                    continue;
                };
                replicas[replica].changing(replica, |article| {
                    edit(article, |store, _| {
                        if matches!(step, Step::Note { .. }) {
                            store.update(id, |a| a.note = format!("note from {replica}"));
                        } else {
                            store.delete(id);
                        }
                    })
                });
            }
            Step::Sync {
                a,
                b,
                a_wins,
                conflict_name,
            } => {
                if sync(&mut replicas, a, b, a_wins, conflict_name) {
                    replicas[a].run_app(a, &document);
                    replicas[b].run_app(b, &document);
                }
            }
        }
    }
    // Sync every pair until nothing changes: it must get quiet.
    let mut rounds = 0;
    loop {
        let mut changed = false;
        for (a, b) in [(0, 1), (1, 2), (2, 0)] {
            if sync(&mut replicas, a, b, true, 0) {
                changed = true;
                replicas[a].run_app(a, &document);
                replicas[b].run_app(b, &document);
            }
        }
        rounds += 1;
        if !changed {
            break;
        }
        prop_assert!(rounds < 20, "the replicas never got quiet");
    }
    let contents: Vec<Option<Vec<u8>>> = replicas.iter().map(Replica::content).collect();
    prop_assert!(contents.iter().all(|c| *c == contents[0]), "byte-identical");
    for replica in &replicas {
        let leftovers = marginalia::store::conflict_copies(&replica.sidecar());
        prop_assert!(leftovers.is_empty(), "{leftovers:?}");
    }
    if let Some(sidecar) = read_sidecar(&replicas[0].sidecar()).unwrap() {
        let held = ids(&sidecar.set);
        prop_assert!(
            created.is_subset(&held),
            "an annotation was lost: {:?}",
            created.difference(&held)
        );
    } else {
        prop_assert!(created.is_empty());
    }
    Ok(())
}

/// How many random histories: `SYNC_HISTORIES` (default 48, each a few
/// dozen steps; the closing note of the issue gives a longer run).
fn histories() -> u32 {
    std::env::var("SYNC_HISTORIES")
        .ok()
        .and_then(|n| n.parse().ok())
        .unwrap_or(48)
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(histories()))]

    #[test]
    fn three_replicas_syncing_end_identical_and_lose_nothing(
        steps in prop::collection::vec(step(), 1..40)
    ) {
        simulate(&steps)?;
    }
}

// ---------------------------------------------------------------------------
// While the window is open.

#[test]
fn a_conflict_copy_that_appears_while_the_window_is_open_is_merged_and_told() {
    data_folder();
    let (dir, article) = common::app::article_in_temp();
    let document = import_path(&article).unwrap();
    let here = common::highlight(&document, "Cold War");
    write_sidecar(&common::app::sidecar_of(&article), &document, &[&here]);
    let mut harness = common::app::app(
        marginalia::ui::StartWith::File(article.clone()),
        [1000.0, 700.0],
    );
    // The sync tool brings the laptop's version as a conflict copy.
    let there = common::highlight(&document, "naval base");
    let copy = dir.path().join(CONFLICT_NAMES[3]);
    write_sidecar(&copy, &document, &[&here, &there]);
    common::app::step_until(&mut harness, "the copy merged", |app| {
        app.annotations()
            .is_some_and(|store| store.get(there.id).is_some())
    });
    harness.run_steps(2);
    harness.get_by_label("Merged 1 highlight from another device");
    common::app::step_until(&mut harness, "the copy removed once saved", |_| {
        !copy.exists()
    });
    let saved = read_sidecar(&common::app::sidecar_of(&article))
        .unwrap()
        .unwrap();
    assert!(saved.set.get(there.id).is_some() && saved.set.get(here.id).is_some());
}

#[test]
fn two_windows_and_a_conflict_copy_settle_without_a_save_loop() {
    data_folder();
    let (dir, article, document) = common::sample_in_temp();
    let sidecar = common::app::sidecar_of(&article);
    let mut first = AnnotationStore::open(&article, &document);
    let mut second = AnnotationStore::open(&article, &document);
    first.add(common::highlight(&document, "Cold War"));
    first.save_now(&document).unwrap();
    let from_copy = common::highlight(&document, "naval base");
    write_sidecar(
        &dir.path().join(CONFLICT_NAMES[0]),
        &document,
        &[&from_copy],
    );
    // The first window's watcher sees the copy: merged, then saved once.
    assert!(first.merge_from_disk(&document).unwrap());
    first.save_now(&document).unwrap();
    let written = std::fs::read(&sidecar).unwrap();
    let stamp = marginalia::store::FileStamp::of_path(&sidecar);
    // The second window takes it in; neither has anything new to write.
    for _ in 0..3 {
        second.merge_from_disk(&document).unwrap();
        second.save_now(&document).unwrap();
        first.merge_from_disk(&document).unwrap();
        first.save_now(&document).unwrap();
    }
    assert!(second.get(from_copy.id).is_some());
    assert_eq!(std::fs::read(&sidecar).unwrap(), written);
    assert_eq!(
        marginalia::store::FileStamp::of_path(&sidecar),
        stamp,
        "no write since"
    );
}
