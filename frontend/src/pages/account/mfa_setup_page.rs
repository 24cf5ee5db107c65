//! `/mfa-setup`: enrolling a second factor in three steps: scan the QR code
//! (or type the key), confirm with a code, save the recovery codes. Signed-in
//! users come from Settings and first confirm with their current password
//! (and, replacing a factor that is on, a current code from it); after a
//! login refused with `mfa_enrollment_required` the restricted token in
//! memory (never in storage) enrols, and the answer opens the session.

use super::settings_or_step;
use crate::api::ApiError;
use crate::components::detail::loading;
use crate::components::forms::{
    checked_input, conflict_notice, failure_summary, field_error, focus_later, show_failure,
    show_invalid, submit_once, CheckedInput, Failure, FieldRef, SubmitButton, Typing,
};
use crate::components::mfa::{
    confirm_code_input, confirmation, confirmation_summary, group_secret, six_digits, svg_data_url,
    RecoveryCodes, CONFIRM_CODE, CONFIRM_PASSWORD,
};
use crate::components::password::password_input;
use crate::i18n::public_texts::PUBLIC_TEXTS;
use crate::i18n::{error_message, field_error_text, Texts};
use crate::routes::Page;
use crate::state::auth::{use_auth, use_texts, Auth};
use crate::state::flash::{use_flash, Notice};
use api_types::{FieldErrorCode, MfaSetupResponse, PasswordConfirmation, ProblemCode};
use leptos::prelude::*;
use leptos_router::components::A;
use leptos_router::hooks::use_navigate;
use leptos_router::NavigateOptions;

/// The request's name of the code, as the server's errors name it.
const CODE: &str = "code";
const CODE_ID: &str = "mfa-code";
const ERRORS_ID: &str = "mfa-setup-errors";
const CODES_HEADING_ID: &str = "recovery-codes-heading";
const SCAN_HEADING_ID: &str = "mfa-scan-heading";
const FIELDS: [FieldRef; 1] = [FieldRef::new(CODE, CODE_ID, |t| t.mfa.code_label)];

const CONFIRM_HEADING_ID: &str = "mfa-confirm-heading";
const CONFIRM_ERRORS_ID: &str = "mfa-confirm-errors";
const CONFIRM_PASSWORD_ID: &str = "mfa-setup-password";
const CONFIRM_CODE_ID: &str = "mfa-confirm-code";
static CONFIRM_FIELDS: [FieldRef; 2] = [
    FieldRef::new(CONFIRM_PASSWORD, CONFIRM_PASSWORD_ID, |t| {
        PUBLIC_TEXTS.of(t).current_password_label
    }),
    FieldRef::new(CONFIRM_CODE, CONFIRM_CODE_ID, |t| {
        PUBLIC_TEXTS.of(t).mfa_confirm_code_label
    }),
];

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

/// What a signed-in user confirms the setup with, before the steps.
#[derive(Clone, Copy)]
struct Confirm {
    password: RwSignal<String>,
    /// Asked for when a factor is on: the new one replaces it.
    code: RwSignal<String>,
    failure: RwSignal<Option<Failure>>,
}

impl Confirm {
    fn new() -> Self {
        Self {
            password: RwSignal::new(String::new()),
            code: RwSignal::new(String::new()),
            failure: RwSignal::new(None),
        }
    }

    fn clear(self) {
        self.password.set(String::new());
        self.code.set(String::new());
        self.failure.set(None);
    }
}

/// What the steps learn on the way, from the server and the user.
#[derive(Clone, Copy)]
struct Progress {
    /// Every visit starts a new enrolment: a secret the server keeps pending.
    /// None: not asked for yet (a signed-in user confirms first), or on its way.
    setup: RwSignal<Option<Result<MfaSetupResponse, ApiError>>>,
    code: RwSignal<String>,
    failure: RwSignal<Option<Failure>>,
    /// 409: the pending secret is gone; start again for a new one.
    expired: RwSignal<bool>,
    /// The recovery codes, once the code confirmed the factor.
    codes: RwSignal<Option<Vec<String>>>,
}

impl Progress {
    fn new() -> Self {
        Self {
            setup: RwSignal::new(None),
            code: RwSignal::new(String::new()),
            failure: RwSignal::new(None),
            expired: RwSignal::new(false),
            codes: RwSignal::new(None),
        }
    }
}

