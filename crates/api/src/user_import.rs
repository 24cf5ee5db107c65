//! Importing a customer's users from their source system: one row a user,
//! keyed by user name, with the role and the accounts (by source id) they
//! are assigned. A new user gets an activation email, sent when the run is
//! applied (the outbox is written in the run's transaction). An existing
//! user's name, role and accounts follow the file; their address does not,
//! since a changed address is confirmed in the app, where the user is told.

use crate::error::ApiError;
use crate::identity::client::ClientAddress;
use crate::identity::{links, security};
use crate::import_names::{self, Cell};
use crate::import_run::{names, with_import, ImportReport, RunOf, Stop};
use domain::import::{ImportIssue, RowProblem};
use domain::user_import::{ImportedUser, USER_FILE};
use domain::{Account, AccountId, SecurityEvent, User, UserId};
use persistence::repositories::audit::AuditEntry;
use persistence::repositories::user_tokens::LinkPurpose;
use persistence::repositories::users::{self, AdminChanges, AdminUser};
use persistence::repositories::{account_admin, accounts, refresh_tokens};
use persistence::Tx;
use std::collections::HashMap;

/// Imports users from CSV (`input`) in `run`.
pub(crate) async fn import_users(
    run: RunOf<'_>,
    input: impl std::io::Read,
) -> Result<ImportReport, ApiError> {
    let mut report = ImportReport::new_run();
    let key = |u: &ImportedUser| ("username", u.username.as_str().to_owned());
    let Some(rows) = run.read_rows(&mut report, input, USER_FILE, key)? else {
        return Ok(report);
    };
    run.whole(async |tx| {
        let sources = names(rows.iter().flat_map(|(_, u)| {
            std::iter::once(&u.parent_account)
                .chain(&u.accounts)
                .cloned()
        }));
        let usernames: Vec<String> = rows
            .iter()
            .map(|(_, u)| u.username.as_str().to_owned())
            .collect();
        let mut apply = Run {
            run,
            report,
            accounts: account_admin::by_source_ids(tx, &sources).await?,
            existing: users::admin_by_usernames(tx, &usernames).await?,
            entries: Vec::new(),
        };
        for (line, row) in rows {
            apply.row(tx, line, row).await?;
        }
        Ok((apply.report, apply.entries))
    })
    .await
}

struct Run<'a> {
    run: RunOf<'a>,
    report: ImportReport,
    /// The accounts the file names, by source id.
    accounts: HashMap<String, Account>,
    /// The users the file names that exist, by user name.
    existing: HashMap<String, AdminUser>,
    entries: Vec<AuditEntry>,
}

