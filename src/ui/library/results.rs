//! Search results, one line each so only the visible ones are laid out:
//! highlights first (where, the quote with the matched words marked, the
//! note as it reads, the tags), then articles found by their text, grouped
//! (the article with its number of passages, its first passages, the rest
//! a click away). A click on a line opens the article at that place.

use std::collections::HashSet;
use std::path::PathBuf;

use eframe::egui::{self, FontId, Ui, text::LayoutJob};

use crate::import::markdown_plain_text;
use crate::library::{SearchHit, SearchHitKind};

use super::super::command::{Command, Place};
use super::super::theme::Palette;
use super::super::widgets::list_row_ui;
use super::{LibraryView, one_line, title_or_file_name};

/// Passages shown under an article before "Show all".
const PASSAGES_FIRST: usize = 3;

/// One line of the results.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum ResultLine {
    /// Where the result is: kind and article (with its passages' count).
    Head(usize),
    Quote(usize),
    Note(usize),
    Tags(usize),
    /// An article's passage: the hit, the passage.
    Passage(usize, usize),
    /// Shows or hides an article's other passages.
    More(usize),
    Gap,
}

/// The results' lines, each article's passages past the first few only
/// when it is `expanded`.
fn result_lines(hits: &[SearchHit], expanded: &HashSet<PathBuf>) -> Vec<ResultLine> {
    let mut lines = Vec::new();
    for (i, hit) in hits.iter().enumerate() {
        lines.push(ResultLine::Head(i));
        match hit.kind {
            SearchHitKind::Annotation => {
                lines.push(ResultLine::Quote(i));
                if hit.note.as_deref().is_some_and(|n| !n.trim().is_empty()) {
                    lines.push(ResultLine::Note(i));
                }
                if hit.tags.as_ref().is_some_and(|t| !t.is_empty()) {
                    lines.push(ResultLine::Tags(i));
                }
            }
            SearchHitKind::Text if hit.passages.is_empty() => lines.push(ResultLine::Passage(i, 0)),
            SearchHitKind::Text => {
                let shown = if expanded.contains(&hit.article) {
                    hit.passages.len()
                } else {
                    hit.passages.len().min(PASSAGES_FIRST)
                };
                lines.extend((0..shown).map(|p| ResultLine::Passage(i, p)));
                if hit.passages.len() > PASSAGES_FIRST {
                    lines.push(ResultLine::More(i));
                }
            }
        }
        lines.push(ResultLine::Gap);
    }
    lines
}

/// "18 passages" (how many the article has in all).
fn passages_said(hit: &SearchHit) -> String {
    match hit.passage_count {
        0 | 1 => String::new(),
        n => format!(" · {n} passages"),
    }
}

impl LibraryView {
    pub(super) fn results_ui(
        &mut self,
        ui: &mut Ui,
        palette: &Palette,
        commands: &mut Vec<Command>,
    ) {
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
        ui.weak(results_said(hits));
        let lines = result_lines(hits, &self.expanded);
        let body = ui.text_style_height(&egui::TextStyle::Body);
        let height = body + 8.0;
        let mut toggled = None;
        egui::ScrollArea::vertical()
            .id_salt("library_results")
            .auto_shrink(false)
            .show_rows(ui, height, lines.len(), |ui, visible| {
                for line in &lines[visible] {
                    let hit = match *line {
                        ResultLine::Gap => {
                            ui.allocate_exact_size(egui::vec2(1.0, height), egui::Sense::hover());
                            continue;
                        }
                        ResultLine::Head(i)
                        | ResultLine::Quote(i)
                        | ResultLine::Note(i)
                        | ResultLine::Tags(i)
                        | ResultLine::Passage(i, _)
                        | ResultLine::More(i) => &hits[i],
                    };
                    let clicked = result_line_ui(ui, *line, hit, &self.expanded, height, palette);
                    match (clicked, line) {
                        (false, _) => {}
                        (true, ResultLine::More(_)) => toggled = Some(hit.article.clone()),
                        (true, _) => commands.push(Command::OpenAt(place_of(*line, hit))),
                    }
                }
            });
        if let Some(article) = toggled
            && !self.expanded.remove(&article)
        {
            self.expanded.insert(article);
        }
    }
}

