//! The launch benchmark: what a user waits for, seen on the screen.
//!
//! Starts a program (the release `marginalia`, or a plain editor for
//! reference) on an X display that already runs (Xvfb and a window manager:
//! `scripts/measure-launch.sh` sets them up) and polls the whole screen from
//! the moment of the spawn:
//!
//! - **window**: a new top-level window is mapped;
//! - **first frame**: the screen first differs from what it showed before;
//! - **readable**: the first screen after which the screen stays within 2 %
//!   of its final picture (OCR on the final picture checks that the
//!   article's words are there);
//! - **peak memory** (`VmHWM`) and **idle CPU** over 5 s once it is still.
//!
//! `cargo bench --bench launch -- [--runs N] [--expect WORD]... [--out DIR] -- PROGRAM ARGS...`
//! prints one line per run and the medians. Under `cargo test` it only
//! checks its own arithmetic.

use std::path::{Path, PathBuf};
use std::process::{Child, Command, Stdio};
use std::time::{Duration, Instant};

use x11rb::connection::Connection;
use x11rb::protocol::xproto::{ConnectionExt as _, ImageFormat, MapState, Window};

/// The screen is compared in cells of this many pixels square (mean luminance).
const CELL: usize = 4;
/// A cell differs when its luminance moved by more than this (of 255).
const CELL_TOLERANCE: u8 = 24;
/// "Within 2 % of the final picture": at most this share of cells differ.
const SETTLED_SHARE: f64 = 0.02;
/// The screen is taken as final once unchanged for this long.
const STILL_FOR: Duration = Duration::from_millis(1500);
const GIVE_UP_AFTER: Duration = Duration::from_secs(20);

/// One look at the screen: when, and its cells.
struct Sample {
    at: Duration,
    cells: Vec<u8>,
}

/// What one launch measured.
#[derive(Clone, Copy, Debug, Default)]
struct Launch {
    window: Option<Duration>,
    first_frame: Option<Duration>,
    readable: Option<Duration>,
    peak_rss_kib: u64,
    idle_cpu_ms: u64,
    samples: usize,
}

struct Screen {
    connection: x11rb::rust_connection::RustConnection,
    root: Window,
    width: u16,
    height: u16,
}

impl Screen {
    fn open() -> Result<Self, String> {
        let (connection, screen_index) =
            x11rb::connect(None).map_err(|e| format!("cannot reach the X display: {e}"))?;
        let screen = &connection.setup().roots[screen_index];
        let (root, width, height) = (screen.root, screen.width_in_pixels, screen.height_in_pixels);
        Ok(Self {
            connection,
            root,
            width,
            height,
        })
    }

    /// The whole screen, 32 bits a pixel (BGRX).
    fn pixels(&self) -> Result<Vec<u8>, String> {
        let reply = self
            .connection
            .get_image(
                ImageFormat::Z_PIXMAP,
                self.root,
                0,
                0,
                self.width,
                self.height,
                u32::MAX,
            )
            .map_err(|e| e.to_string())?
            .reply()
            .map_err(|e| e.to_string())?;
        Ok(reply.data)
    }

    /// The top-level windows mapped now.
    fn mapped_windows(&self) -> Result<Vec<Window>, String> {
        let tree = self
            .connection
            .query_tree(self.root)
            .map_err(|e| e.to_string())?
            .reply()
            .map_err(|e| e.to_string())?;
        let mut mapped = Vec::new();
        for window in tree.children {
            let viewable = self
                .connection
                .get_window_attributes(window)
                .map_err(|e| e.to_string())?
                .reply()
                .is_ok_and(|a| a.map_state == MapState::VIEWABLE);
            if viewable {
                mapped.push(window);
            }
        }
        Ok(mapped)
    }
}

/// Mean luminance of each `CELL`×`CELL` square of a BGRX picture.
fn cells_of(pixels: &[u8], width: usize, height: usize) -> Vec<u8> {
    let (columns, rows) = (width / CELL, height / CELL);
    let mut cells = Vec::with_capacity(columns * rows);
    for row in 0..rows {
        for column in 0..columns {
            let mut sum = 0u32;
            for y in row * CELL..(row + 1) * CELL {
                let start = (y * width + column * CELL) * 4;
                for pixel in pixels[start..start + CELL * 4].chunks_exact(4) {
                    let [b, g, r] = [pixel[0], pixel[1], pixel[2]].map(u32::from);
                    sum += (r * 299 + g * 587 + b * 114) / 1000;
                }
            }
            cells.push((sum / (CELL * CELL) as u32) as u8);
        }
    }
    cells
}

/// The share of cells that differ between two pictures.
fn difference(a: &[u8], b: &[u8]) -> f64 {
    let differing = a
        .iter()
        .zip(b)
        .filter(|(x, y)| x.abs_diff(**y) > CELL_TOLERANCE)
        .count();
    differing as f64 / a.len().max(1) as f64
}

