//! What the month and week views share: the answer's events placed on the
//! user's days ([`Board`]), an event's chip and line, its status badge,
//! and the legend of the types' colours. A type is always named in words
//! beside its colour (style.css `.type-*`), never by colour alone.

use super::period::{by_day, DaySpan, Period, Placed};
use crate::format::{date_time_in_zone, format_date, format_time, Dates};
use crate::i18n::calendar_texts::{CalendarTexts, CALENDAR_TEXTS, EVENT_TYPES};
use crate::i18n::{fill, Texts};
use crate::query::{wire_name, CalendarView};
use api_types::{EventStatusDto, EventTypeDto, PlannedEventDto};
use chrono::{Datelike, NaiveDate};
use domain::TimeFormat;
use leptos::prelude::*;
use leptos_router::components::A;
use std::collections::BTreeMap;

/// The events of a month or week, on the days of the user's zone.
pub struct Board {
    pub t: &'static Texts,
    pub dates: Dates,
    /// The view the events answer (their links carry it).
    pub view: CalendarView,
    pub today: NaiveDate,
    pub period: Period,
    pub days: BTreeMap<NaiveDate, Vec<Placed>>,
}

impl Board {
    pub fn new(
        t: &'static Texts,
        dates: Dates,
        view: CalendarView,
        today: NaiveDate,
        events: Vec<PlannedEventDto>,
    ) -> Self {
        let period = Period::of(view.mode, view.date.unwrap_or(today));
        let zone = dates.2.clone();
        let placed: Vec<Placed> = events
            .into_iter()
            .map(|e| Placed::new(e, |at| date_time_in_zone(at, &zone)))
            .collect();
        let days = by_day(&placed, period);
        Self {
            t,
            dates,
            view,
            today,
            period,
            days,
        }
    }

    pub fn texts(&self) -> &'static CalendarTexts {
        CALENDAR_TEXTS.of(self.t)
    }

    pub fn events_on(&self, day: NaiveDate) -> &[Placed] {
        self.days.get(&day).map_or(&[], Vec::as_slice)
    }

    /// "Monday 02-03-2026", a day's heading.
    pub fn day_name(&self, day: NaiveDate) -> String {
        let (_, weekday) = self
            .texts()
            .weekday_names(day.weekday().num_days_from_monday());
        format!("{weekday} {}", format_date(day, self.dates.0))
    }

    /// The "Today" mark beside today's date: words, not only the outline.
    pub fn today_mark(&self, day: NaiveDate) -> Option<impl IntoView> {
        let today = self.texts().today;
        (day == self.today).then(|| view! { <span class="today-mark">{today}</span> })
    }
}

/// `type-preventive_maintenance`: the class that gives a type its colour.
pub fn type_class(kind: EventTypeDto) -> String {
    format!("type-{}", wire_name(&kind))
}

/// "09:00–13:00", "from 22:00", "until 06:30" or "all day": an event on one of its days.
pub fn span_text(c: &CalendarTexts, span: DaySpan, format: TimeFormat) -> String {
    let time = |at| format_time(at, format);
    match span {
        DaySpan::Within(start, end) => format!("{}–{}", time(start), time(end)),
        DaySpan::From(start) => fill(c.span_from, &[("time", &time(start))]),
        DaySpan::Until(end) => fill(c.span_until, &[("time", &time(end))]),
        DaySpan::AllDay => c.all_day.to_owned(),
    }
}

/// "Tentative" on its colour: `span.status-badge.event-status-<status>`.
pub fn event_status_badge(c: &CalendarTexts, status: EventStatusDto) -> impl IntoView {
    view! {
        <span class=format!("status-badge event-status-{}", wire_name(&status))>
            {c.status_name(status)}
        </span>
    }
}

/// An event in a month's day: its type's short word, its time that day and
/// the product's number; its status when it is not simply confirmed.
pub fn event_chip(board: &Board, day: NaiveDate, placed: &Placed) -> impl IntoView {
    let (c, e) = (board.texts(), &placed.event);
    let class = format!(
        "event-chip {} chip-{}",
        type_class(e.event_type),
        wire_name(&e.status)
    );
    let status = (e.status != EventStatusDto::Confirmed).then(|| c.status_name(e.status));
    let words = chip_words(board, day, placed);
    view! {
        <li>
            <A href=board.view.event_href(e.id) attr:class=class attr:title=c.type_name(e.event_type)>
                {words}
                {status.map(|status| view! { " " <span class="chip-status">{status}</span> })}
            </A>
        </li>
    }
}

/// The words of a chip: the type's short word, the time that day, the
/// product's number.
fn chip_words(board: &Board, day: NaiveDate, placed: &Placed) -> impl IntoView {
    let (c, e) = (board.texts(), &placed.event);
    let time = span_text(c, placed.span_on(day), board.dates.1);
    view! {
        <span class="chip-type">{c.type_short(e.event_type)}</span>
        " "
        <span class="chip-time">{time}</span>
        " "
        <span class="chip-product ident">{e.installed_product.number.clone()}</span>
    }
}

/// An event in a week's day (or a phone's day list): the chip's words as a
/// link, then the product, the location and the status.
pub fn event_line(board: &Board, day: NaiveDate, placed: &Placed) -> impl IntoView {
    let (c, e) = (board.texts(), &placed.event);
    let product = &e.installed_product;
    let name = crate::pages::installed_products_page::display_name(
        product.custom_name.as_deref(),
        &product.description,
    )
    .to_owned();
    let words = chip_words(board, day, placed);
    view! {
        <li class=format!("day-event {}", type_class(e.event_type))>
            <A href=board.view.event_href(e.id) attr:class="day-event-link">{words}</A>
            <span class="day-event-fact">{name}</span>
            <span class="day-event-fact muted">{e.location.name.clone()}</span>
            {event_status_badge(c, e.status)}
        </li>
    }
}

/// The types' colours with their names, and the short word a chip shows.
pub fn legend(t: Signal<&'static Texts>) -> impl IntoView {
    move || {
        let c = CALENDAR_TEXTS.of(t.get());
        let items = EVENT_TYPES.map(|kind| {
            let (short, name) = (c.type_short(kind), c.type_name(kind));
            view! {
                <li class=format!("legend-item {}", type_class(kind))>
                    <span class="chip-type">{short}</span>
                    {(short != name).then(|| view! { " " <span class="legend-name">{name}</span> })}
                </li>
            }
        });
        view! {
            <section class="calendar-legend" aria-labelledby="legend-heading">
                <h2 id="legend-heading" class="legend-heading">{c.legend_heading}</h2>
                <ul class="legend-items">{items.into_iter().collect_view()}</ul>
            </section>
        }
    }
}
