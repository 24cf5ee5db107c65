use crate::auth::AuthUser;
use crate::routes::{AppData, IdPath, Reply};
use crate::{digests, report_views};
use actix_web::{put, web, HttpResponse};
use api_types::{ReportDigestChange, ReportDigestDto};

/// Subscribes the caller to a view they see, or changes how often: its
/// rows as an xlsx by email every Monday or on the first of the month, at
/// 07:00 in the caller's zone, read as the caller at sending time. A
/// digest ends by itself when the caller no longer sees the view.
#[utoipa::path(
    params(("id" = uuid::Uuid, Path, description = "View id")),
    request_body = ReportDigestChange,
    responses(
        (status = 200, body = ReportDigestDto),
        (status = 400, description = "A body that is not a cadence (`weekly` or `monthly`)"),
        (status = 404, description = "No such view for this caller"),
    )
)]
#[put("/report-views/{id}/digest")]
pub async fn set_report_digest(
    state: AppData,
    auth: AuthUser,
    id: IdPath,
    body: web::Json<ReportDigestChange>,
) -> Reply {
    let view = report_views::find(&state, &auth, id.into_inner()).await?;
    let digest = digests::subscribe(&state, &auth, &view, &body).await?;
    Ok(HttpResponse::Ok().json(digest))
}
