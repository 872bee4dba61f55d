//! Highlighting in the real app: create, see, edit, undo, the panel, find —
//! with the mouse and with the keyboard alone.

mod common;

use std::path::{Path, PathBuf};

use common::app::{article_in_temp, click, drag, saved, sidecar_of, step_until};
use eframe::egui::{self, Key, Modifiers};
use egui_kittest::Harness;
use egui_kittest::kittest::{NodeT as _, Queryable as _};
use marginalia::annotate::{HighlightColor, HighlightStyle};
use marginalia::store::read_sidecar;
use marginalia::ui::{MarginaliaApp, StartWith};

fn only_annotation(app: &MarginaliaApp) -> marginalia::annotate::Annotation {
    let store = app.annotations().unwrap();
    assert_eq!(store.len(), 1);
    store.annotations()[0].0.clone()
}

#[test]
fn drag_then_h_highlights_saves_and_undo_redo_follow_on_disk() {
    let (_dir, article) = article_in_temp();
    let mut harness = app_on(&article);
    let paragraph = harness
        .get_by_label_contains("The United States held out the possibility")
        .rect();
    drag(
        &mut harness,
        egui::pos2(paragraph.left() + 1.0, paragraph.top() + 8.0),
        egui::pos2(paragraph.right() - 40.0, paragraph.top() + 8.0),
    );
    harness.key_press(Key::H);
    harness.step();
    let annotation = only_annotation(harness.state());
    assert!(
        annotation
            .anchor
            .exact
            .starts_with("The United States held out"),
        "{annotation:?}"
    );
    step_until(&mut harness, "the save", saved);
    harness.snapshot("highlight_made_by_dragging");
    let on_disk = read_sidecar(&sidecar_of(&article)).unwrap().unwrap();
    assert!(on_disk.set.get(annotation.id).is_some());

    harness.key_press_modifiers(Modifiers::COMMAND, Key::Z);
    step_until(&mut harness, "the undo to be saved", saved);
    assert!(harness.state().annotations().unwrap().is_empty());
    let on_disk = read_sidecar(&sidecar_of(&article)).unwrap().unwrap();
    assert!(
        on_disk.set.get(annotation.id).is_none(),
        "undo reaches the sidecar"
    );

    harness.key_press_modifiers(Modifiers::COMMAND | Modifiers::SHIFT, Key::Z);
    step_until(&mut harness, "the redo to be saved", saved);
    let on_disk = read_sidecar(&sidecar_of(&article)).unwrap().unwrap();
    assert_eq!(
        on_disk.set.get(annotation.id).map(|a| &a.anchor),
        Some(&annotation.anchor)
    );

    harness.key_press_modifiers(Modifiers::COMMAND, Key::Z);
    harness.step();
    harness.key_press_modifiers(Modifiers::COMMAND, Key::Y);
    harness.step();
    assert_eq!(
        harness.state().annotations().unwrap().len(),
        1,
        "Ctrl+Y redoes too"
    );
}

#[test]
fn clicking_a_highlight_opens_its_note_and_typing_saves_it() {
    let (_dir, article) = article_in_temp();
    let mut harness = app_on(&article);
    let source = select_source_line(&mut harness);
    harness.key_press(Key::H);
    harness.run_steps(3);
    let id = only_annotation(harness.state()).id;

    click(&mut harness, source.center());
    harness.run_steps(3);
    assert_eq!(harness.state().selected_annotation(), Some(id));
    harness.get_by_label("Note (Markdown)");
    let note = harness.get_by_role(egui::accesskit::Role::MultilineTextInput);
    note.click();
    harness.run_steps(2);
    harness
        .get_by_role(egui::accesskit::Role::MultilineTextInput)
        .type_text("Who runs the desk?");
    step_until(&mut harness, "the note to be saved", |app| {
        saved(app)
            && app
                .annotations()
                .unwrap()
                .get(id)
                .is_some_and(|a| a.note == "Who runs the desk?")
    });
    let on_disk = read_sidecar(&sidecar_of(&article)).unwrap().unwrap();
    assert_eq!(on_disk.set.get(id).unwrap().note, "Who runs the desk?");

    // One undo takes back the whole typing run.
    harness.key_press(Key::Escape); // Leave the text field.
    harness.run_steps(2);
    harness.key_press_modifiers(Modifiers::COMMAND, Key::Z);
    harness.run_steps(2);
    assert_eq!(
        harness.state().annotations().unwrap().get(id).unwrap().note,
        ""
    );

    // The highlight is an accessible node with its quote, colour and note.
    harness.key_press_modifiers(Modifiers::COMMAND, Key::Y);
    harness.run_steps(2);
    let mark = harness.get_by_role(egui::accesskit::Role::Mark);
    let label = mark.accesskit_node().label().unwrap_or_default();
    assert!(
        label.contains("yellow highlight") && label.contains("World Bulletin/News Desk"),
        "{label}"
    );
    assert!(label.contains("Note: Who runs the desk?"), "{label}");
}

