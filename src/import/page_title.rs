//! A web page's title as its article's: the headline without the site's
//! name pages add to it (" - Wikipedia", "NEWS WEB EASY|…"), the side of
//! the page's `<title>` that is its heading, never only the site's name,
//! never a title cut short when the page gives it whole.

use url::Url;

/// Separators between a headline and the site's name in a page title
/// (an unspaced "|" last: "NEWS WEB EASY|子どもへの…").
const TITLE_SEPARATORS: &[&str] = &[
    " - ", " | ", " – ", " — ", " · ", " :: ", " : ", " « ", " » ", " / ", "|",
];

/// What names the site a page is on: its `og:site_name`, its host (and
/// the host's main label), and the byline (an author's name added to a
/// title is removed as the site's is).
pub(super) struct SiteNames(Vec<String>);

impl SiteNames {
    pub(super) fn new(site_name: Option<&str>, url: Option<&Url>, byline: Option<&str>) -> Self {
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
        names.retain(|name| !name.is_empty());
        Self(names)
    }

    /// Whether `part` names the site: the name, a short form of it, or
    /// the name with a word or two ("Yahoo News"); never a headline that
    /// mentions the site ("How we designed Dropbox's ATF").
    pub(super) fn named_by(&self, part: &str) -> bool {
        let part = comparable(part);
        !part.is_empty()
            && self.0.iter().any(|name| {
                part == *name
                    || (part.len() >= 3 && name.contains(&part))
                    || (name.len() >= 3
                        && part.contains(name.as_str())
                        && part.len() <= 2 * name.len() + 8)
            })
    }
}

/// The title without the site's name (or the author's) that pages add at
/// its end or start: " - Wikipedia", " | The Guardian", " – Le Monde",
/// " [LWN.net]". A part is removed only when it names the site (its
/// `og:site_name`, or its host), or the byline; never the whole title.
pub(super) fn title_without_site(title: &str, site: &SiteNames) -> String {
    let mut title = title.trim().to_owned();
    // "Headline [Site]"
    if let Some(open) = title.rfind(" [")
        && title.ends_with(']')
        && site.named_by(&title[open + 2..title.len() - 1])
    {
        title.truncate(open);
    }
    for separator in TITLE_SEPARATORS {
        if let Some(at) = title.rfind(separator)
            && site.named_by(&title[at + separator.len()..])
        {
            title.truncate(at);
        } else if let Some(at) = title.find(separator)
            && site.named_by(&title[..at])
        {
            title = title[at + separator.len()..].to_owned();
        }
    }
    without_date_side(title.trim())
}

/// The title without a date standing as one side of it ("23.01.2022 -
/// Headline", "Headline | 2022-01-23"): a date is when, not what.
fn without_date_side(title: &str) -> String {
    let is_date = |side: &str| {
        let side = side.trim();
        side.chars().filter(char::is_ascii_digit).count() >= 4
            && side.contains(['.', '/', '-'])
            && side
                .chars()
                .all(|c| c.is_ascii_digit() || matches!(c, '.' | '/' | '-' | ' '))
    };
    for separator in TITLE_SEPARATORS {
        if let Some(at) = title.find(separator)
            && is_date(&title[..at])
        {
            return title[at + separator.len()..].trim().to_owned();
        }
        if let Some(at) = title.rfind(separator)
            && is_date(&title[at + separator.len()..])
        {
            return title[..at].trim().to_owned();
        }
    }
    title.to_owned()
}

/// Where a page names itself, besides the title Readability chose: its
/// `<title>`, its `og:title` and its first `<h1>`s.
pub(super) struct TitleSources<'a> {
    pub(super) title_element: &'a str,
    pub(super) og_title: Option<&'a str>,
    pub(super) headings: &'a [String],
}

