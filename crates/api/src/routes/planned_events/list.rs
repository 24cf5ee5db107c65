use crate::auth::AuthUser;
use crate::error::ApiError;
use crate::routes::{AppData, Reply};
use crate::wire::ToDomain;
use actix_web::{get, web, HttpResponse};
use api_types::{PlannedEventPage, PlannedEventQuery};
use domain::{AccountId, InstalledProductId};
use persistence::repositories::accounts::AccountVisibility;
use persistence::repositories::planned_events::{self, EventFilter};

/// The longest range one calendar request covers.
const LONGEST_RANGE_DAYS: i64 = 400;

/// The planned service events of the products the caller sees that overlap
/// `from`..`to`, earliest first: a month or week of a calendar, or a list.
#[utoipa::path(
    params(PlannedEventQuery),
    responses((status = 200, body = PlannedEventPage))
)]
#[get("/planned-events")]
pub async fn list_planned_events(
    state: AppData,
    auth: AuthUser,
    query: web::Query<PlannedEventQuery>,
) -> Reply {
    let q = query.into_inner();
    let page = crate::wire::page_request(q.page, q.page_size)?;
    if q.to <= q.from {
        return Err(ApiError::InvalidQuery("`to` comes after `from`".into()));
    }
    if q.to - q.from > chrono::Duration::days(LONGEST_RANGE_DAYS) {
        return Err(ApiError::InvalidQuery(format!(
            "a range is at most {LONGEST_RANGE_DAYS} days"
        )));
    }
    let filter = EventFilter {
        location: q.location.map(AccountId::from_uuid),
        modality: q.modality.map(ToDomain::to_domain),
        event_type: q.event_type.map(ToDomain::to_domain),
        product: q.installed_product.map(InstalledProductId::from_uuid),
        status: q.status.map(ToDomain::to_domain),
        ..EventFilter::between(q.from, q.to)
    };
    let visibility = AccountVisibility::of(&auth.user);
    let (records, total) =
        planned_events::list_visible(&state.db, visibility, &filter, page).await?;
    Ok(HttpResponse::Ok().json(PlannedEventPage {
        items: records
            .into_iter()
            .map(|r| crate::planned_events::dto(r, &auth.user))
            .collect(),
        paging: crate::wire::page_info(page, total),
    }))
}
