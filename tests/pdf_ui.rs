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
