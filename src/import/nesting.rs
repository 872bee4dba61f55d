//! Bounding how deep HTML nests before it is parsed. An HTML5 parser spends
//! time in proportion to the depth of open elements for each new one, so a
//! page of 100,000 nested elements takes minutes. Like browsers (which cap
//! the tree's depth), tags nested beyond [`MAX_HTML_DEPTH`] are dropped,
//! keeping their text; a page within the limit passes through untouched.

use std::borrow::Cow;

/// Elements nested deeper than this lose their tags (not their text).
pub const MAX_HTML_DEPTH: usize = 512;

/// Elements that never have children.
const VOID: &[&str] = &[
    "area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "param", "source",
    "track", "wbr",
];

/// Elements whose end tag may be left out: a parser closes them by itself,
/// so they do not deepen the tree.
const OPTIONAL_END: &[&str] = &[
    "p", "li", "dt", "dd", "option", "optgroup", "tr", "td", "th", "thead", "tbody", "tfoot", "rt",
    "rp", "colgroup", "caption",
];

/// Elements whose content is text up to their end tag.
const RAW_TEXT: &[&str] = &["script", "style", "textarea", "title", "xmp", "noembed"];

/// Markup with its nesting bounded, and how deep it was nested before.
#[derive(Debug)]
pub struct Flattened<'a> {
    /// Borrowed when nothing needed removing.
    pub text: Cow<'a, str>,
    /// The deepest nesting of elements the text had (by its tags).
    pub deepest: usize,
}

/// `html`, with tags nested deeper than `max_depth` removed, and how deep it
/// nested. One pass, linear in the length of `html`.
pub fn flatten_deep_nesting(html: &str, max_depth: usize) -> Flattened<'_> {
    let bytes = html.as_bytes();
    let mut out: Option<String> = None;
    // Everything before `copied` is in `out` (once there is an `out`).
    let mut copied = 0;
    let (mut depth, mut deepest, mut at) = (0usize, 0usize, 0);
    while let Some(offset) = memchr(b'<', &bytes[at..]) {
        let start = at + offset;
        let Some(tag) = read_tag(html, start) else {
            at = start + 1;
            continue;
        };
        let drop = match &tag.kind {
            TagKind::Open(name) if deepens(name) && !tag.self_closing => {
                depth += 1;
                deepest = deepest.max(depth);
                depth > max_depth
            }
            TagKind::Close(name) if deepens(name) => {
                let drop = depth > max_depth;
                depth = depth.saturating_sub(1);
                drop
            }
            _ => false,
        };
        if drop {
            let kept = out.get_or_insert_with(|| String::with_capacity(html.len()));
            kept.push_str(&html[copied..start]);
            copied = tag.end;
        }
        at = match &tag.kind {
            TagKind::Open(name) if RAW_TEXT.contains(&name.as_str()) && !tag.self_closing => {
                raw_text_end(bytes, tag.end, name)
            }
            _ => tag.end,
        };
    }
    let text = match out {
        None => Cow::Borrowed(html),
        Some(mut kept) => {
            kept.push_str(&html[copied..]);
            Cow::Owned(kept)
        }
    };
    Flattened { text, deepest }
}

/// Whether an element adds a level: not a void one, nor one whose end tag
/// a parser supplies by itself.
fn deepens(name: &str) -> bool {
    !VOID.contains(&name) && !OPTIONAL_END.contains(&name)
}

/// How deep elements nest in an HTML or XML text, by its tags.
pub fn markup_depth(text: &str) -> usize {
    flatten_deep_nesting(text, usize::MAX).deepest
}

#[derive(Debug)]
enum TagKind {
    Open(String),
    Close(String),
    /// A comment, a doctype, a processing instruction.
    Other,
}

#[derive(Debug)]
struct Tag {
    kind: TagKind,
    self_closing: bool,
    /// Just past the tag's `>`.
    end: usize,
}

