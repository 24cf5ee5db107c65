//! Saved report views: listed, saved, read, changed, duplicated, deleted,
//! and subscribed to (digests).
//! A view's URL (`/report-views/{id}`) stays the same while it lives.

pub mod create;
pub mod delete;
pub mod digest_end;
pub mod digest_set;
pub mod duplicate;
pub mod get;
pub mod list;
pub mod update;

use utoipa_actix_web::service_config::ServiceConfig;

pub fn configure(cfg: &mut ServiceConfig) {
    cfg.service(list::list_report_views)
        .service(create::create_report_view)
        .service(get::get_report_view)
        .service(update::update_report_view)
        .service(duplicate::duplicate_report_view)
        .service(delete::delete_report_view)
        .service(digest_set::set_report_digest)
        .service(digest_end::end_report_digest);
}
