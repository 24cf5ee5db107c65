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
use utoipa_actix_web::service_config::ServiceConfig;

pub fn configure(cfg: &mut ServiceConfig) {
    cfg.service(list::list_users)
        .service(create::create_user)
        .service(get::get_user)
        .service(update::update_user)
        .service(activation_email::send_activation_email);
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
