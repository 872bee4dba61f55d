//! A Markdown file's front matter: TOML between `+++` lines, or YAML between
//! `---` lines when it is a YAML mapping (a `---` block that is not, such as
//! a rule over a heading's underline, is Markdown). Title, author(s) and date
//! are read; the rest is ignored.

use pulldown_cmark::MetadataBlockKind;
use yaml_rust2::{Yaml, YamlLoader};

use crate::document::Metadata;

/// Front matter longer than this is not front matter (it is shown as text).
const MAX_FRONT_MATTER_BYTES: usize = 64 * 1024;

/// Whether the text opens with a `---` block (closed by `---` or `...`)
/// that parses as a YAML mapping.
pub(super) fn opens_with_yaml_mapping(text: &str) -> bool {
    let mut lines = text.trim_start_matches('\u{feff}').lines();
    if lines.next().map(str::trim_end) != Some("---") {
        return false;
    }
    let mut block = String::new();
    for line in lines {
        if matches!(line.trim_end(), "---" | "...") {
            return yaml_fields(&block).is_some();
        }
        block.push_str(line);
        block.push('\n');
        if block.len() > MAX_FRONT_MATTER_BYTES {
            return false;
        }
    }
    false
}

/// Title, author(s) and date from a front matter block's text.
pub(super) fn read_front_matter(
    text: &str,
    kind: Option<MetadataBlockKind>,
    metadata: &mut Metadata,
) {
    let fields = match kind {
        Some(MetadataBlockKind::PlusesStyle) => toml_fields(text),
        _ => yaml_fields(text),
    };
    for (key, value) in fields.unwrap_or_default() {
        let value = value.trim().to_owned();
        if value.is_empty() {
            continue;
        }
        match key.to_ascii_lowercase().as_str() {
            "title" if metadata.title.is_none() => metadata.title = Some(value),
            "author" | "authors" if metadata.byline.is_none() => metadata.byline = Some(value),
            "date" | "published" if metadata.date.is_none() => metadata.date = Some(value),
            // Blog paths often carry the date: "2024/11/28/Rust-1.83.0".
            "path" if metadata.date.is_none() => metadata.date = date_in_path(&value),
            _ => {}
        }
    }
}

/// The date in a path such as "2024/11/28/Rust-1.83.0", as "2024-11-28".
fn date_in_path(path: &str) -> Option<String> {
    let parts: Vec<&str> = path.split('/').filter(|p| !p.is_empty()).collect();
    let window = parts
        .windows(3)
        .find(|w| w[0].len() == 4 && w.iter().all(|p| p.chars().all(|c| c.is_ascii_digit())))?;
    Some(format!("{}-{}-{}", window[0], window[1], window[2]))
}

/// A YAML mapping's text fields (lists of texts joined with commas); `None`
/// when the text is not one YAML mapping.
fn yaml_fields(text: &str) -> Option<Vec<(String, String)>> {
    let documents = YamlLoader::load_from_str(text).ok()?;
    let [Yaml::Hash(mapping)] = documents.as_slice() else {
        return None;
    };
    let text_of = |value: &Yaml| match value {
        Yaml::String(s) | Yaml::Real(s) => Some(s.clone()),
        Yaml::Integer(i) => Some(i.to_string()),
        _ => None,
    };
    let fields = mapping
        .iter()
        .filter_map(|(key, value)| {
            let key = key.as_str()?.to_owned();
            let value = match value {
                Yaml::Array(items) => {
                    let items: Vec<String> = items.iter().filter_map(text_of).collect();
                    items.join(", ")
                }
                Yaml::Hash(author) => author.get(&Yaml::String("name".into())).and_then(text_of)?,
                other => text_of(other)?,
            };
            Some((key, value))
        })
        .collect();
    Some(fields)
}

/// A TOML table's text fields (lists of texts joined with commas, dates as
/// written).
fn toml_fields(text: &str) -> Option<Vec<(String, String)>> {
    let table = text.parse::<toml::Table>().ok()?;
    let fields = table
        .iter()
        .filter_map(|(key, value)| {
            let value = match value {
                toml::Value::String(s) => s.clone(),
                toml::Value::Array(items) => items
                    .iter()
                    .filter_map(|i| i.as_str())
                    .collect::<Vec<_>>()
                    .join(", "),
                toml::Value::Datetime(d) => d.to_string(),
                _ => return None,
            };
            Some((key.clone(), value))
        })
        .collect();
    Some(fields)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn yaml(text: &str) -> Metadata {
        let mut metadata = Metadata::default();
        read_front_matter(text, Some(MetadataBlockKind::YamlStyle), &mut metadata);
        metadata
    }

    #[test]
    fn only_a_yaml_mapping_opens_as_front_matter() {
        assert!(opens_with_yaml_mapping("---\ntitle: A post\n---\n\nText"));
        assert!(opens_with_yaml_mapping(
            "\u{feff}---\ntitle: A post\n...\nText"
        ));
        assert!(!opens_with_yaml_mapping(
            "---\nThis line is a heading under a rule.\n---\n\nText"
        ));
        assert!(!opens_with_yaml_mapping(
            "---\n- a list\n- not a mapping\n---\n"
        ));
        assert!(!opens_with_yaml_mapping("---\ntitle: never closed\n\nText"));
        assert!(!opens_with_yaml_mapping(
            "Text\n---\ntitle: not at the top\n---\n"
        ));
    }

    #[test]
    fn yaml_values_are_read_as_yaml() {
        let metadata = yaml(
            "title: \"Rust: the year ahead\"\nauthors:\n  - Jane Doe\n  - Ann Lee\ndate: 2024-11-28\ntags: [a, b]\n",
        );
        assert_eq!(metadata.title.as_deref(), Some("Rust: the year ahead"));
        assert_eq!(metadata.byline.as_deref(), Some("Jane Doe, Ann Lee"));
        assert_eq!(metadata.date.as_deref(), Some("2024-11-28"));
        let author =
            yaml("title: 'It''s here'\nauthor:\n  name: Jane Doe\n  url: https://example.org\n");
        assert_eq!(author.title.as_deref(), Some("It's here"));
        assert_eq!(author.byline.as_deref(), Some("Jane Doe"));
    }

    #[test]
    fn a_blog_path_gives_the_date() {
        assert_eq!(
            date_in_path("2024/11/28/Rust-1.83.0").as_deref(),
            Some("2024-11-28")
        );
        assert_eq!(date_in_path("inside-rust/core-team").as_deref(), None);
    }
}
