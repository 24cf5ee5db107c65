//! `/cases/new` (`?installed_product=<id>` picks the product): the create
//! form. A priority-1 case shows the contact centre's number before submit;
//! a retry of the same content reuses its `Idempotency-Key`. For the service
//! desk it logs a case a customer phoned in, the caller as its contact.

use super::case_form::CaseForm;
use super::product_picker::PickedProduct;
use crate::components::detail::loading;
use crate::components::document::use_title;
use crate::i18n::case_texts::CASE_TEXTS;
use crate::routes::Page;
use crate::state::auth::{use_auth, use_texts};
use leptos::prelude::*;
use leptos_router::components::A;
use leptos_router::hooks::use_query_map;

#[component]
pub fn NewCasePage() -> impl IntoView {
    let auth = use_auth();
    let t = use_texts();
    use_title(move |t| t.create_case);
    // `?installed_product=<id>`: the form opens with that product chosen.
    let preselect = use_query_map().with_untracked(|q| q.get("installed_product"));
    let wanted = preselect.is_some();
    // Some(answer) once asked; the answer is None for an unknown product.
    let preselected = RwSignal::new(None::<Option<PickedProduct>>);
    if let Some(id) = preselect {
        leptos::task::spawn_local(async move {
            let result = auth.api().installed_product(&id).await;
            let picked = result
                .ok()
                .map(|detail| PickedProduct::from_detail(&detail.value));
            preselected.try_set(Some(picked));
        });
    }

    view! {
        <p class="back-link">
            <A href=Page::Cases.path()>{move || CASE_TEXTS.of(t.get()).back_to_cases}</A>
        </p>
        <h1>{move || t.get().create_case}</h1>
        // The texts are read once per render: the language only changes at sign-in.
        {move || {
            let t = t.get();
            // The service desk logs the cases customers phone in.
            let phoned_in = auth.may(domain::Action::LogPhoneCase);
            if !auth.may(domain::Action::CreateCase) && !phoned_in {
                return view! { <p class="page-error" role="alert">{CASE_TEXTS.of(t).create_case_forbidden}</p> }
                    .into_any();
            }
            match (wanted, preselected.get()) {
                (true, None) => loading(t.product_loading),
                // An unknown or invisible product: the form opens without one.
                (_, initial) => view! { <CaseForm t initial=initial.flatten() phoned_in/> }.into_any(),
            }
        }}
    }
}
