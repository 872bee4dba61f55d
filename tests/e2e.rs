//! End to end: the release binary in a real X server (Xvfb), driven with
//! xdotool like a person would, native open dialog included (zenity, asked
//! directly when no desktop portal can run), the primary selection read
//! back with xclip.
//!
//! Needs `target/release/marginalia` and the packages `scripts/test.sh`
//! installs (xvfb, xdotool, xclip, zenity, imagemagick, Mesa).

mod common;

use std::path::{Path, PathBuf};
use std::process::{Child, Command, Stdio};
use std::time::{Duration, Instant};

/// A process killed when the test ends, however it ends.
struct Running(Child);

impl Drop for Running {
    /// Asked to end first (an X server then removes its lock file and its
    /// socket; killed outright, it leaves them and its display number is
    /// taken for good), killed after two seconds.
    fn drop(&mut self) {
        let _ = Command::new("kill")
            .args(["-TERM", &self.0.id().to_string()])
            .status();
        let deadline = Instant::now() + Duration::from_secs(2);
        while Instant::now() < deadline {
            if matches!(self.0.try_wait(), Ok(Some(_))) {
                return;
            }
            std::thread::sleep(Duration::from_millis(20));
        }
        let _ = self.0.kill();
        let _ = self.0.wait();
    }
}

/// Whether X display `number` is free: no server's lock file, or one
/// whose server is gone (killed before it could remove it: its lock and
/// socket are removed here, as an X server starting would).
fn display_is_free(number: u32) -> bool {
    let lock = format!("/tmp/.X{number}-lock");
    let socket = format!("/tmp/.X11-unix/X{number}");
    let Ok(pid) = std::fs::read_to_string(&lock) else {
        return !Path::new(&lock).exists() && !Path::new(&socket).exists();
    };
    let pid = pid.trim();
    let alive = pid.is_empty() || Path::new(&format!("/proc/{pid}")).exists();
    if alive {
        return false;
    }
    let _ = std::fs::remove_file(&socket);
    std::fs::remove_file(&lock).is_ok() && !Path::new(&socket).exists()
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
    /// One desktop at a time: two software-rendered windows starting at
    /// once on a small machine starve each other. Released last.
    _turn: std::sync::MutexGuard<'static, ()>,
}