#[test]
fn keys_recolour_restyle_and_delete_the_selected_highlight() {
    let (_dir, article) = article_in_temp();
    let mut harness = app_on(&article);
    let source = select_source_line(&mut harness);
    harness.key_press(Key::H);
    harness.run_steps(2);
    click(&mut harness, source.center());
    harness.run_steps(30);
    harness.key_press(Key::Num3);
    harness.key_press(Key::U);
    harness.run_steps(2);
    let annotation = only_annotation(harness.state());
    assert_eq!(annotation.color, HighlightColor::Blue);
    assert_eq!(annotation.style, HighlightStyle::Underline);
    harness.key_press(Key::Delete);
    harness.run_steps(2);
    assert!(harness.state().annotations().unwrap().is_empty());
    assert_eq!(harness.state().selected_annotation(), None);
}

#[test]
fn a_digit_after_h_recolours_the_highlight_just_made_but_delete_waits_for_a_click() {
    let (_dir, article) = article_in_temp();
    let mut harness = app_on(&article);
    select_source_line(&mut harness);
    harness.key_press(Key::H);
    harness.run_steps(2);
    assert_eq!(
        harness.state().selected_annotation(),
        None,
        "nothing is open"
    );
    harness.key_press(Key::Num4);
    harness.key_press(Key::U);
    harness.run_steps(2);
    let annotation = only_annotation(harness.state());
    assert_eq!(annotation.color, HighlightColor::Pink);
    assert_eq!(annotation.style, HighlightStyle::Underline);
    // Delete removes only an open highlight.
    harness.key_press(Key::Delete);
    harness.run_steps(2);
    assert_eq!(harness.state().annotations().unwrap().len(), 1);
}

#[test]
fn the_panel_filters_and_jumps_and_brackets_step_through_highlights() {
    let (_dir, mut harness) = app_with_example_sidecar();
    harness.key_press(Key::F9);
    harness.run_steps(3);
    harness.get_by_label("4 annotations");
    harness.snapshot("annotations_panel");

    let filter = harness.get_by_role(egui::accesskit::Role::TextInput);
    filter.click();
    harness.run_steps(2);
    harness
        .get_by_role(egui::accesskit::Role::TextInput)
        .type_text("quotable");
    harness.run_steps(3);
    harness.get_by_label("1 of 4 annotations");
    let row = harness.get_by_label_contains("pink highlight");
    row.click();
    harness.run_steps(5);
    let selected = harness
        .state()
        .selected_annotation()
        .expect("the row opens its highlight");
    let annotation = harness
        .state()
        .annotations()
        .unwrap()
        .get(selected)
        .unwrap()
        .clone();
    assert!(
        annotation
            .anchor
            .exact
            .starts_with("We are long past the days")
    );
    let top = harness.state().reader().top_char();
    assert!(top > 2_000, "the reader scrolled to the highlight ({top})");

    // ] and [ step through highlights in document order.
    harness.key_press(Key::Escape);
    harness.run_steps(2);
    harness
        .state_mut()
        .apply(marginalia::ui::Command::SelectAnnotation(None));
    harness.state_mut().reader_mut().scroll_to_char(0);
    harness.run_steps(3);
    let mut starts = Vec::new();
    for _ in 0..4 {
        harness.key_press(Key::CloseBracket);
        harness.run_steps(3);
        let id = harness.state().selected_annotation().unwrap();
        let store = harness.state().annotations().unwrap();
        starts.push(store.resolution(id).unwrap().range.clone().unwrap().start);
    }
    let mut sorted = starts.clone();
    sorted.sort_unstable();
    sorted.dedup();
    assert_eq!(starts, sorted, "in document order, each once");
    harness.key_press(Key::OpenBracket);
    harness.run_steps(3);
    let id = harness.state().selected_annotation().unwrap();
    let back = harness
        .state()
        .annotations()
        .unwrap()
        .resolution(id)
        .unwrap()
        .range
        .clone()
        .unwrap()
        .start;
    assert_eq!(back, starts[2]);
}

#[test]
fn the_open_highlight_shows_its_editor() {
    let (_dir, mut harness) = app_with_example_sidecar();
    let first = harness.state().annotations().unwrap().annotations()[0].0.id;
    harness
        .state_mut()
        .apply(marginalia::ui::Command::SelectAnnotation(Some(first)));
    harness.run_steps(3);
    harness.get_by_label("Copy as quote");
    harness.get_by_label("Delete");
    harness.snapshot("highlight_editor");
}

