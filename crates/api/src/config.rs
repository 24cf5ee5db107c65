use std::path::PathBuf;
use std::time::Duration;

/// What the API needs to know; the server reads it from the environment.
#[derive(Clone)]
pub struct ApiConfig {
    /// HS256 key for access tokens: at least 32 random bytes.
    pub jwt_secret: Vec<u8>,
    /// AES-256 key (32 bytes) for second-factor secrets at rest. Its own key,
    /// so rotating the JWT secret (signing everyone out) keeps enrolments.
    pub data_key: Vec<u8>,
    pub jwt_issuer: String,
    pub jwt_audience: String,
    pub access_token_ttl: Duration,
    pub refresh_token_ttl: Duration,
    /// How long a session lasts from its login however often it is
    /// refreshed: a stolen refresh token is not a key for ever.
    pub session_max_age: Duration,
    /// Portal-support (Admin) and Service users must sign in with a second
    /// factor; they see every parent account.
    pub staff_mfa_required: bool,
    /// Mark the refresh cookie `Secure` (always, unless explicitly served over plain http).
    pub secure_cookies: bool,
    /// Send `Strict-Transport-Security` (only when served over TLS).
    pub hsts: bool,
    /// Largest JSON request body accepted.
    pub max_json_bytes: usize,
    /// A request body is given up when nothing of it arrives for this long.
    pub body_idle_timeout: Duration,
    /// Concurrent password hashes; more wait, so a login flood cannot starve other requests.
    pub max_concurrent_hashes: usize,
    /// The built browser app (`frontend/dist`); None serves a page saying how to build it.
    pub static_dir: Option<PathBuf>,
    /// The attachment blob store's folder.
    pub attachments_dir: PathBuf,
    /// Largest attachment accepted, in bytes.
    pub max_attachment_bytes: u64,
    /// Zip downloads built at once by one server process; more wait (503).
    pub max_concurrent_zips: usize,
    /// Largest import file accepted, in bytes.
    pub max_import_bytes: u64,
    /// How soon the service side answers a case, per priority.
    pub response_targets: domain::ResponseTargets,
    /// Attachment bytes one case may hold in all.
    pub case_attachment_quota_bytes: u64,
    /// Attachment bytes the cases of one parent account may hold in all.
    pub parent_attachment_quota_bytes: u64,
    /// Where case emails go out (`smtp://host:port`, `smtps://...`); None
    /// keeps them queued in the outbox.
    pub smtp_url: Option<String>,
    /// The sender of case emails.
    pub mail_from: String,
    /// The portal's address as users reach it, for links in emails.
    pub public_url: String,
    /// Contact centres (priority-1 cases are phoned in) and case cut-over dates per country.
    pub markets: domain::Markets,
    /// Take the client address from the last `X-Forwarded-For` entry (set it
    /// only behind a reverse proxy that appends it); else the TCP peer.
    pub trust_forwarded_for: bool,
    /// Failed logins one client address may make in 15 minutes before its
    /// login attempts are refused for a while.
    pub login_failures_per_address: u64,
    /// The bearer token `/metrics` wants; None: no `/metrics` at all.
    pub metrics_token: Option<String>,
}

impl std::fmt::Debug for ApiConfig {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("ApiConfig")
            .field("jwt_secret", &"<redacted>")
            .field("data_key", &"<redacted>")
            .field("jwt_issuer", &self.jwt_issuer)
            .field("jwt_audience", &self.jwt_audience)
            .field("access_token_ttl", &self.access_token_ttl)
            .field("refresh_token_ttl", &self.refresh_token_ttl)
            .field("session_max_age", &self.session_max_age)
            .field("staff_mfa_required", &self.staff_mfa_required)
            .field("secure_cookies", &self.secure_cookies)
            .field("hsts", &self.hsts)
            .field("max_json_bytes", &self.max_json_bytes)
            .field("body_idle_timeout", &self.body_idle_timeout)
            .field("max_concurrent_hashes", &self.max_concurrent_hashes)
            .field("static_dir", &self.static_dir)
            .field("attachments_dir", &self.attachments_dir)
            .field("max_attachment_bytes", &self.max_attachment_bytes)
            .field(
                "case_attachment_quota_bytes",
                &self.case_attachment_quota_bytes,
            )
            .field(
                "parent_attachment_quota_bytes",
                &self.parent_attachment_quota_bytes,
            )
            .field("smtp_url", &self.smtp_url.as_ref().map(|_| "<set>"))
            .field("mail_from", &self.mail_from)
            .field("public_url", &self.public_url)
            .field("markets", &self.markets)
            .field("trust_forwarded_for", &self.trust_forwarded_for)
            .field(
                "login_failures_per_address",
                &self.login_failures_per_address,
            )
            .field(
                "metrics_token",
                &self.metrics_token.as_ref().map(|_| "<set>"),
            )
            .finish()
    }
}

