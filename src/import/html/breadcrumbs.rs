//! A breadcrumb trail at the head of the article: where the page stands
//! in the site ("CNET / News / Internet & Media", "Home › Politics ›
//! Europe"), set as a short list of links or as one line of them. Told by
//! its first step (the site's name or its home) and its short linked
//! steps; muted where it stands, never dropped.

use crate::document::{BlockKind, DocumentBuilder};

/// How a trail's first step names the site's home, lower case.
const HOME_NAMES: &[&str] = &[
    "home",
    "homepage",
    "start",
    "startseite",
    "accueil",
    "inicio",
    "início",
    "portada",
    "strona główna",
    "首页",
    "ホーム",
];

/// What parts the steps of a trail set as one line.
const STEP_SEPARATORS: &[char] = &['›', '»', '>', '/', '→', '·'];

/// A trail stands within this many blocks of the body's start.
const HEAD_BLOCKS: usize = 12;

/// A trail has this many steps at least and at most.
const LEAST_STEPS: usize = 2;
const MOST_STEPS: usize = 6;

/// A step is at most this many words.
const STEP_WORDS: usize = 4;

/// A step (or a line of them) is links when at least this share of it is.
const LINKED: f32 = 0.5;

/// Mutes the breadcrumb trail among the first blocks of the body (from
/// block `first`), when there is one.
pub(super) fn mute_breadcrumbs(builder: &mut DocumentBuilder, first: usize) {
    let site = builder
        .metadata()
        .source
        .as_deref()
        .map(str::to_lowercase)
        .unwrap_or_default();
    let head_end = builder.block_count().min(first + HEAD_BLOCKS);
    let mut at = first;
    while at < head_end {
        // A run of short links is a trail as a whole or not at all (a
        // menu's "Home" after the blog's name is not a trail's start).
        let steps = (at..head_end)
            .take_while(|&index| is_linked_step(builder, index))
            .count();
        let first_step = builder.block_text(at).unwrap_or_default();
        let trail = if (LEAST_STEPS..=MOST_STEPS).contains(&steps) {
            is_first_step(first_step, &site).then_some(steps)
        } else {
            (steps <= 1 && is_trail_line(builder, at, &site)).then_some(1)
        };
        if let Some(trail) = trail {
            for index in at..at + trail {
                builder.set_kind(index, BlockKind::Furniture);
            }
            return;
        }
        at += steps.max(1);
    }
}

/// Whether block `index` is a list item that is a short link.
fn is_linked_step(builder: &DocumentBuilder, index: usize) -> bool {
    matches!(builder.block_kind(index), Some(BlockKind::ListItem { .. }))
        && builder.linked_share(index) >= LINKED
        && builder.block_text(index).is_some_and(is_short_step)
}

/// Whether block `index` is a paragraph or list item that is a trail set
/// as one line: linked steps parted by "›" (or "»", "/", …), the first
/// the site's name or its home.
fn is_trail_line(builder: &DocumentBuilder, index: usize, site: &str) -> bool {
    let Some(text) = builder.block_text(index) else {
        return false;
    };
    let prose = matches!(
        builder.block_kind(index),
        Some(BlockKind::Paragraph | BlockKind::ListItem { .. })
    );
    let steps: Vec<&str> = text
        .split(STEP_SEPARATORS)
        .map(str::trim)
        .filter(|step| !step.is_empty())
        .collect();
    prose
        && builder.linked_share(index) >= LINKED
        && (LEAST_STEPS..=MOST_STEPS).contains(&steps.len())
        && steps.iter().all(|step| is_short_step(step))
        && is_first_step(steps[0], site)
}

fn is_short_step(text: &str) -> bool {
    let words = text.split_whitespace().count();
    (1..=STEP_WORDS).contains(&words) && !text.trim_end().ends_with(['.', '!', '?'])
}

/// Whether a step is the site's name or its home.
fn is_first_step(step: &str, site: &str) -> bool {
    let step = step
        .trim_matches(|c: char| !c.is_alphanumeric())
        .to_lowercase();
    HOME_NAMES.contains(&step.as_str()) || (!site.is_empty() && step == site)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_trails_first_step_is_the_sites_name_or_its_home() {
        for step in ["Home", "CNET", "» Startseite", "Accueil"] {
            assert!(is_first_step(step, "cnet"), "{step}");
        }
        for step in ["News", "CNET Mobile", "Homes for sale"] {
            assert!(!is_first_step(step, "cnet"), "{step}");
        }
    }
}
