//! A paragraph too long to lay out whole is kept in pieces: in the window
//! it reads, scrolls, selects and highlights as one paragraph, and a
//! highlight across two pieces keeps the exact words.

mod common;

use common::app::step_until;
use marginalia::ui::StartWith;
use marginalia::ui::command::Command;
use marginalia::ui::reader::Selection;

#[test]
fn a_highlight_across_two_pieces_of_a_long_paragraph_keeps_its_words() {
    let dir = tempfile::tempdir().unwrap();
    let article = dir.path().join("long.txt");
    let sentence = "The river kept running past the old mill by the bridge. ";
    std::fs::write(&article, format!("Long\n\n{}\n", sentence.repeat(400))).unwrap();
    let mut harness = common::app::app(StartWith::File(article.clone()), [900.0, 700.0]);
    let document = harness.state().document().unwrap().clone();
    let blocks = document.blocks();
    assert!(blocks.len() >= 4, "in pieces: {}", blocks.len());
    let boundary = blocks[2].chars.start;
    assert!(blocks[2].continues);
    // From inside the first piece's last sentence to inside the next's first.
    let selection = boundary - 20..boundary + 25;
    harness
        .state_mut()
        .reader_mut()
        .reveal_char(selection.start);
    harness.run_steps(4);
    harness
        .state_mut()
        .reader_mut()
        .set_selection(Some(Selection {
            anchor_char: selection.start,
            cursor_char: selection.end,
        }));
    harness.state_mut().apply(Command::HighlightSelection);
    step_until(&mut harness, "the highlight", |app| {
        app.annotations().is_some_and(|store| store.len() == 1)
    });
    let store = harness.state().annotations().unwrap();
    let highlight = store.set().iter().next().unwrap();
    let range = highlight.anchor.range();
    assert!(
        range.start < boundary && boundary < range.end,
        "{range:?} across {boundary}"
    );
    let text = marginalia::annotate::IndexedText::new(document.text());
    assert_eq!(highlight.anchor.exact, text.slice(range));
    assert!(
        highlight.anchor.exact.contains("bridge. The river"),
        "{}",
        highlight.anchor.exact
    );
    // Shown where it is: one paragraph, the highlight across its pieces.
    let piece_before = blocks[1].chars.start;
    harness.state_mut().reader_mut().reveal_char(boundary + 200);
    step_until(&mut harness, "the view at the highlight", |app| {
        app.reader().top_char() >= piece_before
    });
    harness.snapshot("long_paragraph_highlight_across_pieces");
}
