use crate::auth::AuthUser;
use crate::routes::convert;
use crate::routes::{AppData, Reply};
use actix_web::{get, web, HttpResponse};
use api_types::{ContractQuery, WarrantyDto, WarrantyPage};
use persistence::repositories::accounts::AccountVisibility;
use persistence::repositories::{contracts, installed_products};

/// Warranties of the installed products the caller sees, soonest end first.
///
/// `q` matches words in the warranty's description or in its installed
/// product's number, serial number or name; `expiry` filters by the colour
/// of the end date.
#[utoipa::path(
    params(ContractQuery),
    responses((status = 200, body = WarrantyPage))
)]
#[get("/warranties")]
pub async fn list_warranties(
    state: AppData,
    auth: AuthUser,
    query: web::Query<ContractQuery>,
) -> Reply {
    let (page, filter, today) =
        crate::routes::contracts::expiry_list(&state, &auth, query.into_inner())?;
    let visibility = AccountVisibility::of(&auth.user);
    let (rows, total) =
        contracts::warranties_visible(&state.db, visibility, &filter, today, page).await?;
    let products = installed_products::refs_visible(
        &state.db,
        visibility,
        rows.iter().map(|w| w.product).collect(),
    )
    .await?;
    let items = rows
        .into_iter()
        .filter_map(|w| {
            let product = convert::product_ref(products.get(&w.product)?);
            let (days_left, expiry) = convert::dated(w.end_date, today);
            Some(WarrantyDto {
                id: w.id,
                product,
                description: w.description,
                start_date: w.start_date,
                end_date: w.end_date,
                days_left,
                expiry,
            })
        })
        .collect();
    Ok(HttpResponse::Ok().json(WarrantyPage {
        items,
        paging: crate::wire::page_info(page, total),
    }))
}
