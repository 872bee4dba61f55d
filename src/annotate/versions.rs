//! Which edits a version of an annotation has seen: per device, how many
//! edits it made (a version vector). Two versions of which neither has
//! seen all the other's edits were made apart: both are kept in a merge,
//! whatever the clocks of the machines said.

use std::collections::BTreeMap;

use serde::{Deserialize, Deserializer, Serialize, Serializer};

/// Edits per device (a short random name, one per machine). Written as
/// one string, `"3f2a9c1d0b7e:2 77b0c4e1a9d2:5"`: a sidecar of thousands
/// of annotations reads and writes it as fast as any other field.
#[derive(Clone, Debug, Default, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct EditCounts(BTreeMap<String, u64>);

impl Serialize for EditCounts {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        let text: Vec<String> = self
            .0
            .iter()
            .map(|(device, count)| format!("{device}:{count}"))
            .collect();
        serializer.serialize_str(&text.join(" "))
    }
}

impl<'de> Deserialize<'de> for EditCounts {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        let text = String::deserialize(deserializer)?;
        let mut counts = BTreeMap::new();
        for pair in text.split_whitespace() {
            let (device, count) = pair
                .rsplit_once(':')
                .and_then(|(device, count)| Some((device, count.parse::<u64>().ok()?)))
                .filter(|(device, _)| !device.is_empty())
                .ok_or_else(|| {
                    serde::de::Error::custom(format!("not a device's edit count: {pair:?}"))
                })?;
            let held = counts.entry(device.to_owned()).or_insert(0);
            *held = (*held).max(count);
        }
        Ok(EditCounts(counts))
    }
}

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

    /// One more edit, by `device`. A count never wraps: a device whose
    /// count is at the largest number counts on under a name of its own
    /// (`device+`), so the new version is still seen as newer than every
    /// one before it and apart from any edit made elsewhere meanwhile.
    pub fn bumped(&self, device: &str) -> EditCounts {
        let mut bumped = self.0.clone();
        let mut name = device.to_owned();
        loop {
            let count = bumped.entry(name.clone()).or_insert(0);
            if let Some(next) = count.checked_add(1) {
                *count = next;
                return EditCounts(bumped);
            }
            name.push('+');
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn counts_are_written_as_one_string_and_read_back() {
        let counts = EditCounts::default()
            .bumped("laptop")
            .bumped("laptop")
            .bumped("desktop");
        let text = ron::to_string(&counts).unwrap();
        assert_eq!(text, "\"desktop:1 laptop:2\"");
        assert_eq!(ron::from_str::<EditCounts>(&text).unwrap(), counts);
        assert!(ron::from_str::<EditCounts>("\"laptop\"").is_err());
        assert!(ron::from_str::<EditCounts>("\"laptop:x\"").is_err());
    }

    #[test]
    fn a_count_at_the_largest_number_never_wraps() {
        let base: EditCounts = ron::from_str(&format!("\"laptop:{}\"", u64::MAX)).unwrap();
        let on_laptop = base.bumped("laptop");
        let on_desktop = base.bumped("desktop");
        assert!(on_laptop.has_seen(&base) && !base.has_seen(&on_laptop));
        assert!(
            on_laptop.made_apart_from(&on_desktop),
            "a note edited on both machines is kept twice: {on_laptop:?} {on_desktop:?}"
        );
        let again = on_laptop.bumped("laptop");
        assert!(again.has_seen(&on_laptop) && !on_laptop.has_seen(&again));
    }

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
