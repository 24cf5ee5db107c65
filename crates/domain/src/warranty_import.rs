//! Importing the warranties of a customer's installed products from its
//! source system: one row a warranty, keyed by the source system's id.

use crate::import::{date_range, required, required_text, Columns, RowProblem};
use chrono::NaiveDate;

/// The columns of a warranties file, in the template's order.
pub const WARRANTY_COLUMNS: [&str; 6] = [
    "parent_account",
    "number",
    "installed_product",
    "description",
    "start_date",
    "end_date",
];

pub type WarrantyColumns = Columns<6>;

impl WarrantyColumns {
    /// Finds every warranty column in `header`.
    pub fn from_header(header: &[&str]) -> Result<Self, Vec<RowProblem>> {
        Self::find(&WARRANTY_COLUMNS, header)
    }
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
    let mut problems = Vec::new();
    let mut values = columns.values(&WARRANTY_COLUMNS, fields);
    let mut next = || values.next().unwrap_or(("", ""));
    let parent_account = required(&mut problems, line, next());
    let number = required_text(&mut problems, line, next(), NUMBER_MAX);
    let installed_product = required_text(&mut problems, line, next(), NUMBER_MAX);
    let description = required_text(&mut problems, line, next(), DESCRIPTION_MAX);
    let (start, end) = (next(), next());
    let dates = date_range(&mut problems, line, start, end);
    problems.sort_by_key(|p| WARRANTY_COLUMNS.iter().position(|c| *c == p.column));
    match (dates, problems.is_empty()) {
        (Some((start_date, end_date)), true) => Ok(ImportedWarranty {
            parent_account,
            fields: WarrantyFields {
                number,
                installed_product,
                description,
                start_date,
                end_date,
            },
        }),
        _ => Err(problems),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::import::ImportIssue;

    fn columns() -> WarrantyColumns {
        WarrantyColumns::from_header(&WARRANTY_COLUMNS).unwrap()
    }

    const GOOD: [&str; 6] = [
        " LUMC-1000 ",
        "W-77001",
        "IP-50000001",
        "Two-year parts and labour",
        "2024-03-01",
        "2026-02-28",
    ];

    fn named(problems: &[RowProblem]) -> Vec<(u64, &str, &str, ImportIssue)> {
        problems
            .iter()
            .map(|p| (p.line, p.column.as_str(), p.value.as_str(), p.issue))
            .collect()
    }

    #[test]
    fn a_good_row_becomes_a_warranty() {
        let warranty = parse_warranty(&columns(), &GOOD, 2).unwrap();
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
        let problems = parse_warranty(&columns(), &row, 5).unwrap_err();
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
        let problems = parse_warranty(&columns(), &row, 8).unwrap_err();
        assert_eq!(
            named(&problems),
            [(8, "end_date", "2024-02-29", ImportIssue::EndsBeforeStart)]
        );
    }
}
