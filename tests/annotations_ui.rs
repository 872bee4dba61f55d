//! The running app and its sidecar: highlights are saved shortly after they
//! are made and painted again after a restart; changes on disk (another
//! window, a sync tool, an edited article) come into the open window.

mod common;

use std::path::Path;

use common::app::{article_in_temp, select_quote as select, sidecar_of, step_until};
use eframe::egui::Key;
use egui_kittest::Harness;
use egui_kittest::kittest::Queryable as _;
use marginalia::annotate::{AnchorStatus, Annotation, HighlightColor, IndexedText};
use marginalia::import::import_path;
use marginalia::store::{AnnotationStore, read_sidecar};
use marginalia::ui::session::SaveState;
use marginalia::ui::{MarginaliaApp, StartWith};

#[test]
fn a_highlight_is_saved_beside_the_article_and_painted_after_a_restart() {
    let (_dir, article) = article_in_temp();
    let mut harness = app_on(&article);
    let quote = "Russia's bloodless seizure of the Crimea region";
    select(&mut harness, quote);
    harness.key_press(Key::H);
    harness.step();
    assert_eq!(
        harness.state().annotations().unwrap().len(),
        1,
        "a new highlight appears at once"
    );
    step_until(&mut harness, "the save", |app| {
        app.save_state() == Some(SaveState::Saved)
    });
    let saved = read_sidecar(&sidecar_of(&article))
        .unwrap()
        .expect("a sidecar beside the article");
    assert_eq!(saved.set.iter().next().unwrap().anchor.exact, quote);
    harness.get_by_label_contains("1 highlight");
    harness.snapshot("highlight_painted");
    drop(harness);

    let harness = app_on(&article);
    let store = harness.state().annotations().unwrap();
    let (annotation, resolution) = store.annotations()[0];
    assert_eq!(annotation.anchor.exact, quote);
    assert_eq!(resolution.status, AnchorStatus::Anchored);
}

#[test]
fn another_writer_s_changes_come_into_the_open_window() {
    let (_dir, article) = article_in_temp();
    let mut harness = app_on(&article);
    // Another window (or the command line) adds a highlight and saves.
    let document = import_path(&article).unwrap();
    let mut other = AnnotationStore::open(&article, &document);
    let text = IndexedText::new(document.text());
    let start = text.char_of(document.text().find("White House").unwrap());
    let theirs = Annotation::new(&text, start..start + 11, HighlightColor::Blue);
    other.add(theirs.clone());
    other.save_now(&document).unwrap();
    step_until(&mut harness, "the merge", |app| {
        app.annotations().unwrap().get(theirs.id).is_some()
    });

    // This window's own highlight is saved without losing theirs.
    select(&mut harness, "Cold War");
    harness.key_press(Key::H);
    step_until(&mut harness, "the save", |app| {
        app.save_state() == Some(SaveState::Saved)
    });
    let on_disk = read_sidecar(&sidecar_of(&article)).unwrap().unwrap();
    assert_eq!(on_disk.set.len(), 2);
    assert!(on_disk.set.get(theirs.id).is_some());
}

#[test]
fn an_article_edited_on_disk_is_reloaded_and_reanchored() {
    let (_dir, article) = article_in_temp();
    let mut harness = app_on(&article);
    select(
        &mut harness,
        "the worst East-West standoff since the Cold War",
    );
    harness.key_press(Key::H);
    step_until(&mut harness, "the save", |app| {
        app.save_state() == Some(SaveState::Saved)
    });

    let original = std::fs::read_to_string(&article).unwrap();
    let edited = original.replacen(
        "World Bulletin/News Desk",
        "World Bulletin/News Desk\n\nEditor's note: this story was updated.",
        1,
    );
    std::fs::write(&article, edited).unwrap();
    step_until(&mut harness, "the reload", |app| {
        app.document().unwrap().text().contains("Editor's note")
    });
    let store = harness.state().annotations().unwrap();
    let (annotation, resolution) = store.annotations()[0];
    assert_eq!(resolution.status, AnchorStatus::Moved);
    let document = harness.state().document().unwrap();
    let text = IndexedText::new(document.text());
    assert_eq!(
        text.slice(resolution.range.clone().unwrap()),
        annotation.anchor.exact
    );
}

#[test]
fn a_corrupt_sidecar_is_named_in_a_banner_and_kept() {
    let (_dir, article) = article_in_temp();
    let sidecar = sidecar_of(&article);
    std::fs::write(
        &sidecar,
        "(format: \"marginalia-annotations\",\n version: 1,\n document: [[[",
    )
    .unwrap();
    let mut harness = app_on(&article);
    let banner = harness.state().banner().expect("a banner").to_owned();
    assert!(
        banner.contains(&format!("{}:3:", sidecar.display())),
        "{banner}"
    );
    assert!(banner.contains("recovery"), "{banner}");
    harness.get_by_label_contains("cannot be parsed");

    select(&mut harness, "Cold War");
    harness.key_press(Key::H);
    step_until(&mut harness, "the save", |app| {
        app.save_state() == Some(SaveState::Saved)
    });
    assert!(
        std::fs::read_to_string(&sidecar).unwrap().ends_with("[[["),
        "kept as it was"
    );
    let recovery = sidecar.with_file_name("kerry-lavrov-meeting.txt.annotations.ron.recovery.ron");
    assert_eq!(read_sidecar(&recovery).unwrap().unwrap().set.len(), 1);
}

