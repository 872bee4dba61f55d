//! kittest tests that drive the real app (`build_eframe`) headlessly.

mod common;

use eframe::egui::{self, Key, Modifiers, OutputCommand};
use egui_kittest::Harness;
use egui_kittest::kittest::{NodeT as _, Queryable as _};
use marginalia::ui::reader::Selection;
use marginalia::ui::theme::ThemeChoice;
use marginalia::ui::{Command, MarginaliaApp, StartWith};

fn copied_text(harness: &Harness<'_, MarginaliaApp>) -> Option<String> {
    harness
        .output()
        .platform_output
        .commands
        .iter()
        .find_map(|c| match c {
            OutputCommand::CopyText(text) => Some(text.clone()),
            _ => None,
        })
}

#[test]
fn sample_article_opens_with_its_structure_visible() {
    let harness = app_harness(StartWith::Sample);
    let title = harness.get_by_label("Kerry-Lavrov meeting depends on Moscow's stance");
    assert_eq!(
        title.accesskit_node().role(),
        egui::accesskit::Role::Heading
    );
    harness.get_by_label("World Bulletin/News Desk");
    let lead = harness.get_by_label_contains("The State Department said Kerry told Lavrov");
    assert_eq!(
        lead.accesskit_node().role(),
        egui::accesskit::Role::Paragraph
    );
}

#[test]
fn opening_through_the_app_open_path_replaces_the_document() {
    let mut harness = app_harness(StartWith::Sample);
    let path = common::corpus_file("text/bbc-tech-001.txt");
    harness.state_mut().apply(Command::Open(path.clone()));
    harness.run();
    let app = harness.state();
    assert_eq!(
        app.document().map(|d| d.display_title()),
        Some("Ink helps drive democracy in Asia".to_owned())
    );
    assert_eq!(
        app.settings().recent[0].path,
        std::fs::canonicalize(&path).unwrap()
    );
    harness.get_by_label("Ink helps drive democracy in Asia");
}

#[test]
fn a_missing_file_shows_a_banner_and_keeps_the_open_article() {
    let mut harness = app_harness(StartWith::Sample);
    harness
        .state_mut()
        .apply(Command::Open("/nowhere/lost-article.txt".into()));
    harness.run();
    harness.get_by_label("/nowhere/lost-article.txt: no such file");
    assert!(
        harness.state().document().is_some(),
        "the open article stays"
    );
    harness.get_by_label("Dismiss").click();
    harness.run();
    assert!(harness.state().banner().is_none());
    assert!(
        harness
            .query_by_label("/nowhere/lost-article.txt: no such file")
            .is_none()
    );
}

#[test]
fn drag_selects_across_blocks_and_copy_copies_it() {
    let mut harness = app_harness(StartWith::Sample);
    let lead = harness
        .get_by_label_contains("The State Department said Kerry told Lavrov")
        .rect();
    let body = harness
        .get_by_label_contains("The United States held out the possibility")
        .rect();
    let from = egui::pos2(lead.left() + 1.0, lead.top() + 8.0);
    let to = egui::pos2(body.left() + 40.0, body.top() + 8.0);
    harness.hover_at(from);
    harness.drag_at(from);
    harness.run();
    harness.hover_at(egui::pos2(from.x + 30.0, from.y + 30.0));
    harness.run();
    harness.hover_at(to);
    harness.run();
    harness.drop_at(to);
    harness.run();

    let app = harness.state();
    let document = app.document().unwrap();
    let selected = app.reader().selected_text(document).expect("a selection");
    assert!(
        selected.starts_with("The State Department said Kerry"),
        "{selected:?}"
    );
    assert!(
        selected.contains("World Bulletin/News Desk\n\nThe"),
        "{selected:?}"
    );

    harness.event(egui::Event::Copy);
    harness.step();
    assert_eq!(copied_text(&harness), Some(selected));
}

#[test]
fn keyboard_selects_all_and_extends_a_selection() {
    let mut harness = app_harness(StartWith::Sample);
    harness.key_press_modifiers(Modifiers::COMMAND, Key::A);
    harness.run();
    let app = harness.state();
    let count = app.document().unwrap().char_count();
    assert_eq!(
        app.reader().selection().map(Selection::range),
        Some(0..count)
    );

    harness
        .state_mut()
        .reader_mut()
        .set_selection(Some(Selection::caret(0)));
    for _ in 0..5 {
        harness.key_press_modifiers(Modifiers::SHIFT, Key::ArrowRight);
    }
    harness.run();
    assert_eq!(selected_text(&harness).as_deref(), Some("Kerry"));
}

