//! The sidecar file format, version 1 (RON). `annotations/FORMAT.md`
//! documents every field.

use jiff::Timestamp;
use serde::{Deserialize, Serialize};
use sha2::{Digest, Sha256};
use uuid::Uuid;

use crate::annotate::timestamps::deserialize_clamped;
use crate::annotate::{Anchor, Annotation, EditCounts, HighlightColor, HighlightStyle};
use crate::document::{Document, Format};

use super::unknown::{mark, marked_fields, unknown_fields_of};
use super::{AnnotationSet, StoreError};

pub const FORMAT_NAME: &str = "marginalia-annotations";
pub const FORMAT_VERSION: u32 = 1;
/// A sidecar larger than this is refused, not read.
pub const MAX_SIDECAR_BYTES: u64 = 64 * 1024 * 1024;
/// RON nesting deeper than this is refused (a v1 sidecar is 4 deep).
const MAX_NESTING: usize = 32;

/// What the sidecar records of the document it was written against.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct DocumentInfo {
    pub file_name: String,
    /// `sha256:` and the hex SHA-256 of the canonical text (UTF-8).
    pub text_hash: String,
    /// Length of the canonical text in chars.
    pub char_count: usize,
    #[serde(default)]
    pub title: Option<String>,
    pub format: Format,
}

impl DocumentInfo {
    pub fn of(document: &Document, file_name: &str) -> Self {
        DocumentInfo {
            file_name: file_name.to_owned(),
            text_hash: text_hash(document.text()),
            char_count: document.char_count(),
            title: document.metadata.title.clone(),
            format: document.format,
        }
    }
}

pub fn text_hash(text: &str) -> String {
    let digest = Sha256::digest(text.as_bytes());
    let mut hex = String::with_capacity(7 + 64);
    hex.push_str("sha256:");
    for byte in digest {
        hex.push_str(&format!("{byte:02x}"));
    }
    hex
}

/// One annotation as stored: flat, in a fixed field order.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
struct AnnotationRecord {
    id: Uuid,
    #[serde(deserialize_with = "deserialize_clamped")]
    created: Timestamp,
    #[serde(deserialize_with = "deserialize_clamped")]
    modified: Timestamp,
    start: usize,
    end: usize,
    exact: String,
    #[serde(default)]
    prefix: String,
    #[serde(default)]
    suffix: String,
    #[serde(default)]
    color: HighlightColor,
    #[serde(default)]
    style: HighlightStyle,
    #[serde(default)]
    note: String,
    #[serde(default)]
    tags: Vec<String>,
    /// Edits per device this version has seen (absent before they were kept).
    #[serde(default, skip_serializing_if = "EditCounts::is_empty")]
    edits: EditCounts,
    /// Where a newer version's fields go when written (see `unknown`).
    #[serde(
        rename = "__unknown",
        skip_deserializing,
        skip_serializing_if = "Option::is_none"
    )]
    unknown_marker: Option<String>,
}

impl From<&Annotation> for AnnotationRecord {
    fn from(a: &Annotation) -> Self {
        AnnotationRecord {
            id: a.id,
            created: a.created,
            modified: a.modified,
            start: a.anchor.start_char,
            end: a.anchor.end_char,
            exact: a.anchor.exact.clone(),
            prefix: a.anchor.prefix.clone(),
            suffix: a.anchor.suffix.clone(),
            color: a.color,
            style: a.style,
            note: a.note.clone(),
            tags: a.tags.clone(),
            edits: a.edit_counts.clone(),
            unknown_marker: None,
        }
    }
}

impl From<AnnotationRecord> for Annotation {
    fn from(r: AnnotationRecord) -> Self {
        Annotation {
            id: r.id,
            created: r.created,
            modified: r.modified,
            anchor: Anchor {
                start_char: r.start,
                end_char: r.end.max(r.start),
                exact: r.exact,
                prefix: r.prefix,
                suffix: r.suffix,
            },
            color: r.color,
            style: r.style,
            note: r.note,
            tags: r.tags,
            edit_counts: r.edits,
            unknown_fields: Vec::new(),
        }
    }
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Tombstone {
    pub id: Uuid,
    #[serde(deserialize_with = "deserialize_clamped")]
    pub deleted: Timestamp,
}

#[derive(Debug, Serialize, Deserialize)]
struct SidecarFile {
    format: String,
    version: u32,
    document: DocumentInfo,
    annotations: Vec<AnnotationRecord>,
    #[serde(default)]
    tombstones: Vec<Tombstone>,
    #[serde(
        rename = "__unknown",
        skip_deserializing,
        skip_serializing_if = "Option::is_none"
    )]
    unknown_marker: Option<String>,
}

