//! User administration (Managers for their parent account, Admins for all)
//! and the security log.

use crate::i18n::admin_texts::ADMIN_TEXTS;
pub mod new_user_page;
mod own_email;
pub mod security_details;
pub mod security_log_page;
pub mod user_page;
pub mod users_page;

use crate::api::ApiError;
use crate::components::forms::{
    codes_for, field_error, field_errors_view, required_marker, show_failure, show_invalid,
    Failure, FieldRef, RadioInput, TextInput,
};
use crate::i18n::{
    account_kind, confirm_code_error_text, field_error_text, password_error_text, role_help,
    role_name, Texts, ROLES,
};
use crate::routes::user_path;
use crate::state::auth::{domain_role, Auth};
use crate::state::flash::{Flash, Notice};
use api_types::{AccountResponse, FieldError, FieldErrorCode, ProblemCode, RoleDto, UserDetail};
use domain::{AccountId, Email, Username};
use leptos::prelude::*;
use std::collections::HashMap;

/// Request names of the user form's fields, as the server's errors name them.
pub const USERNAME: &str = "username";
pub const DISPLAY_NAME: &str = "display_name";
pub const EMAIL: &str = "email";
pub const ROLE: &str = "role";
pub const ACCOUNT_IDS: &str = "account_ids";
pub const PARENT_ACCOUNT: &str = "parent_account_id";

/// The error summary's links to the user forms' fields.
pub const USERNAME_REF: FieldRef = FieldRef::new(USERNAME, "username", |t| t.username_label);
pub const DISPLAY_NAME_REF: FieldRef = FieldRef::new(DISPLAY_NAME, "display-name", |t| {
    ADMIN_TEXTS.of(t).display_name_label
});
pub const EMAIL_REF: FieldRef = FieldRef::new(EMAIL, "email", |t| t.email_label);
/// The [`GrantFields`] (the role links to its first radio).
pub const GRANT_REFS: [FieldRef; 3] = [
    FieldRef::new(ROLE, "role-viewer", |t| ADMIN_TEXTS.of(t).role_label),
    FieldRef::new(PARENT_ACCOUNT, "parent-account", |t| {
        ADMIN_TEXTS.of(t).parent_account_label
    }),
    ACCOUNTS_REF,
];
pub const ACCOUNTS_REF: FieldRef = FieldRef::new(ACCOUNT_IDS, "accounts-help", |t| {
    ADMIN_TEXTS.of(t).accounts_assign_label
});

/// The sentence for a user form field error.
pub fn user_error_text(t: &Texts, code: FieldErrorCode) -> String {
    match code {
        FieldErrorCode::InvalidUsername => ADMIN_TEXTS.of(t).username_invalid,
        FieldErrorCode::InvalidEmail => t.email_invalid,
        FieldErrorCode::UsernameTaken => t.errors.username_taken,
        FieldErrorCode::RoleNotGrantable => ADMIN_TEXTS.of(t).role_not_grantable,
        FieldErrorCode::ParentAccountMismatch => ADMIN_TEXTS.of(t).parent_account_mismatch,
        FieldErrorCode::CannotResetOwnFactor => ADMIN_TEXTS.of(t).cannot_reset_own_factor,
        // The password and code that confirm a change of one's own address,
        // in the words the settings page uses for them.
        FieldErrorCode::WrongPassword => return password_error_text(t, code),
        FieldErrorCode::InvalidMfaCode => return confirm_code_error_text(t, code),
        code => field_error_text(t, code),
    }
    .to_owned()
}

/// The name and email checks before sending (the server checks again).
pub fn contact_errors(display_name: &str, email: &str) -> Vec<FieldError> {
    let mut errors = Vec::new();
    if display_name.trim().is_empty() {
        errors.push(field_error(DISPLAY_NAME, FieldErrorCode::Required));
    }
    match email.trim() {
        "" => errors.push(field_error(EMAIL, FieldErrorCode::Required)),
        typed if Email::parse(typed).is_err() => {
            errors.push(field_error(EMAIL, FieldErrorCode::InvalidEmail))
        }
        _ => {}
    }
    errors
}

