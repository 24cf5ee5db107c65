//! Who is signed in. The access token lives in memory only (never in
//! localStorage); after a reload the HttpOnly refresh cookie restores the
//! session through `POST /auth/refresh`.

use crate::api::{Api, ApiError, LoginRefused};
use crate::format::{date_format_from_setting, time_format_from_setting, Dates};
use crate::i18n::{browser_language, language_from_setting, texts, Texts};
use api_types::{
    ChangePasswordRequest, LoginRequest, MeResponse, MfaCodeRequest, MfaSetupResponse,
    PasswordConfirmation, ProblemCode, RoleDto, TokenResponse,
};
use domain::{Action, DateFormat, Language, Role, TimeFormat};
use futures::future::{FutureExt, LocalBoxFuture, Shared};
use leptos::prelude::*;

/// Whether anyone is signed in. `Unknown` until the start-up refresh answers.
/// What a password change led to.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum PasswordChanged {
    /// A session with the new password.
    SignedIn,
    /// The password is set; a second factor must be enrolled before a session.
    EnrolSecondFactor,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum AuthStatus {
    Unknown,
    SignedIn,
    SignedOut,
}

/// A refresh in flight, shared by every call that needs it: refresh tokens
/// rotate, so two parallel refreshes with the same cookie would fail.
type SharedRefresh = Shared<LocalBoxFuture<'static, Result<String, ApiError>>>;

/// The auth context: cheap to copy, read it with [`use_auth`].
#[derive(Clone, Copy)]
pub struct Auth {
    token: StoredValue<Option<String>>,
    me: RwSignal<Option<MeResponse>>,
    status: RwSignal<AuthStatus>,
    status_memo: Memo<AuthStatus>,
    language: Memo<Language>,
    refreshing: StoredValue<Option<SharedRefresh>, LocalStorage>,
    /// The restricted token of a `password_expired` login (valid 15
    /// minutes, good only for setting a new password): memory only.
    password_change: StoredValue<Option<String>>,
    /// The restricted token of an `mfa_enrollment_required` login (valid 15
    /// minutes, good only for enrolling a second factor): memory only.
    mfa_enrollment: StoredValue<Option<String>>,
}

/// Creates the auth context at the root of the app.
pub fn provide_auth_context() -> Auth {
    let me = RwSignal::new(None::<MeResponse>);
    let status = RwSignal::new(AuthStatus::Unknown);
    let browser = browser_language();
    let auth = Auth {
        token: StoredValue::new(None),
        me,
        status,
        status_memo: Memo::new(move |_| status.get()),
        language: Memo::new(move |_| {
            me.with(|me| {
                me.as_ref()
                    .map(|me| language_from_setting(&me.settings.language))
            })
            .unwrap_or(browser)
        }),
        refreshing: StoredValue::new_local(None),
        password_change: StoredValue::new(None),
        mfa_enrollment: StoredValue::new(None),
    };
    provide_context(auth);
    auth
}

/// The auth context provided by the app root.
pub fn use_auth() -> Auth {
    expect_context::<Auth>()
}

/// The texts of the current language: the user's setting once signed in, the
/// browser's language before that.
pub fn use_texts() -> Signal<&'static Texts> {
    let auth = use_auth();
    Signal::derive(move || texts(auth.language.get()))
}

impl Auth {
    /// The API client, sending this session's access token.
    pub fn api(self) -> Api {
        Api::new(self)
    }

    pub fn status(self) -> AuthStatus {
        self.status_memo.get()
    }

    pub fn language(self) -> Language {
        self.language.get()
    }

    /// The signed-in user's display name (empty while signed out).
    pub fn display_name(self) -> String {
        self.me.with(|me| {
            me.as_ref()
                .map(|me| me.display_name.clone())
                .unwrap_or_default()
        })
    }

    /// How the signed-in user wants dates written (ISO before sign-in).
    pub fn date_format(self) -> DateFormat {
        self.me.with(|me| {
            me.as_ref()
                .map(|me| date_format_from_setting(&me.settings.date_format))
                .unwrap_or_default()
        })
    }

    /// How the signed-in user wants times written (24 hours before sign-in).
    pub fn time_format(self) -> TimeFormat {
        self.me.with(|me| {
            me.as_ref()
                .map(|me| time_format_from_setting(&me.settings.time_format))
                .unwrap_or_default()
        })
    }

    /// Whether the signed-in user's role may ever do `action` (hides the
    /// controls a Viewer would only get a 403 from); false while signed out.
    pub fn may(self, action: Action) -> bool {
        self.me.with(|me| {
            me.as_ref()
                .is_some_and(|me| domain::policy::role_allows(domain_role(me.role), action))
        })
    }

    /// The signed-in user's IANA time zone (UTC before sign-in).
    pub fn time_zone(self) -> String {
        self.me.with(|me| {
            me.as_ref()
                .map_or_else(|| "UTC".to_owned(), |me| me.settings.time_zone.clone())
        })
    }

