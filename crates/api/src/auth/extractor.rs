//! `AuthUser` in a handler's signature makes the route require a valid access token.

use crate::auth::tokens::Restricted;
use crate::error::ApiError;
use crate::state::AppState;
use actix_web::dev::Payload;
use actix_web::http::header;
use actix_web::{web, FromRequest, HttpRequest};
use domain::{User, UserId};
use futures_util::future::LocalBoxFuture;
use persistence::repositories::users;
use uuid::Uuid;

#[derive(Debug, Clone)]
pub struct AuthUser {
    pub user: User,
    /// The session (refresh-token family) the access token belongs to.
    pub session_id: Uuid,
}

impl AuthUser {
    /// Who the caller is to the authorization policy: role, parent account,
    /// and the accounts in their scope (read from the database).
    pub async fn principal(
        &self,
        db: &impl persistence::Conn,
    ) -> Result<domain::Principal, ApiError> {
        Ok(domain::Principal {
            role: self.user.role,
            parent_account_id: self.user.parent_account_id,
            scope: persistence::repositories::accounts::scope(db, &self.user).await?,
        })
    }
}

fn bearer_token(req: &HttpRequest) -> Result<String, ApiError> {
    let value = req
        .headers()
        .get(header::AUTHORIZATION)
        .ok_or(ApiError::Unauthenticated)?
        .to_str()
        .map_err(|_| ApiError::InvalidToken)?;
    let (scheme, token) = value.split_once(' ').ok_or(ApiError::InvalidToken)?;
    if !scheme.eq_ignore_ascii_case("bearer") || token.trim().is_empty() {
        return Err(ApiError::InvalidToken);
    }
    Ok(token.trim().to_owned())
}

async fn authenticate(state: web::Data<AppState>, token: String) -> Result<AuthUser, ApiError> {
    let now = state.clock.now();
    let claims = state
        .tokens
        .decode_access(&token, now)
        .map_err(|_| ApiError::InvalidToken)?;
    // One query: the user, provided their session still has a live refresh token.
    let user = users::find_in_live_session(&state.db, UserId::from_uuid(claims.sub), claims.sid)
        .await?
        .ok_or(ApiError::InvalidToken)?;
    // Deactivation, password change and logout-all end every session at once.
    if !user.active || claims.iat < user.sessions_valid_after.timestamp() {
        return Err(ApiError::InvalidToken);
    }
    Ok(AuthUser {
        user,
        session_id: claims.sid,
    })
}

impl FromRequest for AuthUser {
    type Error = ApiError;
    type Future = LocalBoxFuture<'static, Result<Self, Self::Error>>;

    fn from_request(req: &HttpRequest, _: &mut Payload) -> Self::Future {
        let state = req.app_data::<web::Data<AppState>>().cloned();
        let token = bearer_token(req);
        Box::pin(async move {
            let state =
                state.ok_or_else(|| ApiError::internal(anyhow::anyhow!("AppState missing")))?;
            authenticate(state, token?).await
        })
    }
}

/// The caller of the change-password route: a signed-in user, or one holding
/// the restricted token a login hands out for an expired password (good
/// until the password changes or 15 minutes pass).
#[derive(Debug, Clone)]
pub struct PasswordChanger {
    pub user: User,
}

/// The caller of the second-factor enrolment routes: a signed-in user, or
/// one holding the restricted token of an `mfa_enrollment_required` login.
#[derive(Debug, Clone)]
pub struct MfaEnroller {
    pub user: User,
    /// Came with the restricted token: enabling opens a session.
    pub restricted: bool,
}

/// The user of a restricted token (bound to the password it was issued
/// for), or else of an access token; `true` when restricted.
async fn authenticate_restricted(
    state: web::Data<AppState>,
    token: String,
    purpose: Restricted,
) -> Result<(User, bool), ApiError> {
    let now = state.clock.now();
    if let Ok(claims) = state.tokens.decode_restricted(purpose, &token, now) {
        let id = UserId::from_uuid(claims.sub);
        let user = users::find_by_id(&state.db, id)
            .await?
            .filter(|u| u.active)
            .ok_or(ApiError::InvalidToken)?;
        let facts = users::login_facts(&state.db, id)
            .await?
            .ok_or(ApiError::InvalidToken)?;
        if facts.password_changed_at.timestamp_micros() != claims.pwd {
            return Err(ApiError::InvalidToken);
        }
        return Ok((user, true));
    }
    let auth = authenticate(state, token).await?;
    Ok((auth.user, false))
}

/// A caller who may hold a restricted token for `PURPOSE`.
trait RestrictedCaller: Sized + 'static {
    const PURPOSE: Restricted;
    fn new(user: User, restricted: bool) -> Self;

    fn from_token(req: &HttpRequest) -> LocalBoxFuture<'static, Result<Self, ApiError>> {
        let state = req.app_data::<web::Data<AppState>>().cloned();
        let token = bearer_token(req);
        Box::pin(async move {
            let state =
                state.ok_or_else(|| ApiError::internal(anyhow::anyhow!("AppState missing")))?;
            let (user, restricted) = authenticate_restricted(state, token?, Self::PURPOSE).await?;
            Ok(Self::new(user, restricted))
        })
    }
}

impl RestrictedCaller for PasswordChanger {
    const PURPOSE: Restricted = Restricted::PasswordChange;
    fn new(user: User, _: bool) -> Self {
        PasswordChanger { user }
    }
}

impl RestrictedCaller for MfaEnroller {
    const PURPOSE: Restricted = Restricted::MfaEnrollment;
    fn new(user: User, restricted: bool) -> Self {
        MfaEnroller { user, restricted }
    }
}

impl FromRequest for PasswordChanger {
    type Error = ApiError;
    type Future = LocalBoxFuture<'static, Result<Self, Self::Error>>;

    fn from_request(req: &HttpRequest, _: &mut Payload) -> Self::Future {
        Self::from_token(req)
    }
}

impl FromRequest for MfaEnroller {
    type Error = ApiError;
    type Future = LocalBoxFuture<'static, Result<Self, Self::Error>>;

    fn from_request(req: &HttpRequest, _: &mut Payload) -> Self::Future {
        Self::from_token(req)
    }
}
