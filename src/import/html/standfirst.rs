//! The article's standfirst (its deck, lead or "chapo"): the summary a
//! news page sets under its headline, outside the element that holds the
//! story, so Readability leaves it out. It is found by what the page says
//! it is — the text of its own description (`<meta name=description>`,
//! `og:description`, `twitter:description`) — set as an element just
//! under the page's first `<h1>`; never by a site's class names.

use dom_query::{Document as HtmlDocument, NodeRef};

use super::super::page_title::{comparable, titles_name};

/// A standfirst begins within this many chars of text from the start of
/// the headline (the byline, the date and a reading time may come between).
const LEAD_REACH_CHARS: usize = 700;

/// Elements looked at under the headline, at most (a page of a million
/// elements is searched no longer than a small one).
const MOST_ELEMENTS_LOOKED_AT: usize = 400;

/// A standfirst is at most this many nodes (its text, a few links and
/// emphases, ruby readings).
const MOST_LEAD_NODES: usize = 2_000;

/// A standfirst has at least this many letters and digits.
const LEAST_LEAD_CHARS: usize = 30;

/// A kicker before the standfirst has at most this many letters and digits
/// (or a quarter of the description's).
const KICKER_CHARS: usize = 40;

/// A description cut short is matched by its beginning when it keeps at
/// least this many letters and digits.
const LEAST_CUT_DESCRIPTION_CHARS: usize = 60;

/// The standfirst's text, as the page shows it.
#[derive(Debug, PartialEq)]
pub(super) struct Standfirst {
    pub text: String,
    /// Letters and digits the element and the page's description both
    /// have (the shorter of the two).
    shared: String,
}

impl Standfirst {
    /// The element under the page's first `<h1>` whose text is one of the
    /// page's descriptions (or begins with one the page cut short), taken
    /// before Readability reads the page.
    pub fn of(page: &HtmlDocument, descriptions: &[String], titles: &[&str]) -> Option<Self> {
        let descriptions: Vec<Description> = descriptions
            .iter()
            .map(|description| Description::of(description))
            .filter(|description| description.text.chars().count() >= LEAST_LEAD_CHARS)
            .collect();
        if descriptions.is_empty() {
            return None;
        }
        // No element holding more text than this can be a standfirst (a
        // container around the story is not read whole).
        let longest_bytes = descriptions.iter().map(|d| d.text.len()).max()? * 4 + 400;
        let headline = headline_of(page, titles)?;
        let mut chars_seen = 0;
        let mut looked_at = 0;
        for node in following(&headline) {
            if node.is_text() {
                if !in_code(&node) {
                    chars_seen += node.text().chars().filter(|c| !c.is_whitespace()).count();
                }
                if chars_seen > LEAD_REACH_CHARS {
                    return None;
                }
                continue;
            }
            if !is_lead_element(&node) {
                continue;
            }
            looked_at += 1;
            if looked_at > MOST_ELEMENTS_LOOKED_AT {
                return None;
            }
            let Some(text) = text_within(&node, longest_bytes) else {
                continue;
            };
            let shown = comparable(&text);
            if let Some(description) = descriptions.iter().find(|d| is_described(&shown, d)) {
                // What the element and the description both say.
                let shared = if shown.len() <= description.text.len() {
                    shown
                } else {
                    description.text.clone()
                };
                return Some(Self {
                    text: text.split_whitespace().collect::<Vec<_>>().join(" "),
                    shared,
                });
            }
        }
        None
    }

    /// Whether the article's text already holds the standfirst — what it
    /// shares with the description (its container held it, or it is the
    /// first paragraph, a kicker or an author's name apart).
    pub fn is_within(&self, article_text: &str) -> bool {
        comparable(article_text).contains(&self.shared)
    }
}

