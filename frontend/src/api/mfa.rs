//! Two-step login: the signed-in user's second factor (`/me/mfa`) and a
//! parent account's requirement (`/mfa-policy`).

use crate::query::query_string;
use api_types::{
    MfaCodeRequest, MfaEnabledResponse, MfaPolicy, MfaSetupResponse, PasswordConfirmation,
    RecoveryCodesResponse,
};

endpoints! {
    /// `POST /me/mfa/setup` with an access token or the `restricted_token` of
    /// an `mfa_enrollment_required` login (see [`Api::or_restricted`]): a new
    /// secret, pending until [`Api::mfa_enable`] confirms it with a code.
    /// With an access token, `request` confirms the current password and,
    /// when a factor is on (replacing it), a current code; 422
    /// `wrong_password` on field `password`, `required` or `invalid_mfa_code`
    /// on field `code`. The restricted token needs no confirmation: the
    /// server ignores the body then.
    post mfa_setup(request: &PasswordConfirmation) -> MfaSetupResponse = MFA_SETUP, request;
    /// `POST /me/mfa/enable`: the ten recovery codes (and a session when
    /// enrolled with the restricted token); 422 `invalid_mfa_code` on field
    /// `code`, 409 when no setup is pending.
    post mfa_enable(request: &MfaCodeRequest) -> MfaEnabledResponse = MFA_ENABLE, request;
    /// `POST /me/mfa/disable`, confirmed with the password and a current code
    /// (or a recovery code): 204; 422 `wrong_password` on field `password`,
    /// `required` or `invalid_mfa_code` on field `code`; 409 when the parent
    /// account requires a second factor.
    post_no_content mfa_disable(request: &PasswordConfirmation) -> () = MFA_DISABLE, request;
    /// `POST /me/mfa/recovery-codes`, confirmed like [`Api::mfa_disable`]: ten
    /// new codes (the old ones stop working); 422 as there, 409 when no
    /// second factor is enrolled.
    post mfa_recovery_codes(request: &PasswordConfirmation) -> RecoveryCodesResponse = MFA_RECOVERY_CODES, request;
    /// `GET /mfa-policy`: a Manager's own parent account; an Admin names one.
    get mfa_policy(parent_account: Option<&str>) -> MfaPolicy = mfa_policy_path(parent_account);
    /// `PUT /mfa-policy`: the requirement as saved.
    put set_mfa_policy(request: &MfaPolicy) -> MfaPolicy = MFA_POLICY, request;
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
