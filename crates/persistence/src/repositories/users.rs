use crate::entities::user;
use crate::error::{StoreError, StoreResult};
use chrono::{DateTime, Utc};
use domain::account_security::{FailureOutcome, LoginThrottle};
use domain::{
    AccountId, DateFormat, Email, Language, Role, TimeFormat, TimeZoneName, User, UserId,
    UserSettings, Username,
};
use sea_orm::{ActiveModelTrait, ColumnTrait, ConnectionTrait, EntityTrait, QueryFilter, Set};

/// A user with the PHC string of their password, for login only.
#[derive(Debug, Clone)]
pub struct UserWithCredentials {
    pub user: User,
    pub password_hash: String,
    /// Failed logins and the lock, as the database holds them now.
    pub throttle: LoginThrottle,
}

fn to_domain(m: &user::Model) -> StoreResult<User> {
    let corrupt = |what: &str| StoreError::Corrupt(format!("user {}: {what}", m.id));
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
    db: &impl ConnectionTrait,
    username: &Username,
) -> StoreResult<Option<UserWithCredentials>> {
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
        password_hash: m.password_hash,
    }))
}

pub async fn find_by_id(db: &impl ConnectionTrait, id: UserId) -> StoreResult<Option<User>> {
    user::Entity::find_by_id(id.as_uuid())
        .one(db)
        .await?
        .as_ref()
        .map(to_domain)
        .transpose()
}

/// The user, if their session (refresh-token family) still has a token not
/// revoked: the check behind every authenticated request, in one query.
pub async fn find_in_live_session(
    db: &impl ConnectionTrait,
    id: UserId,
    session: uuid::Uuid,
) -> StoreResult<Option<User>> {
    use crate::entities::refresh_token;
    use sea_orm::sea_query::{Expr, Query};
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
    db: &impl ConnectionTrait,
    u: &User,
    password_hash: &str,
    now: DateTime<Utc>,
) -> StoreResult<()> {
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

/// Counts a wrong password against `id` and returns what it did. The write
/// is a compare-and-set on the stored count and lock, retried on a race, so
/// several server processes agree and exactly one of them sees `LockedNow`.
pub async fn record_failed_login(
    db: &impl ConnectionTrait,
    id: UserId,
    now: DateTime<Utc>,
) -> StoreResult<FailureOutcome> {
    use sea_orm::sea_query::Expr;
    for _ in 0..5 {
        let Some(m) = user::Entity::find_by_id(id.as_uuid()).one(db).await? else {
            return Err(StoreError::Corrupt(format!("user {id} vanished")));
        };
        let before = throttle_of(&m);
        let (after, outcome) = before.fail(now);
        if after == before {
            return Ok(outcome);
        }
        let same_lock = match before.locked_until {
            Some(until) => user::Column::LockedUntil.eq(until),
            None => user::Column::LockedUntil.is_null(),
        };
        let written = user::Entity::update_many()
            .col_expr(
                user::Column::FailedLogins,
                Expr::value(i32::try_from(after.failed_logins).unwrap_or(i32::MAX)),
            )
            .col_expr(user::Column::LockedUntil, Expr::value(after.locked_until))
            .filter(user::Column::Id.eq(id.as_uuid()))
            .filter(user::Column::FailedLogins.eq(m.failed_logins))
            .filter(same_lock)
            .exec(db)
            .await?
            .rows_affected;
        if written == 1 {
            return Ok(outcome);
        }
    }
    Err(StoreError::Corrupt(format!(
        "user {id}: failed-login count kept changing"
    )))
}

pub async fn record_login(
    db: &impl ConnectionTrait,
    id: UserId,
    at: DateTime<Utc>,
) -> StoreResult<()> {
    user::Entity::update_many()
        .col_expr(
            user::Column::LastLoginAt,
            sea_orm::sea_query::Expr::value(at),
        )
        .col_expr(
            user::Column::FailedLogins,
            sea_orm::sea_query::Expr::value(0),
        )
        .col_expr(
            user::Column::LockedUntil,
            sea_orm::sea_query::Expr::value(Option::<DateTime<Utc>>::None),
        )
        .filter(user::Column::Id.eq(id.as_uuid()))
        .exec(db)
        .await?;
    Ok(())
}
