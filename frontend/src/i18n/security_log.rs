//! The security log's words for what an event's details say. They load with
//! the administration pages (see [`LazyTexts`](super::LazyTexts)), and so do
//! the events' names.

use super::Texts;
use domain::SecurityEvent;

lazy_texts! {
    pub struct SecurityLogTexts, pub static SECURITY_LOG;
    en {
        column: "Details",
        locked_until: "Locked until {time}",
        lockout_burst: "{count} accounts locked within {minutes} minutes",
        address_throttled: "{count} failed logins within {minutes} minutes",
        accounts_changed: "Accounts: {from} → {to}",
        mfa_required_on: "Second factor now required for everyone",
        mfa_required_off: "Second factor no longer required",
        unknown_user: "Unknown user name",
        wrong_password: "Wrong password",
        wrong_current_password: "Wrong current password when changing it",
        while_locked: "While the account was locked",
        deactivated: "The account is deactivated",
        password_expired: "Password older than 90 days",
        mfa_not_set_up: "Second factor required but not set up",
        mfa_code_asked: "Right password; the second-factor code was asked for",
        wrong_mfa_code: "Wrong or already used code",
        by_manager: "By a Manager",
        inactivity: "After more than 120 days without logging in",
        event_access_approved: "Access request approved",
        event_access_rejected: "Access request rejected",
        event_access_requested: "Access requested",
        event_account_activated: "Account activated",
        event_account_locked: "Account locked",
        event_address_throttled: "Too many logins from one address",
        event_assignment_changed: "Accounts assigned changed",
        event_email_changed: "Email address changed",
        event_lockout_burst: "Many accounts locked from one address",
        event_login: "Logged in",
        event_login_failed: "Wrong password",
        event_login_refused: "Login refused (locked, deactivated or expired)",
        event_logout: "Signed out",
        event_mfa_disabled: "Second factor turned off",
        event_mfa_enabled: "Second factor turned on",
        event_mfa_failed: "Wrong second-factor code",
        event_mfa_policy_changed: "Second-factor requirement changed",
        event_mfa_recovery_code_used: "Recovery code used",
        event_mfa_recovery_codes_renewed: "New recovery codes",
        event_password_changed: "Password changed",
        event_password_reset: "Password reset",
        event_password_reset_requested: "Password reset requested",
        event_refresh_token_reused: "Session ended: a sign-in token was used twice",
        event_role_changed: "Role changed",
        event_sessions_ended: "Signed out everywhere",
        event_settings_changed: "Settings changed",
        event_user_created: "User created",
        event_user_deactivated: "User deactivated",
        event_user_reactivated: "User reactivated",
        event_user_updated: "User changed",
    }
    nl {
        column: "Details",
        locked_until: "Geblokkeerd tot {time}",
        lockout_burst: "{count} accounts geblokkeerd binnen {minutes} minuten",
        address_throttled: "{count} mislukte aanmeldingen binnen {minutes} minuten",
        accounts_changed: "Accounts: {from} → {to}",
        mfa_required_on: "Tweede factor nu verplicht voor iedereen",
        mfa_required_off: "Tweede factor niet meer verplicht",
        unknown_user: "Onbekende gebruikersnaam",
        wrong_password: "Onjuist wachtwoord",
        wrong_current_password: "Onjuist huidig wachtwoord bij het wijzigen",
        while_locked: "Terwijl het account geblokkeerd was",
        deactivated: "Het account is gedeactiveerd",
        password_expired: "Wachtwoord ouder dan 90 dagen",
        mfa_not_set_up: "Tweede factor verplicht maar niet ingesteld",
        mfa_code_asked: "Juist wachtwoord; de code van de tweede factor is gevraagd",
        wrong_mfa_code: "Onjuiste of al gebruikte code",
        by_manager: "Door een manager",
        inactivity: "Na meer dan 120 dagen zonder aanmelding",
        event_access_approved: "Toegangsaanvraag goedgekeurd",
        event_access_rejected: "Toegangsaanvraag afgewezen",
        event_access_requested: "Toegang aangevraagd",
        event_account_activated: "Account geactiveerd",
        event_account_locked: "Account geblokkeerd",
        event_address_throttled: "Te veel inlogpogingen vanaf één adres",
        event_assignment_changed: "Toegekende accounts gewijzigd",
        event_email_changed: "E-mailadres gewijzigd",
        event_lockout_burst: "Veel accounts geblokkeerd vanaf één adres",
        event_login: "Ingelogd",
        event_login_failed: "Onjuist wachtwoord",
        event_login_refused: "Inloggen geweigerd (geblokkeerd, gedeactiveerd of verlopen)",
        event_logout: "Afgemeld",
        event_mfa_disabled: "Tweede factor uitgeschakeld",
        event_mfa_enabled: "Tweede factor ingeschakeld",
        event_mfa_failed: "Verkeerde code tweede factor",
        event_mfa_policy_changed: "Verplichting tweede factor gewijzigd",
        event_mfa_recovery_code_used: "Herstelcode gebruikt",
        event_mfa_recovery_codes_renewed: "Nieuwe herstelcodes",
        event_password_changed: "Wachtwoord gewijzigd",
        event_password_reset: "Wachtwoord hersteld",
        event_password_reset_requested: "Wachtwoordherstel aangevraagd",
        event_refresh_token_reused: "Sessie beëindigd: een aanmeldtoken is twee keer gebruikt",
        event_role_changed: "Rol gewijzigd",
        event_sessions_ended: "Overal afgemeld",
        event_settings_changed: "Instellingen gewijzigd",
        event_user_created: "Gebruiker aangemaakt",
        event_user_deactivated: "Gebruiker gedeactiveerd",
        event_user_reactivated: "Gebruiker geheractiveerd",
        event_user_updated: "Gebruiker gewijzigd",
    }
}

