//! Importing contracts from the source system: one row a contract line,
//! keyed by contract number and line item number; the contract's own
//! fields repeat on each of its lines and must agree. A line covers the
//! installed products its row lists, all of the row's customer. Lines of a
//! stored contract that the file leaves out stay as they are.

use crate::error::ApiError;
use crate::import_names::{self, Cell};
use crate::import_run::{names, with_import, ImportReport, RunOf, Stop};
use domain::contract_import::{
    ContractHeader, ImportedContractLine, CONTRACT_COLUMNS, CONTRACT_FILE,
};
use domain::import::{ImportIssue, RowProblem};
use domain::{Account, AccountId, ContractId, InstalledProductId};
use persistence::repositories::audit::AuditEntry;
use persistence::repositories::contract_import::{self, StoredContract};
use persistence::repositories::imports::{self, StoredProduct};
use persistence::repositories::{account_admin, installed_products};
use persistence::Tx;
use std::collections::HashMap;

/// Imports contracts from CSV (`input`) in `run`.
pub(crate) async fn import_contracts(
    run: RunOf<'_>,
    input: impl std::io::Read,
) -> Result<ImportReport, ApiError> {
    let mut report = ImportReport::new_run();
    let key = |c: &ImportedContractLine| {
        let line = format!("{}/{}", c.contract.number, c.line.line_item_number);
        ("line_item_number", line)
    };
    let Some(rows) = run.read_rows(&mut report, input, CONTRACT_FILE, key)? else {
        return Ok(report);
    };
    let contracts = by_contract(rows, &mut report);
    run.whole(async |tx| {
        let mut apply = Run::load(run, report, tx, &contracts).await?;
        for contract in contracts {
            apply.contract(tx, contract).await?;
        }
        if apply.changed && apply.report.problems.is_empty() {
            // A product's latest covered date follows its lines.
            installed_products::refresh_coverage(tx).await?;
        }
        Ok((apply.report, apply.entries))
    })
    .await
}

/// The lines of one contract in the file.
struct FileContract {
    first_line: u64,
    parent_account: String,
    header: ContractHeader,
    lines: Vec<(u64, domain::contract_import::ContractLineFields)>,
}

/// Groups the rows by contract (in file order); a row that gives its
/// contract otherwise than the contract's first row is refused.
fn by_contract(
    rows: Vec<(u64, ImportedContractLine)>,
    report: &mut ImportReport,
) -> Vec<FileContract> {
    let mut contracts: Vec<FileContract> = Vec::new();
    let mut at: HashMap<String, usize> = HashMap::new();
    for (line, row) in rows {
        let Some(&i) = at.get(&row.contract.number) else {
            at.insert(row.contract.number.clone(), contracts.len());
            contracts.push(FileContract {
                first_line: line,
                parent_account: row.parent_account,
                header: row.contract,
                lines: vec![(line, row.line)],
            });
            continue;
        };
        let first = &mut contracts[i];
        match differing(first, &row) {
            Some((column, value)) => {
                report.refuse(RowProblem::new(
                    line,
                    column,
                    &value,
                    ImportIssue::Conflicting,
                ));
            }
            None => first.lines.push((line, row.line)),
        }
    }
    contracts
}

/// The first contract column `row` gives otherwise than `contract`.
fn differing(
    contract: &FileContract,
    row: &ImportedContractLine,
) -> Option<(&'static str, String)> {
    let (a, b) = (&contract.header, &row.contract);
    let date = |d: chrono::NaiveDate| d.to_string();
    let pairs = [
        (contract.parent_account.clone(), row.parent_account.clone()),
        (a.number.clone(), b.number.clone()),
        (a.ship_to_account.clone(), b.ship_to_account.clone()),
        (
            a.po_number.clone().unwrap_or_default(),
            b.po_number.clone().unwrap_or_default(),
        ),
        (a.service_type.clone(), b.service_type.clone()),
        (a.status.as_str().to_owned(), b.status.as_str().to_owned()),
        (date(a.start_date), date(b.start_date)),
        (date(a.end_date), date(b.end_date)),
    ];
    CONTRACT_COLUMNS
        .iter()
        .zip(pairs)
        .find(|(_, (first, this))| first != this)
        .map(|(column, (_, this))| (*column, this))
}

struct Run<'a> {
    run: RunOf<'a>,
    report: ImportReport,
    /// The accounts, products and contracts the file names.
    accounts: HashMap<String, Account>,
    products: HashMap<String, StoredProduct>,
    stored: HashMap<String, StoredContract>,
    entries: Vec<AuditEntry>,
    changed: bool,
}

