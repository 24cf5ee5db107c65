use super::ReportPath;
use crate::auth::AuthUser;
use crate::reports::{cell_dto, check, column_dto};
use crate::routes::{AppData, Reply};
use crate::wire::{ToDomain, ToWire};
use actix_web::{post, web, HttpResponse};
use api_types::{ReportGroupDto, ReportKindDto, ReportQueryDto, ReportRowsResponse};
use persistence::repositories::accounts::AccountVisibility;
use persistence::repositories::reports;
use serde::Deserialize;

#[derive(Debug, Deserialize, utoipa::IntoParams)]
#[into_params(parameter_in = Query)]
#[serde(deny_unknown_fields)]
pub struct ReportPageQuery {
    /// 1-based; default 1.
    #[param(minimum = 1)]
    pub page: Option<u32>,
    /// Rows per page, 1 to 200; default 50.
    #[param(minimum = 1, maximum = 200)]
    pub page_size: Option<u32>,
}

/// A page of a customised report over the data the caller sees: the chosen
/// columns in order, rows filtered (every filter must match), grouped and
/// sorted; with `group_by`, every group's value and count as well. Dates
/// filter as whole days in the caller's time zone.
#[utoipa::path(
    params(("report" = ReportKindDto, Path, description = "The report"), ReportPageQuery),
    request_body = ReportQueryDto,
    responses(
        (status = 200, body = ReportRowsResponse),
        (status = 422, description = "A part of the query the report does not take: an unknown or repeated column (`unknown_column`, `column_repeated`), a filter that does not fit its column's type (`filter_not_for_column`), a missing or impossible value (`required`, `invalid_value`, `out_of_range`); each named in `errors`"),
    )
)]
#[post("/reports/{report}/rows")]
pub async fn report_rows(
    state: AppData,
    auth: AuthUser,
    path: ReportPath,
    paging: web::Query<ReportPageQuery>,
    body: web::Json<ReportQueryDto>,
) -> Reply {
    let page = crate::wire::page_request(paging.page, paging.page_size)?;
    let reading = crate::reports::reading(&state, &auth.user);
    let query = check(
        path.into_inner().to_domain(),
        &body,
        reading.today,
        &auth.user.settings,
    )?;
    let visibility = AccountVisibility::of(&auth.user);
    let answer = reports::page(&state.db, visibility, &query, reading, page).await?;
    let language = auth.user.settings.language;
    Ok(HttpResponse::Ok().json(ReportRowsResponse {
        report: query.report.kind.to_wire(),
        columns: query
            .columns
            .iter()
            .map(|c| column_dto(c, language))
            .collect(),
        rows: answer
            .rows
            .into_iter()
            .map(|row| row.into_iter().map(cell_dto).collect())
            .collect(),
        groups: answer
            .groups
            .into_iter()
            .map(|(value, count)| ReportGroupDto {
                value: cell_dto(value),
                count,
            })
            .collect(),
        paging: crate::wire::page_info(page, answer.total),
    }))
}
