//! `/login`: user name and password, then for an account with a second
//! factor the code from the authenticator app (or a recovery code). A
//! password older than 90 days leads on to `/change-password`, a parent
//! account that requires a second factor the user has not set up to
//! `/mfa-setup`; a deactivated account and too many attempts are explained
//! in the user's language.

use crate::api::ApiError;
use crate::api::LoginRefused;
use crate::components::document::use_title;
use crate::components::forms::{drawn, focus_later};
use crate::i18n::{error_message, retry_message, Texts};
use crate::routes::Page;
use crate::state::auth::{use_auth, use_texts, Auth, AuthStatus};
use crate::state::flash::{notice_text, use_flash};
use api_types::ProblemCode;
use leptos::html;
use leptos::prelude::*;
use leptos_router::components::A;
use leptos_router::hooks::use_navigate;
use leptos_router::NavigateOptions;
use std::rc::Rc;

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
        LoginFailure::MissingCode => t.mfa.code_missing.to_owned(),
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
    use_title(move |t| t.login_title);

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

    let form = LoginForm::new(t);
    let login = login_action(
        auth,
        form,
        Rc::new(move |path: &str| {
            to_restricted(path, NavigateOptions::default());
        }),
    );
    let submitting = login.pending().into();
    // "Your password is set", after an activation or reset link.
    let flash = use_flash();
    let ready = drawn();
    let notice = move || {
        ready
            .get()
            .then(|| flash.for_path(Page::Login.path()))
            .flatten()
    };
    let code_step = form.code_step;

    view! {
        <main id="main" class="login-main" tabindex="-1">
            <div class="login-card">
                <p class="login-product">{move || t.get().product_name}</p>
                <h1>{move || if code_step.get() { t.get().mfa.code_title } else { t.get().login_title }}</h1>
                <p class="login-intro">
                    {move || if code_step.get() { t.get().mfa.code_intro } else { t.get().login_intro }}
                </p>
                <div class="form-live" role="status" aria-live="polite">
                    {move || notice().map(|notice| view! {
                        <p class="form-success">{notice_text(t.get(), &notice)}</p>
                    })}
                </div>
                {move || {
                    form.failure
                        .get()
                        .map(|failure| {
                            view! {
                                <p id="login-error" class="form-error" role="alert">
                                    {move || failure_message(t.get(), &failure)}
                                </p>
                            }
                        })
                }}
                {move || {
                    if code_step.get() {
                        code_form(form, submitting, login).into_any()
                    } else {
                        password_form(form, submitting, login).into_any()
                    }
                }}
            </div>
        </main>
    }
}

/// Goes to a page of the app.
type Go = Rc<dyn Fn(&str)>;

/// What the two steps of the login share: their fields, the last failure,
/// and what is kept between the steps.
#[derive(Clone, Copy)]
struct LoginForm {
    t: Signal<&'static Texts>,
    username: NodeRef<html::Input>,
    password: NodeRef<html::Input>,
    code: NodeRef<html::Input>,
    failure: RwSignal<Option<LoginFailure>>,
    // After a right password for an account with a second factor: the user
    // name and password, in memory only, to send again with the code.
    credentials: StoredValue<Option<(String, String)>>,
    code_step: RwSignal<bool>,
    // Typing a recovery code: letters on a phone's keyboard, not digits.
    recovery: RwSignal<bool>,
    // The user name typed, for the form when it comes back.
    typed_username: StoredValue<String>,
}

impl LoginForm {
    fn new(t: Signal<&'static Texts>) -> Self {
        Self {
            t,
            username: NodeRef::new(),
            password: NodeRef::new(),
            code: NodeRef::new(),
            failure: RwSignal::new(None),
            credentials: StoredValue::new(None),
            code_step: RwSignal::new(false),
            recovery: RwSignal::new(false),
            typed_username: StoredValue::new(String::new()),
        }
    }

    fn failed(self) -> bool {
        self.failure.with(Option::is_some)
    }

    /// The field's `aria-describedby`: its help and, after a failure, the error.
    fn described(self, help: &'static str) -> impl Fn() -> Option<String> + Copy {
        move || {
            let mut ids = help.to_owned();
            if self.failed() {
                ids.push_str(" login-error");
            }
            Some(ids.trim().to_owned()).filter(|ids| !ids.is_empty())
        }
    }

    /// Back to the first step.
    fn start_again(self) {
        self.credentials.set_value(None);
        self.failure.set(None);
        self.code_step.set(false);
        focus_later(USERNAME_ID);
    }
}

fn value(input: NodeRef<html::Input>) -> String {
    input
        .get_untracked()
        .map(|el| el.value())
        .unwrap_or_default()
}

/// Sends an attempt and takes the answer: signed in, on to a required step
/// (`go`), the code step, or a failure to show.
fn login_action(auth: Auth, form: LoginForm, go: Go) -> Action<Attempt, ()> {
    let go = StoredValue::new_local(go);
    Action::new_local(move |(username, password, code): &Attempt| {
        let (username, password, code) = (username.clone(), password.clone(), code.clone());
        let go = go.get_value();
        async move {
            let with_code = code.is_some();
            let Err(refused) = auth.login(username.clone(), password.clone(), code).await else {
                form.credentials.set_value(None);
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
                form.credentials.set_value(None);
                go(page.path());
                return;
            }
            let code_asked = refused.error.code() == Some(ProblemCode::MfaRequired);
            if code_asked && !with_code {
                form.credentials.set_value(Some((username, password)));
                form.failure.set(None);
                form.recovery.set(false);
                form.code_step.set(true);
                focus_later(CODE_ID);
                return;
            }
            if with_code && back_to_password(&refused.error) {
                form.credentials.set_value(None);
                form.code_step.set(false);
                focus_later(USERNAME_ID);
            } else if with_code {
                // A wrong code: type it again.
                if let Some(input) = form.code.get_untracked() {
                    input.set_value("");
                }
                focus_later(CODE_ID);
            }
            form.failure.set(Some(LoginFailure::Api(refused)));
        }
    })
}

