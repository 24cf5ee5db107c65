use crate::identity::client::ClientAddress;
use crate::identity::links;
use crate::routes::answers;
use crate::routes::{AppData, Reply};
use crate::wire::ToWire;
use actix_web::{post, web, HttpResponse};
use api_types::{LinkInfo, LinkTokenRequest, SetPasswordRequest};

/// Tells what an activation or reset link is for, before the user types a password.
#[utoipa::path(
    security(()),
    request_body = LinkTokenRequest,
    responses(
        (status = 200, body = LinkInfo),
        answers::LinkRefused,
    )
)]
#[post("/auth/links/check")]
pub async fn check_link(state: AppData, body: web::Json<LinkTokenRequest>) -> Reply {
    let (link, user) = links::check(&state, &body.token).await?;
    Ok(HttpResponse::Ok().json(LinkInfo {
        purpose: link.purpose.to_wire(),
        username: user.username.as_str().to_owned(),
        expires_at: link.expires_at,
    }))
}

/// Sets a password with an activation or reset link: it activates the
/// account, lifts a lockout, ends every session, and spends the link.
#[utoipa::path(
    security(()),
    request_body = SetPasswordRequest,
    responses(
        (status = 204, description = "Password set; log in with it"),
        answers::LinkRefused,
        (status = 422, description = "The password breaks a rule (each in `errors`, e.g. `password_too_common`, `password_reused`)"),
    )
)]
#[post("/auth/links/set-password")]
pub async fn set_password_with_link(
    state: AppData,
    client: ClientAddress,
    body: web::Json<SetPasswordRequest>,
) -> Reply {
    links::set_password(&state, &body.token, &body.new_password, &client).await?;
    Ok(HttpResponse::NoContent().finish())
}
