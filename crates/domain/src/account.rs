//! Accounts: organisations and locations, forming a tree under a parent account.

use crate::case::CaseText;
use crate::ids::AccountId;
use crate::new_case::FieldProblem;
use serde::{Deserialize, Serialize};
use std::collections::BTreeSet;
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

/// An account as the domain sees it. `parent_account_id` is the top of its tree
/// (the customer's parent account); for a parent account it is its own id.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Account {
    pub id: AccountId,
    pub parent_id: Option<AccountId>,
    pub parent_account_id: AccountId,
    /// What portal support sets on it.
    pub fields: AccountFields,
}

impl Account {
    pub fn is_parent_account(&self) -> bool {
        self.parent_id.is_none()
    }
}

/// What an Admin sets on an account, checked.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct AccountFields {
    pub name: AccountName,
    pub kind: AccountKind,
    pub country: CountryCode,
    pub city: Option<String>,
    pub address: Option<String>,
    pub market: Option<String>,
    /// The source system's id (the ERP's account number) that imports name.
    pub source_id: Option<String>,
}

/// An account's fields as typed, to check.
#[derive(Debug, Clone, Copy)]
pub struct TypedAccount<'a> {
    pub name: &'a str,
    pub kind: AccountKind,
    pub country: &'a str,
    pub city: Option<&'a str>,
    pub address: Option<&'a str>,
    pub market: Option<&'a str>,
    pub source_id: Option<&'a str>,
}

impl AccountFields {
    pub const CITY_MAX: usize = 120;
    pub const ADDRESS_MAX: usize = 300;
    pub const MARKET_MAX: usize = 60;
    pub const SOURCE_ID_MAX: usize = 64;

    /// The longest a text `field` may be.
    pub fn max_chars(field: &str) -> usize {
        match field {
            "name" => AccountName::MAX_CHARS,
            "city" => Self::CITY_MAX,
            "address" => Self::ADDRESS_MAX,
            "market" => Self::MARKET_MAX,
            _ => Self::SOURCE_ID_MAX,
        }
    }

    /// Every broken rule at once, named by field.
    pub fn parse(typed: TypedAccount<'_>) -> Result<Self, Vec<FieldProblem>> {
        let mut problems = Vec::new();
        let name = AccountName::parse(typed.name)
            .map_err(|e| {
                let code = match e {
                    InvalidAccountName::Empty => "required",
                    InvalidAccountName::TooLong { .. } => "too_long",
                };
                problems.push(FieldProblem::new("name", code, e.to_string()));
            })
            .ok();
        let country = CountryCode::parse(typed.country.trim())
            .map_err(|e| {
                problems.push(FieldProblem::new(
                    "country",
                    "invalid_country",
                    e.to_string(),
                ))
            })
            .ok();
        let mut text = |field: &str, raw: Option<&str>, max: usize| {
            CaseText::parse_optional(raw, max)
                .map_err(|e| problems.push(FieldProblem::text(field, e)))
                .ok()
                .flatten()
                .map(CaseText::into_string)
        };
        let city = text("city", typed.city, Self::CITY_MAX);
        let address = text("address", typed.address, Self::ADDRESS_MAX);
        let market = text("market", typed.market, Self::MARKET_MAX);
        let source_id = text("source_id", typed.source_id, Self::SOURCE_ID_MAX);
        match (name, country) {
            (Some(name), Some(country)) if problems.is_empty() => Ok(AccountFields {
                name,
                kind: typed.kind,
                country,
                city,
                address,
                market,
                source_id,
            }),
            _ => Err(problems),
        }
    }
}

/// Why an account cannot move where it was asked to.
#[derive(Debug, Clone, Copy, PartialEq, Eq, thiserror::Error)]
pub enum MoveRefusal {
    #[error("a parent account is the top of a customer's tree and does not move")]
    ParentAccount,
    #[error("an account cannot move under itself or under one of its own accounts")]
    IntoItself,
    #[error("the account is already there")]
    AlreadyThere,
}

