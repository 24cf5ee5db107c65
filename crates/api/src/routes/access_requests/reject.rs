use crate::auth::AuthUser;
use crate::identity::access;
use crate::identity::client::ClientAddress;
use crate::routes::answers;
use crate::routes::{AppData, IdPath, Reply};
use actix_web::{post, web, HttpResponse};
use api_types::{AccessRequestDto, RejectAccessRequest};

/// Rejects a request; the requester is emailed the reason.
#[utoipa::path(
    params(("id" = uuid::Uuid, Path, description = "Request id")),
    request_body = RejectAccessRequest,
    responses(
        (status = 200, body = AccessRequestDto),
        answers::ManagersAndAdminsOnly,
        (status = 409, description = "Decided already"),
        (status = 422, description = "No reason given"),
    )
)]
#[post("/access-requests/{id}/reject")]
pub async fn reject_access_request(
    state: AppData,
    auth: AuthUser,
    client: ClientAddress,
    id: IdPath,
    body: web::Json<RejectAccessRequest>,
) -> Reply {
    Ok(HttpResponse::Ok()
        .json(access::reject(&state, &auth, id.into_inner(), &body, &client).await?))
}
