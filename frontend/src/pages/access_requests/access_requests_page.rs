//! `/access-requests` (Managers: the requests that matched their parent
//! account; Admins: all): newest first, filtered by status (pending unless
//! the URL says otherwise), paged, all in the URL.

use super::facilities_summary;
use crate::api::client;
use crate::components::badges::access_status_badge;
use crate::components::document::set_title;
use crate::components::list;
use crate::components::list::{
    card_list, data_table, list_body, load_view, results_view, summary_text, FilterActions,
};
use crate::components::pager::PageState;
use crate::components::viewport::use_narrow;
use crate::format::format_date_time;
use crate::i18n::admin_texts::ADMIN_TEXTS;
use crate::i18n::{access_status_name, count_text, country_label, TextFn, Texts, ACCESS_STATUSES};
use crate::pages::users::users_page::Dates;
use crate::query::{wire_name, AccessRequestListView, ALL_STATUSES};
use crate::routes::{access_request_path, Page};
use crate::state::auth::{use_auth, use_texts};
use api_types::{AccessRequestDto, AccessRequestPage, AccessRequestQuery, AccessRequestStatusDto};
use leptos::html;
use leptos::prelude::*;
use leptos_router::components::A;
use leptos_router::hooks::{use_navigate, use_query_map};
use leptos_router::NavigateOptions;

/// The list's answer, with the query it answers (to tell a stale one).
type Loaded = list::Loaded<AccessRequestQuery, AccessRequestPage>;

