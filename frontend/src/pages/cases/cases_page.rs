//! `/cases`: the visible cases, filtered, sorted and paged, all in the URL.

use crate::components::badges::{case_status_badge, priority_badge};
use crate::components::list::{
    prose, search_value, select_value, sort_header, use_list_page, Shown,
};
use crate::format::{format_date, format_date_time, Dates};
use crate::i18n::case_texts::CASE_TEXTS;
use crate::i18n::{
    case_status_name, fill, modality_name, priority_text, TextFn, Texts, CASE_STATUSES, MODALITIES,
    PRIORITIES,
};
use crate::pages::installed_products_page::display_name;
use crate::query::{
    from_wire, set_status_choice, status_choice, wire_name, CaseListView, ListView, OPEN,
};
use crate::routes::{case_path, Page};
use crate::state::auth::use_auth;
use api_types::{CasePage, CaseSort, CaseSummary};
use leptos::html;
use leptos::prelude::*;
use leptos_router::components::A;
use std::array;

#[component]
pub fn CasesPage() -> impl IntoView {
    let list =
        use_list_page::<CaseListView, _, _>(|api, query| async move { api.cases(&query).await });
    let (auth, t, current) = (use_auth(), list.t, list.current);
    // The market's cut-over date, once a page has named it.
    let historical_before = Memo::new(move |_| list.with_answered(|page| page.historical_before));

    let [mine_box, historical_box, q_input] = array::from_fn(|_| NodeRef::<html::Input>::new());
    let [status_select, priority_select, modality_select] =
        array::from_fn(|_| NodeRef::<html::Select>::new());
    // Checkboxes and selects apply at once; the search on submit.
    let read = move |mut view: CaseListView| {
        let checked = |node: NodeRef<html::Input>| {
            node.get_untracked()
                .is_some_and(|el| el.checked())
                .then_some(true)
        };
        let q = &mut view.query;
        q.mine = checked(mine_box);
        set_status_choice(q, &select_value(status_select));
        q.priority = select_value(priority_select).parse().ok();
        q.modality = from_wire(&select_value(modality_select));
        q.q = search_value(q_input);
        // The switch is on the page only when the market has a cut-over.
        if historical_box.get_untracked().is_some() {
            q.historical = checked(historical_box);
        }
        view
    };
    let on_change = list.on_change(read);

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
            let fields = view! {
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
            };
            let texts = CASE_TEXTS.of(t);
            list.filter_form("case-filters filters", texts.case_filters_label, texts.apply_case_filters, read, fields)
        }}
        // Reached from an installed product's page: say so, and offer the way out.
        {list.narrowed_notice("product", without_product, first_product, |t| {
            let texts = CASE_TEXTS.of(t);
            [t.filter_product_notice, texts.filter_product_unknown, texts.remove_product_filter]
        })}
        {list.answer_view(
            |t| CASE_TEXTS.of(t).cases_loading,
            |t| (CASE_TEXTS.of(t).cases_total_one, t.cases_total),
            results,
        )}
    }
}

/// The rows (a table, or cards on a phone) and the pager.
fn results(shown: Shown<CaseListView>, page: CasePage) -> AnyView {
    let (t, dates) = (shown.t, &shown.dates);
    let texts = CASE_TEXTS.of(t);
    let empty = shown.empty_text(texts.cases_none, texts.cases_empty);
    let heads = case_heads(t, &shown.view);
    shown.cards_or_table(
        page,
        empty,
        "data-table case-table",
        heads,
        |c| case_card(t, dates, c),
        |c| case_row(t, dates, c),
    )
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

fn case_heads(t: &'static Texts, view: &CaseListView) -> AnyView {
    COLUMNS
        .into_iter()
        .map(|(sort, label)| match sort {
            // It names its order only when the URL does (the server's default is its own).
            Some(column) => {
                let order = (view.query.sort == Some(column))
                    .then_some(view.query.order)
                    .flatten();
                sort_header(view.sorted_by(column).href(), label(t), order).into_any()
            }
            None => view! { <th scope="col">{label(t)}</th> }.into_any(),
        })
        .collect_view()
        .into_any()
}

/// The list without its product filter, while it has one.
fn without_product(view: &CaseListView) -> Option<CaseListView> {
    view.query.installed_product?;
    let mut all = view.clone();
    all.query.installed_product = None;
    Some(all)
}

/// "IP-40010001 Ingenia 1.5T": the product of the first case listed.
fn first_product(page: &CasePage) -> Option<String> {
    let c = page.items.first()?;
    Some(format!(
        "{} {}",
        c.installed_product.number,
        product_name(c)
    ))
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
            <td class="ident"><A href=case_path(c.id) attr:class="case-link">{c.number}</A></td>
            <td>{prose(&c.title)}</td>
            <td>
                <span class="product-number">{c.installed_product.number}</span>
                <span class="secondary">{name}</span>
            </td>
            <td>{c.account.name}</td>
            <td>{priority_badge(t, c.priority)}</td>
            <td>{case_status_badge(t, c.status)}</td>
            <td class="date">{created}</td>
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
            <p class="case-card-title">{prose(&c.title)}</p>
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
