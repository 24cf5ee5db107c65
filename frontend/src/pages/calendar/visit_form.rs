//! The plan of a visit, as the service side fills it in: the event type,
//! tentative or confirmed, the start and end (a date and a time each, in
//! the user's own zone, sent as UTC), the engineer, the service type and
//! an open case of the product. The page that plans a new visit
//! (new_visit_page.rs) and the event page's "Reschedule" share it. The
//! times are checked before sending; the server's field errors (problem+json)
//! are shown at their fields and summarised above them, in words.

use crate::components::forms::{
    codes_for, failure_summary_by, field_error, field_errors_view, field_key, required_marker,
    Failure, RadioInput,
};
use crate::format::{date_time_in_zone, format_date, format_time, instant_in_zone};
use crate::i18n::calendar_texts::{CALENDAR_TEXTS, EVENT_TYPES};
use crate::i18n::{fill, Texts};
use crate::pages::service::engineers::{engineer_list_state, engineer_options, Engineers};
use crate::query::{from_wire, parse_day, wire_name};
use crate::state::auth::use_auth;
use api_types::{
    CaseQuery, EventPlanDto, EventStatusDto, EventTypeDto, FieldError, FieldErrorCode,
    PlannedEventDto, ProblemCode, VisitTypeDto,
};
use chrono::{DateTime, NaiveDate, NaiveDateTime, NaiveTime, TimeDelta, Timelike, Utc};
use domain::DateFormat;
use leptos::prelude::*;

/// The statuses a visit is planned in (done and cancelled are not planned).
pub const PLANNED_STATUSES: [EventStatusDto; 2] =
    [EventStatusDto::Tentative, EventStatusDto::Confirmed];

pub const VISIT_TYPES: [VisitTypeDto; 5] = [
    VisitTypeDto::Onsite,
    VisitTypeDto::Remote,
    VisitTypeDto::BenchRepair,
    VisitTypeDto::PartsOnly,
    VisitTypeDto::SubContractor,
];

/// The longest a visit lasts (the server's rule).
const LONGEST_DAYS: i64 = 31;

/// What the form starts from: a new visit's defaults, or an event's plan.
#[derive(Debug, Clone, PartialEq)]
pub struct Draft {
    pub event_type: EventTypeDto,
    pub status: EventStatusDto,
    /// The start and end on the user's clock.
    pub start: NaiveDateTime,
    pub end: NaiveDateTime,
    /// The engineer's id.
    pub engineer: Option<String>,
    pub service_type: VisitTypeDto,
    /// The linked case's id, and its number when known.
    pub case: Option<(String, Option<String>)>,
}

impl Draft {
    /// A visit on `day`, 09:00 to 11:00, tentative and onsite: repair work
    /// for a case, else preventive maintenance.
    pub fn new_visit(day: NaiveDate, case: Option<String>) -> Self {
        let at = |h| day.and_time(NaiveTime::from_hms_opt(h, 0, 0).unwrap_or_default());
        Self {
            event_type: if case.is_some() {
                EventTypeDto::CorrectiveMaintenance
            } else {
                EventTypeDto::PreventiveMaintenance
            },
            status: EventStatusDto::Tentative,
            start: at(9),
            end: at(11),
            engineer: None,
            service_type: VisitTypeDto::Onsite,
            case: case.map(|id| (id, None)),
        }
    }

    /// The plan of event `e`, its times on the clock of `zone`.
    pub fn of_event(e: &PlannedEventDto, zone: &str) -> Self {
        Self {
            event_type: e.event_type,
            status: if PLANNED_STATUSES.contains(&e.status) {
                e.status
            } else {
                EventStatusDto::Tentative
            },
            start: date_time_in_zone(e.planned_start, zone),
            end: date_time_in_zone(e.planned_end, zone),
            engineer: e.engineer_id.map(|id| id.to_string()),
            service_type: e.service_type,
            case: e.case_id.map(|id| (id.to_string(), e.case_number.clone())),
        }
    }
}

/// The date and time fields as typed (`YYYY-MM-DD`, `HH:MM`).
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct TypedWindow {
    pub start_date: String,
    pub start_time: String,
    pub end_date: String,
    pub end_time: String,
}

