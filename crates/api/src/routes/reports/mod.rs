//! Customisable reports: the catalogue, a page of a customised report, and
//! every row of it as CSV or xlsx.

pub mod catalogue;
pub mod charts;
pub mod export;
pub mod rows;

// The charts' fixed path before `{report}`, which it would otherwise match.
crate::routes::handlers! {
    charts::report_charts,
    catalogue::list_reports,
    rows::report_rows,
    export::export_report,
}

/// The `{report}` of a report's path.
pub type ReportPath = actix_web::web::Path<api_types::ReportKindDto>;
