//! Every page of the app and its path, in one place.

use std::fmt::Display;

/// A page the app can show.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Page {
    Home,
    Login,
    InstalledProducts,
    Contracts,
    Cases,
    NewCase,
    ForgotPassword,
    // Opened from the links in the emails (`#token=...`), not from the app.
    #[allow(dead_code)]
    Activate,
    #[allow(dead_code)]
    ResetPassword,
    ChangePassword,
    /// Enrolling a second factor: signed in, or after `mfa_enrollment_required`.
    MfaSetup,
    Settings,
    Users,
    NewUser,
    SecurityLog,
    /// Without login: anyone may ask for an account.
    RequestAccess,
    AccessRequests,
}

impl Page {
    /// The path of the page, for links and redirects.
    pub const fn path(self) -> &'static str {
        match self {
            Page::Home => "/",
            Page::Login => "/login",
            Page::InstalledProducts => "/installed-products",
            Page::Contracts => "/contracts",
            Page::Cases => "/cases",
            Page::NewCase => "/cases/new",
            Page::ForgotPassword => "/forgot-password",
            Page::Activate => "/activate",
            Page::ResetPassword => "/reset-password",
            Page::ChangePassword => "/change-password",
            Page::MfaSetup => "/mfa-setup",
            Page::Settings => "/settings",
            Page::Users => "/users",
            Page::NewUser => "/users/new",
            Page::SecurityLog => "/security-log",
            Page::RequestAccess => "/request-access",
            Page::AccessRequests => "/access-requests",
        }
    }
}

/// The detail page of one installed product.
pub fn installed_product_path(id: impl Display) -> String {
    format!("{}/{id}", Page::InstalledProducts.path())
}

/// The detail page of one contract.
pub fn contract_path(id: impl Display) -> String {
    format!("{}/{id}", Page::Contracts.path())
}

/// The page of one service case.
pub fn case_path(id: impl Display) -> String {
    format!("{}/{id}", Page::Cases.path())
}

/// The create-case form, with this installed product already picked.
pub fn new_case_for_product_path(product: impl Display) -> String {
    format!("{}?installed_product={product}", Page::NewCase.path())
}

/// The cases of one installed product; `historical`: only those closed
/// before the market's cut-over.
pub fn product_cases_path(product: impl Display, historical: bool) -> String {
    let only_historical = if historical { "&historical=true" } else { "" };
    format!(
        "{}?installed_product={product}{only_historical}",
        Page::Cases.path()
    )
}

/// The page of one user (Managers and Admins).
pub fn user_path(id: impl Display) -> String {
    format!("{}/{id}", Page::Users.path())
}

/// The security log narrowed to the events about one user.
pub fn user_security_log_path(id: impl Display) -> String {
    format!("{}?user={id}", Page::SecurityLog.path())
}

/// The page of one request for access (Managers and Admins).
pub fn access_request_path(id: impl Display) -> String {
    format!("{}/{id}", Page::AccessRequests.path())
}

/// The server's interactive API documentation: outside the app, so linked
/// with a plain `<a>` that the router leaves alone.
pub const API_DOCS_PATH: &str = "/api/docs";

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn paths_are_absolute_and_distinct() {
        let pages = [
            Page::Home,
            Page::Login,
            Page::InstalledProducts,
            Page::Contracts,
            Page::Cases,
            Page::NewCase,
            Page::ForgotPassword,
            Page::Activate,
            Page::ResetPassword,
            Page::ChangePassword,
            Page::MfaSetup,
            Page::Settings,
            Page::Users,
            Page::NewUser,
            Page::SecurityLog,
            Page::RequestAccess,
            Page::AccessRequests,
        ];
        for (i, page) in pages.iter().enumerate() {
            assert!(page.path().starts_with('/'), "{page:?}");
            for other in &pages[i + 1..] {
                assert_ne!(page.path(), other.path(), "{page:?} {other:?}");
            }
        }
        assert!(API_DOCS_PATH.starts_with("/api/"));
    }

    #[test]
    fn detail_paths_sit_under_their_list() {
        assert_eq!(installed_product_path("7d9c"), "/installed-products/7d9c");
        assert_eq!(contract_path("c-1"), "/contracts/c-1");
        assert_eq!(case_path("k-9"), "/cases/k-9");
        assert_eq!(user_path("u-1"), "/users/u-1");
        assert_eq!(access_request_path("r-1"), "/access-requests/r-1");
        assert_eq!(user_security_log_path("u-1"), "/security-log?user=u-1");
        assert_eq!(
            new_case_for_product_path("ab12"),
            "/cases/new?installed_product=ab12"
        );
        assert_eq!(
            product_cases_path("ab12", false),
            "/cases?installed_product=ab12"
        );
        assert_eq!(
            product_cases_path("ab12", true),
            "/cases?installed_product=ab12&historical=true"
        );
    }
}
