use crate::auth::AuthUser;
use crate::error::ApiError;
use crate::routes::answers;
use crate::routes::{AppData, Reply};
use actix_web::{get, web, HttpResponse};
use api_types::{SecurityLogEntryDto, SecurityLogPage, SecurityLogQuery};
use domain::{acting_parent, authorize, AccountId, Action, SecurityEvent, Target, UserId};
use persistence::repositories::security_log::{self, SecurityLogFilter};
use persistence::repositories::users;
use std::collections::{BTreeSet, HashMap};

/// Security events, newest first: logins, failures, lockouts, resets, role
/// and assignment changes, with client address and time. Managers see
/// their parent account's; Admins all.
#[utoipa::path(
    params(SecurityLogQuery),
    responses(
        (status = 200, body = SecurityLogPage),
        answers::ManagersAndAdminsOnly,
    )
)]
#[get("/security-log")]
pub async fn list_security_log(
    state: AppData,
    auth: AuthUser,
    query: web::Query<SecurityLogQuery>,
) -> Reply {
    let principal = auth.principal(&state.db).await?;
    let parent = acting_parent(
        auth.user.role,
        auth.user.parent_account_id,
        query.parent_account.map(AccountId::from_uuid),
    )
    .map_err(|_| ApiError::Forbidden)?;
    let target = parent.map_or(Target::Portal, Target::ParentAccount);
    authorize(&principal, Action::ManageUsers, target)?;
    let event = match query.event.as_deref().filter(|e| !e.is_empty()) {
        Some(code) => Some(
            code.parse::<SecurityEvent>()
                .map_err(|_| ApiError::InvalidQuery(format!("event: unknown event {code:?}")))?,
        ),
        None => None,
    };
    let page = crate::wire::page_request(query.page, query.page_size)?;
    let filter = SecurityLogFilter {
        parent_account: parent,
        event,
        user: query.user.map(UserId::from_uuid),
    };
    let (rows, total) =
        security_log::page(&state.db, &filter, page.page.into(), page.page_size.into()).await?;
    let ids: BTreeSet<UserId> = rows
        .iter()
        .flat_map(|r| [r.user, r.actor])
        .flatten()
        .collect();
    let mut names: HashMap<UserId, String> = HashMap::new();
    for id in ids {
        if let Some(u) = users::find_by_id(&state.db, id).await? {
            names.insert(id, u.username.as_str().to_owned());
        }
    }
    let items = rows
        .into_iter()
        .map(|r| SecurityLogEntryDto {
            seq: r.seq,
            occurred_at: r.occurred_at,
            username: r.user.and_then(|id| names.get(&id).cloned()),
            actor_username: r.actor.and_then(|id| names.get(&id).cloned()),
            event: r.event,
            user_id: r.user.map(|u| u.as_uuid()),
            actor_id: r.actor.map(|u| u.as_uuid()),
            client_address: r.client_address,
            details: r.details,
        })
        .collect();
    Ok(HttpResponse::Ok().json(SecurityLogPage {
        items,
        paging: crate::wire::page_info(page, total),
    }))
}
