//! The page and its side panels: the reader in the middle, the annotations
//! panel on the right, the outline on the left, and what a click on the
//! page means (a link, a highlight, several overlapping highlights).

use eframe::egui::{self, Ui};

use super::app::MarginaliaApp;
use super::command::Command;
use super::keymap::shortcut_text;
use super::outline::outline_ui;
use super::panel::panel_ui;
use super::popups::OverlapChoice;
use super::reader::{ReaderHighlight, ReaderOutput};

impl MarginaliaApp {
    pub(super) fn side_panels_ui(&mut self, ui: &mut Ui, commands: &mut Vec<Command>) {
        let palette = self.settings.theme.palette();
        let now = self.situation();
        if self.settings.show_panel
            && let Some(open) = &self.open
        {
            egui::Panel::right("annotations_panel")
                .resizable(true)
                .default_size(340.0)
                .size_range(240.0..=640.0)
                .show(ui, |ui| {
                    panel_ui(ui, open, &mut self.panel, &now, &palette, commands);
                });
        }
        if self.settings.show_outline
            && let Some(open) = &self.open
        {
            let position = self.reader.top_char();
            egui::Panel::left("outline_panel")
                .resizable(true)
                .default_size(260.0)
                .size_range(160.0..=480.0)
                .show(ui, |ui| {
                    outline_ui(ui, open.outline(), position, &palette, commands);
                });
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
        let matches: &[ReaderHighlight] = match &mut self.find {
            Some(find) => find.painted(&style.palette),
            None => &[],
        };
        let mut reader_output = None;
        egui::CentralPanel::default()
            .frame(egui::Frame::new().fill(style.palette.page))
            .show(ui, |ui| match &self.open {
                Some(open) => {
                    reader_output = Some(self.reader.ui(
                        ui,
                        open.document(),
                        &style,
                        self.painted.highlights(),
                        matches,
                    ));
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

    /// A link opens in the browser; a highlight opens in the panel; where
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
            // Web and mail links open in the browser; others have nowhere to go.
            if ["http://", "https://", "mailto:"]
                .iter()
                .any(|scheme| target.starts_with(scheme))
            {
                ctx.open_url(egui::OpenUrl::new_tab(target));
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
