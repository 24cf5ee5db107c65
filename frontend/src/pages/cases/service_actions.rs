//! The case page's "Service actions" (the Service role only; customers never
//! see them): plan a visit for the case (a link to the calendar's form),
//! assign an engineer, move the status forward with a note, wait
//! for the customer (saying what is needed) or stop waiting. Each sends
//! `If-Match` with the version of the case on screen and then shows the case
//! as the server answers it; after a 412 (someone changed the case
//! meanwhile) it reloads the case and says so, keeping what was typed.

use super::case_page::Loaded;
use super::fields::{error_for, text_field, Control, FieldSpec, LONG_MAX};
use super::submit::optional;
use crate::api::cases::CaseWrite;
use crate::api::ApiError;
use crate::components::forms::{submit_once, SubmitButton};
use crate::i18n::case_texts::{CaseTexts, CASE_TEXTS};
use crate::i18n::{case_status_name, error_message, TextFn, Texts, CASE_STATUSES};
use crate::pages::service::engineers::{engineer_list_state, engineer_options};
use crate::query::{from_wire, wire_name};
use crate::routes::new_visit_path;
use crate::state::auth::{use_auth, Auth};
use api_types::{
    AssignCaseRequest, CaseDetail, CaseStatusDto, FieldError, MoveCaseStatusRequest, ProblemCode,
    WaitingForCustomerRequest,
};
use leptos::prelude::*;
use leptos_router::components::A;

/// What came of an action.
#[derive(Debug, Clone)]
enum Said {
    Done(TextFn),
    /// 412: the case was reloaded.
    Reloaded,
    /// A 422 naming fields, or caught before sending.
    Invalid(Vec<FieldError>),
    Failed(ApiError),
}

impl Said {
    fn of(err: ApiError) -> Self {
        match &err {
            ApiError::Problem(p)
                if p.code == ProblemCode::ValidationFailed && !p.errors.is_empty() =>
            {
                Said::Invalid(p.errors.clone())
            }
            _ => Said::Failed(err),
        }
    }
}

/// The field errors of what was said, if it names fields.
fn errors_of(said: &Option<Said>) -> Vec<FieldError> {
    match said {
        Some(Said::Invalid(errors)) => errors.clone(),
        _ => Vec::new(),
    }
}

/// The sentence for a refusal (a backward status move has its own).
fn failure_text(t: &'static Texts, err: &ApiError) -> String {
    match err.code() {
        Some(ProblemCode::InvalidStatusTransition) => CASE_TEXTS.of(t).status_backwards.to_owned(),
        _ => error_message(t, err),
    }
}

/// The success in a live region (there before its text), the errors as an alert.
fn said_view(t: &'static Texts, said: RwSignal<Option<Said>>) -> impl IntoView {
    let alert = move || {
        said.with(|s| {
            let text = match s.as_ref()? {
                Said::Done(_) => return None,
                Said::Reloaded => CASE_TEXTS.of(t).case_changed_reloaded.to_owned(),
                Said::Invalid(_) => t.errors.validation_failed.to_owned(),
                Said::Failed(err) => failure_text(t, err),
            };
            Some(view! { <p class="form-error" role="alert">{text}</p> })
        })
    };
    let done = move || {
        said.with(|s| match s {
            Some(Said::Done(text)) => {
                Some(view! { <p class="form-success" role="status">{text(t)}</p> })
            }
            _ => None,
        })
    };
    view! {
        {alert}
        <div class="form-live" aria-live="polite">{done}</div>
    }
}

/// Shows the answer to an action: the updated case (true), or after a 412
/// the case reloaded, or why it was refused.
async fn settle(
    auth: Auth,
    case: LocalResource<Loaded>,
    id: String,
    said: RwSignal<Option<Said>>,
    done: TextFn,
    result: Result<CaseDetail, ApiError>,
) -> bool {
    match result {
        Ok(updated) => {
            case.set(Some((id, Ok(updated))));
            said.set(Some(Said::Done(done)));
            true
        }
        Err(err) if err.code() == Some(ProblemCode::PreconditionFailed) => {
            if let Ok(fresh) = auth.api().case(&id).await {
                case.set(Some((id, Ok(fresh))));
            }
            said.set(Some(Said::Reloaded));
            false
        }
        Err(err) => {
            said.set(Some(Said::of(err)));
            false
        }
    }
}

/// The statuses a case in `status` may move to (forward only; steps may
/// be skipped).
pub fn later_statuses(status: CaseStatusDto) -> Vec<CaseStatusDto> {
    CASE_STATUSES
        .into_iter()
        .skip_while(|s| *s != status)
        .skip(1)
        .collect()
}

