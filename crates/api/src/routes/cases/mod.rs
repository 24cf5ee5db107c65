//! Service cases: create (idempotent), list, detail, timeline, status moves.

pub mod add_activity;
pub mod bench_repair_form;
pub mod create;
pub mod download_attachment;
pub mod download_zip;
pub mod get;
pub mod list;
pub mod move_status;
pub mod upload_attachments;

use crate::auth::AuthUser;
use crate::error::ApiError;
use crate::routes::convert;
use crate::state::AppState;
use api_types::{
    AccountRef, ActivityDto, ActivityKindDto, AttachmentDto, AttachmentTypeDto, BenchRepairDto,
    CaseContactDto, CaseDetail, CaseKindDto, CaseOriginDto, CaseStatusDto, CaseSummary,
    ContactCentreDto, ProductRef,
};
use domain::phi::{find_patient_data, PhiKind};
use domain::{
    authorize, AccountId, Action, ActivityKind, AttachmentType, CaseId, CaseKind, CaseOrigin,
    CaseStatus, Modality, Target,
};
use persistence::entities::{case_activity, case_attachment};
use persistence::repositories::accounts::AccountVisibility;
use persistence::repositories::attachments;
use persistence::repositories::cases::{self, CaseRow};
use persistence::{ConnectionTrait, StoreError};
use utoipa_actix_web::service_config::ServiceConfig;

pub fn configure(cfg: &mut ServiceConfig) {
    cfg.service(create::create_case)
        .service(list::list_cases)
        .service(get::get_case)
        .service(add_activity::add_activity)
        .service(move_status::move_case_status)
        .service(upload_attachments::upload_attachments)
        .service(download_zip::download_attachments_zip)
        .service(download_attachment::download_attachment)
        .service(bench_repair_form::bench_repair_form);
}

/// 422 when `text` looks like it names a patient, unless the sender confirmed it does not.
pub(crate) fn guard_patient_data(field: &str, text: &str, confirmed: bool) -> Result<(), ApiError> {
    if confirmed {
        return Ok(());
    }
    let Some(first) = find_patient_data(text).into_iter().next() else {
        return Ok(());
    };
    let what = match first.kind {
        PhiKind::DateOfBirth => "a date of birth".to_owned(),
        PhiKind::PatientNumber => "a patient or medical record number".to_owned(),
        PhiKind::NationalId { country } => format!("a national identity number ({country})"),
    };
    Err(ApiError::PossiblePatientData {
        field: field.to_owned(),
        what,
    })
}

pub(crate) fn status_dto(s: CaseStatus) -> CaseStatusDto {
    match s {
        CaseStatus::New => CaseStatusDto::New,
        CaseStatus::InProcess => CaseStatusDto::InProcess,
        CaseStatus::Fixed => CaseStatusDto::Fixed,
        CaseStatus::Closed => CaseStatusDto::Closed,
    }
}

pub(crate) fn status(s: CaseStatusDto) -> CaseStatus {
    match s {
        CaseStatusDto::New => CaseStatus::New,
        CaseStatusDto::InProcess => CaseStatus::InProcess,
        CaseStatusDto::Fixed => CaseStatus::Fixed,
        CaseStatusDto::Closed => CaseStatus::Closed,
    }
}

pub(crate) fn kind(k: CaseKindDto) -> CaseKind {
    match k {
        CaseKindDto::SupportRequest => CaseKind::SupportRequest,
        CaseKindDto::BenchRepair => CaseKind::BenchRepair,
        CaseKindDto::PartIdRequest => CaseKind::PartIdRequest,
    }
}

fn kind_dto(k: CaseKind) -> CaseKindDto {
    match k {
        CaseKind::SupportRequest => CaseKindDto::SupportRequest,
        CaseKind::BenchRepair => CaseKindDto::BenchRepair,
        CaseKind::PartIdRequest => CaseKindDto::PartIdRequest,
    }
}

