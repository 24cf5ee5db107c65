pub mod get;
pub mod list;

use api_types::{AccountKindDto, AccountResponse, VisibilityReasonDto};
use domain::{Account, AccountKind, VisibilityReason};
use std::collections::BTreeSet;
use utoipa_actix_web::service_config::ServiceConfig;

pub fn configure(cfg: &mut ServiceConfig) {
    cfg.service(list::list_accounts).service(get::get_account);
}

fn kind_dto(kind: AccountKind) -> AccountKindDto {
    match kind {
        AccountKind::HospitalGroup => AccountKindDto::HospitalGroup,
        AccountKind::Hospital => AccountKindDto::Hospital,
        AccountKind::Site => AccountKindDto::Site,
        AccountKind::Department => AccountKindDto::Department,
        AccountKind::LeasingCompany => AccountKindDto::LeasingCompany,
        AccountKind::Trust => AccountKindDto::Trust,
        AccountKind::ServiceOrganisation => AccountKindDto::ServiceOrganisation,
    }
}

fn reason_dto(r: VisibilityReason) -> VisibilityReasonDto {
    match r {
        VisibilityReason::Assigned => VisibilityReasonDto::Assigned,
        VisibilityReason::OwnerOfVisibleProduct => VisibilityReasonDto::OwnerOfVisibleProduct,
        VisibilityReason::LocationOfVisibleProduct => VisibilityReasonDto::LocationOfVisibleProduct,
        VisibilityReason::ContractHolder => VisibilityReasonDto::ContractHolder,
    }
}

pub(crate) fn account_response(
    (a, reasons): (Account, BTreeSet<VisibilityReason>),
) -> AccountResponse {
    AccountResponse {
        id: a.id.as_uuid(),
        name: a.name.as_str().to_owned(),
        kind: kind_dto(a.kind),
        country: a.country.as_str().to_owned(),
        city: a.city,
        parent_id: a.parent_id.map(|p| p.as_uuid()),
        parent_account_id: a.parent_account_id.as_uuid(),
        visible_because: reasons.into_iter().map(reason_dto).collect(),
    }
}
