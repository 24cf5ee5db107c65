//! Changing one's own email address on one's user page. Password resets go
//! to that address, so the server asks for the password and, where a second
//! factor is on, a current code: the fields and check of the settings page's
//! confirmation (`components::mfa`).

use crate::components::forms::{Failure, FieldRef};
use crate::components::mfa::{confirm_code_input, confirmation, CONFIRM_CODE, CONFIRM_PASSWORD};
use crate::components::password::password_input;
use crate::i18n::admin_texts::ADMIN_TEXTS;
use crate::i18n::Texts;
use crate::state::auth::Auth;
use api_types::{FieldError, PasswordConfirmation};
use leptos::prelude::*;

const PASSWORD_ID: &str = "own-email-password";
const CODE_ID: &str = "own-email-code";
const HINT_ID: &str = "own-email-hint";

/// The error summary's links to the confirmation's fields; a confirmation
/// missing as a whole points at the password.
pub const CONFIRM_REFS: [FieldRef; 3] = [
    FieldRef::new(CONFIRM_PASSWORD, PASSWORD_ID, |t| {
        ADMIN_TEXTS.of(t).own_password_label
    }),
    FieldRef::new(CONFIRM_CODE, CODE_ID, |t| {
        ADMIN_TEXTS.of(t).mfa_confirm_code_label
    }),
    FieldRef::new("confirmation", PASSWORD_ID, |t| {
        ADMIN_TEXTS.of(t).own_password_label
    }),
];

/// The password and code typed to confirm a new address of one's own.
#[derive(Clone, Copy)]
pub struct OwnEmail {
    auth: Auth,
    password: RwSignal<String>,
    code: RwSignal<String>,
}

impl OwnEmail {
    pub fn new(auth: Auth) -> Self {
        Self {
            auth,
            password: RwSignal::new(String::new()),
            code: RwSignal::new(String::new()),
        }
    }

    /// Whether the signed-in user has a second factor on (tracked).
    fn mfa(self) -> bool {
        self.auth.me().is_some_and(|me| me.mfa_enabled)
    }

    /// What to send with the new address, or the fields left empty.
    pub fn confirmation(self) -> Result<PasswordConfirmation, Vec<FieldError>> {
        let code = untrack(|| self.mfa()).then(|| self.code.get_untracked());
        confirmation(self.password.get_untracked(), code)
    }

    /// After a save: nothing secret stays in the form.
    pub fn clear(self) {
        self.password.set(String::new());
        self.code.set(String::new());
    }
}

/// Under the address while it differs from the saved one: what is needed,
/// the password and, with a factor on, the current code.
pub fn own_email_fields(
    t: &'static Texts,
    own: OwnEmail,
    changed: Memo<bool>,
    failure: RwSignal<Option<Failure>>,
) -> impl IntoView {
    let mfa = Memo::new(move |_| own.mfa());
    move || {
        changed.get().then(|| {
            let texts = ADMIN_TEXTS.of(t);
            let mfa = mfa.get();
            let hint = if mfa {
                texts.own_email_confirm_hint_mfa
            } else {
                texts.own_email_confirm_hint
            };
            view! {
                <div class="own-email-confirm">
                    <p id=HINT_ID class="field-help own-email-hint">{hint}</p>
                    {password_input(t, PASSWORD_ID, CONFIRM_PASSWORD, texts.own_password_label, "current-password", Some(HINT_ID), own.password, None, failure)}
                    {mfa.then(|| confirm_code_input(t, CODE_ID, texts.mfa_confirm_code_label, own.code, failure))}
                </div>
            }
        })
    }
}
