//! Help ▸ Keyboard Shortcuts (F1): every shortcut, generated from the
//! command table, grouped by where it works.

use eframe::egui::{self, RichText};
use uuid::Uuid;

use super::command::{Command, KeyContext, keyed_commands};
use super::keymap::format_shortcut;
use super::widgets::centered_window;

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
            .map(|s| format_shortcut(ctx, s))
            .collect();
        let title = info.context.title();
        let row = (info.tooltip, keys.join(" or "));
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
        KeyContext::Caret | KeyContext::Arrows => 5,
    }
}

/// The keyboard shortcuts window, while it is shown; Escape closes it.
pub(super) fn shortcuts_window_ui(ctx: &egui::Context, commands: &mut Vec<Command>) {
    let mut open = !ctx.input_mut(|i| i.consume_key(egui::Modifiers::NONE, egui::Key::Escape));
    centered_window(ctx, Command::ToggleShortcuts.info().label)
        .open(&mut open)
        .resizable(true)
        .default_width(560.0)
        .default_height(600.0)
        .show(ctx, |ui| {
            egui::ScrollArea::vertical().show(ui, |ui| {
                egui::Grid::new("shortcuts")
                    .num_columns(2)
                    .spacing([32.0, 6.0])
                    .show(ui, |ui| {
                        for (title, rows) in shortcut_groups(ctx) {
                            ui.label(RichText::new(title).strong().size(15.0));
                            ui.end_row();
                            for (what, keys) in rows {
                                ui.label(what);
                                ui.label(RichText::new(keys).monospace());
                                ui.end_row();
                            }
                        }
                    });
            });
        });
    if !open {
        commands.push(Command::ToggleShortcuts);
    }
}

/// The shortcuts as a Markdown table, for the README (a test keeps the
/// README's copy true).
pub fn shortcuts_markdown(ctx: &egui::Context) -> String {
    let mut out = String::from("| Where | What | Keys |\n| --- | --- | --- |\n");
    for (title, rows) in shortcut_groups(ctx) {
        for (label, keys) in rows {
            out.push_str(&format!("| {title} | {label} | {keys} |\n"));
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_readme_lists_every_shortcut_of_the_table() {
        let readme = std::fs::read_to_string(concat!(env!("CARGO_MANIFEST_DIR"), "/README.md"))
            .expect("README.md");
        let table = shortcuts_markdown(&egui::Context::default());
        assert!(
            readme.contains(&table),
            "README.md's shortcut table is not the command table's; paste this:\n\n{table}"
        );
    }

    #[test]
    fn every_group_has_rows_and_keys() {
        let groups = shortcut_groups(&egui::Context::default());
        assert!(groups.len() >= 5, "{groups:?}");
        for (_, rows) in groups {
            assert!(
                rows.iter()
                    .all(|(label, keys)| !label.is_empty() && !keys.is_empty())
            );
        }
    }
}
