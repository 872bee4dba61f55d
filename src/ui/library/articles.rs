//! The library's list of articles: title, source, folder, format,
//! highlights, notes, progress and last opened, sortable by each (a click
//! on a column's head; again for the other way), drawn only where visible
//! so ten thousand rows cost what a screenful does.

use std::cmp::Ordering;

use eframe::egui::{self, Align2, FontId, Sense, Ui};

use crate::library::{ArticleRow, ReadingEntry};

use super::super::command::{Command, Place};
use super::super::theme::Palette;
use super::super::widgets::{list_row_ui, truncated_galley};
use super::{LibraryView, title_or_file_name};

/// A column of the list.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub enum ArticleColumn {
    Title,
    Source,
    Folder,
    Format,
    Highlights,
    Notes,
    Progress,
    #[default]
    LastOpened,
}

#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub enum SortOrder {
    Ascending,
    /// Newest, most, furthest first: what a column sorts by on its first click.
    #[default]
    Descending,
}

impl ArticleColumn {
    const ALL: [ArticleColumn; 8] = [
        ArticleColumn::Title,
        ArticleColumn::Source,
        ArticleColumn::Folder,
        ArticleColumn::Format,
        ArticleColumn::Highlights,
        ArticleColumn::Notes,
        ArticleColumn::Progress,
        ArticleColumn::LastOpened,
    ];

    pub fn label(self) -> &'static str {
        match self {
            ArticleColumn::Title => "Title",
            ArticleColumn::Source => "Source",
            ArticleColumn::Folder => "Folder",
            ArticleColumn::Format => "Format",
            ArticleColumn::Highlights => "Highlights",
            ArticleColumn::Notes => "Notes",
            ArticleColumn::Progress => "Read",
            ArticleColumn::LastOpened => "Last opened",
        }
    }

    /// Its share of the list's width.
    fn share(self) -> f32 {
        match self {
            ArticleColumn::Title => 0.33,
            ArticleColumn::Source => 0.17,
            ArticleColumn::Folder => 0.10,
            ArticleColumn::Format => 0.07,
            ArticleColumn::Highlights | ArticleColumn::Notes => 0.07,
            ArticleColumn::Progress => 0.08,
            ArticleColumn::LastOpened => 0.11,
        }
    }

    /// Text columns sort A to Z first; the others most first.
    fn first_order(self) -> SortOrder {
        match self {
            ArticleColumn::Title
            | ArticleColumn::Source
            | ArticleColumn::Folder
            | ArticleColumn::Format => SortOrder::Ascending,
            _ => SortOrder::Descending,
        }
    }
}

/// The name of the folder an article is in.
fn folder_name(row: &ArticleRow) -> String {
    row.path
        .parent()
        .and_then(|p| p.file_name())
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_default()
}

fn title_of(row: &ArticleRow) -> String {
    title_or_file_name(row.title.as_deref(), &row.path)
}

impl LibraryView {
    /// Sorts by `column` (the other way if it is the column sorted by).
    pub(super) fn sort_by(&mut self, column: ArticleColumn) {
        self.sort = if self.sort.0 == column {
            let other = match self.sort.1 {
                SortOrder::Ascending => SortOrder::Descending,
                SortOrder::Descending => SortOrder::Ascending,
            };
            (column, other)
        } else {
            (column, column.first_order())
        };
        self.sort_articles();
    }

    pub(super) fn sort_articles(&mut self) {
        let articles = &self.snapshot.articles;
        let reading = &self.snapshot.reading;
        let (column, order) = self.sort;
        let titles: Vec<String> = articles
            .iter()
            .map(|a| title_of(a).to_lowercase())
            .collect();
        let key = |i: usize| -> (Option<f64>, String) {
            let row = &articles[i];
            let read = reading.get(&row.path);
            match column {
                ArticleColumn::Title => (None, titles[i].clone()),
                ArticleColumn::Source => {
                    (None, row.byline.clone().unwrap_or_default().to_lowercase())
                }
                ArticleColumn::Folder => (None, folder_name(row).to_lowercase()),
                ArticleColumn::Format => (None, row.format.clone()),
                ArticleColumn::Highlights => (Some(row.highlights as f64), String::new()),
                ArticleColumn::Notes => (Some(row.notes as f64), String::new()),
                ArticleColumn::Progress => (
                    Some(read.map_or(-1.0, |r| f64::from(r.progress))),
                    String::new(),
                ),
                ArticleColumn::LastOpened => (
                    Some(read.map_or(f64::MIN, |r| r.last_opened.as_second() as f64)),
                    String::new(),
                ),
            }
        };
        let keys: Vec<(Option<f64>, String)> = (0..articles.len()).map(key).collect();
        let mut order_of: Vec<usize> = (0..articles.len()).collect();
        order_of.sort_by(|&a, &b| {
            let by_key = match (&keys[a], &keys[b]) {
                ((Some(x), _), (Some(y), _)) => x.partial_cmp(y).unwrap_or(Ordering::Equal),
                ((_, x), (_, y)) => natural_order(x, y),
            };
            let by_key = match order {
                SortOrder::Ascending => by_key,
                SortOrder::Descending => by_key.reverse(),
            };
            by_key.then_with(|| natural_order(&titles[a], &titles[b]))
        });
        self.order = order_of;
    }

