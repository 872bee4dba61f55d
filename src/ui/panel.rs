//! The annotations panel: the editor of the selected highlight (note, tags,
//! colour, style) and the list of every annotation, filtered, virtualised.

use eframe::egui::{self, Color32, RichText, Sense, Ui, vec2};
use uuid::Uuid;

use crate::annotate::{AnchorStatus, Annotation, HighlightColor, HighlightStyle};

use super::app::Command;
use super::session::DocumentSession;
use super::theme::{Palette, highlight_paint};

/// What the panel remembers between frames.
#[derive(Debug, Default)]
pub struct PanelState {
    pub filter_text: String,
    pub filter_color: Option<HighlightColor>,
    pub filter_tag: Option<String>,
    /// The note and tags being edited, and whose they are.
    editing: Option<Uuid>,
    note: String,
    tags: String,
    /// Scroll the list to this annotation next frame.
    pub reveal: Option<Uuid>,
    /// The filtered rows and what they were filtered for.
    rows: Vec<(Uuid, AnchorStatus)>,
    rows_key: Option<FilterKey>,
}

/// What a filtered list depends on.
#[derive(Clone, Debug, PartialEq)]
struct FilterKey {
    text: String,
    color: Option<HighlightColor>,
    tag: Option<String>,
    revision: u64,
}

const ROW_HEIGHT: f32 = 62.0;

/// The swatch colour of a highlight colour in the panel.
pub fn swatch(color: HighlightColor, palette: &Palette) -> Color32 {
    highlight_paint(color, palette, true)
}

/// A row of five colour buttons; returns the one clicked.
pub fn color_buttons_ui(
    ui: &mut Ui,
    palette: &Palette,
    current: Option<HighlightColor>,
) -> Option<HighlightColor> {
    let mut clicked = None;
    for (key, color) in HighlightColor::ALL.into_iter().enumerate() {
        let (rect, response) = ui.allocate_exact_size(vec2(22.0, 22.0), Sense::click());
        let selected = current == Some(color);
        ui.painter()
            .circle_filled(rect.center(), 8.5, swatch(color, palette));
        if selected || response.hovered() {
            ui.painter()
                .circle_stroke(rect.center(), 10.5, egui::Stroke::new(2.0, palette.strong));
        }
        let name = color.name();
        let response = response.on_hover_text(format!("{name} ({})", key + 1));
        response
            .widget_info(|| egui::WidgetInfo::selected(egui::Role::Button, true, selected, name));
        if response.clicked() {
            clicked = Some(color);
        }
    }
    clicked
}

/// The panel's contents.
pub fn panel_ui(
    ui: &mut Ui,
    session: &DocumentSession,
    state: &mut PanelState,
    selected: Option<Uuid>,
    palette: &Palette,
    commands: &mut Vec<Command>,
) {
    if let Some(annotation) = selected.and_then(|id| session.store().get(id)) {
        editor_ui(ui, session, annotation, state, palette, commands);
        ui.separator();
    } else {
        state.editing = None;
    }
    list_ui(ui, session, state, selected, palette, commands);
}

fn editor_ui(
    ui: &mut Ui,
    session: &DocumentSession,
    annotation: &Annotation,
    state: &mut PanelState,
    palette: &Palette,
    commands: &mut Vec<Command>,
) {
    let id = annotation.id;
    let tags_text = annotation.tags.join(", ");
    let focused = ui.ctx().memory(|m| m.focused().is_some());
    // Take the stored note and tags unless the user is typing in them.
    if state.editing != Some(id) || !focused {
        state.editing = Some(id);
        state.note.clone_from(&annotation.note);
        state.tags = tags_text.clone();
    }
    ui.horizontal(|ui| {
        ui.heading("Highlight");
        ui.with_layout(egui::Layout::right_to_left(egui::Align::Center), |ui| {
            if ui.button("Close").on_hover_text("Escape").clicked() {
                commands.push(Command::SelectAnnotation(None));
            }
        });
    });
    let status = session.store().status(id);
    if status != AnchorStatus::Anchored && status != AnchorStatus::Moved {
        let text = match status {
            AnchorStatus::Fuzzy { score } => format!(
                "The text changed: this is the closest match ({:.0} %).",
                score * 100.0
            ),
            _ => "Not found in the current text. Kept with its quote and note.".to_owned(),
        };
        ui.label(RichText::new(text).weak().italics());
    }
    egui::Frame::new()
        .fill(highlight_paint(annotation.color, palette, false))
        .inner_margin(egui::Margin::same(8))
        .corner_radius(4)
        .show(ui, |ui| {
            ui.set_width(ui.available_width());
            ui.add(egui::Label::new(RichText::new(&annotation.anchor.exact).italics()).wrap());
        });
    ui.add_space(4.0);
    ui.horizontal(|ui| {
        if let Some(color) = color_buttons_ui(ui, palette, Some(annotation.color)) {
            commands.push(Command::Recolor(id, color));
        }
        ui.separator();
        let mut underline = annotation.style == HighlightStyle::Underline;
        if ui
            .checkbox(&mut underline, "Underline")
            .on_hover_text("U")
            .changed()
        {
            commands.push(Command::ToggleUnderline(id));
        }
    });
    ui.add_space(4.0);
    ui.label("Note (Markdown)");
    let note = ui.add(
        egui::TextEdit::multiline(&mut state.note)
            .desired_rows(5)
            .desired_width(f32::INFINITY)
            .hint_text("Why this matters…"),
    );
    if note.changed() {
        commands.push(Command::SetNote(id, state.note.clone()));
    }
    ui.label("Tags (comma-separated)");
    let tags = ui.add(
        egui::TextEdit::singleline(&mut state.tags)
            .desired_width(f32::INFINITY)
            .hint_text("history, quote"),
    );
    if tags.changed() {
        commands.push(Command::SetTags(id, parse_tags(&state.tags)));
    }
    ui.horizontal(|ui| {
        if ui
            .button("Copy as quote")
            .on_hover_text("The quote with its citation")
            .clicked()
        {
            commands.push(Command::CopyQuote(id));
        }
        if ui.button("Delete").on_hover_text("Delete").clicked() {
            commands.push(Command::DeleteAnnotation(id));
        }
    });
}