pub(crate) fn origin(o: CaseOriginDto) -> CaseOrigin {
    match o {
        CaseOriginDto::Phone => CaseOrigin::Phone,
        CaseOriginDto::Web => CaseOrigin::Web,
    }
}

fn origin_dto(o: CaseOrigin) -> CaseOriginDto {
    match o {
        CaseOrigin::Phone => CaseOriginDto::Phone,
        CaseOrigin::Web => CaseOriginDto::Web,
    }
}

pub(crate) fn activity_kind(k: ActivityKindDto) -> ActivityKind {
    match k {
        ActivityKindDto::ProblemReported => ActivityKind::ProblemReported,
        ActivityKindDto::SafetyQuestion => ActivityKind::SafetyQuestion,
        ActivityKindDto::T2Activity => ActivityKind::T2Activity,
        ActivityKindDto::ExternalRemark => ActivityKind::ExternalRemark,
        ActivityKindDto::CustomerComment => ActivityKind::CustomerComment,
        ActivityKindDto::ShipmentTracking => ActivityKind::ShipmentTracking,
        ActivityKindDto::StatusChanged => ActivityKind::StatusChanged,
    }
}

fn activity_kind_dto(k: ActivityKind) -> ActivityKindDto {
    match k {
        ActivityKind::ProblemReported => ActivityKindDto::ProblemReported,
        ActivityKind::SafetyQuestion => ActivityKindDto::SafetyQuestion,
        ActivityKind::T2Activity => ActivityKindDto::T2Activity,
        ActivityKind::ExternalRemark => ActivityKindDto::ExternalRemark,
        ActivityKind::CustomerComment => ActivityKindDto::CustomerComment,
        ActivityKind::ShipmentTracking => ActivityKindDto::ShipmentTracking,
        ActivityKind::StatusChanged => ActivityKindDto::StatusChanged,
    }
}

fn corrupt(row: &CaseRow, what: &str) -> ApiError {
    StoreError::Corrupt(format!("case {}: {what}", row.case.id)).into()
}

pub(crate) fn summary(row: &CaseRow) -> Result<CaseSummary, ApiError> {
    let c = &row.case;
    let modality: Modality = c.modality.parse().map_err(|_| corrupt(row, "modality"))?;
    let kind: CaseKind = c.kind.parse().map_err(|_| corrupt(row, "kind"))?;
    let origin: CaseOrigin = c.origin.parse().map_err(|_| corrupt(row, "origin"))?;
    Ok(CaseSummary {
        id: c.id,
        number: c.number.clone(),
        installed_product: ProductRef {
            id: c.installed_product_id,
            number: row.product_number.clone(),
            description: row.product_description.clone(),
            custom_name: row.product_custom_name.clone(),
        },
        modality: convert::modality_dto(modality),
        account: AccountRef {
            id: c.account_id,
            name: row.account_name.clone(),
        },
        priority: u8::try_from(c.priority).map_err(|_| corrupt(row, "priority"))?,
        status: status_dto(row.status()?),
        origin: origin_dto(origin),
        kind: kind_dto(kind),
        title: c.title.clone(),
        customer_reference: c.customer_reference.clone(),
        created_at: c.created_at,
        updated_at: c.updated_at,
        closed_at: c.closed_at,
    })
}

pub(crate) fn attachment_dto(a: case_attachment::Model) -> Result<AttachmentDto, ApiError> {
    let file_type: AttachmentType = a
        .file_type
        .parse()
        .map_err(|_| ApiError::from(StoreError::Corrupt(format!("attachment {}: type", a.id))))?;
    let download_url = format!("/api/v1/cases/{}/attachments/{}", a.case_id, a.id);
    Ok(AttachmentDto {
        id: a.id,
        file_name: a.file_name,
        file_type: match file_type {
            AttachmentType::Jpeg => AttachmentTypeDto::Jpeg,
            AttachmentType::Png => AttachmentTypeDto::Png,
            AttachmentType::Heic => AttachmentTypeDto::Heic,
            AttachmentType::Pdf => AttachmentTypeDto::Pdf,
        },
        size_bytes: u64::try_from(a.size_bytes).unwrap_or_default(),
        uploaded_by: a.uploaded_by_name,
        uploaded_at: a.uploaded_at,
        preview_url: file_type
            .previewable()
            .then(|| format!("{download_url}?disposition=inline")),
        download_url,
    })
}

