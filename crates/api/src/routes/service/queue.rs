use crate::auth::AuthUser;
use crate::error::ApiError;
use crate::routes::{answers, AppData, Reply};
use crate::wire::ToDomain;
use actix_web::{get, web, HttpResponse};
use api_types::{AccountRef, EngineerDto, QueueCaseDto, QueuePage, QueueQuery};
use domain::{authorize, AccountId, Action, CountryCode, Priority, ResponseClock, Target, UserId};
use persistence::repositories::accounts::AccountVisibility;
use persistence::repositories::cases::{self, Assignee, CaseFilter, CaseRow, CaseSort, History};

/// Open cases of every parent account, most urgent first and then the
/// longest waiting, each with how long its customer has waited for an
/// answer against the response target of its priority (service side
/// only). The page is meant to be fetched again every few seconds.
#[utoipa::path(
    params(QueueQuery),
    responses(
        (status = 200, body = QueuePage),
        answers::ServiceOnly,
    )
)]
#[get("/service/queue")]
pub async fn service_queue(state: AppData, auth: AuthUser, query: web::Query<QueueQuery>) -> Reply {
    let principal = auth.principal(&state.db).await?;
    authorize(&principal, Action::WorkCaseQueue, Target::Portal).map_err(ApiError::from)?;
    let q = query.into_inner();
    let page = crate::wire::page_request(q.page, q.page_size)?;
    let invalid = |what: String| ApiError::InvalidQuery(what);
    let priority = q
        .priority
        .map(|p| Priority::new(i64::from(p)))
        .transpose()
        .map_err(|e| invalid(format!("priority: {e}")))?;
    let country = q
        .country
        .map(|c| CountryCode::parse(&c).map_err(|_| invalid(format!("country: {c:?}"))))
        .transpose()?;
    let assignee = match (q.assignee, q.unassigned) {
        (Some(_), Some(true)) => {
            return Err(invalid(
                "assignee and unassigned=true exclude each other".into(),
            ))
        }
        (Some(engineer), _) => Some(Assignee::Engineer(UserId::from_uuid(engineer))),
        (None, Some(true)) => Some(Assignee::Nobody),
        (None, _) => None,
    };
    let now = state.clock.now();
    let filter = CaseFilter {
        status: q.status.map(ToDomain::to_domain),
        open: Some(true),
        priority,
        modality: q.modality.map(ToDomain::to_domain),
        created_before: q
            .older_than_hours
            .map(|h| now - chrono::Duration::hours(i64::from(h))),
        history: History::Include,
        assignee,
        parent_account: q.parent_account.map(AccountId::from_uuid),
        country: country.map(|c| c.as_str().to_owned()),
        waiting_for_customer: q.waiting_for_customer,
        ..CaseFilter::default()
    };
    let (rows, total, _) = cases::list_visible(
        &state.db,
        AccountVisibility::All,
        &filter,
        CaseSort::Queue,
        false,
        page,
    )
    .await?;
    let items = rows
        .iter()
        .map(|row| queue_row(&state, row, now))
        .collect::<Result<_, _>>()?;
    Ok(HttpResponse::Ok().json(QueuePage {
        items,
        paging: crate::wire::page_info(page, total),
    }))
}

fn queue_row(
    state: &crate::state::AppState,
    row: &CaseRow,
    now: chrono::DateTime<chrono::Utc>,
) -> Result<QueueCaseDto, ApiError> {
    let c = &row.case;
    let targets = &state.config.response_targets;
    let clock = ResponseClock::of(targets, c.priority, c.awaiting_response_since, now);
    let minutes = |d: chrono::Duration| u32::try_from(d.num_minutes()).unwrap_or(u32::MAX);
    Ok(QueueCaseDto {
        summary: crate::routes::cases::summary(row)?,
        parent_account: AccountRef {
            id: row.parent_account.as_uuid(),
            name: row.parent_account_name.clone(),
        },
        assigned_engineer: c.assigned_to.zip(row.assignee_name.clone()).map(
            |(id, display_name)| EngineerDto {
                id: id.as_uuid(),
                display_name,
            },
        ),
        waiting_for_customer: c.waiting_for_customer,
        awaiting_response_since: c.awaiting_response_since,
        response_target_minutes: minutes(targets.for_priority(c.priority)),
        waited_minutes: clock.map(|c| minutes(c.waited)),
        target_missed: clock.is_some_and(|c| c.missed()),
    })
}
