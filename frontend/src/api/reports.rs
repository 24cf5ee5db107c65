//! Customisable reports, their saved views and charts (`/reports`,
//! `/report-views`).

use super::http::{Api, Call};
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

    /// `GET /reports/charts`: the charts' figures, twelve months of cases.
    pub async fn report_charts(self) -> Answer<ReportChartsResponse> {
        self.get("/reports/charts").await
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

    /// `GET /report-views/{id}`.
    pub async fn report_view(self, id: impl Display) -> Answer<ReportViewDto> {
        self.get(&view_path(id)).await
    }

    /// `POST /report-views`: saves a customised report under a name.
    pub async fn create_report_view(self, view: &NewReportView) -> Answer<ReportViewDto> {
        self.post("/report-views", view).await
    }

    /// `PUT /report-views/{id}`: a view's new name, query and sharing.
    pub async fn update_report_view(
        self,
        id: impl Display,
        change: &ReportViewChange,
    ) -> Answer<ReportViewDto> {
        self.json(Call::put(&view_path(id), change)?).await
    }

    /// `POST /report-views/{id}/duplicate`: a copy under the caller's name.
    pub async fn duplicate_report_view(self, id: impl Display) -> Answer<ReportViewDto> {
        let path = format!("{}/duplicate", view_path(id));
        self.post(&path, &DuplicateReportView::default()).await
    }

    /// `DELETE /report-views/{id}`.
    pub async fn delete_report_view(self, id: impl Display) -> Answer<()> {
        self.no_content(Call::delete(&view_path(id))).await
    }

    /// `PUT /report-views/{id}/digest`: the view by email, weekly or monthly.
    pub async fn set_report_digest(
        self,
        id: impl Display,
        change: &ReportDigestChange,
    ) -> Answer<ReportDigestDto> {
        self.json(Call::put(&digest_path(id), change)?).await
    }

    /// `DELETE /report-views/{id}/digest`.
    pub async fn end_report_digest(self, id: impl Display) -> Answer<()> {
        self.no_content(Call::delete(&digest_path(id))).await
    }
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
