pub mod get;
pub mod list;

use crate::wire::ToWire;
use api_types::AccountResponse;
use domain::{Account, User, VisibilityReason};
use std::collections::BTreeSet;
use utoipa_actix_web::service_config::ServiceConfig;

pub fn configure(cfg: &mut ServiceConfig) {
    cfg.service(list::list_accounts).service(get::get_account);
}

/// An account as the caller may see it. One of another parent account (a
/// leasing company that owns a scanner here) shows its name, type and
/// country only: where it sits and whose it is are that customer's own.
pub(crate) fn account_response(
    caller: &User,
    (a, reasons): (Account, BTreeSet<VisibilityReason>),
) -> AccountResponse {
    let foreign = !domain::policy::sees_account_whole(
        caller.role,
        caller.parent_account_id,
        a.parent_account_id,
    );
    AccountResponse {
        id: a.id.as_uuid(),
        name: a.name.as_str().to_owned(),
        kind: a.kind.to_wire(),
        country: a.country.as_str().to_owned(),
        city: a.city.filter(|_| !foreign),
        parent_id: a.parent_id.map(|p| p.as_uuid()).filter(|_| !foreign),
        parent_account_id: Some(a.parent_account_id.as_uuid()).filter(|_| !foreign),
        visible_because: reasons.into_iter().map(ToWire::to_wire).collect(),
    }
}