    /// The list with its heads.
    pub(super) fn articles_ui(
        &mut self,
        ui: &mut Ui,
        palette: &Palette,
        commands: &mut Vec<Command>,
    ) {
        let width = ui.available_width();
        let lefts = column_lefts(ui.min_rect().left(), width);
        let row_height = ui.text_style_height(&egui::TextStyle::Body) + 10.0;
        if let Some(column) = self.heads_ui(ui, &lefts, row_height, palette) {
            self.sort_by(column);
        }
        let font = FontId::proportional(ui.text_style_height(&egui::TextStyle::Body) - 1.0);
        let cells = RowCells {
            lefts: &lefts,
            width,
            height: row_height,
            font,
        };
        egui::ScrollArea::vertical()
            .id_salt("library_articles")
            .auto_shrink(false)
            .show_rows(ui, row_height, self.order.len(), |ui, visible| {
                for &i in &self.order[visible] {
                    let row = &self.snapshot.articles[i];
                    let read = self.snapshot.reading.get(&row.path);
                    if let Some(command) = article_row_ui(ui, row, read, &cells, palette) {
                        commands.push(command);
                    }
                }
            });
    }

    /// The heads: a click sorts by its column (returned).
    fn heads_ui(
        &self,
        ui: &mut Ui,
        lefts: &[f32],
        row_height: f32,
        palette: &Palette,
    ) -> Option<ArticleColumn> {
        let width = ui.available_width();
        let (head, _) = ui.allocate_exact_size(egui::vec2(width, row_height), Sense::hover());
        let mut sort_by = None;
        let head_font = FontId::proportional(ui.text_style_height(&egui::TextStyle::Body) - 1.0);
        for (column, left) in ArticleColumn::ALL.into_iter().zip(lefts) {
            let rect = egui::Rect::from_min_size(
                egui::pos2(*left, head.top()),
                egui::vec2(width * column.share(), row_height),
            );
            let response = ui
                .interact(
                    rect,
                    ui.scope_id().with(("sort", column.label())),
                    Sense::click(),
                )
                .on_hover_text(format!("Sort by {}", column.label().to_lowercase()));
            response.widget_info(|| {
                egui::WidgetInfo::labeled(egui::Role::ColumnHeader, true, column.label())
            });
            let color = if response.hovered() || self.sort.0 == column {
                palette.strong
            } else {
                palette.muted
            };
            let galley = ui.fonts_mut(|f| {
                f.layout_no_wrap(column.label().to_owned(), head_font.clone(), color)
            });
            let at = egui::pos2(rect.left() + 4.0, rect.center().y - galley.size().y / 2.0);
            ui.painter().galley(at, galley, color);
            if self.sort.0 == column {
                sort_arrow_ui(ui, &response, self.sort.1, palette);
            }
            if response.clicked() {
                sort_by = Some(column);
            }
        }
        ui.painter()
            .hline(head.x_range(), head.bottom(), (1.0, palette.rule));
        sort_by
    }
}

/// Where a row's cells are, and their font.
struct RowCells<'a> {
    lefts: &'a [f32],
    width: f32,
    height: f32,
    font: FontId,
}

