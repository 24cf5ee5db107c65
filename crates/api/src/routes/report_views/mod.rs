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

crate::routes::handlers! {
    list::list_report_views,
    create::create_report_view,
    get::get_report_view,
    update::update_report_view,
    duplicate::duplicate_report_view,
    delete::delete_report_view,
    digest_set::set_report_digest,
    digest_end::end_report_digest,
}
