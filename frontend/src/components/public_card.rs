//! The card of a form sent without login (a reset link, a request for
//! access): the form until it is sent, then what happens next; and the
//! way back to the login either way.

use crate::i18n::public_texts::PUBLIC_TEXTS;
use crate::i18n::{TextFn, Texts};
use crate::routes::Page;
use crate::state::auth::use_texts;
use leptos::prelude::*;
use leptos_router::components::A;

/// What the card says once the form is sent.
pub struct SentTexts {
    /// Also marks the sentence for the browser tests.
    pub class: &'static str,
    pub text: TextFn,
    pub hint: TextFn,
}

/// `title(t, sent)`; `title_id` lets the focus move to it once sent.
pub fn public_card(
    card_class: &'static str,
    title_id: Option<&'static str>,
    title: impl Fn(&'static Texts, bool) -> &'static str + Send + Sync + 'static,
    sent: RwSignal<bool>,
    done: SentTexts,
    form: impl Fn(&'static Texts) -> AnyView + Send + Sync + 'static,
) -> impl IntoView {
    let t = use_texts();
    view! {
        <main id="main" class="login-main" tabindex="-1">
            <div class=card_class>
                <p class="login-product">{move || t.get().product_name}</p>
                <h1 id=title_id tabindex=title_id.map(|_| "-1")>{move || title(t.get(), sent.get())}</h1>
                <div class="form-live" role="status" aria-live="polite">
                    {move || sent.get().then(|| {
                        let t = t.get();
                        view! {
                            <p class=done.class>{(done.text)(t)}</p>
                            <p class="hint">{(done.hint)(t)}</p>
                        }
                    })}
                </div>
                // The texts are read once per render: the language changes only at sign-in.
                {move || {
                    let t = t.get();
                    (!sent.get()).then(|| form(t))
                }}
                <p class="login-links">
                    <A href=Page::Login.path() attr:class="back-to-login">{move || PUBLIC_TEXTS.of(t.get()).back_to_login}</A>
                </p>
            </div>
        </main>
    }
}
