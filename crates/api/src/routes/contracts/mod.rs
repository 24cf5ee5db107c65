pub mod get;
pub mod list;

use crate::auth::AuthUser;
use crate::error::ApiError;
use crate::routes::convert;
use crate::state::AppState;
use crate::wire::ToDomain;
use api_types::{ContractQuery, ContractSummary};
use chrono::NaiveDate;
use persistence::repositories::contracts::{ContractFilter, ContractRecord};
use persistence::repositories::query::PageRequest;

crate::routes::handlers! {
    list::list_contracts,
    get::get_contract,
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

/// A contract or warranty list's page, filter and the caller's today (the
/// expiry colours are the caller's).
pub(crate) fn expiry_list(
    state: &AppState,
    auth: &AuthUser,
    q: ContractQuery,
) -> Result<(PageRequest, ContractFilter, NaiveDate), ApiError> {
    let page = crate::wire::page_request(q.page, q.page_size)?;
    let filter = ContractFilter {
        expiry: q.expiry.map(ToDomain::to_domain),
        text: q.q,
        account: q.account.map(domain::AccountId::from_uuid),
    };
    Ok((page, filter, convert::today(state, auth)))
}