/// The first sample after which every sample stays within
/// [`SETTLED_SHARE`] of the last one.
fn settled_index(samples: &[Sample]) -> Option<usize> {
    let last = samples.last()?;
    let mut settled = samples.len() - 1;
    for (index, sample) in samples.iter().enumerate().rev() {
        if difference(&sample.cells, &last.cells) > SETTLED_SHARE {
            break;
        }
        settled = index;
    }
    Some(settled)
}

/// The first sample that differs from the screen before the launch.
fn first_change(samples: &[Sample], before: &[u8]) -> Option<usize> {
    samples
        .iter()
        .position(|s| difference(&s.cells, before) > 0.001)
}

fn cpu_ticks(pid: u32) -> u64 {
    let stat = std::fs::read_to_string(format!("/proc/{pid}/stat")).unwrap_or_default();
    // The fields after the command name (which may hold spaces).
    let after_name = stat.rsplit(')').next().unwrap_or_default();
    let fields: Vec<&str> = after_name.split_whitespace().collect();
    let field = |n: usize| {
        fields
            .get(n)
            .and_then(|f| f.parse::<u64>().ok())
            .unwrap_or(0)
    };
    // utime and stime are fields 14 and 15 of the whole line.
    field(11) + field(12)
}

fn peak_rss_kib(pid: u32) -> u64 {
    let status = std::fs::read_to_string(format!("/proc/{pid}/status")).unwrap_or_default();
    status
        .lines()
        .find_map(|line| line.strip_prefix("VmHWM:"))
        .and_then(|rest| rest.split_whitespace().next()?.parse().ok())
        .unwrap_or(0)
}

fn launch(
    screen: &Screen,
    program: &[String],
    out: &Path,
    run: usize,
) -> Result<(Launch, Vec<u8>), String> {
    let before = cells_of(&screen.pixels()?, screen.width.into(), screen.height.into());
    let windows_before = screen.mapped_windows()?;
    let log =
        std::fs::File::create(out.join(format!("run{run}.log"))).map_err(|e| e.to_string())?;
    let started = Instant::now();
    let mut child: Child = Command::new(&program[0])
        .args(&program[1..])
        .stdout(log.try_clone().map_err(|e| e.to_string())?)
        .stderr(log)
        .stdin(Stdio::null())
        .spawn()
        .map_err(|e| format!("cannot start {}: {e}", program[0]))?;
    let pid = child.id();
    let mut result = Launch::default();
    let mut samples: Vec<Sample> = Vec::new();
    let mut last_pixels = Vec::new();
    let mut changed_at = started.elapsed();
    loop {
        let at = started.elapsed();
        if result.window.is_none()
            && screen
                .mapped_windows()?
                .iter()
                .any(|w| !windows_before.contains(w))
        {
            result.window = Some(at);
        }
        let pixels = screen.pixels()?;
        let cells = cells_of(&pixels, screen.width.into(), screen.height.into());
        if samples.last().is_none_or(|s| s.cells != cells) {
            changed_at = at;
            last_pixels = pixels;
            samples.push(Sample { at, cells });
        }
        let still = at.saturating_sub(changed_at) >= STILL_FOR;
        if (still && result.window.is_some() && samples.len() > 1) || at > GIVE_UP_AFTER {
            break;
        }
        if let Ok(Some(status)) = child.try_wait() {
            return Err(format!("{} ended early: {status}", program[0]));
        }
    }
    result.samples = samples.len();
    result.first_frame = first_change(&samples, &before).map(|i| samples[i].at);
    result.readable = settled_index(&samples).map(|i| samples[i].at);
    let ticks_before = cpu_ticks(pid);
    std::thread::sleep(Duration::from_secs(5));
    let hz = 100; // USER_HZ on Linux.
    result.idle_cpu_ms = (cpu_ticks(pid) - ticks_before) * 1000 / hz;
    result.peak_rss_kib = peak_rss_kib(pid);
    // SIGTERM, as a logout would; then make sure.
    let _ = Command::new("kill").arg(pid.to_string()).status();
    let deadline = Instant::now() + Duration::from_secs(5);
    while child.try_wait().ok().flatten().is_none() && Instant::now() < deadline {
        std::thread::sleep(Duration::from_millis(50));
    }
    let _ = child.kill();
    let _ = child.wait();
    Ok((result, last_pixels))
}

/// The final picture as a PPM, for OCR.
fn write_ppm(path: &Path, pixels: &[u8], width: usize, height: usize) -> Result<(), String> {
    let mut bytes = format!("P6\n{width} {height}\n255\n").into_bytes();
    for pixel in pixels.chunks_exact(4).take(width * height) {
        bytes.extend_from_slice(&[pixel[2], pixel[1], pixel[0]]);
    }
    std::fs::write(path, bytes).map_err(|e| format!("{}: {e}", path.display()))
}

