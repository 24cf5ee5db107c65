use crate::cases::contacts;
use crate::routes::answers;
use crate::routes::{AppData, Reply};
use actix_web::{post, web, HttpResponse};
use api_types::LinkTokenRequest;

/// Confirms a case contact's email address with the link emailed to it:
/// from then on the address gets the emails of the cases naming it.
#[utoipa::path(
    security(()),
    request_body = LinkTokenRequest,
    responses(
        (status = 204, description = "Confirmed (also when it was already)"),
        answers::LinkRefused,
    )
)]
#[post("/contact-confirmations")]
pub async fn confirm_contact(state: AppData, body: web::Json<LinkTokenRequest>) -> Reply {
    contacts::confirm(&state, &body.token).await?;
    Ok(HttpResponse::NoContent().finish())
}
