use crate::auth::AuthUser;
use crate::error::ApiError;
use crate::identity::access;
use crate::identity::client::ClientAddress;
use crate::state::AppState;
use actix_web::{post, web, HttpResponse};
use api_types::{ApproveAccessRequest, ProblemDetails, UserDetail};
use persistence::repositories::users;

/// Approves a request: creates the user in the matched parent account (an
/// Admin may name another) with an activation email.
#[utoipa::path(
    tag = "access requests",
    security(("bearer_jwt" = [])),
    params(("id" = uuid::Uuid, Path, description = "Request id")),
    request_body = ApproveAccessRequest,
    responses(
        (status = 201, body = UserDetail),
        (status = 403, description = "Only Managers and Admins review requests", body = ProblemDetails, content_type = "application/problem+json"),
        (status = 404, description = "No such request, or an account outside the parent account", body = ProblemDetails, content_type = "application/problem+json"),
        (status = 409, description = "Decided already (`conflict`) or the user name is taken (`username_taken`)", body = ProblemDetails, content_type = "application/problem+json"),
        (status = 422, description = "Invalid fields", body = ProblemDetails, content_type = "application/problem+json"),
    )
)]
#[post("/access-requests/{id}/approve")]
pub async fn approve_access_request(
    state: web::Data<AppState>,
    auth: AuthUser,
    client: ClientAddress,
    id: web::Path<uuid::Uuid>,
    body: web::Json<ApproveAccessRequest>,
) -> Result<HttpResponse, ApiError> {
    let user_id = access::approve(&state, &auth, id.into_inner(), &body, &client).await?;
    let user = users::find_admin(&state.db, user_id, None)
        .await?
        .ok_or(ApiError::NotFound)?;
    let mut builder = HttpResponse::Created();
    builder.insert_header((
        actix_web::http::header::LOCATION,
        format!("/api/v1/users/{user_id}"),
    ));
    Ok(crate::routes::users::user_response(
        builder,
        &user,
        state.clock.now(),
    ))
}
