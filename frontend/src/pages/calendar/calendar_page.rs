//! `/calendar`: the planned service events of the installed products the
//! user sees, as a month grid, a week of day columns or a list, around a
//! day, filtered by type, status, modality, location and product; all of
//! it in the URL (query/calendar.rs), so reload and back keep the place.
//! The server is asked for exactly the days shown (period.rs).

use super::board::{legend, Board};
use super::event_list::event_rows;
use super::feed_dialog::FeedDialog;
use super::filters::calendar_filters;
use super::month_view::month_grid;
use super::period::{api_query, step, Period};
use super::week_view::{month_days, week_days};
use crate::api::{Api, ApiError};
use crate::components::list::{paged, use_list_page, AnswerWords, ListPage, Shown};
use crate::format::{date_in_zone, date_time_in_zone, format_date, now};
use crate::i18n::calendar_texts::{CalendarTexts, CALENDAR_TEXTS};
use crate::i18n::fill;
use crate::query::{CalendarMode, CalendarView, ListView};
use crate::routes::Page;
use crate::state::auth::use_auth;
use api_types::{PlannedEventDto, PlannedEventPage};
use chrono::{Datelike, NaiveDate};
use domain::DateFormat;
use leptos::prelude::*;

paged!(PlannedEventPage => PlannedEventDto);

/// The calendar's view and the server's answer (see `use_list_page`).
pub type CalendarList = ListPage<CalendarView, PlannedEventPage>;

/// A month or week asks for all its events: pages of the API's largest
/// size, up to this many (1,000 events; the rest are said to be left out).
const PAGE_SIZE: u32 = 200;
const MOST_PAGES: u32 = 5;

const ANSWER: AnswerWords = [
    |t| CALENDAR_TEXTS.of(t).events_loading,
    |t| CALENDAR_TEXTS.of(t).events_total_one,
    |t| CALENDAR_TEXTS.of(t).events_total,
];

#[component]
pub fn CalendarPage() -> impl IntoView {
    let auth = use_auth();
    let list = use_list_page::<CalendarView, _, _>(move |api, view| {
        // Read here, so a new zone in the settings asks again.
        let zone = auth.time_zone();
        async move { load_events(api, view, &zone).await }
    });
    let t = list.t;
    let today = Memo::new(move |_| date_in_zone(now(), &auth.time_zone()));
    let texts = move || CALENDAR_TEXTS.of(t.get());
    // The service side plans visits: on the day shown, if one is chosen.
    let plan_visit = move || {
        auth.may(domain::Action::PlanServiceEvents).then(|| {
            let href = move || {
                let day = list.current.with(|v| v.date);
                new_visit_on(day)
            };
            view! {
                <a href=href class="button-link plan-visit">{move || texts().plan_visit}</a>
            }
        })
    };
    view! {
        <div class="title-row">
            <h1>{move || texts().calendar_heading}</h1>
            <FeedDialog/>
            {plan_visit}
        </div>
        <p class="hint">{move || texts().calendar_intro}</p>
        {mode_tabs(list)}
        {period_bar(list, today)}
        {calendar_filters(list)}
        {legend(t)}
        {list.answer_view(|| ANSWER, move |shown| results(shown, today.get_untracked()))}
    }
}

/// The form that plans a visit, on `day` (none: its own default).
fn new_visit_on(day: Option<NaiveDate>) -> String {
    let path = Page::NewVisit.path();
    match day {
        Some(day) => format!("{path}?date={}", format_date(day, DateFormat::Iso)),
        None => path.to_owned(),
    }
}

/// The events of `view`'s period: one page of the list, or all of a month's
/// or week's (up to [`MOST_PAGES`]).
async fn load_events(
    api: Api,
    view: CalendarView,
    zone: &str,
) -> Result<PlannedEventPage, ApiError> {
    let today = date_in_zone(now(), zone);
    let mut query = api_query(&view, today, |at| date_time_in_zone(at, zone));
    if view.mode == CalendarMode::List {
        return api.planned_events(query).await;
    }
    (query.page, query.page_size) = (None, Some(PAGE_SIZE));
    let mut all = api.planned_events(&query).await?;
    for page in 2..=MOST_PAGES {
        if u64::try_from(all.items.len()).unwrap_or(u64::MAX) >= all.paging.total {
            break;
        }
        query.page = Some(page);
        let more = api.planned_events(&query).await?;
        if more.items.is_empty() {
            break;
        }
        all.items.extend(more.items);
    }
    Ok(all)
}

/// Month, week or list: links, so the mode is in the URL.
fn mode_tabs(list: CalendarList) -> impl IntoView {
    let (t, current) = (list.t, list.current);
    let tab = move |mode: CalendarMode, label: fn(&CalendarTexts) -> &'static str| {
        view! {
            <a
                href=move || current.with(|v| v.in_mode(mode).href())
                class="tab"
                data-noscroll=""
                aria-current=move || current.with(|v| v.mode == mode).then_some("page")
            >
                {move || label(CALENDAR_TEXTS.of(t.get()))}
            </a>
        }
    };
    view! {
        <nav class="tabs calendar-modes" aria-label=move || CALENDAR_TEXTS.of(t.get()).modes_label>
            {tab(CalendarMode::Month, |c| c.mode_month)}
            {tab(CalendarMode::Week, |c| c.mode_week)}
            {tab(CalendarMode::List, |c| c.mode_list)}
        </nav>
    }
}

