//! Planned service events: the service side plans them on an installed
//! product, customers read them and answer a tentative one. Every change is
//! audited old -> new; tenancy comes from the product's visibility.

use crate::auth::AuthUser;
use crate::error::ApiError;
use crate::identity::passwords::field_error;
use crate::state::AppState;
use crate::wire::{ToDomain, ToWire};
use api_types::{EventPlanDto, FieldErrorCode, PlannedEventDto};
use domain::planned_event::{CustomerResponse, EventPlan, PlannedEvent, Window, WindowError};
use domain::{authorize, Action, CaseId, InstalledProductId, Role, Target, User, UserId};
use persistence::repositories::accounts::AccountVisibility;
use persistence::repositories::planned_events::{self, EventRecord};
use persistence::repositories::{accounts, audit, users};

/// The event as the caller reads it (times in their zone and formats).
pub fn dto(r: EventRecord, reader: &User) -> PlannedEventDto {
    let window = r.event.plan.window;
    let when = when(window, &reader.settings);
    PlannedEventDto {
        id: r.event.id,
        event_type: r.event.plan.event_type.to_wire(),
        status: r.event.plan.status.to_wire(),
        installed_product: api_types::ProductRef {
            id: r.event.installed_product_id.as_uuid(),
            number: r.product_number,
            description: r.product_description,
            custom_name: None,
        },
        modality: r.modality.to_wire(),
        location: crate::routes::convert::account_ref(r.location.as_uuid(), &r.location_name),
        planned_start: window.start(),
        planned_end: window.end(),
        when,
        engineer: r.engineer_name,
        engineer_id: r.event.plan.engineer_id.map(|u| u.as_uuid()),
        service_type: r.event.plan.service_type.to_wire(),
        case_id: r.event.plan.case_id.map(|c| c.as_uuid()),
        case_number: r.case_number,
        customer_response: r.event.customer_response.map(ToWire::to_wire),
        version: r.event.version,
    }
}

/// When `window` is, as `settings` read it: one date when the event ends
/// on the day it starts, "10-03-2026 09:00 – 13:00 (Europe/Amsterdam)".
fn when(window: Window, settings: &domain::UserSettings) -> String {
    let zone = format!(" ({})", settings.time_zone.as_str());
    let local = |instant| {
        let text = settings.format_instant(instant);
        text.strip_suffix(&zone).map(str::to_owned).unwrap_or(text)
    };
    let tz = settings.time_zone.tz();
    let (start, end) = (
        window.start().with_timezone(&tz),
        window.end().with_timezone(&tz),
    );
    let until = if start.date_naive() == end.date_naive() {
        let time = match settings.time_format {
            domain::TimeFormat::H24 => "%H:%M",
            domain::TimeFormat::H12 => "%I:%M %p",
        };
        end.format(time).to_string()
    } else {
        local(window.end())
    };
    format!("{} – {until}{zone}", local(window.start()))
}

/// The parent account of `account`: whose audit entries they are.
async fn customer_of(
    state: &AppState,
    account: domain::AccountId,
) -> Result<Option<domain::AccountId>, ApiError> {
    Ok(accounts::find_by_id(&state.db, account)
        .await?
        .map(|a| a.parent_account_id))
}

/// Event `id` as the caller sees it, or 404.
pub async fn find(
    state: &AppState,
    auth: &AuthUser,
    id: uuid::Uuid,
) -> Result<EventRecord, ApiError> {
    planned_events::find_visible(&state.db, AccountVisibility::of(&auth.user), id)
        .await?
        .ok_or(ApiError::NotFound)
}

/// Only the service organisation plans events.
async fn may_plan(state: &AppState, auth: &AuthUser) -> Result<(), ApiError> {
    let principal = auth.principal(&state.db).await?;
    Ok(authorize(
        &principal,
        Action::PlanServiceEvents,
        Target::Portal,
    )?)
}

