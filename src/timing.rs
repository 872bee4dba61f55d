//! The startup timeline: with `MARGINALIA_TIMING` set, each phase of a
//! launch is printed on standard error with its time since the process
//! started, so the next slow start shows where its time went.
//!
//! The clock starts in `main`; how long the process ran before `main`
//! (loading the binary and its libraries) is read once from `/proc`, to the
//! kernel's 10 ms clock ticks.

use std::sync::OnceLock;
use std::time::{Duration, Instant};

struct Clock {
    main_entered: Instant,
    /// How long after the process started `main` was entered.
    before_main: Duration,
}

static CLOCK: OnceLock<Option<Clock>> = OnceLock::new();

/// Starts the timeline (first thing in `main`) when `MARGINALIA_TIMING` is set.
pub fn start() {
    let clock = CLOCK.get_or_init(|| {
        std::env::var_os("MARGINALIA_TIMING").map(|_| Clock {
            main_entered: Instant::now(),
            before_main: age_of_this_process().unwrap_or_default(),
        })
    });
    if clock.is_some() {
        mark("main entered (the binary and its libraries loaded; ±10 ms)");
    }
}

/// Whether the timeline is printed.
pub fn enabled() -> bool {
    CLOCK.get().is_some_and(Option::is_some)
}

/// Prints a phase of the launch with its time since the process started.
pub fn mark(phase: &str) {
    if let Some(Some(clock)) = CLOCK.get() {
        let since_start = clock.before_main + clock.main_entered.elapsed();
        eprintln!(
            "marginalia: timing {:7.1} ms  {phase}",
            since_start.as_secs_f64() * 1000.0
        );
    }
}

/// How long this process has run, from `/proc` (Linux; `None` elsewhere).
fn age_of_this_process() -> Option<Duration> {
    let stat = std::fs::read_to_string("/proc/self/stat").ok()?;
    // Field 22, the start time in clock ticks after boot; fields are
    // counted after the command name, which may hold spaces.
    let after_name = stat.rsplit_once(')')?.1;
    let start_ticks: f64 = after_name.split_whitespace().nth(19)?.parse().ok()?;
    let uptime = std::fs::read_to_string("/proc/uptime").ok()?;
    let uptime_s: f64 = uptime.split_whitespace().next()?.parse().ok()?;
    // USER_HZ is 100 on every Linux this runs on.
    let age_s = uptime_s - start_ticks / 100.0;
    (age_s >= 0.0).then(|| Duration::from_secs_f64(age_s))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn this_process_has_an_age() {
        if cfg!(target_os = "linux") {
            let age = age_of_this_process().expect("an age from /proc");
            assert!(age < Duration::from_secs(24 * 3600), "{age:?}");
        }
    }
}
