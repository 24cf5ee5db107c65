//! User administration: Managers for their own parent account, Admins for
//! all. Tenancy is part of every query: another parent's user is not found.

use crate::auth::AuthUser;
use crate::error::ApiError;
use crate::identity::account_emails::{self, AccountChange};
use crate::identity::client::ClientAddress;
use crate::identity::passwords::field_error;
use crate::identity::{links, security};
use crate::state::AppState;
use crate::wire::{ToDomain, ToWire};
use api_types::{
    CreateUserRequest, DeactivationReasonDto, FieldErrorCode, UpdateUserRequest, UserDetail,
    UserPage, UserQuery, UserStatusDto, UserSummary,
};
use chrono::{DateTime, Utc};
use domain::{
    acting_parent, authorize, may_grant, AccountId, Action, Email, Role, SecurityEvent, Target,
    User, UserId, Username,
};
use persistence::repositories::accounts;
use persistence::repositories::audit;
use persistence::repositories::refresh_tokens;
use persistence::repositories::user_tokens::LinkPurpose;
use persistence::repositories::users::{self, AdminChanges, AdminUser, UserFilter};
use persistence::{Conn, StoreError, Tx};

fn status(u: &AdminUser, now: DateTime<Utc>) -> UserStatusDto {
    if !u.user.active {
        UserStatusDto::Deactivated
    } else if u.pending_activation {
        UserStatusDto::PendingActivation
    } else if u.locked_until.is_some_and(|until| now < until) {
        UserStatusDto::Locked
    } else {
        UserStatusDto::Active
    }
}

pub fn summary(u: &AdminUser, now: DateTime<Utc>) -> UserSummary {
    UserSummary {
        id: u.user.id.as_uuid(),
        username: u.user.username.as_str().to_owned(),
        display_name: u.user.display_name.clone(),
        email: u.user.email.as_str().to_owned(),
        role: u.user.role.to_wire(),
        status: status(u, now),
        parent_account_id: u.user.parent_account_id.map(|a| a.as_uuid()),
        account_ids: u.account_ids.iter().map(|a| a.as_uuid()).collect(),
        last_login_at: u.last_login_at,
        created_at: u.created_at,
        mfa_enabled: u.mfa_enabled,
        version: u.version,
    }
}

pub fn detail(u: &AdminUser, now: DateTime<Utc>) -> UserDetail {
    UserDetail {
        summary: summary(u, now),
        settings: u.user.settings.to_wire(),
        deactivated_at: u.deactivated_at,
        deactivation_reason: match u.deactivated_reason.as_deref() {
            Some("inactivity") => Some(DeactivationReasonDto::Inactivity),
            Some(_) => Some(DeactivationReasonDto::Manager),
            None => None,
        },
        locked_until: u.locked_until.filter(|until| now < *until),
    }
}

/// The parent account whose users the caller administers: their own for a
/// Manager, any (None, or the one asked for) for an Admin; 403 for others.
pub(crate) async fn administered_parent(
    state: &AppState,
    auth: &AuthUser,
    asked: Option<AccountId>,
) -> Result<Option<AccountId>, ApiError> {
    let parent = acting_parent(auth.user.role, auth.user.parent_account_id, asked)
        .map_err(|_| ApiError::Forbidden)?;
    let principal = auth.principal(&state.db).await?;
    let target = parent.map_or(Target::Portal, Target::ParentAccount);
    authorize(&principal, Action::ManageUsers, target)?;
    Ok(parent)
}

pub async fn list(state: &AppState, auth: &AuthUser, q: &UserQuery) -> Result<UserPage, ApiError> {
    let parent =
        administered_parent(state, auth, q.parent_account.map(AccountId::from_uuid)).await?;
    let page = crate::wire::page_request(q.page, q.page_size)?;
    let now = state.clock.now();
    let filter = UserFilter {
        parent_account: parent,
        q: q.q.clone(),
        status: q.status.map(ToDomain::to_domain),
        account: q.account.map(AccountId::from_uuid),
    };
    let (items, total) = users::list_admin(
        &state.db,
        &filter,
        now,
        page.page.into(),
        page.page_size.into(),
    )
    .await?;
    Ok(UserPage {
        items: items.iter().map(|u| summary(u, now)).collect(),
        paging: crate::wire::page_info(page, total),
    })
}

/// The user if the caller administers them; 404 otherwise (403 for roles
/// that administer nobody).
pub async fn find(state: &AppState, auth: &AuthUser, id: UserId) -> Result<AdminUser, ApiError> {
    let parent = administered_parent(state, auth, None).await?;
    users::find_admin(&state.db, id, parent)
        .await?
        .ok_or(ApiError::NotFound)
}