    /// How the signed-in user writes dates and times, and their zone.
    pub fn dates(self) -> Dates {
        (self.date_format(), self.time_format(), self.time_zone())
    }

    /// At start-up: trade the refresh cookie, if any, for an access token.
    pub async fn restore(self) {
        if self.refresh_shared().await.is_err() {
            self.sign_out_locally();
            return;
        }
        match self.api().me().await {
            Ok(me) => self.signed_in(me),
            Err(err) => {
                leptos::logging::warn!("restoring the session failed: {err}");
                self.sign_out_locally();
            }
        }
    }

    /// The signed-in user, if any (read reactively).
    pub fn me(self) -> Option<MeResponse> {
        self.me.get()
    }

    /// The signed-in user's role (None while signed out).
    pub fn role(self) -> Option<RoleDto> {
        self.me.with(|me| me.as_ref().map(|me| me.role))
    }

    /// After `PATCH /me/settings`: the whole app follows the new language,
    /// zone and formats at once.
    pub fn update_me(self, me: MeResponse) {
        self.me.set(Some(me));
    }

    /// Logs in with a user name and password (and, for an account with a
    /// second factor, its code), then loads the user. A correct password
    /// older than 90 days, or without the second factor the parent account
    /// requires, keeps the answer's `restricted_token` (see
    /// [`Auth::password_change_pending`], [`Auth::mfa_enrollment_pending`]).
    pub async fn login(
        self,
        username: String,
        password: String,
        mfa_code: Option<String>,
    ) -> Result<(), LoginRefused> {
        self.password_change.set_value(None);
        self.mfa_enrollment.set_value(None);
        let tokens = match self
            .api()
            .login(&LoginRequest {
                username,
                password,
                mfa_code,
            })
            .await
        {
            Ok(tokens) => tokens,
            Err(refused) => {
                if let ApiError::Problem(p) = &refused.error {
                    let slot = match p.code {
                        ProblemCode::PasswordExpired => Some(self.password_change),
                        ProblemCode::MfaEnrollmentRequired => Some(self.mfa_enrollment),
                        _ => None,
                    };
                    if let Some(slot) = slot {
                        slot.set_value(p.restricted_token.clone());
                    }
                }
                return Err(refused);
            }
        };
        self.start_session(tokens).await?;
        Ok(())
    }

    /// Whether an `mfa_enrollment_required` login left a token for enrolling
    /// a second factor (read once, not tracked).
    pub fn mfa_enrollment_pending(self) -> bool {
        self.mfa_enrollment.with_value(Option::is_some)
    }

    /// Starts enrolling (or replacing) a second factor (`POST
    /// /me/mfa/setup`): with the token of an `mfa_enrollment_required` login
    /// when there is one, which needs no confirmation (`None`), else with
    /// the session's, confirmed with the password (and, when a factor is
    /// on, a current code).
    pub async fn mfa_setup(
        self,
        confirmation: Option<PasswordConfirmation>,
    ) -> Result<MfaSetupResponse, ApiError> {
        // The server ignores the body with the restricted token.
        let request = confirmation.unwrap_or(PasswordConfirmation {
            password: String::new(),
            code: None,
        });
        self.api()
            .or_restricted(self.mfa_enrollment)
            .mfa_setup(&request)
            .await
    }

    /// Confirms the enrolment with a code (`POST /me/mfa/enable`) and answers
    /// the recovery codes. Enrolled with the restricted token, the answer
    /// carries a session, which starts here like after a login.
    pub async fn mfa_enable(self, code: String) -> Result<Vec<String>, ApiError> {
        let request = MfaCodeRequest { code };
        let answer = self
            .api()
            .or_restricted(self.mfa_enrollment)
            .mfa_enable(&request)
            .await?;
        self.mfa_enrollment.set_value(None);
        match answer.session {
            // The codes are shown whatever happens here: they exist now.
            Some(tokens) => {
                if let Err(err) = self.start_session(tokens).await {
                    leptos::logging::warn!("starting the session after enrolment failed: {err}");
                }
            }
            None => self.set_mfa_state(Some(true), None),
        }
        Ok(answer.recovery_codes)
    }

    /// Notes a change of the signed-in user's second factor (`enabled`) or
    /// of the parent account's requirement (`required`).
    pub fn set_mfa_state(self, enabled: Option<bool>, required: Option<bool>) {
        self.me.update(|me| {
            if let Some(me) = me {
                me.mfa_enabled = enabled.unwrap_or(me.mfa_enabled);
                me.mfa_required = required.unwrap_or(me.mfa_required);
            }
        });
    }

