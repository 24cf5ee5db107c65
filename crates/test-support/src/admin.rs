//! User administration and the security log through the API: the steps the
//! identity, account-change, second-factor and lockout tests share.

use crate::TestApp;
use api_types::{SecurityLogPage, UpdateUserRequest, UserPage, UserSummary};
use reqwest::{Method, Response};

impl TestApp {
    /// The user `username` as the Manager or Admin holding `access_token`
    /// finds them (fails the test when they are not found).
    pub async fn user_named(&self, access_token: &str, username: &str) -> UserSummary {
        let path = format!("/api/v1/users?q={username}");
        let page: UserPage = self.get_json(&path, access_token).await;
        page.items
            .into_iter()
            .find(|u| u.username == username)
            .unwrap_or_else(|| panic!("no user {username}"))
    }

    /// PATCHes `user` (at the version it has) with `changes`.
    pub async fn patch_user(
        &self,
        access_token: &str,
        user: &UserSummary,
        changes: &UpdateUserRequest,
    ) -> Response {
        let path = format!("/api/v1/users/{}", user.id);
        self.send_json_if_match(Method::PATCH, &path, access_token, user.version, changes)
            .await
    }

    /// The security log as the holder of `access_token` sees it, selected by
    /// `query` (`event=account_locked&page_size=200`).
    pub async fn security_log(&self, access_token: &str, query: &str) -> SecurityLogPage {
        let path = format!("/api/v1/security-log?{query}");
        self.get_json(&path, access_token).await
    }
}
