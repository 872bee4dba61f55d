//! The Markdown side of a library export: one file per article, its YAML
//! front matter (title, author, source, date, path, tags, and the key that
//! tells which article a file is about, wherever it was renamed), and
//! Marginalia's part between marker comments. A re-export replaces only
//! that part and Marginalia's own keys; the user's text and keys stay.

use std::collections::HashMap;
use std::path::{Path, PathBuf};

use crate::annotate::{AnchorResolution, Annotation};
use crate::document::page_index_in;
use crate::regular_file::read_regular_head;
use crate::store::hashtags;

use super::catalogue::ArticlePlace;
use super::export::ExportedArticle;

const BEGIN: &str = "<!-- marginalia:begin — written by Marginalia: what is between these markers is replaced at the next export; write your own text outside them -->";
const END: &str = "<!-- marginalia:end -->";
/// How both markers begin.
const MARKER_START: &str = "<!-- marginalia:";
/// The front matter key that tells which article a file is about.
const ARTICLE_KEY: &str = "marginalia-article";
/// How much of a Markdown file in the export folder is read to find that
/// key (front matter comes first).
const FRONT_MATTER_HEAD_BYTES: u64 = 64 * 1024;
/// The longest a file name's stem may be, in bytes: room left in the
/// 255 bytes a name may have for " (99999).md" and the temporary file's
/// `.NAME.XXXXXX.tmp`.
const MAX_STEM_BYTES: usize = 200;

/// The Markdown files in `dir` that an earlier export wrote, by the text
/// hash of the article each is about (wherever the user renamed them).
pub(super) fn existing_exports(dir: &Path) -> HashMap<String, PathBuf> {
    let mut found = HashMap::new();
    let Ok(entries) = std::fs::read_dir(dir) else {
        return found;
    };
    for entry in entries.flatten() {
        let path = entry.path();
        // A link is never ours to write through; a file is read only as far
        // as its front matter can go.
        let regular = entry.file_type().is_ok_and(|kind| kind.is_file());
        if path.extension().is_none_or(|e| e != "md") || !regular {
            continue;
        }
        let Ok(Some(head)) = read_regular_head(&path, FRONT_MATTER_HEAD_BYTES) else {
            continue;
        };
        let text = String::from_utf8_lossy(&head);
        let key = front_matter_lines(&text).and_then(|lines| {
            lines.iter().find_map(|line| {
                line.strip_prefix(ARTICLE_KEY)
                    .and_then(|rest| rest.strip_prefix(':'))
                    .map(|value| unquote(value.trim()))
            })
        });
        if let Some(key) = key {
            found.insert(key, path);
        }
    }
    found
}

/// A file name for a new export: the title made safe, and a number when
/// another article (or a file of the user's) has it.
pub(super) fn free_name(dir: &Path, title: &str, taken: &mut Vec<String>) -> String {
    let mut stem: String = title
        .chars()
        .map(|c| {
            if c.is_control() || "/\\:*?\"<>|#^[]".contains(c) {
                ' '
            } else {
                c
            }
        })
        .collect::<String>()
        .split_whitespace()
        .collect::<Vec<_>>()
        .join(" ");
    // At most 80 chars, and at most MAX_STEM_BYTES bytes (80 emoji are
    // 320 bytes: over what a file name may hold).
    let mut bytes = 0;
    stem = stem
        .chars()
        .take(80)
        .take_while(|c| {
            bytes += c.len_utf8();
            bytes <= MAX_STEM_BYTES
        })
        .collect::<String>()
        .trim_end()
        .to_owned();
    if stem.is_empty() || stem.starts_with('.') {
        stem = format!("Article{stem}");
    }
    let mut name = format!("{stem}.md");
    let mut number = 2;
    // Any entry there is taken, a dangling link too (never written through).
    while taken.contains(&name) || std::fs::symlink_metadata(dir.join(&name)).is_ok() {
        name = format!("{stem} ({number}).md");
        number += 1;
    }
    taken.push(name.clone());
    name
}

