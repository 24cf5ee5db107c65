//! Second-factor secrets encrypted at rest: a copy of the database (a
//! backup, a replica, a support dump) must not be enough to generate a
//! user's login codes. AES-256-GCM with the server's data key, bound to the
//! user it belongs to, so a secret copied to another row does not open.

use base64::engine::general_purpose::URL_SAFE_NO_PAD;
use base64::Engine;
use rand::RngCore;
use ring::aead::{Aad, LessSafeKey, Nonce, UnboundKey, AES_256_GCM, NONCE_LEN};
use ring::hmac;

/// Marks a sealed value; a stored value without it is from before
/// encryption (plain base32) and is read as it is.
const PREFIX: &str = "enc1:";

/// The data key is missing, malformed, or not the one a value was sealed with.
#[derive(Debug, thiserror::Error)]
#[error("the second-factor secret cannot be decrypted: is CSPORTAL_DATA_KEY the key it was stored with?")]
pub struct CannotOpen;

pub struct SecretBox {
    key: LessSafeKey,
    /// For recovery codes: derived from the data key, so a copy of the
    /// database cannot test guesses offline.
    code_key: hmac::Key,
}

/// Marks a keyed hash; a stored hash without it is a plain SHA-256 from
/// before keying.
const KEYED_PREFIX: &str = "hmac1:";

impl SecretBox {
    pub const KEY_BYTES: usize = 32;

    pub fn new(key: &[u8]) -> Result<Self, CannotOpen> {
        let derived = hmac::sign(
            &hmac::Key::new(hmac::HMAC_SHA256, key),
            b"csportal recovery codes v1",
        );
        let code_key = hmac::Key::new(hmac::HMAC_SHA256, derived.as_ref());
        let key = UnboundKey::new(&AES_256_GCM, key).map_err(|_| CannotOpen)?;
        Ok(Self {
            key: LessSafeKey::new(key),
            code_key,
        })
    }

    /// `secret` sealed for `owner` (the user's id), as text for a column.
    /// (AES-GCM refuses only inputs of 64 GiB and more.)
    pub fn seal(&self, secret: &str, owner: &[u8]) -> Result<String, ring::error::Unspecified> {
        let mut nonce = [0u8; NONCE_LEN];
        rand::rngs::OsRng.fill_bytes(&mut nonce);
        let mut sealed = secret.as_bytes().to_vec();
        self.key.seal_in_place_append_tag(
            Nonce::assume_unique_for_key(nonce),
            Aad::from(owner),
            &mut sealed,
        )?;
        let mut out = nonce.to_vec();
        out.extend_from_slice(&sealed);
        Ok(format!("{PREFIX}{}", URL_SAFE_NO_PAD.encode(out)))
    }

    /// `value` hashed with the data key for `owner` (the user's id), as text
    /// for a column: HMAC-SHA256, so a copied hash is useless elsewhere and
    /// without the key.
    pub fn keyed_hash(&self, value: &str, owner: &[u8]) -> String {
        let mut context = hmac::Context::with_key(&self.code_key);
        context.update(owner);
        context.update(b"\0");
        context.update(value.as_bytes());
        format!(
            "{KEYED_PREFIX}{}",
            URL_SAFE_NO_PAD.encode(context.sign().as_ref())
        )
    }

    /// What every sealed value starts with.
    pub const PREFIX: &'static str = PREFIX;

    /// Whether `stored` was sealed (else it is from before encryption).
    pub fn is_sealed(stored: &str) -> bool {
        stored.starts_with(PREFIX)
    }

    /// The secret in `stored`, which must have been sealed for `owner`. A
    /// plain value is refused: every server seals those it finds when it
    /// starts, so one seen later was written behind the portal's back.
    pub fn open(&self, stored: &str, owner: &[u8]) -> Result<String, CannotOpen> {
        let Some(encoded) = stored.strip_prefix(PREFIX) else {
            return Err(CannotOpen);
        };
        let bytes = URL_SAFE_NO_PAD.decode(encoded).map_err(|_| CannotOpen)?;
        if bytes.len() < NONCE_LEN {
            return Err(CannotOpen);
        }
        let (nonce, sealed) = bytes.split_at(NONCE_LEN);
        let nonce = Nonce::try_assume_unique_for_key(nonce).map_err(|_| CannotOpen)?;
        let mut sealed = sealed.to_vec();
        let plain = self
            .key
            .open_in_place(nonce, Aad::from(owner), &mut sealed)
            .map_err(|_| CannotOpen)?;
        String::from_utf8(plain.to_vec()).map_err(|_| CannotOpen)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const SECRET: &str = "JBSWY3DPEHPK3PXPJBSWY3DPEHPK3PXP";

    fn boxed(byte: u8) -> SecretBox {
        SecretBox::new(&[byte; SecretBox::KEY_BYTES]).unwrap()
    }

    #[test]
    fn a_sealed_secret_opens_for_its_owner_only() {
        let sealed = boxed(7).seal(SECRET, b"user-1").unwrap();
        assert!(sealed.starts_with(PREFIX));
        assert!(!sealed.contains(SECRET));
        assert_eq!(boxed(7).open(&sealed, b"user-1").unwrap(), SECRET);
        assert!(boxed(7).open(&sealed, b"user-2").is_err());
        assert!(boxed(8).open(&sealed, b"user-1").is_err());
    }

    #[test]
    fn the_same_secret_seals_differently_each_time() {
        assert_ne!(
            boxed(7).seal(SECRET, b"u").unwrap(),
            boxed(7).seal(SECRET, b"u").unwrap()
        );
    }

    #[test]
    fn tampering_and_truncation_are_refused() {
        let sealed = boxed(7).seal(SECRET, b"u").unwrap();
        let mut bytes = URL_SAFE_NO_PAD.decode(&sealed[PREFIX.len()..]).unwrap();
        let last = bytes.len() - 1;
        bytes[last] ^= 1;
        let tampered = format!("{PREFIX}{}", URL_SAFE_NO_PAD.encode(&bytes));
        assert!(boxed(7).open(&tampered, b"u").is_err());
        assert!(boxed(7).open("enc1:AAAA", b"u").is_err());
        assert!(boxed(7).open("enc1:not base64!", b"u").is_err());
    }

    #[test]
    fn a_plain_value_is_refused() {
        assert!(boxed(7).open(SECRET, b"u").is_err());
    }

    #[test]
    fn a_key_of_the_wrong_length_is_refused() {
        assert!(SecretBox::new(&[0u8; 16]).is_err());
    }
}
