pub mod get;
pub mod list;

use crate::routes::convert;
use api_types::ContractSummary;
use chrono::NaiveDate;
use persistence::repositories::contracts::ContractRecord;
use utoipa_actix_web::service_config::ServiceConfig;

pub fn configure(cfg: &mut ServiceConfig) {
    cfg.service(list::list_contracts).service(get::get_contract);
}

pub(crate) fn summary(c: ContractRecord, today: NaiveDate) -> ContractSummary {
    let (days_left, expiry) = convert::dated(c.end_date, today);
    ContractSummary {
        id: c.id.as_uuid(),
        number: c.number,
        ship_to: convert::account_ref(c.ship_to.as_uuid(), &c.ship_to_name),
        po_number: c.po_number,
        service_type: c.service_type,
        status: c.status,
        start_date: c.start_date,
        end_date: c.end_date,
        days_left,
        expiry,
        covered_products: c.covered_products,
    }
}
