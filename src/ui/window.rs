//! The window's own state: the title shown, the theme applied, the caret's
//! blinking, whether a text field had the keys, the launch timeline, and
//! the primary selection it offers.

use std::time::Duration;

use eframe::egui::{self, Ui};

use super::launch_timeline::LaunchStage;
use super::primary_selection::PrimarySelection;
use super::reader::{Reader, Selection};
use super::theme::ThemeChoice;

/// A text caret stops blinking after this long without input (as GTK's
/// does), so a window left with a field focused uses no CPU.
const CARET_BLINK_TIME: Duration = Duration::from_secs(10);

pub(super) struct Window {
    ctx: egui::Context,
    shown_title: String,
    applied_theme: Option<ThemeChoice>,
    /// When the last input came (a key, the pointer, the wheel), in
    /// seconds of egui's clock: the caret blinks for a while after it.
    last_input: f64,
    /// A text field had the keys when the last frame ended: egui drops
    /// focus on Escape before this frame's keys are read, and that Escape
    /// belongs to the field.
    field_had_keys: bool,
    /// How far the launch has come, for the startup timeline (`MARGINALIA_TIMING`).
    launch: LaunchStage,
    /// The text selected, offered for a middle-click paste elsewhere.
    primary: PrimarySelection,
}

impl Window {
    pub(super) fn new(ctx: &egui::Context) -> Self {
        Self {
            ctx: ctx.clone(),
            shown_title: String::new(),
            applied_theme: None,
            last_input: 0.0,
            field_had_keys: false,
            launch: LaunchStage::at_start(),
            primary: PrimarySelection::default(),
        }
    }

    pub(super) fn ctx(&self) -> &egui::Context {
        &self.ctx
    }

    /// Whether a widget other than the page (which has the focus while the
    /// caret is on) has the keyboard focus: a text field the keys go to.
    pub(super) fn field_has_keys(&self) -> bool {
        let focused = self.ctx.memory(egui::Memory::focused);
        focused.is_some() && focused != Some(Reader::page_id())
    }

    /// A text field has the keys, or had them when the last frame ended.
    pub(super) fn typing(&self) -> bool {
        self.field_had_keys || self.field_has_keys()
    }

    /// The frame ends: whether a field has the keys is kept for the next.
    pub(super) fn end_frame(&mut self) {
        self.field_had_keys = self.field_has_keys();
    }

    /// Offers the article's selection as the primary selection once it
    /// rests (`text` is asked only then).
    pub(super) fn offer_selection(
        &mut self,
        selection: Option<Selection>,
        text: impl FnOnce() -> Option<String>,
    ) {
        let dragging = self.ctx.input(|i| i.pointer.primary_down());
        self.primary.offer(selection, dragging, text);
    }

    /// The theme's visuals, set when the theme changes.
    pub(super) fn apply_theme(&mut self, ui: &mut Ui, theme: ThemeChoice) {
        if self.applied_theme != Some(theme) {
            theme.apply(ui.ctx());
            self.applied_theme = Some(theme);
            // This frame's root Ui was made with the old style.
            ui.set_style(ui.ctx().global_style());
        }
    }

    /// The caret blinks while the user is active and stands still after
    /// [`CARET_BLINK_TIME`] without input.
    pub(super) fn settle_caret(&mut self) {
        let ctx = &self.ctx;
        // egui's clock: the same in a real window and in tests.
        let now = ctx.input(|i| i.time);
        if ctx.input(|i| !i.events.is_empty() || i.pointer.is_moving()) {
            self.last_input = now;
        }
        let since = Duration::from_secs_f64((now - self.last_input).max(0.0));
        let blink = since < CARET_BLINK_TIME;
        // Without a focused field no caret blinks: no frame is needed.
        let caret_shows = self.field_has_keys();
        if ctx.global_style().visuals.text_cursor.blink != blink {
            ctx.all_styles_mut(|style| style.visuals.text_cursor.blink = blink);
            if caret_shows {
                // Drawn once more: steady and visible.
                ctx.request_repaint();
            }
        }
        if blink && caret_shows {
            ctx.request_repaint_after(CARET_BLINK_TIME - since);
        }
    }

    /// The window's title: the open article's, when one is open.
    pub(super) fn show_title(&mut self, article_title: Option<String>) {
        let title = match article_title {
            Some(title) => format!("{title} — Marginalia"),
            None => "Marginalia".to_owned(),
        };
        if title != self.shown_title {
            self.ctx
                .send_viewport_cmd(egui::ViewportCommand::Title(title.clone()));
            self.shown_title = title;
        }
    }

    /// A frame begins: the startup timeline says when the text was shown.
    pub(super) fn begin_frame(&mut self) {
        self.launch.report_text_presented();
    }

    /// A frame was drawn, with the article's text (`text_painted`) or not.
    pub(super) fn report_launch(&mut self, text_painted: bool) {
        self.launch.report_frame(&self.ctx, text_painted);
    }
}
