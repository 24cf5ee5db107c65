//! `/change-password`: the signed-in user's new password; also the way on
//! after a login refused with `password_expired`, which left a restricted
//! token in memory (never in storage) that only sets a new password.

use super::settings_or_step;
use crate::components::forms::{
    failure_summary, field_error, show_failure, show_invalid, submit_once, Failure, FieldRef,
    SubmitButton,
};
use crate::components::password::{
    new_password_errors, password_input, NewPasswordFields, NEW_PASSWORD_REFS,
};
use crate::i18n::public_texts::PUBLIC_TEXTS;
use crate::i18n::{password_error_text, Texts};
use crate::routes::Page;
use crate::state::auth::{use_auth, use_texts, PasswordChanged};
use crate::state::flash::{use_flash, Notice};
use api_types::{ChangePasswordRequest, FieldErrorCode};
use leptos::prelude::*;
use leptos_router::components::A;
use leptos_router::hooks::use_navigate;
use leptos_router::NavigateOptions;

const CURRENT_PASSWORD: &str = "current_password";
const CURRENT_PASSWORD_ID: &str = "current-password";
const ERRORS_ID: &str = "change-password-errors";
const FIELDS: [FieldRef; 3] = [
    FieldRef::new(CURRENT_PASSWORD, CURRENT_PASSWORD_ID, |t| {
        PUBLIC_TEXTS.of(t).current_password_label
    }),
    NEW_PASSWORD_REFS[0],
    NEW_PASSWORD_REFS[1],
];

#[component]
pub fn ChangePasswordPage() -> impl IntoView {
    let auth = use_auth();
    let t = use_texts();
    settings_or_step(
        auth.password_change_pending(),
        "login-card",
        |t| PUBLIC_TEXTS.of(t).change_password_title,
        |t| PUBLIC_TEXTS.of(t).password_expired_notice,
        |t| PUBLIC_TEXTS.of(t).change_password_intro,
        move |required| {
            view! {
                {move || view! { <ChangePasswordForm t=t.get()/> }}
                {required.then(|| view! {
                    <p class="login-links">
                        <A href=Page::Login.path() attr:class="back-to-login">{move || PUBLIC_TEXTS.of(t.get()).back_to_login}</A>
                    </p>
                })}
            }
            .into_any()
        },
    )
}

#[component]
fn ChangePasswordForm(t: &'static Texts) -> impl IntoView {
    let auth = use_auth();
    let flash = use_flash();
    let navigate = use_navigate();
    let current = RwSignal::new(String::new());
    let password = RwSignal::new(String::new());
    let repeat = RwSignal::new(String::new());
    let show = RwSignal::new(false);
    let failure = RwSignal::new(None::<Failure>);

    let change = Action::new_local(move |request: &ChangePasswordRequest| {
        let request = request.clone();
        let navigate = navigate.clone();
        async move {
            match auth.change_password(request).await {
                Ok(PasswordChanged::SignedIn) => {
                    flash.show_on(Page::Home.path(), Notice::PasswordChanged);
                    navigate(Page::Home.path(), NavigateOptions::default());
                }
                Ok(PasswordChanged::EnrolSecondFactor) => {
                    navigate(Page::MfaSetup.path(), NavigateOptions::default());
                }
                Err(err) => show_failure(failure, err, ERRORS_ID),
            }
        }
    });
    let pending = change.pending();
    let on_submit = submit_once(pending, move || {
        let current_password = current.get_untracked();
        let new_password = password.get_untracked();
        let mut errors = Vec::new();
        if current_password.is_empty() {
            errors.push(field_error(CURRENT_PASSWORD, FieldErrorCode::Required));
        }
        errors.extend(new_password_errors(&new_password, &repeat.get_untracked()));
        if !errors.is_empty() {
            show_invalid(failure, errors, ERRORS_ID);
            return;
        }
        failure.set(None);
        change.dispatch(ChangePasswordRequest {
            current_password,
            new_password,
        });
    });
    let username = auth.me().map(|me| me.username).unwrap_or_default();

    view! {
        <div id=ERRORS_ID tabindex="-1">
            {move || failure.get().map(|f| failure_summary(t, &f, &FIELDS, |c| password_error_text(t, c)))}
        </div>
        <form class="password-form" on:submit=on_submit novalidate>
            // For password managers: the account the new password belongs to.
            <input type="text" name="username" autocomplete="username" value=username hidden readonly/>
            {password_input(t, CURRENT_PASSWORD_ID, CURRENT_PASSWORD, PUBLIC_TEXTS.of(t).current_password_label, "current-password", None, current, Some(show), failure)}
            <NewPasswordFields t password repeat show failure/>
            <SubmitButton class="button-primary button-inline" pending busy=t.saving idle=PUBLIC_TEXTS.of(t).change_password_button/>
        </form>
    }
}