#[test]
fn overlapping_highlights_blend_and_stay_visible() {
    let (_dir, article) = article_in_temp();
    let mut harness = app_on(&article);
    select(
        &mut harness,
        "The United States held out the possibility on Monday",
    );
    harness.key_press(Key::H);
    harness.step();
    select(
        &mut harness,
        "possibility on Monday that the U.S. and Russian foreign ministers",
    );
    harness.key_press(Key::H);
    step_until(&mut harness, "the save", |app| {
        app.save_state() == Some(SaveState::Saved)
    });
    harness.snapshot("highlights_overlapping");
}

fn app_on(path: &Path) -> Harness<'static, MarginaliaApp> {
    common::app::app(StartWith::File(path.to_path_buf()), [900.0, 700.0])
}

#[test]
fn the_window_and_the_command_line_export_the_same_w3c_source() {
    let dir = tempfile::tempdir().unwrap();
    let folder = dir.path().join("My Articles");
    std::fs::create_dir(&folder).unwrap();
    let article = folder.join("Zürich notes.txt");
    std::fs::copy(common::sample_article(), &article).unwrap();
    let article = std::fs::canonicalize(&article).unwrap();
    let mut harness = app_on(&article);
    select(&mut harness, "Cold War");
    harness.key_press(Key::H);
    step_until(&mut harness, "the save", |app| {
        app.save_state() == Some(SaveState::Saved)
    });
    let exported = dir.path().join("from the window.json");
    harness
        .state_mut()
        .apply(marginalia::ui::Command::ExportTo(exported.clone()));
    let from_window: serde_json::Value =
        serde_json::from_str(&std::fs::read_to_string(&exported).unwrap()).unwrap();
    let output = std::process::Command::new(env!("CARGO_BIN_EXE_marginalia"))
        .args(["export", article.to_str().unwrap(), "--format", "w3c"])
        .output()
        .unwrap();
    assert!(output.status.success());
    let from_cli: serde_json::Value = serde_json::from_slice(&output.stdout).unwrap();
    let source = |page: &serde_json::Value| page["items"][0]["target"]["source"].clone();
    assert_eq!(source(&from_window), source(&from_cli));
    let uri = source(&from_window).as_str().unwrap().to_owned();
    assert!(
        uri.starts_with("file:///") && uri.ends_with("/My%20Articles/Z%C3%BCrich%20notes.txt"),
        "{uri}"
    );
    assert_eq!(
        from_window, from_cli,
        "the same export, whichever way it is made"
    );
}

/// Another program holds the sidecar's writers' lock: switching documents
/// and replacing an unreadable sidecar must not freeze the window; the
/// saves finish once the lock is free.
#[test]
fn a_held_writer_lock_never_freezes_a_frame() {
    use marginalia::store::{SidecarLocation, WriterLock};
    use std::time::{Duration, Instant};

    let (dir, article) = article_in_temp();
    let sidecar = sidecar_of(&article);
    std::fs::write(&sidecar, "not a sidecar at all").unwrap();
    let lock_path = SidecarLocation {
        path: sidecar.clone(),
        beside_article: true,
    }
    .lock_path();
    let recovery_lock = SidecarLocation {
        path: sidecar.with_file_name("kerry-lavrov-meeting.txt.annotations.ron.recovery.ron"),
        beside_article: true,
    }
    .lock_path();
    let mut harness = app_on(&article);
    select(&mut harness, "Cold War");
    harness.key_press(Key::H);
    step_until(&mut harness, "the recovery save", |app| {
        app.save_state() == Some(SaveState::Saved)
    });

    // Held for two seconds by "another program".
    let (held, release) = std::sync::mpsc::channel();
    let holder = std::thread::spawn(move || {
        let _sidecar = WriterLock::acquire(&lock_path).unwrap();
        let _recovery = WriterLock::acquire(&recovery_lock).unwrap();
        held.send(()).unwrap();
        std::thread::sleep(Duration::from_secs(2));
    });
    release.recv().unwrap();

    // A save starts and waits for the lock on its worker...
    select(&mut harness, "Ukraine");
    harness.key_press(Key::H);
    step_until(&mut harness, "a save waiting for the lock", |app| {
        app.save_state() == Some(SaveState::Saving)
    });
    // ...and replacing the sidecar does not wait for it either.
    let started = Instant::now();
    harness
        .state_mut()
        .apply(marginalia::ui::Command::ReplaceUnreadableSidecar);
    harness.step();
    assert!(
        started.elapsed() < Duration::from_millis(1_000),
        "replacing waited {:?} for the lock on the UI thread",
        started.elapsed()
    );

    select(&mut harness, "Crimea");
    harness.key_press(Key::H);
    harness.step();
    let other = dir.path().join("other.txt");
    std::fs::write(&other, "Another article.\n\nWith a paragraph.").unwrap();
    let started = Instant::now();
    harness
        .state_mut()
        .apply(marginalia::ui::Command::Open(other.clone()));
    harness.step();
    assert!(
        started.elapsed() < Duration::from_millis(1_000),
        "switching documents waited {:?} for the lock on the UI thread",
        started.elapsed()
    );
    assert!(
        harness
            .state()
            .document_path()
            .unwrap()
            .ends_with("other.txt")
    );

    holder.join().unwrap();
    step_until(&mut harness, "the replaced sidecar", |_| {
        read_sidecar(&sidecar).is_ok_and(|s| s.is_some_and(|s| s.set.len() == 3))
    });
}
