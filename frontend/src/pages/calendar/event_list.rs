//! The calendar as a list (the list-page pattern): the events of 90 days,
//! a table on a wide screen, cards on a phone, paged.

use super::board::{event_status_badge, type_class};
use super::period::Placed;
use crate::components::list::{fact, Shown};
use crate::format::{date_time_in_zone, Dates};
use crate::i18n::calendar_texts::{CalendarTexts, CALENDAR_TEXTS};
use crate::i18n::{fill, Texts};
use crate::pages::installed_products_page::display_name;
use crate::query::CalendarView;
use api_types::{PlannedEventDto, PlannedEventPage};
use leptos::prelude::*;
use leptos_router::components::A;

/// The rows of the list, or the sentence saying there are none.
pub fn event_rows(shown: Shown<CalendarView, PlannedEventPage>) -> AnyView {
    let (t, zone) = (shown.t, shown.dates.2.clone());
    let c = CALENDAR_TEXTS.of(t);
    let empty = shown.empty_text(c.events_none, c.events_empty);
    let (for_cards, for_rows) = (shown.view.clone(), shown.view.clone());
    shown.cards_or_table(
        empty,
        "data-table event-table",
        heads(t, &zone),
        move |t, dates, e| event_card(t, dates, &for_cards, e),
        move |t, dates, e| event_row(t, dates, &for_rows, e),
    )
}

fn heads(t: &'static Texts, zone: &str) -> AnyView {
    let c = CALENDAR_TEXTS.of(t);
    view! {
        <th scope="col">{fill(c.col_when, &[("zone", zone)])}</th>
        <th scope="col">{c.col_type}</th>
        <th scope="col">{c.col_product}</th>
        <th scope="col">{t.col_location}</th>
        <th scope="col">{t.col_status}</th>
        <th scope="col">{c.col_engineer}</th>
    }
    .into_any()
}

/// What a row and a card show of an event.
struct Cells {
    /// Its time, linked to its page.
    when: AnyView,
    kind: AnyView,
    number: String,
    name: String,
    location: String,
    status: AnyView,
    engineer: String,
}

fn cells(
    c: &'static CalendarTexts,
    dates: &Dates,
    view: &CalendarView,
    e: PlannedEventDto,
) -> Cells {
    let placed = Placed::new(e, |at| date_time_in_zone(at, &dates.2));
    let when = placed.when_text(dates.0, dates.1);
    let e = placed.event;
    let product = e.installed_product;
    Cells {
        when: view! { <A href=view.event_href(e.id) attr:class="event-link">{when}</A> }.into_any(),
        kind: view! {
            <span class=format!("event-type {}", type_class(e.event_type))>
                <span class="chip-type">{c.type_short(e.event_type)}</span>
                " "
                {c.type_name(e.event_type)}
            </span>
        }
        .into_any(),
        name: display_name(product.custom_name.as_deref(), &product.description).to_owned(),
        number: product.number,
        location: e.location.name,
        status: event_status_badge(c, e.status).into_any(),
        engineer: e.engineer.unwrap_or_else(|| c.engineer_unknown.to_owned()),
    }
}

fn event_row(
    t: &'static Texts,
    dates: &Dates,
    view: &CalendarView,
    e: PlannedEventDto,
) -> impl IntoView {
    let cells = cells(CALENDAR_TEXTS.of(t), dates, view, e);
    view! {
        <tr class="event-row">
            <td class="date">{cells.when}</td>
            <td>{cells.kind}</td>
            <td>
                <span class="ident">{cells.number}</span>
                <span class="secondary">{cells.name}</span>
            </td>
            <td>{cells.location}</td>
            <td>{cells.status}</td>
            <td>{cells.engineer}</td>
        </tr>
    }
}

fn event_card(
    t: &'static Texts,
    dates: &Dates,
    view: &CalendarView,
    e: PlannedEventDto,
) -> impl IntoView {
    let c = CALENDAR_TEXTS.of(t);
    let cells = cells(c, dates, view, e);
    let product = view! { <span class="ident">{cells.number}</span> " " {cells.name} };
    view! {
        <li class="card event-card">
            <div class="card-head">
                {cells.when}
                {cells.status}
            </div>
            <dl class="facts">
                {fact(c.col_type, cells.kind)}
                {fact(c.col_product, product)}
                {fact(t.col_location, cells.location)}
                {fact(c.col_engineer, cells.engineer)}
            </dl>
        </li>
    }
}
