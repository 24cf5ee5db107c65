//! `/security-log` (Managers: their parent account; Admins: all): logins,
//! lockouts and changes to users, newest first, paged and filtered by event
//! (and by user, from a user's page), all in the URL.

use super::security_details::event_details;
use super::users_page::Dates;
use crate::api::client;
use crate::components::document::set_title;
use crate::components::list;
use crate::components::list::{
    card_list, data_table, list_body, load_view, results_view, summary_text, FilterActions,
};
use crate::components::pager::PageState;
use crate::components::viewport::use_narrow;
use crate::format::format_date_time;
use crate::i18n::admin_texts::ADMIN_TEXTS;
use crate::i18n::security_log::SECURITY_LOG;
use crate::i18n::{count_text, event_code_name, fill, security_event_name, Texts};
use crate::query::SecurityLogView;
use crate::routes::Page;
use crate::state::auth::{use_auth, use_texts};
use api_types::{SecurityLogEntryDto, SecurityLogPage, SecurityLogQuery};
use domain::SecurityEvent;
use leptos::html;
use leptos::prelude::*;
use leptos_router::components::A;
use leptos_router::hooks::{use_navigate, use_query_map};
use leptos_router::NavigateOptions;

/// The log's answer, with the query it answers (to tell a stale one).
type Loaded = list::Loaded<SecurityLogQuery, SecurityLogPage>;

#[component]
pub fn SecurityLogPage() -> impl IntoView {
    let auth = use_auth();
    let t = use_texts();
    let narrow = use_narrow();
    Effect::new(move |_| {
        set_title(
            ADMIN_TEXTS.of(t.get()).security_log_title,
            t.get().product_name,
        )
    });

    let query_map = use_query_map();
    let current = Memo::new(move |_| query_map.with(|m| SecurityLogView::from_query(|k| m.get(k))));
    let log: LocalResource<Loaded> = LocalResource::new(move || {
        let query = current.with(|v| v.query.clone());
        async move {
            let result = auth
                .call(|token| {
                    let query = query.clone();
                    async move { client::security_log(&token, &query).await }
                })
                .await;
            (query, result)
        }
    });

    let navigate = use_navigate();
    let event_select = NodeRef::<html::Select>::new();
    let apply = move || {
        let mut view = current.get_untracked().with_page(1);
        view.query.event = event_select
            .get_untracked()
            .map(|el| el.value())
            .filter(|e| !e.is_empty());
        navigate(
            &view.href(),
            NavigateOptions {
                scroll: false,
                ..NavigateOptions::default()
            },
        );
    };
    let on_change = {
        let apply = apply.clone();
        move |_: leptos::ev::Event| apply()
    };
    let on_submit = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        apply();
    };
    Effect::new(move |_| {
        let view = current.get();
        if let Some(el) = event_select.get() {
            el.set_value(view.query.event.as_deref().unwrap_or_default());
        }
    });

    let summary = move || {
        let t = t.get();
        log.with(|loaded| {
            summary_text(
                t,
                ADMIN_TEXTS.of(t).security_log_loading,
                loaded.as_ref(),
                |query| current.with(|v| v.query != *query),
                |page| {
                    count_text(
                        ADMIN_TEXTS.of(t).events_total_one,
                        t.events_total,
                        page.total,
                    )
                },
            )
        })
    };

    view! {
        <h1>{move || ADMIN_TEXTS.of(t.get()).security_log_title}</h1>
        <p class="hint">{move || ADMIN_TEXTS.of(t.get()).security_log_intro}</p>
        {move || {
            let t = t.get();
            view! {
                <form
                    class="log-filters filters"
                    role="search"
                    aria-label=ADMIN_TEXTS.of(t).security_filters_label
                    on:submit=on_submit.clone()
                >
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
                    <FilterActions
                        apply=ADMIN_TEXTS.of(t).apply_event_filter
                        clear_href=Signal::derive(move || {
                            current.with(SecurityLogView::is_filtered).then(|| Page::SecurityLog.path().to_owned())
                        })
                    />
                </form>
            }
        }}
        {move || {
            // Reached from a user's page: say whose events these are.
            current.with(|v| v.query.user)?;
            let t = t.get();
            let who = log.with(|loaded| {
                loaded
                    .as_ref()
                    .and_then(|(_, r)| r.as_ref().ok())
                    .and_then(|page| page.items.first())
                    .and_then(|e| e.username.clone())
            });
            let mut all = current.get().with_page(1);
            all.query.user = None;
            let notice = fill(
                t.filter_user_notice,
                &[("user", who.as_deref().unwrap_or(ADMIN_TEXTS.of(t).filter_user_unknown))],
            );
            Some(view! {
                <p class="filter-notice user-filter">
                    <span>{notice}</span>
                    " "
                    <A href=all.href() attr:class="remove-user-filter">{ADMIN_TEXTS.of(t).remove_user_filter}</A>
                </p>
            })
        }}
        <p class="result-summary" role="status">{summary}</p>
        {move || {
            let t = t.get();
            load_view(t, ADMIN_TEXTS.of(t).security_log_loading, log.get(), |query, page| {
                let view = current.get();
                let stale = view.query != query;
                let dates = (auth.date_format(), auth.time_format(), auth.time_zone());
                results(t, &dates, &view, page, narrow.get(), stale)
            })
        }}
    }
}

