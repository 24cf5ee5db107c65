//! `/accounts` (Admins: portal support): every customer's account tree,
//! parent accounts first, each account indented under its parent, with the
//! way to a new parent account and, per account, to a child account, its
//! form and its move.

use super::{account_forest, administers, is_parent_account, place};
use crate::components::detail::when_loaded;
use crate::components::document::use_title;
use crate::i18n::account_texts::ACCOUNT_TEXTS;
use crate::i18n::{account_kind, Texts};
use crate::routes::{account_path, edit_account_path, move_account_path, new_account_path};
use crate::state::auth::{use_auth, use_texts};
use api_types::AccountResponse;
use leptos::prelude::*;
use leptos_router::components::A;

#[component]
pub fn AccountsPage() -> impl IntoView {
    let auth = use_auth();
    let t = use_texts();
    use_title(move |t| ACCOUNT_TEXTS.of(t).accounts_title);
    let accounts = LocalResource::new(move || auth.api().accounts());
    view! {
        <div class="title-row">
            <h1>{move || ACCOUNT_TEXTS.of(t.get()).accounts_title}</h1>
            {move || administers(auth).then(|| view! {
                <A href=new_account_path(None::<&str>) attr:class="new-account button-link">
                    {ACCOUNT_TEXTS.of(t.get()).new_parent_account}
                </A>
            })}
        </div>
        {move || {
            let t = t.get();
            if !administers(auth) {
                return view! { <p class="page-error" role="alert">{t.errors.forbidden}</p> }.into_any();
            }
            let texts = ACCOUNT_TEXTS.of(t);
            view! {
                <p class="hint">{texts.accounts_intro}</p>
                {when_loaded(t, accounts, texts.accounts_loading, move |list| forest_view(t, list.items))}
            }
            .into_any()
        }}
    }
}

/// The trees as nested lists, so a screen reader tells each account's level.
fn forest_view(t: &'static Texts, accounts: Vec<AccountResponse>) -> AnyView {
    let forest = account_forest(&accounts);
    if forest.is_empty() {
        let none = ACCOUNT_TEXTS.of(t).accounts_none;
        return view! { <p class="empty-state">{none}</p> }.into_any();
    }
    let mut rest = forest.into_iter().peekable();
    let trees = nodes(t, &mut rest, 0);
    view! { <ul class="account-tree">{trees}</ul> }.into_any()
}

/// The accounts at `depth` under one parent (tree order, so each one's
/// children follow it), each with its own list of children.
fn nodes(
    t: &'static Texts,
    rest: &mut std::iter::Peekable<impl Iterator<Item = (usize, AccountResponse)>>,
    depth: usize,
) -> Vec<AnyView> {
    let mut out = Vec::new();
    while let Some((_, account)) = rest.next_if(|(d, _)| *d == depth) {
        let children = nodes(t, rest, depth + 1);
        let below = (!children.is_empty()).then(|| view! { <ul>{children}</ul> });
        let class = if depth == 0 {
            "account-node panel"
        } else {
            "account-node"
        };
        out.push(
            view! {
                <li class=class>
                    {node_row(t, account)}
                    {below}
                </li>
            }
            .into_any(),
        );
    }
    out
}

/// One account: its name (to its page), type and place, source id, and
/// what portal support does with it. The links name the account for
/// screen readers, who hear them out of the row.
fn node_row(t: &'static Texts, a: AccountResponse) -> impl IntoView {
    let texts = ACCOUNT_TEXTS.of(t);
    let named = |action: &str| format!("{action}: {}", a.name);
    let source = a.source_id.clone().map(|id| {
        view! { <span class="secondary-inline ident source-id">{id}</span> }
    });
    let move_link = (!is_parent_account(&a)).then(|| {
        view! {
            <A href=move_account_path(a.id) attr:class="move-account" attr:aria-label=named(texts.move_account)>
                {texts.move_account}
            </A>
        }
    });
    let about = format!("{} · {}", account_kind(t, a.kind), place(t, &a));
    let [add, edit] = [texts.add_child_account, texts.edit_account].map(named);
    let name = a.name.clone();
    view! {
        <div class="account-node-row">
            <A href=account_path(a.id) attr:class="account-link">{name}</A>
            <span class="secondary-inline">{about}</span>
            {source}
            <span class="node-actions">
                <A href=new_account_path(Some(a.id)) attr:class="add-child" attr:aria-label=add>
                    {texts.add_child_account}
                </A>
                <A href=edit_account_path(a.id) attr:class="edit-account" attr:aria-label=edit>
                    {texts.edit_account}
                </A>
                {move_link}
            </span>
        </div>
    }
}
