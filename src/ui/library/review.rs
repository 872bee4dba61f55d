//! The review: every highlight in the library, grouped by article, day,
//! tag or colour, drawn only where visible. A click opens the highlight in
//! the editor beside the list, where its colour, note and tags change in
//! place: the change goes to that article's sidecar through the store's
//! locked, merging save (or, for the article open in this window, through
//! its session), so any window open on it sees it.

use std::collections::BTreeMap;
use std::time::{Duration, Instant};

use eframe::egui::{self, FontId, Sense, Ui};
use uuid::Uuid;

use crate::annotate::HighlightColor;
use crate::library::{AnnotationChange, ReviewRow};

use super::super::command::{Command, Place};
use super::super::theme::Palette;
use super::super::widgets::{color_buttons_ui, list_row_ui, swatch, truncated_galley};
use super::{LibraryView, one_line, title_or_file_name};

/// How the review groups highlights.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub enum ReviewGrouping {
    #[default]
    Article,
    Day,
    Tag,
    Colour,
}

impl ReviewGrouping {
    pub const ALL: [ReviewGrouping; 4] = [
        ReviewGrouping::Article,
        ReviewGrouping::Day,
        ReviewGrouping::Tag,
        ReviewGrouping::Colour,
    ];

    pub fn label(self) -> &'static str {
        match self {
            ReviewGrouping::Article => "Article",
            ReviewGrouping::Day => "Day",
            ReviewGrouping::Tag => "Tag",
            ReviewGrouping::Colour => "Colour",
        }
    }
}

/// A line of the review: a group's head or a highlight (its row's index).
#[derive(Clone, Debug, PartialEq)]
enum ReviewLine {
    Head(String),
    Highlight(usize),
}

/// Every highlight, and the lines of the grouping shown.
pub(super) struct ReviewList {
    rows: Vec<ReviewRow>,
    lines: Vec<ReviewLine>,
}

impl ReviewList {
    pub(super) fn new(rows: Vec<ReviewRow>, grouping: ReviewGrouping) -> Self {
        let mut list = Self {
            rows,
            lines: Vec::new(),
        };
        list.group(grouping);
        list
    }

    pub(super) fn group(&mut self, grouping: ReviewGrouping) {
        let mut groups: BTreeMap<(usize, String), Vec<usize>> = BTreeMap::new();
        for (i, row) in self.rows.iter().enumerate() {
            for key in group_keys(row, grouping) {
                groups.entry(key).or_default().push(i);
            }
        }
        let mut lines = Vec::with_capacity(self.rows.len() + groups.len());
        for ((_, key), members) in groups {
            let head = key.split(GROUP_PLACE).next().unwrap_or_default();
            lines.push(ReviewLine::Head(format!("{head} ({})", members.len())));
            lines.extend(members.into_iter().map(ReviewLine::Highlight));
        }
        self.lines = lines;
    }

    pub(super) fn len(&self) -> usize {
        self.rows.len()
    }
}

/// Separates a group's head from the rest of its key.
const GROUP_PLACE: char = '\u{1}';

/// The groups a highlight is in, each with its place among the groups.
fn group_keys(row: &ReviewRow, grouping: ReviewGrouping) -> Vec<(usize, String)> {
    match grouping {
        // By title, then place: two articles of one title stay apart.
        ReviewGrouping::Article => vec![(
            0,
            format!(
                "{}{GROUP_PLACE}{}",
                article_title(row),
                row.article.display()
            ),
        )],
        // Newest day first: ordered by the day's distance from 9999-12-31.
        ReviewGrouping::Day => {
            let day = row.created.get(..10).unwrap_or(&row.created).to_owned();
            let number: usize = day.replace('-', "").parse().unwrap_or(0);
            vec![(99_999_999usize.saturating_sub(number), day)]
        }
        ReviewGrouping::Tag if row.tags.is_empty() => vec![(1, "No tag".to_owned())],
        ReviewGrouping::Tag => row.tags.iter().map(|t| (0, format!("#{t}"))).collect(),
        ReviewGrouping::Colour => {
            let color = HighlightColor::from_name(&row.color).unwrap_or(HighlightColor::Yellow);
            let place = HighlightColor::ALL
                .iter()
                .position(|c| *c == color)
                .unwrap_or(0);
            let mut name = color.name().to_owned();
            name[..1].make_ascii_uppercase();
            vec![(place, name)]
        }
    }
}

fn article_title(row: &ReviewRow) -> String {
    title_or_file_name(row.title.as_deref(), &row.article)
}

/// How long typing in the review's note or tags rests before it is saved
/// (as the reader's panel: its session saves once changes rest 0.3 s).
const REVIEW_TYPING_REST: Duration = Duration::from_millis(300);

/// The highlight open in the review's editor, as the user is changing it.
/// What is typed is saved as it is typed: once typing rests, and at once
/// when another highlight is opened, the editor is closed or the window
/// goes.
pub(super) struct ReviewEditor {
    id: Uuid,
    row: ReviewRow,
    note: String,
    tags: String,
    /// The note and tags as last sent to be saved.
    sent_note: String,
    sent_tags: Vec<String>,
    /// When the note or tags were last typed in.
    typed_at: Option<Instant>,
}

