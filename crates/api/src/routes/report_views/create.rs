use crate::auth::AuthUser;
use crate::report_views;
use crate::routes::{AppData, Reply};
use crate::wire::ToDomain;
use actix_web::{post, web, HttpResponse};
use api_types::{NewReportView, ReportViewDto};

/// Saves a customised report under a name, private or (Managers) shared
/// with the parent account. The query is checked as the report's rows
/// check it; its refused parts are named under `query.`.
#[utoipa::path(
    request_body = NewReportView,
    responses(
        (status = 201, body = ReportViewDto, headers(("Location" = String, description = "The view's URL"))),
        (status = 403, description = "Only a Manager shares a view"),
        (status = 422, description = "A name that is empty or longer than 100 characters, or a query the report does not take (each in `errors`)"),
    )
)]
#[post("/report-views")]
pub async fn create_report_view(
    state: AppData,
    auth: AuthUser,
    body: web::Json<NewReportView>,
) -> Reply {
    let report = body.report.to_domain();
    let content =
        report_views::content(&state, &auth, report, &body.name, &body.query, body.shared)?;
    let view = report_views::create(&state, &auth, report, content).await?;
    Ok(HttpResponse::Created()
        .insert_header(("Location", format!("/api/v1/report-views/{}", view.id)))
        .json(view))
}
