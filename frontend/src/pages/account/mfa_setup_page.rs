//! `/mfa-setup`: enrolling a second factor in three steps: scan the QR code
//! (or type the key), confirm with a code, save the recovery codes. Signed-in
//! users come from Settings; after a login refused with
//! `mfa_enrollment_required` the restricted token in memory (never in
//! storage) enrols, and the answer opens the session.

use super::settings_or_step;
use crate::api::ApiError;
use crate::components::detail::loading;
use crate::components::forms::{
    codes_for, conflict_notice, failure_summary, field_error, field_errors_view, focus_later,
    required_marker, show_failure, show_invalid, submit_once, Failure, FieldRef, SubmitButton,
};
use crate::components::mfa::{group_secret, six_digits, svg_data_url, RecoveryCodes};
use crate::components::password::forget_errors_of;
use crate::i18n::public_texts::PUBLIC_TEXTS;
use crate::i18n::{error_message, field_error_text, Texts};
use crate::routes::Page;
use crate::state::auth::{use_auth, use_texts};
use crate::state::flash::{use_flash, Notice};
use api_types::{FieldErrorCode, MfaSetupResponse, ProblemCode};
use leptos::prelude::*;
use leptos_router::components::A;
use leptos_router::hooks::use_navigate;
use leptos_router::NavigateOptions;

/// The request's name of the code, as the server's errors name it.
const CODE: &str = "code";
const CODE_ID: &str = "mfa-code";
const ERRORS_ID: &str = "mfa-setup-errors";
const CODES_HEADING_ID: &str = "recovery-codes-heading";
const FIELDS: [FieldRef; 1] = [FieldRef {
    field: CODE,
    id: CODE_ID,
    label: |t| t.mfa_code_label,
}];

/// The sentence for an error of the code field.
pub fn mfa_code_error_text(t: &Texts, code: FieldErrorCode) -> String {
    match code {
        FieldErrorCode::InvalidMfaCode => PUBLIC_TEXTS.of(t).mfa_code_mismatch,
        FieldErrorCode::SixDigits => PUBLIC_TEXTS.of(t).mfa_code_six_digits,
        code => field_error_text(t, code),
    }
    .to_owned()
}

/// The code typed, or what is wrong with it before sending.
fn code_or_error(typed: &str) -> Result<String, FieldErrorCode> {
    if typed.trim().is_empty() {
        return Err(FieldErrorCode::Required);
    }
    six_digits(typed).ok_or(FieldErrorCode::SixDigits)
}

#[component]
pub fn MfaSetupPage() -> impl IntoView {
    let auth = use_auth();
    settings_or_step(
        auth.mfa_enrollment_pending(),
        "login-card mfa-card",
        |t| PUBLIC_TEXTS.of(t).mfa_setup_title,
        |t| PUBLIC_TEXTS.of(t).mfa_required_notice,
        |t| PUBLIC_TEXTS.of(t).mfa_setup_intro,
        |enrolling| {
            if enrolling {
                view! { <MfaSteps enrolling/> }.into_any()
            } else {
                view! {
                    <div class="mfa-steps-page">
                        <MfaSteps enrolling/>
                    </div>
                }
                .into_any()
            }
        },
    )
}

