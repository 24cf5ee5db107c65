//! "At most once per period" for actions strangers can trigger, decided by
//! the database so that it holds across concurrent requests and server
//! processes: a claim is a conditional write, and only the write that
//! changed a row wins.

use crate::db::Conn;
use crate::entities::throttle_claim as claim;
use crate::error::StoreResult;
use chrono::{DateTime, Duration, Utc};
use sea_orm::sea_query::{Expr, OnConflict};
use sea_orm::{ColumnTrait, EntityTrait, QueryFilter, Set};

/// True for exactly one caller per `period` and `key` (the first ever, or
/// the first after the last claim grew older than `period`).
pub async fn claim(
    db: &impl Conn,
    key: &str,
    now: DateTime<Utc>,
    period: Duration,
) -> StoreResult<bool> {
    let db = db.raw();
    let first = claim::Entity::insert(claim::ActiveModel {
        key: Set(key.to_owned()),
        claimed_at: Set(now),
    })
    .on_conflict(
        OnConflict::column(claim::Column::Key)
            .do_nothing()
            .to_owned(),
    )
    .exec_without_returning(db)
    .await?;
    if first == 1 {
        return Ok(true);
    }
    let renewed = claim::Entity::update_many()
        .col_expr(claim::Column::ClaimedAt, Expr::value(now))
        .filter(claim::Column::Key.eq(key))
        .filter(claim::Column::ClaimedAt.lte(now - period))
        .exec(db)
        .await?;
    Ok(renewed.rows_affected == 1)
}