/// The page's headline: of its first `<h1>`s, the longest its title names
/// (the site's name set as the first `<h1>` is not it, though the title
/// names it too), else the first.
fn headline_of<'a>(page: &'a HtmlDocument, titles: &[&str]) -> Option<NodeRef<'a>> {
    let titles: Vec<String> = titles.iter().map(|title| comparable(title)).collect();
    let headings = page.select("h1").nodes().to_vec();
    let named = headings
        .iter()
        .take(HEADINGS_LOOKED_AT)
        .map(|h1| (h1, comparable(&h1.text())))
        .filter(|(_, heading)| titles_name(&titles, heading))
        .max_by_key(|(_, heading)| heading.len())
        .map(|(h1, _)| h1);
    named.or_else(|| headings.first()).copied()
}

/// The headline is looked for among this many `<h1>`s.
const HEADINGS_LOOKED_AT: usize = 8;

/// The headline's nodes, then every node after it, in document order.
fn following<'a>(headline: &NodeRef<'a>) -> impl Iterator<Item = NodeRef<'a>> {
    std::iter::successors(Some(*headline), |node| {
        node.first_child().or_else(|| next_outside(node))
    })
}

/// The next sibling of `node`, else of its nearest ancestor that has one.
fn next_outside<'a>(node: &NodeRef<'a>) -> Option<NodeRef<'a>> {
    std::iter::once(*node)
        .chain(node.ancestors_it(None))
        .find_map(|n| n.next_sibling())
}

/// An element that can hold a standfirst: a paragraph, a heading below
/// the headline or a box, never a link (a teaser of another story).
fn is_lead_element(node: &NodeRef<'_>) -> bool {
    node.node_name().is_some_and(|name| {
        matches!(
            name.as_ref(),
            "p" | "div" | "h2" | "h3" | "h4" | "section" | "header" | "span" | "strong" | "em"
        )
    }) && !node
        .ancestors_it(None)
        .any(|a| a.node_name().is_some_and(|name| name.as_ref() == "a"))
}

/// The element's text, unless it is longer than `most_bytes` or more than
/// [`MOST_LEAD_NODES`] nodes (counted as they are met, so a container is
/// not read whole).
fn text_within(node: &NodeRef<'_>, most_bytes: usize) -> Option<String> {
    let mut bytes = 0;
    for (count, descendant) in node.descendants_it().enumerate() {
        if count > MOST_LEAD_NODES {
            return None;
        }
        if descendant.is_text() {
            bytes += descendant.text().len();
            if bytes > most_bytes {
                return None;
            }
        }
    }
    Some(node.text().to_string())
}

/// Whether a text node is a script's or a style sheet's.
fn in_code(node: &NodeRef<'_>) -> bool {
    node.parent().is_some_and(|parent| {
        parent.node_name().is_some_and(|name| {
            matches!(name.as_ref(), "script" | "style" | "noscript" | "template")
        })
    })
}

/// Whether text shown (letters and digits) is the description: the same
/// text; or the description with a short kicker before it ("WO MAN SICH
/// TRIFFT Die Zeichen …"); or it begins the description (which goes on
/// into the story); or the description, cut short, begins it.
fn is_described(shown: &str, description: &Description) -> bool {
    let text = description.text.as_str();
    if shown == text {
        return true;
    }
    let shown_chars = shown.chars().count();
    let chars = text.chars().count();
    if shown.ends_with(text) {
        return shown_chars - chars <= KICKER_CHARS.max(chars / 4);
    }
    if shown_chars >= LEAST_CUT_DESCRIPTION_CHARS && text.starts_with(shown) {
        return true;
    }
    let longest = if description.is_cut {
        chars * 3
    } else {
        chars * 3 / 2 + 20
    };
    chars >= LEAST_CUT_DESCRIPTION_CHARS && shown.starts_with(text) && shown_chars <= longest
}

/// A page's description as compared: its letters and digits, and whether
/// it ends in an ellipsis (cut short).
struct Description {
    text: String,
    is_cut: bool,
}

