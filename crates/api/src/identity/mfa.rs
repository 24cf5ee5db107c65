//! The optional second factor: TOTP (RFC 6238, 6 digits, 30 s, one step of
//! skew) with ten single-use recovery codes. A code is accepted once: the
//! last used time step is stored. A Manager can require it for the whole
//! parent account.

use crate::auth::attempts::Attempt;
use crate::auth::tokens::hash_refresh_token as sha256_hex;
use crate::error::ApiError;
use crate::identity::client::ClientAddress;
use crate::identity::passwords::field_error;
use crate::identity::secret_box::SecretBox;
use crate::identity::security;
use crate::state::AppState;
use api_types::{FieldErrorCode, MfaSetupResponse, PasswordConfirmation};
use domain::{acting_parent, AccountId, NotAnAdministrator, SecurityEvent, User};
use persistence::repositories::{accounts, mfa, users};
use rand::RngCore;
use totp_rs::{Builder, Secret, Totp};

const ISSUER: &str = "Customer Services Portal";
const RECOVERY_CODES: usize = 10;
/// Unambiguous lower-case letters and digits for recovery codes.
const RECOVERY_ALPHABET: &[u8] = b"abcdefghjkmnpqrstuvwxyz023456789";
/// 16 characters of 32: 80 bits, out of reach of guessing even offline.
const RECOVERY_CODE_CHARS: usize = 16;

fn totp(secret_base32: &str, account: &str) -> Result<Totp, ApiError> {
    let secret = Secret::try_from_base32(secret_base32)
        .map_err(|e| ApiError::internal(anyhow::anyhow!("stored TOTP secret: {e:?}")))?;
    Builder::new()
        .with_secret(secret)
        .with_account_name(account.to_owned())
        .with_issuer(Some(ISSUER))
        .build()
        .map_err(|e| ApiError::internal(anyhow::anyhow!("TOTP: {e:?}")))
}

/// `secret` as stored: sealed for `user` (see [`secret_box`](super::secret_box)).
fn seal(state: &AppState, user: &User, secret: &str) -> Result<String, ApiError> {
    state
        .secrets
        .seal(secret, user.id.as_uuid().as_bytes())
        .map_err(|_| ApiError::internal(anyhow::anyhow!("cannot seal a TOTP secret")))
}

/// A stored secret opened; a wrong data key is the server's fault, said
/// plainly in its log, and the user is asked to come back later.
fn open(state: &AppState, user: &User, stored: &str) -> Result<String, ApiError> {
    state
        .secrets
        .open(stored, user.id.as_uuid().as_bytes())
        .map_err(|e| ApiError::ServiceUnavailable(e.into()))
}

fn new_secret() -> String {
    let mut bytes = vec![0u8; 20];
    rand::rngs::OsRng.fill_bytes(&mut bytes);
    Secret::from(bytes).to_base32()
}

/// Ten codes such as `k7tq-2m9x-...`, in groups of four for reading aloud.
fn new_recovery_codes() -> Vec<String> {
    let mut rng = rand::rngs::OsRng;
    (0..RECOVERY_CODES)
        .map(|_| {
            let chars: Vec<String> = (0..RECOVERY_CODE_CHARS)
                .map(|_| {
                    // 32 letters: the modulo picks each one equally often.
                    let pick = rng.next_u32() as usize % RECOVERY_ALPHABET.len();
                    char::from(RECOVERY_ALPHABET[pick]).to_string()
                })
                .collect();
            chars
                .chunks(4)
                .map(|group| group.concat())
                .collect::<Vec<_>>()
                .join("-")
        })
        .collect()
}

/// Recovery codes compare without dashes, spaces or case.
fn bare_code(code: &str) -> String {
    code.chars()
        .filter(char::is_ascii_alphanumeric)
        .map(|c| c.to_ascii_lowercase())
        .collect()
}

/// A recovery code as stored: keyed with the data key, bound to its user.
fn recovery_hash(state: &AppState, user: &User, code: &str) -> String {
    state
        .secrets
        .keyed_hash(&bare_code(code), user.id.as_uuid().as_bytes())
}