/// Checks that every account belongs to `parent` (404 names none of them).
async fn accounts_of_parent(
    db: &impl Conn,
    parent: Option<AccountId>,
    ids: &[uuid::Uuid],
) -> Result<Vec<AccountId>, ApiError> {
    let mut out = Vec::with_capacity(ids.len());
    for id in ids {
        let account = accounts::find_by_id(db, AccountId::from_uuid(*id))
            .await?
            .filter(|a| Some(a.parent_account_id) == parent)
            .ok_or(ApiError::NotFound)?;
        if !out.contains(&account.id) {
            out.push(account.id);
        }
    }
    Ok(out)
}

fn username(raw: &str, errors: &mut Vec<api_types::FieldError>) -> Option<Username> {
    Username::parse(raw)
        .map_err(|e| {
            errors.push(field_error(
                "username",
                FieldErrorCode::InvalidUsername,
                e.to_string(),
            ))
        })
        .ok()
}

fn display_name(raw: &str, errors: &mut Vec<api_types::FieldError>) -> String {
    // Shown to colleagues and the service desk: no reordering controls.
    let name = domain::strip_bidi_controls(raw).trim().to_owned();
    if name.is_empty() || name.chars().count() > 200 {
        errors.push(field_error(
            "display_name",
            FieldErrorCode::InvalidDisplayName,
            "Give a name of 1 to 200 characters.",
        ));
    }
    name
}

fn email(raw: &str, errors: &mut Vec<api_types::FieldError>) -> Option<Email> {
    Email::parse(raw)
        .map_err(|_| {
            errors.push(field_error(
                "email",
                FieldErrorCode::InvalidEmail,
                "Give an email address such as name@hospital.example.",
            ))
        })
        .ok()
}

fn grantable(actor: Role, role: Role, errors: &mut Vec<api_types::FieldError>) {
    if !may_grant(actor, role) {
        errors.push(field_error(
            "role",
            FieldErrorCode::RoleNotGrantable,
            "A Manager gives the roles Viewer, User and Manager only.",
        ));
    }
}

pub async fn create(
    state: &AppState,
    auth: &AuthUser,
    req: &CreateUserRequest,
    client: &ClientAddress,
) -> Result<AdminUser, ApiError> {
    let id = UserId::from_uuid(uuid::Uuid::new_v4());
    state
        .db
        .transaction(async |txn| {
            create_in(state, txn, auth, req, client, id).await?;
            Ok::<_, ApiError>(())
        })
        .await?;
    users::find_admin(&state.db, id, None)
        .await?
        .ok_or(ApiError::NotFound)
}

/// Creates the user `id` in the caller's transaction: validation,
/// assignments, activation email, security and audit log.
pub async fn create_in(
    state: &AppState,
    txn: &Tx,
    auth: &AuthUser,
    req: &CreateUserRequest,
    client: &ClientAddress,
    id: UserId,
) -> Result<(), ApiError> {
    let asked = req.parent_account_id.map(AccountId::from_uuid);
    let parent = administered_parent(state, auth, asked).await?;
    // An Admin may name any parent account, so it must be one: an unknown id
    // is a 404 here, not a foreign-key failure at the insert.
    if let Some(parent) = parent {
        let known = accounts::find_by_id(txn, parent)
            .await?
            .is_some_and(|account| account.is_parent_account());
        if !known {
            return Err(ApiError::NotFound);
        }
    }
    let role = req.role.to_domain();
    let mut errors = Vec::new();
    let username = username(&req.username, &mut errors);
    let name = display_name(&req.display_name, &mut errors);
    let address = email(&req.email, &mut errors);
    grantable(auth.user.role, role, &mut errors);
    if role.is_internal() != parent.is_none() {
        errors.push(field_error(
            "parent_account_id",
            FieldErrorCode::ParentAccountMismatch,
            "Customer roles need a parent account; Service and Admin staff have none.",
        ));
    }
    let (Some(username), Some(address), true) = (username, address, errors.is_empty()) else {
        return Err(ApiError::Validation(errors));
    };
    let account_ids = accounts_of_parent(txn, parent, &req.account_ids).await?;
    let now = state.clock.now();
    let user = User {
        id,
        parent_account_id: parent,
        username,
        email: address,
        display_name: name,
        role,
        // A new user starts with the creator's language, zone and formats.
        settings: auth.user.settings.clone(),
        active: true,
        sessions_valid_after: now,
    };
    match users::insert_invited(txn, &user, now).await {
        Err(StoreError::Duplicate(_)) => {
            return Err(ApiError::UsernameTaken(user.username.as_str().to_owned()))
        }
        other => other?,
    }
    for account in &account_ids {
        accounts::assign(txn, user.id, *account).await?;
    }
    links::send_link(state, txn, &user, LinkPurpose::Activation).await?;
    let details = serde_json::json!({
        "username": user.username.as_str(),
        "role": role.as_str(),
        "accounts": account_ids.iter().map(|a| a.as_uuid()).collect::<Vec<_>>(),
    });
    let entry = security::about(SecurityEvent::UserCreated, &user, now)
        .actor(auth.user.id)
        .details(details.clone());
    security::record(state, txn, entry, client).await?;
    audit::append(
        txn,
        &crate::audit::in_request("user.create", "user", user.id, now)
            .by(Some(auth.user.id), parent)
            .new_value(details),
    )
    .await?;
    Ok(())
}

