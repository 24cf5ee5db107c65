//! `/contracts`: contracts, or (`?tab=warranties`) warranties, filtered by
//! expiration status and words, paged, all kept in the URL.

use crate::api::client;
use crate::components::badges::expiry_badge;
use crate::components::document::set_title;
use crate::components::list;
use crate::components::list::{
    card_list, data_table, list_body, load_view, results_view, summary_text, FilterActions,
};
use crate::components::pager::PageState;
use crate::components::viewport::use_narrow;
use crate::format::format_date;
use crate::i18n::product_texts::PRODUCT_TEXTS;
use crate::i18n::{count_text, expiry_label, TextFn, Texts, EXPIRIES};
use crate::pages::installed_products_page::display_name;
use crate::query::{from_wire, wire_name, ContractListView, ContractTab};
use crate::routes::{contract_path, installed_product_path};
use crate::state::auth::{use_auth, use_texts};
use api_types::{ContractPage, ContractSummary, WarrantyDto, WarrantyPage};
use domain::DateFormat;
use leptos::html;
use leptos::prelude::*;
use leptos_router::components::A;
use leptos_router::hooks::{use_navigate, use_query_map};
use leptos_router::NavigateOptions;

/// Either list's page.
#[derive(Debug, Clone, PartialEq)]
enum Listing {
    Contracts(ContractPage),
    Warranties(WarrantyPage),
}

/// The answer, with the view it answers (to tell a stale one).
type Loaded = list::Loaded<ContractListView, Listing>;

