//! Problem answers several operations share, for their `#[utoipa::path]`
//! `responses(...)`; the body (a problem document) is added by
//! `openapi::contract` like for every other 4xx.

use utoipa::IntoResponses;

/// For the administration of users and of access requests.
#[derive(IntoResponses)]
#[response(
    status = 403,
    description = "Only Managers (for their parent account) and Admins (`forbidden`)"
)]
pub struct ManagersAndAdminsOnly;

/// Importing a customer's data.
#[derive(IntoResponses)]
#[response(
    status = 403,
    description = "Only the service organisation and portal support import (`forbidden`)"
)]
pub struct ImportersOnly;

/// An import kind's template, to whoever may import.
// Named in `responses(...)` only, never built.
#[allow(dead_code)]
#[derive(IntoResponses)]
pub enum ImportTemplate {
    #[response(
        status = 200,
        description = "The template as CSV",
        content_type = "text/csv"
    )]
    Template,
    #[response(
        status = 403,
        description = "Only the service organisation and portal support import (`forbidden`)"
    )]
    Forbidden,
}

/// An import file that is not taken.
// Named in `responses(...)` only, never built.
#[allow(dead_code)]
#[derive(IntoResponses)]
pub enum ImportRefused {
    #[response(
        status = 403,
        description = "Only the service organisation and portal support import (`forbidden`)"
    )]
    Forbidden,
    #[response(
        status = 413,
        description = "The file is larger than the import limit (`payload_too_large`)"
    )]
    TooLarge,
    #[response(
        status = 415,
        description = "The body is not `application/octet-stream`, `text/csv` or xlsx (`unsupported_media_type`)"
    )]
    NotCsv,
    #[response(status = 422, description = "The file is empty (`empty_file`)")]
    Empty,
}

/// Keeping the account tree.
#[derive(IntoResponses)]
#[response(
    status = 403,
    description = "Only portal support (Admin) (`forbidden`)"
)]
pub struct AdminsOnly;

/// The service desk's operations.
#[derive(IntoResponses)]
#[response(
    status = 403,
    description = "Only the service organisation (`forbidden`)"
)]
pub struct ServiceOnly;

/// Where the caller proves who they are again before a change to how they
/// sign in.
#[derive(IntoResponses)]
#[response(
    status = 422,
    description = "The password is wrong (`password`: `wrong_password`), or a second factor is on and its code is missing (`code`: `required`) or wrong (`code`: `invalid_mfa_code`)"
)]
pub struct OwnerNotConfirmed;

/// Activation and reset links.
// Named in `responses(...)` only, never built.
#[allow(dead_code)]
#[derive(IntoResponses)]
pub enum LinkRefused {
    #[response(status = 404, description = "No such link (`link_invalid`)")]
    Invalid,
    #[response(
        status = 410,
        description = "The link expired (`link_expired`) or was used (`link_used`)"
    )]
    Spent,
}

/// A closed case takes no new entries.
#[derive(IntoResponses)]
#[response(status = 409, description = "The case is closed (`case_closed`)")]
pub struct CaseClosed;

/// An Admin names the parent account they act on; a Manager acts on theirs.
// Named in `responses(...)` only, never built.
#[allow(dead_code)]
#[derive(IntoResponses)]
pub enum ParentAccountRequired {
    #[response(
        status = 404,
        description = "An Admin named no parent account that exists"
    )]
    Unknown,
    #[response(
        status = 422,
        description = "An Admin must name the parent account (`parent_account_id` required)"
    )]
    Missing,
}
