use crate::auth::AuthUser;
use crate::report_views;
use crate::routes::{AppData, IdPath, Reply};
use actix_web::{put, web, HttpResponse};
use api_types::{ReportViewChange, ReportViewDto};

/// Renames a view, changes its query, or shares it (Managers) or stops
/// sharing it. Its owner changes it; a shared one, also a Manager of its
/// parent account.
#[utoipa::path(
    params(("id" = uuid::Uuid, Path, description = "View id")),
    request_body = ReportViewChange,
    responses(
        (status = 200, body = ReportViewDto),
        (status = 403, description = "Not the caller's to change, or sharing by someone not a Manager"),
        (status = 404, description = "No such view for this caller"),
        (status = 422, description = "An invalid name or query (each in `errors`)"),
    )
)]
#[put("/report-views/{id}")]
pub async fn update_report_view(
    state: AppData,
    auth: AuthUser,
    id: IdPath,
    body: web::Json<ReportViewChange>,
) -> Reply {
    let view = report_views::find(&state, &auth, id.into_inner()).await?;
    let content = report_views::content(
        &state,
        &auth,
        view.report,
        &body.name,
        &body.query,
        body.shared,
    )?;
    let changed = report_views::change(&state, &auth, &view, content).await?;
    Ok(HttpResponse::Ok().json(changed))
}
