//! Signing in and out, passwords and the signed-in user (`/auth`, `/me`).

use super::http::{decode, Api, Call, LoginRefused};
use super::Answer;
use api_types::{
    ChangePasswordRequest, LinkInfo, LinkTokenRequest, LoginRequest, MeResponse,
    PasswordResetRequest, SetPasswordRequest, TokenResponse, UpdateSettingsRequest,
};

impl Api {
    /// `POST /auth/login`: tokens, and the refresh cookie. After a right
    /// password: 401 `mfa_required` until `mfa_code` is sent (401
    /// `invalid_mfa_code` when it is wrong); 403 `password_expired` or
    /// `mfa_enrollment_required`, each with a `restricted_token`.
    pub async fn login(self, request: &LoginRequest) -> Result<TokenResponse, LoginRefused> {
        let response = Api::public_limited(Call::post("/auth/login", request)?).await?;
        Ok(decode(response).await?)
    }

    /// `POST /auth/password-reset`: 202 whether or not an account has the address.
    pub async fn request_password_reset(self, request: &PasswordResetRequest) -> Answer<()> {
        Api::public_no_content(Call::post("/auth/password-reset", request)?).await
    }

    /// `POST /auth/links/check`: what an activation or reset link is for; 410
    /// `link_expired` / `link_used`, 404 `link_invalid`.
    pub async fn check_link(self, request: &LinkTokenRequest) -> Answer<LinkInfo> {
        Api::public(Call::post("/auth/links/check", request)?).await
    }

    /// `POST /auth/links/set-password`: 204 once the password is set.
    pub async fn set_password(self, request: &SetPasswordRequest) -> Answer<()> {
        Api::public_no_content(Call::post("/auth/links/set-password", request)?).await
    }

    /// `POST /auth/password` with an access token or a `restricted_token`
    /// (see [`Api::or_restricted`]): a new session (every other one ends).
    pub async fn change_password(self, request: &ChangePasswordRequest) -> Answer<TokenResponse> {
        self.post("/auth/password", request).await
    }

    /// `POST /auth/refresh` with the cookie: a rotated pair, or 401.
    pub async fn refresh(self) -> Answer<TokenResponse> {
        Api::public(Call::post_empty("/auth/refresh")).await
    }

    /// `POST /auth/logout`: revokes the refresh token and clears the cookie.
    pub async fn logout(self) -> Answer<()> {
        self.no_content(Call::post_empty("/auth/logout")).await
    }

    /// `POST /auth/logout-everywhere`: ends every session of the user.
    pub async fn logout_everywhere(self) -> Answer<()> {
        self.no_content(Call::post_empty("/auth/logout-everywhere"))
            .await
    }

    /// `GET /me`: the signed-in user.
    pub async fn me(self) -> Answer<MeResponse> {
        self.get(ME).await
    }

    /// `GET /me` with the access token of a session not started yet.
    pub(crate) async fn me_with(self, access_token: &str) -> Answer<MeResponse> {
        Api::once(&Call::get(ME), Some(access_token)).await
    }

    /// `PATCH /me/settings`: the user with the new language, zone and formats.
    pub async fn update_settings(self, request: &UpdateSettingsRequest) -> Answer<MeResponse> {
        self.json(Call::patch("/me/settings", request)?).await
    }
}

const ME: &str = "/me";
