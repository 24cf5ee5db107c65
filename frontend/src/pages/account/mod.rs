//! The user's own account: forgotten password, activation and reset links,
//! changing the password, the second factor, personal settings; and, like
//! the links, the emailed confirmation of a case contact's address.

pub mod change_password_page;
pub mod confirm_contact_page;
pub mod forgot_password_page;
pub mod mfa_settings;
pub mod mfa_setup_page;
pub mod set_password_page;
pub mod settings_page;

use crate::components::document::use_title;
use crate::components::layout::{required_step_card, SignedIn};
use crate::i18n::TextFn;
use crate::routes::Page;
use crate::state::auth::use_texts;
use leptos::prelude::*;
use leptos_router::components::A;

/// A page reached from Settings that is also a step a refused login
/// requires (a new password, a second factor). `required`: the step's card
/// with `notice`; else the page under Settings with `intro`. `body(required)`
/// is what the page does. Decided once: the frame stays while the new
/// session starts.
pub fn settings_or_step(
    required: bool,
    card_class: &'static str,
    title: TextFn,
    notice: TextFn,
    intro: TextFn,
    body: impl Fn(bool) -> AnyView + Send + Sync + 'static,
) -> AnyView {
    let t = use_texts();
    use_title(title);
    if required {
        return required_step_card(card_class, title, notice, body(true));
    }
    view! {
        <SignedIn>
            <p class="back-link">
                <A href=Page::Settings.path()>{move || t.get().settings_title}</A>
            </p>
            <h1>{move || title(t.get())}</h1>
            <p class="hint">{move || intro(t.get())}</p>
            {body(false)}
        </SignedIn>
    }
    .into_any()
}
