use crate::auth::AuthUser;
use crate::error::ApiError;
use crate::routes::{AppData, Reply};
use crate::wire::ToDomain;
use actix_web::{get, web, HttpResponse};
use api_types::{CasePage, CaseQuery, CaseSort, SortOrder};
use chrono::{DateTime, Days, NaiveDate, Utc};
use domain::{history_view, AccountId, HistoryView, InstalledProductId, Priority};
use persistence::repositories::accounts::{self, AccountVisibility};
use persistence::repositories::cases::{self, CaseFilter, History};

fn sort(s: CaseSort) -> cases::CaseSort {
    match s {
        CaseSort::CreatedAt => cases::CaseSort::CreatedAt,
        CaseSort::UpdatedAt => cases::CaseSort::UpdatedAt,
        CaseSort::Priority => cases::CaseSort::Priority,
        CaseSort::Status => cases::CaseSort::Status,
        CaseSort::Number => cases::CaseSort::Number,
    }
}

fn start_of(day: NaiveDate) -> Option<DateTime<Utc>> {
    day.and_hms_opt(0, 0, 0).map(|t| t.and_utc())
}

/// The cases the caller sees (logged for a visible location or owner
/// account), newest first unless sorted otherwise. Cases closed before their
/// market's cut-over date are left out, except with `historical=true` (only
/// those) or `installed_product` (all of that product's).
#[utoipa::path(
    params(CaseQuery),
    responses((status = 200, body = CasePage))
)]
#[get("/cases")]
pub async fn list_cases(state: AppData, auth: AuthUser, query: web::Query<CaseQuery>) -> Reply {
    let q = query.into_inner();
    let page = crate::wire::page_request(q.page, q.page_size)?;
    let priority = q
        .priority
        .map(|p| Priority::new(i64::from(p)))
        .transpose()
        .map_err(|e| ApiError::InvalidQuery(format!("priority: {e}")))?;
    if let (Some(from), Some(to)) = (q.created_from, q.created_to) {
        if from > to {
            return Err(ApiError::InvalidQuery(
                "created_from is after created_to".into(),
            ));
        }
    }
    let markets = &state.config.markets;
    let cutovers: Vec<(String, NaiveDate)> = markets
        .cutovers()
        .map(|(country, day)| (country.to_owned(), day))
        .collect();
    let history = match history_view(q.historical, q.installed_product.is_some()) {
        HistoryView::Only => History::Only(cutovers),
        HistoryView::Include => History::Include,
        HistoryView::Exclude => History::Exclude(cutovers),
    };
    let filter = CaseFilter {
        created_by: q.mine.unwrap_or(false).then_some(auth.user.id),
        status: q.status.map(ToDomain::to_domain),
        open: q.open,
        priority,
        origin: q.origin.map(ToDomain::to_domain),
        modality: q.modality.map(ToDomain::to_domain),
        account: q.account.map(AccountId::from_uuid),
        installed_product: q.installed_product.map(InstalledProductId::from_uuid),
        created_from: q.created_from.and_then(start_of),
        created_before: q
            .created_to
            .and_then(|d| d.checked_add_days(Days::new(1)))
            .and_then(start_of),
        text: q.q,
        history,
        ..CaseFilter::default()
    };
    let sort_by = q.sort.unwrap_or_default();
    let (rows, total, total_is_lower_bound) = cases::list_visible(
        &state.db,
        AccountVisibility::of(&auth.user),
        &filter,
        sort(sort_by),
        // Times newest first, the rest (priority 1 first) ascending, unless asked.
        q.order.map_or(
            matches!(sort_by, CaseSort::CreatedAt | CaseSort::UpdatedAt),
            |o| o == SortOrder::Desc,
        ),
        page,
    )
    .await?;
    let parent_country = match auth.user.parent_account_id {
        Some(parent) => accounts::find_by_id(&state.db, parent)
            .await?
            .map(|a| a.fields.country.as_str().to_owned()),
        None => None,
    };
    Ok(HttpResponse::Ok().json(CasePage {
        items: rows
            .iter()
            .map(super::summary)
            .collect::<Result<Vec<_>, _>>()?,
        paging: crate::wire::page_info(page, total),
        total_is_lower_bound,
        historical_before: parent_country.and_then(|c| markets.cutover(&c)),
    }))
}
