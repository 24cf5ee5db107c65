use crate::auth::AuthUser;
use crate::error::ApiError;
use crate::routes::preconditions;
use crate::routes::{AppData, Reply};
use crate::state::AppState;
use crate::wire::ToDomain;
use actix_web::http::{header, StatusCode};
use actix_web::{post, web, HttpRequest, HttpResponse};
use api_types::{CaseDetail, CreateCaseRequest, FieldError};
use domain::new_case::BenchRepairInput;
use domain::{
    validate_new_case, CaseOrigin, InstalledProduct, InstalledProductId, NewCaseInput, ValidNewCase,
};
use persistence::repositories::idempotency::{self, Claim};
use sha2::{Digest, Sha256};

const IDEMPOTENCY_KEY: &str = "Idempotency-Key";

/// The request's rules, checked in the domain; every broken one at once.
fn validate(body: &CreateCaseRequest) -> Result<ValidNewCase, ApiError> {
    let contact = body.contact.clone().unwrap_or_default();
    let input = NewCaseInput {
        kind: body.kind.to_domain(),
        priority: i64::from(body.priority),
        description: &body.description,
        customer_reference: body.customer_reference.as_deref(),
        contact_name: contact.name.as_deref(),
        contact_email: contact.email.as_deref(),
        contact_phone: contact.phone.as_deref(),
        bench_repair: body.bench_repair.as_ref().map(|b| BenchRepairInput {
            part_description: &b.part_description,
            part_serial_number: b.part_serial_number.as_deref(),
            return_address: b.return_address.as_deref(),
        }),
    };
    validate_new_case(&input).map_err(ApiError::from)
}

fn idempotency_key(req: &HttpRequest) -> Result<Option<String>, ApiError> {
    let Some(raw) = req.headers().get(IDEMPOTENCY_KEY) else {
        return Ok(None);
    };
    let key = raw.to_str().unwrap_or_default().trim();
    if key.is_empty() || key.len() > 255 {
        return Err(ApiError::Validation(vec![FieldError {
            field: IDEMPOTENCY_KEY.into(),
            code: api_types::FieldErrorCode::InvalidIdempotencyKey,
            message: "Idempotency-Key is 1 to 255 visible characters (a UUID is best)".into(),
        }]));
    }
    Ok(Some(key.to_owned()))
}

/// Logs a case for one installed product the caller sees. Users and
/// Managers log on the web; the service organisation logs a case a customer
/// phoned in (origin `phone`), naming the caller and their number in
/// `contact`. With an `Idempotency-Key`, a retry answers the first response
/// and never makes a second case. A priority-1 web case must also be phoned
/// in: `critical_contact` names the number.
#[utoipa::path(
    params(("Idempotency-Key" = Option<String>, Header, description = "A unique value (UUID) per new case; resend it on retries")),
    request_body = CreateCaseRequest,
    responses(
        (status = 201, body = CaseDetail, headers(("ETag" = String), ("Location" = String))),
        (status = 403, description = "Viewers and portal support cannot create cases"),
        (status = 404, description = "No such installed product for this caller"),
        (status = 409, description = "The first request with this Idempotency-Key is still running"),
        (status = 422, description = "A field is invalid, a text looks like patient data (`possible_patient_data`), or the Idempotency-Key was used for another body"),
    )
)]
#[post("/cases")]
pub async fn create_case(
    state: AppData,
    auth: AuthUser,
    req: HttpRequest,
    body: web::Json<CreateCaseRequest>,
) -> Reply {
    let body = body.into_inner();
    let product_id = InstalledProductId::from_uuid(body.installed_product_id);
    let (action, origin) = domain::policy::case_logging(auth.user.role);
    let product = crate::cases::authorized_product(&state, &auth, product_id, action).await?;
    let case = validate(&body)?;
    if origin == CaseOrigin::Phone {
        case.check_caller().map_err(ApiError::from)?;
    }
    super::guard_patient_data(
        "description",
        case.description.as_str(),
        body.confirm_no_patient_data,
    )?;

    let Some(key) = idempotency_key(&req)? else {
        let detail = store(&state, &auth, case, origin, &product.product, None).await?;
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
    match store(&state, &auth, case, origin, &product.product, Some(&key)).await {
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

/// Opens the case and stores the response a retry with `idempotency_key`
/// replays, in one transaction.
async fn store(
    state: &AppState,
    auth: &AuthUser,
    case: ValidNewCase,
    origin: CaseOrigin,
    product: &InstalledProduct,
    idempotency_key: Option<&str>,
) -> Result<CaseDetail, ApiError> {
    let now = state.clock.now();
    state
        .db
        .transaction(async |tx| {
            let id = crate::cases::open(tx, state, &auth.user, product, case, origin, now).await?;
            let detail = super::load_detail_in(tx, state, auth, id).await?;
            if let Some(key) = idempotency_key {
                let json = serde_json::to_string(&detail).map_err(ApiError::internal)?;
                idempotency::complete(tx, auth.user.id, key, 201, &json).await?;
            }
            Ok(detail)
        })
        .await
}