/// "3 highlights and 12 articles".
fn results_said(hits: &[SearchHit]) -> String {
    let highlights = hits
        .iter()
        .filter(|h| h.kind == SearchHitKind::Annotation)
        .count();
    let articles = hits.len() - highlights;
    let count = |n: usize, one: &str, many: &str| match n {
        1 => format!("1 {one}"),
        n => format!("{n} {many}"),
    };
    match (highlights, articles) {
        (0, 0) => "Nothing found.".to_owned(),
        (h, 0) => count(h, "highlight", "highlights"),
        (0, a) => count(a, "article", "articles"),
        (h, a) => format!(
            "{} and {}",
            count(h, "highlight", "highlights"),
            count(a, "article", "articles")
        ),
    }
}

/// Where a click on `line` opens the article.
fn place_of(line: ResultLine, hit: &SearchHit) -> Place {
    let (start, end) = match line {
        ResultLine::Passage(_, p) => hit
            .passages
            .get(p)
            .map_or((hit.start, hit.end), |passage| (passage.start, passage.end)),
        _ => (hit.start, hit.end),
    };
    Place {
        path: hit.article.clone(),
        start_char: start,
        end_char: end,
        id: hit.id.as_deref().and_then(|id| id.parse().ok()),
    }
}

/// One line, cut to the width; returns whether it was clicked.
fn result_line_ui(
    ui: &mut Ui,
    line: ResultLine,
    hit: &SearchHit,
    expanded: &HashSet<PathBuf>,
    height: f32,
    palette: &Palette,
) -> bool {
    let (rect, response) = list_row_ui(ui, height, false, palette);
    let body = ui.text_style_height(&egui::TextStyle::Body);
    let Some(LineLook {
        text,
        font,
        color,
        marked,
        indent,
    }) = line_look(line, hit, expanded, body, palette)
    else {
        return false;
    };
    let width = rect.width() - indent - 12.0;
    let job = line_job(&one_line(&text), font, color, marked, palette, width);
    let galley = ui.fonts_mut(|f| f.layout_job(job));
    let at = egui::pos2(
        rect.left() + 4.0 + indent,
        rect.center().y - galley.size().y / 2.0,
    );
    ui.painter().galley(at, galley, color);
    let label = match (line, &hit.quote) {
        (ResultLine::Quote(_), Some(quote)) => quote.clone(),
        _ => one_line(&text.replace("**", "")),
    };
    response.widget_info(|| egui::WidgetInfo::labeled(egui::Role::Button, true, &label));
    let hover = match line {
        ResultLine::More(_) => label,
        _ => format!("Open {}", hit.article.display()),
    };
    response.on_hover_text(hover).clicked()
}

/// How a line reads: its text, font, colour, whether its `**` parts are
/// marked, and its indent.
struct LineLook {
    text: String,
    font: FontId,
    color: egui::Color32,
    marked: bool,
    indent: f32,
}

/// What `line` of `hit` says and how (`None` for a gap).
fn line_look(
    line: ResultLine,
    hit: &SearchHit,
    expanded: &HashSet<PathBuf>,
    body: f32,
    palette: &Palette,
) -> Option<LineLook> {
    let (normal, smaller, small) = (
        FontId::proportional(body),
        FontId::proportional(body - 2.0),
        FontId::proportional(body - 3.0),
    );
    let look = |text: String, font: FontId, color, marked| LineLook {
        text,
        font,
        color,
        marked,
        indent: 12.0,
    };
    Some(match line {
        ResultLine::Head(_) => LineLook {
            indent: 0.0,
            ..look(head_text(hit), small, palette.muted, false)
        },
        ResultLine::Quote(_) => look(quote_marked(hit), normal, palette.text, true),
        ResultLine::Note(_) => {
            let note = markdown_plain_text(hit.note.as_deref().unwrap_or_default());
            look(note, smaller, palette.text, false)
        }
        ResultLine::Tags(_) => {
            let tags: Vec<String> = hit.tags.iter().flatten().map(|t| format!("#{t}")).collect();
            look(tags.join("  "), small, palette.link, false)
        }
        ResultLine::Passage(_, p) => look(passage_text(hit, p), normal, palette.text, true),
        ResultLine::More(_) if expanded.contains(&hit.article) => {
            look("Show fewer passages".to_owned(), small, palette.link, false)
        }
        ResultLine::More(_) => {
            let text = format!("Show all {} passages", hit.passage_count);
            look(text, small, palette.link, false)
        }
        ResultLine::Gap => return None,
    })
}

