//! The page room: the reader in the middle, the annotations panel on the
//! right, the outline on the left, the highlights as painted, and which
//! highlight is open, made last or outlined for a moment. It owns them;
//! what a click on the page means (a link, a highlight, several
//! overlapping ones) it turns into commands, or hands back.

use std::time::{Duration, Instant};

use eframe::egui::{self, Rect, Response, Ui};
use uuid::Uuid;

use crate::store::AnnotationStore;

use super::command::{Command, Situation};
use super::keymap::shortcut_text;
use super::outline::outline_ui;
use super::panel::{PanelState, panel_ui};
use super::popups::OverlapChoice;
use super::reader::{PaintedHighlights, Reader, ReaderHighlight, ReaderOutput, ReaderStyle};
use super::reading_pace::ReadingPace;
use super::settings::Settings;
use super::view_context::ViewContext;
use super::widgets::command_button_ui;

/// The fewest characters a line of text keeps when panels are open.
pub(super) const MIN_LINE_CHARS: f32 = 45.0;
/// The narrowest the side panels get before they float over the text.
const PANEL_MIN: f32 = 240.0;
const OUTLINE_MIN: f32 = 160.0;
/// How long a highlight jumped to stays outlined.
const FLASH: Duration = Duration::from_millis(1_200);

/// A highlight outlined for a moment after a jump to it.
#[derive(Clone, Copy, Debug)]
struct Flash {
    id: Uuid,
    since: Instant,
}

/// What the page did this frame that other rooms act on.
pub(super) struct PageOutput {
    /// The reader's response: its context menu is drawn from it.
    pub(super) response: Response,
    /// Overlapping highlights clicked: the user picks one.
    pub(super) choice: Option<OverlapChoice>,
    /// The highlights under a right click.
    pub(super) context_target: Option<Vec<Uuid>>,
    /// Where the selection ends on screen, while text is selected.
    pub(super) selection_end: Option<Rect>,
}

pub(super) struct Page {
    reader: Reader,
    painted: PaintedHighlights,
    panel: PanelState,
    /// The highlight open in the panel.
    selected: Option<Uuid>,
    /// The highlight made last (N writes its note).
    last_made: Option<Uuid>,
    flash: Option<Flash>,
    /// How fast the reader reads, as measured.
    pace: ReadingPace,
}

/// How the reader draws the text, from the settings.
pub(super) fn reader_style(view: &ViewContext<'_>) -> ReaderStyle {
    let settings = view.settings;
    ReaderStyle {
        font_size: settings.font_size,
        measure_chars: settings.line_width.chars(),
        palette: settings.theme.palette(),
        text: settings.text,
        fonts_generation: view.fonts_generation,
    }
}

impl Page {
    pub(super) fn new(settings: &Settings) -> Self {
        let mut reader = Reader::new();
        reader.set_caret_mode(settings.caret);
        Self {
            reader,
            painted: PaintedHighlights::default(),
            panel: PanelState::default(),
            selected: None,
            last_made: None,
            flash: None,
            pace: ReadingPace::remembering(settings.reading_pace),
        }
    }

    pub(super) fn pace(&self) -> &ReadingPace {
        &self.pace
    }

    pub(super) fn reader(&self) -> &Reader {
        &self.reader
    }

    pub(super) fn reader_mut(&mut self) -> &mut Reader {
        &mut self.reader
    }

    /// The highlight open in the panel.
    pub(super) fn selected(&self) -> Option<Uuid> {
        self.selected
    }

    /// The highlight a note would be written on: the open one, else the
    /// one just made.
    pub(super) fn note_target(&self) -> Option<Uuid> {
        self.selected.or(self.last_made)
    }

    /// Opens a highlight in the panel (or none).
    pub(super) fn select(&mut self, id: Option<Uuid>) {
        self.selected = id;
        if id.is_some() {
            self.panel.reveal = id;
        }
    }

    /// The note's field takes the keys.
    pub(super) fn focus_note(&mut self) {
        self.panel.focus_note = true;
    }

    /// A highlight was made of the selection.
    pub(super) fn made(&mut self, id: Uuid) {
        self.last_made = Some(id);
        self.reader.set_selection(None);
    }

    /// A highlight was made of a find match: it opens, outlined.
    pub(super) fn made_of_match(&mut self, id: Uuid) {
        self.selected = Some(id);
        self.last_made = Some(id);
        self.flash = Some(Flash {
            id,
            since: Instant::now(),
        });
    }

    /// A highlight is gone (deleted, or undone).
    pub(super) fn forget(&mut self, id: Uuid) {
        if self.selected == Some(id) {
            self.selected = None;
        }
    }

    /// The article is closed.
    pub(super) fn forget_document(&mut self) {
        self.pace.restart();
        self.selected = None;
        self.last_made = None;
    }

    /// Scrolls a highlight into view and outlines it for a moment.
    pub(super) fn reveal(&mut self, id: Uuid, store: Option<&AnnotationStore>) {
        let start = store
            .and_then(|s| s.resolution(id))
            .and_then(|r| r.range.clone())
            .map(|r| r.start);
        if let Some(start) = start {
            self.reader.reveal_char(start);
        }
        self.flash = Some(Flash {
            id,
            since: Instant::now(),
        });
        self.panel.reveal = Some(id);
    }

    /// Opens a highlight in the panel, scrolled to and outlined.
    pub(super) fn jump_to(&mut self, id: Uuid, store: Option<&AnnotationStore>) {
        self.selected = Some(id);
        self.reveal(id, store);
    }

