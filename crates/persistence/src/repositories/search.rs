//! The global search over cases, installed products, contracts and
//! warranties, behind one interface for both databases: each kind is
//! matched as substrings of its haystack expression (see migration 33),
//! which PostgreSQL answers from trigram indexes and SQLite from FTS5
//! trigram tables (migrations 33 and 36). What the caller may see is in
//! every query.

use crate::db::Backend;
use crate::db::Conn;
use crate::entities::{case, contract, installed_product, warranty};
use crate::error::StoreResult;
use crate::repositories::query::{contains_pattern, visible_ids, AccountVisibility};
use crate::repositories::{cases, contracts, query};
use chrono::{DateTime, NaiveDate, Utc};
use domain::search::{NumberMatch, SearchKind, SearchTerm};
/// What a case is found by (benchmarks time the raw floor with it).
pub use migration::m20261212_000033_search_indexes::CASE_HAYSTACK;
use migration::m20261212_000033_search_indexes::{
    CONTRACT_HAYSTACK, PRODUCT_HAYSTACK, WARRANTY_HAYSTACK,
};
use sea_orm::sea_query::{
    Alias, CaseStatement, Expr, Func, IntoColumnRef, LikeExpr, Order, Query, SelectStatement,
    SimpleExpr,
};
use sea_orm::{ConnectionTrait, QueryResult, TransactionTrait};
use std::collections::HashSet;
use uuid::Uuid;

/// Typed NULLs: PostgreSQL's rows carry their columns' types, and reading
/// an untyped (text) NULL as a date is refused before its value is looked at.
const NO_DATE: &str = "CAST(NULL AS DATE)";
const NO_INSTANT: &str = "CAST(NULL AS TIMESTAMP WITH TIME ZONE)";

/// FTS5's trigram tokenizer matches substrings of three characters or more.
const TRIGRAM: usize = 3;

/// How many cases the full-text tables may name for the search to look
/// them up by id (see [`case_candidates`]); more, and it walks the cases
/// in date order instead, where matches are then common.
const FEW: u64 = 1_000;

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Hit {
    pub kind: SearchKind,
    pub id: Uuid,
    pub number: String,
    pub title: String,
    /// A case's or warranty's product number, a product's serial number.
    pub detail: Option<String>,
    /// When a case was opened, a contract made.
    pub when: Option<DateTime<Utc>>,
    /// When a contract or warranty ends.
    pub end_date: Option<NaiveDate>,
    pub number_match: NumberMatch,
}

/// Up to `per_kind` hits of each kind that `visibility` sees, each kind's
/// best first.
pub async fn search(
    db: &impl Conn,
    visibility: AccountVisibility,
    term: &SearchTerm,
    per_kind: u64,
) -> StoreResult<Vec<Hit>> {
    let db = db.raw();
    let backend: Backend = db.get_database_backend().into();
    if backend == Backend::Sqlite {
        return find(db, backend, visibility, term, per_kind).await;
    }
    // A pattern's matches range from none to a sixth of the cases, so a
    // plan made for one pattern is wrong for the next. PostgreSQL's generic
    // plan (after five runs of a prepared statement) made the same search
    // 4 to 11 times slower from one seeding to the next (BENCHMARKS.md).
    // Planned for each pattern instead, within this search only.
    let tx = db.begin().await?;
    tx.execute_unprepared("SET LOCAL plan_cache_mode = force_custom_plan")
        .await?;
    let hits = find(&tx, backend, visibility, term, per_kind).await?;
    tx.commit().await?;
    Ok(hits)
}

async fn find(
    db: &impl ConnectionTrait,
    backend: Backend,
    visibility: AccountVisibility,
    term: &SearchTerm,
    per_kind: u64,
) -> StoreResult<Vec<Hit>> {
    let cases = case_lookup(db, backend, term, &mut Vec::new()).await?;
    let mut hits = Vec::new();
    for kind in SearchKind::ALL {
        if *kind == SearchKind::Case && cases.finds_none() {
            continue;
        }
        let mut own: Vec<Hit> = Vec::new();
        for step in steps(*kind, term, &cases).iter().copied() {
            let select = statement(*kind, step, backend, visibility, term, &cases)
                .limit(per_kind)
                .to_owned();
            let rows = db
                .query_all(db.get_database_backend().build(&select))
                .await?;
            for row in rows {
                let found = hit(*kind, &row)?;
                if !own.iter().any(|h| h.id == found.id) {
                    own.push(found);
                }
            }
        }
        own.truncate(per_kind as usize);
        hits.extend(own);
    }
    Ok(hits)
}

