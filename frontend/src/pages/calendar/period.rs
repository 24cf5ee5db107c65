//! The days a calendar view shows, the instants the server is asked for,
//! and where each event falls on the user's wall clock: plain date
//! arithmetic (Monday-first weeks), apart from the views so it is tested.
//! The zone's clock comes in as a function (the browser's `Intl` in the
//! app, a fixed offset in the tests): the app carries no zone tables.

use crate::format::{format_date, format_time};
use crate::query::{CalendarMode, CalendarView};
use api_types::{PlannedEventDto, PlannedEventQuery};
use chrono::{
    DateTime, Datelike, Days, Months, NaiveDate, NaiveDateTime, NaiveTime, TimeDelta, Utc,
};
use domain::{DateFormat, TimeFormat};
use std::collections::BTreeMap;

/// How many days the list shows from its day.
pub const LIST_DAYS: u64 = 90;

/// A run of days: `first` up to, not including, `end`.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Period {
    pub first: NaiveDate,
    pub end: NaiveDate,
}

impl Period {
    /// What `mode` shows around `day`: the whole weeks of its month, its
    /// week, or the list's days from it.
    pub fn of(mode: CalendarMode, day: NaiveDate) -> Self {
        match mode {
            CalendarMode::Month => {
                let first = first_of_month(day);
                let last = add_months(first, 1) - Days::new(1);
                Period {
                    first: monday_of(first),
                    end: monday_of(last) + Days::new(7),
                }
            }
            CalendarMode::Week => {
                let first = monday_of(day);
                Period {
                    first,
                    end: first + Days::new(7),
                }
            }
            CalendarMode::List => Period {
                first: day,
                end: day + Days::new(LIST_DAYS),
            },
        }
    }

    pub fn days(self) -> impl Iterator<Item = NaiveDate> {
        self.first.iter_days().take_while(move |d| *d < self.end)
    }

    /// The days in rows of seven (a month grid's weeks).
    pub fn weeks(self) -> Vec<Vec<NaiveDate>> {
        let days: Vec<NaiveDate> = self.days().collect();
        days.chunks(7).map(<[NaiveDate]>::to_vec).collect()
    }

    /// The last day shown.
    pub fn last(self) -> NaiveDate {
        self.end.pred_opt().unwrap_or(self.end)
    }
}

pub fn monday_of(day: NaiveDate) -> NaiveDate {
    day - Days::new(u64::from(day.weekday().num_days_from_monday()))
}

pub fn first_of_month(day: NaiveDate) -> NaiveDate {
    day.with_day(1).unwrap_or(day)
}

/// `months` later (earlier when negative), or `day` itself past chrono's range.
fn add_months(day: NaiveDate, months: i32) -> NaiveDate {
    let shifted = if months >= 0 {
        day.checked_add_months(Months::new(months.unsigned_abs()))
    } else {
        day.checked_sub_months(Months::new(months.unsigned_abs()))
    };
    shifted.unwrap_or(day)
}

/// The day the previous (or next, `forward`) button of `mode` shows.
pub fn step(mode: CalendarMode, day: NaiveDate, forward: bool) -> NaiveDate {
    let sign = if forward { 1 } else { -1 };
    let shift = |from: NaiveDate, days: u64| {
        let moved = if forward {
            from.checked_add_days(Days::new(days))
        } else {
            from.checked_sub_days(Days::new(days))
        };
        moved.unwrap_or(from)
    };
    match mode {
        CalendarMode::Month => add_months(first_of_month(day), sign),
        CalendarMode::Week => shift(monday_of(day), 7),
        CalendarMode::List => shift(day, LIST_DAYS),
    }
}

/// The UTC instant `day` starts at in the zone whose wall clock `local`
/// reads. Twice: the offset at the day's start may differ from the one at
/// midnight UTC (summer time begins or ends between the two).
pub fn day_start(day: NaiveDate, local: impl Fn(DateTime<Utc>) -> NaiveDateTime) -> DateTime<Utc> {
    let wall = day.and_time(NaiveTime::MIN).and_utc();
    let offset = |at: DateTime<Utc>| -> TimeDelta { local(at) - at.naive_utc() };
    let guess = wall - offset(wall);
    wall - offset(guess)
}

/// What the server is asked for `view` (shown around `today` without a
/// day): its filters over its period, from the first day's start to the
/// end's, on the zone's clock `local`.
pub fn api_query(
    view: &CalendarView,
    today: NaiveDate,
    local: impl Fn(DateTime<Utc>) -> NaiveDateTime,
) -> PlannedEventQuery {
    let period = Period::of(view.mode, view.date.unwrap_or(today));
    PlannedEventQuery {
        from: day_start(period.first, &local),
        to: day_start(period.end, &local),
        ..view.query.clone()
    }
}

