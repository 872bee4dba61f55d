//! Tables in aligned columns in the reading face, their head bold, their
//! cells annotatable like any text (a snapshot shows one highlighted).

mod common;

use eframe::egui::Key;
use marginalia::document::BlockKind;
use marginalia::ui::StartWith;

const RELEASES: &str = "# Release notes\n\n\
The figures below compare the three releases shipped this year.\n\n\
| Release | Date | Fixes | Notes |\n|---|---|---|---|\n\
| 1.0 | 14 March | 212 | The first stable release, with the new reader |\n\
| 1.1 | 2 June | 87 | Pictures in EPUB books |\n\
| 1.2 | 30 November | 143 | Tables and clean web pages |\n\n\
After the table, the text goes on as before.\n";

#[test]
fn a_table_is_set_in_columns_and_its_cells_are_annotatable() {
    let dir = tempfile::tempdir().unwrap();
    let notes = dir.path().join("releases.md");
    std::fs::write(&notes, RELEASES).unwrap();
    let mut harness = common::app::app(StartWith::File(notes), [760.0, 420.0]);
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
