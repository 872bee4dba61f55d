//! The panel's editor of the open highlight: its quote and where it is
//! found, colour and style, the note (as it reads, or its Markdown source
//! while edited) and the tags.

use eframe::egui::{self, RichText, Ui};
use uuid::Uuid;

use crate::annotate::{AnchorStatus, Annotation, HighlightStyle};

use super::super::command::{Command, Situation};
use super::super::keymap::tooltip;
use super::super::note::{NoteClick, rendered_note_ui};
use super::super::session::DocumentSession;
use super::super::theme::{Palette, highlight_paint};
use super::super::widgets::{color_commands_ui, command_button_ui, open_link};
use super::{PanelState, parse_tags};

pub(super) fn editor_ui(
    ui: &mut Ui,
    session: &DocumentSession,
    annotation: &Annotation,
    state: &mut PanelState,
    now: &Situation,
    palette: &Palette,
    commands: &mut Vec<Command>,
) {
    let id = annotation.id;
    take_stored(state, annotation, now.typing);
    ui.horizontal(|ui| {
        ui.heading("Highlight");
        ui.with_layout(egui::Layout::right_to_left(egui::Align::Center), |ui| {
            command_button_ui(ui, Command::SelectAnnotation(None), now, commands);
        });
    });
    status_ui(ui, session.store().status(id));
    egui::Frame::new()
        .fill(highlight_paint(annotation.color, palette, false))
        .inner_margin(egui::Margin::same(8))
        .corner_radius(4)
        .show(ui, |ui| {
            ui.set_width(ui.available_width());
            ui.add(egui::Label::new(RichText::new(&annotation.anchor.exact).italics()).wrap());
        });
    ui.add_space(4.0);
    style_row_ui(ui, annotation, palette, commands);
    ui.add_space(4.0);
    note_and_tags_ui(ui, id, state, palette, commands);
    ui.horizontal(|ui| {
        command_button_ui(ui, Command::CopyQuote(id), now, commands);
        command_button_ui(ui, Command::DeleteAnnotation(id), now, commands);
    });
}

/// Says when a highlight is not where it was made.
fn status_ui(ui: &mut Ui, status: AnchorStatus) {
    if status == AnchorStatus::Anchored || status == AnchorStatus::Moved {
        return;
    }
    let text = match status {
        AnchorStatus::Fuzzy { score } => format!(
            "The text changed: this is the closest match ({:.0} %).",
            score * 100.0
        ),
        _ => "Not found in the current text. Kept with its quote and note.".to_owned(),
    };
    ui.label(RichText::new(text).weak().italics());
}

fn note_and_tags_ui(
    ui: &mut Ui,
    id: Uuid,
    state: &mut PanelState,
    palette: &Palette,
    commands: &mut Vec<Command>,
) {
    note_field_ui(ui, id, state, palette, commands);
    ui.label("Tags (comma-separated)");
    let tags = ui.add(
        egui::TextEdit::singleline(&mut state.tags)
            .id(ui.make_persistent_id(("tags", id)))
            .desired_width(f32::INFINITY)
            .hint_text("history, quote"),
    );
    if tags.changed() {
        state.tags_stored = parse_tags(&state.tags);
        commands.push(Command::SetTags(id, state.tags_stored.clone()));
    }
}

/// The stored note and tags go into the fields, unless the user is typing
/// in them and they are as the fields last left them.
fn take_stored(state: &mut PanelState, annotation: &Annotation, typing: bool) {
    let another = state.editing != Some(annotation.id) || !typing;
    if another || annotation.note != state.note_stored {
        state.note.clone_from(&annotation.note);
        state.note_stored.clone_from(&annotation.note);
    }
    if another || annotation.tags != state.tags_stored {
        state.tags = annotation.tags.join(", ");
        state.tags_stored.clone_from(&annotation.tags);
    }
    state.editing = Some(annotation.id);
}

/// The colours and the underline switch.
fn style_row_ui(
    ui: &mut Ui,
    annotation: &Annotation,
    palette: &Palette,
    commands: &mut Vec<Command>,
) {
    let id = annotation.id;
    ui.horizontal(|ui| {
        let recolor = |color| Command::Recolor(id, color);
        if let Some(command) = color_commands_ui(ui, palette, Some(annotation.color), recolor) {
            commands.push(command);
        }
        ui.separator();
        let mut underline = annotation.style == HighlightStyle::Underline;
        let toggle = Command::ToggleUnderline(id);
        let label = toggle.info().label;
        if ui
            .checkbox(&mut underline, label)
            .on_hover_text(tooltip(ui.ctx(), &toggle))
            .changed()
        {
            commands.push(toggle);
        }
    });
}

/// The note: its source while it is edited (or empty), else as it reads
/// (a click shows the source).
fn note_field_ui(
    ui: &mut Ui,
    id: Uuid,
    state: &mut PanelState,
    palette: &Palette,
    commands: &mut Vec<Command>,
) {
    ui.label("Note (Markdown)");
    let field = ui.make_persistent_id(("note", id));
    let focus_now = std::mem::take(&mut state.focus_note);
    let editing = ui.memory(|m| m.has_focus(field)) || focus_now || state.note_source;
    if editing || state.note.trim().is_empty() {
        let note = ui.add(
            egui::TextEdit::multiline(&mut state.note)
                .id(field)
                .desired_rows(5)
                .desired_width(f32::INFINITY)
                .hint_text("Why this matters…"),
        );
        if focus_now {
            note.request_focus();
        }
        if note.lost_focus() {
            state.note_source = false;
        }
        if note.changed() {
            state.note_stored.clone_from(&state.note);
            commands.push(Command::SetNote(id, state.note.clone()));
        }
    } else {
        // As it reads; a click shows the source to edit.
        let shown = egui::Frame::new()
            .inner_margin(egui::Margin::same(6))
            .corner_radius(4)
            .fill(ui.visuals().text_edit_bg_color())
            .show(ui, |ui| {
                ui.set_width(ui.available_width());
                rendered_note_ui(ui, &mut state.parsed_note, &state.note, palette)
            });
        match shown.inner {
            Some(NoteClick::Edit) => {
                state.note_source = true;
                state.focus_note = true;
                ui.ctx().request_repaint();
            }
            Some(NoteClick::Open(target)) => open_link(ui.ctx(), &target),
            None => {}
        }
    }
}
