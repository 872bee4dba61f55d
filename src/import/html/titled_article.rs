//! The article a page is titled for, among several: a news site that
//! loads the next stories into the same page as the reader scrolls (saved
//! with them), or a page that lists stories in full, has one headline per
//! story, and Readability takes the longest story. The page's `<title>`
//! (or `og:title`) names one of those headlines; its story is the
//! article — the largest element around that headline that holds no other.

use std::collections::HashMap;

use dom_query::{Document as HtmlDocument, NodeId, NodeRef};

use super::super::page_title::{comparable, titles_name};
use super::kept_asides::paragraphs;
use super::post_container::in_machinery;

/// A headline has at least this many words.
const HEADLINE_WORDS: usize = 3;

/// A story holds at least this many chars of paragraph text.
const LEAST_STORY_CHARS: usize = 200;

/// An article holds a story when it holds at least this share of the
/// story's paragraph text.
const LEAST_SHARE_HELD: f32 = 0.5;

/// The story a page is titled for, taken before Readability reads the
/// page: its HTML and its paragraphs' text (whitespace removed).
pub(super) struct TitledStory {
    pub html: String,
    paragraphs: Vec<String>,
    /// The paragraphs of each of the page's other stories.
    other_stories: Vec<Vec<String>>,
}

impl TitledStory {
    /// The story whose headline the page's title names, when the page has
    /// several headlines (`<h1>`s of three words or more).
    pub fn of(page: &HtmlDocument, titles: &[&str]) -> Option<Self> {
        let titles: Vec<String> = titles.iter().map(|title| comparable(title)).collect();
        let headlines = page.select("h1");
        let headlines: Vec<NodeRef<'_>> = headlines
            .nodes()
            .iter()
            .filter(|h1| h1.text().split_whitespace().count() >= HEADLINE_WORDS)
            .copied()
            .collect();
        if headlines.len() < 2 {
            return None;
        }
        let titled: Vec<&NodeRef<'_>> = headlines
            .iter()
            .filter(|h1| titles_name(&titles, &comparable(&h1.text())))
            .collect();
        let [headline] = titled.as_slice() else {
            return None;
        };
        let held = HeadlinesHeld::of(&headlines);
        // A blog's name in its header is no story's headline.
        let story = held
            .story_of(headline)
            .filter(|story| !in_machinery(story))?;
        let paragraphs = paragraphs_of(&story);
        let chars: usize = paragraphs.iter().map(|p| p.chars().count()).sum();
        let other_stories = headlines
            .iter()
            .filter(|other| other.id != headline.id)
            .filter_map(|other| held.story_of(other))
            .map(|other| paragraphs_of(&other))
            .filter(|paragraphs| !paragraphs.is_empty())
            .collect();
        (chars >= LEAST_STORY_CHARS).then(|| Self {
            html: story.html().to_string(),
            paragraphs,
            other_stories,
        })
    }

    /// Whether Readability's article (its text) is not this story alone:
    /// another story, or this one with others.
    pub fn is_not_alone_in(&self, article_text: &str) -> bool {
        let article = without_whitespace(article_text);
        !holds(&article, &self.paragraphs)
            || self
                .other_stories
                .iter()
                .any(|other| holds(&article, other))
    }
}

/// Whether `article` (whitespace removed) holds at least half of the
/// paragraphs' text.
fn holds(article: &str, paragraphs: &[String]) -> bool {
    let all: usize = paragraphs.iter().map(String::len).sum();
    let held: usize = paragraphs
        .iter()
        .filter(|p| article.contains(p.as_str()))
        .map(String::len)
        .sum();
    held as f32 >= LEAST_SHARE_HELD * all as f32
}

/// The text of an element's paragraphs, whitespace removed.
fn paragraphs_of(element: &NodeRef<'_>) -> Vec<String> {
    paragraphs(element)
        .map(|p| without_whitespace(&p.text()))
        .filter(|text| !text.is_empty())
        .collect()
}

/// How many of the page's headlines each element holds (by node id).
struct HeadlinesHeld(HashMap<NodeId, usize>);

impl HeadlinesHeld {
    fn of(headlines: &[NodeRef<'_>]) -> Self {
        let mut held = HashMap::new();
        for headline in headlines {
            for ancestor in headline.ancestors_it(None) {
                *held.entry(ancestor.id).or_insert(0) += 1;
            }
        }
        Self(held)
    }

    /// The largest element around `headline` that holds no other headline
    /// (the story's own element, below the list of stories).
    fn story_of<'a>(&self, headline: &NodeRef<'a>) -> Option<NodeRef<'a>> {
        headline
            .ancestors_it(None)
            .take_while(|ancestor| {
                !ancestor
                    .node_name()
                    .is_some_and(|name| matches!(name.as_ref(), "body" | "html"))
            })
            .take_while(|ancestor| self.0.get(&ancestor.id) == Some(&1))
            .last()
    }
}

fn without_whitespace(text: &str) -> String {
    text.chars().filter(|c| !c.is_whitespace()).collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn story(n: usize, words: usize) -> String {
        let paragraph = format!("<p>Story {n}: {}</p>", "word ".repeat(words));
        format!(
            "<article id='s{n}'><h1>The headline of story {n}</h1>{paragraph}{paragraph}</article>"
        )
    }

    #[test]
    fn the_story_a_page_is_titled_for_is_found_among_several() {
        let page = HtmlDocument::from(format!(
            "<html><body><div class='scroll'>{}{}{}</div></body></html>",
            story(1, 40),
            story(2, 400),
            story(3, 40)
        ));
        let titled = TitledStory::of(&page, &["Site | The headline of story 1"]).expect("story 1");
        assert!(
            titled.html.starts_with("<article id=\"s1\""),
            "{}",
            titled.html
        );
        let long_story = page.select("#s2").text();
        assert!(titled.is_not_alone_in(&long_story));
        assert!(titled.is_not_alone_in(&page.select(".scroll").text()));
        assert!(!titled.is_not_alone_in(&page.select("#s1").text()));
        // One headline, or a title that names none: no story to choose.
        let single = HtmlDocument::from(format!("<html><body>{}</body></html>", story(1, 40)));
        assert!(TitledStory::of(&single, &["The headline of story 1"]).is_none());
        assert!(TitledStory::of(&page, &["Something else entirely"]).is_none());
    }
}
