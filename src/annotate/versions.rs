//! Which edits a version of an annotation has seen: per device, how many
//! edits it made (a version vector). Two versions of which neither has
//! seen all the other's edits were made apart: both are kept in a merge,
//! whatever the clocks of the machines said.

use std::collections::BTreeMap;

use serde::{Deserialize, Serialize};

/// Edits per device (a short random name, one per machine).
#[derive(Clone, Debug, Default, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(transparent)]
pub struct EditCounts(BTreeMap<String, u64>);

impl EditCounts {
    pub fn is_empty(&self) -> bool {
        self.0.is_empty()
    }

    pub fn iter(&self) -> impl Iterator<Item = (&str, u64)> {
        self.0
            .iter()
            .map(|(device, count)| (device.as_str(), *count))
    }

    /// Whether this version has seen every edit `other` has.
    pub fn has_seen(&self, other: &EditCounts) -> bool {
        other
            .0
            .iter()
            .all(|(device, count)| self.0.get(device).is_some_and(|mine| mine >= count))
    }

    /// Made apart: neither has seen all the other's edits. Versions of a
    /// Marginalia that kept no counts (empty) are never counted apart.
    pub fn made_apart_from(&self, other: &EditCounts) -> bool {
        !self.is_empty() && !other.is_empty() && !self.has_seen(other) && !other.has_seen(self)
    }

    /// Every edit either has seen.
    pub fn joined(&self, other: &EditCounts) -> EditCounts {
        let mut joined = self.0.clone();
        for (device, &count) in &other.0 {
            let mine = joined.entry(device.clone()).or_insert(0);
            *mine = (*mine).max(count);
        }
        EditCounts(joined)
    }

    /// One more edit, by `device`.
    pub fn bumped(&self, device: &str) -> EditCounts {
        let mut bumped = self.0.clone();
        *bumped.entry(device.to_owned()).or_insert(0) += 1;
        EditCounts(bumped)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn edits_made_apart_are_told_from_edits_made_after() {
        let base = EditCounts::default().bumped("laptop");
        let on_laptop = base.bumped("laptop");
        let on_desktop = base.bumped("desktop");
        assert!(on_laptop.has_seen(&base) && !base.has_seen(&on_laptop));
        assert!(on_laptop.made_apart_from(&on_desktop));
        let after_both = on_laptop.joined(&on_desktop).bumped("desktop");
        assert!(!after_both.made_apart_from(&on_laptop));
        assert!(after_both.has_seen(&on_laptop) && after_both.has_seen(&on_desktop));
        // A version without counts (an older Marginalia) is never apart.
        assert!(!EditCounts::default().made_apart_from(&on_laptop));
    }
}
