//! Finding what a row names (its customer, accounts, products) within the
//! row's parent account: whatever is not there is a problem of the row,
//! and a thing of another customer says so without saying whose.

use crate::import_run::ImportReport;
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

/// What `cell` names, if it is there and `belongs`; otherwise the row's
/// problem: `missing`, or a thing of another customer.
fn within<'a, T>(
    found: Option<&'a T>,
    belongs: impl FnOnce(&T) -> bool,
    (cell, missing): (Cell<'_>, ImportIssue),
    report: &mut ImportReport,
) -> Option<&'a T> {
    match found {
        Some(thing) if belongs(thing) => Some(thing),
        Some(_) => {
            cell.refuse(report, ImportIssue::OtherCustomer);
            None
        }
        None => {
            cell.refuse(report, missing);
            None
        }
    }
}

/// The parent account a row's `parent_account` names.
pub(crate) fn customer(
    accounts: &HashMap<String, Account>,
    cell: Cell<'_>,
    report: &mut ImportReport,
) -> Option<AccountId> {
    let found = accounts.get(cell.value);
    let missing = ImportIssue::UnknownAccount;
    within(found, Account::is_parent_account, (cell, missing), report).map(|a| a.id)
}

/// An account of `customer` the row names by its source id.
pub(crate) fn account_of(
    accounts: &HashMap<String, Account>,
    customer: AccountId,
    cell: Cell<'_>,
    report: &mut ImportReport,
) -> Option<AccountId> {
    let ours = |a: &Account| a.parent_account_id == customer;
    let missing = ImportIssue::UnknownAccount;
    within(accounts.get(cell.value), ours, (cell, missing), report).map(|a| a.id)
}

/// An installed product of `customer` the row names by its number.
pub(crate) fn product_of(
    products: &HashMap<String, StoredProduct>,
    customer: AccountId,
    cell: Cell<'_>,
    report: &mut ImportReport,
) -> Option<domain::InstalledProductId> {
    let ours = |p: &StoredProduct| p.parent_account == customer;
    let missing = ImportIssue::UnknownProduct;
    within(products.get(cell.value), ours, (cell, missing), report).map(|p| p.id)
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
