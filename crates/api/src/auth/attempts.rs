//! One attempt at a user's secret (password, current password or second
//! factor) under the account lockout. The attempt is reserved, counted as a
//! failure, before the secret is checked
//! (`persistence::repositories::login_attempts`): a burst of concurrent
//! guesses, from one process or several, gets at most the threshold judged.

use crate::error::ApiError;
use crate::identity::client::ClientAddress;
use crate::identity::security;
use crate::notifications;
use crate::state::AppState;
use domain::{SecurityEvent, User};
use persistence::repositories::login_attempts::{self, Reserved};

#[must_use = "an attempt is judged: wrong, passed or released"]
pub struct Attempt<'a> {
    state: &'a AppState,
    user: &'a User,
    reserved: Reserved,
}

impl<'a> Attempt<'a> {
    /// None while the account is locked: the caller answers as for a wrong
    /// secret without checking it.
    pub async fn reserve(state: &'a AppState, user: &'a User) -> Result<Option<Self>, ApiError> {
        let now = state.clock.now();
        Ok(login_attempts::reserve(&state.db, user.id, now)
            .await?
            .map(|reserved| Self {
                state,
                user,
                reserved,
            }))
    }

    /// A wrong secret: logged; the attempt that reached the threshold (and
    /// set the lock) emails the owner and reports bursts, once.
    pub async fn wrong(
        self,
        client: &ClientAddress,
        event: SecurityEvent,
        reason: &str,
    ) -> Result<(), ApiError> {
        let (state, user) = (self.state, self.user);
        let now = state.clock.now();
        let entry =
            security::about(event, user, now).details(serde_json::json!({ "reason": reason }));
        security::record(&state.db, entry, client).await?;
        let Some(until) = self.reserved.locks_until else {
            tracing::info!(event = event.as_str(), user_id = %user.id, reason, "login refused");
            return Ok(());
        };
        tracing::warn!(event = "account_locked", user_id = %user.id, %until, "account locked after repeated failed logins");
        state
            .db
            .transaction(async |txn| {
                notifications::queue_lockout_email(txn, user, until, now).await?;
                let entry = security::about(SecurityEvent::AccountLocked, user, now)
                    .details(serde_json::json!({ "locked_until": until }));
                security::record(txn, entry, client).await?;
                Ok::<_, ApiError>(())
            })
            .await?;
        security::note_lockout(state, client, user).await
    }

    /// Every secret was right and the user is in: count and lock go.
    pub async fn passed(self) -> Result<(), ApiError> {
        Ok(login_attempts::clear(&self.state.db, self.user.id).await?)
    }

    /// The secret was right but proves nothing on its own (a second factor
    /// is due, or it only confirmed a change): the attempt stops counting,
    /// earlier failures still count.
    pub async fn release(self) -> Result<(), ApiError> {
        Ok(login_attempts::release(&self.state.db, self.user.id, self.reserved).await?)
    }
}
