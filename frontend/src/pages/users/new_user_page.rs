//! `/users/new` (Managers and Admins): a new user of the caller's parent
//! account (an Admin picks the parent account), who gets an activation
//! email and the creator's language, time zone and formats.

use super::{
    contact_errors, grantable_roles, user_error_text, user_text_field, username_error, Grant,
    GrantFields, ParentChoice, ACCOUNT_IDS, DISPLAY_NAME, EMAIL, PARENT_ACCOUNT, ROLE, USERNAME,
};
use crate::components::document::set_title;
use crate::components::forms::{failure_summary, field_error, focus_later, Failure, FieldRef};
use crate::i18n::admin_texts::ADMIN_TEXTS;
use crate::i18n::{error_message, Texts};
use crate::query::from_wire;
use crate::routes::{user_path, Page};
use crate::state::auth::{use_auth, use_texts};
use crate::state::flash::{use_flash, Notice};
use api_types::{AccountResponse, CreateUserRequest, FieldErrorCode, ProblemCode, RoleDto};
use domain::AccountId;
use leptos::prelude::*;
use leptos_router::components::A;
use leptos_router::hooks::use_navigate;
use leptos_router::NavigateOptions;

const ERRORS_ID: &str = "new-user-errors";
const FIELDS: [FieldRef; 6] = [
    FieldRef {
        field: USERNAME,
        id: "username",
        label: |t| t.username_label,
    },
    FieldRef {
        field: DISPLAY_NAME,
        id: "display-name",
        label: |t| ADMIN_TEXTS.of(t).display_name_label,
    },
    FieldRef {
        field: EMAIL,
        id: "email",
        label: |t| t.email_label,
    },
    FieldRef {
        field: ROLE,
        id: "role-viewer",
        label: |t| ADMIN_TEXTS.of(t).role_label,
    },
    FieldRef {
        field: PARENT_ACCOUNT,
        id: "parent-account",
        label: |t| ADMIN_TEXTS.of(t).parent_account_label,
    },
    FieldRef {
        field: ACCOUNT_IDS,
        id: "accounts-help",
        label: |t| ADMIN_TEXTS.of(t).accounts_assign_label,
    },
];

#[component]
pub fn NewUserPage() -> impl IntoView {
    let auth = use_auth();
    let t = use_texts();
    Effect::new(move |_| set_title(ADMIN_TEXTS.of(t.get()).new_user, t.get().product_name));
    let accounts = LocalResource::new(move || auth.api().accounts());
    view! {
        <p class="back-link">
            <A href=Page::Users.path()>{move || ADMIN_TEXTS.of(t.get()).back_to_users}</A>
        </p>
        <h1>{move || ADMIN_TEXTS.of(t.get()).new_user}</h1>
        {move || {
            let t = t.get();
            if !auth.may(domain::Action::ManageUsers) {
                return view! { <p class="page-error" role="alert">{t.error_forbidden}</p> }.into_any();
            }
            match accounts.get() {
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
                Some(Ok(list)) => view! { <NewUserForm t accounts=list.items/> }.into_any(),
            }
        }}
    }
}

#[component]
fn NewUserForm(t: &'static Texts, accounts: Vec<AccountResponse>) -> impl IntoView {
    let auth = use_auth();
    let flash = use_flash();
    let navigate = use_navigate();
    let actor = auth.role();
    let admin = actor == Some(RoleDto::Admin);
    let roles = grantable_roles(actor);

    let [username, display_name, email] = std::array::from_fn(|_| RwSignal::new(String::new()));
    // A Manager's own parent account; an Admin picks one (empty: none).
    let own_parent = auth
        .me()
        .and_then(|me| me.parent_account)
        .map(|p| p.id.to_string())
        .unwrap_or_default();
    let grant = Grant::new(RoleDto::Viewer, own_parent);
    let failure = RwSignal::new(None::<Failure>);
    let errors = Memo::new(move |_| failure.with(Failure::field_errors));
    let accounts = StoredValue::new(accounts);

    let create = Action::new_local(move |request: &CreateUserRequest| {
        let request = request.clone();
        let navigate = navigate.clone();
        async move {
            let result = auth.api().create_user(&request).await;
            match result {
                Ok(user) => {
                    let path = user_path(user.summary.id);
                    flash.show_on(
                        &path,
                        Notice::UserCreated {
                            email: user.summary.email.clone(),
                        },
                    );
                    navigate(&path, NavigateOptions::default());
                }
                Err(err) if err.code() == Some(ProblemCode::UsernameTaken) => {
                    failure.set(Some(Failure::Invalid(vec![field_error(
                        USERNAME,
                        FieldErrorCode::UsernameTaken,
                    )])));
                    focus_later(ERRORS_ID);
                }
                Err(err) => {
                    failure.set(Some(Failure::of(err)));
                    focus_later(ERRORS_ID);
                }
            }
        }
    });
    let pending = create.pending();

    let on_submit = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        if pending.get_untracked() {
            return;
        }
        let (name, address) = (display_name.get_untracked(), email.get_untracked());
        let mut invalid: Vec<_> = username_error(&username.get_untracked())
            .into_iter()
            .collect();
        invalid.extend(contact_errors(&name, &address));
        let Some(chosen_role) = grant.role.get_untracked() else {
            invalid.push(field_error(ROLE, FieldErrorCode::Required));
            failure.set(Some(Failure::Invalid(invalid)));
            focus_later(ERRORS_ID);
            return;
        };
        if !invalid.is_empty() {
            failure.set(Some(Failure::Invalid(invalid)));
            focus_later(ERRORS_ID);
            return;
        }
        failure.set(None);
        create.dispatch(CreateUserRequest {
            username: username.get_untracked().trim().to_owned(),
            display_name: name.trim().to_owned(),
            email: address.trim().to_owned(),
            role: chosen_role,
            account_ids: grant
                .chosen
                .get_untracked()
                .iter()
                .map(AccountId::as_uuid)
                .collect(),
            parent_account_id: if admin {
                from_wire(&grant.parent.get_untracked())
            } else {
                None
            },
        });
    };

    let parent_choice = if admin {
        ParentChoice::Optional
    } else {
        ParentChoice::Fixed
    };

    view! {
        <form class="case-form user-form" on:submit=on_submit novalidate>
            <p class="hint">{ADMIN_TEXTS.of(t).new_user_intro}</p>
            <div id=ERRORS_ID tabindex="-1">
                {move || failure.get().map(|f| failure_summary(t, &f, &FIELDS, |c| user_error_text(t, c)))}
            </div>
            {user_text_field(t, USERNAME, "username", t.username_label, Some(ADMIN_TEXTS.of(t).username_help), "text", "off", username, failure)}
            {user_text_field(t, DISPLAY_NAME, "display-name", ADMIN_TEXTS.of(t).display_name_label, None, "text", "off", display_name, failure)}
            {user_text_field(t, EMAIL, "email", t.email_label, Some(ADMIN_TEXTS.of(t).new_user_email_help), "email", "off", email, failure)}
            <GrantFields t roles grant errors accounts parent_choice/>
            <button type="submit" class="button-primary button-inline" disabled=move || pending.get()>
                {move || if pending.get() { ADMIN_TEXTS.of(t).creating_user } else { ADMIN_TEXTS.of(t).create_user_button }}
            </button>
        </form>
    }
}
