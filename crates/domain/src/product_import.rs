//! Importing the installed base: one row an installed product, keyed by its
//! number, its accounts named by their source ids within the row's
//! `parent_account`.

use crate::import::{import_file, ImportIssue, RowProblem};
use crate::import_row::RowCheck;
use crate::installed_product::{Modality, ProductKind, ProductStatus};
use chrono::NaiveDate;

/// Longest text a cell may hold.
const MAX_TEXT: usize = 200;

import_file! {
    "an installed-products file", PRODUCT_FILE, PRODUCT_COLUMNS, ProductColumns = [
        "parent_account", "number", "description", "serial_number", "udi", "technical_id",
        "modality", "product_family", "kind", "functional_location", "install_date", "status",
        "owner_account", "location_account", "strategic_item", "end_of_life_date",
        "end_of_service_date"
    ] => parse_product => ImportedProduct
}

/// An installed product's imported fields; its accounts are `A`: source
/// ids as the file names them, or the accounts they were found to be.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize)]
pub struct ProductFields<A> {
    /// The source system's equipment number: the row's key.
    pub number: String,
    pub description: String,
    pub serial_number: String,
    pub udi: Option<String>,
    pub technical_id: Option<String>,
    pub modality: Modality,
    pub product_family: String,
    pub kind: ProductKind,
    pub functional_location: Option<String>,
    pub install_date: Option<NaiveDate>,
    pub status: ProductStatus,
    pub owner_account: A,
    pub location_account: A,
    pub strategic_item: bool,
    pub end_of_life_date: Option<NaiveDate>,
    pub end_of_service_date: Option<NaiveDate>,
}

impl<A> ProductFields<A> {
    /// The same fields with the accounts found.
    pub fn with_accounts<B>(self, owner_account: B, location_account: B) -> ProductFields<B> {
        ProductFields {
            number: self.number,
            description: self.description,
            serial_number: self.serial_number,
            udi: self.udi,
            technical_id: self.technical_id,
            modality: self.modality,
            product_family: self.product_family,
            kind: self.kind,
            functional_location: self.functional_location,
            install_date: self.install_date,
            status: self.status,
            owner_account,
            location_account,
            strategic_item: self.strategic_item,
            end_of_life_date: self.end_of_life_date,
            end_of_service_date: self.end_of_service_date,
        }
    }
}

/// An installed product as a row of the file gives it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ImportedProduct {
    /// The parent account's source id: the row's tenancy.
    pub parent_account: String,
    pub product: ProductFields<String>,
}

/// Checks one row (at `line`); every problem at once.
pub fn parse_product(
    columns: &ProductColumns,
    fields: &[&str],
    line: u64,
) -> Result<ImportedProduct, Vec<RowProblem>> {
    let mut row = RowCheck::new(columns, &PRODUCT_COLUMNS, fields, line);
    let parent_account = row.text(MAX_TEXT);
    let number = row.text(MAX_TEXT);
    let description = row.text(MAX_TEXT);
    let serial_number = row.text(MAX_TEXT);
    let udi = row.optional(MAX_TEXT);
    let technical_id = row.optional(MAX_TEXT);
    let modality = row.parsed(ImportIssue::UnknownModality, |v| {
        v.to_ascii_lowercase().parse::<Modality>().ok()
    });
    let product_family = row.text(MAX_TEXT);
    let kind = row.parsed(ImportIssue::UnknownKind, |v| {
        v.to_ascii_lowercase().parse::<ProductKind>().ok()
    });
    let functional_location = row.optional(MAX_TEXT);
    let install_date = row.date();
    let status = row.parsed(ImportIssue::UnknownStatus, |v| {
        v.to_ascii_lowercase().parse::<ProductStatus>().ok()
    });
    let owner_account = row.text(MAX_TEXT);
    let location_account = row.text(MAX_TEXT);
    let strategic_item = row.boolean();
    let end_of_life_date = row.date();
    let end_of_service_date = row.date();
    let product = match (modality, kind, status) {
        (Some(modality), Some(kind), Some(status)) => Some(ImportedProduct {
            parent_account,
            product: ProductFields {
                number,
                description,
                serial_number,
                udi,
                technical_id,
                modality,
                product_family,
                kind,
                functional_location,
                install_date,
                status,
                owner_account,
                location_account,
                strategic_item,
                end_of_life_date,
                end_of_service_date,
            },
        }),
        _ => None,
    };
    row.done(product)
}

#[cfg(test)]
mod tests {
    use super::*;

    const GOOD: [&str; 17] = [
        "NL-1000",
        "IP-50000001",
        "Ingenia 1.5T",
        "SN-50000001",
        "",
        "",
        "MR",
        "Ingenia",
        "hardware",
        "Radiology, room 3",
        "2021-03-15",
        "active",
        "NL-1001",
        "NL-1001",
        "no",
        "2031-12-31",
        "",
    ];

    #[test]
    fn a_good_row_becomes_a_product() {
        let p = PRODUCT_FILE.check(&GOOD, 2).unwrap().product;
        assert_eq!(p.number, "IP-50000001");
        assert_eq!(p.modality, Modality::Mr);
        assert_eq!(p.udi, None);
        assert_eq!(p.install_date, NaiveDate::from_ymd_opt(2021, 3, 15));
        assert!(!p.strategic_item);
    }
    #[test]
    fn every_bad_value_of_a_row_is_named_with_its_line_and_column() {
        let mut row = GOOD;
        row[1] = "";
        row[6] = "PET";
        row[10] = "15-03-2021";
        row[14] = "maybe";
        let problems = PRODUCT_FILE.check(&row, 7).unwrap_err();
        let named: Vec<_> = problems
            .iter()
            .map(|p| (p.line, p.column.as_str(), p.value.as_str(), p.issue))
            .collect();
        assert_eq!(
            named,
            [
                (7, "number", "", ImportIssue::Required),
                (7, "modality", "PET", ImportIssue::UnknownModality),
                (7, "install_date", "15-03-2021", ImportIssue::BadDate),
                (7, "strategic_item", "maybe", ImportIssue::NotABoolean),
            ]
        );
    }
    #[test]
    fn a_header_without_a_column_names_it_and_columns_may_come_in_any_order() {
        let mut header: Vec<&str> = PRODUCT_COLUMNS.iter().rev().copied().collect();
        assert!(PRODUCT_FILE.columns_in(&header).is_ok());
        header.retain(|c| *c != "serial_number");
        let problems = PRODUCT_FILE.columns_in(&header).unwrap_err();
        assert_eq!(problems.len(), 1);
        assert_eq!(problems[0].column, "serial_number");
        assert_eq!(problems[0].issue, ImportIssue::MissingColumn);
    }
}
