use crate::auth::AuthUser;
use crate::error::{current_request_id, ApiError};
use crate::notifications::{self, CaseEvent};
use crate::routes::preconditions;
use crate::state::AppState;
use actix_web::http::header;
use actix_web::{post, web, HttpRequest, HttpResponse};
use api_types::{CaseDetail, MoveCaseStatusRequest, ProblemDetails};
use domain::{Action, ActivityKind, CaseId, CaseText, InstalledProductId};
use persistence::repositories::audit::{self, AuditEntry};
use persistence::repositories::cases::{self, NewActivity, VersionedUpdate};
use persistence::TransactionTrait;

/// Moves a case forward (service side only): New, In process, Fixed,
/// Closed; steps may be skipped, never undone. The move is a timeline entry,
/// and the installed product's operational state follows its open cases.
/// Send the `ETag` you read as `If-Match`.
#[utoipa::path(
    tag = "cases",
    security(("bearer_jwt" = [])),
    params(
        ("id" = uuid::Uuid, Path, description = "Case id"),
        ("If-Match" = String, Header, description = "The ETag of the case as last read"),
    ),
    request_body = MoveCaseStatusRequest,
    responses(
        (status = 200, body = CaseDetail, headers(("ETag" = String))),
        (status = 403, description = "Only the service organisation moves a status", body = ProblemDetails, content_type = "application/problem+json"),
        (status = 404, description = "No such case for this caller", body = ProblemDetails, content_type = "application/problem+json"),
        (status = 409, description = "Not a forward move (`invalid_status_transition`)", body = ProblemDetails, content_type = "application/problem+json"),
        (status = 412, description = "The case changed since it was read", body = ProblemDetails, content_type = "application/problem+json"),
        (status = 428, description = "If-Match is missing", body = ProblemDetails, content_type = "application/problem+json"),
    )
)]
#[post("/cases/{id}/status")]
pub async fn move_case_status(
    state: web::Data<AppState>,
    auth: AuthUser,
    req: HttpRequest,
    id: web::Path<uuid::Uuid>,
    body: web::Json<MoveCaseStatusRequest>,
) -> Result<HttpResponse, ApiError> {
    let id = CaseId::from_uuid(id.into_inner());
    let row = super::authorized_case(&state, &auth, id, Action::MoveCaseStatus).await?;
    let expected = preconditions::expected_version(&req)?;
    let from = row.status()?;
    let to = from
        .move_to(super::status(body.status))
        .map_err(|e| ApiError::InvalidStatusTransition(e.to_string()))?;
    let note = CaseText::parse_optional(body.note.as_deref(), CaseText::DESCRIPTION_MAX)
        .map_err(|e| {
            ApiError::Validation(vec![api_types::FieldError {
                field: "note".into(),
                code: e.code().into(),
                message: format!("note {e}"),
            }])
        })?
        .map(CaseText::into_string);

    let now = state.clock.now();
    let tx = state
        .db
        .begin()
        .await
        .map_err(persistence::StoreError::from)?;
    if let VersionedUpdate::VersionMismatch { current } =
        cases::set_status(&tx, id, expected, to, now).await?
    {
        return Err(ApiError::PreconditionFailed { current });
    }
    cases::insert_activity(
        &tx,
        NewActivity {
            case: id,
            kind: ActivityKind::StatusChanged,
            text: note,
            carrier: None,
            tracking_number: None,
            new_status: Some(to),
            author: Some(auth.user.id),
            author_name: auth.user.display_name.clone(),
            from_service: true,
            occurred_at: now,
        },
    )
    .await?;
    cases::refresh_operational_state(
        &tx,
        InstalledProductId::from_uuid(row.case.installed_product_id),
    )
    .await?;
    audit::append(
        &tx,
        &AuditEntry {
            occurred_at: now,
            actor: Some(auth.user.id),
            parent_account: auth.user.parent_account_id,
            action: "case.status.move".to_owned(),
            entity_type: "case".to_owned(),
            entity_id: id.to_string(),
            old_value: Some(serde_json::json!({ "status": from.as_str() })),
            new_value: Some(serde_json::json!({ "status": to.as_str() })),
            request_id: current_request_id(),
        },
    )
    .await?;
    if let Some(row) = cases::find_any(&tx, id).await? {
        notifications::queue_case_emails(
            &tx,
            &row.case,
            &row.product_label(),
            None,
            CaseEvent::StatusChanged(to),
            now,
            &state.config.public_url,
        )
        .await?;
    }
    tx.commit().await.map_err(persistence::StoreError::from)?;

    let detail = super::load_detail(&state, &auth, id).await?;
    Ok(HttpResponse::Ok()
        .insert_header((header::ETAG, preconditions::etag(detail.version)))
        .json(detail))
}
