//! Customisable reports, their saved views and charts (`/reports`,
//! `/report-views`).

use super::http::Api;
use super::Answer;
use crate::query::{query_string, wire_name};
use api_types::{
    DuplicateReportView, NewReportView, ReportChartsResponse, ReportDigestChange, ReportDigestDto,
    ReportKindDto, ReportQueryDto, ReportRowsResponse, ReportViewChange, ReportViewDto,
    ReportViewList,
};
use std::fmt::Display;

/// The file formats of an export, as the API names them.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ExportFormat {
    Xlsx,
    /// With the byte order mark Excel needs to read accented letters.
    CsvForExcel,
}

impl Api {
    /// `POST /reports/{report}/rows`: one page of a customised report.
    pub async fn report_rows(
        self,
        report: ReportKindDto,
        query: &ReportQueryDto,
        (page, page_size): (Option<u32>, Option<u32>),
    ) -> Answer<ReportRowsResponse> {
        let pairs: Vec<_> = [("page", page), ("page_size", page_size)]
            .into_iter()
            .filter_map(|(name, n)| n.map(|n| (name, n.to_string())))
            .collect();
        let path = format!("{}/rows{}", report_path(report), query_string(&pairs));
        self.post(&path, query).await
    }

    /// `GET /report-views?report=`: the saved views the caller sees.
    pub async fn report_views(self, report: Option<ReportKindDto>) -> Answer<ReportViewList> {
        let pairs: Vec<_> = report
            .map(|r| ("report", wire_name(&r)))
            .into_iter()
            .collect();
        self.get(&format!("/report-views{}", query_string(&pairs)))
            .await
    }
}

endpoints! {
    /// `GET /reports/charts`: the charts' figures, twelve months of cases.
    get report_charts() -> ReportChartsResponse = "/reports/charts";
    /// `GET /report-views/{id}`.
    get report_view(id: impl Display) -> ReportViewDto = view_path(id);
    /// `POST /report-views`: saves a customised report under a name.
    post create_report_view(view: &NewReportView) -> ReportViewDto = "/report-views", view;
    /// `PUT /report-views/{id}`: a view's new name, query and sharing.
    put update_report_view(id: impl Display, change: &ReportViewChange) -> ReportViewDto = view_path(id), change;
    /// `POST /report-views/{id}/duplicate`: a copy under the caller's name.
    post duplicate_report_view(id: impl Display) -> ReportViewDto = format!("{}/duplicate", view_path(id)), &DuplicateReportView::default();
    /// `DELETE /report-views/{id}`.
    delete delete_report_view(id: impl Display) -> () = view_path(id);
    /// `PUT /report-views/{id}/digest`: the view by email, weekly or monthly.
    put set_report_digest(id: impl Display, change: &ReportDigestChange) -> ReportDigestDto = digest_path(id), change;
    /// `DELETE /report-views/{id}/digest`.
    delete end_report_digest(id: impl Display) -> () = digest_path(id);
}

fn report_path(report: ReportKindDto) -> String {
    format!("/reports/{}", wire_name(&report))
}

fn view_path(id: impl Display) -> String {
    format!("/report-views/{id}")
}

fn digest_path(id: impl Display) -> String {
    format!("{}/digest", view_path(id))
}

/// The API URL of an export of `report` in `format`.
pub fn export_url(report: ReportKindDto, format: ExportFormat) -> String {
    let query = match format {
        ExportFormat::Xlsx => "?format=xlsx",
        ExportFormat::CsvForExcel => "?format=csv&bom=true",
    };
    super::http::url(&format!("{}/export{query}", report_path(report)))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::api::http::url;

    #[test]
    fn report_paths_use_the_reports_wire_name() {
        assert_eq!(
            url(&report_path(ReportKindDto::InstalledProducts)),
            "/api/v1/reports/installed_products"
        );
        assert_eq!(
            export_url(ReportKindDto::Cases, ExportFormat::CsvForExcel),
            "/api/v1/reports/cases/export?format=csv&bom=true"
        );
        assert_eq!(url(&view_path("v1")), "/api/v1/report-views/v1");
        assert_eq!(url(&digest_path("v1")), "/api/v1/report-views/v1/digest");
    }
}
