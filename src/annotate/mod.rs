//! Annotations and their anchors in the canonical text, and re-anchoring
//! them when the text has changed.

pub mod anchoring;
mod fuzzy;
mod history;
mod model;
mod text;
pub mod timestamps;
mod together;
mod versions;

pub use anchoring::{AnchorResolution, resolve_anchor};
pub use history::{Edit, EditHistory, Typing};
pub use model::{
    Anchor, AnchorStatus, Annotation, CONTEXT_CHARS, HighlightColor, HighlightStyle, now, stable_id,
};
pub use text::IndexedText;
pub use together::anchor_all;
pub use versions::EditCounts;