/// The time step `code` belongs to at `now`, if it is right.
fn check_code(totp: &Totp, code: &str, now: chrono::DateTime<chrono::Utc>) -> Option<i64> {
    let code: String = code.chars().filter(|c| !c.is_whitespace()).collect();
    let time = u64::try_from(now.timestamp()).ok()?;
    totp.check(&code, time)
        .and_then(|step| i64::try_from(step).ok())
}

/// Starts enrolment: a new secret, kept pending until a code confirms it.
/// Starts enrolling (or replacing) a second factor. `confirmation` is None
/// only for the restricted token of an `mfa_enrollment_required` login,
/// whose password was checked a moment ago.
pub async fn setup(
    state: &AppState,
    user: &User,
    confirmation: Option<&PasswordConfirmation>,
    client: &ClientAddress,
) -> Result<MfaSetupResponse, ApiError> {
    if let Some(confirmation) = confirmation {
        confirm_owner(state, user, confirmation, client).await?;
    }
    let secret = new_secret();
    let uri = totp(&secret, user.username.as_str())?
        .to_url()
        .map_err(|e| ApiError::internal(anyhow::anyhow!("otpauth URI: {e:?}")))?;
    let svg = crate::qr::svg(&uri)?;
    mfa::set_pending_secret(&state.db, user.id, &seal(state, user, &secret)?).await?;
    Ok(MfaSetupResponse {
        secret,
        otpauth_uri: uri,
        qr_svg: svg,
    })
}

/// Confirms the pending secret with a code; answers the recovery codes.
pub async fn enable(
    state: &AppState,
    user: &User,
    code: &str,
    client: &ClientAddress,
) -> Result<Vec<String>, ApiError> {
    let pending = mfa::pending_secret(&state.db, user.id)
        .await?
        .ok_or_else(|| ApiError::Conflict("Start with POST /api/v1/me/mfa/setup.".into()))?;
    let pending = open(state, user, &pending)?;
    let now = state.clock.now();
    let step =
        check_code(&totp(&pending, user.username.as_str())?, code, now).ok_or_else(|| {
            ApiError::Validation(vec![field_error(
                "code",
                FieldErrorCode::InvalidMfaCode,
                "The code does not match; check the app's clock and enter the current code.",
            )])
        })?;
    let codes = new_recovery_codes();
    let hashes: Vec<String> = codes
        .iter()
        .map(|c| recovery_hash(state, user, c))
        .collect();
    state
        .db
        .transaction(async |txn| {
            mfa::enable(txn, user.id, &seal(state, user, &pending)?, step, now).await?;
            mfa::replace_recovery_codes(txn, user.id, &hashes, now).await?;
            security::record(
                state,
                txn,
                security::about(SecurityEvent::MfaEnabled, user, now),
                client,
            )
            .await?;
            Ok::<_, ApiError>(())
        })
        .await?;
    Ok(codes)
}

/// Proves the caller is still the owner before a change to how they sign
/// in: the password and, where a factor is on, a current code from it (or a
/// recovery code). Each wrong secret counts toward the lockout like a login.
pub(crate) async fn confirm_owner(
    state: &AppState,
    user: &User,
    confirmation: &PasswordConfirmation,
    client: &ClientAddress,
) -> Result<(), ApiError> {
    crate::auth::attempts::confirm_password(
        state,
        user,
        &confirmation.password,
        client,
        "password",
        "The password is wrong.",
    )
    .await?;
    let facts = users::login_facts(&state.db, user.id)
        .await?
        .ok_or(ApiError::NotFound)?;
    let Some(stored) = facts.mfa_secret else {
        return Ok(());
    };
    let code = confirmation
        .code
        .as_deref()
        .map(str::trim)
        .filter(|c| !c.is_empty());
    let Some(code) = code else {
        return Err(ApiError::Validation(vec![field_error(
            "code",
            FieldErrorCode::Required,
            "Give the current code from your authenticator app, or a recovery code.",
        )]));
    };
    let wrong_code = || {
        ApiError::Validation(vec![field_error(
            "code",
            FieldErrorCode::InvalidMfaCode,
            "The code does not match; enter the current code from your authenticator app.",
        )])
    };
    // A locked account is refused unchecked, like a wrong code.
    let Some(attempt) = Attempt::reserve(state, user).await? else {
        return Err(wrong_code());
    };
    if verify_login_code(state, user, &stored, code, client).await? {
        attempt.release().await
    } else {
        attempt
            .wrong(client, SecurityEvent::MfaFailed, "wrong_mfa_code")
            .await?;
        Err(wrong_code())
    }
}

