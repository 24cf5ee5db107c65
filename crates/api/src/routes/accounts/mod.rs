pub mod get;
pub mod list;

use crate::wire::ToWire;
use api_types::AccountResponse;
use domain::{Account, VisibilityReason};
use std::collections::BTreeSet;
use utoipa_actix_web::service_config::ServiceConfig;

pub fn configure(cfg: &mut ServiceConfig) {
    cfg.service(list::list_accounts).service(get::get_account);
}

pub(crate) fn account_response(
    (a, reasons): (Account, BTreeSet<VisibilityReason>),
) -> AccountResponse {
    AccountResponse {
        id: a.id.as_uuid(),
        name: a.name.as_str().to_owned(),
        kind: a.kind.to_wire(),
        country: a.country.as_str().to_owned(),
        city: a.city,
        parent_id: a.parent_id.map(|p| p.as_uuid()),
        parent_account_id: a.parent_account_id.as_uuid(),
        visible_because: reasons.into_iter().map(ToWire::to_wire).collect(),
    }
}
