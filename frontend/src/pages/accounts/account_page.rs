//! `/accounts/{id}`: one account (everyone who sees it; others get "not
//! found"): its name, type, place and parent, and the first few of its
//! installed products, open cases, contracts and (Managers and Admins)
//! users with access, each with a link to its whole list, filtered to the
//! account. Portal support gets the way to its forms.

use super::{administers, id_of, is_parent_account, name_of, use_account, with_account};
use crate::api::{Api, ApiError};
use crate::components::badges::{case_status_badge, expiry_badge, state_badge};
use crate::components::detail::{loading, page_error};
use crate::components::list::{prose, Paged};
use crate::i18n::account_texts::ACCOUNT_TEXTS;
use crate::i18n::{
    account_kind, count_text, country_label, error_message, role_name, TextFn, Texts,
};
use crate::pages::installed_products_page::display_name;
use crate::query::{CaseListView, ContractListView, ListView, ProductListView, UserListView};
use crate::routes::{
    account_path, case_path, contract_path, edit_account_path, installed_product_path,
    move_account_path, new_account_path, user_path, Page,
};
use crate::state::auth::{use_auth, use_texts, Auth};
use api_types::{
    AccountListResponse, AccountResponse, CaseSummary, ContractSummary, InstalledProductSummary,
    UserSummary,
};
use leptos::prelude::*;
use leptos_router::components::A;
use std::future::Future;

/// How many of each list the page shows: the whole list is a link away.
const SHORT: u32 = 5;

#[component]
pub fn AccountPage() -> impl IntoView {
    let (auth, t) = (use_auth(), use_texts());
    let account = use_account(|_, a| a.name.clone());
    // Names the parent and the accounts below, as far as the caller sees them.
    let accounts = LocalResource::new(move || auth.api().accounts());
    view! {
        {move || administers(auth).then(|| view! {
            <p class="back-link">
                <A href=Page::Accounts.path()>{ACCOUNT_TEXTS.of(t.get()).back_to_accounts}</A>
            </p>
        })}
        {move || {
            let t = t.get();
            with_account(t, account, |a| account_view(t, auth, a, accounts))
        }}
    }
}

type Accounts = LocalResource<Result<AccountListResponse, ApiError>>;

fn account_view(t: &'static Texts, auth: Auth, a: AccountResponse, accounts: Accounts) -> AnyView {
    let texts = ACCOUNT_TEXTS.of(t);
    let api = auth.api();
    let id = a.id;
    let admin_links = administers(auth).then(|| {
        let move_link = (!is_parent_account(&a)).then(|| {
            view! { <A href=move_account_path(id) attr:class="move-account">{texts.move_account}</A> }
        });
        view! {
            <p class="product-case-links account-admin-links">
                <A href=edit_account_path(id) attr:class="edit-account">{texts.edit_account}</A>
                <A href=new_account_path(Some(id)) attr:class="add-child">{texts.add_child_account}</A>
                {move_link}
            </p>
        }
    });
    // The whole lists, filtered to the account.
    let mut products = ProductListView::default();
    products.query.location_account = Some(id);
    let mut cases = CaseListView::default();
    (cases.query.account, cases.query.open) = (Some(id), Some(true));
    let mut contracts = ContractListView::default();
    contracts.query.account = Some(id);
    let mut users = UserListView::default();
    users.query.account = Some(id);
    // An account of another customer (seen through a product or contract)
    // shows its name, type and country only, and has no users of ours.
    let whole = a.parent_account_id.is_some();
    let users = (whole && auth.may(domain::Action::ManageUsers))
        .then(|| short_list(t, api, &USERS, users, Api::users, user_item));
    let products = short_list(
        t,
        api,
        &PRODUCTS,
        products,
        Api::installed_products,
        product_item,
    );
    let cases = short_list(t, api, &CASES, cases, Api::cases, case_item);
    let held = |api: Api, v: ContractListView| api.contracts(v.query);
    let contracts = short_list(t, api, &CONTRACTS, contracts, held, contract_item);
    let name = a.name.clone();
    view! {
        <div class="title-row">
            <h1 class="account-title">{name}</h1>
        </div>
        {admin_links}
        {details(t, a, accounts)}
        {products}
        {cases}
        {contracts}
        {users}
    }
    .into_any()
}

