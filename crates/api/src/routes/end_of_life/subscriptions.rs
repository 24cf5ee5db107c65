use crate::auth::AuthUser;
use crate::routes::{AppData, Reply};
use actix_web::{get, HttpResponse};
use api_types::EolSubscriptionList;
use persistence::repositories::end_of_life;

/// The caller's end-of-life subscriptions: modalities first, then products.
#[utoipa::path(responses((status = 200, body = EolSubscriptionList)))]
#[get("/end-of-life/subscriptions")]
pub async fn list_end_of_life_subscriptions(state: AppData, auth: AuthUser) -> Reply {
    let items = end_of_life::subscriptions_of(&state.db, auth.user.id).await?;
    Ok(HttpResponse::Ok().json(EolSubscriptionList {
        items: items
            .into_iter()
            .map(crate::end_of_life::subscription_dto)
            .collect(),
    }))
}
