use crate::db::Conn;
use crate::entities::user;
use crate::error::{corrupt_field, StoreResult};
use crate::repositories::query::{
    all_converted, bump_version, column_where, count_and_page, delete_where, window,
};
use chrono::{DateTime, Utc};
use domain::account_security::LoginThrottle;
use domain::{
    AccountId, DateFormat, Email, Language, Role, TimeFormat, TimeZoneName, User, UserId,
    UserSettings, Username,
};
use sea_orm::sea_query::{Expr, Order};
use sea_orm::{
    ActiveModelTrait, ColumnTrait, Condition, ConnectionTrait, EntityTrait, QueryFilter,
    QueryOrder, Set, UpdateMany,
};

/// A user with the PHC string of their password, for login only.
#[derive(Debug, Clone)]
pub struct UserWithCredentials {
    pub user: User,
    pub password_hash: String,
    /// Failed logins and the lock, as the database holds them now.
    pub throttle: LoginThrottle,
    pub facts: LoginFacts,
}

/// The stored row of a user.
pub(crate) async fn model(
    db: &impl ConnectionTrait,
    id: UserId,
) -> StoreResult<Option<user::Model>> {
    Ok(user::Entity::find_by_id(id.as_uuid()).one(db).await?)
}

/// An UPDATE of the one user `id`.
pub(crate) fn update_user(id: UserId) -> UpdateMany<user::Entity> {
    user::Entity::update_many().filter(user::Column::Id.eq(id.as_uuid()))
}

/// `updated_at = now, version = version + 1` for a user.
fn bump(update: UpdateMany<user::Entity>, now: DateTime<Utc>) -> UpdateMany<user::Entity> {
    bump_version(update, user::Column::UpdatedAt, user::Column::Version, now)
}

/// Deactivates for `reason` and ends the user's sessions.
fn deactivation(
    update: UpdateMany<user::Entity>,
    reason: &str,
    now: DateTime<Utc>,
) -> UpdateMany<user::Entity> {
    update
        .col_expr(user::Column::Active, Expr::value(false))
        .col_expr(user::Column::DeactivatedAt, Expr::value(now))
        .col_expr(user::Column::DeactivatedReason, Expr::value(reason))
        .col_expr(user::Column::SessionsValidAfter, Expr::value(now))
}

/// Removes every account assignment of `id`.
async fn unassign_all(db: &impl ConnectionTrait, id: UserId) -> StoreResult<()> {
    use crate::entities::account_assignment::{Column, Entity};
    delete_where::<Entity>(db, Column::UserId.eq(id.as_uuid())).await
}

pub(crate) fn to_domain(m: &user::Model) -> StoreResult<User> {
    let corrupt = corrupt_field("user", m.id);
    Ok(User {
        id: UserId::from_uuid(m.id),
        parent_account_id: m.parent_account_id.map(AccountId::from_uuid),
        username: Username::parse(&m.username).map_err(|_| corrupt("username"))?,
        email: Email::parse(&m.email).map_err(|_| corrupt("email"))?,
        display_name: m.display_name.clone(),
        role: m.role.parse::<Role>().map_err(|_| corrupt("role"))?,
        settings: UserSettings {
            language: m
                .language
                .parse::<Language>()
                .map_err(|_| corrupt("language"))?,
            time_zone: TimeZoneName::parse(&m.time_zone).map_err(|_| corrupt("time zone"))?,
            date_format: m
                .date_format
                .parse::<DateFormat>()
                .map_err(|_| corrupt("date format"))?,
            time_format: m
                .time_format
                .parse::<TimeFormat>()
                .map_err(|_| corrupt("time format"))?,
        },
        active: m.active,
        sessions_valid_after: m.sessions_valid_after,
    })
}