/// A date input's value.
fn date_value(date: NaiveDate) -> String {
    format_date(date, DateFormat::Iso)
}

/// A time input's value.
fn time_value(time: NaiveTime) -> String {
    format!("{:02}:{:02}", time.hour(), time.minute())
}

/// A time input's value, `HH:MM` (browsers may add seconds).
pub fn parse_time(raw: &str) -> Option<NaiveTime> {
    let mut parts = raw.trim().split(':');
    let mut next = || {
        parts
            .next()
            .filter(|p| p.len() == 2)
            .and_then(|p| p.parse().ok())
    };
    NaiveTime::from_hms_opt(next()?, next()?, 0)
}

/// The start and end as UTC instants, `utc(local)` reading the user's
/// clock; or what is wrong: a field left empty (`required`), a time the
/// clocks skip (`out_of_range` at that time), an end not after the start
/// or more than 31 days later (`out_of_range` at `planned_end`, as the
/// server says it).
pub fn check_window(
    typed: &TypedWindow,
    utc: impl Fn(NaiveDateTime) -> Option<DateTime<Utc>>,
) -> Result<(DateTime<Utc>, DateTime<Utc>), Vec<FieldError>> {
    let mut errors = Vec::new();
    let mut instant = |date_field: &str, date: &str, time_field: &str, time: &str| {
        let date = parse_day(date);
        let time = parse_time(time);
        if date.is_none() {
            errors.push(field_error(date_field, FieldErrorCode::Required));
        }
        if time.is_none() {
            errors.push(field_error(time_field, FieldErrorCode::Required));
        }
        let instant = utc(date?.and_time(time?));
        if instant.is_none() {
            errors.push(field_error(time_field, FieldErrorCode::OutOfRange));
        }
        instant
    };
    let start = instant(
        "start_date",
        &typed.start_date,
        "start_time",
        &typed.start_time,
    );
    let end = instant("end_date", &typed.end_date, "end_time", &typed.end_time);
    match (start, end) {
        (Some(start), Some(end)) if errors.is_empty() => {
            if end <= start || end - start > TimeDelta::days(LONGEST_DAYS) {
                Err(vec![field_error("planned_end", FieldErrorCode::OutOfRange)])
            } else {
                Ok((start, end))
            }
        }
        _ => Err(errors),
    }
}

/// What is wrong with a field of the form, in words.
pub fn visit_error_text(t: &'static Texts, field: &str, code: FieldErrorCode) -> String {
    let c = CALENDAR_TEXTS.of(t);
    let text = match (field_key(field), code) {
        ("installed_product_id", _) => c.err_pick_product,
        ("start_date" | "end_date", _) => c.err_date,
        ("start_time" | "end_time", FieldErrorCode::OutOfRange) => c.err_time_skipped,
        ("start_time" | "end_time", _) => c.err_time,
        ("planned_start" | "planned_end", _) => c.err_end_after_start,
        ("engineer_id", _) => c.err_not_an_engineer,
        ("case_id", _) => c.err_case_of_product,
        (_, code) => crate::i18n::field_error_text(t, code),
    };
    text.to_owned()
}

/// The label and input id of a field the form shows, for the summary.
fn field_of(t: &'static Texts, field: &str) -> Option<(String, String)> {
    let c = CALENDAR_TEXTS.of(t);
    let pair = |group: &str, part: &str| format!("{group}: {}", part.to_lowercase());
    let (label, id) = match field_key(field) {
        "installed_product_id" => (c.col_product.to_owned(), PRODUCT_SEARCH_ID),
        "event_type" => (c.col_type.to_owned(), "visit-type"),
        "status" => (t.col_status.to_owned(), "visit-status-tentative"),
        "start_date" => (pair(c.start_legend, c.label_date), "visit-start-date"),
        "start_time" => (pair(c.start_legend, c.label_time), "visit-start-time"),
        "end_date" => (pair(c.end_legend, c.label_date), "visit-end-date"),
        "end_time" => (pair(c.end_legend, c.label_time), "visit-end-time"),
        "planned_start" => (c.start_legend.to_owned(), "visit-start-date"),
        "planned_end" => (c.end_legend.to_owned(), "visit-end-date"),
        "engineer_id" => (c.col_engineer.to_owned(), "visit-engineer"),
        "service_type" => (c.label_service_type.to_owned(), "visit-service-type"),
        "case_id" => (c.label_case.to_owned(), "visit-case"),
        _ => return None,
    };
    Some((label, id.to_owned()))
}

