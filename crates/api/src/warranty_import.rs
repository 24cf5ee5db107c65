//! Importing warranties from the source system: one row a warranty, keyed
//! by its number there, on an installed product of the row's customer.

use crate::error::ApiError;
use crate::import_names::{self, Cell};
use crate::import_run::{names, with_import, ImportReport, RunOf, Stop};
use domain::warranty_import::{ImportedWarranty, WarrantyFields, WARRANTY_FILE};
use persistence::repositories::contract_import;
use persistence::repositories::{account_admin, imports};

/// Imports warranties from CSV (`input`) in `run`.
pub(crate) async fn import_warranties(
    run: RunOf<'_>,
    input: impl std::io::Read,
) -> Result<ImportReport, ApiError> {
    let mut report = ImportReport::new_run();
    let key = |w: &ImportedWarranty| ("number", w.fields.number.clone());
    let Some(rows) = run.read_rows(&mut report, input, WARRANTY_FILE, key)? else {
        return Ok(report);
    };
    run.whole(async |tx| {
        let names =
            |f: fn(&ImportedWarranty) -> &String| names(rows.iter().map(|(_, w)| f(w).clone()));
        let customers = account_admin::by_source_ids(tx, &names(|w| &w.parent_account)).await?;
        let products =
            imports::products_by_number(tx, &names(|w| &w.fields.installed_product)).await?;
        let stored =
            contract_import::warranties_by_number(tx, &names(|w| &w.fields.number)).await?;
        let mut entries = Vec::new();
        for (line, row) in rows {
            let cell = |column, value| Cell {
                line,
                column,
                value,
            };
            let Some(customer) = import_names::customer(
                &customers,
                cell("parent_account", &row.parent_account),
                &mut report,
            ) else {
                continue;
            };
            let product_cell = cell("installed_product", &row.fields.installed_product);
            let Some(product) =
                import_names::product_of(&products, customer, product_cell, &mut report)
            else {
                continue;
            };
            let existing = stored.get(&row.fields.number);
            let owner = existing.map(|w| w.parent_account);
            if !import_names::ours(
                owner,
                customer,
                cell("number", &row.fields.number),
                &mut report,
            ) {
                continue;
            }
            let entry = |action, id| run.entry((action, "warranty"), id, Some(customer));
            match existing {
                Some(before) if before.fields == row.fields => report.unchanged += 1,
                Some(before) => {
                    report.updated += 1;
                    if report.problems.is_empty() {
                        store(tx, (before.id, false), &row.fields, product).await?;
                        entries.push(
                            entry("warranty.import.update", before.id)
                                .old_value(audited(&before.fields))
                                .new_value(with_import(audited(&row.fields), &report)),
                        );
                    }
                }
                None => {
                    report.created += 1;
                    if report.problems.is_empty() {
                        let id = uuid::Uuid::new_v4();
                        store(tx, (id, true), &row.fields, product).await?;
                        let entry = entry("warranty.import.create", id);
                        entries.push(entry.new_value(with_import(audited(&row.fields), &report)));
                    }
                }
            }
        }
        Ok((report, entries))
    })
    .await
}

async fn store(
    tx: &persistence::Tx,
    id: (uuid::Uuid, bool),
    fields: &WarrantyFields,
    product: domain::InstalledProductId,
) -> Result<(), Stop> {
    Ok(contract_import::store_warranty(tx, id, fields, product).await?)
}

fn audited(fields: &WarrantyFields) -> serde_json::Value {
    serde_json::to_value(fields).unwrap_or_default()
}
