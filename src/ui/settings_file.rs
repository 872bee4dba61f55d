//! The window's settings file (eframe's `app.ron`: recent files, saved
//! searches, the theme) looked at before eframe reads it. eframe opens it
//! with a plain `open` (a FIFO there would keep the window from ever
//! appearing) and, when it cannot parse it, starts empty and writes over it
//! at exit. A file we cannot read is moved aside instead, kept whole, and
//! the window says where.

use std::collections::HashMap;
use std::path::{Path, PathBuf};

use crate::regular_file::read_regular_text;

use super::settings::Settings;

/// The most the settings file may hold.
const MAX_SETTINGS_BYTES: u64 = 16 * 1024 * 1024;

/// eframe's file in its storage folder.
const SETTINGS_FILE: &str = "app.ron";

/// Moves the settings file in `folder` aside when it cannot be read as
/// settings; what the window should say about it.
pub(super) fn set_aside_unreadable_settings(folder: &Path, settings_key: &str) -> Option<String> {
    let path = folder.join(SETTINGS_FILE);
    let problem = problem_with(&path, settings_key)?;
    let aside = aside_path(&path);
    log::warn!(
        "{}: {problem}; moved aside to {}",
        path.display(),
        aside.display()
    );
    match std::fs::rename(&path, &aside) {
        Ok(()) => Some(format!(
            "Your window settings (recent files, saved searches) in {} could not be read: {problem}. The file is kept as {}; the app starts with default settings.",
            path.display(),
            aside.display()
        )),
        Err(error) => Some(format!(
            "Your window settings in {} could not be read ({problem}) nor moved aside ({error}); move it away to keep your settings.",
            path.display()
        )),
    }
}

/// Why the file at `path` cannot be read as settings; `None` when it can
/// (or there is none).
fn problem_with(path: &Path, settings_key: &str) -> Option<String> {
    let text = match read_regular_text(path, MAX_SETTINGS_BYTES) {
        Ok(Some(text)) => text,
        Ok(None) => return None,
        Err(error) => return Some(error.problem()),
    };
    let values: HashMap<String, String> = match ron::from_str(&text) {
        Ok(values) => values,
        Err(error) => return Some(error.to_string()),
    };
    let ours = values.get(settings_key)?;
    ron::from_str::<Settings>(ours)
        .err()
        .map(|error| format!("its Marginalia settings: {error}"))
}

/// `app.ron.unreadable-20261202T191100`, unused.
fn aside_path(path: &Path) -> PathBuf {
    let stamp = jiff::Timestamp::now().strftime("%Y%m%dT%H%M%S").to_string();
    let base = format!("{}.unreadable-{stamp}", path.display());
    (0..)
        .map(|n| match n {
            0 => PathBuf::from(&base),
            n => PathBuf::from(format!("{base}-{n}")),
        })
        .find(|candidate| std::fs::symlink_metadata(candidate).is_err())
        .unwrap_or_else(|| PathBuf::from(base))
}

#[cfg(test)]
mod tests {
    use super::*;

    const KEY: &str = "marginalia-settings";

    #[test]
    fn a_good_file_or_none_is_left_alone() {
        let dir = tempfile::tempdir().unwrap();
        assert_eq!(set_aside_unreadable_settings(dir.path(), KEY), None);
        let settings = ron::to_string(&Settings::default()).unwrap();
        let file = ron::to_string(&HashMap::from([(KEY.to_owned(), settings)])).unwrap();
        std::fs::write(dir.path().join(SETTINGS_FILE), &file).unwrap();
        assert_eq!(set_aside_unreadable_settings(dir.path(), KEY), None);
        assert_eq!(
            std::fs::read_to_string(dir.path().join(SETTINGS_FILE)).unwrap(),
            file
        );
    }

    #[test]
    fn an_unreadable_file_is_kept_aside_whole_and_named() {
        for damage in ["{\"marginalia-settings\": \"(recent", "fifo"] {
            let dir = tempfile::tempdir().unwrap();
            let path = dir.path().join(SETTINGS_FILE);
            if damage == "fifo" {
                let made = std::process::Command::new("mkfifo").arg(&path).status();
                assert!(made.unwrap().success());
            } else {
                std::fs::write(&path, damage).unwrap();
            }
            let message = set_aside_unreadable_settings(dir.path(), KEY).expect(damage);
            assert!(message.contains("app.ron"), "{message}");
            assert!(!path.exists(), "moved aside, so eframe starts afresh");
            let kept: Vec<_> = std::fs::read_dir(dir.path()).unwrap().flatten().collect();
            assert_eq!(kept.len(), 1);
            let kept_name = kept[0].file_name().to_string_lossy().into_owned();
            assert!(kept_name.starts_with("app.ron.unreadable-"), "{kept_name}");
            assert!(message.contains(&kept_name), "{message}");
            if damage != "fifo" {
                assert_eq!(std::fs::read_to_string(kept[0].path()).unwrap(), damage);
            }
        }
    }
}
