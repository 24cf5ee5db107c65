//! argon2id with the OWASP parameters (m=19456 KiB, t=2, p=1), run off the async
//! workers behind a semaphore so a login flood cannot starve other requests.
//!
//! Each permitted concurrent hash owns one 19 MiB working memory, allocated once
//! and reused: allocated per login, glibc kept about 19 MiB per blocking thread
//! (the serve benchmark measured 1 GB resident after a login burst).

use anyhow::Context;
use argon2::password_hash::{rand_core::OsRng, Output, ParamsString, PasswordHash, SaltString};
use argon2::{Algorithm, Argon2, Block, Params, Version};
use std::sync::{Arc, Mutex};
use tokio::sync::Semaphore;

pub fn argon2id() -> anyhow::Result<Argon2<'static>> {
    let params =
        Params::new(19_456, 2, 1, None).map_err(|e| anyhow::anyhow!("argon2 params: {e}"))?;
    Ok(Argon2::new(Algorithm::Argon2id, Version::V0x13, params))
}

/// `memory` grows to what the parameters need and keeps that size.
fn hash_with(memory: &mut Vec<Block>, password: &str) -> anyhow::Result<String> {
    let argon = argon2id()?;
    let params = argon.params().clone();
    let salt = SaltString::generate(&mut OsRng);
    let mut salt_bytes = [0u8; 64];
    let salt_bytes = salt
        .as_salt()
        .decode_b64(&mut salt_bytes)
        .map_err(|e| anyhow::anyhow!("salt: {e}"))?;
    memory.resize(params.block_count().max(memory.len()), Block::default());
    let output_len = params.output_len().unwrap_or(Params::DEFAULT_OUTPUT_LEN);
    let hash = Output::init_with(output_len, |out| {
        argon
            .hash_password_into_with_memory(password.as_bytes(), salt_bytes, out, &mut memory[..])
            .map_err(|_| argon2::password_hash::Error::Crypto)
    })
    .map_err(|e| anyhow::anyhow!("hashing failed: {e}"))?;
    let phc = PasswordHash {
        algorithm: Algorithm::Argon2id.ident(),
        version: Some(Version::V0x13.into()),
        params: ParamsString::try_from(&params).map_err(|e| anyhow::anyhow!("params: {e}"))?,
        salt: Some(salt.as_salt()),
        hash: Some(hash),
    };
    Ok(phc.to_string())
}

/// Recomputes with the parameters stored in `phc` (older hashes may use
/// others) and compares in constant time.
fn verify_with(memory: &mut Vec<Block>, phc: &str, password: &str) -> bool {
    let mut check = || -> Option<bool> {
        let parsed = PasswordHash::new(phc).ok()?;
        let algorithm = Algorithm::try_from(parsed.algorithm).ok()?;
        let version = match parsed.version {
            Some(v) => Version::try_from(v).ok()?,
            None => Version::default(),
        };
        let params = Params::try_from(&parsed).ok()?;
        let expected = parsed.hash?;
        let mut salt_bytes = [0u8; 64];
        let salt_bytes = parsed.salt?.decode_b64(&mut salt_bytes).ok()?;
        memory.resize(params.block_count().max(memory.len()), Block::default());
        let mut out = vec![0u8; expected.len()];
        Argon2::new(algorithm, version, params)
            .hash_password_into_with_memory(
                password.as_bytes(),
                salt_bytes,
                &mut out,
                &mut memory[..],
            )
            .ok()?;
        Some(Output::new(&out).ok()? == expected)
    };
    check().unwrap_or(false)
}

/// Hashes synchronously; for seeding and start-up, never on a request path.
pub fn hash_blocking(password: &str) -> anyhow::Result<String> {
    hash_with(&mut Vec::new(), password)
}

pub struct PasswordHasher {
    permits: Arc<Semaphore>,
    /// Working memories; never more than there are permits.
    memories: Arc<Mutex<Vec<Vec<Block>>>>,
    /// Verified against when the user does not exist, so timing does not tell.
    dummy_hash: String,
}

