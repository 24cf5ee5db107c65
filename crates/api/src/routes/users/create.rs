use crate::auth::AuthUser;
use crate::identity::admin;
use crate::identity::client::ClientAddress;
use crate::routes::answers;
use crate::routes::{AppData, Reply};
use actix_web::{post, web, HttpResponse};
use api_types::{CreateUserRequest, UserDetail};

/// Creates a user in the caller's parent account. They get the creator's
/// language, time zone and formats, and an activation email with a link
/// valid for 24 hours.
#[utoipa::path(
    request_body = CreateUserRequest,
    responses(
        (status = 201, body = UserDetail, headers(("ETag" = String, description = "The user's version"))),
        answers::ManagersAndAdminsOnly,
        (status = 404, description = "An account that is not of the caller's parent account"),
        (status = 409, description = "The user name is taken (`username_taken`)"),
        (status = 422, description = "Invalid fields, or a role the caller may not give"),
    )
)]
#[post("/users")]
pub async fn create_user(
    state: AppData,
    auth: AuthUser,
    client: ClientAddress,
    body: web::Json<CreateUserRequest>,
) -> Reply {
    let user = admin::create(&state, &auth, &body, &client).await?;
    let mut builder = HttpResponse::Created();
    builder.insert_header((
        actix_web::http::header::LOCATION,
        format!("/api/v1/users/{}", user.user.id),
    ));
    Ok(super::user_response(builder, &user, state.clock.now()))
}
