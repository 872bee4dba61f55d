//! Captioned pictures named as figures in the article Readability found:
//! Wikipedia's thumbnails, WordPress's `wp-caption` boxes and a site's
//! own picture boxes (a `<div class="image-box">` holding one picture and
//! its caption's paragraph) become `<figure>`s, their captions
//! `<figcaption>`s, so the walk reads each as a picture with its caption,
//! not a paragraph.

use dom_query::{Document as HtmlDocument, NodeRef};

use crate::import::inline::collapse;

use super::kept_asides::words_of_name;

/// The classes of captioned pictures and of their captions.
pub(super) const CAPTIONED_PICTURE_CLASSES: &[&str] = &[
    "thumb",
    "wp-caption",
    "thumbcaption",
    "wp-caption-text",
    PICTURE_BOX,
    PICTURE_BOX_CAPTION,
];

/// The classes a site's own picture box and its caption are marked with
/// before Readability reads the page (it keeps only the classes named).
const PICTURE_BOX: &str = "marginalia-picture-box";
const PICTURE_BOX_CAPTION: &str = "marginalia-picture-caption";

/// The words of a picture box's class name ("image-box", "article_photo",
/// "imageWrapper"): one of these, or one beginning with the first three.
const PICTURE_WORDS: &[&str] = &["image", "photo", "picture", "img", "foto", "bild"];

/// A picture box's text (its caption and credit) is at most this many chars.
const PICTURE_BOX_CHARS: usize = 400;

/// The most nodes of a box looked at (its elements, and the text and
/// white space between them).
const PICTURE_BOX_NODES: usize = 96;

/// Wikipedia's thumbnails and WordPress's captioned pictures
/// (`wp-caption`) named as figures, their captions (`thumbcaption`,
/// `wp-caption-text`) as captions — in the article Readability found, not
/// before it reads the page: a caption's `<p>` renamed would tip its
/// weighing of a list holding captioned pictures ("more pictures than
/// paragraphs") and lose the list's text.
pub(super) fn name_captioned_pictures(content: &HtmlDocument) {
    let mut figures = Vec::new();
    let mut captions = Vec::new();
    for node in content.root().descendants_it() {
        if is_captioned_picture(&node) {
            figures.push(node);
        } else if is_picture_caption(&node)
            && node.ancestors_it(None).any(|a| {
                a.node_name().is_some_and(|n| n.as_ref() == "figure") || is_captioned_picture(&a)
            })
        {
            captions.push(node);
        }
    }
    for node in figures {
        node.rename("figure");
    }
    for node in captions {
        node.rename("figcaption");
    }
}

/// A `<div>` of a captioned picture's class holding no paragraph of text
/// but its caption (a post's head named "thumb" holds its excerpt: not a
/// figure, whose text outside the caption is not read), or a picture box
/// marked before Readability read the page (its short text beside the
/// caption, a credit, may have become a paragraph since: Readability turns
/// a `<div>` of text into one).
fn is_captioned_picture(node: &NodeRef<'_>) -> bool {
    node.node_name().is_some_and(|n| n.as_ref() == "div")
        && (node.has_class(PICTURE_BOX)
            || (node.has_class("thumb") || node.has_class("wp-caption"))
                && !node
                    .descendants_it()
                    .any(|d| is_paragraph_of_text(&d) && !is_picture_caption(&d)))
}

/// A `<p>` with text (Readability wraps a picture standing among blocks
/// in a `<p>` of its own).
fn is_paragraph_of_text(node: &NodeRef<'_>) -> bool {
    node.node_name().is_some_and(|n| n.as_ref() == "p") && !node.text().trim().is_empty()
}

fn is_picture_caption(node: &NodeRef<'_>) -> bool {
    node.has_class("thumbcaption")
        || node.has_class("wp-caption-text")
        || node.has_class(PICTURE_BOX_CAPTION)
}

/// Marks, before Readability reads the page, each site's own picture box:
/// a `<div>` whose class names a picture ("image-box", "article-photo"),
/// holding one picture, no figure, heading, list or table, at most
/// [`PICTURE_BOX_CHARS`] of text and one paragraph of it — its caption,
/// marked too. A box with no paragraph is left as it is (its text is not
/// known to be a caption).
pub(super) fn mark_picture_boxes(page: &HtmlDocument) {
    let boxes: Vec<(NodeRef<'_>, NodeRef<'_>)> = page
        .root()
        .descendants_it()
        .filter(|node| {
            node.node_name().is_some_and(|n| n.as_ref() == "div") && names_a_picture(node)
        })
        .filter_map(|node| picture_box_caption(&node).map(|caption| (node, caption)))
        .collect();
    for (picture_box, caption) in boxes {
        picture_box.add_class(PICTURE_BOX);
        caption.add_class(PICTURE_BOX_CAPTION);
        move_credits_into(&picture_box, &caption);
    }
}