/// The product search's input id (new_visit_page.rs), where the summary
/// leads when no product is chosen.
pub const PRODUCT_SEARCH_ID: &str = "visit-product-search";

/// What the form holds, as typed, and what its last send failed on.
#[derive(Clone, Copy)]
pub struct VisitForm {
    event_type: RwSignal<EventTypeDto>,
    status: RwSignal<EventStatusDto>,
    start_date: RwSignal<String>,
    start_time: RwSignal<String>,
    end_date: RwSignal<String>,
    end_time: RwSignal<String>,
    /// The engineer's id as picked (empty: not known yet); None until the
    /// user picks one: then the draft's engineer, once the list is in.
    engineer: RwSignal<Option<String>>,
    draft_engineer: StoredValue<Option<String>>,
    engineers: Engineers,
    service_type: RwSignal<VisitTypeDto>,
    /// The linked case's id; empty: none.
    case: RwSignal<String>,
    /// The draft's case, shown as a choice even when it is not open.
    draft_case: StoredValue<Option<(String, Option<String>)>>,
    /// The product's id whose cases are offered.
    product: Signal<Option<String>>,
    pub failure: RwSignal<Option<Failure>>,
}

impl VisitForm {
    pub fn new(draft: Draft, engineers: Engineers, product: Signal<Option<String>>) -> Self {
        Self {
            event_type: RwSignal::new(draft.event_type),
            status: RwSignal::new(draft.status),
            start_date: RwSignal::new(date_value(draft.start.date())),
            start_time: RwSignal::new(time_value(draft.start.time())),
            end_date: RwSignal::new(date_value(draft.end.date())),
            end_time: RwSignal::new(time_value(draft.end.time())),
            engineer: RwSignal::new(None),
            draft_engineer: StoredValue::new(draft.engineer),
            engineers,
            service_type: RwSignal::new(draft.service_type),
            case: RwSignal::new(
                draft
                    .case
                    .as_ref()
                    .map(|(id, _)| id.clone())
                    .unwrap_or_default(),
            ),
            draft_case: StoredValue::new(draft.case),
            product,
            failure: RwSignal::new(None),
        }
    }

    /// Another product was chosen: its cases, none linked yet.
    pub fn forget_case(self) {
        self.draft_case.set_value(None);
        self.case.set(String::new());
    }

    /// The engineer's id to send (empty: none).
    fn engineer_value(self) -> String {
        self.engineer
            .get()
            .or_else(|| self.draft_engineer.get_value())
            .unwrap_or_default()
    }

    fn typed(self) -> TypedWindow {
        TypedWindow {
            start_date: self.start_date.get_untracked(),
            start_time: self.start_time.get_untracked(),
            end_date: self.end_date.get_untracked(),
            end_time: self.end_time.get_untracked(),
        }
    }

    /// The plan to send, with the times typed on the clock of `zone`; or
    /// what is wrong with it.
    pub fn plan(self, zone: &str) -> Result<EventPlanDto, Vec<FieldError>> {
        let (start, end) = check_window(&self.typed(), |local| instant_in_zone(local, zone))?;
        let engineer = untrack(move || self.engineer_value());
        let case = self.case.get_untracked();
        Ok(EventPlanDto {
            event_type: self.event_type.get_untracked(),
            status: self.status.get_untracked(),
            planned_start: start,
            planned_end: end,
            engineer_id: from_wire(&engineer),
            service_type: self.service_type.get_untracked(),
            case_id: from_wire(&case),
        })
    }

    /// The codes of `field` in the last failure.
    fn codes(self, field: &'static str) -> impl Fn() -> Vec<FieldErrorCode> + Copy + Send + Sync {
        move || {
            self.failure
                .with(|f| codes_for(&Failure::field_errors(f), field))
        }
    }

