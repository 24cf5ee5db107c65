//! One attempt at a user's secret (password, current password or second
//! factor) under the account lockout. The attempt takes a slot before the
//! secret is checked (`persistence::repositories::login_attempts`): a burst
//! of concurrent guesses, from one process or several, gets at most the
//! threshold judged, and right passwords checked at the same moment wait
//! for a slot rather than count as failures.

use crate::error::ApiError;
use crate::identity::client::ClientAddress;
use crate::identity::passwords;
use crate::identity::security;
use crate::notifications;
use crate::state::AppState;
use api_types::FieldErrorCode;
use domain::{SecurityEvent, User};
use persistence::repositories::login_attempts::{self, Reservation};
use persistence::repositories::users;
use std::time::Duration;

/// How long an attempt waits for a slot while others are being checked
/// (each takes one password hash, tens of milliseconds).
const WAIT_FOR_SLOT: Duration = Duration::from_secs(5);
const RETRY_EVERY: Duration = Duration::from_millis(20);

#[must_use = "an attempt is judged: wrong, passed or released"]
pub struct Attempt<'a> {
    state: &'a AppState,
    user: &'a User,
}

impl<'a> Attempt<'a> {
    /// None while the account is locked (or stays busy past the wait): the
    /// caller answers as for a wrong secret without checking it.
    pub async fn reserve(state: &'a AppState, user: &'a User) -> Result<Option<Self>, ApiError> {
        let deadline = tokio::time::Instant::now() + WAIT_FOR_SLOT;
        loop {
            let now = state.clock.now();
            match login_attempts::reserve(&state.db, user.id, now).await? {
                Reservation::Granted => return Ok(Some(Self { state, user })),
                Reservation::Locked => return Ok(None),
                Reservation::Busy if tokio::time::Instant::now() >= deadline => return Ok(None),
                Reservation::Busy => tokio::time::sleep(RETRY_EVERY).await,
            }
        }
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
        // The count and its log entry together: neither without the other.
        let locked_until = state
            .db
            .transaction(async |txn| {
                let locked_until = login_attempts::wrong(txn, user.id, now).await?;
                let entry = security::about(event, user, now)
                    .details(serde_json::json!({ "reason": reason }));
                security::record(state, txn, entry, client).await?;
                Ok::<_, ApiError>(locked_until)
            })
            .await?;
        let Some(until) = locked_until else {
            tracing::info!(event = event.as_str(), user_id = %user.id, reason, "login refused");
            return Ok(());
        };
        tracing::warn!(event = "account_locked", user_id = %user.id, %until, "account locked after repeated failed logins");
        state.metrics.lockout();
        state
            .db
            .transaction(async |txn| {
                notifications::queue_lockout_email(txn, user, until, now).await?;
                let entry = security::about(SecurityEvent::AccountLocked, user, now)
                    .details(serde_json::json!({ "locked_until": until }));
                security::record(state, txn, entry, client).await?;
                Ok::<_, ApiError>(())
            })
            .await?;
        security::note_lockout(state, client, user).await
    }

    /// Every secret was right and the user is in: count and lock go.
    pub async fn passed(self) -> Result<(), ApiError> {
        Ok(login_attempts::passed(&self.state.db, self.user.id).await?)
    }

    /// The secret was right but proves nothing on its own (a second factor
    /// is due, or it only confirmed a change): the attempt stops counting,
    /// earlier failures still count.
    pub async fn release(self) -> Result<(), ApiError> {
        Ok(login_attempts::release(&self.state.db, self.user.id).await?)
    }
}

/// Checks a signed-in user's password before a change, under the account
/// lockout like a login: a wrong one counts, and a locked account is
/// refused as if it were wrong (422 `wrong_password` on `field`).
pub async fn confirm_password(
    state: &AppState,
    user: &User,
    password: &str,
    client: &ClientAddress,
    field: &str,
    wrong: &str,
) -> Result<(), ApiError> {
    let attempt = Attempt::reserve(state, user).await?;
    let stored = match attempt {
        Some(_) => users::password_hash(&state.db, user.id).await?,
        None => None,
    };
    let matches = state
        .passwords
        .verify(stored.as_deref(), password)
        .await
        .map_err(ApiError::internal)?;
    match attempt {
        Some(attempt) if matches => return attempt.release().await,
        Some(attempt) => {
            attempt
                .wrong(client, SecurityEvent::LoginFailed, "wrong_current_password")
                .await?
        }
        None => {}
    }
    Err(ApiError::Validation(vec![passwords::field_error(
        field,
        FieldErrorCode::WrongPassword,
        wrong,
    )]))
}