/// Whether `account` (with `subtree`: itself and every account below it)
/// may move under `to`. A child account moves with its subtree, within its
/// customer or to another one.
pub fn check_move(
    account: &Account,
    subtree: &BTreeSet<AccountId>,
    to: &Account,
) -> Result<(), MoveRefusal> {
    if account.is_parent_account() {
        return Err(MoveRefusal::ParentAccount);
    }
    if subtree.contains(&to.id) || to.id == account.id {
        return Err(MoveRefusal::IntoItself);
    }
    if account.parent_id == Some(to.id) {
        return Err(MoveRefusal::AlreadyThere);
    }
    Ok(())
}

/// `root` and every account below it, of `accounts` (one customer's tree).
pub fn subtree_of(root: AccountId, accounts: &[Account]) -> BTreeSet<AccountId> {
    let mut found = BTreeSet::from([root]);
    // Each pass adds the children of what was found; a tree is at most as
    // deep as it has accounts.
    loop {
        let before = found.len();
        for a in accounts {
            if a.parent_id.is_some_and(|p| found.contains(&p)) {
                found.insert(a.id);
            }
        }
        if found.len() == before {
            return found;
        }
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

crate::text_conversions!(
    CountryCode / InvalidCountryCode,
    AccountName / InvalidAccountName
);

#[cfg(test)]
mod tests {
    use super::*;

    fn account(id: u128, parent: Option<u128>) -> Account {
        Account {
            id: AccountId::from_uuid(uuid::Uuid::from_u128(id)),
            parent_id: parent.map(|p| AccountId::from_uuid(uuid::Uuid::from_u128(p))),
            parent_account_id: AccountId::from_uuid(uuid::Uuid::from_u128(1)),
            fields: AccountFields::parse(TypedAccount {
                name: "A",
                kind: AccountKind::Site,
                country: "NL",
                city: None,
                address: None,
                market: None,
                source_id: None,
            })
            .unwrap(),
        }
    }

    #[test]
    fn a_child_moves_with_its_subtree_but_never_under_itself() {
        // 1 -> 2 -> 3, and 1 -> 4.
        let tree = [
            account(1, None),
            account(2, Some(1)),
            account(3, Some(2)),
            account(4, Some(1)),
        ];
        let subtree = subtree_of(tree[1].id, &tree);
        assert_eq!(subtree, BTreeSet::from([tree[1].id, tree[2].id]));
        assert_eq!(check_move(&tree[1], &subtree, &tree[3]), Ok(()));
        assert_eq!(
            check_move(&tree[1], &subtree, &tree[2]),
            Err(MoveRefusal::IntoItself)
        );
        assert_eq!(
            check_move(&tree[1], &subtree, &tree[0]),
            Err(MoveRefusal::AlreadyThere)
        );
        let whole = subtree_of(tree[0].id, &tree);
        assert_eq!(whole.len(), 4);
        assert_eq!(
            check_move(&tree[0], &whole, &tree[3]),
            Err(MoveRefusal::ParentAccount)
        );
    }

    #[test]
    fn account_fields_name_every_broken_rule() {
        let typed = TypedAccount {
            name: " ",
            kind: AccountKind::Hospital,
            country: "Netherlands",
            city: Some("Leiden"),
            address: Some(&"x".repeat(AccountFields::ADDRESS_MAX + 1)),
            market: None,
            source_id: Some(" LUMC-1 "),
        };
        let problems = AccountFields::parse(typed).unwrap_err();
        let fields: Vec<&str> = problems.iter().map(|p| p.field.as_str()).collect();
        assert_eq!(fields, ["name", "country", "address"]);
        let ok = AccountFields::parse(TypedAccount {
            name: "LUMC",
            country: "nl",
            address: None,
            ..typed
        })
        .unwrap();
        assert_eq!(ok.country.as_str(), "NL");
        assert_eq!(ok.source_id.as_deref(), Some("LUMC-1"));
        assert_eq!(ok.city.as_deref(), Some("Leiden"));
    }

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