impl ReviewEditor {
    fn new(row: &ReviewRow) -> Option<Self> {
        Some(Self {
            id: row.id.parse().ok()?,
            note: row.note.clone(),
            tags: row.tags.join(", "),
            sent_note: row.note.clone(),
            sent_tags: row.tags.clone(),
            typed_at: None,
            row: row.clone(),
        })
    }

    fn tags_typed(&self) -> Vec<String> {
        self.tags
            .split(',')
            .map(str::trim)
            .filter(|t| !t.is_empty())
            .map(str::to_owned)
            .collect()
    }

    fn edit(&self, change: AnnotationChange) -> Command {
        Command::EditInLibrary {
            article: self.row.article.clone(),
            id: self.id,
            change,
        }
    }

    /// The edits typed and not yet sent (all of them when `now_or_never`,
    /// else once typing has rested), marked sent.
    fn take_typed_edits(&mut self, now_or_never: bool) -> Vec<Command> {
        let rested = self
            .typed_at
            .is_none_or(|typed| typed.elapsed() >= REVIEW_TYPING_REST);
        if !(now_or_never || rested) || self.row.status == "missing" {
            return Vec::new();
        }
        let mut edits = Vec::new();
        if self.note != self.sent_note {
            self.sent_note.clone_from(&self.note);
            edits.push(self.edit(AnnotationChange::Note(self.note.clone())));
        }
        let tags = self.tags_typed();
        if tags != self.sent_tags {
            edits.push(self.edit(AnnotationChange::Tags(tags.clone())));
            self.sent_tags = tags;
        }
        self.typed_at = None;
        edits
    }
}

impl LibraryView {
    /// The review's typed edits that are due: once typing rests, or all
    /// of them at once when `now_or_never` (the window is closing). Called
    /// every frame, whichever view is shown.
    pub(in crate::ui) fn review_edits_due(
        &mut self,
        ctx: &egui::Context,
        now_or_never: bool,
    ) -> Vec<Command> {
        let Some(editor) = &mut self.editing else {
            return Vec::new();
        };
        let edits = editor.take_typed_edits(now_or_never);
        if editor.typed_at.is_some() {
            ctx.request_repaint_after(REVIEW_TYPING_REST);
        }
        edits
    }

    /// Another highlight (or none) in the editor: what was typed in the
    /// one open is sent first.
    fn open_in_editor(&mut self, row: Option<&ReviewRow>, commands: &mut Vec<Command>) {
        if let Some(editor) = &mut self.editing {
            commands.extend(editor.take_typed_edits(true));
        }
        self.editing = row.and_then(ReviewEditor::new);
    }

    pub(super) fn set_grouping(&mut self, grouping: ReviewGrouping) {
        self.review_grouping = grouping;
        if let Some(list) = &mut self.review {
            list.group(grouping);
        }
    }

    pub(super) fn review_ui(
        &mut self,
        ui: &mut Ui,
        palette: &Palette,
        commands: &mut Vec<Command>,
    ) {
        let Some(list) = &self.review else {
            ui.add_space(12.0);
            ui.weak("Reading every highlight…");
            return;
        };
        if list.len() == 0 {
            ui.add_space(12.0);
            ui.weak("No highlights yet: select text in an article and press H.");
            return;
        }
        if self.editing.is_some() {
            egui::Panel::right("review_editor")
                .resizable(true)
                .default_size(320.0)
                .show(ui, |ui| self.editor_ui(ui, palette, commands));
        }
        let body = ui.text_style_height(&egui::TextStyle::Body);
        let line_height = body * 2.0 + 18.0;
        let Some(list) = &self.review else {
            return;
        };
        let mut open = None;
        egui::ScrollArea::vertical()
            .id_salt("library_review")
            .auto_shrink(false)
            .show_rows(ui, line_height, list.lines.len(), |ui, visible| {
                for line in &list.lines[visible] {
                    match line {
                        ReviewLine::Head(head) => {
                            let (rect, _) = ui.allocate_exact_size(
                                egui::vec2(ui.available_width(), line_height),
                                Sense::hover(),
                            );
                            let galley = truncated_galley(
                                ui,
                                head,
                                rect.width(),
                                FontId::proportional(body + 1.0),
                                palette.strong,
                            );
                            ui.painter().galley(
                                egui::pos2(
                                    rect.left() + 4.0,
                                    rect.bottom() - galley.size().y - 6.0,
                                ),
                                galley,
                                palette.strong,
                            );
                            ui.painter().hline(
                                rect.x_range(),
                                rect.bottom() - 2.0,
                                (1.0, palette.rule),
                            );
                        }
                        ReviewLine::Highlight(i) => {
                            let row = &list.rows[*i];
                            let editing = self.editing.as_ref().is_some_and(|e| e.row.id == row.id);
                            if highlight_line_ui(ui, row, line_height, editing, palette).clicked() {
                                open = Some(row.clone());
                            }
                        }
                    }
                }
            });
        if let Some(row) = open {
            self.open_in_editor(Some(&row), commands);
        }
    }