/// Just enough to tell the format and version of any sidecar.
#[derive(Debug, Deserialize)]
struct SidecarHeader {
    format: String,
    version: u32,
}

/// A sidecar read from disk.
#[derive(Clone, Debug, PartialEq)]
pub struct Sidecar {
    pub document: DocumentInfo,
    pub set: AnnotationSet,
    /// The format version of the file; a newer one is read but never written.
    pub version: u32,
    /// Annotations that shared an id with another: each is kept, under a
    /// new id (the id it had, the id it has now).
    pub renamed: Vec<(Uuid, Uuid)>,
    /// Top-level fields a newer version wrote: name and RON text, kept.
    pub unknown_fields: Vec<(String, String)>,
}

impl Sidecar {
    /// A sidecar as this version writes it.
    pub fn new(document: DocumentInfo, set: AnnotationSet) -> Self {
        Self {
            document,
            set,
            version: FORMAT_VERSION,
            renamed: Vec::new(),
            unknown_fields: Vec::new(),
        }
    }
}

/// Parses a sidecar. `path` names the file in errors.
pub fn parse_sidecar(bytes: &[u8], path: &std::path::Path) -> Result<Sidecar, StoreError> {
    let owned = || path.to_path_buf();
    if bytes.len() as u64 > MAX_SIDECAR_BYTES {
        return Err(StoreError::TooLarge {
            path: owned(),
            size: bytes.len() as u64,
        });
    }
    let text = utf8_text(bytes, path)?;
    // Some editors begin a UTF-8 file with a byte order mark.
    let text = text.strip_prefix('\u{FEFF}').unwrap_or(text);
    let options = ron::Options::default().with_recursion_limit(MAX_NESTING);
    let parse_error = |e: ron::error::SpannedError| StoreError::Parse {
        path: owned(),
        line: e.span.start.line,
        column: e.span.start.col,
        message: e.code.to_string(),
    };
    let header: SidecarHeader = options.from_str(text).map_err(parse_error)?;
    if header.format != FORMAT_NAME {
        return Err(StoreError::NotASidecar {
            path: owned(),
            format: header.format,
        });
    }
    let newer = || StoreError::NewerVersion {
        path: owned(),
        version: header.version,
    };
    // A newer version is read as far as this one understands it (to show
    // and export it); it is never written.
    let file: SidecarFile = match options.from_str(text) {
        Ok(file) => file,
        Err(_) if header.version > FORMAT_VERSION => return Err(newer()),
        Err(error) => return Err(parse_error(error)),
    };
    let unknown = unknown_fields_of(text, options);
    let (mut set, renamed) = annotations_of(file.annotations, &unknown.records);
    for tombstone in file.tombstones {
        set.bury(tombstone.id, tombstone.deleted);
    }
    Ok(Sidecar {
        document: file.document,
        set,
        version: header.version,
        renamed,
        unknown_fields: unknown.file,
    })
}

/// The file's text; where it stops being UTF-8 when it is not.
fn utf8_text<'a>(bytes: &'a [u8], path: &std::path::Path) -> Result<&'a str, StoreError> {
    std::str::from_utf8(bytes).map_err(|e| {
        let (line, column) = line_and_column(bytes, e.valid_up_to());
        StoreError::Parse {
            path: path.to_path_buf(),
            line,
            column,
            message: "the file is not UTF-8 text".to_owned(),
        }
    })
}

/// The annotations read, with the fields a newer version added kept; two
/// with one id are both kept (the second under a new id, returned with
/// the old one), a repeated one once.
fn annotations_of(
    records: Vec<AnnotationRecord>,
    unknown: &[Vec<(String, String)>],
) -> (AnnotationSet, Vec<(Uuid, Uuid)>) {
    let mut set = AnnotationSet::default();
    let mut renamed = Vec::new();
    for (index, record) in records.into_iter().enumerate() {
        let mut annotation: Annotation = record.into();
        if let Some(fields) = unknown.get(index) {
            annotation.unknown_fields.clone_from(fields);
        }
        if let Some(first) = set.get(annotation.id) {
            if first.same_content(&annotation) {
                continue;
            }
            let new_id = annotation.id_when_colliding();
            renamed.push((annotation.id, new_id));
            annotation.id = new_id;
        }
        set.upsert(annotation);
    }
    (set, renamed)
}

/// Writes a sidecar: same annotations, same bytes; one annotation per block
/// of lines, in document order, so diffs and merges stay readable.
pub fn sidecar_to_string(document: &DocumentInfo, set: &AnnotationSet) -> String {
    sidecar_to_string_keeping(document, set, &[])
}