pub fn security_event_name(t: &Texts, event: SecurityEvent) -> &'static str {
    let words = SECURITY_LOG.of(t);
    match event {
        SecurityEvent::Login => words.event_login,
        SecurityEvent::LoginFailed => words.event_login_failed,
        SecurityEvent::LoginRefused => words.event_login_refused,
        SecurityEvent::AccountLocked => words.event_account_locked,
        SecurityEvent::LockoutBurst => words.event_lockout_burst,
        SecurityEvent::AddressThrottled => words.event_address_throttled,
        SecurityEvent::PasswordChanged => words.event_password_changed,
        SecurityEvent::PasswordResetRequested => words.event_password_reset_requested,
        SecurityEvent::PasswordReset => words.event_password_reset,
        SecurityEvent::AccountActivated => words.event_account_activated,
        SecurityEvent::UserCreated => words.event_user_created,
        SecurityEvent::UserUpdated => words.event_user_updated,
        SecurityEvent::EmailChanged => words.event_email_changed,
        SecurityEvent::RoleChanged => words.event_role_changed,
        SecurityEvent::AssignmentChanged => words.event_assignment_changed,
        SecurityEvent::UserDeactivated => words.event_user_deactivated,
        SecurityEvent::UserReactivated => words.event_user_reactivated,
        SecurityEvent::SettingsChanged => words.event_settings_changed,
        SecurityEvent::AccessRequested => words.event_access_requested,
        SecurityEvent::AccessApproved => words.event_access_approved,
        SecurityEvent::AccessRejected => words.event_access_rejected,
        SecurityEvent::MfaEnabled => words.event_mfa_enabled,
        SecurityEvent::MfaDisabled => words.event_mfa_disabled,
        SecurityEvent::MfaFailed => words.event_mfa_failed,
        SecurityEvent::MfaRecoveryCodeUsed => words.event_mfa_recovery_code_used,
        SecurityEvent::MfaPolicyChanged => words.event_mfa_policy_changed,
        SecurityEvent::MfaRecoveryCodesRenewed => words.event_mfa_recovery_codes_renewed,
        SecurityEvent::Logout => words.event_logout,
        SecurityEvent::SessionsEnded => words.event_sessions_ended,
        SecurityEvent::RefreshTokenReused => words.event_refresh_token_reused,
    }
}

/// The translated name of an event code from the log; a code this app does
/// not know yet (a newer server) shows as it is.
pub fn event_code_name(t: &Texts, code: &str) -> String {
    code.parse::<SecurityEvent>().map_or_else(
        |_| code.to_owned(),
        |event| security_event_name(t, event).to_owned(),
    )
}

#[cfg(test)]
mod tests {
    use super::*;
    use domain::Language;

    fn all(t: &SecurityLogTexts) -> [&'static str; 18] {
        [
            t.column,
            t.locked_until,
            t.lockout_burst,
            t.address_throttled,
            t.accounts_changed,
            t.mfa_required_on,
            t.mfa_required_off,
            t.unknown_user,
            t.wrong_password,
            t.wrong_current_password,
            t.while_locked,
            t.deactivated,
            t.password_expired,
            t.mfa_not_set_up,
            t.mfa_code_asked,
            t.wrong_mfa_code,
            t.by_manager,
            t.inactivity,
        ]
    }

    fn placeholders(text: &str) -> Vec<&str> {
        text.split('{')
            .skip(1)
            .filter_map(|rest| rest.split_once('}').map(|(name, _)| name))
            .collect()
    }

    #[test]
    fn every_event_has_a_distinct_name_in_both_languages() {
        for lang in Language::ALL {
            let t = crate::i18n::texts(lang);
            let events: Vec<_> = SecurityEvent::ALL
                .iter()
                .map(|e| security_event_name(t, *e))
                .collect();
            crate::i18n::checks::assert_distinct(&events);
        }
        let nl = crate::i18n::texts(Language::Nl);
        assert_eq!(event_code_name(nl, "account_locked"), "Account geblokkeerd");
        assert_eq!(event_code_name(nl, "new_in_v2"), "new_in_v2");
    }

    #[test]
    fn both_languages_say_everything_with_the_same_placeholders() {
        for (en, nl) in all(&SECURITY_LOG.en).into_iter().zip(all(&SECURITY_LOG.nl)) {
            assert!(!en.trim().is_empty() && !nl.trim().is_empty());
            assert_eq!(placeholders(en), placeholders(nl), "{en} / {nl}");
        }
    }
}