    /// The open highlight: colour, note and tags, changed in place.
    fn editor_ui(&mut self, ui: &mut Ui, palette: &Palette, commands: &mut Vec<Command>) {
        let Some(editor) = &mut self.editing else {
            return;
        };
        let row = &editor.row;
        ui.add_space(6.0);
        ui.label(
            egui::RichText::new(article_title(row))
                .small()
                .color(palette.muted),
        );
        ui.label(format!("“{}”", row.quote));
        if row.status == "missing" {
            ui.colored_label(
                palette.alert_text,
                "Its article is gone: it cannot be changed here.",
            );
        }
        let editable = row.status != "missing";
        ui.add_space(6.0);
        ui.horizontal(|ui| {
            let current = HighlightColor::from_name(&row.color);
            ui.add_enabled_ui(editable, |ui| {
                if let Some(color) =
                    color_buttons_ui(ui, palette, current, |c| format!("Make it {}", c.name()))
                {
                    commands.push(editor.edit(AnnotationChange::Color(color)));
                }
            });
        });
        ui.add_space(6.0);
        let label = ui.label("Note");
        let note = ui
            .add_enabled(
                editable,
                egui::TextEdit::multiline(&mut editor.note)
                    .desired_rows(5)
                    .desired_width(f32::INFINITY)
                    .hint_text("A note (Markdown)"),
            )
            .labelled_by(label.id);
        let label = ui.label("Tags");
        let tags = ui
            .add_enabled(
                editable,
                egui::TextEdit::singleline(&mut editor.tags)
                    .desired_width(f32::INFINITY)
                    .hint_text("methods, to-read"),
            )
            .labelled_by(label.id);
        if note.changed() || tags.changed() {
            editor.typed_at = Some(Instant::now());
        }
        ui.add_space(6.0);
        if editable {
            ui.weak("Saved as you type.");
        }
        let mut close = false;
        ui.horizontal(|ui| {
            if ui
                .add_enabled(editable, egui::Button::new("Open in the article"))
                .clicked()
            {
                // What was typed goes first (the article opens after it).
                commands.extend(editor.take_typed_edits(true));
                commands.push(Command::OpenAt(Place {
                    path: editor.row.article.clone(),
                    start_char: editor.row.start_char,
                    end_char: editor.row.start_char,
                    id: Some(editor.id),
                }));
            }
            close = ui.button("Close").clicked();
        });
        if close {
            self.open_in_editor(None, commands);
        }
    }

    /// After an edit was saved: the editor shows the highlight as it is now.
    pub(super) fn refresh_editor(&mut self) {
        let Some(editor) = &mut self.editing else {
            return;
        };
        let now = self
            .review
            .as_ref()
            .and_then(|list| list.rows.iter().find(|r| r.id == editor.row.id));
        if let Some(now) = now {
            // What is typed and not yet sent stays as typed.
            if editor.note == editor.sent_note {
                editor.note.clone_from(&now.note);
                editor.sent_note.clone_from(&now.note);
            }
            if editor.tags_typed() == editor.sent_tags {
                editor.tags = now.tags.join(", ");
                editor.sent_tags.clone_from(&now.tags);
            }
            editor.row = now.clone();
        }
    }
}

/// One highlight: its colour, the quote and below it the note and tags.
fn highlight_line_ui(
    ui: &mut Ui,
    row: &ReviewRow,
    height: f32,
    editing: bool,
    palette: &Palette,
) -> egui::Response {
    let (rect, response) = list_row_ui(ui, height, editing, palette);
    let body = ui.text_style_height(&egui::TextStyle::Body);
    let color = HighlightColor::from_name(&row.color).unwrap_or(HighlightColor::Yellow);
    let bar = egui::Rect::from_min_size(
        rect.left_top() + egui::vec2(4.0, 6.0),
        egui::vec2(4.0, height - 12.0),
    );
    ui.painter().rect_filled(bar, 2.0, swatch(color, palette));
    let left = rect.left() + 16.0;
    let width = rect.width() - 24.0;
    let quote = truncated_galley(
        ui,
        &format!("“{}”", one_line(&row.quote)),
        width,
        FontId::proportional(body),
        palette.text,
    );
    ui.painter()
        .galley(egui::pos2(left, rect.top() + 6.0), quote, palette.text);
    let mut below: Vec<String> = Vec::new();
    if !row.note.is_empty() {
        below.push(one_line(&row.note));
    }
    if !row.tags.is_empty() {
        below.push(
            row.tags
                .iter()
                .map(|t| format!("#{t}"))
                .collect::<Vec<_>>()
                .join(" "),
        );
    }
    below.push(article_title(row));
    let note = truncated_galley(
        ui,
        &below.join("  ·  "),
        width,
        FontId::proportional(body - 3.0),
        palette.muted,
    );
    ui.painter().galley(
        egui::pos2(left, rect.top() + 10.0 + body),
        note,
        palette.muted,
    );
    let label = row.quote.trim().to_owned();
    response.widget_info(|| egui::WidgetInfo::selected(egui::Role::Button, true, editing, &label));
    response.on_hover_text("Open in the editor beside the list")
}
