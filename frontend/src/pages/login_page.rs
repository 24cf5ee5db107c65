//! `/login`: user name and password, then for an account with a second
//! factor the code from the authenticator app (or a recovery code). A
//! password older than 90 days leads on to `/change-password`, a parent
//! account that requires a second factor the user has not set up to
//! `/mfa-setup`; a deactivated account and too many attempts are explained
//! in the user's language.

use crate::api::client::LoginRefused;
use crate::api::ApiError;
use crate::components::document::set_title;
use crate::components::forms::{drawn, focus_later};
use crate::i18n::{error_message, retry_message, Texts};
use crate::routes::Page;
use crate::state::auth::{use_auth, use_texts, AuthStatus};
use crate::state::flash::{notice_text, use_flash};
use api_types::ProblemCode;
use leptos::html;
use leptos::prelude::*;
use leptos_router::components::A;
use leptos_router::hooks::use_navigate;
use leptos_router::NavigateOptions;

const USERNAME_ID: &str = "username";
const CODE_ID: &str = "mfa-code";

/// Why the last attempt failed.
#[derive(Debug, Clone, PartialEq)]
enum LoginFailure {
    MissingFields,
    MissingCode,
    Api(LoginRefused),
}

fn failure_message(t: &Texts, failure: &LoginFailure) -> String {
    match failure {
        LoginFailure::MissingFields => t.login_missing_fields.to_owned(),
        LoginFailure::MissingCode => t.mfa_code_missing.to_owned(),
        LoginFailure::Api(LoginRefused {
            error,
            retry_after_secs: Some(secs),
        }) if error.code() == Some(ProblemCode::TooManyRequests) => retry_message(t, *secs),
        LoginFailure::Api(refused) => error_message(t, &refused.error),
    }
}

/// Refused at the code step for the account, not the code (locked after
/// too many wrong codes, deactivated meanwhile): start again from the password.
fn back_to_password(error: &ApiError) -> bool {
    matches!(
        error.code(),
        Some(ProblemCode::InvalidCredentials | ProblemCode::AccountDeactivated)
    )
}

/// One attempt: user name, password, and the code at the second step.
type Attempt = (String, String, Option<String>);

