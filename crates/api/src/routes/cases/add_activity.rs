use crate::auth::AuthUser;
use crate::cases::EntryTexts;
use crate::error::ApiError;
use crate::routes::answers;
use crate::routes::{AppData, IdPath, Reply};
use crate::wire::ToDomain;
use actix_web::{post, web, HttpResponse};
use api_types::{CaseDetail, CreateActivityRequest};
use domain::{validate_entry, Action, ActivityAuthor, ActivityError, CaseId, CaseText};

/// Adds an entry to a case's timeline: customers (Users, Managers) add
/// comments and shipment tracking numbers until the case is Closed; the
/// service side also adds safety questions, T2 activities and external remarks.
#[utoipa::path(
    params(("id" = uuid::Uuid, Path, description = "Case id")),
    request_body = CreateActivityRequest,
    responses(
        (status = 201, body = CaseDetail, headers(("ETag" = String))),
        (status = 403, description = "Viewers cannot add entries; customers cannot add service-side kinds"),
        answers::CaseClosed,
        (status = 422, description = "A field is missing or too long, or the text looks like patient data (`possible_patient_data`)"),
    )
)]
#[post("/cases/{id}/activities")]
pub async fn add_activity(
    state: AppData,
    auth: AuthUser,
    id: IdPath,
    body: web::Json<CreateActivityRequest>,
) -> Reply {
    let id = CaseId::from_uuid(id.into_inner());
    let row = crate::cases::authorized_case(&state, &auth, id, Action::AddCaseActivity).await?;
    let author = if auth.user.role.is_internal() {
        ActivityAuthor::Service
    } else {
        ActivityAuthor::Customer
    };
    let kind = body.kind.to_domain();
    match kind.check_new(author, row.case.status) {
        Ok(()) => {}
        Err(ActivityError::CaseClosed) => return Err(ApiError::CaseClosed),
        Err(ActivityError::ServiceOnly(_) | ActivityError::SystemOnly(_)) => {
            return Err(ApiError::Forbidden)
        }
    }
    let valid = validate_entry(
        kind,
        body.text.as_deref(),
        body.carrier.as_deref(),
        body.tracking_number.as_deref(),
    )?;
    let text = |t: Option<CaseText>| t.map(CaseText::into_string);
    let texts = EntryTexts {
        text: text(valid.text),
        carrier: text(valid.carrier),
        tracking_number: text(valid.tracking_number),
    };
    if let Some(text) = &texts.text {
        super::guard_patient_data("text", text, body.confirm_no_patient_data)?;
    }

    crate::cases::add_entry(&state, &auth.user, id, kind, author, texts).await?;

    super::detail_answer(&state, &auth, id, HttpResponse::Created()).await
}