/// What the search learnt of the cases before asking for them.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct CaseLookup {
    /// The cases every rare word names, when a word was rare.
    among: Option<Vec<Uuid>>,
    /// The common words (and those too short for trigrams), tested on each
    /// case as the statement reads it.
    checked: Vec<CheckedWord>,
}

#[derive(Debug, Clone, PartialEq, Eq)]
struct CheckedWord {
    word: String,
    /// The products holding the word, when they are few: a case of one is
    /// found too. As a list, the test is an index lookup both databases
    /// can combine with the word's own; as a subquery, PostgreSQL read
    /// every case to test the two together.
    products: Option<Vec<Uuid>>,
}

impl CaseLookup {
    pub(crate) fn finds_none(&self) -> bool {
        self.among.as_ref().is_some_and(Vec::is_empty)
    }
}

/// Sorts `term`'s words by how many cases they name: which products hold
/// each, and which cases (SQLite's full-text table, PostgreSQL's trigram
/// index), up to [`FEW`] each. A rare word's cases (its own, and its
/// products') are then looked up by id; left in the statement, a rare word
/// made "newest first" walk every case in date order testing each. A
/// common word is tested on each case that walk meets, which soon finds
/// its matches; through an index, its hundred thousand matches would be
/// gathered and sorted first. `ran` gets each lookup, for the benchmark to
/// run raw.
pub(crate) async fn case_lookup(
    db: &impl ConnectionTrait,
    backend: Backend,
    term: &SearchTerm,
    ran: &mut Vec<SelectStatement>,
) -> StoreResult<CaseLookup> {
    let mut lookup = CaseLookup {
        among: None,
        checked: Vec::new(),
    };
    for word in &term.words {
        let products = few_ids(db, products_with(backend, word), ran).await?;
        let probe = products.is_some()
            && probes_cases(backend, word)
            && !(backend == Backend::Postgres && common_among_newest(db, word, ran).await?);
        let few = match &products {
            Some(products) if probe => cases_naming(db, backend, word, products, ran).await?,
            _ => None,
        };
        match (few, lookup.among.take()) {
            (None, among) => {
                lookup.checked.push(CheckedWord {
                    word: word.clone(),
                    products,
                });
                lookup.among = among;
            }
            (Some(these), None) => lookup.among = Some(these.into_iter().collect()),
            (Some(these), Some(before)) => {
                lookup.among = Some(before.into_iter().filter(|id| these.contains(id)).collect());
            }
        }
    }
    Ok(lookup)
}

/// Whether to ask first how many cases `word` names. SQLite's full-text
/// table answers that at once. PostgreSQL's trigram index gathers every
/// match before it stops at [`FEW`]: cheap for a number (a case number, a
/// serial: few cases), dear for a common word, whose tens of thousands of
/// matches the planner's statistics already tell it to find by walking
/// the newest cases instead.
fn probes_cases(backend: Backend, word: &str) -> bool {
    word.chars().count() >= TRIGRAM
        && match backend {
            Backend::Sqlite => true,
            Backend::Postgres => word.chars().any(|c| c.is_ascii_digit()),
        }
}

/// How many of the newest cases [`common_among_newest`] reads.
const NEWEST: u64 = 500;

