//! Which case or installed product a caller may act on.

use crate::auth::AuthUser;
use crate::error::ApiError;
use crate::state::AppState;
use api_types::ContactCentreDto;
use domain::{authorize, Action, CaseId, InstalledProductId, Target};
use persistence::repositories::accounts::AccountVisibility;
use persistence::repositories::cases::{self, CaseRow};
use persistence::repositories::installed_products::{self, ProductRecord};

/// A case the caller sees and may act on: 404 when it is not theirs to see
/// (as if missing), 403 when their role does not allow `action`.
pub(crate) async fn authorized_case(
    state: &AppState,
    auth: &AuthUser,
    id: CaseId,
    action: Action,
) -> Result<CaseRow, ApiError> {
    let row = cases::find_visible(&state.db, AccountVisibility::of(&auth.user), id)
        .await?
        .ok_or(ApiError::NotFound)?;
    let case_accounts = [row.case.account, row.case.owner_account];
    authorize(
        &auth.principal(&state.db).await?,
        action,
        Target::Accounts(&case_accounts),
    )?;
    Ok(row)
}

/// A product the caller sees and may act on: 404 when it is not theirs to
/// see (as if missing), 403 when their role does not allow `action`.
pub(crate) async fn authorized_product(
    state: &AppState,
    auth: &AuthUser,
    id: InstalledProductId,
    action: Action,
) -> Result<ProductRecord, ApiError> {
    let record = installed_products::find_visible(&state.db, AccountVisibility::of(&auth.user), id)
        .await?
        .ok_or(ApiError::NotFound)?;
    authorize(
        &auth.principal(&state.db).await?,
        action,
        Target::Accounts(&record.product.accounts()),
    )?;
    Ok(record)
}

/// The number a priority-1 case of `country` is phoned in to, if the market
/// has a contact centre.
pub(crate) fn contact_centre(state: &AppState, country: &str) -> Option<ContactCentreDto> {
    state
        .config
        .markets
        .contact_centre(country)
        .map(|phone| ContactCentreDto {
            country: country.to_owned(),
            phone: phone.to_owned(),
        })
}
