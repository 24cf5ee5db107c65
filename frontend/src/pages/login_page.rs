//! `/login`: user name and password. A password older than 90 days leads
//! on to `/change-password`; a deactivated account and too many attempts
//! are explained in the user's language.

use crate::api::client::LoginRefused;
use crate::components::document::set_title;
use crate::components::forms::drawn;
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

/// Why the last attempt failed.
#[derive(Debug, Clone, PartialEq)]
enum LoginFailure {
    MissingFields,
    Api(LoginRefused),
}

fn failure_message(t: &Texts, failure: &LoginFailure) -> String {
    match failure {
        LoginFailure::MissingFields => t.login_missing_fields.to_owned(),
        LoginFailure::Api(LoginRefused {
            error,
            retry_after_secs: Some(secs),
        }) if error.code() == Some(ProblemCode::TooManyRequests) => retry_message(t, *secs),
        LoginFailure::Api(refused) => error_message(t, &refused.error),
    }
}

#[component]
pub fn LoginPage() -> impl IntoView {
    let auth = use_auth();
    let t = use_texts();
    Effect::new(move |_| set_title(t.get().login_title, t.get().product_name));

    // Signed in (just now, or by the start-up refresh): go home.
    let navigate = use_navigate();
    let to_change_password = navigate.clone();
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
    let failure = RwSignal::new(None::<LoginFailure>);
    // "Your password is set", after an activation or reset link.
    let flash = use_flash();
    let ready = drawn();
    let notice = move || {
        ready
            .get()
            .then(|| flash.for_path(Page::Login.path()))
            .flatten()
    };

    let login = Action::new_local(move |(username, password): &(String, String)| {
        let (username, password) = (username.clone(), password.clone());
        let to_change_password = to_change_password.clone();
        async move {
            match auth.login(username, password).await {
                Ok(()) => {}
                // The password was right but is too old: set a new one
                // with the token the answer carried (kept in memory).
                Err(refused)
                    if refused.error.code() == Some(ProblemCode::PasswordExpired)
                        && auth.password_change_pending() =>
                {
                    to_change_password(Page::ChangePassword.path(), NavigateOptions::default());
                }
                Err(refused) => failure.set(Some(LoginFailure::Api(refused))),
            }
        }
    });
    let submitting = login.pending();

    let on_submit = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        if submitting.get_untracked() {
            return;
        }
        let value = |input: NodeRef<html::Input>| {
            input
                .get_untracked()
                .map(|el| el.value())
                .unwrap_or_default()
        };
        let (username, password) = (
            value(username_input).trim().to_owned(),
            value(password_input),
        );
        if username.is_empty() || password.is_empty() {
            failure.set(Some(LoginFailure::MissingFields));
            return;
        }
        failure.set(None);
        login.dispatch((username, password));
    };

    view! {
        <main id="main" class="login-main" tabindex="-1">
            <div class="login-card">
                <p class="login-product">{move || t.get().product_name}</p>
                <h1>{move || t.get().login_title}</h1>
                <p class="login-intro">{move || t.get().login_intro}</p>
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
                <form class="login-form" on:submit=on_submit novalidate>
                    <div class="field">
                        <label for="username">
                            {move || t.get().username_label}
                            <span class="required">" " {move || t.get().required_marker}</span>
                        </label>
                        <input
                            node_ref=username_input
                            id="username"
                            name="username"
                            type="text"
                            autocomplete="username"
                            autocapitalize="none"
                            spellcheck="false"
                            required
                            aria-invalid=move || failure.with(Option::is_some).then_some("true")
                            aria-describedby=move || failure.with(Option::is_some).then_some("login-error")
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
                            aria-invalid=move || failure.with(Option::is_some).then_some("true")
                            aria-describedby=move || failure.with(Option::is_some).then_some("login-error")
                        />
                    </div>
                    <button type="submit" class="button-primary" disabled=move || submitting.get()>
                        {move || if submitting.get() { t.get().login_busy } else { t.get().login_button }}
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
            </div>
        </main>
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::api::ApiError;
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
    }
}
