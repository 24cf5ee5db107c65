//! Customisable reports: the catalogue, a page of a customised report, and
//! every row of it as CSV or xlsx.

pub mod catalogue;
pub mod export;
pub mod rows;

use utoipa_actix_web::service_config::ServiceConfig;

pub fn configure(cfg: &mut ServiceConfig) {
    cfg.service(catalogue::list_reports)
        .service(rows::report_rows)
        .service(export::export_report);
}

/// The `{report}` of a report's path.
pub type ReportPath = actix_web::web::Path<api_types::ReportKindDto>;
