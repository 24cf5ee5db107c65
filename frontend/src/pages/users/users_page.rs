//! `/users` (Managers and Admins): the users they manage, searched and
//! filtered by status, paged, all in the URL.

use crate::api::client;
use crate::components::badges::user_status_badge;
use crate::components::document::set_title;
use crate::components::list;
use crate::components::list::{
    card_list, data_table, list_body, load_view, results_view, summary_text, FilterActions,
};
use crate::components::pager::PageState;
use crate::components::viewport::use_narrow;
use crate::format::format_date_time;
use crate::i18n::admin_texts::ADMIN_TEXTS;
use crate::i18n::{count_text, role_name, user_status_name, TextFn, Texts, USER_STATUSES};
use crate::query::{from_wire, wire_name, UserListView};
use crate::routes::{user_path, Page};
use crate::state::auth::{use_auth, use_texts};
use api_types::{UserPage, UserQuery, UserSummary};
use domain::{DateFormat, TimeFormat};
use leptos::html;
use leptos::prelude::*;
use leptos_router::components::A;
use leptos_router::hooks::{use_navigate, use_query_map};
use leptos_router::NavigateOptions;

/// The list's answer, with the query it answers (to tell a stale one).
type Loaded = list::Loaded<UserQuery, UserPage>;

/// How the user writes dates and times, and their zone.
pub type Dates = (DateFormat, TimeFormat, String);

#[component]
pub fn UsersPage() -> impl IntoView {
    let auth = use_auth();
    let t = use_texts();
    let narrow = use_narrow();
    Effect::new(move |_| set_title(ADMIN_TEXTS.of(t.get()).users_title, t.get().product_name));

    let query_map = use_query_map();
    let current = Memo::new(move |_| query_map.with(|m| UserListView::from_query(|k| m.get(k))));
    let users: LocalResource<Loaded> = LocalResource::new(move || {
        let query = current.with(|v| v.query.clone());
        async move {
            let result = auth
                .call(|token| {
                    let query = query.clone();
                    async move { client::users(&token, &query).await }
                })
                .await;
            (query, result)
        }
    });

    let navigate = use_navigate();
    let status_select = NodeRef::<html::Select>::new();
    let q_input = NodeRef::<html::Input>::new();
    // The status applies at once; the search on submit.
    let apply = move || {
        let mut view = current.get_untracked().with_page(1);
        view.query.status = status_select
            .get_untracked()
            .and_then(|el| from_wire(&el.value()));
        view.query.q = q_input
            .get_untracked()
            .map(|el| el.value().trim().to_owned())
            .filter(|s| !s.is_empty());
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

    let summary = move || {
        let t = t.get();
        users.with(|loaded| {
            summary_text(
                t,
                ADMIN_TEXTS.of(t).users_loading,
                loaded.as_ref(),
                |query| current.with(|v| v.query != *query),
                |page| count_text(ADMIN_TEXTS.of(t).users_total_one, t.users_total, page.total),
            )
        })
    };

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
            view! {
                <form
                    class="user-filters filters"
                    role="search"
                    aria-label=ADMIN_TEXTS.of(t).user_filters_label
                    on:submit=on_submit.clone()
                >
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
                    <FilterActions
                        apply=ADMIN_TEXTS.of(t).apply_user_filters
                        clear_href=Signal::derive(move || {
                            current.with(UserListView::is_filtered).then(|| Page::Users.path().to_owned())
                        })
                    />
                </form>
            }
        }}
        <p class="result-summary" role="status">{summary}</p>
        {move || {
            let t = t.get();
            load_view(t, ADMIN_TEXTS.of(t).users_loading, users.get(), |query, page| {
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
    view: &UserListView,
    page: UserPage,
    narrow: bool,
    stale: bool,
) -> AnyView {
    let pages = PageState {
        page: page.page,
        page_size: page.page_size,
        total: page.total,
    };
    let empty = if view.is_filtered() {
        ADMIN_TEXTS.of(t).users_empty
    } else {
        ADMIN_TEXTS.of(t).users_none
    };
    let cards = |items: Vec<UserSummary>| {
        card_list(
            items
                .into_iter()
                .map(|u| user_card(t, dates, u))
                .collect_view()
                .into_any(),
        )
    };
    let table = |items: Vec<UserSummary>| {
        let heads = COLUMNS
            .into_iter()
            .map(|label| view! { <th scope="col">{label(t)}</th> })
            .collect_view();
        let rows = items
            .into_iter()
            .map(|u| user_row(t, dates, u))
            .collect_view();
        data_table("data-table user-table", heads.into_any(), rows.into_any())
    };
    let body = list_body(page.items, empty, narrow, cards, table);
    results_view(t, stale, body, pages, &|n| view.with_page(n).href())
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
            <td><A href=user_path(u.id) attr:class="user-link">{u.display_name}</A></td>
            <td class="username">{u.username}</td>
            <td>{u.email}</td>
            <td>{role_name(t, u.role)}</td>
            <td>{user_status_badge(t, u.status)} {mfa_tag(t, u.mfa_enabled)}</td>
            <td>{last}</td>
        </tr>
    }
}

fn user_card(t: &'static Texts, dates: &Dates, u: UserSummary) -> impl IntoView {
    let last = last_login(t, dates, &u);
    view! {
        <li class="card user-card">
            <div class="card-head">
                <A href=user_path(u.id) attr:class="user-link">{u.display_name}</A>
                <span class="card-badges">{user_status_badge(t, u.status)} {mfa_tag(t, u.mfa_enabled)}</span>
            </div>
            <dl class="facts">
                <div><dt>{t.username_label}</dt><dd class="username">{u.username}</dd></div>
                <div><dt>{ADMIN_TEXTS.of(t).col_email}</dt><dd>{u.email}</dd></div>
                <div><dt>{ADMIN_TEXTS.of(t).col_role}</dt><dd>{role_name(t, u.role)}</dd></div>
                <div><dt>{ADMIN_TEXTS.of(t).col_last_login}</dt><dd>{last}</dd></div>
            </dl>
        </li>
    }
}