/// The article's title: `chosen` (Readability's) as its heading has it,
/// without the site's name; but the side of the page's `<title>` that is
/// its heading where Readability took another side, where that is only
/// the site's name the page's other titles' first that is not, and where
/// it was cut short the one that goes on from it.
pub(super) fn article_title(chosen: &str, sources: &TitleSources<'_>, site: &SiteNames) -> String {
    // The side of a title that is a heading, unless that heading is the
    // site's logo ("Post @ Blog :: PIXNET ::" beside an <h1> "PIXNET").
    let as_headed = |title: &str| {
        let headed = title_as_headed(title, sources.headings);
        if site.named_by(&headed) {
            title.to_owned()
        } else {
            headed
        }
    };
    let clean = |title: &str| title_without_site(&as_headed(title), site);
    let others: Vec<&str> = [sources.title_element]
        .into_iter()
        .chain(sources.og_title)
        .chain(sources.headings.iter().map(String::as_str))
        .filter(|other| !other.trim().is_empty())
        .collect();
    let mut title = clean(chosen);
    // The page's <title> is "Heading : Site's long name", its heading an
    // <h1>, and Readability took the other side.
    let headed = as_headed(sources.title_element);
    let other_side = headed != sources.title_element
        && sources.title_element.contains(chosen.trim())
        && !comparable(&headed).contains(&comparable(chosen));
    if other_side {
        title = clean(&headed);
    }
    if title.is_empty() || site.named_by(&title) {
        let headline = others
            .iter()
            .map(|other| clean(other))
            .find(|other| other.split_whitespace().count() >= 2 && !site.named_by(other));
        if let Some(headline) = headline {
            title = headline;
        }
    }
    if let Some(longer) = others.iter().find_map(|other| goes_on_from(&title, other)) {
        title = clean(longer);
    }
    title
}

/// `other` when it is `title` before it was cut short: `title` (without
/// its ellipsis, 20 letters or more) ends with an ellipsis, inside a word
/// of `other`, or before a word in lower case: `other` goes on with the
/// sentence.
fn goes_on_from<'a>(title: &str, other: &'a str) -> Option<&'a str> {
    let stem = title.trim_end_matches(['.', '…', ' ']);
    let ellipsis = stem.len() < title.trim_end().len();
    let rest = other.trim().strip_prefix(stem)?;
    let mid_word = stem.ends_with(char::is_alphanumeric) && rest.starts_with(char::is_alphanumeric);
    let mid_sentence = rest.starts_with(' ') && rest.trim_start().starts_with(char::is_lowercase);
    let cut = ellipsis || mid_word || mid_sentence;
    (stem.chars().count() >= 20 && !rest.trim().is_empty() && cut).then_some(other)
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

/// Whether one of the page's titles (`<title>`, `og:title`) names a
/// heading: both compared as [`comparable`] text.
pub(super) fn titles_name(titles: &[String], heading: &str) -> bool {
    !heading.is_empty() && titles.iter().any(|title| title.contains(heading))
}

