//! Where each report's rows come from: the tables it joins, the rows the
//! caller may see, and the SQL expression behind each column key.

use crate::db::Backend;
use crate::entities::{account, case, contract, installed_product, planned_event};
use crate::repositories::query::{self, expiry, AccountVisibility};
use crate::repositories::{cases, contracts};
use domain::report::ReportKind;
use domain::{Priority, ResponseTargets};
use sea_orm::sea_query::{
    Alias, CaseStatement, Expr, IntoIden, Query, SelectStatement, SimpleExpr,
};
use sea_orm::{EntityName, Iden};

/// The account a row is located at, joined under this name.
#[derive(Clone, Copy)]
struct Location;

impl Iden for Location {
    fn unquoted(&self, s: &mut dyn std::fmt::Write) {
        // Writing to the statement's string does not fail.
        let _ = s.write_str("location");
    }
}

/// What the SQL of a report depends on besides the query.
#[derive(Debug, Clone, Copy)]
pub(super) struct Context {
    pub backend: Backend,
    pub reading: super::Reading,
}

/// The tables a statement joins to its report's own.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub(super) struct Joins {
    product: bool,
    location: bool,
}

/// The joins the columns `keys` need (a join over a million rows costs
/// more than the query it serves, so a statement takes only its own).
pub(super) fn joins_for<'k>(kind: ReportKind, keys: impl IntoIterator<Item = &'k str>) -> Joins {
    let mut joins = Joins {
        // An event's visibility is its product's.
        product: kind == ReportKind::PlannedEvents,
        location: false,
    };
    for key in keys {
        match (kind, key) {
            (_, "location" | "ship_to") => joins.location = true,
            (ReportKind::Cases, "product_number" | "serial_number") => joins.product = true,
            _ => {}
        }
    }
    joins
}

/// `FROM <table> [JOIN installed_products ON <product>] [JOIN accounts
/// location ON location.id = <location>] WHERE <visible>`.
fn joined(
    table: impl IntoIden + 'static,
    joins: Joins,
    product: Option<SimpleExpr>,
    location: SimpleExpr,
    visible: sea_orm::Condition,
) -> SelectStatement {
    let mut select = Query::select();
    select.from(table);
    if let (true, Some(product)) = (joins.product, product) {
        select.inner_join(
            installed_product::Entity,
            Expr::col((installed_product::Entity, installed_product::Column::Id)).eq(product),
        );
    }
    if joins.location {
        select.join_as(
            sea_orm::JoinType::InnerJoin,
            account::Entity,
            Location,
            Expr::col((Location, account::Column::Id)).eq(location),
        );
    }
    select.cond_where(visible).to_owned()
}

/// `FROM ... JOIN ... WHERE <visible>` of `kind`, with no columns yet.
pub(super) fn rows(
    kind: ReportKind,
    visibility: AccountVisibility,
    joins: Joins,
) -> SelectStatement {
    use installed_product::Column as P;
    let product_location = || of(installed_product::Entity, P::LocationAccountId);
    match kind {
        ReportKind::Cases => joined(
            case::Entity,
            joins,
            Some(of(case::Entity, case::Column::InstalledProductId)),
            of(case::Entity, case::Column::AccountId),
            cases::visible_condition(visibility),
        ),
        ReportKind::InstalledProducts => joined(
            installed_product::Entity,
            joins,
            None,
            product_location(),
            query::visible_condition(visibility),
        ),
        ReportKind::Contracts => joined(
            contract::Entity,
            joins,
            None,
            of(contract::Entity, contract::Column::ShipToAccountId),
            contracts::visible_condition(visibility),
        ),
        ReportKind::PlannedEvents => joined(
            planned_event::Entity,
            joins,
            Some(of(
                planned_event::Entity,
                planned_event::Column::InstalledProductId,
            )),
            product_location(),
            query::visible_condition(visibility),
        ),
    }
}

