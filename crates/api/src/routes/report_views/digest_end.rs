use crate::auth::AuthUser;
use crate::routes::{AppData, IdPath, Reply};
use crate::{digests, report_views};
use actix_web::{delete, HttpResponse};

/// Ends the caller's digest of a view (also when there was none).
#[utoipa::path(
    params(("id" = uuid::Uuid, Path, description = "View id")),
    responses(
        (status = 204, description = "No digest of this view goes to the caller"),
        (status = 404, description = "No such view for this caller"),
    )
)]
#[delete("/report-views/{id}/digest")]
pub async fn end_report_digest(state: AppData, auth: AuthUser, id: IdPath) -> Reply {
    let view = report_views::find(&state, &auth, id.into_inner()).await?;
    digests::unsubscribe(&state, &auth, &view).await?;
    Ok(HttpResponse::NoContent().finish())
}
