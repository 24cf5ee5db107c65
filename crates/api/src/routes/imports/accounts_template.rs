use crate::auth::AuthUser;
use crate::routes::{answers, AppData, Reply};
use actix_web::get;
use domain::account_import::ACCOUNT_COLUMNS;

/// Example rows: a customer's parent account and a site below it, numbered
/// as the ERP does.
const EXAMPLE: [&str; 9] = [
    "ZZH-1000",
    "ZZH-1001",
    "ZZH-1000",
    "Zuiderzee Ziekenhuis - Lelystad",
    "site",
    "NL",
    "Lelystad",
    "Ziekenhuisweg 1, 8233 AA",
    "Benelux",
];

/// The columns of an accounts file, with one example row: `parent_account`
/// is the customer's source id, `source_id` the account's own and `parent`
/// the account directly above (empty on the customer's own row, whose
/// `source_id` is `parent_account`); `kind` is hospital_group, hospital,
/// site, department, leasing_company, trust or service_organisation;
/// `country` two letters. Empty: `city`, `address`, `market`.
#[utoipa::path(responses(answers::ImportTemplate))]
#[get("/imports/templates/accounts.csv")]
pub async fn accounts_template(state: AppData, auth: AuthUser) -> Reply {
    super::template::answer(&state, &auth, (&ACCOUNT_COLUMNS, &EXAMPLE), "accounts").await
}
