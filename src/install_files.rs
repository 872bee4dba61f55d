//! The files an installation puts beside the binary, generated from the
//! command line's own definition so that they never drift from `--help`:
//! a man page for `marginalia` and one per subcommand, and completions for
//! bash, zsh and fish. `marginalia install-files DIR` writes them;
//! `scripts/install.sh` and the `.deb` install them.

use std::path::{Path, PathBuf};

use clap::CommandFactory as _;
use clap_complete::Shell;

use crate::cli::{Cli, HELP_SECTIONS};

/// One generated file, by its path under the output folder.
#[derive(Debug, PartialEq, Eq)]
pub struct InstallFile {
    pub path: PathBuf,
    pub bytes: Vec<u8>,
}

/// The name the binary is installed under.
const BINARY: &str = "marginalia";

/// Every man page and completion file, generated in memory.
pub fn install_files() -> std::io::Result<Vec<InstallFile>> {
    let mut files = man_pages()?;
    for (shell, name) in [
        (Shell::Bash, "marginalia.bash"),
        (Shell::Zsh, "_marginalia"),
        (Shell::Fish, "marginalia.fish"),
    ] {
        let mut bytes = Vec::new();
        clap_complete::generate(shell, &mut Cli::command(), BINARY, &mut bytes);
        files.push(InstallFile {
            path: Path::new("completions").join(name),
            bytes,
        });
    }
    Ok(files)
}

/// `marginalia.1`, then `marginalia-SUBCOMMAND.1` for each visible subcommand.
fn man_pages() -> std::io::Result<Vec<InstallFile>> {
    let mut command = Cli::command().disable_help_subcommand(true);
    command.build();
    let mut pages = vec![command.clone()];
    pages.extend(
        command
            .get_subcommands()
            .filter(|sub| !sub.is_hide_set())
            .cloned(),
    );
    let see_also: Vec<String> = pages[1..]
        .iter()
        .map(|page| format!("{}(1)", page.get_display_name().unwrap_or(page.get_name())))
        .collect();
    pages
        .into_iter()
        .enumerate()
        .map(|(index, page)| {
            let man = clap_mangen::Man::new(page).manual("Marginalia Manual");
            let bytes = if index == 0 {
                main_page(&man, &see_also.join(", "))?
            } else {
                let mut bytes = Vec::new();
                man.render(&mut bytes)?;
                bytes
            };
            Ok(InstallFile {
                path: Path::new("man/man1").join(man.get_filename()),
                bytes,
            })
        })
        .collect()
}

/// The main page: clap's sections, then files, environment and keys as
/// man pages set them (the `--help` text after the options, as sections).
fn main_page(man: &clap_mangen::Man, see_also: &str) -> std::io::Result<Vec<u8>> {
    use clap_mangen::roff::{Roff, bold, roman};
    let mut bytes = Vec::new();
    man.render_title(&mut bytes)?;
    man.render_name_section(&mut bytes)?;
    man.render_synopsis_section(&mut bytes)?;
    man.render_description_section(&mut bytes)?;
    man.render_options_section(&mut bytes)?;
    man.render_subcommands_section(&mut bytes)?;
    let mut roff = Roff::default();
    for section in HELP_SECTIONS {
        roff.control("SH", [section.title]);
        for (term, meaning) in section.entries {
            roff.control("TP", []);
            roff.text([bold(*term)]);
            roff.text([roman(*meaning)]);
        }
    }
    roff.control("SH", ["SEE ALSO"]);
    roff.text([roman(see_also)]);
    roff.to_writer(&mut bytes)?;
    man.render_version_section(&mut bytes)?;
    Ok(bytes)
}

/// Writes every generated file under `out_dir`; returns their paths.
pub fn write_install_files(out_dir: &Path) -> std::io::Result<Vec<PathBuf>> {
    let mut written = Vec::new();
    for file in install_files()? {
        let path = out_dir.join(&file.path);
        if let Some(folder) = path.parent() {
            std::fs::create_dir_all(folder)?;
        }
        std::fs::write(&path, &file.bytes)?;
        written.push(path);
    }
    Ok(written)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_visible_subcommand_has_a_man_page_and_the_hidden_one_none() {
        let names: Vec<String> = install_files()
            .unwrap()
            .iter()
            .map(|f| f.path.display().to_string())
            .collect();
        for page in [
            "marginalia.1",
            "marginalia-inspect.1",
            "marginalia-export.1",
        ] {
            assert!(names.contains(&format!("man/man1/{page}")), "{names:?}");
        }
        assert!(
            !names.iter().any(|n| n.contains("install-files")),
            "{names:?}"
        );
    }
}