/// The row's own id, the last sort key so that pages never overlap.
pub(super) fn id(kind: ReportKind) -> SimpleExpr {
    match kind {
        ReportKind::Cases => of(case::Entity, case::Column::Id),
        ReportKind::InstalledProducts => {
            of(installed_product::Entity, installed_product::Column::Id)
        }
        ReportKind::Contracts => of(contract::Entity, contract::Column::Id),
        ReportKind::PlannedEvents => of(planned_event::Entity, planned_event::Column::Id),
    }
}

fn of(table: impl IntoIden + 'static, column: impl IntoIden + 'static) -> SimpleExpr {
    Expr::col((table, column)).into()
}

/// The expression of column `key` of `kind`. Keys come from the report
/// definitions (a test runs every one on both databases).
pub(super) fn column(kind: ReportKind, key: &str, context: Context) -> SimpleExpr {
    use case::Column as Ca;
    use installed_product::Column as P;
    let product = |c: P| of(installed_product::Entity, c);
    let location = || of(Location, account::Column::Name);
    match (kind, key) {
        (ReportKind::Cases, _) => {
            let case = |c: Ca| of(case::Entity, c);
            match key {
                "number" => case(Ca::Number),
                "title" => case(Ca::Title),
                "status" => case(Ca::Status),
                "priority" => Expr::expr(case(Ca::Priority)).cast_as(Alias::new("BIGINT")),
                "kind" => case(Ca::Kind),
                "modality" => case(Ca::Modality),
                "product_number" => product(P::Number),
                "serial_number" => product(P::SerialNumber),
                "location" => location(),
                "country" => case(Ca::Country),
                "customer_reference" => case(Ca::CustomerReference),
                "created_at" => case(Ca::CreatedAt),
                "closed_at" => case(Ca::ClosedAt),
                "hours_to_fix" => hours_between(context.backend, "created_at", "closed_at"),
                "first_response_at" => case(Ca::FirstResponseAt),
                "hours_to_respond" => {
                    hours_between(context.backend, "created_at", "first_response_at")
                }
                "response_target_hours" => response_target_hours(&context.reading.targets),
                "response" => response(context),
                "days_open" => days_open(context),
                _ => unknown(kind, key),
            }
        }
        (ReportKind::InstalledProducts, _) => match key {
            "number" => product(P::Number),
            "description" => product(P::Description),
            "serial_number" => product(P::SerialNumber),
            "modality" => product(P::Modality),
            "product_family" => product(P::ProductFamily),
            "status" => product(P::Status),
            "operational_state" => product(P::OperationalState),
            "location" => location(),
            "functional_location" => product(P::FunctionalLocation),
            "install_date" => product(P::InstallDate),
            "end_of_life_date" => product(P::EndOfLifeDate),
            "end_of_service_date" => product(P::EndOfServiceDate),
            "coverage_end_date" => product(P::CoverageEndDate),
            _ => unknown(kind, key),
        },
        (ReportKind::Contracts, _) => {
            use contract::Column as Co;
            let contract = |c: Co| of(contract::Entity, c);
            match key {
                "number" => contract(Co::Number),
                "po_number" => contract(Co::PoNumber),
                "service_type" => contract(Co::ServiceType),
                "status" => contract(Co::Status),
                "ship_to" => location(),
                "start_date" => contract(Co::StartDate),
                "end_date" => contract(Co::EndDate),
                "expiry" => expiry(contract(Co::EndDate), context.reading.today),
                _ => unknown(kind, key),
            }
        }
        (ReportKind::PlannedEvents, _) => {
            use planned_event::Column as E;
            let event = |c: E| of(planned_event::Entity, c);
            match key {
                "product_number" => product(P::Number),
                "modality" => product(P::Modality),
                "event_type" => event(E::EventType),
                "service_type" => event(E::ServiceType),
                "status" => event(E::Status),
                "location" => location(),
                "planned_start" => event(E::PlannedStart),
                "planned_end" => event(E::PlannedEnd),
                _ => unknown(kind, key),
            }
        }
    }
}

