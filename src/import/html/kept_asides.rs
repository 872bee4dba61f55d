//! What Readability would delete inside an article is kept — classified,
//! never deleted: a related-stories list, a newsletter or share box, an
//! `<aside>` becomes furniture (shown muted), a gallery its figures with
//! their captions and its machinery ("1 of 24", "Full Screen", "Close")
//! furniture, each where it stood. Before Readability reads the page each
//! is swapped for a marker paragraph (too short to count in its scoring);
//! the markers that end up in its article are swapped back, wrapped so
//! that the walk mutes them. What lay outside the article goes with the
//! rest of the page, as before.

use std::collections::HashSet;

use dom_query::{Document as HtmlDocument, NodeId, NodeRef};

/// The class the walk mutes (`Walker`): what it holds becomes furniture.
pub(super) const MUTED_CLASS: &str = "marginalia-muted";

/// Words of a class or id that name an aside to the article.
const ASIDE_WORDS: &[&str] = &[
    "related",
    "recommended",
    "recommendations",
    "promo",
    "newsletter",
    "outbrain",
    "taboola",
    "trending",
    "mostread",
    "morestories",
    "readmore",
    "share",
    "sharing",
    "social",
];

/// Words of a class or id that name a gallery of pictures.
const GALLERY_WORDS: &[&str] = &["gallery", "slideshow", "carousel", "slider", "lightbox"];

/// An aside with more long paragraphs than this is the article's own text
/// (a wrapper named "social-article"), not an aside.
const MOST_LONG_PARAGRAPHS: usize = 2;

/// Marker paragraphs are `<p>` + `MARK_OPEN` + index + `MARK_CLOSE` + `</p>`
/// (private-use chars: never in a page's text).
const MARK_OPEN: char = '\u{E000}';
const MARK_CLOSE: char = '\u{E001}';

/// What was taken out of the page (its HTML), by marker index.
#[derive(Debug, Default)]
pub(super) struct KeptAsides {
    kept: Vec<String>,
}

/// Swaps the page's asides and galleries for markers (outside its header,
/// footer and navigation, which are not the article's).
pub(super) fn take_asides(page: &HtmlDocument) -> KeptAsides {
    let page_text = paragraph_chars(&page.root());
    let mut taken: Vec<NodeRef<'_>> = Vec::new();
    let mut taken_ids = HashSet::new();
    let mut embeds: Vec<NodeRef<'_>> = Vec::new();
    let embed_boxes = embedded_post_boxes(page);
    for node in page.root().descendants_it() {
        if embed_boxes.contains(&node.id) {
            embeds.push(node);
            continue;
        }
        if !is_aside(&node) {
            continue;
        }
        // Half the page's paragraphs are the article, whatever its name.
        if paragraph_chars(&node) * 2 > page_text {
            continue;
        }
        let inside_taken = node.ancestors_it(None).any(|a| taken_ids.contains(&a.id));
        if !inside_taken && !in_page_frame(&node) {
            taken_ids.insert(node.id);
            taken.push(node);
        }
    }
    // A post the article quotes (a tweet) is the article's, though its box
    // is named "social" or "com-embed": named plainly, Readability keeps
    // it (and it is not taken for an aside).
    for embed in embeds {
        embed.remove_attr("class");
        embed.remove_attr("id");
    }
    let mut kept = KeptAsides::default();
    for node in taken {
        let index = kept.kept.len();
        kept.kept.push(node.html().to_string());
        node.replace_with_html(format!("<p>{MARK_OPEN}{index}{MARK_CLOSE}</p>"));
    }
    kept
}

impl KeptAsides {
    /// The article's HTML with each marker in it swapped back for what it
    /// stood for, wrapped to be muted.
    pub(super) fn restore(&self, article: &str) -> String {
        if self.kept.is_empty() {
            return article.to_owned();
        }
        let mut restored = String::with_capacity(article.len());
        let mut rest = article;
        while let Some(open) = rest.find(MARK_OPEN) {
            restored.push_str(&rest[..open]);
            let after = &rest[open + MARK_OPEN.len_utf8()..];
            let Some(close) = after.find(MARK_CLOSE) else {
                rest = after;
                continue;
            };
            let index = after[..close].parse::<usize>().ok();
            if let Some(html) = index.and_then(|i| self.kept.get(i)) {
                restored.push_str(&format!("<div class=\"{MUTED_CLASS}\">{html}</div>"));
            }
            rest = &after[close + MARK_CLOSE.len_utf8()..];
        }
        restored.push_str(rest);
        restored
    }
}

/// Whether an element is an aside to the article or a gallery.
fn is_aside(node: &NodeRef<'_>) -> bool {
    // Blocks only: a share button or a span inside a paragraph is the
    // paragraph's (a marker there would split it).
    let tag = node
        .node_name()
        .map(|n| n.to_ascii_lowercase())
        .unwrap_or_default();
    if !matches!(
        tag.as_str(),
        "aside" | "div" | "section" | "ul" | "ol" | "dl" | "table"
    ) {
        return false;
    }
    let words = name_words(node);
    let named = |list: &[&str]| words.iter().any(|w| list.contains(&w.as_str()));
    if !(tag == "aside" || named(ASIDE_WORDS) || named(GALLERY_WORDS)) {
        return false;
    }
    let long_paragraphs = paragraphs(node)
        .filter(|p| p.text().trim().chars().count() > 200)
        .count();
    long_paragraphs <= MOST_LONG_PARAGRAPHS
}

/// Classes of a post embedded from a social network (the `<blockquote>`
/// its script turns into the post).
const EMBEDDED_POST_CLASSES: &[&str] = &[
    "twitter-tweet",
    "instagram-media",
    "tiktok-embed",
    "bluesky-embed",
    "reddit-embed-bq",
    "mastodon-embed",
];

