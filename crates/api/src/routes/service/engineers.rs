use crate::auth::AuthUser;
use crate::error::ApiError;
use crate::routes::{answers, AppData, Reply};
use actix_web::{get, HttpResponse};
use api_types::{EngineerDto, EngineerList};
use domain::{authorize, Action, Target};
use persistence::repositories::users;

/// The active Service users a case can be assigned to, by name.
#[utoipa::path(
    responses(
        (status = 200, body = EngineerList),
        answers::ServiceOnly,
    )
)]
#[get("/service/engineers")]
pub async fn list_engineers(state: AppData, auth: AuthUser) -> Reply {
    let principal = auth.principal(&state.db).await?;
    authorize(&principal, Action::WorkCaseQueue, Target::Portal).map_err(ApiError::from)?;
    let items = users::active_engineers(&state.db)
        .await?
        .into_iter()
        .map(|u| EngineerDto {
            id: u.id.as_uuid(),
            display_name: u.display_name,
        })
        .collect();
    Ok(HttpResponse::Ok().json(EngineerList { items }))
}