/// The submit button: "Log in", or busy while an attempt is under way.
fn submit_button(t: Signal<&'static Texts>, submitting: Signal<bool>) -> impl IntoView {
    view! {
        <button type="submit" class="button-primary" disabled=move || submitting.get()>
            {move || if submitting.get() { t.get().login_busy } else { t.get().login_button }}
        </button>
    }
}

/// A required text field's label.
fn required_label(
    t: Signal<&'static Texts>,
    id: &'static str,
    label: fn(&Texts) -> &'static str,
) -> impl IntoView {
    view! {
        <label for=id>
            {move || label(t.get())}
            <span class="required">" " {move || t.get().required_marker}</span>
        </label>
    }
}

/// The first step: user name and password, and the links for those who
/// have neither at hand.
fn password_form(
    form: LoginForm,
    submitting: Signal<bool>,
    login: Action<Attempt, ()>,
) -> impl IntoView {
    let t = form.t;
    let on_submit = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        if submitting.get_untracked() {
            return;
        }
        let (username, password) = (value(form.username).trim().to_owned(), value(form.password));
        form.typed_username.set_value(username.clone());
        if username.is_empty() || password.is_empty() {
            form.failure.set(Some(LoginFailure::MissingFields));
            return;
        }
        form.failure.set(None);
        login.dispatch((username, password, None));
    };
    let invalid = move || form.failed().then_some("true");
    view! {
        <form class="login-form" on:submit=on_submit novalidate>
            <div class="field">
                {required_label(t, USERNAME_ID, |t| t.username_label)}
                <input
                    node_ref=form.username
                    id=USERNAME_ID
                    name="username"
                    type="text"
                    autocomplete="username"
                    autocapitalize="none"
                    spellcheck="false"
                    required
                    value=form.typed_username.get_value()
                    aria-invalid=invalid
                    aria-describedby=form.described("")
                />
            </div>
            <div class="field">
                {required_label(t, "password", |t| t.password_label)}
                <input
                    node_ref=form.password
                    id="password"
                    name="password"
                    type="password"
                    autocomplete="current-password"
                    required
                    aria-invalid=invalid
                    aria-describedby=form.described("")
                />
            </div>
            {submit_button(t, submitting)}
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
}

/// The second step: the code, sent with the user name and password kept
/// from the first.
fn code_form(
    form: LoginForm,
    submitting: Signal<bool>,
    login: Action<Attempt, ()>,
) -> impl IntoView {
    let (t, recovery) = (form.t, form.recovery);
    let on_submit = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        if submitting.get_untracked() {
            return;
        }
        let code = value(form.code).trim().to_owned();
        if code.is_empty() {
            form.failure.set(Some(LoginFailure::MissingCode));
            return;
        }
        let Some((username, password)) = form.credentials.get_value() else {
            form.code_step.set(false);
            return;
        };
        form.failure.set(None);
        login.dispatch((username, password, Some(code)));
    };
    view! {
        <form class="login-form mfa-code-form" on:submit=on_submit novalidate>
            <div class="field">
                {required_label(t, CODE_ID, |t| t.mfa.code_label)}
                <input
                    node_ref=form.code
                    id=CODE_ID
                    name="mfa_code"
                    type="text"
                    inputmode=move || if recovery.get() { "text" } else { "numeric" }
                    autocomplete="one-time-code"
                    autocapitalize="none"
                    spellcheck="false"
                    required
                    aria-invalid=move || form.failed().then_some("true")
                    aria-describedby=form.described("mfa-code-hint")
                />
                <p id="mfa-code-hint" class="field-help">{move || t.get().mfa.code_hint}</p>
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
                <label for="use-recovery-code">{move || t.get().mfa.use_recovery_code}</label>
            </div>
            {submit_button(t, submitting)}
        </form>
        <p class="login-links">
            <button type="button" class="link-button start-again" on:click=move |_| form.start_again()>
                {move || t.get().start_again}
            </button>
        </p>
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
        assert_eq!(failure_message(t, &network), t.errors.network);
        assert_eq!(
            failure_message(t, &LoginFailure::MissingCode),
            t.mfa.code_missing
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
            error: crate::api::error::problem(code, None),
            retry_after_secs,
        })
    }

    #[test]
    fn refusals_are_explained_in_the_users_language() {
        let nl = texts(Language::Nl);
        assert_eq!(
            failure_message(nl, &refused(ProblemCode::AccountDeactivated, None)),
            nl.errors.account_deactivated
        );
        let en = texts(Language::En);
        assert_eq!(
            failure_message(en, &refused(ProblemCode::TooManyRequests, Some(200))),
            "Too many attempts. Try again in 4 minutes."
        );
        assert_eq!(
            failure_message(en, &refused(ProblemCode::TooManyRequests, Some(30))),
            en.errors.retry_in_one_minute
        );
        assert_eq!(
            failure_message(en, &refused(ProblemCode::TooManyRequests, None)),
            en.errors.too_many_requests
        );
        assert_eq!(
            failure_message(nl, &refused(ProblemCode::InvalidMfaCode, None)),
            nl.errors.invalid_mfa_code
        );
    }
}
