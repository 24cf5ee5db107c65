//! The words of accounts and their users: roles, statuses, password rules,
//! date and time formats. Those only the administration pages show are in
//! [`ADMIN_TEXTS`], loaded with them; the security events' names are the
//! security log's.

use super::admin_texts::ADMIN_TEXTS;
use super::{fill, Texts};
use api_types::{FieldErrorCode, RoleDto, UserStatusDto};
use domain::{DateFormat, PasswordPolicy, PasswordRule, TimeFormat};

/// Every role, customer roles first.
pub const ROLES: [RoleDto; 5] = [
    RoleDto::Viewer,
    RoleDto::User,
    RoleDto::Manager,
    RoleDto::Service,
    RoleDto::Admin,
];

/// The statuses in a user's life.
pub const USER_STATUSES: [UserStatusDto; 4] = [
    UserStatusDto::PendingActivation,
    UserStatusDto::Active,
    UserStatusDto::Locked,
    UserStatusDto::Deactivated,
];

pub fn role_name(t: &Texts, role: RoleDto) -> &'static str {
    match role {
        RoleDto::Viewer => t.roles.viewer,
        RoleDto::User => t.roles.user,
        RoleDto::Manager => t.roles.manager,
        RoleDto::Service => t.roles.service,
        RoleDto::Admin => t.roles.admin,
    }
}

/// What a role may do, in a sentence.
pub fn role_help(t: &Texts, role: RoleDto) -> &'static str {
    let words = ADMIN_TEXTS.of(t);
    match role {
        RoleDto::Viewer => words.role_viewer_help,
        RoleDto::User => words.role_user_help,
        RoleDto::Manager => words.role_manager_help,
        RoleDto::Service => words.role_service_help,
        RoleDto::Admin => words.role_admin_help,
    }
}

pub fn user_status_name(t: &Texts, status: UserStatusDto) -> &'static str {
    match status {
        UserStatusDto::PendingActivation => t.user_statuses.pending,
        UserStatusDto::Active => t.user_statuses.active,
        UserStatusDto::Locked => t.user_statuses.locked,
        UserStatusDto::Deactivated => t.user_statuses.deactivated,
    }
}

/// A password rule as the live list shows it: "At least 8 characters".
pub fn password_rule_text(t: &Texts, rule: PasswordRule) -> String {
    match rule {
        PasswordRule::MinLength { min } => {
            fill(t.password.rule_min_length, &[("n", &min.to_string())])
        }
        PasswordRule::MaxLength { max } => {
            fill(t.password.rule_max_length, &[("n", &max.to_string())])
        }
        PasswordRule::Digit => t.password.rule_digit.to_owned(),
        PasswordRule::SpecialCharacter => t.password.rule_special.to_owned(),
        PasswordRule::LowerCase => t.password.rule_lower_case.to_owned(),
        PasswordRule::UpperCase => t.password.rule_upper_case.to_owned(),
        PasswordRule::NotCommon => t.password.rule_not_common.to_owned(),
    }
}

/// A field error of the password forms, by the server's code: the rules'
/// codes (`password_needs_digit`, ...), `password_reused`, `wrong_password`.
pub fn password_error_text(t: &Texts, code: FieldErrorCode) -> String {
    let n = |n: usize| n.to_string();
    match code {
        FieldErrorCode::PasswordTooShort => fill(
            t.password.error_too_short,
            &[("n", &n(PasswordPolicy::MIN_LENGTH))],
        ),
        FieldErrorCode::PasswordTooLong => fill(
            t.password.error_too_long,
            &[("n", &n(PasswordPolicy::MAX_LENGTH))],
        ),
        FieldErrorCode::PasswordNeedsDigit => t.password.error_digit.to_owned(),
        FieldErrorCode::PasswordNeedsSpecial => t.password.error_special.to_owned(),
        FieldErrorCode::PasswordNeedsLowerCase => t.password.error_lower_case.to_owned(),
        FieldErrorCode::PasswordNeedsUpperCase => t.password.error_upper_case.to_owned(),
        FieldErrorCode::PasswordTooCommon => t.password.error_too_common.to_owned(),
        FieldErrorCode::PasswordReused => t.password.error_reused.to_owned(),
        FieldErrorCode::WrongPassword => t.password.error_wrong_current.to_owned(),
        FieldErrorCode::PasswordsDiffer => t.passwords_differ.to_owned(),
        FieldErrorCode::Required => t.field_required.to_owned(),
        _ => t.field_invalid.to_owned(),
    }
}

/// A field error of the current code that confirms a change to the second
/// factor (from the authenticator app, or a recovery code): `required`,
/// `invalid_mfa_code`.
pub fn confirm_code_error_text(t: &Texts, code: FieldErrorCode) -> String {
    match code {
        FieldErrorCode::InvalidMfaCode => t.errors.invalid_mfa_code,
        code => super::field_error_text(t, code),
    }
    .to_owned()
}

pub fn date_format_name(t: &Texts, format: DateFormat) -> &'static str {
    let words = ADMIN_TEXTS.of(t);
    match format {
        DateFormat::Iso => words.date_format_iso,
        DateFormat::DayMonthYear => words.date_format_dmy,
        DateFormat::MonthDayYear => words.date_format_mdy,
    }
}

pub const TIME_FORMATS: [TimeFormat; 2] = [TimeFormat::H24, TimeFormat::H12];

pub fn time_format_name(t: &Texts, format: TimeFormat) -> &'static str {
    let words = ADMIN_TEXTS.of(t);
    match format {
        TimeFormat::H24 => words.time_format_h24,
        TimeFormat::H12 => words.time_format_h12,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::i18n::checks::assert_distinct;
    use crate::i18n::texts;
    use domain::Language;

    #[test]
    fn every_role_and_status_has_a_distinct_name_in_both_languages() {
        for lang in Language::ALL {
            let t = texts(lang);
            let roles: Vec<_> = ROLES.iter().map(|r| role_name(t, *r)).collect();
            let statuses: Vec<_> = USER_STATUSES
                .iter()
                .map(|s| user_status_name(t, *s))
                .collect();
            for names in [roles, statuses] {
                assert_distinct(&names);
            }
        }
    }

    #[test]
    fn every_rule_and_server_code_has_a_sentence() {
        let en = texts(Language::En);
        let texts: Vec<String> = PasswordPolicy::specification()
            .rules()
            .iter()
            .map(|r| password_rule_text(en, *r))
            .collect();
        assert_eq!(texts[0], "At least 8 characters");
        for rule in PasswordPolicy::specification().rules() {
            assert_ne!(
                password_error_text(en, FieldErrorCode::from_code(rule.code())),
                en.field_invalid
            );
        }
        for code in [
            FieldErrorCode::PasswordTooCommon,
            FieldErrorCode::PasswordReused,
            FieldErrorCode::WrongPassword,
        ] {
            assert_ne!(password_error_text(en, code), en.field_invalid, "{code:?}");
        }
        assert_eq!(
            password_error_text(en, FieldErrorCode::PasswordTooShort),
            "Use at least 8 characters."
        );
    }
}
