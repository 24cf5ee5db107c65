//! `/`: what is up and what is not, contracts by expiry, the next planned
//! visits, and the caller's accounts.

use crate::api::accounts::Dashboard;
use crate::api::ApiError;
use crate::components::badges::state_badge;
use crate::components::viewport::use_narrow;
use crate::i18n::home_texts::{HomeTexts, HOME_TEXTS};
use crate::i18n::{
    account_kind, count_text, country_name, error_message, expiry_label, fill, modality_name,
    state_name, visibility_reason, Texts, EXPIRIES, STATES,
};
use crate::query::{wire_name, ContractListView, ListView, ProductListView};
use crate::routes::{account_path, Page};
use crate::state::auth::{use_auth, use_texts, Auth};
use api_types::{
    AccountListResponse, AccountResponse, ContractQuery, ExpiryCounts, ExpiryStatusDto,
    InstalledProductQuery, LocationStateCounts, ModalityDto, NextVisit, OperationalStateDto,
    StateCounts,
};
use domain::Language;
use leptos::prelude::*;
use leptos_router::components::A;

#[component]
pub fn HomePage() -> impl IntoView {
    let auth = use_auth();
    let t = use_texts();
    Page::Home.use_title();

    let narrow = use_narrow();
    let dashboard = LocalResource::new(move || auth.api().dashboard());
    let accounts = LocalResource::new(move || auth.api().accounts());
    let loading = move || accounts.with(Option::is_none);

    view! {
        <h1>{move || HOME_TEXTS.of(t.get()).home_title}</h1>
        <p class="welcome">{move || HOME_TEXTS.of(t.get()).welcome} ", " {move || auth.display_name()}</p>
        {move || auth.may(domain::Action::CreateCase).then(|| view! {
            <p class="page-actions">
                <A href=Page::NewCase.path() attr:class="create-case button-link">{t.get().create_case}</A>
            </p>
        })}
        // The calendar, documents, end of life and reports are not on the phone's
        // bottom bar: the home page leads there (plain links, which the
        // router follows; fewer kinds of view to build). Above the glance,
        // whose answer would otherwise push them down some 2,000 px on a
        // phone, under the finger that was about to tap them.
        <p class="calendar-link">
            <a href="/calendar">{move || HOME_TEXTS.of(t.get()).open_calendar}</a>
        </p>
        <p class="home-link">
            <a href="/documents" class="documents-link">{move || t.get().nav.documents}</a>
        </p>
        <p class="home-link">
            <a href="/end-of-life" class="end-of-life-link">{move || t.get().nav.end_of_life}</a>
        </p>
        <p class="home-link">
            <a href="/reports" class="reports-link">{move || t.get().nav.reports}</a>
        </p>
        {move || dashboard_view(t.get(), dashboard.get(), narrow)}
        <section class="accounts" aria-labelledby="accounts-heading" aria-busy=move || loading().to_string()>
            <h2 id="accounts-heading">{move || HOME_TEXTS.of(t.get()).accounts_heading}</h2>
            <p class="hint">{move || HOME_TEXTS.of(t.get()).accounts_hint}</p>
            <p class="hint">{move || HOME_TEXTS.of(t.get()).accounts_why}</p>
            {move || accounts_view(auth, t.get(), accounts.get())}
        </section>
    }
}

/// The glance sections as the dashboard's answer has them: loading, failed,
/// or the counts and the next visits (only these read `narrow`, so the rest
/// is not redrawn when it changes).
fn dashboard_view(
    t: &'static Texts,
    answer: Option<Result<Dashboard, ApiError>>,
    narrow: Signal<bool>,
) -> AnyView {
    match answer {
        None => view! {
            <section class="glance" aria-labelledby="glance-heading" aria-busy="true">
                <h2 id="glance-heading">{HOME_TEXTS.of(t).glance_heading}</h2>
                <p class="loading" role="status">
                    <span class="spinner" aria-hidden="true"></span>
                    {HOME_TEXTS.of(t).glance_loading}
                </p>
            </section>
        }
        .into_any(),
        Some(Err(err)) => view! {
            <section class="glance" aria-labelledby="glance-heading">
                <h2 id="glance-heading">{HOME_TEXTS.of(t).glance_heading}</h2>
                <p class="page-error" role="alert">{error_message(t, &err)}</p>
            </section>
        }
        .into_any(),
        Some(Ok(mut dashboard)) => {
            // The next visits come with the dashboard, in the
            // reader's words: no calendar code on the home page.
            let visits = std::mem::take(&mut dashboard.next_visits);
            view! {
                {glance(t, dashboard, narrow.get())}
                {next_visits(HOME_TEXTS.of(t), visits)}
            }
            .into_any()
        }
    }
}

