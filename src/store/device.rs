//! This writer's name in the edit counts (see `annotate::EditCounts`): a
//! short random name for the machine, kept in the data folder's
//! `device-id` and made the first time an annotation is edited (the data
//! folder is not synced, so each machine has its own), and a part for each
//! process that runs at the same time as another: two windows on one
//! machine are two writers, and a note typed in both is kept twice, as
//! across machines. The first process is the machine's name alone; one
//! that starts while it runs is `NAME-2`, and so on (a slot held by a lock
//! in `device-slots/` while the process runs), so the names stay few
//! however many times the app is started.

use std::os::unix::fs::OpenOptionsExt as _;
use std::path::Path;
use std::sync::OnceLock;

use super::atomic::write_atomically;
use super::files::data_folder;
use crate::regular_file::read_regular_text;

const DEVICE_FILE: &str = "device-id";
/// A device name is a line of at most 32 characters.
const MAX_DEVICE_FILE_BYTES: u64 = 1024;

/// The most writers on one machine at once that get a slot; past it a
/// process counts under a random name of its own.
const MAX_SLOTS: u32 = 64;
const SLOTS_FOLDER: &str = "device-slots";

/// This process's name (read or made once per process).
pub fn this_device() -> &'static str {
    static DEVICE: OnceLock<String> = OnceLock::new();
    DEVICE.get_or_init(|| match data_folder() {
        Some(folder) => {
            let machine = device_in(&folder);
            let (name, lock) = writer_name_in(&folder, &machine);
            // The slot is held for as long as the process runs.
            std::mem::forget(lock);
            name
        }
        None => new_device_name(),
    })
}

/// The name of a writer on machine `machine`: the machine's name with the
/// first slot free in `folder`, and the lock that holds the slot.
fn writer_name_in(folder: &Path, machine: &str) -> (String, Option<std::fs::File>) {
    let slots = folder.join(SLOTS_FOLDER);
    if std::fs::create_dir_all(&slots).is_ok() {
        for slot in 1..=MAX_SLOTS {
            let path = slots.join(format!("{slot}.lock"));
            // Never a FIFO or a device: opened without waiting, checked.
            let Ok(file) = std::fs::OpenOptions::new()
                .create(true)
                .truncate(false)
                .write(true)
                .custom_flags(libc::O_NONBLOCK | libc::O_NOCTTY)
                .open(&path)
            else {
                continue;
            };
            if file.metadata().is_ok_and(|m| m.is_file()) && file.try_lock().is_ok() {
                let name = match slot {
                    1 => machine.to_owned(),
                    _ => format!("{machine}-{slot}"),
                };
                return (name, Some(file));
            }
        }
    }
    log::warn!(
        "no writer's slot free in {}: this run counts its edits under a name of its own",
        slots.display()
    );
    (format!("{machine}-{}", new_device_name()), None)
}

/// The name kept in `folder`, or a new one written there when there is
/// none. A file that cannot be read is never replaced: this run uses a
/// name of its own.
fn device_in(folder: &Path) -> String {
    let path = folder.join(DEVICE_FILE);
    // A FIFO or a link to a device here is refused, never waited on.
    match read_regular_text(&path, MAX_DEVICE_FILE_BYTES) {
        Ok(Some(text)) if is_device_name(text.trim()) => text.trim().to_owned(),
        Ok(Some(_)) => {
            log::warn!(
                "{} is not a device name: using one for this run",
                path.display()
            );
            new_device_name()
        }
        Ok(None) => {
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
            log::warn!("cannot read {error}");
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

    #[test]
    fn two_writers_at_once_have_two_names_and_a_freed_name_is_taken_again() {
        let dir = tempfile::tempdir().unwrap();
        let (first, first_lock) = writer_name_in(dir.path(), "abcd1234");
        let (second, second_lock) = writer_name_in(dir.path(), "abcd1234");
        assert_eq!(first, "abcd1234");
        assert_eq!(second, "abcd1234-2");
        drop(first_lock);
        let (third, _third_lock) = writer_name_in(dir.path(), "abcd1234");
        assert_eq!(third, "abcd1234", "the first slot is free again");
        drop(second_lock);
    }

    #[test]
    fn a_fifo_as_the_device_file_is_not_waited_on() {
        let dir = tempfile::tempdir().unwrap();
        let status = std::process::Command::new("mkfifo")
            .arg(dir.path().join(DEVICE_FILE))
            .status()
            .unwrap();
        assert!(status.success());
        let (done, finished) = std::sync::mpsc::channel();
        let folder = dir.path().to_owned();
        std::thread::spawn(move || done.send(device_in(&folder)));
        let name = finished
            .recv_timeout(std::time::Duration::from_secs(5))
            .expect("a FIFO as device-id must not block");
        assert!(is_device_name(&name));
    }
}
