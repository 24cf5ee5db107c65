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

/// Text that is not base64 must be at least this long to pass as a key.
const MIN_TEXT_SECRET_CHARS: usize = 64;

/// The secret from CSPORTAL_JWT_SECRET, or one generated once and kept in the
/// data folder (fine for one node; several nodes must share the variable).
fn jwt_secret(data_dir: &Path) -> anyhow::Result<Vec<u8>> {
    if let Some(secret) = var("CSPORTAL_JWT_SECRET") {
        // A random key in base64, or else text long enough that a person's
        // passphrase is refused: anyone holding one token can try guesses
        // of the key offline, as fast as they like.
        let bytes = match STANDARD.decode(secret.trim()) {
            Ok(bytes) => bytes,
            Err(_) if secret.chars().count() >= MIN_TEXT_SECRET_CHARS => secret.into_bytes(),
            Err(_) => Vec::new(),
        };
        if bytes.len() < ApiConfig::MIN_SECRET_BYTES {
            bail!(
                "CSPORTAL_JWT_SECRET must be a random key of at least {} bytes in base64 \
                 (e.g. `openssl rand -base64 32`), not a passphrase",
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
    new_kept_key(&path, 32)
}

/// The key for second-factor secrets at rest: CSPORTAL_DATA_KEY (32 bytes,
/// base64), or one generated once and kept in the data folder (fine for one
/// node; several nodes must share the variable, or their users' second
/// factors stop working on the nodes that did not enrol them).
fn data_key(data_dir: &Path) -> anyhow::Result<Vec<u8>> {
    const BYTES: usize = api::identity::secret_box::SecretBox::KEY_BYTES;
    if let Some(key) = var("CSPORTAL_DATA_KEY") {
        return match STANDARD.decode(key.trim()) {
            Ok(bytes) if bytes.len() == BYTES => Ok(bytes),
            _ => bail!("CSPORTAL_DATA_KEY must be {BYTES} bytes in base64 (e.g. `openssl rand -base64 32`)"),
        };
    }
    let path = data_dir.join("data-key");
    if let Ok(existing) = std::fs::read_to_string(&path) {
        return match STANDARD.decode(existing.trim()) {
            Ok(bytes) if bytes.len() == BYTES => Ok(bytes),
            // Never replace it: secrets sealed with it would be lost.
            _ => bail!(
                "{} is not a {BYTES}-byte base64 key; restore it or set CSPORTAL_DATA_KEY",
                path.display()
            ),
        };
    }
    new_kept_key(&path, BYTES)
}

/// `len` random bytes, kept in base64 at `path`, readable by the owner only.
fn new_kept_key(path: &Path, len: usize) -> anyhow::Result<Vec<u8>> {
    let mut bytes = vec![0u8; len];
    rand::rngs::OsRng.fill_bytes(&mut bytes);
    write_private(path, &STANDARD.encode(&bytes))
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

        // Keys apart from the database where the operator can: a copy of
        // the data folder (a backup) then holds no key.
        let keys_dir = var("CSPORTAL_KEYS_DIR").map_or_else(|| data_dir.clone(), PathBuf::from);
        std::fs::create_dir_all(&keys_dir)
            .with_context(|| format!("cannot create the keys folder {}", keys_dir.display()))?;
        let mut api = ApiConfig::with_secret(jwt_secret(&keys_dir)?);
        api.data_key = data_key(&keys_dir)?;
        api.access_token_ttl =
            Duration::from_secs(parse_var("CSPORTAL_ACCESS_TOKEN_TTL_SECONDS", 900u64)?);
        api.refresh_token_ttl = Duration::from_secs(parse_var(
            "CSPORTAL_REFRESH_TOKEN_TTL_SECONDS",
            14 * 24 * 3600u64,
        )?);
        api.session_max_age =
            Duration::from_secs(parse_var("CSPORTAL_SESSION_HOURS", 12u64)? * 3600);
        api.staff_mfa_required = parse_bool("CSPORTAL_STAFF_MFA_REQUIRED", true)?;
        if let Some(spec) = var("CSPORTAL_RESPONSE_TARGETS") {
            api.response_targets = domain::ResponseTargets::parse(&spec)
                .with_context(|| format!("CSPORTAL_RESPONSE_TARGETS={spec}"))?;
        }
        api.secure_cookies = parse_bool("CSPORTAL_SECURE_COOKIES", true)?;
        api.max_json_bytes = parse_var("CSPORTAL_MAX_JSON_BYTES", 64 * 1024usize)?;
        api.max_import_bytes = parse_var("CSPORTAL_MAX_IMPORT_BYTES", api.max_import_bytes)?;
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
        // Users reach it over TLS (at a proxy, most likely): browsers must
        // never fall back to plain http for it.
        api.hsts = parse_bool("CSPORTAL_HSTS", api.public_url.starts_with("https://"))?;
        api.trust_forwarded_for = parse_bool("CSPORTAL_TRUST_FORWARDED_FOR", false)?;
        api.login_failures_per_address = parse_var("CSPORTAL_LOGIN_FAILURES_PER_ADDRESS", 20u64)?;
        api.metrics_token = match var("CSPORTAL_METRICS_TOKEN") {
            Some(token) if token.trim().chars().count() < 24 => bail!(
                "CSPORTAL_METRICS_TOKEN must be at least 24 characters (e.g. `openssl rand -base64 24`)"
            ),
            token => token.map(|t| t.trim().to_owned()),
        };
        api.max_attachment_bytes = parse_var("CSPORTAL_MAX_ATTACHMENT_BYTES", 25 * 1024 * 1024u64)?;
        api.case_attachment_quota_bytes = parse_var(
            "CSPORTAL_CASE_ATTACHMENT_QUOTA_BYTES",
            api.case_attachment_quota_bytes,
        )?;
        api.parent_attachment_quota_bytes = parse_var(
            "CSPORTAL_PARENT_ATTACHMENT_QUOTA_BYTES",
            api.parent_attachment_quota_bytes,
        )?;
        api.markets = domain::Markets::parse(
            &var("CSPORTAL_CONTACT_CENTRES").unwrap_or_default(),
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

#[cfg(test)]
mod tests {
    use super::*;

    // Without CSPORTAL_DATA_KEY (never set where the tests run).
    #[test]
    fn the_data_key_is_made_once_and_never_replaced() {
        let dir = tempfile::tempdir().unwrap();
        let first = data_key(dir.path()).unwrap();
        assert_eq!(first.len(), 32);
        assert_eq!(data_key(dir.path()).unwrap(), first);
        #[cfg(unix)]
        {
            use std::os::unix::fs::PermissionsExt;
            let mode = std::fs::metadata(dir.path().join("data-key"))
                .unwrap()
                .permissions()
                .mode();
            assert_eq!(
                mode & 0o077,
                0,
                "the key file is readable by others: {mode:o}"
            );
        }
        // A damaged key file stops the start instead of silently losing
        // every sealed second-factor secret.
        std::fs::write(dir.path().join("data-key"), "not a key").unwrap();
        let refused = data_key(dir.path()).unwrap_err().to_string();
        assert!(refused.contains("data-key"), "{refused}");
        assert_eq!(
            std::fs::read_to_string(dir.path().join("data-key")).unwrap(),
            "not a key"
        );
    }
}
