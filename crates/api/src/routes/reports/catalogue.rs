use crate::auth::AuthUser;
use crate::routes::Reply;
use actix_web::{get, HttpResponse};
use api_types::ReportDefinitionDto;
use domain::report::REPORTS;

/// The reports there are, each with its columns (key, type, label in the
/// caller's language, the values of a choice column), the columns shown
/// by default and the default sort. Any signed-in user reads every report
/// over the data they see.
#[utoipa::path(responses((status = 200, body = Vec<ReportDefinitionDto>)))]
#[get("/reports")]
pub async fn list_reports(auth: AuthUser) -> Reply {
    let language = auth.user.settings.language;
    let reports: Vec<ReportDefinitionDto> = REPORTS
        .iter()
        .map(|r| crate::reports::definition_dto(r, language))
        .collect();
    Ok(HttpResponse::Ok().json(reports))
}
