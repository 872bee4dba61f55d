//! Showing a file dialog, blocking its own thread: through `rfd` (the
//! desktop portal, which titles the dialog and opens it in the folder
//! asked), or, where no session bus runs and so no portal can answer, zenity
//! called directly with its title and folder — `rfd`'s own zenity fallback
//! drops both (a dialog titled "zenity", opening in Recent).

use std::path::{Path, PathBuf};
use std::process::Command;

use super::dialogs::{DialogKind, DialogSpec};

/// The path picked, or `None` when the dialog was cancelled.
pub(super) fn ask(spec: &DialogSpec, folder: Option<&Path>) -> Option<PathBuf> {
    if std::env::var_os("DBUS_SESSION_BUS_ADDRESS").is_none()
        && let Some(answer) = ask_zenity(spec, folder)
    {
        return answer;
    }
    ask_rfd(spec, folder)
}

fn ask_rfd(spec: &DialogSpec, folder: Option<&Path>) -> Option<PathBuf> {
    let mut dialog = rfd::FileDialog::new().set_title(spec.title);
    for (name, extensions) in &spec.filters {
        dialog = dialog.add_filter(*name, extensions);
    }
    if let Some(name) = &spec.file_name {
        dialog = dialog.set_file_name(name);
    }
    if let Some(folder) = folder {
        dialog = dialog.set_directory(folder);
    }
    match spec.kind {
        DialogKind::PickFile => dialog.pick_file(),
        DialogKind::SaveFile => dialog.save_file(),
        DialogKind::PickFolder => dialog.pick_folder(),
    }
}

/// Zenity's answer: `Some(None)` when cancelled, `None` when zenity could
/// not be run (then `rfd` is tried).
fn ask_zenity(spec: &DialogSpec, folder: Option<&Path>) -> Option<Option<PathBuf>> {
    let output = Command::new("zenity")
        .args(zenity_args(spec, folder))
        .output()
        .ok()?;
    let said = String::from_utf8_lossy(&output.stdout);
    let picked = said.trim_end_matches('\n');
    Some((output.status.success() && !picked.is_empty()).then(|| PathBuf::from(picked)))
}

/// Zenity's arguments for `spec`, opening in `folder` (a trailing slash
/// names a folder to zenity; a save's offered name goes after it).
pub(super) fn zenity_args(spec: &DialogSpec, folder: Option<&Path>) -> Vec<String> {
    let mut args = vec![
        "--file-selection".to_owned(),
        "--no-markup".to_owned(),
        format!("--title={}", spec.title),
    ];
    match spec.kind {
        DialogKind::PickFile => {}
        DialogKind::SaveFile => args.extend(["--save".into(), "--confirm-overwrite".into()]),
        DialogKind::PickFolder => args.push("--directory".into()),
    }
    let mut start = folder.map_or_else(String::new, |f| format!("{}/", f.display()));
    if let Some(name) = &spec.file_name {
        start.push_str(name);
    }
    if !start.is_empty() {
        args.push(format!("--filename={start}"));
    }
    for (name, extensions) in &spec.filters {
        let patterns: Vec<String> = extensions.iter().map(|e| format!("*.{e}")).collect();
        args.push(format!("--file-filter={name} | {}", patterns.join(" ")));
    }
    args
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn zenity_is_told_the_title_the_folder_and_the_filters() {
        let spec = DialogSpec {
            title: "Open Article",
            kind: DialogKind::PickFile,
            filters: vec![("Articles", vec!["md", "pdf"])],
            file_name: None,
        };
        assert_eq!(
            zenity_args(&spec, Some(Path::new("/home/u/Articles"))),
            [
                "--file-selection",
                "--no-markup",
                "--title=Open Article",
                "--filename=/home/u/Articles/",
                "--file-filter=Articles | *.md *.pdf",
            ]
        );
        let save = DialogSpec {
            title: "Export Annotations",
            kind: DialogKind::SaveFile,
            filters: vec![],
            file_name: Some("War — annotations.md".to_owned()),
        };
        let args = zenity_args(&save, Some(Path::new("/tmp")));
        assert!(args.contains(&"--save".to_owned()));
        assert!(args.contains(&"--filename=/tmp/War — annotations.md".to_owned()));
    }
}