pub async fn find_by_username(
    db: &impl Conn,
    username: &Username,
) -> StoreResult<Option<UserWithCredentials>> {
    let db = db.raw();
    let Some(m) = user::Entity::find()
        .filter(user::Column::Username.eq(username.as_str()))
        .one(db)
        .await?
    else {
        return Ok(None);
    };
    Ok(Some(UserWithCredentials {
        user: to_domain(&m)?,
        throttle: throttle_of(&m),
        facts: facts_of(&m),
        password_hash: m.password_hash,
    }))
}

pub async fn find_by_id(db: &impl Conn, id: UserId) -> StoreResult<Option<User>> {
    model(db.raw(), id)
        .await?
        .as_ref()
        .map(to_domain)
        .transpose()
}

/// The user, if their session (refresh-token family) still has a token not
/// revoked: the check behind every authenticated request, in one query.
pub async fn find_in_live_session(
    db: &impl Conn,
    id: UserId,
    session: uuid::Uuid,
) -> StoreResult<Option<User>> {
    let db = db.raw();
    use crate::entities::refresh_token;
    use sea_orm::sea_query::Query;
    let live_token = Query::select()
        .expr(Expr::val(1))
        .from(refresh_token::Entity)
        .and_where(refresh_token::Column::FamilyId.eq(session))
        .and_where(refresh_token::Column::RevokedAt.is_null())
        .to_owned();
    user::Entity::find_by_id(id.as_uuid())
        .filter(Expr::exists(live_token))
        .one(db)
        .await?
        .as_ref()
        .map(to_domain)
        .transpose()
}

pub async fn insert(
    db: &impl Conn,
    u: &User,
    password_hash: &str,
    now: DateTime<Utc>,
) -> StoreResult<()> {
    let db = db.raw();
    user::ActiveModel {
        id: Set(u.id.as_uuid()),
        parent_account_id: Set(u.parent_account_id.map(|a| a.as_uuid())),
        username: Set(u.username.as_str().to_owned()),
        email: Set(u.email.as_str().to_owned()),
        display_name: Set(u.display_name.clone()),
        role: Set(u.role.as_str().to_owned()),
        password_hash: Set(password_hash.to_owned()),
        password_changed_at: Set(now),
        language: Set(u.settings.language.as_str().to_owned()),
        time_zone: Set(u.settings.time_zone.as_str().to_owned()),
        date_format: Set(u.settings.date_format.as_str().to_owned()),
        time_format: Set(u.settings.time_format.as_str().to_owned()),
        active: Set(u.active),
        sessions_valid_after: Set(u.sessions_valid_after),
        failed_logins: Set(0),
        locked_until: Set(None),
        last_login_at: Set(None),
        created_at: Set(now),
        updated_at: Set(now),
        version: Set(1),
        pending_activation: Set(false),
        deactivated_at: Set(None),
        deactivated_reason: Set(None),
        reactivated_at: Set(None),
        mfa_secret: Set(None),
        mfa_pending_secret: Set(None),
        mfa_enabled_at: Set(None),
        mfa_last_step: Set(None),
        login_attempts_in_flight: Set(0),
        login_attempt_reserved_at: Set(None),
    }
    .insert(db)
    .await?;
    Ok(())
}

fn throttle_of(m: &user::Model) -> LoginThrottle {
    LoginThrottle {
        failed_logins: u32::try_from(m.failed_logins).unwrap_or(0),
        locked_until: m.locked_until,
    }
}

pub async fn record_login(db: &impl Conn, id: UserId, at: DateTime<Utc>) -> StoreResult<()> {
    let db = db.raw();
    update_user(id)
        .col_expr(user::Column::LastLoginAt, Expr::value(at))
        .col_expr(user::Column::FailedLogins, Expr::value(0))
        .col_expr(
            user::Column::LockedUntil,
            Expr::value(Option::<DateTime<Utc>>::None),
        )
        .exec(db)
        .await?;
    Ok(())
}

