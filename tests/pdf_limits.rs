//! The PDF reader's limits stop it: a document that needs more processor
//! time, or more time, than it is allowed is a clear message, never a hang
//! of the window. (In a test binary of its own: the limits are lowered
//! through the environment, which every test of a binary shares.)

mod common;

use marginalia::import::import_path;

#[test]
fn a_pdf_that_takes_longer_than_the_reader_may_is_stopped() {
    let book = common::corpus_file("pdf/papers/b03_R_fullrefman.pdf");
    // SAFETY: this test binary's only test; no other thread reads the
    // environment while it is changed.
    unsafe { std::env::set_var("MARGINALIA_PDF_CPU_SECONDS", "1") };
    let said = import_path(&book)
        .err()
        .map(|e| e.to_string())
        .unwrap_or_default();
    assert!(
        said.contains("processor time") && said.contains("b03_R_fullrefman.pdf"),
        "{said}"
    );
    unsafe {
        std::env::set_var("MARGINALIA_PDF_CPU_SECONDS", "30");
        std::env::set_var("MARGINALIA_PDF_WALL_SECONDS", "1");
    }
    let said = import_path(&book)
        .err()
        .map(|e| e.to_string())
        .unwrap_or_default();
    assert!(said.contains("took longer than 1 s"), "{said}");
}
