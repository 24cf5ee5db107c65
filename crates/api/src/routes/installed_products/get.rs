use crate::auth::AuthUser;
use crate::error::ApiError;
use crate::routes::convert;
use crate::routes::{AppData, IdPath, Reply};
use crate::wire::ToWire;
use actix_web::http::header;
use actix_web::{get, HttpResponse};
use api_types::{InstalledProductDetail, ProductContractDto, SlcpLinkDto, WarrantyDto};
use domain::{authorize, Action, InstalledProductId, Target};
use persistence::repositories::accounts::AccountVisibility;
use persistence::repositories::{contracts, installed_products, slcp};
use persistence::Conn;

/// Reads one visible product with its contracts, warranties and SLCP links.
pub(crate) async fn load_detail(
    db: &impl Conn,
    auth: &AuthUser,
    today: chrono::NaiveDate,
    id: InstalledProductId,
) -> Result<InstalledProductDetail, ApiError> {
    let visibility = AccountVisibility::of(&auth.user);
    let record = installed_products::find_visible(db, visibility, id)
        .await?
        .ok_or(ApiError::NotFound)?;
    let coverage = contracts::covering_product(db, id).await?;
    let warranties = contracts::warranties_of(db, id).await?;
    let links = slcp::links_of(db, id).await?;
    let others = installed_products::refs_visible(
        db,
        visibility,
        links
            .iter()
            .map(|l| {
                if l.hardware == id.as_uuid() {
                    l.license
                } else {
                    l.hardware
                }
            })
            .collect(),
    )
    .await?;
    let principal = auth.principal(db).await?;
    let p = &record.product;
    let can_edit = authorize(
        &principal,
        Action::MaintainCustomDetails,
        Target::Accounts(&p.accounts()),
    )
    .is_ok();
    let this = convert::product_ref(&installed_products::ProductName {
        id: p.id.as_uuid(),
        number: p.number.clone(),
        description: record.description.clone(),
        custom_name: super::custom_details_dto(&p.custom_details).custom_name,
        kind: p.kind,
    });
    Ok(InstalledProductDetail {
        id: p.id.as_uuid(),
        number: p.number.clone(),
        description: record.description.clone(),
        serial_number: record.serial_number.clone(),
        udi: record.udi.clone(),
        technical_id: record.technical_id.clone(),
        modality: p.modality.to_wire(),
        product_family: record.product_family.clone(),
        kind: p.kind.to_wire(),
        functional_location: record.functional_location.clone(),
        install_date: record.install_date,
        status: p.status.to_wire(),
        operational_state: p.operational_state.to_wire(),
        strategic_item: p.strategic_item,
        end_of_life_date: p.end_of_life_date,
        end_of_service_date: p.end_of_service_date,
        owner: convert::account_ref(p.owner_account_id.as_uuid(), &record.owner_name),
        location: convert::account_ref(p.location_account_id.as_uuid(), &record.location_name),
        custom_details: super::custom_details_dto(&p.custom_details),
        coverage: convert::coverage(record.coverage_end_date, today),
        contracts: coverage
            .into_iter()
            .map(|c| {
                let (days_left, expiry) = convert::dated(c.end_date, today);
                ProductContractDto {
                    contract_id: c.contract_id.as_uuid(),
                    contract_number: c.contract_number,
                    line_item_number: c.line_item_number,
                    description: c.description,
                    service_type: c.service_type,
                    start_date: c.start_date,
                    end_date: c.end_date,
                    days_left,
                    expiry,
                }
            })
            .collect(),
        warranties: warranties
            .into_iter()
            .map(|w| {
                let (days_left, expiry) = convert::dated(w.end_date, today);
                WarrantyDto {
                    id: w.id,
                    product: this.clone(),
                    description: w.description,
                    start_date: w.start_date,
                    end_date: w.end_date,
                    days_left,
                    expiry,
                }
            })
            .collect(),
        // A linked product the caller cannot see is left out, not named.
        slcp_links: links
            .into_iter()
            .filter_map(|l| {
                let other_id = if l.hardware == id.as_uuid() {
                    l.license
                } else {
                    l.hardware
                };
                let other = others.get(&other_id)?;
                Some(SlcpLinkDto {
                    other: convert::product_ref(other),
                    other_kind: other.kind.to_wire(),
                    linked_at: l.linked_at,
                    unlinked_at: l.unlinked_at,
                })
            })
            .collect(),
        can_edit_custom_details: can_edit,
        version: p.version,
    })
}

/// One installed product with everything the portal knows about it. The
/// `ETag` header is what `If-Match` takes when the custom details change.
#[utoipa::path(
    params(("id" = uuid::Uuid, Path, description = "Installed product id")),
    responses((status = 200, body = InstalledProductDetail, headers(("ETag" = String, description = "The product's version"))))
)]
#[get("/installed-products/{id}")]
pub async fn get_installed_product(state: AppData, auth: AuthUser, id: IdPath) -> Reply {
    let today = convert::today(&state, &auth);
    let detail = load_detail(
        &state.db,
        &auth,
        today,
        InstalledProductId::from_uuid(id.into_inner()),
    )
    .await?;
    Ok(HttpResponse::Ok()
        .insert_header((
            header::ETAG,
            crate::routes::preconditions::etag(detail.version),
        ))
        .json(detail))
}