/// The plan a request gives for `product`, checked: its window, an active
/// Service user as the engineer, a case of the same product.
async fn checked_plan(
    state: &AppState,
    product: InstalledProductId,
    p: &EventPlanDto,
) -> Result<EventPlan, ApiError> {
    let mut errors = Vec::new();
    let window = Window::new(p.planned_start, p.planned_end).map_err(|e| {
        let message = match e {
            WindowError::EndsBeforeStart => "The end comes after the start.",
            WindowError::TooLong => "An event lasts at most 31 days.",
        };
        errors.push(field_error(
            "planned_end",
            FieldErrorCode::OutOfRange,
            message,
        ));
    });
    let engineer_id = p.engineer_id.map(UserId::from_uuid);
    if let Some(engineer) = engineer_id {
        let is_engineer = users::find_by_id(&state.db, engineer)
            .await?
            .is_some_and(|u| u.role == Role::Service && u.active);
        if !is_engineer {
            let message = "The engineer is an active Service user.";
            errors.push(field_error(
                "engineer_id",
                FieldErrorCode::NotAnEngineer,
                message,
            ));
        }
    }
    let case_id = p.case_id.map(CaseId::from_uuid);
    if let Some(case) = case_id {
        let of_product = planned_events::product_of_case(&state.db, case).await?;
        if of_product != Some(product.as_uuid()) {
            let message = "Link a case of the same installed product.";
            errors.push(field_error("case_id", FieldErrorCode::NotAllowed, message));
        }
    }
    match window {
        Ok(window) if errors.is_empty() => Ok(EventPlan {
            event_type: p.event_type.to_domain(),
            status: p.status.to_domain(),
            window,
            engineer_id,
            service_type: p.service_type.to_domain(),
            case_id,
        }),
        _ => Err(ApiError::Validation(errors)),
    }
}

pub(crate) fn audited(e: &PlannedEvent) -> serde_json::Value {
    serde_json::json!({
        "installed_product": e.installed_product_id.as_uuid(),
        "event_type": e.plan.event_type.as_str(),
        "status": e.plan.status.as_str(),
        "planned_start": e.plan.window.start(),
        "planned_end": e.plan.window.end(),
        "engineer": e.plan.engineer_id.map(|u| u.as_uuid()),
        "service_type": e.plan.service_type.as_str(),
        "case": e.plan.case_id.map(|c| c.as_uuid()),
        "customer_response": e.customer_response.map(|r| r.as_str()),
        "sequence": e.sequence,
    })
}

/// Plans a new event on `product` (service side).
pub async fn create(
    state: &AppState,
    auth: &AuthUser,
    product: InstalledProductId,
    plan: &EventPlanDto,
) -> Result<EventRecord, ApiError> {
    may_plan(state, auth).await?;
    let record =
        crate::cases::authorized_product(state, auth, product, Action::PlanServiceEvents).await?;
    let plan = checked_plan(state, product, plan).await?;
    let event = PlannedEvent::new(uuid::Uuid::new_v4(), product, plan);
    let now = state.clock.now();
    let parent = customer_of(state, record.product.location_account_id).await?;
    state
        .db
        .transaction(async |tx| {
            planned_events::insert(tx, &event, now).await?;
            let entry = crate::audit::by(
                &auth.user,
                "planned_event.create",
                "planned_event",
                event.id,
                now,
            )
            .new_value(audited(&event));
            audit::append(tx, &entry.by(Some(auth.user.id), parent)).await?;
            Ok::<_, ApiError>(())
        })
        .await?;
    find(state, auth, event.id).await
}

