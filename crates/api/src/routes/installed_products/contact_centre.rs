use crate::auth::AuthUser;
use crate::error::ApiError;
use crate::routes::{AppData, IdPath, Reply};
use actix_web::{get, HttpResponse};
use api_types::ContactCentreDto;
use domain::InstalledProductId;
use persistence::repositories::accounts::{self, AccountVisibility};
use persistence::repositories::installed_products;

/// The contact centre that takes this product's critical (priority 1) cases
/// by phone: the case form shows it before a priority-1 case is sent.
#[utoipa::path(
    params(("id" = uuid::Uuid, Path, description = "Installed product id")),
    responses(
        (status = 200, body = ContactCentreDto),
        (status = 404, description = "No such installed product for this caller, or no contact centre for its country"),
    )
)]
#[get("/installed-products/{id}/contact-centre")]
pub async fn get_contact_centre(state: AppData, auth: AuthUser, id: IdPath) -> Reply {
    let product = installed_products::find_visible(
        &state.db,
        AccountVisibility::of(&auth.user),
        InstalledProductId::from_uuid(id.into_inner()),
    )
    .await?
    .ok_or(ApiError::NotFound)?;
    let location = accounts::find_by_id(&state.db, product.product.location_account_id)
        .await?
        .ok_or(ApiError::NotFound)?;
    let centre: ContactCentreDto =
        crate::cases::contact_centre(&state, location.fields.country.as_str())
            .ok_or(ApiError::NotFound)?;
    Ok(HttpResponse::Ok().json(centre))
}
