//! End to end: the release binary in a real X server (Xvfb), driven with
//! xdotool like a person would, native open dialog included (rfd falls back
//! to zenity when no desktop portal runs).
//!
//! Needs `target/release/marginalia` and the packages `scripts/test.sh`
//! installs (xvfb, xdotool, zenity, imagemagick, Mesa).

mod common;

use std::path::{Path, PathBuf};
use std::process::{Child, Command, Stdio};
use std::time::{Duration, Instant};

/// A process killed when the test ends, however it ends.
struct Running(Child);

impl Drop for Running {
    fn drop(&mut self) {
        let _ = self.0.kill();
        let _ = self.0.wait();
    }
}

fn require_tool(name: &str) {
    let found = Command::new("sh")
        .args(["-c", &format!("command -v {name}")])
        .output()
        .is_ok_and(|o| o.status.success());
    assert!(
        found,
        "\n*** {name} is missing: the end-to-end test needs it. Run scripts/test.sh, which installs it. ***\n"
    );
}

fn release_binary() -> PathBuf {
    let path = std::env::var_os("MARGINALIA_BIN").map_or_else(
        || PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("target/release/marginalia"),
        PathBuf::from,
    );
    assert!(
        path.is_file(),
        "\n*** {} is missing: build it with `cargo build --release` (scripts/test.sh does). ***\n",
        path.display()
    );
    path
}

struct Desktop {
    display: String,
    runtime_dir: tempfile::TempDir,
    home: tempfile::TempDir,
    _xvfb: Running,
}

impl Desktop {
    fn start() -> Self {
        for tool in ["Xvfb", "xdotool", "zenity", "import"] {
            require_tool(tool);
        }
        // A display number of our own, free of other test runs.
        let number = (100..200)
            .map(|n| n + std::process::id() % 50)
            .find(|n| {
                !Path::new(&format!("/tmp/.X11-unix/X{n}")).exists()
                    && !Path::new(&format!("/tmp/.X{n}-lock")).exists()
            })
            .expect("a free X display number");
        let display = format!(":{number}");
        let xvfb = Running(
            Command::new("Xvfb")
                .args([&display, "-screen", "0", "1280x900x24", "-nolisten", "tcp"])
                .stdout(Stdio::null())
                .stderr(Stdio::null())
                .spawn()
                .expect("start Xvfb"),
        );
        let socket = PathBuf::from(format!("/tmp/.X11-unix/X{number}"));
        wait_for("Xvfb to listen", Duration::from_secs(10), || {
            socket.exists().then_some(())
        });
        let runtime_dir = tempfile::tempdir().expect("runtime dir");
        std::fs::set_permissions(
            runtime_dir.path(),
            std::os::unix::fs::PermissionsExt::from_mode(0o700),
        )
        .expect("chmod runtime dir");
        Desktop {
            display,
            runtime_dir,
            home: tempfile::tempdir().expect("home"),
            _xvfb: xvfb,
        }
    }

    fn command(&self, program: impl AsRef<std::ffi::OsStr>) -> Command {
        let mut command = Command::new(program);
        command
            .env("DISPLAY", &self.display)
            .env("XDG_RUNTIME_DIR", self.runtime_dir.path())
            .env("HOME", self.home.path())
            .env("XDG_CONFIG_HOME", self.home.path().join(".config"))
            .env("XDG_DATA_HOME", self.home.path().join(".local/share"))
            .env("GSETTINGS_BACKEND", "memory")
            .env_remove("WAYLAND_DISPLAY")
            .env_remove("DBUS_SESSION_BUS_ADDRESS");
        command
    }

    fn xdotool(&self, args: &[&str]) -> String {
        let output = self
            .command("xdotool")
            .args(args)
            .output()
            .expect("run xdotool");
        String::from_utf8_lossy(&output.stdout).trim().to_owned()
    }

    fn window_named(&self, pattern: &str) -> Option<String> {
        let found = self.xdotool(&["search", "--onlyvisible", "--name", pattern]);
        found.lines().next().map(str::to_owned)
    }

    fn screenshot(&self, name: &str) -> PathBuf {
        let dir = PathBuf::from(env!("CARGO_TARGET_TMPDIR"));
        let path = dir.join(format!("{name}.png"));
        let _ = self
            .command("import")
            .args(["-window", "root", path.to_str().unwrap()])
            .status();
        path
    }
}

fn wait_for<T>(what: &str, limit: Duration, mut poll: impl FnMut() -> Option<T>) -> T {
    let start = Instant::now();
    loop {
        if let Some(value) = poll() {
            return value;
        }
        assert!(start.elapsed() < limit, "timed out waiting for {what}");
        std::thread::sleep(Duration::from_millis(100));
    }
}

#[test]
fn open_an_article_through_ctrl_o_and_the_native_dialog() {
    let binary = release_binary();
    let article = std::fs::canonicalize(common::corpus_file("text/bbc-tech-001.txt")).unwrap();
    let desktop = Desktop::start();
    let app = Running(
        desktop
            .command(&binary)
            .stdout(Stdio::null())
            .stderr(Stdio::null())
            .spawn()
            .expect("start marginalia"),
    );
    let window = wait_for("the Marginalia window", Duration::from_secs(30), || {
        desktop.window_named("Marginalia")
    });
    wait_for(
        "the sample article's title",
        Duration::from_secs(10),
        || {
            (desktop.xdotool(&["getwindowname", &window])
                == "Kerry-Lavrov meeting depends on Moscow's stance — Marginalia")
                .then_some(())
        },
    );

    desktop.xdotool(&["windowfocus", "--sync", &window]);
    desktop.xdotool(&["key", "--clearmodifiers", "ctrl+o"]);
    let dialog = wait_for("the open dialog", Duration::from_secs(30), || {
        let found = desktop.xdotool(&["search", "--onlyvisible", "--class", "zenity"]);
        found.lines().last().map(str::to_owned)
    });
    std::thread::sleep(Duration::from_secs(1)); // Let the dialog settle before typing.
    desktop.xdotool(&["windowfocus", "--sync", &dialog]);
    desktop.xdotool(&["key", "ctrl+l"]);
    std::thread::sleep(Duration::from_millis(500));
    desktop.xdotool(&["type", "--delay", "20", article.to_str().unwrap()]);
    std::thread::sleep(Duration::from_millis(300));
    desktop.xdotool(&["key", "Return"]);

    let start = Instant::now();
    let mut title = String::new();
    while start.elapsed() < Duration::from_secs(20) {
        title = desktop.xdotool(&["getwindowname", &window]);
        if title == "Ink helps drive democracy in Asia — Marginalia" {
            break;
        }
        std::thread::sleep(Duration::from_millis(100));
    }
    let shot = desktop.screenshot("e2e-after-open");
    assert_eq!(
        title,
        "Ink helps drive democracy in Asia — Marginalia",
        "screenshot: {}",
        shot.display()
    );
    drop(app);
}