impl ApiConfig {
    pub const MIN_SECRET_BYTES: usize = 32;

    /// Defaults for everything but the secret; a data key of this process
    /// only (the server sets a lasting one).
    pub fn with_secret(jwt_secret: Vec<u8>) -> Self {
        let mut data_key = vec![0u8; crate::identity::secret_box::SecretBox::KEY_BYTES];
        rand::RngCore::fill_bytes(&mut rand::rngs::OsRng, &mut data_key);
        Self {
            jwt_secret,
            data_key,
            jwt_issuer: "csportal".into(),
            jwt_audience: "csportal-api".into(),
            access_token_ttl: Duration::from_secs(15 * 60),
            refresh_token_ttl: Duration::from_secs(14 * 24 * 3600),
            session_max_age: Duration::from_secs(12 * 3600),
            staff_mfa_required: true,
            secure_cookies: true,
            hsts: false,
            max_json_bytes: 64 * 1024,
            body_idle_timeout: Duration::from_secs(30),
            // One hash per core: more only queues inside the OS and holds more 19 MiB memories.
            max_concurrent_hashes: std::thread::available_parallelism().map_or(2, |n| n.get()),
            static_dir: None,
            attachments_dir: PathBuf::from("./data/attachments"),
            max_attachment_bytes: 25 * 1024 * 1024,
            // Each reads every file of a case from disk: a few at a time.
            max_concurrent_zips: 2,
            response_targets: domain::ResponseTargets::default(),
            // A 100,000-row installed base is about 20 MB.
            max_import_bytes: 256 * 1024 * 1024,
            // Twenty full-size files per case; 50 GB per customer.
            case_attachment_quota_bytes: 500 * 1024 * 1024,
            parent_attachment_quota_bytes: 50 * 1024 * 1024 * 1024,
            smtp_url: None,
            mail_from: "Customer Services Portal <no-reply@csportal.invalid>".into(),
            public_url: "http://127.0.0.1:8080".into(),
            markets: default_markets(),
            trust_forwarded_for: false,
            login_failures_per_address: 20,
            metrics_token: None,
        }
    }
}

/// The demo installation's contact centres: invented numbers, so they are
/// used only with the demo data (`serve --demo`, the tests). A real
/// installation names its own (`CSPORTAL_CONTACT_CENTRES`); a country without
/// one tells users to phone their local service organisation.
pub const DEMO_CONTACT_CENTRES: &str =
    "NL=+31 40 279 1111, DK=+45 43 29 1111, DE=+49 40 5078 1111, GB=+44 1483 79 1111";
/// The markets' moves to the current platform, as the service FAQ lists them:
/// 1 October 2018 for Australia and New Zealand, South Korea, the United
/// Kingdom and Ireland, the Netherlands and Germany. Markets with "no historic
/// data available" (Central Eastern Europe, Middle East and Turkey) and those
/// that started on the platform (Denmark) are left out: no historical cases.
pub const DEFAULT_CASE_CUTOVERS: &str = "AU=2018-10-01, NZ=2018-10-01, KR=2018-10-01, \
GB=2018-10-01, IE=2018-10-01, NL=2018-10-01, DE=2018-10-01";

fn default_markets() -> domain::Markets {
    domain::Markets::parse("", DEFAULT_CASE_CUTOVERS).unwrap_or_default()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn staff_need_a_second_factor_and_sessions_end_within_a_day_unless_configured_otherwise() {
        let config = ApiConfig::with_secret(vec![7; 32]);
        assert!(config.staff_mfa_required);
        assert_eq!(config.session_max_age, Duration::from_secs(12 * 3600));
    }
}
