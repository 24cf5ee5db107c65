//! Importing a customer's account tree from its source system: one row an
//! account, keyed by its source id (the ERP's account number), naming the
//! parent account (the customer) and the account directly above it. The
//! row whose source id is the customer's is the parent account itself.

use crate::account::{AccountFields, AccountKind, TypedAccount};
use crate::import::{import_file, parsed, ImportIssue, RowProblem};

import_file! {
    "an accounts file", ACCOUNT_FILE, ACCOUNT_COLUMNS, AccountColumns = [
        "parent_account", "source_id", "parent", "name", "kind", "country", "city", "address",
        "market"
    ] => parse_account => ImportedAccount
}

/// An account as a row of the file gives it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ImportedAccount {
    /// The customer's source id: the row's tenancy.
    pub parent_account: String,
    /// The source id of the account directly above; none for the parent
    /// account itself.
    pub parent: Option<String>,
    /// Its fields, `source_id` among them (always set).
    pub fields: AccountFields,
}

impl ImportedAccount {
    pub fn source_id(&self) -> &str {
        self.fields.source_id.as_deref().unwrap_or_default()
    }

    /// The row of the customer's parent account.
    pub fn is_parent_account(&self) -> bool {
        self.parent.is_none()
    }
}

/// Checks one row (at `line`); every problem at once.
pub fn parse_account(
    columns: &AccountColumns,
    fields: &[&str],
    line: u64,
) -> Result<ImportedAccount, Vec<RowProblem>> {
    let values: Vec<(&str, &str)> = columns.values(&ACCOUNT_COLUMNS, fields).collect();
    let value = |i: usize| values[i].1;
    let mut problems = Vec::new();
    let (parent_account, source_id, parent) = (value(0), value(1), value(2));
    for (column, v) in [("parent_account", parent_account), ("source_id", source_id)] {
        if v.is_empty() {
            problems.push(RowProblem::new(line, column, v, ImportIssue::Required));
        }
    }
    // The customer's own row names no parent; every other row names one.
    let is_parent_account = source_id == parent_account;
    if is_parent_account && !parent.is_empty() {
        problems.push(RowProblem::new(
            line,
            "parent",
            parent,
            ImportIssue::NotAllowed,
        ));
    } else if !is_parent_account && parent.is_empty() {
        problems.push(RowProblem::new(
            line,
            "parent",
            parent,
            ImportIssue::Required,
        ));
    }
    let kind = parsed(
        &mut problems,
        line,
        values[4],
        ImportIssue::UnknownAccountKind,
        |v| v.to_ascii_lowercase().parse::<AccountKind>().ok(),
    );
    let optional = |i: usize| Some(value(i)).filter(|v| !v.is_empty());
    let checked = AccountFields::parse(TypedAccount {
        name: value(3),
        kind: kind.unwrap_or(AccountKind::Site),
        country: value(5),
        city: optional(6),
        address: optional(7),
        market: optional(8),
        source_id: optional(1),
    });
    let fields = match checked {
        Ok(fields) => Some(fields),
        Err(broken) => {
            for p in broken {
                // source_id's emptiness is named above already.
                if p.field == "source_id" && source_id.is_empty() {
                    continue;
                }
                let v = values
                    .iter()
                    .find(|(n, _)| *n == p.field)
                    .map_or("", |v| v.1);
                let issue = match p.code.as_str() {
                    "required" => ImportIssue::Required,
                    "invalid_country" => ImportIssue::BadCountry,
                    _ => ImportIssue::TooLong {
                        max: AccountFields::max_chars(&p.field),
                    },
                };
                problems.push(RowProblem::new(line, &p.field, v, issue));
            }
            None
        }
    };
    problems.sort_by_key(|p| ACCOUNT_COLUMNS.iter().position(|c| *c == p.column));
    match (fields, kind, problems.is_empty()) {
        (Some(fields), Some(_), true) => Ok(ImportedAccount {
            parent_account: parent_account.to_owned(),
            parent: (!is_parent_account).then(|| parent.to_owned()),
            fields,
        }),
        _ => Err(problems),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const SITE: [&str; 9] = [
        "LUMC-1000",
        "LUMC-1001",
        "LUMC-1000",
        "Main Hospital",
        "site",
        "nl",
        "Utrecht",
        "",
        "Benelux",
    ];

    #[test]
    fn a_child_row_names_its_parent_and_the_customers_own_row_names_none() {
        let site = ACCOUNT_FILE.check(&SITE, 2).unwrap();
        assert_eq!(site.parent.as_deref(), Some("LUMC-1000"));
        assert_eq!(site.source_id(), "LUMC-1001");
        assert_eq!(site.fields.country.as_str(), "NL");
        assert_eq!(site.fields.address, None);
        let mut top = SITE;
        top[1] = "LUMC-1000";
        top[2] = "";
        top[4] = "Hospital_Group";
        let top = ACCOUNT_FILE.check(&top, 3).unwrap();
        assert!(top.is_parent_account());
        assert_eq!(top.fields.kind, AccountKind::HospitalGroup);
    }

    #[test]
    fn every_bad_value_of_an_account_row_is_named() {
        let mut row = SITE;
        row[2] = "";
        row[3] = " ";
        row[4] = "clinic";
        row[5] = "NLD";
        let problems = ACCOUNT_FILE.check(&row, 4).unwrap_err();
        let named: Vec<_> = problems
            .iter()
            .map(|p| (p.column.as_str(), p.issue))
            .collect();
        assert_eq!(
            named,
            [
                ("parent", ImportIssue::Required),
                ("name", ImportIssue::Required),
                ("kind", ImportIssue::UnknownAccountKind),
                ("country", ImportIssue::BadCountry),
            ]
        );
        let mut top = SITE;
        top[1] = "LUMC-1000";
        let problems = ACCOUNT_FILE.check(&top, 5).unwrap_err();
        assert_eq!(problems[0].issue, ImportIssue::NotAllowed);
    }
}
