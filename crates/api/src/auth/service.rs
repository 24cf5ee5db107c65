//! Login, refresh, logout and password change: the orchestration between
//! the password hasher, the token keys, the stores and the security log.

use crate::auth::attempts::Attempt;
use crate::auth::tokens::{hash_refresh_token, new_refresh_token, Restricted};
use crate::error::ApiError;
use crate::identity::client::ClientAddress;
use crate::identity::{mfa, passwords, security};
use crate::state::AppState;
use chrono::{DateTime, Utc};
use domain::account_security::{password_expired, PASSWORD_HISTORY};
use domain::{SecurityEvent, User, Username};
use persistence::repositories::security_log::NewSecurityEntry;
use persistence::repositories::{password_history, refresh_tokens, users};
use uuid::Uuid;

#[derive(Debug, Clone)]
pub struct IssuedTokens {
    pub access_token: String,
    pub expires_in: i64,
    pub refresh_token: String,
}

/// A new token pair in the session `family_id`, which began at `started`:
/// the refresh token never outlives the session's absolute lifetime.
async fn issue(
    state: &AppState,
    user: &User,
    family_id: Uuid,
    started: DateTime<Utc>,
    db: &impl persistence::Conn,
) -> Result<IssuedTokens, ApiError> {
    let now = state.clock.now();
    let refresh_token = new_refresh_token();
    let refresh_ttl =
        chrono::Duration::from_std(state.config.refresh_token_ttl).map_err(ApiError::internal)?;
    let session_ends = started + session_max_age(state)?;
    refresh_tokens::insert(
        db,
        refresh_tokens::NewRefreshToken {
            user_id: user.id,
            family_id,
            token_hash: &hash_refresh_token(&refresh_token),
            issued_at: now,
            expires_at: (now + refresh_ttl).min(session_ends),
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

fn session_max_age(state: &AppState) -> Result<chrono::Duration, ApiError> {
    chrono::Duration::from_std(state.config.session_max_age).map_err(ApiError::internal)
}

fn with_reason(entry: NewSecurityEntry, reason: &str) -> NewSecurityEntry {
    entry.details(serde_json::json!({ "reason": reason }))
}

/// Checks the password (same time and answer for unknown users and locked
/// accounts) and opens a session. Expired passwords and deactivated
/// accounts are told only after a correct password.
pub async fn login(
    state: &AppState,
    username: &str,
    password: &str,
    mfa_code: Option<&str>,
    client: &ClientAddress,
) -> Result<IssuedTokens, ApiError> {
    let address_attempt = security::reserve_address(state, client).await?;
    let found = match Username::parse(username) {
        Ok(name) => users::find_by_username(&state.db, &name).await?,
        Err(_) => None,
    };
    // Counted before the password is checked, so a burst of guesses cannot
    // all be judged on one count (None: locked).
    let attempt = match &found {
        Some(found) => Attempt::reserve(state, &found.user).await?,
        None => None,
    };
    // Unknown, locked and pending accounts are checked against the dummy
    // hash, so every refusal takes as long as a wrong password.
    let stored_hash = found
        .as_ref()
        .filter(|f| !f.facts.pending_activation && attempt.is_some())
        .map(|f| f.password_hash.as_str());
    let matches = state
        .passwords
        .verify(stored_hash, password)
        .await
        .map_err(ApiError::internal)?;
    let now = state.clock.now();
    let Some(found) = &found else {
        tracing::info!(event = "login_failed", "login refused: unknown user name");
        // No user name in the entry: people type passwords into that field.
        let entry = with_reason(
            NewSecurityEntry::new(SecurityEvent::LoginFailed, now),
            "unknown_user",
        );
        security::record(state, &state.db, entry, client).await?;
        security::note_failure(state, client).await?;
        return Err(ApiError::InvalidCredentials);
    };
    let user = &found.user;
    // A locked account answers exactly like a wrong password: a stranger
    // learns nothing, and the owner has the email.
    let Some(attempt) = attempt else {
        tracing::warn!(event = "login_locked", user_id = %user.id, "login refused: account locked");
        let entry = with_reason(
            security::about(SecurityEvent::LoginFailed, user, now),
            "locked",
        );
        security::record(state, &state.db, entry, client).await?;
        security::note_failure(state, client).await?;
        return Err(ApiError::InvalidCredentials);
    };
    if !matches {
        attempt
            .wrong(client, SecurityEvent::LoginFailed, "wrong_password")
            .await?;
        security::note_failure(state, client).await?;
        return Err(ApiError::InvalidCredentials);
    }
    if !user.active {
        attempt.release().await?;
        security::forget_address_attempt(state, address_attempt).await?;
        tracing::info!(event = "login_refused", user_id = %user.id, "login refused: deactivated");
        let entry = with_reason(
            security::about(SecurityEvent::LoginRefused, user, now),
            "deactivated",
        );
        security::record(state, &state.db, entry, client).await?;
        return Err(ApiError::AccountDeactivated {
            inactivity: found.facts.deactivated_reason.as_deref() == Some("inactivity"),
        });
    }
    // The second factor comes before anything a restricted token could open.
    if let Some(secret) = found.facts.mfa_secret.as_deref() {
        let Some(code) = mfa_code.map(str::trim).filter(|c| !c.is_empty()) else {
            // The password alone proves nothing here; the code's own
            // attempt will count.
            attempt.release().await?;
            security::forget_address_attempt(state, address_attempt).await?;
            let entry = with_reason(
                security::about(SecurityEvent::LoginRefused, user, now),
                "mfa_required",
            );
            security::record(state, &state.db, entry, client).await?;
            return Err(ApiError::MfaRequired);
        };
        if !mfa::verify_login_code(state, user, secret, code, client).await? {
            attempt
                .wrong(client, SecurityEvent::MfaFailed, "wrong_mfa_code")
                .await?;
            security::note_failure(state, client).await?;
            return Err(ApiError::InvalidMfaCode);
        }
    }
    // Both factors were right: whatever comes next, the count starts afresh.
    attempt.passed().await?;
    security::forget_address_attempt(state, address_attempt).await?;
    if password_expired(found.facts.password_changed_at, now) {
        tracing::info!(event = "login_refused", user_id = %user.id, "password expired: change token issued");
        let entry = with_reason(
            security::about(SecurityEvent::LoginRefused, user, now),
            "password_expired",
        );
        security::record(state, &state.db, entry, client).await?;
        let change_token = state
            .tokens
            .issue_restricted(
                Restricted::PasswordChange,
                user.id.as_uuid(),
                found.facts.password_changed_at,
                now,
            )
            .map_err(ApiError::internal)?;
        return Err(ApiError::PasswordExpired { change_token });
    }
    if found.facts.mfa_secret.is_none() && mfa::required_for(state, user).await? {
        let entry = with_reason(
            security::about(SecurityEvent::LoginRefused, user, now),
            "mfa_enrollment_required",
        );
        security::record(state, &state.db, entry, client).await?;
        let enrollment_token = state
            .tokens
            .issue_restricted(
                Restricted::MfaEnrollment,
                user.id.as_uuid(),
                found.facts.password_changed_at,
                now,
            )
            .map_err(ApiError::internal)?;
        return Err(ApiError::MfaEnrollmentRequired { enrollment_token });
    }
    let tokens = open_session(state, user, client).await?;
    tracing::info!(event = "login", user_id = %user.id, "login succeeded");
    Ok(tokens)
}

/// Changes the password after checking the current one, ends every session
/// and opens a new one. A wrong current password counts towards the lockout.
pub async fn change_password(
    state: &AppState,
    user: &User,
    current_password: &str,
    new_password: &str,
    client: &ClientAddress,
) -> Result<IssuedTokens, ApiError> {
    let now = state.clock.now();
    crate::auth::attempts::confirm_password(
        state,
        user,
        current_password,
        client,
        "current_password",
        "The current password is wrong.",
    )
    .await?;
    let hash =
        passwords::accept_new_password(state, &state.db, user.id, new_password, "new_password")
            .await?;
    // A user who must still enrol a second factor gets no session from a
    // password change (the expired-password path would otherwise skip it).
    let must_enrol = users::login_facts(&state.db, user.id)
        .await?
        .is_some_and(|f| f.mfa_secret.is_none())
        && mfa::required_for(state, user).await?;
    // A session only for a user who need not enrol first (None: they must).
    let tokens = state
        .db
        .transaction(async |txn| {
            users::set_password(txn, user.id, &hash, now).await?;
            // Whatever second the old sessions began in, they end here.
            refresh_tokens::revoke_all_of_user(txn, user.id, now).await?;
            password_history::push(txn, user.id, &hash, now, PASSWORD_HISTORY as u64).await?;
            security::record(
                state,
                txn,
                security::about(SecurityEvent::PasswordChanged, user, now),
                client,
            )
            .await?;
            if must_enrol {
                return Ok(None);
            }
            let tokens = issue(state, user, Uuid::new_v4(), now, txn).await?;
            users::record_login(txn, user.id, now).await?;
            Ok::<_, ApiError>(Some(tokens))
        })
        .await?;
    let Some(tokens) = tokens else {
        // Bound to the password as stored (the database's precision).
        let changed_at = users::login_facts(&state.db, user.id)
            .await?
            .map_or(now, |f| f.password_changed_at);
        let enrollment_token = state
            .tokens
            .issue_restricted(
                Restricted::MfaEnrollment,
                user.id.as_uuid(),
                changed_at,
                now,
            )
            .map_err(ApiError::internal)?;
        return Err(ApiError::MfaEnrollmentRequired { enrollment_token });
    };
    Ok(tokens)
}

/// Spends a refresh token and issues a new pair in the same session. A token
/// spent twice means it was stolen or replayed: the whole session is revoked.
/// The session ends, whatever its tokens say, once it is older than the
/// absolute lifetime, or when the account has changed under it so that a new
/// login would be refused or restricted: deactivated, password expired, a
/// second factor newly required.
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
        if let Some(user) = users::find_by_id(&state.db, stored.user_id).await? {
            let entry = security::about(SecurityEvent::RefreshTokenReused, &user, now);
            security::record(state, &state.db, entry, &ClientAddress(None)).await?;
        }
        return Err(ApiError::InvalidToken);
    }
    let started = refresh_tokens::family_started_at(&state.db, stored.family_id)
        .await?
        .unwrap_or(stored.issued_at);
    let user = users::find_by_id(&state.db, stored.user_id)
        .await?
        .filter(|u| u.active && stored.issued_at >= u.sessions_valid_after);
    let facts = users::login_facts(&state.db, stored.user_id).await?;
    let still_valid = match (&user, &facts) {
        (Some(user), Some(facts)) => {
            now < started + session_max_age(state)?
                && !password_expired(facts.password_changed_at, now)
                && (facts.mfa_secret.is_some() || !mfa::required_for(state, user).await?)
        }
        _ => false,
    };
    let (Some(user), true) = (user, still_valid) else {
        // Ended for good: its remaining tokens must not work either.
        refresh_tokens::revoke_family(&state.db, stored.family_id, now).await?;
        return Err(ApiError::InvalidToken);
    };
    let tokens = state
        .db
        .transaction(async |txn| {
            if !refresh_tokens::mark_used(txn, stored.id, now).await? {
                // Another request spent it a moment ago.
                return Err(ApiError::InvalidToken);
            }
            issue(state, &user, stored.family_id, started, txn).await
        })
        .await?;
    Ok(tokens)
}

/// Which sessions a logout ends.
pub enum Logout {
    /// The caller's own (its refresh-token family).
    ThisSession(Uuid),
    /// "Sign out everywhere": every session of the caller, this one too (a
    /// lost phone, a shared computer left signed in).
    Everywhere,
}

/// Ends sessions: their refresh tokens are revoked, and their access tokens
/// stop working at once (the extractor checks the session).
pub async fn logout(
    state: &AppState,
    user: &User,
    which: Logout,
    client: &ClientAddress,
) -> Result<(), ApiError> {
    let now = state.clock.now();
    state
        .db
        .transaction(async |txn| {
            let event = match which {
                Logout::ThisSession(family) => {
                    refresh_tokens::revoke_family(txn, family, now).await?;
                    SecurityEvent::Logout
                }
                Logout::Everywhere => {
                    refresh_tokens::revoke_all_of_user(txn, user.id, now).await?;
                    SecurityEvent::SessionsEnded
                }
            };
            security::record(state, txn, security::about(event, user, now), client).await
        })
        .await
}

/// A new session for `user` after a restricted step completed it (second
/// factor enrolled with the enrolment token).
pub async fn open_session(
    state: &AppState,
    user: &User,
    client: &ClientAddress,
) -> Result<IssuedTokens, ApiError> {
    let now = state.clock.now();
    let tokens = state
        .db
        .transaction(async |txn| {
            let tokens = issue(state, user, Uuid::new_v4(), now, txn).await?;
            users::record_login(txn, user.id, now).await?;
            security::record(
                state,
                txn,
                security::about(SecurityEvent::Login, user, now),
                client,
            )
            .await?;
            Ok::<_, ApiError>(tokens)
        })
        .await?;
    Ok(tokens)
}
