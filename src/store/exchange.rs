//! Annotations in and out: W3C Web Annotation JSON (export and import), the
//! Hypothesis client's JSON export (import), and a Markdown digest.

use jiff::Timestamp;
use serde_json::{Map, Value};
use uuid::Uuid;

use super::citation::Citation;
use crate::annotate::{
    Anchor, AnchorResolution, Annotation, EditCounts, HighlightColor, HighlightStyle, now,
    stable_id,
};

#[derive(Debug, thiserror::Error)]
pub enum ExchangeError {
    #[error("is not JSON: {0}")]
    Json(#[from] serde_json::Error),
    #[error(
        "holds no annotations in a form Marginalia knows (W3C Annotation, AnnotationPage, AnnotationCollection, or a Hypothesis export)"
    )]
    NoAnnotations,
}

/// An annotation read from JSON, before it is anchored.
#[derive(Clone, Debug, PartialEq)]
pub struct ImportedAnnotation {
    pub id: Uuid,
    pub created: Timestamp,
    pub modified: Timestamp,
    pub exact: String,
    pub prefix: String,
    pub suffix: String,
    pub position: Option<(usize, usize)>,
    pub note: String,
    pub tags: Vec<String>,
    pub color: HighlightColor,
    pub style: HighlightStyle,
    /// Whether the item said when it was made or changed; an undated one
    /// never wins over an annotation already here.
    pub dated: bool,
    /// The article its target names (`target.source`, or Hypothesis's
    /// `uri`), if it names one.
    pub source: Option<String>,
}

/// The largest note an import takes (a sidecar must stay readable).
pub const MAX_NOTE_BYTES: usize = 1024 * 1024;

/// An item of an import that was not taken, and why.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct SkippedItem {
    /// Its place in the file's list of annotations, from 0.
    pub index: usize,
    pub reason: &'static str,
}

impl ImportedAnnotation {
    /// The annotation, with its anchor where it was recorded (re-anchoring
    /// decides where it is now).
    pub fn into_annotation(self) -> Annotation {
        let (start, end) = self.position.unwrap_or((0, self.exact.chars().count()));
        Annotation {
            id: self.id,
            created: self.created,
            modified: self.modified,
            anchor: Anchor {
                start_char: start,
                end_char: end.max(start),
                exact: self.exact,
                prefix: self.prefix,
                suffix: self.suffix,
            },
            color: self.color,
            style: self.style,
            note: self.note,
            tags: self.tags,
            edit_counts: EditCounts::default(),
            unknown_fields: Vec::new(),
        }
    }
}

/// Reads W3C Web Annotation JSON (one `Annotation`, an array, an
/// `AnnotationPage` with `items`, an `AnnotationCollection` with
/// `first.items`) or a Hypothesis export (an array, or `{"rows": [...]}`).
/// Items without a text quote are skipped.
pub fn annotations_from_json(json: &str) -> Result<Vec<ImportedAnnotation>, ExchangeError> {
    annotations_from_json_with_skipped(json).map(|(imported, _)| imported)
}

/// As [`annotations_from_json`], with the items that were not taken.
pub fn annotations_from_json_with_skipped(
    json: &str,
) -> Result<(Vec<ImportedAnnotation>, Vec<SkippedItem>), ExchangeError> {
    let value: Value = serde_json::from_str(json)?;
    let items = items_of(&value).ok_or(ExchangeError::NoAnnotations)?;
    let mut imported = Vec::new();
    let mut skipped = Vec::new();
    for (index, item) in items.iter().enumerate() {
        match imported_from_item(item) {
            Some(annotation) if annotation.note.len() > MAX_NOTE_BYTES => {
                skipped.push(SkippedItem {
                    index,
                    reason: "its note is over 1 MiB",
                })
            }
            Some(annotation) => imported.push(annotation),
            None => skipped.push(SkippedItem {
                index,
                reason: "it has no text quote to anchor",
            }),
        }
    }
    if imported.is_empty() && !items.is_empty() {
        return Err(ExchangeError::NoAnnotations);
    }
    Ok((imported, skipped))
}

fn items_of(value: &Value) -> Option<Vec<Value>> {
    match value {
        Value::Array(items) => Some(items.clone()),
        Value::Object(object) => {
            let kind = object.get("type").and_then(Value::as_str).unwrap_or("");
            if let Some(items) = object.get("items").and_then(Value::as_array) {
                return Some(items.clone());
            }
            if let Some(first) = object.get("first") {
                return items_of(first);
            }
            if let Some(rows) = object.get("rows").and_then(Value::as_array) {
                return Some(rows.clone());
            }
            (kind == "Annotation" || object.contains_key("target")).then(|| vec![value.clone()])
        }
        _ => None,
    }
}

fn as_list(value: Option<&Value>) -> Vec<&Value> {
    match value {
        Some(Value::Array(items)) => items.iter().collect(),
        Some(other) => vec![other],
        None => Vec::new(),
    }
}

