//! The review's editor: the highlight open beside the list, its colour,
//! note and tags changed in place and saved as they are typed.

use std::time::{Duration, Instant};

use eframe::egui::{self, Ui};
use uuid::Uuid;

use crate::annotate::HighlightColor;
use crate::library::{AnnotationChange, ReviewRow};

use super::super::command::{Command, Place};
use super::super::theme::Palette;
use super::super::widgets::color_buttons_ui;
use super::LibraryView;
use super::review::article_title;

/// How long typing in the review's note or tags rests before it is saved
/// (as the reader's panel: its session saves once changes rest 0.3 s).
const REVIEW_TYPING_REST: Duration = Duration::from_millis(300);

/// The highlight open in the review's editor, as the user is changing it.
/// What is typed is saved as it is typed: once typing rests, and at once
/// when another highlight is opened, the editor is closed or the window
/// goes.
pub(super) struct ReviewEditor {
    id: Uuid,
    pub(super) row: ReviewRow,
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
    pub(super) fn open_in_editor(&mut self, row: Option<&ReviewRow>, commands: &mut Vec<Command>) {
        if let Some(editor) = &mut self.editing {
            commands.extend(editor.take_typed_edits(true));
        }
        self.editing = row.and_then(ReviewEditor::new);
    }

    /// The open highlight: colour, note and tags, changed in place.
    pub(super) fn editor_ui(
        &mut self,
        ui: &mut Ui,
        palette: &Palette,
        commands: &mut Vec<Command>,
    ) {
        let Some(editor) = &mut self.editing else {
            return;
        };
        let editable = editor.row.status != "missing";
        editor.fields_ui(ui, palette, editable, commands);
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

impl ReviewEditor {
    /// The quote, its colour, note and tags.
    fn fields_ui(
        &mut self,
        ui: &mut Ui,
        palette: &Palette,
        editable: bool,
        commands: &mut Vec<Command>,
    ) {
        let row = &self.row;
        quote_ui(ui, row, palette);
        ui.add_space(6.0);
        ui.horizontal(|ui| {
            let current = HighlightColor::from_name(&row.color);
            ui.add_enabled_ui(editable, |ui| {
                if let Some(color) =
                    color_buttons_ui(ui, palette, current, |c| format!("Make it {}", c.name()))
                {
                    commands.push(self.edit(AnnotationChange::Color(color)));
                }
            });
        });
        ui.add_space(6.0);
        let label = ui.label("Note");
        let note = ui
            .add_enabled(
                editable,
                egui::TextEdit::multiline(&mut self.note)
                    .desired_rows(5)
                    .desired_width(f32::INFINITY)
                    .hint_text("A note (Markdown)"),
            )
            .labelled_by(label.id);
        let label = ui.label("Tags");
        let tags = ui
            .add_enabled(
                editable,
                egui::TextEdit::singleline(&mut self.tags)
                    .desired_width(f32::INFINITY)
                    .hint_text("methods, to-read"),
            )
            .labelled_by(label.id);
        if note.changed() || tags.changed() {
            self.typed_at = Some(Instant::now());
        }
        ui.add_space(6.0);
        if editable {
            ui.weak("Saved as you type.");
        }
    }
}

/// Where the highlight is, its quote, and whether its article is gone.
fn quote_ui(ui: &mut Ui, row: &ReviewRow, palette: &Palette) {
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
}