/// Whether `user` must have a second factor: customers when their parent
/// account requires one, staff when the installation does (the default).
pub async fn required_for(state: &AppState, user: &User) -> Result<bool, ApiError> {
    Ok(match user.parent_account_id {
        Some(parent) => accounts::requires_mfa(&state.db, parent).await?,
        None => state.config.staff_mfa_required,
    })
}

pub async fn disable(
    state: &AppState,
    user: &User,
    confirmation: &PasswordConfirmation,
    client: &ClientAddress,
) -> Result<(), ApiError> {
    confirm_owner(state, user, confirmation, client).await?;
    if required_for(state, user).await? {
        return Err(ApiError::Conflict(
            "Your organisation requires a second factor; it cannot be turned off.".into(),
        ));
    }
    let now = state.clock.now();
    state
        .db
        .transaction(async |txn| {
            mfa::disable(txn, user.id).await?;
            security::record(
                state,
                txn,
                security::about(SecurityEvent::MfaDisabled, user, now),
                client,
            )
            .await?;
            Ok::<_, ApiError>(())
        })
        .await?;
    Ok(())
}

pub async fn new_codes(
    state: &AppState,
    user: &User,
    confirmation: &PasswordConfirmation,
    client: &ClientAddress,
) -> Result<Vec<String>, ApiError> {
    confirm_owner(state, user, confirmation, client).await?;
    let facts = users::login_facts(&state.db, user.id)
        .await?
        .ok_or(ApiError::NotFound)?;
    if facts.mfa_secret.is_none() {
        return Err(ApiError::Conflict("No second factor is enrolled.".into()));
    }
    let codes = new_recovery_codes();
    let hashes: Vec<String> = codes
        .iter()
        .map(|c| recovery_hash(state, user, c))
        .collect();
    let now = state.clock.now();
    state
        .db
        .transaction(async |txn| {
            mfa::replace_recovery_codes(txn, user.id, &hashes, now).await?;
            let entry = security::about(SecurityEvent::MfaRecoveryCodesRenewed, user, now);
            security::record(state, txn, entry, client).await
        })
        .await?;
    Ok(codes)
}

/// Checks a login's second factor: a TOTP code not used before, or an
/// unused recovery code. Logs which one was used.
pub async fn verify_login_code(
    state: &AppState,
    user: &User,
    stored: &str,
    code: &str,
    client: &ClientAddress,
) -> Result<bool, ApiError> {
    let secret = open(state, user, stored)?;
    check_login_code(state, user, &secret, code, client).await
}

/// Seals the secrets enrolled before they were encrypted. Every server does
/// it as it starts, so from then on a plain value is refused: it can only
/// have been written behind the portal's back.
pub async fn seal_plain_secrets(state: &AppState) -> Result<usize, ApiError> {
    let plain = mfa::plain_secrets(&state.db, SecretBox::PREFIX).await?;
    for (id, secret) in &plain {
        let sealed = state
            .secrets
            .seal(secret, id.as_uuid().as_bytes())
            .map_err(|_| ApiError::internal(anyhow::anyhow!("cannot seal a TOTP secret")))?;
        // Another server starting at the same time may have sealed it first.
        mfa::replace_secret(&state.db, *id, secret, &sealed).await?;
    }
    Ok(plain.len())
}

