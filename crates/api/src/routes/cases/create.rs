use crate::auth::AuthUser;
use crate::error::{current_request_id, ApiError};
use crate::notifications::{self, CaseEvent};
use crate::routes::preconditions;
use crate::state::AppState;
use actix_web::http::{header, StatusCode};
use actix_web::{post, web, HttpRequest, HttpResponse};
use api_types::{CaseDetail, CaseKindDto, CreateCaseRequest, FieldError, ProblemDetails};
use domain::{
    case_title, Action, ActivityKind, CaseId, CaseKind, CaseOrigin, CaseText, CaseTextError,
    InstalledProductId, Priority,
};
use persistence::repositories::accounts;
use persistence::repositories::audit::{self, AuditEntry};
use persistence::repositories::cases::{self, NewActivity, NewCase};
use persistence::repositories::idempotency::{self, Claim};
use persistence::repositories::installed_products;
use persistence::TransactionTrait;
use sha2::{Digest, Sha256};

const IDEMPOTENCY_KEY: &str = "Idempotency-Key";

/// The texts of a request, checked; every broken rule is reported at once.
struct CaseTexts {
    priority: Priority,
    description: CaseText,
    customer_reference: Option<CaseText>,
    contact: [Option<CaseText>; 3],
    bench: Option<(CaseText, Option<CaseText>, Option<CaseText>)>,
}

fn field_error(field: &str, err: CaseTextError) -> FieldError {
    FieldError {
        field: field.to_owned(),
        code: err.code().to_owned(),
        message: format!("{field} {err}"),
    }
}

fn parse_texts(body: &CreateCaseRequest) -> Result<CaseTexts, ApiError> {
    let mut errors = Vec::new();
    let mut optional = |field: &str, raw: Option<&str>, max: usize| {
        CaseText::parse_optional(raw, max)
            .map_err(|e| errors.push(field_error(field, e)))
            .ok()
            .flatten()
    };
    let customer_reference = optional(
        "customer_reference",
        body.customer_reference.as_deref(),
        CaseText::SHORT_MAX,
    );
    let contact = body.contact.clone().unwrap_or_default();
    let contact = [
        optional("contact.name", contact.name.as_deref(), CaseText::SHORT_MAX),
        optional("contact.email", contact.email.as_deref(), 254),
        optional("contact.phone", contact.phone.as_deref(), 40),
    ];
    let bench_fields = body.bench_repair.as_ref().map(|b| {
        (
            optional(
                "bench_repair.part_serial_number",
                b.part_serial_number.as_deref(),
                80,
            ),
            optional(
                "bench_repair.return_address",
                b.return_address.as_deref(),
                400,
            ),
        )
    });
    let priority = Priority::new(i64::from(body.priority));
    if priority.is_err() {
        errors.push(FieldError {
            field: "priority".into(),
            code: "out_of_range".into(),
            message: "priority is 1 (critical need) to 5 (scheduled activity)".into(),
        });
    }
    let description = CaseText::parse(&body.description, CaseText::DESCRIPTION_MAX)
        .map_err(|e| errors.push(field_error("description", e)))
        .ok();
    if let Some(email) = &contact[1] {
        if domain::Email::parse(email.as_str()).is_err() {
            errors.push(FieldError {
                field: "contact.email".into(),
                code: "invalid_email".into(),
                message: "contact.email is not an email address".into(),
            });
        }
    }
    let bench = match (body.kind, &body.bench_repair) {
        (CaseKindDto::BenchRepair, Some(b)) => {
            match CaseText::parse(&b.part_description, CaseText::SHORT_MAX) {
                Ok(part) => bench_fields.map(|(serial, address)| (part, serial, address)),
                Err(e) => {
                    errors.push(field_error("bench_repair.part_description", e));
                    None
                }
            }
        }
        (CaseKindDto::BenchRepair, None) => {
            errors.push(FieldError {
                field: "bench_repair".into(),
                code: "required".into(),
                message: "a bench repair names the part or device to repair".into(),
            });
            None
        }
        (_, Some(_)) => {
            errors.push(FieldError {
                field: "bench_repair".into(),
                code: "not_allowed".into(),
                message: "bench_repair goes with kind bench_repair only".into(),
            });
            None
        }
        (_, None) => None,
    };
    match (priority, description) {
        (Ok(priority), Some(description)) if errors.is_empty() => Ok(CaseTexts {
            priority,
            description,
            customer_reference,
            contact,
            bench,
        }),
        _ => Err(ApiError::Validation(errors)),
    }
}

