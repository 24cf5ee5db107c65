//! Configuration from environment variables; every one has a default so that
//! `csportal serve` with none runs an embedded portal under `./data/`.

use anyhow::{bail, Context};
use api::ApiConfig;
use base64::engine::general_purpose::STANDARD;
use base64::Engine;
use rand::RngCore;
use std::path::{Path, PathBuf};
use std::time::Duration;

pub struct Settings {
    pub bind: String,
    pub database_url: String,
    pub workers: usize,
    pub seed_demo_when_empty: bool,
    pub log_filter: String,
    pub log_json: bool,
    pub api: ApiConfig,
}

fn var(name: &str) -> Option<String> {
    std::env::var(name).ok().filter(|v| !v.trim().is_empty())
}

fn parse_var<T: std::str::FromStr>(name: &str, default: T) -> anyhow::Result<T> {
    match var(name) {
        None => Ok(default),
        Some(raw) => raw
            .trim()
            .parse()
            .map_err(|_| anyhow::anyhow!("{name}={raw:?} is not a valid value")),
    }
}

fn parse_bool(name: &str, default: bool) -> anyhow::Result<bool> {
    match var(name).as_deref().map(str::to_ascii_lowercase).as_deref() {
        None => Ok(default),
        Some("1" | "true" | "yes" | "on") => Ok(true),
        Some("0" | "false" | "no" | "off") => Ok(false),
        Some(other) => bail!("{name}={other:?}: use true or false"),
    }
}

/// The secret from CSPORTAL_JWT_SECRET, or one generated once and kept in the
/// data folder (fine for one node; several nodes must share the variable).
fn jwt_secret(data_dir: &Path) -> anyhow::Result<Vec<u8>> {
    if let Some(secret) = var("CSPORTAL_JWT_SECRET") {
        let bytes = STANDARD
            .decode(secret.trim())
            .unwrap_or_else(|_| secret.into_bytes());
        if bytes.len() < ApiConfig::MIN_SECRET_BYTES {
            bail!(
                "CSPORTAL_JWT_SECRET must hold at least {} bytes (e.g. `openssl rand -base64 32`)",
                ApiConfig::MIN_SECRET_BYTES
            );
        }
        return Ok(bytes);
    }
    let path = data_dir.join("jwt-secret");
    if let Ok(existing) = std::fs::read_to_string(&path) {
        if let Ok(bytes) = STANDARD.decode(existing.trim()) {
            if bytes.len() >= ApiConfig::MIN_SECRET_BYTES {
                return Ok(bytes);
            }
        }
    }
    let mut bytes = vec![0u8; 32];
    rand::rngs::OsRng.fill_bytes(&mut bytes);
    write_private(&path, &STANDARD.encode(&bytes))
        .with_context(|| format!("cannot write {}", path.display()))?;
    Ok(bytes)
}

fn write_private(path: &Path, contents: &str) -> std::io::Result<()> {
    use std::io::Write;
    let mut options = std::fs::OpenOptions::new();
    options.write(true).create(true).truncate(true);
    #[cfg(unix)]
    {
        use std::os::unix::fs::OpenOptionsExt;
        options.mode(0o600);
    }
    let mut file = options.open(path)?;
    file.write_all(contents.as_bytes())?;
    file.sync_all()
}

impl Settings {
    pub fn from_env() -> anyhow::Result<Self> {
        let data_dir = PathBuf::from(var("CSPORTAL_DATA_DIR").unwrap_or_else(|| "./data".into()));
        std::fs::create_dir_all(&data_dir)
            .with_context(|| format!("cannot create the data folder {}", data_dir.display()))?;
        let database_url = var("DATABASE_URL").unwrap_or_else(|| {
            format!(
                "sqlite://{}?mode=rwc",
                data_dir.join("csportal.db").display()
            )
        });
        let static_dir = var("CSPORTAL_STATIC_DIR").map(PathBuf::from).or_else(|| {
            Some(PathBuf::from("frontend/dist")).filter(|d| d.join("index.html").is_file())
        });

        let mut api = ApiConfig::with_secret(jwt_secret(&data_dir)?);
        api.access_token_ttl =
            Duration::from_secs(parse_var("CSPORTAL_ACCESS_TOKEN_TTL_SECONDS", 900u64)?);
        api.refresh_token_ttl = Duration::from_secs(parse_var(
            "CSPORTAL_REFRESH_TOKEN_TTL_SECONDS",
            14 * 24 * 3600u64,
        )?);
        api.secure_cookies = parse_bool("CSPORTAL_SECURE_COOKIES", true)?;
        api.hsts = parse_bool("CSPORTAL_HSTS", false)?;
        api.max_json_bytes = parse_var("CSPORTAL_MAX_JSON_BYTES", 64 * 1024usize)?;
        api.static_dir = static_dir;
        api.attachments_dir = var("CSPORTAL_ATTACHMENTS_DIR")
            .map_or_else(|| data_dir.join("attachments"), PathBuf::from);
        api.smtp_url = var("CSPORTAL_SMTP_URL");
        if let Some(from) = var("CSPORTAL_MAIL_FROM") {
            api.mail_from = from;
        }
        if let Some(url) = var("CSPORTAL_PUBLIC_URL") {
            api.public_url = url;
        }
        api.trust_forwarded_for = parse_bool("CSPORTAL_TRUST_FORWARDED_FOR", false)?;
        api.login_failures_per_address = parse_var("CSPORTAL_LOGIN_FAILURES_PER_ADDRESS", 20u64)?;
        api.max_attachment_bytes = parse_var("CSPORTAL_MAX_ATTACHMENT_BYTES", 25 * 1024 * 1024u64)?;
        api.markets = domain::Markets::parse(
            &var("CSPORTAL_CONTACT_CENTRES")
                .unwrap_or_else(|| api::config::DEFAULT_CONTACT_CENTRES.into()),
            &var("CSPORTAL_CASE_CUTOVERS")
                .unwrap_or_else(|| api::config::DEFAULT_CASE_CUTOVERS.into()),
        )?;

        let cores = std::thread::available_parallelism()
            .map(|n| n.get())
            .unwrap_or(2);
        Ok(Self {
            bind: var("CSPORTAL_BIND").unwrap_or_else(|| "127.0.0.1:8080".into()),
            database_url,
            workers: parse_var("CSPORTAL_WORKERS", cores)?,
            seed_demo_when_empty: parse_bool("CSPORTAL_SEED_DEMO", true)?,
            log_filter: var("CSPORTAL_LOG").unwrap_or_else(|| "info".into()),
            log_json: var("CSPORTAL_LOG_FORMAT").as_deref() != Some("text"),
            api,
        })
    }

    /// The URL without its password, for messages.
    pub fn database_url_redacted(&self) -> String {
        match (self.database_url.find("://"), self.database_url.rfind('@')) {
            (Some(scheme_end), Some(at)) if at > scheme_end => {
                let credentials = &self.database_url[scheme_end + 3..at];
                let user = credentials.split(':').next().unwrap_or_default();
                format!(
                    "{}://{user}:***{}",
                    &self.database_url[..scheme_end],
                    &self.database_url[at..]
                )
            }
            _ => self.database_url.clone(),
        }
    }
}