/// The three steps. `enrolling`: with the restricted token of a refused
/// login; done, the user goes on to the home page, else back to Settings.
#[component]
fn MfaSteps(enrolling: bool) -> impl IntoView {
    let auth = use_auth();
    let t = use_texts();
    let flash = use_flash();
    let navigate = use_navigate();
    // Every visit starts a new enrolment: a secret the server keeps pending.
    let setup = LocalResource::new(move || auth.mfa_setup());
    let code = RwSignal::new(String::new());
    let failure = RwSignal::new(None::<Failure>);
    // 409: the pending secret is gone; start again for a new one.
    let expired = RwSignal::new(false);
    let codes = RwSignal::new(None::<Vec<String>>);

    let enable = Action::new_local(move |code: &String| {
        let code = code.clone();
        async move {
            match auth.mfa_enable(code).await {
                Ok(list) => {
                    codes.set(Some(list));
                    focus_later(CODES_HEADING_ID);
                }
                Err(err) if err.code() == Some(ProblemCode::Conflict) => {
                    expired.set(true);
                    focus_later(ERRORS_ID);
                }
                Err(err) => show_failure(failure, err, ERRORS_ID),
            }
        }
    });
    let pending = enable.pending();
    let on_submit = submit_once(pending, move || {
        expired.set(false);
        match code_or_error(&code.get_untracked()) {
            Ok(typed) => {
                failure.set(None);
                enable.dispatch(typed);
            }
            Err(error) => show_invalid(failure, vec![field_error(CODE, error)], ERRORS_ID),
        }
    });
    let start_again = move || {
        expired.set(false);
        failure.set(None);
        code.set(String::new());
        setup.refetch();
    };
    let done = move |_| {
        let to = if enrolling {
            Page::Home
        } else {
            Page::Settings
        };
        flash.show_on(to.path(), Notice::MfaEnabled);
        navigate(to.path(), NavigateOptions::default());
    };

    // The scan and code steps, once the server has answered the setup.
    let steps = move |t: &'static Texts, s: MfaSetupResponse| {
        view! {
            {scan_step(t, &s)}
            <section class="mfa-step" aria-labelledby="mfa-code-heading">
                <h2 id="mfa-code-heading">{PUBLIC_TEXTS.of(t).mfa_step_code}</h2>
                <div id=ERRORS_ID tabindex="-1">
                    {move || failure.get().map(|f| failure_summary(t, &f, &FIELDS, |c| mfa_code_error_text(t, c)))}
                    {move || expired.get().then(|| {
                        conflict_notice(PUBLIC_TEXTS.of(t).mfa_setup_expired, t.start_again, || false, start_again)
                    })}
                </div>
                {code_form(t, code, failure, pending, on_submit)}
            </section>
        }
    };

    // On the page before its text, so screen readers announce it.
    let live = view! {
        <div class="form-live" role="status" aria-live="polite">
            {move || codes.with(Option::is_some).then(|| view! { <p class="form-success">{t.get().mfa_enabled_done}</p> })}
        </div>
    };
    // The texts are read once per render; what the user typed or got lives
    // in the signals above, so a language change (the session's, once it
    // starts) loses nothing.
    let current = move || {
        let t = t.get();
        if let Some(list) = codes.get() {
            let username = auth.me().map(|me| me.username);
            return view! {
                <section class="mfa-step" aria-labelledby=CODES_HEADING_ID>
                    <h2 id=CODES_HEADING_ID tabindex="-1">{PUBLIC_TEXTS.of(t).mfa_step_codes}</h2>
                    <RecoveryCodes t codes=list username/>
                    <button type="button" class="button-primary button-inline codes-saved" on:click=done.clone()>
                        {PUBLIC_TEXTS.of(t).codes_saved_continue}
                    </button>
                </section>
            }
            .into_any();
        }
        let body = match setup.get() {
            None => loading(PUBLIC_TEXTS.of(t).mfa_setup_loading),
            Some(Err(err)) => failed_setup(t, &err, start_again).into_any(),
            Some(Ok(s)) => steps(t, s).into_any(),
        };
        view! {
            {body}
            {enrolling.then(|| view! {
                <p class="login-links">
                    <A href=Page::Login.path() attr:class="back-to-login">{PUBLIC_TEXTS.of(t).back_to_login}</A>
                </p>
            })}
        }
        .into_any()
    };
    view! { {live} {current} }
}

