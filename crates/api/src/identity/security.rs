//! Writing the security log, and the per-address login limit and lockout
//! burst report it makes possible.

use crate::error::ApiError;
use crate::identity::client::ClientAddress;
use crate::state::AppState;
use chrono::{DateTime, Duration, Utc};
use domain::{SecurityEvent, User};
use persistence::repositories::address_attempts::{self, AddressAttempt};
use persistence::repositories::security_log::{self, ChainKey, NewSecurityEntry};
use persistence::Conn;

/// The window of the per-address limit and of the burst check.
pub const ADDRESS_WINDOW_MINUTES: i64 = 15;
/// Lockouts caused from one address within the window that make a burst.
pub const BURST_LOCKOUTS: u64 = 3;

/// An entry about `user` (their parent account, so their Manager sees it).
pub fn about(event: SecurityEvent, user: &User, at: DateTime<Utc>) -> NewSecurityEntry {
    NewSecurityEntry::new(event, at)
        .user(user.id)
        .parent_account(user.parent_account_id)
}

pub async fn record(
    state: &AppState,
    db: &impl Conn,
    mut entry: NewSecurityEntry,
    client: &ClientAddress,
) -> Result<(), ApiError> {
    entry.client_address = client.0.clone();
    security_log::append(db, &entry, &state.chain_key).await?;
    Ok(())
}

/// The security log chain's HMAC key: derived from the data key, which is
/// kept outside the database.
pub fn chain_key(data_key: &[u8]) -> ChainKey {
    let key = ring::hmac::Key::new(ring::hmac::HMAC_SHA256, data_key);
    ChainKey::new(ring::hmac::sign(&key, b"csportal security log chain v1").as_ref())
}

/// How many `event`s `client`'s address caused in the per-address window;
/// None when the address is not known.
pub async fn recent_from(
    state: &AppState,
    client: &ClientAddress,
    event: SecurityEvent,
) -> Result<Option<u64>, ApiError> {
    let Some(address) = client.as_deref() else {
        return Ok(None);
    };
    let since = state.clock.now() - Duration::minutes(ADDRESS_WINDOW_MINUTES);
    let count = security_log::count_from_address(&state.db, address, &[event], since).await?;
    Ok(Some(count))
}

/// Counts a login attempt from `client` before its password is checked,
/// and refuses it (429) when the address failed too often lately. Keep the
/// attempt when the password is wrong; [`forget_address_attempt`] it when
/// it was right.
pub async fn reserve_address(
    state: &AppState,
    client: &ClientAddress,
) -> Result<Option<AddressAttempt>, ApiError> {
    let Some(address) = client.as_deref() else {
        return Ok(None);
    };
    let now = state.clock.now();
    let since = now - Duration::minutes(ADDRESS_WINDOW_MINUTES);
    let (attempt, attempts) = address_attempts::reserve(&state.db, address, now, since).await?;
    if attempts > state.config.login_failures_per_address {
        address_attempts::forget(&state.db, attempt).await?;
        tracing::warn!(event = "address_throttled", %address, attempts, "login refused: too many failures from this address");
        return Err(ApiError::TooManyRequests {
            retry_after: (ADDRESS_WINDOW_MINUTES * 60) as u64,
        });
    }
    Ok(Some(attempt))
}

/// The attempt's password was right: it does not count against the address.
pub async fn forget_address_attempt(
    state: &AppState,
    attempt: Option<AddressAttempt>,
) -> Result<(), ApiError> {
    if let Some(attempt) = attempt {
        address_attempts::forget(&state.db, attempt).await?;
    }
    Ok(())
}

/// After a failed login from `client`: records the crossing of the
/// per-address limit once.
pub async fn note_failure(state: &AppState, client: &ClientAddress) -> Result<(), ApiError> {
    let Some(address) = client.as_deref() else {
        return Ok(());
    };
    let now = state.clock.now();
    let failures = security_log::count_from_address(
        &state.db,
        address,
        &[SecurityEvent::LoginFailed],
        now - Duration::minutes(ADDRESS_WINDOW_MINUTES),
    )
    .await?;
    if failures == state.config.login_failures_per_address {
        let entry = NewSecurityEntry::new(SecurityEvent::AddressThrottled, now).details(
            serde_json::json!({ "failed_logins": failures, "window_minutes": ADDRESS_WINDOW_MINUTES }),
        );
        record(state, &state.db, entry, client).await?;
    }
    Ok(())
}

/// After a lockout caused from `client`: several lockouts from one address
/// in the window are one attacker walking a user list. Logged as an error
/// (for alerting) and as a `lockout_burst` entry the Manager of the locked
/// user's parent account and the Admins see.
pub async fn note_lockout(
    state: &AppState,
    client: &ClientAddress,
    locked: &User,
) -> Result<(), ApiError> {
    let Some(address) = client.as_deref() else {
        return Ok(());
    };
    let now = state.clock.now();
    let lockouts = security_log::count_from_address(
        &state.db,
        address,
        &[SecurityEvent::AccountLocked],
        now - Duration::minutes(ADDRESS_WINDOW_MINUTES),
    )
    .await?;
    if lockouts >= BURST_LOCKOUTS {
        tracing::error!(event = "lockout_burst", %address, lockouts, "several accounts locked from one address");
        // About the parent account, not the one user.
        let entry = NewSecurityEntry::new(SecurityEvent::LockoutBurst, now)
            .parent_account(locked.parent_account_id)
            .details(serde_json::json!({ "lockouts": lockouts, "window_minutes": ADDRESS_WINDOW_MINUTES }));
        record(state, &state.db, entry, client).await?;
    }
    Ok(())
}
