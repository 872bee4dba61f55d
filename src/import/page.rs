//! What a web page says about itself in its `<head>` (its own URL, its
//! site's name, its date, its `og:title`), and the one quiet line under
//! the title ("By … · 13 January 2017 · Le Monde").

use dom_query::Document as HtmlDocument;
use url::Url;

use crate::document::Metadata;

use super::inline::collapse;
use super::page_title::comparable;

/// What a page's `<head>` (and its microdata) tells about it.
#[derive(Debug, Default, PartialEq)]
pub(super) struct PageHead {
    /// The page's own address: `<base href>`, else `<link rel=canonical>`, else `og:url`.
    pub(super) url: Option<Url>,
    pub(super) site_name: Option<String>,
    pub(super) published: Option<String>,
    /// The title it gives for sharing (`og:title`).
    pub(super) og_title: Option<String>,
    /// The language it declares (`<html lang>`, else `og:locale`), as given.
    pub(super) language: Option<String>,
    /// The summaries it gives (`<meta name=description>`, `og:description`,
    /// `twitter:description`), each once.
    pub(super) descriptions: Vec<String>,
}

/// Where a page says something about itself: an element's name, one of its
/// attributes and that attribute's value, and the attribute holding what it
/// says, in the order they are trusted for each fact.
type Source = (&'static str, &'static str, &'static str, &'static str);

const URL_SOURCES: &[Source] = &[
    ("base", "href", "", "href"),
    ("link", "rel", "canonical", "href"),
    ("meta", "property", "og:url", "content"),
];
const SITE_NAME_SOURCES: &[Source] = &[
    ("meta", "property", "og:site_name", "content"),
    ("meta", "name", "application-name", "content"),
];
const OG_TITLE_SOURCES: &[Source] = &[("meta", "property", "og:title", "content")];
const LANGUAGE_SOURCES: &[Source] = &[
    ("html", "lang", "", "lang"),
    ("html", "xml:lang", "", "xml:lang"),
    ("meta", "http-equiv", "Content-Language", "content"),
    ("meta", "http-equiv", "content-language", "content"),
    ("meta", "property", "og:locale", "content"),
];
const DESCRIPTION_SOURCES: &[Source] = &[
    ("meta", "name", "description", "content"),
    ("meta", "property", "og:description", "content"),
    ("meta", "name", "twitter:description", "content"),
];
const DATE_SOURCES: &[Source] = &[
    ("meta", "property", "article:published_time", "content"),
    ("meta", "itemprop", "datePublished", "content"),
    ("time", "itemprop", "datePublished", "datetime"),
    ("meta", "name", "DC.date.issued", "content"),
    ("meta", "name", "date", "content"),
];

impl PageHead {
    /// Read in one pass over the page's elements (a selector per fact
    /// would walk a large page a dozen times).
    pub(super) fn of(page: &HtmlDocument) -> Self {
        let all_sources = [
            URL_SOURCES,
            SITE_NAME_SOURCES,
            DATE_SOURCES,
            OG_TITLE_SOURCES,
            LANGUAGE_SOURCES,
            DESCRIPTION_SOURCES,
        ]
        .concat();
        let mut values = first_values(page, &all_sources).into_iter();
        let mut first_of = |sources: &[Source]| -> Vec<String> {
            values.by_ref().take(sources.len()).flatten().collect()
        };
        let url = first_of(URL_SOURCES)
            .into_iter()
            .find_map(|href| Url::parse(&href).ok())
            .filter(|url| matches!(url.scheme(), "http" | "https"));
        let site_name = first_of(SITE_NAME_SOURCES).into_iter().next();
        let published = first_of(DATE_SOURCES).into_iter().next();
        let og_title = first_of(OG_TITLE_SOURCES).into_iter().next();
        let language = first_of(LANGUAGE_SOURCES).into_iter().next();
        let mut descriptions = first_of(DESCRIPTION_SOURCES);
        // Each once: the three often say the same, in any order.
        let mut seen = std::collections::HashSet::new();
        descriptions.retain(|description| seen.insert(description.clone()));
        Self {
            url,
            site_name,
            published,
            og_title,
            language,
            descriptions,
        }
    }
}

/// The first value each source gives, in one pass over the page.
fn first_values(page: &HtmlDocument, all_sources: &[Source]) -> Vec<Option<String>> {
    let mut values: Vec<Option<String>> = vec![None; all_sources.len()];
    for node in page.root().descendants_it() {
        let Some(name) = node.node_name() else {
            continue;
        };
        if !matches!(name.as_ref(), "base" | "link" | "meta" | "time" | "html") {
            continue;
        }
        for (index, (element, key, wanted, holder)) in all_sources.iter().enumerate() {
            if values[index].is_some() || name.as_ref() != *element {
                continue;
            }
            let matches = if wanted.is_empty() {
                node.has_attr(key)
            } else {
                node.attr(key)
                    .is_some_and(|value| value.as_ref() == *wanted)
            };
            if matches {
                values[index] = node
                    .attr(holder)
                    .map(|value| collapse(&value))
                    .filter(|value| !value.is_empty());
            }
        }
    }
    values
}