/// The shown period's name (announced when it changes) and the previous,
/// today and next links.
fn period_bar(list: CalendarList, today: Memo<NaiveDate>) -> impl IntoView {
    let (t, current) = (list.t, list.current);
    let auth = use_auth();
    let day = move || current.with(|v| v.date).unwrap_or_else(|| today.get());
    let mode = move || current.with(|v| v.mode);
    let stepped = move |forward| {
        let to = step(mode(), day(), forward);
        current.with(|v| v.on_day(Some(to)).href())
    };
    let words = move |forward| step_words(CALENDAR_TEXTS.of(t.get()), mode(), forward);
    let heading = move || {
        period_name(
            CALENDAR_TEXTS.of(t.get()),
            mode(),
            day(),
            auth.date_format(),
        )
    };
    let zone = move || {
        let c = CALENDAR_TEXTS.of(t.get());
        fill(c.times_in_zone, &[("zone", &auth.time_zone())])
    };
    view! {
        <div class="period-bar">
            <div>
                <h2 id="period-heading" class="period-heading" aria-live="polite">{heading}</h2>
                <p class="muted period-zone">{zone}</p>
            </div>
            <nav class="period-nav" aria-label=move || CALENDAR_TEXTS.of(t.get()).period_nav_label>
                <a class="button-secondary period-previous" href=move || stepped(false) data-noscroll="">
                    <span aria-hidden="true">"‹ "</span>
                    {move || words(false)}
                </a>
                <a class="button-secondary period-today" href=move || current.with(|v| v.on_day(None).href()) data-noscroll="">
                    {move || CALENDAR_TEXTS.of(t.get()).today}
                </a>
                <a class="button-secondary period-next" href=move || stepped(true) data-noscroll="">
                    {move || words(true)}
                    <span aria-hidden="true">" ›"</span>
                </a>
            </nav>
        </div>
    }
}

fn step_words(c: &CalendarTexts, mode: CalendarMode, forward: bool) -> &'static str {
    let (previous, next) = match mode {
        CalendarMode::Month => (c.previous_month, c.next_month),
        CalendarMode::Week => (c.previous_week, c.next_week),
        CalendarMode::List => (c.previous_days, c.next_days),
    };
    if forward {
        next
    } else {
        previous
    }
}

/// "March 2026", "Week 10: 02-03-2026 – 08-03-2026", "01-03-2026 to 29-05-2026".
pub fn period_name(
    c: &CalendarTexts,
    mode: CalendarMode,
    day: NaiveDate,
    format: DateFormat,
) -> String {
    let period = Period::of(mode, day);
    let (from, to) = (
        format_date(period.first, format),
        format_date(period.last(), format),
    );
    match mode {
        CalendarMode::Month => format!("{} {}", c.month_name(day.month()), day.year()),
        CalendarMode::Week => {
            let week = day.iso_week().week().to_string();
            fill(
                c.week_heading,
                &[("n", &week), ("from", &from), ("to", &to)],
            )
        }
        CalendarMode::List => fill(c.list_heading, &[("from", &from), ("to", &to)]),
    }
}

/// The answer in the mode it was asked in (the URL may already show another).
fn results(shown: Shown<CalendarView, PlannedEventPage>, today: NaiveDate) -> AnyView {
    let shown = Shown {
        view: shown.answered.clone(),
        ..shown
    };
    if shown.view.mode == CalendarMode::List {
        return event_rows(shown);
    }
    let c = CALENDAR_TEXTS.of(shown.t);
    let empty = shown.empty_text(c.events_none, c.events_empty);
    let (total, stale, narrow) = (shown.page.paging.total, shown.stale, shown.narrow);
    let count = shown.page.items.len();
    let board = Board::new(shown.t, shown.dates, shown.view, today, shown.page.items);
    let month = board.view.date.unwrap_or(today).month();
    let cut_off = (u64::try_from(count).unwrap_or(u64::MAX) < total).then(|| {
        view! { <p class="notice cut-off">{fill(c.events_cut_off, &[("n", &count.to_string())])}</p> }
    });
    let body = match (board.view.mode, narrow) {
        (CalendarMode::Month, false) => month_grid(&board, month),
        (CalendarMode::Month, true) if count > 0 => month_days(&board),
        (_, true) if count == 0 => ().into_any(),
        _ => week_days(&board),
    };
    view! {
        <div class="results" class:stale=stale aria-busy=stale.to_string()>
            {(count == 0).then(|| view! { <p class="empty-state">{empty}</p> })}
            {cut_off}
            {body}
        </div>
    }
    .into_any()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_calendar_plans_a_visit_on_the_day_it_shows() {
        let day = NaiveDate::from_ymd_opt(2026, 3, 10);
        assert_eq!(new_visit_on(day), "/calendar/new?date=2026-03-10");
        assert_eq!(new_visit_on(None), "/calendar/new");
    }
}
