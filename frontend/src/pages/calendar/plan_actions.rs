//! The event page's actions for the service side (the Service role), on a
//! tentative or confirmed visit: "Reschedule" opens the plan's form filled
//! in with the event's plan, "Cancel visit" asks first. Both send the plan
//! with `If-Match` and the version on screen; after a 412 (someone changed
//! the visit meanwhile) the event is reloaded and the page says so, keeping
//! what was typed.

use super::visit_form::{Draft, VisitForm};
use crate::api::Api;
use crate::components::confirm::ConfirmBox;
use crate::components::forms::{
    focus_later, show_failure, show_invalid, submit_once, SubmitButton,
};
use crate::i18n::calendar_texts::CALENDAR_TEXTS;
use crate::i18n::{error_message, Texts};
use crate::pages::service::engineers::Engineers;
use crate::state::auth::use_auth;
use api_types::{EventPlanDto, EventStatusDto, PlannedEventDto, ProblemCode};
use leptos::prelude::*;

/// What the last action came to, said below the page (event_page.rs).
pub type Said = RwSignal<Option<(bool, String)>>;

const ERRORS_ID: &str = "reschedule-errors";
const OPEN_ID: &str = "reschedule-open";
const CANCEL_ID: &str = "cancel-visit";
const HEADING_ID: &str = "reschedule-heading";

/// Whether the service side plans this event anew: it is not done or
/// cancelled yet.
pub fn plannable(status: EventStatusDto) -> bool {
    matches!(
        status,
        EventStatusDto::Tentative | EventStatusDto::Confirmed
    )
}

/// The event's plan with another status.
pub fn plan_with_status(e: &PlannedEventDto, status: EventStatusDto) -> EventPlanDto {
    EventPlanDto {
        event_type: e.event_type,
        status,
        planned_start: e.planned_start,
        planned_end: e.planned_end,
        engineer_id: e.engineer_id,
        service_type: e.service_type,
        case_id: e.case_id,
    }
}

#[component]
pub fn PlanActions(
    t: &'static Texts,
    /// The event as shown now (after an answer, a reload or a change too).
    current: Memo<Option<PlannedEventDto>>,
    /// Shows the event as the server answered it.
    updated: Callback<PlannedEventDto>,
    said: Said,
    /// The id of the line `said` writes, focused after an action.
    said_id: &'static str,
) -> impl IntoView {
    let (auth, c) = (use_auth(), CALENDAR_TEXTS.of(t));
    let editing = RwSignal::new(false);
    let confirming = RwSignal::new(false);
    let engineers: Engineers = LocalResource::new(move || auth.api().engineers());

    let say = move |ok: bool, text: String| {
        said.set(Some((ok, text)));
        focus_later(said_id);
    };

    let cancel = Action::new_local(move |_: &()| async move {
        let Some(e) = current.get_untracked() else {
            return;
        };
        let api = auth.api();
        let plan = plan_with_status(&e, EventStatusDto::Cancelled);
        let result = api.replan_event(e.id, e.version, &plan).await;
        confirming.set(false);
        match result {
            Ok(event) => {
                updated.run(event);
                say(true, c.visit_cancelled.to_owned());
            }
            Err(err) if err.code() == Some(ProblemCode::PreconditionFailed) => {
                reload(api, e.id.to_string(), updated).await;
                say(false, c.event_changed_reloaded.to_owned());
            }
            Err(err) => say(false, error_message(t, &err)),
        }
    });
    let cancelling = cancel.pending();

    let buttons = move || {
        view! {
            <div class="button-row">
                {open_button(said, (OPEN_ID, "button-primary button-inline reschedule-open"), editing, HEADING_ID, c.reschedule)}
                {open_button(said, (CANCEL_ID, "button-secondary cancel-visit"), confirming, "cancel-question", c.cancel_visit)}
            </div>
        }
    };

    view! {
        <section class="panel plan-panel" aria-labelledby="plan-heading">
            <h2 id="plan-heading">{c.service_heading}</h2>
            <p class="hint">{c.service_hint}</p>
            {move || {
                if editing.get() {
                    view! { <RescheduleForm t current updated engineers editing said said_id/> }.into_any()
                } else if confirming.get() {
                    view! {
                        <ConfirmBox
                            t=t
                            question_id="cancel-question"
                            question=c.cancel_confirm.to_owned()
                            yes_class="button-danger confirm-yes"
                            yes=c.confirm_cancel
                            busy=c.cancelling
                            pending=cancelling
                            on_yes=Callback::new(move |()| {
                                cancel.dispatch(());
                            })
                            confirming=confirming
                            back_to=CANCEL_ID
                            no=c.keep_visit
                        />
                    }
                    .into_any()
                } else {
                    buttons().into_any()
                }
            }}
        </section>
    }
}

