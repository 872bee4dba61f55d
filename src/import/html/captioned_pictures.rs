//! Captioned pictures named as figures in the article Readability found:
//! Wikipedia's thumbnails and WordPress's `wp-caption` boxes become
//! `<figure>`s, their captions `<figcaption>`s, so the walk reads each as
//! a picture with its caption, not a paragraph.

use dom_query::{Document as HtmlDocument, NodeRef};

/// The classes of captioned pictures and of their captions.
pub(super) const CAPTIONED_PICTURE_CLASSES: &[&str] =
    &["thumb", "wp-caption", "thumbcaption", "wp-caption-text"];

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
/// figure, whose text outside the caption is not read).
fn is_captioned_picture(node: &NodeRef<'_>) -> bool {
    node.node_name().is_some_and(|n| n.as_ref() == "div")
        && (node.has_class("thumb") || node.has_class("wp-caption"))
        && !node
            .descendants_it()
            .any(|d| is_paragraph_of_text(&d) && !is_picture_caption(&d))
}

/// A `<p>` with text (Readability wraps a picture standing among blocks
/// in a `<p>` of its own).
fn is_paragraph_of_text(node: &NodeRef<'_>) -> bool {
    node.node_name().is_some_and(|n| n.as_ref() == "p") && !node.text().trim().is_empty()
}

fn is_picture_caption(node: &NodeRef<'_>) -> bool {
    node.has_class("thumbcaption") || node.has_class("wp-caption-text")
}
