//! `/calendar/{id}`: one planned service event: what, when, on which
//! product and where, who comes, the linked case and the customer's
//! answer; a download of it for the user's own calendar; and, for a
//! tentative one and a User or Manager, Accept and Decline with a note;
//! for the service side (the Service role), Reschedule and Cancel visit
//! (plan_actions.rs). The calendar's view rides along in the query, so
//! "back" returns to it.

use super::board::{event_status_badge, type_class};
use super::plan_actions::{plannable, PlanActions, Said};
use crate::api::planned_events::event_ics_url;
use crate::api::ApiError;
use crate::components::detail::{facts_panel, load_by_id, load_error, loading};
use crate::components::document::use_title;
use crate::components::download::fetch_and_save;
use crate::components::forms::focus_later;
use crate::format::date_in_zone;
use crate::i18n::calendar_texts::CALENDAR_TEXTS;
use crate::i18n::{error_message, Texts};
use crate::query::{CalendarView, ListView};
use crate::routes::{case_path, installed_product_path};
use crate::state::auth::{use_auth, use_texts};
use api_types::{
    AnswerEventRequest, CustomerResponseDto, EventStatusDto, PlannedEventDto, ProblemCode,
};
use chrono::NaiveDate;
use leptos::prelude::*;
use leptos_router::components::A;
use leptos_router::hooks::use_query_map;

const SAID_ID: &str = "answer-said";

#[component]
pub fn CalendarEventPage() -> impl IntoView {
    let (auth, t) = (use_auth(), use_texts());
    let (id, event) = load_by_id(move |id| async move { auth.api().planned_event(&id).await });
    let said: Said = RwSignal::new(None);
    let shown = Memo::new(move |_| match event.get() {
        Some((for_id, result)) if for_id == id.get() => Some(result),
        _ => None,
    });
    use_title(move |t| match shown.get() {
        Some(Ok(e)) => event_title(t, &e),
        Some(Err(_)) => CALENDAR_TEXTS.of(t).event_not_found.to_owned(),
        None => CALENDAR_TEXTS.of(t).event_loading.to_owned(),
    });
    let query = use_query_map();
    let back = move || {
        let from = query.with(|q| CalendarView::from_query(|k| q.get(k)));
        let day = shown.with(|s| match s {
            Some(Ok(e)) => Some(date_in_zone(e.planned_start, &auth.time_zone())),
            _ => None,
        });
        back_view(from, day).href()
    };
    let answered = Callback::new(move |updated: PlannedEventDto| {
        event.set(Some((id.get_untracked(), Ok(updated))));
    });
    // The event on screen, and for the service side the id of one it may
    // still plan anew (its actions are drawn again for another event only,
    // so a reload keeps what was typed).
    let current = Memo::new(move |_| match shown.get() {
        Some(Ok(e)) => Some(e),
        _ => None,
    });
    let plan_key = Memo::new(move |_| {
        let e = current.get()?;
        (plannable(e.status) && auth.may(domain::Action::PlanServiceEvents)).then_some(e.id)
    });
    view! {
        <p class="back-link">
            <A href=back>{move || CALENDAR_TEXTS.of(t.get()).back_to_calendar}</A>
        </p>
        {move || {
            let t = t.get();
            match shown.get() {
                Some(Ok(e)) => event_view(t, e, answered, said).into_any(),
                Some(Err(err)) => load_error(t, &err, &[ProblemCode::NotFound], CALENDAR_TEXTS.of(t).event_not_found),
                None => loading(CALENDAR_TEXTS.of(t).event_loading),
            }
        }}
        {move || plan_key.get().map(|_| {
            view! { <PlanActions t=t.get() current updated=answered said said_id=SAID_ID/> }
        })}
        <div class="form-live" role="status" aria-live="polite">
            {move || said.get().map(|(ok, text)| view! {
                <p id=SAID_ID tabindex="-1" class=if ok { "form-success" } else { "form-error" }>{text}</p>
            })}
        </div>
    }
}

