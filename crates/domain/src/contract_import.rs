//! Importing a customer's service contracts from its source system: one row
//! a contract line, the contract's header fields repeated on each line of
//! the same contract (keyed by its number).

use crate::import::{import_file, ImportIssue, RowProblem};
use crate::import_row::RowCheck;
use chrono::NaiveDate;
use std::fmt;
use std::str::FromStr;

import_file! {
    "a contracts file", CONTRACT_FILE, CONTRACT_COLUMNS, ContractColumns = [
        "parent_account", "contract_number", "ship_to_account", "po_number", "service_type",
        "status", "start_date", "end_date", "line_item_number", "line_description",
        "line_start_date", "line_end_date", "covered_products"
    ] => parse_contract_line => ImportedContractLine
}

const NUMBER_MAX: usize = 40;
/// As long as an account's source id may be.
const ACCOUNT_ID_MAX: usize = crate::account::AccountFields::SOURCE_ID_MAX;
const PO_NUMBER_MAX: usize = 60;
const SERVICE_TYPE_MAX: usize = 120;
const DESCRIPTION_MAX: usize = 200;

/// Where a contract stands in the source system.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, serde::Serialize)]
#[serde(rename_all = "snake_case")]
pub enum ContractStatus {
    Active,
    Expired,
    Cancelled,
}

impl ContractStatus {
    pub const ALL: [ContractStatus; 3] = [
        ContractStatus::Active,
        ContractStatus::Expired,
        ContractStatus::Cancelled,
    ];

    pub const fn as_str(self) -> &'static str {
        match self {
            ContractStatus::Active => "active",
            ContractStatus::Expired => "expired",
            ContractStatus::Cancelled => "cancelled",
        }
    }
}

#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("unknown contract status {0:?}")]
pub struct UnknownContractStatus(pub String);

impl FromStr for ContractStatus {
    type Err = UnknownContractStatus;
    /// Any case: source systems write `Active` as often as `active`.
    fn from_str(s: &str) -> Result<Self, Self::Err> {
        ContractStatus::ALL
            .into_iter()
            .find(|status| status.as_str().eq_ignore_ascii_case(s))
            .ok_or_else(|| UnknownContractStatus(s.to_owned()))
    }
}

impl fmt::Display for ContractStatus {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

/// A contract's header: the same on every line of the contract.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize)]
pub struct ContractHeader {
    /// The source system's contract number: the contract's key.
    pub number: String,
    /// The source id of the account the service goes to.
    pub ship_to_account: String,
    pub po_number: Option<String>,
    pub service_type: String,
    pub status: ContractStatus,
    pub start_date: NaiveDate,
    pub end_date: NaiveDate,
}

/// One line of a contract.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize)]
pub struct ContractLineFields {
    pub line_item_number: String,
    pub description: String,
    pub start_date: NaiveDate,
    pub end_date: NaiveDate,
    /// The numbers of the installed products covered, sorted and once
    /// each: the stored set compares by plain equality.
    pub covered_products: Vec<String>,
}

/// A contract line as a row of the file gives it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ImportedContractLine {
    /// The customer's source id: the row's tenancy.
    pub parent_account: String,
    pub contract: ContractHeader,
    pub line: ContractLineFields,
}

