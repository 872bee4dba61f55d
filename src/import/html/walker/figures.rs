//! Pictures in the walk: an `<img>` is part of the `<figure>` being read,
//! an icon read as its alt text, or a figure of its own.

use dom_query::NodeRef;

use crate::document::{DocumentBuilder, Picture, StyledSpan};

use crate::import::inline::collapse;

use super::Walker;

/// What a `<figure>` holds so far.
#[derive(Default)]
pub(super) struct FigureParts {
    pub(super) pictures: Vec<Picture>,
    /// How many caption elements the walk is inside.
    pub(super) caption_depth: usize,
    pub(super) caption: Option<(String, Vec<StyledSpan>)>,
}

/// A picture smaller than this (either side, in pixels) is an icon: its
/// alt text reads inline.
const ICON_PX: u32 = 48;

/// A picture this thin (either side, in pixels) or thinner is a spacer or
/// a rule, not a picture.
const SPACER_PX: u32 = 4;

impl Walker<'_> {
    /// An `<img>`: part of the figure being read, an icon read as its alt
    /// text, or a figure of its own.
    pub(super) fn picture(&mut self, node: &NodeRef<'_>, builder: &mut DocumentBuilder) {
        let src = ["src", "data-src", "data-original"]
            .iter()
            .find_map(|name| node.attr(name).filter(|v| !v.trim().is_empty()))
            .map(|v| v.trim().to_owned())
            .unwrap_or_default();
        let alt = node.attr("alt").map(|a| collapse(&a)).unwrap_or_default();
        let size = |name: &str| {
            node.attr(name)
                .and_then(|v| v.trim().trim_end_matches("px").parse::<u32>().ok())
        };
        let declared_size_px = size("width").zip(size("height")).map(|(w, h)| [w, h]);
        // A picture a few pixels thin is a spacer or a rule drawn as a
        // picture ("line", 464 × 2): its alt text is not the page's text.
        if declared_size_px.is_some_and(|[w, h]| w.min(h) <= SPACER_PX) {
            return;
        }
        let icon = declared_size_px.is_some_and(|[w, h]| w < ICON_PX || h < ICON_PX);
        if icon || is_emoticon(node, &alt) {
            self.inline.push_text(&alt);
            return;
        }
        if src.is_empty() {
            return;
        }
        let picture = Picture {
            source: self.pictures.resolve(&src),
            src,
            alt,
            declared_size_px,
        };
        match &mut self.figure {
            Some(figure) => figure.pictures.push(picture),
            None => {
                self.flush(builder);
                let caption = caption_from_alt(&picture.alt);
                builder.push_figure(picture, &caption, Vec::new());
            }
        }
    }

    /// The end of a `<figure>`: its pictures, its caption under the last.
    pub(super) fn end_figure(&mut self, builder: &mut DocumentBuilder) {
        let Some(mut figure) = self.figure.take() else {
            return;
        };
        // A figure's caption is its `<figcaption>`; its alt text stands in
        // for the picture (in the placeholder), it is not a caption.
        let last = figure.pictures.pop();
        for picture in figure.pictures {
            builder.push_figure(picture, "", Vec::new());
        }
        if let Some(picture) = last {
            let (caption, spans) = figure.caption.unwrap_or_default();
            builder.push_figure(picture, &caption, spans);
        }
    }
}

/// A smiley set as a picture in a sentence (WordPress's `wp-smiley`, an
/// emoji's picture, an alt text of ":)" or "😀"): read as its alt text in
/// the sentence, not as a figure cutting it in two.
fn is_emoticon(node: &NodeRef<'_>, alt: &str) -> bool {
    let classed = node.attr("class").is_some_and(|class| {
        class.split_whitespace().any(|name| {
            let name = name.to_ascii_lowercase();
            name.contains("smiley") || name == "emoji"
        })
    });
    let chars = alt.chars().count();
    let face = chars <= 4 && alt.starts_with([':', ';', '=']);
    let symbols = (1..=8).contains(&chars)
        && alt
            .chars()
            .all(|c| !c.is_alphanumeric() && !c.is_whitespace() && !c.is_ascii_punctuation());
    classed || face || symbols
}

/// Whether an element holds an `<img>` (searched without recursion).
pub(super) fn holds_picture(node: &NodeRef<'_>) -> bool {
    let mut stack = vec![*node];
    while let Some(node) = stack.pop() {
        for child in node.children() {
            if child.is_element() {
                if child
                    .node_name()
                    .is_some_and(|n| n.eq_ignore_ascii_case("img"))
                {
                    return true;
                }
                stack.push(child);
            }
        }
    }
    false
}

/// An alt text as a caption: a file-like label ("Illo1", "IMG_2041") says
/// nothing to a reader and is not shown.
fn caption_from_alt(alt: &str) -> String {
    let label_like = !alt.contains(' ') && alt.chars().any(|c| c.is_ascii_digit());
    if label_like {
        String::new()
    } else {
        alt.to_owned()
    }
}