fn idempotency_key(req: &HttpRequest) -> Result<Option<String>, ApiError> {
    let Some(raw) = req.headers().get(IDEMPOTENCY_KEY) else {
        return Ok(None);
    };
    let key = raw.to_str().unwrap_or_default().trim();
    if key.is_empty() || key.len() > 255 {
        return Err(ApiError::Validation(vec![FieldError {
            field: IDEMPOTENCY_KEY.into(),
            code: "invalid_idempotency_key".into(),
            message: "Idempotency-Key is 1 to 255 visible characters (a UUID is best)".into(),
        }]));
    }
    Ok(Some(key.to_owned()))
}

/// Logs a case for one installed product the caller sees (Users and
/// Managers). With an `Idempotency-Key`, a retry answers the first response
/// and never makes a second case. A priority-1 case must also be phoned in:
/// `critical_contact` names the number.
#[utoipa::path(
    tag = "cases",
    security(("bearer_jwt" = [])),
    params(("Idempotency-Key" = Option<String>, Header, description = "A unique value (UUID) per new case; resend it on retries")),
    request_body = CreateCaseRequest,
    responses(
        (status = 201, body = CaseDetail, headers(("ETag" = String), ("Location" = String))),
        (status = 403, description = "Viewers cannot create cases", body = ProblemDetails, content_type = "application/problem+json"),
        (status = 404, description = "No such installed product for this caller", body = ProblemDetails, content_type = "application/problem+json"),
        (status = 409, description = "The first request with this Idempotency-Key is still running", body = ProblemDetails, content_type = "application/problem+json"),
        (status = 422, description = "A field is invalid, a text looks like patient data (`possible_patient_data`), or the Idempotency-Key was used for another body", body = ProblemDetails, content_type = "application/problem+json"),
    )
)]
#[post("/cases")]
pub async fn create_case(
    state: web::Data<AppState>,
    auth: AuthUser,
    req: HttpRequest,
    body: web::Json<CreateCaseRequest>,
) -> Result<HttpResponse, ApiError> {
    let body = body.into_inner();
    let product_id = InstalledProductId::from_uuid(body.installed_product_id);
    let product = crate::routes::installed_products::authorized_product(
        &state,
        &auth,
        product_id,
        Action::CreateCase,
    )
    .await?;
    let texts = parse_texts(&body)?;
    super::guard_patient_data(
        "description",
        texts.description.as_str(),
        body.confirm_no_patient_data,
    )?;

    let Some(key) = idempotency_key(&req)? else {
        let detail = store(&state, &auth, &body, texts, &product, None).await?;
        return Ok(created(&detail));
    };
    let hash = hex(&Sha256::digest(
        serde_json::to_vec(&body).map_err(ApiError::internal)?,
    ));
    let now = state.clock.now();
    match idempotency::claim(&state.db, auth.user.id, &key, &hash, now).await? {
        Claim::Claimed => {}
        Claim::Replay { status, body } => {
            let status = StatusCode::from_u16(status).unwrap_or(StatusCode::CREATED);
            return Ok(HttpResponse::build(status)
                .content_type("application/json")
                .insert_header(("Idempotent-Replayed", "true"))
                .body(body));
        }
        Claim::InProgress => return Err(ApiError::RequestInProgress),
        Claim::Mismatch => return Err(ApiError::IdempotencyKeyReused),
    }
    match store(&state, &auth, &body, texts, &product, Some(&key)).await {
        Ok(detail) => Ok(created(&detail)),
        Err(err) => {
            // Nothing was stored: let a retry run afresh.
            idempotency::release(&state.db, auth.user.id, &key).await?;
            Err(err)
        }
    }
}

