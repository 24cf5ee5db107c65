//! The root component: contexts, the route table, the document language.

use crate::components::layout::SignedInLayout;
use crate::components::viewport::provide_viewport_context;
use crate::pages::access_requests::{
    access_request_page::AccessRequestPage, access_requests_page::AccessRequestsPage,
    request_access_page::RequestAccessPage,
};
use crate::pages::account::{
    change_password_page::ChangePasswordPage,
    forgot_password_page::ForgotPasswordPage,
    mfa_setup_page::MfaSetupPage,
    set_password_page::{ActivatePage, ResetPasswordPage},
    settings_page::SettingsPage,
};
use crate::pages::cases::{
    case_page::CasePage, cases_page::CasesPage, new_case_page::NewCasePage, provide_just_created,
};
use crate::pages::users::{
    new_user_page::NewUserPage, security_log_page::SecurityLogPage, user_page::UserPage,
    users_page::UsersPage,
};
use crate::pages::{
    contract_page::ContractPage, contracts_page::ContractsPage, home_page::HomePage,
    installed_product_page::InstalledProductPage, installed_products_page::InstalledProductsPage,
    login_page::LoginPage, not_found_page::NotFoundPage,
};
use crate::state::auth::{provide_auth_context, use_texts};
use crate::state::flash::provide_flash;
use leptos::prelude::*;
use leptos_router::components::{ParentRoute, Route, Router, Routes};
use leptos_router::path;

#[component]
pub fn App() -> impl IntoView {
    let auth = provide_auth_context();
    provide_viewport_context();
    provide_just_created();
    provide_flash();
    // A reload loses the in-memory access token: the refresh cookie brings it back.
    leptos::task::spawn_local(auth.restore());

    let texts = use_texts();
    Effect::new(move |_| crate::components::document::set_lang(texts.get().lang_tag));

    view! {
        <Router>
            <Routes fallback=|| view! { <NotFoundPage/> }>
                // Without login (the token of an emailed link is in the fragment).
                <Route path=path!("/login") view=LoginPage/>
                <Route path=path!("/forgot-password") view=ForgotPasswordPage/>
                <Route path=path!("/request-access") view=RequestAccessPage/>
                <Route path=path!("/activate") view=ActivatePage/>
                <Route path=path!("/reset-password") view=ResetPasswordPage/>
                // Signed in, or just refused with `password_expired`: it guards itself.
                <Route path=path!("/change-password") view=ChangePasswordPage/>
                // Signed in, or just refused with `mfa_enrollment_required`: the same.
                <Route path=path!("/mfa-setup") view=MfaSetupPage/>
                <ParentRoute path=path!("") view=SignedInLayout>
                    <Route path=path!("") view=HomePage/>
                    <Route path=path!("/installed-products") view=InstalledProductsPage/>
                    <Route path=path!("/installed-products/:id") view=InstalledProductPage/>
                    <Route path=path!("/contracts") view=ContractsPage/>
                    <Route path=path!("/contracts/:id") view=ContractPage/>
                    <Route path=path!("/cases") view=CasesPage/>
                    // Before `/cases/:id`, which would take "new" for an id.
                    <Route path=path!("/cases/new") view=NewCasePage/>
                    <Route path=path!("/cases/:id") view=CasePage/>
                    <Route path=path!("/settings") view=SettingsPage/>
                    <Route path=path!("/users") view=UsersPage/>
                    <Route path=path!("/users/new") view=NewUserPage/>
                    <Route path=path!("/users/:id") view=UserPage/>
                    <Route path=path!("/security-log") view=SecurityLogPage/>
                    <Route path=path!("/access-requests") view=AccessRequestsPage/>
                    <Route path=path!("/access-requests/:id") view=AccessRequestPage/>
                </ParentRoute>
            </Routes>
        </Router>
    }
}
