//! "Are you sure?" before an action that is hard to undo: the question, a
//! yes button and a cancel button that puts the focus back.

use crate::components::forms::focus_later;
use crate::i18n::Texts;
use leptos::prelude::*;

/// The confirmation box; the question (with id `question_id`) takes the focus
/// when it opens (the opener's job), the cancel button gives it back.
#[component]
pub fn ConfirmBox(
    t: &'static Texts,
    /// The question's id, which labels the box.
    question_id: &'static str,
    question: String,
    /// The yes button's classes.
    yes_class: &'static str,
    /// The yes button's text, and its text while `pending`.
    yes: &'static str,
    busy: &'static str,
    #[prop(into)] pending: Signal<bool>,
    on_yes: Callback<()>,
    /// Open while true; cancel closes it.
    confirming: RwSignal<bool>,
    /// The id of the button that opened the box, focused on cancel.
    back_to: &'static str,
    /// The cancel button's text, where "Cancel" would be read as the
    /// action itself ("Cancel visit"); else "Cancel".
    #[prop(optional)]
    no: Option<&'static str>,
) -> impl IntoView {
    view! {
        <div class="confirm-box" role="group" aria-labelledby=question_id>
            <p id=question_id tabindex="-1">{question}</p>
            <div class="button-row">
                <button
                    type="button"
                    class=yes_class
                    disabled=move || pending.get()
                    on:click=move |_| on_yes.run(())
                >
                    {move || if pending.get() { busy } else { yes }}
                </button>
                <button
                    type="button"
                    class="button-secondary confirm-cancel"
                    on:click=move |_| {
                        confirming.set(false);
                        focus_later(back_to);
                    }
                >
                    {no.unwrap_or(t.cancel)}
                </button>
            </div>
        </div>
    }
}
