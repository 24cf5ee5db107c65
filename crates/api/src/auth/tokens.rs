//! Access tokens are HS256 JWTs with the algorithm pinned and exp, iss, aud, sub
//! required. Refresh tokens are opaque random strings stored as SHA-256 hashes,
//! so no other token can ever pass as an access token.

use crate::config::ApiConfig;
use base64::engine::general_purpose::URL_SAFE_NO_PAD;
use base64::Engine;
use chrono::{DateTime, Utc};
use jsonwebtoken::{Algorithm, DecodingKey, EncodingKey, Header, Validation};
use rand::RngCore;
use serde::{Deserialize, Serialize};
use sha2::{Digest, Sha256};
use uuid::Uuid;

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct AccessClaims {
    pub sub: Uuid,
    /// The session (refresh-token family); logout revokes it.
    pub sid: Uuid,
    pub iss: String,
    pub aud: String,
    pub iat: i64,
    pub exp: i64,
}

/// A restricted token: it only sets a new password (handed out at login when
/// the password is older than 90 days). Its audience differs from the access
/// token's, so neither passes as the other.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct PasswordChangeClaims {
    pub sub: Uuid,
    pub iss: String,
    pub aud: String,
    pub iat: i64,
    pub exp: i64,
    /// When the expired password was set (Unix micros): once it changes, the token is spent.
    pub pwd: i64,
}

/// How long a password-change token works.
pub const PASSWORD_CHANGE_TTL_MINUTES: i64 = 15;

#[derive(Debug, Clone, Copy, PartialEq, Eq, thiserror::Error)]
#[error("invalid access token")]
pub struct InvalidToken;

pub struct TokenKeys {
    encoding: EncodingKey,
    decoding: DecodingKey,
    validation: Validation,
    change_validation: Validation,
    enrollment_validation: Validation,
    issuer: String,
    audience: String,
    access_ttl: chrono::Duration,
}

impl TokenKeys {
    pub fn new(config: &ApiConfig) -> Self {
        let mut validation = Validation::new(Algorithm::HS256);
        validation.set_issuer(&[&config.jwt_issuer]);
        validation.set_audience(&[&config.jwt_audience]);
        validation.set_required_spec_claims(&["exp", "iss", "aud", "sub"]);
        // Expiry is checked against the injected clock in `decode_access`.
        validation.validate_exp = false;
        validation.leeway = 0;
        let mut change_validation = validation.clone();
        change_validation
            .set_audience(&[Restricted::PasswordChange.audience(&config.jwt_audience)]);
        let mut enrollment_validation = validation.clone();
        enrollment_validation
            .set_audience(&[Restricted::MfaEnrollment.audience(&config.jwt_audience)]);
        Self {
            encoding: EncodingKey::from_secret(&config.jwt_secret),
            decoding: DecodingKey::from_secret(&config.jwt_secret),
            validation,
            change_validation,
            enrollment_validation,
            issuer: config.jwt_issuer.clone(),
            audience: config.jwt_audience.clone(),
            access_ttl: chrono::Duration::from_std(config.access_token_ttl)
                .unwrap_or_else(|_| chrono::Duration::minutes(15)),
        }
    }

    pub fn access_ttl_seconds(&self) -> i64 {
        self.access_ttl.num_seconds()
    }

    pub fn issue_access(
        &self,
        user: Uuid,
        session: Uuid,
        now: DateTime<Utc>,
    ) -> anyhow::Result<String> {
        let claims = AccessClaims {
            sub: user,
            sid: session,
            iss: self.issuer.clone(),
            aud: self.audience.clone(),
            iat: now.timestamp(),
            exp: (now + self.access_ttl).timestamp(),
        };
        Ok(jsonwebtoken::encode(
            &Header::new(Algorithm::HS256),
            &claims,
            &self.encoding,
        )?)
    }

    pub fn decode_access(
        &self,
        token: &str,
        now: DateTime<Utc>,
    ) -> Result<AccessClaims, InvalidToken> {
        let data = jsonwebtoken::decode::<AccessClaims>(token, &self.decoding, &self.validation)
            .map_err(|_| InvalidToken)?;
        let claims = data.claims;
        // Expired, or issued in the future (a clock or forgery problem): refuse.
        if claims.exp <= now.timestamp() || claims.iat > now.timestamp() + 5 {
            return Err(InvalidToken);
        }
        Ok(claims)
    }
}

/// What a restricted token is good for. Each has its own audience, so none
/// passes as another or as an access token.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Restricted {
    /// Setting a new password (the old one is older than 90 days).
    PasswordChange,
    /// Enrolling a second factor (the parent account requires one).
    MfaEnrollment,
}

impl Restricted {
    fn audience(self, audience: &str) -> String {
        match self {
            Restricted::PasswordChange => format!("{audience}/password-change"),
            Restricted::MfaEnrollment => format!("{audience}/mfa-enrollment"),
        }
    }
}

