//! Customised reports: a page of rows (or the groups and their counts), and
//! every row as a stream for exports. The SQL comes from the report's
//! definition and the checked query ([`ValidQuery`]); nothing of the
//! request's text reaches it but bound values.

pub mod charts;
mod sources;

use crate::db::{Conn, Db, Sealed};
use crate::error::StoreResult;
use crate::repositories::query::{contains_pattern, AccountVisibility, PageRequest};
use chrono::{DateTime, NaiveDate, Utc};
use domain::report::{Cell, ColumnType, Condition, Direction, ValidQuery};
use domain::ResponseTargets;
use futures_util::{Stream, StreamExt};
use sea_orm::sea_query::{Alias, Expr, Func, NullOrdering, Order, SelectStatement, SimpleExpr};
use sea_orm::{ConnectionTrait, QueryResult, StreamTrait};
use sources::Context;

/// What a report's figures depend on besides the query.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Reading {
    /// The reader's date: expiry colours, `within_days` filters.
    pub today: NaiveDate,
    /// The instant read at: how many days an open case has been open.
    pub now: DateTime<Utc>,
    /// The service desk's response target per priority.
    pub targets: ResponseTargets,
}

/// A page of a report.
#[derive(Debug, Clone, PartialEq)]
pub struct ReportPage {
    /// The query's columns, in its order.
    pub rows: Vec<Vec<Cell>>,
    /// Rows matching the filters, on every page.
    pub total: u64,
    /// With a group column: each value and its count, in the group order.
    pub groups: Vec<(Cell, u64)>,
}

/// One page of the rows `query` asks for, of those `visibility` sees.
pub async fn page(
    db: &impl Conn,
    visibility: AccountVisibility,
    query: &ValidQuery,
    reading: Reading,
    page: PageRequest,
) -> StoreResult<ReportPage> {
    let db = db.raw();
    let plan = Plan::new(db.get_database_backend().into(), visibility, query, reading);

    // Grouped, the groups' counts make the total: one pass over the rows
    // fewer than counting them apart.
    let groups: Vec<(Cell, u64)> = match plan.groups() {
        None => Vec::new(),
        Some((select, kind)) => db
            .query_all(build(db, &select))
            .await?
            .iter()
            .map(|row| {
                Ok((
                    cell(row, "g", kind)?,
                    row.try_get::<i64>("", "n")?.max(0) as u64,
                ))
            })
            .collect::<StoreResult<_>>()?,
    };
    let total = if query.group_by.is_some() {
        groups.iter().map(|(_, n)| n).sum()
    } else {
        let count = plan
            .filtered()
            .expr_as(Expr::cust("COUNT(*)"), "n")
            .to_owned();
        match db.query_one(build(db, &count)).await? {
            Some(row) => row.try_get::<i64>("", "n")?.max(0) as u64,
            None => 0,
        }
    };

    let select = plan.rows(Some(page.window()));
    let rows = db
        .query_all(build(db, &select))
        .await?
        .iter()
        .map(|row| plan.cells(row))
        .collect::<StoreResult<_>>()?;

    Ok(ReportPage {
        rows,
        total,
        groups,
    })
}

/// Every row `query` asks for, in its order, read as the consumer takes
/// them (an export of a million rows holds one batch, not the table).
pub async fn all_rows<'a>(
    db: &'a Db,
    visibility: AccountVisibility,
    query: &'a ValidQuery,
    reading: Reading,
) -> StoreResult<impl Stream<Item = StoreResult<Vec<Cell>>> + Send + 'a> {
    let raw = db.raw();
    let plan = Plan::new(
        raw.get_database_backend().into(),
        visibility,
        query,
        reading,
    );
    let rows = raw.stream(build(raw, &plan.rows(None))).await?;
    Ok(rows.map(move |row| plan.cells(&row?)))
}

fn build(db: &impl ConnectionTrait, select: &SelectStatement) -> sea_orm::Statement {
    db.get_database_backend().build(select)
}

/// The statements of one query.
struct Plan<'q> {
    query: &'q ValidQuery,
    visibility: AccountVisibility,
    context: Context,
}

impl<'q> Plan<'q> {
    fn new(
        backend: crate::db::Backend,
        visibility: AccountVisibility,
        query: &'q ValidQuery,
        reading: Reading,
    ) -> Self {
        Plan {
            query,
            visibility,
            context: Context { backend, reading },
        }
    }

    fn expr(&self, key: &str) -> SimpleExpr {
        sources::column(self.query.report.kind, key, self.context)
    }