/// The user name check before sending.
pub fn username_error(username: &str) -> Option<FieldError> {
    match username.trim() {
        "" => Some(field_error(USERNAME, FieldErrorCode::Required)),
        typed if Username::parse(typed).is_err() => {
            Some(field_error(USERNAME, FieldErrorCode::InvalidUsername))
        }
        _ => None,
    }
}

/// `If-Match` for a change: the `ETag` read with the user, else its version
/// (the server's ETag is `"v<version>"`).
pub fn if_match(etag: Option<&str>, user: &UserDetail) -> String {
    etag.map_or_else(|| format!("\"v{}\"", user.summary.version), str::to_owned)
}

/// The roles `actor` may give (a Manager: customer roles; an Admin: any).
pub fn grantable_roles(actor: Option<RoleDto>) -> Vec<RoleDto> {
    ROLES
        .into_iter()
        .filter(|role| {
            actor.is_some_and(|actor| domain::may_grant(domain_role(actor), domain_role(*role)))
        })
        .collect()
}

/// The accounts of one parent account (its id as text) in tree order: each
/// after its parent, siblings by name, with their depth below the top.
pub fn account_tree(
    accounts: &[AccountResponse],
    parent_account: Option<&str>,
) -> Vec<(usize, AccountResponse)> {
    let Some(top) = parent_account else {
        return Vec::new();
    };
    let ours: Vec<&AccountResponse> = accounts
        .iter()
        .filter(|a| a.parent_account_id.is_some_and(|p| p.to_string() == top))
        .collect();
    let mut children: HashMap<Option<String>, Vec<&AccountResponse>> = HashMap::new();
    for account in &ours {
        // An account whose parent is not in the list hangs from the top.
        let parent = account
            .parent_id
            .filter(|p| ours.iter().any(|a| a.id == *p))
            .map(|p| p.to_string());
        children.entry(parent).or_default().push(account);
    }
    for siblings in children.values_mut() {
        siblings.sort_by_key(|a| a.name.to_lowercase());
    }
    let mut out = Vec::new();
    let mut stack: Vec<(usize, &AccountResponse)> = children
        .get(&None)
        .map(|roots| roots.iter().rev().map(|a| (0, *a)).collect())
        .unwrap_or_default();
    while let Some((depth, account)) = stack.pop() {
        out.push((depth, account.clone()));
        if let Some(kids) = children.get(&Some(account.id.to_string())) {
            stack.extend(kids.iter().rev().map(|a| (depth + 1, *a)));
        }
    }
    out
}

/// The role radios with what each role may do.
pub fn role_choices(
    t: &'static Texts,
    roles: Vec<RoleDto>,
    role: RwSignal<Option<RoleDto>>,
    errors: Memo<Vec<FieldError>>,
    disabled: bool,
) -> impl IntoView {
    let has_error = move || errors.with(|e| !codes_for(e, ROLE).is_empty());
    view! {
        <fieldset
            class="choice-group role-group"
            disabled=disabled
            aria-describedby=move || has_error().then_some("role-error")
        >
            <legend>{ADMIN_TEXTS.of(t).role_label} {required_marker(t)}</legend>
            {roles
                .into_iter()
                .map(|r| {
                    let id = format!("role-{}", crate::query::wire_name(&r));
                    let help = format!("{id}-help");
                    view! {
                        <div class="choice choice-described">
                            <RadioInput
                                name="role"
                                id=id.clone()
                                value=crate::query::wire_name(&r)
                                choice=Some(r)
                                chosen=role
                                attr:aria-describedby=help.clone()
                            />
                            <label for=id>{role_name(t, r)}</label>
                            <p id=help class="field-help choice-help">{role_help(t, r)}</p>
                        </div>
                    }
                })
                .collect_view()}
            {move || has_error().then(|| view! { <p id="role-error" class="field-error">{t.field_required}</p> })}
        </fieldset>
    }
}