/// Tags from comma-separated text: trimmed, empty ones dropped, no repeats.
pub fn parse_tags(text: &str) -> Vec<String> {
    let mut tags: Vec<String> = Vec::new();
    for tag in text.split(',').map(str::trim).filter(|t| !t.is_empty()) {
        if !tags.iter().any(|t| t == tag) {
            tags.push(tag.to_owned());
        }
    }
    tags
}

/// One row of the list: an annotation, or the heading of the orphans.
#[derive(Clone, Copy, Debug)]
enum Row<'a> {
    Annotation(&'a Annotation, AnchorStatus),
    OrphansHeading(usize),
}

fn list_ui(
    ui: &mut Ui,
    session: &DocumentSession,
    state: &mut PanelState,
    selected: Option<Uuid>,
    palette: &Palette,
    commands: &mut Vec<Command>,
) {
    let store = session.store();
    let entries = session.entries();
    ui.horizontal(|ui| {
        ui.add(
            egui::TextEdit::singleline(&mut state.filter_text)
                .hint_text("Filter by quote, note or tag")
                .desired_width(f32::INFINITY),
        );
    });
    ui.horizontal_wrapped(|ui| {
        if let Some(color) = color_buttons_ui(ui, palette, state.filter_color) {
            state.filter_color = (state.filter_color != Some(color)).then_some(color);
        }
        let mut tags: Vec<&str> = entries
            .iter()
            .filter_map(|(id, _)| store.get(*id))
            .flat_map(|a| a.tags.iter().map(String::as_str))
            .collect();
        tags.sort_unstable();
        tags.dedup();
        if !tags.is_empty() {
            egui::ComboBox::from_label("Tag")
                .selected_text(state.filter_tag.as_deref().unwrap_or("Any tag"))
                .show_ui(ui, |ui| {
                    ui.selectable_value(&mut state.filter_tag, None, "Any tag");
                    for tag in tags {
                        ui.selectable_value(&mut state.filter_tag, Some(tag.to_owned()), tag);
                    }
                });
        }
    });
    let key = FilterKey {
        text: state.filter_text.trim().to_lowercase(),
        color: state.filter_color,
        tag: state.filter_tag.clone(),
        revision: session.revision(),
    };
    if state.rows_key.as_ref() != Some(&key) {
        let matches = |a: &Annotation| {
            key.color.is_none_or(|c| a.color == c)
                && key
                    .tag
                    .as_ref()
                    .is_none_or(|t| a.tags.iter().any(|x| x == t))
                && (key.text.is_empty()
                    || a.anchor.exact.to_lowercase().contains(&key.text)
                    || a.note.to_lowercase().contains(&key.text)
                    || a.tags.iter().any(|t| t.to_lowercase().contains(&key.text)))
        };
        state.rows = entries
            .iter()
            .filter(|(id, _)| store.get(*id).is_some_and(matches))
            .copied()
            .collect();
        state.rows_key = Some(key);
    }
    let shown = state.rows.len();
    let count = if shown == entries.len() {
        format!("{} annotations", entries.len())
    } else {
        format!("{shown} of {} annotations", entries.len())
    };
    ui.label(RichText::new(count).weak());
    let mut rows: Vec<Row<'_>> = Vec::with_capacity(shown + 1);
    let mut orphans = 0;
    for &(id, status) in &state.rows {
        let Some(annotation) = store.get(id) else {
            continue;
        };
        if status == AnchorStatus::Orphaned {
            if orphans == 0 {
                let total = state
                    .rows
                    .iter()
                    .filter(|(_, s)| *s == AnchorStatus::Orphaned)
                    .count();
                rows.push(Row::OrphansHeading(total));
            }
            orphans += 1;
        }
        rows.push(Row::Annotation(annotation, status));
    }
    let mut scroll = egui::ScrollArea::vertical()
        .id_salt("annotation_list")
        .auto_shrink(false);
    if let Some(id) = state.reveal.take()
        && let Some(index) = rows
            .iter()
            .position(|r| matches!(r, Row::Annotation(a, _) if a.id == id))
    {
        let spacing = ui.spacing().item_spacing.y;
        scroll =
            scroll.vertical_scroll_offset((index as f32 * (ROW_HEIGHT + spacing) - 80.0).max(0.0));
    }
    scroll.show_rows(ui, ROW_HEIGHT, rows.len(), |ui, range| {
        for row in &rows[range] {
            match *row {
                Row::Annotation(annotation, status) => {
                    row_ui(
                        ui,
                        annotation,
                        status,
                        selected == Some(annotation.id),
                        palette,
                        commands,
                    );
                }
                Row::OrphansHeading(count) => {
                    let (rect, _) = ui.allocate_exact_size(
                        vec2(ui.available_width(), ROW_HEIGHT),
                        Sense::hover(),
                    );
                    ui.painter().text(
                        rect.left_bottom() + vec2(4.0, -8.0),
                        egui::Align2::LEFT_BOTTOM,
                        format!("Not found in the text ({count})"),
                        egui::FontId::proportional(15.0),
                        palette.strong,
                    );
                }
            }
        }
    });
}

