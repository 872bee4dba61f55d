//! An author's bio — "Jane Doe covers the White House for …", a byline's
//! card with the writer's job and "BIO" — is the page's, not the
//! article's: an element whose class or id names it ("author-bio",
//! "authorbox", "about-the-author"; not a state flag such as "hasnt-bio")
//! is marked before Readability reads the page, with a class it keeps and
//! does not weigh, and the walk mutes what it holds where it stands.
//! Classify, never delete: taken out before Readability instead (as the
//! asides are), a bio whose box Readability then found too thin was lost
//! with it.

use dom_query::{Document as HtmlDocument, NodeRef};

use super::kept_asides::{names_of, paragraph_chars, paragraphs, words_of_name};
use super::walker::mathml::name_of;

/// The class a bio is marked with (kept in Readability's article; a name
/// without its signal words, so its scoring is unchanged).
pub(super) const BIO_CLASS: &str = "marginalia-about-writer";

/// Words of a class or id that name an author's bio.
const BIO_WORDS: &[&str] = &["bio", "authorbio", "authorbox", "abouttheauthor"];

/// A bio is short: an element named so that holds more text than this,
/// or more than one long paragraph, is a biography — the article.
const MOST_BIO_CHARS: usize = 1_000;
const LONG_PARAGRAPH_CHARS: usize = 200;

/// Marks the page's author bios (the outermost of nested ones): never one
/// holding half the page's paragraphs' text, which is the article.
pub(super) fn mark_author_bios(page: &HtmlDocument) {
    let page_chars = paragraph_chars(&page.root());
    let bios: Vec<NodeRef<'_>> = page
        .root()
        .descendants_it()
        .filter(|node| is_bio(node) && paragraph_chars(node) * 2 <= page_chars)
        .collect();
    for bio in bios {
        let inside_another = bio.ancestors_it(None).any(|a| a.has_class(BIO_CLASS));
        if !inside_another {
            bio.add_class(BIO_CLASS);
            // Readability puts a `<div>` holding one paragraph by that
            // paragraph: the paragraphs carry the mark too.
            let bio_paragraphs: Vec<NodeRef<'_>> = paragraphs(&bio).collect();
            for paragraph in bio_paragraphs {
                paragraph.add_class(BIO_CLASS);
            }
        }
    }
}

/// Whether an element is a block named for an author's bio and short as one.
fn is_bio(node: &NodeRef<'_>) -> bool {
    // Not a list: the walk would read a muted list's items as paragraphs.
    let is_block = matches!(name_of(node).as_str(), "div" | "section" | "aside" | "p");
    is_block
        && named_for_a_bio(node)
        && node.text().trim().chars().count() <= MOST_BIO_CHARS
        && paragraphs(node)
            .filter(|p| p.text().trim().chars().count() > LONG_PARAGRAPH_CHARS)
            .count()
            <= 1
}

/// Whether a class or id of the element names a bio: one of its words
/// ("author-bio"), or its words run together ("about-the-author",
/// "author_box"); never a state flag ("hasnt-bio").
fn named_for_a_bio(node: &NodeRef<'_>) -> bool {
    names_of(node).iter().any(|name| {
        let words: Vec<&str> = words_of_name(name).collect();
        words.iter().any(|word| BIO_WORDS.contains(word))
            || BIO_WORDS.contains(&words.concat().as_str())
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn marked(html: &str) -> Vec<String> {
        let page = HtmlDocument::from(html);
        mark_author_bios(&page);
        page.select(&format!(".{BIO_CLASS}"))
            .nodes()
            .iter()
            .map(|n| n.text().trim().to_owned())
            .collect()
    }

    #[test]
    fn a_bio_named_so_is_marked_and_a_state_flag_or_a_biography_is_not() {
        assert_eq!(
            marked(
                "<div class='post-body-bio has-photo'>Steven covers the White House.\
                 <div class='author-bio'>nested</div></div>\
                 <div class='pb-sig-line hasnt-bio'>By Steven</div>\
                 <span class='bio'>inline</span>"
            ),
            ["Steven covers the White House.nested"]
        );
        let long = "word ".repeat(60);
        assert!(
            marked(&format!(
                "<div class='bio-content'><p>{long}</p><p>{long}</p></div>"
            ))
            .is_empty()
        );
    }

    #[test]
    fn a_bios_paragraphs_carry_the_mark_for_readability_may_unwrap_them() {
        assert_eq!(
            marked("<p>The story, long enough.</p><div class='author-bio'><p>Alone</p></div>"),
            ["Alone", "Alone"]
        );
    }

    #[test]
    fn a_list_named_for_a_bio_is_left_a_list() {
        assert!(marked("<p>The story.</p><ul class='author-bio'><li>Posts</li></ul>").is_empty());
    }
}
