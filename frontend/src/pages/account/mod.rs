//! The user's own account: forgotten password, activation and reset links,
//! changing the password, the second factor, personal settings.

pub mod change_password_page;
pub mod forgot_password_page;
pub mod mfa_settings;
pub mod mfa_setup_page;
pub mod set_password_page;
pub mod settings_page;
