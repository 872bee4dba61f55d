//! The house's rules, read from the source: the window's rooms never reach
//! for the app (only `ui/app.rs`, its dispatcher under `ui/app/`, and the
//! code that starts the window name `MarginaliaApp`); no file in `src/`
//! is over 500 lines; no function is 60 lines or more.

use std::path::{Path, PathBuf};

const MAX_FILE_LINES: usize = 500;
const MAX_FUNCTION_LINES: usize = 60;

/// Every `.rs` file under `src/`, with its path from the crate's root.
fn sources() -> Vec<(PathBuf, String)> {
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let mut files = Vec::new();
    let mut folders = vec![root.join("src")];
    while let Some(folder) = folders.pop() {
        for entry in std::fs::read_dir(&folder).expect("src is readable") {
            let path = entry.expect("a folder entry").path();
            if path.is_dir() {
                folders.push(path);
            } else if path.extension().is_some_and(|e| e == "rs") {
                let text = std::fs::read_to_string(&path).expect("a source file");
                let relative = path.strip_prefix(root).expect("under the root").to_owned();
                files.push((relative, text));
            }
        }
    }
    files.sort();
    assert!(files.len() > 50, "too few sources found: {}", files.len());
    files
}

/// The code of a Rust file with its comments, strings and character
/// literals blanked (line breaks kept), so braces and names in them do not
/// count.
fn code_only(source: &str) -> String {
    let chars: Vec<char> = source.chars().collect();
    let mut out = String::with_capacity(source.len());
    let mut i = 0;
    let blank = |c: char| if c == '\n' { '\n' } else { ' ' };
    while i < chars.len() {
        let rest = &chars[i..];
        let end = if rest.starts_with(&['/', '/']) {
            rest.iter().position(|&c| c == '\n').unwrap_or(rest.len())
        } else if rest.starts_with(&['/', '*']) {
            block_comment_len(rest)
        } else if let Some(len) = string_len(rest, i.checked_sub(1).map(|p| chars[p])) {
            len
        } else if let Some(len) = char_literal_len(rest) {
            len
        } else {
            out.push(chars[i]);
            i += 1;
            continue;
        };
        out.extend(rest[..end].iter().map(|&c| blank(c)));
        i += end;
    }
    out
}

/// The length of a block comment (they nest).
fn block_comment_len(rest: &[char]) -> usize {
    let (mut depth, mut i) = (0, 0);
    while i < rest.len() {
        if rest[i..].starts_with(&['/', '*']) {
            depth += 1;
            i += 2;
        } else if rest[i..].starts_with(&['*', '/']) {
            depth -= 1;
            i += 2;
            if depth == 0 {
                return i;
            }
        } else {
            i += 1;
        }
    }
    rest.len()
}

/// The length of a string literal starting here ("…", r#"…"#, b"…").
fn string_len(rest: &[char], before: Option<char>) -> Option<usize> {
    if before.is_some_and(|c| c.is_alphanumeric() || c == '_') {
        return None;
    }
    let mut i = usize::from(rest[0] == 'b');
    if rest.get(i) == Some(&'r') {
        let hashes = rest[i + 1..].iter().take_while(|&&c| c == '#').count();
        if rest.get(i + 1 + hashes) != Some(&'"') {
            return None;
        }
        let close: Vec<char> = std::iter::once('"')
            .chain(std::iter::repeat_n('#', hashes))
            .collect();
        i += 2 + hashes;
        while i < rest.len() && !rest[i..].starts_with(&close) {
            i += 1;
        }
        return Some((i + close.len()).min(rest.len()));
    }
    if rest.get(i) != Some(&'"') {
        return None;
    }
    i += 1;
    while i < rest.len() && rest[i] != '"' {
        i += if rest[i] == '\\' { 2 } else { 1 };
    }
    Some((i + 1).min(rest.len()))
}

/// The length of a character literal ('x', '\n', '\u{1F600}'), not a lifetime.
fn char_literal_len(rest: &[char]) -> Option<usize> {
    if rest[0] != '\'' {
        return None;
    }
    let close = if rest.get(1) == Some(&'\\') {
        rest.iter().skip(2).position(|&c| c == '\'')? + 2
    } else {
        2
    };
    (rest.get(close) == Some(&'\'')).then_some(close + 1)
}

/// Each function's name, first line (from 1) and length in lines, from
/// its `fn` to its closing brace.
fn functions(code: &str) -> Vec<(String, usize, usize)> {
    let lines: Vec<&str> = code.lines().collect();
    let mut found = Vec::new();
    for (start, line) in lines.iter().enumerate() {
        let Some(name) = function_name(line) else {
            continue;
        };
        let mut depth = 0usize;
        let mut opened = false;
        'body: for (offset, body_line) in lines[start..].iter().enumerate() {
            for c in body_line.chars() {
                match c {
                    ';' if !opened => break 'body, // A declaration in a trait.
                    '{' => {
                        opened = true;
                        depth += 1;
                    }
                    '}' => {
                        depth = depth.saturating_sub(1);
                        if opened && depth == 0 {
                            found.push((name, start + 1, offset + 1));
                            break 'body;
                        }
                    }
                    _ => {}
                }
            }
        }
    }
    found
}

