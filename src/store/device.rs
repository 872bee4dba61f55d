//! This machine's name in the edit counts (see `annotate::EditCounts`): a
//! short random name kept in the data folder's `device-id`, made the first
//! time an annotation is edited. The data folder is not synced, so each
//! machine has its own.

use std::path::Path;
use std::sync::OnceLock;

use super::files::{data_folder, write_atomically};

const DEVICE_FILE: &str = "device-id";

/// This machine's name (read or made once per process).
pub fn this_device() -> &'static str {
    static DEVICE: OnceLock<String> = OnceLock::new();
    DEVICE.get_or_init(|| match data_folder() {
        Some(folder) => device_in(&folder),
        None => new_device_name(),
    })
}

/// The name kept in `folder`, or a new one written there when there is
/// none. A file that cannot be read is never replaced: this run uses a
/// name of its own.
fn device_in(folder: &Path) -> String {
    let path = folder.join(DEVICE_FILE);
    match std::fs::read_to_string(&path) {
        Ok(text) if is_device_name(text.trim()) => text.trim().to_owned(),
        Ok(_) => {
            log::warn!(
                "{} is not a device name: using one for this run",
                path.display()
            );
            new_device_name()
        }
        Err(error) if error.kind() == std::io::ErrorKind::NotFound => {
            let name = new_device_name();
            let written = std::fs::create_dir_all(folder)
                .and_then(|()| write_atomically(&path, format!("{name}\n").as_bytes()));
            if let Err(error) = written {
                log::warn!(
                    "cannot keep this machine's name in {}: {error}",
                    path.display()
                );
            }
            name
        }
        Err(error) => {
            log::warn!("cannot read {}: {error}", path.display());
            new_device_name()
        }
    }
}

fn is_device_name(text: &str) -> bool {
    (4..=32).contains(&text.len()) && text.chars().all(|c| c.is_ascii_alphanumeric())
}

/// Twelve random hex digits.
fn new_device_name() -> String {
    uuid::Uuid::new_v4().simple().to_string()[..12].to_owned()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_machine_keeps_its_name_and_a_bad_file_is_left_alone() {
        let dir = tempfile::tempdir().unwrap();
        let first = device_in(dir.path());
        assert!(is_device_name(&first), "{first}");
        assert_eq!(device_in(dir.path()), first, "read back, not made again");
        let other = tempfile::tempdir().unwrap();
        std::fs::write(other.path().join(DEVICE_FILE), "not a name!\n").unwrap();
        let name = device_in(other.path());
        assert!(is_device_name(&name));
        assert_eq!(
            std::fs::read_to_string(other.path().join(DEVICE_FILE)).unwrap(),
            "not a name!\n",
            "never overwritten"
        );
    }
}
