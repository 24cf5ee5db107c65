use crate::auth::AuthUser;
use crate::error::ApiError;
use crate::routes::convert;
use crate::routes::{AppData, IdPath, Reply};
use actix_web::{get, HttpResponse};
use api_types::{ContractDetail, ContractLineDto};
use domain::ContractId;
use persistence::repositories::accounts::AccountVisibility;
use persistence::repositories::{contracts, installed_products};

/// One contract with its line items; each line lists only the covered
/// products the caller sees.
#[utoipa::path(
    params(("id" = uuid::Uuid, Path, description = "Contract id")),
    responses((status = 200, body = ContractDetail))
)]
#[get("/contracts/{id}")]
pub async fn get_contract(state: AppData, auth: AuthUser, id: IdPath) -> Reply {
    let visibility = AccountVisibility::of(&auth.user);
    let (record, lines) = contracts::find_visible(
        &state.db,
        visibility,
        ContractId::from_uuid(id.into_inner()),
    )
    .await?
    .ok_or(ApiError::NotFound)?;
    let products = installed_products::refs_visible(
        &state.db,
        visibility,
        lines
            .iter()
            .flat_map(|l| l.covered.iter().copied())
            .collect(),
    )
    .await?;
    let today = convert::today(&state, &auth);
    let lines = lines
        .into_iter()
        .map(|l| {
            let (days_left, expiry) = convert::dated(l.end_date, today);
            ContractLineDto {
                id: l.id,
                line_item_number: l.line_item_number,
                description: l.description,
                start_date: l.start_date,
                end_date: l.end_date,
                days_left,
                expiry,
                covered_products: l
                    .covered
                    .iter()
                    .filter_map(|p| products.get(p).map(convert::product_ref))
                    .collect(),
            }
        })
        .collect();
    Ok(HttpResponse::Ok().json(ContractDetail {
        summary: super::summary(record, today),
        lines,
    }))
}
