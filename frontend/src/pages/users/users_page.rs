//! `/users` (Managers and Admins): the users they manage, searched and
//! filtered by status, paged, all in the URL.

use crate::components::badges::user_status_badge;
use crate::components::list::{
    column_heads, prose, search_value, select_value, use_list_page, Shown,
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

#[component]
pub fn UsersPage() -> impl IntoView {
    let list =
        use_list_page::<UserListView, _, _>(|api, query| async move { api.users(&query).await });
    let (auth, t, current) = (use_auth(), list.t, list.current);

    let status_select = NodeRef::<html::Select>::new();
    let q_input = NodeRef::<html::Input>::new();
    // The status applies at once; the search on submit.
    let read = move |mut view: UserListView| {
        view.query.status = from_wire(&select_value(status_select));
        view.query.q = search_value(q_input);
        view
    };
    let on_change = list.on_change(read);
    // The controls show the URL's view: on arrival, after back or forward.
    Effect::new(move |_| {
        let view = current.get();
        if let Some(el) = status_select.get() {
            el.set_value(&view.query.status.map(|s| wire_name(&s)).unwrap_or_default());
        }
        if let Some(el) = q_input.get() {
            el.set_value(view.query.q.as_deref().unwrap_or_default());
        }
    });

    view! {
        <div class="title-row">
            <h1>{move || ADMIN_TEXTS.of(t.get()).users_title}</h1>
            {move || auth.may(domain::Action::ManageUsers).then(|| view! {
                <A href=Page::NewUser.path() attr:class="new-user button-link">{ADMIN_TEXTS.of(t.get()).new_user}</A>
            })}
        </div>
        // The texts are read once per render: the language changes only in the settings.
        {move || {
            let t = t.get();
            let fields = view! {
                <div class="filter filter-search">
                    <label for="filter-q">{t.filter_q}</label>
                    <input id="filter-q" name="q" type="search" node_ref=q_input aria-describedby="filter-q-help"/>
                    <p id="filter-q-help" class="field-help">{ADMIN_TEXTS.of(t).user_q_help}</p>
                </div>
                <div class="filter">
                    <label for="filter-status">{t.col_status}</label>
                    <select id="filter-status" name="status" node_ref=status_select on:change=on_change.clone()>
                        <option value="">{ADMIN_TEXTS.of(t).any_user_status}</option>
                        {USER_STATUSES
                            .into_iter()
                            .map(|s| view! { <option value=wire_name(&s)>{user_status_name(t, s)}</option> })
                            .collect_view()}
                    </select>
                </div>
            };
            let texts = ADMIN_TEXTS.of(t);
            list.filter_form("user-filters filters", texts.user_filters_label, texts.apply_user_filters, read, fields)
        }}
        {list.answer_view(
            |t| ADMIN_TEXTS.of(t).users_loading,
            |t| (ADMIN_TEXTS.of(t).users_total_one, t.users_total),
            results,
        )}
    }
}

fn results(shown: Shown<UserListView>, page: UserPage) -> AnyView {
    let (t, dates) = (shown.t, &shown.dates);
    let texts = ADMIN_TEXTS.of(t);
    let empty = shown.empty_text(texts.users_none, texts.users_empty);
    let heads = column_heads(t, &COLUMNS);
    let card = |u| user_card(t, dates, u);
    shown.cards_or_table(page, empty, "data-table user-table", heads, card, |u| {
        user_row(t, dates, u)
    })
}

const COLUMNS: [TextFn; 6] = [
    |t| ADMIN_TEXTS.of(t).col_name,
    |t| t.username_label,
    |t| ADMIN_TEXTS.of(t).col_email,
    |t| ADMIN_TEXTS.of(t).col_role,
    |t| t.col_status,
    |t| ADMIN_TEXTS.of(t).col_last_login,
];

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
                <div><dt>{ADMIN_TEXTS.of(t).col_role}</dt><dd>{role_name(t, u.role)}</dd></div>
                <div><dt>{ADMIN_TEXTS.of(t).col_last_login}</dt><dd>{last}</dd></div>
            </dl>
        </li>
    }
}
