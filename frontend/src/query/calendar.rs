//! The calendar's URL (`/calendar?view=week&date=2026-03-02&status=tentative`):
//! how it shows the events (month, week or list), a day of the period it
//! shows, and the API's filters, so reload, back and a shared link keep the
//! place. The API's `from` and `to` are not in it: they follow from the view
//! and the day (`pages/calendar/period.rs`).

use super::{page_number, page_size, parsed, push, push_wire, ListView, Pairs};
use crate::format::format_date;
use crate::routes::Page;
use api_types::PlannedEventQuery;
use chrono::{DateTime, Datelike, NaiveDate, Timelike, Utc};
use domain::DateFormat;
use std::fmt::Display;

/// How the calendar shows the events.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum CalendarMode {
    /// A grid of weeks, Monday first.
    #[default]
    Month,
    /// Seven day columns.
    Week,
    /// The list page's table (cards on a phone), 90 days from the day.
    List,
}

impl CalendarMode {
    pub const ALL: [CalendarMode; 3] =
        [CalendarMode::Month, CalendarMode::Week, CalendarMode::List];

    pub const fn as_str(self) -> &'static str {
        match self {
            CalendarMode::Month => "month",
            CalendarMode::Week => "week",
            CalendarMode::List => "list",
        }
    }

    /// The mode of a URL's `view`; the month for anything else.
    pub fn parse(raw: &str) -> Self {
        Self::ALL
            .into_iter()
            .find(|m| m.as_str() == raw.trim())
            .unwrap_or_default()
    }
}

/// Everything the calendar keeps in its URL.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct CalendarView {
    pub mode: CalendarMode,
    /// A day of the shown period; none: today, in the user's zone.
    pub date: Option<NaiveDate>,
    /// The API's filters and the list's page. Its `from` and `to` stay at
    /// their defaults here: the period decides them.
    pub query: PlannedEventQuery,
}

impl ListView for CalendarView {
    // The whole view: another mode or day is another answer.
    query_field!(Self, Page::Calendar);

    fn from_query(get: impl Fn(&str) -> Option<String>) -> Self {
        Self {
            mode: get("view")
                .map(|m| CalendarMode::parse(&m))
                .unwrap_or_default(),
            date: get("date").and_then(|d| parse_day(&d)),
            query: PlannedEventQuery {
                location: parsed(get("location")),
                modality: parsed(get("modality")),
                event_type: parsed(get("event_type")),
                installed_product: parsed(get("installed_product")),
                status: parsed(get("status")),
                page: page_number(get("page")),
                page_size: page_size(get("page_size")),
                ..PlannedEventQuery::default()
            },
        }
    }

    /// The mode (but the default month), the day, then the API's names.
    fn pairs(&self) -> Pairs {
        let mut pairs = Pairs::new();
        if self.mode != CalendarMode::Month {
            pairs.push(("view", self.mode.as_str().to_owned()));
        }
        push(&mut pairs, "date", self.date.map(write_day));
        pairs.extend(filter_pairs(&self.query));
        pairs
    }

    fn is_filtered(&self) -> bool {
        let q = &self.query;
        q.location.is_some()
            || q.modality.is_some()
            || q.event_type.is_some()
            || q.installed_product.is_some()
            || q.status.is_some()
    }

    /// The same mode and day, unfiltered.
    fn cleared(&self) -> Self {
        Self {
            mode: self.mode,
            date: self.date,
            query: PlannedEventQuery::default(),
        }
    }
}

impl CalendarView {
    /// The same filters shown as `mode` around the same day.
    pub fn in_mode(&self, mode: CalendarMode) -> Self {
        Self {
            mode,
            ..self.with_page(1)
        }
    }

    /// The same view around `day` (none: today).
    pub fn on_day(&self, day: Option<NaiveDate>) -> Self {
        Self {
            date: day,
            ..self.with_page(1)
        }
    }

    /// The page of event `id`, carrying this view so its back link returns here.
    pub fn event_href(&self, id: impl Display) -> String {
        let query = super::query_string(&self.pairs());
        format!("{}/{id}{query}", Page::Calendar.path())
    }
}

/// The filters and page in the API's names and order (without the range).
fn filter_pairs(q: &PlannedEventQuery) -> Pairs {
    let mut pairs = Pairs::new();
    push(&mut pairs, "location", q.location.as_ref());
    push_wire(&mut pairs, "modality", q.modality.as_ref());
    push_wire(&mut pairs, "event_type", q.event_type.as_ref());
    push(
        &mut pairs,
        "installed_product",
        q.installed_product.as_ref(),
    );
    push_wire(&mut pairs, "status", q.status.as_ref());
    push(&mut pairs, "page", q.page.as_ref());
    push(&mut pairs, "page_size", q.page_size.as_ref());
    pairs
}

