//! Where a highlight is drawn: the annotations of the open article turned
//! into coloured ranges for the reader to paint, rebuilt only when the
//! annotations, the theme or the emphasised one change.

use std::ops::Range;

use eframe::egui::Color32;
use uuid::Uuid;

use crate::annotate::{Annotation, HighlightStyle};
use crate::store::AnnotationStore;
use crate::ui::theme::{ThemeChoice, highlight_paint};

/// A coloured range painted under the text (highlights, find matches).
/// The reader takes them sorted by `chars.start`.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct ReaderHighlight {
    /// Chars of the canonical text.
    pub chars: Range<usize>,
    pub color: Color32,
    /// A line under the text instead of a fill.
    pub underline: bool,
    /// A small mark at the end: the highlight has a note.
    pub marker: bool,
    /// Outlined: the highlight being edited, or one just jumped to.
    pub emphasis: bool,
    /// What a screen reader says of it; `None` for find matches.
    pub label: Option<String>,
}

/// What the painted highlights were built for.
#[derive(Clone, Copy, Debug, PartialEq)]
struct PaintKey {
    revision: u64,
    theme: ThemeChoice,
    emphasis: Option<Uuid>,
}

/// The open article's highlights as the reader paints them.
#[derive(Debug, Default)]
pub struct PaintedHighlights {
    highlights: Vec<ReaderHighlight>,
    key: Option<PaintKey>,
}

impl PaintedHighlights {
    /// Rebuilds the highlights if the annotations (their `revision`, unique
    /// across documents), the theme or the emphasised annotation changed.
    pub fn refresh(
        &mut self,
        store: &AnnotationStore,
        revision: u64,
        theme: ThemeChoice,
        emphasis: Option<Uuid>,
    ) {
        let key = PaintKey {
            revision,
            theme,
            emphasis,
        };
        if self.key == Some(key) {
            return;
        }
        let palette = theme.palette();
        self.highlights = store
            .annotations()
            .into_iter()
            .filter_map(|(annotation, resolution)| {
                let underline = annotation.style == HighlightStyle::Underline;
                Some(ReaderHighlight {
                    chars: resolution.range.clone()?,
                    color: highlight_paint(annotation.color, &palette, underline),
                    underline,
                    marker: !annotation.note.trim().is_empty(),
                    emphasis: emphasis == Some(annotation.id),
                    label: Some(accessible_label(annotation)),
                })
            })
            .collect();
        self.highlights
            .sort_by_key(|h| (h.chars.start, h.chars.end));
        self.key = Some(key);
    }

    /// The highlights to paint, sorted by start.
    pub fn highlights(&self) -> &[ReaderHighlight] {
        &self.highlights
    }
}

/// What a screen reader says of a highlight: colour, quote, note, tags.
pub fn accessible_label(annotation: &Annotation) -> String {
    let style = match annotation.style {
        HighlightStyle::Highlight => "highlight",
        HighlightStyle::Underline => "underline",
    };
    let mut label = format!(
        "{} {style}: \u{201C}{}\u{201D}",
        annotation.color.name(),
        annotation.anchor.exact
    );
    if !annotation.note.trim().is_empty() {
        let note = crate::import::markdown_plain_text(&annotation.note);
        label.push_str(&format!(". Note: {}", note.replace('\n', " ")));
    }
    if !annotation.tags.is_empty() {
        label.push_str(&format!(". Tags: {}", annotation.tags.join(", ")));
    }
    label
}
