//! `/contracts/{id}`: a contract header, its line items and the installed
//! products each covers.

use crate::components::badges::expiry_badge;
use crate::components::detail::{item_list, load_by_id, load_error, loading};
use crate::components::document::use_title;
use crate::i18n::product_texts::PRODUCT_TEXTS;
use crate::i18n::Texts;
use crate::pages::installed_product_page::period;
use crate::pages::installed_products_page::display_name;
use crate::routes::{account_path, installed_product_path, Page};
use crate::state::auth::{use_auth, use_texts};
use api_types::{ContractDetail, ContractLineDto, ProblemCode};
use domain::DateFormat;
use leptos::prelude::*;
use leptos_router::components::A;

#[component]
pub fn ContractPage() -> impl IntoView {
    let auth = use_auth();
    let t = use_texts();
    let (id, contract) = load_by_id(move |id| async move { auth.api().contract(&id).await });
    use_title(move |t| {
        contract.with(|c| match c {
            Some((_, Ok(c))) => format!(
                "{} {}",
                PRODUCT_TEXTS.of(t).contract_heading_prefix,
                c.summary.number
            ),
            Some((_, Err(_))) => PRODUCT_TEXTS.of(t).contract_not_found.to_owned(),
            None => PRODUCT_TEXTS.of(t).contract_loading.to_owned(),
        })
    });

    view! {
        <p class="back-link">
            <A href=Page::Contracts.path()>{move || PRODUCT_TEXTS.of(t.get()).back_to_contracts}</A>
        </p>
        {move || {
            let t = t.get();
            match contract.get() {
                Some((for_id, result)) if for_id == id.get() => match result {
                    Ok(contract) => contract_view(t, auth.date_format(), contract).into_any(),
                    Err(err) => load_error(t, &err, &[ProblemCode::NotFound], PRODUCT_TEXTS.of(t).contract_not_found),
                },
                _ => loading(PRODUCT_TEXTS.of(t).contract_loading),
            }
        }}
    }
}

fn contract_view(t: &'static Texts, format: DateFormat, c: ContractDetail) -> impl IntoView {
    let s = c.summary;
    let lines = item_list(c.lines, PRODUCT_TEXTS.of(t).no_lines, |line| {
        line_item(t, format, line)
    });
    view! {
        <div class="title-row">
            <h1 class="contract-title">{format!("{} {}", PRODUCT_TEXTS.of(t).contract_heading_prefix, s.number)}</h1>
            {expiry_badge(t, s.expiry, s.days_left)}
        </div>
        <section class="panel" aria-labelledby="contract-details-heading">
            <h2 id="contract-details-heading">{t.details_heading}</h2>
            <dl class="facts facts-wide">
                <div><dt>{PRODUCT_TEXTS.of(t).col_contract_number}</dt><dd>{s.number}</dd></div>
                <div>
                    <dt>{PRODUCT_TEXTS.of(t).col_ship_to}</dt>
                    <dd><A href=account_path(s.ship_to.id) attr:class="ship-to-link">{s.ship_to.name}</A></dd>
                </div>
                <div>
                    <dt>{PRODUCT_TEXTS.of(t).col_po_number}</dt>
                    <dd>{s.po_number.unwrap_or_else(|| t.not_recorded.to_owned())}</dd>
                </div>
                <div><dt>{PRODUCT_TEXTS.of(t).col_service_type}</dt><dd>{s.service_type}</dd></div>
                <div><dt>{t.col_status}</dt><dd>{s.status}</dd></div>
                <div><dt>{PRODUCT_TEXTS.of(t).col_period}</dt><dd>{period(s.start_date, s.end_date, format)}</dd></div>
                <div><dt>{PRODUCT_TEXTS.of(t).col_covered_products}</dt><dd>{s.covered_products}</dd></div>
            </dl>
        </section>
        <section class="panel" aria-labelledby="lines-heading">
            <h2 id="lines-heading">{PRODUCT_TEXTS.of(t).lines_heading}</h2>
            {lines}
        </section>
    }
}

fn line_item(t: &'static Texts, format: DateFormat, line: ContractLineDto) -> impl IntoView {
    let products = if line.covered_products.is_empty() {
        view! { <p class="muted">{PRODUCT_TEXTS.of(t).no_visible_covered_products}</p> }.into_any()
    } else {
        view! {
            <ul class="covered-products">
                {line
                    .covered_products
                    .into_iter()
                    .map(|p| {
                        let name = display_name(p.custom_name.as_deref(), &p.description).to_owned();
                        view! {
                            <li>
                                <A href=installed_product_path(p.id) attr:class="product-link">{name}</A>
                                " "
                                <span class="secondary product-number">{p.number}</span>
                            </li>
                        }
                    })
                    .collect_view()}
            </ul>
        }
        .into_any()
    };
    view! {
        <li class="item contract-line">
            <div class="item-head">
                <h3 class="item-title">{line.line_item_number} " · " {line.description}</h3>
                {expiry_badge(t, line.expiry, line.days_left)}
            </div>
            <dl class="facts">
                <div><dt>{PRODUCT_TEXTS.of(t).col_period}</dt><dd>{period(line.start_date, line.end_date, format)}</dd></div>
            </dl>
            <h4 class="covered-heading">{PRODUCT_TEXTS.of(t).covered_products_label}</h4>
            {products}
        </li>
    }
}
