//! Who is signed in. The access token lives in memory only (never in
//! localStorage); after a reload the HttpOnly refresh cookie restores the
//! session through `POST /auth/refresh`.

use crate::api::{client, ApiError};
use crate::format::{date_format_from_setting, time_format_from_setting};
use crate::i18n::{browser_language, language_from_setting, texts, Texts};
use api_types::{LoginRequest, MeResponse, ProblemCode, ProblemDetails, RoleDto};
use domain::{Action, DateFormat, Language, Role, TimeFormat};
use futures::future::{FutureExt, LocalBoxFuture, Shared};
use leptos::prelude::*;
use std::future::Future;

/// Whether anyone is signed in. `Unknown` until the start-up refresh answers.
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

    /// At start-up: trade the refresh cookie, if any, for an access token.
    pub async fn restore(self) {
        if self.refresh_shared().await.is_err() {
            self.sign_out_locally();
            return;
        }
        match self
            .call(|token| async move { client::me(&token).await })
            .await
        {
            Ok(me) => self.signed_in(me),
            Err(err) => {
                leptos::logging::warn!("restoring the session failed: {err}");
                self.sign_out_locally();
            }
        }
    }

    /// Logs in with a user name and password, then loads the user.
    pub async fn login(self, username: String, password: String) -> Result<(), ApiError> {
        let tokens = client::login(&LoginRequest { username, password }).await?;
        let me = client::me(&tokens.access_token).await?;
        self.token.set_value(Some(tokens.access_token));
        self.signed_in(me);
        Ok(())
    }

    /// Logs out on the server (revoking the refresh token and clearing its
    /// cookie), then forgets everything here.
    pub async fn logout(self) {
        if self.token.with_value(Option::is_some) {
            if let Err(err) = self
                .call(|token| async move { client::logout(&token).await })
                .await
            {
                leptos::logging::warn!("logout failed: {err}");
            }
        }
        self.sign_out_locally();
    }

    /// Runs an authenticated call. When the access token was refused as
    /// expired, refreshes once and retries; when that fails too, the session
    /// is over and the app goes back to the login page.
    pub async fn call<T, F, Fut>(self, request: F) -> Result<T, ApiError>
    where
        F: Fn(String) -> Fut,
        Fut: Future<Output = Result<T, ApiError>>,
    {
        let Some(token) = self.token.get_value() else {
            self.sign_out_locally();
            return Err(not_signed_in());
        };
        match request(token.clone()).await {
            Err(err) if err.is_invalid_token() => {
                // Another call may have refreshed while this one was on its way.
                let fresh = match self.token.get_value() {
                    Some(current) if current != token => current,
                    _ => match self.refresh_shared().await {
                        Ok(fresh) => fresh,
                        Err(refresh_err) => {
                            self.sign_out_locally();
                            return Err(refresh_err);
                        }
                    },
                };
                let result = request(fresh).await;
                if matches!(&result, Err(err) if err.is_invalid_token()) {
                    self.sign_out_locally();
                }
                result
            }
            other => other,
        }
    }

    /// One refresh at a time; concurrent callers await the same one.
    async fn refresh_shared(self) -> Result<String, ApiError> {
        let in_flight = self.refreshing.with_value(Clone::clone);
        let refresh = match in_flight {
            Some(refresh) => refresh,
            None => {
                let fut: LocalBoxFuture<'static, Result<String, ApiError>> =
                    async { client::refresh().await.map(|tokens| tokens.access_token) }
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

    fn sign_out_locally(self) {
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

/// The error of a call made while nobody is signed in.
fn not_signed_in() -> ApiError {
    ApiError::Problem(ProblemDetails {
        type_uri: "about:blank".to_owned(),
        title: "Unauthorized".to_owned(),
        status: 401,
        detail: "Not signed in.".to_owned(),
        code: ProblemCode::Unauthenticated,
        request_id: None,
        errors: Vec::new(),
        password_change_token: None,
    })
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