/// A user's password facts at login: when it was set, and whether the
/// account waits for activation or was deactivated.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct LoginFacts {
    pub password_changed_at: DateTime<Utc>,
    pub pending_activation: bool,
    pub deactivated_reason: Option<String>,
    /// The TOTP secret (base32) once a second factor is enrolled.
    pub mfa_secret: Option<String>,
    pub mfa_last_step: Option<i64>,
}

/// What a Manager sees of a user.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct AdminUser {
    pub user: User,
    pub version: i32,
    pub pending_activation: bool,
    pub last_login_at: Option<DateTime<Utc>>,
    pub created_at: DateTime<Utc>,
    pub deactivated_at: Option<DateTime<Utc>>,
    pub deactivated_reason: Option<String>,
    pub locked_until: Option<DateTime<Utc>>,
    pub reactivated_at: Option<DateTime<Utc>>,
    pub mfa_enabled: bool,
    pub account_ids: Vec<AccountId>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum StatusFilter {
    PendingActivation,
    Active,
    Locked,
    Deactivated,
}

#[derive(Debug, Clone, Default)]
pub struct UserFilter {
    /// None: every parent account (Admins).
    pub parent_account: Option<AccountId>,
    pub q: Option<String>,
    pub status: Option<StatusFilter>,
    /// The users with access to this account: assigned to it, and the
    /// Managers of its parent account.
    pub account: Option<AccountId>,
}

async fn assignments_of(
    db: &impl ConnectionTrait,
    users: &[uuid::Uuid],
) -> StoreResult<Vec<(uuid::Uuid, uuid::Uuid)>> {
    use crate::entities::account_assignment;
    use sea_orm::{QueryOrder, QuerySelect};
    if users.is_empty() {
        return Ok(Vec::new());
    }
    Ok(account_assignment::Entity::find()
        .select_only()
        .column(account_assignment::Column::UserId)
        .column(account_assignment::Column::AccountId)
        .filter(account_assignment::Column::UserId.is_in(users.iter().copied()))
        .order_by_asc(account_assignment::Column::AccountId)
        .into_tuple()
        .all(db)
        .await?)
}

fn admin_view(m: &user::Model, assignments: &[(uuid::Uuid, uuid::Uuid)]) -> StoreResult<AdminUser> {
    Ok(AdminUser {
        user: to_domain(m)?,
        version: m.version,
        pending_activation: m.pending_activation,
        last_login_at: m.last_login_at,
        created_at: m.created_at,
        deactivated_at: m.deactivated_at,
        deactivated_reason: m.deactivated_reason.clone(),
        locked_until: m.locked_until,
        reactivated_at: m.reactivated_at,
        mfa_enabled: m.mfa_secret.is_some(),
        account_ids: assignments
            .iter()
            .filter(|(user, _)| *user == m.id)
            .map(|(_, account)| AccountId::from_uuid(*account))
            .collect(),
    })
}

/// Assigned to `account`, or a Manager of its parent account (a Manager is
/// in effect assigned every account of theirs).
fn with_access_to(account: AccountId) -> Condition {
    use crate::entities::{account as accounts, account_assignment as assignments};
    let assigned = column_where(
        assignments::Column::UserId,
        assignments::Column::AccountId.eq(account.as_uuid()),
    );
    let customer = column_where(
        accounts::Column::ParentAccountId,
        accounts::Column::Id.eq(account.as_uuid()),
    );
    Condition::any()
        .add(user::Column::Id.in_subquery(assigned))
        .add(
            Condition::all()
                .add(user::Column::Role.eq(Role::Manager.as_str()))
                .add(user::Column::ParentAccountId.in_subquery(customer)),
        )
}