impl Run<'_> {
    async fn row(&mut self, tx: &Tx, line: u64, row: ImportedUser) -> Result<(), Stop> {
        let Some(customer) = self.customer(line, &row) else {
            return Ok(());
        };
        let Some(assigned) = self.assigned(line, &row, customer) else {
            return Ok(());
        };
        match self.existing.get(row.username.as_str()).cloned() {
            None => {
                self.report.created += 1;
                self.create(tx, row, customer, assigned).await
            }
            Some(before) if before.user.parent_account_id != Some(customer) => {
                let name = row.username.as_str();
                let issue = ImportIssue::OtherCustomer;
                self.report
                    .refuse(RowProblem::new(line, "username", name, issue));
                Ok(())
            }
            Some(before) if before.user.email != row.email => {
                let issue = ImportIssue::ChangedInApp;
                let email = row.email.as_str();
                self.report
                    .refuse(RowProblem::new(line, "email", email, issue));
                Ok(())
            }
            Some(before) => self.update(tx, before, row, assigned).await,
        }
    }

    /// The row's parent account, or its problem noted.
    fn customer(&mut self, line: u64, row: &ImportedUser) -> Option<AccountId> {
        let value = &row.parent_account;
        let cell = Cell {
            line,
            column: "parent_account",
            value,
        };
        import_names::customer(&self.accounts, cell, &mut self.report)
    }

    /// The accounts to assign, all of `customer`'s, or their problems noted.
    fn assigned(
        &mut self,
        line: u64,
        row: &ImportedUser,
        customer: AccountId,
    ) -> Option<Vec<AccountId>> {
        let mut ids = Vec::new();
        let mut complete = true;
        for value in &row.accounts {
            let cell = Cell {
                line,
                column: "accounts",
                value,
            };
            match import_names::account_of(&self.accounts, customer, cell, &mut self.report) {
                Some(id) => ids.push(id),
                None => complete = false,
            }
        }
        ids.sort();
        complete.then_some(ids)
    }

    async fn create(
        &mut self,
        tx: &Tx,
        row: ImportedUser,
        customer: AccountId,
        assigned: Vec<AccountId>,
    ) -> Result<(), Stop> {
        if !self.report.problems.is_empty() {
            // Nothing will be stored; the rest of the file is only checked.
            return Ok(());
        }
        let now = self.run.state.clock.now();
        // A new user starts with the importer's zone and formats, in the
        // file's language where it gives one.
        let mut settings = self.run.by.map(|u| u.settings.clone()).unwrap_or_default();
        if let Some(language) = row.language {
            settings.language = language;
        }
        let user = User {
            id: UserId::from_uuid(uuid::Uuid::new_v4()),
            parent_account_id: Some(customer),
            username: row.username,
            email: row.email,
            display_name: row.display_name,
            role: row.role,
            settings,
            active: true,
            sessions_valid_after: now,
        };
        users::insert_invited(tx, &user, now).await?;
        for account in &assigned {
            accounts::assign(tx, user.id, *account).await?;
        }
        links::send_link(self.run.state, tx, &user, LinkPurpose::Activation)
            .await
            .map_err(Stop::Failed)?;
        let details = snapshot(&user, &assigned);
        self.log(tx, SecurityEvent::UserCreated, &user, details.clone())
            .await?;
        let entry = self
            .run
            .entry(("user.import.create", "user"), user.id, Some(customer));
        self.entries
            .push(entry.new_value(with_import(details, &self.report)));
        Ok(())
    }

    async fn update(
        &mut self,
        tx: &Tx,
        before: AdminUser,
        row: ImportedUser,
        assigned: Vec<AccountId>,
    ) -> Result<(), Stop> {
        let mut current = before.account_ids.clone();
        current.sort();
        let changes = AdminChanges {
            display_name: Some(row.display_name).filter(|n| *n != before.user.display_name),
            role: Some(row.role).filter(|r| *r != before.user.role),
            account_ids: Some(assigned).filter(|a| *a != current),
            ..AdminChanges::default()
        };
        let AdminChanges {
            display_name: None,
            role: None,
            account_ids: None,
            ..
        } = changes
        else {
            self.report.updated += 1;
            if self.report.problems.is_empty() {
                self.store_update(tx, before, changes).await?;
            }
            return Ok(());
        };
        self.report.unchanged += 1;
        Ok(())
    }

    async fn store_update(
        &mut self,
        tx: &Tx,
        before: AdminUser,
        changes: AdminChanges,
    ) -> Result<(), Stop> {
        let now = self.run.state.clock.now();
        let id = before.user.id;
        // The version was read in this transaction; a writer in between
        // makes the run fail rather than overwrite.
        if !users::update_admin(tx, id, before.version, &changes, now).await? {
            return Err(Stop::Failed(ApiError::PreconditionFailed {
                current: before.version,
            }));
        }
        let mut after = before.user.clone();
        if let Some(name) = &changes.display_name {
            after.display_name = name.clone();
        }
        if let Some(role) = changes.role {
            after.role = role;
            // Whoever holds the old role's sessions signs in again.
            refresh_tokens::revoke_all_of_user(tx, id, now).await?;
            let details =
                serde_json::json!({ "from": before.user.role.as_str(), "to": role.as_str() });
            self.log(tx, SecurityEvent::RoleChanged, &after, details)
                .await?;
        }
        let assigned = changes
            .account_ids
            .clone()
            .unwrap_or(before.account_ids.clone());
        if let Some(accounts) = &changes.account_ids {
            let ids = |a: &[AccountId]| a.iter().map(|a| a.as_uuid()).collect::<Vec<_>>();
            let details =
                serde_json::json!({ "from": ids(&before.account_ids), "to": ids(accounts) });
            self.log(tx, SecurityEvent::AssignmentChanged, &after, details)
                .await?;
        }
        if changes.display_name.is_some() {
            self.log(
                tx,
                SecurityEvent::UserUpdated,
                &after,
                serde_json::json!({}),
            )
            .await?;
        }
        let entry = self
            .run
            .entry(("user.import.update", "user"), id, after.parent_account_id)
            .old_value(snapshot(&before.user, &before.account_ids))
            .new_value(with_import(snapshot(&after, &assigned), &self.report));
        self.entries.push(entry);
        Ok(())
    }

    /// A security-log entry about `user`, by the importer (none: the console).
    async fn log(
        &self,
        tx: &Tx,
        event: SecurityEvent,
        user: &User,
        details: serde_json::Value,
    ) -> Result<(), Stop> {
        let now = self.run.state.clock.now();
        let mut entry = security::about(event, user, now).details(details);
        if let Some(by) = self.run.by {
            entry = entry.actor(by.id);
        }
        // An import has no client address of its own: the upload's request
        // is logged with the run.
        security::record(self.run.state, tx, entry, &ClientAddress(None))
            .await
            .map_err(Stop::Failed)
    }
}

fn snapshot(user: &User, accounts: &[AccountId]) -> serde_json::Value {
    serde_json::json!({
        "username": user.username.as_str(),
        "display_name": user.display_name,
        "email": user.email.as_str(),
        "role": user.role.as_str(),
        "accounts": accounts.iter().map(|a| a.as_uuid()).collect::<Vec<_>>(),
    })
}