fn unknown(kind: ReportKind, key: &str) -> SimpleExpr {
    // The domain checked the key against the same definitions; reaching
    // here is a definition without SQL, which the all-columns test catches.
    unreachable!("report {kind} has no SQL for column {key}")
}

/// Hours from one case instant to another (none while either is missing).
fn hours_between(backend: Backend, from: &str, to: &str) -> SimpleExpr {
    let table = case::Entity.table_name();
    let sql = match backend {
        Backend::Sqlite => {
            format!(r#"((julianday("{table}"."{to}") - julianday("{table}"."{from}")) * 24.0)"#)
        }
        // EXTRACT answers numeric on PostgreSQL 14 and later; the report reads floats.
        Backend::Postgres => format!(
            r#"(CAST(EXTRACT(EPOCH FROM ("{table}"."{to}" - "{table}"."{from}")) AS DOUBLE PRECISION) / 3600.0)"#
        ),
    };
    Expr::cust(sql)
}

/// The response target of the case's priority, in hours.
fn response_target_hours(targets: &ResponseTargets) -> SimpleExpr {
    let priority = || Expr::col((case::Entity, case::Column::Priority));
    let mut hours = CaseStatement::new();
    for value in 1..=5 {
        let Ok(priority_value) = Priority::new(value) else {
            continue;
        };
        // Minutes are whole; an hour's fraction is exact enough in a double.
        let target = targets.for_priority(priority_value).num_minutes() as f64 / 60.0;
        hours = hours.case(priority().eq(value), Expr::val(target));
    }
    hours.into()
}

/// Whether the service side answered within the target of the case's
/// priority: `within_target`, `over_target`, or `awaiting` (no answer yet,
/// and the target not passed). A case still unanswered past its target is
/// over it already.
fn response(context: Context) -> SimpleExpr {
    let answered = Expr::col((case::Entity, case::Column::FirstResponseAt));
    let waited = Expr::cust(format!(
        "({})",
        hours_until(context, "created_at", "first_response_at")
    ));
    let target = response_target_hours(&context.reading.targets);
    let in_time = || Expr::expr(waited.clone()).lte(target.clone());
    CaseStatement::new()
        .case(answered.is_null().and(in_time()), Expr::val("awaiting"))
        .case(in_time(), Expr::val("within_target"))
        .finally(Expr::val("over_target"))
        .into()
}

/// Whole days a case has been open: until it closed, or until now.
fn days_open(context: Context) -> SimpleExpr {
    let hours = hours_until(context, "created_at", "closed_at");
    // SQLite's CAST truncates, which is the floor of a time that passed;
    // PostgreSQL's rounds, so it floors first.
    Expr::cust(match context.backend {
        Backend::Sqlite => format!("CAST(({hours}) / 24.0 AS INTEGER)"),
        Backend::Postgres => format!("CAST(FLOOR(({hours}) / 24.0) AS BIGINT)"),
    })
}

/// Hours from the case's `from` to its `to`, or to the reading's instant
/// while `to` is empty.
fn hours_until(context: Context, from: &str, to: &str) -> String {
    let table = case::Entity.table_name();
    let now = context.reading.now;
    match context.backend {
        Backend::Sqlite => format!(
            r#"((julianday(COALESCE("{table}"."{to}", '{}')) - julianday("{table}"."{from}")) * 24.0)"#,
            now.format("%Y-%m-%d %H:%M:%S%.6f")
        ),
        Backend::Postgres => format!(
            r#"(CAST(EXTRACT(EPOCH FROM (COALESCE("{table}"."{to}", TIMESTAMPTZ '{}') - "{table}"."{from}")) AS DOUBLE PRECISION) / 3600.0)"#,
            now.format("%Y-%m-%d %H:%M:%S%.6f+00")
        ),
    }
}
