//! Service cases: the list, the create form and the case page.

use crate::i18n::case_texts::CASE_TEXTS;
pub mod case_page;
pub mod cases_page;
pub mod new_case_page;

mod activity_forms;
mod attachments;
mod case_form;
mod case_request;
mod fields;
pub(crate) mod product_picker;
mod service_actions;
mod submit;
pub(crate) mod upload;

use crate::format::tel_href;
use crate::i18n::Texts;
use api_types::{CaseDetail, ContactCentreDto};
use leptos::prelude::*;

/// The case just created, handed from the form to the case page so that it
/// shows at once (no second request) with its "created" message.
#[derive(Clone, Copy)]
pub struct JustCreated(StoredValue<Option<CaseDetail>>);

/// Provides the hand-over at the root of the app.
pub fn provide_just_created() {
    provide_context(JustCreated(StoredValue::new(None)));
}

impl JustCreated {
    pub fn get() -> Self {
        expect_context::<Self>()
    }

    fn set(self, case: CaseDetail) {
        self.0.set_value(Some(case));
    }

    /// The case handed over, if any; the next call gets nothing.
    fn take(self) -> Option<CaseDetail> {
        self.0.try_update_value(Option::take).flatten()
    }
}

/// "A critical case must also be phoned in …", with the number when known.
/// `alert`: announce it (the form, where it appears on choosing priority 1).
pub fn critical_notice(
    t: &'static Texts,
    contact: Option<ContactCentreDto>,
    pick_product_hint: bool,
    alert: bool,
) -> impl IntoView {
    let body = match contact {
        Some(contact) => view! {
            {CASE_TEXTS.of(t).critical_notice}
            " "
            <a class="critical-phone" href=tel_href(&contact.phone)>{contact.phone.clone()}</a>
        }
        .into_any(),
        None => view! {
            {CASE_TEXTS.of(t).critical_notice_no_number}
            {pick_product_hint.then(|| format!(" {}", CASE_TEXTS.of(t).critical_pick_product))}
        }
        .into_any(),
    };
    view! { <p class="critical-notice" role=alert.then_some("alert")>{body}</p> }
}
