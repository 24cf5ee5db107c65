use crate::auth::AuthUser;
use crate::identity::admin;
use crate::identity::client::ClientAddress;
use crate::routes::answers;
use crate::routes::{AppData, IdPath, Reply};
use actix_web::{post, HttpResponse};
use domain::UserId;

/// Sends a user who has not activated their account a new activation link
/// (the earlier one stops working).
#[utoipa::path(
    params(("id" = uuid::Uuid, Path, description = "User id")),
    responses(
        (status = 202, description = "The email is on its way"),
        answers::ManagersAndAdminsOnly,
        (status = 404, description = "No such user in the caller's parent account"),
        (status = 409, description = "The account is activated already"),
    )
)]
#[post("/users/{id}/activation-email")]
pub async fn send_activation_email(
    state: AppData,
    auth: AuthUser,
    client: ClientAddress,
    id: IdPath,
) -> Reply {
    admin::resend_activation(&state, &auth, UserId::from_uuid(id.into_inner()), &client).await?;
    Ok(HttpResponse::Accepted().finish())
}
