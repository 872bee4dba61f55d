//! The reading loop as a daily reader lives it: the place in a long book
//! is kept and found again.

mod common;

use eframe::egui::Key;
use marginalia::ui::{Command, StartWith};

#[test]
fn a_long_book_reopens_at_the_paragraph_it_was_left_at() {
    let book = common::corpus_file("large/pg2600-war-and-peace.txt");
    let book = std::fs::canonicalize(&book).unwrap();
    let mut harness = common::app::app(StartWith::File(book.clone()), [1000.0, 700.0]);
    for _ in 0..10 {
        harness.key_press(Key::PageDown);
        harness.run_steps(2);
    }
    let left_at = harness.state().reader().top_char();
    assert!(left_at > 5_000, "PageDown moved the view: {left_at}");
    // Reopened with the view still scrolled where the last one was (as
    // egui's remembered scroll offset leaves it after a restart).
    harness.state_mut().apply(Command::Open(book.clone()));
    common::app::step_until(&mut harness, "the book", |app| !app.is_opening());
    harness.run_steps(4);
    assert_eq!(harness.state().reader().top_char(), left_at);
    assert_eq!(harness.state().settings().position_of(&book), Some(left_at));
}
