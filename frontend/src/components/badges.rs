//! Status badges: always the words, with a colour beside them, never colour alone.

use crate::i18n::{expiry_text, state_name, Texts};
use crate::query::wire_name;
use api_types::{ExpiryStatusDto, OperationalStateDto};
use leptos::prelude::*;

/// "Down" in red, "Up" in green: `span.state-badge.state-<state>`.
pub fn state_badge(t: &Texts, state: OperationalStateDto) -> impl IntoView {
    view! {
        <span class=format!("state-badge state-{}", wire_name(&state))>{state_name(t, state)}</span>
    }
}

/// "Expires in 21 days" with its colour: `span.expiry-badge.expiry-<status>`.
pub fn expiry_badge(t: &Texts, expiry: ExpiryStatusDto, days_left: i64) -> impl IntoView {
    view! {
        <span class=format!("expiry-badge expiry-{}", wire_name(&expiry))>
            {expiry_text(t, expiry, days_left)}
        </span>
    }
}