/// A result's head: what it is, the article, and a highlight's page (an
/// article's passages each say theirs) or how many passages it has.
fn head_text(hit: &SearchHit) -> String {
    let kind = match hit.kind {
        SearchHitKind::Annotation => "Highlight",
        SearchHitKind::Text => "In the text",
    };
    let title = title_or_file_name(hit.title.as_deref(), &hit.article);
    let page = match (&hit.kind, &hit.page) {
        (SearchHitKind::Annotation, Some(page)) => format!(" · p. {page}"),
        _ => String::new(),
    };
    format!("{kind} · {title}{page}{}", passages_said(hit))
}

/// Passage `p` of an article's hit: its snippet, after its page.
fn passage_text(hit: &SearchHit, p: usize) -> String {
    let passage = hit.passages.get(p);
    let snippet = passage.map_or(&hit.snippet, |p| &p.snippet);
    match passage.map_or(&hit.page, |p| &p.page) {
        Some(page) => format!("p. {page} · {snippet}"),
        None => snippet.clone(),
    }
}

/// The quote, its matched words marked when the quote matched.
fn quote_marked(hit: &SearchHit) -> String {
    match &hit.quote {
        Some(quote) if !hit.snippet.contains("**") || !snippet_is_quote(hit) => {
            format!("“{quote}”")
        }
        _ => format!("“{}”", hit.snippet),
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

/// One line of text cut at `width`; when `marked`, the parts between `**`
/// marked as find marks them.
fn line_job(
    text: &str,
    font: FontId,
    color: egui::Color32,
    marked: bool,
    palette: &Palette,
    width: f32,
) -> LayoutJob {
    let mut job = LayoutJob {
        wrap: egui::text::TextWrapping::truncate_at_width(width),
        ..Default::default()
    };
    let parts: Vec<&str> = if marked {
        text.split("**").collect()
    } else {
        vec![text]
    };
    for (i, part) in parts.into_iter().enumerate() {
        let is_match = i % 2 == 1;
        job.append(
            part,
            0.0,
            egui::TextFormat {
                font_id: font.clone(),
                color: if is_match { palette.strong } else { color },
                background: if is_match {
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

#[cfg(test)]
mod tests {
    use super::*;
    use crate::library::Passage;

    fn text_hit(article: &str, passages: usize) -> SearchHit {
        let passages: Vec<Passage> = (0..passages)
            .map(|p| Passage {
                start: p * 100,
                end: p * 100 + 5,
                snippet: format!("passage {p}"),
                page: None,
            })
            .collect();
        SearchHit {
            kind: SearchHitKind::Text,
            article: PathBuf::from(article),
            title: None,
            id: None,
            start: 0,
            end: 5,
            page: None,
            quote: None,
            note: None,
            tags: None,
            snippet: "passage 0".to_owned(),
            passage_count: passages.len(),
            passages,
        }
    }

    #[test]
    fn an_article_shows_its_first_passages_and_the_rest_when_asked() {
        let hits = [text_hit("/a.md", 18), text_hit("/b.md", 1)];
        let lines = result_lines(&hits, &HashSet::new());
        let passages = |lines: &[ResultLine]| {
            lines
                .iter()
                .filter(|l| matches!(l, ResultLine::Passage(0, _)))
                .count()
        };
        assert_eq!(passages(&lines), PASSAGES_FIRST);
        assert!(lines.contains(&ResultLine::More(0)));
        assert!(!lines.contains(&ResultLine::More(1)));
        let expanded = HashSet::from([PathBuf::from("/a.md")]);
        assert_eq!(passages(&result_lines(&hits, &expanded)), 18);
        assert_eq!(passages_said(&hits[0]), " · 18 passages");
        assert_eq!(
            place_of(ResultLine::Passage(0, 7), &hits[0]).start_char,
            700
        );
    }
}