/// Where "back to the calendar" leads: the calendar's view the page was
/// opened from, else the month of the event (`day`, once known).
pub fn back_view(from: CalendarView, day: Option<NaiveDate>) -> CalendarView {
    if from == CalendarView::default() {
        from.on_day(day)
    } else {
        from
    }
}

/// "Preventive maintenance · IP-40010001".
fn event_title(t: &'static Texts, e: &PlannedEventDto) -> String {
    let kind = CALENDAR_TEXTS.of(t).type_name(e.event_type);
    format!("{kind} · {}", e.installed_product.number)
}

fn event_view(
    t: &'static Texts,
    e: PlannedEventDto,
    answered: Callback<PlannedEventDto>,
    said: Said,
) -> impl IntoView {
    let c = CALENDAR_TEXTS.of(t);
    let answerable =
        e.status == EventStatusDto::Tentative && use_auth().may(domain::Action::AnswerServiceEvent);
    let product = e.installed_product.clone();
    let product_link = view! {
        <A href=installed_product_path(product.id) attr:class="product-link">
            <span class="ident">{product.number}</span>
        </A>
        " "
        {product.description}
    };
    let case = match (e.case_id, e.case_number.clone()) {
        (Some(id), number) => view! {
            <A href=case_path(id) attr:class="case-link">{number.unwrap_or_else(|| id.to_string())}</A>
        }
        .into_any(),
        (None, _) => c.no_case.into_any(),
    };
    let kind = view! {
        <span class=format!("event-type {}", type_class(e.event_type))>
            <span class="chip-type">{c.type_short(e.event_type)}</span>
            " "
            {c.type_name(e.event_type)}
        </span>
    };
    let facts = vec![
        (c.col_type, kind.into_any()),
        (t.col_status, event_status_badge(c, e.status).into_any()),
        (c.label_when, e.when.clone().into_any()),
        (c.col_product, product_link.into_any()),
        (t.col_location, e.location.name.clone().into_any()),
        (
            c.col_engineer,
            e.engineer
                .clone()
                .unwrap_or_else(|| c.engineer_unknown.to_owned())
                .into_any(),
        ),
        (
            c.label_service_type,
            c.visit_name(e.service_type).into_any(),
        ),
        (c.label_case, case),
        (
            c.label_response,
            c.response_name(e.customer_response).into_any(),
        ),
    ];
    let id = e.id.to_string();
    view! {
        <div class="title-row">
            <h1 class="event-title">{event_title(t, &e)}</h1>
            {event_status_badge(c, e.status)}
        </div>
        {facts_panel("event-details-heading", t.details_heading, facts)}
        <IcsDownload t id=id.clone()/>
        {answerable.then(|| view! { <AnswerForm t id answered said/> })}
    }
}

/// "Add to my calendar (.ics)": fetched with the token, then saved.
#[component]
fn IcsDownload(t: &'static Texts, id: String) -> impl IntoView {
    let auth = use_auth();
    let c = CALENDAR_TEXTS.of(t);
    let failed = RwSignal::new(None::<String>);
    let href = StoredValue::new(event_ics_url(&id));
    let save = Action::new_local(move |_: &()| async move {
        let result = fetch_and_save(auth.api(), &href.get_value(), "service-event.ics").await;
        failed.set(result.err().map(|err| error_message(t, &err)));
    });
    let pending = save.pending();
    view! {
        <div class="ics-download">
            <button
                type="button"
                class="button-secondary button-inline ics-button"
                disabled=move || pending.get()
                on:click=move |_| {
                    save.dispatch(());
                }
            >
                {move || if pending.get() { c.downloading } else { c.download_ics }}
            </button>
            <div class="form-live" aria-live="polite">
                {move || failed.get().map(|text| view! { <p class="form-error" role="alert">{text}</p> })}
            </div>
        </div>
    }
}