const STATUS_NOTE: FieldSpec = FieldSpec {
    control: Control::TextArea,
    max: LONG_MAX,
    help: Some(|t| CASE_TEXTS.of(t).status_note_help),
    phi: true,
    ..FieldSpec::text("note", "status-note", |t| {
        CASE_TEXTS.of(t).status_note_label
    })
};

const WAIT_NOTE: FieldSpec = FieldSpec {
    control: Control::TextArea,
    required: true,
    max: LONG_MAX,
    help: Some(|t| CASE_TEXTS.of(t).wait_note_help),
    phi: true,
    ..FieldSpec::text("note", "wait-note", |t| CASE_TEXTS.of(t).wait_note_label)
};

/// What the actions share: the case on screen and how to reach it.
#[derive(Clone, Copy)]
struct Ctx {
    t: &'static Texts,
    auth: Auth,
    case: LocalResource<Loaded>,
    detail: Memo<Option<CaseDetail>>,
    case_id: StoredValue<String>,
}

impl Ctx {
    /// The version of the case on screen, for `If-Match`.
    fn version(self) -> i32 {
        self.detail
            .with_untracked(|d| d.as_ref().map_or(0, |d| d.version))
    }

    /// An action that sends `write` with a request, against the version on
    /// screen, and settles the answer in `said`: `done` picks the sentence
    /// for the request; `then` runs when it succeeded.
    fn write<R>(
        self,
        write: CaseWrite,
        said: RwSignal<Option<Said>>,
        done: fn(&R) -> TextFn,
        then: impl Fn() + Copy + 'static,
    ) -> Action<R, ()>
    where
        R: serde::Serialize + Clone + 'static,
    {
        Action::new_local(move |request: &R| {
            let request = request.clone();
            let (auth, id, version) = (self.auth, self.case_id.get_value(), self.version());
            async move {
                let result = auth.api().change_case(&id, write, version, &request).await;
                if settle(auth, self.case, id, said, done(&request), result).await {
                    then();
                }
            }
        })
    }
}

#[component]
pub fn ServiceActions(
    t: &'static Texts,
    case: LocalResource<Loaded>,
    detail: Memo<Option<CaseDetail>>,
    case_id: String,
) -> impl IntoView {
    let ctx = Ctx {
        t,
        auth: use_auth(),
        case,
        detail,
        case_id: StoredValue::new(case_id),
    };
    let texts = CASE_TEXTS.of(t);
    let closed = Memo::new(move |_| {
        detail.with(|d| {
            d.as_ref()
                .is_some_and(|d| d.summary.status == CaseStatusDto::Closed)
        })
    });
    view! {
        <section class="panel service-actions" aria-labelledby="service-actions-heading">
            <h2 id="service-actions-heading">{texts.service_actions_heading}</h2>
            <p class="hint">{texts.service_actions_hint}</p>
            {move || (!closed.get()).then(|| plan_visit_link(texts, detail))}
            {assign_form(ctx)}
            {status_form(ctx)}
            {move || (!closed.get()).then(|| waiting_form(ctx))}
        </section>
    }
}

/// A visit for the case: a plain link to the calendar's form (its code
/// loads with the calendar's pages, lazy_pages.rs), the product and the
/// case picked.
fn plan_visit_link(texts: &'static CaseTexts, detail: Memo<Option<CaseDetail>>) -> impl IntoView {
    let href = move || {
        detail.with(|d| {
            d.as_ref()
                .map(|d| new_visit_path(Some(d.summary.installed_product.id), Some(d.summary.id)))
                .unwrap_or_default()
        })
    };
    view! {
        <p class="plan-visit-row">
            <A href=href attr:class="plan-visit button-link">{texts.plan_visit_link}</A>
        </p>
    }
}