/// The months' names in English, January first.
pub(super) const MONTHS: [&str; 12] = [
    "January",
    "February",
    "March",
    "April",
    "May",
    "June",
    "July",
    "August",
    "September",
    "October",
    "November",
    "December",
];

/// A date as a reader reads it: "2017-01-13T00:00:04-05:00" → "13 January
/// 2017" (the day the publisher wrote, in its own time zone). A date in any
/// other form is shown as it is written.
pub fn readable_date(date: &str) -> String {
    let date = date.trim();
    let digits = |range: std::ops::Range<usize>| {
        date.get(range)
            .filter(|s| s.bytes().all(|b| b.is_ascii_digit()))
            .and_then(|s| s.parse::<u32>().ok())
    };
    let dashes = date.as_bytes().get(4) == Some(&b'-') && date.as_bytes().get(7) == Some(&b'-');
    let only_date_or_time_follows = date.len() == 10 || date[10..].starts_with(['T', ' ']);
    if dashes
        && date.len() >= 10
        && only_date_or_time_follows
        && let (Some(year), Some(month @ 1..=12), Some(day @ 1..=31)) =
            (digits(0..4), digits(5..7), digits(8..10))
    {
        return format!("{day} {} {year}", MONTHS[month as usize - 1]);
    }
    date.to_owned()
}

/// How a byline says "by", in the languages a byline is written in.
const BY_WORDS: &[&str] = &[
    "by", "por", "von", "par", "di", "przez", "door", "av", "af", "od",
];

/// The line under the title: the byline, the date and the source, as far
/// as they are known ("By Jane Doe · 13 January 2017 · The Site").
pub fn metadata_line(metadata: &Metadata) -> Option<String> {
    let mut parts: Vec<String> = Vec::new();
    if let Some(byline) = metadata.byline.as_deref().filter(|b| !b.is_empty()) {
        // "By Jane", "Por Ana Pérez", "von Redaktion": a byline that says
        // "by" in its own language keeps its word.
        let has_by = byline
            .split_whitespace()
            .next()
            .map(|word| word.trim_end_matches(':').to_lowercase())
            .is_some_and(|word| BY_WORDS.contains(&word.as_str()))
            && byline.split_whitespace().nth(1).is_some();
        parts.push(if has_by {
            byline.to_owned()
        } else {
            format!("By {byline}")
        });
    }
    if let Some(date) = metadata.date.as_deref().filter(|d| !d.is_empty()) {
        parts.push(readable_date(date));
    }
    if let Some(source) = metadata.source.as_deref().filter(|s| !s.is_empty()) {
        let already = parts
            .iter()
            .any(|p| comparable(p).contains(&comparable(source)));
        if !already {
            parts.push(source.to_owned());
        }
    }
    (!parts.is_empty()).then(|| parts.join(" · "))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn url(s: &str) -> Url {
        Url::parse(s).unwrap()
    }

    #[test]
    fn dates_read_as_dates() {
        assert_eq!(
            readable_date("2017-01-13T00:00:04-05:00"),
            "13 January 2017"
        );
        assert_eq!(readable_date("2016-02-01 01:28:49"), "1 February 2016");
        assert_eq!(readable_date("2024-11-28"), "28 November 2024");
        assert_eq!(readable_date("2024-13-28"), "2024-13-28");
        assert_eq!(readable_date("March 25, 2015"), "March 25, 2015");
    }

    #[test]
    fn one_line_under_the_title() {
        let metadata = Metadata {
            byline: Some("Jane Doe".into()),
            date: Some("2024-11-28T10:00:00Z".into()),
            source: Some("Le Monde".into()),
            ..Metadata::default()
        };
        assert_eq!(
            metadata_line(&metadata).as_deref(),
            Some("By Jane Doe · 28 November 2024 · Le Monde")
        );
        let same = Metadata {
            byline: Some("BBC News".into()),
            source: Some("BBC News".into()),
            ..Metadata::default()
        };
        assert_eq!(metadata_line(&same).as_deref(), Some("By BBC News"));
        assert_eq!(metadata_line(&Metadata::default()), None);
        // A byline that says "by" in its own language keeps its word.
        for (byline, line) in [
            ("Por Ana Pérez", "Por Ana Pérez"),
            ("von Redaktion", "von Redaktion"),
            ("Par: Jean Dupont", "Par: Jean Dupont"),
            ("Bynum Rivers", "By Bynum Rivers"),
            ("Von", "By Von"),
        ] {
            let metadata = Metadata {
                byline: Some(byline.into()),
                ..Metadata::default()
            };
            assert_eq!(metadata_line(&metadata).as_deref(), Some(line));
        }
    }

    #[test]
    fn the_head_names_the_page() {
        let page = HtmlDocument::from(
            r#"<html lang="fr-CA"><head><link rel="canonical" href="https://example.org/a/b.html">
            <meta property="og:site_name" content="Example">
            <meta itemprop="datePublished" content="2017-01-13T00:00:04-05:00"></head></html>"#,
        );
        let head = PageHead::of(&page);
        assert_eq!(head.url, Some(url("https://example.org/a/b.html")));
        assert_eq!(head.site_name.as_deref(), Some("Example"));
        assert_eq!(head.published.as_deref(), Some("2017-01-13T00:00:04-05:00"));
        assert_eq!(head.language.as_deref(), Some("fr-CA"));
    }
}
