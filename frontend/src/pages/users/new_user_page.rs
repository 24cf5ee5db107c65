//! `/users/new` (Managers and Admins): a new user of the caller's parent
//! account (an Admin picks the parent account), who gets an activation
//! email and the creator's language, time zone and formats.

use super::{
    contact_errors, grantable_roles, open_new_user, own_parent, show_create_failure,
    user_error_text, user_text_field, username_error, Grant, GrantFields, ParentChoice,
    DISPLAY_NAME, DISPLAY_NAME_REF, EMAIL, EMAIL_REF, GRANT_REFS, USERNAME, USERNAME_REF,
};
use crate::components::detail::when_loaded;
use crate::components::document::use_title;
use crate::components::forms::{
    failure_summary, submit_once, Failure, FieldRef, SubmitButton, TextInput,
};
use crate::i18n::admin_texts::ADMIN_TEXTS;
use crate::i18n::Texts;
use crate::routes::Page;
use crate::state::auth::{use_auth, use_texts};
use crate::state::flash::{use_flash, Notice};
use api_types::{AccountResponse, CreateUserRequest, RoleDto};
use domain::AccountId;
use leptos::prelude::*;
use leptos_router::components::A;
use leptos_router::hooks::use_navigate;

const ERRORS_ID: &str = "new-user-errors";
const FIELDS: [FieldRef; 6] = [
    USERNAME_REF,
    DISPLAY_NAME_REF,
    EMAIL_REF,
    GRANT_REFS[0],
    GRANT_REFS[1],
    GRANT_REFS[2],
];

#[component]
pub fn NewUserPage() -> impl IntoView {
    let auth = use_auth();
    let t = use_texts();
    use_title(move |t| ADMIN_TEXTS.of(t).new_user);
    let accounts = LocalResource::new(move || auth.api().accounts());
    view! {
        <p class="back-link">
            <A href=Page::Users.path()>{move || ADMIN_TEXTS.of(t.get()).back_to_users}</A>
        </p>
        <h1>{move || ADMIN_TEXTS.of(t.get()).new_user}</h1>
        {move || {
            let t = t.get();
            if !auth.may(domain::Action::ManageUsers) {
                return view! { <p class="page-error" role="alert">{t.errors.forbidden}</p> }.into_any();
            }
            when_loaded(t, accounts, t.accounts_loading, move |list| {
                view! { <NewUserForm t accounts=list.items/> }.into_any()
            })
            .into_any()
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
    let grant = Grant::new(RoleDto::Viewer, own_parent(auth).unwrap_or_default());
    let failure = RwSignal::new(None::<Failure>);
    let errors = Memo::new(move |_| failure.with(Failure::field_errors));
    let accounts = StoredValue::new(accounts);
    let parent_choice = if admin {
        ParentChoice::Optional
    } else {
        ParentChoice::Fixed
    };

    let create = Action::new_local(move |request: &CreateUserRequest| {
        let request = request.clone();
        let navigate = navigate.clone();
        async move {
            match auth.api().create_user(&request).await {
                Ok(user) => open_new_user(flash, navigate, &user, |email| Notice::UserCreated {
                    email,
                }),
                Err(err) => show_create_failure(failure, err, ERRORS_ID),
            }
        }
    });
    let pending = create.pending();

    let on_submit = submit_once(pending, move || {
        let (name, address) = (display_name.get_untracked(), email.get_untracked());
        let mut invalid: Vec<_> = username_error(&username.get_untracked())
            .into_iter()
            .collect();
        invalid.extend(contact_errors(&name, &address));
        let Some(chosen_role) = grant.checked_role(parent_choice, invalid, failure, ERRORS_ID)
        else {
            return;
        };
        create.dispatch(CreateUserRequest {
            username: username.get_untracked().trim().to_owned(),
            display_name: name.trim().to_owned(),
            email: address.trim().to_owned(),
            role: chosen_role,
            account_ids: grant.account_ids(AccountId::as_uuid),
            parent_account_id: grant.picked_parent(parent_choice),
        });
    });

    view! {
        <form class="case-form user-form" on:submit=on_submit novalidate>
            <p class="hint">{ADMIN_TEXTS.of(t).new_user_intro}</p>
            <div id=ERRORS_ID tabindex="-1">
                {move || failure.get().map(|f| failure_summary(t, &f, &FIELDS, |c| user_error_text(t, c)))}
            </div>
            {user_text_field(t, TextInput::new(USERNAME, "username", t.username_label, Some(ADMIN_TEXTS.of(t).username_help), "text", "off"), username, failure)}
            {user_text_field(t, TextInput::new(DISPLAY_NAME, "display-name", ADMIN_TEXTS.of(t).display_name_label, None, "text", "off"), display_name, failure)}
            {user_text_field(t, TextInput::new(EMAIL, "email", t.email_label, Some(ADMIN_TEXTS.of(t).new_user_email_help), "email", "off"), email, failure)}
            <GrantFields t roles grant errors accounts parent_choice/>
            <SubmitButton class="button-primary button-inline" pending busy=ADMIN_TEXTS.of(t).creating_user idle=ADMIN_TEXTS.of(t).create_user_button/>
        </form>
    }
}
