//! The key map: this frame's key presses turned into commands, from the
//! command table alone, for the contexts live now.

use eframe::egui::{self, Event, InputState, Key, KeyboardShortcut};
use uuid::Uuid;

use super::command::{Command, KeyContext, Situation, keyed_commands};
use super::reader::ReaderCommand;

/// The commands this frame's keys (and dropped files) ask for.
pub fn commands_from_input(ctx: &egui::Context, now: &Situation) -> Vec<Command> {
    // Most frames bring no key: the table is not consulted for them.
    if ctx.input(|i| i.events.is_empty() && i.raw.dropped_files.is_empty()) {
        return Vec::new();
    }
    let mut entries = live_shortcuts(now);
    // An open menu or context menu closes on Escape itself (egui does that
    // while drawing it), as the shortcuts window does: the key is left for it.
    if egui::Popup::is_any_open(ctx) || now.window_closes_on_escape {
        entries.retain(|(shortcut, _)| shortcut.logical_key != Key::Escape);
    }
    let mut commands = Vec::new();
    ctx.input_mut(|input| {
        // Every press counts, however many came in one frame (a held
        // PageDown, fast typing of keys).
        for (shortcut, command) in entries {
            let presses = input.count_and_consume_key(shortcut.modifiers, shortcut.logical_key);
            commands.extend(std::iter::repeat_n(command, presses));
        }
        // Ctrl+C reaches egui as a copy event on most platforms.
        let copy = Command::Reader(ReaderCommand::Copy);
        if KeyContext::Reader.is_active(now)
            && copy.available(now)
            && !commands.contains(&copy)
            && input.events.iter().any(|e| matches!(e, Event::Copy))
        {
            commands.push(copy);
        }
        // Several files dropped at once: the first one opens.
        if let Some(file) = input.raw.dropped_files.first() {
            commands.push(Command::Open(file.path().to_path_buf()));
        }
    });
    commands
}

/// The shortcuts of the live, available commands, in the order they are
/// tried: more modifiers first (egui matches an extra Shift loosely, so
/// Shift+Space must be tried before Space), then by context, innermost
/// first for a shared key such as Escape.
fn live_shortcuts(now: &Situation) -> Vec<(KeyboardShortcut, Command)> {
    let open = now.note_target.unwrap_or(Uuid::nil());
    let mut entries: Vec<(usize, KeyContext, KeyboardShortcut, Command)> = keyed_commands(open)
        .into_iter()
        .filter(|command| command.info().context.is_active(now) && command.available(now))
        // Only an open highlight is deleted by a key, never the one made a
        // while ago and perhaps out of sight.
        .filter(|command| {
            !matches!(command, Command::DeleteAnnotation(_)) || now.open_highlight.is_some()
        })
        .flat_map(|command| {
            let info = command.info();
            info.shortcuts.iter().map(move |shortcut| {
                let weight = modifier_count(shortcut);
                (weight, info.context, *shortcut, command.clone())
            })
        })
        .collect();
    entries.sort_by(|a, b| b.0.cmp(&a.0).then(a.1.cmp(&b.1)));
    entries
        .into_iter()
        .map(|(_, _, shortcut, command)| (shortcut, command))
        .collect()
}

fn modifier_count(shortcut: &KeyboardShortcut) -> usize {
    let m = shortcut.modifiers;
    [m.alt, m.ctrl || m.command || m.mac_cmd, m.shift]
        .into_iter()
        .filter(|held| *held)
        .count()
}

/// The find field's command for a key pressed as the field lost focus
/// (Enter, Shift+Enter, Ctrl+Enter, Escape).
pub fn find_field_command(input: &InputState) -> Option<Command> {
    let candidates = [
        Command::HighlightFindMatch,
        Command::FindPrevious,
        Command::FindNext,
        Command::CloseFind,
    ];
    candidates.into_iter().find(|command| {
        command.info().shortcuts.iter().any(|shortcut| {
            input.key_pressed(shortcut.logical_key)
                && input.modifiers.matches_exact(shortcut.modifiers)
        })
    })
}

/// The text of a command's first shortcut, as the platform writes it.
pub fn shortcut_text(ctx: &egui::Context, command: &Command) -> Option<String> {
    command.shortcut().map(|s| format_shortcut(ctx, &s))
}

/// "Ctrl+Shift+Z", "Cmd+O" on macOS, "]", "Page Down": readable in any font.
pub fn format_shortcut(ctx: &egui::Context, shortcut: &KeyboardShortcut) -> String {
    let is_mac = ctx.os() == egui::os::OperatingSystem::Mac;
    let names = &egui::ModifierNames::NAMES;
    let mut text = names.format(&shortcut.modifiers, is_mac);
    if !text.is_empty() {
        text += names.concat;
    }
    text += match shortcut.logical_key {
        Key::ArrowUp => "Up",
        Key::ArrowDown => "Down",
        Key::ArrowLeft => "Left",
        Key::ArrowRight => "Right",
        Key::PageUp => "Page Up",
        Key::PageDown => "Page Down",
        key => key.symbol_or_name(),
    };
    text
}

/// A command's tooltip with its shortcut: "Find text in the article (Ctrl+F)".
pub fn tooltip(ctx: &egui::Context, command: &Command) -> String {
    let info = command.info();
    match shortcut_text(ctx, command) {
        Some(keys) => format!("{} ({keys})", info.tooltip),
        None => info.tooltip.to_owned(),
    }
}
