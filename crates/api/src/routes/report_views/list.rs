use crate::auth::AuthUser;
use crate::routes::{AppData, Reply};
use crate::wire::ToDomain;
use actix_web::{get, web, HttpResponse};
use api_types::{ReportKindDto, ReportViewList};
use domain::report::view::Reader;
use persistence::repositories::report_views;
use serde::Deserialize;

#[derive(Debug, Deserialize, utoipa::IntoParams)]
#[into_params(parameter_in = Query)]
#[serde(deny_unknown_fields)]
pub struct ReportViewQuery {
    /// Only the views of this report.
    pub report: Option<ReportKindDto>,
}

/// The saved views the caller sees, by name: their own, and those shared
/// with their parent account.
#[utoipa::path(params(ReportViewQuery), responses((status = 200, body = ReportViewList)))]
#[get("/report-views")]
pub async fn list_report_views(
    state: AppData,
    auth: AuthUser,
    query: web::Query<ReportViewQuery>,
) -> Reply {
    let reader = Reader::from(&auth.user);
    let report = query.report.map(ToDomain::to_domain);
    let views = report_views::list_visible(&state.db, reader, report).await?;
    let items = views
        .into_iter()
        .map(|v| crate::report_views::dto(v, reader))
        .collect::<Result<_, _>>()?;
    Ok(HttpResponse::Ok().json(ReportViewList { items }))
}