    /// FROM, the joins that the filters and `keys` need, visibility and
    /// filters.
    fn base<'k>(&self, keys: impl IntoIterator<Item = &'k str>) -> SelectStatement {
        let kind = self.query.report.kind;
        let filters = self.query.filters.iter().map(|(c, _)| c.key);
        let joins = sources::joins_for(kind, filters.chain(keys));
        let mut base = sources::rows(kind, self.visibility, joins);
        for (column, condition) in &self.query.filters {
            base.and_where(filter(self.expr(column.key), column.kind, condition));
        }
        base
    }

    fn filtered(&self) -> SelectStatement {
        self.base([])
    }

    /// The keys that decide which rows come in which order.
    fn order_keys(&self) -> Vec<&'static str> {
        let group = self.query.group_by.iter().map(|c| c.key);
        group
            .chain(self.query.sort.iter().map(|(c, _)| c.key))
            .collect()
    }

    /// Grouped rows together, in the query's order, the row id last so
    /// that pages never overlap.
    fn order(&self, select: &mut SelectStatement) {
        if let Some(group) = self.query.group_by {
            select.order_by_expr_with_nulls(self.expr(group.key), Order::Asc, NullOrdering::Last);
        }
        for (column, direction) in &self.query.sort {
            let order = match direction {
                Direction::Asc => Order::Asc,
                Direction::Desc => Order::Desc,
            };
            select.order_by_expr_with_nulls(self.expr(column.key), order, NullOrdering::Last);
        }
        select.order_by_expr(sources::id(self.query.report.kind), Order::Asc);
    }

    /// The query's columns as `c0, c1, ...` in its order; of a page, the
    /// `window` (offset, limit). When only the shown columns need a join,
    /// the page's ids are chosen without it and only they are joined.
    fn rows(&self, window: Option<(u64, u64)>) -> SelectStatement {
        let kind = self.query.report.kind;
        let order_keys = self.order_keys();
        let shown = self.query.columns.iter().map(|c| c.key);
        let all_keys: Vec<&str> = order_keys.iter().copied().chain(shown).collect();
        let mut select = self.base(all_keys.iter().copied());
        for (i, column) in self.query.columns.iter().enumerate() {
            select.expr_as(self.expr(column.key), Alias::new(format!("c{i}")));
        }
        self.order(&mut select);
        let Some((offset, limit)) = window else {
            return select;
        };
        let filters: Vec<&str> = self.query.filters.iter().map(|(c, _)| c.key).collect();
        let joins = |keys: &[&str]| {
            sources::joins_for(kind, filters.iter().copied().chain(keys.iter().copied()))
        };
        if joins(&order_keys) == joins(&all_keys) {
            return select.offset(offset).limit(limit).to_owned();
        }
        let mut page = self.base(order_keys.iter().copied());
        page.expr(sources::id(kind));
        self.order(&mut page);
        page.offset(offset).limit(limit);
        select
            .and_where(Expr::expr(sources::id(kind)).in_subquery(page))
            .to_owned()
    }

    /// `SELECT <group> AS g, COUNT(*) AS n ... GROUP BY <group>`.
    fn groups(&self) -> Option<(SelectStatement, ColumnType)> {
        let group = self.query.group_by?;
        let expr = self.expr(group.key);
        // By the output name: PostgreSQL does not see that a computed
        // column (an expiry colour, with its own bound dates) in SELECT and
        // in GROUP BY is the same expression.
        let g = || SimpleExpr::from(Expr::col(Alias::new("g")));
        let select = self
            .base([group.key])
            .expr_as(expr, Alias::new("g"))
            .expr_as(Expr::cust("COUNT(*)"), "n")
            .add_group_by([g()])
            .order_by_expr_with_nulls(g(), Order::Asc, NullOrdering::Last)
            .to_owned();
        Some((select, group.kind))
    }

    fn cells(&self, row: &QueryResult) -> StoreResult<Vec<Cell>> {
        self.query
            .columns
            .iter()
            .enumerate()
            .map(|(i, column)| cell(row, &format!("c{i}"), column.kind))
            .collect()
    }
}

/// The value under `alias`, read as its column's type.
fn cell(row: &QueryResult, alias: &str, kind: ColumnType) -> StoreResult<Cell> {
    let cell = match kind {
        ColumnType::Text | ColumnType::Choice(_) => {
            row.try_get::<Option<String>>("", alias)?.map(Cell::Text)
        }
        ColumnType::Integer => row.try_get::<Option<i64>>("", alias)?.map(Cell::Integer),
        // Hours to one decimal: more reads as noise.
        ColumnType::Number => row
            .try_get::<Option<f64>>("", alias)?
            .map(|n| Cell::Number((n * 10.0).round() / 10.0)),
        ColumnType::Date => row.try_get::<Option<NaiveDate>>("", alias)?.map(Cell::Date),
        ColumnType::DateTime => row
            .try_get::<Option<DateTime<Utc>>>("", alias)?
            .map(Cell::DateTime),
    };
    Ok(cell.unwrap_or(Cell::Empty))
}

/// `condition` on `expr`. Text compares without case.
fn filter(expr: SimpleExpr, kind: ColumnType, condition: &Condition) -> SimpleExpr {
    let lower = || Expr::expr(Func::lower(expr.clone()));
    let plain = || Expr::expr(expr.clone());
    let text = kind == ColumnType::Text;
    let between = |from: Option<SimpleExpr>, to: Option<SimpleExpr>, to_included: bool| {
        let mut all = Expr::val(true).eq(true);
        if let Some(from) = from {
            all = all.and(plain().gte(from));
        }
        if let Some(to) = to {
            all = all.and(if to_included {
                plain().lte(to)
            } else {
                plain().lt(to)
            });
        }
        all
    };
    match condition {
        Condition::Contains(word) => lower().like(contains_pattern(word)),
        Condition::Equals(value) if text => lower().eq(value.to_lowercase()),
        Condition::Equals(value) => plain().eq(value.as_str()),
        Condition::OneOf(values) if text => lower().is_in(values.iter().map(|v| v.to_lowercase())),
        Condition::OneOf(values) => plain().is_in(values.iter().map(String::as_str)),
        Condition::IntegersBetween(min, max) => {
            between(min.map(Into::into), max.map(Into::into), true)
        }
        Condition::NumbersBetween(min, max) => {
            between(min.map(Into::into), max.map(Into::into), true)
        }
        Condition::DatesBetween(from, to) => {
            between(from.map(Into::into), to.map(Into::into), true)
        }
        Condition::InstantsBetween(from, to) => {
            between(from.map(Into::into), to.map(Into::into), false)
        }
    }
}