    /// The summary at the top (with the id `errors_id`, focused after a
    /// failed send): a 412 in its own words, the fields' errors as links.
    pub fn summary(self, t: &'static Texts, errors_id: &'static str) -> impl IntoView {
        let summary = move || {
            self.failure.get().map(|f| match &f {
                Failure::Failed(err) if err.code() == Some(ProblemCode::PreconditionFailed) => {
                    let text = CALENDAR_TEXTS.of(t).event_changed_reloaded;
                    view! { <p class="form-error" role="alert">{text}</p> }.into_any()
                }
                _ => failure_summary_by(
                    t,
                    &f,
                    |name| field_of(t, name),
                    |name, code| visit_error_text(t, name, code),
                ),
            })
        };
        view! { <div id=errors_id class="form-summary" tabindex="-1">{summary}</div> }
    }

    /// The fields, from the type to the case; `zone`: the user's, named
    /// beside the times.
    pub fn fields(self, t: &'static Texts, zone: String) -> impl IntoView {
        view! {
            {self.type_select(t)}
            {self.status_choice(t)}
            <p id="visit-zone" class="field-help visit-zone">
                {fill(CALENDAR_TEXTS.of(t).times_in_zone, &[("zone", &zone)])}
            </p>
            {self.when_group(t, When::Start)}
            {self.when_group(t, When::End)}
            {self.preview(t, zone.clone())}
            {self.engineer_select(t)}
            {self.service_type_select(t)}
            {self.case_select(t)}
        }
    }

    /// The start and end as typed, written in the user's own formats (the
    /// browser's date and time inputs write them in its language's).
    fn preview(self, t: &'static Texts, zone: String) -> impl IntoView {
        let auth = use_auth();
        let text = move || {
            let read = |date: RwSignal<String>, time: RwSignal<String>| {
                Some((parse_day(&date.get())?, parse_time(&time.get())?))
            };
            let (start_day, start) = read(self.start_date, self.start_time)?;
            let (end_day, end) = read(self.end_date, self.end_time)?;
            let (dates, times) = (auth.date_format(), auth.time_format());
            let start = format!(
                "{} {}",
                format_date(start_day, dates),
                format_time(start, times)
            );
            // One date when it ends on the day it starts, as the event's page.
            let end = if end_day == start_day {
                format_time(end, times)
            } else {
                format!(
                    "{} {}",
                    format_date(end_day, dates),
                    format_time(end, times)
                )
            };
            let label = CALENDAR_TEXTS.of(t).label_when;
            Some(format!("{label}: {start} – {end} ({zone})"))
        };
        view! { <p class="field-help visit-preview">{text}</p> }
    }

    fn type_select(self, t: &'static Texts) -> impl IntoView {
        let c = CALENDAR_TEXTS.of(t);
        let chosen = self.event_type;
        view! {
            <div class="field">
                <label for="visit-type">{c.col_type} {required_marker(t)}</label>
                <select id="visit-type" name="event_type" required on:change=move |ev| {
                    if let Some(kind) = from_wire(&event_target_value(&ev)) {
                        chosen.set(kind);
                    }
                }>
                    {EVENT_TYPES
                        .into_iter()
                        .map(|k| view! {
                            <option value=wire_name(&k) selected=move || chosen.get() == k>{c.type_name(k)}</option>
                        })
                        .collect_view()}
                </select>
            </div>
        }
    }

    fn status_choice(self, t: &'static Texts) -> impl IntoView {
        let c = CALENDAR_TEXTS.of(t);
        let status = self.status;
        view! {
            <fieldset class="choice-group visit-status" aria-describedby="visit-status-help">
                <legend>{t.col_status} {required_marker(t)}</legend>
                <p id="visit-status-help" class="field-help">{c.status_help}</p>
                <div class="choices">
                    {PLANNED_STATUSES
                        .into_iter()
                        .map(|s| {
                            let value = wire_name(&s);
                            let id = format!("visit-status-{value}");
                            view! {
                                <div class="choice">
                                    <RadioInput name="status" id=id.clone() value=value choice=s chosen=status/>
                                    <label for=id>{c.status_name(s)}</label>
                                </div>
                            }
                        })
                        .collect_view()}
                </div>
            </fieldset>
        }
    }