/// The three steps. `enrolling`: with the restricted token of a refused
/// login; done, the user goes on to the home page, else back to Settings.
#[component]
fn MfaSteps(enrolling: bool) -> impl IntoView {
    let auth = use_auth();
    let t = use_texts();
    // A signed-in user whose factor is on replaces it: its code confirms too.
    let replacing = Memo::new(move |_| !enrolling && auth.me().is_some_and(|me| me.mfa_enabled));
    let confirm = Confirm::new();
    let progress = Progress::new();
    let start = start_action(auth, enrolling, confirm, progress.setup);
    if enrolling {
        start.dispatch(None);
    }
    let starting = start.pending();
    let on_confirm = submit_once(starting, send_confirmation(confirm, replacing, start));
    let enable = enable_action(auth, progress);
    let pending = enable.pending();
    let Progress {
        setup,
        code,
        failure,
        expired,
        codes,
    } = progress;
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
    // A signed-in user confirms again; the restricted token needs not.
    let start_again = move || {
        expired.set(false);
        failure.set(None);
        code.set(String::new());
        setup.set(None);
        if enrolling {
            start.dispatch(None);
        } else {
            focus_later(CONFIRM_HEADING_ID);
        }
    };
    let done = finish(enrolling);

    // The texts are read once per render; what the user typed or got lives
    // in the signals above, so a language change (the session's, once it
    // starts) loses nothing.
    let current = move || {
        let t = t.get();
        if let Some(list) = codes.get() {
            let username = auth.me().map(|me| me.username);
            return codes_step(t, list, username, done.clone()).into_any();
        }
        let body = match setup.get() {
            None if enrolling => loading(PUBLIC_TEXTS.of(t).mfa_setup_loading),
            None => confirm_step(t, confirm, replacing, starting, on_confirm).into_any(),
            Some(Err(err)) => failed_setup(t, &err, start_again).into_any(),
            Some(Ok(s)) => code_steps(t, &s, progress, pending, on_submit, start_again).into_any(),
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
    // On the page before its text, so screen readers announce it.
    view! {
        <div class="form-live" role="status" aria-live="polite">
            {move || codes.with(Option::is_some).then(|| view! { <p class="form-success">{t.get().mfa.enabled_done}</p> })}
        </div>
        {current}
    }
}

/// Asks the server for a new pending secret; a signed-in user sends the
/// confirmation with it, whose errors are said next to its fields.
fn start_action(
    auth: Auth,
    enrolling: bool,
    confirm: Confirm,
    setup: RwSignal<Option<Result<MfaSetupResponse, ApiError>>>,
) -> Action<Option<PasswordConfirmation>, ()> {
    Action::new_local(move |request: &Option<PasswordConfirmation>| {
        let request = request.clone();
        async move {
            match auth.mfa_setup(request).await {
                Ok(answer) => {
                    confirm.clear();
                    setup.set(Some(Ok(answer)));
                    if !enrolling {
                        focus_later(SCAN_HEADING_ID);
                    }
                }
                // The password or code was wrong or missing: said next to them.
                Err(err) if !enrolling && err.code() == Some(ProblemCode::ValidationFailed) => {
                    show_failure(confirm.failure, err, CONFIRM_ERRORS_ID);
                }
                Err(err) => setup.set(Some(Err(err))),
            }
        }
    })
}

/// Sends what a signed-in user confirms the setup with, or says what is
/// missing.
fn send_confirmation(
    confirm: Confirm,
    replacing: Memo<bool>,
    start: Action<Option<PasswordConfirmation>, ()>,
) -> impl Fn() + Copy + 'static {
    move || {
        let code = replacing
            .get_untracked()
            .then(|| confirm.code.get_untracked());
        match confirmation(confirm.password.get_untracked(), code) {
            Ok(request) => {
                confirm.failure.set(None);
                start.dispatch(Some(request));
            }
            Err(missing) => show_invalid(confirm.failure, missing, CONFIRM_ERRORS_ID),
        }
    }
}

/// Turns the factor on with a code from the app; the answer is the
/// recovery codes.
fn enable_action(auth: Auth, progress: Progress) -> Action<String, ()> {
    let Progress {
        failure,
        expired,
        codes,
        ..
    } = progress;
    Action::new_local(move |code: &String| {
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
    })
}

/// After the codes are saved: on to the home page (enrolling) or back to
/// Settings, which says the factor is on.
fn finish(enrolling: bool) -> impl Fn(leptos::ev::MouseEvent) + Clone + 'static {
    let flash = use_flash();
    let navigate = use_navigate();
    move |_| {
        let to = if enrolling {
            Page::Home
        } else {
            Page::Settings
        };
        flash.show_on(to.path(), Notice::MfaEnabled);
        navigate(to.path(), NavigateOptions::default());
    }
}

