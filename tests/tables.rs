//! Tables in aligned columns in the reading face, their head bold, their
//! cells annotatable like any text (a snapshot shows one highlighted);
//! cells wrap within their columns; a table whose words cannot fit the
//! measure scrolls sideways inside its block, not the page.

mod common;

use eframe::egui::{self, Key, accesskit::Role};
use egui_kittest::Harness;
use egui_kittest::kittest::Queryable as _;
use marginalia::document::BlockKind;
use marginalia::ui::{Command, MarginaliaApp};

const RELEASES: &str = "# Release notes\n\n\
The figures below compare the three releases shipped this year.\n\n\
| Release | Date | Fixes | Notes |\n|---|---|---|---|\n\
| 1.0 | 14 March | 212 | The first stable release, with the new reader |\n\
| 1.1 | 2 June | 87 | Pictures in EPUB books |\n\
| 1.2 | 30 November | 143 | Tables and clean web pages |\n\n\
After the table, the text goes on as before.\n";

#[test]
fn a_table_is_set_in_columns_and_its_cells_are_annotatable() {
    let (_dir, mut harness) = common::app::app_on("releases.md", RELEASES, [760.0, 420.0]);
    let document = harness.state().document().unwrap();
    let table = (0..document.blocks().len())
        .find(|&i| document.blocks()[i].kind == BlockKind::Table)
        .expect("a table block");
    assert_eq!(
        document.block_text(table).lines().nth(2),
        Some("1.1\t2 June\t87\tPictures in EPUB books"),
        "a row's cells, tab-separated, no grid drawn in text"
    );
    common::app::select_quote(&mut harness, "Pictures in EPUB books");
    harness.key_press(Key::H);
    harness.run_steps(3);
    let store = harness.state().annotations().unwrap();
    let quotes: Vec<&str> = store
        .annotations()
        .iter()
        .map(|(a, _)| a.anchor.exact.as_str())
        .collect();
    assert_eq!(
        quotes,
        ["Pictures in EPUB books"],
        "a cell's text is highlighted"
    );
    harness.snapshot("table");
}

const FIELD_NOTES: &str = "# Field notes\n\n\
What was seen on the walk, by the water.\n\n\
| Bird | Where | Notes |\n|---|---|---|\n\
| Heron | The north marsh | Stood in the shallows for twenty minutes, then took a fish and flew low over the reeds |\n\
| Kingfisher | Footbridge | A flash of blue, twice |\n\n\
The walk ended at the lock.\n";

/// The words a drag across `rect` (at its middle height) selects.
fn dragged_words(harness: &mut Harness<'_, MarginaliaApp>, rect: egui::Rect) -> String {
    let y = rect.center().y;
    common::app::drag(
        harness,
        egui::pos2(rect.left() + 1.0, y),
        egui::pos2(rect.right() - 1.0, y),
    );
    let app = harness.state();
    app.reader()
        .selected_text(app.document().unwrap())
        .unwrap_or_default()
}

#[test]
fn cells_wrap_within_their_columns_and_the_pointer_finds_their_words() {
    let (_dir, mut harness) = common::app::app_on("field-notes.md", FIELD_NOTES, [560.0, 460.0]);
    let table = harness.get_by_role(Role::Table).rect();
    // The text column is centred: its right margin is its left one.
    assert!(
        table.right() <= 560.0 - table.left() + 1.0,
        "the table stays within the text column: {table:?}"
    );
    // Unwrapped, its three rows were 81 points high; the notes take four lines.
    assert!(
        table.height() > 140.0,
        "the long cell wraps within its column: {table:?}"
    );
    // A word of the last column, on a line that every column has text on.
    common::app::select_quote(&mut harness, "shallows");
    harness.key_press(Key::H);
    harness.run_steps(3);
    let mark = harness.get_by_role(Role::Mark).rect();
    harness.state_mut().reader_mut().set_selection(None);
    harness.run_steps(2);
    assert_eq!(dragged_words(&mut harness, mark), "shallows");
    harness.snapshot("table_wrapped");
}

const ELEMENTS: &str = "# Elements\n\n\
| Element | Configuration | Discovered | Discoverer | Classification |\n|---|---|---|---|---|\n\
| Praseodymium | [Xe]4f³6s² | 1885 | Welsbach | Lanthanide |\n\
| Protactinium | [Rn]5f²6d¹7s² | 1913 | Fajans | Actinide |\n\n\
After the elements.\n";