/// The account checkboxes, indented under their parents.
pub fn account_choices(
    t: &'static Texts,
    accounts: Vec<(usize, AccountResponse)>,
    chosen: RwSignal<Vec<AccountId>>,
) -> impl IntoView {
    let body = if accounts.is_empty() {
        view! { <p class="muted">{ADMIN_TEXTS.of(t).accounts_assign_none}</p> }.into_any()
    } else {
        accounts
            .into_iter()
            .map(|(depth, account)| {
                let id = AccountId::from_uuid(account.id);
                let input_id = format!("account-{}", account.id);
                let class = format!("choice account-choice depth-{}", depth.min(4));
                let place = account.city.clone().unwrap_or_default();
                view! {
                    <div class=class>
                        <input
                            type="checkbox"
                            name="account_ids"
                            id=input_id.clone()
                            value=account.id.to_string()
                            prop:checked=move || chosen.with(|c| c.contains(&id))
                            on:change=move |ev| {
                                let on = event_target_checked(&ev);
                                chosen.update(|c| {
                                    c.retain(|a| *a != id);
                                    if on {
                                        c.push(id);
                                    }
                                });
                            }
                        />
                        <label for=input_id>
                            {account.name}
                            <span class="secondary-inline">
                                " · " {account_kind(t, account.kind)}
                                {(!place.is_empty()).then(|| format!(", {place}"))}
                            </span>
                        </label>
                    </div>
                }
            })
            .collect_view()
            .into_any()
    };
    view! {
        <fieldset class="choice-group account-group" aria-describedby="accounts-help">
            <legend>{ADMIN_TEXTS.of(t).accounts_assign_label}</legend>
            <p id="accounts-help" class="field-help">{ADMIN_TEXTS.of(t).accounts_assign_help}</p>
            {body}
        </fieldset>
    }
}

/// What a new user is granted (the new-user and approve forms): a role, the
/// parent account (`""`: none) and the accounts under it.
#[derive(Clone, Copy)]
pub struct Grant {
    pub role: RwSignal<Option<RoleDto>>,
    pub parent: RwSignal<String>,
    pub chosen: RwSignal<Vec<AccountId>>,
}

impl Grant {
    pub fn new(role: RoleDto, parent: String) -> Self {
        Self {
            role: RwSignal::new(Some(role)),
            parent: RwSignal::new(parent),
            chosen: RwSignal::new(Vec::new()),
        }
    }

    /// The chosen role once the form may be sent: else what is `invalid`,
    /// with what the grant misses, is shown in the summary `errors_id`.
    pub fn checked_role(
        self,
        choice: ParentChoice,
        mut invalid: Vec<FieldError>,
        failure: RwSignal<Option<Failure>>,
        errors_id: &str,
    ) -> Option<RoleDto> {
        let role = self.role.get_untracked();
        if role.is_none() {
            invalid.push(field_error(ROLE, FieldErrorCode::Required));
        }
        if choice == ParentChoice::Required && self.parent.with_untracked(String::is_empty) {
            invalid.push(field_error(PARENT_ACCOUNT, FieldErrorCode::Required));
        }
        let (Some(role), true) = (role, invalid.is_empty()) else {
            show_invalid(failure, invalid, errors_id);
            return None;
        };
        failure.set(None);
        Some(role)
    }

    /// The chosen accounts, as the request names them.
    pub fn account_ids<U>(self, id: impl Fn(&AccountId) -> U) -> Vec<U> {
        self.chosen.get_untracked().iter().map(id).collect()
    }

    /// The parent account picked in the form, if the form offers one.
    pub fn picked_parent<U: serde::de::DeserializeOwned>(self, choice: ParentChoice) -> Option<U> {
        if choice == ParentChoice::Fixed {
            None
        } else {
            crate::query::from_wire(&self.parent.get_untracked())
        }
    }
}

