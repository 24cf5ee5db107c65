//! Request access: the public form, and its approval (which creates the
//! user) or rejection by an Admin or the Manager of the matched parent
//! account.

use crate::auth::tokens::hash_refresh_token as sha256_hex;
use crate::auth::AuthUser;
use crate::error::ApiError;
use crate::identity::admin;
use crate::identity::client::ClientAddress;
use crate::identity::passwords::field_error;
use crate::identity::security;
use crate::notifications;
use crate::state::AppState;
use crate::wire::{ToDomain, ToWire};
use api_types::{
    AccessRequestDto, AccessRequestPage, AccessRequestQuery, ApproveAccessRequest,
    CreateAccessRequest, CreateUserRequest, FacilityDto, FacilityIdentifier, FieldErrorCode,
    RejectAccessRequest,
};
use chrono::Duration;
use domain::access_request::{AccessRequest, AccessRequestForm, AccessRequestStatus, Facility};
use domain::{AccountId, Language, Role, SecurityEvent, UserId};
use persistence::repositories::access_requests::{self, Decision};
use persistence::repositories::security_log::NewSecurityEntry;
use persistence::repositories::{accounts, throttle, users};

/// Requests one address may send in the window.
const REQUESTS_PER_ADDRESS: u64 = 5;

fn facilities_dto(facilities: &[Facility]) -> Vec<FacilityDto> {
    facilities
        .iter()
        .map(|f| FacilityDto {
            name: f.name.clone(),
            identifiers: f
                .identifiers
                .iter()
                .map(|(kind, value)| FacilityIdentifier {
                    kind: kind.to_wire(),
                    value: value.clone(),
                })
                .collect(),
        })
        .collect()
}

fn form_message(code: &str) -> &'static str {
    match code {
        "required" => "Fill this in.",
        "too_long" => "This is too long.",
        "invalid_email" => "Give an email address such as name@hospital.example.",
        "invalid_phone" => "Give a phone number of 6 to 20 digits, e.g. +31 24 361 1111.",
        "invalid_country" => "Choose a country (two-letter code such as NL).",
        "facility_required" => "Name at least one facility.",
        "too_many_facilities" => "Name at most 20 facilities; put the rest in the remarks.",
        "identifier_required" => {
            "Give at least one installed product number, asset ID, location ID or technical ID."
        }
        _ => "This value is not valid.",
    }
}

/// Stores a request, confirms it by email and answers nothing about
/// whether its identifiers matched.
pub async fn submit(
    state: &AppState,
    body: &CreateAccessRequest,
    client: &ClientAddress,
) -> Result<(), ApiError> {
    let now = state.clock.now();
    let recent = security::recent_from(state, client, SecurityEvent::AccessRequested).await?;
    if recent.is_some_and(|n| n >= REQUESTS_PER_ADDRESS) {
        return Err(ApiError::TooManyRequests {
            retry_after: (security::ADDRESS_WINDOW_MINUTES * 60) as u64,
        });
    }
    let form = AccessRequestForm {
        name: body.name.clone(),
        organisation: body.organisation.clone(),
        email: body.email.clone(),
        phone: body.phone.clone(),
        country: body.country.clone(),
        facilities: body
            .facilities
            .iter()
            .map(|f| Facility {
                name: f.name.clone(),
                identifiers: f
                    .identifiers
                    .iter()
                    .map(|i| (i.kind.to_domain(), i.value.clone()))
                    .collect(),
            })
            .collect(),
        remarks: body.remarks.clone(),
    };
    let valid = form.validate().map_err(|errors| {
        ApiError::Validation(
            errors
                .into_iter()
                .map(|e| {
                    field_error(
                        &e.field,
                        FieldErrorCode::from_code(e.code),
                        form_message(e.code),
                    )
                })
                .collect(),
        )
    })?;
    let language = match body.language.as_deref() {
        Some("nl") => Language::Nl,
        _ => Language::En,
    };
    let parent = access_requests::match_parent(&state.db, &valid.facilities).await?;
    let id = uuid::Uuid::new_v4();
    state
        .db
        .transaction(async |txn| {
            access_requests::insert(
                txn,
                id,
                &valid,
                language.as_str(),
                parent,
                client.0.clone(),
                now,
            )
            .await?;
            // Anyone can type any address into the form: its owner gets one
            // confirmation an hour at most, and nothing the form said.
            let key = format!(
                "access_request:{}",
                sha256_hex(&valid.email.as_str().to_lowercase())
            );
            if throttle::claim(txn, &key, now, Duration::hours(1)).await? {
                notifications::queue_access_request_received(txn, &valid.email, language, now)
                    .await?;
            }
            let entry = NewSecurityEntry::new(SecurityEvent::AccessRequested, now)
                .parent_account(parent)
                .details(serde_json::json!({ "request": id, "organisation": valid.organisation }));
            security::record(state, txn, entry, client).await?;
            Ok::<_, ApiError>(())
        })
        .await?;
    tracing::info!(event = "access_requested", request_id = %id, matched = parent.is_some(), "access requested");
    Ok(())
}

/// Admins see every request; a Manager those matched to their parent account.
async fn visible_parent(state: &AppState, auth: &AuthUser) -> Result<Option<AccountId>, ApiError> {
    admin::administered_parent(state, auth, None).await
}