/// The name of the function a line declares, if it does.
fn function_name(line: &str) -> Option<String> {
    let words: Vec<&str> = line.split_whitespace().collect();
    let at = words.iter().position(|w| *w == "fn")?;
    let qualifiers = ["pub", "const", "async", "unsafe", "extern"];
    let before_ok = words[..at]
        .iter()
        .all(|w| qualifiers.contains(w) || w.starts_with("pub("));
    let name: String = words
        .get(at + 1)?
        .chars()
        .take_while(|c| c.is_alphanumeric() || *c == '_')
        .collect();
    (before_ok && !name.is_empty()).then_some(name)
}

/// Whether the code names `MarginaliaApp` (a use, a type, an impl).
fn names_the_app(code: &str) -> bool {
    code.split(|c: char| !(c.is_alphanumeric() || c == '_'))
        .any(|word| word == "MarginaliaApp")
}

/// The app's own files: the app, its dispatcher, what starts the window.
fn is_the_apps_own(path: &Path) -> bool {
    let path = path.to_string_lossy().replace('\\', "/");
    path == "src/ui/app.rs"
        || path.starts_with("src/ui/app/")
        || path == "src/ui/run.rs"
        || path == "src/ui/mod.rs"
}

/// Rooms that reach for the app.
fn rooms_naming_the_app(files: &[(PathBuf, String)]) -> Vec<String> {
    files
        .iter()
        .filter(|(path, _)| path.starts_with("src/ui") && !is_the_apps_own(path))
        .filter(|(_, text)| names_the_app(&code_only(text)))
        .map(|(path, _)| path.display().to_string())
        .collect()
}

#[test]
fn no_room_of_the_window_names_the_app() {
    let offenders = rooms_naming_the_app(&sources());
    assert!(
        offenders.is_empty(),
        "these files under src/ui reach for MarginaliaApp; a room is handed a \
         ViewContext and sends commands instead: {offenders:?}"
    );
}

#[test]
fn the_app_is_implemented_only_by_the_app_and_its_dispatcher() {
    let offenders: Vec<String> = sources()
        .iter()
        .filter(|(_, text)| code_only(text).contains("impl MarginaliaApp"))
        .map(|(path, _)| path.to_string_lossy().replace('\\', "/"))
        .filter(|path| path != "src/ui/app.rs" && !path.starts_with("src/ui/app/dispatch"))
        .collect();
    assert!(offenders.is_empty(), "impl MarginaliaApp in {offenders:?}");
}

#[test]
fn no_source_file_is_over_500_lines() {
    let long: Vec<String> = sources()
        .iter()
        .map(|(path, text)| (path, text.lines().count()))
        .filter(|(_, lines)| *lines > MAX_FILE_LINES)
        .map(|(path, lines)| format!("{} ({lines} lines)", path.display()))
        .collect();
    assert!(long.is_empty(), "split by concern: {long:?}");
}

#[test]
fn every_function_is_under_60_lines() {
    let mut long = Vec::new();
    for (path, text) in sources() {
        for (name, line, length) in functions(&code_only(&text)) {
            if length >= MAX_FUNCTION_LINES {
                long.push(format!("{}:{line} {name} ({length} lines)", path.display()));
            }
        }
    }
    assert!(long.is_empty(), "split these: {long:#?}");
}

#[test]
fn a_room_that_imports_the_app_is_caught() {
    let files = vec![
        (
            PathBuf::from("src/ui/find.rs"),
            "use super::app::MarginaliaApp;\nstruct FindBar;".to_owned(),
        ),
        (
            PathBuf::from("src/ui/page.rs"),
            "// MarginaliaApp is not named here, only in this comment.\n\
             const S: &str = \"MarginaliaApp\";"
                .to_owned(),
        ),
        (
            PathBuf::from("src/ui/app/dispatch/mod.rs"),
            "impl MarginaliaApp {}".to_owned(),
        ),
    ];
    assert_eq!(rooms_naming_the_app(&files), vec!["src/ui/find.rs"]);
}

#[test]
fn functions_are_measured_from_fn_to_the_closing_brace() {
    let code = code_only(
        "fn a() {\n    let s = \"}\";\n    let c = '}';\n    // }\n}\n\
         trait T {\n    fn b(&self);\n}\n\
         pub(crate) fn c<'a>(x: &'a str) -> &'a str {\n    x\n}\n",
    );
    assert_eq!(
        functions(&code),
        vec![("a".to_owned(), 1, 5), ("c".to_owned(), 9, 3)]
    );
}
