//! `/cases`: the visible cases, filtered, sorted and paged, all in the URL.

use crate::api::Api;
use crate::components::badges::{case_status_badge, priority_badge};
use crate::components::case_filters::CaseSelects;
use crate::components::list::{
    fact, filter_select, options, prose, search_filter, search_value, select_value, sort_header,
    use_list_page, ListPage, Shown,
};
use crate::format::{format_date, format_date_time, Dates};
use crate::i18n::case_texts::CASE_TEXTS;
use crate::i18n::{case_status_name, fill, TextFn, Texts, CASE_STATUSES};
use crate::pages::installed_products_page::display_name;
use crate::query::{set_status_choice, status_choice, wire_name, CaseListView, ListView, OPEN};
use crate::routes::{case_path, Page};
use crate::state::auth::{use_auth, Auth};
use api_types::{CasePage, CaseSort, CaseSummary};
use chrono::NaiveDate;
use leptos::ev::Event;
use leptos::html;
use leptos::prelude::*;
use leptos_router::components::A;
use std::array;

#[component]
pub fn CasesPage() -> impl IntoView {
    let list = use_list_page::<CaseListView, _, _>(Api::cases);
    let (auth, t) = (use_auth(), list.t);
    let filters = Filters::new(list, auth);
    // Checkboxes and selects apply at once; the search on submit.
    let read = move |view| filters.read(view);
    let on_change = list.on_change(read);

    view! {
        <div class="title-row">
            {list.heading()}
            // Customers create cases; the service desk logs those phoned in.
            {move || (auth.may(domain::Action::CreateCase) || auth.may(domain::Action::LogPhoneCase)).then(|| view! {
                <A href=Page::NewCase.path() attr:class="create-case button-link">{t.get().create_case}</A>
            })}
        </div>
        {list.filter_form_in("case-filters filters", read, move |t| {
            let texts = CASE_TEXTS.of(t);
            let fields = filter_fields(t, filters, on_change.clone());
            (texts.case_filters_label, texts.apply_case_filters, fields)
        })}
        // Reached from an installed product's page: say so, and offer the way out.
        {list.narrowed_notice("product", |v| &mut v.query.installed_product, first_product, [|t| t.filter_product_notice, |t| CASE_TEXTS.of(t).filter_product_unknown, |t| CASE_TEXTS.of(t).remove_product_filter])}
        // Reached from an account's page: the cases logged for it.
        {list.narrowed_notice("account", |v| &mut v.query.account, |page| Some(page.items.first()?.account.name.clone()), [|t| CASE_TEXTS.of(t).account_filter_notice, |t| CASE_TEXTS.of(t).filter_account_unknown, |t| CASE_TEXTS.of(t).remove_account_filter])}
        {list.answer_view(|| [|t| CASE_TEXTS.of(t).cases_loading, |t| CASE_TEXTS.of(t).cases_total_one, |t| t.cases_total], results)}
    }
}

/// The filter form's controls and what they show of the URL's view; its
/// pieces share them (signals and node refs, so `Copy`).
#[derive(Clone, Copy)]
struct Filters {
    auth: Auth,
    current: Memo<CaseListView>,
    /// The market's cut-over date, once a page has named it.
    historical_before: Memo<Option<NaiveDate>>,
    mine_box: NodeRef<html::Input>,
    historical_box: NodeRef<html::Input>,
    q_input: NodeRef<html::Input>,
    status_select: NodeRef<html::Select>,
    selects: CaseSelects,
}

impl Filters {
    /// The controls, each select kept to the URL's view.
    fn new(list: ListPage<CaseListView, CasePage>, auth: Auth) -> Self {
        let historical_before =
            Memo::new(move |_| list.with_answered(|page| page.historical_before));
        let [mine_box, historical_box, q_input] = array::from_fn(|_| NodeRef::<html::Input>::new());
        // The selects show the URL's view: on arrival, and after back, forward
        // or "Clear filters".
        let status_select = list.kept_select(|v| status_choice(&v.query));
        let selects = CaseSelects::kept(list, |v| (v.query.priority, v.query.modality));
        Self {
            auth,
            current: list.current,
            historical_before,
            mine_box,
            historical_box,
            q_input,
            status_select,
            selects,
        }
    }

    /// `view` as the controls say.
    fn read(self, mut view: CaseListView) -> CaseListView {
        let checked = |node: NodeRef<html::Input>| {
            node.get_untracked()
                .is_some_and(|el| el.checked())
                .then_some(true)
        };
        let q = &mut view.query;
        q.mine = checked(self.mine_box);
        set_status_choice(q, &select_value(self.status_select));
        (q.priority, q.modality) = self.selects.read();
        q.q = search_value(self.q_input);
        // The switch is on the page only when the market has a cut-over.
        if self.historical_box.get_untracked().is_some() {
            q.historical = checked(self.historical_box);
        }
        view
    }
}

/// The filters: mine, status, priority, modality, the search and the
/// historical cases.
fn filter_fields(
    t: &'static Texts,
    filters: Filters,
    on_change: impl Fn(Event) + Clone + Send + Sync + 'static,
) -> impl IntoView {
    let texts = CASE_TEXTS.of(t);
    let current = filters.current;
    let (priority, modality) = filters.selects.fields(t, on_change.clone());
    let mine = move || current.with(|v| v.query.mine == Some(true));
    let q = move || current.with(|v| v.query.q.clone().unwrap_or_default());
    let statuses = options(CASE_STATUSES.map(|s| (wire_name(&s), case_status_name(t, s))));
    view! {
        <div class="filter filter-check">
            <input
                id="filter-mine"
                name="mine"
                type="checkbox"
                node_ref=filters.mine_box
                prop:checked=mine
                on:change=on_change.clone()
            />
            <label for="filter-mine">{texts.filter_mine}</label>
        </div>
        {filter_select("filter", ("filter-status", "status"), t.col_status, filters.status_select, on_change.clone(), view! {
            <option value="">{texts.any_case_status}</option>
            <option value=OPEN>{texts.open_cases_option}</option>
            {statuses}
        })}
        {priority}
        {modality}
        {search_filter("filter-q", t.filter_q, filters.q_input, q, texts.case_q_help)}
        {historical_filter(t, filters, on_change)}
    }
}

/// The switch to the cases from before the market's cut-over: there while
/// the market has one (or the URL asks for them).
fn historical_filter(
    t: &'static Texts,
    filters: Filters,
    on_change: impl Fn(Event) + Clone + Send + Sync + 'static,
) -> impl IntoView {
    move || {
        let on = filters.current.with(|v| v.query.historical == Some(true));
        let date = filters.historical_before.get();
        (date.is_some() || on).then(|| {
            let date = date
                .map(|d| format_date(d, filters.auth.date_format()))
                .unwrap_or_default();
            view! {
                <div class="filter filter-check filter-historical">
                    <input
                        id="filter-historical"
                        name="historical"
                        type="checkbox"
                        node_ref=filters.historical_box
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

/// The rows (a table, or cards on a phone) and the pager.
fn results(shown: Shown<CaseListView, CasePage>) -> AnyView {
    let texts = CASE_TEXTS.of(shown.t);
    let empty = shown.empty_text(texts.cases_none, texts.cases_empty);
    let heads = case_heads(shown.t, &shown.view);
    shown.cards_or_table(empty, "data-table case-table", heads, case_card, case_row)
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
                {fact(CASE_TEXTS.of(t).col_account, c.account.name)}
                {fact(CASE_TEXTS.of(t).col_priority, priority_badge(t, c.priority))}
                {fact(CASE_TEXTS.of(t).col_created, created)}
            </dl>
        </li>
    }
}