#[test]
fn double_click_selects_a_word() {
    let mut harness = app_harness(StartWith::Sample);
    let source = harness.get_by_label("World Bulletin/News Desk").rect();
    let at = egui::pos2(source.left() + 8.0, source.center().y);
    for _ in 0..2 {
        harness.hover_at(at);
        harness.drag_at(at);
        harness.step();
        harness.drop_at(at);
        harness.step();
    }
    harness.run();
    assert_eq!(selected_text(&harness).as_deref(), Some("World"));
}

#[test]
fn theme_and_font_size_follow_the_view_menu_and_keys() {
    let mut harness = app_harness(StartWith::Sample);
    harness.get_by_label("View").click();
    harness.run();
    harness.get_by_label("Dark").click();
    harness.run();
    assert_eq!(harness.state().settings().theme, ThemeChoice::Dark);
    assert!(harness.ctx.global_style().visuals.dark_mode);

    let before = harness.state().settings().font_size;
    harness.key_press_modifiers(Modifiers::COMMAND, Key::Equals);
    harness.run();
    assert_eq!(harness.state().settings().font_size, before + 1.0);
    harness.key_press_modifiers(Modifiers::COMMAND, Key::Num0);
    harness.run();
    assert_eq!(harness.state().settings().font_size, before);
}

#[test]
fn war_and_peace_scrolls_to_the_end_and_back() {
    let path = common::corpus_file("large/pg2600-war-and-peace.txt");
    let mut harness = app_harness(StartWith::File(path));
    let count = harness.state().document().unwrap().char_count();
    harness.key_press(Key::End);
    harness.run();
    let top = harness.state().reader().top_char();
    assert!(top > count * 99 / 100, "End reached {top} of {count}");
    harness.get_by_label_contains("recognize a dependence of which we are not conscious");

    harness.key_press(Key::Home);
    harness.run();
    assert_eq!(harness.state().reader().top_char(), 0);
    harness.key_press(Key::PageDown);
    harness.run();
    assert!(harness.state().reader().top_char() > 0);
}

#[test]
fn snapshots_of_the_sample_article_in_light_and_dark() {
    let mut harness = app_harness(StartWith::Sample);
    harness.snapshot("sample_article_light");
    harness
        .state_mut()
        .apply(Command::SetTheme(ThemeChoice::Dark));
    harness.run();
    harness.snapshot("sample_article_dark");
    harness
        .state_mut()
        .apply(Command::SetTheme(ThemeChoice::Sepia));
    harness.run();
    harness.snapshot("sample_article_sepia");
}

#[derive(Debug)]
struct DroppedPath(std::path::PathBuf);

impl egui::DroppedFile for DroppedPath {
    fn path(&self) -> &std::path::Path {
        &self.0
    }

    fn bytes(&self) -> Result<Vec<u8>, String> {
        std::fs::read(&self.0).map_err(|e| e.to_string())
    }
}

#[test]
fn dropping_a_file_shows_an_overlay_then_opens_it() {
    let mut harness = app_harness(StartWith::Sample);
    let path = common::corpus_file("text/bbc-politics-001.txt");
    harness.input_mut().hovered_files.push(egui::HoveredFile {
        path: Some(path.clone()),
        ..Default::default()
    });
    harness.step();
    harness.snapshot("drop_overlay");
    harness.input_mut().hovered_files.clear();
    harness
        .input_mut()
        .dropped_files
        .push(std::sync::Arc::new(DroppedPath(path.clone())));
    harness.run();
    let expected = std::fs::read_to_string(&path).unwrap();
    let title = expected.lines().next().unwrap().trim().to_owned();
    assert_eq!(harness.state().document().unwrap().display_title(), title);
    harness.get_by_label(&title);
}

#[test]
fn reopening_a_document_returns_to_the_reading_position() {
    let book = common::corpus_file("large/pg1399-anna-karenina.txt");
    let mut harness = app_harness(StartWith::File(book.clone()));
    for _ in 0..5 {
        harness.key_press(Key::PageDown);
        harness.run();
    }
    let position = harness.state().reader().top_char();
    assert!(position > 0);
    harness
        .state_mut()
        .apply(Command::Open(common::sample_article()));
    harness.run();
    assert_eq!(harness.state().reader().top_char(), 0);
    harness.state_mut().apply(Command::Open(book));
    common::app::step_until(&mut harness, "the book to open", |app| !app.is_opening());
    harness.run();
    assert_eq!(harness.state().reader().top_char(), position);
}

