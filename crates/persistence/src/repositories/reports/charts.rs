//! The queries behind the reports' charts.

use crate::db::Conn;
use crate::entities::{case, installed_product};
use crate::error::StoreResult;
use crate::repositories::cases;
use crate::repositories::query::{self, AccountVisibility};
use chrono::{DateTime, Utc};
use sea_orm::sea_query::{Alias, CaseStatement, Expr, Query, SimpleExpr};
use sea_orm::{ConnectionTrait, QueryResult};
use uuid::Uuid;

use case::Column as C;

async fn rows_of(
    db: &impl Conn,
    select: &sea_orm::sea_query::SelectStatement,
) -> Result<Vec<QueryResult>, sea_orm::DbErr> {
    let raw = db.raw();
    raw.query_all(raw.get_database_backend().build(select))
        .await
}

/// Visible cases opened in each window `bounds[i]..bounds[i + 1]`, by
/// priority: `(window, priority, count)`.
pub async fn cases_per_window(
    db: &impl Conn,
    visibility: AccountVisibility,
    bounds: &[DateTime<Utc>],
) -> StoreResult<Vec<(usize, i64, u64)>> {
    let (Some(first), Some(last)) = (bounds.first(), bounds.last()) else {
        return Ok(Vec::new());
    };
    let opened = || Expr::col((case::Entity, C::CreatedAt));
    let window = bounds
        .windows(2)
        .enumerate()
        .fold(CaseStatement::new(), |case, (i, w)| {
            case.case(
                opened().gte(w[0]).and(opened().lt(w[1])),
                Expr::val(i as i64),
            )
        })
        .finally(Expr::val(-1i64));
    let as_big = |e: SimpleExpr| Expr::expr(e).cast_as(Alias::new("BIGINT"));
    let select = Query::select()
        .expr_as(as_big(SimpleExpr::Case(Box::new(window))), Alias::new("w"))
        .expr_as(
            as_big(Expr::col((case::Entity, C::Priority)).into()),
            Alias::new("p"),
        )
        .expr_as(as_big(Expr::cust("COUNT(*)")), Alias::new("n"))
        .from(case::Entity)
        .cond_where(cases::visible_condition(visibility))
        .and_where(opened().gte(*first))
        .and_where(opened().lt(*last))
        // By output names: PostgreSQL does not see that a parameterised
        // CASE in SELECT and in GROUP BY is the same expression.
        .add_group_by([
            Expr::col(Alias::new("w")).into(),
            Expr::col(Alias::new("p")).into(),
        ])
        .to_owned();
    rows_of(db, &select)
        .await?
        .iter()
        .map(|row| {
            let window: i64 = row.try_get("", "w")?;
            Ok((
                usize::try_from(window).unwrap_or(usize::MAX),
                row.try_get::<i64>("", "p")?,
                row.try_get::<i64>("", "n")?.max(0) as u64,
            ))
        })
        .filter(|r| !matches!(r, Ok((usize::MAX, _, _))))
        .collect()
}

/// Visible products per modality: `(modality, count)`.
pub async fn products_per_modality(
    db: &impl Conn,
    visibility: AccountVisibility,
) -> StoreResult<Vec<(String, u64)>> {
    use installed_product::Column as P;
    let select = Query::select()
        .column(P::Modality)
        .expr_as(
            Expr::expr(Expr::cust("COUNT(*)")).cast_as(Alias::new("BIGINT")),
            Alias::new("n"),
        )
        .from(installed_product::Entity)
        .cond_where(query::visible_condition(visibility))
        .group_by_col(P::Modality)
        .to_owned();
    rows_of(db, &select)
        .await?
        .iter()
        .map(|row| {
            Ok((
                row.try_get("", "modality")?,
                row.try_get::<i64>("", "n")?.max(0) as u64,
            ))
        })
        .collect()
}

/// An outage: a priority 2 or 3 case of a product, `(product, modality,
/// opened, closed)`.
pub type Outage = (Uuid, String, DateTime<Utc>, Option<DateTime<Utc>>);

/// The visible priority 2 and 3 cases open at some time in `from..to`.
pub async fn outages(
    db: &impl Conn,
    visibility: AccountVisibility,
    from: DateTime<Utc>,
    to: DateTime<Utc>,
) -> StoreResult<Vec<Outage>> {
    let select = Query::select()
        .columns([
            C::InstalledProductId,
            C::Modality,
            C::CreatedAt,
            C::ClosedAt,
        ])
        .from(case::Entity)
        .cond_where(cases::visible_condition(visibility))
        .and_where(Expr::col(C::Priority).is_in([2, 3]))
        .and_where(Expr::col(C::CreatedAt).lt(to))
        .and_where(
            Expr::col(C::ClosedAt)
                .is_null()
                .or(Expr::col(C::ClosedAt).gt(from)),
        )
        .to_owned();
    rows_of(db, &select)
        .await?
        .iter()
        .map(|row| {
            Ok((
                row.try_get("", "installed_product_id")?,
                row.try_get("", "modality")?,
                row.try_get("", "created_at")?,
                row.try_get("", "closed_at")?,
            ))
        })
        .collect()
}