impl PasswordHasher {
    pub async fn new(max_concurrent: usize) -> anyhow::Result<Self> {
        let dummy_hash = tokio::task::spawn_blocking(|| hash_blocking("csportal-dummy-password"))
            .await
            .context("hashing task")??;
        Ok(Self {
            permits: Arc::new(Semaphore::new(max_concurrent.max(1))),
            memories: Arc::new(Mutex::new(Vec::new())),
            dummy_hash,
        })
    }

    /// Runs `work` on the blocking pool with a working memory from the pool.
    async fn with_memory<T: Send + 'static>(
        &self,
        work: impl FnOnce(&mut Vec<Block>) -> T + Send + 'static,
    ) -> anyhow::Result<T> {
        let _permit = self.permits.acquire().await.context("hasher closed")?;
        let memories = Arc::clone(&self.memories);
        tokio::task::spawn_blocking(move || {
            let mut memory = memories
                .lock()
                .map(|mut pool| pool.pop())
                .ok()
                .flatten()
                .unwrap_or_default();
            let result = work(&mut memory);
            if let Ok(mut pool) = memories.lock() {
                pool.push(memory);
            }
            result
        })
        .await
        .context("hashing task")
    }

    pub async fn hash(&self, password: &str) -> anyhow::Result<String> {
        let password = password.to_owned();
        self.with_memory(move |memory| hash_with(memory, &password))
            .await?
    }

    /// True when `password` matches `phc`; with no user (`None`) it spends the same
    /// time on a dummy hash and answers false.
    pub async fn verify(&self, phc: Option<&str>, password: &str) -> anyhow::Result<bool> {
        let known = phc.is_some();
        let phc = phc.unwrap_or(&self.dummy_hash).to_owned();
        let password = password.to_owned();
        let matches = self
            .with_memory(move |memory| verify_with(memory, &phc, &password))
            .await?;
        Ok(known && matches)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn hashes_are_argon2id_with_owasp_parameters() {
        let phc = hash_blocking("Welcome-2026").unwrap();
        assert!(phc.starts_with("$argon2id$v=19$m=19456,t=2,p=1$"), "{phc}");
    }

    #[tokio::test]
    async fn verify_accepts_the_right_password_only() {
        let hasher = PasswordHasher::new(1).await.unwrap();
        let phc = hasher.hash("Welcome-2026").await.unwrap();
        assert!(hasher.verify(Some(&phc), "Welcome-2026").await.unwrap());
        assert!(!hasher.verify(Some(&phc), "welcome-2026").await.unwrap());
    }

    #[test]
    fn hashes_made_by_the_argon2_crate_still_verify() {
        use argon2::password_hash::PasswordHasher as _;
        let weaker = Argon2::new(
            Algorithm::Argon2id,
            Version::V0x13,
            Params::new(8_192, 3, 1, None).unwrap(),
        );
        let salt = SaltString::generate(&mut OsRng);
        let phc = weaker
            .hash_password(b"Old-Pass-1", &salt)
            .unwrap()
            .to_string();
        let mut memory = Vec::new();
        assert!(verify_with(&mut memory, &phc, "Old-Pass-1"));
        assert!(!verify_with(&mut memory, &phc, "Old-Pass-2"));
        // Our own hash verifies with the memory the smaller one left behind.
        let ours = hash_blocking("Welcome-2026").unwrap();
        assert!(verify_with(&mut memory, &ours, "Welcome-2026"));
        assert!(!verify_with(&mut memory, "not a hash", "Welcome-2026"));
    }

    #[tokio::test]
    async fn an_unknown_user_never_verifies_even_with_the_dummy_password() {
        let hasher = PasswordHasher::new(1).await.unwrap();
        assert!(!hasher
            .verify(None, "csportal-dummy-password")
            .await
            .unwrap());
    }
}
