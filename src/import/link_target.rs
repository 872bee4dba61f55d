//! Where a link in an article goes when it is not to a place inside the
//! article: a web page or a mail (the browser), another article saved
//! beside this one (a sibling page of a saved manual), or nowhere that can
//! be followed, with why, so a click never silently does nothing.

use std::path::{Path, PathBuf};

use super::ARTICLE_EXTENSIONS;

/// What following a link does.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum LinkTarget {
    /// Opens in the browser (or the mail program).
    Browser(String),
    /// Another article on disk: opens in Marginalia.
    Article(PathBuf),
    /// Cannot be followed; the words say why.
    Nowhere(String),
}

/// Where `target`, a link of the article at `article` (if it has a file),
/// goes.
pub fn link_target(target: &str, article: Option<&Path>) -> LinkTarget {
    let target = target.trim();
    let lower = target.to_ascii_lowercase();
    if ["http://", "https://", "mailto:"]
        .iter()
        .any(|scheme| lower.starts_with(scheme))
    {
        return LinkTarget::Browser(target.to_owned());
    }
    if target.starts_with('#') {
        return LinkTarget::Nowhere(format!(
            "The link goes to “{target}”, a place this article does not have"
        ));
    }
    let path_part = target.split(['#', '?']).next().unwrap_or_default();
    let file = match lower.strip_prefix("file://") {
        Some(_) => PathBuf::from(percent_decoded(&path_part["file://".len()..])),
        None if lower.contains(':') && !lower.starts_with('/') => {
            let scheme = lower.split(':').next().unwrap_or_default();
            return LinkTarget::Nowhere(format!(
                "A “{scheme}:” link cannot be followed from Marginalia"
            ));
        }
        None => {
            let Some(folder) = article.and_then(Path::parent) else {
                return LinkTarget::Nowhere(format!(
                    "The link goes to “{target}”, relative to a file this article was not opened from"
                ));
            };
            folder.join(percent_decoded(path_part))
        }
    };
    let name = file
        .file_name()
        .map_or_else(|| target.to_owned(), |n| n.to_string_lossy().into_owned());
    let is_article = file.extension().is_some_and(|extension| {
        ARTICLE_EXTENSIONS
            .iter()
            .any(|known| extension.eq_ignore_ascii_case(known))
    });
    if !file.is_file() {
        LinkTarget::Nowhere(format!(
            "The link goes to “{name}”, which was not saved with this article"
        ))
    } else if !is_article {
        LinkTarget::Nowhere(format!(
            "The link goes to “{name}”, which is not an article Marginalia opens"
        ))
    } else {
        LinkTarget::Article(file)
    }
}

/// `%20` and the like as the characters they stand for (invalid escapes
/// are kept as written).
fn percent_decoded(text: &str) -> String {
    let bytes = text.as_bytes();
    let mut decoded = Vec::with_capacity(bytes.len());
    let mut i = 0;
    while i < bytes.len() {
        let hex = bytes
            .get(i + 1..i + 3)
            .and_then(|pair| std::str::from_utf8(pair).ok())
            .and_then(|pair| u8::from_str_radix(pair, 16).ok());
        match (bytes[i], hex) {
            (b'%', Some(byte)) => {
                decoded.push(byte);
                i += 3;
            }
            (byte, _) => {
                decoded.push(byte);
                i += 1;
            }
        }
    }
    String::from_utf8_lossy(&decoded).into_owned()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn each_link_goes_somewhere_or_says_why_not() {
        let dir = tempfile::tempdir().unwrap();
        let manual = dir.path().join("index.html");
        let sibling = dir.path().join("getting started.html");
        std::fs::write(&manual, "<p>x</p>").unwrap();
        std::fs::write(&sibling, "<p>y</p>").unwrap();
        std::fs::write(dir.path().join("logo.png"), "png").unwrap();
        let from = Some(manual.as_path());
        assert_eq!(
            link_target("https://example.org/a", from),
            LinkTarget::Browser("https://example.org/a".to_owned())
        );
        assert_eq!(
            link_target("getting%20started.html#install", from),
            LinkTarget::Article(sibling.clone())
        );
        let url = format!("file://{}", sibling.display()).replace(' ', "%20");
        assert_eq!(link_target(&url, None), LinkTarget::Article(sibling));
        let said = |target: &str| match link_target(target, from) {
            LinkTarget::Nowhere(why) => why,
            other => panic!("{target}: {other:?}"),
        };
        assert!(said("reference.html").contains("“reference.html”, which was not saved"));
        assert!(said("logo.png").contains("not an article"));
        assert!(said("javascript:void(0)").contains("“javascript:” link"));
        assert!(said("#gone").contains("does not have"));
        assert!(matches!(
            link_target("other.html", None),
            LinkTarget::Nowhere(_)
        ));
    }
}