/// An embedded post's box is at most this many elements up from it…
const EMBED_BOX_DEPTH: usize = 4;

/// …each with at most this many elements in it (the post, its caption,
/// its script).
const EMBED_BOX_CHILDREN: usize = 3;

/// The most text an embedded post's box holds besides the post.
const EMBED_BOX_EXTRA_CHARS: usize = 200;

/// The boxes of the posts embedded from a social network (by node id):
/// the elements around each post that hold nothing else but a line or two
/// (a caption, its credit), found from the post up.
fn embedded_post_boxes(page: &HtmlDocument) -> HashSet<NodeId> {
    let mut boxes = HashSet::new();
    for quote in page.select("blockquote").nodes() {
        let embedded = name_words_whole(quote)
            .iter()
            .any(|class| EMBEDDED_POST_CLASSES.contains(&class.as_str()));
        if !embedded {
            continue;
        }
        let own = quote.text().chars().count();
        // A box is a few elements around the post: looked at no higher up,
        // and no wider, so a page of many posts is read in linear time.
        for ancestor in quote.ancestors_it(Some(EMBED_BOX_DEPTH)) {
            let narrow = ancestor
                .children_it(false)
                .filter(NodeRef::is_element)
                .nth(EMBED_BOX_CHILDREN)
                .is_none();
            if !narrow || ancestor.text().chars().count() > own + EMBED_BOX_EXTRA_CHARS {
                break;
            }
            boxes.insert(ancestor.id);
        }
    }
    boxes
}

/// The classes of an element, whole, in lower case.
fn name_words_whole(node: &NodeRef<'_>) -> Vec<String> {
    node.attr("class")
        .map(|c| {
            c.to_ascii_lowercase()
                .split_whitespace()
                .map(str::to_owned)
                .collect()
        })
        .unwrap_or_default()
}

/// How much text an element's paragraphs hold, in chars.
pub(super) fn paragraph_chars(node: &NodeRef<'_>) -> usize {
    paragraphs(node)
        .map(|p| p.text().trim().chars().count())
        .sum()
}

/// The `<p>` elements inside an element.
pub(super) fn paragraphs<'a>(node: &NodeRef<'a>) -> impl Iterator<Item = NodeRef<'a>> {
    node.descendants_it()
        .filter(|d| d.node_name().is_some_and(|n| n.eq_ignore_ascii_case("p")))
}

/// The names of an element's classes and its id, in lower case, without
/// its state flags ("hasnt-bio"): what it says it is for.
pub(super) fn names_of(node: &NodeRef<'_>) -> Vec<String> {
    [node.attr("class"), node.attr("id")]
        .into_iter()
        .flatten()
        .flat_map(|said| {
            said.split_whitespace()
                .filter(|name| !is_state_flag(name))
                .map(str::to_ascii_lowercase)
                .collect::<Vec<_>>()
        })
        .collect()
}

/// The words of an element's class and id, in lower case.
pub(super) fn name_words(node: &NodeRef<'_>) -> Vec<String> {
    names_of(node)
        .iter()
        .flat_map(|name| words_of_name(name).map(str::to_owned))
        .collect()
}

/// Words that open a class saying what an element has or is, not what it
/// is for ("hasnt-bio", "has-related", "is-sharing", "no-social").
const STATE_WORDS: &[&str] = &["has", "hasnt", "is", "isnt", "no", "not", "without", "with"];

/// Whether a class is a state flag: "hasnt-bio" on a byline says that it
/// holds no author's bio.
fn is_state_flag(name: &str) -> bool {
    let mut words = words_of_name(name);
    words
        .next()
        .is_some_and(|first| STATE_WORDS.iter().any(|w| first.eq_ignore_ascii_case(w)))
        && words.next().is_some()
}

/// The words of a class or id, as written: its parts between what is not
/// a letter or digit ("image-box" is "image", "box"; "articleImage" one).
pub(super) fn words_of_name(name: &str) -> impl Iterator<Item = &str> {
    name.split(|c: char| !c.is_ascii_alphanumeric())
        .filter(|word| !word.is_empty())
}

/// Whether an element is inside the page's header, footer or navigation.
fn in_page_frame(node: &NodeRef<'_>) -> bool {
    node.ancestors_it(None).any(|a| {
        a.node_name()
            .is_some_and(|n| matches!(n.to_ascii_lowercase().as_str(), "header" | "footer" | "nav"))
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn asides_and_galleries_are_swapped_for_markers_and_back() {
        let page = HtmlDocument::from(
            "<html><body><header><div class='share'>Share</div></header><article>\
             <p>Text one.</p><aside class='related-stories'><a href='/a'>Other story</a></aside>\
             <div class='photo-gallery'><figure><img src='a.jpg'><figcaption>One</figcaption></figure></div>\
             <div class='social-article'><p>{long}</p><p>{long}</p><p>{long}</p></div>\
             </article></body></html>"
                .replace("{long}", &"Words of the article itself. ".repeat(10)),
        );
        let kept = take_asides(&page);
        assert_eq!(kept.kept.len(), 2, "{kept:?}");
        let html = page.html().to_string();
        assert!(
            !html.contains("Other story") && !html.contains("figcaption"),
            "{html}"
        );
        assert!(
            html.contains("Share"),
            "the page's header is not the article's"
        );
        assert!(
            html.contains("Words of the article itself"),
            "an aside of long paragraphs is not one"
        );
        let restored = kept.restore(&html);
        assert!(
            restored.contains(&format!("<div class=\"{MUTED_CLASS}\"><aside")),
            "{restored}"
        );
        assert!(
            restored.contains("<figcaption>One</figcaption>"),
            "{restored}"
        );
        assert!(!restored.contains(MARK_OPEN));
    }
}
