//! Query pieces the repositories share: who sees which accounts and
//! products, paging, and case-insensitive text search.

use crate::entities::{account, account_assignment, installed_product};
use crate::error::StoreResult;
use chrono::{DateTime, NaiveDate, Utc};
use domain::{AccountId, ExpiryStatus, Role, User};
use sea_orm::sea_query::{
    CaseStatement, Expr, Func, IntoColumnRef, IntoCondition, LikeExpr, Order, Query,
    SelectStatement, SimpleExpr,
};
use sea_orm::{
    ActiveModelTrait, ColumnTrait, Condition, ConnectionTrait, DbBackend, EntityTrait,
    FromQueryResult, PaginatorTrait, QueryFilter, QueryOrder, QuerySelect, Select, Statement,
    UpdateMany,
};
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

    /// The customer's parent account; None for staff (and for nobody).
    pub(crate) fn parent_account(self) -> Option<AccountId> {
        match self {
            AccountVisibility::ParentAccount(parent)
            | AccountVisibility::Assigned {
                parent_account: parent,
                ..
            } => Some(parent),
            AccountVisibility::All | AccountVisibility::Nothing => None,
        }
    }

    /// `SELECT id FROM accounts WHERE <visible>`, to use as `IN (...)`; None
    /// when every account is visible.
    pub(crate) fn account_ids(self) -> Option<sea_orm::sea_query::SelectStatement> {
        if self == AccountVisibility::All {
            return None;
        }
        Some(column_where(account::Column::Id, self.condition()))
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
                .add(account::Column::Id.in_subquery(column_where(
                    account_assignment::Column::AccountId,
                    account_assignment::Column::UserId.eq(user.as_uuid()),
                ))),
            AccountVisibility::Nothing => Condition::all().add(account::Column::Id.is_null()),
        }
    }
}

/// Rows whose `first` or `second` account the caller sees.
pub(crate) fn either_account_visible(
    visibility: AccountVisibility,
    first: impl ColumnTrait,
    second: impl ColumnTrait,
) -> Condition {
    match visibility.account_ids() {
        None => Condition::all(),
        Some(ids) => Condition::any()
            .add(first.in_subquery(ids.clone()))
            .add(second.in_subquery(ids)),
    }
}

/// Products whose location or owner the caller sees.
pub(crate) fn visible_condition(visibility: AccountVisibility) -> Condition {
    either_account_visible(visibility, C::LocationAccountId, C::OwnerAccountId)
}

/// `SELECT id FROM installed_products WHERE <visible>`.
pub(crate) fn visible_ids(visibility: AccountVisibility) -> SelectStatement {
    column_where(C::Id, visible_condition(visibility))
}

/// `SELECT <column> FROM <its table> WHERE <condition>`, for `IN (...)`.
pub(crate) fn column_where<C: ColumnTrait>(
    column: C,
    condition: impl IntoCondition,
) -> SelectStatement {
    Query::select()
        .column(column)
        .from(column.entity_name())
        .cond_where(condition)
        .to_owned()
}

/// Deletes the rows of `E` that match `condition`.
pub(crate) async fn delete_where<E: EntityTrait>(
    db: &impl ConnectionTrait,
    condition: impl IntoCondition,
) -> StoreResult<()> {
    E::delete_many().filter(condition).exec(db).await?;
    Ok(())
}

