//! What a security-log entry's `details` say, in the reader's words and time
//! zone: why a login failed, until when an account is locked, a role's old
//! and new value. Facts the app does not know how to say are left out rather
//! than shown as raw codes.

use super::users_page::Dates;
use crate::format::format_date_time;
use crate::i18n::security_log::{SecurityLogTexts, SECURITY_LOG};
use crate::i18n::{fill, role_name, Texts};
use api_types::RoleDto;
use chrono::{DateTime, Utc};
use domain::{Role, SecurityEvent};
use serde_json::Value;

/// The entry's facts in one line, or `None` when it carries none to show.
pub fn event_details(t: &Texts, dates: &Dates, event: &str, details: &Value) -> Option<String> {
    let words = SECURITY_LOG.of(t);
    let field = |name: &str| details.get(name);
    let text = |name: &str| field(name).and_then(Value::as_str);
    let number = |name: &str| field(name).and_then(Value::as_u64).map(|n| n.to_string());
    match event.parse::<SecurityEvent>().ok()? {
        SecurityEvent::AccountLocked => {
            let until = text("locked_until")?.parse::<DateTime<Utc>>().ok()?;
            let time = format_date_time(until, &dates.2, dates.0, dates.1);
            Some(fill(words.locked_until, &[("time", &time)]))
        }
        SecurityEvent::LockoutBurst => Some(fill(
            words.lockout_burst,
            &[
                ("count", &number("lockouts")?),
                ("minutes", &number("window_minutes")?),
            ],
        )),
        SecurityEvent::AddressThrottled => Some(fill(
            words.address_throttled,
            &[
                ("count", &number("failed_logins")?),
                ("minutes", &number("window_minutes")?),
            ],
        )),
        SecurityEvent::RoleChanged => {
            let from = role_label(t, text("from")?)?;
            let to = role_label(t, text("to")?)?;
            Some(format!("{from} → {to}"))
        }
        SecurityEvent::AssignmentChanged => {
            let count = |name: &str| {
                field(name)
                    .and_then(Value::as_array)
                    .map(|a| a.len().to_string())
            };
            Some(fill(
                words.accounts_changed,
                &[("from", &count("from")?), ("to", &count("to")?)],
            ))
        }
        SecurityEvent::UserCreated => role_label(t, text("role")?).map(str::to_owned),
        SecurityEvent::MfaPolicyChanged => Some(
            if field("required")?.as_bool()? {
                words.mfa_required_on
            } else {
                words.mfa_required_off
            }
            .to_owned(),
        ),
        SecurityEvent::AccessRequested => text("organisation").map(str::to_owned),
        SecurityEvent::PasswordReset if text("reset_by") == Some("manager") => {
            Some(words.by_manager.to_owned())
        }
        _ => reason_text(words, text("reason")?).map(str::to_owned),
    }
}

fn role_label(t: &Texts, role: &str) -> Option<&'static str> {
    let role = match role.parse::<Role>().ok()? {
        Role::Viewer => RoleDto::Viewer,
        Role::User => RoleDto::User,
        Role::Manager => RoleDto::Manager,
        Role::Service => RoleDto::Service,
        Role::Admin => RoleDto::Admin,
    };
    Some(role_name(t, role))
}

/// The server's reason codes (auth and identity services).
fn reason_text(words: &'static SecurityLogTexts, reason: &str) -> Option<&'static str> {
    Some(match reason {
        "unknown_user" => words.unknown_user,
        "wrong_password" => words.wrong_password,
        "wrong_current_password" => words.wrong_current_password,
        "locked" => words.while_locked,
        "deactivated" => words.deactivated,
        "password_expired" => words.password_expired,
        // A right password without the code: the code is asked for next.
        "mfa_required" => words.mfa_code_asked,
        "mfa_enrollment_required" => words.mfa_not_set_up,
        "wrong_mfa_code" => words.wrong_mfa_code,
        "manager" => words.by_manager,
        "inactivity" => words.inactivity,
        _ => return None,
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::i18n::texts;
    use domain::{DateFormat, Language, TimeFormat};
    use serde_json::json;

    fn amsterdam() -> Dates {
        (
            DateFormat::Iso,
            TimeFormat::H24,
            "Europe/Amsterdam".to_owned(),
        )
    }

    // The lock's end in the reader's zone needs the browser's Intl: the
    // lockout journey (e2e/tests/identity.test.mjs) reads it beside the email.

    #[test]
    fn roles_and_reasons_read_in_the_users_language() {
        let nl = texts(Language::Nl);
        let change = json!({ "from": "user", "to": "manager" });
        assert_eq!(
            event_details(nl, &amsterdam(), "role_changed", &change).as_deref(),
            Some(format!("{} → {}", nl.roles.user, nl.roles.manager).as_str())
        );
        let asked = json!({ "reason": "mfa_required" });
        assert_eq!(
            event_details(nl, &amsterdam(), "login_refused", &asked).as_deref(),
            Some(SECURITY_LOG.nl.mfa_code_asked)
        );
        let failed = json!({ "reason": "wrong_password" });
        assert_eq!(
            event_details(nl, &amsterdam(), "login_failed", &failed).as_deref(),
            Some(SECURITY_LOG.nl.wrong_password)
        );
    }

    #[test]
    fn counts_fill_their_sentences() {
        let t = texts(Language::En);
        let burst = json!({ "lockouts": 4, "window_minutes": 10 });
        assert_eq!(
            event_details(t, &amsterdam(), "lockout_burst", &burst).as_deref(),
            Some("4 accounts locked within 10 minutes")
        );
        let accounts = json!({ "from": ["a"], "to": ["a", "b", "c"] });
        assert_eq!(
            event_details(t, &amsterdam(), "assignment_changed", &accounts).as_deref(),
            Some("Accounts: 1 → 3")
        );
    }

    #[test]
    fn unknown_codes_and_missing_facts_show_nothing() {
        let t = texts(Language::En);
        for (event, details) in [
            ("login_failed", json!({ "reason": "a_new_reason" })),
            ("account_locked", json!({ "locked_until": "not a time" })),
            ("role_changed", json!({ "from": "user" })),
            ("no_such_event", json!({ "reason": "locked" })),
            ("login", json!({})),
        ] {
            assert_eq!(
                event_details(t, &amsterdam(), event, &details),
                None,
                "{event} {details}"
            );
        }
    }
}
