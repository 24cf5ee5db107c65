use crate::auth::AuthUser;
use crate::routes::{AppData, Reply};
use actix_web::{get, web, HttpResponse};
use api_types::{ContractPage, ContractQuery};
use persistence::repositories::accounts::AccountVisibility;
use persistence::repositories::contracts;

/// Contracts covering a product the caller sees or sold to an account they
/// see, soonest end first, with the expiry colour at the caller's today.
#[utoipa::path(
    params(ContractQuery),
    responses((status = 200, body = ContractPage))
)]
#[get("/contracts")]
pub async fn list_contracts(
    state: AppData,
    auth: AuthUser,
    query: web::Query<ContractQuery>,
) -> Reply {
    let (page, filter, today) = super::expiry_list(&state, &auth, query.into_inner())?;
    let (records, total) = contracts::list_visible(
        &state.db,
        AccountVisibility::of(&auth.user),
        &filter,
        today,
        page,
    )
    .await?;
    Ok(HttpResponse::Ok().json(ContractPage {
        items: records
            .into_iter()
            .map(|c| super::summary(c, today))
            .collect(),
        paging: crate::wire::page_info(page, total),
    }))
}
