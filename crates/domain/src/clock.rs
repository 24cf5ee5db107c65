//! Time as a dependency, so rules about expiry and lockout are tested with an injected clock.

use chrono::{DateTime, Utc};

pub trait Clock: Send + Sync {
    fn now(&self) -> DateTime<Utc>;
}
