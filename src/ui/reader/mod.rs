//! The reader: a custom widget over a whole [`Document`].
//!
//! Blocks are laid out with `LayoutJob`s, and only the blocks inside the
//! viewport are laid out and painted; the heights of the others are estimated
//! from their length and replaced by measured heights once seen. Ranges
//! (the selection, highlights) are painted as rectangles under the text, row
//! by row. One interaction rect maps the pointer to a char offset in the
//! document's canonical text.
//!
//! Rooms: `look` (typography), `list_room` (lists set in for wide
//! numbers), `heights` (the height model), `layout`
//! (laying out the visible blocks), `input` (pointer and reader commands),
//! `cursor` (moving through the text), `caret` (caret browsing), `paint`,
//! `highlights` (what is painted under the text), `pictures` (figures'
//! pictures, decoded near the view by `picture_decode`), `table` (tables in
//! aligned columns), `table_scroll` (wide tables scrolled sideways) and
//! `accessibility`.

mod accessibility;
mod caret;
mod cursor;
mod heights;
mod highlights;
mod hyphenated;
mod input;
mod layout;
mod line_breaks;
mod list_room;
mod look;
mod paint;
mod picture_decode;
mod picture_runs;
mod pictures;
mod remote_pictures;
mod table;
mod table_scroll;

pub use cursor::{CursorMove, whole_words};
pub use highlights::{PaintedHighlights, ReaderHighlight, accessible_label};
pub use layout::append_styled;
pub use look::{READER_GLYPHS, bullet};
pub use picture_decode::{DecodedPicture, decode_picture};

use std::cell::RefCell;
use std::ops::Range;

use eframe::egui::{self, Rect, Response, Ui};

use crate::document::Document;

use super::theme::Palette;
use heights::BlockHeights;
use list_room::ListRoom;
use pictures::PictureShelf;
use table_scroll::TableScroll;

/// What the reader reports of a frame.
#[derive(Debug)]
pub struct ReaderOutput {
    pub response: Response,
    /// A primary click (no drag, no Shift) landed on this char offset.
    pub clicked_at_char: Option<usize>,
    /// A secondary click landed on this char offset.
    pub secondary_clicked_at_char: Option<usize>,
    /// The primary click was on a letter, not on the blank beside a line
    /// (a link is followed only then).
    pub clicked_on_letter: bool,
    /// Where on screen the selection ends, when it is visible and not being dragged.
    pub selection_end: Option<Rect>,
}

/// How the reader sets type: chosen by the user, passed in every frame.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct ReaderStyle {
    /// Body text size in points.
    pub font_size: f32,
    /// About how many characters a line of body text holds.
    pub measure_chars: f32,
    pub palette: Palette,
    /// The face, the spacing and justification of body text.
    pub text: crate::ui::text_settings::TextSettings,
    /// Which of egui's fonts draw the faces (changed when an installed
    /// face is read): text set in the same face is as long only in the same fonts.
    pub fonts_generation: u64,
}

/// A selection: `anchor_char` is where it started, `cursor_char` where it
/// ends now (char offsets in the canonical text; equal for a caret).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Selection {
    pub anchor_char: usize,
    pub cursor_char: usize,
}

impl Selection {
    pub fn caret(at_char: usize) -> Self {
        Self {
            anchor_char: at_char,
            cursor_char: at_char,
        }
    }

    pub fn range(self) -> Range<usize> {
        self.anchor_char.min(self.cursor_char)..self.anchor_char.max(self.cursor_char)
    }

    pub fn is_empty(self) -> bool {
        self.anchor_char == self.cursor_char
    }
}

/// What the keyboard asks of the reader (listed in the command table).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum ReaderCommand {
    LineDown,
    LineUp,
    PageDown,
    PageUp,
    Top,
    Bottom,
    SelectAll,
    Copy,
    /// Collapse the selection to a caret at its moving end.
    CollapseSelection,
    /// Move the selection's moving end.
    Extend(CursorMove),
    /// Move the caret (caret browsing).
    MoveCaret(CursorMove),
    /// Caret browsing on or off (F7).
    ToggleCaret,
}

/// Caret browsing: whether the arrow keys move a caret in the text.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
pub enum CaretBrowsing {
    /// Never turned off: the first arrow key pressed in the page turns it on.
    #[default]
    Untouched,
    On,
    /// Turned off with F7: the arrow keys scroll.
    Off,
}

/// Where to scroll next frame.
#[derive(Clone, Copy, Debug, PartialEq)]
enum ScrollRequest {
    /// Put the block holding this char offset at the top.
    ToChar(usize),
    /// Bring the block holding this char offset into view, a quarter down,
    /// unless it is in view already.
    Reveal(usize),
    /// An absolute scroll offset in points.
    ToOffset(f32),
}