/// Runs `select` and converts each row with `From`.
pub(crate) async fn all_into<E, T>(
    db: &impl ConnectionTrait,
    select: Select<E>,
) -> StoreResult<Vec<T>>
where
    E: EntityTrait,
    T: From<E::Model>,
{
    Ok(select.all(db).await?.into_iter().map(T::from).collect())
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct PageRequest {
    /// 1-based.
    pub page: u32,
    pub page_size: u32,
}

impl PageRequest {
    pub fn offset(self) -> u64 {
        self.window().0
    }

    pub(crate) fn window(self) -> (u64, u64) {
        window(u64::from(self.page), u64::from(self.page_size))
    }
}

/// `(offset, limit)` of the 1-based `page`.
pub(crate) fn window(page: u64, page_size: u64) -> (u64, u64) {
    (page.saturating_sub(1) * page_size, page_size)
}

/// Limits `select` to a window from [`window`].
pub(crate) fn paged<Q: QuerySelect>(select: Q, (offset, limit): (u64, u64)) -> Q {
    select.offset(offset).limit(limit)
}

/// How many rows `query` matches, and the page of them in `order`.
pub(crate) async fn count_and_page<E>(
    db: &impl ConnectionTrait,
    query: Select<E>,
    order: &[(E::Column, Order)],
    page: (u64, u64),
) -> StoreResult<(Vec<E::Model>, u64)>
where
    E: EntityTrait,
    E::Model: Sync,
{
    let total = query.clone().count(db).await?;
    let sorted = order
        .iter()
        .fold(query, |q, (column, o)| q.order_by(*column, o.clone()));
    let models = paged(sorted, page).all(db).await?;
    Ok((models, total))
}

/// `SELECT COUNT(*) AS num_items FROM (<inner>) <alias>`, as sea-orm's paginator counts.
pub(crate) fn count_statement(inner: Statement, alias: &str, backend: DbBackend) -> Statement {
    Statement::from_sql_and_values(
        backend,
        format!("SELECT COUNT(*) AS num_items FROM ({}) {alias}", inner.sql),
        inner.values.map(|v| v.0).unwrap_or_default(),
    )
}

/// Adds `(sql, alias)` scalar subqueries as columns (names beside a row,
/// without a second round trip).
pub(crate) fn with_subselects<E: EntityTrait>(
    select: Select<E>,
    columns: &[(&str, &str)],
) -> Select<E> {
    columns.iter().fold(select, |s, (sql, alias)| {
        s.column_as(Expr::cust(*sql), *alias)
    })
}

/// Runs `select` and converts each row, stopping at the first that fails.
pub(crate) async fn all_converted<E, T>(
    db: &impl ConnectionTrait,
    select: Select<E>,
    convert: impl FnMut(E::Model) -> StoreResult<T>,
) -> StoreResult<Vec<T>>
where
    E: EntityTrait,
    E::Model: FromQueryResult,
{
    select.all(db).await?.into_iter().map(convert).collect()
}

/// Inserts `rows` with one statement per `chunk` of them (SQLite binds at
/// most 32766 values a statement).
pub(crate) async fn insert_chunked<T, A>(
    db: &impl ConnectionTrait,
    rows: &[T],
    chunk: usize,
    to_model: impl Fn(&T) -> A,
) -> StoreResult<()>
where
    A: ActiveModelTrait,
{
    for rows in rows.chunks(chunk) {
        A::Entity::insert_many(rows.iter().map(&to_model))
            .exec(db)
            .await?;
    }
    Ok(())
}

/// Marks a versioned row changed: `updated_at = now, version = version + 1`.
pub(crate) fn bump_version<E: EntityTrait>(
    update: UpdateMany<E>,
    updated_at: E::Column,
    version: E::Column,
    now: DateTime<Utc>,
) -> UpdateMany<E> {
    update
        .col_expr(updated_at, Expr::value(now))
        .col_expr(version, Expr::col(version).add(1))
}

/// Adds `from <= column <= to` for the bounds given to `condition`.
pub(crate) fn within_dates(
    condition: Condition,
    column: impl ColumnTrait,
    (from, to): (Option<NaiveDate>, Option<NaiveDate>),
) -> Condition {
    condition
        .add_option(from.map(|from| column.gte(from)))
        .add_option(to.map(|to| column.lte(to)))
}

/// The words of a search box (at most eight); each must match.
pub(crate) fn search_words(text: Option<&str>) -> impl Iterator<Item = &str> {
    text.unwrap_or_default().split_whitespace().take(8)
}

/// `word` found in any of `columns`, case-insensitively.
pub(crate) fn any_like<T: IntoColumnRef + Copy>(columns: &[T], word: &str) -> Condition {
    columns.iter().fold(Condition::any(), |any, column| {
        any.add(lower_like(*column, word))
    })
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

/// `id -> name` of the accounts among `ids`.
pub(crate) async fn names_of_accounts(
    db: &impl ConnectionTrait,
    ids: impl IntoIterator<Item = Uuid>,
) -> StoreResult<HashMap<Uuid, String>> {
    text_by_id(db, account::Column::Id, account::Column::Name, ids).await
}

/// `id -> text` of one text column (`text`) of the rows among `ids`: the
/// names a page of rows shows for the ids it holds, in one query.
pub(crate) async fn text_by_id<C>(
    db: &impl ConnectionTrait,
    id: C,
    text: C,
    ids: impl IntoIterator<Item = Uuid>,
) -> StoreResult<HashMap<Uuid, String>>
where
    C: ColumnTrait,
    C::EntityName: EntityTrait,
{
    let mut ids: Vec<Uuid> = ids.into_iter().collect();
    ids.sort_unstable();
    ids.dedup();
    if ids.is_empty() {
        return Ok(HashMap::new());
    }
    Ok(<C::EntityName as EntityTrait>::find()
        .select_only()
        .columns([id, text])
        .filter(id.is_in(ids))
        .into_tuple::<(Uuid, String)>()
        .all(db)
        .await?
        .into_iter()
        .collect())
}

/// The number and owning parent account (that of its location) of each of
/// `products`.
pub(crate) async fn product_facts(
    db: &impl ConnectionTrait,
    products: &[Uuid],
) -> StoreResult<HashMap<Uuid, (String, AccountId)>> {
    let parent_of_location = "(SELECT a.parent_account_id FROM accounts a \
        WHERE a.id = installed_products.location_account_id)";
    let mut found = HashMap::new();
    // Within every database's limit of bound values.
    for ids in products.chunks(1000) {
        let rows: Vec<(Uuid, String, Uuid)> = installed_product::Entity::find()
            .select_only()
            .column(installed_product::Column::Id)
            .column(installed_product::Column::Number)
            .column_as(Expr::cust(parent_of_location), "parent_account_id")
            .filter(installed_product::Column::Id.is_in(ids.iter().copied()))
            .into_tuple()
            .all(db)
            .await?;
        for (id, number, parent) in rows {
            found.insert(id, (number, AccountId::from_uuid(parent)));
        }
    }
    Ok(found)
}

/// `id -> (number, description)` of the installed products among `ids`,
/// to name them beside the rows that point at them.
pub(crate) async fn product_names(
    db: &impl ConnectionTrait,
    ids: impl IntoIterator<Item = Uuid>,
) -> StoreResult<HashMap<Uuid, (String, String)>> {
    Ok(installed_product::Entity::find()
        .select_only()
        .columns([C::Id, C::Number, C::Description])
        .filter(C::Id.is_in(ids))
        .into_tuple::<(Uuid, String, String)>()
        .all(db)
        .await?
        .into_iter()
        .map(|(id, number, description)| (id, (number, description)))
        .collect())
}

/// `id -> number` of the cases among `ids`.
pub(crate) async fn case_numbers(
    db: &impl ConnectionTrait,
    ids: impl IntoIterator<Item = Uuid>,
) -> StoreResult<HashMap<Uuid, String>> {
    use crate::entities::case;
    text_by_id(db, case::Column::Id, case::Column::Number, ids).await
}

/// A row no process holds at `now`: never claimed, or its lease ran out.
pub(crate) fn lease_free(locked_until: impl ColumnTrait, now: DateTime<Utc>) -> Condition {
    Condition::any()
        .add(locked_until.is_null())
        .add(locked_until.lt(now))
}

/// Claims for one server process up to `limit` of the rows `due` picks,
/// first by `order`: each is taken with its own conditional update (`lease`
/// sets the claim; the update repeats `due`), so of several processes
/// exactly one wins each row. Answers the won rows as they stand after the
/// claim.
pub(crate) async fn claim_leases<E>(
    db: &impl crate::db::Conn,
    (id, order): (E::Column, E::Column),
    due: impl Fn() -> Condition,
    limit: u64,
    lease: impl Fn(UpdateMany<E>) -> UpdateMany<E>,
) -> StoreResult<Vec<E::Model>>
where
    E: EntityTrait,
    <E::PrimaryKey as sea_orm::PrimaryKeyTrait>::ValueType: From<Uuid>,
{
    let db = db.raw();
    let candidates: Vec<Uuid> = E::find()
        .select_only()
        .column(id)
        .filter(due())
        .order_by_asc(order)
        .limit(limit)
        .into_tuple()
        .all(db)
        .await?;
    let mut claimed = Vec::new();
    for candidate in candidates {
        let claim = lease(E::update_many())
            .filter(id.eq(candidate))
            .filter(due());
        if claim.exec(db).await?.rows_affected == 1 {
            if let Some(row) = E::find_by_id(candidate).one(db).await? {
                claimed.push(row);
            }
        }
    }
    Ok(claimed)
}

/// The expiry colour of something ending on `end`, seen on `today`: the
/// same bounds as [`ExpiryStatus::at`].
pub(crate) fn expiry(end: SimpleExpr, today: NaiveDate) -> SimpleExpr {
    let end = || Expr::expr(end.clone());
    let last_day = |status: ExpiryStatus| status.end_date_range(today).1;
    let status = CaseStatement::new()
        .case(end().lt(today), Expr::val(ExpiryStatus::Expired.as_str()))
        .case(
            end().lte(last_day(ExpiryStatus::Red)),
            Expr::val(ExpiryStatus::Red.as_str()),
        )
        .case(
            end().lte(last_day(ExpiryStatus::Yellow)),
            Expr::val(ExpiryStatus::Yellow.as_str()),
        )
        .finally(Expr::val(ExpiryStatus::Green.as_str()));
    SimpleExpr::Case(Box::new(status))
}
