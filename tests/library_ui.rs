//! The library view driven in the real app (kittest): Ctrl+L shows every
//! article; a search lists highlights and passages; a click opens the
//! article at the quote; the review edits a highlight in place, in the open
//! article's session or in another article's sidecar.

mod common;

use std::path::Path;

use common::app::{app_with_library, click, step_until};
use common::library::library;
use eframe::egui::{self, Key, Modifiers};
use egui_kittest::kittest::Queryable as _;
use marginalia::library::{LibraryFolders, LibraryPaths};
use marginalia::ui::{MarginaliaApp, StartWith};

/// A library of two articles (`root/news/war.md`, `root/notes/harbour.txt`)
/// whose folder is already added.
fn library_paths(dir: &Path) -> LibraryPaths {
    let root = dir.join("articles");
    library(&root);
    let paths = LibraryPaths::in_folder(&dir.join("library"));
    LibraryFolders {
        folders: vec![root],
    }
    .save(&paths.folders)
    .unwrap();
    paths
}

fn indexed(app: &MarginaliaApp) -> bool {
    let library = app.library_view();
    library.is_loaded() && !library.is_indexing() && library.listed_articles().count() >= 2
}

/// A snapshot without the search box's caret (its blink depends on how
/// many frames the real-time waits took).
fn snapshot_without_caret(harness: &mut egui_kittest::Harness<'_, MarginaliaApp>, name: &str) {
    harness.ctx.memory_mut(egui::Memory::stop_text_input);
    harness.run_steps(2);
    harness.snapshot(name);
}

#[test]
fn searching_the_library_and_clicking_a_result_opens_the_article_at_the_quote() {
    let dir = tempfile::tempdir().unwrap();
    let dir = std::fs::canonicalize(dir.path()).unwrap();
    let paths = library_paths(&dir);
    let mut harness = app_with_library(StartWith::Sample, [1200.0, 800.0], Ok(paths));
    harness.key_press_modifiers(Modifiers::COMMAND, Key::L);
    step_until(&mut harness, "the library to be indexed", indexed);
    assert!(harness.state().library_view().is_shown());
    harness.get_by_label("Natásha at the ball");
    harness.get_by_label("The harbour at dawn");
    snapshot_without_caret(&mut harness, "library_articles");
    // Shown again, the search box has the keys again.
    harness.key_press_modifiers(Modifiers::COMMAND, Key::L);
    harness.key_press_modifiers(Modifiers::COMMAND, Key::L);
    harness.run_steps(2);
    // The search box has the keys after Ctrl+L.
    harness.event(egui::Event::Text("natasha".into()));
    step_until(&mut harness, "the results", |app| {
        app.library_view().results().is_some_and(|r| !r.is_empty())
    });
    let hits = harness.state().library_view().results().unwrap().to_vec();
    assert_eq!(hits[0].quote.as_deref(), Some("Natásha Rostóva danced"));
    snapshot_without_caret(&mut harness, "library_search_results");
    let id = hits[0].id.as_deref().unwrap().parse().unwrap();
    let result = harness
        .get_by_label("Natásha Rostóva danced")
        .rect()
        .center();
    click(&mut harness, result);
    step_until(&mut harness, "the article to open", |app| {
        !app.is_opening()
            && app
                .document_path()
                .is_some_and(|p| p.ends_with("news/war.md"))
    });
    let app = harness.state();
    assert!(!app.library_view().is_shown(), "the article shows");
    assert_eq!(
        app.selected_annotation(),
        Some(id),
        "the quote's highlight is open"
    );
    // The passage of a text: the words are selected where they are.
    harness.key_press_modifiers(Modifiers::COMMAND, Key::L);
    harness.run_steps(2);
    harness.event(egui::Event::Text(" in:text".into()));
    step_until(&mut harness, "the text results", |app| {
        app.library_view()
            .results()
            .is_some_and(|r| r.first().is_some_and(|h| h.quote.is_none()))
    });
}

#[test]
fn a_highlight_changed_in_the_review_reaches_its_sidecar_and_the_open_window() {
    let dir = tempfile::tempdir().unwrap();
    let dir = std::fs::canonicalize(dir.path()).unwrap();
    let harbour = dir.join("articles/notes/harbour.txt");
    let mut harness = review_shown(&dir, StartWith::File(harbour.clone()));
    // Another article's highlight: its note written in the editor, saved to
    // its sidecar on the library's thread.
    type_note_in_review(
        &mut harness,
        "Natásha Rostóva danced",
        "Written in the review.",
    );
    // Saved as it is typed: no button to press.
    let war_sidecar = dir.join("articles/news/war.md.annotations.ron");
    step_until(&mut harness, "the edit in the sidecar", |_| {
        std::fs::read_to_string(&war_sidecar).is_ok_and(|s| s.contains("Written in the review."))
    });
    // The open article's highlight: recoloured through its session, so the
    // window shows it at once and its save writes it.
    harness.get_by_label("fishing boats came in").click();
    harness.run_steps(2);
    harness.get_by_label("purple").click();
    harness.run_steps(2);
    let open = harness.state().annotations().unwrap();
    let boats = open
        .set()
        .iter()
        .find(|a| a.anchor.exact == "fishing boats came in")
        .unwrap();
    assert_eq!(boats.color, marginalia::annotate::HighlightColor::Purple);
    let harbour_sidecar = dir.join("articles/notes/harbour.txt.annotations.ron");
    step_until(&mut harness, "the colour in the sidecar", |_| {
        std::fs::read_to_string(&harbour_sidecar).is_ok_and(|s| s.contains("purple"))
    });
}

