//! Finding what a row names (its customer, accounts, products) within the
//! row's parent account: whatever is not there is a problem of the row,
//! and a thing of another customer says so without saying whose.

use crate::imports::ImportReport;
use domain::import::{ImportIssue, RowProblem};
use domain::{Account, AccountId};
use persistence::repositories::imports::StoredProduct;
use std::collections::HashMap;

/// Where in the file a name stands.
#[derive(Clone, Copy)]
pub(crate) struct Cell<'a> {
    pub line: u64,
    pub column: &'a str,
    pub value: &'a str,
}

impl Cell<'_> {
    fn refuse(self, report: &mut ImportReport, issue: ImportIssue) {
        report.refuse(RowProblem::new(self.line, self.column, self.value, issue));
    }
}

/// The parent account a row's `parent_account` names.
pub(crate) fn customer(
    accounts: &HashMap<String, Account>,
    cell: Cell<'_>,
    report: &mut ImportReport,
) -> Option<AccountId> {
    match accounts.get(cell.value) {
        Some(account) if account.is_parent_account() => Some(account.id),
        Some(_) => {
            cell.refuse(report, ImportIssue::OtherCustomer);
            None
        }
        None => {
            cell.refuse(report, ImportIssue::UnknownAccount);
            None
        }
    }
}

/// An account of `customer` the row names by its source id.
pub(crate) fn account_of(
    accounts: &HashMap<String, Account>,
    customer: AccountId,
    cell: Cell<'_>,
    report: &mut ImportReport,
) -> Option<AccountId> {
    match accounts.get(cell.value) {
        Some(a) if a.parent_account_id == customer => Some(a.id),
        Some(_) => {
            cell.refuse(report, ImportIssue::OtherCustomer);
            None
        }
        None => {
            cell.refuse(report, ImportIssue::UnknownAccount);
            None
        }
    }
}

/// An installed product of `customer` the row names by its number.
pub(crate) fn product_of(
    products: &HashMap<String, StoredProduct>,
    customer: AccountId,
    cell: Cell<'_>,
    report: &mut ImportReport,
) -> Option<domain::InstalledProductId> {
    match products.get(cell.value) {
        Some(p) if p.parent_account == customer => Some(p.id),
        Some(_) => {
            cell.refuse(report, ImportIssue::OtherCustomer);
            None
        }
        None => {
            cell.refuse(report, ImportIssue::UnknownProduct);
            None
        }
    }
}

/// Whether a stored thing keyed by the row's key belongs to `customer`;
/// one of another customer is refused (its key stays theirs).
pub(crate) fn ours(
    owner: Option<AccountId>,
    customer: AccountId,
    cell: Cell<'_>,
    report: &mut ImportReport,
) -> bool {
    if owner.is_some_and(|owner| owner != customer) {
        cell.refuse(report, ImportIssue::OtherCustomer);
        return false;
    }
    true
}
