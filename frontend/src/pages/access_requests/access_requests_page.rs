//! `/access-requests` (Managers: the requests that matched their parent
//! account; Admins: all): newest first, filtered by status (pending unless
//! the URL says otherwise), paged, all in the URL.

use super::facilities_summary;
use crate::components::badges::access_status_badge;
use crate::components::list::{column_heads, prose, select_value, use_list_page, Shown};
use crate::format::format_date_time;
use crate::i18n::admin_texts::ADMIN_TEXTS;
use crate::i18n::{access_status_name, country_label, TextFn, Texts, ACCESS_STATUSES};
use crate::pages::users::users_page::Dates;
use crate::query::{wire_name, AccessRequestListView, ALL_STATUSES};
use crate::routes::access_request_path;
use api_types::{AccessRequestDto, AccessRequestPage, AccessRequestStatusDto};
use leptos::html;
use leptos::prelude::*;
use leptos_router::components::A;

#[component]
pub fn AccessRequestsPage() -> impl IntoView {
    let list = use_list_page::<AccessRequestListView, _, _>(|api, query| async move {
        api.access_requests(&query).await
    });
    let (t, current) = (list.t, list.current);

    let status_select = NodeRef::<html::Select>::new();
    let read =
        move |view: AccessRequestListView| view.with_status_choice(&select_value(status_select));
    let on_change = list.on_change(read);
    // The select shows the URL's view: on arrival, after back or forward.
    Effect::new(move |_| {
        let view = current.get();
        if let Some(el) = status_select.get() {
            el.set_value(&view.status_choice());
        }
    });

    view! {
        <h1>{move || ADMIN_TEXTS.of(t.get()).access_requests_title}</h1>
        <p class="hint">{move || ADMIN_TEXTS.of(t.get()).access_requests_intro}</p>
        // The texts are read once per render: the language changes only in the settings.
        {move || {
            let t = t.get();
            let fields = view! {
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
            };
            let texts = ADMIN_TEXTS.of(t);
            list.filter_form("access-filters filters", texts.access_filters_label, texts.apply_access_filter, read, fields)
        }}
        {list.answer_view(
            |t| ADMIN_TEXTS.of(t).access_requests_loading,
            |t| (ADMIN_TEXTS.of(t).access_requests_total_one, t.access_requests_total),
            results,
        )}
    }
}

fn results(shown: Shown<AccessRequestListView>, page: AccessRequestPage) -> AnyView {
    let (t, dates) = (shown.t, &shown.dates);
    let texts = ADMIN_TEXTS.of(t);
    let empty = match shown.view.query.status {
        Some(AccessRequestStatusDto::Pending) => texts.access_requests_pending_none,
        Some(_) => texts.access_requests_empty,
        None => texts.access_requests_none,
    };
    let (heads, card) = (column_heads(t, &COLUMNS), |r| request_card(t, dates, r));
    shown.cards_or_table(page, empty, "data-table access-table", heads, card, |r| {
        request_row(t, dates, r)
    })
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
            <td><A href=access_request_path(r.id) attr:class="access-request-link">{prose(&r.name)}</A></td>
            <td>{r.organisation}</td>
            <td><span class="email" title=r.email.clone()>{r.email.clone()}</span></td>
            <td>{country_label(t, &r.country)}</td>
            <td>{facilities_summary(&r.facilities)}</td>
            <td>{access_status_badge(t, r.status)}</td>
            <td class="received date">{when}</td>
        </tr>
    }
}

fn request_card(t: &'static Texts, dates: &Dates, r: AccessRequestDto) -> impl IntoView {
    let when = received(dates, &r);
    view! {
        <li class="card access-card">
            <div class="card-head">
                <A href=access_request_path(r.id) attr:class="access-request-link">{prose(&r.name)}</A>
                {access_status_badge(t, r.status)}
            </div>
            <dl class="facts">
                <div><dt>{ADMIN_TEXTS.of(t).col_organisation}</dt><dd>{r.organisation}</dd></div>
                <div><dt>{ADMIN_TEXTS.of(t).col_email}</dt><dd class="email" title=r.email.clone()>{r.email.clone()}</dd></div>
                <div><dt>{ADMIN_TEXTS.of(t).col_country}</dt><dd>{country_label(t, &r.country)}</dd></div>
                <div><dt>{ADMIN_TEXTS.of(t).col_facilities}</dt><dd>{facilities_summary(&r.facilities)}</dd></div>
                <div><dt>{ADMIN_TEXTS.of(t).col_received}</dt><dd class="received">{when}</dd></div>
            </dl>
        </li>
    }
}
