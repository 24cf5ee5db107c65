//! The root component: contexts, the route table, the document language.

use crate::components::layout::SignedInLayout;
use crate::components::viewport::provide_viewport_context;
use crate::lazy_pages as lazy;
use crate::pages::cases::provide_just_created;
use crate::pages::{login_page::LoginPage, not_found_page::NotFoundPage};
use crate::state::auth::{provide_auth_context, use_texts};
use crate::state::flash::provide_flash;
use leptos::prelude::*;
use leptos_router::components::{ParentRoute, Route, Router, Routes};
use leptos_router::path;
use leptos_router::Lazy;

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
                <Route path=path!("/forgot-password") view={Lazy::<lazy::ForgotPasswordRoute>::new()}/>
                <Route path=path!("/request-access") view={Lazy::<lazy::RequestAccessRoute>::new()}/>
                <Route path=path!("/activate") view={Lazy::<lazy::ActivateRoute>::new()}/>
                <Route path=path!("/reset-password") view={Lazy::<lazy::ResetPasswordRoute>::new()}/>
                // Signed in, or just refused with `password_expired`: it guards itself.
                <Route path=path!("/change-password") view={Lazy::<lazy::ChangePasswordRoute>::new()}/>
                // Signed in, or just refused with `mfa_enrollment_required`: the same.
                <Route path=path!("/mfa-setup") view={Lazy::<lazy::MfaSetupRoute>::new()}/>
                <ParentRoute path=path!("") view=SignedInLayout>
                    <Route path=path!("") view={Lazy::<lazy::HomeRoute>::new()}/>
                    <Route path=path!("/installed-products") view={Lazy::<lazy::InstalledProductsRoute>::new()}/>
                    <Route path=path!("/installed-products/:id") view={Lazy::<lazy::InstalledProductRoute>::new()}/>
                    <Route path=path!("/contracts") view={Lazy::<lazy::ContractsRoute>::new()}/>
                    <Route path=path!("/contracts/:id") view={Lazy::<lazy::ContractRoute>::new()}/>
                    <Route path=path!("/cases") view={Lazy::<lazy::CasesRoute>::new()}/>
                    // Before `/cases/:id`, which would take "new" for an id.
                    <Route path=path!("/cases/new") view={Lazy::<lazy::NewCaseRoute>::new()}/>
                    <Route path=path!("/cases/:id") view={Lazy::<lazy::CaseRoute>::new()}/>
                    <Route path=path!("/settings") view={Lazy::<lazy::SettingsRoute>::new()}/>
                    <Route path=path!("/users") view={Lazy::<lazy::UsersRoute>::new()}/>
                    <Route path=path!("/users/new") view={Lazy::<lazy::NewUserRoute>::new()}/>
                    <Route path=path!("/users/:id") view={Lazy::<lazy::UserRoute>::new()}/>
                    <Route path=path!("/security-log") view={Lazy::<lazy::SecurityLogRoute>::new()}/>
                    <Route path=path!("/access-requests") view={Lazy::<lazy::AccessRequestsRoute>::new()}/>
                    <Route path=path!("/access-requests/:id") view={Lazy::<lazy::AccessRequestRoute>::new()}/>
                </ParentRoute>
            </Routes>
        </Router>
    }
}
