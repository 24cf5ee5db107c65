use crate::auth::AuthUser;
use crate::routes::{answers, AppData, Reply};
use actix_web::get;
use domain::warranty_import::WARRANTY_COLUMNS;

/// An example row: a CT's two-year warranty.
const EXAMPLE: [&str; 6] = [
    "ZZH-1000",
    "WR-90000001",
    "IP-50000001",
    "Manufacturer's warranty, parts and labour",
    "2026-01-01",
    "2027-12-31",
];

/// The columns of a warranties file, with one example row: `number` is the
/// source system's warranty number (the key); `installed_product` the
/// number of a product of the customer (`parent_account`); dates are
/// `YYYY-MM-DD`. No column may be empty.
#[utoipa::path(responses(answers::ImportTemplate))]
#[get("/imports/templates/warranties.csv")]
pub async fn warranties_template(state: AppData, auth: AuthUser) -> Reply {
    super::template::answer(&state, &auth, (&WARRANTY_COLUMNS, &EXAMPLE), "warranties").await
}
