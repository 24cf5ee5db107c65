//! Importing planned service events from the service organisation's
//! planning: one row an event, keyed by its id there, on an installed
//! product of the row's customer. A changed row plans its event anew, so a
//! subscribed calendar replaces its copy.

use crate::error::ApiError;
use crate::import_names::{self, Cell};
use crate::import_run::{names, with_import, ImportReport, RunOf, Stop};
use domain::event_import::{ImportedEvent, EVENT_FILE};
use domain::import::{ImportIssue, RowProblem};
use domain::planned_event::{EventPlan, PlannedEvent};
use domain::{AccountId, InstalledProductId, Role, UserId};
use persistence::repositories::audit::AuditEntry;
use persistence::repositories::planned_events;
use persistence::repositories::{account_admin, imports, users};
use persistence::Tx;
use std::collections::HashMap;

/// Imports planned events from CSV (`input`) in `run`.
pub(crate) async fn import_events(
    run: RunOf<'_>,
    input: impl std::io::Read,
) -> Result<ImportReport, ApiError> {
    let mut report = ImportReport::new_run();
    let key = |e: &ImportedEvent| ("source_id", e.source_id.clone());
    let Some(rows) = run.read_rows(&mut report, input, EVENT_FILE, key)? else {
        return Ok(report);
    };
    run.whole(async |tx| {
        let given = |f: fn(&ImportedEvent) -> Option<&String>| {
            names(rows.iter().filter_map(|(_, e)| f(e).cloned()))
        };
        let mut apply = Run {
            run,
            report,
            customers: account_admin::by_source_ids(tx, &given(|e| Some(&e.parent_account)))
                .await?,
            products: imports::products_by_number(tx, &given(|e| Some(&e.installed_product)))
                .await?,
            stored: planned_events::by_source_ids(tx, &given(|e| Some(&e.source_id))).await?,
            cases: planned_events::cases_by_number(tx, &given(|e| e.case_number.as_ref())).await?,
            engineers: HashMap::new(),
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
    customers: HashMap<String, domain::Account>,
    products: HashMap<String, imports::StoredProduct>,
    stored: HashMap<String, (PlannedEvent, AccountId)>,
    cases: HashMap<String, (domain::CaseId, uuid::Uuid)>,
    /// Engineers by user name, as found (None: no such active Service user).
    engineers: HashMap<String, Option<UserId>>,
    entries: Vec<AuditEntry>,
}

impl Run<'_> {
    async fn row(&mut self, tx: &Tx, line: u64, row: ImportedEvent) -> Result<(), Stop> {
        let cell = |column, value| Cell {
            line,
            column,
            value,
        };
        let customer_cell = cell("parent_account", &row.parent_account);
        let Some(customer) =
            import_names::customer(&self.customers, customer_cell, &mut self.report)
        else {
            return Ok(());
        };
        let product_cell = cell("installed_product", &row.installed_product);
        let product =
            import_names::product_of(&self.products, customer, product_cell, &mut self.report);
        let stored = self.stored.get(&row.source_id).cloned();
        let owner = stored.as_ref().map(|(_, owner)| *owner);
        let ours = import_names::ours(
            owner,
            customer,
            cell("source_id", &row.source_id),
            &mut self.report,
        );
        let engineer = self.engineer(tx, line, row.engineer.as_deref()).await?;
        let (Some(product), true, Some(engineer)) = (product, ours, engineer) else {
            return Ok(());
        };
        let Some(case_id) = self.case(line, row.case_number.as_deref(), product) else {
            return Ok(());
        };
        let plan = EventPlan {
            event_type: row.event_type,
            status: row.status,
            window: row.window,
            engineer_id: engineer,
            service_type: row.service_type,
            case_id,
        };
        self.apply(
            tx,
            (row.source_id, customer, product),
            stored.map(|(e, _)| e),
            plan,
        )
        .await
    }

    /// The engineer a row names: Some(None) when it names none; None (a
    /// problem noted) when it names no active Service user.
    async fn engineer(
        &mut self,
        tx: &Tx,
        line: u64,
        name: Option<&str>,
    ) -> Result<Option<Option<UserId>>, Stop> {
        let Some(name) = name else {
            return Ok(Some(None));
        };
        if !self.engineers.contains_key(name) {
            let found = match domain::Username::parse(name) {
                Ok(username) => users::find_by_username(tx, &username)
                    .await?
                    .map(|u| u.user)
                    .filter(|u| u.role == Role::Service && u.active)
                    .map(|u| u.id),
                Err(_) => None,
            };
            self.engineers.insert(name.to_owned(), found);
        }
        let found = self.engineers[name];
        if found.is_none() {
            let issue = ImportIssue::UnknownEngineer;
            self.report
                .refuse(RowProblem::new(line, "engineer", name, issue));
            return Ok(None);
        }
        Ok(Some(found))
    }

    /// The case a row links: Some(None) when it links none; None (a
    /// problem noted) when it is no case of `product`.
    fn case(
        &mut self,
        line: u64,
        number: Option<&str>,
        product: InstalledProductId,
    ) -> Option<Option<domain::CaseId>> {
        let Some(number) = number else {
            return Some(None);
        };
        match self.cases.get(number) {
            Some((case, of)) if *of == product.as_uuid() => Some(Some(*case)),
            _ => {
                let issue = ImportIssue::UnknownCase;
                self.report
                    .refuse(RowProblem::new(line, "case_number", number, issue));
                None
            }
        }
    }

    async fn apply(
        &mut self,
        tx: &Tx,
        (source_id, customer, product): (String, AccountId, InstalledProductId),
        stored: Option<PlannedEvent>,
        plan: EventPlan,
    ) -> Result<(), Stop> {
        let storing = self.report.problems.is_empty();
        let now = self.run.state.clock.now();
        let entry = |action, id| {
            self.run
                .entry((action, "planned_event"), id, Some(customer))
        };
        match stored {
            Some(before) if before.plan == plan && before.installed_product_id == product => {
                self.report.unchanged += 1;
            }
            Some(before) => {
                self.report.updated += 1;
                if storing {
                    let after = PlannedEvent {
                        installed_product_id: product,
                        version: before.version + 1,
                        ..before.replanned(plan)
                    };
                    if !planned_events::update(tx, &after, before.version, now).await? {
                        let err = ApiError::PreconditionFailed {
                            current: before.version,
                        };
                        return Err(Stop::Failed(err));
                    }
                    let entry = entry("planned_event.import.update", after.id)
                        .old_value(crate::planned_events::audited(&before))
                        .new_value(with_import(
                            crate::planned_events::audited(&after),
                            &self.report,
                        ));
                    self.entries.push(entry);
                }
            }
            None => {
                self.report.created += 1;
                if storing {
                    let event = PlannedEvent::new(uuid::Uuid::new_v4(), product, plan);
                    planned_events::insert_from(tx, &event, Some(&source_id), now).await?;
                    let new = with_import(crate::planned_events::audited(&event), &self.report);
                    self.entries
                        .push(entry("planned_event.import.create", event.id).new_value(new));
                }
            }
        }
        Ok(())
    }
}