/// The account's facts: type, place, what the portal knows of it, where it
/// sits in its customer's tree.
fn details(t: &'static Texts, a: AccountResponse, accounts: Accounts) -> impl IntoView {
    let texts = ACCOUNT_TEXTS.of(t);
    let id = id_of(&a);
    let text = |label: &'static str, value: Option<String>| {
        value
            .filter(|v| !v.trim().is_empty())
            .map(|v| view! { <div><dt>{label}</dt><dd>{v}</dd></div> })
    };
    let foreign = a.parent_account_id.is_none().then(|| {
        view! { <p class="hint">{texts.other_customer_note}</p> }
    });
    let source = a.source_id.clone().map(|s| {
        view! { <div><dt>{texts.source_id_label}</dt><dd class="ident source-id">{s}</dd></div> }
    });
    let parent = a.parent_id;
    // Known once the caller's accounts are in: those they cannot see stay unnamed.
    let tree = move || {
        let all = accounts.get()?.ok()?.items;
        let parent = parent.and_then(|p| {
            let p = domain::AccountId::from_uuid(p);
            let name = name_of(&all, p)?;
            Some(view! {
                <div>
                    <dt>{texts.parent_label}</dt>
                    <dd><A href=account_path(p) attr:class="parent-link">{name}</A></dd>
                </div>
            })
        });
        let mut below: Vec<AccountResponse> = all
            .into_iter()
            .filter(|b| {
                b.parent_id
                    .is_some_and(|p| domain::AccountId::from_uuid(p) == id)
            })
            .collect();
        below.sort_by_key(|b| b.name.to_lowercase());
        let below = (!below.is_empty()).then(|| {
            let links = below
                .into_iter()
                .map(|b| view! { <li><A href=account_path(b.id) attr:class="child-link">{b.name}</A></li> })
                .collect_view();
            view! {
                <div>
                    <dt>{texts.below_label}</dt>
                    <dd><ul class="child-accounts">{links}</ul></dd>
                </div>
            }
        });
        Some(view! { {parent} {below} })
    };
    view! {
        <section class="panel" aria-labelledby="account-details-heading">
            <h2 id="account-details-heading">{t.details_heading}</h2>
            {foreign}
            <dl class="facts facts-wide">
                <div><dt>{texts.type_label}</dt><dd class="account-kind">{account_kind(t, a.kind)}</dd></div>
                {text(texts.city_label, a.city)}
                <div><dt>{t.countries.label}</dt><dd>{country_label(t, &a.country)}</dd></div>
                {text(texts.address_label, a.address)}
                {text(texts.market_label, a.market)}
                {source}
                {tree}
            </dl>
        </section>
    }
}

/// A section's words: its heading, the sentence when the account has
/// none, the total (one, and many with `{n}`), the link to the whole list.
struct Words {
    /// Names the section's class and heading.
    id: &'static str,
    heading: TextFn,
    none: TextFn,
    count: [TextFn; 2],
    all: TextFn,
}

const PRODUCTS: Words = Words {
    id: "products",
    heading: |t| ACCOUNT_TEXTS.of(t).products_heading,
    none: |t| ACCOUNT_TEXTS.of(t).products_none,
    count: [|t| t.products_total_one, |t| t.products_total],
    all: |t| ACCOUNT_TEXTS.of(t).products_all,
};

const CASES: Words = Words {
    id: "cases",
    heading: |t| ACCOUNT_TEXTS.of(t).cases_heading,
    none: |t| ACCOUNT_TEXTS.of(t).cases_none,
    count: [
        |t| ACCOUNT_TEXTS.of(t).open_cases_one,
        |t| ACCOUNT_TEXTS.of(t).open_cases,
    ],
    all: |t| ACCOUNT_TEXTS.of(t).cases_all,
};