#[component]
pub fn AccessRequestsPage() -> impl IntoView {
    let auth = use_auth();
    let t = use_texts();
    let narrow = use_narrow();
    Effect::new(move |_| {
        set_title(
            ADMIN_TEXTS.of(t.get()).access_requests_title,
            t.get().product_name,
        )
    });

    let query_map = use_query_map();
    let current =
        Memo::new(move |_| query_map.with(|m| AccessRequestListView::from_query(|k| m.get(k))));
    let requests: LocalResource<Loaded> = LocalResource::new(move || {
        let query = current.with(|v| v.query.clone());
        async move {
            let result = auth
                .call(|token| {
                    let query = query.clone();
                    async move { client::access_requests(&token, &query).await }
                })
                .await;
            (query, result)
        }
    });

    let navigate = use_navigate();
    let status_select = NodeRef::<html::Select>::new();
    let apply = move || {
        let choice = status_select
            .get_untracked()
            .map(|el| el.value())
            .unwrap_or_default();
        let view = current.get_untracked().with_status_choice(&choice);
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
    // The select shows the URL's view: on arrival, after back or forward.
    Effect::new(move |_| {
        let view = current.get();
        if let Some(el) = status_select.get() {
            el.set_value(&view.status_choice());
        }
    });

    let summary = move || {
        let t = t.get();
        requests.with(|loaded| {
            summary_text(
                t,
                ADMIN_TEXTS.of(t).access_requests_loading,
                loaded.as_ref(),
                |query| current.with(|v| v.query != *query),
                |page| {
                    count_text(
                        ADMIN_TEXTS.of(t).access_requests_total_one,
                        t.access_requests_total,
                        page.total,
                    )
                },
            )
        })
    };

    view! {
        <h1>{move || ADMIN_TEXTS.of(t.get()).access_requests_title}</h1>
        <p class="hint">{move || ADMIN_TEXTS.of(t.get()).access_requests_intro}</p>
        // The texts are read once per render: the language changes only in the settings.
        {move || {
            let t = t.get();
            view! {
                <form
                    class="access-filters filters"
                    role="search"
                    aria-label=ADMIN_TEXTS.of(t).access_filters_label
                    on:submit=on_submit.clone()
                >
                    <div class="filter">
                        <label for="filter-status">{t.col_status}</label>
                        <select id="filter-status" name="status" node_ref=status_select on:change=on_change.clone()>
                            {ACCESS_STATUSES
                                .into_iter()
                                .map(|s| view! { <option value=wire_name(&s)>{access_status_name(t, s)}</option> })
                                .collect_view()}
                            <option value=ALL_STATUSES>{ADMIN_TEXTS.of(t).any_access_status}</option>
                        </select>
                    </div>
                    <FilterActions
                        apply=ADMIN_TEXTS.of(t).apply_access_filter
                        clear_href=Signal::derive(move || {
                            current.with(AccessRequestListView::is_filtered).then(|| Page::AccessRequests.path().to_owned())
                        })
                    />
                </form>
            }
        }}
        <p class="result-summary" role="status">{summary}</p>
        {move || {
            let t = t.get();
            load_view(t, ADMIN_TEXTS.of(t).access_requests_loading, requests.get(), |query, page| {
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
    view: &AccessRequestListView,
    page: AccessRequestPage,
    narrow: bool,
    stale: bool,
) -> AnyView {
    let pages = PageState {
        page: page.page,
        page_size: page.page_size,
        total: page.total,
    };
    let empty = match view.query.status {
        Some(AccessRequestStatusDto::Pending) => ADMIN_TEXTS.of(t).access_requests_pending_none,
        Some(_) => ADMIN_TEXTS.of(t).access_requests_empty,
        None => ADMIN_TEXTS.of(t).access_requests_none,
    };
    let cards = |items: Vec<AccessRequestDto>| {
        card_list(
            items
                .into_iter()
                .map(|r| request_card(t, dates, r))
                .collect_view()
                .into_any(),
        )
    };
    let table = |items: Vec<AccessRequestDto>| {
        let heads = COLUMNS
            .into_iter()
            .map(|label| view! { <th scope="col">{label(t)}</th> })
            .collect_view();
        let rows = items
            .into_iter()
            .map(|r| request_row(t, dates, r))
            .collect_view();
        data_table("data-table access-table", heads.into_any(), rows.into_any())
    };
    let body = list_body(page.items, empty, narrow, cards, table);
    results_view(t, stale, body, pages, &|n| view.with_page(n).href())
}

const COLUMNS: [TextFn; 7] = [
    |t| ADMIN_TEXTS.of(t).col_name,
    |t| ADMIN_TEXTS.of(t).col_organisation,
    |t| ADMIN_TEXTS.of(t).col_email,
    |t| ADMIN_TEXTS.of(t).col_country,
    |t| ADMIN_TEXTS.of(t).col_facilities,
    |t| t.col_status,
    |t| ADMIN_TEXTS.of(t).col_received,
];

fn received(dates: &Dates, r: &AccessRequestDto) -> String {
    format_date_time(r.created_at, &dates.2, dates.0, dates.1)
}

fn request_row(t: &'static Texts, dates: &Dates, r: AccessRequestDto) -> impl IntoView {
    let when = received(dates, &r);
    view! {
        <tr class="access-row">
            <td><A href=access_request_path(r.id) attr:class="access-request-link">{r.name}</A></td>
            <td>{r.organisation}</td>
            <td>{r.email}</td>
            <td>{country_label(t, &r.country)}</td>
            <td>{facilities_summary(&r.facilities)}</td>
            <td>{access_status_badge(t, r.status)}</td>
            <td class="received">{when}</td>
        </tr>
    }
}

fn request_card(t: &'static Texts, dates: &Dates, r: AccessRequestDto) -> impl IntoView {
    let when = received(dates, &r);
    view! {
        <li class="card access-card">
            <div class="card-head">
                <A href=access_request_path(r.id) attr:class="access-request-link">{r.name}</A>
                {access_status_badge(t, r.status)}
            </div>
            <dl class="facts">
                <div><dt>{ADMIN_TEXTS.of(t).col_organisation}</dt><dd>{r.organisation}</dd></div>
                <div><dt>{ADMIN_TEXTS.of(t).col_email}</dt><dd>{r.email}</dd></div>
                <div><dt>{ADMIN_TEXTS.of(t).col_country}</dt><dd>{country_label(t, &r.country)}</dd></div>
                <div><dt>{ADMIN_TEXTS.of(t).col_facilities}</dt><dd>{facilities_summary(&r.facilities)}</dd></div>
                <div><dt>{ADMIN_TEXTS.of(t).col_received}</dt><dd class="received">{when}</dd></div>
            </dl>
        </li>
    }
}
