use crate::auth::password::PasswordHasher;
use crate::auth::tokens::TokenKeys;
use crate::config::ApiConfig;
use crate::identity::secret_box::SecretBox;
use crate::spa::SpaAssets;
use anyhow::Context;
use domain::Clock;
use persistence::repositories::security_log::{self, ChainKey};
use persistence::{BlobStore, Db};
use std::sync::Arc;

/// Shared by every worker; cheap to clone.
#[derive(Clone)]
pub struct AppState {
    pub db: Db,
    pub config: Arc<ApiConfig>,
    pub clock: Arc<dyn Clock>,
    pub passwords: Arc<PasswordHasher>,
    pub tokens: Arc<TokenKeys>,
    pub spa: Arc<SpaAssets>,
    pub blobs: Arc<BlobStore>,
    /// Seals and opens second-factor secrets.
    pub secrets: Arc<SecretBox>,
    /// Keys the security log's hash chain.
    pub chain_key: Arc<ChainKey>,
    /// This process's Prometheus metrics.
    pub metrics: Arc<crate::metrics::Metrics>,
    /// Slots for zip downloads being built.
    pub zip_slots: Arc<tokio::sync::Semaphore>,
    /// Rows done of the imports running in this process.
    pub imports: Arc<crate::imports::Running>,
}

/// An upload that wrote nothing for this long is no longer being written.
const STALE_UPLOAD: std::time::Duration = std::time::Duration::from_secs(120);

impl AppState {
    /// Builds the state; hashing the dummy password takes a moment (once).
    pub async fn new(db: Db, config: ApiConfig, clock: Arc<dyn Clock>) -> anyhow::Result<Self> {
        if config.jwt_secret.len() < ApiConfig::MIN_SECRET_BYTES {
            anyhow::bail!(
                "the JWT secret must be at least {} bytes",
                ApiConfig::MIN_SECRET_BYTES
            );
        }
        let data_key = config.data_key.clone();
        let zip_slots = config.max_concurrent_zips.max(1);
        let secrets = SecretBox::new(&config.data_key).map_err(|_| {
            anyhow::anyhow!(
                "the data key must be {} bytes (CSPORTAL_DATA_KEY, base64)",
                SecretBox::KEY_BYTES
            )
        })?;
        let passwords = PasswordHasher::new(config.max_concurrent_hashes).await?;
        let tokens = TokenKeys::new(&config);
        let spa = SpaAssets::load(config.static_dir.as_deref());
        let blobs = BlobStore::open(&config.attachments_dir).with_context(|| {
            format!(
                "cannot open the attachment folder {}",
                config.attachments_dir.display()
            )
        })?;
        // Parts a crash left would otherwise wait for the hourly sweep.
        match blobs.clear_stale_incoming(STALE_UPLOAD) {
            Ok(0) => {}
            Ok(removed) => tracing::info!(removed, "removed unfinished uploads left by a stop"),
            Err(err) => tracing::warn!(error = %err, "cannot clear unfinished uploads"),
        }
        let state = Self {
            db,
            config: Arc::new(config),
            clock,
            passwords: Arc::new(passwords),
            tokens: Arc::new(tokens),
            spa: Arc::new(spa),
            blobs: Arc::new(blobs),
            secrets: Arc::new(secrets),
            chain_key: Arc::new(crate::identity::security::chain_key(&data_key)),
            metrics: Arc::new(crate::metrics::Metrics::new()),
            zip_slots: Arc::new(tokio::sync::Semaphore::new(zip_slots)),
            imports: Arc::default(),
        };
        // A chain written before keying is keyed once, as the first server
        // of this version starts.
        let keyed = security_log::key_legacy_chain(&state.db, &state.chain_key).await?;
        if keyed > 0 {
            tracing::info!(keyed, "security log chain keyed");
        }
        // From here on a plain second-factor secret is refused.
        let sealed = crate::identity::mfa::seal_plain_secrets(&state)
            .await
            .map_err(|err| anyhow::anyhow!("sealing second-factor secrets: {err}"))?;
        if sealed > 0 {
            tracing::info!(
                sealed,
                "second-factor secrets from before encryption sealed"
            );
        }
        Ok(state)
    }
}
