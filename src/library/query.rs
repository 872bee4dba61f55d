//! The search language of the library, as one box reads it: plain words and
//! `"phrases"` (all must match; case and diacritics ignored), and operators
//! `tag:NAME`, `-tag:NAME`, `color:yellow`, `has:note`, `-has:note`,
//! `in:quote`, `in:note`, `in:text` (article bodies), `is:orphaned`,
//! `is:missing` (the article's file is gone),
//! `folder:NAME`, `after:2026-01-01`, `before:2026-02-01`.

use super::LibraryError;

/// Where the words are looked for.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub enum Scope {
    /// Annotations (quote, note, tags), then article texts.
    #[default]
    Everywhere,
    Quote,
    Note,
    /// Article bodies only.
    Text,
}

/// A parsed search.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct Query {
    /// Words and phrases, each as typed (a phrase without its quotes).
    pub terms: Vec<String>,
    pub scope: Scope,
    /// Tags an annotation must have (`true`) or must not have (`false`),
    /// lower case.
    pub tags: Vec<(String, bool)>,
    pub colors: Vec<String>,
    pub has_note: Option<bool>,
    pub orphaned: bool,
    /// Annotations whose article file is gone (`is:missing`).
    pub missing: bool,
    /// Folder names the article's path must pass through.
    pub folders: Vec<String>,
    /// Modified on or after / before these days (`YYYY-MM-DD`).
    pub after: Option<String>,
    pub before: Option<String>,
}

/// The longest search, in bytes, and the most words and operators it may
/// have: a pasted page of text is not a search (300,000 terms took 91 s).
pub const MAX_QUERY_BYTES: usize = 4096;
pub const MAX_QUERY_TERMS: usize = 64;

impl Query {
    pub fn parse(text: &str) -> Result<Self, LibraryError> {
        let fail = |message: String| LibraryError::Query {
            query: text.chars().take(80).collect(),
            message,
        };
        if text.len() > MAX_QUERY_BYTES {
            return Err(fail(format!(
                "a search is at most {MAX_QUERY_BYTES} bytes (this one is {})",
                text.len()
            )));
        }
        if tokens(text).len() > MAX_QUERY_TERMS {
            return Err(fail(format!(
                "a search has at most {MAX_QUERY_TERMS} words and operators"
            )));
        }
        let mut query = Query::default();
        for token in tokens(text) {
            let word = match token {
                Token::Phrase(phrase) => {
                    if !phrase.trim().is_empty() {
                        query.terms.push(phrase);
                    }
                    continue;
                }
                Token::Word(word) => word,
            };
            let (negated, bare) = match word.strip_prefix('-') {
                Some(rest) if rest.contains(':') => (true, rest),
                _ => (false, word.as_str()),
            };
            let Some((key, value)) = bare
                .split_once(':')
                .filter(|(k, v)| is_operator(k) && !v.is_empty())
            else {
                query.terms.push(word);
                continue;
            };
            let value = value.to_lowercase();
            query.apply_operator(key, value, negated).map_err(fail)?;
        }
        Ok(query)
    }

    /// Takes `key:value` (`-key:value` when `negated`); why not, when the
    /// operator or its value is unknown.
    fn apply_operator(&mut self, key: &str, value: String, negated: bool) -> Result<(), String> {
        match key {
            "tag" => self.tags.push((value, !negated)),
            "color" | "colour" => {
                const COLORS: [&str; 5] = ["yellow", "green", "blue", "pink", "purple"];
                if !COLORS.contains(&value.as_str()) {
                    return Err(format!(
                        "no colour {value:?} (yellow, green, blue, pink or purple)"
                    ));
                }
                self.colors.push(value);
            }
            "has" if value == "note" => self.has_note = Some(!negated),
            "in" => {
                self.scope = match value.as_str() {
                    "quote" => Scope::Quote,
                    "note" => Scope::Note,
                    "text" => Scope::Text,
                    _ => return Err(format!("in:{value}: quote, note or text")),
                }
            }
            "is" if value == "orphaned" => self.orphaned = true,
            "is" if value == "missing" => self.missing = true,
            "folder" => self.folders.push(value),
            "after" | "before" => {
                let day: jiff::civil::Date = value
                    .parse()
                    .map_err(|_| format!("{key}:{value}: a day such as 2026-01-31"))?;
                let day = Some(day.to_string());
                if key == "after" {
                    self.after = day;
                } else {
                    self.before = day;
                }
            }
            _ => return Err(format!("{key}:{value} is not an operator")),
        }
        Ok(())
    }

    /// Whether only annotations can match (an operator about them is used).
    pub fn is_about_annotations(&self) -> bool {
        !self.tags.is_empty()
            || !self.colors.is_empty()
            || self.has_note.is_some()
            || self.orphaned
            || self.missing
            || matches!(self.scope, Scope::Quote | Scope::Note)
    }

