//! Every page of the app in one table, [`route_table!`]: its path, where its
//! code is (the first download, or which lazily loaded group), its document
//! title and its navigation entry. The [`Page`] enum and [`Page::path`] here,
//! the router's `<Routes>` (app.rs) and the lazy groups (lazy_pages.rs) are
//! all made from it, so each path is written once.

use crate::components::document::use_title;
use crate::i18n::{TextFn, Texts};
use std::fmt::Display;

/// The route table. Hands it to `$then!`, which makes of it what it needs:
///
/// - `eager`: pages in the first download (`Variant => "path" (Component in
///   module::path)`, the module under `crate::pages`);
/// - `public` and `signed_in`: the lazily loaded groups
///   (`group(Kind) { rows }`, each cut into a wasm part of its own), before
///   sign-in and inside the signed-in layout. In route order: the first route
///   that matches wins, so `/cases/new` comes before `/cases/:id`. A row may
///   end in `title(|t| ...)`: the document title (list pages use it);
/// - `nav`: the navigation entries in order (`Variant(Icon, "class", |t|
///   label)`), then those for users who manage users, those for portal
///   support who keep the account tree (Admin), those for the service desk
///   (the Service role), and those for users who import data (Service and
///   Admin).
///
/// A page with a parameter (`:id`) has a variant too, but is linked through
/// its `*_path(id)` function below.
macro_rules! route_table {
    ($then:ident) => {
        $then! {
            eager {
                Login => "/login" (LoginPage in login_page) title(|t| t.login_title),
            }
            public {
                // Without login (the token of an emailed link is in the
                // fragment); `/change-password` and `/mfa-setup` also serve a
                // user who was just refused with `password_expired` or
                // `mfa_enrollment_required`, so they guard themselves.
                public_pages(PublicPage) {
                    ForgotPassword => "/forgot-password" (ForgotPasswordPage in account::forgot_password_page),
                    Activate => "/activate" (ActivatePage in account::set_password_page),
                    ResetPassword => "/reset-password" (ResetPasswordPage in account::set_password_page),
                    ConfirmContact => "/confirm-contact" (ConfirmContactPage in account::confirm_contact_page),
                    RequestAccess => "/request-access" (RequestAccessPage in access_requests::request_access_page),
                    ChangePassword => "/change-password" (ChangePasswordPage in account::change_password_page),
                    MfaSetup => "/mfa-setup" (MfaSetupPage in account::mfa_setup_page),
                }
            }
            signed_in {
                home_page(HomeView) {
                    Home => "/" (HomePage in home_page)
                        title(|t| crate::i18n::home_texts::HOME_TEXTS.of(t).home_title),
                }
                product_pages(ProductPage) {
                    InstalledProducts => "/installed-products" (InstalledProductsPage in installed_products_page)
                        title(|t| crate::i18n::product_texts::PRODUCT_TEXTS.of(t).products_title),
                    InstalledProduct => "/installed-products/:id" (InstalledProductPage in installed_product_page),
                    Contracts => "/contracts" (ContractsPage in contracts_page)
                        title(|t| crate::i18n::product_texts::PRODUCT_TEXTS.of(t).contracts_title),
                    Contract => "/contracts/:id" (ContractPage in contract_page),
                    // The calendar of planned service events goes with the
                    // installed base it is about: a group of its own costs
                    // every sign-in (see the queue below). Its title is the
                    // navigation's word, which the shell holds anyway.
                    Calendar => "/calendar" (CalendarPage in calendar::calendar_page)
                        title(|t| t.nav.calendar),
                    // Planning a visit (the Service role), before the page
                    // of one event, whose `:id` would take "new". Its title
                    // is the page's own, as the imports'.
                    NewVisit => "/calendar/new" (NewVisitPage in calendar::new_visit_page),
                    CalendarEvent => "/calendar/:id" (CalendarEventPage in calendar::event_page),
                }
                case_pages(CasePageKind) {
                    Cases => "/cases" (CasesPage in cases::cases_page)
                        title(|t| crate::i18n::case_texts::CASE_TEXTS.of(t).cases_title),
                    NewCase => "/cases/new" (NewCasePage in cases::new_case_page),
                    Case => "/cases/:id" (CasePage in cases::case_page),
                    // The service desk's queue (the Service role) goes with
                    // the cases: a group of its own split the parts the home
                    // page shares with the others into smaller ones, about
                    // 4 KB more for every sign-in (lazy_pages.rs), which the
                    // first download's 250 KB has no room for.
                    ServiceQueue => "/service/queue" (ServiceQueuePage in service::queue_page)
                        title(|t| crate::i18n::service_texts::SERVICE_TEXTS.of(t).queue_title),
                    // Importing a customer's data (Service and Admin), for
                    // the same reason. Its title is the page's own: here
                    // its words would load with every page.
                    Imports => "/imports" (ImportPage in service::import_page),
                }
                admin_pages(AdminPage) {
                    Settings => "/settings" (SettingsPage in account::settings_page),
                    Users => "/users" (UsersPage in users::users_page)
                        title(|t| crate::i18n::admin_texts::ADMIN_TEXTS.of(t).users_title),
                    NewUser => "/users/new" (NewUserPage in users::new_user_page),
                    User => "/users/:id" (UserPage in users::user_page),
                    SecurityLog => "/security-log" (SecurityLogPage in users::security_log_page)
                        title(|t| crate::i18n::admin_texts::ADMIN_TEXTS.of(t).security_log_title),
                    AccessRequests => "/access-requests" (AccessRequestsPage in access_requests::access_requests_page)
                        title(|t| crate::i18n::admin_texts::ADMIN_TEXTS.of(t).access_requests_title),
                    AccessRequest => "/access-requests/:id" (AccessRequestPage in access_requests::access_request_page),
                    // The account tree (Admins: portal support) and the page
                    // of one account (everyone who sees it). With the
                    // administration pages rather than a group of their own:
                    // another split point costs every sign-in (see above).
                    // Their titles are the pages' own, as the imports'.
                    Accounts => "/accounts" (AccountsPage in accounts::accounts_page),
                    NewAccount => "/accounts/new" (NewAccountPage in accounts::account_form),
                    EditAccount => "/accounts/:id/edit" (EditAccountPage in accounts::account_form),
                    MoveAccount => "/accounts/:id/move" (MoveAccountPage in accounts::move_account_page),
                    Account => "/accounts/:id" (AccountPage in accounts::account_page),
                    // Customer facing documents and end of life. Not a group
                    // of their own: measured, that cost every sign-in about
                    // 5 KB (see the queue above). Nor with the installed
                    // base or the cases, whose parts the Lighthouse runs
                    // load (the calendar's, the cases'). Their titles are
                    // the navigation's words, which the shell holds anyway.
                    // Reports are for everyone, but not worth a part of their
                    // own (see above); everyone opens the settings here too.
                    Reports => "/reports" (ReportsPage in reports::reports_page)
                        title(|t| t.nav.reports),
                    Documents => "/documents" (DocumentsPage in documents::documents_page)
                        title(|t| t.nav.documents),
                    EndOfLife => "/end-of-life" (EndOfLifePage in documents::end_of_life_page)
                        title(|t| t.nav.end_of_life),
                }
            }
            nav {
                Home(HomeIcon, "", |t| t.nav.home),
                InstalledProducts(ProductsIcon, "", |t| t.nav.installed_products),
                Cases(CasesIcon, "nav-cases", |t| t.nav.cases),
                Contracts(ContractsIcon, "", |t| t.nav.contracts),
                Calendar(CalendarIcon, "nav-calendar", |t| t.nav.calendar),
                Documents(DocumentsIcon, "nav-documents", |t| t.nav.documents),
                EndOfLife(EndOfLifeIcon, "nav-end-of-life", |t| t.nav.end_of_life),
                Reports(ReportsIcon, "nav-reports", |t| t.nav.reports),
            }
            manage_users_nav {
                Users(UsersIcon, "nav-users", |t| t.nav.users),
                AccessRequests(AccessRequestsIcon, "nav-access-requests", |t| t.nav.access_requests),
                SecurityLog(SecurityLogIcon, "nav-security-log", |t| t.nav.security_log),
            }
            account_admin_nav {
                Accounts(AccountsIcon, "nav-accounts", |t| t.nav.accounts),
            }
            service_nav {
                ServiceQueue(QueueIcon, "nav-service-queue", |t| t.nav.service_queue),
            }
            import_nav {
                Imports(ImportIcon, "nav-imports", |t| t.nav.imports),
            }
        }
    };
}
pub(crate) use route_table;

