use crate::auth::AuthUser;
use crate::error::ApiError;
use crate::routes::{AppData, Reply};
use crate::wire::ToWire;
use actix_web::{get, web, HttpResponse};
use api_types::{SearchHitDto, SearchResponse};
use domain::search::{rank_key, SearchTerm, TermProblem, MAX_QUERY, MIN_QUERY};
use persistence::repositories::accounts::AccountVisibility;
use persistence::repositories::search;
use serde::Deserialize;

const DEFAULT_LIMIT: u64 = 20;
const MAX_LIMIT: u64 = 50;

#[derive(Debug, Deserialize, utoipa::IntoParams)]
#[into_params(parameter_in = Query)]
#[serde(deny_unknown_fields)]
pub struct SearchQuery {
    /// 2 to 100 characters; every word must appear (any case) in a hit's
    /// numbers, serials, title or description.
    #[param(min_length = 2, max_length = 100)]
    pub q: String,
    /// Hits at most, 1 to 50; default 20.
    #[param(minimum = 1, maximum = 50)]
    pub limit: Option<u64>,
}

/// Finds cases, installed products, contracts and warranties the caller
/// sees (the service organisation: in every parent account) by numbers,
/// serial numbers in part or whole, and words of titles and descriptions.
/// A number equal to the query ranks first, then one starting with it,
/// then one holding it; a case is also found by its product's serial.
#[utoipa::path(
    params(SearchQuery),
    responses(
        (status = 200, body = SearchResponse),
        (status = 400, description = "`q` shorter than 2 or longer than 100 characters, or `limit` out of range"),
    )
)]
#[get("/search")]
pub async fn search_everything(
    state: AppData,
    auth: AuthUser,
    query: web::Query<SearchQuery>,
) -> Reply {
    let limit = query.limit.unwrap_or(DEFAULT_LIMIT);
    if !(1..=MAX_LIMIT).contains(&limit) {
        return Err(ApiError::InvalidQuery(format!("limit is 1 to {MAX_LIMIT}")));
    }
    let term = SearchTerm::parse(&query.q).map_err(|problem| {
        ApiError::InvalidQuery(match problem {
            TermProblem::TooShort => format!("q: at least {MIN_QUERY} characters"),
            TermProblem::TooLong => format!("q: at most {MAX_QUERY} characters"),
        })
    })?;
    let visibility = AccountVisibility::of(&auth.user);
    let mut hits = search::search(&state.db, visibility, &term, limit).await?;
    hits.sort_by_key(|h| rank_key(h.number_match, h.kind, h.when));
    hits.truncate(limit as usize);
    let items = hits
        .into_iter()
        .map(|h| SearchHitDto {
            kind: h.kind.to_wire(),
            id: h.id,
            number: h.number,
            title: h.title,
            detail: h.detail,
            at: h.when,
            end_date: h.end_date,
            number_match: h.number_match.to_wire(),
        })
        .collect();
    Ok(HttpResponse::Ok().json(SearchResponse { items }))
}
