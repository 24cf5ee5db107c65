//! `/security-log` (Managers: their parent account; Admins: all): logins,
//! lockouts and changes to users, newest first, paged and filtered by event
//! (and by user, from a user's page), all in the URL.

use super::security_details::event_details;
use super::users_page::Dates;
use crate::api::Api;
use crate::components::list::{
    any_then, fact, filter_select, options, select_value, use_list_page, Shown,
};
use crate::format::format_date_time;
use crate::i18n::admin_texts::ADMIN_TEXTS;
use crate::i18n::security_log::{event_code_name, security_event_name, SECURITY_LOG};
use crate::i18n::{fill, Texts};
use crate::query::SecurityLogView;
use api_types::{SecurityLogEntryDto, SecurityLogPage};
use domain::SecurityEvent;
use leptos::prelude::*;

#[component]
pub fn SecurityLogPage() -> impl IntoView {
    let list = use_list_page::<SecurityLogView, _, _>(Api::security_log);

    let event_select = list.kept_select(|v| v.query.event.clone().unwrap_or_default());
    let read = move |mut view: SecurityLogView| {
        view.query.event = Some(select_value(event_select)).filter(|e| !e.is_empty());
        view
    };

    view! {
        {list.heading_with_intro(|t| ADMIN_TEXTS.of(t).security_log_intro)}
        {list.filter_form_in("log-filters filters", read, move |t| {
            let texts = ADMIN_TEXTS.of(t);
            let events = SecurityEvent::ALL.iter().map(|e| (e.as_str().to_owned(), security_event_name(t, *e)));
            let events = options(events);
            // As wide as a search field: the events' names are long.
            let fields = view! {
                {filter_select("filter filter-search", ("filter-event", "event"), texts.filter_event, event_select, list.on_change(read), any_then(texts.any_event, events))}
            };
            (texts.security_filters_label, texts.apply_event_filter, fields)
        })}
        // Reached from a user's page: say whose events these are.
        {list.narrowed_notice("user", |v| &mut v.query.user, |page| page.items.first()?.username.clone(), [|t| t.filter_user_notice, |t| ADMIN_TEXTS.of(t).filter_user_unknown, |t| ADMIN_TEXTS.of(t).remove_user_filter])}
        {list.answer_view(|| [|t| ADMIN_TEXTS.of(t).security_log_loading, |t| ADMIN_TEXTS.of(t).events_total_one, |t| t.events_total], results)}
    }
}

fn results(shown: Shown<SecurityLogView, SecurityLogPage>) -> AnyView {
    let (t, dates) = (shown.t, &shown.dates);
    let texts = ADMIN_TEXTS.of(t);
    let empty = shown.empty_text(texts.security_log_none, texts.security_log_empty);
    // The zone in the heading: the log is read beside other systems' logs.
    let time_heading = fill(t.col_time, &[("zone", &dates.2)]);
    let heads = view! {
        <th scope="col">{time_heading}</th>
        <th scope="col">{texts.col_event}</th>
        <th scope="col">{texts.col_user}</th>
        <th scope="col">{texts.col_actor}</th>
        <th scope="col">{texts.col_client_address}</th>
        <th scope="col">{SECURITY_LOG.of(t).column}</th>
    };
    let heads = heads.into_any();
    shown.cards_or_table(empty, "data-table log-table", heads, event_card, event_row)
}

fn when(dates: &Dates, e: &SecurityLogEntryDto) -> String {
    format_date_time(e.occurred_at, &dates.2, dates.0, dates.1)
}

fn event_row(t: &'static Texts, dates: &Dates, e: SecurityLogEntryDto) -> impl IntoView {
    let details = event_details(t, dates, &e.event, &e.details);
    view! {
        <tr class="log-row">
            <td class="log-time date">{when(dates, &e)}</td>
            <td class="log-event">{event_code_name(t, &e.event)}</td>
            <td class="username ident">{e.username.unwrap_or_default()}</td>
            <td class="username ident">{e.actor_username.unwrap_or_default()}</td>
            <td class="client-address ident">{e.client_address.unwrap_or_default()}</td>
            <td class="log-details">{details}</td>
        </tr>
    }
}

fn event_card(t: &'static Texts, dates: &Dates, e: SecurityLogEntryDto) -> impl IntoView {
    let time = format!("{} ({})", when(dates, &e), dates.2);
    let details = event_details(t, dates, &e.event, &e.details);
    let known = |label, value: Option<String>| {
        value
            .filter(|v| !v.is_empty())
            .map(|value| fact(label, value))
    };
    view! {
        <li class="card log-card">
            <div class="card-head">
                <span class="log-event item-title">{event_code_name(t, &e.event)}</span>
                <span class="log-time secondary-inline">{time}</span>
            </div>
            <dl class="facts">
                {known(ADMIN_TEXTS.of(t).col_user, e.username)}
                {known(ADMIN_TEXTS.of(t).col_actor, e.actor_username)}
                {known(ADMIN_TEXTS.of(t).col_client_address, e.client_address)}
                {known(SECURITY_LOG.of(t).column, details)}
            </dl>
        </li>
    }
}
