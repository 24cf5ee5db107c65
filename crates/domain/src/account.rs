//! Accounts: organisations and locations, forming a tree under a parent account.

use crate::ids::AccountId;
use serde::{Deserialize, Serialize};
use std::fmt;
use std::str::FromStr;

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum AccountKind {
    HospitalGroup,
    Hospital,
    Site,
    Department,
    LeasingCompany,
    Trust,
    ServiceOrganisation,
}

impl AccountKind {
    pub const ALL: [AccountKind; 7] = [
        AccountKind::HospitalGroup,
        AccountKind::Hospital,
        AccountKind::Site,
        AccountKind::Department,
        AccountKind::LeasingCompany,
        AccountKind::Trust,
        AccountKind::ServiceOrganisation,
    ];

    pub const fn as_str(self) -> &'static str {
        match self {
            AccountKind::HospitalGroup => "hospital_group",
            AccountKind::Hospital => "hospital",
            AccountKind::Site => "site",
            AccountKind::Department => "department",
            AccountKind::LeasingCompany => "leasing_company",
            AccountKind::Trust => "trust",
            AccountKind::ServiceOrganisation => "service_organisation",
        }
    }
}

#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("unknown account kind {0:?}")]
pub struct UnknownAccountKind(pub String);

impl FromStr for AccountKind {
    type Err = UnknownAccountKind;
    fn from_str(s: &str) -> Result<Self, Self::Err> {
        AccountKind::ALL
            .into_iter()
            .find(|k| k.as_str() == s)
            .ok_or_else(|| UnknownAccountKind(s.to_owned()))
    }
}

/// An ISO 3166-1 alpha-2 country code, upper case ("NL", "DK").
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(try_from = "String", into = "String")]
pub struct CountryCode([u8; 2]);

#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("{0:?} is not a two-letter country code")]
pub struct InvalidCountryCode(pub String);

impl CountryCode {
    pub fn parse(s: &str) -> Result<Self, InvalidCountryCode> {
        match s.as_bytes() {
            [a, b] if a.is_ascii_alphabetic() && b.is_ascii_alphabetic() => {
                Ok(Self([a.to_ascii_uppercase(), b.to_ascii_uppercase()]))
            }
            _ => Err(InvalidCountryCode(s.to_owned())),
        }
    }

    pub fn as_str(&self) -> &str {
        // Both bytes are ASCII letters by construction.
        std::str::from_utf8(&self.0).unwrap_or("??")
    }
}

impl TryFrom<String> for CountryCode {
    type Error = InvalidCountryCode;
    fn try_from(s: String) -> Result<Self, Self::Error> {
        Self::parse(&s)
    }
}

impl From<CountryCode> for String {
    fn from(c: CountryCode) -> Self {
        c.as_str().to_owned()
    }
}

impl fmt::Display for CountryCode {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

#[derive(Debug, Clone, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(try_from = "String", into = "String")]
pub struct AccountName(String);

#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum InvalidAccountName {
    #[error("an account name cannot be empty")]
    Empty,
    #[error("an account name has at most {max} characters")]
    TooLong { max: usize },
}

impl AccountName {
    pub const MAX_CHARS: usize = 200;

    pub fn parse(s: &str) -> Result<Self, InvalidAccountName> {
        let trimmed = s.trim();
        if trimmed.is_empty() {
            return Err(InvalidAccountName::Empty);
        }
        if trimmed.chars().count() > Self::MAX_CHARS {
            return Err(InvalidAccountName::TooLong {
                max: Self::MAX_CHARS,
            });
        }
        Ok(Self(trimmed.to_owned()))
    }

    pub fn as_str(&self) -> &str {
        &self.0
    }
}

impl TryFrom<String> for AccountName {
    type Error = InvalidAccountName;
    fn try_from(s: String) -> Result<Self, Self::Error> {
        Self::parse(&s)
    }
}

impl From<AccountName> for String {
    fn from(n: AccountName) -> Self {
        n.0
    }
}

/// An account as the domain sees it. `parent_account_id` is the top of its tree
/// (the customer's parent account); for a parent account it is its own id.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Account {
    pub id: AccountId,
    pub parent_id: Option<AccountId>,
    pub parent_account_id: AccountId,
    pub name: AccountName,
    pub kind: AccountKind,
    pub country: CountryCode,
    pub city: Option<String>,
}

impl Account {
    pub fn is_parent_account(&self) -> bool {
        self.parent_id.is_none()
    }
}

/// Why a user sees an account. Only `Assigned` opens its data; the others
/// show the account's name and place next to the product or contract.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum VisibilityReason {
    Assigned,
    OwnerOfVisibleProduct,
    LocationOfVisibleProduct,
    ContractHolder,
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn country_code_is_normalised_to_upper_case() {
        assert_eq!(
            CountryCode::parse("nl").map(|c| c.to_string()),
            Ok("NL".into())
        );
    }

    #[test]
    fn country_code_rejects_wrong_length_and_digits() {
        for bad in ["", "N", "NLD", "1L", "N-"] {
            assert!(CountryCode::parse(bad).is_err(), "{bad} accepted");
        }
    }

    #[test]
    fn account_name_is_trimmed_and_bounded() {
        assert_eq!(AccountName::parse("  UMC  ").map(|n| n.0), Ok("UMC".into()));
        assert_eq!(AccountName::parse("   "), Err(InvalidAccountName::Empty));
        let long = "x".repeat(AccountName::MAX_CHARS + 1);
        assert!(matches!(
            AccountName::parse(&long),
            Err(InvalidAccountName::TooLong { .. })
        ));
    }

    #[test]
    fn account_kind_round_trips_through_its_name() {
        for kind in AccountKind::ALL {
            assert_eq!(kind.as_str().parse::<AccountKind>(), Ok(kind));
        }
        assert!("clinic".parse::<AccountKind>().is_err());
    }
}
