use crate::auth::AuthUser;
use crate::routes::convert;
use crate::routes::{AppData, Reply};
use crate::wire::ToWire;
use actix_web::{get, HttpResponse};
use api_types::{
    DashboardResponse, EventStatusDto, ExpiryCounts, LocationStateCounts, ModalityStateCounts,
    NextVisit, StateCounts,
};
use domain::{Modality, OperationalState};
use persistence::repositories::accounts::AccountVisibility;
use persistence::repositories::planned_events::{self, EventFilter};
use persistence::repositories::query::PageRequest;
use persistence::repositories::{contracts, installed_products};
use std::collections::BTreeMap;

fn add(counts: &mut StateCounts, state: &str, n: i64) {
    let n = n.max(0) as u64;
    match state.parse::<OperationalState>() {
        Ok(OperationalState::Up) => counts.up += n,
        Ok(OperationalState::Restricted) => counts.restricted += n,
        Ok(OperationalState::Down) => counts.down += n,
        Ok(OperationalState::Critical) => counts.critical += n,
        Err(_) => tracing::warn!(state, "unknown operational state in the database"),
    }
}

/// What is up and what is not, by modality and by location, and contracts by
/// expiry colour: the home page in one request.
#[utoipa::path(
    responses((status = 200, body = DashboardResponse))
)]
#[get("/dashboard")]
pub async fn get_dashboard(state: AppData, auth: AuthUser) -> Reply {
    let visibility = AccountVisibility::of(&auth.user);
    let today = convert::today(&state, &auth);
    let rows = installed_products::state_counts(&state.db, visibility).await?;
    let [green, yellow, red, expired] =
        contracts::expiry_counts(&state.db, visibility, today).await?;

    let mut total = StateCounts::default();
    let mut by_modality: BTreeMap<Modality, StateCounts> = BTreeMap::new();
    let mut by_location: BTreeMap<uuid::Uuid, StateCounts> = BTreeMap::new();
    for (location, modality, state_name, n) in rows {
        add(by_location.entry(location).or_default(), &state_name, n);
        add(&mut total, &state_name, n);
        if let Ok(modality) = modality.parse::<Modality>() {
            add(by_modality.entry(modality).or_default(), &state_name, n);
        }
    }
    let names = installed_products::account_names(&state.db, by_location.keys().copied()).await?;
    let mut by_location: Vec<LocationStateCounts> = by_location
        .into_iter()
        .map(|(id, counts)| LocationStateCounts {
            location: convert::account_ref(
                id,
                names.get(&id).map(String::as_str).unwrap_or_default(),
            ),
            counts,
        })
        .collect();
    by_location.sort_by(|a, b| a.location.name.cmp(&b.location.name));

    let next_visits = next_visits(&state, &auth, visibility).await?;
    Ok(HttpResponse::Ok().json(DashboardResponse {
        today,
        installed_products: total,
        by_modality: by_modality
            .into_iter()
            .map(|(m, counts)| ModalityStateCounts {
                modality: m.to_wire(),
                counts,
            })
            .collect(),
        by_location,
        contracts_by_expiry: ExpiryCounts {
            green,
            yellow,
            red,
            expired,
        },
        next_visits,
    }))
}

/// A visit's status when it is not settled, in `language`.
fn status_note(status: EventStatusDto, language: domain::Language) -> Option<&'static str> {
    let dutch = language == domain::Language::Nl;
    match status {
        EventStatusDto::Tentative => Some(if dutch { "Voorlopig" } else { "Tentative" }),
        EventStatusDto::Cancelled => Some(if dutch { "Geannuleerd" } else { "Cancelled" }),
        EventStatusDto::Confirmed | EventStatusDto::Done => None,
    }
}

/// How far ahead the home page looks for visits, and how many it lists.
const VISITS_AHEAD_DAYS: i64 = 60;
const MOST_VISITS: u32 = 5;

async fn next_visits(
    state: &crate::state::AppState,
    auth: &AuthUser,
    visibility: AccountVisibility,
) -> Result<Vec<NextVisit>, crate::error::ApiError> {
    let now = state.clock.now();
    let filter = EventFilter::between(now, now + chrono::Duration::days(VISITS_AHEAD_DAYS));
    let page = PageRequest {
        page: 1,
        page_size: MOST_VISITS,
    };
    let (records, _) = planned_events::list_visible(&state.db, visibility, &filter, page).await?;
    let language = auth.user.settings.language;
    Ok(records
        .into_iter()
        .map(|r| {
            let title = crate::calendar_feed::type_label(r.event.plan.event_type, language);
            let event = crate::planned_events::dto(r, &auth.user);
            NextVisit {
                id: event.id,
                when: event.when,
                title: title.to_owned(),
                product_name: event
                    .installed_product
                    .custom_name
                    .filter(|n| !n.trim().is_empty())
                    .unwrap_or(event.installed_product.description),
                product_number: event.installed_product.number,
                note: status_note(event.status, language).map(str::to_owned),
            }
        })
        .collect())
}
