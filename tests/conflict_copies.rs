//! Sync tools' conflict copies are merged and removed (or kept aside when
//! unreadable), also while the window is open and without a save loop, and
//! git merges sidecars through the driver.

mod common;

use std::collections::BTreeSet;
use std::path::Path;

use common::sync::{CONFLICT_NAMES, data_folder, edit, write_sidecar};
use egui_kittest::kittest::Queryable as _;
use marginalia::import::import_path;
use marginalia::store::{AnnotationStore, StoreNotice, read_sidecar};

#[test]
fn a_note_edited_on_two_devices_before_they_synced_is_kept_twice() {
    data_folder();
    let (dir, article, document) = common::sample_in_temp();
    let sidecar = common::app::sidecar_of(&article);
    let id = common::highlight(&document, "Cold War").id;
    edit(&article, |store, document| {
        store.set_device("laptop");
        let mut annotation = common::highlight(document, "Cold War");
        annotation.id = id;
        store.add(annotation);
    });
    // The desktop gets that sidecar, then both edit the note apart.
    let desktop_copy = dir.path().join("desktop.ron");
    std::fs::copy(&sidecar, &desktop_copy).unwrap();
    edit(&article, |store, _| {
        store.set_device("laptop");
        store.update(id, |a| a.note = "laptop".into());
    });
    let laptop = std::fs::read(&sidecar).unwrap();
    std::fs::rename(&desktop_copy, &sidecar).unwrap();
    edit(&article, |store, _| {
        store.set_device("desktop");
        store.update(id, |a| a.note = "desktop".into());
    });
    // Syncthing keeps the desktop's as the sidecar, the laptop's beside it.
    std::fs::write(dir.path().join(CONFLICT_NAMES[0]), laptop).unwrap();

    let mut store = AnnotationStore::open(&article, &document);
    let mut notes: Vec<&str> = store.set().iter().map(|a| a.note.as_str()).collect();
    notes.sort_unstable();
    assert_eq!(notes, ["desktop", "laptop"], "neither edit is lost");
    let told = StoreNotice::DevicesMerged {
        count: 0,
        kept_both: 1,
    };
    assert!(store.notices().contains(&told), "{:?}", store.notices());
    assert_eq!(
        told.to_string(),
        "1 highlight edited on both devices kept twice (tagged conflict)"
    );
    store.save_now(&document).unwrap();
    assert_eq!(read_sidecar(&sidecar).unwrap().unwrap().set.len(), 2);
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
            store.notices().contains(&StoreNotice::DevicesMerged {
                count: 1,
                kept_both: 0
            }),
            "{name}: {:?}",
            store.notices()
        );
        assert_eq!(
            StoreNotice::DevicesMerged {
                count: 1,
                kept_both: 0
            }
            .to_string(),
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
    // Quiet for a while: not one still being written (see conflict_arrivals.rs).
    std::thread::sleep(marginalia::store::COPY_QUIET_TIME + std::time::Duration::from_millis(100));

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
// While the window is open.

#[test]
fn a_conflict_copy_that_appears_while_the_window_is_open_is_merged_and_told() {
    let common::sync::OpenWithAHighlight {
        dir,
        article,
        document,
        here,
        mut harness,
    } = common::sync::open_with_a_highlight();
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
