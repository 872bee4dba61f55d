//! HTML tags inside Markdown text (`<kbd>Ctrl</kbd>`, `<br>`, `<a href>`,
//! `<!-- a comment -->`): each tag read alone, as a style that opens or
//! closes, a line break, a picture's alt text, or nothing. Never shown as
//! a tag.

use dom_query::Document as HtmlDocument;

use crate::document::InlineStyle;

use super::inline::{Inline, collapse};

/// What one inline HTML tag does to the text around it.
#[derive(Debug, PartialEq)]
pub(super) enum InlineTag {
    Open {
        name: String,
        style: InlineStyle,
    },
    Close {
        name: String,
    },
    Break,
    /// A picture inside a line: its alt text reads in its place.
    Text(String),
    /// Comments, and tags that change nothing a reader sees.
    Nothing,
}

impl InlineTag {
    pub(super) fn parse(html: &str) -> Self {
        let tag = html.trim();
        if tag.starts_with("<!--") || tag.starts_with("<?") || tag.starts_with("<!") {
            return InlineTag::Nothing;
        }
        let closing = tag.starts_with("</");
        let name: String = tag
            .trim_start_matches('<')
            .trim_start_matches('/')
            .chars()
            .take_while(char::is_ascii_alphanumeric)
            .collect::<String>()
            .to_ascii_lowercase();
        if closing {
            return InlineTag::Close { name };
        }
        let attribute = |attribute: &str| {
            let element = HtmlDocument::from(tag);
            let selection = element.select(&name);
            let node = selection.nodes().first()?;
            node.attr(attribute).map(|v| v.trim().to_owned())
        };
        let style = match name.as_str() {
            "br" => return InlineTag::Break,
            "img" => {
                return InlineTag::Text(attribute("alt").map(|a| collapse(&a)).unwrap_or_default());
            }
            "em" | "i" | "cite" | "dfn" | "var" => InlineStyle::Emphasis,
            "strong" | "b" => InlineStyle::Strong,
            "code" | "kbd" | "samp" | "tt" => InlineStyle::Code,
            "a" => match attribute("href").filter(|h| !h.is_empty()) {
                Some(target) => InlineStyle::Link { target },
                None => return InlineTag::Nothing,
            },
            _ => return InlineTag::Nothing,
        };
        InlineTag::Open { name, style }
    }
}

/// The inline HTML styles open in the text being read.
#[derive(Debug, Default)]
pub(super) struct OpenTags {
    names: Vec<String>,
}

impl OpenTags {
    /// Applies one inline tag to the text being collected.
    pub(super) fn apply(&mut self, html: &str, inline: &mut Inline) {
        match InlineTag::parse(html) {
            InlineTag::Open { name, style } => {
                inline.open(style);
                self.names.push(name);
            }
            InlineTag::Close { name } => {
                if self.names.last() == Some(&name) {
                    self.names.pop();
                    inline.close();
                }
            }
            InlineTag::Break => inline.hard_break(),
            InlineTag::Text(text) => inline.push_text(&text),
            InlineTag::Nothing => {}
        }
    }

    /// A block ends: the styles it opened end with it.
    pub(super) fn clear(&mut self) {
        self.names.clear();
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn tags_are_styles_breaks_or_nothing() {
        assert_eq!(
            InlineTag::parse("<kbd>"),
            InlineTag::Open {
                name: "kbd".into(),
                style: InlineStyle::Code
            }
        );
        assert_eq!(
            InlineTag::parse("</KBD>"),
            InlineTag::Close { name: "kbd".into() }
        );
        assert_eq!(InlineTag::parse("<br/>"), InlineTag::Break);
        assert_eq!(InlineTag::parse("<!-- hidden -->"), InlineTag::Nothing);
        assert_eq!(InlineTag::parse("<sup>"), InlineTag::Nothing);
        assert_eq!(
            InlineTag::parse(r#"<img src="x.png" alt="a logo">"#),
            InlineTag::Text("a logo".into())
        );
        assert_eq!(
            InlineTag::parse(r#"<a href="https://example.org">"#),
            InlineTag::Open {
                name: "a".into(),
                style: InlineStyle::Link {
                    target: "https://example.org".into()
                }
            }
        );
    }
}