/// Whether at least one in a hundred of the [`NEWEST`] cases holds `word`
/// (PostgreSQL). Most numbers are rare, but one being typed is not: every
/// case number of the year starts `cs-2026-`. Its trigram lookup would
/// gather every such case before stopping at [`FEW`] (the whole table for
/// a common prefix), where the newest-first walk finds a page of them at
/// once. Reading the newest cases costs the same for any word, and
/// answers from the data, not from the planner's guess of a pattern.
async fn common_among_newest(
    db: &impl ConnectionTrait,
    word: &str,
    ran: &mut Vec<SelectStatement>,
) -> StoreResult<bool> {
    let newest = Query::select()
        .expr_as(Expr::cust(unindexed(CASE_HAYSTACK)), Alias::new("haystack"))
        .from(case::Entity)
        .order_by(case::Column::CreatedAt, Order::Desc)
        .order_by(case::Column::Id, Order::Desc)
        .limit(NEWEST)
        .to_owned();
    let select = Query::select()
        .expr_as(Expr::cust("count(*)"), Alias::new("holding"))
        .from_subquery(newest, Alias::new("newest"))
        .and_where(Expr::col(Alias::new("haystack")).like(contains_pattern(word)))
        .to_owned();
    let holding = db
        .query_one(db.get_database_backend().build(&select))
        .await?
        .map(|row| row.try_get_by_index::<i64>(0))
        .transpose()?
        .unwrap_or(0);
    ran.push(select);
    Ok(holding as u64 * 100 >= NEWEST)
}

/// The cases whose haystack holds `word` or that are of `products`, when
/// SQLite's full-text table and the products name at most [`FEW`].
async fn cases_naming(
    db: &impl ConnectionTrait,
    backend: Backend,
    word: &str,
    products: &[Uuid],
    ran: &mut Vec<SelectStatement>,
) -> StoreResult<Option<HashSet<Uuid>>> {
    let own = match backend {
        Backend::Sqlite => fts("case_search", "case_id", word),
        Backend::Postgres => Query::select()
            .column(case::Column::Id)
            .from(case::Entity)
            .and_where(in_haystack(CASE_HAYSTACK, word))
            .to_owned(),
    };
    let Some(own) = few_ids(db, own, ran).await? else {
        return Ok(None);
    };
    let mut cases: HashSet<Uuid> = own.into_iter().collect();
    if !products.is_empty() {
        let of_products = Query::select()
            .expr_as(Expr::col(case::Column::Id), Alias::new("id"))
            .from(case::Entity)
            .and_where(Expr::col(case::Column::InstalledProductId).is_in(products.iter().copied()))
            .to_owned();
        let Some(theirs) = few_ids(db, of_products, ran).await? else {
            return Ok(None);
        };
        cases.extend(theirs);
    }
    Ok(Some(cases))
}

/// The ids `select` answers (its one column), or None past [`FEW`].
async fn few_ids(
    db: &impl ConnectionTrait,
    mut select: SelectStatement,
    ran: &mut Vec<SelectStatement>,
) -> StoreResult<Option<Vec<Uuid>>> {
    let select = select.limit(FEW + 1).to_owned();
    let rows = db
        .query_all(db.get_database_backend().build(&select))
        .await?;
    ran.push(select);
    if rows.len() as u64 > FEW {
        return Ok(None);
    }
    let ids = rows
        .iter()
        .map(|row| row.try_get_by_index::<Uuid>(0))
        .collect::<Result<_, _>>()?;
    Ok(Some(ids))
}

fn hit(kind: SearchKind, row: &QueryResult) -> StoreResult<Hit> {
    Ok(Hit {
        kind,
        id: row.try_get("", "id")?,
        number: row
            .try_get::<Option<String>>("", "number")?
            .unwrap_or_default(),
        title: row.try_get("", "title")?,
        detail: row.try_get("", "detail")?,
        when: row.try_get("", "at")?,
        end_date: row.try_get("", "end_date")?,
        number_match: NumberMatch::from_score(row.try_get::<i64>("", "score")?),
    })
}

/// `lower(<haystack>) LIKE '%word%'`.
fn in_haystack(haystack: &str, word: &str) -> SimpleExpr {
    Expr::expr(Expr::cust(haystack)).like(contains_pattern(word))
}

/// `haystack` as an expression no index is built on: a common word is
/// tested on the cases the newest-first walk meets, and PostgreSQL, offered
/// the trigram index, would rather gather its many matches and sort them.
fn unindexed(haystack: &str) -> String {
    format!("({haystack} || '')")
}

