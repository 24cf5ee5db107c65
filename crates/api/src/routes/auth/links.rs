use crate::error::ApiError;
use crate::identity::client::ClientAddress;
use crate::identity::links;
use crate::state::AppState;
use actix_web::{post, web, HttpResponse};
use api_types::{LinkInfo, LinkPurposeDto, LinkTokenRequest, ProblemDetails, SetPasswordRequest};
use persistence::repositories::user_tokens::LinkPurpose;

/// Tells what an activation or reset link is for, before the user types a password.
#[utoipa::path(
    tag = "auth",
    request_body = LinkTokenRequest,
    responses(
        (status = 200, body = LinkInfo),
        (status = 404, description = "No such link (`link_invalid`)", body = ProblemDetails, content_type = "application/problem+json"),
        (status = 410, description = "The link expired (`link_expired`) or was used (`link_used`)", body = ProblemDetails, content_type = "application/problem+json"),
    )
)]
#[post("/auth/links/check")]
pub async fn check_link(
    state: web::Data<AppState>,
    body: web::Json<LinkTokenRequest>,
) -> Result<HttpResponse, ApiError> {
    let (link, user) = links::check(&state, &body.token).await?;
    Ok(HttpResponse::Ok().json(LinkInfo {
        purpose: match link.purpose {
            LinkPurpose::Activation => LinkPurposeDto::Activation,
            LinkPurpose::Reset => LinkPurposeDto::Reset,
        },
        username: user.username.as_str().to_owned(),
        expires_at: link.expires_at,
    }))
}

/// Sets a password with an activation or reset link: it activates the
/// account, lifts a lockout, ends every session, and spends the link.
#[utoipa::path(
    tag = "auth",
    request_body = SetPasswordRequest,
    responses(
        (status = 204, description = "Password set; log in with it"),
        (status = 404, description = "No such link (`link_invalid`)", body = ProblemDetails, content_type = "application/problem+json"),
        (status = 410, description = "The link expired (`link_expired`) or was used (`link_used`)", body = ProblemDetails, content_type = "application/problem+json"),
        (status = 422, description = "The password breaks a rule (each in `errors`, e.g. `password_too_common`, `password_reused`)", body = ProblemDetails, content_type = "application/problem+json"),
    )
)]
#[post("/auth/links/set-password")]
pub async fn set_password_with_link(
    state: web::Data<AppState>,
    client: ClientAddress,
    body: web::Json<SetPasswordRequest>,
) -> Result<HttpResponse, ApiError> {
    links::set_password(&state, &body.token, &body.new_password, &client).await?;
    Ok(HttpResponse::NoContent().finish())
}
