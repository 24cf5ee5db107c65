//! Status badges: always the words, with a colour beside them, never colour alone.

use crate::i18n::{case_status_name, expiry_text, priority_text, state_name, Texts};
use crate::query::wire_name;
use api_types::{CaseStatusDto, ExpiryStatusDto, OperationalStateDto};
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

/// "In process" with its colour: `span.status-badge.status-<status>`.
pub fn case_status_badge(t: &Texts, status: CaseStatusDto) -> impl IntoView {
    view! {
        <span class=format!("status-badge status-{}", wire_name(&status))>
            {case_status_name(t, status)}
        </span>
    }
}

/// "1 · Critical need", marked more strongly the more urgent:
/// `span.priority.priority-<n>`.
pub fn priority_badge(t: &Texts, priority: u8) -> impl IntoView {
    view! { <span class=format!("priority priority-{priority}")>{priority_text(t, priority)}</span> }
}

/// "Locked" in red, "Active" in green: `span.status-badge.user-status-<status>`.
pub fn user_status_badge(t: &Texts, status: api_types::UserStatusDto) -> impl IntoView {
    view! {
        <span class=format!("status-badge user-status-{}", wire_name(&status))>
            {crate::i18n::user_status_name(t, status)}
        </span>
    }
}

/// "Waiting for a decision", "Approved", "Rejected" with their colours:
/// `span.status-badge.access-status-<status>`.
pub fn access_status_badge(t: &Texts, status: api_types::AccessRequestStatusDto) -> impl IntoView {
    view! {
        <span class=format!("status-badge access-status-{}", wire_name(&status))>
            {crate::i18n::access_status_name(t, status)}
        </span>
    }
}

/// "On" in green, "Off" in grey, for a second factor:
/// `span.status-badge.mfa-on` / `.mfa-off`.
pub fn mfa_state_badge(t: &Texts, on: bool) -> impl IntoView {
    let (class, text) = if on {
        ("status-badge mfa-state mfa-on", t.mfa.on)
    } else {
        ("status-badge mfa-state mfa-off", t.mfa.off)
    };
    view! { <span class=class>{text}</span> }
}