/// An event with its start and end on the user's wall clock.
#[derive(Debug, Clone, PartialEq)]
pub struct Placed {
    pub event: PlannedEventDto,
    pub start: NaiveDateTime,
    pub end: NaiveDateTime,
}

/// Where an event is on one of its days.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum DaySpan {
    Within(NaiveTime, NaiveTime),
    /// It starts that day and goes on after it.
    From(NaiveTime),
    /// It began earlier and ends that day.
    Until(NaiveTime),
    AllDay,
}

impl Placed {
    pub fn new(event: PlannedEventDto, local: impl Fn(DateTime<Utc>) -> NaiveDateTime) -> Self {
        let (start, end) = (local(event.planned_start), local(event.planned_end));
        Self { event, start, end }
    }

    /// Its last day: the end's, but the day before when it ends at midnight.
    pub fn last_day(&self) -> NaiveDate {
        let end_day = self.end.date();
        if self.end.time() == NaiveTime::MIN && end_day > self.start.date() {
            end_day.pred_opt().unwrap_or(end_day)
        } else {
            end_day
        }
    }

    pub fn span_on(&self, day: NaiveDate) -> DaySpan {
        let ends_within = self.end.date() == day;
        match (self.start.date() == day, self.last_day() == day) {
            (true, true) => DaySpan::Within(self.start.time(), self.end.time()),
            (true, false) => DaySpan::From(self.start.time()),
            (false, true) if ends_within => DaySpan::Until(self.end.time()),
            _ => DaySpan::AllDay,
        }
    }

    /// "10-03-2026 09:00–13:00", or both dates when it ends on another day.
    pub fn when_text(&self, date_format: DateFormat, time_format: TimeFormat) -> String {
        let date = |at: NaiveDateTime| format_date(at.date(), date_format);
        let time = |at: NaiveDateTime| format_time(at.time(), time_format);
        if self.last_day() == self.start.date() {
            format!(
                "{} {}–{}",
                date(self.start),
                time(self.start),
                time(self.end)
            )
        } else {
            let (start, end) = (self.start, self.end);
            format!(
                "{} {} – {} {}",
                date(start),
                time(start),
                date(end),
                time(end)
            )
        }
    }
}

/// The events on each day of `period` (a long one on each of its days), in
/// the server's order (earliest first).
pub fn by_day(events: &[Placed], period: Period) -> BTreeMap<NaiveDate, Vec<Placed>> {
    let mut days: BTreeMap<NaiveDate, Vec<Placed>> = BTreeMap::new();
    for placed in events {
        let first = placed.start.date().max(period.first);
        let last = placed.last_day().min(period.last());
        for day in first.iter_days().take_while(|d| *d <= last) {
            days.entry(day).or_default().push(placed.clone());
        }
    }
    days
}

#[cfg(test)]
mod tests {
    use super::*;
    use api_types::{
        AccountRef, EventStatusDto, EventTypeDto, ModalityDto, ProductRef, VisitTypeDto,
    };

    fn day(y: i32, m: u32, d: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(y, m, d).unwrap()
    }

    fn at(d: NaiveDate, h: u32, m: u32) -> NaiveDateTime {
        d.and_hms_opt(h, m, 0).unwrap()
    }

    /// Amsterdam's clock in 2026: UTC+1, UTC+2 from 29 March 01:00 UTC.
    fn amsterdam(instant: DateTime<Utc>) -> NaiveDateTime {
        let summer = at(day(2026, 3, 29), 1, 0).and_utc();
        let hours = if instant >= summer { 2 } else { 1 };
        instant.naive_utc() + TimeDelta::hours(hours)
    }

    fn event(start: NaiveDateTime, end: NaiveDateTime) -> Placed {
        let dto = PlannedEventDto {
            id: "7d9c3a52-0000-4000-8000-0000000000e1".parse().unwrap(),
            event_type: EventTypeDto::PreventiveMaintenance,
            status: EventStatusDto::Confirmed,
            installed_product: ProductRef {
                id: "7d9c3a52-0000-4000-8000-0000000000a1".parse().unwrap(),
                number: "IP-1".to_owned(),
                description: "CT".to_owned(),
                custom_name: None,
            },
            modality: ModalityDto::Ct,
            location: AccountRef {
                id: "7d9c3a52-0000-4000-8000-0000000000b1".parse().unwrap(),
                name: "Radiology".to_owned(),
            },
            planned_start: start.and_utc(),
            planned_end: end.and_utc(),
            when: String::new(),
            engineer: None,
            engineer_id: None,
            service_type: VisitTypeDto::Onsite,
            case_id: None,
            case_number: None,
            customer_response: None,
            version: 1,
        };
        Placed::new(dto, |i| i.naive_utc())
    }