fn filter_condition(filter: &UserFilter, now: DateTime<Utc>) -> Condition {
    let mut condition = Condition::all();
    if let Some(parent) = filter.parent_account {
        condition = condition.add(user::Column::ParentAccountId.eq(parent.as_uuid()));
    }
    if let Some(account) = filter.account {
        condition = condition.add(with_access_to(account));
    }
    if let Some(q) = filter.q.as_deref().map(str::trim).filter(|q| !q.is_empty()) {
        let pattern = format!("%{}%", q.to_lowercase().replace(['%', '_'], ""));
        use sea_orm::sea_query::Func;
        let like =
            |col: user::Column| Expr::expr(Func::lower(Expr::col(col))).like(pattern.clone());
        condition = condition.add(
            Condition::any()
                .add(like(user::Column::Username))
                .add(like(user::Column::DisplayName))
                .add(like(user::Column::Email)),
        );
    }
    let not_locked = Condition::any()
        .add(user::Column::LockedUntil.is_null())
        .add(user::Column::LockedUntil.lte(now));
    match filter.status {
        None => {}
        Some(StatusFilter::PendingActivation) => {
            condition = condition
                .add(user::Column::PendingActivation.eq(true))
                .add(user::Column::Active.eq(true));
        }
        Some(StatusFilter::Deactivated) => {
            condition = condition.add(user::Column::Active.eq(false));
        }
        Some(StatusFilter::Locked) => {
            condition = condition
                .add(user::Column::Active.eq(true))
                .add(user::Column::LockedUntil.gt(now));
        }
        Some(StatusFilter::Active) => {
            condition = condition
                .add(user::Column::Active.eq(true))
                .add(user::Column::PendingActivation.eq(false))
                .add(not_locked);
        }
    }
    condition
}

pub async fn list_admin(
    db: &impl Conn,
    filter: &UserFilter,
    now: DateTime<Utc>,
    page: u64,
    page_size: u64,
) -> StoreResult<(Vec<AdminUser>, u64)> {
    let db = db.raw();
    let (models, total) = count_and_page(
        db,
        user::Entity::find().filter(filter_condition(filter, now)),
        &[
            (user::Column::DisplayName, Order::Asc),
            (user::Column::Id, Order::Asc),
        ],
        window(page, page_size),
    )
    .await?;
    let ids: Vec<uuid::Uuid> = models.iter().map(|m| m.id).collect();
    let assignments = assignments_of(db, &ids).await?;
    let items = models
        .iter()
        .map(|m| admin_view(m, &assignments))
        .collect::<StoreResult<Vec<_>>>()?;
    Ok((items, total))
}

/// The user, if they belong to `parent` (None: any, for Admins).
pub async fn find_admin(
    db: &impl Conn,
    id: UserId,
    parent: Option<AccountId>,
) -> StoreResult<Option<AdminUser>> {
    let db = db.raw();
    let mut query = user::Entity::find_by_id(id.as_uuid());
    if let Some(parent) = parent {
        query = query.filter(user::Column::ParentAccountId.eq(parent.as_uuid()));
    }
    let Some(m) = query.one(db).await? else {
        return Ok(None);
    };
    let assignments = assignments_of(db, &[m.id]).await?;
    Ok(Some(admin_view(&m, &assignments)?))
}

/// The users of `usernames` that exist, by user name (an import's rows).
pub async fn admin_by_usernames(
    db: &impl Conn,
    usernames: &[String],
) -> StoreResult<std::collections::HashMap<String, AdminUser>> {
    let db = db.raw();
    let mut found = std::collections::HashMap::new();
    // Bounded IN lists: SQLite takes at most 32766 parameters a statement.
    for names in usernames.chunks(1000) {
        let models = user::Entity::find()
            .filter(user::Column::Username.is_in(names.iter().cloned()))
            .all(db)
            .await?;
        let ids: Vec<uuid::Uuid> = models.iter().map(|m| m.id).collect();
        let assignments = assignments_of(db, &ids).await?;
        for m in &models {
            found.insert(m.username.clone(), admin_view(m, &assignments)?);
        }
    }
    Ok(found)
}

