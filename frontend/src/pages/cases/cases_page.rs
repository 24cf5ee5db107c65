//! `/cases`: the visible cases, filtered, sorted and paged, all in the URL.

use crate::api::client;
use crate::components::badges::{case_status_badge, priority_badge};
use crate::components::document::set_title;
use crate::components::list;
use crate::components::list::{
    card_list, data_table, list_body, load_view, results_view, summary_text, FilterActions,
};
use crate::components::pager::PageState;
use crate::components::viewport::use_narrow;
use crate::format::{format_date, format_date_time};
use crate::i18n::case_texts::CASE_TEXTS;
use crate::i18n::{
    case_status_name, count_text, fill, modality_name, priority_text, TextFn, Texts, CASE_STATUSES,
    MODALITIES, PRIORITIES,
};
use crate::pages::installed_products_page::display_name;
use crate::query::{from_wire, set_status_choice, status_choice, wire_name, CaseListView, OPEN};
use crate::routes::{case_path, Page};
use crate::state::auth::{use_auth, use_texts};
use api_types::{CasePage, CaseQuery, CaseSort, CaseSummary, SortOrder};
use domain::{DateFormat, TimeFormat};
use leptos::html;
use leptos::prelude::*;
use leptos_router::components::A;
use leptos_router::hooks::{use_navigate, use_query_map};
use leptos_router::NavigateOptions;

/// The list's answer, with the query it answers (to tell a stale one).
type Loaded = list::Loaded<CaseQuery, CasePage>;

/// How the user writes dates and times, and their zone.
type Dates = (DateFormat, TimeFormat, String);

