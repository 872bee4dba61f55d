//! A PDF is read in a child process — this binary run as `marginalia
//! read-pdf` (or, for a page's picture, `render-pdf-page`) — under limits on its memory (1 GiB of address space), its
//! CPU time (30 s) and the time it takes (60 s), so that a hostile file
//! that makes the parser allocate without end, recurse too deep or loop
//! ends that process, never the window. The password (its length in four
//! bytes, then the password; empty for none) and the PDF's bytes go in on
//! its standard input — never on its command line, which other users can
//! read; the answer comes back as JSON on its standard output.

use std::io::{Read as _, Write as _};
use std::path::PathBuf;
use std::process::{Child, Command, ExitStatus, Stdio};
use std::time::{Duration, Instant};

use super::extract::read_pdf;
use super::page_picture::{PictureHeader, render_page};
use super::text::PdfAnswer;

/// The hidden subcommand that reads a PDF.
pub const READ_PDF_COMMAND: &str = "read-pdf";
/// The hidden subcommand that renders a page of a PDF.
pub const RENDER_PAGE_COMMAND: &str = "render-pdf-page";
/// The child's limits.
pub const MEMORY_LIMIT_BYTES: u64 = 1024 * 1024 * 1024;
pub const CPU_LIMIT_SECONDS: u64 = 30;
pub const WALL_LIMIT: Duration = Duration::from_secs(60);
/// The largest answer read back (the text of a long book is a few MB).
const MAX_ANSWER_BYTES: u64 = 256 * 1024 * 1024;
/// The longest password sent to the reader.
const MAX_PASSWORD_BYTES: u32 = 4096;
/// Environment variables that lower (or raise) the reader's CPU-time and
/// wall-clock limits, in seconds (a slow machine, a test of the limits).
pub const CPU_LIMIT_VARIABLE: &str = "MARGINALIA_PDF_CPU_SECONDS";
pub const WALL_LIMIT_VARIABLE: &str = "MARGINALIA_PDF_WALL_SECONDS";
/// The environment variable naming another binary to read PDFs with.
pub const READER_VARIABLE: &str = "MARGINALIA_PDF_READER";

/// Why the child gave no answer.
#[derive(Debug, thiserror::Error)]
pub enum ChildError {
    #[error("the PDF reader cannot start: {0}")]
    Start(String),
    #[error("reading it took longer than {seconds} s; it was stopped")]
    TooSlow { seconds: u64 },
    #[error("reading it needed more than {seconds} s of processor time; it was stopped")]
    TooMuchWork { seconds: u64 },
    #[error("reading it needed more than {} MiB of memory; it was stopped", MEMORY_LIMIT_BYTES >> 20)]
    TooMuchMemory,
    #[error("the PDF reader failed on it ({0})")]
    Crashed(String),
}

/// The CPU time the reader may use.
fn cpu_limit_seconds() -> u64 {
    seconds_from(CPU_LIMIT_VARIABLE).unwrap_or(CPU_LIMIT_SECONDS)
}

/// The time the reader may take.
fn wall_limit() -> Duration {
    seconds_from(WALL_LIMIT_VARIABLE).map_or(WALL_LIMIT, Duration::from_secs)
}

/// A whole number of seconds (at least 1) from the environment.
fn seconds_from(variable: &str) -> Option<u64> {
    let value = std::env::var(variable).ok()?;
    value.trim().parse::<u64>().ok().map(|s| s.max(1))
}

/// The child's side: reads the PDF on standard input and answers on
/// standard output. Run by `marginalia read-pdf`.
pub fn serve_read_pdf() -> std::io::Result<()> {
    let mut stdin = std::io::stdin().lock();
    let password = read_password(&mut stdin)?;
    let bytes = read_pdf_bytes(&mut stdin)?;
    let answer = read_pdf(bytes, &password);
    let text = serde_json::to_vec(&answer).map_err(std::io::Error::other)?;
    let mut out = std::io::stdout().lock();
    out.write_all(&text)?;
    out.flush()
}