fn facts_of(m: &user::Model) -> LoginFacts {
    LoginFacts {
        password_changed_at: m.password_changed_at,
        pending_activation: m.pending_activation,
        deactivated_reason: m.deactivated_reason.clone(),
        mfa_secret: m.mfa_secret.clone(),
        mfa_last_step: m.mfa_last_step,
    }
}

pub async fn login_facts(db: &impl Conn, id: UserId) -> StoreResult<Option<LoginFacts>> {
    Ok(model(db.raw(), id).await?.as_ref().map(facts_of))
}

pub async fn password_hash(db: &impl Conn, id: UserId) -> StoreResult<Option<String>> {
    Ok(model(db.raw(), id).await?.map(|m| m.password_hash))
}

/// Users with this email address (it need not be unique), active or waiting
/// for activation.
pub async fn find_reachable_by_email(db: &impl Conn, email: &str) -> StoreResult<Vec<User>> {
    let db = db.raw();
    use sea_orm::sea_query::Func;
    let reachable = user::Entity::find()
        .filter(
            Expr::expr(Func::lower(Expr::col(user::Column::Email))).eq(email.trim().to_lowercase()),
        )
        .filter(user::Column::Active.eq(true));
    all_converted(db, reachable, |m| to_domain(&m)).await
}

/// The active Service users (the engineers cases are assigned to), by name.
pub async fn active_engineers(db: &impl Conn) -> StoreResult<Vec<User>> {
    let engineers = user::Entity::find()
        .filter(user::Column::Role.eq(domain::Role::Service.as_str()))
        .filter(user::Column::Active.eq(true))
        .order_by_asc(user::Column::DisplayName)
        .order_by_asc(user::Column::Id);
    all_converted(db.raw(), engineers, |m| to_domain(&m)).await
}

/// Sets a new password: it activates a pending account, lifts a lock, and
/// ends every session (tokens issued before `now` are refused).
pub async fn set_password(
    db: &impl Conn,
    id: UserId,
    password_hash: &str,
    now: DateTime<Utc>,
) -> StoreResult<()> {
    let db = db.raw();
    let changes = update_user(id)
        .col_expr(user::Column::PasswordHash, Expr::value(password_hash))
        .col_expr(user::Column::PasswordChangedAt, Expr::value(now))
        .col_expr(user::Column::SessionsValidAfter, Expr::value(now))
        .col_expr(user::Column::FailedLogins, Expr::value(0))
        .col_expr(
            user::Column::LockedUntil,
            Expr::value(Option::<DateTime<Utc>>::None),
        )
        .col_expr(user::Column::PendingActivation, Expr::value(false));
    bump(changes, now).exec(db).await?;
    Ok(())
}

/// A user created by a Manager: no usable password until they follow the
/// activation link.
pub async fn insert_invited(db: &impl Conn, u: &User, now: DateTime<Utc>) -> StoreResult<()> {
    // Not a PHC string: no password verifies against it.
    insert(db, u, "!", now).await?;
    update_user(u.id)
        .col_expr(user::Column::PendingActivation, Expr::value(true))
        .exec(db.raw())
        .await?;
    Ok(())
}

/// What a Manager changes; None leaves a field as it is.
#[derive(Debug, Clone, Default)]
pub struct AdminChanges {
    pub display_name: Option<String>,
    pub email: Option<Email>,
    pub role: Option<Role>,
    pub account_ids: Option<Vec<AccountId>>,
    /// Some(false): deactivate (by a Manager); Some(true): reactivate.
    pub active: Option<bool>,
}

