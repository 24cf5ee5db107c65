//! What the security log records. Codes are stable: they are hashed into the
//! chain and shown (translated) on the security log page.

text_enum! {
    /// One kind of security event.
    pub enum SecurityEvent / UnknownSecurityEvent {
        Login = "login",
        LoginFailed = "login_failed",
        /// A correct password for a locked, deactivated or expired account.
        LoginRefused = "login_refused",
        AccountLocked = "account_locked",
        /// One client address locked several accounts in a short time.
        LockoutBurst = "lockout_burst",
        /// One client address hit the per-address login limit.
        AddressThrottled = "address_throttled",
        PasswordChanged = "password_changed",
        PasswordResetRequested = "password_reset_requested",
        PasswordReset = "password_reset",
        AccountActivated = "account_activated",
        UserCreated = "user_created",
        UserUpdated = "user_updated",
        /// A user's email address changed (the old address is told).
        EmailChanged = "email_changed",
        RoleChanged = "role_changed",
        AssignmentChanged = "assignment_changed",
        UserDeactivated = "user_deactivated",
        UserReactivated = "user_reactivated",
        SettingsChanged = "settings_changed",
        AccessRequested = "access_requested",
        AccessApproved = "access_approved",
        AccessRejected = "access_rejected",
        MfaEnabled = "mfa_enabled",
        MfaDisabled = "mfa_disabled",
        /// A wrong or reused second-factor code after a correct password.
        MfaFailed = "mfa_failed",
        MfaRecoveryCodeUsed = "mfa_recovery_code_used",
        MfaPolicyChanged = "mfa_policy_changed",
        MfaRecoveryCodesRenewed = "mfa_recovery_codes_renewed",
        Logout = "logout",
        /// "Sign out everywhere": every session of the user ended.
        SessionsEnded = "sessions_ended",
        /// A refresh token spent twice (stolen or replayed): its session ended.
        RefreshTokenReused = "refresh_token_reused",
    }
}

/// A Manager grants customer roles only; an Admin any role.
pub fn may_grant(actor: crate::Role, role: crate::Role) -> bool {
    use crate::Role::*;
    match actor {
        Admin => true,
        Manager => matches!(role, Viewer | User | Manager),
        _ => false,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::Role;

    #[test]
    fn a_manager_grants_up_to_manager_and_no_internal_role() {
        for role in [Role::Viewer, Role::User, Role::Manager] {
            assert!(may_grant(Role::Manager, role));
        }
        assert!(!may_grant(Role::Manager, Role::Service));
        assert!(!may_grant(Role::Manager, Role::Admin));
        assert!(!may_grant(Role::User, Role::Viewer));
        assert!(may_grant(Role::Admin, Role::Admin));
    }

    #[test]
    fn codes_round_trip() {
        for event in SecurityEvent::ALL {
            assert_eq!(event.as_str().parse::<SecurityEvent>(), Ok(*event));
        }
    }
}