    /// The next (or previous) highlight after the selected one, or after
    /// the top of the window.
    pub(super) fn step_target(&self, store: &AnnotationStore, forward: bool) -> Option<Uuid> {
        let found: Vec<(Uuid, usize)> = store
            .annotations()
            .into_iter()
            .filter_map(|(a, r)| r.range.as_ref().map(|range| (a.id, range.start)))
            .collect();
        let selected = self.selected;
        let from_char = selected
            .and_then(|id| found.iter().find(|(i, _)| *i == id).map(|(_, s)| *s))
            .unwrap_or(self.reader.top_char());
        let target = if forward {
            found
                .iter()
                .find(|(_, s)| *s > from_char || (*s == from_char && selected.is_none()))
        } else {
            found.iter().rev().find(|(_, s)| *s < from_char)
        };
        target.map(|&(id, _)| id)
    }

    /// Ends the outline of a highlight jumped to once its moment is over.
    pub(super) fn expire_flash(&mut self, ctx: &egui::Context) {
        if let Some(flash) = self.flash {
            let elapsed = flash.since.elapsed();
            if elapsed >= FLASH {
                self.flash = None;
            } else {
                ctx.request_repaint_after(FLASH - elapsed);
            }
        }
    }

    /// The annotations panel (right) and the outline (left). They take
    /// room from the text only while a line keeps its [`MIN_LINE_CHARS`];
    /// in a narrower window they float over the text instead.
    pub(super) fn side_panels_ui(
        &mut self,
        ui: &mut Ui,
        view: &ViewContext,
        commands: &mut Vec<Command>,
    ) {
        let Some(open) = view.open else {
            return;
        };
        let (palette, now) = (view.palette, &view.now);
        let text = self
            .reader
            .min_text_width(ui, &reader_style(view), MIN_LINE_CHARS);
        let mut room = ui.available_width() - text;
        if view.settings.show_panel {
            let contents =
                |ui: &mut Ui| panel_ui(ui, open, &mut self.panel, now, &palette, commands);
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
        if view.settings.show_outline {
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

    /// The reader over the open article, or how to open one (a spinner
    /// while one is `opening`).
    pub(super) fn page_ui(
        &mut self,
        ui: &mut Ui,
        view: &ViewContext,
        find_matches: &[ReaderHighlight],
        opening: bool,
        commands: &mut Vec<Command>,
    ) -> Option<PageOutput> {
        let style = reader_style(view);
        let emphasis = self.flash.map(|f| f.id).or(self.selected);
        if let Some(open) = view.open {
            self.painted
                .refresh(open.store(), open.revision(), view.settings.theme, emphasis);
        }
        let mut reader_output = None;
        egui::CentralPanel::default()
            .frame(egui::Frame::new().fill(style.palette.page))
            .show(ui, |ui| match view.open {
                Some(open) => {
                    let page = ui.max_rect();
                    self.pace.observe(self.reader.top_char(), Instant::now());
                    reader_output = Some(self.reader.ui(
                        ui,
                        open.document(),
                        &style,
                        self.painted.highlights(),
                        find_matches,
                    ));
                    if self.reader.can_go_back() {
                        back_chip_ui(ui, page, &view.now, commands);
                    }
                }
                None if opening => {
                    ui.centered_and_justified(|ui| ui.spinner());
                }
                None => open_hint_ui(ui),
            });
        reader_output.map(|output| self.reader_output(ui.ctx(), output, view, commands))
    }

    /// Clicks on links and highlights, and what the popups need.
    fn reader_output(
        &self,
        ctx: &egui::Context,
        output: ReaderOutput,
        view: &ViewContext,
        commands: &mut Vec<Command>,
    ) -> PageOutput {
        let choice = output
            .clicked_at_char
            .and_then(|at| clicked_on_page(ctx, at, &output, view, commands));
        let context_target = output
            .secondary_clicked_at_char
            .zip(view.open)
            .map(|(at, open)| open.annotations_at(at));
        let selection_end = output.selection_end.filter(|_| self.reader.has_selection());
        PageOutput {
            response: output.response,
            choice,
            context_target,
            selection_end,
        }
    }
}

/// How to open an article, where one would show.
fn open_hint_ui(ui: &mut Ui) {
    let open = Command::ShowOpenDialog;
    let keys = shortcut_text(ui.ctx(), &open).unwrap_or_default();
    let hint = format!(
        "Open an article with {} in the File menu ({keys}), or drop a file here.",
        open.info().label
    );
    ui.centered_and_justified(|ui| ui.label(hint));
}

/// A link inside the article goes there (Back returns), another opens in
/// the browser; a highlight opens in the panel; where highlights overlap,
/// the user picks one (returned).
fn clicked_on_page(
    ctx: &egui::Context,
    at_char: usize,
    output: &ReaderOutput,
    view: &ViewContext,
    commands: &mut Vec<Command>,
) -> Option<OverlapChoice> {
    let open = view.open?;
    if output.clicked_on_letter
        && let Some(target) = open.document().link_at(at_char)
    {
        match open.document().internal_target(target) {
            Some(offset_char) => commands.push(Command::FollowLink(offset_char)),
            None => commands.push(Command::OpenLink(target.to_owned())),
        }
        return None;
    }
    let under = open.annotations_at(at_char);
    match under.as_slice() {
        [] => commands.push(Command::SelectAnnotation(None)),
        [only] => commands.push(Command::SelectAnnotation(Some(*only))),
        _ => {
            let pos = output.response.interact_pointer_pos().unwrap_or_default();
            return Some(OverlapChoice {
                at: pos + egui::vec2(8.0, 8.0),
                annotations: under,
                opened_in_pass: ctx.cumulative_pass_nr(),
            });
        }
    }
    None
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