    /// The start or the end: a date and a time, with the errors of each,
    /// and of the two together (the server's `planned_start`/`planned_end`).
    fn when_group(self, t: &'static Texts, which: When) -> impl IntoView {
        let c = CALENDAR_TEXTS.of(t);
        let (legend, key, whole, date, time) = match which {
            When::Start => (
                c.start_legend,
                "start",
                "planned_start",
                self.start_date,
                self.start_time,
            ),
            When::End => (
                c.end_legend,
                "end",
                "planned_end",
                self.end_date,
                self.end_time,
            ),
        };
        let whole_codes = self.codes(whole);
        let whole_error = format!("visit-{key}-error");
        let input = move |part: &'static str,
                          kind: &'static str,
                          label: &'static str,
                          value: RwSignal<String>| {
            let field: &'static str = match (key, part) {
                ("start", "date") => "start_date",
                ("start", "time") => "start_time",
                ("end", "date") => "end_date",
                _ => "end_time",
            };
            let id = format!("visit-{key}-{part}");
            let error_id = format!("{id}-error");
            let codes = self.codes(field);
            let described = {
                let (error_id, whole_error) = (error_id.clone(), format!("visit-{key}-error"));
                move || {
                    let mut ids = vec!["visit-zone".to_owned()];
                    if !codes().is_empty() {
                        ids.push(error_id.clone());
                    }
                    if !whole_codes().is_empty() {
                        ids.push(whole_error.clone());
                    }
                    ids.join(" ")
                }
            };
            let invalid =
                move || (!codes().is_empty() || !whole_codes().is_empty()).then_some("true");
            view! {
                <div class="field">
                    <label for=id.clone()>{label} {required_marker(t)}</label>
                    <input
                        id=id
                        name=field
                        type=kind
                        required
                        aria-invalid=invalid
                        aria-describedby=described
                        prop:value=value
                        on:input=move |ev| value.set(event_target_value(&ev))
                        on:change=move |ev| value.set(event_target_value(&ev))
                    />
                    {field_errors_view(error_id, codes, move |code| visit_error_text(t, field, code))}
                </div>
            }
        };
        view! {
            <fieldset class=format!("choice-group visit-when visit-{key}")>
                <legend>{legend}</legend>
                <div class="date-time">
                    {input("date", "date", c.label_date, date)}
                    {input("time", "time", c.label_time, time)}
                </div>
                {field_errors_view(whole_error, whole_codes, move |code| visit_error_text(t, whole, code))}
            </fieldset>
        }
    }

    fn engineer_select(self, t: &'static Texts) -> impl IntoView {
        let c = CALENDAR_TEXTS.of(t);
        let engineers = self.engineers;
        let codes = self.codes("engineer_id");
        let value = move || self.engineer_value();
        let options = engineer_options(engineers, value);
        let list_state = engineer_list_state(engineers, c.engineers_loading, c.engineers_failed);
        let described = move || {
            let mut ids = vec!["visit-engineer-help"];
            if !codes().is_empty() {
                ids.push("visit-engineer-error");
            }
            ids.join(" ")
        };
        view! {
            <div class="field">
                <label for="visit-engineer">{c.col_engineer}</label>
                <select
                    id="visit-engineer"
                    name="engineer_id"
                    aria-invalid=move || (!codes().is_empty()).then_some("true")
                    aria-describedby=described
                    on:change=move |ev| self.engineer.set(Some(event_target_value(&ev)))
                >
                    <option value="" prop:selected=move || value().is_empty()>{c.engineer_unknown}</option>
                    {options}
                </select>
                <p id="visit-engineer-help" class="field-help">{move || list_state().unwrap_or_default()}</p>
                {field_errors_view("visit-engineer-error".to_owned(), codes, move |code| visit_error_text(t, "engineer_id", code))}
            </div>
        }
    }

    fn service_type_select(self, t: &'static Texts) -> impl IntoView {
        let c = CALENDAR_TEXTS.of(t);
        let chosen = self.service_type;
        view! {
            <div class="field">
                <label for="visit-service-type">{c.label_service_type} {required_marker(t)}</label>
                <select id="visit-service-type" name="service_type" required on:change=move |ev| {
                    if let Some(kind) = from_wire(&event_target_value(&ev)) {
                        chosen.set(kind);
                    }
                }>
                    {VISIT_TYPES
                        .into_iter()
                        .map(|k| view! {
                            <option value=wire_name(&k) selected=move || chosen.get() == k>{c.visit_name(k)}</option>
                        })
                        .collect_view()}
                </select>
            </div>
        }
    }

    /// The open cases of the chosen product (and the draft's case, open or
    /// not), or none.
    fn case_select(self, t: &'static Texts) -> impl IntoView {
        let c = CALENDAR_TEXTS.of(t);
        let auth = use_auth();
        let product = self.product;
        let cases = LocalResource::new(move || {
            let product = product.get();
            async move {
                let product = product?;
                let query = CaseQuery {
                    installed_product: from_wire(&product),
                    open: Some(true),
                    page_size: Some(100),
                    ..CaseQuery::default()
                };
                Some(auth.api().cases(&query).await)
            }
        });
        let case = self.case;
        let codes = self.codes("case_id");
        let options = move || {
            let mut choices: Vec<(String, String)> = cases.with(|answer| match answer {
                Some(Some(Ok(page))) => page
                    .items
                    .iter()
                    .map(|k| (k.id.to_string(), format!("{} · {}", k.number, k.title)))
                    .collect(),
                _ => Vec::new(),
            });
            if let Some((id, number)) = self.draft_case.get_value() {
                if !choices.iter().any(|(known, _)| *known == id) {
                    let label = number.unwrap_or_else(|| c.chosen_case.to_owned());
                    choices.insert(0, (id, label));
                }
            }
            choices
                .into_iter()
                .map(|(id, label)| {
                    let this = id.clone();
                    view! { <option value=id prop:selected=move || case.with(|c| *c == this)>{label}</option> }
                })
                .collect_view()
        };
        let help = move || match cases.with(|a| a.as_ref().map(|a| a.as_ref().map(Result::is_ok))) {
            Some(Some(true)) | Some(None) => c.case_help,
            Some(Some(false)) => t.errors.generic,
            None => c.cases_loading,
        };
        let described = move || {
            let mut ids = vec!["visit-case-help"];
            if !codes().is_empty() {
                ids.push("visit-case-error");
            }
            ids.join(" ")
        };
        view! {
            <div class="field">
                <label for="visit-case">{c.label_case}</label>
                <select
                    id="visit-case"
                    name="case_id"
                    aria-invalid=move || (!codes().is_empty()).then_some("true")
                    aria-describedby=described
                    on:change=move |ev| case.set(event_target_value(&ev))
                >
                    <option value="" prop:selected=move || case.with(String::is_empty)>{c.case_none}</option>
                    {options}
                </select>
                <p id="visit-case-help" class="field-help">{help}</p>
                {field_errors_view("visit-case-error".to_owned(), codes, move |code| visit_error_text(t, "case_id", code))}
            </div>
        }
    }
}

