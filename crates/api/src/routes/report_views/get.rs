use crate::auth::AuthUser;
use crate::report_views;
use crate::routes::{AppData, IdPath, Reply};
use actix_web::{get, HttpResponse};
use api_types::ReportViewDto;
use domain::report::view::Reader;

/// One saved view the caller sees.
#[utoipa::path(
    params(("id" = uuid::Uuid, Path, description = "View id")),
    responses(
        (status = 200, body = ReportViewDto),
        (status = 404, description = "No such view for this caller (another's private view, or shared with another parent account)"),
    )
)]
#[get("/report-views/{id}")]
pub async fn get_report_view(state: AppData, auth: AuthUser, id: IdPath) -> Reply {
    let view = report_views::find(&state, &auth, id.into_inner()).await?;
    Ok(HttpResponse::Ok().json(report_views::dto(view, Reader::from(&auth.user))?))
}
