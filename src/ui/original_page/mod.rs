//! The original-page room: a PDF's page as printed (rendered by hayro in
//! the PDF child), the article's highlights drawn over their glyphs, a
//! click on one opening it in the panel, and a drag over the printed text
//! selecting those words in the canonical text — so H (or the selection
//! bar) makes the same highlight the text view would. It owns the page
//! shown, the drag, and the pictures near the page (`shelf`); `marks`
//! draws on the paper. F6 shows it and returns to the text.

mod marks;
mod shelf;

use std::ops::Range;

use eframe::egui::{self, Rect, Ui};

use crate::document::Document;

use super::command::{Command, Situation};
use super::reader::{PaintedHighlights, whole_words};
use super::theme::ThemeChoice;
use super::view_context::ViewContext;
use super::widgets::command_button_ui;
use marks::{Paper, letter_under, paint_highlights, paint_selection, paper_ui};
use shelf::{PageShelf, RenderedPage, Shelved};

/// The widest a page is drawn, in points.
const MAX_PAPER_WIDTH: f32 = 1100.0;

/// A selection being dragged over the paper: the letters it runs between.
#[derive(Clone, Copy, Debug)]
struct Drag {
    page: usize,
    from: usize,
    to: usize,
}

/// What the paper did this frame that other rooms act on.
#[derive(Default)]
pub(super) struct OriginalPageOutput {
    /// A selection made on the paper (canonical chars; `Some(None)` clears it).
    pub(super) selection: Option<Option<Range<usize>>>,
    /// Where the selection ends on screen, while text is selected.
    pub(super) selection_end: Option<Rect>,
}

#[derive(Default)]
pub(super) struct OriginalPage {
    shown: bool,
    /// The page shown, from 0.
    index: usize,
    /// The reader's pending jump last followed here.
    followed: Option<usize>,
    drag: Option<Drag>,
    shelf: PageShelf,
    /// The highlights as drawn on paper (the light theme's colours: paper is white).
    painted: PaintedHighlights,
}

impl OriginalPage {
    pub(super) fn is_shown(&self) -> bool {
        self.shown
    }

    /// The page shown (from 0), when the view is.
    pub(super) fn shown_page(&self) -> Option<usize> {
        self.shown.then_some(self.index)
    }

    /// Whether the page shown is drawn (its picture arrived).
    pub(super) fn is_drawn(&self) -> bool {
        matches!(self.shelf.page(self.index), Some(Shelved::Ready(_)))
    }

    /// Shows the page that holds `top_char`.
    pub(super) fn show(&mut self, document: &Document, top_char: usize) {
        self.shown = true;
        self.index = document.page_index_at(top_char).unwrap_or(0);
        self.drag = None;
    }

    /// Back to the text: where the text view should go (the page's start)
    /// when the page shown is not the one the reader is on.
    pub(super) fn hide(&mut self, document: &Document, top_char: usize) -> Option<usize> {
        self.shown = false;
        self.drag = None;
        let reader_page = document.page_index_at(top_char);
        (reader_page != Some(self.index))
            .then(|| document.page_chars(self.index).map(|chars| chars.start))
            .flatten()
    }

    /// The article closed, or another opened.
    pub(super) fn forget_document(&mut self) {
        *self = Self::default();
    }

    /// Turns `pages` pages on (back when negative), within the document.
    pub(super) fn turn(&mut self, pages: isize, document: &Document) {
        let last = document.pages().len().saturating_sub(1);
        self.index = self.index.saturating_add_signed(pages).min(last);
        self.drag = None;
    }

    /// Goes to the page of a jump the reader was asked to make (the
    /// outline, Go to Page, a highlight in the panel), once per jump.
    pub(super) fn follow(&mut self, target_char: Option<usize>, document: &Document) {
        if target_char == self.followed {
            return;
        }
        self.followed = target_char;
        if let Some(index) = target_char.and_then(|at| document.page_index_at(at)) {
            self.index = index;
            self.drag = None;
        }
    }

    /// The page, the buttons to turn it and to go back, and the marks on it.
    pub(super) fn page_ui(
        &mut self,
        ui: &mut Ui,
        view: &ViewContext,
        selection: Option<Range<usize>>,
        commands: &mut Vec<Command>,
    ) -> OriginalPageOutput {
        let mut output = OriginalPageOutput::default();
        let Some(open) = view.open else {
            self.shelf.clear();
            return output;
        };
        self.painted.refresh(
            open.store(),
            open.revision(),
            ThemeChoice::Light,
            view.now.open_highlight,
        );
        egui::CentralPanel::default()
            .frame(egui::Frame::new().fill(view.palette.rule))
            .show(ui, |ui| {
                strip_ui(ui, open.document(), self.index, &view.now, commands);
                let width = (ui.available_width() - 32.0).clamp(200.0, MAX_PAPER_WIDTH);
                let width_px = ((width * ui.ctx().pixels_per_point() / 64.0).ceil() * 64.0) as u32;
                self.shelf.keep_near(ui.ctx(), open, self.index, width_px);
                egui::ScrollArea::vertical()
                    .id_salt(("original_page", self.index))
                    .auto_shrink([false, false])
                    .show(ui, |ui| {
                        ui.add_space(12.0);
                        self.shelf_ui(ui, open, width, selection, commands, &mut output);
                        ui.add_space(24.0);
                    });
            });
        output
    }