impl Desktop {
    fn start() -> Self {
        static TURN: std::sync::Mutex<()> = std::sync::Mutex::new(());
        let turn = TURN
            .lock()
            .unwrap_or_else(std::sync::PoisonError::into_inner);
        for tool in ["Xvfb", "xdotool", "zenity", "import", "xclip"] {
            require_tool(tool);
        }
        // A display number of our own, free of other tests and test runs.
        static NEXT: std::sync::atomic::AtomicU32 = std::sync::atomic::AtomicU32::new(0);
        let base = 100 + (std::process::id() % 50) * 4;
        let number = (0..100)
            .map(|_| base + NEXT.fetch_add(1, std::sync::atomic::Ordering::SeqCst))
            .find(|&n| display_is_free(n))
            .expect("a free X display number");
        let display = format!(":{number}");
        // -noreset: Xvfb otherwise resets when its last client leaves, and
        // an app started again at that moment cannot connect.
        let xvfb = Running(
            Command::new("Xvfb")
                .args([
                    &display,
                    "-screen",
                    "0",
                    "1280x900x24",
                    "-nolisten",
                    "tcp",
                    "-noreset",
                ])
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
            _turn: turn,
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
            .env("XDG_CACHE_HOME", self.home.path().join(".cache"))
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

    /// Starts the release binary on `article` and waits for its window,
    /// then `settle` more for the first frames.
    fn open(&self, binary: &Path, article: Option<&Path>, settle: Duration) -> (Running, String) {
        // What the app says goes to a file, shown if its window never comes.
        let log_path = self.home.path().join(format!(
            "marginalia-{}.log",
            std::time::SystemTime::now()
                .duration_since(std::time::UNIX_EPOCH)
                .map_or(0, |d| d.as_nanos())
        ));
        let log = std::fs::File::create(&log_path).expect("log file");
        let mut app = Running(
            self.command(binary)
                .args(article)
                .env("RUST_LOG", "info")
                .stdout(Stdio::null())
                .stderr(log)
                .spawn()
                .expect("start marginalia"),
        );
        let start = Instant::now();
        let window = loop {
            if let Some(window) = self.window_named("Marginalia") {
                eprintln!("the window showed after {:?}", start.elapsed());
                break window;
            }
            let said = || std::fs::read_to_string(&log_path).unwrap_or_default();
            if let Ok(Some(status)) = app.0.try_wait() {
                panic!(
                    "marginalia ended before its window showed ({status}):\n{}",
                    said()
                );
            }
            assert!(
                start.elapsed() < Duration::from_secs(90),
                "no window after 90 s; marginalia said:\n{}",
                said()
            );
            std::thread::sleep(Duration::from_millis(100));
        };
        std::thread::sleep(settle);
        (app, window)
    }

    /// Drags over the first line of the sample's first body paragraph and
    /// presses H.
    fn highlight_first_line(&self, window: &str) {
        self.xdotool(&["windowfocus", "--sync", window]);
        let (left, right, y) = ("213", "790", "352");
        self.xdotool(&["mousemove", "--window", window, left, y]);
        self.xdotool(&["mousedown", "1"]);
        self.xdotool(&["mousemove", "--window", window, "400", "354"]);
        std::thread::sleep(Duration::from_millis(100));
        self.xdotool(&["mousemove", "--window", window, right, y]);
        std::thread::sleep(Duration::from_millis(100));
        self.xdotool(&["mouseup", "1"]);
        std::thread::sleep(Duration::from_millis(200));
        self.xdotool(&["key", "h"]);
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
    let (app, window) = desktop.open(&binary, None, Duration::ZERO);
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
    // Titled as what it does (rfd's own zenity fallback left it "zenity").
    assert_eq!(desktop.xdotool(&["getwindowname", &dialog]), "Open Article");
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
    // The next dialog opens in the folder the last one was answered in.
    desktop.xdotool(&["windowfocus", "--sync", &window]);
    desktop.xdotool(&["key", "--clearmodifiers", "ctrl+o"]);
    let asked = wait_for(
        "the second dialog",
        Duration::from_secs(30),
        zenity_command_line,
    );
    let folder = article.parent().unwrap().display().to_string();
    assert!(asked.contains(&format!("--filename={folder}/")), "{asked}");
    drop(app);
}

/// The command line of a zenity this app runs now (titled "Open Article"),
/// its arguments space-separated.
fn zenity_command_line() -> Option<String> {
    std::fs::read_dir("/proc")
        .ok()?
        .flatten()
        .find_map(|entry| {
            let line = std::fs::read(entry.path().join("cmdline")).ok()?;
            let line = String::from_utf8_lossy(&line).replace('\0', " ");
            (line.starts_with("zenity ") && line.contains("--title=Open Article")).then_some(line)
        })
}

fn sidecar_text(path: &Path) -> String {
    std::fs::read_to_string(path).unwrap_or_default()
}

fn wait_for_file(what: &str, path: &Path, check: impl Fn(&str) -> bool) {
    wait_for(what, Duration::from_secs(15), || {
        check(&sidecar_text(path)).then_some(())
    });
}

/// How many pixels along a row of the screenshot are highlight yellow.
fn yellow_pixels(shot: &Path, y: u32, from: u32, to: u32) -> usize {
    let output = Command::new("convert")
        .args([
            shot.to_str().unwrap(),
            "-crop",
            &format!("{}x1+{from}+{y}", to - from),
            "txt:-",
        ])
        .output()
        .expect("run convert");
    String::from_utf8_lossy(&output.stdout)
        .lines()
        .filter_map(|line| {
            let rgb = line.split('(').nth(1)?.split(')').next()?;
            let channels: Vec<f32> = rgb
                .split(',')
                .filter_map(|c| c.trim().parse().ok())
                .collect();
            (channels.len() >= 3).then(|| (channels[0], channels[1], channels[2]))
        })
        .filter(|&(r, g, b)| r > 230.0 && g > 200.0 && b < 200.0)
        .count()
}

#[test]
fn drag_highlight_undo_redo_restart_and_export() {
    let binary = release_binary();
    let desktop = Desktop::start();
    let folder = tempfile::tempdir().unwrap();
    let article = folder.path().join("kerry-lavrov-meeting.txt");
    std::fs::copy(common::sample_article(), &article).unwrap();
    let sidecar = folder
        .path()
        .join("kerry-lavrov-meeting.txt.annotations.ron");
    let (app, window) = desktop.open(&binary, Some(&article), Duration::from_millis(800));
    desktop.highlight_first_line(&window);
    let quote = "exact: \"The United States held out the possibility on Monday";
    wait_for_file("the highlight in the sidecar", &sidecar, |text| {
        text.contains(quote)
    });
    // The words dragged over were offered for a middle-click paste.
    let primary = wait_for("the primary selection", Duration::from_secs(5), || {
        let pasted = desktop
            .command("xclip")
            .args(["-o", "-selection", "primary"])
            .output()
            .ok()?;
        let pasted = String::from_utf8_lossy(&pasted.stdout).into_owned();
        pasted
            .starts_with("The United States held out")
            .then_some(pasted)
    });
    assert!(primary.len() > 40, "{primary:?}");

    desktop.xdotool(&["key", "ctrl+z"]);
    wait_for_file("the undo in the sidecar", &sidecar, |text| {
        !text.contains(quote) && text.contains("tombstones: [\n        (")
    });
    desktop.xdotool(&["key", "ctrl+shift+z"]);
    wait_for_file("the redo in the sidecar", &sidecar, |text| {
        text.contains(quote)
    });

    desktop.xdotool(&["key", "ctrl+q"]);
    drop(app);
    let (app, _) = desktop.open(&binary, Some(&article), Duration::from_secs(1));
    let shot = desktop.screenshot("e2e-highlight-after-restart");
    let yellow = yellow_pixels(&shot, 345, 213, 790);
    assert!(
        yellow > 200,
        "the highlight is painted again ({yellow} yellow pixels): {}",
        shot.display()
    );
    drop(app);

    let export = Command::new(&binary)
        .args(["export", article.to_str().unwrap(), "--format", "markdown"])
        .output()
        .unwrap();
    assert!(export.status.success());
    let markdown = String::from_utf8_lossy(&export.stdout);
    assert!(
        markdown.contains("> The United States held out the possibility on Monday"),
        "{markdown}"
    );
}

/// The reading position the app stored for its one recent file.
fn stored_position(desktop: &Desktop) -> Option<usize> {
    let settings = desktop.home.path().join(".local/share/marginalia/app.ron");
    let text = std::fs::read_to_string(settings).ok()?;
    let at = text.find("position:")? + "position:".len();
    let digits: String = text[at..]
        .chars()
        .take_while(char::is_ascii_digit)
        .collect();
    digits.parse().ok()
}

/// Ctrl+Q, then waits for the app to end by itself (its settings written).
fn quit(desktop: &Desktop, window: &str, mut app: Running) {
    desktop.xdotool(&["windowfocus", "--sync", window]);
    desktop.xdotool(&["key", "ctrl+q"]);
    wait_for("the app to quit", Duration::from_secs(20), || {
        app.0.try_wait().ok().flatten()
    });
}

#[test]
fn a_long_book_reopens_where_it_was_left_and_keeps_that_place() {
    let binary = release_binary();
    let desktop = Desktop::start();
    let book = common::corpus_file("large/pg2600-war-and-peace.txt");
    let start_app = || desktop.open(&binary, Some(&book), Duration::from_millis(1500));
    let (app, window) = start_app();
    desktop.xdotool(&["windowfocus", "--sync", &window]);
    for _ in 0..10 {
        desktop.xdotool(&["key", "Next"]);
        std::thread::sleep(Duration::from_millis(300));
    }
    quit(&desktop, &window, app);
    let left_at = stored_position(&desktop).expect("a stored position");
    assert!(left_at > 5_000, "ten pages down: {left_at}");
    // Twice: a reopened book that is left alone keeps its place.
    for _ in 0..2 {
        let (app, window) = start_app();
        quit(&desktop, &window, app);
        assert_eq!(stored_position(&desktop), Some(left_at));
    }
}

#[test]
fn a_highlight_made_just_before_sigterm_is_saved_and_the_place_kept() {
    let binary = release_binary();
    let desktop = Desktop::start();
    let folder = tempfile::tempdir().unwrap();
    let article = folder.path().join("kerry-lavrov-meeting.txt");
    std::fs::copy(common::sample_article(), &article).unwrap();
    let sidecar = common::app::sidecar_of(&article);
    let (mut app, window) = desktop.open(&binary, Some(&article), Duration::from_millis(800));
    desktop.highlight_first_line(&window);
    // A logout, a tenth of a second later (before the save's 0.3 s rest).
    std::thread::sleep(Duration::from_millis(100));
    let pid = app.0.id().to_string();
    assert!(
        Command::new("kill")
            .args(["-TERM", &pid])
            .status()
            .unwrap()
            .success()
    );
    let status = wait_for("the app to end", Duration::from_secs(20), || {
        app.0.try_wait().ok().flatten()
    });
    assert!(status.success(), "ended as Ctrl+Q ends: {status:?}");
    let text = sidecar_text(&sidecar);
    assert!(
        text.contains("exact: \"The United States held out the possibility on Monday"),
        "{text}"
    );
    assert!(
        stored_position(&desktop).is_some(),
        "the recent files are stored"
    );
}

#[test]
fn with_no_argument_the_article_read_last_reopens() {
    let binary = release_binary();
    let desktop = Desktop::start();
    // Read in place (nothing is highlighted: nothing is written beside it).
    let article = std::fs::canonicalize(common::corpus_file("text/bbc-tech-001.txt")).unwrap();
    let (app, window) = desktop.open(&binary, Some(&article), Duration::from_millis(800));
    quit(&desktop, &window, app);
    let (_app, window) = desktop.open(&binary, None, Duration::from_millis(800));
    let title = wait_for("the article's title", Duration::from_secs(10), || {
        let title = desktop.xdotool(&["getwindowname", &window]);
        title.contains("Ink helps drive democracy").then_some(title)
    });
    let settings = desktop.home.path().join(".local/share/marginalia/app.ron");
    let text = std::fs::read_to_string(settings).unwrap();
    assert!(
        text.contains(&*article.to_string_lossy()),
        "{title}: {text}"
    );
}