#[test]
fn triple_click_selects_a_paragraph_and_shift_click_extends() {
    let mut harness = app_harness(StartWith::Sample);
    let lead = harness
        .get_by_label_contains("The State Department said Kerry told Lavrov")
        .rect();
    let at = egui::pos2(lead.left() + 30.0, lead.top() + 10.0);
    for _ in 0..3 {
        harness.hover_at(at);
        harness.drag_at(at);
        harness.step();
        harness.drop_at(at);
        harness.step();
    }
    harness.run();
    let app = harness.state();
    let document = app.document().unwrap();
    assert_eq!(
        app.reader().selected_text(document).as_deref(),
        Some(document.block_text(1))
    );

    // A click puts a caret; Shift+click extends from it.
    harness.run_steps(30); // Past the double-click interval.
    let source = harness.get_by_label("World Bulletin/News Desk").rect();
    let start = egui::pos2(source.left() + 1.0, source.center().y);
    harness.hover_at(start);
    harness.drag_at(start);
    harness.step();
    harness.drop_at(start);
    harness.run_steps(30);
    let end = egui::pos2(source.right() - 1.0, source.center().y);
    harness.hover_at(end);
    harness.event(egui::Event::ModifiersChanged(Modifiers::SHIFT));
    harness.drag_at(end);
    harness.step();
    harness.drop_at(end);
    harness.step();
    harness.event(egui::Event::ModifiersChanged(Modifiers::NONE));
    harness.run();
    assert_eq!(
        selected_text(&harness).as_deref(),
        Some("World Bulletin/News Desk")
    );
}

#[test]
fn f1_shows_every_shortcut_from_the_command_table_and_closes_again() {
    let mut harness = app_harness(StartWith::Sample);
    assert!(harness.query_by_label("Keyboard Shortcuts").is_none());
    harness.key_press(Key::F1);
    harness.run_steps(2);
    harness.get_by_label("Keyboard Shortcuts");
    harness.get_by_label("Open an article file");
    harness.get_by_label("Ctrl+O");
    harness.get_by_label("Highlight the selection in the current colour");
    harness.get_by_label("Ctrl+Shift+Z or Ctrl+Y");
    harness.snapshot("shortcuts_window");
    harness.key_press(Key::F1);
    harness.run_steps(2);
    assert!(harness.query_by_label("Open an article file").is_none());

    // The Help menu opens it too, its item showing the shortcut.
    harness.get_by_label("Help").click();
    harness.run_steps(2);
    harness.get_by_label_contains("Keyboard Shortcuts").click();
    harness.run_steps(2);
    harness.get_by_label("Open an article file");
    // Escape closes it, as it closes any dialog.
    harness.key_press(Key::Escape);
    harness.run_steps(2);
    assert!(harness.query_by_label("Open an article file").is_none());
}

#[test]
fn a_big_article_opens_on_a_worker_with_a_progress_line() {
    let mut harness = app_harness(StartWith::Sample);
    let book = common::corpus_file("large/pg2600-war-and-peace.txt");
    let started = std::time::Instant::now();
    harness.state_mut().apply(Command::Open(book));
    let waited = started.elapsed();
    // Reading three megabytes (slowly, in a debug build) never holds the frame.
    assert!(harness.state().is_opening(), "opened within {waited:?}?");
    assert!(waited < std::time::Duration::from_secs(1), "{waited:?}");
    harness.step();
    harness.get_by_label("Opening pg2600-war-and-peace.txt…");
    common::app::step_until(&mut harness, "the book", |app| !app.is_opening());
    assert!(harness.state().document().unwrap().char_count() > 3_000_000);
}

fn app_harness(start: StartWith) -> Harness<'static, MarginaliaApp> {
    let mut harness = common::app::app(start, [900.0, 700.0]);
    harness.run();
    harness
}

fn selected_text(harness: &Harness<'_, MarginaliaApp>) -> Option<String> {
    let app = harness.state();
    app.reader().selected_text(app.document()?)
}