#[component]
pub fn CasesPage() -> impl IntoView {
    let auth = use_auth();
    let t = use_texts();
    let narrow = use_narrow();
    Effect::new(move |_| set_title(CASE_TEXTS.of(t.get()).cases_title, t.get().product_name));

    let query_map = use_query_map();
    let current = Memo::new(move |_| query_map.with(|m| CaseListView::from_query(|k| m.get(k))));
    let cases: LocalResource<Loaded> = LocalResource::new(move || {
        let query = current.with(|v| v.query.clone());
        async move {
            let result = auth
                .call(|token| {
                    let query = query.clone();
                    async move { client::cases(&token, &query).await }
                })
                .await;
            (query, result)
        }
    });
    // The market's cut-over date, once a page has named it.
    let historical_before = Memo::new(move |_| {
        cases.with(|loaded| {
            loaded
                .as_ref()
                .and_then(|(_, r)| r.as_ref().ok())
                .and_then(|page| page.historical_before)
        })
    });

    let navigate = use_navigate();
    let mine_box = NodeRef::<html::Input>::new();
    let historical_box = NodeRef::<html::Input>::new();
    let status_select = NodeRef::<html::Select>::new();
    let priority_select = NodeRef::<html::Select>::new();
    let modality_select = NodeRef::<html::Select>::new();
    let q_input = NodeRef::<html::Input>::new();
    // Checkboxes and selects apply at once; the search on submit.
    let apply = move || {
        let select = |node: NodeRef<html::Select>| {
            node.get_untracked()
                .map(|el| el.value())
                .unwrap_or_default()
        };
        let checked = |node: NodeRef<html::Input>| {
            node.get_untracked()
                .is_some_and(|el| el.checked())
                .then_some(true)
        };
        let mut view = current.get_untracked().with_page(1);
        let q = &mut view.query;
        q.mine = checked(mine_box);
        set_status_choice(q, &select(status_select));
        q.priority = select(priority_select).parse().ok();
        q.modality = from_wire(&select(modality_select));
        q.q = q_input
            .get_untracked()
            .map(|el| el.value().trim().to_owned())
            .filter(|s| !s.is_empty());
        // The switch is on the page only when the market has a cut-over.
        if historical_box.get_untracked().is_some() {
            q.historical = checked(historical_box);
        }
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

    // The controls show the URL's view: on arrival, and after back, forward
    // or "Clear filters" (one effect, not a closure per option).
    Effect::new(move |_| {
        let view = current.get();
        let q = &view.query;
        if let Some(el) = mine_box.get() {
            el.set_checked(q.mine == Some(true));
        }
        if let Some(el) = status_select.get() {
            el.set_value(&status_choice(q));
        }
        if let Some(el) = priority_select.get() {
            el.set_value(&q.priority.map(|p| p.to_string()).unwrap_or_default());
        }
        if let Some(el) = modality_select.get() {
            el.set_value(&q.modality.map(|m| wire_name(&m)).unwrap_or_default());
        }
        if let Some(el) = q_input.get() {
            el.set_value(q.q.as_deref().unwrap_or_default());
        }
    });

    let summary = move || {
        let t = t.get();
        cases.with(|loaded| {
            summary_text(
                t,
                CASE_TEXTS.of(t).cases_loading,
                loaded.as_ref(),
                |query| current.with(|v| v.query != *query),
                |page| count_text(CASE_TEXTS.of(t).cases_total_one, t.cases_total, page.total),
            )
        })
    };

    view! {
        <div class="title-row">
            <h1>{move || CASE_TEXTS.of(t.get()).cases_title}</h1>
            {move || auth.may(domain::Action::CreateCase).then(|| view! {
                <A href=Page::NewCase.path() attr:class="create-case button-link">{t.get().create_case}</A>
            })}
        </div>
        // The texts are read once per render: the language only changes at sign-in.
        {move || {
            let t = t.get();
            view! {
                <form
                    class="case-filters filters"
                    role="search"
                    aria-label=CASE_TEXTS.of(t).case_filters_label
                    on:submit=on_submit.clone()
                >
                    <div class="filter filter-check">
                        <input
                            id="filter-mine"
                            name="mine"
                            type="checkbox"
                            node_ref=mine_box
                            on:change=on_change.clone()
                        />
                        <label for="filter-mine">{CASE_TEXTS.of(t).filter_mine}</label>
                    </div>
                    <div class="filter">
                        <label for="filter-status">{t.col_status}</label>
                        <select id="filter-status" name="status" node_ref=status_select on:change=on_change.clone()>
                            <option value="">{CASE_TEXTS.of(t).any_case_status}</option>
                            <option value=OPEN>{CASE_TEXTS.of(t).open_cases_option}</option>
                            {CASE_STATUSES
                                .into_iter()
                                .map(|s| view! { <option value=wire_name(&s)>{case_status_name(t, s)}</option> })
                                .collect_view()}
                        </select>
                    </div>
                    <div class="filter">
                        <label for="filter-priority">{CASE_TEXTS.of(t).filter_priority}</label>
                        <select id="filter-priority" name="priority" node_ref=priority_select on:change=on_change.clone()>
                            <option value="">{CASE_TEXTS.of(t).any_priority}</option>
                            {PRIORITIES
                                .into_iter()
                                .map(|p| view! { <option value=p.to_string()>{priority_text(t, p)}</option> })
                                .collect_view()}
                        </select>
                    </div>
                    <div class="filter">
                        <label for="filter-modality">{t.filter_modality}</label>
                        <select id="filter-modality" name="modality" node_ref=modality_select on:change=on_change.clone()>
                            <option value="">{t.any_modality}</option>
                            {MODALITIES
                                .into_iter()
                                .map(|m| view! { <option value=wire_name(&m)>{modality_name(t, m)}</option> })
                                .collect_view()}
                        </select>
                    </div>
                    <div class="filter filter-search">
                        <label for="filter-q">{t.filter_q}</label>
                        <input
                            id="filter-q"
                            name="q"
                            type="search"
                            node_ref=q_input
                            aria-describedby="filter-q-help"
                        />
                        <p id="filter-q-help" class="field-help">{CASE_TEXTS.of(t).case_q_help}</p>
                    </div>
                    {
                        let on_change = on_change.clone();
                        move || {
                            let on = current.with(|v| v.query.historical == Some(true));
                            let date = historical_before.get();
                            (date.is_some() || on).then(|| {
                                let date = date
                                    .map(|d| format_date(d, auth.date_format()))
                                    .unwrap_or_default();
                                view! {
                                    <div class="filter filter-check filter-historical">
                                        <input
                                            id="filter-historical"
                                            name="historical"
                                            type="checkbox"
                                            node_ref=historical_box
                                            aria-describedby="filter-historical-help"
                                            prop:checked=on
                                            on:change=on_change.clone()
                                        />
                                        <label for="filter-historical">{fill(t.filter_historical, &[("date", &date)])}</label>
                                        <p id="filter-historical-help" class="field-help">{CASE_TEXTS.of(t).historical_help}</p>
                                    </div>
                                }
                            })
                        }
                    }
                    <FilterActions
                        apply=CASE_TEXTS.of(t).apply_case_filters
                        clear_href=Signal::derive(move || {
                            current.with(CaseListView::is_filtered).then(|| Page::Cases.path().to_owned())
                        })
                    />
                </form>
            }
        }}
        {move || {
            // Reached from an installed product's page: say so, and offer the way out.
            current.with(|v| v.query.installed_product)?;
            let t = t.get();
            let product = cases.with(|loaded| {
                loaded
                    .as_ref()
                    .and_then(|(_, r)| r.as_ref().ok())
                    .and_then(|page| page.items.first())
                    .map(|c| format!("{} {}", c.installed_product.number, product_name(c)))
            });
            let mut all = current.get().with_page(1);
            all.query.installed_product = None;
            let notice = fill(
                t.filter_product_notice,
                &[("product", product.as_deref().unwrap_or(CASE_TEXTS.of(t).filter_product_unknown))],
            );
            Some(view! {
                <p class="filter-notice product-filter">
                    <span>{notice}</span>
                    " "
                    <A href=all.href() attr:class="remove-product-filter">{CASE_TEXTS.of(t).remove_product_filter}</A>
                </p>
            })
        }}
        <p class="result-summary" role="status">{summary}</p>
        {move || {
            let t = t.get();
            load_view(t, CASE_TEXTS.of(t).cases_loading, cases.get(), |query, page| {
                let view = current.get();
                let stale = view.query != query;
                let dates = (auth.date_format(), auth.time_format(), auth.time_zone());
                results(t, &dates, &view, page, narrow.get(), stale)
            })
        }}
    }
}

/// The rows (a table, or cards on a phone) and the pager.
fn results(
    t: &'static Texts,
    dates: &Dates,
    view: &CaseListView,
    page: CasePage,
    narrow: bool,
    stale: bool,
) -> AnyView {
    let pages = PageState {
        page: page.page,
        page_size: page.page_size,
        total: page.total,
    };
    let empty = if view.is_filtered() {
        CASE_TEXTS.of(t).cases_empty
    } else {
        CASE_TEXTS.of(t).cases_none
    };
    let cards = |items: Vec<CaseSummary>| {
        card_list(
            items
                .into_iter()
                .map(|c| case_card(t, dates, c))
                .collect_view()
                .into_any(),
        )
    };
    let table = |items: Vec<CaseSummary>| case_table(t, dates, view, items);
    let body = list_body(page.items, empty, narrow, cards, table);
    results_view(t, stale, body, pages, &|n| view.with_page(n).href())
}

/// The columns of the table; those with a sort sort by it.
const COLUMNS: [(Option<CaseSort>, TextFn); 7] = [
    (Some(CaseSort::Number), |t| CASE_TEXTS.of(t).col_case),
    (None, |t| CASE_TEXTS.of(t).col_title),
    (None, |t| CASE_TEXTS.of(t).col_installed_product),
    (None, |t| CASE_TEXTS.of(t).col_account),
    (Some(CaseSort::Priority), |t| CASE_TEXTS.of(t).col_priority),
    (Some(CaseSort::Status), |t| t.col_status),
    (Some(CaseSort::CreatedAt), |t| CASE_TEXTS.of(t).col_created),
];

fn case_table(
    t: &'static Texts,
    dates: &Dates,
    view: &CaseListView,
    items: Vec<CaseSummary>,
) -> AnyView {
    let heads = COLUMNS
        .into_iter()
        .map(|(sort, label)| match sort {
            Some(column) => sort_header(view, column, label(t)).into_any(),
            None => view! { <th scope="col">{label(t)}</th> }.into_any(),
        })
        .collect_view();
    let rows = items
        .into_iter()
        .map(|c| case_row(t, dates, c))
        .collect_view();
    data_table("data-table case-table", heads.into_any(), rows.into_any())
}

/// A header that sorts by its column: a link, so the sort is in the URL.
/// It names its order only when the URL does (the server's default is its own).
fn sort_header(view: &CaseListView, column: CaseSort, label: &'static str) -> impl IntoView {
    let order = (view.query.sort == Some(column))
        .then_some(view.query.order)
        .flatten();
    let (aria_sort, arrow) = match order {
        Some(SortOrder::Asc) => (Some("ascending"), "▲"),
        Some(SortOrder::Desc) => (Some("descending"), "▼"),
        None => (None, "↕"),
    };
    view! {
        <th scope="col" aria-sort=aria_sort>
            <a href=view.sorted_by(column).href() class="sort-link" data-noscroll="">
                {label}
                <span class="sort-arrow" aria-hidden="true">{arrow}</span>
            </a>
        </th>
    }
}

fn product_name(c: &CaseSummary) -> String {
    display_name(
        c.installed_product.custom_name.as_deref(),
        &c.installed_product.description,
    )
    .to_owned()
}

fn created(dates: &Dates, c: &CaseSummary) -> String {
    format_date_time(c.created_at, &dates.2, dates.0, dates.1)
}

fn case_row(t: &'static Texts, dates: &Dates, c: CaseSummary) -> impl IntoView {
    let name = product_name(&c);
    let created = created(dates, &c);
    view! {
        <tr class="case-row">
            <td><A href=case_path(c.id) attr:class="case-link">{c.number}</A></td>
            <td>{c.title}</td>
            <td>
                <span class="product-number">{c.installed_product.number}</span>
                <span class="secondary">{name}</span>
            </td>
            <td>{c.account.name}</td>
            <td>{priority_badge(t, c.priority)}</td>
            <td>{case_status_badge(t, c.status)}</td>
            <td>{created}</td>
        </tr>
    }
}

fn case_card(t: &'static Texts, dates: &Dates, c: CaseSummary) -> impl IntoView {
    let name = product_name(&c);
    let created = created(dates, &c);
    view! {
        <li class="card case-card">
            <div class="card-head">
                <A href=case_path(c.id) attr:class="case-link">{c.number}</A>
                {case_status_badge(t, c.status)}
            </div>
            <p class="case-card-title">{c.title}</p>
            <dl class="facts">
                <div>
                    <dt>{CASE_TEXTS.of(t).col_installed_product}</dt>
                    <dd>
                        <span class="product-number">{c.installed_product.number}</span>
                        <span class="secondary">{name}</span>
                    </dd>
                </div>
                <div>
                    <dt>{CASE_TEXTS.of(t).col_account}</dt>
                    <dd>{c.account.name}</dd>
                </div>
                <div>
                    <dt>{CASE_TEXTS.of(t).col_priority}</dt>
                    <dd>{priority_badge(t, c.priority)}</dd>
                </div>
                <div>
                    <dt>{CASE_TEXTS.of(t).col_created}</dt>
                    <dd>{created}</dd>
                </div>
            </dl>
        </li>
    }
}
