//! Rows of case attachments (their files live in the blob store).

use crate::db::Conn;
use crate::entities::case_attachment;
use crate::error::{corrupt_field, StoreResult};
use crate::repositories::query::all_converted;
use crate::repositories::stored_file::{stored_file, with_file_columns};
use domain::{Attachment, CaseId};
use sea_orm::{
    ActiveModelTrait, ColumnTrait, EntityTrait, QueryFilter, QueryOrder, QuerySelect, Set,
};
use std::collections::HashSet;
use uuid::Uuid;

use case_attachment::Column as A;

pub async fn insert(db: &impl Conn, a: &Attachment) -> StoreResult<()> {
    let row = with_file_columns!(
        case_attachment::ActiveModel {
            id: Set(a.id),
            case_id: Set(a.case.as_uuid()),
        },
        &a.file
    );
    row.insert(db.raw()).await?;
    Ok(())
}

/// A case's attachments, oldest first. The caller has checked the case is visible.
pub async fn of_case(db: &impl Conn, case: CaseId) -> StoreResult<Vec<Attachment>> {
    let oldest_first = case_attachment::Entity::find()
        .filter(A::CaseId.eq(case.as_uuid()))
        .order_by_asc(A::UploadedAt)
        .order_by_asc(A::Id);
    all_converted(db.raw(), oldest_first, to_domain).await
}

fn to_domain(m: case_attachment::Model) -> StoreResult<Attachment> {
    let corrupt = corrupt_field("attachment", m.id);
    Ok(Attachment {
        id: m.id,
        case: CaseId::from_uuid(m.case_id),
        file: stored_file!(m, corrupt),
    })
}

/// Every storage key a row names, for the orphan sweep.
pub async fn all_storage_keys(db: &impl Conn) -> StoreResult<HashSet<String>> {
    let db = db.raw();
    let keys: Vec<String> = case_attachment::Entity::find()
        .select_only()
        .column(A::StorageKey)
        .into_tuple()
        .all(db)
        .await?;
    Ok(keys.into_iter().collect())
}

/// Attachment bytes a case holds, and its parent account in all.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Usage {
    pub case_bytes: u64,
    pub parent_bytes: u64,
}

/// The case's and its parent account's attachment bytes, read in `tx` (a
/// transaction)
/// after locking the parent account's row: uploads to that customer queue
/// up behind each other until `tx` ends, so two cannot both fit the last
/// room of a quota.
pub async fn usage_locked(tx: &impl Conn, case: CaseId) -> StoreResult<Usage> {
    use crate::entities::{account, case};
    use sea_orm::sea_query::{Alias, Expr, Func, Query};
    let db = tx.raw();
    let parent: Option<Uuid> = account::Entity::find()
        .select_only()
        .column(account::Column::ParentAccountId)
        .filter(
            account::Column::Id.in_subquery(
                Query::select()
                    .column(case::Column::AccountId)
                    .from(case::Entity)
                    .and_where(Expr::col(case::Column::Id).eq(case.as_uuid()))
                    .to_owned(),
            ),
        )
        .into_tuple()
        .one(db)
        .await?;
    let Some(parent) = parent else {
        return Ok(Usage {
            case_bytes: 0,
            parent_bytes: 0,
        });
    };
    // A write that changes nothing, for its row lock.
    account::Entity::update_many()
        .col_expr(
            account::Column::ParentAccountId,
            Expr::col(account::Column::ParentAccountId).into(),
        )
        .filter(account::Column::Id.eq(parent))
        .exec(db)
        .await?;
    // SUM of a bigint is a numeric on PostgreSQL: back to a bigint.
    let total = || {
        Expr::expr(Func::coalesce([
            Func::sum(Expr::col(A::SizeBytes)).into(),
            Expr::val(0i64).into(),
        ]))
        .cast_as(Alias::new("BIGINT"))
    };
    let case_bytes: Option<i64> = case_attachment::Entity::find()
        .select_only()
        .column_as(total(), "total")
        .filter(A::CaseId.eq(case.as_uuid()))
        .into_tuple()
        .one(db)
        .await?;
    let parent_bytes: Option<i64> = case_attachment::Entity::find()
        .select_only()
        .column_as(total(), "total")
        .filter(
            A::CaseId.in_subquery(
                Query::select()
                    .column((case::Entity, case::Column::Id))
                    .from(case::Entity)
                    .inner_join(
                        account::Entity,
                        Expr::col((account::Entity, account::Column::Id))
                            .equals((case::Entity, case::Column::AccountId)),
                    )
                    .and_where(
                        Expr::col((account::Entity, account::Column::ParentAccountId)).eq(parent),
                    )
                    .to_owned(),
            ),
        )
        .into_tuple()
        .one(db)
        .await?;
    let bytes = |n: Option<i64>| u64::try_from(n.unwrap_or(0)).unwrap_or(0);
    Ok(Usage {
        case_bytes: bytes(case_bytes),
        parent_bytes: bytes(parent_bytes),
    })
}
