use crate::auth::AuthUser;
use crate::routes::{answers, AppData, Reply};
use actix_web::get;
use domain::contract_import::CONTRACT_COLUMNS;

/// An example row: the first line of a full-service contract covering two
/// products.
const EXAMPLE: [&str; 13] = [
    "ZZH-1000",
    "SC-80000001",
    "ZZH-1001",
    "PO-2026-118",
    "Full service, business hours",
    "active",
    "2026-01-01",
    "2028-12-31",
    "10",
    "Preventive and corrective maintenance",
    "2026-01-01",
    "2028-12-31",
    "IP-50000001;IP-50000002",
];

/// The columns of a contracts file, one contract line a row, with one
/// example row: `contract_number` and `line_item_number` key the line;
/// `parent_account` and `ship_to_account` are the source system's account
/// numbers; the contract's columns (up to `end_date`) repeat on each line
/// of the contract and must agree; `status` is active, expired or
/// cancelled; dates are `YYYY-MM-DD`; `covered_products` lists installed
/// product numbers separated by `;`. Empty: `po_number`,
/// `covered_products`.
#[utoipa::path(responses(answers::ImportTemplate))]
#[get("/imports/templates/contracts.csv")]
pub async fn contracts_template(state: AppData, auth: AuthUser) -> Reply {
    super::template::answer(&state, &auth, (&CONTRACT_COLUMNS, &EXAMPLE), "contracts").await
}
