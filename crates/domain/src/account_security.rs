//! The time rules of the specification's "Users, access and security rules":
//! lockout after failed logins, the 90-day password change, single-use links
//! valid 24 hours, deactivation after 120 days without use, and the last five
//! passwords barred. Every rule takes `now`, so tests move the clock.

use chrono::{DateTime, Duration, Utc};

/// Failed logins with the right user name that lock the account.
pub const LOCKOUT_THRESHOLD: u32 = 3;
/// How long a lock lasts.
pub const LOCKOUT_MINUTES: i64 = 15;
/// A password older than this may only be used to set a new one.
pub const PASSWORD_MAX_AGE_DAYS: i64 = 90;
/// Activation and reset links are valid this long.
pub const LINK_VALID_HOURS: i64 = 24;
/// Accounts unused for longer are deactivated.
pub const INACTIVITY_DAYS: i64 = 120;
/// A new password may not be one of the last this many.
pub const PASSWORD_HISTORY: usize = 5;

/// The login counter and lock of one user, as stored. The counting itself
/// is one conditional statement in the database
/// (`persistence::repositories::login_attempts`), so that concurrent
/// attempts cannot all be judged on one reading of it.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct LoginThrottle {
    pub failed_logins: u32,
    pub locked_until: Option<DateTime<Utc>>,
}

impl LoginThrottle {
    /// The lock's end while it lasts; None once it has passed.
    pub fn locked_at(&self, now: DateTime<Utc>) -> Option<DateTime<Utc>> {
        self.locked_until.filter(|until| now < *until)
    }
}

/// Whether a password set at `changed_at` must be changed before anything
/// else: on day 90 it still works, from day 91 it does not.
pub fn password_expired(changed_at: DateTime<Utc>, now: DateTime<Utc>) -> bool {
    now - changed_at > Duration::days(PASSWORD_MAX_AGE_DAYS)
}

/// Whether an activation or reset link issued at `issued_at` still works
/// (single use is the store's part: it deletes the token when used).
pub fn link_valid(issued_at: DateTime<Utc>, now: DateTime<Utc>) -> bool {
    now >= issued_at && now - issued_at <= Duration::hours(LINK_VALID_HOURS)
}

/// Whether an account last used at `last_used` (its last login, or its
/// creation if never) is to be deactivated: day 120 keeps it, day 121 not.
pub fn inactive(last_used: DateTime<Utc>, now: DateTime<Utc>) -> bool {
    now - last_used > Duration::days(INACTIVITY_DAYS)
}

#[cfg(test)]
mod tests {
    use super::*;
    use chrono::TimeZone;

    fn t0() -> DateTime<Utc> {
        Utc.with_ymd_and_hms(2026, 11, 24, 9, 0, 0).unwrap()
    }

    #[test]
    fn a_password_works_on_day_90_and_must_change_on_day_91() {
        assert!(!password_expired(t0(), t0() + Duration::days(90)));
        assert!(password_expired(
            t0(),
            t0() + Duration::days(90) + Duration::seconds(1)
        ));
        assert!(password_expired(t0(), t0() + Duration::days(91)));
    }

    #[test]
    fn a_link_works_at_23h59_and_not_at_24h01() {
        let issued = t0();
        assert!(link_valid(
            issued,
            issued + Duration::hours(23) + Duration::minutes(59)
        ));
        assert!(link_valid(issued, issued + Duration::hours(24)));
        assert!(!link_valid(
            issued,
            issued + Duration::hours(24) + Duration::minutes(1)
        ));
        assert!(
            !link_valid(issued, issued - Duration::seconds(1)),
            "not before it was issued"
        );
    }

    #[test]
    fn an_account_unused_for_120_days_stays_and_for_121_goes() {
        assert!(!inactive(t0(), t0() + Duration::days(120)));
        assert!(inactive(t0(), t0() + Duration::days(121)));
    }
}
