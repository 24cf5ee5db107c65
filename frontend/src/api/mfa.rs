//! Two-step login: the signed-in user's second factor (`/me/mfa`) and a
//! parent account's requirement (`/mfa-policy`).

use super::http::{Api, Call};
use super::Answer;
use crate::query::query_string;
use api_types::{
    MfaCodeRequest, MfaEnabledResponse, MfaPolicy, MfaSetupResponse, PasswordConfirmation,
    RecoveryCodesResponse,
};

impl Api {
    /// `POST /me/mfa/setup` with an access token or the `restricted_token` of
    /// an `mfa_enrollment_required` login (see [`Api::or_restricted`]): a new
    /// secret, pending until [`Api::mfa_enable`] confirms it with a code.
    /// With an access token, `request` confirms the current password and,
    /// when a factor is on (replacing it), a current code; 422
    /// `wrong_password` on field `password`, `required` or `invalid_mfa_code`
    /// on field `code`. The restricted token needs no confirmation: the
    /// server ignores the body then.
    pub async fn mfa_setup(self, request: &PasswordConfirmation) -> Answer<MfaSetupResponse> {
        self.post(MFA_SETUP, request).await
    }

    /// `POST /me/mfa/enable`: the ten recovery codes (and a session when
    /// enrolled with the restricted token); 422 `invalid_mfa_code` on field
    /// `code`, 409 when no setup is pending.
    pub async fn mfa_enable(self, request: &MfaCodeRequest) -> Answer<MfaEnabledResponse> {
        self.post(MFA_ENABLE, request).await
    }

    /// `POST /me/mfa/disable`, confirmed with the password and a current code
    /// (or a recovery code): 204; 422 `wrong_password` on field `password`,
    /// `required` or `invalid_mfa_code` on field `code`; 409 when the parent
    /// account requires a second factor.
    pub async fn mfa_disable(self, request: &PasswordConfirmation) -> Answer<()> {
        self.no_content(Call::post(MFA_DISABLE, request)?).await
    }

    /// `POST /me/mfa/recovery-codes`, confirmed like [`Api::mfa_disable`]: ten
    /// new codes (the old ones stop working); 422 as there, 409 when no
    /// second factor is enrolled.
    pub async fn mfa_recovery_codes(
        self,
        request: &PasswordConfirmation,
    ) -> Answer<RecoveryCodesResponse> {
        self.post(MFA_RECOVERY_CODES, request).await
    }

    /// `GET /mfa-policy`: a Manager's own parent account; an Admin names one.
    pub async fn mfa_policy(self, parent_account: Option<&str>) -> Answer<MfaPolicy> {
        self.get(&mfa_policy_path(parent_account)).await
    }

    /// `PUT /mfa-policy`: the requirement as saved.
    pub async fn set_mfa_policy(self, request: &MfaPolicy) -> Answer<MfaPolicy> {
        self.json(Call::put(MFA_POLICY, request)?).await
    }
}

const MFA_SETUP: &str = "/me/mfa/setup";
const MFA_ENABLE: &str = "/me/mfa/enable";
const MFA_DISABLE: &str = "/me/mfa/disable";
const MFA_RECOVERY_CODES: &str = "/me/mfa/recovery-codes";
const MFA_POLICY: &str = "/mfa-policy";

fn mfa_policy_path(parent_account: Option<&str>) -> String {
    let pairs: Vec<(&'static str, String)> = parent_account
        .map(|id| ("parent_account", id.to_owned()))
        .into_iter()
        .collect();
    format!("{MFA_POLICY}{}", query_string(&pairs))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::api::http::url;

    #[test]
    fn second_factor_paths() {
        assert_eq!(url(MFA_SETUP), "/api/v1/me/mfa/setup");
        assert_eq!(url(MFA_ENABLE), "/api/v1/me/mfa/enable");
        assert_eq!(url(MFA_DISABLE), "/api/v1/me/mfa/disable");
        assert_eq!(url(MFA_RECOVERY_CODES), "/api/v1/me/mfa/recovery-codes");
        assert_eq!(url(&mfa_policy_path(None)), "/api/v1/mfa-policy");
        assert_eq!(
            url(&mfa_policy_path(Some("p-1"))),
            "/api/v1/mfa-policy?parent_account=p-1"
        );
    }
}