impl TokenKeys {
    pub fn issue_restricted(
        &self,
        purpose: Restricted,
        user: Uuid,
        password_changed_at: DateTime<Utc>,
        now: DateTime<Utc>,
    ) -> anyhow::Result<String> {
        let claims = PasswordChangeClaims {
            sub: user,
            iss: self.issuer.clone(),
            aud: purpose.audience(&self.audience),
            iat: now.timestamp(),
            exp: (now + chrono::Duration::minutes(PASSWORD_CHANGE_TTL_MINUTES)).timestamp(),
            pwd: password_changed_at.timestamp_micros(),
        };
        Ok(jsonwebtoken::encode(
            &Header::new(Algorithm::HS256),
            &claims,
            &self.encoding,
        )?)
    }

    pub fn decode_restricted(
        &self,
        purpose: Restricted,
        token: &str,
        now: DateTime<Utc>,
    ) -> Result<PasswordChangeClaims, InvalidToken> {
        let validation = match purpose {
            Restricted::PasswordChange => &self.change_validation,
            Restricted::MfaEnrollment => &self.enrollment_validation,
        };
        let claims =
            jsonwebtoken::decode::<PasswordChangeClaims>(token, &self.decoding, validation)
                .map_err(|_| InvalidToken)?
                .claims;
        if claims.exp <= now.timestamp() || claims.iat > now.timestamp() + 5 {
            return Err(InvalidToken);
        }
        Ok(claims)
    }
}

/// A new opaque refresh token: 256 random bits, URL-safe.
pub fn new_refresh_token() -> String {
    let mut bytes = [0u8; 32];
    rand::rngs::OsRng.fill_bytes(&mut bytes);
    URL_SAFE_NO_PAD.encode(bytes)
}

pub fn hash_refresh_token(token: &str) -> String {
    let digest = Sha256::digest(token.as_bytes());
    digest.iter().map(|b| format!("{b:02x}")).collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn keys() -> TokenKeys {
        TokenKeys::new(&ApiConfig::with_secret(vec![7u8; 32]))
    }

    #[test]
    fn an_issued_token_decodes_to_its_claims() {
        let now = Utc::now();
        let (user, session) = (Uuid::new_v4(), Uuid::new_v4());
        let token = keys().issue_access(user, session, now).unwrap();
        let claims = keys().decode_access(&token, now).unwrap();
        assert_eq!((claims.sub, claims.sid), (user, session));
    }

    #[test]
    fn a_token_is_refused_at_its_expiry_second() {
        let now = Utc::now();
        let k = keys();
        let token = k.issue_access(Uuid::new_v4(), Uuid::new_v4(), now).unwrap();
        let at_expiry = now + chrono::Duration::seconds(k.access_ttl_seconds());
        assert!(k
            .decode_access(&token, at_expiry - chrono::Duration::seconds(1))
            .is_ok());
        assert_eq!(k.decode_access(&token, at_expiry), Err(InvalidToken));
    }

    #[test]
    fn a_token_signed_with_another_key_is_refused() {
        let other = TokenKeys::new(&ApiConfig::with_secret(vec![8u8; 32]));
        let token = other
            .issue_access(Uuid::new_v4(), Uuid::new_v4(), Utc::now())
            .unwrap();
        assert_eq!(keys().decode_access(&token, Utc::now()), Err(InvalidToken));
    }

    #[test]
    fn alg_none_is_refused() {
        let header = URL_SAFE_NO_PAD.encode(r#"{"alg":"none","typ":"JWT"}"#);
        let now = Utc::now().timestamp();
        let payload = URL_SAFE_NO_PAD.encode(format!(
            r#"{{"sub":"{}","sid":"{}","iss":"csportal","aud":"csportal-api","iat":{now},"exp":{}}}"#,
            Uuid::new_v4(),
            Uuid::new_v4(),
            now + 600
        ));
        assert_eq!(
            keys().decode_access(&format!("{header}.{payload}."), Utc::now()),
            Err(InvalidToken)
        );
    }

    #[test]
    fn access_and_password_change_tokens_do_not_pass_as_each_other() {
        let k = keys();
        let now = Utc::now();
        let (change, enrol) = (Restricted::PasswordChange, Restricted::MfaEnrollment);
        let changing = k
            .issue_restricted(change, Uuid::new_v4(), now, now)
            .unwrap();
        assert_eq!(k.decode_access(&changing, now), Err(InvalidToken));
        assert!(k.decode_restricted(change, &changing, now).is_ok());
        let access = k.issue_access(Uuid::new_v4(), Uuid::new_v4(), now).unwrap();
        assert_eq!(k.decode_restricted(change, &access, now), Err(InvalidToken));
        let enrolling = k.issue_restricted(enrol, Uuid::new_v4(), now, now).unwrap();
        assert_eq!(
            k.decode_restricted(change, &enrolling, now),
            Err(InvalidToken)
        );
        assert_eq!(k.decode_access(&enrolling, now), Err(InvalidToken));
        assert!(k.decode_restricted(enrol, &enrolling, now).is_ok());
    }

    #[test]
    fn refresh_tokens_are_random_and_hash_to_64_hex_digits() {
        let (a, b) = (new_refresh_token(), new_refresh_token());
        assert_ne!(a, b);
        assert_eq!(hash_refresh_token(&a).len(), 64);
        assert_ne!(hash_refresh_token(&a), hash_refresh_token(&b));
    }
}
