//! Importing a customer's account tree from its source system's CSV export.
//! An accounts file is small (one row an account), so its rows are read
//! first and then applied in an order that puts every account after the
//! one above it, whatever the file's order. All of the file is applied or
//! none of it; a dry run goes the same way and rolls back.

use crate::error::ApiError;
use crate::import_run::{names, with_import, ImportReport, RunOf, Stop};
use domain::account_import::{ImportedAccount, ACCOUNT_FILE};
use domain::import::{ImportIssue, RowProblem};
use domain::{Account, AccountId};
use persistence::repositories::account_admin;
use persistence::repositories::accounts;
use persistence::repositories::audit::AuditEntry;
use persistence::Tx;
use std::collections::{HashMap, HashSet};

/// Imports accounts from CSV (`input`) in `run`.
pub(crate) async fn import_accounts(
    run: RunOf<'_>,
    input: impl std::io::Read,
) -> Result<ImportReport, ApiError> {
    let mut report = ImportReport::new_run();
    let key = |a: &ImportedAccount| ("source_id", a.source_id().to_owned());
    let Some(rows) = run.read_rows(&mut report, input, ACCOUNT_FILE, key)? else {
        return Ok(report);
    };
    run.whole(async |tx| {
        let mut apply = Run {
            run,
            report,
            known: HashMap::new(),
            entries: Vec::new(),
        };
        apply.apply(tx, rows).await?;
        Ok((apply.report, apply.entries))
    })
    .await
}

struct Run<'a> {
    run: RunOf<'a>,
    report: ImportReport,
    /// Accounts by source id as they are after the rows applied so far.
    known: HashMap<String, Account>,
    entries: Vec<AuditEntry>,
}

/// What a row waits for, or why it cannot be applied.
enum Needs {
    Ready,
    /// An account a row still to be applied makes.
    Later,
    Missing(RowProblem),
}