#[test]
fn a_table_wider_than_the_measure_scrolls_sideways_inside_its_block() {
    let (_dir, mut harness) = common::app::app_on("elements.md", ELEMENTS, [420.0, 360.0]);
    let table = harness.get_by_role(Role::Table).rect();
    assert!(
        table.right() > 420.0,
        "the table is wider than the window: {table:?}"
    );
    let page_offset = harness.state().reader().scroll_offset();
    // Shift with the wheel over the table.
    common::app::wheel(
        &mut harness,
        table.center(),
        egui::vec2(0.0, -200.0),
        egui::Modifiers::SHIFT,
        4,
    );
    let scrolled = harness.get_by_role(Role::Table).rect();
    assert!(
        scrolled.left() < table.left() - 100.0,
        "the table moved left: {table:?} then {scrolled:?}"
    );
    assert_eq!(
        harness.state().reader().scroll_offset(),
        page_offset,
        "the page did not move"
    );
    // What shows at the table's left edge now is a later column's.
    let first_cell = egui::Rect::from_min_size(
        egui::pos2(table.left(), table.top() + 2.0),
        egui::vec2(60.0, 16.0),
    );
    let words = dragged_words(&mut harness, first_cell);
    assert!(
        !words.is_empty() && !"Element".contains(words.trim()),
        "the pointer finds the column scrolled into view, not the first: {words:?}"
    );
    harness.snapshot("table_scrolled_sideways");
}

#[test]
fn finding_words_in_a_wide_tables_hidden_column_scrolls_the_table_to_them() {
    let (_dir, mut harness) = common::app::app_on("elements.md", ELEMENTS, [420.0, 360.0]);
    let table = harness.get_by_role(Role::Table).rect();
    harness.state_mut().apply(Command::ShowFind);
    harness.run_steps(2);
    harness.event(egui::Event::Text("Actinide".into()));
    harness.run_steps(2);
    harness.key_press(Key::Enter);
    harness.run_steps(4);
    let scrolled = harness.get_by_role(Role::Table).rect();
    assert!(
        scrolled.left() < table.left() - 100.0,
        "the table moved to show the last column's match: {table:?} then {scrolled:?}"
    );
}

const LONG_CODE: &str = "# Streams\n\nPipe one stream into another:\n\n```js\n\
const { pipeline } = require('node:stream/promises'); // a comment that runs on well past the measure\n\
run().catch(console.error);\n```\n\nAfter the code.\n";

#[test]
fn a_long_line_of_code_is_never_wrapped_and_its_block_scrolls_sideways() {
    let (_dir, mut harness) = common::app::app_on("streams.md", LONG_CODE, [420.0, 360.0]);
    let code = harness.get_by_label_contains("const { pipeline }").rect();
    let line = harness.state().settings().font_size;
    assert!(
        code.height() < line * 0.8 * 1.45 * 2.0 + 40.0,
        "two lines of code, the long one unwrapped: {code:?}"
    );
    assert!(code.right() > 420.0, "wider than the window: {code:?}");
    common::app::wheel(
        &mut harness,
        egui::pos2(code.left() + 100.0, code.center().y),
        egui::vec2(0.0, -200.0),
        egui::Modifiers::SHIFT,
        4,
    );
    let scrolled = harness.get_by_label_contains("const { pipeline }").rect();
    assert!(
        scrolled.left() < code.left() - 100.0,
        "{scrolled:?} from {code:?}"
    );
}

const WIDE_RELEASES: &str = "# Releases\n\nThe table lists every release with its notes.\n\n\
| Version | Date | Codename | Highlights of the release | Breaking changes | Deprecations | Contributors | Download size |\n\
|---|---|---|---|---|---|---|---|\n\
| 1.0.0 | 2024-01-15 | Aurora | First stable release with the full API | None | None | 42 | 12.4 MB |\n\
| 2.0.0 | 2024-09-30 | Cascade | Plugins, themes and a new renderer | Plugin API | Legacy themes | 88 | 15.8 MB |\n\n\
After the table.\n";

#[test]
fn a_table_too_wide_for_the_measure_uses_the_free_width_and_fades_at_its_cut() {
    // 40 % of a 1440-point window stood empty beside a table clipped at the
    // text's measure: it now shows to the window's margin, the cut edge
    // faded over, then scrolls.
    let (_dir, mut harness) = common::app::app_on("wide.md", WIDE_RELEASES, [1440.0, 700.0]);
    harness.run_steps(3);
    harness.snapshot("table_using_the_free_width");
}
