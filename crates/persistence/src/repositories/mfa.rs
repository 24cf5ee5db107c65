//! Second factors: the TOTP secret (pending until confirmed), the last
//! accepted time step (a code works once), and single-use recovery codes.

use crate::db::Conn;
use crate::entities::{mfa_recovery_code, user};
use crate::error::StoreResult;
use crate::repositories::query::delete_where;
use crate::repositories::users::{model, update_user};
use chrono::{DateTime, Utc};
use domain::UserId;
use sea_orm::sea_query::Expr;
use sea_orm::{ActiveModelTrait, ColumnTrait, ConnectionTrait, EntityTrait, QueryFilter, Set};

pub async fn set_pending_secret(db: &impl Conn, id: UserId, secret: &str) -> StoreResult<()> {
    let db = db.raw();
    update_user(id)
        .col_expr(user::Column::MfaPendingSecret, Expr::value(secret))
        .exec(db)
        .await?;
    Ok(())
}

pub async fn pending_secret(db: &impl Conn, id: UserId) -> StoreResult<Option<String>> {
    Ok(model(db.raw(), id)
        .await?
        .and_then(|m| m.mfa_pending_secret))
}

/// Makes the pending secret the second factor, with `step` used up.
pub async fn enable(
    db: &impl Conn,
    id: UserId,
    secret: &str,
    step: i64,
    now: DateTime<Utc>,
) -> StoreResult<()> {
    let db = db.raw();
    update_user(id)
        .col_expr(user::Column::MfaSecret, Expr::value(secret))
        .col_expr(
            user::Column::MfaPendingSecret,
            Expr::value(Option::<String>::None),
        )
        .col_expr(user::Column::MfaEnabledAt, Expr::value(now))
        .col_expr(user::Column::MfaLastStep, Expr::value(step))
        .exec(db)
        .await?;
    Ok(())
}

/// Replaces the enrolled secret by `sealed` if it is still `stored` (an
/// enrolment meanwhile wins).
pub async fn replace_secret(
    db: &impl Conn,
    id: UserId,
    stored: &str,
    sealed: &str,
) -> StoreResult<()> {
    let db = db.raw();
    update_user(id)
        .col_expr(user::Column::MfaSecret, Expr::value(sealed))
        .filter(user::Column::MfaSecret.eq(stored))
        .exec(db)
        .await?;
    Ok(())
}

/// Enrolled secrets stored without the `sealed_prefix` (from before they
/// were encrypted), with their users.
pub async fn plain_secrets(
    db: &impl Conn,
    sealed_prefix: &str,
) -> StoreResult<Vec<(UserId, String)>> {
    use sea_orm::QuerySelect;
    let rows: Vec<(uuid::Uuid, String)> = user::Entity::find()
        .select_only()
        .column(user::Column::Id)
        .column(user::Column::MfaSecret)
        .filter(user::Column::MfaSecret.is_not_null())
        // The prefix holds no LIKE wildcards.
        .filter(user::Column::MfaSecret.not_like(format!("{sealed_prefix}%")))
        .into_tuple()
        .all(db.raw())
        .await?;
    Ok(rows
        .into_iter()
        .map(|(id, secret)| (UserId::from_uuid(id), secret))
        .collect())
}

pub async fn disable(db: &impl Conn, id: UserId) -> StoreResult<()> {
    let db = db.raw();
    update_user(id)
        .col_expr(user::Column::MfaSecret, Expr::value(Option::<String>::None))
        .col_expr(
            user::Column::MfaPendingSecret,
            Expr::value(Option::<String>::None),
        )
        .col_expr(
            user::Column::MfaEnabledAt,
            Expr::value(Option::<DateTime<Utc>>::None),
        )
        .col_expr(user::Column::MfaLastStep, Expr::value(Option::<i64>::None))
        .exec(db)
        .await?;
    delete_recovery_codes(db, id).await?;
    Ok(())
}

/// Records `step` as used if it is later than the last one; false when the
/// code (or an earlier one) was used already.
pub async fn use_step(db: &impl Conn, id: UserId, step: i64) -> StoreResult<bool> {
    let db = db.raw();
    use sea_orm::Condition;
    let result = update_user(id)
        .col_expr(user::Column::MfaLastStep, Expr::value(step))
        .filter(
            Condition::any()
                .add(user::Column::MfaLastStep.is_null())
                .add(user::Column::MfaLastStep.lt(step)),
        )
        .exec(db)
        .await?;
    Ok(result.rows_affected == 1)
}

async fn delete_recovery_codes(db: &impl ConnectionTrait, id: UserId) -> StoreResult<()> {
    let of_user = mfa_recovery_code::Column::UserId.eq(id.as_uuid());
    delete_where::<mfa_recovery_code::Entity>(db, of_user).await
}

/// Replaces the user's recovery codes with these hashes.
pub async fn replace_recovery_codes(
    db: &impl Conn,
    id: UserId,
    hashes: &[String],
    now: DateTime<Utc>,
) -> StoreResult<()> {
    let db = db.raw();
    delete_recovery_codes(db, id).await?;
    for hash in hashes {
        mfa_recovery_code::ActiveModel {
            id: Set(uuid::Uuid::new_v4()),
            user_id: Set(id.as_uuid()),
            code_hash: Set(hash.clone()),
            created_at: Set(now),
            used_at: Set(None),
        }
        .insert(db)
        .await?;
    }
    Ok(())
}

/// Spends a recovery code of this user; false when it is unknown or used.
pub async fn spend_recovery_code(
    db: &impl Conn,
    id: UserId,
    hash: &str,
    now: DateTime<Utc>,
) -> StoreResult<bool> {
    let db = db.raw();
    let result = mfa_recovery_code::Entity::update_many()
        .col_expr(mfa_recovery_code::Column::UsedAt, Expr::value(now))
        .filter(mfa_recovery_code::Column::UserId.eq(id.as_uuid()))
        .filter(mfa_recovery_code::Column::CodeHash.eq(hash))
        .filter(mfa_recovery_code::Column::UsedAt.is_null())
        .exec(db)
        .await?;
    Ok(result.rows_affected == 1)
}
