//! What floats over the page: the context menu, the colour bar beside a
//! selection, the chooser among overlapping highlights, the drop overlay
//! and the keyboard shortcuts window.

use eframe::egui::{self, Key, Pos2, Rect, Response, RichText};
use uuid::Uuid;

use super::app::MarginaliaApp;
use crate::annotate::HighlightColor;

use super::command::{Command, Situation};
use super::reader::ReaderCommand;
use super::theme::{Palette, highlight_paint};
use super::widgets::{color_commands_ui, command_menu_item_ui};

/// Overlapping highlights under a click, offered in a small menu.
#[derive(Clone, Debug, PartialEq)]
pub(super) struct OverlapChoice {
    /// Where the menu opens, on screen.
    pub(super) at: Pos2,
    pub(super) annotations: Vec<Uuid>,
    /// The pass it opened in: that click must not close it.
    pub(super) opened_in_pass: u64,
}

/// What the context menu acts on: the highlights under the right click.
#[derive(Clone, Debug, Default, PartialEq)]
pub(super) struct ContextTarget {
    pub(super) annotations: Vec<Uuid>,
}

impl MarginaliaApp {
    /// The popups that are not tied to the reader's response.
    pub(super) fn popups_ui(&mut self, ctx: &egui::Context, commands: &mut Vec<Command>) {
        self.choice_ui(ctx, commands);
        self.shortcuts_window_ui(ctx, commands);
        self.about_window_ui(ctx, commands);
        self.drop_overlay_ui(ctx);
    }

    /// The context menu on the page: highlight the selection, or act on
    /// the highlights under the pointer.
    pub(super) fn context_menu_ui(&self, response: &Response, commands: &mut Vec<Command>) {
        let now = self.situation();
        let palette = self.settings.theme.palette();
        response.context_menu(|ui| {
            if now.has_selection {
                menu_item_ui(ui, Command::HighlightSelection, &now, commands);
                ui.horizontal(|ui| {
                    menu_colors_ui(ui, &palette, None, Command::HighlightSelectionIn, commands);
                });
                menu_item_ui(ui, Command::Reader(ReaderCommand::Copy), &now, commands);
            }
            for &id in &self.context_target.annotations {
                let Some(annotation) = self.annotations().and_then(|s| s.get(id)) else {
                    continue;
                };
                ui.separator();
                let quote: String = annotation.anchor.exact.chars().take(40).collect();
                ui.label(RichText::new(format!("\u{201C}{quote}…\u{201D}")).weak());
                menu_item_ui(ui, Command::SelectAnnotation(Some(id)), &now, commands);
                ui.horizontal(|ui| {
                    let recolor = |color| Command::Recolor(id, color);
                    menu_colors_ui(ui, &palette, Some(annotation.color), recolor, commands);
                });
                menu_item_ui(ui, Command::CopyQuote(id), &now, commands);
                menu_item_ui(ui, Command::DeleteAnnotation(id), &now, commands);
            }
        });
    }

    /// The small bar of colours beside a selection: one click highlights.
    pub(super) fn selection_bar_ui(
        &self,
        ctx: &egui::Context,
        at: Rect,
        commands: &mut Vec<Command>,
    ) {
        let palette = self.settings.theme.palette();
        egui::Area::new(egui::Id::unique("selection_bar"))
            .order(egui::Order::Foreground)
            .fixed_pos(at.left_bottom() + egui::vec2(-8.0, 6.0))
            .show(ctx, |ui| {
                egui::Frame::popup(ui.style()).show(ui, |ui| {
                    ui.horizontal(|ui| {
                        if let Some(command) =
                            color_commands_ui(ui, &palette, None, Command::HighlightSelectionIn)
                        {
                            commands.push(command);
                        }
                    });
                });
            });
    }

    fn choice_ui(&mut self, ctx: &egui::Context, commands: &mut Vec<Command>) {
        let (Some(choice), Some(store)) = (&self.choice, self.annotations()) else {
            return;
        };
        let palette = self.settings.theme.palette();
        let mut close = false;
        let area = egui::Area::new(egui::Id::unique("overlap_choice"))
            .order(egui::Order::Foreground)
            .fixed_pos(choice.at)
            .show(ctx, |ui| {
                egui::Frame::popup(ui.style()).show(ui, |ui| {
                    ui.label(RichText::new("Highlights here").weak());
                    for id in &choice.annotations {
                        let Some(annotation) = store.get(*id) else {
                            continue;
                        };
                        let quote: String = annotation.anchor.exact.chars().take(48).collect();
                        let fill = highlight_paint(annotation.color, &palette, false);
                        let text = RichText::new(format!("\u{201C}{quote}…\u{201D}"))
                            .background_color(fill);
                        if ui.button(text).clicked() {
                            commands.push(Command::SelectAnnotation(Some(*id)));
                            close = true;
                        }
                    }
                });
            });
        let clicked_elsewhere = ctx.input(|i| i.pointer.any_click())
            && !area.response.contains_pointer()
            && ctx.cumulative_pass_nr() > choice.opened_in_pass;
        if close || clicked_elsewhere || ctx.input(|i| i.key_pressed(Key::Escape)) {
            self.choice = None;
        }
    }

    fn drop_overlay_ui(&self, ctx: &egui::Context) {
        let hovered = ctx.input(|i| i.raw.hovered_files.first().cloned());
        let Some(file) = hovered else {
            return;
        };
        let colors = self.settings.theme.palette().overlay;
        let painter = ctx.layer_painter(egui::LayerId::new(
            egui::Order::Foreground,
            egui::Id::unique("drop_overlay"),
        ));
        let screen = ctx.content_rect();
        painter.rect_filled(screen, 0.0, colors.veil);
        painter.rect_stroke(
            screen.shrink(16.0),
            12.0,
            egui::Stroke::new(3.0, colors.edge),
            egui::StrokeKind::Inside,
        );
        let name = file
            .path
            .as_ref()
            .and_then(|p| p.file_name())
            .map(|n| n.to_string_lossy().into_owned());
        let message = match name {
            Some(name) => format!("Drop to open {name}"),
            None => "Drop to open the article".to_owned(),
        };
        let galley = painter.layout_no_wrap(message, egui::FontId::proportional(26.0), colors.text);
        let card =
            egui::Rect::from_center_size(screen.center(), galley.size() + egui::vec2(48.0, 32.0));
        painter.rect_filled(card, 10.0, colors.card);
        painter.galley(card.center() - galley.size() / 2.0, galley, colors.text);
    }
}

/// A context menu item: the menu closes once it is chosen.
fn menu_item_ui(ui: &mut egui::Ui, command: Command, now: &Situation, commands: &mut Vec<Command>) {
    if command_menu_item_ui(ui, command, now, commands).clicked() {
        ui.close();
    }
}

/// Colour buttons in a context menu: the menu closes once one is chosen.
fn menu_colors_ui(
    ui: &mut egui::Ui,
    palette: &Palette,
    current: Option<HighlightColor>,
    command_for: impl Fn(HighlightColor) -> Command,
    commands: &mut Vec<Command>,
) {
    if let Some(command) = color_commands_ui(ui, palette, current, command_for) {
        commands.push(command);
        ui.close();
    }
}