/// As [`sidecar_to_string`], with top-level fields of a newer version kept;
/// annotations keep theirs.
pub fn sidecar_to_string_keeping(
    document: &DocumentInfo,
    set: &AnnotationSet,
    unknown_fields: &[(String, String)],
) -> String {
    let mut kept: Vec<&[(String, String)]> = Vec::new();
    let annotations: Vec<&Annotation> = set.in_document_order().collect();
    let mut records = Vec::with_capacity(annotations.len());
    for annotation in annotations {
        let mut record = AnnotationRecord::from(annotation);
        record.unknown_marker = mark(&annotation.unknown_fields, &mut kept);
        records.push(record);
    }
    let file = SidecarFile {
        format: FORMAT_NAME.to_owned(),
        version: FORMAT_VERSION,
        document: document.clone(),
        annotations: records,
        tombstones: set.tombstones(),
        unknown_marker: mark(unknown_fields, &mut kept),
    };
    let config = ron::ser::PrettyConfig::new()
        .new_line("\n")
        .indentor("    ")
        .struct_names(false)
        .separate_tuple_members(false)
        .enumerate_arrays(false);
    let text = ron::Options::default()
        .to_string_pretty(&file, config)
        // Serialising plain data to a String cannot fail.
        .unwrap_or_else(|e| unreachable!("RON serialisation failed: {e}"));
    let mut out = String::with_capacity(text.len() + 1);
    for line in text.split_inclusive('\n') {
        match marked_fields(line, &kept) {
            Some((indent, fields)) => {
                for (name, value) in fields {
                    out.push_str(&format!("{indent}{name}: {value},\n"));
                }
            }
            None => out.push_str(line),
        }
    }
    out.push('\n');
    out
}

fn line_and_column(bytes: &[u8], offset: usize) -> (usize, usize) {
    let before = &bytes[..offset.min(bytes.len())];
    let line = before.iter().filter(|&&b| b == b'\n').count() + 1;
    let column = offset
        - before
            .iter()
            .rposition(|&b| b == b'\n')
            .map_or(0, |p| p + 1)
        + 1;
    (line, column)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::annotate::IndexedText;
    use std::path::Path;

    fn info() -> DocumentInfo {
        DocumentInfo {
            file_name: "a.txt".into(),
            text_hash: text_hash("Hello world"),
            char_count: 11,
            title: Some("Hello".into()),
            format: Format::Text,
        }
    }

    #[test]
    fn round_trips_and_is_deterministic() {
        let text = IndexedText::new("Hello world");
        let mut set = AnnotationSet::default();
        let mut a = Annotation::new(&text, 6..11, HighlightColor::Green);
        a.note = "A note\nwith two lines and \"quotes\"".into();
        a.tags = vec!["tag one".into(), "b".into()];
        set.upsert(a);
        set.upsert(Annotation::new(&text, 0..5, HighlightColor::Yellow));
        let written = sidecar_to_string(&info(), &set);
        let parsed = parse_sidecar(written.as_bytes(), Path::new("a.ron")).unwrap();
        assert_eq!(parsed.set, set);
        assert_eq!(parsed.document, info());
        assert_eq!(sidecar_to_string(&parsed.document, &parsed.set), written);
        assert!(
            written.find("exact: \"Hello\"").unwrap() < written.find("exact: \"world\"").unwrap()
        );
    }

    #[test]
    fn a_parse_error_names_file_line_and_column() {
        let error = parse_sidecar(
            b"(\n  format: \"marginalia-annotations\",\n  version: ]",
            Path::new("/x/a.ron"),
        )
        .unwrap_err();
        let message = error.to_string();
        assert!(message.starts_with("/x/a.ron:3:"), "{message}");
    }

    #[test]
    fn a_newer_version_is_refused_by_name() {
        let text = "(format: \"marginalia-annotations\", version: 7, anything: [1, 2])";
        let error = parse_sidecar(text.as_bytes(), Path::new("a.ron")).unwrap_err();
        assert!(
            matches!(error, StoreError::NewerVersion { version: 7, .. }),
            "{error}"
        );
    }

    #[test]
    fn deep_nesting_is_refused_without_overflow() {
        let text = "[".repeat(100_000);
        assert!(parse_sidecar(text.as_bytes(), Path::new("a.ron")).is_err());
    }

    #[test]
    fn hash_is_sha256_hex() {
        assert_eq!(
            text_hash(""),
            "sha256:e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855"
        );
    }
}