/// The rows of the table as `(variant, path, title)`, whatever their group.
macro_rules! page_enum {
    (
        eager { $($eager:tt)* }
        public { $($public_group:ident($public_kind:ident) { $($public:tt)* })* }
        signed_in { $($group:ident($kind:ident) { $($rows:tt)* })* }
        $($nav:tt)*
    ) => {
        page_enum!(@rows [] $($eager)* $($($public)*)* $($($rows)*)*);
    };
    (@rows [$($done:tt)*]
        $variant:ident => $path:literal ($page:ident in $($module:ident)::+) $(title($title:expr))?,
        $($rest:tt)*
    ) => {
        page_enum!(@rows [$($done)* ($variant, $path, [$($title)?])] $($rest)*);
    };
    (@title $t:ident $title:expr) => {{
        let title: TextFn = $title;
        Some(title($t))
    }};
    (@title $t:ident) => {
        None
    };
    (@rows [$(($variant:ident, $path:literal, [$($title:expr)?]))*]) => {
        /// A page the app can show.
        // Some are only reached from the emails' links, or through their
        // `*_path(id)` below.
        #[allow(dead_code)]
        #[derive(Debug, Clone, Copy, PartialEq, Eq)]
        pub enum Page {
            $($variant,)*
        }

        impl Page {
            /// Every page, in route order.
            #[cfg_attr(not(test), allow(dead_code))]
            pub const ALL: &[Page] = &[$(Page::$variant,)*];

            /// The path of the page, for links and redirects (the route's
            /// pattern, with `:id`, for a page of one thing).
            pub const fn path(self) -> &'static str {
                match self {
                    $(Page::$variant => $path,)*
                }
            }

            /// The document title the table gives the page, if any.
            pub fn title(self, t: &'static Texts) -> Option<&'static str> {
                match self {
                    $(Page::$variant => page_enum!(@title t $($title)?),)*
                }
            }
        }
    };
}

