//! The annotations panel: the editor of the open highlight (note, tags,
//! colour, style) and the list of every annotation, filtered, virtualised.

use eframe::egui::{self, RichText, Ui, vec2};
use uuid::Uuid;

use crate::annotate::{AnchorStatus, Annotation, HighlightColor};

mod editor;

use editor::editor_ui;

use super::command::{Command, Situation};
use super::note::{ParsedNote, note_first_line};
use super::reader::accessible_label;
use super::session::DocumentSession;
use super::theme::Palette;
use super::widgets::{color_buttons_ui, list_row_ui, swatch, truncated_galley};

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
    /// The note and tags as the store had them when the fields last took
    /// them or last sent them: a store that holds something else now was
    /// changed from elsewhere (another window's edit merged in, an undo),
    /// and the fields take it even while the user types, so their next
    /// keystroke never writes over that change with stale text.
    note_stored: String,
    tags_stored: Vec<String>,
    /// Scroll the list to this annotation next frame.
    pub reveal: Option<Uuid>,
    /// Put the keys in the note field next frame (N).
    pub focus_note: bool,
    /// The note shows its Markdown source (it is being edited), not as it reads.
    note_source: bool,
    /// The open note as it reads.
    parsed_note: ParsedNote,
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

impl FilterKey {
    fn matches(&self, a: &Annotation) -> bool {
        self.color.is_none_or(|c| a.color == c)
            && self
                .tag
                .as_ref()
                .is_none_or(|t| a.tags.iter().any(|x| x == t))
            && (self.text.is_empty()
                || a.anchor.exact.to_lowercase().contains(&self.text)
                || a.note.to_lowercase().contains(&self.text)
                || a.tags.iter().any(|t| t.to_lowercase().contains(&self.text)))
    }
}

const ROW_HEIGHT: f32 = 62.0;

/// The panel's contents.
pub fn panel_ui(
    ui: &mut Ui,
    session: &DocumentSession,
    state: &mut PanelState,
    now: &Situation,
    palette: &Palette,
    commands: &mut Vec<Command>,
) {
    if let Some(annotation) = now.open_highlight.and_then(|id| session.store().get(id)) {
        editor_ui(ui, session, annotation, state, now, palette, commands);
        ui.separator();
    } else {
        state.editing = None;
    }
    list_ui(ui, session, state, now.open_highlight, palette, commands);
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
    filters_ui(ui, session, state, palette);
    refilter(session, state);
    let total = session.entries().len();
    let shown = state.rows.len();
    let count = if shown == total {
        format!("{total} annotations")
    } else {
        format!("{shown} of {total} annotations")
    };
    ui.label(RichText::new(count).weak());
    let rows = rows_of(session, state);
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
                    let is_selected = selected == Some(annotation.id);
                    row_ui(ui, annotation, status, is_selected, palette, commands);
                }
                Row::OrphansHeading(count) => orphans_heading_ui(ui, count, palette),
            }
        }
    });
}

/// The filter field, the colour filter and the tag filter.
fn filters_ui(ui: &mut Ui, session: &DocumentSession, state: &mut PanelState, palette: &Palette) {
    let store = session.store();
    ui.horizontal(|ui| {
        ui.add(
            egui::TextEdit::singleline(&mut state.filter_text)
                .hint_text("Filter by quote, note or tag")
                .desired_width(f32::INFINITY),
        );
    });
    ui.horizontal_wrapped(|ui| {
        let hint = |color: HighlightColor| format!("Show only {} highlights", color.name());
        if let Some(color) = color_buttons_ui(ui, palette, state.filter_color, hint) {
            state.filter_color = (state.filter_color != Some(color)).then_some(color);
        }
        let mut tags: Vec<&str> = session
            .entries()
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
}

/// Filters the entries again when the filters or the annotations changed.
fn refilter(session: &DocumentSession, state: &mut PanelState) {
    let key = FilterKey {
        text: state.filter_text.trim().to_lowercase(),
        color: state.filter_color,
        tag: state.filter_tag.clone(),
        revision: session.revision(),
    };
    if state.rows_key.as_ref() == Some(&key) {
        return;
    }
    let store = session.store();
    state.rows = session
        .entries()
        .iter()
        .filter(|(id, _)| store.get(*id).is_some_and(|a| key.matches(a)))
        .copied()
        .collect();
    state.rows_key = Some(key);
}

/// The rows to show: the filtered annotations, with a heading before the orphans.
fn rows_of<'a>(session: &'a DocumentSession, state: &PanelState) -> Vec<Row<'a>> {
    let orphans = state
        .rows
        .iter()
        .filter(|(_, s)| *s == AnchorStatus::Orphaned)
        .count();
    let mut rows: Vec<Row<'a>> = Vec::with_capacity(state.rows.len() + 1);
    let mut heading_shown = false;
    for &(id, status) in &state.rows {
        let Some(annotation) = session.store().get(id) else {
            continue;
        };
        if status == AnchorStatus::Orphaned && !heading_shown {
            rows.push(Row::OrphansHeading(orphans));
            heading_shown = true;
        }
        rows.push(Row::Annotation(annotation, status));
    }
    rows
}

fn orphans_heading_ui(ui: &mut Ui, count: usize, palette: &Palette) {
    let (rect, _) =
        ui.allocate_exact_size(vec2(ui.available_width(), ROW_HEIGHT), egui::Sense::hover());
    ui.painter().text(
        rect.left_bottom() + vec2(4.0, -8.0),
        egui::Align2::LEFT_BOTTOM,
        format!("Not found in the text ({count})"),
        egui::FontId::proportional(15.0),
        palette.strong,
    );
}

fn row_ui(
    ui: &mut Ui,
    annotation: &Annotation,
    status: AnchorStatus,
    selected: bool,
    palette: &Palette,
    commands: &mut Vec<Command>,
) {
    let (rect, response) = list_row_ui(ui, ROW_HEIGHT, selected, palette);
    let painter = ui.painter_at(rect);
    let swatch_rect =
        egui::Rect::from_min_size(rect.min + vec2(4.0, 6.0), vec2(5.0, ROW_HEIGHT - 12.0));
    painter.rect_filled(swatch_rect, 2.0, swatch(annotation.color, palette));
    let left = rect.left() + 16.0;
    let width = rect.width() - 20.0;
    let line = |text: &str, y: f32, size: f32, color| {
        let galley = truncated_galley(ui, text, width, egui::FontId::proportional(size), color);
        painter.galley(egui::pos2(left, rect.top() + y), galley, color);
    };
    let quote = annotation.anchor.exact.replace('\n', " ");
    line(&format!("\u{201C}{quote}\u{201D}"), 5.0, 14.0, palette.text);
    let note = note_first_line(&annotation.note);
    let note_text = match status {
        AnchorStatus::Fuzzy { .. } if note.is_empty() => "(the text changed; closest match)",
        _ => &note,
    };
    line(note_text, 24.0, 13.0, palette.muted);
    if !annotation.tags.is_empty() {
        let tags: Vec<String> = annotation.tags.iter().map(|t| format!("#{t}")).collect();
        line(&tags.join("  "), 42.0, 12.0, palette.link);
    }
    let label = accessible_label(annotation);
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
