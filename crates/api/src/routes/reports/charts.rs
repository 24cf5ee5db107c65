use crate::auth::AuthUser;
use crate::error::ApiError;
use crate::routes::convert::today;
use crate::routes::{AppData, Reply};
use crate::wire::ToWire;
use actix_web::{get, web, HttpResponse};
use api_types::{CasesInMonth, ExpiryCounts, ModalityUptime, ReportChartsResponse};
use chrono::Duration;
use domain::report::charts::{by_priority, month_bounds, uptime_by};
use domain::report::start_of_day;
use domain::Modality;
use persistence::repositories::accounts::AccountVisibility;
use persistence::repositories::contracts;
use persistence::repositories::reports::charts;
use serde::Deserialize;

#[derive(Debug, Deserialize, utoipa::IntoParams)]
#[into_params(parameter_in = Query)]
#[serde(deny_unknown_fields)]
pub struct ChartQuery {
    /// Months of cases, the current one last: 1 to 36; default 12.
    #[param(minimum = 1, maximum = 36)]
    pub months: Option<u32>,
    /// Days of uptime up to now: 1 to 366; default 90.
    #[param(minimum = 1, maximum = 366)]
    pub uptime_days: Option<u32>,
}

/// The figures of the charts over the caller's data: cases opened per month
/// (months in the caller's zone) by priority, uptime by modality (the share
/// of time without an open priority 2 or 3 case), contracts by expiry colour.
#[utoipa::path(
    params(ChartQuery),
    responses(
        (status = 200, body = ReportChartsResponse),
        (status = 400, description = "`months` or `uptime_days` out of range"),
    )
)]
#[get("/reports/charts")]
pub async fn report_charts(state: AppData, auth: AuthUser, query: web::Query<ChartQuery>) -> Reply {
    let months = query.months.unwrap_or(12);
    let days = query.uptime_days.unwrap_or(90);
    if !(1..=36).contains(&months) || !(1..=366).contains(&days) {
        return Err(ApiError::InvalidQuery(
            "months is 1 to 36, uptime_days 1 to 366".into(),
        ));
    }
    let visibility = AccountVisibility::of(&auth.user);
    let today = today(&state, &auth);
    let zone = auth.user.settings.time_zone.tz();
    let firsts = month_bounds(today, months);
    let bounds: Vec<_> = firsts.iter().map(|d| start_of_day(*d, zone)).collect();
    let counted = charts::cases_per_window(&state.db, visibility, &bounds).await?;
    let per_month = firsts
        .iter()
        .zip(by_priority(months as usize, &counted))
        .map(|(first, by_priority)| CasesInMonth {
            month: first.format("%Y-%m").to_string(),
            by_priority,
        })
        .collect();

    let to = state.clock.now();
    let from = to - Duration::days(i64::from(days));
    // Stored modality names, typed; an unknown one is left out.
    let products: Vec<(Modality, u64)> = charts::products_per_modality(&state.db, visibility)
        .await?
        .into_iter()
        .filter_map(|(modality, count)| Some((modality.parse().ok()?, count)))
        .collect();
    let outages: Vec<_> = charts::outages(&state.db, visibility, from, to)
        .await?
        .into_iter()
        .filter_map(|(product, modality, opened, closed)| {
            Some((product, modality.parse::<Modality>().ok()?, opened, closed))
        })
        .collect();
    let uptime_by_modality = uptime_by(from, to, &products, &outages)
        .into_iter()
        .map(|(modality, products, uptime)| ModalityUptime {
            modality: modality.to_wire(),
            products,
            uptime,
        })
        .collect();

    let [green, yellow, red, expired] =
        contracts::expiry_counts(&state.db, visibility, today).await?;
    Ok(HttpResponse::Ok().json(ReportChartsResponse {
        cases_per_month: per_month,
        uptime_by_modality,
        uptime_from: from,
        uptime_to: to,
        contracts_by_expiry: ExpiryCounts {
            green,
            yellow,
            red,
            expired,
        },
    }))
}
