//! User administration: Managers for their parent account, Admins for all.

pub mod activation_email;
pub mod create;
pub mod get;
pub mod list;
pub mod update;

use crate::routes::preconditions;
use actix_web::http::header;
use actix_web::HttpResponse;
use persistence::repositories::users::AdminUser;

crate::routes::handlers! {
    list::list_users,
    create::create_user,
    get::get_user,
    update::update_user,
    activation_email::send_activation_email,
}

pub(crate) fn user_response(
    mut builder: actix_web::HttpResponseBuilder,
    user: &AdminUser,
    now: chrono::DateTime<chrono::Utc>,
) -> HttpResponse {
    builder
        .insert_header((header::ETAG, preconditions::etag(user.version)))
        .json(crate::identity::admin::detail(user, now))
}