/// Accept or decline a tentative event, with an optional note. The answer
/// replaces the event on screen; what it came to is said below the page.
#[component]
fn AnswerForm(
    t: &'static Texts,
    id: String,
    answered: Callback<PlannedEventDto>,
    said: Said,
) -> impl IntoView {
    let (auth, c) = (use_auth(), CALENDAR_TEXTS.of(t));
    let note = RwSignal::new(String::new());
    let id = StoredValue::new(id);
    let send = Action::new_local(move |answer: &CustomerResponseDto| {
        let text = note.get_untracked().trim().to_owned();
        let request = AnswerEventRequest {
            answer: *answer,
            note: (!text.is_empty()).then_some(text),
        };
        async move {
            let api = auth.api();
            let result = api.answer_planned_event(id.get_value(), &request).await;
            let outcome = match result {
                Ok(updated) => {
                    answered.run(updated);
                    let words = match request.answer {
                        CustomerResponseDto::Accepted => c.answered_accepted,
                        CustomerResponseDto::Declined => c.answered_declined,
                    };
                    (true, words.to_owned())
                }
                Err(err) => {
                    // No longer tentative: show it as it is now.
                    if err.code() == Some(ProblemCode::Conflict) {
                        if let Ok(latest) = api.planned_event(id.get_value()).await {
                            answered.run(latest);
                        }
                    }
                    (false, answer_error(t, &err))
                }
            };
            said.set(Some(outcome));
            focus_later(SAID_ID);
        }
    });
    let pending = send.pending();
    let answer_button = move |answer, class: &'static str, label: &'static str| {
        view! {
            <button type="button" class=class disabled=move || pending.get() on:click=move |_| { said.set(None); send.dispatch(answer); }>
                {label}
            </button>
        }
    };
    view! {
        <section class="panel answer-panel" aria-labelledby="answer-heading">
            <h2 id="answer-heading">{c.answer_heading}</h2>
            <p class="hint">{c.answer_intro}</p>
            <div class="field">
                <label for="answer-note">{c.note_label}</label>
                <textarea id="answer-note" name="note" rows="3" maxlength="2000" aria-describedby="answer-note-help"
                    prop:value=note on:input=move |ev| note.set(event_target_value(&ev))></textarea>
                <p id="answer-note-help" class="field-help">{c.note_help}</p>
            </div>
            <div class="button-row">
                {answer_button(CustomerResponseDto::Accepted, "button-primary button-inline answer-accept", c.accept)}
                {answer_button(CustomerResponseDto::Declined, "button-secondary button-inline answer-decline", c.decline)}
            </div>
        </section>
    }
}

/// The server's own words when the event can no longer be answered (409),
/// else the app's sentence for the problem.
fn answer_error(t: &'static Texts, err: &ApiError) -> String {
    match err {
        ApiError::Problem(p) if p.code == ProblemCode::Conflict && !p.detail.is_empty() => {
            p.detail.clone()
        }
        _ => error_message(t, err),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::api::error::problem;
    use crate::query::CalendarMode;

    #[test]
    fn back_returns_to_the_calendar_view_it_came_from() {
        let day = NaiveDate::from_ymd_opt(2026, 3, 10);
        let week = CalendarView {
            mode: CalendarMode::Week,
            ..CalendarView::default()
        };
        assert_eq!(back_view(week.clone(), day), week);
        assert_eq!(
            back_view(CalendarView::default(), day).href(),
            "/calendar?date=2026-03-10"
        );
        assert_eq!(back_view(CalendarView::default(), None).href(), "/calendar");
    }

    #[test]
    fn a_refused_answer_shows_the_servers_words_for_a_conflict() {
        let t = crate::i18n::texts(domain::Language::En);
        let conflict = problem(ProblemCode::Conflict, None);
        assert_eq!(answer_error(t, &conflict), "server detail, not shown");
        let other = problem(ProblemCode::Forbidden, None);
        assert_eq!(answer_error(t, &other), t.errors.forbidden);
    }
}
