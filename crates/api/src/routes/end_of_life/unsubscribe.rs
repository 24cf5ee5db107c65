use crate::auth::AuthUser;
use crate::error::ApiError;
use crate::routes::{AppData, IdPath, Reply};
use actix_web::{delete, HttpResponse};
use persistence::repositories::end_of_life;

/// Ends one of the caller's end-of-life subscriptions.
#[utoipa::path(
    params(("id" = uuid::Uuid, Path, description = "Subscription id")),
    responses(
        (status = 204, description = "Unsubscribed"),
        (status = 404, description = "The caller has no subscription by that id"),
    )
)]
#[delete("/end-of-life/subscriptions/{id}")]
pub async fn unsubscribe_from_end_of_life(state: AppData, auth: AuthUser, id: IdPath) -> Reply {
    if !end_of_life::unsubscribe(&state.db, auth.user.id, id.into_inner()).await? {
        return Err(ApiError::NotFound);
    }
    Ok(HttpResponse::NoContent().finish())
}