const CONTRACTS: Words = Words {
    id: "contracts",
    heading: |t| ACCOUNT_TEXTS.of(t).contracts_heading,
    none: |t| ACCOUNT_TEXTS.of(t).contracts_none,
    count: [|t| t.contracts_total_one, |t| t.contracts_total],
    all: |t| ACCOUNT_TEXTS.of(t).contracts_all,
};

const USERS: Words = Words {
    id: "users",
    heading: |t| ACCOUNT_TEXTS.of(t).users_heading,
    none: |t| ACCOUNT_TEXTS.of(t).users_none,
    count: [|t| ACCOUNT_TEXTS.of(t).users_one, |t| t.users_total],
    all: |t| ACCOUNT_TEXTS.of(t).users_all,
};

/// A section with the first few rows of the list `all` (`fetch(api,
/// query)` asks for them), an `item` a row, the total, and the link to the
/// whole list.
fn short_list<V, P, Fut>(
    t: &'static Texts,
    api: Api,
    words: &'static Words,
    all: V,
    fetch: impl Fn(Api, V::Query) -> Fut + 'static,
    item: fn(&'static Texts, P::Item) -> AnyView,
) -> impl IntoView
where
    V: ListView,
    P: Paged + Clone + 'static,
    Fut: Future<Output = Result<P, ApiError>> + 'static,
{
    let query = all.first(SHORT);
    let answer = LocalResource::new(move || fetch(api, query.clone()));
    let href = all.href();
    let heading_id = format!("{}-heading", words.id);
    let busy = move || answer.with(Option::is_none).to_string();
    let body = move || match answer.get() {
        None => loading(ACCOUNT_TEXTS.of(t).section_loading),
        Some(Err(err)) => page_error(error_message(t, &err)),
        Some(Ok(page)) => {
            let total = page.total();
            let (items, _) = page.into_parts();
            if items.is_empty() {
                return view! { <p class="muted empty-list">{(words.none)(t)}</p> }.into_any();
            }
            let rows = items
                .into_iter()
                .map(|i| view! { <li>{item(t, i)}</li> })
                .collect_view();
            let [one, many] = words.count.map(|text| text(t));
            view! {
                <ul class="short-list">{rows}</ul>
                <p class="short-list-more">
                    <span class="short-list-total">{count_text(one, many, total)}</span>
                    <A href=href.clone() attr:class="see-list">{(words.all)(t)}</A>
                </p>
            }
            .into_any()
        }
    };
    let labelled_by = heading_id.clone();
    view! {
        <section class=format!("panel account-section account-{}", words.id) aria-labelledby=labelled_by aria-busy=busy>
            <h2 id=heading_id>{(words.heading)(t)}</h2>
            {body}
        </section>
    }
}

fn product_item(t: &'static Texts, p: InstalledProductSummary) -> AnyView {
    let name = display_name(p.custom_name.as_deref(), &p.description).to_owned();
    view! {
        <A href=installed_product_path(p.id) attr:class="product-link">{prose(&name)}</A>
        <span class="secondary-inline ident product-number">{p.number}</span>
        {state_badge(t, p.operational_state)}
    }
    .into_any()
}

fn case_item(t: &'static Texts, c: CaseSummary) -> AnyView {
    view! {
        <A href=case_path(c.id) attr:class="case-link ident">{c.number}</A>
        <span class="short-list-text">{prose(&c.title)}</span>
        {case_status_badge(t, c.status)}
    }
    .into_any()
}

fn contract_item(t: &'static Texts, c: ContractSummary) -> AnyView {
    view! {
        <A href=contract_path(c.id) attr:class="contract-link ident">{c.number}</A>
        <span class="secondary-inline short-list-text">{prose(&c.service_type)}</span>
        {expiry_badge(t, c.expiry, c.days_left)}
    }
    .into_any()
}

fn user_item(t: &'static Texts, u: UserSummary) -> AnyView {
    view! {
        <A href=user_path(u.id) attr:class="user-link">{prose(&u.display_name)}</A>
        <span class="secondary-inline username ident">{u.username}</span>
        <span class="secondary-inline">{role_name(t, u.role)}</span>
    }
    .into_any()
}
