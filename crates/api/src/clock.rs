use chrono::{DateTime, Utc};
use domain::Clock;

/// The wall clock; tests inject their own [`Clock`].
#[derive(Debug, Clone, Copy, Default)]
pub struct SystemClock;

impl Clock for SystemClock {
    fn now(&self) -> DateTime<Utc> {
        Utc::now()
    }
}
