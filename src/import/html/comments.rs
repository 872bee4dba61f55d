//! A page's comment thread, told from its article: WordPress's
//! `#comments` and `.commentlist`, Disqus's `#disqus_thread`, and the
//! like, by their ids and classes; comments side by side with no thread
//! around them (two or more `.comment`s or `.commentbody`s); and where a
//! thread's name marks only a heading, the heading and what follows it. A short post beside a long thread would
//! otherwise lose to it (Readability scores the thread's many paragraphs
//! higher). The thread is taken out of the page before the article is
//! found and walked after it as muted furniture — classified, never
//! deleted.

use dom_query::{Document as HtmlDocument, NodeRef};

use crate::document::DocumentBuilder;

use super::parse_html;
use super::walker::Walker;

/// Ids and classes (lowercase, `_` read as `-`) that name a comment thread.
const THREAD_NAMES: &[&str] = &[
    "comments",
    "comment-list",
    "commentlist",
    "comments-list",
    "comments-area",
    "comments-section",
    "comment-section",
    "the-comments",
    "post-comments",
    "article-comments",
    "dsq-comments",
    "disqus-thread",
    "respond",
    "comment-respond",
];

/// Classes (lowercase, `_` read as `-`) that name one comment: a run of
/// two or more side by side is a thread without a container of its own
/// (Movable Type's `commentbody`s under a "Comments" heading).
const COMMENT_NAMES: &[&str] = &["comment", "commentbody", "comment-item", "single-comment"];

/// The most text a heading that marks a thread holds ("Comments", "9
/// Responses to “…”").
const MARKER_CHARS: usize = 120;

/// Text the page must keep outside its threads for them to be taken out
/// (a page that is only a thread is read as it is).
const LEAST_ARTICLE_CHARS: usize = 80;

fn names_a_thread(name: &str) -> bool {
    let name = name.to_ascii_lowercase().replace('_', "-");
    THREAD_NAMES.contains(&name.as_str())
}

/// One comment of a run of them side by side.
fn is_comment_of_a_run(node: &NodeRef<'_>) -> bool {
    let names_a_comment = |node: &NodeRef<'_>| {
        node.is_element()
            && node.class().is_some_and(|c| {
                c.split_whitespace().any(|name| {
                    let name = name.to_ascii_lowercase().replace('_', "-");
                    COMMENT_NAMES.contains(&name.as_str())
                })
            })
    };
    names_a_comment(node)
        && node.parent().is_some_and(|parent| {
            parent
                .children_it(false)
                .filter(|sibling| names_a_comment(sibling))
                .nth(1)
                .is_some()
        })
}

/// A thread, or a comment of a run of them outside any thread.
fn is_taken(node: &NodeRef<'_>) -> bool {
    node.is_element() && (is_thread(node) || is_comment_of_a_run(node))
}

fn is_thread(node: &NodeRef<'_>) -> bool {
    let by_id = node.attr("id").is_some_and(|id| names_a_thread(id.trim()));
    by_id
        || node
            .class()
            .is_some_and(|c| c.split_whitespace().any(names_a_thread))
}

/// Takes the page's comment threads out of it (the outermost of each),
/// unless too little text would be left outside them: their HTML, to be
/// walked after the article.
pub(super) fn take_comments(page: &HtmlDocument) -> Vec<String> {
    let threads: Vec<Vec<NodeRef<'_>>> = page
        .root()
        .descendants_it()
        .filter(is_taken)
        .filter(|node| !node.ancestors_it(None).any(|a| is_taken(&a)))
        .map(|node| comments_after_heading(&node).unwrap_or_else(|| vec![node]))
        .collect();
    if threads.is_empty() {
        return Vec::new();
    }
    let thread_chars: usize = threads
        .iter()
        .flatten()
        .map(|node| node.text().chars().count())
        .sum();
    let body = page.body().unwrap_or_else(|| page.root());
    if body.text().chars().count().saturating_sub(thread_chars) < LEAST_ARTICLE_CHARS {
        return Vec::new();
    }
    threads
        .into_iter()
        .map(|nodes| {
            let html: String = nodes.iter().map(|node| node.html().to_string()).collect();
            for node in nodes {
                node.remove_from_parent();
            }
            html
        })
        .collect()
}

/// Where a thread's name marks only a heading ("<h2><a id="comments">
/// </a>Comments</h2>", the comments below it with no container of their
/// own): the heading and everything after it in its parent.
fn comments_after_heading<'a>(marker: &NodeRef<'a>) -> Option<Vec<NodeRef<'a>>> {
    let is_heading = |node: &NodeRef<'_>| {
        node.node_name()
            .is_some_and(|name| matches!(name.as_ref(), "h1" | "h2" | "h3" | "h4" | "h5" | "h6"))
    };
    let heading = std::iter::once(*marker)
        .chain(marker.ancestors_it(Some(2)))
        .find(is_heading)?;
    // A heading's words, not a thread's.
    if heading.text().chars().count() > MARKER_CHARS {
        return None;
    }
    let mut nodes = vec![heading];
    let mut next = heading.next_sibling();
    while let Some(node) = next {
        next = node.next_sibling();
        nodes.push(node);
    }
    (nodes.len() > 1).then_some(nodes)
}

/// The comment threads (their HTML) walked after the article, muted.
pub(super) fn push_threads(
    threads: Vec<String>,
    walker: &mut Walker<'_>,
    builder: &mut DocumentBuilder,
) {
    for thread in threads {
        let first = builder.block_count();
        let thread = parse_html(&thread);
        walker.walk(&thread.root(), builder);
        walker.flush(builder);
        builder.mute_from(first);
    }
}

#[cfg(test)]
mod tests {
    #[test]
    fn threads_are_named_by_their_ids_and_classes() {
        let page = super::HtmlDocument::from(
            "<html><body><article><p>A short post of a few words, enough to be an article.</p>\
             <p>Another sentence of the post itself, long enough.</p></article>\
             <div id=\"comments\"><ol class=\"commentlist\"><li>Great post!</li></ol></div>\
             <div class=\"comments_popup_link\">5 comments</div></body></html>",
        );
        let threads = super::take_comments(&page);
        assert_eq!(threads.len(), 1);
        assert!(threads[0].contains("Great post!"));
        assert!(!page.html().contains("Great post!"));
        assert!(
            page.html().contains("5 comments"),
            "a link to the comments is not a thread"
        );
    }
}