/// Step 1: the QR code, the key to type instead, and the link for an app
/// on this device.
fn scan_step(t: &'static Texts, s: &MfaSetupResponse) -> impl IntoView {
    view! {
        <section class="mfa-step" aria-labelledby="mfa-scan-heading">
            <h2 id="mfa-scan-heading">{PUBLIC_TEXTS.of(t).mfa_step_scan}</h2>
            <p class="hint">{PUBLIC_TEXTS.of(t).mfa_scan_help}</p>
            <img class="qr-code" src=svg_data_url(&s.qr_svg) alt=PUBLIC_TEXTS.of(t).mfa_qr_alt/>
            <p class="mfa-secret-label">{PUBLIC_TEXTS.of(t).mfa_secret_label}</p>
            <p class="mfa-secret">
                <code>{group_secret(&s.secret)}</code>
            </p>
            <p>
                // Another scheme: the router leaves it to the browser, which offers the app.
                <a href=s.otpauth_uri.clone() class="otpauth-link" rel="external">{PUBLIC_TEXTS.of(t).mfa_open_in_app}</a>
            </p>
        </section>
    }
}

/// Step 2's form: the code the app shows.
fn code_form(
    t: &'static Texts,
    code: RwSignal<String>,
    failure: RwSignal<Option<Failure>>,
    pending: Memo<bool>,
    on_submit: impl Fn(leptos::ev::SubmitEvent) + 'static,
) -> impl IntoView {
    let code_errors = move || failure.with(|f| codes_for(&Failure::field_errors(f), CODE));
    view! {
        <form class="mfa-code-form" on:submit=on_submit novalidate>
            <div class="field">
                <label for=CODE_ID>{t.mfa_code_label} {required_marker(t)}</label>
                <input
                    id=CODE_ID
                    name=CODE
                    type="text"
                    inputmode="numeric"
                    autocomplete="one-time-code"
                    autocapitalize="none"
                    spellcheck="false"
                    required
                    aria-invalid=move || (!code_errors().is_empty()).then_some("true")
                    aria-describedby=move || {
                        if code_errors().is_empty() { "mfa-code-help" } else { "mfa-code-help mfa-code-error" }
                    }
                    prop:value=code
                    on:input=move |ev| {
                        code.set(event_target_value(&ev));
                        forget_errors_of(failure, CODE);
                    }
                />
                <p id="mfa-code-help" class="field-help">{PUBLIC_TEXTS.of(t).mfa_setup_code_help}</p>
                {field_errors_view("mfa-code-error".to_owned(), code_errors, move |c| mfa_code_error_text(t, c))}
            </div>
            <SubmitButton class="button-primary button-inline" pending busy=PUBLIC_TEXTS.of(t).mfa_checking_code idle=t.mfa_enable_button/>
        </form>
    }
}

/// The setup call failed: why (a restricted token lasts 15 minutes, after
/// which the login must be done again), and a new try.
fn failed_setup(
    t: &'static Texts,
    err: &ApiError,
    start_again: impl Fn() + Copy + 'static,
) -> impl IntoView {
    view! {
        <div class="page-error" role="alert">
            <p>{error_message(t, err)}</p>
            {(!err.is_invalid_token()).then(|| view! {
                <button type="button" class="button-secondary" on:click=move |_| start_again()>
                    {t.start_again}
                </button>
            })}
        </div>
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::i18n::texts;
    use domain::Language;

    #[test]
    fn a_code_is_checked_before_sending() {
        assert_eq!(code_or_error("  "), Err(FieldErrorCode::Required));
        assert_eq!(code_or_error("12 34"), Err(FieldErrorCode::SixDigits));
        assert_eq!(code_or_error("123 456"), Ok("123456".to_owned()));
    }

    #[test]
    fn code_errors_have_their_own_sentences() {
        let en = texts(Language::En);
        assert_eq!(
            mfa_code_error_text(en, FieldErrorCode::InvalidMfaCode),
            PUBLIC_TEXTS.of(en).mfa_code_mismatch
        );
        assert_eq!(
            mfa_code_error_text(en, FieldErrorCode::SixDigits),
            PUBLIC_TEXTS.of(en).mfa_code_six_digits
        );
        assert_eq!(
            mfa_code_error_text(en, FieldErrorCode::Required),
            en.field_required
        );
    }
}
