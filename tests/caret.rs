//! The keyboard caret and precise selections: caret browsing (F7), a whole
//! highlight made, coloured, noted and tagged without the mouse, find that
//! leaves its match selected, drags that snap to words, quotes without
//! whitespace at their ends.

mod common;

use eframe::egui::{self, Key, Modifiers};
use egui_kittest::Harness;
use egui_kittest::kittest::{NodeT as _, Queryable as _};
use marginalia::annotate::HighlightColor;
use marginalia::ui::reader::Selection;
use marginalia::ui::{Command, MarginaliaApp, StartWith};

fn selection(harness: &Harness<'_, MarginaliaApp>) -> Option<Selection> {
    harness.state().reader().selection()
}

fn selected_text(harness: &Harness<'_, MarginaliaApp>) -> String {
    let app = harness.state();
    app.reader()
        .selected_text(app.document().unwrap())
        .unwrap_or_default()
}

fn press(harness: &mut Harness<'_, MarginaliaApp>, modifiers: Modifiers, key: Key) {
    harness.key_press_modifiers(modifiers, key);
    harness.run_steps(2);
}

#[test]
fn shift_right_in_a_fresh_window_selects_from_the_first_word_in_view() {
    let (_dir, article) = common::app::article_in_temp();
    let mut harness = common::app::app(StartWith::File(article), [1000.0, 700.0]);
    press(&mut harness, Modifiers::SHIFT, Key::ArrowRight);
    assert_eq!(selected_text(&harness), "K", "the title's first letter");
    press(
        &mut harness,
        Modifiers::SHIFT | Modifiers::COMMAND,
        Key::ArrowRight,
    );
    assert_eq!(selected_text(&harness), "Kerry");
    assert!(harness.state().reader().caret_browsing(), "the caret is on");
}

#[test]
fn f7_shows_a_caret_that_moves_by_laid_out_rows_and_words() {
    let (_dir, article) = common::app::article_in_temp();
    // Narrow: the paragraphs wrap into several rows.
    let mut harness = common::app::app(StartWith::File(article), [700.0, 700.0]);
    press(&mut harness, Modifiers::NONE, Key::F7);
    let caret = |harness: &Harness<'_, MarginaliaApp>| selection(harness).unwrap().cursor_char;
    assert_eq!(caret(&harness), 0, "at the first word in view");
    // Down to the lead, which wraps: every Down is one row, and Up returns.
    let mut rows = vec![caret(&harness)];
    for _ in 0..4 {
        press(&mut harness, Modifiers::NONE, Key::ArrowDown);
        rows.push(caret(&harness));
    }
    let steps: Vec<usize> = rows.windows(2).map(|w| w[1] - w[0]).collect();
    assert!(
        steps.iter().all(|&s| s > 0 && s < 90),
        "one row a press, not a guessed 70 chars: {steps:?}"
    );
    for expected in rows.iter().rev().skip(1) {
        press(&mut harness, Modifiers::NONE, Key::ArrowUp);
        assert_eq!(caret(&harness), *expected, "{rows:?}");
    }
    // Home and End: the visual row, not the paragraph.
    press(&mut harness, Modifiers::NONE, Key::ArrowDown);
    press(&mut harness, Modifiers::NONE, Key::ArrowDown);
    press(&mut harness, Modifiers::NONE, Key::End);
    let row_end = caret(&harness);
    press(&mut harness, Modifiers::SHIFT, Key::Home);
    let row = selected_text(&harness);
    assert!(!row.is_empty() && !row.contains('\n'), "{row:?}");
    let app = harness.state();
    let document = app.document().unwrap();
    let block = document.block_at(row_end).unwrap();
    assert!(
        row.chars().count() < document.blocks()[block].chars.len(),
        "a row, not the paragraph: {row:?}"
    );
    // Ctrl+Right: to the end of the next word.
    press(&mut harness, Modifiers::NONE, Key::ArrowLeft);
    press(
        &mut harness,
        Modifiers::SHIFT | Modifiers::COMMAND,
        Key::ArrowRight,
    );
    let word = selected_text(&harness);
    assert!(
        word.chars().all(char::is_alphanumeric) && !word.is_empty(),
        "{word:?}"
    );
    // Page Down with the caret on: the caret comes along to the new page.
    press(&mut harness, Modifiers::NONE, Key::Escape);
    press(&mut harness, Modifiers::NONE, Key::PageDown);
    harness.run_steps(2);
    let app = harness.state();
    let top = app.reader().top_char();
    assert!(
        caret(&harness) >= top && top > 0,
        "the caret ({}) is in the new page (from {top})",
        caret(&harness)
    );
    // F7 again: the arrows scroll.
    press(&mut harness, Modifiers::NONE, Key::F7);
    assert!(!harness.state().reader().caret_browsing());
}

