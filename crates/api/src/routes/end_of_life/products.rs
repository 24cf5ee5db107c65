use crate::auth::AuthUser;
use crate::routes::{AppData, Reply};
use crate::wire::ToDomain;
use actix_web::{get, web, HttpResponse};
use api_types::{EolProductPage, EolProductQuery};
use persistence::repositories::accounts::AccountVisibility;
use persistence::repositories::end_of_life;

/// The caller's installed products that have an end-of-life or
/// end-of-service date, the nearest date first.
#[utoipa::path(params(EolProductQuery), responses((status = 200, body = EolProductPage)))]
#[get("/end-of-life/products")]
pub async fn list_end_of_life_products(
    state: AppData,
    auth: AuthUser,
    query: web::Query<EolProductQuery>,
) -> Reply {
    let q = query.into_inner();
    let page = crate::wire::page_request(q.page, q.page_size)?;
    let (products, total) = end_of_life::products_with_dates(
        &state.db,
        AccountVisibility::of(&auth.user),
        q.modality.map(ToDomain::to_domain),
        page,
    )
    .await?;
    Ok(HttpResponse::Ok().json(EolProductPage {
        items: products
            .into_iter()
            .map(crate::end_of_life::product_dto)
            .collect(),
        paging: crate::wire::page_info(page, total),
    }))
}