/// Applies `changes` if the stored version is still `expected`; Ok(false) when
/// someone changed the user meanwhile. Deactivation and role changes end the
/// user's sessions.
pub async fn update_admin(
    db: &impl Conn,
    id: UserId,
    expected: i32,
    changes: &AdminChanges,
    now: DateTime<Utc>,
) -> StoreResult<bool> {
    let conn = db;
    let db = db.raw();
    let mut update = update_user(id)
        .col_expr(user::Column::UpdatedAt, Expr::value(now))
        .col_expr(user::Column::Version, Expr::value(expected + 1))
        .filter(user::Column::Version.eq(expected));
    if let Some(name) = &changes.display_name {
        update = update.col_expr(user::Column::DisplayName, Expr::value(name.clone()));
    }
    if let Some(email) = &changes.email {
        update = update.col_expr(user::Column::Email, Expr::value(email.as_str()));
    }
    if let Some(role) = changes.role {
        update = update
            .col_expr(user::Column::Role, Expr::value(role.as_str()))
            .col_expr(user::Column::SessionsValidAfter, Expr::value(now));
    }
    match changes.active {
        Some(false) => update = deactivation(update, "manager", now),
        Some(true) => {
            update = update
                .col_expr(user::Column::Active, Expr::value(true))
                .col_expr(
                    user::Column::DeactivatedAt,
                    Expr::value(Option::<DateTime<Utc>>::None),
                )
                .col_expr(
                    user::Column::DeactivatedReason,
                    Expr::value(Option::<String>::None),
                )
                .col_expr(user::Column::ReactivatedAt, Expr::value(now));
        }
        None => {}
    }
    if update.exec(db).await?.rows_affected != 1 {
        return Ok(false);
    }
    if let Some(accounts) = &changes.account_ids {
        unassign_all(db, id).await?;
        for account in accounts {
            crate::repositories::accounts::assign(conn, id, *account).await?;
        }
    }
    Ok(true)
}

pub async fn update_settings(
    db: &impl Conn,
    id: UserId,
    settings: &UserSettings,
    now: DateTime<Utc>,
) -> StoreResult<()> {
    let db = db.raw();
    let changes = update_user(id)
        .col_expr(
            user::Column::Language,
            Expr::value(settings.language.as_str()),
        )
        .col_expr(
            user::Column::TimeZone,
            Expr::value(settings.time_zone.as_str()),
        )
        .col_expr(
            user::Column::DateFormat,
            Expr::value(settings.date_format.as_str()),
        )
        .col_expr(
            user::Column::TimeFormat,
            Expr::value(settings.time_format.as_str()),
        );
    bump(changes, now).exec(db).await?;
    Ok(())
}

/// Active users with no login, creation or reactivation since `cutoff`.
pub async fn inactive_since(db: &impl Conn, cutoff: DateTime<Utc>) -> StoreResult<Vec<User>> {
    let db = db.raw();
    let inactive = user::Entity::find()
        .filter(user::Column::Active.eq(true))
        .filter(user::Column::CreatedAt.lt(cutoff))
        .filter(
            Condition::any()
                .add(user::Column::LastLoginAt.is_null())
                .add(user::Column::LastLoginAt.lt(cutoff)),
        )
        .filter(
            Condition::any()
                .add(user::Column::ReactivatedAt.is_null())
                .add(user::Column::ReactivatedAt.lt(cutoff)),
        );
    all_converted(db, inactive, |m| to_domain(&m)).await
}

/// Deactivates for inactivity and removes the account assignment, unless
/// the user logged in meanwhile (false then).
pub async fn deactivate_inactive(
    db: &impl Conn,
    id: UserId,
    cutoff: DateTime<Utc>,
    now: DateTime<Utc>,
) -> StoreResult<bool> {
    let db = db.raw();
    let done = bump(deactivation(update_user(id), "inactivity", now), now)
        .filter(user::Column::Active.eq(true))
        .filter(
            Condition::any()
                .add(user::Column::LastLoginAt.is_null())
                .add(user::Column::LastLoginAt.lt(cutoff)),
        )
        .exec(db)
        .await?
        .rows_affected
        == 1;
    if done {
        unassign_all(db, id).await?;
    }
    Ok(done)
}