/// (a) The engineer: a select of the active engineers and "Unassigned".
fn assign_form(ctx: Ctx) -> impl IntoView {
    let Ctx {
        t, auth, detail, ..
    } = ctx;
    let texts = CASE_TEXTS.of(t);
    let engineers = LocalResource::new(move || auth.api().engineers());
    let said = RwSignal::new(None::<Said>);
    // What the user picked; until then (and after a save) the case's engineer.
    let chosen = RwSignal::new(None::<String>);
    let assigned = move || {
        let name = detail.with(|d| d.as_ref().and_then(|d| d.assigned_engineer.clone()))?;
        engineers.with(|list| {
            let list = list.as_ref()?.as_ref().ok()?;
            let engineer = list.items.iter().find(|e| e.display_name == name)?;
            Some(engineer.id.to_string())
        })
    };
    let value = move || chosen.get().or_else(assigned).unwrap_or_default();

    let save = ctx.write(
        CaseWrite::Assignee,
        said,
        |_: &AssignCaseRequest| |t| CASE_TEXTS.of(t).assign_saved,
        move || chosen.set(None),
    );
    let pending = save.pending();
    let on_submit = submit_once(pending, move || {
        said.set(None);
        save.dispatch(AssignCaseRequest {
            engineer_id: untrack(value).parse().ok(),
        });
    });
    let invalid = move || said.with(|s| error_for(&errors_of(s), "engineer_id").is_some());
    let options = engineer_options(engineers, value);
    let list_state =
        engineer_list_state(engineers, texts.engineers_loading, texts.engineers_failed);

    view! {
        <form class="service-action assign-engineer" on:submit=on_submit novalidate>
            <h3>{texts.assign_heading}</h3>
            {said_view(t, said)}
            <div class="field">
                <label for="assign-engineer">{texts.assign_label}</label>
                <select
                    id="assign-engineer"
                    name="engineer_id"
                    aria-invalid=move || invalid().then_some("true")
                    aria-describedby=move || invalid().then_some("assign-engineer-error")
                    on:change=move |ev| chosen.set(Some(event_target_value(&ev)))
                >
                    <option value="" prop:selected=move || value().is_empty()>{texts.unassigned_option}</option>
                    {options}
                </select>
                {move || list_state().map(|text| view! { <p class="field-help">{text}</p> })}
                {move || invalid().then(|| view! {
                    <p id="assign-engineer-error" class="field-error">{texts.not_an_engineer}</p>
                })}
            </div>
            <SubmitButton class="button-primary button-inline" pending busy=texts.saving idle=texts.assign_button/>
        </form>
    }
}

/// (b) The status, forward only, with an optional note for the timeline.
fn status_form(ctx: Ctx) -> impl IntoView {
    let Ctx { t, detail, .. } = ctx;
    let texts = CASE_TEXTS.of(t);
    let form = StatusMove::new(detail);
    let StatusMove {
        said,
        next,
        chosen,
        note,
        ..
    } = form;

    let move_status = ctx.write(
        CaseWrite::Status,
        said,
        |_: &MoveCaseStatusRequest| |t| CASE_TEXTS.of(t).status_moved,
        move || {
            note.set(String::new());
            chosen.set(None);
        },
    );
    let pending = move_status.pending();
    let on_submit = submit_once(pending, move || form.send(move_status));

    view! {
        <div class="service-action move-status">
            <h3>{texts.status_heading}</h3>
            {said_view(t, said)}
            {move || {
                if next.with(Vec::is_empty) {
                    return view! { <p class="hint">{texts.status_final}</p> }.into_any();
                }
                status_fields(t, form, pending, on_submit).into_any()
            }}
        </div>
    }
}

/// The status form's state, which its pieces share (signals, so `Copy`).
#[derive(Clone, Copy)]
struct StatusMove {
    said: RwSignal<Option<Said>>,
    errors: Memo<Vec<FieldError>>,
    /// The statuses the case may move to.
    next: Memo<Vec<CaseStatusDto>>,
    /// What the user picked, if anything.
    chosen: RwSignal<Option<String>>,
    note: RwSignal<String>,
}

impl StatusMove {
    /// The form for the case in `detail`: nothing said, picked or typed yet.
    fn new(detail: Memo<Option<CaseDetail>>) -> Self {
        let said = RwSignal::new(None::<Said>);
        let errors = Memo::new(move |_| said.with(errors_of));
        let next = Memo::new(move |_| {
            detail.with(|d| {
                d.as_ref()
                    .map(|d| later_statuses(d.summary.status))
                    .unwrap_or_default()
            })
        });
        Self {
            said,
            errors,
            next,
            chosen: RwSignal::new(None),
            note: RwSignal::new(String::new()),
        }
    }

    /// What the user picked while it is still ahead, else the next status.
    fn value(self) -> String {
        self.next.with(|next| {
            self.chosen
                .get()
                .filter(|c| next.iter().any(|s| wire_name(s) == *c))
                .or_else(|| next.first().map(wire_name))
                .unwrap_or_default()
        })
    }

    /// Sends the status picked with the note, or says what is wrong with
    /// the note.
    fn send(self, move_status: Action<MoveCaseStatusRequest, ()>) {
        let typed = self.note.get_untracked();
        if let Some(invalid) = STATUS_NOTE.check(&typed) {
            self.said.set(Some(Said::Invalid(vec![invalid])));
            return;
        }
        let Some(status) = from_wire::<CaseStatusDto>(&untrack(|| self.value())) else {
            return;
        };
        self.said.set(None);
        move_status.dispatch(MoveCaseStatusRequest {
            status,
            note: optional(&typed),
        });
    }
}

