//! `/contracts`: contracts, or (`?tab=warranties`) warranties, filtered by
//! expiration status and words, paged, all kept in the URL.

use crate::components::badges::expiry_badge;
use crate::components::list::{
    choice_options, fact, filter_select, prose, search_filter, search_value, select_value,
    use_list_page, AnswerWords, Paged, Shown,
};
use crate::components::pager::PageState;
use crate::format::{format_date, Dates};
use crate::i18n::product_texts::PRODUCT_TEXTS;
use crate::i18n::{expiry_label, TextFn, Texts, EXPIRIES};
use crate::pages::installed_products_page::display_name;
use crate::query::{from_wire, wire_name, ContractListView, ContractTab, ListView};
use crate::routes::{contract_path, installed_product_path};
use api_types::{ContractPage, ContractSummary, PageInfo, WarrantyDto, WarrantyPage};
use domain::DateFormat;
use leptos::html;
use leptos::prelude::*;
use leptos_router::components::A;

/// Either list's page.
#[derive(Debug, Clone, PartialEq)]
enum Listing {
    Contracts(ContractPage),
    Warranties(WarrantyPage),
}

#[component]
pub fn ContractsPage() -> impl IntoView {
    let list = use_list_page::<ContractListView, _, _>(|api, view| async move {
        match view.tab {
            ContractTab::Contracts => api.contracts(&view.query).await.map(Listing::Contracts),
            ContractTab::Warranties => api.warranties(&view.query).await.map(Listing::Warranties),
        }
    });
    let (t, current) = (list.t, list.current);

    let expiry_select = NodeRef::<html::Select>::new();
    let q_input = NodeRef::<html::Input>::new();
    let read = move |mut view: ContractListView| {
        view.query.expiry = from_wire(&select_value(expiry_select));
        view.query.q = search_value(q_input);
        view
    };
    let tab = move || current.with(|v| v.tab);
    let tab_link = move |target: ContractTab, label: TextFn| {
        view! {
            <a
                href=move || current.with(|v| v.on_tab(target).href())
                class="tab"
                aria-current=move || (tab() == target).then_some("page")
            >
                {move || label(t.get())}
            </a>
        }
    };
    let q = move || current.with(|v| v.query.q.clone().unwrap_or_default());
    let q_help = move || match tab() {
        ContractTab::Contracts => PRODUCT_TEXTS.of(t.get()).contract_q_help,
        ContractTab::Warranties => PRODUCT_TEXTS.of(t.get()).warranty_q_help,
    };
    let fields = view! {
        {filter_select("filter", ("filter-expiry", "expiry"), move || PRODUCT_TEXTS.of(t.get()).filter_expiry, expiry_select, list.on_change(read),
            choice_options(current, expiry_value, expiry_options(t)))}
        {search_filter("filter-contract-q", move || t.get().filter_q, q_input, q, q_help)}
    };

    view! {
        {list.heading()}
        <nav class="tabs" aria-label=move || PRODUCT_TEXTS.of(t.get()).contract_tabs_label>
            {tab_link(ContractTab::Contracts, |t| PRODUCT_TEXTS.of(t).tab_contracts)}
            {tab_link(ContractTab::Warranties, |t| PRODUCT_TEXTS.of(t).tab_warranties)}
        </nav>
        {list.filter_form(
            "contract-filters filters",
            Signal::derive(move || PRODUCT_TEXTS.of(t.get()).contract_filters_label),
            Signal::derive(move || match tab() {
                ContractTab::Contracts => PRODUCT_TEXTS.of(t.get()).apply_contract_filters,
                ContractTab::Warranties => PRODUCT_TEXTS.of(t.get()).apply_warranty_filters,
            }),
            read,
            fields,
        )}
        // Reached from an account's page: say whose these are.
        {list.narrowed_notice("account", |v| &mut v.query.account, held_by, [|t| PRODUCT_TEXTS.of(t).account_filter_notice, |t| PRODUCT_TEXTS.of(t).account_filter_unknown, |t| PRODUCT_TEXTS.of(t).remove_account_filter])}
        {list.answer_view(
            move || match tab() {
                ContractTab::Contracts => CONTRACTS_ANSWER,
                ContractTab::Warranties => WARRANTIES_ANSWER,
            },
            results,
        )}
    }
}