fn results(
    t: &'static Texts,
    dates: &Dates,
    view: &SecurityLogView,
    page: SecurityLogPage,
    narrow: bool,
    stale: bool,
) -> AnyView {
    let pages = PageState {
        page: page.page,
        page_size: page.page_size,
        total: page.total,
    };
    let empty = if view.is_filtered() {
        ADMIN_TEXTS.of(t).security_log_empty
    } else {
        ADMIN_TEXTS.of(t).security_log_none
    };
    let cards = |items: Vec<SecurityLogEntryDto>| {
        card_list(
            items
                .into_iter()
                .map(|e| event_card(t, dates, e))
                .collect_view()
                .into_any(),
        )
    };
    let table = |items: Vec<SecurityLogEntryDto>| {
        // The zone in the heading: the log is read beside other systems' logs.
        let time_heading = fill(t.col_time, &[("zone", &dates.2)]);
        let heads = view! {
            <th scope="col">{time_heading}</th>
            <th scope="col">{ADMIN_TEXTS.of(t).col_event}</th>
            <th scope="col">{ADMIN_TEXTS.of(t).col_user}</th>
            <th scope="col">{ADMIN_TEXTS.of(t).col_actor}</th>
            <th scope="col">{ADMIN_TEXTS.of(t).col_client_address}</th>
            <th scope="col">{SECURITY_LOG.of(t).column}</th>
        };
        let rows = items
            .into_iter()
            .map(|e| event_row(t, dates, e))
            .collect_view();
        data_table("data-table log-table", heads.into_any(), rows.into_any())
    };
    let body = list_body(page.items, empty, narrow, cards, table);
    results_view(t, stale, body, pages, &|n| view.with_page(n).href())
}

fn when(dates: &Dates, e: &SecurityLogEntryDto) -> String {
    format_date_time(e.occurred_at, &dates.2, dates.0, dates.1)
}

fn event_row(t: &'static Texts, dates: &Dates, e: SecurityLogEntryDto) -> impl IntoView {
    let details = event_details(t, dates, &e.event, &e.details);
    view! {
        <tr class="log-row">
            <td class="log-time">{when(dates, &e)}</td>
            <td class="log-event">{event_code_name(t, &e.event)}</td>
            <td class="username">{e.username.unwrap_or_default()}</td>
            <td class="username">{e.actor_username.unwrap_or_default()}</td>
            <td class="client-address">{e.client_address.unwrap_or_default()}</td>
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