/// The review of the library in `dir`, shown, with its highlights listed.
fn review_shown(dir: &Path, start: StartWith) -> egui_kittest::Harness<'static, MarginaliaApp> {
    let paths = library_paths(dir);
    let mut harness = app_with_library(start, [1200.0, 800.0], Ok(paths));
    harness.key_press_modifiers(Modifiers::COMMAND, Key::L);
    step_until(&mut harness, "the library to be indexed", indexed);
    harness.get_by_label("Review (3 highlights)").click();
    step_until(&mut harness, "the review", |app| {
        app.library_view().review_len() == Some(3)
    });
    harness
}

/// Types `text` as the note of the highlight `quote` in the review.
fn type_note_in_review(
    harness: &mut egui_kittest::Harness<'_, MarginaliaApp>,
    quote: &str,
    text: &str,
) {
    harness.get_by_label(quote).click();
    harness.run_steps(2);
    harness
        .get_by_role_and_label(egui::accesskit::Role::MultilineTextInput, "Note")
        .focus();
    harness.run_steps(1);
    harness.key_press_modifiers(Modifiers::COMMAND, Key::A);
    harness.event(egui::Event::Text(text.into()));
    harness.step();
}

#[test]
fn a_note_typed_in_the_review_is_kept_through_a_click_elsewhere_and_a_view_switch() {
    let dir = tempfile::tempdir().unwrap();
    let dir = std::fs::canonicalize(dir.path()).unwrap();
    let war_sidecar = dir.join("articles/news/war.md.annotations.ron");
    let harbour_sidecar = dir.join("articles/notes/harbour.txt.annotations.ron");
    let mut harness = review_shown(&dir, StartWith::Sample);
    // Typed, then straight away another highlight clicked.
    type_note_in_review(
        &mut harness,
        "Natásha Rostóva danced",
        "Kept through a click.",
    );
    harness.get_by_label("fishing boats came in").click();
    step_until(&mut harness, "the first note in its sidecar", |_| {
        std::fs::read_to_string(&war_sidecar).is_ok_and(|s| s.contains("Kept through a click."))
    });
    // Typed, then straight away back to the article (Ctrl+L).
    type_note_in_review(
        &mut harness,
        "fishing boats came in",
        "Kept through a switch.",
    );
    harness.key_press_modifiers(Modifiers::COMMAND, Key::L);
    step_until(&mut harness, "the second note in its sidecar", |_| {
        std::fs::read_to_string(&harbour_sidecar)
            .is_ok_and(|s| s.contains("Kept through a switch."))
    });
    assert!(!harness.state().library_view().is_shown());
}

#[test]
fn an_article_found_by_its_text_counts_its_passages_and_opens_at_each() {
    let dir = tempfile::tempdir().unwrap();
    let dir = std::fs::canonicalize(dir.path()).unwrap();
    let paths = library_paths(&dir);
    // Never opened, never annotated: in the library all the same.
    let filler = "Nothing else is said in this sentence at all. ".repeat(6);
    let manual: String = (1..=18)
        .map(|n| format!("Section {n}: performance counts here.\n\n{filler}\n\n"))
        .collect();
    let manual_path = dir.join("articles/notes/manual.md");
    std::fs::write(&manual_path, format!("# The manual\n\n{manual}")).unwrap();
    let mut harness = app_with_library(StartWith::Sample, [1200.0, 800.0], Ok(paths));
    harness.key_press_modifiers(Modifiers::COMMAND, Key::L);
    step_until(&mut harness, "the library to be indexed", |app| {
        indexed(app) && app.library_view().listed_articles().count() == 3
    });
    harness.event(egui::Event::Text("performance".into()));
    step_until(&mut harness, "the results", |app| {
        app.library_view().results().is_some_and(|r| !r.is_empty())
    });
    harness.get_by_label("In the text · The manual · 18 passages");
    let show_all = harness.get_by_label("Show all 18 passages").rect().center();
    click(&mut harness, show_all);
    harness.run_steps(2);
    let tenth = harness
        .get_by_label_contains("Section 10: performance counts here.")
        .rect()
        .center();
    click(&mut harness, tenth);
    step_until(&mut harness, "the manual to open", |app| {
        !app.is_opening() && app.document_path() == Some(manual_path.as_path())
    });
    let app = harness.state();
    let document = app.document().unwrap();
    let selected = app.reader().selected_text(document);
    assert_eq!(selected.as_deref(), Some("performance"));
    let at = app.reader().selection().unwrap();
    let before: String = document.text().chars().take(at.range().start).collect();
    assert!(
        before.ends_with("Section 10: "),
        "{:?}",
        &before[before.len() - 40..]
    );
}