/// Lowercase letters and digits only, so "the Guardian" and "The
/// Guardian", "LWN.net" and "lwn.net" compare equal.
pub(super) fn comparable(text: &str) -> String {
    text.chars()
        .filter(|c| c.is_alphanumeric())
        .flat_map(char::to_lowercase)
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn url(s: &str) -> Url {
        Url::parse(s).unwrap()
    }

    fn sources<'a>(
        title_element: &'a str,
        og_title: Option<&'a str>,
        headings: &'a [String],
    ) -> TitleSources<'a> {
        TitleSources {
            title_element,
            og_title,
            headings,
        }
    }

    #[test]
    fn the_site_name_leaves_the_title() {
        let wiki = url("https://en.wikipedia.org/wiki/Mozilla");
        assert_eq!(
            title_without_site(
                "Mozilla - Wikipedia",
                &SiteNames::new(None, Some(&wiki), None)
            ),
            "Mozilla"
        );
        assert_eq!(
            title_without_site(
                "A story | The Guardian",
                &SiteNames::new(Some("the Guardian"), None, None)
            ),
            "A story"
        );
        assert_eq!(
            title_without_site(
                "Un article – Le Monde",
                &SiteNames::new(Some("Le Monde.fr"), None, None)
            ),
            "Un article"
        );
        assert_eq!(
            title_without_site(
                "Weekly Edition for March 26, 2015 [LWN.net]",
                &SiteNames::new(None, Some(&url("https://lwn.net/Articles/1/")), None)
            ),
            "Weekly Edition for March 26, 2015"
        );
        assert_eq!(
            title_without_site(
                "Site | The headline",
                &SiteNames::new(Some("The Site"), None, None)
            ),
            "The headline"
        );
        assert_eq!(
            title_without_site(
                "Whales | Eleanor Ainge Roy",
                &SiteNames::new(None, None, Some("Eleanor Ainge Roy"))
            ),
            "Whales"
        );
    }

    #[test]
    fn a_title_that_names_no_site_is_kept_whole() {
        assert_eq!(
            title_without_site(
                "Cats - a history",
                &SiteNames::new(Some("The Site"), None, None)
            ),
            "Cats - a history"
        );
        assert_eq!(
            title_without_site(
                "Wikipedia",
                &SiteNames::new(None, Some(&url("https://wikipedia.org/")), None)
            ),
            "Wikipedia",
            "never the whole title"
        );
        // A headline that mentions the site is not the site's name.
        assert_eq!(
            title_without_site(
                "How we designed Dropbox’s ATF - an async task framework",
                &SiteNames::new(
                    Some("Dropbox"),
                    Some(&url("https://dropbox.tech/infrastructure/atf")),
                    None
                )
            ),
            "How we designed Dropbox’s ATF - an async task framework"
        );
        assert_eq!(
            title_without_site(
                "Yahoo News - Latest News",
                &SiteNames::new(None, Some(&url("https://news.yahoo.com/")), None)
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
    fn a_date_standing_as_a_side_of_the_title_leaves_it() {
        let site = SiteNames::new(Some("Biathlon Antholz"), None, None);
        for title in [
            "23.01.2022 - Wierer darf noch jubeln - Biathlon Antholz",
            "Wierer darf noch jubeln | 2022-01-23",
        ] {
            assert_eq!(title_without_site(title, &site), "Wierer darf noch jubeln");
        }
        // A number that is the headline's stays.
        assert_eq!(
            title_without_site("1984 - a novel", &site),
            "1984 - a novel"
        );
    }

    #[test]
    fn an_article_title_is_never_the_sites_name_nor_cut_short() {
        // Readability took the site's name (the og:title): the page's own
        // title is the headline.
        let site = SiteNames::new(Some("International Biathlon Union - IBU"), None, None);
        let headline = "Peking 2022 – Eine große Chance für den Biathlonsport";
        let page = sources(headline, Some("International Biathlon Union - IBU"), &[]);
        assert_eq!(
            article_title("International Biathlon Union - IBU", &page, &site),
            headline
        );
        // Cut inside a sentence, a word or at an ellipsis: the one that goes on.
        let site = SiteNames::new(Some("Uusi Suomi"), None, None);
        let whole =
            "Sanna Marin tapasi Angela Merkelin: Myös Saksa haluaa pitää kiinni maataloustuista";
        let page = sources(whole, Some(whole), &[]);
        for cut in [
            "Sanna Marin tapasi Angela Merkelin: Myös Saksa haluaa pitää",
            "Sanna Marin tapasi Angela Merkelin: Myös Saksa halu",
            "Sanna Marin tapasi Angela Merkelin: Myös Saksa haluaa...",
        ] {
            assert_eq!(article_title(cut, &page, &site), whole, "{cut}");
        }
        // A whole title that another only adds to is kept.
        let page = sources("Unser wahres Ich | Rutger Bregman", None, &[]);
        let site = SiteNames::new(None, None, None);
        assert_eq!(
            article_title("Unser wahres Ich und die Anderen", &page, &site),
            "Unser wahres Ich und die Anderen"
        );
    }

    #[test]
    fn the_heading_side_of_a_page_title_and_a_site_before_a_bar() {
        let site = SiteNames::new(None, None, None);
        // "Heading : Site's long name", Readability taking the site's side.
        let heading = "Pflegefinanzierung: Papier der Kirche fordert Reform".to_owned();
        let page = sources(
            "Pflegefinanzierung: Papier der Kirche fordert Reform : EKHN ǀ Evangelische Kirche in Hessen",
            None,
            std::slice::from_ref(&heading),
        );
        assert_eq!(
            article_title("EKHN ǀ Evangelische Kirche in Hessen", &page, &site),
            heading
        );
        // The site's name before an unspaced bar.
        let site = SiteNames::new(Some("NEWS WEB EASY"), None, None);
        let page = sources(
            "NEWS WEB EASY|子どもへの体罰を禁止する法律ができる",
            None,
            &[],
        );
        assert_eq!(
            article_title(
                "NEWS WEB EASY|子どもへの体罰を禁止する法律ができる",
                &page,
                &site
            ),
            "子どもへの体罰を禁止する法律ができる"
        );
    }

    #[test]
    fn a_heading_that_is_the_sites_logo_is_not_the_titles_side() {
        // The page's <h1>s: the host's logo, then the blog's name.
        let headings = ["痞客邦 PIXNET".to_owned(), "史蒂文的家_藍天".to_owned()];
        let host = url("http://stevenhgm.pixnet.net/blog/post/39926056");
        let site = SiteNames::new(Some("史蒂文的家_藍天"), Some(&host), None);
        let title = "新竹尖石_美樹營地賞楓 (2) @ 史蒂文的家_藍天 :: 痞客邦 PIXNET ::";
        let page = sources(title, Some(title), &headings);
        assert_eq!(
            article_title("痞客邦 PIXNET ::", &page, &site),
            "新竹尖石_美樹營地賞楓 (2) @ 史蒂文的家_藍天"
        );
    }
}