    #[test]
    fn a_month_shows_its_whole_weeks_monday_first() {
        // March 2026 begins on a Sunday and ends on a Tuesday.
        let march = Period::of(CalendarMode::Month, day(2026, 3, 17));
        assert_eq!(
            (march.first, march.last()),
            (day(2026, 2, 23), day(2026, 4, 5))
        );
        let weeks = march.weeks();
        assert_eq!(weeks.len(), 6);
        assert!(weeks.iter().all(|w| w.len() == 7));
        assert_eq!(weeks[1][0], day(2026, 3, 2));
        // February 2027 begins on a Monday and ends on a Sunday: four weeks.
        let february = Period::of(CalendarMode::Month, day(2027, 2, 1));
        assert_eq!(
            (february.first, february.end),
            (day(2027, 2, 1), day(2027, 3, 1))
        );
    }

    #[test]
    fn a_week_runs_monday_to_sunday_and_the_list_ninety_days() {
        let week = Period::of(CalendarMode::Week, day(2026, 3, 8));
        assert_eq!((week.first, week.end), (day(2026, 3, 2), day(2026, 3, 9)));
        let list = Period::of(CalendarMode::List, day(2026, 3, 8));
        assert_eq!(list.days().count(), 90);
        assert_eq!(list.first, day(2026, 3, 8));
    }

    #[test]
    fn previous_and_next_move_a_whole_period() {
        let d = day(2026, 3, 31);
        assert_eq!(step(CalendarMode::Month, d, true), day(2026, 4, 1));
        assert_eq!(step(CalendarMode::Month, d, false), day(2026, 2, 1));
        assert_eq!(
            step(CalendarMode::Month, day(2026, 1, 5), false),
            day(2025, 12, 1)
        );
        assert_eq!(step(CalendarMode::Week, d, true), day(2026, 4, 6));
        assert_eq!(step(CalendarMode::Week, d, false), day(2026, 3, 23));
        assert_eq!(step(CalendarMode::List, d, true), day(2026, 6, 29));
    }

    #[test]
    fn the_range_asked_for_starts_at_local_midnight() {
        assert_eq!(
            day_start(day(2026, 3, 2), amsterdam),
            at(day(2026, 3, 1), 23, 0).and_utc()
        );
        // The day after summer time began starts an hour earlier in UTC.
        assert_eq!(
            day_start(day(2026, 3, 30), amsterdam),
            at(day(2026, 3, 29), 22, 0).and_utc()
        );
        let view = CalendarView {
            mode: CalendarMode::Week,
            ..CalendarView::default()
        };
        let query = api_query(&view, day(2026, 3, 25), amsterdam);
        assert_eq!(query.from, at(day(2026, 3, 22), 23, 0).and_utc());
        assert_eq!(query.to, at(day(2026, 3, 29), 22, 0).and_utc());
        let list = CalendarView {
            mode: CalendarMode::List,
            date: Some(day(2026, 1, 1)),
            ..CalendarView::default()
        };
        let query = api_query(&list, day(2026, 3, 25), |i| i.naive_utc());
        assert_eq!((query.to - query.from).num_days(), 90);
    }

    #[test]
    fn events_fall_on_each_of_their_days_within_the_period() {
        let d = |n| day(2026, 3, n);
        let short = event(at(d(3), 9, 0), at(d(3), 13, 0));
        let long = event(at(d(1), 22, 0), at(d(4), 0, 0));
        let week = Period::of(CalendarMode::Week, d(3));
        let days = by_day(&[long.clone(), short.clone()], week);
        let on = |n| days.get(&d(n)).map_or(0, Vec::len);
        assert_eq!((on(1), on(2), on(3), on(4)), (0, 1, 2, 0));
        assert_eq!(long.span_on(d(2)), DaySpan::AllDay);
        assert_eq!(long.span_on(d(3)), DaySpan::AllDay);
        assert_eq!(long.span_on(d(1)), DaySpan::From(at(d(1), 22, 0).time()));
        let until = event(at(d(1), 22, 0), at(d(2), 6, 30));
        assert_eq!(until.span_on(d(2)), DaySpan::Until(at(d(2), 6, 30).time()));
        assert_eq!(
            short.span_on(d(3)),
            DaySpan::Within(at(d(3), 9, 0).time(), at(d(3), 13, 0).time())
        );
    }

    #[test]
    fn when_names_one_date_for_an_event_within_a_day() {
        let d = |n| day(2026, 3, n);
        let short = event(at(d(10), 9, 0), at(d(10), 13, 0));
        assert_eq!(
            short.when_text(DateFormat::DayMonthYear, TimeFormat::H24),
            "10-03-2026 09:00–13:00"
        );
        let long = event(at(d(10), 9, 0), at(d(12), 17, 0));
        assert_eq!(
            long.when_text(DateFormat::Iso, TimeFormat::H12),
            "2026-03-10 09:00 AM – 2026-03-12 05:00 PM"
        );
    }
}