#[derive(Clone, Copy)]
enum When {
    Start,
    End,
}

#[cfg(test)]
mod tests {
    use super::*;

    fn typed(start: (&str, &str), end: (&str, &str)) -> TypedWindow {
        TypedWindow {
            start_date: start.0.to_owned(),
            start_time: start.1.to_owned(),
            end_date: end.0.to_owned(),
            end_time: end.1.to_owned(),
        }
    }

    /// A zone two hours ahead of UTC, whose clocks skip 02:00-03:00 on
    /// 29 March 2026.
    fn plus_two(local: NaiveDateTime) -> Option<DateTime<Utc>> {
        let skipped = NaiveDate::from_ymd_opt(2026, 3, 29)?.and_hms_opt(2, 0, 0)?;
        if (skipped..skipped + TimeDelta::hours(1)).contains(&local) {
            return None;
        }
        Some((local - TimeDelta::hours(2)).and_utc())
    }

    fn fields(
        result: Result<(DateTime<Utc>, DateTime<Utc>), Vec<FieldError>>,
    ) -> Vec<(String, FieldErrorCode)> {
        result
            .err()
            .unwrap_or_default()
            .into_iter()
            .map(|e| (e.field, e.code))
            .collect()
    }

    #[test]
    fn the_times_typed_on_the_users_clock_are_sent_as_utc() {
        let (start, end) = check_window(
            &typed(("2026-07-01", "09:00"), ("2026-07-01", "11:30")),
            plus_two,
        )
        .unwrap();
        let utc = |h, m| {
            NaiveDate::from_ymd_opt(2026, 7, 1)
                .and_then(|d| d.and_hms_opt(h, m, 0))
                .map(|at| at.and_utc())
        };
        assert_eq!((Some(start), Some(end)), (utc(7, 0), utc(9, 30)));
        // Browsers may send the seconds.
        assert!(check_window(
            &typed(("2026-07-01", "09:00:00"), ("2026-07-02", "08:00")),
            plus_two
        )
        .is_ok());
    }

