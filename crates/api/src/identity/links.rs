//! Activation and reset links: random, stored hashed, single use, 24 hours.

use crate::auth::tokens::{
    hash_refresh_token as sha256_hex, new_refresh_token as new_random_token,
};
use crate::error::ApiError;
use crate::identity::client::ClientAddress;
use crate::identity::{passwords, security};
use crate::notifications::{self, LinkEmail};
use crate::state::AppState;
use chrono::{DateTime, Duration, Utc};
use domain::account_security::{link_valid, LINK_VALID_HOURS, PASSWORD_HISTORY};
use domain::{SecurityEvent, User};
use persistence::repositories::security_log::NewSecurityEntry;
use persistence::repositories::user_tokens::{self, LinkPurpose, StoredLink};
use persistence::repositories::{password_history, refresh_tokens, users};
use persistence::Conn;

/// Reset requests one address may make in the window; more are dropped
/// silently (the answer stays the same), so nobody floods an inbox.
const RESET_REQUESTS_PER_ADDRESS: u64 = 10;

/// A new single-use link for `user`, stored hashed: the raw token and its
/// end are returned once, to be mailed or printed.
pub async fn issue(
    state: &AppState,
    db: &impl Conn,
    user: &User,
    purpose: LinkPurpose,
) -> Result<(String, DateTime<Utc>), ApiError> {
    let now = state.clock.now();
    let token = new_random_token();
    let expires_at = now + Duration::hours(LINK_VALID_HOURS);
    user_tokens::issue(db, user.id, purpose, &sha256_hex(&token), now, expires_at).await?;
    Ok((token, expires_at))
}

/// Issues a link for `user` and queues its email (in `db`'s transaction).
pub async fn send_link(
    state: &AppState,
    db: &impl Conn,
    user: &User,
    purpose: LinkPurpose,
) -> Result<(), ApiError> {
    let now = state.clock.now();
    let (token, expires_at) = issue(state, db, user, purpose).await?;
    let kind = match purpose {
        LinkPurpose::Activation => LinkEmail::Activation,
        LinkPurpose::Reset => LinkEmail::Reset,
    };
    notifications::queue_link_email(
        db,
        user,
        kind,
        &token,
        expires_at,
        now,
        &state.config.public_url,
    )
    .await?;
    Ok(())
}

/// Sends a reset link to every active account with this address; answers
/// nothing either way.
pub async fn request_reset(
    state: &AppState,
    email: &str,
    client: &ClientAddress,
) -> Result<(), ApiError> {
    let now = state.clock.now();
    let recent =
        security::recent_from(state, client, SecurityEvent::PasswordResetRequested).await?;
    if recent.is_some_and(|n| n >= RESET_REQUESTS_PER_ADDRESS) {
        tracing::warn!(event = "reset_throttled", address = ?client.0, "password reset request dropped");
        return Ok(());
    }
    let found = users::find_reachable_by_email(&state.db, email).await?;
    state
        .db
        .transaction(async |txn| {
            if found.is_empty() {
                // Logged too, so requests for unknown addresses count against the limit.
                security::record(
                    state,
                    txn,
                    NewSecurityEntry::new(SecurityEvent::PasswordResetRequested, now),
                    client,
                )
                .await?;
            }
            for user in &found {
                let purpose = if users::login_facts(txn, user.id)
                    .await?
                    .is_some_and(|f| f.pending_activation)
                {
                    LinkPurpose::Activation
                } else {
                    LinkPurpose::Reset
                };
                send_link(state, txn, user, purpose).await?;
                security::record(
                    state,
                    txn,
                    security::about(SecurityEvent::PasswordResetRequested, user, now),
                    client,
                )
                .await?;
            }
            Ok::<_, ApiError>(())
        })
        .await?;
    Ok(())
}

/// The link and its user, if it can still be used.
pub async fn check(state: &AppState, token: &str) -> Result<(StoredLink, User), ApiError> {
    let now = state.clock.now();
    let link = user_tokens::find_by_hash(&state.db, &sha256_hex(token.trim()))
        .await?
        .ok_or(ApiError::LinkInvalid)?;
    if link.used_at.is_some() {
        return Err(ApiError::LinkUsed);
    }
    if !link_valid(link.created_at, now) {
        return Err(ApiError::LinkExpired);
    }
    let user = users::find_by_id(&state.db, link.user_id)
        .await?
        .ok_or(ApiError::LinkInvalid)?;
    Ok((link, user))
}

/// Sets the password with a link: activates, lifts a lock, ends sessions.
pub async fn set_password(
    state: &AppState,
    token: &str,
    new_password: &str,
    client: &ClientAddress,
) -> Result<(), ApiError> {
    let (link, user) = check(state, token).await?;
    let hash =
        passwords::accept_new_password(state, &state.db, user.id, new_password, "new_password")
            .await?;
    let now = state.clock.now();
    let event = match link.purpose {
        LinkPurpose::Activation => SecurityEvent::AccountActivated,
        LinkPurpose::Reset => SecurityEvent::PasswordReset,
    };
    state
        .db
        .transaction(async |txn| {
            if !user_tokens::spend(txn, link.id, now).await? {
                return Err(ApiError::LinkUsed);
            }
            users::set_password(txn, user.id, &hash, now).await?;
            // Every session ends, also one opened within this same second
            // (the token's time, which the password's stamp is compared
            // with, counts whole seconds).
            refresh_tokens::revoke_all_of_user(txn, user.id, now).await?;
            password_history::push(txn, user.id, &hash, now, PASSWORD_HISTORY as u64).await?;
            security::record(state, txn, security::about(event, &user, now), client).await?;
            Ok::<_, ApiError>(())
        })
        .await?;
    tracing::info!(event = event.as_str(), user_id = %user.id, "password set with a link");
    Ok(())
}