/// The rows (by `id`) whose haystack holds `word`: on SQLite through its
/// full-text table `(table, its id column)` when the word has a trigram,
/// else by `LIKE` (on PostgreSQL a lookup in the haystack's trigram index).
fn holding(
    backend: Backend,
    word: &str,
    id: &SimpleExpr,
    haystack: &str,
    (table, table_id): (&str, &str),
) -> SimpleExpr {
    if backend == Backend::Sqlite && word.chars().count() >= TRIGRAM {
        return Expr::expr(id.clone()).in_subquery(fts(table, table_id, word));
    }
    in_haystack(haystack, word)
}

/// Products whose haystack holds `word`.
fn products_with(backend: Backend, word: &str) -> SelectStatement {
    if backend == Backend::Sqlite && word.chars().count() >= TRIGRAM {
        return fts("product_search", "product_id", word);
    }
    Query::select()
        .column(installed_product::Column::Id)
        .from(installed_product::Entity)
        .and_where(in_haystack(PRODUCT_HAYSTACK, word))
        .to_owned()
}

/// 3 when one of `numbers` is the whole query, 2 when one starts with it,
/// 1 when one holds it, else 0.
fn number_score(numbers: &[SimpleExpr], term: &SearchTerm) -> SimpleExpr {
    let lower = |n: &SimpleExpr| Expr::expr(Func::lower(n.clone()));
    let any = |test: &dyn Fn(&SimpleExpr) -> SimpleExpr| {
        numbers
            .iter()
            .map(test)
            .reduce(SimpleExpr::or)
            .unwrap_or_else(|| Expr::val(false).into())
    };
    let prefix = contains_pattern(&term.whole);
    let starts = LikeExpr::new(format!("{}%", escape(&term.whole))).escape('\\');
    let score = CaseStatement::new()
        .case(any(&|n| lower(n).eq(term.whole.as_str())), Expr::val(3))
        .case(any(&|n| lower(n).like(starts.clone())), Expr::val(2))
        .case(any(&|n| lower(n).like(prefix.clone())), Expr::val(1))
        .finally(Expr::val(0));
    // BIGINT: PostgreSQL's integer literals are 4 bytes, and the row reads 8.
    Expr::expr(SimpleExpr::Case(Box::new(score))).cast_as(Alias::new("BIGINT"))
}

fn escape(text: &str) -> String {
    text.replace('\\', "\\\\")
        .replace('%', "\\%")
        .replace('_', "\\_")
}

fn col(column: impl IntoColumnRef) -> SimpleExpr {
    Expr::col(column).into()
}

/// Which hits a statement looks for: a kind's hits come in two steps, so
/// that a common word matching a hundred thousand cases does not rank them
/// all. First those whose number holds the query, best match first (they
/// are few; for cases, only when their lookup found them few: see
/// [`steps`]); then all of them in the kind's own order (cases newest first,
/// products by number, contracts and warranties by end date), which an
/// index walks without ranking every match.
///
/// Contracts and warranties are few (a hospital has hundreds, not a
/// million) and have no index to walk: one statement ranks them all, so
/// their table is read once, not twice.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Step {
    Numbers,
    InOrder,
    Ranked,
}

/// The statements a kind's hits come from, in order.
pub(crate) fn steps(kind: SearchKind, term: &SearchTerm, cases: &CaseLookup) -> &'static [Step] {
    match kind {
        SearchKind::Contract | SearchKind::Warranty => &[Step::Ranked],
        // Numbers hold no spaces: a query of several words matches none.
        _ if term.words.len() > 1 => &[Step::InOrder],
        // A word too common to look up the cases by id (the first digits
        // of a number being typed: `cs-2026-`) is in too many numbers to
        // rank them all, and a whole number is never that common: the
        // newest cases holding it come first.
        SearchKind::Case if cases.among.is_none() => &[Step::InOrder],
        _ => &[Step::Numbers, Step::InOrder],
    }
}

