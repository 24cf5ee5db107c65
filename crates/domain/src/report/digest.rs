//! Digests: a saved view emailed to a subscriber every week or month with
//! its rows attached. When the next one goes is decided here, in the
//! subscriber's own zone, so "Monday morning" is their Monday morning.

use chrono::{DateTime, Datelike, Days, Months, NaiveDate, NaiveTime, TimeZone, Utc, Weekday};

crate::text_enum! {
    /// How often a digest goes.
    pub enum Cadence / UnknownCadence {
        /// Every Monday.
        Weekly = "weekly",
        /// On the first day of every month.
        Monthly = "monthly",
    }
}

/// The local hour a digest goes: before the working day starts.
pub const SEND_HOUR: u32 = 7;

/// The first day a digest of `cadence` goes strictly after the local date
/// `after`: the next Monday, or the first of the next month.
fn next_day(cadence: Cadence, after: NaiveDate) -> NaiveDate {
    match cadence {
        Cadence::Weekly => {
            let ahead = 7 - after.weekday().num_days_from_monday();
            after + Days::new(u64::from(ahead))
        }
        Cadence::Monthly => {
            let first = after.with_day(1).unwrap_or(after);
            first + Months::new(1)
        }
    }
}

/// When the next digest of `cadence` goes after `now`, for a subscriber in
/// `zone`: [`SEND_HOUR`] local time on the next day of the cadence (today
/// when today is that day and the hour is still to come).
pub fn next_send(cadence: Cadence, now: DateTime<Utc>, zone: chrono_tz::Tz) -> DateTime<Utc> {
    let local = now.with_timezone(&zone);
    let at_hour = |day: NaiveDate| {
        let time = day.and_time(NaiveTime::from_hms_opt(SEND_HOUR, 0, 0).unwrap_or_default());
        // 07:00 exists on every day in every zone we know (clocks change
        // at night), but an ambiguous or missing hour must not panic.
        zone.from_local_datetime(&time)
            .earliest()
            .map_or_else(|| time.and_utc(), |t| t.with_timezone(&Utc))
    };
    let today = local.date_naive();
    let is_day = match cadence {
        Cadence::Weekly => today.weekday() == Weekday::Mon,
        Cadence::Monthly => today.day() == 1,
    };
    if is_day && at_hour(today) > now {
        return at_hour(today);
    }
    at_hour(next_day(cadence, today))
}

#[cfg(test)]
mod tests {
    use super::*;
    use chrono_tz::Europe::Amsterdam;

    fn utc(s: &str) -> DateTime<Utc> {
        s.parse().unwrap()
    }

    #[test]
    fn a_weekly_digest_goes_at_seven_on_the_next_monday_in_the_subscribers_zone() {
        // Saturday 5 December 2026, noon in Amsterdam (UTC+1).
        let next = next_send(Cadence::Weekly, utc("2026-12-05T11:00:00Z"), Amsterdam);
        assert_eq!(next, utc("2026-12-07T06:00:00Z"));
    }

    #[test]
    fn a_weekly_digest_asked_for_early_on_monday_goes_that_morning() {
        let next = next_send(Cadence::Weekly, utc("2026-12-07T05:30:00Z"), Amsterdam);
        assert_eq!(next, utc("2026-12-07T06:00:00Z"));
    }

    #[test]
    fn a_weekly_digest_just_sent_goes_again_a_week_later() {
        let next = next_send(Cadence::Weekly, utc("2026-12-07T06:00:00Z"), Amsterdam);
        assert_eq!(next, utc("2026-12-14T06:00:00Z"));
    }

    #[test]
    fn a_monthly_digest_goes_on_the_first_of_next_month_across_the_year_end() {
        let next = next_send(Cadence::Monthly, utc("2026-12-05T11:00:00Z"), Amsterdam);
        assert_eq!(next, utc("2027-01-01T06:00:00Z"));
    }

    #[test]
    fn a_monthly_digest_keeps_seven_local_when_summer_time_starts() {
        // April's first is in summer time (UTC+2).
        let next = next_send(Cadence::Monthly, utc("2027-03-15T12:00:00Z"), Amsterdam);
        assert_eq!(next, utc("2027-04-01T05:00:00Z"));
    }

    #[test]
    fn the_local_date_decides_the_day_not_the_utc_date() {
        // Sunday 23:30 UTC is already Monday 00:30 in Amsterdam.
        let next = next_send(Cadence::Weekly, utc("2026-12-06T23:30:00Z"), Amsterdam);
        assert_eq!(next, utc("2026-12-07T06:00:00Z"));
    }
}
