//! A new password and its repetition, with the password rules listed live
//! as the user types: the domain's own policy, compiled to wasm. The rule
//! "not one of the 10,000 most common passwords" is left out of the browser
//! build (its list is 80 KB): it is listed as checked on save, and the
//! server's answer is shown next to the field.

use crate::components::forms::{
    checked_input, codes_for, field_error, CheckedInput, Failure, FieldRef, Typing,
};
use crate::i18n::{fill, password_error_text, password_rule_text, Texts};
use api_types::{FieldError, FieldErrorCode};
use domain::{PasswordPolicy, PasswordRule};
use leptos::prelude::*;

/// The request's name of the new password.
pub const NEW_PASSWORD: &str = "new_password";
/// The repetition's (checked here only).
pub const REPEAT_PASSWORD: &str = "repeat_password";
pub const NEW_PASSWORD_ID: &str = "new-password";
pub const REPEAT_PASSWORD_ID: &str = "repeat-password";

/// The rules checked while typing, in the policy's order.
fn live_rules() -> Vec<PasswordRule> {
    PasswordPolicy::specification()
        .rules()
        .iter()
        .copied()
        .filter(|rule| *rule != PasswordRule::NotCommon)
        .collect()
}

/// What is wrong with the new password before it is sent: the broken
/// rules, and whether the repetition differs.
pub fn new_password_errors(password: &str, repeat: &str) -> Vec<FieldError> {
    let mut errors: Vec<FieldError> = PasswordPolicy::specification()
        .violations(password)
        .into_iter()
        .map(|rule| field_error(NEW_PASSWORD, FieldErrorCode::from_code(rule.code())))
        .collect();
    if password != repeat {
        errors.push(field_error(
            REPEAT_PASSWORD,
            FieldErrorCode::PasswordsDiffer,
        ));
    }
    errors
}

/// The summary's links to the new password and its repetition.
pub const NEW_PASSWORD_REFS: [FieldRef; 2] = [
    FieldRef::new(NEW_PASSWORD, NEW_PASSWORD_ID, |t| t.new_password_label),
    FieldRef::new(REPEAT_PASSWORD, REPEAT_PASSWORD_ID, |t| {
        t.repeat_password_label
    }),
];

/// A required password input, described by `help` and its errors; typing
/// drops its errors. With `show` it turns to text while the passwords are
/// shown.
#[allow(clippy::too_many_arguments)]
pub fn password_input(
    t: &'static Texts,
    id: &'static str,
    field: &'static str,
    label: &'static str,
    autocomplete: &'static str,
    help: Option<&'static str>,
    value: RwSignal<String>,
    show: Option<RwSignal<bool>>,
    failure: RwSignal<Option<Failure>>,
) -> impl IntoView {
    let input = CheckedInput {
        id,
        field,
        label,
        autocomplete,
        typing: show.map_or(Typing::Secret, Typing::Revealable),
        help,
        help_text: None,
    };
    checked_input(t, input, value, failure, move |c| password_error_text(t, c))
}

/// The new password, its repetition, the live rules and "show the passwords".
/// `show` also switches any other password field of the form.
#[component]
pub fn NewPasswordFields(
    t: &'static Texts,
    password: RwSignal<String>,
    repeat: RwSignal<String>,
    show: RwSignal<bool>,
    failure: RwSignal<Option<Failure>>,
) -> impl IntoView {
    let rules = live_rules();
    let total = rules.len() + 1;
    let broken = Memo::new(move |_| {
        let mut broken = password.with(|p| PasswordPolicy::specification().violations(p));
        broken.retain(|rule| *rule != PasswordRule::NotCommon);
        broken
    });
    let matches = Memo::new(move |_| password.with(|p| repeat.with(|r| !p.is_empty() && p == r)));
    let errors = Memo::new(move |_| failure.with(Failure::field_errors));
    let too_common = move || {
        errors.with(|e| codes_for(e, NEW_PASSWORD).contains(&FieldErrorCode::PasswordTooCommon))
    };

    // One sentence for screen readers, changed only when the count does.
    let summary = move || {
        if password.with(String::is_empty) {
            return String::new();
        }
        let met = total - broken.with(Vec::len) - usize::from(!matches.get());
        if met == total {
            t.password.rules_all_met.to_owned()
        } else {
            fill(
                t.password.rules_progress,
                &[("met", &met.to_string()), ("total", &total.to_string())],
            )
        }
    };

    let rule_item = move |text: String, met: Signal<bool>| {
        view! {
            <li class="rule" class:rule-met=move || met.get()>
                <span class="rule-icon" aria-hidden="true">{move || if met.get() { "✓" } else { "○" }}</span>
                <span class="visually-hidden">{move || if met.get() { t.password.rule_met } else { t.password.rule_not_met }} " "</span>
                <span>{text}</span>
            </li>
        }
    };

    view! {
        {password_input(t, NEW_PASSWORD_ID, NEW_PASSWORD, t.new_password_label, "new-password", Some("password-rules"), password, Some(show), failure)}
        <div id="password-rules" class="password-rules">
            <p class="password-rules-heading">{t.password.rules_heading}</p>
            <ul>
                {rules
                    .into_iter()
                    .map(|rule| {
                        let met = Signal::derive(move || broken.with(|b| !b.contains(&rule)));
                        rule_item(password_rule_text(t, rule), met)
                    })
                    .collect_view()}
                <li class="rule rule-on-save" class:rule-failed=too_common>
                    <span class="rule-icon" aria-hidden="true">{move || if too_common() { "✗" } else { "○" }}</span>
                    {move || too_common().then(|| view! { <span class="visually-hidden">{t.password.rule_not_met} " "</span> })}
                    <span>{t.password.rule_not_common}</span>
                </li>
                {rule_item(t.password.rule_passwords_match.to_owned(), matches.into())}
            </ul>
            <p class="visually-hidden" aria-live="polite">{summary}</p>
        </div>
        {password_input(t, REPEAT_PASSWORD_ID, REPEAT_PASSWORD, t.repeat_password_label, "new-password", None, repeat, Some(show), failure)}
        <div class="choice show-passwords">
            <input
                type="checkbox"
                id="show-passwords"
                prop:checked=show
                on:change=move |ev| show.set(event_target_checked(&ev))
            />
            <label for="show-passwords">{t.show_passwords}</label>
        </div>
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn codes(errors: &[FieldError]) -> Vec<(&str, FieldErrorCode)> {
        errors.iter().map(|e| (e.field.as_str(), e.code)).collect()
    }

    #[test]
    fn the_check_before_sending_names_broken_rules_and_a_differing_repeat() {
        assert!(new_password_errors("Welcome-2026", "Welcome-2026").is_empty());
        assert_eq!(
            codes(&new_password_errors("welcome-2026", "welcome-2027")),
            vec![
                (NEW_PASSWORD, FieldErrorCode::PasswordNeedsUpperCase),
                (REPEAT_PASSWORD, FieldErrorCode::PasswordsDiffer)
            ]
        );
    }

    #[test]
    fn the_browser_lists_the_rules_it_can_check() {
        let rules = live_rules();
        assert!(!rules.contains(&PasswordRule::NotCommon));
        assert!(rules.contains(&PasswordRule::Digit));
    }
}