fn activity_dto(a: case_activity::Model) -> Result<ActivityDto, ApiError> {
    let kind: ActivityKind = a
        .kind
        .parse()
        .map_err(|_| ApiError::from(StoreError::Corrupt(format!("activity {}: kind", a.id))))?;
    Ok(ActivityDto {
        id: a.id,
        kind: activity_kind_dto(kind),
        text: a.text,
        carrier: a.carrier,
        tracking_number: a.tracking_number,
        new_status: a
            .new_status
            .and_then(|s| s.parse::<CaseStatus>().ok())
            .map(status_dto),
        author: a.author_name,
        from_service: a.from_service,
        occurred_at: a.occurred_at,
    })
}

/// The case page's data, or 404 when the caller cannot see the case.
pub(crate) async fn load_detail(
    state: &AppState,
    auth: &AuthUser,
    id: CaseId,
) -> Result<CaseDetail, ApiError> {
    load_detail_in(&state.db, state, auth, id).await
}

/// [`load_detail`] through `db` (a transaction, to read what it wrote).
pub(crate) async fn load_detail_in(
    db: &impl ConnectionTrait,
    state: &AppState,
    auth: &AuthUser,
    id: CaseId,
) -> Result<CaseDetail, ApiError> {
    let row = cases::find_visible(db, AccountVisibility::of(&auth.user), id)
        .await?
        .ok_or(ApiError::NotFound)?;
    let activities = cases::activities(db, id)
        .await?
        .into_iter()
        .map(activity_dto)
        .collect::<Result<Vec<_>, _>>()?;
    let attachments = attachments::of_case(db, id)
        .await?
        .into_iter()
        .map(attachment_dto)
        .collect::<Result<Vec<_>, _>>()?;
    let summary = summary(&row)?;
    let c = row.case;
    let bench_repair = c
        .bench_part_description
        .map(|part_description| BenchRepairDto {
            part_description,
            part_serial_number: c.bench_part_serial_number,
            return_address: c.bench_return_address,
        });
    // Phoning in matters while the case is open, not after it is closed.
    let critical_contact = (summary.priority == 1 && summary.status != CaseStatusDto::Closed)
        .then(|| contact_centre(state, &c.country))
        .flatten();
    Ok(CaseDetail {
        open_for_customer_activity: summary.status != CaseStatusDto::Closed,
        summary,
        description: c.description,
        contact: CaseContactDto {
            name: c.contact_name,
            email: c.contact_email,
            phone: c.contact_phone,
        },
        bench_repair,
        created_by: row.creator_name,
        activities,
        attachments,
        critical_contact,
        version: c.version,
    })
}

/// A case the caller sees and may act on: 404 when it is not theirs to see
/// (as if missing), 403 when their role does not allow `action`.
pub(crate) async fn authorized_case(
    state: &AppState,
    auth: &AuthUser,
    id: CaseId,
    action: Action,
) -> Result<CaseRow, ApiError> {
    let row = cases::find_visible(&state.db, AccountVisibility::of(&auth.user), id)
        .await?
        .ok_or(ApiError::NotFound)?;
    let case_accounts = [
        AccountId::from_uuid(row.case.account_id),
        AccountId::from_uuid(row.case.owner_account_id),
    ];
    authorize(
        &auth.principal(&state.db).await?,
        action,
        Target::Accounts(&case_accounts),
    )?;
    Ok(row)
}

pub(crate) fn contact_centre(state: &AppState, country: &str) -> Option<ContactCentreDto> {
    state
        .config
        .markets
        .contact_centre(country)
        .map(|phone| ContactCentreDto {
            country: country.to_owned(),
            phone: phone.to_owned(),
        })
}
