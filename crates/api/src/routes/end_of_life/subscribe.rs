use crate::auth::AuthUser;
use crate::error::ApiError;
use crate::routes::{AppData, Reply};
use crate::wire::ToDomain;
use actix_web::{post, web, HttpResponse};
use api_types::{EolSubscriptionDto, NewEolSubscription};
use domain::end_of_life::EolTopic;
use domain::{Action, InstalledProductId};
use persistence::repositories::end_of_life;

/// Subscribes the caller to end-of-life notices of a modality or of one
/// product they see. Notices already due (a date within twelve months) are
/// sent at once. Subscribing again answers the subscription there is.
#[utoipa::path(
    request_body = NewEolSubscription,
    responses(
        (status = 201, body = EolSubscriptionDto, description = "Subscribed"),
        (status = 200, body = EolSubscriptionDto, description = "Already subscribed"),
        (status = 422, description = "Not exactly one of `modality` and `installed_product_id`"),
        (status = 404, description = "No such product for this caller"),
    )
)]
#[post("/end-of-life/subscriptions")]
pub async fn subscribe_to_end_of_life(
    state: AppData,
    auth: AuthUser,
    body: web::Json<NewEolSubscription>,
) -> Reply {
    let topic = match (body.modality, body.installed_product_id) {
        (Some(modality), None) => EolTopic::Modality(modality.to_domain()),
        (None, Some(product)) => {
            let product = InstalledProductId::from_uuid(product);
            crate::cases::authorized_product(&state, &auth, product, Action::ViewCustomerData)
                .await?;
            EolTopic::Product(product)
        }
        _ => {
            return Err(ApiError::Validation(vec![api_types::FieldError {
                field: "modality".into(),
                code: api_types::FieldErrorCode::Required,
                message: "Name exactly one of `modality` and `installed_product_id`.".into(),
            }]))
        }
    };
    let now = state.clock.now();
    let (subscription, new) = end_of_life::subscribe(&state.db, auth.user.id, topic, now).await?;
    if new {
        crate::end_of_life::notify_user(&state, &auth.user).await?;
    }
    let mut response = if new {
        HttpResponse::Created()
    } else {
        HttpResponse::Ok()
    };
    Ok(response.json(crate::end_of_life::subscription_dto(subscription)))
}
