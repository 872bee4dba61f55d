//! Where the walk's links lead and what its ids are named: inside the
//! article (an id of this page, another chapter of the book) or the web,
//! against the page's own address.

use url::Url;

use crate::import::picture::archive_path;

use super::Walker;

impl Walker<'_> {
    /// The anchor name of an id in the text being read.
    pub(super) fn anchor_name(&self, id: &str) -> String {
        match &self.anchor_scope {
            Some(chapter) => format!("{chapter}#{id}"),
            None => id.to_owned(),
        }
    }

    /// Where a link leads: `#NAME` inside the article (an id of this page
    /// or chapter, another chapter of the book), else the web.
    pub(super) fn link_target(&self, href: &str) -> String {
        if let Some(id) = href.strip_prefix('#') {
            return format!("#{}", self.anchor_name(id));
        }
        if let Some(chapter) = &self.anchor_scope
            && Url::parse(href).is_err()
        {
            let (path, fragment) = href.split_once('#').unwrap_or((href, ""));
            let folder = std::path::Path::new(chapter)
                .parent()
                .unwrap_or(std::path::Path::new(""));
            let target = archive_path(folder, path);
            let target = target.to_string_lossy();
            return if fragment.is_empty() {
                format!("#{target}")
            } else {
                format!("#{target}#{fragment}")
            };
        }
        self.resolved_link(href)
    }

    /// A link's target: absolute, against the page's own address when it
    /// has one (a saved page's relative links lead to its site).
    pub(super) fn resolved_link(&self, href: &str) -> String {
        match &self.page_url {
            Some(base) if Url::parse(href).is_err() => base
                .join(href)
                .map_or_else(|_| href.to_owned(), |url| url.to_string()),
            _ => href.to_owned(),
        }
    }
}