#[component]
pub fn ContractsPage() -> impl IntoView {
    let auth = use_auth();
    let t = use_texts();
    let narrow = use_narrow();
    Effect::new(move |_| {
        set_title(
            PRODUCT_TEXTS.of(t.get()).contracts_title,
            t.get().product_name,
        )
    });

    let query_map = use_query_map();
    let current =
        Memo::new(move |_| query_map.with(|m| ContractListView::from_query(|k| m.get(k))));
    let listing: LocalResource<Loaded> = LocalResource::new(move || {
        let view = current.get();
        async move {
            let result = auth
                .call(|token| {
                    let view = view.clone();
                    async move {
                        match view.tab {
                            ContractTab::Contracts => client::contracts(&token, &view.query)
                                .await
                                .map(Listing::Contracts),
                            ContractTab::Warranties => client::warranties(&token, &view.query)
                                .await
                                .map(Listing::Warranties),
                        }
                    }
                })
                .await;
            (view, result)
        }
    });

    let navigate = use_navigate();
    let expiry_select = NodeRef::<html::Select>::new();
    let q_input = NodeRef::<html::Input>::new();
    let apply = move || {
        let mut view = current.get_untracked().with_page(1);
        view.query.expiry = expiry_select
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
    let tab = move || current.with(|v| v.tab);
    let loading = move |t: &'static Texts| match tab() {
        ContractTab::Contracts => PRODUCT_TEXTS.of(t).contracts_loading,
        ContractTab::Warranties => PRODUCT_TEXTS.of(t).warranties_loading,
    };
    let summary = move || {
        let t = t.get();
        listing.with(|loaded| {
            summary_text(
                t,
                loading(t),
                loaded.as_ref(),
                |view| current.with(|v| v != view),
                |listing| match listing {
                    Listing::Contracts(page) => {
                        count_text(t.contracts_total_one, t.contracts_total, page.total)
                    }
                    Listing::Warranties(page) => count_text(
                        PRODUCT_TEXTS.of(t).warranties_total_one,
                        t.warranties_total,
                        page.total,
                    ),
                },
            )
        })
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

    view! {
        <h1>{move || PRODUCT_TEXTS.of(t.get()).contracts_title}</h1>
        <nav class="tabs" aria-label=move || PRODUCT_TEXTS.of(t.get()).contract_tabs_label>
            {tab_link(ContractTab::Contracts, |t| PRODUCT_TEXTS.of(t).tab_contracts)}
            {tab_link(ContractTab::Warranties, |t| PRODUCT_TEXTS.of(t).tab_warranties)}
        </nav>
        <form
            class="contract-filters filters"
            role="search"
            aria-label=move || PRODUCT_TEXTS.of(t.get()).contract_filters_label
            on:submit=on_submit
        >
            <div class="filter">
                <label for="filter-expiry">{move || PRODUCT_TEXTS.of(t.get()).filter_expiry}</label>
                <select id="filter-expiry" name="expiry" node_ref=expiry_select on:change=on_change>
                    <option value="" prop:selected=move || current.with(|v| v.query.expiry.is_none())>
                        {move || PRODUCT_TEXTS.of(t.get()).any_expiry}
                    </option>
                    {EXPIRIES
                        .into_iter()
                        .map(|e| {
                            view! {
                                <option value=wire_name(&e) prop:selected=move || current.with(|v| v.query.expiry == Some(e))>
                                    {move || expiry_label(t.get(), e)}
                                </option>
                            }
                        })
                        .collect_view()}
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
            <FilterActions
                apply=Signal::derive(move || match tab() {
                    ContractTab::Contracts => PRODUCT_TEXTS.of(t.get()).apply_contract_filters,
                    ContractTab::Warranties => PRODUCT_TEXTS.of(t.get()).apply_warranty_filters,
                })
                clear_href=Signal::derive(move || {
                    current.with(|v| {
                        (v.query.expiry.is_some() || v.query.q.is_some())
                            .then(|| ContractListView::default().on_tab(v.tab).href())
                    })
                })
            />
        </form>
        <p class="result-summary" role="status">{summary}</p>
        {move || {
            let t = t.get();
            let format = auth.date_format();
            load_view(t, loading(t), listing.get(), |loaded, listing| {
                let view = current.get();
                let stale = view != loaded;
                let filtered = loaded.query.expiry.is_some() || loaded.query.q.is_some();
                let narrow = narrow.get();
                let (body, pages) = match listing {
                    Listing::Contracts(page) => {
                        let pages = PageState { page: page.page, page_size: page.page_size, total: page.total };
                        let empty = if filtered { PRODUCT_TEXTS.of(t).contracts_empty } else { PRODUCT_TEXTS.of(t).contracts_none };
                        let cards = |items| contract_cards(t, format, items);
                        let table = |items| contract_table(t, format, items);
                        (list_body(page.items, empty, narrow, cards, table), pages)
                    }
                    Listing::Warranties(page) => {
                        let pages = PageState { page: page.page, page_size: page.page_size, total: page.total };
                        let empty = if filtered { PRODUCT_TEXTS.of(t).warranties_empty } else { PRODUCT_TEXTS.of(t).warranties_none };
                        let cards = |items| warranty_cards(t, format, items);
                        let table = |items| warranty_table(t, format, items);
                        (list_body(page.items, empty, narrow, cards, table), pages)
                    }
                };
                results_view(t, stale, body, pages, &|n| loaded.with_page(n).href())
            })
        }}
    }
}

fn contract_table(t: &'static Texts, format: DateFormat, items: Vec<ContractSummary>) -> AnyView {
    let rows = items
        .into_iter()
        .map(|c| {
            view! {
                <tr class="contract-row">
                    <td><A href=contract_path(c.id) attr:class="contract-link">{c.number}</A></td>
                    <td>{c.ship_to.name}</td>
                    <td>{c.service_type}</td>
                    <td>{c.status}</td>
                    <td>{format_date(c.end_date, format)}</td>
                    <td>{expiry_badge(t, c.expiry, c.days_left)}</td>
                    <td class="numeric">{c.covered_products}</td>
                </tr>
            }
        })
        .collect_view();
    let heads = view! {
        <th scope="col">{PRODUCT_TEXTS.of(t).col_contract_number}</th>
        <th scope="col">{PRODUCT_TEXTS.of(t).col_ship_to}</th>
        <th scope="col">{PRODUCT_TEXTS.of(t).col_service_type}</th>
        <th scope="col">{t.col_status}</th>
        <th scope="col">{PRODUCT_TEXTS.of(t).col_end}</th>
        <th scope="col">{PRODUCT_TEXTS.of(t).col_expiry}</th>
        <th scope="col" class="numeric">{PRODUCT_TEXTS.of(t).col_covered_products}</th>
    };
    data_table("data-table", heads.into_any(), rows.into_any())
}

fn contract_cards(t: &'static Texts, format: DateFormat, items: Vec<ContractSummary>) -> AnyView {
    let cards = items
        .into_iter()
        .map(|c| {
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
        })
        .collect_view();
    card_list(cards.into_any())
}

fn warranty_table(t: &'static Texts, format: DateFormat, items: Vec<WarrantyDto>) -> AnyView {
    let rows = items
        .into_iter()
        .map(|w| {
            let name = display_name(w.product.custom_name.as_deref(), &w.product.description).to_owned();
            view! {
                <tr class="warranty-row">
                    <td>
                        <A href=installed_product_path(w.product.id) attr:class="product-link">{name}</A>
                        <span class="secondary">{w.product.number}</span>
                    </td>
                    <td>{w.description}</td>
                    <td>{format_date(w.start_date, format)}</td>
                    <td>{format_date(w.end_date, format)}</td>
                    <td>{expiry_badge(t, w.expiry, w.days_left)}</td>
                </tr>
            }
        })
        .collect_view();
    let heads = view! {
        <th scope="col">{PRODUCT_TEXTS.of(t).col_product}</th>
        <th scope="col">{PRODUCT_TEXTS.of(t).col_description}</th>
        <th scope="col">{PRODUCT_TEXTS.of(t).col_start}</th>
        <th scope="col">{PRODUCT_TEXTS.of(t).col_end}</th>
        <th scope="col">{PRODUCT_TEXTS.of(t).col_expiry}</th>
    };
    data_table("data-table", heads.into_any(), rows.into_any())
}

fn warranty_cards(t: &'static Texts, format: DateFormat, items: Vec<WarrantyDto>) -> AnyView {
    let cards = items
        .into_iter()
        .map(|w| {
            let name = display_name(w.product.custom_name.as_deref(), &w.product.description).to_owned();
            view! {
                <li class="card warranty-card">
                    <div class="card-head">
                        <A href=installed_product_path(w.product.id) attr:class="product-link">{name}</A>
                        {expiry_badge(t, w.expiry, w.days_left)}
                    </div>
                    <dl class="facts">
                        <div><dt>{PRODUCT_TEXTS.of(t).col_number}</dt><dd>{w.product.number}</dd></div>
                        <div><dt>{PRODUCT_TEXTS.of(t).col_description}</dt><dd>{w.description}</dd></div>
                        <div><dt>{PRODUCT_TEXTS.of(t).col_start}</dt><dd>{format_date(w.start_date, format)}</dd></div>
                        <div><dt>{PRODUCT_TEXTS.of(t).col_end}</dt><dd>{format_date(w.end_date, format)}</dd></div>
                    </dl>
                </li>
            }
        })
        .collect_view();
    card_list(cards.into_any())
}
