//! Forward compatibility: fields a newer version writes, in annotation
//! records or at the top of the file, are read as their raw RON text and
//! written back unchanged by every save.

use serde::Deserialize;

/// The fields of an annotation record this version knows.
pub(super) const RECORD_FIELDS: &[&str] = &[
    "id", "created", "modified", "start", "end", "exact", "prefix", "suffix", "color", "style",
    "note", "tags", "edits",
];
/// The fields of the file this version knows.
pub(super) const FILE_FIELDS: &[&str] =
    &["format", "version", "document", "annotations", "tombstones"];

/// A marker for `fields` (kept in `kept`), or `None` when there are none.
pub(super) fn mark<'a>(
    fields: &'a [(String, String)],
    kept: &mut Vec<&'a [(String, String)]>,
) -> Option<String> {
    (!fields.is_empty()).then(|| {
        kept.push(fields);
        format!("{MARKER}{}@@", kept.len() - 1)
    })
}

/// Marks where kept fields go in the written text, on a line of its own.
const MARKER: &str = "@@marginalia-unknown-fields-";

/// The indent and the kept fields a marker line stands for.
pub(super) fn marked_fields<'a>(
    line: &'a str,
    kept: &[&'a [(String, String)]],
) -> Option<(&'a str, &'a [(String, String)])> {
    let trimmed = line.trim_start();
    let rest = trimmed
        .strip_prefix("__unknown: Some(\"")?
        .strip_prefix(MARKER)?;
    let index: usize = rest.split("@@").next()?.parse().ok()?;
    let indent = &line[..line.len() - trimmed.len()];
    kept.get(index).map(|fields| (indent, *fields))
}

/// The fields of one RON struct, each as its RON text.
struct RawStruct(Vec<(String, String)>);

impl<'de> Deserialize<'de> for RawStruct {
    fn deserialize<D: serde::Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        struct FieldsVisitor;
        impl<'de> serde::de::Visitor<'de> for FieldsVisitor {
            type Value = RawStruct;
            fn expecting(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
                f.write_str("a struct")
            }
            fn visit_map<A: serde::de::MapAccess<'de>>(
                self,
                mut map: A,
            ) -> Result<RawStruct, A::Error> {
                let mut fields = Vec::new();
                while let Some(name) = map.next_key::<String>()? {
                    let value: Box<ron::value::RawValue> = map.next_value()?;
                    fields.push((name, value.get_ron().trim().to_owned()));
                }
                Ok(RawStruct(fields))
            }
        }
        deserializer.deserialize_any(FieldsVisitor)
    }
}

/// The fields of a file and of its annotation records this version does
/// not know (a newer version's), by record.
#[derive(Default)]
pub(super) struct UnknownFields {
    pub(super) file: Vec<(String, String)>,
    pub(super) records: Vec<Vec<(String, String)>>,
}

/// Field names of the document block and of tombstones.
const OTHER_FIELDS: &[&str] = &[
    "file_name",
    "text_hash",
    "char_count",
    "title",
    "format",
    "id",
    "deleted",
];

/// Whether the text names a field this version does not know: a quick,
/// linear look (strings skipped) that spares the raw parse when, as
/// almost always, there is none.
fn names_unknown_fields(text: &str) -> bool {
    let bytes = text.as_bytes();
    let mut at = 0;
    while at < bytes.len() {
        match bytes[at] {
            b'"' => {
                at += 1;
                while at < bytes.len() && bytes[at] != b'"' {
                    at += if bytes[at] == b'\\' { 2 } else { 1 };
                }
                at += 1;
            }
            b'r' if bytes.get(at + 1).is_some_and(|b| *b == b'"' || *b == b'#') => return true,
            c if c.is_ascii_alphabetic() || c == b'_' => {
                let start = at;
                while at < bytes.len() && (bytes[at].is_ascii_alphanumeric() || bytes[at] == b'_') {
                    at += 1;
                }
                let name = &text[start..at];
                let rest = text[at..].trim_start();
                let known = RECORD_FIELDS.contains(&name)
                    || FILE_FIELDS.contains(&name)
                    || OTHER_FIELDS.contains(&name);
                if rest.starts_with(':') && !known {
                    return true;
                }
            }
            _ => at += 1,
        }
    }
    false
}

pub(super) fn unknown_fields_of(text: &str, options: ron::Options) -> UnknownFields {
    if !names_unknown_fields(text) {
        return UnknownFields::default();
    }
    let unknown = |fields: Vec<(String, String)>, known: &[&str]| -> Vec<(String, String)> {
        fields
            .into_iter()
            .filter(|(name, _)| !known.contains(&name.as_str()) && name != "__unknown")
            .collect()
    };
    let Ok(RawStruct(fields)) = options.from_str::<RawStruct>(text) else {
        return UnknownFields::default();
    };
    let records = fields
        .iter()
        .find(|(name, _)| name == "annotations")
        .and_then(|(_, raw)| options.from_str::<Vec<RawStruct>>(raw).ok())
        .unwrap_or_default()
        .into_iter()
        .map(|RawStruct(fields)| unknown(fields, RECORD_FIELDS))
        .collect();
    UnknownFields {
        file: unknown(fields, FILE_FIELDS),
        records,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn only_unknown_field_names_ask_for_the_raw_parse() {
        let known =
            "(format: \"x\", version: 1, annotations: [(id: \"a\", note: \"glow: 3\", tags: [])])";
        assert!(
            !names_unknown_fields(known),
            "a name inside a string is text"
        );
        assert!(names_unknown_fields("(format: \"x\", glow: (level: 3))"));
        assert!(!names_unknown_fields(
            "(color: green, style: highlight, title: Some(\"t\"))"
        ));
    }
}
