//! The page and its side panels: the reader in the middle, the annotations
//! panel on the right, the outline on the left, and what a click on the
//! page means (a link, a highlight, several overlapping highlights).

use eframe::egui::{self, Ui};

use super::app::MarginaliaApp;
use super::command::{Command, Situation};
use super::keymap::shortcut_text;
use super::outline::outline_ui;
use super::panel::panel_ui;
use super::popups::OverlapChoice;
use super::reader::{ReaderHighlight, ReaderOutput};
use super::widgets::{command_button_ui, open_link};

/// The fewest characters a line of text keeps when panels are open.
pub(super) const MIN_LINE_CHARS: f32 = 45.0;
/// The narrowest the side panels get before they float over the text.
const PANEL_MIN: f32 = 240.0;
const OUTLINE_MIN: f32 = 160.0;

impl MarginaliaApp {
    /// The annotations panel (right) and the outline (left). They take
    /// room from the text only while a line keeps its [`MIN_LINE_CHARS`];
    /// in a narrower window they float over the text instead.
    pub(super) fn side_panels_ui(&mut self, ui: &mut Ui, commands: &mut Vec<Command>) {
        let palette = self.settings.theme.palette();
        let now = self.situation();
        let Some(open) = &self.open else {
            return;
        };
        let text = self
            .reader
            .min_text_width(ui, &self.reader_style(), MIN_LINE_CHARS);
        let mut room = ui.available_width() - text;
        if self.settings.show_panel {
            let contents =
                |ui: &mut Ui| panel_ui(ui, open, &mut self.panel, &now, &palette, commands);
            if room >= PANEL_MIN {
                let shown = egui::Panel::right("annotations_panel")
                    .resizable(true)
                    .default_size(340.0)
                    .size_range(PANEL_MIN..=room.min(640.0))
                    .show(ui, contents);
                room -= shown.response.rect.width();
            } else {
                floating_panel_ui(ui, "annotations_overlay", egui::Align::Max, 320.0, contents);
            }
        }
        if self.settings.show_outline {
            let position = self.reader.top_char();
            let contents =
                |ui: &mut Ui| outline_ui(ui, open.outline(), position, &palette, commands);
            if room >= OUTLINE_MIN {
                egui::Panel::left("outline_panel")
                    .resizable(true)
                    .default_size(260.0)
                    .size_range(OUTLINE_MIN..=room.min(480.0))
                    .show(ui, contents);
            } else {
                floating_panel_ui(ui, "outline_overlay", egui::Align::Min, 260.0, contents);
            }
        }
    }

    /// The reader over the open article, or how to open one.
    pub(super) fn page_ui(&mut self, ui: &mut Ui, commands: &mut Vec<Command>) {
        let style = self.reader_style();
        let emphasis = self.flash.map(|f| f.id).or(self.selected);
        if let Some(open) = &self.open {
            self.painted
                .refresh(open.store(), open.revision(), self.settings.theme, emphasis);
        }
        let now = self.situation();
        let matches: &[ReaderHighlight] = match &mut self.find {
            Some(find) => find.painted(&style.palette),
            None => &[],
        };
        let mut reader_output = None;
        egui::CentralPanel::default()
            .frame(egui::Frame::new().fill(style.palette.page))
            .show(ui, |ui| match &self.open {
                Some(open) => {
                    let page = ui.max_rect();
                    reader_output = Some(self.reader.ui(
                        ui,
                        open.document(),
                        &style,
                        self.painted.highlights(),
                        matches,
                    ));
                    if self.reader.can_go_back() {
                        back_chip_ui(ui, page, &now, commands);
                    }
                }
                None if self.opening.is_some() => {
                    ui.centered_and_justified(|ui| ui.spinner());
                }
                None => {
                    let open = Command::ShowOpenDialog;
                    let keys = shortcut_text(ui.ctx(), &open).unwrap_or_default();
                    let hint = format!(
                        "Open an article with {} in the File menu ({keys}), or drop a file here.",
                        open.info().label
                    );
                    ui.centered_and_justified(|ui| ui.label(hint));
                }
            });
        if let Some(output) = reader_output {
            self.reader_output(ui.ctx(), output, commands);
        }
    }

    /// Clicks on links and highlights, the context menu and the selection bar.
    fn reader_output(
        &mut self,
        ctx: &egui::Context,
        output: ReaderOutput,
        commands: &mut Vec<Command>,
    ) {
        if let Some(at) = output.clicked_at_char {
            self.clicked_on_page(ctx, at, &output, commands);
        }
        if let (Some(at), Some(open)) = (output.secondary_clicked_at_char, &self.open) {
            self.context_target.annotations = open.annotations_at(at);
        }
        self.context_menu_ui(&output.response, commands);
        if self.reader.has_selection()
            && let Some(at) = output.selection_end
        {
            self.selection_bar_ui(ctx, at, commands);
        }
    }

    /// A link inside the article goes there (Back returns), another opens in
    /// the browser; a highlight opens in the panel; where
    /// highlights overlap, the user picks one.
    fn clicked_on_page(
        &mut self,
        ctx: &egui::Context,
        at_char: usize,
        output: &ReaderOutput,
        commands: &mut Vec<Command>,
    ) {
        let Some(open) = &self.open else {
            return;
        };
        if let Some(target) = open.document().link_at(at_char) {
            match open.document().internal_target(target) {
                Some(offset_char) => commands.push(Command::FollowLink(offset_char)),
                None => open_link(ctx, target),
            }
            return;
        }
        let under = open.annotations_at(at_char);
        match under.as_slice() {
            [] => commands.push(Command::SelectAnnotation(None)),
            [only] => commands.push(Command::SelectAnnotation(Some(*only))),
            _ => {
                let pos = output.response.interact_pointer_pos().unwrap_or_default();
                self.choice = Some(OverlapChoice {
                    at: pos + egui::vec2(8.0, 8.0),
                    annotations: under,
                    opened_in_pass: ctx.cumulative_pass_nr(),
                });
            }
        }
    }
}

/// After a link inside the article: a "Back" chip at the top of the page
/// (Alt+← does the same).
fn back_chip_ui(ui: &Ui, page: egui::Rect, now: &Situation, commands: &mut Vec<Command>) {
    egui::Area::new(egui::Id::unique("back_chip"))
        .order(egui::Order::Foreground)
        .fixed_pos(page.left_top() + egui::vec2(12.0, 10.0))
        .show(ui.ctx(), |ui| {
            egui::Frame::popup(ui.style()).show(ui, |ui| {
                command_button_ui(ui, Command::GoBack, now, commands);
            });
        });
}

/// A side panel floating over the text at the window's left or right edge,
/// as tall as the page, with the popup's frame and shadow.
fn floating_panel_ui(
    ui: &Ui,
    id: &'static str,
    side: egui::Align,
    width: f32,
    contents: impl FnOnce(&mut Ui),
) {
    let page = ui.available_rect_before_wrap();
    let width = width.min(page.width() - 24.0).max(160.0);
    let left = match side {
        egui::Align::Max => page.right() - width,
        _ => page.left(),
    };
    egui::Area::new(egui::Id::unique(id))
        .order(egui::Order::Foreground)
        .fixed_pos(egui::pos2(left, page.top()))
        .show(ui.ctx(), |ui| {
            egui::Frame::popup(ui.style()).show(ui, |ui| {
                ui.set_width(width - 16.0);
                ui.set_height(page.height() - 16.0);
                contents(ui);
            });
        });
}