/// The tag starting at `start` (a `<`), or `None` when it is text.
fn read_tag(html: &str, start: usize) -> Option<Tag> {
    let rest = &html[start..];
    if let Some(comment) = rest.strip_prefix("<!--") {
        let end = comment
            .find("-->")
            .map_or(html.len(), |i| start + 4 + i + 3);
        return Some(Tag {
            kind: TagKind::Other,
            self_closing: true,
            end,
        });
    }
    let bytes = rest.as_bytes();
    let (closing, name_start) = match bytes.get(1) {
        Some(b'/') => (true, 2),
        Some(b'!' | b'?') => {
            let end = memchr(b'>', bytes).map_or(html.len(), |i| start + i + 1);
            return Some(Tag {
                kind: TagKind::Other,
                self_closing: true,
                end,
            });
        }
        Some(c) if c.is_ascii_alphabetic() => (false, 1),
        _ => return None,
    };
    let name_end = bytes[name_start..]
        .iter()
        .position(|c| !(c.is_ascii_alphanumeric() || *c == b'-' || *c == b':'))
        .map_or(bytes.len(), |i| name_start + i);
    let name = rest[name_start..name_end].to_ascii_lowercase();
    let end = tag_end(bytes, name_end);
    let self_closing = end >= 2 && bytes[end - 2] == b'/';
    Some(Tag {
        kind: if closing {
            TagKind::Close(name)
        } else {
            TagKind::Open(name)
        },
        self_closing,
        end: start + end,
    })
}

/// Just past the `>` that ends a tag, skipping quoted attribute values. As
/// an HTML tokenizer does, a quote opens a value only right after `=`
/// (spaces allowed): a stray quote elsewhere is part of a name.
fn tag_end(bytes: &[u8], from: usize) -> usize {
    let mut quote = None;
    let mut after_equals = false;
    for (i, &c) in bytes.iter().enumerate().skip(from) {
        match (quote, c) {
            (Some(q), _) if c == q => quote = None,
            (Some(_), _) => {}
            (None, b'"' | b'\'') if after_equals => quote = Some(c),
            (None, b'>') => return i + 1,
            (None, b'=') => {
                after_equals = true;
                continue;
            }
            (None, c) if c.is_ascii_whitespace() && after_equals => continue,
            _ => {}
        }
        after_equals = false;
    }
    bytes.len()
}

/// Where the raw text of a `name` element ends: at its end tag (matched
/// without regard to case, without copying the rest of the text).
fn raw_text_end(bytes: &[u8], from: usize, name: &str) -> usize {
    let mut at = from;
    while let Some(offset) = memchr(b'<', &bytes[at..]) {
        let start = at + offset;
        let name_end = start + 2 + name.len();
        if bytes.get(start + 1) == Some(&b'/')
            && bytes
                .get(start + 2..name_end)
                .is_some_and(|candidate| candidate.eq_ignore_ascii_case(name.as_bytes()))
        {
            return start;
        }
        at = start + 1;
    }
    bytes.len()
}

fn memchr(needle: u8, haystack: &[u8]) -> Option<usize> {
    haystack.iter().position(|&b| b == needle)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn markup_depth_counts_open_elements() {
        assert_eq!(markup_depth("<a><b/><c><d></d></c></a><e>"), 3);
        assert_eq!(
            markup_depth("<?xml version=\"1.0\"?><!-- <x><y> --><r>text</r>"),
            1
        );
    }

    #[test]
    fn a_stray_quote_does_not_hide_the_tags_after_it() {
        let html = format!(
            "<x-/\" a><p>{}deep{}",
            "<div>".repeat(10),
            "</div>".repeat(10)
        );
        assert_eq!(flatten_deep_nesting(&html, usize::MAX).deepest, 11);
        assert_eq!(
            markup_depth("<a title=\"x > y\"><b title = 'q'>t</b></a>"),
            2
        );
    }

    #[test]
    fn ordinary_pages_pass_untouched() {
        let html =
            "<html><body><p>One <b>two</b><p>Three<br><img src=x /><!-- <div> --></body></html>";
        assert!(matches!(
            flatten_deep_nesting(html, 3).text,
            Cow::Borrowed(_)
        ));
        let script = "<script>if (a < b) { x = '<div><div><div><div>'; }</script><p>Text";
        assert!(matches!(
            flatten_deep_nesting(script, 2).text,
            Cow::Borrowed(_)
        ));
    }

    #[test]
    fn tags_beyond_the_limit_go_and_their_text_stays() {
        let html = format!("<div>{}x{}</div>", "<span>".repeat(5), "</span>".repeat(5));
        let flat = flatten_deep_nesting(&html, 3);
        assert_eq!(flat.text, "<div><span><span>x</span></span></div>");
        assert_eq!(flat.deepest, 6);
    }

    #[test]
    fn a_deep_page_keeps_the_limit_of_tags() {
        let html = format!(
            "{}deep{}",
            "<div>".repeat(200_000),
            "</div>".repeat(200_000)
        );
        let flat = flatten_deep_nesting(&html, MAX_HTML_DEPTH).text;
        assert!(flat.contains("deep"));
        assert_eq!(flat.matches("<div>").count(), MAX_HTML_DEPTH);
    }
}
