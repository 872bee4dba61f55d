//! Rows and cells Readability leaves outside their table. When its best
//! element is a table's body or row (an old page laid out in a table),
//! Readability renames that element a `<div>`, as Readability.js does, and
//! the rows and cells under it are no longer in a table: parsing its
//! article again would drop their tags and run the cells' words together
//! ("Week 1" and "400 metres" read "Week 1400 metres"). Each such row and
//! cell is renamed a `<div>` too before the article is parsed, as
//! Readability meant: a layout cell's paragraphs read as paragraphs, a
//! cell of words as a block of its own.

use std::borrow::Cow;

/// The tags of a table's row groups, rows and cells.
const ROW_AND_CELL_TAGS: &[&str] = &["tbody", "thead", "tfoot", "tr", "td", "th"];

/// One tag of the article's HTML: where its name is, the name (lower
/// case) and whether it closes an element.
struct Tag<'a> {
    name_at: usize,
    name: Cow<'a, str>,
    closing: bool,
}

/// The article's HTML with each row group, row and cell outside a table
/// renamed a `<div>` (unchanged, and not copied, when it has none).
pub(super) fn divs_for_orphan_rows(html: &str) -> Cow<'_, str> {
    let mut out: Option<String> = None;
    let mut copied = 0;
    let mut table_depth = 0usize;
    for tag in tags(html) {
        let name = tag.name.as_ref();
        if name == "table" {
            table_depth = if tag.closing {
                table_depth.saturating_sub(1)
            } else {
                table_depth + 1
            };
        } else if table_depth == 0 && ROW_AND_CELL_TAGS.contains(&name) {
            let out = out.get_or_insert_with(|| String::with_capacity(html.len() + 64));
            out.push_str(&html[copied..tag.name_at]);
            out.push_str("div");
            copied = tag.name_at + name.len();
        }
    }
    match out {
        Some(mut out) => {
            out.push_str(&html[copied..]);
            Cow::Owned(out)
        }
        None => Cow::Borrowed(html),
    }
}

/// The HTML's tags in order (comments and declarations passed over; a `>`
/// inside a quoted attribute value does not end its tag).
fn tags(html: &str) -> impl Iterator<Item = Tag<'_>> {
    let bytes = html.as_bytes();
    let mut at = 0;
    std::iter::from_fn(move || {
        loop {
            let start = at + html.get(at..)?.find('<')?;
            let rest = &html[start..];
            if rest.starts_with("<!--") {
                at = start + rest.find("-->").map_or(rest.len(), |end| end + 3);
                continue;
            }
            let closing = rest.as_bytes().get(1) == Some(&b'/');
            let name_start = start + 1 + usize::from(closing);
            let name_len = bytes[name_start.min(bytes.len())..]
                .iter()
                .take_while(|b| b.is_ascii_alphanumeric())
                .count();
            let end = tag_end(html, name_start + name_len);
            at = end;
            if name_len == 0 {
                continue;
            }
            let name = &html[name_start..name_start + name_len];
            let name = if name.bytes().any(|b| b.is_ascii_uppercase()) {
                Cow::Owned(name.to_ascii_lowercase())
            } else {
                Cow::Borrowed(name)
            };
            return Some(Tag {
                name_at: name_start,
                name,
                closing,
            });
        }
    })
}

/// Where the tag whose name ends at `from` ends: after its `>`, quotes
/// in its attributes kept whole (or the end of the HTML).
fn tag_end(html: &str, from: usize) -> usize {
    let mut quote: Option<u8> = None;
    for (offset, &byte) in html.as_bytes()[from.min(html.len())..].iter().enumerate() {
        match (quote, byte) {
            (Some(open), b) if b == open => quote = None,
            (Some(_), _) => {}
            (None, b'"' | b'\'') => quote = Some(byte),
            (None, b'>') => return from + offset + 1,
            (None, _) => {}
        }
    }
    html.len()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn rows_and_cells_outside_a_table_are_divs() {
        let html = "<div><p>Intro</p><div><tr><td>Week 1</td><TD class=\"a>td\">400 m</TD></tr>\n\
                    <tr><td><p>Week 2</p></td></tr></div><tbody><tr><th>x</th></tr></tbody></div>";
        assert_eq!(
            divs_for_orphan_rows(html),
            "<div><p>Intro</p><div><div><div>Week 1</div><div class=\"a>td\">400 m</div></div>\n\
             <div><div><p>Week 2</p></div></div></div><div><div><div>x</div></div></div></div>"
        );
    }

    #[test]
    fn a_tables_rows_and_an_article_without_rows_are_left_as_they_are() {
        for html in [
            "<div><table><tbody><tr><td>a</td><td><table><tr><td>b</td></tr></table></td></tr></tbody></table></div>",
            "<p>No rows <!-- <tr> in a comment --> and <track> is no row.</p>",
            "<p>unclosed <",
            "<p>a quote that never ends <a href=\"x>",
        ] {
            assert!(
                matches!(divs_for_orphan_rows(html), Cow::Borrowed(_)),
                "{html}"
            );
        }
    }

    #[test]
    fn a_row_after_a_table_is_outside_it() {
        let html = "<table><tr><td>in</td></tr></table><tr><td>out</td></tr>";
        assert_eq!(
            divs_for_orphan_rows(html),
            "<table><tr><td>in</td></tr></table><div><div>out</div></div>"
        );
    }
}