#[component]
pub fn LoginPage() -> impl IntoView {
    let auth = use_auth();
    let t = use_texts();
    Effect::new(move |_| {
        let t = t.get();
        set_title(t.login_title, t.product_name);
    });

    // Signed in (just now, or by the start-up refresh): go home.
    let navigate = use_navigate();
    let to_restricted = navigate.clone();
    Effect::new(move |_| {
        if auth.status() == AuthStatus::SignedIn {
            navigate(
                Page::Home.path(),
                NavigateOptions {
                    replace: true,
                    ..NavigateOptions::default()
                },
            );
        }
    });

    let username_input = NodeRef::<html::Input>::new();
    let password_input = NodeRef::<html::Input>::new();
    let code_input = NodeRef::<html::Input>::new();
    let failure = RwSignal::new(None::<LoginFailure>);
    // After a right password for an account with a second factor: the user
    // name and password, in memory only, to send again with the code.
    let credentials = StoredValue::new(None::<(String, String)>);
    let code_step = RwSignal::new(false);
    // Typing a recovery code: letters on a phone's keyboard, not digits.
    let recovery = RwSignal::new(false);
    // The user name typed, for the form when it comes back.
    let typed_username = StoredValue::new(String::new());
    // "Your password is set", after an activation or reset link.
    let flash = use_flash();
    let ready = drawn();
    let notice = move || {
        ready
            .get()
            .then(|| flash.for_path(Page::Login.path()))
            .flatten()
    };

    let login = Action::new_local(move |(username, password, code): &Attempt| {
        let (username, password, code) = (username.clone(), password.clone(), code.clone());
        let navigate = to_restricted.clone();
        async move {
            let with_code = code.is_some();
            let Err(refused) = auth.login(username.clone(), password.clone(), code).await else {
                credentials.set_value(None);
                return;
            };
            // The password was right, but first a new one, or a second
            // factor to set up, with the token the answer carried (kept in memory).
            let next = match refused.error.code() {
                Some(ProblemCode::PasswordExpired) if auth.password_change_pending() => {
                    Some(Page::ChangePassword)
                }
                Some(ProblemCode::MfaEnrollmentRequired) if auth.mfa_enrollment_pending() => {
                    Some(Page::MfaSetup)
                }
                _ => None,
            };
            if let Some(page) = next {
                credentials.set_value(None);
                navigate(page.path(), NavigateOptions::default());
                return;
            }
            let code_asked = refused.error.code() == Some(ProblemCode::MfaRequired);
            if code_asked && !with_code {
                credentials.set_value(Some((username, password)));
                failure.set(None);
                recovery.set(false);
                code_step.set(true);
                focus_later(CODE_ID);
                return;
            }
            if with_code && back_to_password(&refused.error) {
                credentials.set_value(None);
                code_step.set(false);
                focus_later(USERNAME_ID);
            } else if with_code {
                // A wrong code: type it again.
                if let Some(input) = code_input.get_untracked() {
                    input.set_value("");
                }
                focus_later(CODE_ID);
            }
            failure.set(Some(LoginFailure::Api(refused)));
        }
    });
    let submitting = login.pending();

    let value = |input: NodeRef<html::Input>| {
        input
            .get_untracked()
            .map(|el| el.value())
            .unwrap_or_default()
    };
    let on_submit = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        if submitting.get_untracked() {
            return;
        }
        let (username, password) = (
            value(username_input).trim().to_owned(),
            value(password_input),
        );
        typed_username.set_value(username.clone());
        if username.is_empty() || password.is_empty() {
            failure.set(Some(LoginFailure::MissingFields));
            return;
        }
        failure.set(None);
        login.dispatch((username, password, None));
    };
    let on_code_submit = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        if submitting.get_untracked() {
            return;
        }
        let code = value(code_input).trim().to_owned();
        if code.is_empty() {
            failure.set(Some(LoginFailure::MissingCode));
            return;
        }
        let Some((username, password)) = credentials.get_value() else {
            code_step.set(false);
            return;
        };
        failure.set(None);
        login.dispatch((username, password, Some(code)));
    };
    let start_again = move |_| {
        credentials.set_value(None);
        failure.set(None);
        code_step.set(false);
        focus_later(USERNAME_ID);
    };
    let failed = move || failure.with(Option::is_some);
    let described = move |help: &'static str| {
        move || {
            let mut ids = help.to_owned();
            if failed() {
                ids.push_str(" login-error");
            }
            Some(ids.trim().to_owned()).filter(|ids| !ids.is_empty())
        }
    };
    let button_text = move || {
        if submitting.get() {
            t.get().login_busy
        } else {
            t.get().login_button
        }
    };

    let password_form = move || {
        view! {
            <form class="login-form" on:submit=on_submit novalidate>
                <div class="field">
                    <label for=USERNAME_ID>
                        {move || t.get().username_label}
                        <span class="required">" " {move || t.get().required_marker}</span>
                    </label>
                    <input
                        node_ref=username_input
                        id=USERNAME_ID
                        name="username"
                        type="text"
                        autocomplete="username"
                        autocapitalize="none"
                        spellcheck="false"
                        required
                        value=typed_username.get_value()
                        aria-invalid=move || failed().then_some("true")
                        aria-describedby=described("")
                    />
                </div>
                <div class="field">
                    <label for="password">
                        {move || t.get().password_label}
                        <span class="required">" " {move || t.get().required_marker}</span>
                    </label>
                    <input
                        node_ref=password_input
                        id="password"
                        name="password"
                        type="password"
                        autocomplete="current-password"
                        required
                        aria-invalid=move || failed().then_some("true")
                        aria-describedby=described("")
                    />
                </div>
                <button type="submit" class="button-primary" disabled=move || submitting.get()>
                    {button_text}
                </button>
            </form>
            <p class="login-links">
                <A href=Page::ForgotPassword.path() attr:class="forgot-password">
                    {move || t.get().forgot_password_link}
                </A>
            </p>
            <p class="login-links request-access">
                {move || t.get().no_account}
                " "
                <A href=Page::RequestAccess.path() attr:class="request-access-link">
                    {move || t.get().request_access_link}
                </A>
            </p>
        }
    };
    // The second step: the code, sent with the user name and password kept above.
    let code_form = move || {
        view! {
            <form class="login-form mfa-code-form" on:submit=on_code_submit novalidate>
                <div class="field">
                    <label for=CODE_ID>
                        {move || t.get().mfa_code_label}
                        <span class="required">" " {move || t.get().required_marker}</span>
                    </label>
                    <input
                        node_ref=code_input
                        id=CODE_ID
                        name="mfa_code"
                        type="text"
                        inputmode=move || if recovery.get() { "text" } else { "numeric" }
                        autocomplete="one-time-code"
                        autocapitalize="none"
                        spellcheck="false"
                        required
                        aria-invalid=move || failed().then_some("true")
                        aria-describedby=described("mfa-code-hint")
                    />
                    <p id="mfa-code-hint" class="field-help">{move || t.get().mfa_code_hint}</p>
                </div>
                <div class="choice recovery-choice">
                    <input
                        type="checkbox"
                        id="use-recovery-code"
                        prop:checked=recovery
                        on:change=move |ev| {
                            recovery.set(event_target_checked(&ev));
                            focus_later(CODE_ID);
                        }
                    />
                    <label for="use-recovery-code">{move || t.get().mfa_use_recovery_code}</label>
                </div>
                <button type="submit" class="button-primary" disabled=move || submitting.get()>
                    {button_text}
                </button>
            </form>
            <p class="login-links">
                <button type="button" class="link-button start-again" on:click=start_again>
                    {move || t.get().start_again}
                </button>
            </p>
        }
    };

    view! {
        <main id="main" class="login-main" tabindex="-1">
            <div class="login-card">
                <p class="login-product">{move || t.get().product_name}</p>
                <h1>{move || if code_step.get() { t.get().mfa_code_title } else { t.get().login_title }}</h1>
                <p class="login-intro">
                    {move || if code_step.get() { t.get().mfa_code_intro } else { t.get().login_intro }}
                </p>
                <div class="form-live" role="status" aria-live="polite">
                    {move || notice().map(|notice| view! {
                        <p class="form-success">{notice_text(t.get(), &notice)}</p>
                    })}
                </div>
                {move || {
                    failure
                        .get()
                        .map(|failure| {
                            view! {
                                <p id="login-error" class="form-error" role="alert">
                                    {move || failure_message(t.get(), &failure)}
                                </p>
                            }
                        })
                }}
                {move || if code_step.get() { code_form().into_any() } else { password_form().into_any() }}
            </div>
        </main>
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::i18n::texts;
    use domain::Language;

    #[test]
    fn empty_fields_are_caught_before_calling_the_server() {
        let t = texts(Language::En);
        assert_eq!(
            failure_message(t, &LoginFailure::MissingFields),
            t.login_missing_fields
        );
        let network = LoginFailure::Api(ApiError::Network("offline".into()).into());
        assert_eq!(failure_message(t, &network), t.error_network);
        assert_eq!(
            failure_message(t, &LoginFailure::MissingCode),
            t.mfa_code_missing
        );
    }

    #[test]
    fn a_refused_code_stays_on_the_code_step_unless_the_account_was() {
        let error = |code| match refused(code, None) {
            LoginFailure::Api(refused) => refused.error,
            _ => unreachable!(),
        };
        assert!(!back_to_password(&error(ProblemCode::InvalidMfaCode)));
        assert!(!back_to_password(&error(ProblemCode::TooManyRequests)));
        assert!(!back_to_password(&ApiError::Network("offline".into())));
        assert!(back_to_password(&error(ProblemCode::InvalidCredentials)));
        assert!(back_to_password(&error(ProblemCode::AccountDeactivated)));
    }

    fn refused(code: ProblemCode, retry_after_secs: Option<u64>) -> LoginFailure {
        LoginFailure::Api(LoginRefused {
            error: ApiError::Problem(api_types::ProblemDetails {
                type_uri: "about:blank".into(),
                title: "t".into(),
                status: 429,
                detail: "server detail, not shown".into(),
                code,
                request_id: None,
                errors: Vec::new(),
                restricted_token: None,
            }),
            retry_after_secs,
        })
    }

    #[test]
    fn refusals_are_explained_in_the_users_language() {
        let nl = texts(Language::Nl);
        assert_eq!(
            failure_message(nl, &refused(ProblemCode::AccountDeactivated, None)),
            nl.error_account_deactivated
        );
        let en = texts(Language::En);
        assert_eq!(
            failure_message(en, &refused(ProblemCode::TooManyRequests, Some(200))),
            "Too many attempts. Try again in 4 minutes."
        );
        assert_eq!(
            failure_message(en, &refused(ProblemCode::TooManyRequests, Some(30))),
            en.error_retry_in_one_minute
        );
        assert_eq!(
            failure_message(en, &refused(ProblemCode::TooManyRequests, None)),
            en.error_too_many_requests
        );
        assert_eq!(
            failure_message(nl, &refused(ProblemCode::InvalidMfaCode, None)),
            nl.error_invalid_mfa_code
        );
    }
}