/// The caller's accounts as the answer has them: loading, failed, none, or
/// the list.
fn accounts_view(
    auth: Auth,
    t: &'static Texts,
    answer: Option<Result<AccountListResponse, ApiError>>,
) -> AnyView {
    match answer {
        None => view! {
            <p class="loading" role="status">
                <span class="spinner" aria-hidden="true"></span>
                {t.accounts_loading}
            </p>
        }
        .into_any(),
        Some(Err(err)) => {
            view! { <p class="page-error" role="alert">{error_message(t, &err)}</p> }.into_any()
        }
        Some(Ok(list)) if list.items.is_empty() => {
            view! { <p class="empty-state">{HOME_TEXTS.of(t).accounts_empty}</p> }.into_any()
        }
        Some(Ok(list)) => {
            let lang = auth.language();
            view! {
                <ul class="account-list">
                    {list
                        .items
                        .into_iter()
                        .map(|account| account_item(account, lang))
                        .collect_view()}
                </ul>
            }
            .into_any()
        }
    }
}

/// The first visits of the next 60 days: when (the server's words, in the
/// reader's zone and formats) and what as the link, then the product and
/// the server's word when it is not settled. Few elements: each kind of
/// view costs the home page's download (its budget is nearly spent).
fn next_visits(h: &'static HomeTexts, visits: Vec<NextVisit>) -> impl IntoView {
    let empty = visits.is_empty().then_some(h.next_visits_empty);
    let rows = visits
        .into_iter()
        .map(|v| {
            let link = format!("{} · {}", v.when, v.title);
            let rest = match v.note {
                Some(note) => format!(" {} ({note})", v.product_name),
                None => format!(" {}", v.product_name),
            };
            view! {
                <li>
                    <a href=format!("/calendar/{}", v.id)>{link}</a>
                    " "
                    <span class="ident">{v.product_number}</span>
                    {rest}
                </li>
            }
        })
        .collect_view();
    view! {
        <section class="next-visits" aria-labelledby="next-visits-heading">
            <h2 id="next-visits-heading">{h.next_visits_heading}</h2>
            <ul class="visit-list">{rows}</ul>
            {empty}
        </section>
    }
}

/// The two overview sections: installed products by state, contracts by
/// expiry. `narrow`: the counts per location as cards rather than a table.
fn glance(t: &'static Texts, d: Dashboard, narrow: bool) -> impl IntoView {
    let products = total_products(&d.installed_products);
    let contracts = total_contracts(&d.contracts_by_expiry);
    if products == 0 && contracts == 0 {
        return view! {
            <section class="glance" aria-labelledby="glance-heading">
                <h2 id="glance-heading">{HOME_TEXTS.of(t).glance_heading}</h2>
                <p class="empty-state">{HOME_TEXTS.of(t).glance_empty}</p>
            </section>
        }
        .into_any();
    }
    let overall = STATES
        .into_iter()
        .map(|state| {
            let count = state_count(&d.installed_products, state);
            view! { <li>{state_tile(t, state, count, None)}</li> }
        })
        .collect_view();
    let by_modality = (!d.by_modality.is_empty()).then(|| {
        let cards = d
            .by_modality
            .into_iter()
            .map(|m| {
                let tiles = STATES
                    .into_iter()
                    .map(|state| {
                        let count = state_count(&m.counts, state);
                        view! { <li>{state_tile(t, state, count, Some(m.modality))}</li> }
                    })
                    .collect_view();
                view! {
                    <li class="modality-card">
                        <h4>{modality_name(t, m.modality)}</h4>
                        <ul class="tiles tiles-compact">{tiles}</ul>
                    </li>
                }
            })
            .collect_view();
        view! {
            <h3>{HOME_TEXTS.of(t).by_modality_heading}</h3>
            <ul class="modality-grid">{cards}</ul>
        }
    });
    let by_location = (!d.by_location.is_empty()).then(|| {
        view! {
            <h3>{HOME_TEXTS.of(t).by_location_heading}</h3>
            {by_location(t, d.by_location, narrow)}
        }
    });
    let expiry_tiles = EXPIRIES
        .into_iter()
        .map(|expiry| {
            let count = d.contracts_by_expiry.of(expiry);
            view! { <li>{expiry_tile(t, expiry, count)}</li> }
        })
        .collect_view();
    view! {
        <section class="glance" aria-labelledby="glance-heading">
            <h2 id="glance-heading">{HOME_TEXTS.of(t).glance_heading}</h2>
            <ul class="tiles">{overall}</ul>
            {see_all(Page::InstalledProducts, t.all_products_link, products)}
            {by_modality}
            {by_location}
        </section>
        <section class="glance" aria-labelledby="contracts-glance-heading">
            <h2 id="contracts-glance-heading">{HOME_TEXTS.of(t).contracts_glance_heading}</h2>
            <ul class="tiles">{expiry_tiles}</ul>
            {see_all(Page::Contracts, t.all_contracts_link, contracts)}
        </section>
    }
    .into_any()
}