pub(crate) fn statement(
    kind: SearchKind,
    step: Step,
    backend: Backend,
    visibility: AccountVisibility,
    term: &SearchTerm,
    cases: &CaseLookup,
) -> SelectStatement {
    let mut select = Query::select();
    let score = Alias::new("score");
    let numbers: Vec<SimpleExpr>;
    let in_order: (SimpleExpr, Order);
    match kind {
        SearchKind::Case => {
            use case::Column as C;
            let number = col((case::Entity, C::Number));
            select
                .expr_as(Expr::col((case::Entity, C::Id)), Alias::new("id"))
                .expr_as(number.clone(), Alias::new("number"))
                .expr_as(Expr::col((case::Entity, C::Title)), Alias::new("title"))
                .expr_as(
                    Expr::cust(
                        "(SELECT p.number FROM installed_products p WHERE p.id = cases.installed_product_id)",
                    ),
                    Alias::new("detail"),
                )
                .expr_as(Expr::col((case::Entity, C::CreatedAt)), Alias::new("at"))
                .expr_as(Expr::cust(NO_DATE), Alias::new("end_date"))
                .expr_as(number_score(std::slice::from_ref(&number), term), score.clone())
                .from(case::Entity)
                .cond_where(cases::visible_condition(visibility));
            if let Some(ids) = &cases.among {
                select.and_where(Expr::col((case::Entity, C::Id)).is_in(ids.iter().copied()));
            }
            let haystack = match backend {
                Backend::Sqlite => unindexed(CASE_HAYSTACK),
                Backend::Postgres => CASE_HAYSTACK.to_owned(),
            };
            for checked in &cases.checked {
                let own = in_haystack(&haystack, &checked.word);
                // A case is found by its product's serial number too.
                let product = Expr::col((case::Entity, C::InstalledProductId));
                select.and_where(match &checked.products {
                    Some(ids) if ids.is_empty() => own,
                    Some(ids) => own.or(product.is_in(ids.iter().copied())),
                    None => own.or(product.in_subquery(products_with(backend, &checked.word))),
                });
            }
            numbers = vec![number];
            in_order = (col((case::Entity, C::CreatedAt)), Order::Desc);
        }
        SearchKind::InstalledProduct => {
            use installed_product::Column as P;
            let number = col((installed_product::Entity, P::Number));
            let serial = col((installed_product::Entity, P::SerialNumber));
            select
                .expr_as(
                    Expr::col((installed_product::Entity, P::Id)),
                    Alias::new("id"),
                )
                .expr_as(number.clone(), Alias::new("number"))
                .expr_as(
                    Expr::col((installed_product::Entity, P::Description)),
                    Alias::new("title"),
                )
                .expr_as(serial.clone(), Alias::new("detail"))
                .expr_as(Expr::cust(NO_INSTANT), Alias::new("at"))
                .expr_as(Expr::cust(NO_DATE), Alias::new("end_date"))
                .expr_as(
                    number_score(&[number.clone(), serial.clone()], term),
                    score.clone(),
                )
                .from(installed_product::Entity)
                .cond_where(query::visible_condition(visibility));
            for word in &term.words {
                select.and_where(
                    Expr::col((installed_product::Entity, P::Id))
                        .in_subquery(products_with(backend, word)),
                );
            }
            numbers = vec![number, serial];
            in_order = (col((installed_product::Entity, P::Number)), Order::Asc);
        }
        SearchKind::Contract => {
            use contract::Column as K;
            let number = col((contract::Entity, K::Number));
            select
                .expr_as(Expr::col((contract::Entity, K::Id)), Alias::new("id"))
                .expr_as(number.clone(), Alias::new("number"))
                .expr_as(
                    Expr::col((contract::Entity, K::ServiceType)),
                    Alias::new("title"),
                )
                .expr_as(
                    Expr::col((contract::Entity, K::PoNumber)),
                    Alias::new("detail"),
                )
                .expr_as(
                    Expr::col((contract::Entity, K::CreatedAt)),
                    Alias::new("at"),
                )
                .expr_as(
                    Expr::col((contract::Entity, K::EndDate)),
                    Alias::new("end_date"),
                )
                .expr_as(
                    number_score(std::slice::from_ref(&number), term),
                    score.clone(),
                )
                .from(contract::Entity)
                .cond_where(contracts::visible_condition(visibility));
            let id = col((contract::Entity, K::Id));
            for word in &term.words {
                let search = ("contract_search", "contract_id");
                select.and_where(holding(backend, word, &id, CONTRACT_HAYSTACK, search));
            }
            numbers = vec![number];
            in_order = (col((contract::Entity, K::EndDate)), Order::Desc);
        }
        SearchKind::Warranty => {
            use warranty::Column as W;
            let number = col((warranty::Entity, W::Number));
            select
                .expr_as(Expr::col((warranty::Entity, W::Id)), Alias::new("id"))
                .expr_as(number.clone(), Alias::new("number"))
                .expr_as(Expr::col((warranty::Entity, W::Description)), Alias::new("title"))
                .expr_as(
                    Expr::cust(
                        "(SELECT p.number FROM installed_products p WHERE p.id = warranties.installed_product_id)",
                    ),
                    Alias::new("detail"),
                )
                .expr_as(Expr::cust(NO_INSTANT), Alias::new("at"))
                .expr_as(Expr::col((warranty::Entity, W::EndDate)), Alias::new("end_date"))
                .expr_as(number_score(std::slice::from_ref(&number), term), score.clone())
                .from(warranty::Entity)
                .and_where(Expr::col((warranty::Entity, W::InstalledProductId)).in_subquery(visible_ids(visibility)));
            let id = col((warranty::Entity, W::Id));
            for word in &term.words {
                let search = ("warranty_search", "warranty_id");
                select.and_where(holding(backend, word, &id, WARRANTY_HAYSTACK, search));
            }
            numbers = vec![number];
            in_order = (col((warranty::Entity, W::EndDate)), Order::Desc);
        }
    }
    match step {
        Step::Numbers => {
            let within = contains_pattern(&term.whole);
            let holds = numbers
                .iter()
                .map(|n| Expr::expr(Func::lower(n.clone())).like(within.clone()))
                .reduce(SimpleExpr::or);
            if let Some(holds) = holds {
                select.and_where(holds);
            }
            select.order_by(score, Order::Desc);
        }
        Step::Ranked => {
            select.order_by(score, Order::Desc);
        }
        Step::InOrder => {}
    }
    select.order_by_expr(in_order.0, in_order.1);
    select.to_owned()
}