impl<'a> Run<'a> {
    async fn load(
        run: RunOf<'a>,
        report: ImportReport,
        tx: &Tx,
        contracts: &[FileContract],
    ) -> Result<Self, Stop> {
        let accounts = names(
            contracts
                .iter()
                .flat_map(|c| [c.parent_account.clone(), c.header.ship_to_account.clone()]),
        );
        let products = names(
            contracts
                .iter()
                .flat_map(|c| c.lines.iter().flat_map(|(_, l)| l.covered_products.clone())),
        );
        let numbers = names(contracts.iter().map(|c| c.header.number.clone()));
        Ok(Run {
            run,
            report,
            accounts: account_admin::by_source_ids(tx, &accounts).await?,
            products: imports::products_by_number(tx, &products).await?,
            stored: contract_import::contracts_by_number(tx, &numbers).await?,
            entries: Vec::new(),
            changed: false,
        })
    }

    async fn contract(&mut self, tx: &Tx, contract: FileContract) -> Result<(), Stop> {
        let line = contract.first_line;
        let cell = |column, value| Cell {
            line,
            column,
            value,
        };
        let report = &mut self.report;
        let Some(customer) = import_names::customer(
            &self.accounts,
            cell("parent_account", &contract.parent_account),
            report,
        ) else {
            return Ok(());
        };
        let ship_to_cell = cell("ship_to_account", &contract.header.ship_to_account);
        let ship_to = import_names::account_of(&self.accounts, customer, ship_to_cell, report);
        let stored = self.stored.remove(&contract.header.number);
        let owner = stored.as_ref().map(|c| c.parent_account);
        let ours = import_names::ours(
            owner,
            customer,
            cell("contract_number", &contract.header.number),
            report,
        );
        let (Some(ship_to), true) = (ship_to, ours) else {
            return Ok(());
        };
        let mut covers = Vec::new();
        for (line, fields) in &contract.lines {
            covers.push(self.covered(*line, &fields.covered_products, customer));
        }
        let id = stored
            .as_ref()
            .map_or_else(|| ContractId::from_uuid(uuid::Uuid::new_v4()), |c| c.id);
        let header_changed =
            stored.as_ref().and_then(|c| c.header.as_ref()) != Some(&contract.header);
        let storing = self.report.problems.is_empty();
        if storing && header_changed {
            self.store_header(
                tx,
                (id, stored.as_ref()),
                &contract.header,
                (ship_to, customer),
            )
            .await?;
        }
        let stored_lines = stored.map(|c| c.lines).unwrap_or_default();
        for ((_, fields), covers) in contract.lines.into_iter().zip(covers) {
            let Some(covers) = covers else { continue };
            let before = stored_lines.get(&fields.line_item_number);
            match before {
                None => self.report.created += 1,
                Some(before) if before.fields == fields && !header_changed => {
                    self.report.unchanged += 1;
                    continue;
                }
                Some(_) => self.report.updated += 1,
            }
            let unchanged_line = before.is_some_and(|b| b.fields == fields);
            if !self.report.problems.is_empty() || unchanged_line {
                continue;
            }
            let line_id = before.map_or_else(uuid::Uuid::new_v4, |b| b.id);
            contract_import::store_line(tx, (id, line_id, before.is_none()), &fields, &covers)
                .await?;
            self.changed = true;
            let action = if before.is_some() {
                "contract_line.import.update"
            } else {
                "contract_line.import.create"
            };
            let mut entry = self
                .run
                .entry((action, "contract_line"), line_id, Some(customer));
            if let Some(before) = before {
                entry = entry.old_value(serde_json::to_value(&before.fields).ok());
            }
            let new = serde_json::to_value(&fields).unwrap_or_default();
            self.entries
                .push(entry.new_value(with_import(new, &self.report)));
        }
        Ok(())
    }

    /// The products a line covers, all of `customer`'s, or their problems noted.
    fn covered(
        &mut self,
        line: u64,
        numbers: &[String],
        customer: AccountId,
    ) -> Option<Vec<InstalledProductId>> {
        let mut ids = Vec::new();
        let mut complete = true;
        for value in numbers {
            let cell = Cell {
                line,
                column: "covered_products",
                value,
            };
            match import_names::product_of(&self.products, customer, cell, &mut self.report) {
                Some(id) => ids.push(id),
                None => complete = false,
            }
        }
        complete.then_some(ids)
    }

    async fn store_header(
        &mut self,
        tx: &Tx,
        (id, stored): (ContractId, Option<&StoredContract>),
        header: &ContractHeader,
        (ship_to, customer): (AccountId, AccountId),
    ) -> Result<(), Stop> {
        self.changed = true;
        let new = with_import(
            serde_json::to_value(header).unwrap_or_default(),
            &self.report,
        );
        let entry = match stored {
            Some(stored) => {
                contract_import::update_contract(tx, id, (header, ship_to)).await?;
                self.run
                    .entry(("contract.import.update", "contract"), id, Some(customer))
                    .old_value(
                        stored
                            .header
                            .as_ref()
                            .and_then(|h| serde_json::to_value(h).ok()),
                    )
            }
            None => {
                let now = self.run.state.clock.now();
                contract_import::insert_contract(tx, id, (header, ship_to), now).await?;
                self.run
                    .entry(("contract.import.create", "contract"), id, Some(customer))
            }
        };
        self.entries.push(entry.new_value(new));
        Ok(())
    }
}
