//! Days as sections with their events: a week's seven columns on a wide
//! screen (one under the other on a phone, style.css), and a phone's month,
//! which lists only the days with events.

use super::board::{event_line, Board};
use crate::format::format_date;
use chrono::NaiveDate;
use domain::DateFormat;
use leptos::prelude::*;

/// The seven days of the week, with or without events.
pub fn week_days(board: &Board) -> AnyView {
    day_list(board, board.period.days().collect(), "week-days")
}

/// A phone's month: its grid's days that have events.
pub fn month_days(board: &Board) -> AnyView {
    day_list(board, board.days.keys().copied().collect(), "month-days")
}

fn day_list(board: &Board, days: Vec<NaiveDate>, class: &'static str) -> AnyView {
    let days = days.into_iter().map(|day| day_section(board, day));
    view! { <ol class=format!("day-list {class}")>{days.collect_view()}</ol> }.into_any()
}

fn day_section(board: &Board, day: NaiveDate) -> impl IntoView {
    let events = board.events_on(day);
    let body = if events.is_empty() {
        view! { <p class="muted day-empty">{board.texts().day_empty}</p> }.into_any()
    } else {
        let lines = events.iter().map(|placed| event_line(board, day, placed));
        view! { <ul class="day-events">{lines.collect_view()}</ul> }.into_any()
    };
    let is_today = day == board.today;
    view! {
        <li class="day" class:today=is_today aria-current=is_today.then_some("date")>
            <h3 class="day-heading">
                <time datetime=format_date(day, DateFormat::Iso)>{board.day_name(day)}</time>
                {board.today_mark(day)}
            </h3>
            {body}
        </li>
    }
}
