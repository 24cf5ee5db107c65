use crate::auth::AuthUser;
use crate::routes::{answers, AppData, Reply};
use actix_web::{post, web, HttpResponse};
use api_types::{NewPlannedEventRequest, PlannedEventDto};
use domain::InstalledProductId;

/// Plans a service event on an installed product (service side). A
/// tentative one waits for the customer's answer.
#[utoipa::path(
    request_body = NewPlannedEventRequest,
    responses(
        (status = 201, body = PlannedEventDto, headers(("ETag" = String))),
        answers::ServiceOnly,
        (status = 404, description = "No such installed product (`not_found`)"),
        (status = 422, description = "The end is not after the start or more than 31 days later (`planned_end`: `out_of_range`), the engineer is not an active Service user (`engineer_id`: `not_an_engineer`), or the case is of another product (`case_id`: `not_allowed`)"),
    )
)]
#[post("/planned-events")]
pub async fn create_planned_event(
    state: AppData,
    auth: AuthUser,
    body: web::Json<NewPlannedEventRequest>,
) -> Reply {
    let product = InstalledProductId::from_uuid(body.installed_product_id);
    let record = crate::planned_events::create(&state, &auth, product, &body.plan).await?;
    Ok(super::answer_with(HttpResponse::Created(), record, &auth))
}