fn text_field(object: &Map<String, Value>, key: &str) -> String {
    object
        .get(key)
        .and_then(Value::as_str)
        .unwrap_or_default()
        .to_owned()
}

fn imported_from_item(item: &Value) -> Option<ImportedAnnotation> {
    let object = item.as_object()?;
    let (quote, position) = selectors_of(object);
    let Quote {
        exact,
        prefix,
        suffix,
    } = quote.filter(|q| !q.exact.is_empty())?;
    let (note, tags) = note_and_tags_of(object);
    let time = |key: &str| {
        object
            .get(key)
            .and_then(Value::as_str)
            .and_then(crate::annotate::timestamps::parse_clamped)
    };
    let changed = time("modified").or_else(|| time("updated"));
    let dated = changed.is_some() || time("created").is_some();
    let created = time("created").or(changed).unwrap_or_else(now);
    let modified = changed.unwrap_or(created);
    let (color, style) = look_of(object.get("marginalia"));
    let id = match object.get("id").and_then(Value::as_str) {
        Some(id) => id_of(id),
        // The same content gets the same id: importing twice changes nothing.
        None => stable_id(&[
            "content",
            &exact,
            &prefix,
            &suffix,
            &note,
            &tags.join("\u{1F}"),
        ]),
    };
    Some(ImportedAnnotation {
        id,
        dated,
        source: source_of(object),
        created,
        modified: modified.max(created),
        exact,
        prefix,
        suffix,
        position,
        note,
        tags,
        color,
        style,
    })
}

/// A text quote selector's parts.
struct Quote {
    exact: String,
    prefix: String,
    suffix: String,
}

/// The first text quote and text position selectors of an item's targets.
fn selectors_of(object: &Map<String, Value>) -> (Option<Quote>, Option<(usize, usize)>) {
    let mut quote = None;
    let mut position = None;
    for target in as_list(object.get("target")) {
        for selector in as_list(target.get("selector")) {
            let Some(selector) = selector.as_object() else {
                continue;
            };
            match selector.get("type").and_then(Value::as_str) {
                Some("TextQuoteSelector") if quote.is_none() => {
                    quote = Some(Quote {
                        exact: text_field(selector, "exact"),
                        prefix: text_field(selector, "prefix"),
                        suffix: text_field(selector, "suffix"),
                    });
                }
                Some("TextPositionSelector") if position.is_none() => {
                    let start = selector.get("start").and_then(Value::as_u64);
                    let end = selector.get("end").and_then(Value::as_u64);
                    if let (Some(start), Some(end)) = (start, end) {
                        position = Some((start as usize, end as usize));
                    }
                }
                _ => {}
            }
        }
    }
    (quote, position)
}

/// The note (W3C commenting bodies, Hypothesis `text`) and the tags (W3C
/// tagging bodies, Hypothesis `tags`) of an item.
fn note_and_tags_of(object: &Map<String, Value>) -> (String, Vec<String>) {
    let mut note_parts: Vec<String> = Vec::new();
    let mut tags: Vec<String> = Vec::new();
    for body in as_list(object.get("body")) {
        match body {
            Value::String(text) => note_parts.push(text.clone()),
            Value::Object(body) => {
                let value = text_field(body, "value");
                match body.get("purpose").and_then(Value::as_str) {
                    Some("tagging") => tags.push(value),
                    Some("commenting") | None => note_parts.push(value),
                    Some(_) => {}
                }
            }
            _ => {}
        }
    }
    if let Some(text) = object.get("text").and_then(Value::as_str) {
        note_parts.push(text.to_owned());
    }
    for tag in as_list(object.get("tags")) {
        if let Some(tag) = tag.as_str() {
            tags.push(tag.to_owned());
        }
    }
    tags.retain(|t| !t.trim().is_empty());
    tags.dedup();
    note_parts.retain(|n| !n.is_empty());
    (note_parts.join("\n\n"), tags)
}

/// Colour and style from Marginalia's own extension, if present.
fn look_of(extension: Option<&Value>) -> (HighlightColor, HighlightStyle) {
    let field = |key: &str| extension.and_then(|m| m.get(key)).and_then(Value::as_str);
    let color = field("color")
        .and_then(HighlightColor::from_name)
        .unwrap_or_default();
    let style = match field("style") {
        Some("underline") => HighlightStyle::Underline,
        _ => HighlightStyle::Highlight,
    };
    (color, style)
}

/// The article an item's target names: `target.source` (the target an
/// object, the first of a list, or the source itself as a string), else
/// Hypothesis's `uri`.
fn source_of(object: &serde_json::Map<String, Value>) -> Option<String> {
    let target = object.get("target");
    let target = match target {
        Some(Value::Array(targets)) => targets.first(),
        other => other,
    };
    let source = match target {
        Some(Value::String(source)) => Some(source.as_str()),
        Some(Value::Object(target)) => target.get("source").and_then(Value::as_str),
        _ => None,
    };
    source
        .or_else(|| object.get("uri").and_then(Value::as_str))
        .map(str::to_owned)
}