/// The child's side of a page's picture: the password, the page's index,
/// the picture's width and the part of the page wanted (left, top, right,
/// bottom in points as `f32` bits; all zero for the whole page) — four
/// bytes each, big-endian — then the PDF;
/// answers with the header's length, the header (JSON) and the pixels.
/// Run by `marginalia render-pdf-page`.
pub fn serve_render_page() -> std::io::Result<()> {
    let mut stdin = std::io::stdin().lock();
    let password = read_password(&mut stdin)?;
    let mut numbers = [0u8; 24];
    stdin.read_exact(&mut numbers)?;
    let mut words = numbers
        .chunks_exact(4)
        .map(|w| u32::from_be_bytes([w[0], w[1], w[2], w[3]]));
    let mut next = || words.next().unwrap_or_default();
    let (index, width_px) = (next(), next());
    let crop = [next(), next(), next(), next()].map(f32::from_bits);
    let crop = (crop[2] > crop[0] && crop[3] > crop[1]).then_some(crop);
    let bytes = read_pdf_bytes(&mut stdin)?;
    let (header, pixels) = render_page(bytes, &password, index as usize, width_px, crop);
    let header = serde_json::to_vec(&header).map_err(std::io::Error::other)?;
    let mut out = std::io::stdout().lock();
    out.write_all(&(header.len() as u32).to_be_bytes())?;
    out.write_all(&header)?;
    out.write_all(&pixels)?;
    out.flush()
}

fn read_password(stdin: &mut impl std::io::Read) -> std::io::Result<String> {
    let mut length = [0u8; 4];
    stdin.read_exact(&mut length)?;
    let length = u32::from_be_bytes(length).min(MAX_PASSWORD_BYTES);
    let mut password = Vec::new();
    stdin.take(u64::from(length)).read_to_end(&mut password)?;
    Ok(String::from_utf8_lossy(&password).into_owned())
}

fn read_pdf_bytes(stdin: &mut impl std::io::Read) -> std::io::Result<Vec<u8>> {
    let mut bytes = Vec::new();
    stdin
        .take(crate::import::MAX_FILE_BYTES)
        .read_to_end(&mut bytes)?;
    Ok(bytes)
}

/// The binary that reads PDFs: this one, or (from a test or a benchmark,
/// whose own binary is not Marginalia) the `marginalia` beside it.
fn reader_binary() -> Result<PathBuf, ChildError> {
    if let Some(path) = std::env::var_os(READER_VARIABLE) {
        return Ok(PathBuf::from(path));
    }
    let me = std::env::current_exe().map_err(|e| ChildError::Start(e.to_string()))?;
    if me.file_stem().is_some_and(|name| name == "marginalia") {
        return Ok(me);
    }
    let beside = |folder: Option<&std::path::Path>| folder.map(|f| f.join("marginalia"));
    [
        beside(me.parent()),
        beside(me.parent().and_then(|p| p.parent())),
    ]
    .into_iter()
    .flatten()
    .find(|path| path.is_file())
    .ok_or_else(|| ChildError::Start(format!("no marginalia binary beside {}", me.display())))
}

/// Reads a PDF's bytes (with `password`, empty for none) in a child
/// process under the limits.
pub fn read_in_child(bytes: &[u8], password: &str) -> Result<PdfAnswer, ChildError> {
    let answer = run_child(READ_PDF_COMMAND, &password_preamble(password), bytes)?;
    serde_json::from_slice(&answer).map_err(|e| ChildError::Crashed(format!("its answer: {e}")))
}

/// Renders page `index` (from 0) of a PDF — or the part `crop` of it —
/// `width_px` pixels wide in a child process under the limits: the
/// header, and the pixels.
pub fn render_in_child(
    bytes: &[u8],
    password: &str,
    index: usize,
    width_px: u32,
    crop: Option<[f32; 4]>,
) -> Result<(PictureHeader, Vec<u8>), ChildError> {
    let mut preamble = password_preamble(password);
    preamble.extend_from_slice(&u32::try_from(index).unwrap_or(u32::MAX).to_be_bytes());
    preamble.extend_from_slice(&width_px.to_be_bytes());
    for side in crop.unwrap_or_default() {
        preamble.extend_from_slice(&side.to_bits().to_be_bytes());
    }
    let answer = run_child(RENDER_PAGE_COMMAND, &preamble, bytes)?;
    let unreadable = |why: &str| ChildError::Crashed(format!("its answer: {why}"));
    let (length, rest) = answer
        .split_first_chunk::<4>()
        .ok_or_else(|| unreadable("too short"))?;
    let length = u32::from_be_bytes(*length) as usize;
    if length > rest.len() {
        return Err(unreadable("its header is cut short"));
    }
    let (header, pixels) = rest.split_at(length);
    let header: PictureHeader =
        serde_json::from_slice(header).map_err(|e| unreadable(&e.to_string()))?;
    if let PictureHeader::Picture {
        width_px,
        height_px,
        ..
    } = &header
        && (*width_px as usize) * (*height_px as usize) * 4 != pixels.len()
    {
        return Err(unreadable("its pixels do not fill the picture"));
    }
    Ok((header, pixels.to_vec()))
}