/// The caller's own parent account (a Manager's), as text.
pub fn own_parent(auth: Auth) -> Option<String> {
    auth.me()
        .and_then(|me| me.parent_account)
        .map(|p| p.id.to_string())
}

/// A user just created (or granted access): their page, with `notice`.
pub fn open_new_user(
    flash: Flash,
    navigate: impl Fn(&str, leptos_router::NavigateOptions),
    user: &UserDetail,
    notice: fn(String) -> Notice,
) {
    let path = user_path(user.summary.id);
    flash.show_on(&path, notice(user.summary.email.clone()));
    navigate(&path, leptos_router::NavigateOptions::default());
}

/// A failed create or approve: a taken user name is marked on its field.
pub fn show_create_failure(failure: RwSignal<Option<Failure>>, err: ApiError, id: &str) {
    if err.code() == Some(ProblemCode::UsernameTaken) {
        let taken = field_error(USERNAME, FieldErrorCode::UsernameTaken);
        show_invalid(failure, vec![taken], id);
    } else {
        show_failure(failure, err, id);
    }
}

/// Whether the form lets an Admin pick the parent account.
#[derive(Clone, Copy, PartialEq, Eq)]
pub enum ParentChoice {
    /// No: the Manager's own, or the one the request matched.
    Fixed,
    /// Yes, "none" being a choice (a new user).
    Optional,
    /// Yes, and one must be picked (a request that matched none).
    Required,
}

/// The grant part of the new-user and approve forms: the role radios, the
/// parent account select (see [`ParentChoice`]), and the account checkboxes
/// of the chosen parent.
#[component]
pub fn GrantFields(
    t: &'static Texts,
    roles: Vec<RoleDto>,
    grant: Grant,
    errors: Memo<Vec<FieldError>>,
    accounts: StoredValue<Vec<AccountResponse>>,
    parent_choice: ParentChoice,
) -> impl IntoView {
    let parents = (parent_choice != ParentChoice::Fixed)
        .then(|| parent_select(t, grant, errors, accounts, parent_choice));
    let choices = move || {
        let tree =
            accounts.with_value(|all| grant.parent.with(|p| account_tree(all, Some(p.as_str()))));
        account_choices(t, tree, grant.chosen)
    };
    view! {
        {role_choices(t, roles, grant.role, errors, false)}
        {parents}
        {choices}
    }
}

/// An Admin's choice of parent account: the tops of the trees. Changing it
/// clears the chosen accounts.
fn parent_select(
    t: &'static Texts,
    grant: Grant,
    errors: Memo<Vec<FieldError>>,
    accounts: StoredValue<Vec<AccountResponse>>,
    choice: ParentChoice,
) -> impl IntoView {
    let parent = grant.parent;
    let required = choice == ParentChoice::Required;
    let mut tops: Vec<(String, String)> = accounts.with_value(|all| {
        all.iter()
            .filter(|a| a.parent_id.is_none())
            .map(|a| (a.id.to_string(), a.name.clone()))
            .collect()
    });
    tops.sort_by(|a, b| a.1.cmp(&b.1));
    let codes = move || errors.with(|e| codes_for(e, PARENT_ACCOUNT));
    let texts = ADMIN_TEXTS.of(t);
    let first = if required {
        texts.choose_parent_account
    } else {
        texts.parent_account_none
    };
    let described_by = move || {
        required.then(|| {
            if codes().is_empty() {
                "parent-account-help"
            } else {
                "parent-account-help parent-account-error"
            }
        })
    };
    view! {
        <div class="field">
            <label for="parent-account">
                {texts.parent_account_label}
                {required.then(|| required_marker(t))}
            </label>
            <select
                id="parent-account"
                name="parent_account_id"
                required=required
                aria-invalid=move || (required && !codes().is_empty()).then_some("true")
                aria-describedby=described_by
                on:change=move |ev| {
                    parent.set(event_target_value(&ev));
                    grant.chosen.set(Vec::new());
                }
            >
                <option value="" selected=move || parent.with(String::is_empty)>{first}</option>
                {tops
                    .into_iter()
                    .map(|(id, name)| {
                        let this = id.clone();
                        view! { <option value=id selected=move || parent.with(|p| *p == this)>{name}</option> }
                    })
                    .collect_view()}
            </select>
            {required.then(|| view! {
                <p id="parent-account-help" class="field-help">{texts.approve_parent_help}</p>
                {field_errors_view("parent-account-error".to_owned(), codes, move |c| user_error_text(t, c))}
            })}
        </div>
    }
}