    /// The words as an FTS5 match expression (each term a quoted string,
    /// all required), limited to `columns`; `None` without words.
    pub fn fts_match(&self, columns: &[&str]) -> Option<String> {
        if self.terms.is_empty() {
            return None;
        }
        let terms: Vec<String> = self
            .terms
            .iter()
            .map(|term| format!("\"{}\"", term.replace('"', "\"\"")))
            .collect();
        let terms = terms.join(" AND ");
        Some(if columns.is_empty() {
            terms
        } else {
            format!("{{{}}} : ({terms})", columns.join(" "))
        })
    }
}

fn is_operator(key: &str) -> bool {
    matches!(
        key,
        "tag" | "color" | "colour" | "has" | "in" | "is" | "folder" | "after" | "before"
    )
}

enum Token {
    Word(String),
    Phrase(String),
}

/// Words split at white space; `"…"` is one phrase (an unclosed one runs to
/// the end); an operator's value may be quoted (`tag:"two words"`).
fn tokens(text: &str) -> Vec<Token> {
    let mut tokens = Vec::new();
    let mut rest = text;
    loop {
        rest = rest.trim_start();
        if rest.is_empty() {
            return tokens;
        }
        if let Some(after_quote) = rest.strip_prefix('"') {
            let end = after_quote.find('"').unwrap_or(after_quote.len());
            tokens.push(Token::Phrase(after_quote[..end].to_owned()));
            rest = after_quote.get(end + 1..).unwrap_or("");
        } else if let Some((operator, value)) = quoted_operator(rest) {
            let end = value.find('"').unwrap_or(value.len());
            tokens.push(Token::Word(format!("{operator}{}", &value[..end])));
            rest = value.get(end + 1..).unwrap_or("");
        } else {
            let end = rest.find(char::is_whitespace).unwrap_or(rest.len());
            tokens.push(Token::Word(rest[..end].to_owned()));
            rest = &rest[end..];
        }
    }
}

/// `tag:"two words" …` as (`tag:`, `two words" …`): an operator whose value
/// is quoted.
fn quoted_operator(text: &str) -> Option<(&str, &str)> {
    let colon = text.find(':')?;
    let key = text[..colon].strip_prefix('-').unwrap_or(&text[..colon]);
    let value = text[colon + 1..].strip_prefix('"')?;
    is_operator(key).then_some((&text[..=colon], value))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn words_phrases_and_every_operator() {
        let query = Query::parse(
            "sanctions \"foreign policy\" tag:Methods -tag:draft color:Yellow has:note in:quote is:orphaned is:missing folder:news after:2026-01-01 before:2026-02-01",
        )
        .unwrap();
        assert_eq!(query.terms, ["sanctions", "foreign policy"]);
        assert_eq!(
            query.tags,
            [("methods".into(), true), ("draft".into(), false)]
        );
        assert_eq!(query.colors, ["yellow"]);
        assert_eq!(query.has_note, Some(true));
        assert_eq!(query.scope, Scope::Quote);
        assert!(query.orphaned && query.missing);
        assert_eq!(query.folders, ["news"]);
        assert_eq!(query.after.as_deref(), Some("2026-01-01"));
        assert_eq!(query.before.as_deref(), Some("2026-02-01"));
        assert_eq!(
            query.fts_match(&["quote"]).as_deref(),
            Some("{quote} : (\"sanctions\" AND \"foreign policy\")")
        );
    }

    #[test]
    fn words_that_only_look_like_operators_are_words() {
        let query = Query::parse("note: 10:30 \"say \"\"hi").unwrap();
        assert_eq!(query.terms, ["note:", "10:30", "say ", "hi"]);
        assert_eq!(
            query.fts_match(&[]).as_deref(),
            Some("\"note:\" AND \"10:30\" AND \"say \" AND \"hi\"")
        );
    }

    #[test]
    fn a_bad_operator_value_says_what_is_wrong() {
        let error = Query::parse("color:teal").unwrap_err().to_string();
        assert!(
            error.contains("teal") && error.contains("yellow"),
            "{error}"
        );
        let error = Query::parse("after:yesterday").unwrap_err().to_string();
        assert!(error.contains("2026-01-31"), "{error}");
        assert!(Query::parse("in:margins").is_err());
    }

    #[test]
    fn a_tag_of_two_words_is_quoted() {
        let query = Query::parse("tag:\"to read\" -tag:\"done now\" boats").unwrap();
        assert_eq!(
            query.tags,
            [("to read".into(), true), ("done now".into(), false)]
        );
        assert_eq!(query.terms, ["boats"]);
    }

    #[test]
    fn a_pasted_page_is_not_a_search() {
        let words = "word ".repeat(MAX_QUERY_TERMS + 1);
        let error = Query::parse(&words).unwrap_err().to_string();
        assert!(error.contains("at most 64 words"), "{error}");
        let long = "x".repeat(MAX_QUERY_BYTES + 1);
        let error = Query::parse(&long).unwrap_err().to_string();
        assert!(error.contains("at most 4096 bytes"), "{error}");
        assert!(Query::parse(&"word ".repeat(MAX_QUERY_TERMS)).is_ok());
    }
}
