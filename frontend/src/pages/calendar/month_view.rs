//! The month: a table of its whole weeks, Monday first, each day with its
//! events' chips; the days of the months around it dimmed, today marked.
//! On a phone the month is a list of its days with events instead
//! (week_view.rs), as seven columns do not fit 360 px.

use super::board::{event_chip, Board};
use crate::components::list::labelled_table;
use crate::format::format_date;
use chrono::{Datelike, NaiveDate};
use domain::DateFormat;
use leptos::prelude::*;

pub fn month_grid(board: &Board, month: u32) -> AnyView {
    let c = board.texts();
    let heads = (0..7)
        .map(|d| {
            let (short, long) = c.weekday_names(d);
            view! {
                <th scope="col">
                    <span aria-hidden="true">{short}</span>
                    <span class="visually-hidden">{long}</span>
                </th>
            }
        })
        .collect_view();
    let weeks = board
        .period
        .weeks()
        .into_iter()
        .map(|week| {
            let days = week.into_iter().map(|day| month_day(board, day, month));
            view! { <tr>{days.collect_view()}</tr> }
        })
        .collect_view();
    labelled_table(
        "month-grid",
        Some("period-heading"),
        heads.into_any(),
        weeks.into_any(),
    )
}

/// One day's cell: its number (the whole date for screen readers), the
/// today mark, and its events' chips.
fn month_day(board: &Board, day: NaiveDate, month: u32) -> impl IntoView {
    let events = board.events_on(day);
    let chips = (!events.is_empty()).then(|| {
        let chips = events.iter().map(|placed| event_chip(board, day, placed));
        view! { <ul class="chips">{chips.collect_view()}</ul> }
    });
    let is_today = day == board.today;
    view! {
        <td
            class="month-day"
            class:outside=day.month() != month
            class:today=is_today
            aria-current=is_today.then_some("date")
        >
            <time class="day-number" datetime=format_date(day, DateFormat::Iso)>
                <span aria-hidden="true">{day.day()}</span>
                <span class="visually-hidden">{board.day_name(day)}</span>
            </time>
            {board.today_mark(day)}
            {chips}
        </td>
    }
}
