//! Query pieces the repositories share: who sees which accounts and
//! products, paging, and case-insensitive text search.

use crate::entities::{account, account_assignment, installed_product};
use crate::error::StoreResult;
use domain::{AccountId, Role, User};
use sea_orm::sea_query::{Expr, Func, LikeExpr, Query, SelectStatement};
use sea_orm::{ColumnTrait, Condition, ConnectionTrait, EntityTrait, QueryFilter, QuerySelect};
use std::collections::HashMap;
use uuid::Uuid;

use installed_product::Column as C;

/// Which accounts a user sees, expressed so that it becomes part of the SQL.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum AccountVisibility {
    /// Internal staff.
    All,
    /// A Manager: every account of their parent account.
    ParentAccount(AccountId),
    /// Viewer and User: the accounts assigned to them, within their parent account.
    Assigned {
        user: domain::UserId,
        parent_account: AccountId,
    },
    /// A customer user without a parent account (should not exist): sees nothing.
    Nothing,
}

impl AccountVisibility {
    pub fn of(user: &User) -> Self {
        match (user.role, user.parent_account_id) {
            (role, _) if role.is_internal() => AccountVisibility::All,
            (Role::Manager, Some(parent)) => AccountVisibility::ParentAccount(parent),
            (_, Some(parent)) => AccountVisibility::Assigned {
                user: user.id,
                parent_account: parent,
            },
            (_, None) => AccountVisibility::Nothing,
        }
    }

    /// `SELECT id FROM accounts WHERE <visible>`, to use as `IN (...)`; None
    /// when every account is visible.
    pub(crate) fn account_ids(self) -> Option<sea_orm::sea_query::SelectStatement> {
        if self == AccountVisibility::All {
            return None;
        }
        Some(
            Query::select()
                .column(account::Column::Id)
                .from(account::Entity)
                .cond_where(self.condition())
                .to_owned(),
        )
    }

    pub(crate) fn condition(self) -> Condition {
        match self {
            AccountVisibility::All => Condition::all(),
            AccountVisibility::ParentAccount(parent) => {
                Condition::all().add(account::Column::ParentAccountId.eq(parent.as_uuid()))
            }
            AccountVisibility::Assigned {
                user,
                parent_account,
            } => Condition::all()
                // Defence in depth: an assignment can never reach into another parent account.
                .add(account::Column::ParentAccountId.eq(parent_account.as_uuid()))
                .add(
                    account::Column::Id.in_subquery(
                        Query::select()
                            .column(account_assignment::Column::AccountId)
                            .from(account_assignment::Entity)
                            .and_where(account_assignment::Column::UserId.eq(user.as_uuid()))
                            .to_owned(),
                    ),
                ),
            AccountVisibility::Nothing => Condition::all().add(account::Column::Id.is_null()),
        }
    }
}

/// Products whose location or owner the caller sees.
pub(crate) fn visible_condition(visibility: AccountVisibility) -> Condition {
    match visibility.account_ids() {
        None => Condition::all(),
        Some(ids) => Condition::any()
            .add(C::LocationAccountId.in_subquery(ids.clone()))
            .add(C::OwnerAccountId.in_subquery(ids)),
    }
}

/// `SELECT id FROM installed_products WHERE <visible>`.
pub(crate) fn visible_ids(visibility: AccountVisibility) -> SelectStatement {
    Query::select()
        .column(C::Id)
        .from(installed_product::Entity)
        .cond_where(visible_condition(visibility))
        .to_owned()
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct PageRequest {
    /// 1-based.
    pub page: u32,
    pub page_size: u32,
}

impl PageRequest {
    pub fn offset(self) -> u64 {
        u64::from(self.page.saturating_sub(1)) * u64::from(self.page_size)
    }
}

/// `%word%` for a case-insensitive LIKE, with the user's `%`, `_` and `\` taken literally.
pub(crate) fn contains_pattern(word: &str) -> LikeExpr {
    let escaped = word
        .to_lowercase()
        .replace('\\', "\\\\")
        .replace('%', "\\%")
        .replace('_', "\\_");
    LikeExpr::new(format!("%{escaped}%")).escape('\\')
}

pub(crate) fn lower_like(
    column: impl sea_orm::sea_query::IntoColumnRef,
    word: &str,
) -> sea_orm::sea_query::SimpleExpr {
    Expr::expr(Func::lower(Expr::col(column))).like(contains_pattern(word))
}

pub(crate) async fn names_of_accounts(
    db: &impl ConnectionTrait,
    ids: impl IntoIterator<Item = Uuid>,
) -> StoreResult<HashMap<Uuid, String>> {
    let mut ids: Vec<Uuid> = ids.into_iter().collect();
    ids.sort_unstable();
    ids.dedup();
    if ids.is_empty() {
        return Ok(HashMap::new());
    }
    let rows: Vec<(Uuid, String)> = account::Entity::find()
        .select_only()
        .column(account::Column::Id)
        .column(account::Column::Name)
        .filter(account::Column::Id.is_in(ids))
        .into_tuple()
        .all(db)
        .await?;
    Ok(rows.into_iter().collect())
}