/// A file's front matter (without its `---` lines) and the text after it,
/// if it opens with one.
fn split_front_matter(text: &str) -> Option<(&str, &str)> {
    let inside = text
        .strip_prefix("---\n")
        .or_else(|| text.strip_prefix("---\r\n"))?;
    let mut offset = 0;
    for line in inside.split_inclusive('\n') {
        if line.trim_end() == "---" {
            return Some((&inside[..offset], &inside[offset + line.len()..]));
        }
        offset += line.len();
    }
    None
}

/// The lines of a file's front matter, if it opens with one.
fn front_matter_lines(text: &str) -> Option<Vec<&str>> {
    split_front_matter(text).map(|(matter, _)| matter.lines().collect())
}

/// The file's new text: the old one with Marginalia's parts replaced (or
/// a new file).
pub(super) fn markdown_file(
    old: Option<&str>,
    place: &ArticlePlace,
    article: &ExportedArticle,
    annotations: &[(&Annotation, &AnchorResolution)],
) -> String {
    let ours = front_matter(place, article);
    let body = marked_body(article, annotations);
    let Some(old) = old else {
        return format!("---\n{}---\n\n{body}\n", ours.join(""));
    };
    // The front matter: our keys anew, the user's lines kept.
    let (matter, rest) = match split_front_matter(old) {
        Some((matter, rest)) => {
            let lines: Vec<&str> = matter.lines().collect();
            (merge_front_matter(&lines, &ours), rest.to_owned())
        }
        None => (ours.join(""), format!("\n{old}")),
    };
    // Our part is the last BEGIN before the first END: whatever the user
    // did to the markers (one deleted, text written below), nothing outside
    // a whole pair is replaced; with no pair, a new part goes at the end.
    let pair = rest
        .find(END)
        .and_then(|end| rest[..end].rfind(BEGIN).map(|begin| (begin, end)));
    let rest = match pair {
        Some((begin, end)) => format!("{}{body}{}", &rest[..begin], &rest[end + END.len()..]),
        None => format!("{}\n{body}\n", rest.trim_end()),
    };
    format!("---\n{matter}---\n{rest}")
}

/// Our keys of the front matter, each one line.
fn front_matter(place: &ArticlePlace, article: &ExportedArticle) -> Vec<String> {
    let mut tags: Vec<&str> = article
        .annotations
        .iter()
        .flat_map(|(a, _)| a.tags.iter().map(String::as_str))
        .collect();
    tags.sort_unstable();
    tags.dedup();
    let tags: Vec<String> = tags.into_iter().map(yaml_string).collect();
    let mut lines = vec![format!("title: {}\n", yaml_string(&article.title))];
    for (key, value) in [
        ("author", &article.author),
        ("source", &article.source),
        ("date", &article.date),
    ] {
        if let Some(value) = value {
            lines.push(format!("{key}: {}\n", yaml_string(value)));
        }
    }
    lines.push(format!(
        "path: {}\n",
        yaml_string(&place.article.to_string_lossy())
    ));
    lines.push(format!("tags: [{}]\n", tags.join(", ")));
    lines.push(format!(
        "{ARTICLE_KEY}: {}\n",
        yaml_string(&place.text_hash)
    ));
    lines
}

/// The keys Marginalia writes in the front matter.
const OUR_KEYS: [&str; 7] = [
    "title",
    "author",
    "source",
    "date",
    "path",
    "tags",
    ARTICLE_KEY,
];

