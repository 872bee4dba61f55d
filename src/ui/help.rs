//! Help ▸ Keyboard Shortcuts (F1): every shortcut, generated from the
//! command table, grouped by where it works.

use eframe::egui::{self, RichText};
use uuid::Uuid;

use super::app::MarginaliaApp;
use super::command::{Command, KeyContext, keyed_commands};

/// The table's keyed commands grouped by the title of their context, in
/// the table's order.
pub fn shortcut_groups(ctx: &egui::Context) -> Vec<(&'static str, Vec<(&'static str, String)>)> {
    let mut groups: Vec<(&'static str, Vec<(&'static str, String)>)> = Vec::new();
    let mut commands = keyed_commands(Uuid::nil());
    commands.sort_by_key(|command| context_order(command.info().context));
    for command in commands {
        let info = command.info();
        let keys: Vec<String> = info
            .shortcuts
            .iter()
            .map(|s| ctx.format_shortcut(s))
            .collect();
        let title = info.context.title();
        let row = (info.label, keys.join(" or "));
        match groups.iter_mut().find(|(t, _)| *t == title) {
            Some((_, rows)) => rows.push(row),
            None => groups.push((title, vec![row])),
        }
    }
    groups
}

fn context_order(context: KeyContext) -> u8 {
    match context {
        KeyContext::Global => 0,
        KeyContext::Page => 1,
        KeyContext::Highlight => 2,
        KeyContext::FindAnywhere | KeyContext::FindField | KeyContext::FindBar => 3,
        KeyContext::Reader => 4,
    }
}

impl MarginaliaApp {
    pub(super) fn shortcuts_window_ui(&mut self, ctx: &egui::Context, commands: &mut Vec<Command>) {
        if !self.show_shortcuts {
            return;
        }
        let mut open = true;
        egui::Window::new("Keyboard Shortcuts")
            .open(&mut open)
            .collapsible(false)
            .resizable(true)
            .default_width(460.0)
            .default_height(560.0)
            .show(ctx, |ui| {
                egui::ScrollArea::vertical().show(ui, |ui| {
                    for (title, rows) in shortcut_groups(ctx) {
                        ui.label(RichText::new(title).strong());
                        egui::Grid::new(("shortcuts", title))
                            .num_columns(2)
                            .spacing([24.0, 4.0])
                            .striped(true)
                            .show(ui, |ui| {
                                for (label, keys) in rows {
                                    ui.label(label);
                                    ui.label(RichText::new(keys).monospace());
                                    ui.end_row();
                                }
                            });
                        ui.add_space(10.0);
                    }
                });
            });
        if !open {
            commands.push(Command::ToggleShortcuts);
        }
    }
}