/// The reader widget's state.
#[derive(Debug, Default)]
pub struct Reader {
    heights: BlockHeights,
    selection: Option<Selection>,
    scroll_request: Option<ScrollRequest>,
    offset_y: f32,
    viewport_height: f32,
    /// Height of everything the scroll area holds.
    content_height: f32,
    /// How far an arrow key scrolls, in points.
    line_step: f32,
    top_char: usize,
    /// The char offset at the bottom of the window (the text read so far).
    bottom_char: usize,
    /// Whether the last laid-out frame showed the document (for timing).
    has_painted: bool,
    /// Caret browsing: a caret in the text that the arrow keys move.
    caret_browsing: CaretBrowsing,
    /// Where up and down keep the caret, in points from the column's left.
    caret_x: Option<f32>,
    /// The style and measure the last frame was laid out with.
    typeset: Option<(ReaderStyle, f32)>,
    /// The first word in view last frame (where a new caret appears).
    first_word_char: Option<usize>,
    /// The chars of the blocks shown last frame.
    chars_in_view: Range<usize>,
    /// Where the drag under way started, when it snaps to words.
    drag_origin_char: Option<usize>,
    /// A page step with the caret on: the caret goes to the first word in
    /// view once the page has moved (as in Firefox).
    caret_to_view: bool,
    pictures: PictureShelf,
    /// How much further in list items are set for their lists' widest
    /// numbers (worked out once a document, asked while laying out).
    list_room: RefCell<ListRoom>,
    /// How far each table wider than the measure is scrolled sideways.
    table_scroll: TableScroll,
    /// Where the reader was when it followed links inside the article,
    /// the latest last (Back returns there).
    link_history: Vec<usize>,
}

impl Reader {
    pub fn new() -> Self {
        Self::default()
    }

    /// Resets the widget for a newly opened document, scrolled to `position_char`.
    pub fn reset(&mut self, position_char: usize) {
        *self = Self {
            // The scroll area keeps its offset between documents: always set it.
            scroll_request: Some(ScrollRequest::ToChar(position_char)),
            top_char: position_char,
            caret_browsing: self.caret_browsing,
            ..Self::default()
        };
    }

    /// Whether caret browsing is on (F7).
    pub fn caret_browsing(&self) -> bool {
        self.caret_browsing == CaretBrowsing::On
    }

    /// Caret browsing, with whether the user turned it off.
    pub fn caret_mode(&self) -> CaretBrowsing {
        self.caret_browsing
    }

    pub fn set_caret_mode(&mut self, mode: CaretBrowsing) {
        self.caret_browsing = mode;
    }

    /// Whether the arrow keys move the caret (or turn it on): caret
    /// browsing is on, or was never turned off.
    pub fn arrows_move_caret(&self) -> bool {
        self.caret_browsing != CaretBrowsing::Off
    }

    /// The page's widget id: it takes the keyboard focus while the caret
    /// is on (a screen reader follows the caret); while it has the focus,
    /// no text field has the keys.
    pub fn page_id() -> egui::Id {
        egui::Id::unique("reader-page")
    }

    pub fn selection(&self) -> Option<Selection> {
        self.selection
    }

    /// Whether some text is selected (not just a caret).
    pub fn has_selection(&self) -> bool {
        self.selection.is_some_and(|s| !s.is_empty())
    }

    pub fn set_selection(&mut self, selection: Option<Selection>) {
        self.selection = selection;
    }

    /// How far the view is scrolled, in points.
    pub fn scroll_offset(&self) -> f32 {
        self.offset_y
    }

    /// The char offset of the first block at the top of the window: the reading position.
    pub fn top_char(&self) -> usize {
        self.top_char
    }

    /// How far through the text the reader is: the share of it above the
    /// bottom of the window (1.0 at the end).
    pub fn progress(&self, document: &Document) -> f32 {
        let chars = document.char_count();
        if chars == 0 {
            return 1.0;
        }
        self.bottom_char.min(chars) as f32 / chars as f32
    }

    /// Whether a frame with the document's text has been painted.
    pub fn has_painted(&self) -> bool {
        self.has_painted
    }

    /// Follows a link inside the article to `offset_char`; Back returns.
    pub fn follow_link_to(&mut self, offset_char: usize) {
        self.link_history.push(self.top_char);
        self.scroll_to_char(offset_char);
    }

    /// Returns to where the last link was followed; false when none was.
    pub fn go_back(&mut self) -> bool {
        match self.link_history.pop() {
            Some(offset_char) => {
                self.scroll_to_char(offset_char);
                true
            }
            None => false,
        }
    }