/// The form: the select of the statuses ahead, and the note.
fn status_fields(
    t: &'static Texts,
    form: StatusMove,
    pending: Memo<bool>,
    on_submit: impl Fn(leptos::ev::SubmitEvent) + 'static,
) -> impl IntoView {
    let texts = CASE_TEXTS.of(t);
    let options = move || {
        form.next
            .get()
            .into_iter()
            .map(|s| {
                let wire = wire_name(&s);
                let selected = {
                    let wire = wire.clone();
                    move || form.value() == wire
                };
                view! { <option value=wire prop:selected=selected>{case_status_name(t, s)}</option> }
            })
            .collect_view()
    };
    view! {
        <form class="move-status-form" on:submit=on_submit novalidate>
            <div class="field">
                <label for="next-status">{texts.next_status_label}</label>
                <select
                    id="next-status"
                    name="status"
                    on:change=move |ev| form.chosen.set(Some(event_target_value(&ev)))
                >
                    {options}
                </select>
            </div>
            {text_field(t, &STATUS_NOTE, form.note, form.errors)}
            <SubmitButton class="button-primary button-inline" pending busy=texts.saving idle=texts.move_status_button/>
        </form>
    }
}

/// (c) Waiting for the customer: start it with what is needed, or stop it.
fn waiting_form(ctx: Ctx) -> impl IntoView {
    let Ctx { t, detail, .. } = ctx;
    let texts = CASE_TEXTS.of(t);
    let said = RwSignal::new(None::<Said>);
    let errors = Memo::new(move |_| said.with(errors_of));
    let waiting =
        Memo::new(move |_| detail.with(|d| d.as_ref().is_some_and(|d| d.waiting_for_customer)));
    let note = RwSignal::new(String::new());

    let set_waiting = ctx.write(
        CaseWrite::WaitingForCustomer,
        said,
        |request: &WaitingForCustomerRequest| {
            if request.waiting {
                |t| CASE_TEXTS.of(t).waiting_started
            } else {
                |t| CASE_TEXTS.of(t).waiting_stopped
            }
        },
        move || note.set(String::new()),
    );
    let pending = set_waiting.pending();
    let start = submit_once(pending, move || {
        let typed = note.get_untracked();
        if let Some(invalid) = WAIT_NOTE.check(&typed) {
            said.set(Some(Said::Invalid(vec![invalid])));
            return;
        }
        said.set(None);
        set_waiting.dispatch(WaitingForCustomerRequest {
            waiting: true,
            note: optional(&typed),
        });
    });
    let stop = submit_once(pending, move || {
        said.set(None);
        set_waiting.dispatch(WaitingForCustomerRequest {
            waiting: false,
            note: None,
        });
    });

    view! {
        <div class="service-action waiting-for-customer">
            <h3>{texts.waiting_heading}</h3>
            {said_view(t, said)}
            {move || {
                if waiting.get() {
                    view! {
                        <form class="stop-waiting-form" on:submit=stop novalidate>
                            <p class="status-notice notice-waiting">{texts.waiting_now}</p>
                            <SubmitButton class="button-secondary button-inline" pending busy=texts.saving idle=texts.stop_waiting_button/>
                        </form>
                    }
                    .into_any()
                } else {
                    view! {
                        <form class="wait-form" on:submit=start novalidate>
                            {text_field(t, &WAIT_NOTE, note, errors)}
                            <SubmitButton class="button-primary button-inline" pending busy=texts.saving idle=texts.wait_button/>
                        </form>
                    }
                    .into_any()
                }
            }}
        </div>
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_status_moves_forward_only_and_may_skip_steps() {
        use CaseStatusDto::{Closed, Fixed, InProcess, New};
        assert_eq!(later_statuses(New), [InProcess, Fixed, Closed]);
        assert_eq!(later_statuses(Fixed), [Closed]);
        assert_eq!(later_statuses(Closed), []);
    }

    #[test]
    fn the_wait_needs_a_note_and_the_status_note_is_optional() {
        assert!(WAIT_NOTE.check("  ").is_some());
        assert_eq!(WAIT_NOTE.check("The serial number of the coil"), None);
        assert_eq!(STATUS_NOTE.check(""), None);
        assert!(STATUS_NOTE.check(&"x".repeat(LONG_MAX + 1)).is_some());
    }
}
