use crate::auth::AuthUser;
use crate::routes::{AppData, Reply};
use actix_web::{post, HttpResponse};
use persistence::repositories::end_of_life;

/// Marks all of the caller's end-of-life notices read.
#[utoipa::path(responses((status = 204, description = "Every notice is read")))]
#[post("/end-of-life/notices/read")]
pub async fn mark_end_of_life_notices_read(state: AppData, auth: AuthUser) -> Reply {
    end_of_life::mark_read(&state.db, auth.user.id, state.clock.now()).await?;
    Ok(HttpResponse::NoContent().finish())
}