#[test]
fn a_whole_highlight_is_made_coloured_noted_and_tagged_without_the_mouse() {
    let (_dir, article) = common::app::article_in_temp();
    let mut harness = common::app::app(StartWith::File(article), [1000.0, 700.0]);
    press(&mut harness, Modifiers::NONE, Key::F7);
    press(&mut harness, Modifiers::SHIFT, Key::ArrowDown);
    press(&mut harness, Modifiers::SHIFT, Key::End);
    let quote = selected_text(&harness);
    assert!(quote.starts_with("Kerry-Lavrov meeting"), "{quote:?}");
    press(&mut harness, Modifiers::NONE, Key::H);
    press(&mut harness, Modifiers::NONE, Key::N);
    harness.event(egui::Event::Text("Why it matters".into()));
    harness.run_steps(2);
    press(&mut harness, Modifiers::NONE, Key::Tab);
    harness.event(egui::Event::Text("headline".into()));
    harness.run_steps(2);
    press(&mut harness, Modifiers::NONE, Key::Escape);
    press(&mut harness, Modifiers::NONE, Key::Num2);
    let app = harness.state();
    let annotations = app.annotations().unwrap().annotations();
    assert_eq!(annotations.len(), 1);
    let made = &annotations[0].0;
    assert_eq!(made.anchor.exact, quote.trim());
    assert_eq!(made.note, "Why it matters");
    assert_eq!(made.tags, ["headline"]);
    assert_eq!(made.color, HighlightColor::Green);
}

#[test]
fn escape_from_find_leaves_the_match_selected_for_shift_end() {
    let (_dir, article) = common::app::article_in_temp();
    let mut harness = common::app::app(StartWith::File(article), [1000.0, 700.0]);
    harness.state_mut().apply(Command::ShowFind);
    harness.run_steps(2);
    harness.event(egui::Event::Text("Jen Psaki".into()));
    harness.run_steps(2);
    press(&mut harness, Modifiers::NONE, Key::Enter);
    press(&mut harness, Modifiers::NONE, Key::Escape);
    assert!(harness.state().find_matches().is_none(), "find closed");
    assert_eq!(selected_text(&harness), "Jen Psaki");
    press(&mut harness, Modifiers::SHIFT, Key::End);
    assert!(
        selected_text(&harness).starts_with("Jen Psaki said"),
        "{}",
        selected_text(&harness)
    );
}

#[test]
fn the_caret_is_read_by_a_screen_reader() {
    let (_dir, article) = common::app::article_in_temp();
    let mut harness = common::app::app(StartWith::File(article), [1000.0, 700.0]);
    let runs = |harness: &Harness<'_, MarginaliaApp>| {
        harness
            .query_all_by_role(egui::accesskit::Role::TextRun)
            .filter_map(|node| node.accesskit_node().value())
            .collect::<Vec<_>>()
    };
    assert!(
        runs(&harness)
            .iter()
            .all(|r| !r.starts_with("Kerry-Lavrov"))
    );
    press(&mut harness, Modifiers::NONE, Key::F7);
    let runs = runs(&harness);
    assert!(
        runs.iter().any(|r| r.starts_with("Kerry-Lavrov meeting")),
        "the caret's line as a text run: {runs:?}"
    );
    // A screen reader reads the line of the focused node's text selection.
    let line_at_caret = |harness: &Harness<'_, MarginaliaApp>| {
        let page = harness.get_by_role(egui::accesskit::Role::Document);
        let page = page.accesskit_node();
        assert!(page.is_focused(), "the page has the keyboard focus");
        let caret = page.text_selection_focus().expect("a text selection");
        let mut line = caret.to_degenerate_range();
        line.set_start(caret.backward_to_line_start());
        line.set_end(caret.forward_to_line_end());
        line.text()
    };
    assert!(
        line_at_caret(&harness).starts_with("Kerry-Lavrov meeting"),
        "{:?}",
        line_at_caret(&harness)
    );
    press(&mut harness, Modifiers::NONE, Key::ArrowDown);
    press(&mut harness, Modifiers::NONE, Key::ArrowDown);
    let line = line_at_caret(&harness);
    let app = harness.state();
    let caret = app.reader().selection().unwrap().cursor_char;
    let document = app.document().unwrap();
    let around_caret = document.text_between(caret, caret + 6);
    assert!(
        line.contains(around_caret.trim()) && !line.starts_with("Kerry"),
        "the line read moves with the caret: {line:?}, caret before {around_caret:?}"
    );
    // The keys still reach the commands while the page has the focus.
    press(&mut harness, Modifiers::SHIFT, Key::End);
    press(&mut harness, Modifiers::NONE, Key::H);
    assert_eq!(
        harness.state().annotations().unwrap().annotations().len(),
        1
    );
}

