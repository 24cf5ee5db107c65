//! `/forgot-password` (no login): asks for a reset link by email. The
//! answer is the same whether or not an account uses the address, so the
//! page never tells who has an account.

use crate::components::document::set_title;
use crate::components::forms::{
    codes_for, failure_summary, field_error, field_errors_view, focus_later, required_marker,
    Failure, FieldRef,
};
use crate::i18n::public_texts::PUBLIC_TEXTS;
use crate::i18n::Texts;
use crate::routes::Page;
use crate::state::auth::{use_auth, use_texts};
use api_types::{FieldErrorCode, PasswordResetRequest};
use domain::Email;
use leptos::prelude::*;
use leptos_router::components::A;

const EMAIL: FieldRef = FieldRef {
    field: "email",
    id: "email",
    label: |t| t.email_label,
};
const ERRORS_ID: &str = "forgot-errors";

/// What is wrong with the typed address, caught before sending.
pub fn email_check(raw: &str) -> Option<FieldErrorCode> {
    let raw = raw.trim();
    if raw.is_empty() {
        Some(FieldErrorCode::Required)
    } else if Email::parse(raw).is_err() {
        Some(FieldErrorCode::InvalidEmail)
    } else {
        None
    }
}

/// The sentence for an email field error.
pub fn email_error_text(t: &Texts, code: FieldErrorCode) -> String {
    match code {
        FieldErrorCode::Required => t.field_required,
        FieldErrorCode::InvalidEmail => t.email_invalid,
        _ => t.field_invalid,
    }
    .to_owned()
}

#[component]
pub fn ForgotPasswordPage() -> impl IntoView {
    let api = use_auth().api();
    let t = use_texts();
    Effect::new(move |_| set_title(PUBLIC_TEXTS.of(t.get()).forgot_title, t.get().product_name));
    let email = RwSignal::new(String::new());
    let failure = RwSignal::new(None::<Failure>);
    let sent = RwSignal::new(false);

    let send = Action::new_local(move |request: &PasswordResetRequest| {
        let request = request.clone();
        async move {
            match api.request_password_reset(&request).await {
                Ok(()) => sent.set(true),
                Err(err) => {
                    failure.set(Some(Failure::of(err)));
                    focus_later(ERRORS_ID);
                }
            }
        }
    });
    let pending = send.pending();
    let on_submit = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        if pending.get_untracked() {
            return;
        }
        let typed = email.get_untracked();
        if let Some(code) = email_check(&typed) {
            failure.set(Some(Failure::Invalid(vec![field_error(EMAIL.field, code)])));
            focus_later(ERRORS_ID);
            return;
        }
        failure.set(None);
        send.dispatch(PasswordResetRequest {
            email: typed.trim().to_owned(),
        });
    };
    let codes = move || failure.with(|f| codes_for(&Failure::field_errors(f), EMAIL.field));

    view! {
        <main id="main" class="login-main" tabindex="-1">
            <div class="login-card">
                <p class="login-product">{move || t.get().product_name}</p>
                <h1>{move || PUBLIC_TEXTS.of(t.get()).forgot_title}</h1>
                <div class="form-live" role="status" aria-live="polite">
                    {move || sent.get().then(|| {
                        let t = t.get();
                        view! {
                            <p class="form-success forgot-sent">{PUBLIC_TEXTS.of(t).forgot_sent}</p>
                            <p class="hint">{PUBLIC_TEXTS.of(t).forgot_sent_hint}</p>
                        }
                    })}
                </div>
                {move || {
                    let t = t.get();
                    (!sent.get()).then(|| view! {
                        <p class="login-intro">{PUBLIC_TEXTS.of(t).forgot_intro}</p>
                        <div id=ERRORS_ID tabindex="-1">
                            {move || failure.get().map(|f| failure_summary(t, &f, &[EMAIL], |c| email_error_text(t, c)))}
                        </div>
                        <form class="login-form forgot-form" on:submit=on_submit novalidate>
                            <div class="field">
                                <label for=EMAIL.id>{t.email_label} {required_marker(t)}</label>
                                <input
                                    id=EMAIL.id
                                    name=EMAIL.field
                                    type="email"
                                    autocomplete="email"
                                    autocapitalize="none"
                                    spellcheck="false"
                                    required
                                    aria-invalid=move || (!codes().is_empty()).then_some("true")
                                    aria-describedby=move || (!codes().is_empty()).then_some("email-error")
                                    prop:value=email
                                    on:input=move |ev| email.set(event_target_value(&ev))
                                />
                                {field_errors_view("email-error".to_owned(), codes, move |c| email_error_text(t, c))}
                            </div>
                            <button type="submit" class="button-primary" disabled=move || pending.get()>
                                {move || if pending.get() { t.sending } else { PUBLIC_TEXTS.of(t).forgot_button }}
                            </button>
                        </form>
                    })
                }}
                <p class="login-links">
                    <A href=Page::Login.path() attr:class="back-to-login">{move || PUBLIC_TEXTS.of(t.get()).back_to_login}</A>
                </p>
            </div>
        </main>
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn addresses_are_checked_before_sending() {
        assert_eq!(email_check("  "), Some(FieldErrorCode::Required));
        assert_eq!(email_check("anna"), Some(FieldErrorCode::InvalidEmail));
        assert_eq!(email_check(" anna@umc.example "), None);
    }
}
