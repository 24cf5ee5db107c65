//! `/contracts`: contracts, or (`?tab=warranties`) warranties, filtered by
//! expiration status and words, paged, all kept in the URL.

use crate::components::badges::expiry_badge;
use crate::components::list::{choice_options, prose, use_list_page, Paged, Shown};
use crate::components::pager::PageState;
use crate::format::format_date;
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
        view.query.expiry = expiry_select
            .get_untracked()
            .and_then(|el| from_wire(&el.value()));
        view.query.q = q_input
            .get_untracked()
            .map(|el| el.value().trim().to_owned())
            .filter(|s| !s.is_empty());
        view
    };
    let tab = move || current.with(|v| v.tab);
    let loading = move |t: &'static Texts| match tab() {
        ContractTab::Contracts => PRODUCT_TEXTS.of(t).contracts_loading,
        ContractTab::Warranties => PRODUCT_TEXTS.of(t).warranties_loading,
    };
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
    let fields = view! {
        <div class="filter">
            <label for="filter-expiry">{move || PRODUCT_TEXTS.of(t.get()).filter_expiry}</label>
            <select id="filter-expiry" name="expiry" node_ref=expiry_select on:change=list.on_change(read)>
                {choice_options(current, expiry_value, expiry_options(t))}
            </select>
        </div>
        <div class="filter filter-search">
            <label for="filter-contract-q">{move || t.get().filter_q}</label>
            <input
                id="filter-contract-q"
                name="q"
                type="search"
                node_ref=q_input
                aria-describedby="filter-contract-q-help"
                prop:value=move || current.with(|v| v.query.q.clone().unwrap_or_default())
            />
            <p id="filter-contract-q-help" class="field-help">
                {move || match tab() {
                    ContractTab::Contracts => PRODUCT_TEXTS.of(t.get()).contract_q_help,
                    ContractTab::Warranties => PRODUCT_TEXTS.of(t.get()).warranty_q_help,
                }}
            </p>
        </div>
    };

    view! {
        <h1>{move || PRODUCT_TEXTS.of(t.get()).contracts_title}</h1>
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
        {list.answer_view(
            loading,
            move |t| match tab() {
                ContractTab::Contracts => (t.contracts_total_one, t.contracts_total),
                ContractTab::Warranties => {
                    (PRODUCT_TEXTS.of(t).warranties_total_one, t.warranties_total)
                }
            },
            results,
        )}
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
fn results(shown: Shown<ContractListView>, listing: Listing) -> AnyView {
    let shown = Shown {
        view: shown.answered.clone(),
        ..shown
    };
    let (t, format) = (shown.t, shown.dates.0);
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
    let card = |row: Row| row.card(t, format);
    shown.cards_or_table(listing, empty, "data-table", heads, card, |row| {
        row.row(t, format)
    })
}

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
                <div><dt>{PRODUCT_TEXTS.of(t).col_ship_to}</dt><dd>{c.ship_to.name}</dd></div>
                <div><dt>{PRODUCT_TEXTS.of(t).col_service_type}</dt><dd>{c.service_type}</dd></div>
                <div><dt>{t.col_status}</dt><dd>{c.status}</dd></div>
                <div><dt>{PRODUCT_TEXTS.of(t).col_end}</dt><dd>{format_date(c.end_date, format)}</dd></div>
                <div><dt>{PRODUCT_TEXTS.of(t).col_covered_products}</dt><dd>{c.covered_products}</dd></div>
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
                <div><dt>{PRODUCT_TEXTS.of(t).col_number}</dt><dd>{w.product.number}</dd></div>
                <div><dt>{PRODUCT_TEXTS.of(t).col_description}</dt><dd>{prose(&w.description)}</dd></div>
                <div><dt>{PRODUCT_TEXTS.of(t).col_start}</dt><dd>{format_date(w.start_date, format)}</dd></div>
                <div><dt>{PRODUCT_TEXTS.of(t).col_end}</dt><dd>{format_date(w.end_date, format)}</dd></div>
            </dl>
        </li>
    }
}