/// The account the contracts are held by (a warranty does not name it).
fn held_by(listing: &Listing) -> Option<String> {
    match listing {
        Listing::Contracts(page) => Some(page.items.first()?.ship_to.name.clone()),
        Listing::Warranties(_) => None,
    }
}

fn expiry_value(v: &ContractListView) -> String {
    v.query.expiry.map(|e| wire_name(&e)).unwrap_or_default()
}

/// "Any", then each expiration status.
fn expiry_options(t: Signal<&'static Texts>) -> impl Iterator<Item = (String, AnyView)> {
    let any = (move || PRODUCT_TEXTS.of(t.get()).any_expiry).into_any();
    let each = EXPIRIES.map(|e| (wire_name(&e), (move || expiry_label(t.get(), e)).into_any()));
    std::iter::once((String::new(), any)).chain(each)
}

/// A row of either list.
enum Row {
    Contract(ContractSummary),
    Warranty(WarrantyDto),
}

impl Row {
    fn card(self, t: &'static Texts, format: DateFormat) -> AnyView {
        match self {
            Row::Contract(c) => contract_card(t, format, c).into_any(),
            Row::Warranty(w) => warranty_card(t, format, w).into_any(),
        }
    }

    fn row(self, t: &'static Texts, format: DateFormat) -> AnyView {
        match self {
            Row::Contract(c) => contract_row(t, format, c).into_any(),
            Row::Warranty(w) => warranty_row(t, format, w).into_any(),
        }
    }
}

impl Paged for Listing {
    type Item = Row;

    fn paging(&self) -> PageInfo {
        match self {
            Listing::Contracts(page) => page.paging,
            Listing::Warranties(page) => page.paging,
        }
    }

    fn into_parts(self) -> (Vec<Row>, PageState) {
        match self {
            Listing::Contracts(page) => rows_of(page, Row::Contract),
            Listing::Warranties(page) => rows_of(page, Row::Warranty),
        }
    }
}

fn rows_of<Pg: Paged>(page: Pg, row: fn(Pg::Item) -> Row) -> (Vec<Row>, PageState) {
    let (items, pages) = page.into_parts();
    (items.into_iter().map(row).collect(), pages)
}

/// The rows of either list. The pager and the empty text follow the view the
/// answer is for.
fn results(shown: Shown<ContractListView, Listing>) -> AnyView {
    let shown = Shown {
        view: shown.answered.clone(),
        ..shown
    };
    let t = shown.t;
    let texts = PRODUCT_TEXTS.of(t);
    let (empty, heads) = match shown.view.tab {
        ContractTab::Contracts => (
            shown.empty_text(texts.contracts_none, texts.contracts_empty),
            contract_heads(t),
        ),
        ContractTab::Warranties => (
            shown.empty_text(texts.warranties_none, texts.warranties_empty),
            warranty_heads(t),
        ),
    };
    let card = |t, dates: &Dates, row: Row| row.card(t, dates.0);
    shown.cards_or_table(empty, "data-table", heads, card, |t, dates, row| {
        row.row(t, dates.0)
    })
}

const CONTRACTS_ANSWER: AnswerWords = [
    |t| PRODUCT_TEXTS.of(t).contracts_loading,
    |t| t.contracts_total_one,
    |t| t.contracts_total,
];

const WARRANTIES_ANSWER: AnswerWords = [
    |t| PRODUCT_TEXTS.of(t).warranties_loading,
    |t| PRODUCT_TEXTS.of(t).warranties_total_one,
    |t| t.warranties_total,
];

