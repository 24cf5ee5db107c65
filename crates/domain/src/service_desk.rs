//! The service desk's rules: a response target per priority, and the clock
//! that runs while a customer waits for the service side.

use crate::installed_product::Priority;
use chrono::{DateTime, Duration, Utc};

/// How soon the service side answers a case, per priority (1 to 5).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct ResponseTargets([Duration; 5]);

#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum ResponseTargetsError {
    #[error("{0:?} is not `priority=duration` (e.g. `1=30m`)")]
    NotAPair(String),
    #[error("{0:?} is not a priority 1 to 5")]
    NotAPriority(String),
    #[error("{0:?} is not a duration: a positive number followed by m, h or d")]
    NotADuration(String),
}

impl Default for ResponseTargets {
    /// Critical within half an hour, system down within 4 hours, restricted
    /// within a day, the others within 3 and 10 days.
    fn default() -> Self {
        ResponseTargets([
            Duration::minutes(30),
            Duration::hours(4),
            Duration::days(1),
            Duration::days(3),
            Duration::days(10),
        ])
    }
}

impl ResponseTargets {
    pub fn for_priority(&self, priority: Priority) -> Duration {
        self.0[usize::from(priority.value()) - 1]
    }

    /// `1=30m,2=4h,3=1d`: the priorities named replace their defaults.
    pub fn parse(spec: &str) -> Result<Self, ResponseTargetsError> {
        let mut targets = Self::default();
        for pair in spec.split(',').map(str::trim).filter(|p| !p.is_empty()) {
            let (priority, duration) = pair
                .split_once('=')
                .ok_or_else(|| ResponseTargetsError::NotAPair(pair.to_owned()))?;
            let priority = priority
                .trim()
                .parse::<i64>()
                .ok()
                .and_then(|p| Priority::new(p).ok())
                .ok_or_else(|| ResponseTargetsError::NotAPriority(priority.to_owned()))?;
            targets.0[usize::from(priority.value()) - 1] = parse_duration(duration.trim())?;
        }
        Ok(targets)
    }
}

fn parse_duration(raw: &str) -> Result<Duration, ResponseTargetsError> {
    let bad = || ResponseTargetsError::NotADuration(raw.to_owned());
    let (number, unit) = raw.split_at(raw.len().saturating_sub(1));
    let n: i64 = number.parse().ok().filter(|n| *n > 0).ok_or_else(bad)?;
    match unit {
        "m" => Ok(Duration::minutes(n)),
        "h" => Ok(Duration::hours(n)),
        "d" => Ok(Duration::days(n)),
        _ => Err(bad()),
    }
}

/// Where a case stands against its response target.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct ResponseClock {
    /// How long the customer has waited for the service side so far.
    pub waited: Duration,
    pub target: Duration,
}

impl ResponseClock {
    /// The clock of a case awaiting a response since `since` (none when the
    /// service side has answered or waits for the customer).
    pub fn of(
        targets: &ResponseTargets,
        priority: Priority,
        since: Option<DateTime<Utc>>,
        now: DateTime<Utc>,
    ) -> Option<Self> {
        since.map(|since| ResponseClock {
            waited: (now - since).max(Duration::zero()),
            target: targets.for_priority(priority),
        })
    }

    pub fn missed(&self) -> bool {
        self.waited > self.target
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn p(n: i64) -> Priority {
        Priority::new(n).unwrap()
    }

    #[test]
    fn the_defaults_follow_the_priorities() {
        let t = ResponseTargets::default();
        assert_eq!(t.for_priority(p(1)), Duration::minutes(30));
        assert_eq!(t.for_priority(p(2)), Duration::hours(4));
        assert_eq!(t.for_priority(p(3)), Duration::days(1));
    }

    #[test]
    fn named_priorities_replace_their_defaults() {
        let t = ResponseTargets::parse("1=15m, 3=8h").unwrap();
        assert_eq!(t.for_priority(p(1)), Duration::minutes(15));
        assert_eq!(t.for_priority(p(2)), Duration::hours(4));
        assert_eq!(t.for_priority(p(3)), Duration::hours(8));
        assert_eq!(
            ResponseTargets::parse("").unwrap(),
            ResponseTargets::default()
        );
    }

    #[test]
    fn a_bad_target_is_named() {
        assert_eq!(
            ResponseTargets::parse("6=1h"),
            Err(ResponseTargetsError::NotAPriority("6".into()))
        );
        assert_eq!(
            ResponseTargets::parse("1=soon"),
            Err(ResponseTargetsError::NotADuration("soon".into()))
        );
        assert_eq!(
            ResponseTargets::parse("1=0m"),
            Err(ResponseTargetsError::NotADuration("0m".into()))
        );
        assert_eq!(
            ResponseTargets::parse("30m"),
            Err(ResponseTargetsError::NotAPair("30m".into()))
        );
    }

    #[test]
    fn the_clock_misses_its_target_only_after_it() {
        let t = ResponseTargets::default();
        let logged = DateTime::parse_from_rfc3339("2026-12-07T09:00:00Z")
            .unwrap()
            .to_utc();
        let at = |minutes| logged + Duration::minutes(minutes);
        let clock = ResponseClock::of(&t, p(1), Some(logged), at(30)).unwrap();
        assert_eq!(clock.waited, Duration::minutes(30));
        assert!(!clock.missed());
        assert!(ResponseClock::of(&t, p(1), Some(logged), at(31))
            .unwrap()
            .missed());
        assert!(!ResponseClock::of(&t, p(2), Some(logged), at(31))
            .unwrap()
            .missed());
        assert_eq!(ResponseClock::of(&t, p(1), None, at(600)), None);
    }
}