    /// Loads the signed-in user again (`GET /me`), for state another user
    /// may have changed, such as the parent account's requirement.
    pub async fn reload_me(self) {
        match self.api().me().await {
            Ok(me) => {
                if self.me.with_untracked(|old| old.as_ref() != Some(&me)) {
                    self.me.set(Some(me));
                }
            }
            Err(err) => leptos::logging::warn!("reloading the user failed: {err}"),
        }
    }

    /// Whether a `password_expired` login left a token for setting a new
    /// password (read once, not tracked).
    pub fn password_change_pending(self) -> bool {
        self.password_change.with_value(Option::is_some)
    }

    /// Changes the password (`POST /auth/password`): with the token of a
    /// `password_expired` login when there is one, else with the session's.
    /// The answer is a new session, which replaces this one.
    pub async fn change_password(
        self,
        request: ChangePasswordRequest,
    ) -> Result<PasswordChanged, ApiError> {
        let answer = self
            .api()
            .or_restricted(self.password_change)
            .change_password(&request)
            .await;
        let tokens = match answer {
            Ok(tokens) => tokens,
            // Changed, but the organisation requires a second factor before
            // any session: enrol with the answer's restricted token.
            Err(ApiError::Problem(p)) if p.code == ProblemCode::MfaEnrollmentRequired => {
                self.password_change.set_value(None);
                self.mfa_enrollment.set_value(p.restricted_token.clone());
                return Ok(PasswordChanged::EnrolSecondFactor);
            }
            Err(err) => return Err(err),
        };
        if self.password_change.get_value().is_some() {
            self.start_session(tokens).await?;
            self.password_change.set_value(None);
        } else {
            self.token.set_value(Some(tokens.access_token));
        }
        Ok(PasswordChanged::SignedIn)
    }

    /// Takes a new pair of tokens (the refresh token came as a cookie too)
    /// and loads the user.
    async fn start_session(self, tokens: TokenResponse) -> Result<(), ApiError> {
        let me = self.api().me_with(&tokens.access_token).await?;
        self.token.set_value(Some(tokens.access_token));
        self.signed_in(me);
        Ok(())
    }

    /// Logs out on the server (revoking the refresh token and clearing its
    /// cookie), then forgets everything here.
    pub async fn logout(self) {
        self.password_change.set_value(None);
        self.mfa_enrollment.set_value(None);
        if self.token.with_value(Option::is_some) {
            if let Err(err) = self.api().logout().await {
                leptos::logging::warn!("logout failed: {err}");
            }
        }
        self.sign_out_locally();
    }

    /// Ends every session of the user on the server, this one included,
    /// then forgets everything here.
    pub async fn logout_everywhere(self) -> Result<(), ApiError> {
        self.api().logout_everywhere().await?;
        self.sign_out_locally();
        Ok(())
    }

    /// The session's access token, for the API client.
    pub(crate) fn access_token(self) -> Option<String> {
        self.token.get_value()
    }

    /// One refresh at a time; concurrent callers await the same one.
    pub(crate) async fn refresh_shared(self) -> Result<String, ApiError> {
        let in_flight = self.refreshing.with_value(Clone::clone);
        let refresh = match in_flight {
            Some(refresh) => refresh,
            None => {
                let fut: LocalBoxFuture<'static, Result<String, ApiError>> =
                    async move { self.api().refresh().await.map(|tokens| tokens.access_token) }
                        .boxed_local();
                let refresh = fut.shared();
                self.refreshing.set_value(Some(refresh.clone()));
                refresh
            }
        };
        let result = refresh.clone().await;
        self.refreshing.update_value(|slot| {
            if slot
                .as_ref()
                .is_some_and(|current| current.ptr_eq(&refresh))
            {
                *slot = None;
            }
        });
        if let Ok(token) = &result {
            self.token.set_value(Some(token.clone()));
        }
        result
    }

    fn signed_in(self, me: MeResponse) {
        self.me.set(Some(me));
        self.status.set(AuthStatus::SignedIn);
    }

    /// Forgets the session here (the app goes back to the login page).
    pub(crate) fn sign_out_locally(self) {
        self.token.set_value(None);
        self.me.set(None);
        self.status.set(AuthStatus::SignedOut);
    }
}

/// The domain's role for the API's.
pub const fn domain_role(role: RoleDto) -> Role {
    match role {
        RoleDto::Viewer => Role::Viewer,
        RoleDto::User => Role::User,
        RoleDto::Manager => Role::Manager,
        RoleDto::Service => Role::Service,
        RoleDto::Admin => Role::Admin,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use domain::policy::role_allows;

    #[test]
    fn viewers_may_not_create_cases_users_and_managers_may() {
        let may = |role| role_allows(domain_role(role), Action::CreateCase);
        assert!(!may(RoleDto::Viewer));
        assert!(may(RoleDto::User));
        assert!(may(RoleDto::Manager));
        assert!(!role_allows(
            domain_role(RoleDto::Viewer),
            Action::AddCaseActivity
        ));
    }
}
