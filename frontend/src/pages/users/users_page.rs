//! `/users` (Managers and Admins): the users they manage, searched and
//! filtered by status, paged, all in the URL.

use crate::api::Api;
use crate::components::badges::user_status_badge;
use crate::components::list::heads;
use crate::components::list::{
    any_then, fact, filter_select, options, prose, search_filter, search_value, select_value,
    use_list_page, Shown,
};
use crate::format::format_date_time;
pub use crate::format::Dates;
use crate::i18n::admin_texts::ADMIN_TEXTS;
use crate::i18n::{role_name, user_status_name, TextFn, Texts, USER_STATUSES};
use crate::query::{from_wire, wire_name, UserListView};
use crate::routes::{user_path, Page};
use crate::state::auth::use_auth;
use api_types::{UserPage, UserSummary};
use leptos::html;
use leptos::prelude::*;
use leptos_router::components::A;

/// The table's heads, in the order of the rows' cells.
const COLUMNS: [TextFn; 6] = heads! {
    ADMIN_TEXTS.col_name, t.username_label, ADMIN_TEXTS.col_email, ADMIN_TEXTS.col_role,
    t.col_status, ADMIN_TEXTS.col_last_login
};

#[component]
pub fn UsersPage() -> impl IntoView {
    let list = use_list_page::<UserListView, _, _>(Api::users);
    let (auth, t, current) = (use_auth(), list.t, list.current);

    let status_select =
        list.kept_select(|v| v.query.status.map(|s| wire_name(&s)).unwrap_or_default());
    let q_input = NodeRef::<html::Input>::new();
    // The status applies at once; the search on submit.
    let read = move |mut view: UserListView| {
        view.query.status = from_wire(&select_value(status_select));
        view.query.q = search_value(q_input);
        view
    };
    let q = move || current.with(|v| v.query.q.clone().unwrap_or_default());

    view! {
        <div class="title-row">
            {list.heading()}
            {move || auth.may(domain::Action::ManageUsers).then(|| view! {
                <A href=Page::NewUser.path() attr:class="new-user button-link">{ADMIN_TEXTS.of(t.get()).new_user}</A>
            })}
        </div>
        {list.filter_form_in("user-filters filters", read, move |t| {
            let texts = ADMIN_TEXTS.of(t);
            let statuses = options(USER_STATUSES.map(|s| (wire_name(&s), user_status_name(t, s))));
            let fields = view! {
                {search_filter("filter-q", t.filter_q, q_input, q, texts.user_q_help)}
                {filter_select("filter", ("filter-status", "status"), t.col_status, status_select, list.on_change(read), any_then(texts.any_user_status, statuses))}
            };
            (texts.user_filters_label, texts.apply_user_filters, fields)
        })}
        // Reached from an account's page: say so, and offer the way out
        // (the list does not name the account).
        {list.narrowed_notice("account", |v| &mut v.query.account, |_| None, [|t| ADMIN_TEXTS.of(t).account_users_notice, |t| ADMIN_TEXTS.of(t).filter_account_unknown, |t| ADMIN_TEXTS.of(t).remove_account_filter])}
        {list.answer_view(|| [|t| ADMIN_TEXTS.of(t).users_loading, |t| ADMIN_TEXTS.of(t).users_total_one, |t| t.users_total], results)}
    }
}

fn results(shown: Shown<UserListView, UserPage>) -> AnyView {
    let texts = ADMIN_TEXTS.of(shown.t);
    let empty = shown.empty_text(texts.users_none, texts.users_empty);
    let shown_as = (empty, "data-table user-table");
    shown.cards_or_table_of(shown_as, &COLUMNS, user_card, user_row)
}

/// "24-11-2026 16:05", or "Never".
pub fn last_login(t: &Texts, dates: &Dates, u: &UserSummary) -> String {
    u.last_login_at.map_or_else(
        || ADMIN_TEXTS.of(t).never_logged_in.to_owned(),
        |at| format_date_time(at, &dates.2, dates.0, dates.1),
    )
}

/// "Two-step" beside the status of a user with a second factor.
fn mfa_tag(t: &'static Texts, on: bool) -> Option<impl IntoView> {
    on.then(|| view! { <span class="tag mfa-tag">{ADMIN_TEXTS.of(t).mfa_badge}</span> })
}

fn user_row(t: &'static Texts, dates: &Dates, u: UserSummary) -> impl IntoView {
    let last = last_login(t, dates, &u);
    view! {
        <tr class="user-row">
            <td><A href=user_path(u.id) attr:class="user-link">{prose(&u.display_name)}</A></td>
            <td class="username ident">{u.username}</td>
            <td><span class="email" title=u.email.clone()>{u.email.clone()}</span></td>
            <td>{role_name(t, u.role)}</td>
            <td>{user_status_badge(t, u.status)} {mfa_tag(t, u.mfa_enabled)}</td>
            <td class="date">{last}</td>
        </tr>
    }
}

fn user_card(t: &'static Texts, dates: &Dates, u: UserSummary) -> impl IntoView {
    let last = last_login(t, dates, &u);
    view! {
        <li class="card user-card">
            <div class="card-head">
                <A href=user_path(u.id) attr:class="user-link">{prose(&u.display_name)}</A>
                <span class="card-badges">{user_status_badge(t, u.status)} {mfa_tag(t, u.mfa_enabled)}</span>
            </div>
            <dl class="facts">
                <div><dt>{t.username_label}</dt><dd class="username">{u.username}</dd></div>
                <div><dt>{ADMIN_TEXTS.of(t).col_email}</dt><dd class="email" title=u.email.clone()>{u.email.clone()}</dd></div>
                {fact(ADMIN_TEXTS.of(t).col_role, role_name(t, u.role))}
                {fact(ADMIN_TEXTS.of(t).col_last_login, last)}
            </dl>
        </li>
    }
}
