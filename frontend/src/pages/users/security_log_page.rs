//! `/security-log` (Managers: their parent account; Admins: all): logins,
//! lockouts and changes to users, newest first, paged and filtered by event
//! (and by user, from a user's page), all in the URL.

use super::security_details::event_details;
use super::users_page::Dates;
use crate::components::list::{select_value, use_list_page, Shown};
use crate::format::format_date_time;
use crate::i18n::admin_texts::ADMIN_TEXTS;
use crate::i18n::security_log::SECURITY_LOG;
use crate::i18n::{event_code_name, fill, security_event_name, Texts};
use crate::query::SecurityLogView;
use api_types::{SecurityLogEntryDto, SecurityLogPage};
use domain::SecurityEvent;
use leptos::html;
use leptos::prelude::*;

#[component]
pub fn SecurityLogPage() -> impl IntoView {
    let list = use_list_page::<SecurityLogView, _, _>(|api, query| async move {
        api.security_log(&query).await
    });
    let (t, current) = (list.t, list.current);

    let event_select = NodeRef::<html::Select>::new();
    let read = move |mut view: SecurityLogView| {
        view.query.event = Some(select_value(event_select)).filter(|e| !e.is_empty());
        view
    };
    let on_change = list.on_change(read);
    Effect::new(move |_| {
        let view = current.get();
        if let Some(el) = event_select.get() {
            el.set_value(view.query.event.as_deref().unwrap_or_default());
        }
    });

    view! {
        <h1>{move || ADMIN_TEXTS.of(t.get()).security_log_title}</h1>
        <p class="hint">{move || ADMIN_TEXTS.of(t.get()).security_log_intro}</p>
        {move || {
            let t = t.get();
            let fields = view! {
                <div class="filter filter-search">
                    <label for="filter-event">{ADMIN_TEXTS.of(t).filter_event}</label>
                    <select id="filter-event" name="event" node_ref=event_select on:change=on_change.clone()>
                        <option value="">{ADMIN_TEXTS.of(t).any_event}</option>
                        {SecurityEvent::ALL
                            .iter()
                            .map(|e| view! { <option value=e.as_str()>{security_event_name(t, *e)}</option> })
                            .collect_view()}
                    </select>
                </div>
            };
            let texts = ADMIN_TEXTS.of(t);
            list.filter_form("log-filters filters", texts.security_filters_label, texts.apply_event_filter, read, fields)
        }}
        // Reached from a user's page: say whose events these are.
        {list.narrowed_notice("user", without_user, |page| page.items.first()?.username.clone(), |t| {
            let texts = ADMIN_TEXTS.of(t);
            [t.filter_user_notice, texts.filter_user_unknown, texts.remove_user_filter]
        })}
        {list.answer_view(
            |t| ADMIN_TEXTS.of(t).security_log_loading,
            |t| (ADMIN_TEXTS.of(t).events_total_one, t.events_total),
            results,
        )}
    }
}

fn results(shown: Shown<SecurityLogView>, page: SecurityLogPage) -> AnyView {
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
    let card = |e| event_card(t, dates, e);
    shown.cards_or_table(
        page,
        empty,
        "data-table log-table",
        heads.into_any(),
        card,
        |e| event_row(t, dates, e),
    )
}

/// The log without its user filter, while it has one.
fn without_user(view: &SecurityLogView) -> Option<SecurityLogView> {
    view.query.user?;
    let mut all = view.clone();
    all.query.user = None;
    Some(all)
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
    let fact = |label: &'static str, value: Option<String>| {
        value.filter(|v| !v.is_empty()).map(|value| {
            view! { <div><dt>{label}</dt><dd>{value}</dd></div> }
        })
    };
    view! {
        <li class="card log-card">
            <div class="card-head">
                <span class="log-event item-title">{event_code_name(t, &e.event)}</span>
                <span class="log-time secondary-inline">{time}</span>
            </div>
            <dl class="facts">
                {fact(ADMIN_TEXTS.of(t).col_user, e.username)}
                {fact(ADMIN_TEXTS.of(t).col_actor, e.actor_username)}
                {fact(ADMIN_TEXTS.of(t).col_client_address, e.client_address)}
                {fact(SECURITY_LOG.of(t).column, details)}
            </dl>
        </li>
    }
}
