//! A Markdown file's front matter: TOML between `+++` lines, or YAML between
//! `---` lines when it is a YAML mapping (a `---` block that is not, such as
//! a rule over a heading's underline, is Markdown). Title, author(s) and date
//! are read; the rest is ignored.

use pulldown_cmark::MetadataBlockKind;
use std::collections::HashMap;

use yaml_rust2::parser::{Event, EventReceiver, Parser};
use yaml_rust2::{Yaml, YamlLoader};

use crate::document::Metadata;

/// Front matter longer than this is not front matter (it is shown as text).
const MAX_FRONT_MATTER_BYTES: usize = 64 * 1024;

/// YAML whose aliases would expand past this many nodes is not read: a
/// few hundred bytes of nested aliases ("billion laughs") would otherwise
/// build a tree of billions of nodes.
const MAX_EXPANDED_YAML_NODES: u64 = 100_000;

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
    if yaml_expanded_nodes(text)? > MAX_EXPANDED_YAML_NODES {
        return None;
    }
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

/// How many nodes the YAML text's tree has once every alias is expanded,
/// counted from the parser's events without building the tree (`None` when
/// it does not parse). Stops counting once past the bound.
fn yaml_expanded_nodes(text: &str) -> Option<u64> {
    let mut counter = ExpandedNodeCounter::default();
    Parser::new_from_str(text).load(&mut counter, true).ok()?;
    Some(counter.total)
}

/// Counts the nodes each anchored node stands for, so an alias adds the
/// size of what it names.
#[derive(Default)]
struct ExpandedNodeCounter {
    /// The open sequences and mappings: their anchor ids and the total when
    /// they opened.
    open: Vec<(usize, u64)>,
    size_of_anchor: HashMap<usize, u64>,
    total: u64,
}

impl EventReceiver for ExpandedNodeCounter {
    fn on_event(&mut self, event: Event) {
        if self.total > MAX_EXPANDED_YAML_NODES {
            return;
        }
        match event {
            Event::Scalar(_, _, anchor, _) => {
                self.total += 1;
                if anchor != 0 {
                    self.size_of_anchor.insert(anchor, 1);
                }
            }
            Event::SequenceStart(anchor, _) | Event::MappingStart(anchor, _) => {
                self.total += 1;
                self.open.push((anchor, self.total - 1));
            }
            Event::SequenceEnd | Event::MappingEnd => {
                if let Some((anchor, total_at_start)) = self.open.pop()
                    && anchor != 0
                {
                    self.size_of_anchor
                        .insert(anchor, self.total - total_at_start);
                }
            }
            Event::Alias(anchor) => {
                let size = self.size_of_anchor.get(&anchor).copied().unwrap_or(1);
                self.total = self.total.saturating_add(size);
            }
            _ => {}
        }
    }
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

    /// Ten levels of ten aliases each: 481 bytes that would expand to ten
    /// billion nodes.
    fn alias_bomb() -> String {
        let mut yaml = String::from("a0: &a0 [x, x, x, x, x, x, x, x, x, x]\n");
        for level in 1..10 {
            let previous = format!("*a{}", level - 1);
            let items = [previous.as_str(); 10].join(", ");
            yaml.push_str(&format!("a{level}: &a{level} [{items}]\n"));
        }
        yaml
    }

    #[test]
    fn an_alias_bomb_is_not_expanded() {
        let bomb = alias_bomb();
        assert!(yaml_expanded_nodes(&bomb).unwrap() > MAX_EXPANDED_YAML_NODES);
        assert_eq!(yaml_fields(&bomb), None);
        let markdown = format!("---\ntitle: Bomb\n{bomb}---\n\nText");
        assert!(!opens_with_yaml_mapping(&markdown));
        // A few honest aliases still read.
        let fields = yaml_fields("base: &b Jane\nauthor: *b\n").unwrap();
        assert!(fields.contains(&("author".to_owned(), "Jane".to_owned())));
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
