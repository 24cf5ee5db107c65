//! The password policy of the specification.
//!
//! ASVS 5.0 argues against composition rules; the specification demands them, so
//! they live here, in one type that names the choice. The browser app runs the
//! same code (wasm) to show each rule live while the user types.

use serde::{Deserialize, Serialize};

/// One rule a new password must meet.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case", tag = "rule")]
pub enum PasswordRule {
    MinLength {
        min: usize,
    },
    MaxLength {
        max: usize,
    },
    Digit,
    SpecialCharacter,
    LowerCase,
    UpperCase,
    /// Not one of the 10,000 most common passwords (nor one with symbols added).
    NotCommon,
}

impl PasswordRule {
    /// A stable code for the wire and for translation keys.
    pub const fn code(self) -> &'static str {
        match self {
            PasswordRule::MinLength { .. } => "password_too_short",
            PasswordRule::MaxLength { .. } => "password_too_long",
            PasswordRule::Digit => "password_needs_digit",
            PasswordRule::SpecialCharacter => "password_needs_special",
            PasswordRule::LowerCase => "password_needs_lower_case",
            PasswordRule::UpperCase => "password_needs_upper_case",
            PasswordRule::NotCommon => "password_too_common",
        }
    }

    pub fn is_met_by(self, password: &str) -> bool {
        match self {
            // Characters, not bytes: "ä" is one character to the person typing it.
            PasswordRule::MinLength { min } => password.chars().count() >= min,
            PasswordRule::MaxLength { max } => password.chars().count() <= max,
            PasswordRule::Digit => password.chars().any(|c| c.is_ascii_digit()),
            PasswordRule::SpecialCharacter => password
                .chars()
                .any(|c| !c.is_alphanumeric() && !c.is_whitespace()),
            PasswordRule::LowerCase => password.chars().any(char::is_lowercase),
            PasswordRule::UpperCase => password.chars().any(char::is_uppercase),
            PasswordRule::NotCommon => !is_common(password),
        }
    }
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PasswordPolicy {
    rules: Vec<PasswordRule>,
}

impl PasswordPolicy {
    pub const MIN_LENGTH: usize = 8;
    /// Long passphrases are welcome; the limit only bounds hashing work.
    pub const MAX_LENGTH: usize = 128;

    /// The policy of the specification: 8+ characters with a digit, a special
    /// character, a lower-case and an upper-case letter; up to 128 accepted whole.
    pub fn specification() -> Self {
        Self {
            rules: vec![
                PasswordRule::MinLength {
                    min: Self::MIN_LENGTH,
                },
                PasswordRule::MaxLength {
                    max: Self::MAX_LENGTH,
                },
                PasswordRule::Digit,
                PasswordRule::SpecialCharacter,
                PasswordRule::LowerCase,
                PasswordRule::UpperCase,
                #[cfg(feature = "common-passwords")]
                PasswordRule::NotCommon,
            ],
        }
    }

    pub fn rules(&self) -> &[PasswordRule] {
        &self.rules
    }

    /// The rules the password breaks, in the order they are shown; empty when it is acceptable.
    pub fn violations(&self, password: &str) -> Vec<PasswordRule> {
        self.rules
            .iter()
            .copied()
            .filter(|rule| !rule.is_met_by(password))
            .collect()
    }

    pub fn check(&self, password: &str) -> Result<(), Vec<PasswordRule>> {
        let broken = self.violations(password);
        if broken.is_empty() {
            Ok(())
        } else {
            Err(broken)
        }
    }
}

/// Whether the password is on the common list, compared in lower case and
/// again with its symbols removed ("Password1!" is "password1" with two
/// keystrokes more). Without the `common-passwords` feature nothing is.
pub fn is_common(password: &str) -> bool {
    #[cfg(feature = "common-passwords")]
    {
        let lower = password.to_lowercase();
        let bare: String = lower.chars().filter(|c| c.is_alphanumeric()).collect();
        let list = common_list();
        list.binary_search(&lower.as_str()).is_ok() || list.binary_search(&bare.as_str()).is_ok()
    }
    #[cfg(not(feature = "common-passwords"))]
    {
        let _ = password;
        false
    }
}

#[cfg(feature = "common-passwords")]
fn common_list() -> &'static [&'static str] {
    static LIST: std::sync::OnceLock<Vec<&'static str>> = std::sync::OnceLock::new();
    LIST.get_or_init(|| {
        let mut list: Vec<&'static str> = include_str!("../data/common-passwords.txt")
            .lines()
            .map(str::trim)
            .filter(|line| !line.is_empty())
            .collect();
        list.sort_unstable();
        list.dedup();
        list
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn broken(password: &str) -> Vec<&'static str> {
        PasswordPolicy::specification()
            .violations(password)
            .into_iter()
            .map(PasswordRule::code)
            .collect()
    }

    #[test]
    fn accepts_a_password_meeting_every_rule() {
        assert!(PasswordPolicy::specification()
            .check("Welcome-2026")
            .is_ok());
    }

    #[test]
    fn seven_characters_are_too_short_and_eight_are_enough() {
        assert_eq!(broken("Ab1!xyz"), vec!["password_too_short"]);
        assert!(broken("Ab1!xyzw").is_empty());
    }

    #[test]
    fn names_each_missing_character_class() {
        assert_eq!(broken("kqzvbnmx1!"), vec!["password_needs_upper_case"]);
        assert_eq!(broken("KQZVBNMX1!"), vec!["password_needs_lower_case"]);
        assert_eq!(broken("Kqzvbnmx!!"), vec!["password_needs_digit"]);
        assert_eq!(broken("Kqzvbnmx12"), vec!["password_needs_special"]);
    }

    #[test]
    fn a_space_is_not_a_special_character() {
        assert_eq!(broken("Kqzv bnm1"), vec!["password_needs_special"]);
    }

    #[test]
    fn accepts_128_characters_whole_and_refuses_129() {
        let base = "Aa1!";
        let exact = base.repeat(32);
        assert_eq!(exact.chars().count(), 128);
        assert!(broken(&exact).is_empty());
        assert_eq!(broken(&format!("{exact}x")), vec!["password_too_long"]);
    }

    #[cfg(feature = "common-passwords")]
    #[test]
    fn the_list_holds_ten_thousand_passwords() {
        assert!(common_list().len() >= 10_000);
    }

    #[cfg(feature = "common-passwords")]
    #[test]
    fn refuses_common_passwords_dressed_up_to_meet_the_composition_rules() {
        assert_eq!(broken("Password1!"), vec!["password_too_common"]);
        assert_eq!(broken("Qwerty123!"), vec!["password_too_common"]);
        assert_eq!(broken("Welcome1-"), vec!["password_too_common"]);
        // The demo password is not on the list.
        assert!(broken("Welcome-2026").is_empty());
    }

    #[test]
    fn counts_characters_not_bytes() {
        // 8 characters, 12 bytes.
        assert!(broken("Äöü1!abc").is_empty());
        assert_eq!(broken("Äöü1!ab"), vec!["password_too_short"]);
    }
}