fn row_ui(
    ui: &mut Ui,
    annotation: &Annotation,
    status: AnchorStatus,
    selected: bool,
    palette: &Palette,
    commands: &mut Vec<Command>,
) {
    let (rect, response) =
        ui.allocate_exact_size(vec2(ui.available_width(), ROW_HEIGHT), Sense::click());
    let painter = ui.painter_at(rect);
    if selected {
        painter.rect_filled(rect, 4.0, palette.selection);
    } else if response.hovered() {
        painter.rect_filled(rect, 4.0, palette.code_background);
    }
    let swatch_rect =
        egui::Rect::from_min_size(rect.min + vec2(4.0, 6.0), vec2(5.0, ROW_HEIGHT - 12.0));
    painter.rect_filled(swatch_rect, 2.0, swatch(annotation.color, palette));
    let left = rect.left() + 16.0;
    let width = rect.width() - 20.0;
    let line = |text: &str, y: f32, font: egui::FontId, color: Color32| {
        let mut job = egui::text::LayoutJob::simple_singleline(text.to_owned(), font, color);
        job.wrap = egui::text::TextWrapping::truncate_at_width(width);
        let galley = ui.fonts_mut(|f| f.layout_job(job));
        painter.galley(egui::pos2(left, rect.top() + y), galley, color);
    };
    let quote = annotation.anchor.exact.replace('\n', " ");
    line(
        &format!("\u{201C}{quote}\u{201D}"),
        5.0,
        egui::FontId::proportional(14.0),
        palette.text,
    );
    let note = annotation
        .note
        .lines()
        .find(|l| !l.trim().is_empty())
        .unwrap_or("");
    let note_text = match status {
        AnchorStatus::Fuzzy { .. } if note.is_empty() => "(the text changed; closest match)",
        _ if note.is_empty() => "",
        _ => note,
    };
    line(
        note_text,
        24.0,
        egui::FontId::proportional(13.0),
        palette.muted,
    );
    if !annotation.tags.is_empty() {
        let tags: Vec<String> = annotation.tags.iter().map(|t| format!("#{t}")).collect();
        line(
            &tags.join("  "),
            42.0,
            egui::FontId::proportional(12.0),
            palette.link,
        );
    }
    let label = super::session::accessible_label(annotation);
    response.widget_info(|| egui::WidgetInfo::labeled(egui::Role::Button, true, &label));
    if response.clicked() {
        commands.push(Command::JumpTo(annotation.id));
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn tags_are_trimmed_and_unique() {
        assert_eq!(parse_tags(" a, b ,, a,c d "), ["a", "b", "c d"]);
    }
}
