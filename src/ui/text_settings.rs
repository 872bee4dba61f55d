//! How the reader sets the text, as the reader chose in View ▸ Text: the
//! reading face (bundled, or a family installed on the computer), the space between lines and between paragraphs, and
//! whether lines are justified and words hyphenated. Remembered with the other settings.

use serde::{Deserialize, Serialize};

/// The face body text is set in.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub enum ReadingFace {
    /// The bundled serif (Noto Serif).
    #[default]
    Serif,
    /// The bundled sans serif.
    Sans,
    /// A family installed on the computer (`Settings::installed_face`).
    Installed,
}

impl ReadingFace {
    pub const ALL: [ReadingFace; 2] = [ReadingFace::Serif, ReadingFace::Sans];

    pub fn label(self) -> &'static str {
        match self {
            ReadingFace::Serif => "Serif",
            ReadingFace::Sans => "Sans Serif",
            ReadingFace::Installed => "Installed Face",
        }
    }
}

/// Tighter or looser than the usual.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub enum Spacing {
    Tight,
    #[default]
    Usual,
    Loose,
}

impl Spacing {
    pub const ALL: [Spacing; 3] = [Spacing::Tight, Spacing::Usual, Spacing::Loose];

    /// The distance from one line's baseline to the next, in ems.
    pub fn line_height_em(self) -> f32 {
        match self {
            Spacing::Tight => 1.35,
            Spacing::Usual => 1.55,
            Spacing::Loose => 1.85,
        }
    }

    /// The space after a paragraph, in ems.
    pub fn paragraph_space_em(self) -> f32 {
        match self {
            Spacing::Tight => 0.35,
            Spacing::Usual => 0.85,
            Spacing::Loose => 1.4,
        }
    }

    pub fn line_label(self) -> &'static str {
        match self {
            Spacing::Tight => "Tight Lines",
            Spacing::Usual => "Usual Lines",
            Spacing::Loose => "Loose Lines",
        }
    }

    pub fn paragraph_label(self) -> &'static str {
        match self {
            Spacing::Tight => "Tight Paragraphs",
            Spacing::Usual => "Usual Paragraphs",
            Spacing::Loose => "Loose Paragraphs",
        }
    }
}

/// How body text is set.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(default)]
pub struct TextSettings {
    pub face: ReadingFace,
    pub line_spacing: Spacing,
    pub paragraph_spacing: Spacing,
    /// Lines of paragraphs, quotes and list items set flush at both edges.
    pub justify: bool,
    /// Words of paragraphs, quotes and list items broken at a line's end
    /// with a hyphen (in the article's language, where it has patterns).
    pub hyphenate: bool,
}

impl Default for TextSettings {
    fn default() -> Self {
        Self {
            face: ReadingFace::default(),
            line_spacing: Spacing::default(),
            paragraph_spacing: Spacing::default(),
            justify: false,
            hyphenate: true,
        }
    }
}
