use crate::auth::AuthUser;
use crate::report_views;
use crate::routes::{AppData, IdPath, Reply};
use actix_web::{post, web, HttpResponse};
use api_types::{DuplicateReportView, ReportQueryDto, ReportViewDto};

/// Copies a view the caller sees into a new private view of theirs, named
/// as asked or after the original with " (copy)".
#[utoipa::path(
    params(("id" = uuid::Uuid, Path, description = "View id")),
    request_body = DuplicateReportView,
    responses(
        (status = 201, body = ReportViewDto, headers(("Location" = String, description = "The copy's URL"))),
        (status = 404, description = "No such view for this caller"),
        (status = 422, description = "An invalid name"),
    )
)]
#[post("/report-views/{id}/duplicate")]
pub async fn duplicate_report_view(
    state: AppData,
    auth: AuthUser,
    id: IdPath,
    body: web::Json<DuplicateReportView>,
) -> Reply {
    let original = report_views::find(&state, &auth, id.into_inner()).await?;
    let name = match &body.name {
        Some(name) => name.clone(),
        None => copy_name(&original.name),
    };
    let query: ReportQueryDto = serde_json::from_str(&original.query)
        .map_err(|e| crate::error::ApiError::Internal(e.into()))?;
    let content = report_views::content(&state, &auth, original.report, &name, &query, false)?;
    let view = report_views::create(&state, &auth, original.report, content).await?;
    Ok(HttpResponse::Created()
        .insert_header(("Location", format!("/api/v1/report-views/{}", view.id)))
        .json(view))
}

/// `name (copy)`, shortened so that it stays within a name's length.
fn copy_name(name: &str) -> String {
    const SUFFIX: &str = " (copy)";
    let room = domain::report::view::MAX_NAME - SUFFIX.len();
    let kept: String = name.chars().take(room).collect();
    format!("{kept}{SUFFIX}")
}
