//! The review: every highlight in the library, grouped by article, day,
//! tag or colour, drawn only where visible. A click opens the highlight in
//! the editor beside the list, where its colour, note and tags change in
//! place: the change goes to that article's sidecar through the store's
//! locked, merging save (or, for the article open in this window, through
//! its session), so any window open on it sees it.

use std::collections::BTreeMap;

use eframe::egui::{self, FontId, Sense, Ui};

use crate::annotate::HighlightColor;
use crate::import::markdown_plain_text;
use crate::library::ReviewRow;

use super::super::command::Command;
use super::super::theme::Palette;
use super::super::widgets::{list_row_ui, swatch, truncated_galley};
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
    pub(super) rows: Vec<ReviewRow>,
    lines: Vec<ReviewLine>,
    /// Each row's note as it reads, on one line (its Markdown reduced to
    /// plain text: `**nice**` reads "nice"), made when the row is first
    /// drawn (a library may hold 100,000 notes).
    notes_as_read: Vec<std::cell::OnceCell<String>>,
}

impl ReviewList {
    pub(super) fn new(rows: Vec<ReviewRow>, grouping: ReviewGrouping) -> Self {
        let notes_as_read = vec![std::cell::OnceCell::new(); rows.len()];
        let mut list = Self {
            rows,
            lines: Vec::new(),
            notes_as_read,
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
        for ((_, key), mut members) in groups {
            // An article's highlights in reading order; the other groupings
            // newest first (as the rows come).
            if grouping == ReviewGrouping::Article {
                members.sort_by_key(|&i| self.rows[i].start_char);
            }
            let head = key.split(GROUP_PLACE).next().unwrap_or_default();
            lines.push(ReviewLine::Head(format!("{head} ({})", members.len())));
            lines.extend(members.into_iter().map(ReviewLine::Highlight));
        }
        self.lines = lines;
    }

    /// Row `index`'s note as it reads, on one line.
    fn note_as_read(&self, index: usize) -> &str {
        self.notes_as_read[index]
            .get_or_init(|| one_line(&markdown_plain_text(&self.rows[index].note)))
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

pub(super) fn article_title(row: &ReviewRow) -> String {
    title_or_file_name(row.title.as_deref(), &row.article)
}

impl LibraryView {
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
                            group_head_ui(ui, head, line_height, palette);
                        }
                        ReviewLine::Highlight(i) => {
                            let row = &list.rows[*i];
                            let editing = self.editing.as_ref().is_some_and(|e| e.row.id == row.id);
                            let note = list.note_as_read(*i);
                            if highlight_line_ui(ui, row, note, line_height, editing, palette)
                                .clicked()
                            {
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
}

/// The head of a group of highlights (an article, a tag, a colour).
fn group_head_ui(ui: &mut Ui, head: &str, line_height: f32, palette: &Palette) {
    let body = ui.text_style_height(&egui::TextStyle::Body);
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
        egui::pos2(rect.left() + 4.0, rect.bottom() - galley.size().y - 6.0),
        galley,
        palette.strong,
    );
    ui.painter()
        .hline(rect.x_range(), rect.bottom() - 2.0, (1.0, palette.rule));
}

/// One highlight: its colour, the quote and below it the note and tags.
fn highlight_line_ui(
    ui: &mut Ui,
    row: &ReviewRow,
    note_as_read: &str,
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
    if !note_as_read.is_empty() {
        below.push(note_as_read.to_owned());
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

#[cfg(test)]
mod tests {
    use super::*;

    fn row(id: &str, start_char: usize) -> ReviewRow {
        ReviewRow {
            id: id.to_owned(),
            article: "/a/war.md".into(),
            title: Some("War".to_owned()),
            quote: id.to_owned(),
            note: String::new(),
            tags: Vec::new(),
            color: "yellow".to_owned(),
            start_char,
            created: "2026-12-01T10:00:00Z".to_owned(),
            modified: "2026-12-01T10:00:00Z".to_owned(),
            status: "anchored".to_owned(),
        }
    }

    #[test]
    fn a_note_is_previewed_as_it_reads() {
        let mut noted = row("noted", 5);
        noted.note = "A **nice** point, see [jiff docs](https://docs.rs/jiff).".to_owned();
        let list = ReviewList::new(vec![noted], ReviewGrouping::Article);
        assert_eq!(list.note_as_read(0), "A nice point, see jiff docs.");
    }

    #[test]
    fn an_article_s_highlights_are_reviewed_in_reading_order() {
        // As the library gives them: the last edited first.
        let list = ReviewList::new(
            vec![row("third", 900), row("first", 10), row("second", 400)],
            ReviewGrouping::Article,
        );
        let quotes: Vec<&str> = list
            .lines
            .iter()
            .filter_map(|line| match line {
                ReviewLine::Highlight(i) => Some(list.rows[*i].quote.as_str()),
                ReviewLine::Head(_) => None,
            })
            .collect();
        assert_eq!(quotes, ["first", "second", "third"]);
    }
}