/// `urn:uuid:…` or a bare UUID keeps its id; any other id (Hypothesis's)
/// maps to the same UUID every time, so importing twice merges.
fn id_of(id: &str) -> Uuid {
    let bare = id.strip_prefix("urn:uuid:").unwrap_or(id);
    if let Ok(uuid) = Uuid::parse_str(bare) {
        return uuid;
    }
    // As earlier versions mapped it, so a file imported then imports the same.
    use sha2::Digest as _;
    let digest = sha2::Sha256::digest(id.as_bytes());
    let mut bytes = [0u8; 16];
    bytes.copy_from_slice(&digest[..16]);
    uuid::Builder::from_random_bytes(bytes).into_uuid()
}

/// Tags as a notes app writes them: `#methods #to-read` (spaces as dashes).
pub fn hashtags(tags: &[String]) -> String {
    tags.iter()
        .map(|tag| format!("#{}", tag.replace(' ', "-")))
        .collect::<Vec<_>>()
        .join(" ")
}

/// A Markdown digest to paste into a notes app: title, citation, then each
/// highlight in document order as a block quote with its note and tags.
/// `page_of` names the page of the original a char offset is on (a PDF's).
pub fn markdown_digest(
    citation: &Citation,
    annotations: &[(&Annotation, &AnchorResolution)],
    page_of: impl Fn(usize) -> Option<String>,
) -> String {
    let mut out = format!("# {}\n\n", citation.title);
    let mut details = citation.details.clone();
    details.extend(citation.url.as_ref().map(|url| format!("<{url}>")));
    if !details.is_empty() {
        out.push_str(&details.join(" · "));
        out.push_str("\n\n");
    }
    out.push_str(&format!(
        "{} highlight{}\n",
        annotations.len(),
        if annotations.len() == 1 { "" } else { "s" }
    ));
    for (annotation, resolution) in annotations {
        out.push_str("\n---\n\n");
        for line in annotation.anchor.exact.lines() {
            out.push_str(&format!("> {line}\n"));
        }
        match &resolution.range {
            None => out.push_str("\n*(not found in the current text)*\n"),
            Some(range) => {
                if let Some(page) = page_of(range.start) {
                    out.push_str(&format!("\n*p. {page}*\n"));
                }
            }
        }
        if !annotation.note.trim().is_empty() {
            out.push('\n');
            out.push_str(annotation.note.trim());
            out.push('\n');
        }
        if !annotation.tags.is_empty() {
            out.push_str(&format!("\nTags: {}\n", hashtags(&annotation.tags)));
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn reads_a_hypothesis_export() {
        let json = r#"[{"id": "Zx3abc", "created": "2024-01-02T03:04:05.000000+00:00",
            "updated": "2024-01-03T03:04:05.000000+00:00", "text": "Why this matters",
            "tags": ["ukraine", "diplomacy"],
            "target": [{"source": "https://example.org/a", "selector": [
                {"type": "RangeSelector", "startContainer": "/p[1]"},
                {"type": "TextPositionSelector", "start": 10, "end": 20},
                {"type": "TextQuoteSelector", "exact": "quoted bit", "prefix": "a ", "suffix": " b"}]}]}]"#;
        let imported = annotations_from_json(json).unwrap();
        assert_eq!(imported.len(), 1);
        let a = &imported[0];
        assert_eq!(a.exact, "quoted bit");
        assert_eq!(a.position, Some((10, 20)));
        assert_eq!(a.note, "Why this matters");
        assert_eq!(a.tags, ["ukraine", "diplomacy"]);
        assert!(a.modified > a.created);
        assert_eq!(
            a.id,
            annotations_from_json(json).unwrap()[0].id,
            "stable ids"
        );
    }

    #[test]
    fn reads_w3c_collections_and_bodies() {
        let json = r#"{"type": "AnnotationCollection", "first": {"type": "AnnotationPage", "items": [
            {"id": "urn:uuid:67e55044-10b1-426f-9247-bb680e5fe0c8", "type": "Annotation",
             "body": [{"type": "TextualBody", "value": "note", "purpose": "commenting"},
                      {"type": "TextualBody", "value": "tag", "purpose": "tagging"}],
             "target": {"source": "x", "selector": {"type": "TextQuoteSelector", "exact": "e"}}}]}}"#;
        let imported = annotations_from_json(json).unwrap();
        assert_eq!(
            imported[0].id.to_string(),
            "67e55044-10b1-426f-9247-bb680e5fe0c8"
        );
        assert_eq!(imported[0].note, "note");
        assert_eq!(imported[0].tags, ["tag"]);
    }

    #[test]
    fn refuses_json_without_annotations() {
        assert!(matches!(
            annotations_from_json(r#"{"hello": 1}"#),
            Err(ExchangeError::NoAnnotations)
        ));
        assert!(matches!(
            annotations_from_json("{"),
            Err(ExchangeError::Json(_))
        ));
    }
}
