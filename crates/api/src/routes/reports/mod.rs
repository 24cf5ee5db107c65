//! Customisable reports: the catalogue, a page of a customised report, and
//! every row of it as CSV or xlsx.

pub mod catalogue;
pub mod charts;
pub mod export;
pub mod rows;

use utoipa_actix_web::service_config::ServiceConfig;

pub fn configure(cfg: &mut ServiceConfig) {
    // The charts' fixed path before `{report}`, which it would otherwise match.
    cfg.service(charts::report_charts)
        .service(catalogue::list_reports)
        .service(rows::report_rows)
        .service(export::export_report);
}

/// The `{report}` of a report's path.
pub type ReportPath = actix_web::web::Path<api_types::ReportKindDto>;
