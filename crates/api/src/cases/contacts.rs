//! A case's contact address gets the case's emails when it is a colleague's
//! (an active user of the same customer) or its owner has confirmed it once
//! through an emailed link. Otherwise a user could make the portal mail any
//! address they type: the owner gets one short request to confirm (at most
//! one a day), carrying nothing from the case but its number.

use crate::auth::tokens::{hash_refresh_token, new_refresh_token};
use crate::error::ApiError;
use crate::state::AppState;
use chrono::{DateTime, Duration, Utc};
use domain::{Case, Language, UserSettings};
use persistence::repositories::contacts::{self, Confirmation};
use persistence::repositories::{accounts, throttle};
use persistence::{Conn, StoreError};

/// How long a confirmation link works.
const LINK_DAYS: i64 = 7;

/// Whether the case's emails may go to `address`.
pub(crate) async fn may_receive(
    db: &impl Conn,
    c: &Case,
    address: &str,
) -> Result<bool, StoreError> {
    let parent = accounts::find_by_id(db, c.account)
        .await?
        .map(|a| a.parent_account_id);
    if let Some(parent) = parent {
        if contacts::is_colleague(db, address, parent).await? {
            return Ok(true);
        }
    }
    contacts::is_confirmed(db, address).await
}

/// Queues the request to confirm `address`, unless one went there in the
/// last day (decided atomically across server processes).
pub(crate) async fn ask_to_confirm(
    db: &impl Conn,
    c: &Case,
    address: &str,
    settings: &UserSettings,
    now: DateTime<Utc>,
    public_url: &str,
) -> Result<(), StoreError> {
    let claim = format!(
        "contact:{}",
        hash_refresh_token(&address.trim().to_lowercase())
    );
    if !throttle::claim(db, &claim, now, Duration::days(1)).await? {
        return Ok(());
    }
    let token = new_refresh_token();
    let expires_at = now + Duration::days(LINK_DAYS);
    contacts::issue(db, address, &hash_refresh_token(&token), now, expires_at).await?;
    let link = format!(
        "{}/confirm-contact#token={token}",
        public_url.trim_end_matches('/')
    );
    let until = settings.format_instant(expires_at);
    let number = &c.number;
    let (subject, body) = match settings.language {
        Language::Nl => (
            "Bevestig uw e-mailadres voor berichten over servicecases".to_owned(),
            format!(
                "Dit adres is opgegeven als contactpersoon voor servicecase {number} in het \
                 Customer Services Portal.\n\n\
                 Wilt u e-mails over deze en latere cases ontvangen? Bevestig uw adres via deze link \
                 (geldig tot {until}):\n{link}\n\n\
                 Kent u dit niet? Negeer deze e-mail; u ontvangt dan niets meer.\n"
            ),
        ),
        _ => (
            "Confirm your email address for service case updates".to_owned(),
            format!(
                "This address was given as the contact for service case {number} in the \
                 Customer Services Portal.\n\n\
                 To receive emails about it and later cases, confirm your address with this link \
                 (valid until {until}):\n{link}\n\n\
                 Do you not know about this? Ignore this email; you will get nothing more.\n"
            ),
        ),
    };
    crate::mail::queue(db, address, subject, body, now).await
}

/// Confirms the address of a link (public: the owner of the address may
/// have no account).
pub async fn confirm(state: &AppState, token: &str) -> Result<(), ApiError> {
    let now = state.clock.now();
    match contacts::confirm(&state.db, &hash_refresh_token(token.trim()), now).await? {
        Confirmation::Confirmed => Ok(()),
        Confirmation::Expired => Err(ApiError::LinkExpired),
        Confirmation::Unknown => Err(ApiError::LinkInvalid),
    }
}
