//! Importing the warranties of a customer's installed products from its
//! source system: one row a warranty, keyed by the source system's id.

use crate::import::{import_file, RowProblem};
use crate::import_row::RowCheck;
use chrono::NaiveDate;

import_file! {
    "a warranties file", WARRANTY_FILE, WARRANTY_COLUMNS, WarrantyColumns = [
        "parent_account", "number", "installed_product", "description", "start_date", "end_date"
    ] => parse_warranty => ImportedWarranty
}

const NUMBER_MAX: usize = 40;
const DESCRIPTION_MAX: usize = 200;

/// A warranty's imported fields.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize)]
pub struct WarrantyFields {
    /// The source system's warranty id: the row's key.
    pub number: String,
    /// The number of the installed product under warranty.
    pub installed_product: String,
    pub description: String,
    pub start_date: NaiveDate,
    pub end_date: NaiveDate,
}

/// A warranty as a row of the file gives it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ImportedWarranty {
    /// The customer's source id: the row's tenancy.
    pub parent_account: String,
    pub fields: WarrantyFields,
}

/// Checks one row (at `line`); every problem at once.
pub fn parse_warranty(
    columns: &WarrantyColumns,
    fields: &[&str],
    line: u64,
) -> Result<ImportedWarranty, Vec<RowProblem>> {
    let mut row = RowCheck::new(columns, &WARRANTY_COLUMNS, fields, line);
    let parent_account = row.required();
    let number = row.text(NUMBER_MAX);
    let installed_product = row.text(NUMBER_MAX);
    let description = row.text(DESCRIPTION_MAX);
    let warranty = row.dates().map(|(start_date, end_date)| ImportedWarranty {
        parent_account,
        fields: WarrantyFields {
            number,
            installed_product,
            description,
            start_date,
            end_date,
        },
    });
    row.done(warranty)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::import::named;
    use crate::import::ImportIssue;

    const GOOD: [&str; 6] = [
        " LUMC-1000 ",
        "W-77001",
        "IP-50000001",
        "Two-year parts and labour",
        "2024-03-01",
        "2026-02-28",
    ];

    #[test]
    fn a_good_row_becomes_a_warranty() {
        let warranty = WARRANTY_FILE.check(&GOOD, 2).unwrap();
        assert_eq!(
            warranty,
            ImportedWarranty {
                parent_account: "LUMC-1000".into(),
                fields: WarrantyFields {
                    number: "W-77001".into(),
                    installed_product: "IP-50000001".into(),
                    description: "Two-year parts and labour".into(),
                    start_date: NaiveDate::from_ymd_opt(2024, 3, 1).unwrap(),
                    end_date: NaiveDate::from_ymd_opt(2026, 2, 28).unwrap(),
                },
            }
        );
    }

    #[test]
    fn every_bad_value_of_a_warranty_row_is_named_with_its_line_and_column() {
        let long_product = "I".repeat(41);
        let long_description = "d".repeat(201);
        let row = [
            "",
            "",
            long_product.as_str(),
            long_description.as_str(),
            "01-03-2024",
            "",
        ];
        let problems = WARRANTY_FILE.check(&row, 5).unwrap_err();
        assert_eq!(
            named(&problems),
            [
                (5, "parent_account", "", ImportIssue::Required),
                (5, "number", "", ImportIssue::Required),
                (
                    5,
                    "installed_product",
                    long_product.as_str(),
                    ImportIssue::TooLong { max: 40 }
                ),
                (
                    5,
                    "description",
                    long_description.as_str(),
                    ImportIssue::TooLong { max: 200 }
                ),
                (5, "start_date", "01-03-2024", ImportIssue::BadDate),
                (5, "end_date", "", ImportIssue::Required),
            ]
        );
    }

    #[test]
    fn a_warranty_that_ends_before_it_starts_is_named_on_its_end_date() {
        let mut row = GOOD;
        row[5] = "2024-02-29";
        let problems = WARRANTY_FILE.check(&row, 8).unwrap_err();
        assert_eq!(
            named(&problems),
            [(8, "end_date", "2024-02-29", ImportIssue::EndsBeforeStart)]
        );
    }
}
