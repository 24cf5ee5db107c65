use crate::auth::AuthUser;
use crate::error::{current_request_id, ApiError};
use crate::notifications::{self, CaseEvent};
use crate::routes::preconditions;
use crate::state::AppState;
use actix_web::http::header;
use actix_web::{post, web, HttpResponse};
use api_types::{CaseDetail, CreateActivityRequest, FieldError, ProblemDetails};
use domain::{Action, ActivityAuthor, ActivityError, ActivityKind, CaseId, CaseText};
use persistence::repositories::audit::{self, AuditEntry};
use persistence::repositories::cases::{self, NewActivity};
use persistence::TransactionTrait;

fn required(field: &str, what: &str) -> FieldError {
    FieldError {
        field: field.into(),
        code: "required".into(),
        message: format!("{what} needs {field}"),
    }
}

/// The checked texts of a new entry.
struct EntryTexts {
    text: Option<String>,
    carrier: Option<String>,
    tracking_number: Option<String>,
}

fn parse(kind: ActivityKind, body: &CreateActivityRequest) -> Result<EntryTexts, ApiError> {
    let mut errors = Vec::new();
    let mut optional = |field: &str, raw: Option<&str>, max: usize| {
        CaseText::parse_optional(raw, max)
            .map_err(|e| {
                errors.push(FieldError {
                    field: field.into(),
                    code: e.code().into(),
                    message: format!("{field} {e}"),
                })
            })
            .ok()
            .flatten()
            .map(CaseText::into_string)
    };
    let text = optional("text", body.text.as_deref(), CaseText::DESCRIPTION_MAX);
    let carrier = optional("carrier", body.carrier.as_deref(), 60);
    let tracking = optional("tracking_number", body.tracking_number.as_deref(), 80);
    if kind == ActivityKind::ShipmentTracking {
        if carrier.is_none() {
            errors.push(required("carrier", "a shipment"));
        }
        if tracking.is_none() {
            errors.push(required("tracking_number", "a shipment"));
        }
    } else if text.is_none() {
        errors.push(required("text", "this entry"));
    }
    if errors.is_empty() {
        Ok(EntryTexts {
            text,
            carrier,
            tracking_number: tracking,
        })
    } else {
        Err(ApiError::Validation(errors))
    }
}

/// Adds an entry to a case's timeline: customers (Users, Managers) add
/// comments and shipment tracking numbers until the case is Closed; the
/// service side also adds safety questions, T2 activities and external remarks.
#[utoipa::path(
    tag = "cases",
    security(("bearer_jwt" = [])),
    params(("id" = uuid::Uuid, Path, description = "Case id")),
    request_body = CreateActivityRequest,
    responses(
        (status = 201, body = CaseDetail, headers(("ETag" = String))),
        (status = 403, description = "Viewers cannot add entries; customers cannot add service-side kinds", body = ProblemDetails, content_type = "application/problem+json"),
        (status = 404, description = "No such case for this caller", body = ProblemDetails, content_type = "application/problem+json"),
        (status = 409, description = "The case is closed (`case_closed`)", body = ProblemDetails, content_type = "application/problem+json"),
        (status = 422, description = "A field is missing or too long, or the text looks like patient data (`possible_patient_data`)", body = ProblemDetails, content_type = "application/problem+json"),
    )
)]
#[post("/cases/{id}/activities")]
pub async fn add_activity(
    state: web::Data<AppState>,
    auth: AuthUser,
    id: web::Path<uuid::Uuid>,
    body: web::Json<CreateActivityRequest>,
) -> Result<HttpResponse, ApiError> {
    let id = CaseId::from_uuid(id.into_inner());
    let row = super::authorized_case(&state, &auth, id, Action::AddCaseActivity).await?;
    let author = if auth.user.role.is_internal() {
        ActivityAuthor::Service
    } else {
        ActivityAuthor::Customer
    };
    let kind = super::activity_kind(body.kind);
    match kind.check_new(author, row.status()?) {
        Ok(()) => {}
        Err(ActivityError::CaseClosed) => return Err(ApiError::CaseClosed),
        Err(ActivityError::ServiceOnly(_) | ActivityError::SystemOnly(_)) => {
            return Err(ApiError::Forbidden)
        }
    }
    let EntryTexts {
        text,
        carrier,
        tracking_number,
    } = parse(kind, &body)?;
    if let Some(text) = &text {
        super::guard_patient_data("text", text, body.confirm_no_patient_data)?;
    }

    let now = state.clock.now();
    let tx = state
        .db
        .begin()
        .await
        .map_err(persistence::StoreError::from)?;
    let activity_id = cases::insert_activity(
        &tx,
        NewActivity {
            case: id,
            kind,
            text: text.clone(),
            carrier: carrier.clone(),
            tracking_number: tracking_number.clone(),
            new_status: None,
            author: Some(auth.user.id),
            author_name: auth.user.display_name.clone(),
            from_service: author == ActivityAuthor::Service,
            occurred_at: now,
        },
    )
    .await?;
    cases::touch(&tx, id, now).await?;
    audit::append(
        &tx,
        &AuditEntry {
            occurred_at: now,
            actor: Some(auth.user.id),
            parent_account: auth.user.parent_account_id,
            action: "case.activity.add".to_owned(),
            entity_type: "case".to_owned(),
            entity_id: id.to_string(),
            old_value: None,
            new_value: Some(serde_json::json!({
                "activity": activity_id,
                "kind": kind.as_str(),
                "text": text,
                "carrier": carrier,
                "tracking_number": tracking_number,
            })),
            request_id: current_request_id(),
        },
    )
    .await?;
    // The customer hears of what the service side writes, not of their own notes.
    if author == ActivityAuthor::Service {
        if let Some(row) = cases::find_any(&tx, id).await? {
            notifications::queue_case_emails(
                &tx,
                &row.case,
                &row.product_label(),
                None,
                CaseEvent::ServiceUpdate(text.clone()),
                now,
                &state.config.public_url,
            )
            .await?;
        }
    }
    tx.commit().await.map_err(persistence::StoreError::from)?;

    let detail = super::load_detail(&state, &auth, id).await?;
    Ok(HttpResponse::Created()
        .insert_header((header::ETAG, preconditions::etag(detail.version)))
        .json(detail))
}