#[test]
fn find_and_highlight_a_match_with_the_keyboard_alone() {
    let (_dir, article) = article_in_temp();
    let mut harness = app_on(&article);
    harness.key_press_modifiers(Modifiers::COMMAND, Key::F);
    harness.run_steps(3);
    harness
        .get_by_role(egui::accesskit::Role::TextInput)
        .type_text("cold war");
    harness.run_steps(3);
    let (matches, current) = harness.state().find_matches().unwrap();
    assert_eq!(matches.len(), 2);
    assert_eq!(current, 0);
    harness.get_by_label("1 of 2");
    harness.snapshot("find_matches");
    harness.key_press(Key::Enter);
    harness.run_steps(3);
    assert_eq!(harness.state().find_matches().unwrap().1, 1);
    harness.key_press_modifiers(Modifiers::COMMAND, Key::Enter);
    harness.run_steps(3);
    let annotation = only_annotation(harness.state());
    assert_eq!(annotation.anchor.exact, "Cold War");
    let second = harness.state().find_matches().unwrap().0[1].clone();
    assert_eq!(annotation.anchor.range(), second);
    harness.key_press(Key::Escape);
    harness.run_steps(2);
    assert!(harness.state().find_matches().is_none());
}

#[test]
fn the_colour_bar_beside_a_selection_highlights_in_that_colour() {
    let (_dir, article) = article_in_temp();
    let mut harness = app_on(&article);
    select_source_line(&mut harness);
    harness.run_steps(2);
    harness.get_by_label("green").click();
    harness.run_steps(2);
    let annotation = only_annotation(harness.state());
    assert_eq!(annotation.color, HighlightColor::Green);
    assert_eq!(
        harness.state().settings().color,
        HighlightColor::Green,
        "the current colour follows"
    );
}

#[test]
fn a_click_where_highlights_overlap_offers_a_choice() {
    let (_dir, article) = article_in_temp();
    let mut harness = app_on(&article);
    let paragraph = harness
        .get_by_label_contains("The United States held out the possibility")
        .rect();
    let y = paragraph.top() + 8.0;
    drag(
        &mut harness,
        egui::pos2(paragraph.left() + 1.0, y),
        egui::pos2(paragraph.left() + 300.0, y),
    );
    harness.key_press(Key::H);
    harness.run_steps(2);
    drag(
        &mut harness,
        egui::pos2(paragraph.left() + 200.0, y),
        egui::pos2(paragraph.left() + 500.0, y),
    );
    harness.key_press(Key::Num2); // Recolours the highlight just made.
    harness.key_press(Key::H);
    harness.run_steps(30);
    assert_eq!(harness.state().annotations().unwrap().len(), 2);

    click(&mut harness, egui::pos2(paragraph.left() + 250.0, y));
    harness.run_steps(2);
    harness.get_by_label("Highlights here");
    let options = harness.query_all_by_label_contains("\u{201C}").count();
    assert!(options >= 2, "both highlights are offered ({options})");
    // Pick the one that starts later: the second highlight.
    let store = harness.state().annotations().unwrap();
    let second = store.annotations()[1].0.clone();
    let start: String = second.anchor.exact.chars().take(48).collect();
    harness
        .get_by_role_and_label(
            egui::accesskit::Role::Button,
            &format!("\u{201C}{start}\u{2026}\u{201D}"),
        )
        .click();
    harness.run_steps(3);
    assert_eq!(harness.state().selected_annotation(), Some(second.id));
}

#[test]
fn copy_as_quote_puts_the_quote_and_its_citation_on_the_clipboard() {
    let (_dir, article) = article_in_temp();
    let mut harness = app_on(&article);
    let source = select_source_line(&mut harness);
    harness.key_press(Key::H);
    harness.run_steps(2);
    click(&mut harness, source.center());
    harness.run_steps(3);
    harness.get_by_label("Copy as quote").click();
    harness.step();
    let copied = harness
        .output()
        .platform_output
        .commands
        .iter()
        .find_map(|c| match c {
            egui::OutputCommand::CopyText(text) => Some(text.clone()),
            _ => None,
        })
        .expect("copied");
    assert_eq!(
        copied,
        "\u{201C}World Bulletin/News Desk\u{201D}\n\u{2014} Kerry-Lavrov meeting depends on Moscow's stance, \
         World Bulletin/News Desk, 11 Mart 2014, 00:18, kerry-lavrov-meeting.txt"
    );
}

