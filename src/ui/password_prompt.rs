//! The password a protected PDF asks for: a small window with the file's
//! name, a hidden field and Open. The password goes to the PDF reader once
//! and is never saved: the field is emptied as it is sent, and on Cancel
//! (the open session keeps it in memory, for the PDF's pages and a reload).

use std::path::PathBuf;

use eframe::egui::{self, Key, RichText};

use super::command::{Command, Password};
use super::widgets::centered_window;
use super::workspace::file_name;

/// A password being typed for a PDF.
pub(super) struct PasswordPrompt {
    pdf: PathBuf,
    /// Why it is asked: "is protected by a password", or "… not it".
    why: String,
    typed: String,
    focus: bool,
}

impl PasswordPrompt {
    pub(super) fn new(pdf: PathBuf, why: String) -> Self {
        Self {
            pdf,
            why,
            typed: String::new(),
            focus: true,
        }
    }

    /// The window; false once it is closed (Open, Cancel, Escape).
    pub(super) fn window_ui(&mut self, ctx: &egui::Context, commands: &mut Vec<Command>) -> bool {
        let mut open = true;
        let mut done = false;
        centered_window(ctx, "Password")
            .open(&mut open)
            .resizable(false)
            .default_width(420.0)
            .show(ctx, |ui| {
                ui.label(RichText::new(file_name(&self.pdf)).strong());
                ui.label(self.why_text());
                ui.add_space(6.0);
                let field = ui.add(
                    egui::TextEdit::singleline(&mut self.typed)
                        .password(true)
                        .desired_width(f32::INFINITY)
                        .hint_text("Password"),
                );
                if std::mem::take(&mut self.focus) {
                    field.request_focus();
                }
                let entered = field.lost_focus() && ui.input(|i| i.key_pressed(Key::Enter));
                ui.add_space(6.0);
                ui.horizontal(|ui| {
                    let open = ui.button(
                        Command::OpenWithPassword(PathBuf::new(), Password(String::new()))
                            .info()
                            .label,
                    );
                    if open.clicked() || entered {
                        let password = Password(std::mem::take(&mut self.typed));
                        commands.push(Command::OpenWithPassword(self.pdf.clone(), password));
                        done = true;
                    }
                    if ui.button("Cancel").clicked() {
                        done = true;
                    }
                });
                ui.label(
                    RichText::new(
                        "The password stays in memory while the PDF is open; it is never saved.",
                    )
                    .weak(),
                );
            });
        if ctx.input(|i| i.key_pressed(Key::Escape)) {
            done = true;
        }
        if done || !open {
            self.typed.clear();
        }
        open && !done
    }

    /// What the reader said, without the file's name (shown above it).
    fn why_text(&self) -> String {
        let shown = self.pdf.display().to_string();
        let why = self.why.strip_prefix(&shown).unwrap_or(&self.why);
        let why = why.trim_start_matches(':').trim();
        let mut text = why.to_owned();
        if let Some(first) = text.get_mut(0..1) {
            first.make_ascii_uppercase();
        }
        format!("{text}.")
    }
}