/// Checks one row (at `line`); every problem at once.
pub fn parse_contract_line(
    columns: &ContractColumns,
    fields: &[&str],
    line: u64,
) -> Result<ImportedContractLine, Vec<RowProblem>> {
    let mut row = RowCheck::new(columns, &CONTRACT_COLUMNS, fields, line);
    let parent_account = row.required();
    let number = row.text(NUMBER_MAX);
    let ship_to_account = row.text(ACCOUNT_ID_MAX);
    let po_number = row.optional(PO_NUMBER_MAX);
    let service_type = row.text(SERVICE_TYPE_MAX);
    let status = row.parsed(ImportIssue::UnknownContractStatus, |v| {
        v.parse::<ContractStatus>().ok()
    });
    let dates = row.dates();
    let line_item_number = row.text(NUMBER_MAX);
    let description = row.text(DESCRIPTION_MAX);
    let line_dates = row.dates();
    let mut covered_products = row.list(NUMBER_MAX);
    // Sorted, so a stored line with the same products compares equal.
    covered_products.sort();
    let contract = match (status, dates, line_dates) {
        (Some(status), Some((start_date, end_date)), Some((line_start, line_end))) => {
            Some(ImportedContractLine {
                parent_account,
                contract: ContractHeader {
                    number,
                    ship_to_account,
                    po_number,
                    service_type,
                    status,
                    start_date,
                    end_date,
                },
                line: ContractLineFields {
                    line_item_number,
                    description,
                    start_date: line_start,
                    end_date: line_end,
                    covered_products,
                },
            })
        }
        _ => None,
    };
    row.done(contract)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::import::named;

    fn day(y: i32, m: u32, d: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(y, m, d).unwrap()
    }

    const GOOD: [&str; 13] = [
        "LUMC-1000",
        "C-2024-0001",
        "LUMC-1001",
        "",
        "Full service",
        "Active",
        "2024-01-01",
        "2026-12-31",
        "10",
        "Preventive maintenance",
        "2024-01-01",
        "2024-12-31",
        "IP-2; IP-1;;IP-2",
    ];

    #[test]
    fn a_good_row_becomes_a_contract_line_covering_its_products_sorted_once_each() {
        let row = CONTRACT_FILE.check(&GOOD, 2).unwrap();
        assert_eq!(
            row,
            ImportedContractLine {
                parent_account: "LUMC-1000".into(),
                contract: ContractHeader {
                    number: "C-2024-0001".into(),
                    ship_to_account: "LUMC-1001".into(),
                    po_number: None,
                    service_type: "Full service".into(),
                    status: ContractStatus::Active,
                    start_date: day(2024, 1, 1),
                    end_date: day(2026, 12, 31),
                },
                line: ContractLineFields {
                    line_item_number: "10".into(),
                    description: "Preventive maintenance".into(),
                    start_date: day(2024, 1, 1),
                    end_date: day(2024, 12, 31),
                    covered_products: vec!["IP-1".into(), "IP-2".into()],
                },
            }
        );
    }

    #[test]
    fn a_contract_status_reads_in_any_case_and_writes_in_lower_case() {
        for status in ContractStatus::ALL {
            let upper = status.as_str().to_ascii_uppercase();
            assert_eq!(upper.parse::<ContractStatus>(), Ok(status));
        }
        assert_eq!(ContractStatus::Cancelled.as_str(), "cancelled");
        assert!("canceled".parse::<ContractStatus>().is_err());
    }

    #[test]
    fn every_bad_value_of_a_contract_row_is_named_with_its_line_and_column() {
        let long_po = "P".repeat(61);
        let long_product = "I".repeat(41);
        let products = format!("IP-1;{long_product}");
        let row = [
            "",
            "",
            "LUMC-1001",
            long_po.as_str(),
            "Full service",
            "pending",
            "2024-13-01",
            "2026-12-31",
            "10",
            "",
            "2024-06-01",
            "2024-05-31",
            products.as_str(),
        ];
        let problems = CONTRACT_FILE.check(&row, 6).unwrap_err();
        assert_eq!(
            named(&problems),
            [
                (6, "parent_account", "", ImportIssue::Required),
                (6, "contract_number", "", ImportIssue::Required),
                (
                    6,
                    "po_number",
                    long_po.as_str(),
                    ImportIssue::TooLong { max: 60 }
                ),
                (6, "status", "pending", ImportIssue::UnknownContractStatus),
                (6, "start_date", "2024-13-01", ImportIssue::BadDate),
                (6, "line_description", "", ImportIssue::Required),
                (
                    6,
                    "line_end_date",
                    "2024-05-31",
                    ImportIssue::EndsBeforeStart
                ),
                (
                    6,
                    "covered_products",
                    long_product.as_str(),
                    ImportIssue::TooLong { max: 40 }
                ),
            ]
        );
    }

    #[test]
    fn a_contract_that_ends_before_it_starts_is_named_on_its_end_date() {
        let mut row = GOOD;
        row[7] = "2023-12-31";
        row[11] = "";
        let problems = CONTRACT_FILE.check(&row, 3).unwrap_err();
        assert_eq!(
            named(&problems),
            [
                (3, "end_date", "2023-12-31", ImportIssue::EndsBeforeStart),
                (3, "line_end_date", "", ImportIssue::Required),
            ]
        );
        let mut row = GOOD;
        row[7] = row[6];
        assert!(CONTRACT_FILE.check(&row, 3).is_ok());
    }
}