/// The operator's way to start a real installation (`csportal admin
/// create`): a portal-support user (Admin) without a password, and the
/// single-use 24-hour activation link to hand over. Nobody is signed in, so
/// the log entries name no actor and say where it came from.
pub async fn create_admin_from_console(
    state: &AppState,
    user_name: &str,
    name: &str,
    address: &str,
) -> Result<String, ApiError> {
    let mut errors = Vec::new();
    let username = username(user_name, &mut errors);
    let name = display_name(name, &mut errors);
    let address = email(address, &mut errors);
    let (Some(username), Some(address), true) = (username, address, errors.is_empty()) else {
        return Err(ApiError::Validation(errors));
    };
    let now = state.clock.now();
    let user = User {
        id: UserId::from_uuid(uuid::Uuid::new_v4()),
        parent_account_id: None,
        username,
        email: address,
        display_name: name,
        role: Role::Admin,
        settings: domain::UserSettings::default(),
        active: true,
        sessions_valid_after: now,
    };
    let token = state
        .db
        .transaction(async |txn| {
            match users::insert_invited(txn, &user, now).await {
                Err(StoreError::Duplicate(_)) => {
                    return Err(ApiError::UsernameTaken(user.username.as_str().to_owned()))
                }
                other => other?,
            }
            let (token, _) = links::issue(state, txn, &user, LinkPurpose::Activation).await?;
            let details = serde_json::json!({
                "username": user.username.as_str(),
                "role": Role::Admin.as_str(),
                "by": "console",
            });
            let entry =
                security::about(SecurityEvent::UserCreated, &user, now).details(details.clone());
            security::record(state, txn, entry, &ClientAddress(None)).await?;
            audit::append(
                txn,
                &persistence::repositories::audit::AuditEntry::new(
                    "user.create",
                    "user",
                    user.id,
                    now,
                )
                .new_value(details),
            )
            .await?;
            Ok::<_, ApiError>(token)
        })
        .await?;
    Ok(crate::notifications::activation_url(
        &state.config.public_url,
        &token,
    ))
}

fn snapshot(u: &AdminUser) -> serde_json::Value {
    serde_json::json!({
        "display_name": u.user.display_name,
        "email": u.user.email.as_str(),
        "role": u.user.role.as_str(),
        "accounts": u.account_ids.iter().map(|a| a.as_uuid()).collect::<Vec<_>>(),
        "active": u.user.active,
        "mfa_enabled": u.mfa_enabled,
    })
}

