//! `/change-password`: the signed-in user's new password; also the way on
//! after a login refused with `password_expired`, which left a restricted
//! token in memory (never in storage) that only sets a new password.

use crate::components::document::set_title;
use crate::components::forms::{
    codes_for, failure_summary, field_error, field_errors_view, focus_later, required_marker,
    Failure, FieldRef,
};
use crate::components::layout::{required_step_card, SignedIn};
use crate::components::password::{
    forget_errors_of, new_password_errors, NewPasswordFields, NEW_PASSWORD, NEW_PASSWORD_ID,
    REPEAT_PASSWORD, REPEAT_PASSWORD_ID,
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
    FieldRef {
        field: CURRENT_PASSWORD,
        id: CURRENT_PASSWORD_ID,
        label: |t| PUBLIC_TEXTS.of(t).current_password_label,
    },
    FieldRef {
        field: NEW_PASSWORD,
        id: NEW_PASSWORD_ID,
        label: |t| t.new_password_label,
    },
    FieldRef {
        field: REPEAT_PASSWORD,
        id: REPEAT_PASSWORD_ID,
        label: |t| t.repeat_password_label,
    },
];

#[component]
pub fn ChangePasswordPage() -> impl IntoView {
    let auth = use_auth();
    let t = use_texts();
    Effect::new(move |_| {
        set_title(
            PUBLIC_TEXTS.of(t.get()).change_password_title,
            t.get().product_name,
        )
    });
    // Decided once: the form keeps its frame while the new session starts.
    if auth.password_change_pending() {
        let body = view! {
            {move || view! { <ChangePasswordForm t=t.get()/> }}
            <p class="login-links">
                <A href=Page::Login.path() attr:class="back-to-login">{move || PUBLIC_TEXTS.of(t.get()).back_to_login}</A>
            </p>
        };
        required_step_card(
            "login-card",
            |t| PUBLIC_TEXTS.of(t).change_password_title,
            |t| PUBLIC_TEXTS.of(t).password_expired_notice,
            body.into_any(),
        )
    } else {
        view! {
            <SignedIn>
                <p class="back-link">
                    <A href=Page::Settings.path()>{move || t.get().settings_title}</A>
                </p>
                <h1>{move || PUBLIC_TEXTS.of(t.get()).change_password_title}</h1>
                <p class="hint">{move || PUBLIC_TEXTS.of(t.get()).change_password_intro}</p>
                {move || view! { <ChangePasswordForm t=t.get()/> }}
            </SignedIn>
        }
        .into_any()
    }
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
                Err(err) => {
                    failure.set(Some(Failure::of(err)));
                    focus_later(ERRORS_ID);
                }
            }
        }
    });
    let pending = change.pending();
    let on_submit = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        if pending.get_untracked() {
            return;
        }
        let current_password = current.get_untracked();
        let new_password = password.get_untracked();
        let mut errors = Vec::new();
        if current_password.is_empty() {
            errors.push(field_error(CURRENT_PASSWORD, FieldErrorCode::Required));
        }
        errors.extend(new_password_errors(&new_password, &repeat.get_untracked()));
        if !errors.is_empty() {
            failure.set(Some(Failure::Invalid(errors)));
            focus_later(ERRORS_ID);
            return;
        }
        failure.set(None);
        change.dispatch(ChangePasswordRequest {
            current_password,
            new_password,
        });
    };
    let codes = move || failure.with(|f| codes_for(&Failure::field_errors(f), CURRENT_PASSWORD));
    let username = auth.me().map(|me| me.username).unwrap_or_default();

    view! {
        <div id=ERRORS_ID tabindex="-1">
            {move || failure.get().map(|f| failure_summary(t, &f, &FIELDS, |c| password_error_text(t, c)))}
        </div>
        <form class="password-form" on:submit=on_submit novalidate>
            // For password managers: the account the new password belongs to.
            <input type="text" name="username" autocomplete="username" value=username hidden readonly/>
            <div class="field">
                <label for=CURRENT_PASSWORD_ID>{PUBLIC_TEXTS.of(t).current_password_label} {required_marker(t)}</label>
                <input
                    id=CURRENT_PASSWORD_ID
                    name=CURRENT_PASSWORD
                    type=move || if show.get() { "text" } else { "password" }
                    autocomplete="current-password"
                    autocapitalize="none"
                    spellcheck="false"
                    required
                    aria-invalid=move || (!codes().is_empty()).then_some("true")
                    aria-describedby=move || (!codes().is_empty()).then_some("current-password-error")
                    prop:value=current
                    on:input=move |ev| {
                        current.set(event_target_value(&ev));
                        forget_errors_of(failure, CURRENT_PASSWORD);
                    }
                />
                {field_errors_view("current-password-error".to_owned(), codes, move |c| password_error_text(t, c))}
            </div>
            <NewPasswordFields t password repeat show failure/>
            <button type="submit" class="button-primary button-inline" disabled=move || pending.get()>
                {move || if pending.get() { t.saving } else { PUBLIC_TEXTS.of(t).change_password_button }}
            </button>
        </form>
    }
}
