//! Conflict copies as they really arrive: written in pieces by a sync tool
//! or `cp` (never thrown out half-written), holding another article's
//! annotations, or a link to another file (set aside, never merged).

mod common;

use std::time::Duration;

use common::sync::{CONFLICT_NAMES, data_folder, write_sidecar};
use marginalia::import::import_path;
use marginalia::store::{AnnotationStore, StoreNotice, read_sidecar};

#[test]
fn a_copy_still_being_written_is_waited_for_then_merged() {
    data_folder();
    let (dir, article, document) = common::sample_in_temp();
    let sidecar = common::app::sidecar_of(&article);
    let here = common::highlight(&document, "Cold War");
    write_sidecar(&sidecar, &document, &[&here]);
    let there = common::highlight(&document, "naval base");
    let whole = dir.path().join("whole.ron");
    write_sidecar(&whole, &document, &[&here, &there]);
    let whole = std::fs::read(&whole).unwrap();
    // The sync tool has written the first half so far, and set the file's
    // time to the other machine's: its status time still says it is new.
    let copy = dir.path().join(CONFLICT_NAMES[0]);
    std::fs::write(&copy, &whole[..whole.len() / 2]).unwrap();
    common::sync::written_long_ago(&copy);

    let mut store = AnnotationStore::open(&article, &document);
    assert!(store.conflict_copies_settling());
    store.save_now(&document).unwrap();
    assert!(
        copy.exists(),
        "a copy being written is neither moved nor removed"
    );
    assert!(
        !store
            .notices()
            .iter()
            .any(|n| matches!(n, StoreNotice::ConflictCopySetAside { .. })),
        "nothing said yet: {:?}",
        store.notices()
    );
    // The rest arrives.
    std::fs::write(&copy, &whole).unwrap();
    assert!(store.merge_from_disk(&document).unwrap());
    assert!(!store.conflict_copies_settling());
    store.save_now(&document).unwrap();
    let saved = read_sidecar(&sidecar).unwrap().unwrap();
    assert!(
        saved.set.get(there.id).is_some(),
        "the other machine's work is merged"
    );
    assert!(!copy.exists());
}

#[test]
fn a_copy_that_holds_another_article_or_links_elsewhere_is_set_aside_unmerged() {
    let data = data_folder();
    let (dir, article, document) = common::sample_in_temp();
    let sidecar = common::app::sidecar_of(&article);
    let here = common::highlight(&document, "Cold War");
    write_sidecar(&sidecar, &document, &[&here]);
    // Another article's sidecar, under a conflict copy's name.
    let other_dir = tempfile::tempdir().unwrap();
    let other = other_dir.path().join("other.md");
    std::fs::write(&other, "# Other\n\nA naval base of another story.\n").unwrap();
    let other_document = import_path(&other).unwrap();
    let mut other_store = AnnotationStore::open(&other, &other_document);
    let stranger = common::highlight(&other_document, "naval base");
    other_store.add(stranger.clone());
    other_store.save_now(&other_document).unwrap();
    let other_sidecar = marginalia::store::sidecar_path_beside(&other);
    let copy = dir.path().join(CONFLICT_NAMES[1]);
    std::fs::copy(&other_sidecar, &copy).unwrap();
    let link = dir.path().join(CONFLICT_NAMES[2]);
    std::os::unix::fs::symlink(&other_sidecar, &link).unwrap();

    let mut store = AnnotationStore::open(&article, &document);
    store.save_now(&document).unwrap();
    assert!(store.get(stranger.id).is_none(), "never merged in");
    let saved = read_sidecar(&sidecar).unwrap().unwrap();
    assert!(saved.set.get(stranger.id).is_none());
    assert!(!copy.exists() && !link.exists(), "both set aside");
    assert!(data.join("merged").join(CONFLICT_NAMES[1]).exists());
    let said: Vec<String> = store.notices().iter().map(ToString::to_string).collect();
    assert!(
        said.iter()
            .any(|s| s.contains("another article (other.md)")),
        "{said:?}"
    );
    assert!(said.iter().any(|s| s.contains("is a link")), "{said:?}");
    assert!(
        other_sidecar.exists(),
        "the linked file itself is untouched"
    );
}

#[test]
fn in_the_window_a_copy_arriving_in_pieces_is_merged_without_a_word_of_trouble() {
    let common::sync::OpenWithAHighlight {
        dir,
        document,
        here,
        mut harness,
        ..
    } = common::sync::open_with_a_highlight();
    harness.run_steps(3);
    let there = common::highlight(&document, "naval base");
    let whole = dir.path().join("whole.ron");
    write_sidecar(&whole, &document, &[&here, &there]);
    let whole = std::fs::read(&whole).unwrap();
    let copy = dir.path().join(CONFLICT_NAMES[0]);
    // First bytes, then a pause longer than a frame, then the rest: no
    // event comes after the last write that finds the copy quiet.
    std::fs::write(&copy, &whole[..40]).unwrap();
    for _ in 0..10 {
        harness.step();
        std::thread::sleep(Duration::from_millis(50));
    }
    std::fs::write(&copy, &whole).unwrap();
    common::app::step_until(&mut harness, "the copy merged", |app| {
        app.annotations()
            .is_some_and(|store| store.get(there.id).is_some())
    });
    common::app::step_until(&mut harness, "the copy removed once saved", |_| {
        !copy.exists()
    });
    assert!(
        !data_folder()
            .join("merged")
            .join(CONFLICT_NAMES[0])
            .exists(),
        "never set aside"
    );
}

#[test]
fn the_banner_for_a_copy_set_aside_goes_when_a_later_copy_merges() {
    let common::sync::OpenWithAHighlight {
        dir,
        document,
        here,
        mut harness,
        ..
    } = common::sync::open_with_a_highlight();
    // A copy that stays broken once quiet is set aside, and said so.
    let broken = dir.path().join(CONFLICT_NAMES[5]);
    std::fs::write(&broken, "(format: \"marginalia-annotations\", broken").unwrap();
    common::app::step_until(&mut harness, "the broken copy set aside", |app| {
        app.banner().is_some_and(|b| b.contains("cannot be merged"))
    });
    // A later copy merges: that banner has nothing left to say.
    let there = common::highlight(&document, "naval base");
    write_sidecar(
        &dir.path().join(CONFLICT_NAMES[6]),
        &document,
        &[&here, &there],
    );
    common::app::step_until(&mut harness, "the good copy merged", |app| {
        app.annotations()
            .is_some_and(|store| store.get(there.id).is_some())
    });
    harness.run_steps(3);
    assert_eq!(harness.state().banner(), None);
}