    fn shelf_ui(
        &mut self,
        ui: &mut Ui,
        open: &super::session::DocumentSession,
        width: f32,
        selection: Option<Range<usize>>,
        commands: &mut Vec<Command>,
        output: &mut OriginalPageOutput,
    ) {
        match self.shelf.page(self.index) {
            Some(Shelved::Ready(page)) => {
                let label = page_label(open.document(), self.index);
                let (paper, response) = paper_ui(ui, page, &label, width);
                let dragged = drag_on(&mut self.drag, page, paper, &response, self.index, output);
                let drag = dragged.map(|chars| whole_words(open.document(), chars));
                if let Some(Some(made)) = &mut output.selection {
                    *made = whole_words(open.document(), made.clone());
                }
                let shown = drag.or(selection);
                paint_highlights(ui.painter(), paper, page, self.painted.highlights());
                let selection_color = ThemeChoice::Light.palette().selection.gamma_multiply(0.6);
                let end = shown
                    .and_then(|s| paint_selection(ui.painter(), paper, page, &s, selection_color));
                if self.drag.is_none() && output.selection.is_none() {
                    output.selection_end = end;
                }
                if response.clicked() {
                    clicked_on_paper(page, paper, &response, open, commands, output);
                }
            }
            Some(Shelved::Failed(why)) => {
                ui.vertical_centered(|ui| ui.label(why.as_str()));
            }
            Some(Shelved::Rendering) | None => {
                ui.vertical_centered(|ui| {
                    ui.add_space(40.0);
                    ui.spinner();
                    ui.label(format!("Drawing page {}…", self.index + 1));
                });
            }
        }
    }
}

/// A drag over the paper: the canonical chars it covers so far; when
/// it ends, the selection it makes.
fn drag_on(
    dragging: &mut Option<Drag>,
    page: &RenderedPage,
    paper: Paper,
    response: &egui::Response,
    index: usize,
    output: &mut OriginalPageOutput,
) -> Option<Range<usize>> {
    let letter = |pos: egui::Pos2| {
        let (x, y) = paper.to_page(pos);
        page.places.letter_at(x, y)
    };
    // The drag starts where the button went down, not where it is when
    // the pointer has moved far enough to call it a drag.
    let pressed_at = response.ctx.input(|i| i.pointer.press_origin());
    if response.drag_started()
        && let Some(from) = pressed_at
            .or(response.interact_pointer_pos())
            .and_then(letter)
    {
        *dragging = Some(Drag {
            page: index,
            from,
            to: from,
        });
    }
    let drag = dragging.as_mut().filter(|d| d.page == index)?;
    if let Some(to) = response.interact_pointer_pos().and_then(letter) {
        drag.to = to;
    }
    let local = page.places.text_range_of(drag.from..=drag.to);
    let chars = local.map(|l| page.chars.start + l.start..page.chars.start + l.end);
    if response.drag_stopped() {
        *dragging = None;
        output.selection = Some(chars.clone());
    }
    chars
}

/// A click on a highlight opens it; elsewhere it closes the open one and
/// clears the selection.
fn clicked_on_paper(
    page: &RenderedPage,
    paper: Paper,
    response: &egui::Response,
    open: &super::session::DocumentSession,
    commands: &mut Vec<Command>,
    output: &mut OriginalPageOutput,
) {
    let under = response
        .interact_pointer_pos()
        .and_then(|pos| letter_under(page, paper, pos))
        .map(|at| open.annotations_at(at))
        .unwrap_or_default();
    commands.push(Command::SelectAnnotation(under.first().copied()));
    if under.is_empty() {
        output.selection = Some(None);
    }
}

/// What the document calls page `index` ("iv", "213").
fn page_label(document: &Document, index: usize) -> String {
    document
        .pages()
        .get(index)
        .map_or_else(|| (index + 1).to_string(), |p| p.label.clone())
}

/// Previous and next page, which page this is, and back to the text.
fn strip_ui(
    ui: &mut Ui,
    document: &Document,
    index: usize,
    now: &Situation,
    commands: &mut Vec<Command>,
) {
    let count = document.pages().len();
    let label = page_label(document, index);
    ui.add_space(6.0);
    ui.horizontal(|ui| {
        ui.add_space(12.0);
        ui.add_enabled_ui(index > 0, |ui| {
            command_button_ui(ui, Command::TurnOriginalPage(-1), now, commands)
        });
        let number = index + 1;
        let said = if label == number.to_string() {
            format!("Page {label} of {count}")
        } else {
            format!("Page {label} ({number} of {count})")
        };
        ui.label(egui::RichText::new(said).strong());
        ui.add_enabled_ui(index + 1 < count, |ui| {
            command_button_ui(ui, Command::TurnOriginalPage(1), now, commands)
        });
        ui.with_layout(egui::Layout::right_to_left(egui::Align::Center), |ui| {
            ui.add_space(12.0);
            let keys = super::keymap::shortcut_text(ui.ctx(), &Command::ToggleOriginalPage);
            let back = ui.button("Back to the Text").on_hover_text(format!(
                "The reflowed text, at this page ({})",
                keys.unwrap_or_default()
            ));
            if back.clicked() {
                commands.push(Command::ToggleOriginalPage);
            }
        });
    });
    ui.add_space(4.0);
}
