//! `/forgot-password` (no login): asks for a reset link by email. The
//! answer is the same whether or not an account uses the address, so the
//! page never tells who has an account.

use crate::components::document::use_title;
use crate::components::forms::{
    codes_for, failure_summary, field_error, show_failure, show_invalid, submit_once, Failure,
    FieldRef, SubmitButton, TextInput,
};
use crate::components::public_card::{public_card, SentTexts};
use crate::i18n::public_texts::PUBLIC_TEXTS;
use crate::i18n::Texts;
use crate::state::auth::use_auth;
use api_types::{FieldErrorCode, PasswordResetRequest};
use domain::Email;
use leptos::prelude::*;

const EMAIL: FieldRef = FieldRef::new("email", "email", |t| t.email_label);
/// The address field (its label in the reader's language).
const EMAIL_INPUT: TextInput = TextInput {
    field: "email",
    id: "email",
    label: "",
    help: None,
    kind: "email",
    autocomplete: "email",
    plain: true,
    required: true,
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
    use_title(move |t| PUBLIC_TEXTS.of(t).forgot_title);
    let email = RwSignal::new(String::new());
    let failure = RwSignal::new(None::<Failure>);
    let sent = RwSignal::new(false);

    let send = Action::new_local(move |request: &PasswordResetRequest| {
        let request = request.clone();
        async move {
            match api.request_password_reset(&request).await {
                Ok(()) => sent.set(true),
                Err(err) => show_failure(failure, err, ERRORS_ID),
            }
        }
    });
    let pending = send.pending();
    let on_submit = submit_once(pending, move || {
        let typed = email.get_untracked();
        if let Some(code) = email_check(&typed) {
            show_invalid(failure, vec![field_error(EMAIL.field, code)], ERRORS_ID);
            return;
        }
        failure.set(None);
        send.dispatch(PasswordResetRequest {
            email: typed.trim().to_owned(),
        });
    });
    let codes = move || failure.with(|f| codes_for(&Failure::field_errors(f), EMAIL.field));

    let done = SentTexts {
        class: "form-success forgot-sent",
        text: |t| PUBLIC_TEXTS.of(t).forgot_sent,
        hint: |t| PUBLIC_TEXTS.of(t).forgot_sent_hint,
    };
    public_card(
        "login-card",
        None,
        |t, _| PUBLIC_TEXTS.of(t).forgot_title,
        sent,
        done,
        move |t| {
            view! {
            <p class="login-intro">{PUBLIC_TEXTS.of(t).forgot_intro}</p>
            <div id=ERRORS_ID tabindex="-1">
                {move || failure.get().map(|f| failure_summary(t, &f, &[EMAIL], |c| email_error_text(t, c)))}
            </div>
            <form class="login-form forgot-form" on:submit=on_submit novalidate>
                {TextInput { label: t.email_label, ..EMAIL_INPUT }.view(t, email, codes, move |c| email_error_text(t, c))}
                <SubmitButton class="button-primary" pending busy=t.sending idle=PUBLIC_TEXTS.of(t).forgot_button/>
            </form>
        }
        .into_any()
        },
    )
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