/// A labelled text input of the user forms, with its help and errors; a
/// user name is plain text too.
pub fn user_text_field(
    t: &'static Texts,
    input: TextInput,
    value: RwSignal<String>,
    failure: RwSignal<Option<Failure>>,
) -> impl IntoView {
    let field = input.field;
    let codes = move || failure.with(|f| codes_for(&Failure::field_errors(f), field));
    let input = TextInput {
        plain: input.plain || field == USERNAME,
        ..input
    };
    input.view(t, value, codes, move |c| user_error_text(t, c))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn managers_grant_customer_roles_and_admins_any() {
        assert_eq!(
            grantable_roles(Some(RoleDto::Manager)),
            vec![RoleDto::Viewer, RoleDto::User, RoleDto::Manager]
        );
        assert_eq!(grantable_roles(Some(RoleDto::Admin)).len(), 5);
        assert!(grantable_roles(Some(RoleDto::User)).is_empty());
        assert!(grantable_roles(None).is_empty());
    }

    #[test]
    fn names_and_addresses_are_checked_before_sending() {
        let codes = |errors: Vec<FieldError>| {
            errors
                .into_iter()
                .map(|e| (e.field, e.code))
                .collect::<Vec<_>>()
        };
        assert_eq!(
            codes(contact_errors(" ", "anna")),
            vec![
                (DISPLAY_NAME.to_owned(), FieldErrorCode::Required),
                (EMAIL.to_owned(), FieldErrorCode::InvalidEmail)
            ]
        );
        assert!(contact_errors("Anna", "anna@umc.example").is_empty());
        assert_eq!(
            username_error("an").map(|e| e.code),
            Some(FieldErrorCode::InvalidUsername)
        );
        assert_eq!(username_error("anna.devries"), None);
    }

    #[test]
    fn own_factor_and_confirmation_errors_have_their_sentences() {
        let nl = crate::i18n::texts(domain::Language::Nl);
        let text = |code| user_error_text(nl, code);
        assert_eq!(
            text(FieldErrorCode::WrongPassword),
            nl.password.error_wrong_current
        );
        assert_eq!(
            text(FieldErrorCode::InvalidMfaCode),
            nl.errors.invalid_mfa_code
        );
        assert_eq!(
            text(FieldErrorCode::CannotResetOwnFactor),
            ADMIN_TEXTS.of(nl).cannot_reset_own_factor
        );
    }

    fn account(id: u128, name: &str, parent: Option<u128>, top: u128) -> AccountResponse {
        crate::test_data::test_account(id, name, parent, Some(top))
    }

    #[test]
    fn accounts_are_listed_as_their_tree_and_only_the_parents() {
        let accounts = vec![
            account(3, "Radiology", Some(2), 1),
            account(2, "Main Hospital", Some(1), 1),
            account(1, "Lindenhaven UMC", None, 1),
            account(4, "Children's Hospital", Some(1), 1),
            account(9, "MedLease", None, 9),
        ];
        let top = format!("{:08x}-0000-0000-0000-000000000001", 0);
        let tree: Vec<(usize, String)> = account_tree(&accounts, Some(&top))
            .into_iter()
            .map(|(depth, a)| (depth, a.name))
            .collect();
        assert_eq!(
            tree,
            vec![
                (0, "Lindenhaven UMC".to_owned()),
                (1, "Children's Hospital".to_owned()),
                (1, "Main Hospital".to_owned()),
                (2, "Radiology".to_owned()),
            ]
        );
        assert!(account_tree(&accounts, None).is_empty());
    }
}