/// The text a picture box holds beside its caption and its picture (a
/// credit, "(Credit: Dan Farber/CNET)") moved to the caption's end: a
/// figure's text outside its caption is not read, and no word of the page
/// is lost. Text the caption holds already (a credit printed twice) stays
/// where it is.
fn move_credits_into(picture_box: &NodeRef<'_>, caption: &NodeRef<'_>) {
    let caption_text = collapse(&caption.text());
    for child in picture_box
        .children()
        .into_iter()
        .filter(NodeRef::is_element)
    {
        let text = collapse(&child.text());
        let holds_caption =
            child.id == caption.id || child.descendants_it().any(|d| d.id == caption.id);
        let holds_picture = child.node_name().is_some_and(|n| n.as_ref() == "img")
            || child
                .descendants_it()
                .any(|d| d.node_name().is_some_and(|n| n.as_ref() == "img"));
        if text.is_empty() || holds_caption || holds_picture || caption_text.contains(&text) {
            continue;
        }
        caption.append_child(&caption.tree.new_text(" "));
        caption.append_child(&child);
    }
}

/// Whether an element's class names a picture.
fn names_a_picture(node: &NodeRef<'_>) -> bool {
    node.class().is_some_and(|class| {
        words_of_name(&class)
            .flat_map(split_camel_case)
            .any(|word| {
                let word = word.to_ascii_lowercase();
                PICTURE_WORDS
                    .iter()
                    .enumerate()
                    .any(|(at, picture)| word == *picture || (at < 3 && word.starts_with(picture)))
            })
    })
}

/// "imageWrapper" as "image", "Wrapper".
fn split_camel_case(name: &str) -> impl Iterator<Item = &str> {
    let mut starts: Vec<usize> = name
        .char_indices()
        .filter(|&(at, c)| at > 0 && c.is_ascii_uppercase())
        .map(|(at, _)| at)
        .collect();
    starts.insert(0, 0);
    starts.push(name.len());
    (0..starts.len() - 1).map(move |i| &name[starts[i]..starts[i + 1]])
}

/// A picture box's caption: its one paragraph of text, when the box holds
/// one picture and nothing but short text beside it.
fn picture_box_caption<'a>(node: &NodeRef<'a>) -> Option<NodeRef<'a>> {
    let mut pictures = 0;
    let mut paragraphs = Vec::new();
    let mut stack = vec![*node];
    let mut looked_at = 0;
    while let Some(element) = stack.pop() {
        // Child by child (not the list of them: a box of 100,000 is given
        // up after the first few).
        let mut next = element.first_child();
        while let Some(child) = next {
            next = child.next_sibling();
            looked_at += 1;
            if looked_at > PICTURE_BOX_NODES {
                return None;
            }
            if !child.is_element() {
                continue;
            }
            let name = child.node_name()?;
            match name.as_ref() {
                "img" => pictures += 1,
                "figure" | "figcaption" | "h1" | "h2" | "h3" | "h4" | "h5" | "h6" | "ul" | "ol"
                | "table" | "blockquote" | "video" | "iframe" => return None,
                "p" if !child.text().trim().is_empty() => paragraphs.push(child),
                _ => stack.push(child),
            }
        }
    }
    let short = node.text().chars().filter(|c| !c.is_whitespace()).count() <= PICTURE_BOX_CHARS;
    (pictures == 1 && paragraphs.len() == 1 && short).then(|| paragraphs[0])
}

#[cfg(test)]
mod tests {
    use super::*;

    fn names_a_picture_in(class: &str) -> bool {
        let page = dom_query::Document::from(format!("<div class=\"{class}\">x</div>").as_str());
        let div = page.select("div").nodes()[0];
        names_a_picture(&div)
    }

    #[test]
    fn a_class_names_a_picture_by_a_whole_word_or_its_beginning() {
        for class in [
            "image-box",
            "articleImage",
            "photo_wrapper",
            "imagewrap",
            "bild",
            "story img",
        ] {
            assert!(names_a_picture_in(class), "{class}");
        }
        for class in [
            "bildung",
            "imgur-embed",
            "sidebar",
            "pictogram",
            "fotonachweis",
        ] {
            assert!(!names_a_picture_in(class), "{class}");
        }
    }
}
