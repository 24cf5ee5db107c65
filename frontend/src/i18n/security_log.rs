//! The security log's words for what an event's details say. They load with
//! the administration pages (see [`LazyTexts`](super::LazyTexts)).

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
    }
}

#[cfg(test)]
mod tests {
    use super::*;

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
    fn both_languages_say_everything_with_the_same_placeholders() {
        for (en, nl) in all(&SECURITY_LOG.en).into_iter().zip(all(&SECURITY_LOG.nl)) {
            assert!(!en.trim().is_empty() && !nl.trim().is_empty());
            assert_eq!(placeholders(en), placeholders(nl), "{en} / {nl}");
        }
    }
}
