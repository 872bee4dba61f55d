//! A post's own container, for when Readability takes a list of links (a
//! blog's sidebar of categories) for the article: a short post — a line
//! and a picture — scores lower than a long sidebar, but blogs and CMSs
//! mark where a post's text is (`entry-content`, `post-body`, schema.org's
//! `articleBody`), and that is the article when it holds text that is not
//! mostly links.

use dom_query::{Document as HtmlDocument, NodeRef};

/// Where blogs and CMSs put a post's text, most telling first.
const POST_SELECTORS: &[&str] = &[
    "[itemprop=articleBody]",
    ".entry-content",
    ".entry-body",
    ".post-body",
    ".post-content",
    ".article-body",
    ".article-content",
];

/// The least text a post's container holds to be taken.
const LEAST_POST_CHARS: usize = 20;

/// An article whose text is more than this share links is a list of them.
const MOSTLY_LINKS: f32 = 0.5;

/// Readability's article, or the post's container (`post`, its HTML) when
/// the article is a list of links.
pub(super) fn unless_mostly_links(article: HtmlDocument, post: Option<String>) -> HtmlDocument {
    match post {
        Some(post) if link_density(&article.root()) > MOSTLY_LINKS => HtmlDocument::from(post),
        _ => article,
    }
}

/// The share of an element's text that is inside links.
pub(super) fn link_density(root: &NodeRef<'_>) -> f32 {
    let all = root.text().chars().filter(|c| !c.is_whitespace()).count();
    if all == 0 {
        return 0.0;
    }
    let linked: usize = root
        .descendants_it()
        .filter(|node| node.node_name().is_some_and(|name| name.as_ref() == "a"))
        .filter(|link| {
            !link
                .ancestors_it(None)
                .any(|a| a.node_name().is_some_and(|n| n.as_ref() == "a"))
        })
        .map(|link| link.text().chars().filter(|c| !c.is_whitespace()).count())
        .sum();
    linked as f32 / all as f32
}

/// The page's post container (its HTML): the first kind of container the
/// page has, the one of them with the most text, when that text is not
/// mostly links.
pub(super) fn post_container_html(page: &HtmlDocument) -> Option<String> {
    POST_SELECTORS.iter().find_map(|selector| {
        let matches = page.select(selector);
        let nodes = matches.nodes();
        let largest = nodes
            .iter()
            .max_by_key(|node| node.text().chars().count())?;
        let enough = largest.text().trim().chars().count() >= LEAST_POST_CHARS;
        (enough && link_density(largest) < MOSTLY_LINKS).then(|| largest.html().to_string())
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_posts_container_is_found_and_a_list_of_links_is_mostly_links() {
        let page = HtmlDocument::from(
            "<html><body><ul class='categories'><li><a href='/a'>Animals</a></li>\
             <li><a href='/b'>Art History</a></li></ul>\
             <div class='entry'><h3>Fall Leaf Bunting</h3><div class='entry-content'>\
             <p>Simple As That shares this easy fall leaf bunting.</p></div></div></body></html>",
        );
        let post = post_container_html(&page).expect("the post's container");
        assert!(post.contains("Simple As That"), "{post}");
        let list = page.select("ul");
        assert!(link_density(&list.nodes()[0]) > MOSTLY_LINKS);
        let content = page.select(".entry-content");
        assert!(link_density(&content.nodes()[0]) < 0.1);
        let bare = HtmlDocument::from("<html><body><p>No container here.</p></body></html>");
        assert_eq!(post_container_html(&bare), None);
    }
}
