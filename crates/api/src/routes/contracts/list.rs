use crate::auth::AuthUser;
use crate::error::ApiError;
use crate::routes::convert;
use crate::state::AppState;
use crate::wire::ToDomain;
use actix_web::{get, web, HttpResponse};
use api_types::{ContractPage, ContractQuery, ProblemDetails};
use persistence::repositories::accounts::AccountVisibility;
use persistence::repositories::contracts::{self, ContractFilter};

/// Contracts covering a product the caller sees or sold to an account they
/// see, soonest end first, with the expiry colour at the caller's today.
#[utoipa::path(
    tag = "contracts",
    security(("bearer_jwt" = [])),
    params(ContractQuery),
    responses(
        (status = 200, body = ContractPage),
        (status = 400, description = "A filter or page value is invalid", body = ProblemDetails, content_type = "application/problem+json"),
    )
)]
#[get("/contracts")]
pub async fn list_contracts(
    state: web::Data<AppState>,
    auth: AuthUser,
    query: web::Query<ContractQuery>,
) -> Result<HttpResponse, ApiError> {
    let q = query.into_inner();
    let page = crate::wire::page_request(q.page, q.page_size)?;
    let today = convert::today(&state, &auth);
    let filter = ContractFilter {
        expiry: q.expiry.map(ToDomain::to_domain),
        text: q.q,
    };
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