/// `SELECT <id> FROM <table> WHERE <table> MATCH '"word"'` (SQLite's
/// FTS5): the word as one phrase, its quotes doubled.
fn fts(table: &str, id: &str, word: &str) -> SelectStatement {
    let phrase = format!("\"{}\"", word.replace('"', "\"\""));
    Query::select()
        .column(Alias::new(id))
        .from(Alias::new(table))
        .and_where(Expr::cust_with_values(format!("{table} MATCH ?"), [phrase]))
        .to_owned()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn postgres_asks_first_only_for_numbers_and_sqlite_for_every_trigram() {
        assert!(probes_cases(Backend::Postgres, "cs-s-0077"));
        assert!(probes_cases(Backend::Postgres, "0077"));
        assert!(!probes_cases(Backend::Postgres, "pacs"));
        assert!(probes_cases(Backend::Sqlite, "pacs"));
        // Shorter than a trigram: neither index can answer it.
        assert!(!probes_cases(Backend::Sqlite, "ct"));
        assert!(!probes_cases(Backend::Postgres, "12"));
    }

    #[test]
    fn cases_too_common_to_look_up_by_id_are_not_ranked_by_their_numbers() {
        let typed = SearchTerm::parse("cs-2026-").unwrap();
        let common = CaseLookup {
            among: None,
            checked: Vec::new(),
        };
        let few = CaseLookup {
            among: Some(Vec::new()),
            checked: Vec::new(),
        };
        assert_eq!(steps(SearchKind::Case, &typed, &common), &[Step::InOrder]);
        assert_eq!(
            steps(SearchKind::Case, &typed, &few),
            &[Step::Numbers, Step::InOrder]
        );
        // Products are ranked by their numbers either way.
        assert_eq!(
            steps(SearchKind::InstalledProduct, &typed, &common),
            &[Step::Numbers, Step::InOrder]
        );
    }

    #[test]
    fn a_word_becomes_one_quoted_phrase() {
        let sql = fts("case_search", "case_id", "sn\"47")
            .to_string(sea_orm::sea_query::SqliteQueryBuilder);
        assert!(sql.contains(r#"'"sn""47"'"#), "{sql}");
    }
}