/// Which of `words` tesseract reads on the picture.
fn words_read(picture: &Path, words: &[String]) -> Result<Vec<String>, String> {
    let output = Command::new("tesseract")
        .arg(picture)
        .arg("stdout")
        .stderr(Stdio::null())
        .output()
        .map_err(|e| format!("cannot run tesseract: {e}"))?;
    let text = String::from_utf8_lossy(&output.stdout).to_lowercase();
    Ok(words
        .iter()
        .filter(|w| text.contains(&w.to_lowercase()))
        .cloned()
        .collect())
}

fn median(mut values: Vec<f64>) -> f64 {
    values.sort_by(f64::total_cmp);
    values.get(values.len() / 2).copied().unwrap_or(f64::NAN)
}

fn seconds(d: Option<Duration>) -> f64 {
    d.map_or(f64::NAN, |d| d.as_secs_f64())
}

struct Options {
    runs: usize,
    expect: Vec<String>,
    out: PathBuf,
    program: Vec<String>,
}

fn options() -> Result<Option<Options>, String> {
    let mut args = std::env::args().skip(1);
    let mut options = Options {
        runs: 3,
        expect: Vec::new(),
        out: std::env::temp_dir().join("marginalia-launch"),
        program: Vec::new(),
    };
    let mut benching = false;
    while let Some(arg) = args.next() {
        match arg.as_str() {
            "--bench" => benching = true,
            "--runs" => {
                options.runs = args
                    .next()
                    .and_then(|n| n.parse().ok())
                    .ok_or("--runs takes a number")?;
            }
            "--expect" => options
                .expect
                .push(args.next().ok_or("--expect takes a word")?),
            "--out" => options.out = args.next().ok_or("--out takes a folder")?.into(),
            "--" => {
                options.program = args.collect();
                break;
            }
            _ => {}
        }
    }
    if !benching {
        return Ok(None);
    }
    if options.program.is_empty() {
        // `cargo bench` runs every benchmark: this one needs a display and a
        // program, which scripts/measure-launch.sh gives it.
        eprintln!("launch: nothing to launch (scripts/measure-launch.sh runs this benchmark)");
        return Ok(None);
    }
    Ok(Some(options))
}

fn main() {
    let options = match options() {
        Ok(Some(options)) => options,
        Ok(None) => {
            self_check();
            return;
        }
        Err(message) => {
            eprintln!("launch: {message}");
            std::process::exit(2);
        }
    };
    if let Err(message) = measure(&options) {
        eprintln!("launch: {message}");
        std::process::exit(1);
    }
}

fn measure(options: &Options) -> Result<(), String> {
    std::fs::create_dir_all(&options.out).map_err(|e| e.to_string())?;
    let screen = Screen::open()?;
    let name = options.program.join(" ");
    // A warm-up run: the disk cache and the font cache as a user has them.
    let mut launches = Vec::new();
    for run in 0..=options.runs {
        let (measured, pixels) = launch(&screen, &options.program, &options.out, run)?;
        let picture = options.out.join(format!("run{run}.ppm"));
        write_ppm(&picture, &pixels, screen.width.into(), screen.height.into())?;
        let read = if options.expect.is_empty() {
            String::new()
        } else {
            let read = words_read(&picture, &options.expect)?;
            format!(", OCR read {}/{} words", read.len(), options.expect.len())
        };
        println!(
            "{} run {run}: window {:.3} s, first frame {:.3} s, readable {:.3} s, peak {} MB, idle CPU {} ms/5 s ({} screens{read})",
            if run == 0 { "warm-up" } else { "measured" },
            seconds(measured.window),
            seconds(measured.first_frame),
            seconds(measured.readable),
            measured.peak_rss_kib / 1024,
            measured.idle_cpu_ms,
            measured.samples,
        );
        if run > 0 {
            launches.push(measured);
        }
        std::thread::sleep(Duration::from_millis(500));
    }
    let of = |f: fn(&Launch) -> f64| median(launches.iter().map(f).collect());
    println!(
        "median of {}: {name}: window {:.3} s | first frame {:.3} s | readable {:.3} s | peak {:.0} MB | idle CPU {:.0} ms/5 s",
        launches.len(),
        of(|l| seconds(l.window)),
        of(|l| seconds(l.first_frame)),
        of(|l| seconds(l.readable)),
        of(|l| l.peak_rss_kib as f64 / 1024.0),
        of(|l| l.idle_cpu_ms as f64),
    );
    Ok(())
}

/// Under `cargo test`: the arithmetic, on made-up screens.
fn self_check() {
    let sample = |ms: u64, value: u8| Sample {
        at: Duration::from_millis(ms),
        cells: vec![value; 100],
    };
    let mut almost = sample(40, 200);
    almost.cells[0] = 0; // 1 % off the final picture: settled.
    let samples = [
        sample(10, 0),
        sample(20, 100),
        sample(30, 200),
        almost,
        sample(50, 200),
    ];
    assert_eq!(first_change(&samples, &[0; 100]), Some(1));
    assert_eq!(settled_index(&samples), Some(2));
    let pixels = vec![255u8; 8 * 4 * 4];
    assert_eq!(cells_of(&pixels, 8, 4), vec![255, 255]);
}
