use crate::auth::AuthUser;
use crate::report_views;
use crate::routes::{AppData, IdPath, Reply};
use actix_web::{delete, HttpResponse};

/// Deletes a view: its owner, or for a shared view also a Manager of its
/// parent account.
#[utoipa::path(
    params(("id" = uuid::Uuid, Path, description = "View id")),
    responses(
        (status = 204, description = "Deleted"),
        (status = 403, description = "Not the caller's to delete"),
        (status = 404, description = "No such view for this caller"),
    )
)]
#[delete("/report-views/{id}")]
pub async fn delete_report_view(state: AppData, auth: AuthUser, id: IdPath) -> Reply {
    let view = report_views::find(&state, &auth, id.into_inner()).await?;
    report_views::delete(&state, &auth, &view).await?;
    Ok(HttpResponse::NoContent().finish())
}
