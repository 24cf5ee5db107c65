use crate::auth::password::PasswordHasher;
use crate::auth::tokens::TokenKeys;
use crate::config::ApiConfig;
use crate::identity::secret_box::SecretBox;
use crate::spa::SpaAssets;
use anyhow::Context;
use domain::Clock;
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
}

impl AppState {
    /// Builds the state; hashing the dummy password takes a moment (once).
    pub async fn new(db: Db, config: ApiConfig, clock: Arc<dyn Clock>) -> anyhow::Result<Self> {
        if config.jwt_secret.len() < ApiConfig::MIN_SECRET_BYTES {
            anyhow::bail!(
                "the JWT secret must be at least {} bytes",
                ApiConfig::MIN_SECRET_BYTES
            );
        }
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
        Ok(Self {
            db,
            config: Arc::new(config),
            clock,
            passwords: Arc::new(passwords),
            tokens: Arc::new(tokens),
            spa: Arc::new(spa),
            blobs: Arc::new(blobs),
            secrets: Arc::new(secrets),
        })
    }
}
