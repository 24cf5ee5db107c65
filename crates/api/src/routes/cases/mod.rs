//! Service cases: create (idempotent), list, detail, timeline, status moves.

pub mod add_activity;
pub mod assign;
pub mod bench_repair_form;
pub mod create;
pub mod download_attachment;
pub mod download_zip;
pub mod get;
pub mod list;
pub mod move_status;
pub mod upload_attachments;
pub mod wait_for_customer;

use crate::auth::AuthUser;
use crate::error::ApiError;
use crate::routes::{preconditions, Reply};
use crate::state::AppState;
use crate::wire::ToWire;
use actix_web::http::header;
use actix_web::HttpResponseBuilder;
use api_types::{
    AccountRef, ActivityDto, AttachmentDto, BenchRepairDto, CaseContactDto, CaseDetail,
    CaseStatusDto, CaseSummary, ProductRef,
};
use domain::phi::{find_patient_data, PhiKind};
use domain::{Action, Attachment, CaseActivity, CaseId};
use persistence::repositories::accounts::AccountVisibility;
use persistence::repositories::attachments;
use persistence::repositories::cases::{self, CaseRow};
use persistence::Conn;

crate::routes::handlers! {
    create::create_case,
    list::list_cases,
    get::get_case,
    add_activity::add_activity,
    move_status::move_case_status,
    assign::assign_case,
    wait_for_customer::wait_for_customer,
    upload_attachments::upload_attachments,
    download_zip::download_attachments_zip,
    download_attachment::download_attachment,
    bench_repair_form::bench_repair_form,
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

pub(crate) fn summary(row: &CaseRow) -> Result<CaseSummary, ApiError> {
    let c = &row.case;
    Ok(CaseSummary {
        id: c.id.as_uuid(),
        number: c.number.clone(),
        installed_product: ProductRef {
            id: c.installed_product.as_uuid(),
            number: row.product_number.clone(),
            description: row.product_description.clone(),
            custom_name: row.product_custom_name.clone(),
        },
        modality: c.modality.to_wire(),
        account: AccountRef {
            id: c.account.as_uuid(),
            name: row.account_name.clone(),
        },
        priority: c.priority.value(),
        status: c.status.to_wire(),
        origin: c.origin.to_wire(),
        kind: c.kind.to_wire(),
        title: c.title.clone(),
        customer_reference: c.customer_reference.clone(),
        created_at: c.created_at,
        updated_at: c.updated_at,
        closed_at: c.closed_at,
    })
}

pub(crate) fn attachment_dto(a: Attachment) -> AttachmentDto {
    let file_type = a.file.file_type;
    let download_url = format!("/api/v1/cases/{}/attachments/{}", a.case, a.id);
    AttachmentDto {
        id: a.id,
        file_name: a.file.file_name,
        file_type: file_type.to_wire(),
        size_bytes: a.file.size_bytes,
        uploaded_by: a.file.uploaded_by_name,
        uploaded_at: a.file.uploaded_at,
        preview_url: file_type
            .previewable()
            .then(|| format!("{download_url}?disposition=inline")),
        download_url,
    }
}

fn activity_dto(a: CaseActivity) -> ActivityDto {
    ActivityDto {
        id: a.id,
        kind: a.kind.to_wire(),
        text: a.text,
        carrier: a.carrier,
        tracking_number: a.tracking_number,
        new_status: a.new_status.map(ToWire::to_wire),
        author: a.author_name,
        from_service: a.from_service,
        occurred_at: a.occurred_at,
    }
}

/// The case as the caller now sees it, its version as `ETag`, in `answer`
/// (200 for a read or a change, 201 for an addition).
pub(crate) async fn detail_answer(
    state: &AppState,
    auth: &AuthUser,
    id: CaseId,
    mut answer: HttpResponseBuilder,
) -> Reply {
    let detail = load_detail(state, auth, id).await?;
    Ok(answer
        .insert_header((header::ETAG, preconditions::etag(detail.version)))
        .json(detail))
}

/// What a versioned change starts from: the case, when the caller may do
/// `action` to it, and the version they saw (`If-Match`).
pub(crate) async fn case_to_change(
    state: &AppState,
    auth: &AuthUser,
    id: CaseId,
    action: Action,
    if_match: &preconditions::IfMatch,
) -> Result<(CaseRow, i32), ApiError> {
    let row = crate::cases::authorized_case(state, auth, id, action).await?;
    Ok((row, if_match.expected_version()?))
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
    db: &impl Conn,
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
        .collect();
    let attachments = attachments::of_case(db, id)
        .await?
        .into_iter()
        .map(attachment_dto)
        .collect();
    let summary = summary(&row)?;
    let critical_contact = row
        .case
        .must_be_phoned_in()
        .then(|| crate::cases::contact_centre(state, &row.case.country))
        .flatten();
    let c = row.case;
    let bench_repair = c
        .bench_part_description
        .map(|part_description| BenchRepairDto {
            part_description,
            part_serial_number: c.bench_part_serial_number,
            return_address: c.bench_return_address,
        });
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
        assigned_engineer: row.assignee_name,
        waiting_for_customer: c.waiting_for_customer,
        activities,
        attachments,
        critical_contact,
        version: c.version,
    })
}
