//! What a web page says about itself in its `<head>` (its own URL, its
//! site's name, its date), the title without the site's name, and the one
//! quiet line under the title ("By … · 13 January 2017 · Le Monde").

use dom_query::Document as HtmlDocument;
use url::Url;

use crate::document::Metadata;

use super::inline::collapse;

/// What a page's `<head>` (and its microdata) tells about it.
#[derive(Debug, Default, PartialEq)]
pub(super) struct PageHead {
    /// The page's own address: `<base href>`, else `<link rel=canonical>`, else `og:url`.
    pub(super) url: Option<Url>,
    pub(super) site_name: Option<String>,
    pub(super) published: Option<String>,
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
        let all_sources = [URL_SOURCES, SITE_NAME_SOURCES, DATE_SOURCES].concat();
        // The first value each source gives.
        let mut values: Vec<Option<String>> = vec![None; all_sources.len()];
        for node in page.root().descendants_it() {
            let Some(name) = node.node_name() else {
                continue;
            };
            if !matches!(name.as_ref(), "base" | "link" | "meta" | "time") {
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
        let mut values = values.into_iter();
        let mut first_of = |sources: &[Source]| -> Vec<String> {
            values.by_ref().take(sources.len()).flatten().collect()
        };
        let url = first_of(URL_SOURCES)
            .into_iter()
            .find_map(|href| Url::parse(&href).ok())
            .filter(|url| matches!(url.scheme(), "http" | "https"));
        let site_name = first_of(SITE_NAME_SOURCES).into_iter().next();
        let published = first_of(DATE_SOURCES).into_iter().next();
        Self {
            url,
            site_name,
            published,
        }
    }
}

/// Separators between a headline and the site's name in a page title.
const TITLE_SEPARATORS: &[&str] = &[
    " - ", " | ", " – ", " — ", " · ", " :: ", " « ", " » ", " / ",
];

/// The title without the site's name (or the author's) that pages add at
/// its end or start: " - Wikipedia", " | The Guardian", " – Le Monde",
/// " [LWN.net]". A part is removed only when it names the site (its
/// `og:site_name`, or its host), or the byline; never the whole title.
pub(super) fn title_without_site(
    title: &str,
    site_name: Option<&str>,
    url: Option<&Url>,
    byline: Option<&str>,
) -> String {
    let mut names: Vec<String> = Vec::new();
    names.extend(site_name.map(comparable));
    names.extend(byline.map(comparable));
    if let Some(host) = url.and_then(Url::host_str) {
        let host = host.trim_start_matches("www.");
        names.push(comparable(host));
        // "en.wikipedia.org" → "wikipedia"; "lwn.net" → "lwn".
        let labels: Vec<&str> = host.split('.').collect();
        if labels.len() >= 2 {
            names.push(comparable(labels[labels.len() - 2]));
        }
    }
    // A part names the site when it is the name, a short form of it, or
    // the name with a word or two ("Yahoo News"); never a headline that
    // mentions the site ("How we designed Dropbox's ATF").
    let names_site = |part: &str| {
        let part = comparable(part);
        !part.is_empty()
            && names.iter().any(|name| {
                !name.is_empty()
                    && (part == *name
                        || (part.len() >= 3 && name.contains(&part))
                        || (name.len() >= 3
                            && part.contains(name.as_str())
                            && part.len() <= 2 * name.len() + 8))
            })
    };
    let mut title = title.trim().to_owned();
    // "Headline [Site]"
    if let Some(open) = title.rfind(" [")
        && title.ends_with(']')
        && names_site(&title[open + 2..title.len() - 1])
    {
        title.truncate(open);
    }
    for separator in TITLE_SEPARATORS {
        if let Some(at) = title.rfind(separator)
            && names_site(&title[at + separator.len()..])
        {
            title.truncate(at);
        } else if let Some(at) = title.find(separator)
            && names_site(&title[..at])
        {
            title = title[at + separator.len()..].to_owned();
        }
    }
    title.trim().to_owned()
}

/// The side of a page title that is the page's own heading (an `<h1>`):
/// "CDPATH replacements - anarcat" with the heading "CDPATH replacements"
/// is that, whatever names the site; a title no heading matches is kept.
pub(super) fn title_as_headed(title: &str, headings: &[String]) -> String {
    let headings: Vec<String> = headings
        .iter()
        .map(|h| comparable(h))
        .filter(|h| !h.is_empty())
        .collect();
    if headings.contains(&comparable(title)) {
        return title.to_owned();
    }
    for separator in TITLE_SEPARATORS {
        for (at, _) in title.match_indices(separator) {
            let sides = [&title[..at], &title[at + separator.len()..]];
            // A heading of one word is the site's logo more often than not.
            let is_heading = |side: &&&str| {
                side.split_whitespace().count() >= 2 && headings.contains(&comparable(side))
            };
            if let Some(side) = sides.iter().find(is_heading) {
                return side.trim().to_owned();
            }
        }
    }
    title.to_owned()
}

/// Lowercase letters and digits only, so "the Guardian" and "The
/// Guardian", "LWN.net" and "lwn.net" compare equal.
fn comparable(text: &str) -> String {
    text.chars()
        .filter(|c| c.is_alphanumeric())
        .flat_map(char::to_lowercase)
        .collect()
}

const MONTHS: [&str; 12] = [
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

/// The line under the title: the byline, the date and the source, as far
/// as they are known ("By Jane Doe · 13 January 2017 · The Site").
pub fn metadata_line(metadata: &Metadata) -> Option<String> {
    let mut parts: Vec<String> = Vec::new();
    if let Some(byline) = metadata.byline.as_deref().filter(|b| !b.is_empty()) {
        let has_by = byline
            .get(..3)
            .is_some_and(|by| by.eq_ignore_ascii_case("by "));
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
    fn the_site_name_leaves_the_title() {
        let wiki = url("https://en.wikipedia.org/wiki/Mozilla");
        assert_eq!(
            title_without_site("Mozilla - Wikipedia", None, Some(&wiki), None),
            "Mozilla"
        );
        assert_eq!(
            title_without_site("A story | The Guardian", Some("the Guardian"), None, None),
            "A story"
        );
        assert_eq!(
            title_without_site("Un article – Le Monde", Some("Le Monde.fr"), None, None),
            "Un article"
        );
        assert_eq!(
            title_without_site(
                "Weekly Edition for March 26, 2015 [LWN.net]",
                None,
                Some(&url("https://lwn.net/Articles/1/")),
                None
            ),
            "Weekly Edition for March 26, 2015"
        );
        assert_eq!(
            title_without_site("Site | The headline", Some("The Site"), None, None),
            "The headline"
        );
        assert_eq!(
            title_without_site(
                "Whales | Eleanor Ainge Roy",
                None,
                None,
                Some("Eleanor Ainge Roy")
            ),
            "Whales"
        );
    }

    #[test]
    fn a_title_that_names_no_site_is_kept_whole() {
        assert_eq!(
            title_without_site("Cats - a history", Some("The Site"), None, None),
            "Cats - a history"
        );
        assert_eq!(
            title_without_site(
                "Wikipedia",
                None,
                Some(&url("https://wikipedia.org/")),
                None
            ),
            "Wikipedia",
            "never the whole title"
        );
        // A headline that mentions the site is not the site's name.
        assert_eq!(
            title_without_site(
                "How we designed Dropbox’s ATF - an async task framework",
                Some("Dropbox"),
                Some(&url("https://dropbox.tech/infrastructure/atf")),
                None
            ),
            "How we designed Dropbox’s ATF - an async task framework"
        );
        assert_eq!(
            title_without_site(
                "Yahoo News - Latest News",
                None,
                Some(&url("https://news.yahoo.com/")),
                None
            ),
            "Latest News"
        );
    }

    #[test]
    fn the_side_of_a_title_that_is_the_page_s_heading_is_the_title() {
        let headings = ["CDPATH replacements".to_owned()];
        assert_eq!(
            title_as_headed("CDPATH replacements - anarcat", &headings),
            "CDPATH replacements"
        );
        assert_eq!(
            title_as_headed("Cats - a history", &headings),
            "Cats - a history"
        );
        let logo = ["V8".to_owned()];
        assert_eq!(
            title_as_headed("Standalone WebAssembly binaries · V8", &logo),
            "Standalone WebAssembly binaries · V8"
        );
        let whole = ["Cats - a history".to_owned()];
        assert_eq!(
            title_as_headed("Cats - a history", &whole),
            "Cats - a history"
        );
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
    }

    #[test]
    fn the_head_names_the_page() {
        let page = HtmlDocument::from(
            r#"<html><head><link rel="canonical" href="https://example.org/a/b.html">
            <meta property="og:site_name" content="Example">
            <meta itemprop="datePublished" content="2017-01-13T00:00:04-05:00"></head></html>"#,
        );
        let head = PageHead::of(&page);
        assert_eq!(head.url, Some(url("https://example.org/a/b.html")));
        assert_eq!(head.site_name.as_deref(), Some("Example"));
        assert_eq!(head.published.as_deref(), Some("2017-01-13T00:00:04-05:00"));
    }
}
