//! Which renderer draws the window: OpenGL through `glow`, or `wgpu`
//! (Vulkan, Metal, DirectX). On this project's machine (Mesa's software
//! rasteriser) glow brings the first frame with text to the screen sooner;
//! `MARGINALIA_RENDERER=wgpu` (or `glow`) forces one, and when the chosen
//! one cannot start (no OpenGL, no adapter), the other is tried.

use eframe::Renderer;

/// The renderers to try, in order.
pub fn renderers_to_try() -> [Renderer; 2] {
    let wanted = std::env::var("MARGINALIA_RENDERER").unwrap_or_default();
    if wanted.eq_ignore_ascii_case("wgpu") {
        [Renderer::Wgpu, Renderer::Glow]
    } else {
        if !wanted.is_empty() && !wanted.eq_ignore_ascii_case("glow") {
            log::warn!("MARGINALIA_RENDERER={wanted}: unknown; glow or wgpu");
        }
        [Renderer::Glow, Renderer::Wgpu]
    }
}

/// Whether `error` is the renderer's own (no OpenGL, no GPU adapter): only
/// then is the other renderer worth trying. A display that cannot be
/// reached fails the same way for both (and winit's event loop cannot be
/// made twice after it failed).
pub fn is_renderer_failure(error: &eframe::Error) -> bool {
    matches!(
        error,
        eframe::Error::Glutin(_)
            | eframe::Error::NoGlutinConfigs(..)
            | eframe::Error::OpenGL(_)
            | eframe::Error::Wgpu(_)
    )
}

/// What draws the window, for the startup timeline: the renderer, and
/// the device or driver it runs on.
pub fn describe(cc: &eframe::CreationContext<'_>) -> String {
    if let Some(gl) = &cc.gl {
        use eframe::glow::HasContext as _;
        // SAFETY: reading a string parameter of the context eframe made
        // current for this thread.
        let renderer = unsafe { gl.get_parameter_string(eframe::glow::RENDERER) };
        return format!("glow, OpenGL on {renderer}");
    }
    cc.wgpu_render_state
        .as_ref()
        .map(|state| state.adapter.get_info())
        .map_or_else(String::new, |info| {
            format!("wgpu, {:?} on {}", info.backend, info.name)
        })
}
