//! Where the article ends, when the page says so: a page that names its
//! article's body once (schema.org's `articleBody`, a CMS's
//! `entry-content`) has the article inside that element, and what
//! Readability's article holds after it — the author's bio, a "buy it
//! here" box, a legend of the page's colours — is the page's, muted
//! (trafilatura looks for the same containers first). Only a short tail is
//! muted: when more text follows the named body than a third of what it
//! holds, the name is not where the article ends.

use dom_query::Document as HtmlDocument;

use crate::document::{BlockKind, DocumentBuilder};

use super::post_container::{MOSTLY_LINKS, POST_SELECTORS, link_density};

/// The class the named body is marked with before Readability reads the
/// page (kept in its article; a name without Readability's signal words,
/// so its scoring is unchanged).
pub(super) const NAMED_BODY_CLASS: &str = "marginalia-prose-box";

/// The least text a named body holds to mark where the article ends.
const LEAST_BODY_CHARS: usize = 200;

/// A tail longer than this share of the body's text is not muted.
const MOST_TAIL_SHARE: usize = 3;

/// Marks the page's named article body: the first kind of post container
/// the page has, when it has one element of that kind, not in an aside,
/// navigation or footer, with text that is not mostly links (a wrapper's
/// class naming the layout's sidebar does not count against it). A page
/// with two (a list of posts) names no one body.
pub(super) fn mark_named_body(page: &HtmlDocument) {
    let Some(matches) = POST_SELECTORS
        .iter()
        .map(|selector| page.select(selector))
        .find(|matches| matches.exists())
    else {
        return;
    };
    let nodes = matches.nodes();
    let [body] = nodes else {
        return;
    };
    let is_article = body.text().trim().chars().count() >= LEAST_BODY_CHARS
        && link_density(body) < MOSTLY_LINKS
        && !body.ancestors_it(None).any(|ancestor| {
            ancestor
                .node_name()
                .is_some_and(|name| matches!(name.as_ref(), "aside" | "nav" | "footer"))
        });
    if is_article {
        body.add_class(NAMED_BODY_CLASS);
    }
}

/// Mutes the blocks from `end` (the first after the named body) on when
/// their text not already muted is at most a third of the body's (its
/// blocks from `first`); figures keep their kind.
pub(super) fn mute_after_named_body(builder: &mut DocumentBuilder, first: usize, end: usize) {
    let chars = |range: std::ops::Range<usize>| -> usize {
        range
            .filter(|&index| {
                !matches!(
                    builder.block_kind(index),
                    Some(BlockKind::Figure { .. } | BlockKind::Furniture)
                )
            })
            .filter_map(|index| builder.block_text(index))
            .map(|text| text.chars().filter(|c| !c.is_whitespace()).count())
            .sum()
    };
    let body = chars(first..end);
    let tail = chars(end..builder.block_count());
    if tail > 0 && tail * MOST_TAIL_SHARE <= body {
        builder.mute_from(end);
    }
}
