//! Go to Page (Ctrl+G): a small window asking which page of the original
//! (a PDF's) to go to, by its label ("iv", "213") or its number.

use eframe::egui::{self, Key, RichText};

use super::command::{Command, Situation};
use super::widgets::{centered_window, command_button_ui};

/// The page being typed.
#[derive(Default)]
pub(super) struct PagePrompt {
    typed: String,
    focus: bool,
}

impl PagePrompt {
    pub(super) fn new() -> Self {
        Self {
            typed: String::new(),
            focus: true,
        }
    }

    /// The window, for a document of `pages` pages; false once it is
    /// closed (Go, Cancel, Escape).
    pub(super) fn window_ui(
        &mut self,
        ctx: &egui::Context,
        pages: usize,
        now: &Situation,
        commands: &mut Vec<Command>,
    ) -> bool {
        let mut open = true;
        let mut done = false;
        centered_window(ctx, Command::ShowGoToPage.info().label)
            .open(&mut open)
            .resizable(false)
            .default_width(320.0)
            .show(ctx, |ui| {
                ui.horizontal(|ui| {
                    let field = ui.add(
                        egui::TextEdit::singleline(&mut self.typed)
                            .desired_width(120.0)
                            .hint_text("5, or iv"),
                    );
                    if std::mem::take(&mut self.focus) {
                        field.request_focus();
                    }
                    ui.label(RichText::new(format!("of {pages} pages")).weak());
                    let entered = field.lost_focus() && ui.input(|i| i.key_pressed(Key::Enter));
                    let go = Command::GoToPage(self.typed.trim().to_owned());
                    if command_button_ui(ui, go.clone(), now, commands).clicked() {
                        done = true;
                    } else if entered {
                        commands.push(go);
                        done = true;
                    }
                });
            });
        if ctx.input(|i| i.key_pressed(Key::Escape)) {
            done = true;
        }
        open && !done
    }
}