/// The old front matter with our keys replaced by `ours` (in their place,
/// new ones at the end) and every other line of the user's kept.
fn merge_front_matter(old: &[&str], ours: &[String]) -> String {
    let key_of = |line: &str| -> Option<String> {
        let (key, _) = line.split_once(':')?;
        (!key.starts_with([' ', '\t', '-', '#'])).then(|| key.trim().to_owned())
    };
    let ours_by_key: Vec<(String, &String)> = ours
        .iter()
        .filter_map(|line| key_of(line).map(|key| (key, line)))
        .collect();
    let mut out = String::new();
    let mut written: Vec<String> = Vec::new();
    let mut in_our_key = false;
    for line in old {
        match key_of(line) {
            Some(key) if OUR_KEYS.contains(&key.as_str()) => {
                in_our_key = true;
                if let Some((_, new)) = ours_by_key.iter().find(|(k, _)| *k == key) {
                    out.push_str(new);
                    written.push(key);
                }
            }
            Some(_) => {
                in_our_key = false;
                out.push_str(line);
                out.push('\n');
            }
            // A continuation line (a block list) belongs to the key above it.
            None if in_our_key => {}
            None => {
                out.push_str(line);
                out.push('\n');
            }
        }
    }
    for (key, line) in &ours_by_key {
        if !written.contains(key) {
            out.push_str(line);
        }
    }
    out
}

/// The part between the markers: the title, then each highlight. Text of
/// the user's (a note, a quote, a title) can never forge a marker.
fn marked_body(
    article: &ExportedArticle,
    annotations: &[(&Annotation, &AnchorResolution)],
) -> String {
    let mut out = format!("\n# {}\n", article.title);
    let details: Vec<&str> = [&article.author, &article.source, &article.date]
        .into_iter()
        .flatten()
        .map(String::as_str)
        .collect();
    if !details.is_empty() {
        out.push_str(&format!("\n{}\n", details.join(" · ")));
    }
    for (annotation, resolution) in annotations {
        out.push('\n');
        for line in annotation.anchor.exact.trim().lines() {
            out.push_str(&format!("> {line}\n"));
        }
        out.push_str(&format!("\n^{}\n", block_id(annotation)));
        if resolution.range.is_none() {
            out.push_str("\n*(not found in the article's current text)*\n");
        }
        if !annotation.note.trim().is_empty() {
            out.push_str(&format!("\n{}\n", annotation.note.trim()));
        }
        let mut facts = vec![format!("colour: {}", annotation.color.name())];
        let page = resolution
            .range
            .as_ref()
            .and_then(|range| page_index_in(&article.pages, range.start));
        if let Some(index) = page {
            facts.push(format!("p. {}", article.pages[index].label));
        }
        if !annotation.tags.is_empty() {
            facts.push(format!("tags: {}", hashtags(&annotation.tags)));
        }
        out.push_str(&format!("\n{}\n", facts.join(" · ")));
    }
    format!("{BEGIN}{}{END}", without_markers(&out))
}

/// `text` with anything that would read as one of our markers escaped
/// (`<!-- marginalia:` shown as written, no longer a comment).
fn without_markers(text: &str) -> String {
    text.replace(MARKER_START, "&lt;!-- marginalia:")
}

/// A highlight's block reference: stable, from its id.
fn block_id(annotation: &Annotation) -> String {
    let simple = annotation.id.simple().to_string();
    format!("hl-{}", &simple[..12])
}

/// A YAML double-quoted string.
fn yaml_string(text: &str) -> String {
    let mut out = String::from("\"");
    for c in text.chars() {
        match c {
            '"' => out.push_str("\\\""),
            '\\' => out.push_str("\\\\"),
            '\n' => out.push_str("\\n"),
            c if c.is_control() => out.push_str(&format!("\\u{:04x}", c as u32)),
            c => out.push(c),
        }
    }
    out.push('"');
    out
}

/// A YAML scalar as written by `yaml_string` (or plain).
fn unquote(value: &str) -> String {
    value
        .strip_prefix('"')
        .and_then(|v| v.strip_suffix('"'))
        .unwrap_or(value)
        .replace("\\\"", "\"")
        .replace("\\\\", "\\")
}
