//! Expiration status of contracts and warranties.

use chrono::NaiveDate;

crate::text_enum! {
    pub enum ExpiryStatus / UnknownExpiryStatus {
        /// More than 90 days left.
        Green = "green",
        /// 30 to 90 days left.
        Yellow = "yellow",
        /// Fewer than 30 days left (the last day included).
        Red = "red",
        /// The end date has passed.
        Expired = "expired",
    }
}

impl ExpiryStatus {
    pub const YELLOW_FROM_DAYS: i64 = 30;
    pub const GREEN_AFTER_DAYS: i64 = 90;

    /// The status of something that ends on `end` (its last valid day), seen on
    /// `today` (the caller's date in their own time zone).
    pub fn at(end: NaiveDate, today: NaiveDate) -> Self {
        Self::for_days_left(days_left(end, today))
    }

    pub fn for_days_left(days: i64) -> Self {
        match days {
            d if d < 0 => ExpiryStatus::Expired,
            d if d < Self::YELLOW_FROM_DAYS => ExpiryStatus::Red,
            d if d <= Self::GREEN_AFTER_DAYS => ExpiryStatus::Yellow,
            _ => ExpiryStatus::Green,
        }
    }

    /// The end dates, seen on `today`, that have this status: `(from, to)`,
    /// both inclusive, either open. For filtering in SQL.
    pub fn end_date_range(self, today: NaiveDate) -> (Option<NaiveDate>, Option<NaiveDate>) {
        let plus = |days: i64| today.checked_add_signed(chrono::Duration::days(days));
        match self {
            ExpiryStatus::Expired => (None, plus(-1)),
            ExpiryStatus::Red => (Some(today), plus(Self::YELLOW_FROM_DAYS - 1)),
            ExpiryStatus::Yellow => (plus(Self::YELLOW_FROM_DAYS), plus(Self::GREEN_AFTER_DAYS)),
            ExpiryStatus::Green => (plus(Self::GREEN_AFTER_DAYS + 1), None),
        }
    }
}

/// Whole days from `today` to `end`; 0 on the last day, negative after it.
pub fn days_left(end: NaiveDate, today: NaiveDate) -> i64 {
    end.signed_duration_since(today).num_days()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn day(y: i32, m: u32, d: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(y, m, d).unwrap()
    }

    #[test]
    fn boundaries_at_30_and_90_days_are_yellow() {
        let today = day(2026, 11, 24);
        let at = |days: i64| ExpiryStatus::at(today + chrono::Duration::days(days), today);
        assert_eq!(at(91), ExpiryStatus::Green);
        assert_eq!(at(90), ExpiryStatus::Yellow);
        assert_eq!(at(30), ExpiryStatus::Yellow);
        assert_eq!(at(29), ExpiryStatus::Red);
        assert_eq!(at(0), ExpiryStatus::Red, "the last day is still covered");
        assert_eq!(at(-1), ExpiryStatus::Expired);
    }

    #[test]
    fn the_same_end_date_has_another_colour_on_another_day() {
        let end = day(2027, 1, 31);
        assert_eq!(ExpiryStatus::at(end, day(2026, 11, 1)), ExpiryStatus::Green);
        assert_eq!(
            ExpiryStatus::at(end, day(2026, 11, 2)),
            ExpiryStatus::Yellow
        );
        assert_eq!(ExpiryStatus::at(end, day(2027, 1, 2)), ExpiryStatus::Red);
        assert_eq!(
            ExpiryStatus::at(end, day(2027, 2, 1)),
            ExpiryStatus::Expired
        );
    }

    #[test]
    fn end_date_ranges_agree_with_the_status_of_every_day_around_them() {
        let today = day(2026, 2, 27);
        for offset in -5..200 {
            let end = today + chrono::Duration::days(offset);
            let status = ExpiryStatus::at(end, today);
            for candidate in ExpiryStatus::ALL {
                let (from, to) = candidate.end_date_range(today);
                let inside = from.is_none_or(|f| end >= f) && to.is_none_or(|t| end <= t);
                assert_eq!(
                    inside,
                    *candidate == status,
                    "{end} {candidate:?} vs {status:?}"
                );
            }
        }
    }
}
