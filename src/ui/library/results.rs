//! Search results: highlights (the quote with the matched words marked, the
//! note, the tags, the article) and passages of article texts (a snippet
//! with the words marked). A click opens the article at that place.

use eframe::egui::{self, FontId, Ui, text::LayoutJob};

use crate::library::{SearchHit, SearchHitKind};

use super::super::command::{Command, Place};
use super::super::theme::Palette;
use super::{LibraryView, one_line, title_or_file_name};

impl LibraryView {
    pub(super) fn results_ui(&self, ui: &mut Ui, palette: &Palette, commands: &mut Vec<Command>) {
        let hits = match &self.results {
            None => {
                ui.add_space(12.0);
                ui.weak("Searching…");
                return;
            }
            Some(Err(error)) => {
                ui.add_space(12.0);
                ui.colored_label(palette.alert_text, error);
                return;
            }
            Some(Ok(hits)) => hits,
        };
        let count = hits.len();
        ui.weak(match count {
            0 => "Nothing found.".to_owned(),
            1 => "1 result".to_owned(),
            n => format!("{n} results"),
        });
        egui::ScrollArea::vertical()
            .id_salt("library_results")
            .auto_shrink(false)
            .show(ui, |ui| {
                for hit in hits {
                    hit_ui(ui, hit, palette, commands);
                }
            });
    }
}

/// One result: a card a click opens.
fn hit_ui(ui: &mut Ui, hit: &SearchHit, palette: &Palette, commands: &mut Vec<Command>) {
    let width = ui.available_width() - 16.0;
    let response = egui::Frame::new()
        .inner_margin(egui::Margin::symmetric(8, 6))
        .show(ui, |ui| {
            ui.set_width(width);
            hit_text_ui(ui, hit, palette, width);
        })
        .response
        .interact(egui::Sense::click());
    if response.hovered() {
        ui.painter().rect_stroke(
            response.rect,
            4.0,
            (1.0, palette.rule),
            egui::StrokeKind::Inside,
        );
    }
    let label = hit
        .quote
        .clone()
        .unwrap_or_else(|| hit.snippet.replace("**", ""));
    response.widget_info(|| egui::WidgetInfo::labeled(egui::Role::Button, true, &label));
    let response = response.on_hover_text(format!("Open {}", hit.article.display()));
    if response.clicked() {
        commands.push(Command::OpenAt(Place {
            path: hit.article.clone(),
            start_char: hit.start,
            end_char: hit.end,
            id: hit.id.as_deref().and_then(|id| id.parse().ok()),
        }));
    }
}

/// A result's words: where it is, the quote or passage with the matched
/// words marked, the note, the tags.
fn hit_text_ui(ui: &mut Ui, hit: &SearchHit, palette: &Palette, width: f32) {
    let body = ui.text_style_height(&egui::TextStyle::Body);
    let title = title_or_file_name(hit.title.as_deref(), &hit.article);
    let kind = match hit.kind {
        SearchHitKind::Annotation => "Highlight",
        SearchHitKind::Text => "In the text",
    };
    ui.label(
        egui::RichText::new(format!("{kind} · {title}"))
            .small()
            .color(palette.muted),
    );
    let marked = match hit.kind {
        // The quote, its matched words marked when the quote matched.
        SearchHitKind::Annotation => match &hit.quote {
            Some(quote) if !hit.snippet.contains("**") || !snippet_is_quote(hit) => {
                format!("“{quote}”")
            }
            _ => format!("“{}”", hit.snippet),
        },
        SearchHitKind::Text => hit.snippet.clone(),
    };
    ui.label(marked_job(
        &one_line(&marked),
        FontId::proportional(body),
        palette,
        width,
    ));
    if let Some(note) = hit.note.as_deref().filter(|n| !n.is_empty()) {
        let note_marked = if !snippet_is_quote(hit) && hit.snippet.contains("**") {
            hit.snippet.clone()
        } else {
            note.to_owned()
        };
        ui.label(marked_job(
            &one_line(&note_marked),
            FontId::proportional(body - 2.0),
            palette,
            width,
        ));
    }
    if let Some(tags) = hit.tags.as_ref().filter(|t| !t.is_empty()) {
        let tags: Vec<String> = tags.iter().map(|t| format!("#{t}")).collect();
        ui.label(
            egui::RichText::new(tags.join("  "))
                .small()
                .color(palette.link),
        );
    }
}

/// Whether an annotation's snippet is taken from its quote (not its note or tags).
fn snippet_is_quote(hit: &SearchHit) -> bool {
    let plain = hit.snippet.replace("**", "");
    let plain = plain.trim_matches('…');
    hit.quote
        .as_deref()
        .is_some_and(|quote| quote.contains(plain))
}

/// Text with the parts between `**` marked as find marks them.
fn marked_job(text: &str, font: FontId, palette: &Palette, width: f32) -> LayoutJob {
    let mut job = LayoutJob::default();
    job.wrap.max_width = width;
    for (i, part) in text.split("**").enumerate() {
        let marked = i % 2 == 1;
        job.append(
            part,
            0.0,
            egui::TextFormat {
                font_id: font.clone(),
                color: if marked { palette.strong } else { palette.text },
                background: if marked {
                    palette.find_match
                } else {
                    egui::Color32::TRANSPARENT
                },
                ..Default::default()
            },
        );
    }
    job
}