route_table!(page_enum);

impl Page {
    /// Keeps the document title at the table's title of the page, in the
    /// reader's language.
    pub fn use_title(self) {
        use_title(move |t| self.title(t).unwrap_or_default());
    }
}

/// The pages of one thing, under its list's page: `name => List` makes
/// `name(id)`, the path `/list/{id}`.
macro_rules! item_paths {
    ($($(#[$doc:meta])* $name:ident => $list:ident,)*) => {
        $(
            $(#[$doc])*
            pub fn $name(id: impl Display) -> String {
                format!("{}/{id}", Page::$list.path())
            }
        )*
    };
}

item_paths! {
    /// The detail page of one installed product.
    installed_product_path => InstalledProducts,
    /// The detail page of one contract.
    contract_path => Contracts,
    /// The page of one service case.
    case_path => Cases,
    /// The page of one user (Managers and Admins).
    user_path => Users,
    /// The page of one request for access (Managers and Admins).
    access_request_path => AccessRequests,
    /// The page of one account (everyone who sees it).
    account_path => Accounts,
}

/// The form for a new account: under `parent`, or without it a new
/// customer's parent account.
pub fn new_account_path(parent: Option<impl Display>) -> String {
    let path = Page::NewAccount.path();
    parent.map_or_else(|| path.to_owned(), |p| format!("{path}?parent={p}"))
}

/// The form that changes an account's fields (Admins).
pub fn edit_account_path(id: impl Display) -> String {
    format!("{}/edit", account_path(id))
}

/// The form that moves an account under another (Admins).
pub fn move_account_path(id: impl Display) -> String {
    format!("{}/move", account_path(id))
}

/// The create-case form, with this installed product already picked.
pub fn new_case_for_product_path(product: impl Display) -> String {
    format!("{}?installed_product={product}", Page::NewCase.path())
}

/// The form that plans a visit (the Service role), with this installed
/// product, and this case of it, already picked. Plain links to it keep the
/// calendar's code out of the pages that offer it (lazy_pages.rs).
pub fn new_visit_path(product: Option<impl Display>, case: Option<impl Display>) -> String {
    let mut pairs = Vec::new();
    if let Some(product) = product {
        pairs.push(format!("product={product}"));
    }
    if let Some(case) = case {
        pairs.push(format!("case={case}"));
    }
    let path = Page::NewVisit.path();
    if pairs.is_empty() {
        path.to_owned()
    } else {
        format!("{path}?{}", pairs.join("&"))
    }
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

/// Percent-encodes everything but the URL's unreserved characters.
pub fn encode_component(raw: &str) -> String {
    let mut out = String::with_capacity(raw.len());
    for byte in raw.bytes() {
        if byte.is_ascii_alphanumeric() || matches!(byte, b'-' | b'_' | b'.' | b'~') {
            out.push(char::from(byte));
        } else {
            out.push('%');
            out.push(char::from(HEX[usize::from(byte >> 4)]));
            out.push(char::from(HEX[usize::from(byte & 0x0f)]));
        }
    }
    out
}

const HEX: &[u8; 16] = b"0123456789ABCDEF";

/// The warranties tab of the contracts page, searching for `words` (a
/// warranty's number) when there are any: a warranty has no page of its own.
pub fn warranties_path(words: &str) -> String {
    let tab = format!("{}?tab=warranties", Page::Contracts.path());
    if words.trim().is_empty() {
        tab
    } else {
        format!("{tab}&q={}", encode_component(words))
    }
}

/// The security log narrowed to the events about one user.
pub fn user_security_log_path(id: impl Display) -> String {
    format!("{}?user={id}", Page::SecurityLog.path())
}

/// The server's interactive API documentation: outside the app, so linked
/// with a plain `<a>` that the router leaves alone.
pub const API_DOCS_PATH: &str = "/api/docs";

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn paths_are_absolute_and_distinct() {
        let pages = Page::ALL;
        assert!(pages.contains(&Page::Home) && pages.contains(&Page::Login));
        for (i, page) in pages.iter().enumerate() {
            assert!(page.path().starts_with('/'), "{page:?}");
            for other in &pages[i + 1..] {
                assert_ne!(page.path(), other.path(), "{page:?} {other:?}");
            }
        }
        assert!(API_DOCS_PATH.starts_with("/api/"));
    }

    #[test]
    fn a_page_of_one_thing_sits_under_its_list_and_after_its_siblings() {
        for (i, page) in Page::ALL.iter().enumerate() {
            if let Some(list) = page.path().strip_suffix("/:id") {
                assert!(Page::ALL[..i].iter().any(|p| p.path() == list), "{page:?}");
                // `/cases/new` must come first, or `:id` would take "new".
                for later in &Page::ALL[i + 1..] {
                    assert!(!later.path().starts_with(&format!("{list}/")), "{later:?}");
                }
            }
        }
    }

    #[test]
    fn the_emailed_links_paths_are_routed() {
        // The server writes these paths into its emails (notifications.rs,
        // cases/contacts.rs): a change here breaks the links already sent.
        for (page, path) in [
            (Page::Activate, "/activate"),
            (Page::ResetPassword, "/reset-password"),
            (Page::ConfirmContact, "/confirm-contact"),
            // documents/published.rs, end_of_life.rs
            (Page::Documents, "/documents"),
            (Page::EndOfLife, "/end-of-life"),
        ] {
            assert_eq!(page.path(), path, "{page:?}");
            assert!(Page::ALL.contains(&page), "{page:?}");
        }
    }

    #[test]
    fn list_pages_have_titles() {
        let t = crate::i18n::texts(domain::Language::En);
        for page in [
            Page::Home,
            Page::Cases,
            Page::InstalledProducts,
            Page::Contracts,
            Page::ServiceQueue,
            Page::Calendar,
            Page::Documents,
            Page::EndOfLife,
        ] {
            assert!(page.title(t).is_some_and(|s| !s.is_empty()), "{page:?}");
        }
        assert_eq!(Page::Case.title(t), None);
    }

    #[test]
    fn detail_paths_sit_under_their_list() {
        assert_eq!(installed_product_path("7d9c"), "/installed-products/7d9c");
        assert_eq!(contract_path("c-1"), "/contracts/c-1");
        assert_eq!(case_path("k-9"), "/cases/k-9");
        assert_eq!(user_path("u-1"), "/users/u-1");
        assert_eq!(access_request_path("r-1"), "/access-requests/r-1");
        assert_eq!(account_path("a-1"), "/accounts/a-1");
        assert_eq!(edit_account_path("a-1"), "/accounts/a-1/edit");
        assert_eq!(move_account_path("a-1"), "/accounts/a-1/move");
        assert_eq!(new_account_path(Some("a-1")), "/accounts/new?parent=a-1");
        assert_eq!(new_account_path(None::<&str>), "/accounts/new");
        assert_eq!(user_security_log_path("u-1"), "/security-log?user=u-1");
        assert_eq!(warranties_path(""), "/contracts?tab=warranties");
        assert_eq!(warranties_path("W 7"), "/contracts?tab=warranties&q=W%207");
        assert_eq!(
            new_case_for_product_path("ab12"),
            "/cases/new?installed_product=ab12"
        );
        assert_eq!(
            new_visit_path(Some("ab12"), Some("k-9")),
            "/calendar/new?product=ab12&case=k-9"
        );
        assert_eq!(
            new_visit_path(Some("ab12"), None::<&str>),
            "/calendar/new?product=ab12"
        );
        assert_eq!(new_visit_path(None::<&str>, None::<&str>), "/calendar/new");
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