    #[test]
    fn empty_fields_skipped_times_and_a_wrong_order_are_named() {
        let missing = check_window(&typed(("", "09:00"), ("2026-07-01", "")), plus_two);
        assert_eq!(
            fields(missing),
            [
                ("start_date".to_owned(), FieldErrorCode::Required),
                ("end_time".to_owned(), FieldErrorCode::Required)
            ]
        );
        let skipped = check_window(
            &typed(("2026-03-29", "02:30"), ("2026-03-29", "04:00")),
            plus_two,
        );
        assert_eq!(
            fields(skipped),
            [("start_time".to_owned(), FieldErrorCode::OutOfRange)]
        );
        for end in [
            ("2026-07-01", "09:00"),
            ("2026-07-01", "08:00"),
            ("2026-08-02", "09:01"),
        ] {
            let wrong = check_window(&typed(("2026-07-01", "09:00"), end), plus_two);
            assert_eq!(
                fields(wrong),
                [("planned_end".to_owned(), FieldErrorCode::OutOfRange)],
                "{end:?}"
            );
        }
        // 31 days exactly is still allowed.
        assert!(check_window(
            &typed(("2026-07-01", "09:00"), ("2026-08-01", "09:00")),
            plus_two
        )
        .is_ok());
    }

    #[test]
    fn times_are_read_as_hours_and_minutes() {
        assert_eq!(parse_time("09:05"), NaiveTime::from_hms_opt(9, 5, 0));
        assert_eq!(parse_time("23:59:30"), NaiveTime::from_hms_opt(23, 59, 0));
        assert_eq!(parse_time("9:05"), None);
        assert_eq!(parse_time("24:00"), None);
        assert_eq!(parse_time(""), None);
    }

    #[test]
    fn every_error_of_the_form_has_its_words_and_its_field() {
        for lang in domain::Language::ALL {
            let t = crate::i18n::texts(lang);
            let c = CALENDAR_TEXTS.of(t);
            use FieldErrorCode::{NotAllowed, NotAnEngineer, OutOfRange};
            for (field, code, sentence) in [
                ("planned_end", OutOfRange, c.err_end_after_start),
                ("plan.engineer_id", NotAnEngineer, c.err_not_an_engineer),
                ("case_id", NotAllowed, c.err_case_of_product),
                ("start_time", OutOfRange, c.err_time_skipped),
            ] {
                assert_eq!(visit_error_text(t, field, code), sentence, "{field}");
            }
            for field in [
                "installed_product_id",
                "event_type",
                "status",
                "start_date",
                "start_time",
                "end_date",
                "end_time",
                "planned_start",
                "planned_end",
                "engineer_id",
                "service_type",
                "case_id",
            ] {
                let (label, id) = field_of(t, field).unwrap();
                assert!(!label.is_empty() && id.starts_with("visit-"), "{field}");
            }
            assert_eq!(field_of(t, "unknown"), None);
        }
    }

    #[test]
    fn a_new_visit_starts_in_the_morning_of_its_day() {
        let day = NaiveDate::from_ymd_opt(2026, 5, 4).unwrap();
        let draft = Draft::new_visit(day, None);
        assert_eq!(draft.event_type, EventTypeDto::PreventiveMaintenance);
        assert_eq!(draft.status, EventStatusDto::Tentative);
        assert_eq!(time_value(draft.start.time()), "09:00");
        assert_eq!(time_value(draft.end.time()), "11:00");
        assert_eq!(date_value(draft.start.date()), "2026-05-04");
        let for_case = Draft::new_visit(day, Some("k-1".to_owned()));
        assert_eq!(for_case.event_type, EventTypeDto::CorrectiveMaintenance);
        assert_eq!(for_case.case, Some(("k-1".to_owned(), None)));
    }
}