/// `GET /planned-events`'s parameters: the range, then the filters and page.
pub fn planned_event_query_pairs(q: &PlannedEventQuery) -> Pairs {
    let mut pairs = vec![("from", write_instant(q.from)), ("to", write_instant(q.to))];
    pairs.extend(filter_pairs(q));
    pairs
}

/// A URL's day, `2026-03-01` (written by hand: chrono's parser stays out of the app).
pub fn parse_day(raw: &str) -> Option<NaiveDate> {
    let mut parts = raw.trim().splitn(3, '-');
    let mut next = || parts.next().filter(|p| p.len() >= 2)?.parse::<u32>().ok();
    let (year, month, day) = (next()?, next()?, next()?);
    NaiveDate::from_ymd_opt(i32::try_from(year).ok()?, month, day)
        .filter(|d| (1000..=9999).contains(&d.year()))
}

fn write_day(day: NaiveDate) -> String {
    format_date(day, DateFormat::Iso)
}

/// An instant as the API reads it: RFC 3339 in UTC, to the second.
pub fn write_instant(instant: DateTime<Utc>) -> String {
    let time = instant.time();
    format!(
        "{}T{:02}:{:02}:{:02}Z",
        write_day(instant.date_naive()),
        time.hour(),
        time.minute(),
        time.second()
    )
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::query::{assert_round_trips, read_view};
    use api_types::{EventStatusDto, EventTypeDto, ModalityDto};

    fn day(y: i32, m: u32, d: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(y, m, d).unwrap()
    }

    fn full_view() -> CalendarView {
        CalendarView {
            mode: CalendarMode::List,
            date: Some(day(2026, 3, 1)),
            query: PlannedEventQuery {
                location: Some("7d9c3a52-0000-4000-8000-000000000001".parse().unwrap()),
                modality: Some(ModalityDto::Ct),
                event_type: Some(EventTypeDto::PreventiveMaintenance),
                installed_product: Some("7d9c3a52-0000-4000-8000-000000000002".parse().unwrap()),
                status: Some(EventStatusDto::Tentative),
                page: Some(2),
                page_size: Some(25),
                ..PlannedEventQuery::default()
            },
        }
    }

    #[test]
    fn the_calendar_view_round_trips_through_the_url() {
        assert_round_trips(&full_view());
        let week = CalendarView {
            mode: CalendarMode::Week,
            date: Some(day(2026, 3, 4)),
            ..CalendarView::default()
        };
        assert_round_trips(&week);
        assert_eq!(week.href(), "/calendar?view=week&date=2026-03-04");
        assert_eq!(CalendarView::default().href(), "/calendar");
    }

    #[test]
    fn the_view_and_filters_use_the_api_names() {
        let mut view = CalendarView::default().on_day(Some(day(2026, 3, 1)));
        view.query.event_type = Some(EventTypeDto::FieldChangeOrder);
        view.query.status = Some(EventStatusDto::Cancelled);
        assert_eq!(
            view.href(),
            "/calendar?date=2026-03-01&event_type=field_change_order&status=cancelled"
        );
        assert!(view.is_filtered());
        assert_eq!(view.cleared().href(), "/calendar?date=2026-03-01");
        assert_eq!(
            view.in_mode(CalendarMode::Week).href(),
            "/calendar?view=week&date=2026-03-01&event_type=field_change_order&status=cancelled"
        );
    }

    #[test]
    fn switching_mode_or_day_goes_back_to_the_first_page() {
        let view = full_view();
        assert_eq!(view.in_mode(CalendarMode::Month).query.page, None);
        assert_eq!(view.on_day(None).query.page, None);
        assert_eq!(view.on_day(None).date, None);
        assert!(view
            .event_href("e-1")
            .starts_with("/calendar/e-1?view=list&date=2026-03-01&"));
    }

    #[test]
    fn invalid_values_are_dropped_not_fatal() {
        let view: CalendarView = read_view(&[
            ("view", "year"),
            ("date", "2026-02-30"),
            ("status", "maybe"),
            ("event_type", "PM"),
            ("location", "here"),
        ]);
        assert_eq!(view, CalendarView::default());
        for raw in ["2026-3", "20260301", "26-03-01", "x-y-z", ""] {
            assert_eq!(parse_day(raw), None, "{raw}");
        }
        assert_eq!(parse_day(" 2026-03-01 "), Some(day(2026, 3, 1)));
    }

    #[test]
    fn the_api_gets_the_range_as_utc_instants() {
        let query = PlannedEventQuery {
            from: day(2026, 2, 28).and_hms_opt(23, 0, 0).unwrap().and_utc(),
            to: day(2026, 3, 31).and_hms_opt(22, 0, 5).unwrap().and_utc(),
            modality: Some(ModalityDto::Mr),
            page_size: Some(200),
            ..PlannedEventQuery::default()
        };
        assert_eq!(
            crate::query::query_string(&planned_event_query_pairs(&query)),
            "?from=2026-02-28T23%3A00%3A00Z&to=2026-03-31T22%3A00%3A05Z&modality=mr&page_size=200"
        );
    }
}
