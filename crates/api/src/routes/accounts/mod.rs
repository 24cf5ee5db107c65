pub mod create;
pub mod get;
pub mod list;
pub mod move_account;
pub mod update;

use crate::auth::AuthUser;
use crate::error::ApiError;
use crate::state::AppState;
use crate::wire::ToWire;
use api_types::AccountResponse;
use domain::{authorize, Account, Action, Target, User, VisibilityReason};
use std::collections::BTreeSet;

crate::routes::handlers! {
    list::list_accounts,
    create::create_account,
    get::get_account,
    update::update_account,
    move_account::move_account,
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
        name: a.fields.name.as_str().to_owned(),
        kind: a.fields.kind.to_wire(),
        country: a.fields.country.as_str().to_owned(),
        city: a.fields.city.filter(|_| !foreign),
        address: a.fields.address.filter(|_| !foreign),
        market: a.fields.market.filter(|_| !foreign),
        source_id: a.fields.source_id.filter(|_| !foreign),
        parent_id: a.parent_id.map(|p| p.as_uuid()).filter(|_| !foreign),
        parent_account_id: Some(a.parent_account_id.as_uuid()).filter(|_| !foreign),
        visible_because: reasons.into_iter().map(ToWire::to_wire).collect(),
    }
}

/// Only portal support keeps the account tree.
pub(crate) async fn administer(state: &AppState, auth: &AuthUser) -> Result<(), ApiError> {
    let principal = auth.principal(&state.db).await?;
    authorize(&principal, Action::AdministerParentAccounts, Target::Portal).map_err(ApiError::from)
}

/// An account portal support just changed, as they see it.
pub(crate) fn own_account(auth: &AuthUser, account: Account) -> AccountResponse {
    account_response(&auth.user, (account, BTreeSet::new()))
}
