//! Ending on a signal: SIGTERM, SIGINT and SIGHUP (a logout, a shutdown,
//! Ctrl+C in the terminal) close the window as Ctrl+Q does, so the pending
//! sidecar save is written and the reading position and recent files are
//! stored. A second signal ends the program at once.

use eframe::egui;

/// Starts a thread that turns the first ending signal into a close of the
/// window. Only the real program does this (tests keep the default).
pub fn close_on_signals(ctx: &egui::Context) {
    #[cfg(unix)]
    {
        use signal_hook::consts::{SIGHUP, SIGINT, SIGTERM};
        let mut signals = match signal_hook::iterator::Signals::new([SIGTERM, SIGINT, SIGHUP]) {
            Ok(signals) => signals,
            Err(error) => {
                log::warn!("ending signals will end the program without saving: {error}");
                return;
            }
        };
        let ctx = ctx.clone();
        let started = std::thread::Builder::new()
            .name("signals".to_owned())
            .spawn(move || {
                let mut signals = signals.forever();
                if let Some(signal) = signals.next() {
                    log::info!("signal {signal}: closing as Ctrl+Q does");
                    ctx.send_viewport_cmd(egui::ViewportCommand::Close);
                    ctx.request_repaint();
                }
                if let Some(signal) = signals.next() {
                    std::process::exit(128 + signal);
                }
            });
        if let Err(error) = started {
            log::warn!("ending signals will end the program without saving: {error}");
        }
    }
    #[cfg(not(unix))]
    let _ = ctx;
}