/// A button (`id`, `class`) that opens its `panel` (the form, the
/// question) in place of what was said, and moves the focus into it.
fn open_button(
    said: Said,
    (id, class): (&'static str, &'static str),
    panel: RwSignal<bool>,
    focus: &'static str,
    label: &'static str,
) -> impl IntoView {
    view! {
        <button
            type="button"
            id=id
            class=class
            on:click=move |_| {
                said.set(None);
                panel.set(true);
                focus_later(focus);
            }
        >
            {label}
        </button>
    }
}

/// The plan's form, filled in with the event's plan as it was when opened.
#[component]
fn RescheduleForm(
    t: &'static Texts,
    current: Memo<Option<PlannedEventDto>>,
    updated: Callback<PlannedEventDto>,
    engineers: Engineers,
    editing: RwSignal<bool>,
    said: Said,
    said_id: &'static str,
) -> impl IntoView {
    let (auth, c) = (use_auth(), CALENDAR_TEXTS.of(t));
    let say = move |ok: bool, text: String| {
        said.set(Some((ok, text)));
        focus_later(said_id);
    };
    let zone = auth.time_zone();
    let Some(event) = current.get_untracked() else {
        return ().into_any();
    };
    let product = Signal::stored(Some(event.installed_product.id.to_string()));
    let form = VisitForm::new(Draft::of_event(&event, &zone), engineers, product);

    let send = Action::new_local(move |plan: &EventPlanDto| {
        let plan = plan.clone();
        async move {
            // The version on screen now (a 412 reloads it).
            let Some((id, version)) =
                current.with_untracked(|e| e.as_ref().map(|e| (e.id, e.version)))
            else {
                return;
            };
            let api = auth.api();
            match api.replan_event(id, version, &plan).await {
                Ok(event) => {
                    updated.run(event);
                    editing.set(false);
                    say(true, c.rescheduled.to_owned());
                }
                Err(err) if err.code() == Some(ProblemCode::PreconditionFailed) => {
                    if reload(api, id.to_string(), updated).await {
                        // The form stays, with what was typed, and says why.
                        show_failure(form.failure, err, ERRORS_ID);
                    } else {
                        // Done or cancelled meanwhile: the form goes.
                        say(false, c.event_changed_reloaded.to_owned());
                    }
                }
                Err(err) => show_failure(form.failure, err, ERRORS_ID),
            }
        }
    });
    let pending = send.pending();
    let on_submit = submit_once(pending, move || match form.plan(&auth.time_zone()) {
        Ok(plan) => {
            form.failure.set(None);
            send.dispatch(plan);
        }
        Err(errors) => show_invalid(form.failure, errors, ERRORS_ID),
    });
    let close = move |_| {
        editing.set(false);
        focus_later(OPEN_ID);
    };
    view! {
        <form class="case-form visit-form reschedule-form" on:submit=on_submit novalidate>
            <h3 id=HEADING_ID tabindex="-1">{c.reschedule_heading}</h3>
            {form.summary(t, ERRORS_ID)}
            {form.fields(t, zone)}
            <div class="button-row">
                <SubmitButton class="button-primary button-inline" pending busy=t.saving idle=c.save_plan/>
                <button type="button" class="button-secondary close-reschedule" on:click=close>
                    {c.close_form}
                </button>
            </div>
        </form>
    }
    .into_any()
}

/// After a 412: shows the event's latest version; true while the service
/// side can still plan it (else its panel goes).
async fn reload(api: Api, id: String, updated: Callback<PlannedEventDto>) -> bool {
    match api.planned_event(&id).await {
        Ok(latest) => {
            let still = plannable(latest.status);
            updated.run(latest);
            still
        }
        Err(_) => true,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn only_tentative_and_confirmed_visits_are_planned_anew() {
        assert!(plannable(EventStatusDto::Tentative));
        assert!(plannable(EventStatusDto::Confirmed));
        assert!(!plannable(EventStatusDto::Done));
        assert!(!plannable(EventStatusDto::Cancelled));
    }
}
