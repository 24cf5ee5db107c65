//! Accounts: the page of one account (everyone who sees it: its products,
//! open cases, contracts and, for Managers and Admins, its users), and
//! portal support's account tree with its forms (new, edit, move).

pub mod account_form;
pub mod account_page;
pub mod accounts_page;
pub mod move_account_page;

use crate::components::detail::{load_by_id, load_error, loading, page_error, ForId};
use crate::components::document::use_title;
use crate::i18n::account_texts::{AccountTexts, ACCOUNT_TEXTS};
use crate::i18n::{country_label, field_error_text, fill, Texts};
use crate::pages::users::account_tree;
use crate::routes::account_path;
use crate::state::auth::{use_auth, use_texts, Auth};
use crate::state::flash::{Flash, Notice};
use api_types::{AccountKindDto, AccountResponse, FieldErrorCode, ProblemCode};
use domain::{AccountFields, AccountId};
use leptos::prelude::*;
use leptos_router::components::A;
use leptos_router::NavigateOptions;
use std::fmt::Display;

/// The kinds of account, in the order the form offers them.
pub const ACCOUNT_KINDS: [AccountKindDto; 7] = [
    AccountKindDto::HospitalGroup,
    AccountKindDto::Hospital,
    AccountKindDto::Site,
    AccountKindDto::Department,
    AccountKindDto::Trust,
    AccountKindDto::LeasingCompany,
    AccountKindDto::ServiceOrganisation,
];

/// Whether the signed-in user keeps the account tree (portal support).
pub fn administers(auth: Auth) -> bool {
    auth.may(domain::Action::AdministerParentAccounts)
}

/// Whether `a` is the top of its customer's tree (a parent account).
pub fn is_parent_account(a: &AccountResponse) -> bool {
    a.parent_id.is_none() && a.parent_account_id == Some(a.id)
}

/// Every customer's tree, the parent accounts by name, each followed by
/// its accounts in tree order, with their depth below it. Accounts of
/// another parent account (seen through a product) are left out.
pub fn account_forest(accounts: &[AccountResponse]) -> Vec<(usize, AccountResponse)> {
    let mut tops: Vec<&AccountResponse> =
        accounts.iter().filter(|a| is_parent_account(a)).collect();
    tops.sort_by_key(|a| a.name.to_lowercase());
    tops.into_iter()
        .flat_map(|top| account_tree(accounts, Some(&top.id.to_string())))
        .collect()
}

/// The id of an account, typed.
pub fn id_of(a: &AccountResponse) -> AccountId {
    AccountId::from_uuid(a.id)
}

/// The accounts of `tree` (tree order) that sit at or below `id`.
pub fn subtree_ids(tree: &[(usize, AccountResponse)], id: AccountId) -> Vec<AccountId> {
    let Some(start) = tree.iter().position(|(_, a)| id_of(a) == id) else {
        return vec![id];
    };
    let depth = tree[start].0;
    std::iter::once(id)
        .chain(
            tree[start + 1..]
                .iter()
                .take_while(|(d, _)| *d > depth)
                .map(|(_, a)| id_of(a)),
        )
        .collect()
}

/// "Utrecht, Netherlands": the city (when known) and the country.
pub fn place(t: &Texts, a: &AccountResponse) -> String {
    let country = country_label(t, &a.country);
    match a.city.as_deref().filter(|c| !c.trim().is_empty()) {
        Some(city) => format!("{city}, {country}"),
        None => country,
    }
}

/// The sentence for an error of the account forms' `field`.
pub fn account_error_text(t: &Texts, field: &str, code: FieldErrorCode) -> String {
    let texts = ACCOUNT_TEXTS.of(t);
    match code {
        FieldErrorCode::TooLong => {
            let max = AccountFields::max_chars(field).to_string();
            return fill(t.field_too_long_n, &[("n", &max)]);
        }
        FieldErrorCode::InvalidCountry => t.countries.invalid,
        // A 409: the source id is another account's (see `account_form`).
        FieldErrorCode::NotAllowed if field == "source_id" => texts.source_id_taken,
        FieldErrorCode::UnknownAccount => texts.unknown_account,
        FieldErrorCode::ParentAccountDoesNotMove => texts.parent_account_does_not_move,
        FieldErrorCode::MoveIntoItself => texts.move_into_itself,
        FieldErrorCode::AlreadyThere => texts.already_there,
        code => field_error_text(t, code),
    }
    .to_owned()
}

/// After a change: the account's page, with what was done.
pub fn open_account(
    flash: Flash,
    navigate: impl Fn(&str, NavigateOptions),
    id: impl Display,
    done: String,
) {
    let path = account_path(id);
    flash.show_on(&path, Notice::Done(done));
    navigate(&path, NavigateOptions::default());
}

