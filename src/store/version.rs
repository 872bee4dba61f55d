//! How merges order the versions of one annotation: by time, then a
//! tombstone over an annotation, then the content digest — a total order
//! that needs no clock and no machine name, so every machine agrees.

use std::cmp::Ordering;

use jiff::Timestamp;

use crate::annotate::Annotation;

/// One version of an annotation, as merges order them.
#[derive(Clone, Copy, Debug)]
pub(super) enum Version<'a> {
    Annotation(&'a Annotation),
    Tombstone(Timestamp),
}

impl Version<'_> {
    pub(super) fn time(&self) -> Timestamp {
        match self {
            Version::Annotation(annotation) => annotation.modified,
            Version::Tombstone(deleted) => *deleted,
        }
    }
}

impl PartialEq for Version<'_> {
    fn eq(&self, other: &Self) -> bool {
        self.cmp(other) == Ordering::Equal
    }
}

impl Eq for Version<'_> {}

impl PartialOrd for Version<'_> {
    fn partial_cmp(&self, other: &Self) -> Option<Ordering> {
        Some(self.cmp(other))
    }
}

impl Ord for Version<'_> {
    /// Later first; at one time a deletion wins; between two annotations
    /// of one time, the greater content digest (any rule both sides share
    /// would do: this one needs no clock and no machine name).
    fn cmp(&self, other: &Self) -> Ordering {
        self.time()
            .cmp(&other.time())
            .then_with(|| match (self, other) {
                (Version::Tombstone(_), Version::Tombstone(_)) => Ordering::Equal,
                (Version::Tombstone(_), Version::Annotation(_)) => Ordering::Greater,
                (Version::Annotation(_), Version::Tombstone(_)) => Ordering::Less,
                (Version::Annotation(a), Version::Annotation(b)) => {
                    content_digest(a).cmp(&content_digest(b))
                }
            })
    }
}

/// SHA-256 of everything an annotation holds, each part length-prefixed.
fn content_digest(annotation: &Annotation) -> [u8; 32] {
    use sha2::Digest as _;
    let mut hasher = sha2::Sha256::new();
    let mut part = |bytes: &[u8]| {
        hasher.update((bytes.len() as u64).to_le_bytes());
        hasher.update(bytes);
    };
    let anchor = &annotation.anchor;
    part(annotation.id.as_bytes());
    part(&annotation.created.as_millisecond().to_le_bytes());
    part(&(anchor.start_char as u64).to_le_bytes());
    part(&(anchor.end_char as u64).to_le_bytes());
    for text in [
        &anchor.exact,
        &anchor.prefix,
        &anchor.suffix,
        &annotation.note,
    ] {
        part(text.as_bytes());
    }
    part(format!("{:?}{:?}", annotation.color, annotation.style).as_bytes());
    part(&(annotation.tags.len() as u64).to_le_bytes());
    for tag in &annotation.tags {
        part(tag.as_bytes());
    }
    part(&(annotation.edit_counts.iter().count() as u64).to_le_bytes());
    for (device, count) in annotation.edit_counts.iter() {
        part(device.as_bytes());
        part(&count.to_le_bytes());
    }
    for (name, value) in &annotation.unknown_fields {
        part(name.as_bytes());
        part(value.as_bytes());
    }
    hasher.finalize().into()
}