/// The link under a glance to the whole list (`page`): `text` with its
/// count `n`.
fn see_all(page: Page, text: &'static str, n: u64) -> impl IntoView {
    let text = fill(text, &[("n", &n.to_string())]);
    view! {
        <p class="see-all">
            <A href=page.path()>{text}</A>
        </p>
    }
}

/// The installed products of each location by state: a table, or on a
/// phone a card a location.
fn by_location(t: &'static Texts, locations: Vec<LocationStateCounts>, narrow: bool) -> AnyView {
    if narrow {
        let cards = locations
            .into_iter()
            .map(|l| {
                let facts = STATES
                    .into_iter()
                    .map(|state| {
                        let count = location_count(t, &l, state);
                        view! {
                            <div>
                                <dt>{state_badge(t, state)}</dt>
                                <dd>{count}</dd>
                            </div>
                        }
                    })
                    .collect_view();
                view! {
                    <li class="card location-card">
                        <h4 class="item-title">{l.location.name.clone()}</h4>
                        <dl class="facts">{facts}</dl>
                    </li>
                }
            })
            .collect_view();
        return view! { <ul class="cards location-cards">{cards}</ul> }.into_any();
    }
    let heads = STATES
        .into_iter()
        .map(|state| view! { <th scope="col">{state_badge(t, state)}</th> })
        .collect_view();
    let rows = locations
        .into_iter()
        .map(|l| {
            let cells = STATES
                .into_iter()
                .map(|state| view! { <td>{location_count(t, &l, state)}</td> })
                .collect_view();
            view! {
                <tr>
                    <th scope="row">{l.location.name.clone()}</th>
                    {cells}
                </tr>
            }
        })
        .collect_view();
    view! {
        <div class="table-scroll">
            <table class="state-table">
                <thead>
                    <tr>
                        <th scope="col">{t.col_location}</th>
                        {heads}
                    </tr>
                </thead>
                <tbody>{rows}</tbody>
            </table>
        </div>
    }
    .into_any()
}

/// How many installed products of a location are in `state`: a link to them,
/// or a plain 0.
fn location_count(
    t: &'static Texts,
    l: &LocationStateCounts,
    state: OperationalStateDto,
) -> AnyView {
    let count = state_count(&l.counts, state);
    if count == 0 {
        return view! { <span class="count-zero">"0"</span> }.into_any();
    }
    let mut view = ProductListView::default();
    view.query.location_account = Some(l.location.id);
    view.query.operational_state = Some(state);
    let label = format!("{}: {count} {}", l.location.name, state_name(t, state));
    view! { <A href=view.href() attr:aria-label=label>{count}</A> }.into_any()
}

/// A link to the installed products in `state` (of one modality, if given).
fn state_tile(
    t: &'static Texts,
    state: OperationalStateDto,
    count: u64,
    modality: Option<ModalityDto>,
) -> impl IntoView {
    let view = ProductListView {
        query: InstalledProductQuery {
            modality,
            operational_state: Some(state),
            ..InstalledProductQuery::default()
        },
        ..ProductListView::default()
    };
    let class = tile_class(&wire_name(&state), count);
    view! {
        <A href=view.href() attr:class=class>
            {modality.map(|m| view! { <span class="visually-hidden">{modality_name(t, m)} ": "</span> })}
            <span class="tile-count">{count}</span>
            <span class="tile-label">{state_name(t, state)}</span>
        </A>
    }
}

