//! The reader's own pace, measured as they read, and the time left at it
//! (Kindle's "12 min left in chapter"): the place at the top of the window
//! is looked at every half minute; a half minute that moved forward at a
//! reading pace counts, a jump, a skim, a step back or a pause does not.
//! Until enough is measured, a common pace is assumed (230 words a minute).

use std::time::{Duration, Instant};

/// Chars a minute assumed before the reader's own pace is known (about
/// 230 words of English a minute).
pub const ASSUMED_CHARS_PER_MINUTE: f32 = 1_250.0;

/// How long between two looks at the reader's place.
const SAMPLE: Duration = Duration::from_secs(30);

/// Longer than this without a look (the window was away) starts anew.
const PAUSE: Duration = Duration::from_secs(150);

/// A half minute that covered more than this pace was a skim.
const SKIM_CHARS_PER_MINUTE: f32 = 4_000.0;

/// Measured reading, in chars and time, before the measure is trusted.
const TRUSTED_CHARS: f32 = 3_000.0;

/// The reader's pace, as measured.
#[derive(Clone, Debug, Default)]
pub struct ReadingPace {
    last: Option<(usize, Instant)>,
    read_chars: f32,
    read_minutes: f32,
    /// The pace measured in earlier sessions, if any.
    remembered: Option<f32>,
}

impl ReadingPace {
    /// A pace that starts from one measured before.
    pub fn remembering(chars_per_minute: Option<f32>) -> Self {
        Self {
            remembered: chars_per_minute.filter(|pace| pace.is_finite() && *pace > 0.0),
            ..Self::default()
        }
    }

    /// The reader's place is `position_char` at `now`.
    pub fn observe(&mut self, position_char: usize, now: Instant) {
        let Some((from, since)) = self.last else {
            self.last = Some((position_char, now));
            return;
        };
        let elapsed = now.saturating_duration_since(since);
        if elapsed < SAMPLE {
            return;
        }
        self.last = Some((position_char, now));
        let minutes = elapsed.as_secs_f32() / 60.0;
        let moved = position_char.saturating_sub(from) as f32;
        let reading = elapsed <= PAUSE && moved > 0.0 && moved / minutes <= SKIM_CHARS_PER_MINUTE;
        if reading {
            self.read_chars += moved;
            self.read_minutes += minutes;
        }
    }

    /// Chars a minute: as measured once enough is, blended with what was
    /// measured before; else that, else the common pace.
    pub fn chars_per_minute(&self) -> f32 {
        let known = self.remembered.unwrap_or(ASSUMED_CHARS_PER_MINUTE);
        if self.read_chars < TRUSTED_CHARS || self.read_minutes <= 0.0 {
            return known;
        }
        let measured = self.read_chars / self.read_minutes;
        match self.remembered {
            Some(before) => (before + measured) / 2.0,
            None => measured,
        }
    }

    /// The article changed: its first place is no step of reading.
    pub fn restart(&mut self) {
        self.last = None;
    }

    /// The pace to remember, once this session measured one.
    pub fn to_remember(&self) -> Option<f32> {
        (self.read_chars >= TRUSTED_CHARS).then(|| self.chars_per_minute())
    }

    /// Whether the pace is the reader's own (measured now or before).
    pub fn is_measured(&self) -> bool {
        self.remembered.is_some() || self.read_chars >= TRUSTED_CHARS
    }
}

/// "under a minute", "12 min", "1 h 5 min": the time `chars` take at `pace`.
pub fn time_to_read(chars: usize, chars_per_minute: f32) -> String {
    let minutes = (chars as f32 / chars_per_minute.max(1.0)).round() as u64;
    match minutes {
        0 => "under a minute".to_owned(),
        m if m < 60 => format!("{m} min"),
        m if m % 60 == 0 => format!("{} h", m / 60),
        m => format!("{} h {} min", m / 60, m % 60),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn only_half_minutes_read_at_a_reading_pace_count() {
        let start = Instant::now();
        let at = |seconds: u64| start + Duration::from_secs(seconds);
        let mut pace = ReadingPace::default();
        assert_eq!(pace.chars_per_minute(), ASSUMED_CHARS_PER_MINUTE);
        pace.observe(0, at(0));
        // Read 500 chars each half minute: 1,000 a minute.
        for step in 1..=8 {
            pace.observe(step * 500, at(step as u64 * 30));
        }
        assert!(
            (pace.chars_per_minute() - 1_000.0).abs() < 1.0,
            "{}",
            pace.chars_per_minute()
        );
        // A skim (20,000 chars in half a minute), a jump back and a long
        // pause change nothing.
        pace.observe(24_000, at(270));
        pace.observe(1_000, at(300));
        pace.observe(2_000, at(900));
        assert!((pace.chars_per_minute() - 1_000.0).abs() < 1.0);
        assert!(pace.is_measured());
    }

    #[test]
    fn a_pace_remembered_is_used_and_blended() {
        let pace = ReadingPace::remembering(Some(2_000.0));
        assert_eq!(pace.chars_per_minute(), 2_000.0);
        assert!(pace.is_measured());
        assert_eq!(
            ReadingPace::remembering(Some(f32::NAN)).chars_per_minute(),
            ASSUMED_CHARS_PER_MINUTE
        );
    }

    #[test]
    fn times_read_as_a_person_says_them() {
        assert_eq!(time_to_read(100, 1_250.0), "under a minute");
        assert_eq!(time_to_read(15_000, 1_250.0), "12 min");
        assert_eq!(time_to_read(81_250, 1_250.0), "1 h 5 min");
        assert_eq!(time_to_read(150_000, 1_250.0), "2 h");
    }
}
