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

/// The login counter and lock of one user, as stored.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct LoginThrottle {
    pub failed_logins: u32,
    pub locked_until: Option<DateTime<Utc>>,
}

/// What a failed attempt did.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum FailureOutcome {
    /// Counted; `left` more attempts before the lock.
    Counted { left: u32 },
    /// This attempt locked the account (send the lockout email once).
    LockedNow { until: DateTime<Utc> },
    /// The account was locked already; nothing changes.
    StillLocked { until: DateTime<Utc> },
}

impl LoginThrottle {
    /// The lock's end while it lasts; None once it has passed.
    pub fn locked_at(&self, now: DateTime<Utc>) -> Option<DateTime<Utc>> {
        self.locked_until.filter(|until| now < *until)
    }

    /// A wrong password: counts, and locks on the third. A lock that has
    /// run out starts a fresh count.
    pub fn fail(self, now: DateTime<Utc>) -> (Self, FailureOutcome) {
        if let Some(until) = self.locked_at(now) {
            return (self, FailureOutcome::StillLocked { until });
        }
        let previous = if self.locked_until.is_some() {
            0
        } else {
            self.failed_logins
        };
        let failed = previous + 1;
        if failed >= LOCKOUT_THRESHOLD {
            let until = now + Duration::minutes(LOCKOUT_MINUTES);
            (
                Self {
                    failed_logins: failed,
                    locked_until: Some(until),
                },
                FailureOutcome::LockedNow { until },
            )
        } else {
            (
                Self {
                    failed_logins: failed,
                    locked_until: None,
                },
                FailureOutcome::Counted {
                    left: LOCKOUT_THRESHOLD - failed,
                },
            )
        }
    }

    /// A correct password (or a reset) clears count and lock.
    pub fn cleared() -> Self {
        Self::default()
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
    fn the_third_wrong_password_locks_for_fifteen_minutes_to_the_second() {
        let (one, outcome) = LoginThrottle::default().fail(t0());
        assert_eq!(outcome, FailureOutcome::Counted { left: 2 });
        let (two, outcome) = one.fail(t0() + Duration::seconds(5));
        assert_eq!(outcome, FailureOutcome::Counted { left: 1 });
        let locked_at = t0() + Duration::seconds(10);
        let (three, outcome) = two.fail(locked_at);
        let until = locked_at + Duration::minutes(15);
        assert_eq!(outcome, FailureOutcome::LockedNow { until });
        assert_eq!(three.locked_at(until - Duration::seconds(1)), Some(until));
        assert_eq!(three.locked_at(until), None, "free again at 15:00 exactly");
    }

    #[test]
    fn attempts_during_a_lock_neither_extend_it_nor_email_again() {
        let locked = LoginThrottle {
            failed_logins: 3,
            locked_until: Some(t0() + Duration::minutes(15)),
        };
        let (after, outcome) = locked.fail(t0() + Duration::minutes(1));
        assert_eq!(after, locked);
        assert_eq!(
            outcome,
            FailureOutcome::StillLocked {
                until: t0() + Duration::minutes(15)
            }
        );
    }

    #[test]
    fn after_a_lock_runs_out_the_count_starts_again() {
        let expired = LoginThrottle {
            failed_logins: 3,
            locked_until: Some(t0()),
        };
        let (after, outcome) = expired.fail(t0() + Duration::seconds(1));
        assert_eq!(outcome, FailureOutcome::Counted { left: 2 });
        assert_eq!(after.failed_logins, 1);
        assert_eq!(LoginThrottle::cleared(), LoginThrottle::default());
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