/// The password as the child reads it: its length in four bytes, then it.
fn password_preamble(password: &str) -> Vec<u8> {
    let password = &password.as_bytes()[..password.len().min(MAX_PASSWORD_BYTES as usize)];
    let mut preamble = (password.len() as u32).to_be_bytes().to_vec();
    preamble.extend_from_slice(password);
    preamble
}

/// Runs `marginalia <subcommand>` under the limits with `preamble` and
/// `bytes` on its standard input: what it wrote on its standard output.
fn run_child(subcommand: &str, preamble: &[u8], bytes: &[u8]) -> Result<Vec<u8>, ChildError> {
    let mut command = Command::new(reader_binary()?);
    command
        .arg(subcommand)
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::null());
    limit(&mut command);
    let mut child = command
        .spawn()
        .map_err(|e| ChildError::Start(e.to_string()))?;
    let (status, answer) = talk_to(&mut child, preamble, bytes)?;
    if !status.success() {
        return Err(failure(status));
    }
    Ok(answer)
}

/// Sends the preamble and the bytes to the reader and reads its answer,
/// each on a thread of its own (neither pipe may fill while the other
/// waits; the bytes are lent, not copied), until it exits or its time is
/// up (then it is killed, which ends both threads).
fn talk_to(
    child: &mut Child,
    preamble: &[u8],
    bytes: &[u8],
) -> Result<(ExitStatus, Vec<u8>), ChildError> {
    let (Some(mut stdin), Some(stdout)) = (child.stdin.take(), child.stdout.take()) else {
        return Err(ChildError::Start("no pipes to the reader".into()));
    };
    std::thread::scope(|scope| {
        scope.spawn(move || {
            // The reader may stop reading (a damaged file): not an error here.
            let _ = stdin
                .write_all(preamble)
                .and_then(|()| stdin.write_all(bytes));
        });
        let reader = scope.spawn(move || {
            let mut answer = Vec::new();
            stdout
                .take(MAX_ANSWER_BYTES)
                .read_to_end(&mut answer)
                .map(|_| answer)
        });
        let status = wait_within(child, wall_limit())?;
        let answer = reader
            .join()
            .map_err(|_| ChildError::Crashed("its answer could not be read".into()))?
            .map_err(|e| ChildError::Crashed(e.to_string()))?;
        Ok((status, answer))
    })
}

/// The reader's exit, or its end when it runs past `wall`.
fn wait_within(child: &mut Child, wall: Duration) -> Result<ExitStatus, ChildError> {
    let started = Instant::now();
    loop {
        if let Some(status) = child
            .try_wait()
            .map_err(|e| ChildError::Crashed(e.to_string()))?
        {
            return Ok(status);
        }
        if started.elapsed() > wall {
            let _ = child.kill();
            let _ = child.wait();
            return Err(ChildError::TooSlow {
                seconds: wall.as_secs(),
            });
        }
        std::thread::sleep(Duration::from_millis(5));
    }
}

/// What a child that did not succeed ran into.
fn failure(status: std::process::ExitStatus) -> ChildError {
    use std::os::unix::process::ExitStatusExt as _;
    match status.signal() {
        Some(libc::SIGXCPU) | Some(libc::SIGKILL) => ChildError::TooMuchWork {
            seconds: cpu_limit_seconds(),
        },
        // Rust aborts when an allocation fails; a stack overflow is a SIGSEGV.
        Some(libc::SIGABRT) => ChildError::TooMuchMemory,
        Some(signal) => ChildError::Crashed(format!("signal {signal}")),
        None => ChildError::Crashed(format!("exit status {}", status.code().unwrap_or(-1))),
    }
}

/// The child's memory and CPU time are limited before it runs.
fn limit(command: &mut Command) {
    use std::os::unix::process::CommandExt as _;
    let cpu_seconds = cpu_limit_seconds();
    let set = |resource, limit: u64| {
        let value = libc::rlimit {
            rlim_cur: limit as libc::rlim_t,
            rlim_max: limit as libc::rlim_t,
        };
        // SAFETY: setrlimit with a valid struct, in the child before exec.
        unsafe { libc::setrlimit(resource, &value) }
    };
    // SAFETY: the closure only calls setrlimit (async-signal-safe).
    unsafe {
        command.pre_exec(move || {
            if set(libc::RLIMIT_AS, MEMORY_LIMIT_BYTES) != 0
                || set(libc::RLIMIT_CPU, cpu_seconds) != 0
            {
                return Err(std::io::Error::last_os_error());
            }
            Ok(())
        });
    }
}