impl Description {
    fn of(description: &str) -> Self {
        let description = without_markup(description);
        let trimmed = description.trim_end();
        Self {
            text: comparable(trimmed),
            is_cut: trimmed.ends_with("...") || trimmed.ends_with('…'),
        }
    }
}

/// A description with the tags some pages leave in it ("<p>Die …</p>")
/// taken out.
fn without_markup(description: &str) -> String {
    let mut text = String::with_capacity(description.len());
    let mut in_tag = false;
    for c in description.chars() {
        match c {
            '<' => in_tag = true,
            '>' if in_tag => in_tag = false,
            _ if !in_tag => text.push(c),
            _ => {}
        }
    }
    text
}

#[cfg(test)]
mod tests {
    use super::*;

    fn standfirst(html: &str, description: &str) -> Option<String> {
        let page = HtmlDocument::from(html);
        Standfirst::of(&page, &[description.to_owned()], &[]).map(|lead| lead.text)
    }

    const LEAD: &str = "The council has voted the harbour's budget, the schools' and the roads' \
                        after a debate that lasted all night.";

    #[test]
    fn a_description_cut_short_or_going_on_matches_its_element() {
        let described = |shown: &str, description: &str| {
            is_described(&comparable(shown), &Description::of(description))
        };
        assert!(described(LEAD, LEAD));
        assert!(described(
            LEAD,
            "The council has voted the harbour's budget, the schools' and the roads' after a…"
        ));
        assert!(described(
            LEAD,
            &format!("{LEAD} It was the longest session in years.")
        ));
        assert!(described(&format!("WHAT TO KNOW {LEAD}"), LEAD));
        // An element holding much more than the description is its container.
        let container = format!("{LEAD} {}", "More of the story follows here. ".repeat(10));
        assert!(!described(&container, LEAD));
        // A short element that begins a long description is not its standfirst.
        assert!(!described("The council", LEAD));
    }

    #[test]
    fn the_standfirst_is_the_element_just_under_the_first_headline() {
        let html = format!(
            "<body><h1>The budget</h1><p><span>By Ann</span></p><p class=x>{LEAD}</p>\
             <div><p>The story.</p></div></body>"
        );
        assert_eq!(standfirst(&html, LEAD).as_deref(), Some(LEAD));
        // Not before the headline, nor a link to another story.
        let before = format!("<body><p>{LEAD}</p><h1>The budget</h1></body>");
        assert_eq!(standfirst(&before, LEAD), None);
        let linked = format!("<body><h1>The budget</h1><a href=/b><span>{LEAD}</span></a></body>");
        assert_eq!(standfirst(&linked, LEAD), None);
        // Nor far below it.
        let far = format!(
            "<body><h1>The budget</h1><p>{}</p><p>{LEAD}</p></body>",
            "Words of the story. ".repeat(60)
        );
        assert_eq!(standfirst(&far, LEAD), None);
    }

    #[test]
    fn the_headline_is_the_h1_the_title_names_not_a_logo_before_it() {
        let html = format!(
            "<body><h1>Harbour Gazette</h1><nav>{}</nav><h1>The budget is voted</h1>\
             <p class=deck>{LEAD}</p><p>The story.</p></body>",
            "A link to a section of the site. ".repeat(40)
        );
        let page = HtmlDocument::from(html.as_str());
        let titles = ["The budget is voted | Harbour Gazette"];
        let found = Standfirst::of(&page, &[LEAD.to_owned()], &titles).map(|lead| lead.text);
        assert_eq!(found.as_deref(), Some(LEAD));
        // With no title naming one, the first <h1> is the headline.
        assert_eq!(Standfirst::of(&page, &[LEAD.to_owned()], &[]), None);
    }

    #[test]
    fn markup_left_in_a_description_is_not_its_text() {
        assert_eq!(
            without_markup("<p>Die frühen 1970er</p>"),
            "Die frühen 1970er"
        );
        assert!(Description::of("A summary cut...").is_cut);
    }
}
