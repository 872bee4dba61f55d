//! `marginalia git-setup`: makes a git repository merge sidecars by id,
//! through `marginalia merge-sidecar` as a merge driver.

use std::path::{Path, PathBuf};
use std::process::Command;

/// The line `.gitattributes` gets.
pub const ATTRIBUTES_LINE: &str = "*.annotations.ron merge=marginalia";

/// What git-setup changed.
#[derive(Debug, PartialEq, Eq)]
pub struct GitSetup {
    pub attributes: PathBuf,
    /// Whether `.gitattributes` already had the line.
    pub attributes_already: bool,
    pub driver: String,
}

#[derive(Debug, thiserror::Error)]
pub enum GitSetupError {
    #[error("{}: is not in a git repository ({message})", repo.display())]
    NotARepository { repo: PathBuf, message: String },
    #[error("git cannot be run: {0}")]
    NoGit(#[source] std::io::Error),
    #[error("git config failed: {0}")]
    Config(String),
    #[error("{}: cannot be written: {source}", path.display())]
    Write {
        path: PathBuf,
        #[source]
        source: std::io::Error,
    },
}

fn git(repo: &Path, args: &[&str]) -> Result<std::process::Output, GitSetupError> {
    Command::new("git")
        .arg("-C")
        .arg(repo)
        .args(args)
        .output()
        .map_err(GitSetupError::NoGit)
}

/// The command git runs for the driver: `marginalia` when that is this
/// program on the PATH, else this program's full path.
pub fn driver_command(this_program: &Path) -> String {
    let on_path = std::env::var_os("PATH").and_then(|paths| {
        std::env::split_paths(&paths)
            .map(|dir| dir.join("marginalia"))
            .find(|candidate| candidate.is_file())
    });
    let same = |a: &Path, b: &Path| match (std::fs::canonicalize(a), std::fs::canonicalize(b)) {
        (Ok(a), Ok(b)) => a == b,
        _ => false,
    };
    let program = match on_path {
        Some(found) if same(&found, this_program) => "marginalia".to_owned(),
        _ => format!(
            "'{}'",
            this_program.display().to_string().replace('\'', r"'\''")
        ),
    };
    format!("{program} merge-sidecar %O %A %B")
}

/// Adds the attributes line to the repository's top-level `.gitattributes`
/// (once) and the driver to its config.
pub fn git_setup(repo: &Path, this_program: &Path) -> Result<GitSetup, GitSetupError> {
    let top = git(repo, &["rev-parse", "--show-toplevel"])?;
    if !top.status.success() {
        return Err(GitSetupError::NotARepository {
            repo: repo.to_path_buf(),
            message: String::from_utf8_lossy(&top.stderr).trim().to_owned(),
        });
    }
    let top = PathBuf::from(String::from_utf8_lossy(&top.stdout).trim());
    let driver = driver_command(this_program);
    for (key, value) in [
        (
            "merge.marginalia.name",
            "Marginalia annotations, merged by id",
        ),
        ("merge.marginalia.driver", driver.as_str()),
    ] {
        let set = git(&top, &["config", key, value])?;
        if !set.status.success() {
            return Err(GitSetupError::Config(
                String::from_utf8_lossy(&set.stderr).trim().to_owned(),
            ));
        }
    }
    let attributes = top.join(".gitattributes");
    let existing = std::fs::read_to_string(&attributes).unwrap_or_default();
    let attributes_already = existing.lines().any(|line| line.trim() == ATTRIBUTES_LINE);
    if !attributes_already {
        let mut text = existing;
        if !text.is_empty() && !text.ends_with('\n') {
            text.push('\n');
        }
        text.push_str(ATTRIBUTES_LINE);
        text.push('\n');
        std::fs::write(&attributes, text).map_err(|source| GitSetupError::Write {
            path: attributes.clone(),
            source,
        })?;
    }
    Ok(GitSetup {
        attributes,
        attributes_already,
        driver,
    })
}