    pub fn can_go_back(&self) -> bool {
        !self.link_history.is_empty()
    }

    pub fn scroll_to_char(&mut self, offset_char: usize) {
        self.table_scroll.reveal(offset_char);
        self.scroll_request = Some(ScrollRequest::ToChar(offset_char));
    }

    /// The char a jump asked for and not yet made (the view is laid out
    /// to make it), if any.
    pub fn jump_target_char(&self) -> Option<usize> {
        match self.scroll_request {
            Some(ScrollRequest::ToChar(at) | ScrollRequest::Reveal(at)) => Some(at),
            _ => None,
        }
    }

    /// Brings a char offset into view (a quarter down the window) if it is not.
    pub fn reveal_char(&mut self, offset_char: usize) {
        self.table_scroll.reveal(offset_char);
        self.scroll_request = Some(ScrollRequest::Reveal(offset_char));
    }

    /// The selected text, if any.
    pub fn selected_text(&self, document: &Document) -> Option<String> {
        let range = self.selection?.range();
        (!range.is_empty()).then(|| document.text_between(range.start, range.end))
    }

    /// Shows the document; returns the reader's response.
    pub fn ui(
        &mut self,
        ui: &mut Ui,
        document: &Document,
        style: &ReaderStyle,
        highlights: &[ReaderHighlight],
        matches: &[ReaderHighlight],
    ) -> ReaderOutput {
        self.line_step = 3.0 * ui.text_style_height(&egui::TextStyle::Body);
        let place_before = (self.top_char, self.bottom_char);
        let mut scroll_area = egui::ScrollArea::vertical()
            .id_salt("reader")
            .auto_shrink(false)
            .animated(false);
        if let Some(y) = self.take_scroll_target(document) {
            scroll_area = scroll_area.vertical_scroll_offset(y);
        }
        let output = scroll_area.show_viewport(ui, |ui, viewport| {
            self.content_ui(ui, viewport, document, style, [highlights, matches])
        });
        self.offset_y = output.state.clamped_offset().y;
        self.viewport_height = output.inner_rect.height();
        if self.is_jumping() || (self.top_char, self.bottom_char) != place_before {
            // Heights not known yet, or the status bar (drawn before the
            // page) shows the place of the frame before: one more frame.
            ui.ctx().request_repaint();
        }
        output.inner
    }

    /// Whether a jump to a char waits for the heights it needs.
    fn is_jumping(&self) -> bool {
        matches!(
            self.scroll_request,
            Some(ScrollRequest::ToChar(_) | ScrollRequest::Reveal(_))
        )
    }

    /// Blocks above the view grew (or shrank) once measured by `shift`
    /// points: the view moves with them, so nothing on screen jumps. A jump
    /// to a char still pending is left alone: it is resolved against the
    /// measured heights.
    fn keep_view_after_measuring(&mut self, offset_y: f32, shift: f32) {
        self.scroll_request = match self.scroll_request {
            jump @ Some(ScrollRequest::ToChar(_) | ScrollRequest::Reveal(_)) => jump,
            Some(ScrollRequest::ToOffset(y)) => Some(ScrollRequest::ToOffset(y + shift)),
            // The scroll area's own offset: it may have been restored from
            // the last run while this widget was new.
            None => Some(ScrollRequest::ToOffset(offset_y + shift)),
        };
    }

    /// The scroll offset a pending request asks for this frame, if any; a
    /// request for a char waits until the heights are known.
    fn take_scroll_target(&mut self, document: &Document) -> Option<f32> {
        let max = (self.content_height - self.viewport_height).max(0.0);
        let known = !self.heights.tops.is_empty();
        let target = match self.scroll_request? {
            // Within bounds, so the scroll area has nothing to spring back from.
            ScrollRequest::ToOffset(y) => Some(y.clamp(0.0, max)),
            ScrollRequest::ToChar(offset) if known => document.block_at(offset).map(|block| {
                if block == 0 {
                    0.0
                } else {
                    self.heights.tops[block].min(max)
                }
            }),
            ScrollRequest::Reveal(offset) if known => document.block_at(offset).and_then(|block| {
                let (top, bottom) = (self.heights.tops[block], self.heights.tops[block + 1]);
                let visible = self.offset_y..self.offset_y + self.viewport_height;
                let in_view =
                    visible.contains(&top) && visible.contains(&bottom.min(visible.end - 1.0));
                (!in_view).then(|| (top - self.viewport_height / 4.0).clamp(0.0, max))
            }),
            _ => return None,
        };
        self.scroll_request = None;
        target
    }
}