/// One article's row; a click opens it where it was left (a missing one
/// lists what is missing).
fn article_row_ui(
    ui: &mut Ui,
    row: &ArticleRow,
    read: Option<&ReadingEntry>,
    cells: &RowCells,
    palette: &Palette,
) -> Option<Command> {
    let (rect, response) = list_row_ui(ui, cells.height, false, palette);
    let texts = row_texts(row, read);
    for ((column, left), text) in ArticleColumn::ALL.into_iter().zip(cells.lefts).zip(texts) {
        let color = if row.missing || column != ArticleColumn::Title {
            palette.muted
        } else if read.is_none() {
            // Never opened: drawn stronger, as a mail reader marks the unread.
            palette.strong
        } else {
            palette.text
        };
        let cell = cells.width * column.share() - 10.0;
        let galley = truncated_galley(ui, &text, cell, cells.font.clone(), color);
        let at = egui::pos2(*left + 4.0, rect.center().y);
        let cell_rect = egui::Rect::from_min_size(
            at - egui::vec2(0.0, cells.height / 2.0),
            egui::vec2(cell, cells.height),
        );
        let placed = Align2::LEFT_CENTER.align_size_within_rect(galley.size(), cell_rect);
        ui.painter().galley(placed.min, galley, color);
    }
    let label = title_of(row);
    response.widget_info(|| egui::WidgetInfo::labeled(egui::Role::Button, true, &label));
    let response = response.on_hover_text(row.path.display().to_string());
    if !response.clicked() {
        return None;
    }
    Some(if row.missing {
        Command::SetLibrarySearch("is:missing".to_owned())
    } else {
        let at = read.map_or(0, |r| r.position_char);
        Command::OpenAt(Place {
            path: row.path.clone(),
            start_char: at,
            end_char: at,
            id: None,
        })
    })
}

/// Text order with runs of digits compared as numbers ("Article 9" before
/// "Article 10").
fn natural_order(a: &str, b: &str) -> Ordering {
    let (mut a, mut b) = (a.chars().peekable(), b.chars().peekable());
    loop {
        match (a.peek().copied(), b.peek().copied()) {
            (None, None) => return Ordering::Equal,
            (None, Some(_)) => return Ordering::Less,
            (Some(_), None) => return Ordering::Greater,
            (Some(x), Some(y)) if x.is_ascii_digit() && y.is_ascii_digit() => {
                let number = |chars: &mut std::iter::Peekable<std::str::Chars<'_>>| {
                    let mut digits = String::new();
                    while let Some(c) = chars.peek().copied().filter(char::is_ascii_digit) {
                        digits.push(c);
                        chars.next();
                    }
                    digits.trim_start_matches('0').to_owned()
                };
                let (x, y) = (number(&mut a), number(&mut b));
                let by_number = x.len().cmp(&y.len()).then_with(|| x.cmp(&y));
                if by_number != Ordering::Equal {
                    return by_number;
                }
            }
            (Some(x), Some(y)) => {
                if x != y {
                    return x.cmp(&y);
                }
                a.next();
                b.next();
            }
        }
    }
}

/// A small triangle after the sorted column's head: up for A to Z (or
/// least first), down for the other way.
fn sort_arrow_ui(ui: &Ui, head: &egui::Response, order: SortOrder, palette: &Palette) {
    let size = 4.0;
    let center = egui::pos2(head.rect.right() - 10.0, head.rect.center().y);
    let (tip, base) = match order {
        SortOrder::Ascending => (-size, size),
        SortOrder::Descending => (size, -size),
    };
    let points = vec![
        center + egui::vec2(0.0, tip),
        center + egui::vec2(-size, base),
        center + egui::vec2(size, base),
    ];
    ui.painter().add(egui::Shape::convex_polygon(
        points,
        palette.muted,
        egui::Stroke::NONE,
    ));
}

/// Where each column starts.
fn column_lefts(left: f32, width: f32) -> Vec<f32> {
    let mut x = left;
    ArticleColumn::ALL
        .into_iter()
        .map(|column| {
            let at = x;
            x += width * column.share();
            at
        })
        .collect()
}

/// What each column says for an article.
fn row_texts(row: &ArticleRow, read: Option<&crate::library::ReadingEntry>) -> [String; 8] {
    let mut title = title_of(row);
    if row.missing {
        title = format!("{title} (missing)");
    } else if row.locations > 1 {
        title = format!("{title} ({} copies)", row.locations);
    }
    [
        title,
        row.byline.clone().unwrap_or_default(),
        folder_name(row),
        row.format.clone(),
        row.highlights.to_string(),
        row.notes.to_string(),
        read.map_or_else(
            || {
                if row.missing {
                    String::new()
                } else {
                    "unread".to_owned()
                }
            },
            |r| format!("{:.0} %", r.progress * 100.0),
        ),
        read.map_or_else(String::new, |r| {
            // The day in UTC: no time zone database is read for a list.
            r.last_opened.strftime("%Y-%m-%d").to_string()
        }),
    ]
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn numbers_in_titles_sort_as_numbers() {
        let mut titles = ["article 100", "article 9", "article 10", "a", "article 09b"];
        titles.sort_by(|a, b| natural_order(a, b));
        assert_eq!(
            titles,
            ["a", "article 9", "article 09b", "article 10", "article 100"]
        );
    }
}