#[test]
fn the_recovery_banner_offers_to_replace_the_unreadable_file() {
    let (dir, article) = article_in_temp();
    let sidecar = sidecar_of(&article);
    std::fs::write(&sidecar, "not a sidecar at all").unwrap();
    let mut harness = app_on(&article);
    select_source_line(&mut harness);
    harness.key_press(Key::H);
    step_until(&mut harness, "the recovery save", saved);
    harness.get_by_label("Replace the unreadable file").click();
    harness.run_steps(3);
    let kept: Vec<PathBuf> = std::fs::read_dir(dir.path())
        .unwrap()
        .map(|e| e.unwrap().path())
        .filter(|p| p.to_string_lossy().contains(".unreadable-"))
        .collect();
    assert_eq!(kept.len(), 1);
    assert_eq!(
        std::fs::read_to_string(&kept[0]).unwrap(),
        "not a sidecar at all"
    );
    let on_disk = read_sidecar(&sidecar).unwrap().unwrap();
    assert_eq!(on_disk.set.len(), 1);
    assert!(
        !sidecar
            .with_file_name("kerry-lavrov-meeting.txt.annotations.ron.recovery.ron")
            .exists()
    );
    assert!(
        harness
            .state()
            .banner()
            .unwrap()
            .contains("The unreadable file is kept as")
    );
}

#[test]
fn the_outline_jumps_to_a_chapter_and_marks_the_current_one() {
    let book = common::corpus_file("epub/alice.epub");
    let mut harness = app_on(&book);
    harness.key_press(Key::F8);
    harness.run_steps(3);
    harness.get_by_label("Outline");
    harness
        .get_by_role_and_label(
            egui::accesskit::Role::Button,
            "III—A CAUCUS-RACE AND A LONG TALE",
        )
        .click();
    harness.run_steps(5);
    let document = harness.state().document().unwrap();
    let top = harness.state().reader().top_char();
    let chapter = document.text().find("III—A CAUCUS-RACE").unwrap();
    let chapter = IndexedTextFree::char_of(document.text(), chapter);
    assert_eq!(top, chapter, "the chapter is at the top of the window");
    let current = harness.get_by_role_and_label(
        egui::accesskit::Role::Button,
        "III—A CAUCUS-RACE AND A LONG TALE",
    );
    assert_eq!(
        current.accesskit_node().toggled(),
        Some(egui::accesskit::Toggled::True),
        "marked as current"
    );
    common::app::settle_pictures(&mut harness);
    // Where the reader is, in time: the chapter's minutes left at a
    // common pace (nothing measured yet), the book's on hover.
    harness.get_by_label("5 min left in section");
    harness.snapshot("outline_epub");
}

#[test]
fn a_link_shows_its_target_and_opens_in_the_browser() {
    let dir = tempfile::tempdir().unwrap();
    let note = dir.path().join("note.md");
    std::fs::write(
        &note,
        "# Links\n\nRead [the Rust blog](https://blog.rust-lang.org/) today.\n",
    )
    .unwrap();
    let mut harness = app_on(&note);
    let paragraph = harness
        .get_by_label_contains("Read the Rust blog today.")
        .rect();
    // "the Rust blog" starts after "Read ".
    let at = egui::pos2(paragraph.left() + 80.0, paragraph.center().y);
    common::app::click_released_last(&mut harness, at);
    let opened = harness
        .output()
        .platform_output
        .commands
        .iter()
        .find_map(|c| match c {
            egui::OutputCommand::OpenUrl(url) => Some(url.url.clone()),
            _ => None,
        });
    assert_eq!(opened.as_deref(), Some("https://blog.rust-lang.org/"));
}

/// Char offsets from byte offsets, for the outline test.
struct IndexedTextFree;

impl IndexedTextFree {
    fn char_of(text: &str, byte: usize) -> usize {
        text[..byte].chars().count()
    }
}

/// The sample article with the example sidecar's four annotations.
fn app_with_example_sidecar() -> (tempfile::TempDir, Harness<'static, MarginaliaApp>) {
    let (dir, article) = article_in_temp();
    std::fs::copy(
        PathBuf::from(env!("CARGO_MANIFEST_DIR"))
            .join("annotations/examples/v1/kerry-lavrov-meeting.txt.annotations.ron"),
        sidecar_of(&article),
    )
    .unwrap();
    (dir, app_on(&article))
}

fn app_on(path: &Path) -> Harness<'static, MarginaliaApp> {
    common::app::app(StartWith::File(path.to_path_buf()), [1100.0, 760.0])
}

/// Drags across the "World Bulletin/News Desk" line; returns where it is.
fn select_source_line(harness: &mut Harness<'_, MarginaliaApp>) -> egui::Rect {
    let source = harness.get_by_label("World Bulletin/News Desk").rect();
    drag(
        harness,
        egui::pos2(source.left() + 1.0, source.center().y),
        egui::pos2(source.right() - 1.0, source.center().y),
    );
    source
}