impl Run<'_> {
    async fn apply(&mut self, tx: &Tx, rows: Vec<(u64, ImportedAccount)>) -> Result<(), Stop> {
        let named = names(rows.iter().flat_map(|(_, r)| {
            [
                Some(r.source_id()),
                Some(&r.parent_account),
                r.parent.as_deref(),
            ]
            .into_iter()
            .flatten()
            .map(str::to_owned)
        }));
        self.known = account_admin::by_source_ids(tx, &named).await?;
        // Each pass applies the rows whose customer and parent are known;
        // the tree is at most as deep as the file is long.
        let mut pending = rows;
        loop {
            let waiting: HashSet<String> = pending
                .iter()
                .map(|(_, r)| r.source_id().to_owned())
                .collect();
            let before = pending.len();
            let mut later = Vec::new();
            for (line, row) in pending {
                match self.needs(line, &row, &waiting) {
                    Needs::Ready => self.apply_row(tx, line, row).await?,
                    Needs::Later => later.push((line, row)),
                    Needs::Missing(problem) => self.report.refuse(problem),
                }
            }
            if later.is_empty() {
                return Ok(());
            }
            if later.len() == before {
                // Rows that wait for each other: a loop in the tree.
                for (line, row) in later {
                    let parent = row.parent.as_deref().unwrap_or_default();
                    let issue = ImportIssue::UnknownAccount;
                    self.report
                        .refuse(RowProblem::new(line, "parent", parent, issue));
                }
                return Ok(());
            }
            pending = later;
        }
    }

    fn needs(&self, line: u64, row: &ImportedAccount, waiting: &HashSet<String>) -> Needs {
        if row.is_parent_account() {
            return Needs::Ready;
        }
        let mut named = vec![("parent_account", row.parent_account.as_str())];
        named.extend(row.parent.as_deref().map(|p| ("parent", p)));
        for (column, source) in named {
            if self.known.contains_key(source) {
                continue;
            }
            if waiting.contains(source) && source != row.source_id() {
                return Needs::Later;
            }
            let issue = ImportIssue::UnknownAccount;
            return Needs::Missing(RowProblem::new(line, column, source, issue));
        }
        Needs::Ready
    }

    async fn apply_row(&mut self, tx: &Tx, line: u64, row: ImportedAccount) -> Result<(), Stop> {
        let source = row.source_id().to_owned();
        let existing = self.known.get(&source).cloned();
        let other = |column: &str, value: &str| {
            RowProblem::new(line, column, value, ImportIssue::OtherCustomer)
        };
        let place = if row.is_parent_account() {
            // The customer's own row: a parent account, or a new one.
            match &existing {
                Some(e) if !e.is_parent_account() => Err(other("source_id", &source)),
                Some(e) => Ok((None, e.id)),
                None => Ok((None, AccountId::from_uuid(uuid::Uuid::new_v4()))),
            }
        } else {
            let customer = &self.known[&row.parent_account];
            let parent_source = row.parent.as_deref().unwrap_or_default();
            let parent = &self.known[parent_source];
            if !customer.is_parent_account() {
                Err(other("parent_account", &row.parent_account))
            } else if parent.parent_account_id != customer.id {
                Err(other("parent", parent_source))
            } else if existing
                .as_ref()
                .is_some_and(|e| e.parent_account_id != customer.id)
            {
                Err(other("source_id", &source))
            } else {
                Ok((Some(parent.id), customer.id))
            }
        };
        let (parent_id, customer) = match place {
            Ok(place) => place,
            Err(problem) => {
                self.report.refuse(problem);
                return Ok(());
            }
        };
        let after = Account {
            // A new parent account's id is the customer's, chosen above.
            id: existing.as_ref().map_or_else(
                || parent_id.map_or(customer, |_| AccountId::from_uuid(uuid::Uuid::new_v4())),
                |e| e.id,
            ),
            parent_id,
            parent_account_id: customer,
            fields: row.fields,
        };
        match existing {
            Some(before) if before == after => self.report.unchanged += 1,
            Some(before) => {
                if parent_id.is_some_and(|p| self.is_below(p, before.id)) {
                    let parent = row.parent.unwrap_or_default();
                    let issue = ImportIssue::NotAllowed;
                    self.report
                        .refuse(RowProblem::new(line, "parent", &parent, issue));
                    return Ok(());
                }
                self.report.updated += 1;
                account_admin::update(tx, after.id, &after.fields).await?;
                if let Some(parent) = parent_id.filter(|p| before.parent_id != Some(*p)) {
                    account_admin::set_parent(tx, after.id, parent).await?;
                }
                let entry = self
                    .entry("account.import.update", &after)
                    .old_value(crate::account_admin::audited(&before))
                    .new_value(self.with_import(&after));
                self.entries.push(entry);
            }
            None => {
                self.report.created += 1;
                accounts::insert(tx, &after, self.run.state.clock.now()).await?;
                let entry = self
                    .entry("account.import.create", &after)
                    .new_value(self.with_import(&after));
                self.entries.push(entry);
            }
        }
        self.known.insert(source, after);
        Ok(())
    }

    /// Whether `account` is `ancestor` or below it, as the tree now stands.
    fn is_below(&self, account: AccountId, ancestor: AccountId) -> bool {
        let by_id: HashMap<AccountId, Option<AccountId>> =
            self.known.values().map(|a| (a.id, a.parent_id)).collect();
        let mut at = Some(account);
        // A tree has no loops; the bound keeps a broken one from hanging.
        for _ in 0..=by_id.len() {
            match at {
                Some(a) if a == ancestor => return true,
                Some(a) => at = by_id.get(&a).copied().flatten(),
                None => return false,
            }
        }
        false
    }

    fn entry(&self, action: &str, account: &Account) -> AuditEntry {
        let parent = Some(account.parent_account_id);
        self.run.entry((action, "account"), account.id, parent)
    }

    fn with_import(&self, account: &Account) -> serde_json::Value {
        with_import(crate::account_admin::audited(account), &self.report)
    }
}