/// The scan and code steps, once the server has answered the setup.
fn code_steps(
    t: &'static Texts,
    s: &MfaSetupResponse,
    progress: Progress,
    pending: Memo<bool>,
    on_submit: impl Fn(leptos::ev::SubmitEvent) + 'static,
    start_again: impl Fn() + Copy + Send + Sync + 'static,
) -> impl IntoView {
    let Progress {
        code,
        failure,
        expired,
        ..
    } = progress;
    view! {
        {scan_step(t, s)}
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
}

/// The last step: the recovery codes, to save before going on.
fn codes_step(
    t: &'static Texts,
    codes: Vec<String>,
    username: Option<String>,
    done: impl Fn(leptos::ev::MouseEvent) + 'static,
) -> impl IntoView {
    view! {
        <section class="mfa-step" aria-labelledby=CODES_HEADING_ID>
            <h2 id=CODES_HEADING_ID tabindex="-1">{PUBLIC_TEXTS.of(t).mfa_step_codes}</h2>
            <RecoveryCodes t codes username/>
            <button type="button" class="button-primary button-inline codes-saved" on:click=done>
                {PUBLIC_TEXTS.of(t).codes_saved_continue}
            </button>
        </section>
    }
}

/// Before a signed-in user's steps: the current password and, when a factor
/// is on (the new one replaces it), a current code from it or a recovery
/// code.
fn confirm_step(
    t: &'static Texts,
    confirm: Confirm,
    replacing: Memo<bool>,
    pending: Memo<bool>,
    on_submit: impl Fn(leptos::ev::SubmitEvent) + 'static,
) -> impl IntoView {
    let Confirm {
        password,
        code,
        failure,
    } = confirm;
    let texts = PUBLIC_TEXTS.of(t);
    view! {
        <section class="mfa-step" aria-labelledby=CONFIRM_HEADING_ID>
            <h2 id=CONFIRM_HEADING_ID tabindex="-1">{texts.mfa_step_confirm}</h2>
            <p class="hint">
                {move || if replacing.get() { texts.mfa_replace_confirm_intro } else { texts.mfa_setup_confirm_intro }}
            </p>
            <div id=CONFIRM_ERRORS_ID tabindex="-1">
                {move || failure.get().map(|f| confirmation_summary(t, &f, &CONFIRM_FIELDS))}
            </div>
            <form class="mfa-confirm-form" on:submit=on_submit novalidate>
                {password_input(t, CONFIRM_PASSWORD_ID, CONFIRM_PASSWORD, texts.current_password_label, "current-password", None, password, None, failure)}
                {move || replacing.get().then(|| confirm_code_input(t, CONFIRM_CODE_ID, texts.mfa_confirm_code_label, code, failure))}
                <SubmitButton class="button-primary button-inline" pending busy=texts.mfa_confirming idle=texts.mfa_setup_continue/>
            </form>
        </section>
    }
}

/// Step 1: the QR code, the key to type instead, and the link for an app
/// on this device.
fn scan_step(t: &'static Texts, s: &MfaSetupResponse) -> impl IntoView {
    view! {
        <section class="mfa-step" aria-labelledby=SCAN_HEADING_ID>
            <h2 id=SCAN_HEADING_ID tabindex="-1">{PUBLIC_TEXTS.of(t).mfa_step_scan}</h2>
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
    let input = CheckedInput {
        id: CODE_ID,
        field: CODE,
        label: t.mfa.code_label,
        autocomplete: "one-time-code",
        typing: Typing::Code { numeric: true },
        help: Some("mfa-code-help"),
        help_text: Some(PUBLIC_TEXTS.of(t).mfa_setup_code_help),
    };
    view! {
        <form class="mfa-code-form" on:submit=on_submit novalidate>
            {checked_input(t, input, code, failure, move |c| mfa_code_error_text(t, c))}
            <SubmitButton class="button-primary button-inline" pending busy=PUBLIC_TEXTS.of(t).mfa_checking_code idle=t.mfa.enable_button/>
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