/// A link to the contracts with this expiration status.
fn expiry_tile(t: &'static Texts, expiry: ExpiryStatusDto, count: u64) -> impl IntoView {
    let view = ContractListView {
        query: ContractQuery {
            expiry: Some(expiry),
            ..ContractQuery::default()
        },
        ..ContractListView::default()
    };
    let class = tile_class(&wire_name(&expiry), count);
    let label = count_text(t.contracts_total_one, t.contracts_total, count);
    view! {
        <A href=view.href() attr:class=class>
            <span class="tile-count" aria-hidden="true">{count}</span>
            <span class="visually-hidden">{label} ": "</span>
            <span class="tile-label">{expiry_label(t, expiry)}</span>
        </A>
    }
}

/// `tile tile-down`, and `tile-zero` when there is nothing to see.
fn tile_class(status: &str, count: u64) -> String {
    let zero = if count == 0 { " tile-zero" } else { "" };
    format!("tile tile-{status}{zero}")
}

fn state_count(counts: &StateCounts, state: OperationalStateDto) -> u64 {
    match state {
        OperationalStateDto::Up => counts.up,
        OperationalStateDto::Restricted => counts.restricted,
        OperationalStateDto::Down => counts.down,
        OperationalStateDto::Critical => counts.critical,
    }
}

fn total_products(counts: &StateCounts) -> u64 {
    counts.up + counts.restricted + counts.down + counts.critical
}

fn total_contracts(counts: &ExpiryCounts) -> u64 {
    counts.green + counts.yellow + counts.red + counts.expired
}

fn account_item(account: AccountResponse, lang: Language) -> impl IntoView {
    let t = crate::i18n::texts(lang);
    let place = place_line(
        account.city.as_deref(),
        &country_name(lang, &account.country),
    );
    let reasons = account
        .visible_because
        .iter()
        .map(|reason| visibility_reason(t, *reason))
        .collect::<Vec<_>>()
        .join("; ");
    view! {
        <li class="account">
            <A href=account_path(account.id) attr:class="account-name">{account.name}</A>
            <span class="account-kind">{account_kind(t, account.kind)}</span>
            <span class="account-place">{place}</span>
            {(!reasons.is_empty()).then(|| view! {
                <span class="account-reasons">
                    <span class="visually-hidden">{HOME_TEXTS.of(t).visible_because_label} " "</span>
                    {reasons}
                </span>
            })}
        </li>
    }
}

/// "Nijmegen, Netherlands", or just the country when the city is unknown.
fn place_line(city: Option<&str>, country: &str) -> String {
    match city.map(str::trim).filter(|c| !c.is_empty()) {
        Some(city) => format!("{city}, {country}"),
        None => country.to_owned(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn place_shows_city_and_country_or_only_the_country() {
        assert_eq!(
            place_line(Some("Nijmegen"), "Netherlands"),
            "Nijmegen, Netherlands"
        );
        assert_eq!(place_line(None, "Denmark"), "Denmark");
        assert_eq!(place_line(Some("  "), "Denmark"), "Denmark");
    }

    #[test]
    fn counts_add_up_and_pick_the_right_field() {
        let counts = StateCounts {
            up: 10,
            restricted: 2,
            down: 1,
            critical: 3,
        };
        assert_eq!(total_products(&counts), 16);
        assert_eq!(state_count(&counts, OperationalStateDto::Critical), 3);
        let expiry = ExpiryCounts {
            green: 4,
            yellow: 3,
            red: 2,
            expired: 1,
        };
        assert_eq!(total_contracts(&expiry), 10);
        assert_eq!(expiry.of(ExpiryStatusDto::Red), 2);
    }

    #[test]
    fn tiles_carry_their_status_and_mark_zero() {
        assert_eq!(tile_class("down", 2), "tile tile-down");
        assert_eq!(tile_class("red", 0), "tile tile-red tile-zero");
    }
}
