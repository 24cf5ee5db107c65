use super::ReportPath;
use crate::auth::AuthUser;
use crate::reports::{check, export};
use crate::routes::{zip_stream, AppData, Reply};
use crate::wire::ToDomain;
use actix_web::{post, web};
use api_types::{ReportKindDto, ReportQueryDto};
use persistence::repositories::accounts::AccountVisibility;
use serde::Deserialize;

#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize, utoipa::ToSchema)]
#[serde(rename_all = "snake_case")]
pub enum ExportFormat {
    /// RFC 4180 CSV in UTF-8.
    Csv,
    /// An Excel workbook.
    Xlsx,
}

#[derive(Debug, Deserialize, utoipa::IntoParams)]
#[into_params(parameter_in = Query)]
#[serde(deny_unknown_fields)]
pub struct ExportQuery {
    pub format: ExportFormat,
    /// CSV only: start with the UTF-8 byte order mark, which Excel needs
    /// to read accented letters right. Default false.
    #[serde(default)]
    pub bom: bool,
}

/// Every row of a customised report (no cap), in the query's order and
/// columns, as a file named after the report and the caller's date:
/// - `csv`: written while the rows are read, so it starts at once; instants
///   in the caller's zone (named in the heading), dates ISO; text a
///   spreadsheet would run as a formula starts with `'`.
/// - `xlsx`: one sheet (a new one every 1,048,575 rows), typed cells,
///   dates and times as Excel dates in the caller's zone and formats, the
///   heading row frozen; sent once written.
#[utoipa::path(
    params(("report" = ReportKindDto, Path, description = "The report"), ExportQuery),
    request_body = ReportQueryDto,
    responses(
        (status = 200, description = "The file, as an attachment", content(
            (String = "text/csv"),
            (Vec<u8> = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"),
        )),
        (status = 422, description = "A part of the query the report does not take (as for the rows)"),
        (status = 503, description = "Other exports and zips are being made; try again after `Retry-After` seconds"),
    )
)]
#[post("/reports/{report}/export")]
pub async fn export_report(
    state: AppData,
    auth: AuthUser,
    path: ReportPath,
    format: web::Query<ExportQuery>,
    body: web::Json<ReportQueryDto>,
) -> Reply {
    let reading = crate::reports::reading(&state, &auth.user);
    let settings = auth.user.settings.clone();
    let query = check(
        path.into_inner().to_domain(),
        &body,
        reading.today,
        &settings,
    )?;
    let slot = zip_stream::slot(&state, "exports")?;
    let job = export::Job {
        db: state.db.clone(),
        visibility: AccountVisibility::of(&auth.user),
        query,
        reading,
        settings,
        slot,
    };
    match format.format {
        ExportFormat::Csv => export::csv(job, format.bom).await,
        ExportFormat::Xlsx => export::xlsx(job).await,
    }
}
