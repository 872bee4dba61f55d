//! A PDF in the window: one protected by a password asks for it, says when
//! it is not the right one, and opens with it.

mod common;

use common::app::{app, step_until};
use eframe::egui::{self, Key};
use egui_kittest::kittest::Queryable as _;
use marginalia::ui::StartWith;

fn type_password(
    harness: &mut egui_kittest::Harness<'_, marginalia::ui::MarginaliaApp>,
    text: &str,
) {
    harness
        .get_by_role(egui::accesskit::Role::PasswordInput)
        .focus();
    harness.run_steps(1);
    harness.event(egui::Event::Text(text.into()));
    harness.step();
    harness.key_press(Key::Enter);
    harness.run_steps(2);
}

#[test]
fn a_protected_pdf_asks_for_its_password_and_opens_with_it() {
    let folder = tempfile::tempdir().expect("a temporary folder");
    let pdf = folder.path().join("protected.pdf");
    std::fs::copy(
        common::corpus_file("pdf/hostile/x_encrypted_userpw_abc.pdf"),
        &pdf,
    )
    .expect("a copy to open");
    let mut harness = app(StartWith::File(pdf), [900.0, 700.0]);
    assert!(harness.state().document().is_none());
    harness.get_by_label("Is protected by a password.");
    type_password(&mut harness, "abd");
    step_until(&mut harness, "the wrong password to be tried", |app| {
        !app.is_opening()
    });
    harness.get_by_label("Is protected by a password, and the one given is not it.");
    assert!(harness.state().document().is_none());
    type_password(&mut harness, "abc");
    step_until(&mut harness, "the PDF to open", |app| {
        app.document().is_some()
    });
    let document = harness.state().document().map(|d| d.char_count());
    assert!(document.is_some_and(|chars| chars > 0));
    assert!(
        harness
            .query_by_role(egui::accesskit::Role::PasswordInput)
            .is_none(),
        "the prompt has gone"
    );
}

/// Ctrl+G, the page typed, Enter.
fn ask_for_page(
    harness: &mut egui_kittest::Harness<'_, marginalia::ui::MarginaliaApp>,
    page: &str,
) {
    harness.key_press_modifiers(egui::Modifiers::COMMAND, Key::G);
    harness.run_steps(2);
    harness.event(egui::Event::Text(page.into()));
    harness.step();
    harness.key_press(Key::Enter);
    harness.run_steps(4);
}

#[test]
fn go_to_page_takes_the_reader_to_the_page_asked_for() {
    let folder = tempfile::tempdir().expect("a temporary folder");
    let pdf = folder.path().join("zoo.pdf");
    std::fs::copy(common::corpus_file("pdf/papers/p11_zoo_jss.pdf"), &pdf).expect("a copy to open");
    let mut harness = app(StartWith::File(pdf), [900.0, 700.0]);
    let page_five = harness.state().document().map(|d| d.pages()[4].start_char);
    assert!(harness.state().reader().top_char() < page_five.unwrap_or(0));
    ask_for_page(&mut harness, "5");
    let top = harness.state().reader().top_char();
    let page = harness
        .state()
        .document()
        .and_then(|d| d.page_at(top).map(|p| p.label.clone()));
    assert_eq!(page.as_deref(), Some("5"), "top char {top}");
    // A page the paper does not have is said so.
    ask_for_page(&mut harness, "99");
    assert_eq!(
        harness.state().banner(),
        Some("There is no page 99 (pages 1 to 30).")
    );
}
