//! Giving memory back to the system once an article is closed. glibc's
//! allocator keeps what is freed inside its per-thread arenas (an article
//! is read on one thread, shown on another and dropped on a third), so
//! without a trim the resident size grows with each article opened in a
//! window (measured: 116 MB to 163 MB over 20 articles opened in turn).

/// At start: at most two allocator arenas. Each short-lived thread (an
/// article's import, a closing save, a picture's decoding, the library)
/// would otherwise get an arena of its own, each keeping its freed memory
/// (measured over 20 articles opened in turn: 151–161 MB in the second
/// round with one arena per thread, 137–141 MB with two).
pub fn limit_arenas() {
    #[cfg(all(target_os = "linux", target_env = "gnu"))]
    // SAFETY: mallopt only sets the allocator's parameters; called first
    // thing in main, before any other thread runs.
    unsafe {
        libc::mallopt(libc::M_ARENA_MAX, 2);
    }
}

/// How long after an article shows its window has drawn it: its first
/// frames drop what the last article needed (egui's cached layouts of its
/// text, the meshes of its pages).
const SETTLE: std::time::Duration = std::time::Duration::from_secs(1);

/// Gives freed memory back once the window has settled on a new article,
/// on a thread of its own. (The trim after the closed article's drop comes
/// before the window has drawn the new one; the library's used to come
/// later, after it imported the article again, and hid this: without it,
/// 20 articles opened in turn kept 9–12 MB more, 135–141 MB.)
pub fn give_back_freed_memory_soon() {
    let spawned = std::thread::Builder::new().name("memory".into()).spawn(|| {
        std::thread::sleep(SETTLE);
        give_back_freed_memory();
    });
    if let Err(error) = spawned {
        log::debug!("no thread to give memory back: {error}");
    }
}

/// Returns the free memory of every arena to the system (a few
/// milliseconds; called on a worker after an article is dropped).
pub fn give_back_freed_memory() {
    #[cfg(all(target_os = "linux", target_env = "gnu"))]
    // SAFETY: malloc_trim only releases memory that is free; glibc makes it
    // safe to call from any thread at any time.
    unsafe {
        libc::malloc_trim(0);
    }
}