fn created(detail: &CaseDetail) -> HttpResponse {
    HttpResponse::Created()
        .insert_header((header::ETAG, preconditions::etag(detail.version)))
        .insert_header((
            header::LOCATION,
            format!("/api/v1/cases/{}", detail.summary.id),
        ))
        .json(detail)
}

fn hex(bytes: &[u8]) -> String {
    bytes.iter().map(|b| format!("{b:02x}")).collect()
}

/// Stores the case, its first timeline entry, the product's new operational
/// state, the audit entry and the response a retry with `idempotency_key`
/// replays, all in one transaction.
async fn store(
    state: &AppState,
    auth: &AuthUser,
    body: &CreateCaseRequest,
    texts: CaseTexts,
    product: &installed_products::ProductRecord,
    idempotency_key: Option<&str>,
) -> Result<CaseDetail, ApiError> {
    let p = &product.product;
    let country = accounts::find_by_id(&state.db, p.location_account_id)
        .await?
        .map(|a| a.country.as_str().to_owned())
        .unwrap_or_default();
    let now = state.clock.now();
    let id = CaseId::from_uuid(uuid::Uuid::new_v4());
    let text = |t: Option<CaseText>| t.map(CaseText::into_string);
    let [contact_name, contact_email, contact_phone] = texts.contact;
    let (bench_part, bench_serial, bench_address) = match texts.bench {
        Some((part, serial, address)) => (Some(part.into_string()), text(serial), text(address)),
        None => (None, None, None),
    };
    let kind: CaseKind = super::kind(body.kind);
    let description = texts.description.into_string();

    let tx = state
        .db
        .begin()
        .await
        .map_err(persistence::StoreError::from)?;
    let number = cases::issue_number(&tx, now).await?;
    let new_case = NewCase {
        id,
        number: number.clone(),
        installed_product: p.id,
        account: p.location_account_id,
        owner_account: p.owner_account_id,
        modality: p.modality,
        country,
        priority: texts.priority,
        origin: CaseOrigin::Web,
        kind,
        title: case_title(&description),
        description: description.clone(),
        customer_reference: text(texts.customer_reference),
        contact_name: text(contact_name),
        contact_email: text(contact_email),
        contact_phone: text(contact_phone),
        bench_part_description: bench_part,
        bench_part_serial_number: bench_serial,
        bench_return_address: bench_address,
        created_by: Some(auth.user.id),
        created_at: now,
    };
    let audit_value = serde_json::json!({
        "number": number,
        "installed_product": p.number,
        "priority": texts.priority.value(),
        "kind": kind.as_str(),
        "customer_reference": new_case.customer_reference,
    });
    cases::insert(&tx, new_case).await?;
    cases::insert_activity(
        &tx,
        NewActivity {
            case: id,
            kind: ActivityKind::ProblemReported,
            text: Some(description),
            carrier: None,
            tracking_number: None,
            new_status: None,
            author: Some(auth.user.id),
            author_name: auth.user.display_name.clone(),
            from_service: false,
            occurred_at: now,
        },
    )
    .await?;
    cases::refresh_operational_state(&tx, p.id).await?;
    audit::append(
        &tx,
        &AuditEntry {
            occurred_at: now,
            actor: Some(auth.user.id),
            parent_account: auth.user.parent_account_id,
            action: "case.create".to_owned(),
            entity_type: "case".to_owned(),
            entity_id: id.to_string(),
            old_value: None,
            new_value: Some(audit_value),
            request_id: current_request_id(),
        },
    )
    .await?;
    if let Some(row) = cases::find_any(&tx, id).await? {
        notifications::queue_case_emails(
            &tx,
            &row.case,
            &row.product_label(),
            Some(&auth.user),
            CaseEvent::Created,
            now,
            &state.config.public_url,
        )
        .await?;
    }
    let detail = super::load_detail_in(&tx, state, auth, id).await?;
    if let Some(key) = idempotency_key {
        let json = serde_json::to_string(&detail).map_err(ApiError::internal)?;
        idempotency::complete(&tx, auth.user.id, key, 201, &json).await?;
    }
    tx.commit().await.map_err(persistence::StoreError::from)?;
    Ok(detail)
}
