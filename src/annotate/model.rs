//! The annotation model.

use std::ops::Range;

use jiff::Timestamp;
use serde::{Deserialize, Serialize};
use uuid::Uuid;

use super::{EditCounts, IndexedText};

/// How many chars of context an anchor keeps on each side of its quote.
pub const CONTEXT_CHARS: usize = 32;

/// The five highlight colours, chosen to read well in every theme.
#[derive(
    Clone, Copy, Debug, Default, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize,
)]
#[serde(rename_all = "lowercase")]
pub enum HighlightColor {
    #[default]
    Yellow,
    Green,
    Blue,
    Pink,
    Purple,
}

impl HighlightColor {
    pub const ALL: [HighlightColor; 5] = [
        HighlightColor::Yellow,
        HighlightColor::Green,
        HighlightColor::Blue,
        HighlightColor::Pink,
        HighlightColor::Purple,
    ];

    pub fn name(self) -> &'static str {
        match self {
            HighlightColor::Yellow => "yellow",
            HighlightColor::Green => "green",
            HighlightColor::Blue => "blue",
            HighlightColor::Pink => "pink",
            HighlightColor::Purple => "purple",
        }
    }

    /// The colour itself (sRGB), as the reader and exports paint it.
    pub fn rgb(self) -> (u8, u8, u8) {
        match self {
            HighlightColor::Yellow => (0xFF, 0xD2, 0x1F),
            HighlightColor::Green => (0x5C, 0xCB, 0x6A),
            HighlightColor::Blue => (0x5A, 0xA6, 0xFF),
            HighlightColor::Pink => (0xFF, 0x7A, 0xB0),
            HighlightColor::Purple => (0xB0, 0x86, 0xFF),
        }
    }

    pub fn from_name(name: &str) -> Option<Self> {
        Self::ALL
            .into_iter()
            .find(|c| c.name().eq_ignore_ascii_case(name))
    }
}

#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum HighlightStyle {
    #[default]
    Highlight,
    Underline,
}

/// Where an annotation sits: W3C Web Annotation's position and quote
/// selectors together. Offsets are chars of the canonical text.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Anchor {
    pub start_char: usize,
    pub end_char: usize,
    pub exact: String,
    pub prefix: String,
    pub suffix: String,
}

impl Anchor {
    /// The anchor of a char range of `text`, with up to 32 chars of context.
    pub fn from_range(text: &IndexedText<'_>, range: Range<usize>) -> Self {
        let end = range.end.min(text.char_len());
        let start = range.start.min(end);
        Anchor {
            start_char: start,
            end_char: end,
            exact: text.slice(start..end).to_owned(),
            prefix: text
                .slice(start.saturating_sub(CONTEXT_CHARS)..start)
                .to_owned(),
            suffix: text.slice(end..end + CONTEXT_CHARS).to_owned(),
        }
    }

    pub fn range(&self) -> Range<usize> {
        self.start_char..self.end_char
    }
}

/// How an annotation was found in the current text (never stored).
#[derive(Clone, Copy, Debug, PartialEq)]
pub enum AnchorStatus {
    /// At its recorded position.
    Anchored,
    /// Its exact quote, found elsewhere.
    Moved,
    /// An approximate match of its quote; the score is 0–1.
    Fuzzy { score: f32 },
    /// Not found: kept, listed, never deleted unless the user deletes it.
    Orphaned,
}

impl AnchorStatus {
    pub fn name(self) -> &'static str {
        match self {
            AnchorStatus::Anchored => "anchored",
            AnchorStatus::Moved => "moved",
            AnchorStatus::Fuzzy { .. } => "fuzzy",
            AnchorStatus::Orphaned => "orphaned",
        }
    }
}

/// A highlight with its note and tags.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Annotation {
    pub id: Uuid,
    pub created: Timestamp,
    pub modified: Timestamp,
    pub anchor: Anchor,
    pub color: HighlightColor,
    pub style: HighlightStyle,
    /// Markdown text.
    pub note: String,
    pub tags: Vec<String>,
    /// Which edits this version has seen, per device: a merge keeps both
    /// versions when neither has seen the other's edits.
    pub edit_counts: EditCounts,
    /// Fields a newer Marginalia wrote that this one does not know, each
    /// as its name and its RON text: kept, and written back unchanged.
    pub unknown_fields: Vec<(String, String)>,
}

impl Annotation {
    /// A new highlight of `range` in `text`, created now.
    pub fn new(text: &IndexedText<'_>, range: Range<usize>, color: HighlightColor) -> Self {
        let now = now();
        Annotation {
            id: Uuid::new_v4(),
            created: now,
            modified: now,
            anchor: Anchor::from_range(text, range),
            color,
            style: HighlightStyle::Highlight,
            note: String::new(),
            tags: Vec::new(),
            edit_counts: EditCounts::default(),
            unknown_fields: Vec::new(),
        }
    }
}

/// A UUID that is the same every time for the same parts: for annotations
/// that arrive without an id, or that must leave an id they share.
pub fn stable_id(parts: &[&str]) -> Uuid {
    use sha2::Digest as _;
    let mut hasher = sha2::Sha256::new();
    for part in parts {
        hasher.update((part.len() as u64).to_le_bytes());
        hasher.update(part.as_bytes());
    }
    let digest = hasher.finalize();
    let mut bytes = [0u8; 16];
    bytes.copy_from_slice(&digest[..16]);
    uuid::Builder::from_random_bytes(bytes).into_uuid()
}

impl Annotation {
    /// Whether two annotations say the same thing: quote, note, tags, colour
    /// and style (not when, nor exactly where).
    pub fn same_content(&self, other: &Annotation) -> bool {
        self.anchor.exact == other.anchor.exact
            && self.note == other.note
            && self.tags == other.tags
            && self.color == other.color
            && self.style == other.style
    }

    /// The id this annotation takes when its own is taken by another one.
    pub fn id_when_colliding(&self) -> Uuid {
        let id = self.id.to_string();
        let tags = self.tags.join("\u{1F}");
        stable_id(&["collision", &id, &self.anchor.exact, &self.note, &tags])
    }
}

/// The current time at millisecond precision, as stored.
pub fn now() -> Timestamp {
    let now = Timestamp::now();
    Timestamp::from_millisecond(now.as_millisecond()).unwrap_or(now)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn anchor_keeps_32_chars_of_context() {
        let text = "x".repeat(40) + "QUOTE" + &"y".repeat(40);
        let indexed = IndexedText::new(&text);
        let anchor = Anchor::from_range(&indexed, 40..45);
        assert_eq!(anchor.exact, "QUOTE");
        assert_eq!(anchor.prefix, "x".repeat(32));
        assert_eq!(anchor.suffix, "y".repeat(32));
        let at_start = Anchor::from_range(&indexed, 0..3);
        assert_eq!(at_start.prefix, "");
    }
}