fn contract_heads(t: &'static Texts) -> AnyView {
    view! {
        <th scope="col">{PRODUCT_TEXTS.of(t).col_contract_number}</th>
        <th scope="col">{PRODUCT_TEXTS.of(t).col_ship_to}</th>
        <th scope="col">{PRODUCT_TEXTS.of(t).col_service_type}</th>
        <th scope="col">{t.col_status}</th>
        <th scope="col">{PRODUCT_TEXTS.of(t).col_end}</th>
        <th scope="col">{PRODUCT_TEXTS.of(t).col_expiry}</th>
        <th scope="col" class="numeric">{PRODUCT_TEXTS.of(t).col_covered_products}</th>
    }
    .into_any()
}

fn contract_row(t: &'static Texts, format: DateFormat, c: ContractSummary) -> impl IntoView {
    view! {
        <tr class="contract-row">
            <td class="ident"><A href=contract_path(c.id) attr:class="contract-link">{c.number}</A></td>
            <td>{c.ship_to.name}</td>
            <td>{c.service_type}</td>
            <td>{c.status}</td>
            <td class="date">{format_date(c.end_date, format)}</td>
            <td>{expiry_badge(t, c.expiry, c.days_left)}</td>
            <td class="numeric">{c.covered_products}</td>
        </tr>
    }
}

fn contract_card(t: &'static Texts, format: DateFormat, c: ContractSummary) -> impl IntoView {
    view! {
        <li class="card contract-card">
            <div class="card-head">
                <A href=contract_path(c.id) attr:class="contract-link">{c.number}</A>
                {expiry_badge(t, c.expiry, c.days_left)}
            </div>
            <dl class="facts">
                {fact(PRODUCT_TEXTS.of(t).col_ship_to, c.ship_to.name)}
                {fact(PRODUCT_TEXTS.of(t).col_service_type, c.service_type)}
                {fact(t.col_status, c.status)}
                {fact(PRODUCT_TEXTS.of(t).col_end, format_date(c.end_date, format))}
                {fact(PRODUCT_TEXTS.of(t).col_covered_products, c.covered_products)}
            </dl>
        </li>
    }
}

fn warranty_heads(t: &'static Texts) -> AnyView {
    view! {
        <th scope="col">{PRODUCT_TEXTS.of(t).col_product}</th>
        <th scope="col">{PRODUCT_TEXTS.of(t).col_description}</th>
        <th scope="col">{PRODUCT_TEXTS.of(t).col_start}</th>
        <th scope="col">{PRODUCT_TEXTS.of(t).col_end}</th>
        <th scope="col">{PRODUCT_TEXTS.of(t).col_expiry}</th>
    }
    .into_any()
}

/// The product a warranty is for: its name, linked.
fn warranty_product(w: &WarrantyDto) -> impl IntoView {
    let name = display_name(w.product.custom_name.as_deref(), &w.product.description).to_owned();
    view! { <A href=installed_product_path(w.product.id) attr:class="product-link">{name}</A> }
}

fn warranty_row(t: &'static Texts, format: DateFormat, w: WarrantyDto) -> impl IntoView {
    view! {
        <tr class="warranty-row">
            <td>
                {warranty_product(&w)}
                <span class="secondary ident">{w.product.number}</span>
            </td>
            <td>{prose(&w.description)}</td>
            <td class="date">{format_date(w.start_date, format)}</td>
            <td class="date">{format_date(w.end_date, format)}</td>
            <td>{expiry_badge(t, w.expiry, w.days_left)}</td>
        </tr>
    }
}

fn warranty_card(t: &'static Texts, format: DateFormat, w: WarrantyDto) -> impl IntoView {
    view! {
        <li class="card warranty-card">
            <div class="card-head">
                {warranty_product(&w)}
                {expiry_badge(t, w.expiry, w.days_left)}
            </div>
            <dl class="facts">
                {fact(PRODUCT_TEXTS.of(t).col_number, w.product.number)}
                {fact(PRODUCT_TEXTS.of(t).col_description, prose(&w.description))}
                {fact(PRODUCT_TEXTS.of(t).col_start, format_date(w.start_date, format))}
                {fact(PRODUCT_TEXTS.of(t).col_end, format_date(w.end_date, format))}
            </dl>
        </li>
    }
}