/// The screen rect of the paragraph that starts with `start`.
fn paragraph(harness: &Harness<'_, MarginaliaApp>, start: &str) -> egui::Rect {
    harness.get_by_label_contains(start).rect()
}

#[test]
fn a_drag_snaps_to_whole_words_once_it_leaves_its_word_and_alt_selects_by_char() {
    let (_dir, article) = common::app::article_in_temp();
    let mut harness = common::app::app(StartWith::File(article), [1000.0, 700.0]);
    let rect = paragraph(&harness, "The United States held out the possibility");
    let y = rect.top() + 8.0;
    // From inside "United" to inside "held": both words whole.
    let (from, to) = (
        egui::pos2(rect.left() + 45.0, y),
        egui::pos2(rect.left() + 160.0, y),
    );
    common::app::drag(&mut harness, from, to);
    let text = selected_text(&harness);
    assert!(text.starts_with("United States"), "{text:?}");
    assert!(
        text.ends_with(char::is_alphanumeric),
        "ends at a word's end: {text:?}"
    );
    assert!(text.contains("States"), "{text:?}");
    // With Alt, by character: the drag starts where the button went down.
    harness.key_press(Key::Escape);
    harness.event(egui::Event::ModifiersChanged(Modifiers::ALT));
    harness.hover_at(from);
    harness.event(egui::Event::PointerButton {
        pos: from,
        button: egui::PointerButton::Primary,
        pressed: true,
        modifiers: Modifiers::ALT,
    });
    harness.step();
    harness.hover_at(to);
    harness.step();
    harness.event(egui::Event::PointerButton {
        pos: to,
        button: egui::PointerButton::Primary,
        pressed: false,
        modifiers: Modifiers::ALT,
    });
    harness.step();
    harness.event(egui::Event::ModifiersChanged(Modifiers::NONE));
    let by_char = selected_text(&harness);
    assert!(!by_char.starts_with("United"), "{by_char:?}");
}

#[test]
fn a_quote_never_starts_or_ends_with_whitespace() {
    let (_dir, article) = common::app::article_in_temp();
    let mut harness = common::app::app(StartWith::File(article), [1000.0, 700.0]);
    common::app::select_quote(&mut harness, " the Cold War, ");
    press(&mut harness, Modifiers::NONE, Key::H);
    let app = harness.state();
    let quotes: Vec<String> = app
        .annotations()
        .unwrap()
        .annotations()
        .iter()
        .map(|(a, _)| a.anchor.exact.clone())
        .collect();
    assert_eq!(quotes, ["the Cold War,"]);
}

#[test]
fn any_arrow_turns_the_caret_on_until_f7_turns_it_off() {
    let (_dir, article) = common::app::article_in_temp();
    let mut harness = common::app::app(StartWith::File(article), [700.0, 500.0]);
    // A fresh window: Down places the caret at the first word in view, the
    // next Down moves it a row; nothing scrolls.
    press(&mut harness, Modifiers::NONE, Key::ArrowDown);
    assert!(
        harness.state().reader().caret_browsing(),
        "Down turned it on"
    );
    assert_eq!(selection(&harness), Some(Selection::caret(0)));
    press(&mut harness, Modifiers::NONE, Key::ArrowDown);
    assert!(selection(&harness).unwrap().cursor_char > 0);
    assert_eq!(harness.state().reader().scroll_offset(), 0.0);
    // The caret as a reader sees it: a steady bar on the title's second row.
    harness.snapshot("caret_after_down");
    // Turned off with F7, the arrows scroll, and stay scrolling.
    press(&mut harness, Modifiers::NONE, Key::F7);
    press(&mut harness, Modifiers::NONE, Key::ArrowDown);
    press(&mut harness, Modifiers::NONE, Key::ArrowRight);
    assert!(!harness.state().reader().caret_browsing());
    assert!(
        harness.state().reader().scroll_offset() > 0.0,
        "Down scrolled"
    );
}

#[test]
fn the_first_ctrl_end_in_caret_mode_goes_to_the_end() {
    let (_dir, article) = common::app::article_in_temp();
    let mut harness = common::app::app(StartWith::File(article), [700.0, 500.0]);
    press(&mut harness, Modifiers::NONE, Key::F7);
    press(&mut harness, Modifiers::NONE, Key::ArrowDown);
    // The page scrolled with the wheel: the caret is out of sight.
    common::app::wheel(
        &mut harness,
        egui::pos2(350.0, 250.0),
        egui::vec2(0.0, -300.0),
        Modifiers::NONE,
        6,
    );
    press(&mut harness, Modifiers::COMMAND, Key::End);
    harness.run_steps(3);
    let chars = harness.state().document().unwrap().char_count();
    assert_eq!(
        selection(&harness),
        Some(Selection::caret(chars)),
        "at the end, not at the first word in view"
    );
    assert!(
        harness.state().reader().scroll_offset() > 0.0,
        "scrolled there"
    );
}