async fn check_login_code(
    state: &AppState,
    user: &User,
    secret: &str,
    code: &str,
    client: &ClientAddress,
) -> Result<bool, ApiError> {
    let now = state.clock.now();
    if let Some(step) = check_code(&totp(secret, user.username.as_str())?, code, now) {
        return Ok(mfa::use_step(&state.db, user.id, step).await?);
    }
    // Codes issued before keying were stored as plain SHA-256; they work
    // until used or renewed.
    let spent =
        mfa::spend_recovery_code(&state.db, user.id, &recovery_hash(state, user, code), now)
            .await?
            || mfa::spend_recovery_code(&state.db, user.id, &sha256_hex(&bare_code(code)), now)
                .await?;
    if spent {
        security::record(
            state,
            &state.db,
            security::about(SecurityEvent::MfaRecoveryCodeUsed, user, now),
            client,
        )
        .await?;
        return Ok(true);
    }
    Ok(false)
}

/// The parent account whose policy the caller sets: a Manager's own; an
/// Admin's named one.
fn policy_parent(user: &User, asked: Option<AccountId>) -> Result<AccountId, ApiError> {
    match acting_parent(user.role, user.parent_account_id, asked) {
        Ok(Some(parent)) => Ok(parent),
        // An Admin who named none.
        Ok(None) => Err(ApiError::Validation(vec![field_error(
            "parent_account_id",
            FieldErrorCode::Required,
            "Name the parent account.",
        )])),
        Err(NotAnAdministrator) => Err(ApiError::Forbidden),
    }
}

pub async fn policy(
    state: &AppState,
    user: &User,
    asked: Option<AccountId>,
) -> Result<(AccountId, bool), ApiError> {
    let parent = policy_parent(user, asked)?;
    accounts::find_by_id(&state.db, parent)
        .await?
        .filter(|a| a.is_parent_account())
        .ok_or(ApiError::NotFound)?;
    Ok((parent, accounts::requires_mfa(&state.db, parent).await?))
}

pub async fn set_policy(
    state: &AppState,
    user: &User,
    asked: Option<AccountId>,
    required: bool,
    client: &ClientAddress,
) -> Result<(AccountId, bool), ApiError> {
    let (parent, before) = policy(state, user, asked).await?;
    if before != required {
        let now = state.clock.now();
        state
            .db
            .transaction(async |txn| {
                accounts::set_requires_mfa(txn, parent, required).await?;
                let entry = persistence::repositories::security_log::NewSecurityEntry::new(
                    SecurityEvent::MfaPolicyChanged,
                    now,
                )
                .actor(user.id)
                .parent_account(Some(parent))
                .details(serde_json::json!({ "required": required }));
                security::record(state, txn, entry, client).await?;
                persistence::repositories::audit::append(
                    txn,
                    &crate::audit::in_request("parent_account.require_mfa", "account", parent, now)
                        .by(Some(user.id), Some(parent))
                        .old_value(serde_json::json!({ "require_mfa": before }))
                        .new_value(serde_json::json!({ "require_mfa": required })),
                )
                .await?;
                Ok::<_, ApiError>(())
            })
            .await?;
    }
    Ok((parent, required))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn recovery_codes_are_distinct_and_compare_loosely() {
        let codes = new_recovery_codes();
        assert_eq!(codes.len(), 10);
        let mut unique = codes.clone();
        unique.sort();
        unique.dedup();
        assert_eq!(unique.len(), 10);
        let code = &codes[0];
        assert_eq!(code.len(), 19, "16 characters in groups of four: {code}");
        assert_eq!(
            bare_code(code),
            bare_code(&code.to_uppercase().replace('-', " "))
        );
    }

    #[test]
    fn a_code_is_right_for_its_step_and_the_next_only() {
        let secret = new_secret();
        let t = totp(&secret, "nl.user").unwrap();
        let now = chrono::Utc::now();
        let code = t.generate(now.timestamp() as u64).to_string();
        assert!(check_code(&t, &code, now).is_some());
        assert!(
            check_code(&t, &code, now + chrono::Duration::seconds(30)).is_some(),
            "one step of skew"
        );
        assert!(check_code(&t, &code, now + chrono::Duration::seconds(90)).is_none());
        assert!(check_code(&t, "000000x", now).is_none());
    }
}
