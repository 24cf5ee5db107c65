//! Login, refresh and logout: the orchestration between the password hasher,
//! the token keys and the stores.

use crate::auth::tokens::{hash_refresh_token, new_refresh_token};
use crate::error::ApiError;
use crate::notifications;
use crate::state::AppState;
use domain::account_security::FailureOutcome;
use domain::{User, Username};
use persistence::repositories::{refresh_tokens, users};
use persistence::TransactionTrait;
use uuid::Uuid;

#[derive(Debug, Clone)]
pub struct IssuedTokens {
    pub access_token: String,
    pub expires_in: i64,
    pub refresh_token: String,
}

async fn issue(
    state: &AppState,
    user: &User,
    family_id: Uuid,
    db: &impl persistence::ConnectionTrait,
) -> Result<IssuedTokens, ApiError> {
    let now = state.clock.now();
    let refresh_token = new_refresh_token();
    let refresh_ttl =
        chrono::Duration::from_std(state.config.refresh_token_ttl).map_err(ApiError::internal)?;
    refresh_tokens::insert(
        db,
        refresh_tokens::NewRefreshToken {
            user_id: user.id,
            family_id,
            token_hash: &hash_refresh_token(&refresh_token),
            issued_at: now,
            expires_at: now + refresh_ttl,
        },
    )
    .await?;
    let access_token = state
        .tokens
        .issue_access(user.id.as_uuid(), family_id, now)
        .map_err(ApiError::internal)?;
    Ok(IssuedTokens {
        access_token,
        expires_in: state.tokens.access_ttl_seconds(),
        refresh_token,
    })
}

/// Checks the password (same time and answer for unknown users) and opens a session.
pub async fn login(
    state: &AppState,
    username: &str,
    password: &str,
) -> Result<IssuedTokens, ApiError> {
    let found = match Username::parse(username) {
        Ok(name) => users::find_by_username(&state.db, &name).await?,
        Err(_) => None,
    };
    let matches = state
        .passwords
        .verify(found.as_ref().map(|f| f.password_hash.as_str()), password)
        .await
        .map_err(ApiError::internal)?;
    let now = state.clock.now();
    let Some(found) = found else {
        tracing::info!(event = "login_failed", "login refused: unknown user name");
        return Err(ApiError::InvalidCredentials);
    };
    // A locked account answers exactly like a wrong password: a stranger
    // learns nothing, and the owner has the email.
    if let Some(until) = found.throttle.locked_at(now) {
        tracing::warn!(event = "login_locked", user_id = %found.user.id, %until, "login refused: account locked");
        return Err(ApiError::InvalidCredentials);
    }
    if !matches {
        let outcome = users::record_failed_login(&state.db, found.user.id, now).await?;
        if let FailureOutcome::LockedNow { until } = outcome {
            tracing::warn!(event = "account_locked", user_id = %found.user.id, %until, "account locked after repeated failed logins");
            notifications::queue_lockout_email(&state.db, &found.user, until, now).await?;
        } else {
            tracing::info!(event = "login_failed", user_id = %found.user.id, "login refused: wrong password");
        }
        return Err(ApiError::InvalidCredentials);
    }
    if !found.user.active {
        tracing::info!(event = "login_failed", user_id = %found.user.id, "login refused: inactive");
        return Err(ApiError::InvalidCredentials);
    }
    let user = found.user;
    let txn = state
        .db
        .begin()
        .await
        .map_err(persistence::StoreError::from)?;
    let tokens = issue(state, &user, Uuid::new_v4(), &txn).await?;
    users::record_login(&txn, user.id, now).await?;
    txn.commit().await.map_err(persistence::StoreError::from)?;
    tracing::info!(event = "login", user_id = %user.id, "login succeeded");
    Ok(tokens)
}

/// Spends a refresh token and issues a new pair in the same session. A token
/// spent twice means it was stolen or replayed: the whole session is revoked.
pub async fn refresh(state: &AppState, refresh_token: &str) -> Result<IssuedTokens, ApiError> {
    let now = state.clock.now();
    let stored = refresh_tokens::find_by_hash(&state.db, &hash_refresh_token(refresh_token))
        .await?
        .ok_or(ApiError::InvalidToken)?;
    if stored.revoked_at.is_some() || stored.expires_at <= now {
        return Err(ApiError::InvalidToken);
    }
    if stored.used_at.is_some() {
        refresh_tokens::revoke_family(&state.db, stored.family_id, now).await?;
        tracing::warn!(event = "refresh_token_reuse", user_id = %stored.user_id, "refresh token reused; session revoked");
        return Err(ApiError::InvalidToken);
    }
    let user = users::find_by_id(&state.db, stored.user_id)
        .await?
        .filter(|u| u.active && stored.issued_at >= u.sessions_valid_after)
        .ok_or(ApiError::InvalidToken)?;
    let txn = state
        .db
        .begin()
        .await
        .map_err(persistence::StoreError::from)?;
    if !refresh_tokens::mark_used(&txn, stored.id, now).await? {
        // Another request spent it a moment ago.
        return Err(ApiError::InvalidToken);
    }
    let tokens = issue(state, &user, stored.family_id, &txn).await?;
    txn.commit().await.map_err(persistence::StoreError::from)?;
    Ok(tokens)
}

/// Ends the caller's session: its refresh tokens are revoked, and its access
/// tokens stop working at once (the extractor checks the session).
pub async fn logout(state: &AppState, session_id: Uuid) -> Result<(), ApiError> {
    refresh_tokens::revoke_family(&state.db, session_id, state.clock.now()).await?;
    Ok(())
}
