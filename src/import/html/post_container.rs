//! A post's own container, for when Readability takes a list of links (a
//! blog's sidebar of categories) for the article: a short post — a line
//! and a picture — scores lower than a long sidebar, but blogs and CMSs
//! mark where a post's text is (`entry-content`, `post-body`, schema.org's
//! `articleBody`), and that is the article when it holds text that is not
//! mostly links. A page that names no such container has its text where
//! most of its paragraphs' own text is (a video page's three-paragraph
//! description beside a footer of links).

use std::collections::HashSet;

use dom_query::{Document as HtmlDocument, NodeRef};

use super::super::page::PageHead;
use super::kept_asides::{KeptAsides, name_words};
use super::titled_article::TitledStory;

/// Where blogs and CMSs put a post's text, most telling first.
pub(super) const POST_SELECTORS: &[&str] = &[
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
pub(super) const MOSTLY_LINKS: f32 = 0.5;

/// The least paragraph text (not in links) a container holds to be taken
/// when the page names none.
const LEAST_PARAGRAPH_CHARS: usize = 80;

/// Where a page's machinery is, not its text: a container inside one of
/// these is never taken for the post.
const MACHINERY: &[&str] = &[
    "foot", "nav", "header", "aside", "menu", "sidebar", "comment", "share", "related", "banner",
    "promo",
];

/// Where the article is when Readability's is not it, taken from the page
/// before Readability reads it: the post's container, and the story the
/// page is titled for among several.
pub(super) struct OtherArticles {
    fallback: PostFallback,
    titled: Option<TitledStory>,
}

impl OtherArticles {
    pub fn of(
        page: &HtmlDocument,
        title_element: &str,
        head: &PageHead,
        asides: &KeptAsides,
    ) -> Self {
        let mut fallback = PostFallback::of(page);
        fallback.post = fallback.post.map(|post| asides.restore(&post));
        let titles: Vec<&str> = [Some(title_element), head.og_title.as_deref()]
            .into_iter()
            .flatten()
            .collect();
        Self {
            fallback,
            titled: TitledStory::of(page, &titles),
        }
    }

    /// Readability's article (`content`, its asides put back), unless it
    /// was misread (see [`PostFallback::unless_misread`])
    /// or holds a story other than the one the page is titled for.
    pub fn unless_misread(self, content: &str, asides: &KeptAsides) -> HtmlDocument {
        let content = HtmlDocument::from(asides.restore(content));
        let content = self.fallback.unless_misread(content);
        match self.titled {
            Some(story) if story.is_not_alone_in(&content.root().text()) => {
                HtmlDocument::from(asides.restore(&story.html))
            }
            _ => content,
        }
    }
}

/// The post's container and where the page's machinery is, taken from
/// the page before Readability reads it (it gives back its article without
/// the elements around it).
pub(super) struct PostFallback {
    /// The post's container (its HTML), when the page has one.
    pub post: Option<String>,
    /// The ids of the elements in the page's sidebars (a blog's profile
    /// box).
    sidebar_ids: HashSet<String>,
}

impl PostFallback {
    pub fn of(page: &HtmlDocument) -> Self {
        let sidebar_ids = page
            .select("[id]")
            .nodes()
            .iter()
            .filter(|node| in_sidebar(node))
            .filter_map(|node| node.attr("id").map(|id| id.to_string()))
            .collect();
        Self {
            post: post_container_html(page),
            sidebar_ids,
        }
    }

    /// Readability's article, or the post's container when the article is
    /// a list of links, the page's foot, or an element of its sidebar
    /// (Readability falls back on the longest text it saw when no
    /// candidate is long enough).
    pub fn unless_misread(self, article: HtmlDocument) -> HtmlDocument {
        let misread = || {
            link_density(&article.root()) > MOSTLY_LINKS
                || article
                    .select("#readability-page-1 > *")
                    .nodes()
                    .first()
                    .is_some_and(|top| is_page_foot(top) || self.is_in_sidebar(top))
        };
        match &self.post {
            Some(post) if misread() => HtmlDocument::from(post.as_str()),
            _ => article,
        }
    }

    fn is_in_sidebar(&self, element: &NodeRef<'_>) -> bool {
        element
            .attr("id")
            .is_some_and(|id| self.sidebar_ids.contains(id.as_ref()))
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
/// mostly links; else the element whose own paragraphs hold the most text
/// outside links.
fn post_container_html(page: &HtmlDocument) -> Option<String> {
    named_post_container(page).or_else(|| paragraphs_container(page))
}

fn named_post_container(page: &HtmlDocument) -> Option<String> {
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

/// The element whose child paragraphs hold the most text outside links,
/// outside the page's machinery (footers, navigation, sidebars, comments).
fn paragraphs_container(page: &HtmlDocument) -> Option<String> {
    let mut text_by_parent: Vec<(NodeRef<'_>, usize)> = Vec::new();
    let paragraphs = page.select("p");
    for paragraph in paragraphs.nodes() {
        let Some(parent) = paragraph.parent() else {
            continue;
        };
        let chars = paragraph.text().trim().chars().count();
        let own = (chars as f32 * (1.0 - link_density(paragraph))) as usize;
        match text_by_parent
            .iter_mut()
            .find(|(node, _)| node.id == parent.id)
        {
            Some((_, sum)) => *sum += own,
            None => text_by_parent.push((parent, own)),
        }
    }
    text_by_parent.retain(|(node, chars)| *chars >= LEAST_PARAGRAPH_CHARS && !in_machinery(node));
    let (best, _) = text_by_parent.into_iter().max_by_key(|(_, chars)| *chars)?;
    Some(best.html().to_string())
}

/// Whether an element is a sidebar, a widget or an `<aside>`, or inside
/// one (by its tag or a word of its class or id: `sidebar2`,
/// `widget-area`), nearer than the page's main part (`<main>`, `<article>`,
/// `role=main`: a layout's `st-sidebar__main` holds the article) and below
/// its body (a body's `right-sidebar` says only where the sidebar is).
fn in_sidebar(node: &NodeRef<'_>) -> bool {
    const SIDE: &[&str] = &["sidebar", "sidebars", "widget", "widgets"];
    for element in std::iter::once(*node).chain(node.ancestors_it(None)) {
        let tag = element.node_name().map(|n| n.to_ascii_lowercase());
        let tag = tag.as_deref().unwrap_or_default();
        let main = matches!(tag, "main" | "article" | "body" | "html")
            || element
                .attr("role")
                .is_some_and(|role| role.as_ref() == "main");
        if main {
            return false;
        }
        let side = tag == "aside"
            || name_words(&element)
                .iter()
                .any(|word| SIDE.contains(&word.trim_end_matches(|c: char| c.is_ascii_digit())));
        if side {
            return true;
        }
    }
    false
}

/// Whether an element is part of the page's machinery or inside it (by
/// its tag, class or id).
pub(super) fn in_machinery(node: &NodeRef<'_>) -> bool {
    std::iter::once(*node)
        .chain(node.ancestors_it(None))
        .any(|element| is_machinery(&element))
}

/// Whether an element is the page's foot or navigation: its tag, or a
/// word of its class or id.
fn is_page_foot(element: &NodeRef<'_>) -> bool {
    const FOOT: &[&str] = &["footer", "foot", "nav", "navigation", "menu", "copyright"];
    let tag = element
        .node_name()
        .is_some_and(|n| matches!(n.as_ref(), "footer" | "nav"));
    tag || name_words(element)
        .iter()
        .any(|word| FOOT.contains(&word.as_str()))
}

/// Whether an element's tag, class or id says it is page machinery.
fn is_machinery(element: &NodeRef<'_>) -> bool {
    let name = element.node_name().map(|n| n.to_ascii_lowercase());
    let names = [
        name.unwrap_or_default(),
        element
            .attr("class")
            .map(|c| c.to_ascii_lowercase())
            .unwrap_or_default(),
        element
            .attr("id")
            .map(|c| c.to_ascii_lowercase())
            .unwrap_or_default(),
    ];
    names
        .iter()
        .any(|said| MACHINERY.iter().any(|m| said.contains(m)))
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

    #[test]
    fn a_page_foot_is_told_by_its_tag_or_a_word_of_its_name() {
        let page = HtmlDocument::from(
            "<html><body><div id='blq-foot'></div><footer></footer><nav></nav>\
             <div id='contentWithSidebar'></div><div class='gigya-share-btns'></div>\
             <div class='footnotes'></div></body></html>",
        );
        let feet: Vec<bool> = page
            .select("body > *")
            .nodes()
            .iter()
            .map(is_page_foot)
            .collect();
        assert_eq!(feet, [true, true, true, false, false, false]);
    }

    #[test]
    fn a_sidebar_is_told_below_the_body_and_outside_the_main_part() {
        let page = HtmlDocument::from(
            "<html><body class='right-sidebar'><p id='a'></p>\
             <div id='sidebar2'><p id='b'></p></div><aside><p id='c'></p></aside>\
             <div class='st-sidebar__container'><div role='main'><p id='d'></p></div></div>\
             <div class='widget-area'><p id='e'></p></div></body></html>",
        );
        let sides: Vec<bool> = ["#a", "#b", "#c", "#d", "#e"]
            .iter()
            .map(|id| in_sidebar(&page.select(id).nodes()[0]))
            .collect();
        assert_eq!(sides, [false, true, true, false, true]);
    }
}