/// The account named in the path (loaded again when the id changes), with
/// the document title `title(words, account)` once it is in.
pub fn use_account(
    title: fn(&AccountTexts, &AccountResponse) -> String,
) -> (Memo<String>, LocalResource<ForId<AccountResponse>>) {
    let auth = use_auth();
    let (id, account) = load_by_id(move |id| async move { auth.api().account(&id).await });
    use_title(move |t| {
        let texts = ACCOUNT_TEXTS.of(t);
        account.with(|a| match a {
            Some((_, Ok(a))) => title(texts, a),
            Some((_, Err(_))) => texts.account_not_found.to_owned(),
            None => texts.account_loading.to_owned(),
        })
    });
    (id, account)
}

/// `ready(account)` once the path's account is in; until then the
/// spinner, or why it cannot be shown (not found: outside the caller's
/// scope).
pub fn with_account(
    t: &'static Texts,
    (id, account): (Memo<String>, LocalResource<ForId<AccountResponse>>),
    ready: impl FnOnce(AccountResponse) -> AnyView,
) -> AnyView {
    let texts = ACCOUNT_TEXTS.of(t);
    match account.get() {
        Some((for_id, result)) if for_id == id.get() => match result {
            Ok(account) => ready(account),
            Err(err) => load_error(t, &err, &[ProblemCode::NotFound], texts.account_not_found),
        },
        _ => loading(texts.account_loading),
    }
}

/// A form of portal support on one account (change it, move it): back to
/// the account, the `heading`, and `form(account)` for Admins only.
pub fn admin_account_page(
    title: fn(&AccountTexts, &AccountResponse) -> String,
    heading: fn(&AccountTexts) -> &'static str,
    form: fn(&'static Texts, AccountResponse) -> AnyView,
) -> impl IntoView {
    let (auth, t) = (use_auth(), use_texts());
    let account = use_account(title);
    let id = account.0;
    view! {
        <p class="back-link">
            <A href=move || account_path(id.get())>{move || ACCOUNT_TEXTS.of(t.get()).back_to_account}</A>
        </p>
        <h1>{move || heading(ACCOUNT_TEXTS.of(t.get()))}</h1>
        {move || {
            let t = t.get();
            if administers(auth) {
                with_account(t, account, |a| form(t, a))
            } else {
                page_error(t.errors.forbidden.to_owned())
            }
        }}
    }
}

/// The name of the account with this id, among `accounts`.
pub fn name_of(accounts: &[AccountResponse], id: AccountId) -> Option<String> {
    accounts
        .iter()
        .find(|a| id_of(a) == id)
        .map(|a| a.name.clone())
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::test_data::test_account;

    fn account(id: u128, name: &str, parent: Option<u128>, top: Option<u128>) -> AccountResponse {
        AccountResponse {
            kind: AccountKindDto::Site,
            city: Some("Utrecht".to_owned()),
            ..test_account(id, name, parent, top)
        }
    }

    #[test]
    fn the_forest_puts_each_parent_account_before_its_tree() {
        let accounts = vec![
            account(11, "Nordkyst Frederikssund", Some(10), Some(10)),
            account(2, "Main Hospital", Some(1), Some(1)),
            account(10, "Nordkyst Hospital", None, Some(10)),
            account(3, "Radiology", Some(2), Some(1)),
            account(1, "Lindenhaven UMC", None, Some(1)),
            account(4, "Children's Hospital", Some(1), Some(1)),
            // A leasing company seen through a product: not in the tree.
            account(20, "MedLease", None, None),
        ];
        let forest = account_forest(&accounts);
        let names: Vec<(usize, &str)> = forest.iter().map(|(d, a)| (*d, a.name.as_str())).collect();
        assert_eq!(
            names,
            vec![
                (0, "Lindenhaven UMC"),
                (1, "Children's Hospital"),
                (1, "Main Hospital"),
                (2, "Radiology"),
                (0, "Nordkyst Hospital"),
                (1, "Nordkyst Frederikssund"),
            ]
        );
        let id = |n| {
            id_of(
                &accounts
                    .iter()
                    .find(|a| a.id.as_u128() == n)
                    .unwrap()
                    .clone(),
            )
        };
        assert_eq!(subtree_ids(&forest, id(2)), vec![id(2), id(3)]);
        assert_eq!(subtree_ids(&forest, id(4)), vec![id(4)]);
        assert_eq!(subtree_ids(&forest, id(1)).len(), 4);
        assert!(is_parent_account(&accounts[2]));
        assert!(!is_parent_account(&accounts[0]));
        assert!(!is_parent_account(&accounts[6]));
    }

    #[test]
    fn account_errors_name_the_fields_own_limit() {
        let t = crate::i18n::texts(domain::Language::En);
        use FieldErrorCode::{AlreadyThere, InvalidCountry, TooLong};
        for (field, code, sentence) in [
            ("market", TooLong, "Use at most 60 characters."),
            ("country", InvalidCountry, t.countries.invalid),
            ("parent_id", AlreadyThere, ACCOUNT_TEXTS.of(t).already_there),
        ] {
            assert_eq!(account_error_text(t, field, code), sentence, "{field}");
        }
    }
}
