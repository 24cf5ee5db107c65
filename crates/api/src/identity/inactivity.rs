//! Accounts unused for more than 120 days are deactivated and lose their
//! account assignment; a Manager or portal support reactivates them.

use crate::identity::client::ClientAddress;
use crate::identity::security;
use crate::state::AppState;
use chrono::Duration;
use domain::account_security::{inactive, INACTIVITY_DAYS};
use domain::SecurityEvent;
use persistence::repositories::audit::{self, AuditEntry};
use persistence::repositories::users;

/// One round; answers how many accounts it deactivated. Safe to run in
/// every process at once: the deactivation is a conditional update.
pub async fn deactivate_unused(state: &AppState) -> anyhow::Result<u64> {
    let now = state.clock.now();
    let cutoff = now - Duration::days(INACTIVITY_DAYS);
    let mut done = 0;
    for user in users::inactive_since(&state.db, cutoff).await? {
        // The domain rule decides (day 120 keeps the account, day 121 not);
        // the query only narrowed the candidates.
        let Some(admin) = users::find_admin(&state.db, user.id, None).await? else {
            continue;
        };
        let last_used = [
            Some(admin.created_at),
            admin.last_login_at,
            admin.reactivated_at,
        ]
        .into_iter()
        .flatten()
        .max()
        .unwrap_or(admin.created_at);
        if !inactive(last_used, now) {
            continue;
        }
        let deactivated = state
            .db
            .transaction(async |txn| {
            if !users::deactivate_inactive(txn, user.id, cutoff, now).await? {
                return Ok(false);
            }
            let entry = security::about(SecurityEvent::UserDeactivated, &user, now).details(serde_json::json!({
                "reason": "inactivity",
                "last_used": last_used,
                "accounts_removed": admin.account_ids.iter().map(|a| a.as_uuid()).collect::<Vec<_>>(),
            }));
            security::record(state, txn, entry, &ClientAddress(None))
                .await
                .map_err(|e| anyhow::anyhow!("{e}"))?;
            audit::append(
                txn,
                &AuditEntry::new("user.deactivate.inactivity", "user", user.id, now)
                    .by(None, user.parent_account_id)
                    .old_value(serde_json::json!({ "active": true, "accounts": admin.account_ids.iter().map(|a| a.as_uuid()).collect::<Vec<_>>() }))
                    .new_value(serde_json::json!({ "active": false, "accounts": [] })),
            )
            .await?;
                Ok::<_, anyhow::Error>(true)
            })
            .await?;
        if !deactivated {
            continue;
        }
        tracing::info!(event = "user_deactivated", user_id = %user.id, %last_used, "deactivated after 120 days without use");
        done += 1;
    }
    Ok(done)
}