pub async fn update(
    state: &AppState,
    auth: &AuthUser,
    id: UserId,
    expected_version: i32,
    req: &UpdateUserRequest,
    client: &ClientAddress,
) -> Result<AdminUser, ApiError> {
    let before = find(state, auth, id).await?;
    let parent = before.user.parent_account_id;
    let mut errors = Vec::new();
    let mut changes = AdminChanges::default();
    if let Some(raw) = &req.display_name {
        changes.display_name = Some(display_name(raw, &mut errors));
    }
    if let Some(raw) = &req.email {
        changes.email = email(raw, &mut errors);
    }
    if let Some(role) = req.role.map(ToDomain::to_domain) {
        grantable(auth.user.role, role, &mut errors);
        if role.is_internal() != parent.is_none() {
            errors.push(field_error(
                "role",
                FieldErrorCode::ParentAccountMismatch,
                "Customer users keep customer roles; staff keep staff roles.",
            ));
        }
        if role != before.user.role {
            changes.role = Some(role);
        }
    }
    if req.active == Some(false) && id == auth.user.id {
        errors.push(field_error(
            "active",
            FieldErrorCode::CannotDisableSelf,
            "You cannot disable your own account; ask another Manager or portal support.",
        ));
    }
    if req.active.is_some_and(|a| a != before.user.active) {
        changes.active = req.active;
    }
    let own = id == auth.user.id;
    if req.reset_mfa == Some(true) && own {
        errors.push(field_error(
            "reset_mfa",
            FieldErrorCode::CannotResetOwnFactor,
            "You cannot reset your own second factor here; replace or turn it off in your settings.",
        ));
    }
    let reset_mfa = req.reset_mfa == Some(true) && before.mfa_enabled;
    // The same address again is no change (and needs no confirmation).
    if changes.email.as_ref() == Some(&before.user.email) {
        changes.email = None;
    }
    if own && changes.email.is_some() && req.confirmation.is_none() {
        errors.push(field_error(
            "confirmation",
            FieldErrorCode::Required,
            "Confirm a change of your own email address with your password (and a current code where your second factor is on).",
        ));
    }
    if !errors.is_empty() {
        return Err(ApiError::Validation(errors));
    }
    if let (true, Some(_), Some(confirmation)) = (own, &changes.email, &req.confirmation) {
        crate::identity::mfa::confirm_owner(state, &auth.user, confirmation, client).await?;
    }
    if let Some(ids) = &req.account_ids {
        let accounts = accounts_of_parent(&state.db, parent, ids).await?;
        let mut sorted = accounts.clone();
        sorted.sort();
        let mut current = before.account_ids.clone();
        current.sort();
        if sorted != current {
            changes.account_ids = Some(accounts);
        }
    }
    let now = state.clock.now();
    state
        .db
        .transaction(async |txn| {
        if !users::update_admin(txn, id, expected_version, &changes, now).await? {
            return Err(ApiError::PreconditionFailed {
                current: before.version,
            });
        }
        if reset_mfa {
            persistence::repositories::mfa::disable(txn, id).await?;
        }
        let after = users::find_admin(txn, id, None)
            .await?
            .ok_or(ApiError::NotFound)?;
        // Whoever may hold the account's sessions is not the person the
        // account now describes: they sign in again. A change of one's own
        // address keeps the session that made it.
        if changes.email.is_some() || reset_mfa || changes.role.is_some() {
            let keep = own.then_some(auth.session_id);
            refresh_tokens::revoke_others_of_user(txn, id, keep, now).await?;
        }
        // The person is told at the address they had, so a takeover of the
        // account through its address does not go unnoticed.
        if changes.email.is_some() {
            let change = AccountChange::EmailChanged { new: &after.user.email };
            account_emails::queue_account_change(txn, &before.user, change, &auth.user, now).await?;
        }
        if reset_mfa {
            account_emails::queue_account_change(txn, &after.user, AccountChange::FactorReset, &auth.user, now).await?;
        }
        let mut events = Vec::new();
        if changes.role.is_some() {
            events.push((
                SecurityEvent::RoleChanged,
                serde_json::json!({ "from": before.user.role.as_str(), "to": after.user.role.as_str() }),
            ));
        }
        if changes.account_ids.is_some() {
            events.push((
                SecurityEvent::AssignmentChanged,
                serde_json::json!({ "from": before.account_ids.iter().map(|a| a.as_uuid()).collect::<Vec<_>>(), "to": after.account_ids.iter().map(|a| a.as_uuid()).collect::<Vec<_>>() }),
            ));
        }
        match changes.active {
            Some(false) => events.push((
                SecurityEvent::UserDeactivated,
                serde_json::json!({ "reason": "manager" }),
            )),
            Some(true) => events.push((SecurityEvent::UserReactivated, serde_json::json!({}))),
            None => {}
        }
        if reset_mfa {
            events.push((
                SecurityEvent::MfaDisabled,
                serde_json::json!({ "reset_by": "manager" }),
            ));
        }
        if changes.email.is_some() {
            events.push((
                SecurityEvent::EmailChanged,
                serde_json::json!({ "from": before.user.email.as_str(), "to": after.user.email.as_str() }),
            ));
        }
        if changes.display_name.is_some() {
            events.push((SecurityEvent::UserUpdated, serde_json::json!({})));
        }
        for (event, details) in events {
            let entry = security::about(event, &after.user, now)
                .actor(auth.user.id)
                .details(details);
            security::record(state, txn, entry, client).await?;
        }
        audit::append(
            txn,
            &crate::audit::in_request("user.update", "user", id, now)
                .by(Some(auth.user.id), parent)
                .old_value(snapshot(&before))
                .new_value(snapshot(&after)),
        )
        .await?;
            Ok(after)
        })
        .await
}

/// Sends a new activation link (voiding the earlier one).
pub async fn resend_activation(
    state: &AppState,
    auth: &AuthUser,
    id: UserId,
    client: &ClientAddress,
) -> Result<(), ApiError> {
    let target = find(state, auth, id).await?;
    if !target.pending_activation || !target.user.active {
        return Err(ApiError::Conflict(
            "This user has activated their account already; they can reset their password themselves.".into(),
        ));
    }
    let now = state.clock.now();
    state
        .db
        .transaction(async |txn| {
            links::send_link(state, txn, &target.user, LinkPurpose::Activation).await?;
            let entry = security::about(SecurityEvent::UserUpdated, &target.user, now)
                .actor(auth.user.id)
                .details(serde_json::json!({ "activation_email": "sent again" }));
            security::record(state, txn, entry, client).await?;
            Ok::<_, ApiError>(())
        })
        .await?;
    Ok(())
}
