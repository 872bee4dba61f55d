//! Highlights made together move together: when most of them (by quote
//! length) moved by one displacement, one that landed elsewhere goes with
//! them where its quote is, with context agreeing at least as well.

use std::ops::Range;

use super::anchoring::{
    AnchorResolution, context_agreement, context_agrees_fully, context_holds, found, offset_by,
    resolve_anchor,
};
use super::{Anchor, AnchorStatus, IndexedText};

/// Resolves every anchor (given in any order) against `text`. Highlights
/// made together move together: when most of them (by quote length) moved
/// by one displacement, one that landed elsewhere but whose quote, with
/// context agreeing at least as well, sits at that displacement goes there
/// (a near-copy of a paragraph inserted before it must not keep its short
/// quotes).
pub fn anchor_all(text: &IndexedText<'_>, anchors: &[&Anchor]) -> Vec<AnchorResolution> {
    let mut order: Vec<usize> = (0..anchors.len()).collect();
    order.sort_by_key(|&i| (anchors[i].start_char, anchors[i].end_char));
    let mut results = vec![AnchorResolution::orphaned(); anchors.len()];
    let mut shift: isize = 0;
    for i in order {
        let anchor = anchors[i];
        let resolution = resolve_anchor(text, anchor, shift);
        if let Some(range) = &resolution.range {
            shift = range.start as isize - anchor.start_char as isize;
        }
        results[i] = resolution;
    }
    if let Some(displacement) = displacement_of_most(anchors, &results) {
        for (anchor, result) in anchors.iter().zip(&mut results) {
            move_with_the_others(text, anchor, result, displacement);
        }
    }
    results
}

/// The displacement most of the found anchors moved by, weighted by their
/// quotes' lengths, when it is more than half of that weight.
fn displacement_of_most(anchors: &[&Anchor], results: &[AnchorResolution]) -> Option<isize> {
    let mut weights: std::collections::HashMap<isize, usize> = std::collections::HashMap::new();
    let mut total = 0;
    for (anchor, result) in anchors.iter().zip(results) {
        if let Some(range) = &result.range {
            let weight = range.len();
            *weights
                .entry(range.start as isize - anchor.start_char as isize)
                .or_default() += weight;
            total += weight;
        }
    }
    // Ties go to the smaller move (then the later one): the same answer every time.
    let (displacement, weight) = weights
        .into_iter()
        .max_by_key(|&(d, w)| (w, std::cmp::Reverse(d.unsigned_abs()), d))?;
    (weight * 2 > total).then_some(displacement)
}

/// Moves `result` to where `anchor` would be had it moved by
/// `displacement`, when its quote is there exactly and its context agrees
/// there at least as well as where it was found.
fn move_with_the_others(
    text: &IndexedText<'_>,
    anchor: &Anchor,
    result: &mut AnchorResolution,
    displacement: isize,
) {
    let Some(landed) = result.range.clone() else {
        return;
    };
    if landed.start as isize - anchor.start_char as isize == displacement {
        return;
    }
    let start = offset_by(anchor.start_char, displacement);
    let there = start..start + anchor.exact.chars().count();
    if there.end > text.char_len()
        || text.slice(there.clone()) != anchor.exact
        || !context_holds(text, anchor, &there)
    {
        return;
    }
    let agreement = |range: &Range<usize>| {
        let (backwards, forwards) = context_agreement(text, anchor, range);
        backwards + forwards
    };
    let found_agreement = match result.status {
        // A fuzzy match is worse than the exact quote.
        AnchorStatus::Fuzzy { .. } => 0,
        _ => agreement(&landed),
    };
    if agreement(&there) < found_agreement {
        return;
    }
    let status = if there == anchor.range() && context_agrees_fully(text, anchor, &there) {
        AnchorStatus::Anchored
    } else {
        AnchorStatus::Moved
    };
    *result = found(there, status);
}
