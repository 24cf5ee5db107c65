pub mod contact_centre;
pub mod get;
pub mod list;
pub mod update_custom_details;

use crate::routes::convert;
use api_types::{CustomDetailsDto, InstalledProductSummary};
use chrono::NaiveDate;
use domain::CustomDetails;
use persistence::repositories::installed_products::ProductRecord;
use utoipa_actix_web::service_config::ServiceConfig;

pub fn configure(cfg: &mut ServiceConfig) {
    cfg.service(list::list_installed_products)
        .service(get::get_installed_product)
        .service(update_custom_details::update_custom_details)
        .service(contact_centre::get_contact_centre);
}

/// A product the caller sees and may act on: 404 when it is not theirs to
/// see (as if missing), 403 when their role does not allow `action`.
pub(crate) async fn authorized_product(
    state: &crate::state::AppState,
    auth: &crate::auth::AuthUser,
    id: domain::InstalledProductId,
    action: domain::Action,
) -> Result<ProductRecord, crate::error::ApiError> {
    let record = persistence::repositories::installed_products::find_visible(
        &state.db,
        persistence::repositories::accounts::AccountVisibility::of(&auth.user),
        id,
    )
    .await?
    .ok_or(crate::error::ApiError::NotFound)?;
    domain::authorize(
        &auth.principal(&state.db).await?,
        action,
        domain::Target::Accounts(&record.product.accounts()),
    )?;
    Ok(record)
}

pub(crate) fn custom_details_dto(d: &CustomDetails) -> CustomDetailsDto {
    let text = |t: &Option<domain::CustomText>| t.as_ref().map(|t| t.as_str().to_owned());
    CustomDetailsDto {
        custom_name: text(&d.custom_name),
        customer_reference: text(&d.customer_reference),
        customer_location: text(&d.customer_location),
    }
}

pub(crate) fn summary(r: ProductRecord, today: NaiveDate) -> InstalledProductSummary {
    let p = &r.product;
    InstalledProductSummary {
        id: p.id.as_uuid(),
        number: p.number.clone(),
        description: r.description,
        serial_number: r.serial_number,
        modality: convert::modality_dto(p.modality),
        product_family: r.product_family,
        kind: convert::kind_dto(p.kind),
        status: convert::status_dto(p.status),
        operational_state: convert::state_dto(p.operational_state),
        strategic_item: p.strategic_item,
        custom_name: custom_details_dto(&p.custom_details).custom_name,
        functional_location: r.functional_location,
        owner: convert::account_ref(p.owner_account_id.as_uuid(), &r.owner_name),
        location: convert::account_ref(p.location_account_id.as_uuid(), &r.location_name),
        coverage: convert::coverage(r.coverage_end_date, today),
    }
}