async fn dto(state: &AppState, m: AccessRequest) -> Result<AccessRequestDto, ApiError> {
    let parent_account_name = match m.parent_account {
        Some(id) => accounts::find_by_id(&state.db, id)
            .await?
            .map(|a| a.fields.name.as_str().to_owned()),
        None => None,
    };
    let decided_by = match m.decided_by {
        Some(id) => users::find_by_id(&state.db, id)
            .await?
            .map(|u| u.username.as_str().to_owned()),
        None => None,
    };
    Ok(AccessRequestDto {
        id: m.id,
        facilities: facilities_dto(&m.facilities),
        name: m.name,
        organisation: m.organisation,
        email: m.email,
        phone: m.phone,
        country: m.country,
        remarks: m.remarks,
        status: m.status.to_wire(),
        parent_account_id: m.parent_account.map(|a| a.as_uuid()),
        parent_account_name,
        created_at: m.created_at,
        decided_at: m.decided_at,
        decided_by,
        decision_note: m.decision_note,
        user_id: m.user.map(|u| u.as_uuid()),
    })
}

pub async fn list(
    state: &AppState,
    auth: &AuthUser,
    q: &AccessRequestQuery,
) -> Result<AccessRequestPage, ApiError> {
    let parent = visible_parent(state, auth).await?;
    let page = crate::wire::page_request(q.page, q.page_size)?;
    let status = q.status.map(ToDomain::to_domain);
    let (rows, total) = access_requests::page(
        &state.db,
        parent,
        status,
        page.page.into(),
        page.page_size.into(),
    )
    .await?;
    let mut items = Vec::with_capacity(rows.len());
    for row in rows {
        items.push(dto(state, row).await?);
    }
    Ok(AccessRequestPage {
        items,
        paging: crate::wire::page_info(page, total),
    })
}

async fn find(
    state: &AppState,
    auth: &AuthUser,
    id: uuid::Uuid,
) -> Result<AccessRequest, ApiError> {
    let parent = visible_parent(state, auth).await?;
    access_requests::find(&state.db, id, parent)
        .await?
        .ok_or(ApiError::NotFound)
}

pub async fn get(
    state: &AppState,
    auth: &AuthUser,
    id: uuid::Uuid,
) -> Result<AccessRequestDto, ApiError> {
    let m = find(state, auth, id).await?;
    dto(state, m).await
}

/// Marks a pending request decided; one decided already answers 409.
async fn decide_pending(
    txn: &persistence::Tx,
    id: uuid::Uuid,
    decision: Decision,
    auth: &AuthUser,
    now: chrono::DateTime<chrono::Utc>,
) -> Result<(), ApiError> {
    if access_requests::decide(txn, id, decision, auth.user.id, now).await? {
        Ok(())
    } else {
        Err(already_decided())
    }
}

fn already_decided() -> ApiError {
    ApiError::Conflict("This request was decided already.".into())
}

/// Creates the user the request asked for and marks it approved, in one
/// transaction: a second approver gets 409 and no second user.
pub async fn approve(
    state: &AppState,
    auth: &AuthUser,
    id: uuid::Uuid,
    body: &ApproveAccessRequest,
    client: &ClientAddress,
) -> Result<UserId, ApiError> {
    let request = find(state, auth, id).await?;
    if request.status != AccessRequestStatus::Pending {
        return Err(already_decided());
    }
    let parent = match auth.user.role {
        Role::Admin => body
            .parent_account_id
            .or(request.parent_account.map(|a| a.as_uuid())),
        _ => request.parent_account.map(|a| a.as_uuid()),
    };
    if parent.is_none() {
        return Err(ApiError::Validation(vec![field_error(
            "parent_account_id",
            FieldErrorCode::ParentAccountMismatch,
            "The request matched no parent account: choose the one the user belongs to.",
        )]));
    }
    let user_id = UserId::from_uuid(uuid::Uuid::new_v4());
    let now = state.clock.now();
    state
        .db
        .transaction(async |txn| {
            decide_pending(txn, id, Decision::Approved(user_id), auth, now).await?;
            let create = CreateUserRequest {
                username: body.username.clone(),
                display_name: request.name.clone(),
                email: request.email.clone(),
                role: body.role,
                account_ids: body.account_ids.clone(),
                parent_account_id: parent,
            };
            admin::create_in(state, txn, auth, &create, client, user_id).await?;
            let entry = NewSecurityEntry::new(SecurityEvent::AccessApproved, now)
                .user(user_id)
                .actor(auth.user.id)
                .parent_account(parent.map(AccountId::from_uuid))
                .details(serde_json::json!({ "request": id }));
            security::record(state, txn, entry, client).await?;
            Ok::<_, ApiError>(())
        })
        .await?;
    Ok(user_id)
}

pub async fn reject(
    state: &AppState,
    auth: &AuthUser,
    id: uuid::Uuid,
    body: &RejectAccessRequest,
    client: &ClientAddress,
) -> Result<AccessRequestDto, ApiError> {
    let request = find(state, auth, id).await?;
    let reason = body.reason.trim();
    if reason.is_empty() {
        return Err(ApiError::Validation(vec![field_error(
            "reason",
            FieldErrorCode::Required,
            "Say why; the requester reads it.",
        )]));
    }
    if reason.chars().count() > 2000 {
        return Err(ApiError::Validation(vec![field_error(
            "reason",
            FieldErrorCode::TooLong,
            "Keep the reason to 2000 characters.",
        )]));
    }
    let now = state.clock.now();
    state
        .db
        .transaction(async |txn| {
            let decision = Decision::Rejected(reason.to_owned());
            decide_pending(txn, id, decision, auth, now).await?;
            let language = request.language.parse::<Language>().unwrap_or(Language::En);
            notifications::queue_access_request_rejected(
                txn,
                &request.email,
                &request.name,
                reason,
                language,
                now,
            )
            .await?;
            let entry = NewSecurityEntry::new(SecurityEvent::AccessRejected, now)
                .actor(auth.user.id)
                .parent_account(request.parent_account)
                .details(serde_json::json!({ "request": id }));
            security::record(state, txn, entry, client).await?;
            Ok::<_, ApiError>(())
        })
        .await?;
    get(state, auth, id).await
}