/// Plans event `id` anew (service side), if it is still at `expected`.
pub async fn replan(
    state: &AppState,
    auth: &AuthUser,
    id: uuid::Uuid,
    expected: i32,
    plan: &EventPlanDto,
) -> Result<EventRecord, ApiError> {
    may_plan(state, auth).await?;
    let before = find(state, auth, id).await?;
    let plan = checked_plan(state, before.event.installed_product_id, plan).await?;
    let after = PlannedEvent {
        version: expected + 1,
        ..before.event.replanned(plan)
    };
    store(
        state,
        auth,
        (&before, &after, expected),
        "planned_event.update",
        None,
    )
    .await?;
    find(state, auth, id).await
}

/// The customer's answer to tentative event `id`: accepted, it is
/// confirmed; declined, it stays tentative for the service side to move.
/// The linked case's timeline says so, which puts the case on the service
/// side's turn.
pub async fn answer(
    state: &AppState,
    auth: &AuthUser,
    id: uuid::Uuid,
    answer: CustomerResponse,
    note: Option<&str>,
) -> Result<EventRecord, ApiError> {
    let before = find(state, auth, id).await?;
    let principal = auth.principal(&state.db).await?;
    authorize(
        &principal,
        Action::AnswerServiceEvent,
        Target::Accounts(&[before.location]),
    )?;
    let after = before
        .event
        .answered(answer)
        .map_err(|e| ApiError::Conflict(e.to_string()))?;
    let expected = before.event.version;
    let after = PlannedEvent {
        version: expected + 1,
        ..after
    };
    let tell = Some((answer == CustomerResponse::Accepted, note));
    store(
        state,
        auth,
        (&before, &after, expected),
        "planned_event.answer",
        tell,
    )
    .await?;
    if let Some(case) = before.event.plan.case_id {
        let verb = match answer {
            CustomerResponse::Accepted => "Accepted",
            CustomerResponse::Declined => "Declined",
        };
        let when = dto(before.clone(), &auth.user).when;
        let text = match note.map(str::trim).filter(|n| !n.is_empty()) {
            Some(note) => format!("{verb} the planned visit of {when}: {note}"),
            None => format!("{verb} the planned visit of {when}."),
        };
        let texts = crate::cases::EntryTexts {
            text: Some(text),
            carrier: None,
            tracking_number: None,
        };
        let (kind, author) = (
            domain::ActivityKind::CustomerComment,
            domain::ActivityAuthor::Customer,
        );
        crate::cases::add_entry(state, &auth.user, case, kind, author, texts).await?;
    }
    find(state, auth, id).await
}

/// Stores `after` over `before` (at `expected`) with its audit entry; 412
/// when someone changed the event meanwhile.
async fn store(
    state: &AppState,
    auth: &AuthUser,
    (before, after, expected): (&EventRecord, &PlannedEvent, i32),
    action: &str,
    tell_engineer: Option<(bool, Option<&str>)>,
) -> Result<(), ApiError> {
    let now = state.clock.now();
    let parent = customer_of(state, before.location).await?;
    // The service side hears of a customer's answer from the visit's engineer's inbox.
    let engineer = match (tell_engineer, before.event.plan.engineer_id) {
        (Some(_), Some(id)) => users::find_by_id(&state.db, id).await?.filter(|u| u.active),
        _ => None,
    };
    state
        .db
        .transaction(async |tx| {
            if !planned_events::update(tx, after, expected, now).await? {
                return Err(ApiError::PreconditionFailed {
                    current: before.event.version,
                });
            }
            let entry = crate::audit::by(&auth.user, action, "planned_event", after.id, now)
                .old_value(audited(&before.event))
                .new_value(audited(after));
            audit::append(tx, &entry.by(Some(auth.user.id), parent)).await?;
            if let (Some(answer), Some(engineer)) = (tell_engineer, &engineer) {
                let when = dto(before.clone(), engineer).when;
                let visit = (
                    before.product_number.as_str(),
                    before.location_name.as_str(),
                    when.as_str(),
                );
                crate::notifications::queue_visit_answer(
                    tx, engineer, visit, answer, &auth.user, now,
                )
                .await?;
            }
            Ok(())
        })
        .await
}
