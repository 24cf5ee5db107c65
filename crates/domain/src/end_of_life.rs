//! End-of-life notices: who wants to hear of which products, and when a
//! product's end-of-life or end-of-service date is worth telling them.

use crate::{InstalledProductId, Modality};
use chrono::{Months, NaiveDate};

crate::text_enum! {
    pub enum Milestone / UnknownMilestone {
        EndOfLife = "end_of_life",
        EndOfService = "end_of_service",
    }
}

/// What a subscription follows: a whole modality or one product.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum EolTopic {
    Modality(Modality),
    Product(InstalledProductId),
}

/// How far ahead a date is told: a date years away is noise until then.
pub const NOTICE_HORIZON_MONTHS: u32 = 12;

/// Whether a product's milestone on `date` is due to be told on `today`:
/// from twelve months before it (at once, for a date set closer than that)
/// and also once it has passed, for a subscriber who came late.
pub fn notice_due(date: NaiveDate, today: NaiveDate) -> bool {
    today
        .checked_add_months(Months::new(NOTICE_HORIZON_MONTHS))
        .is_none_or(|horizon| date <= horizon)
}

/// The last date a milestone may fall on to be due today.
pub fn notice_horizon(today: NaiveDate) -> NaiveDate {
    today
        .checked_add_months(Months::new(NOTICE_HORIZON_MONTHS))
        .unwrap_or(NaiveDate::MAX)
}

/// The nearer of a product's two dates, for sorting a list by what comes first.
pub fn nearest(
    end_of_life: Option<NaiveDate>,
    end_of_service: Option<NaiveDate>,
) -> Option<NaiveDate> {
    match (end_of_life, end_of_service) {
        (Some(a), Some(b)) => Some(a.min(b)),
        (a, b) => a.or(b),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn d(s: &str) -> NaiveDate {
        s.parse().unwrap()
    }

    #[test]
    fn a_date_within_twelve_months_is_due_and_one_further_away_is_not_yet() {
        let today = d("2026-12-06");
        assert!(notice_due(d("2027-12-06"), today));
        assert!(!notice_due(d("2027-12-07"), today));
        assert!(
            notice_due(d("2025-01-01"), today),
            "a passed date is still told"
        );
        assert_eq!(notice_horizon(today), d("2027-12-06"));
    }

    #[test]
    fn the_nearest_date_is_the_earlier_of_the_two_that_are_set() {
        assert_eq!(
            nearest(Some(d("2028-01-01")), Some(d("2027-01-01"))),
            Some(d("2027-01-01"))
        );
        assert_eq!(nearest(None, Some(d("2027-01-01"))), Some(d("2027-01-01")));
        assert_eq!(nearest(None, None), None);
    }
}
