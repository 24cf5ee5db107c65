//! Request access (public) and its review by Admins and Managers.

pub mod approve;
pub mod create;
pub mod get;
pub mod list;
pub mod reject;

crate::routes::handlers! {
    create::create_access_request,
    list::list_access_requests,
    get::get_access_request,
    approve::approve_access_request,
    reject::reject_access_request,
}
