//! Where a link in an article goes when it is not to a place inside the
//! article: a web page or a mail (the browser), another article saved
//! beside this one (a sibling page of a saved manual), or nowhere that can
//! be followed, with why, so a click never silently does nothing.

use std::path::{Path, PathBuf};

use url::Url;

use super::has_article_extension;

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
/// goes: resolved as a browser resolves it against the article's own
/// `file:` address (`%20`, `..`, `#place` and `?query` handled by `url`).
pub fn link_target(target: &str, article: Option<&Path>) -> LinkTarget {
    let target = target.trim();
    if target.starts_with('#') {
        return LinkTarget::Nowhere(format!(
            "The link goes to “{target}”, a place this article does not have"
        ));
    }
    let resolved = match Url::parse(target) {
        Ok(url) => url,
        Err(url::ParseError::RelativeUrlWithoutBase) => {
            let base = article.and_then(|article| Url::from_file_path(article).ok());
            match base.and_then(|base| base.join(target).ok()) {
                Some(url) => url,
                None => {
                    return LinkTarget::Nowhere(format!(
                        "The link goes to “{target}”, relative to a file this article was not opened from"
                    ));
                }
            }
        }
        Err(_) => return LinkTarget::Nowhere(format!("The link “{target}” cannot be read")),
    };
    match resolved.scheme() {
        "http" | "https" | "mailto" => LinkTarget::Browser(target.to_owned()),
        "file" => match resolved.to_file_path() {
            Ok(file) => article_at(file, target),
            Err(()) => LinkTarget::Nowhere(format!("The link “{target}” names no file")),
        },
        scheme => LinkTarget::Nowhere(format!(
            "A “{scheme}:” link cannot be followed from Marginalia"
        )),
    }
}

/// A file a link names: an article opens, anything else says why not.
fn article_at(file: PathBuf, target: &str) -> LinkTarget {
    let name = file
        .file_name()
        .map_or_else(|| target.to_owned(), |n| n.to_string_lossy().into_owned());
    if !file.is_file() {
        LinkTarget::Nowhere(format!(
            "The link goes to “{name}”, which was not saved with this article"
        ))
    } else if !has_article_extension(&file) {
        LinkTarget::Nowhere(format!(
            "The link goes to “{name}”, which is not an article Marginalia opens"
        ))
    } else {
        LinkTarget::Article(file)
    }
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
