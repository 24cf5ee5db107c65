//! `/access-requests` (Managers: the requests that matched their parent
//! account; Admins: all): newest first, filtered by status (pending unless
//! the URL says otherwise), paged, all in the URL.

use super::facilities_summary;
use crate::api::Api;
use crate::components::badges::access_status_badge;
use crate::components::list::heads;
use crate::components::list::{
    fact, filter_select, options, prose, select_value, use_list_page, Shown,
};
use crate::format::format_date_time;
use crate::i18n::admin_texts::ADMIN_TEXTS;
use crate::i18n::{access_status_name, country_label, TextFn, Texts, ACCESS_STATUSES};
use crate::pages::users::users_page::Dates;
use crate::query::{wire_name, AccessRequestListView, ALL_STATUSES};
use crate::routes::access_request_path;
use api_types::{AccessRequestDto, AccessRequestPage, AccessRequestStatusDto};
use leptos::prelude::*;
use leptos_router::components::A;

/// The table's heads, in the order of the rows' cells.
const COLUMNS: [TextFn; 7] = heads! {
    ADMIN_TEXTS.col_name, ADMIN_TEXTS.col_organisation, ADMIN_TEXTS.col_email,
    ADMIN_TEXTS.col_country, ADMIN_TEXTS.col_facilities, t.col_status,
    ADMIN_TEXTS.col_received
};

#[component]
pub fn AccessRequestsPage() -> impl IntoView {
    let list = use_list_page::<AccessRequestListView, _, _>(Api::access_requests);

    let status_select = list.kept_select(AccessRequestListView::status_choice);
    let read =
        move |view: AccessRequestListView| view.with_status_choice(&select_value(status_select));

    view! {
        {list.heading_with_intro(|t| ADMIN_TEXTS.of(t).access_requests_intro)}
        {list.filter_form_in("access-filters filters", read, move |t| {
            let texts = ADMIN_TEXTS.of(t);
            let statuses = options(ACCESS_STATUSES.map(|s| (wire_name(&s), access_status_name(t, s))));
            let fields = view! {
                {filter_select("filter", ("filter-status", "status"), t.col_status, status_select, list.on_change(read), view! {
                    {statuses}
                    <option value=ALL_STATUSES>{texts.any_access_status}</option>
                })}
            };
            (texts.access_filters_label, texts.apply_access_filter, fields)
        })}
        {list.answer_view(|| [|t| ADMIN_TEXTS.of(t).access_requests_loading, |t| ADMIN_TEXTS.of(t).access_requests_total_one, |t| t.access_requests_total], results)}
    }
}

fn results(shown: Shown<AccessRequestListView, AccessRequestPage>) -> AnyView {
    let texts = ADMIN_TEXTS.of(shown.t);
    let empty = match shown.view.query.status {
        Some(AccessRequestStatusDto::Pending) => texts.access_requests_pending_none,
        Some(_) => texts.access_requests_empty,
        None => texts.access_requests_none,
    };
    let shown_as = (empty, "data-table access-table");
    shown.cards_or_table_of(shown_as, &COLUMNS, request_card, request_row)
}

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
                {fact(ADMIN_TEXTS.of(t).col_organisation, r.organisation)}
                <div><dt>{ADMIN_TEXTS.of(t).col_email}</dt><dd class="email" title=r.email.clone()>{r.email.clone()}</dd></div>
                {fact(ADMIN_TEXTS.of(t).col_country, country_label(t, &r.country))}
                {fact(ADMIN_TEXTS.of(t).col_facilities, facilities_summary(&r.facilities))}
                <div><dt>{ADMIN_TEXTS.of(t).col_received}</dt><dd class="received">{when}</dd></div>
            </dl>
        </li>
    }
}
