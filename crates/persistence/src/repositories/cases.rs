//! Service cases and their timeline. A case is visible when the location or
//! owner account it was logged for is; the test is part of the SQL.

use crate::db::Conn;
use crate::entities::{
    case, case_activity, case_number, installed_product, product_custom_details,
};
use crate::error::{corrupt_field, StoreError, StoreResult};
use crate::repositories::custom_details::{self, Viewer};
use crate::repositories::query::{
    all_converted, any_like, bump_version, count_statement, either_account_visible, paged,
    search_words, with_subselects, AccountVisibility, PageRequest,
};
use chrono::{DateTime, NaiveDate, Utc};
use domain::{
    AccountId, ActivityKind, Case, CaseActivity, CaseId, CaseKind, CaseOrigin, CaseStatus,
    InstalledProductId, Modality, OperationalState, Priority, UserId,
};
use sea_orm::sea_query::{Expr, Order};
use sea_orm::{
    ActiveModelTrait, ColumnTrait, Condition, ConnectionTrait, DbBackend, EntityTrait, QueryFilter,
    QueryOrder, QuerySelect, QueryTrait, Select, Set, Statement,
};
use uuid::Uuid;

use case::Column as C;

/// Cases logged for an account the caller sees.
pub(crate) fn visible_condition(visibility: AccountVisibility) -> Condition {
    either_account_visible(visibility, C::AccountId, C::OwnerAccountId)
}

/// Whose custom product names case rows show: the caller's parent
/// account's; for staff, those of the account the case was logged for.
fn viewer(visibility: AccountVisibility) -> Viewer {
    Viewer::of(visibility, (case::Entity, C::AccountId))
}

/// Hands out the next case number, unique across server processes.
pub async fn issue_number(db: &impl Conn, now: DateTime<Utc>) -> StoreResult<String> {
    let db = db.raw();
    let row = case_number::ActiveModel {
        id: Default::default(),
        issued_at: Set(now),
    }
    .insert(db)
    .await?;
    Ok(domain::case_number(now, i64::from(row.id)))
}

/// Everything a new case stores.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct NewCase {
    pub id: CaseId,
    pub number: String,
    pub installed_product: InstalledProductId,
    pub account: AccountId,
    pub owner_account: AccountId,
    pub modality: Modality,
    pub country: String,
    pub priority: Priority,
    pub origin: CaseOrigin,
    pub kind: CaseKind,
    pub title: String,
    pub description: String,
    pub customer_reference: Option<String>,
    pub contact_name: Option<String>,
    pub contact_email: Option<String>,
    pub contact_phone: Option<String>,
    pub bench_part_description: Option<String>,
    pub bench_part_serial_number: Option<String>,
    pub bench_return_address: Option<String>,
    pub created_by: Option<UserId>,
    pub created_at: DateTime<Utc>,
}

pub async fn insert(db: &impl Conn, c: NewCase) -> StoreResult<()> {
    let db = db.raw();
    case::ActiveModel {
        id: Set(c.id.as_uuid()),
        number: Set(c.number),
        installed_product_id: Set(c.installed_product.as_uuid()),
        account_id: Set(c.account.as_uuid()),
        owner_account_id: Set(c.owner_account.as_uuid()),
        modality: Set(c.modality.as_str().to_owned()),
        country: Set(c.country),
        priority: Set(i16::from(c.priority.value())),
        status: Set(CaseStatus::New.as_str().to_owned()),
        origin: Set(c.origin.as_str().to_owned()),
        kind: Set(c.kind.as_str().to_owned()),
        title: Set(c.title),
        description: Set(c.description),
        customer_reference: Set(c.customer_reference),
        contact_name: Set(c.contact_name),
        contact_email: Set(c.contact_email),
        contact_phone: Set(c.contact_phone),
        bench_part_description: Set(c.bench_part_description),
        bench_part_serial_number: Set(c.bench_part_serial_number),
        bench_return_address: Set(c.bench_return_address),
        created_by: Set(c.created_by.map(|u| u.as_uuid())),
        created_at: Set(c.created_at),
        updated_at: Set(c.created_at),
        closed_at: Set(None),
        version: Set(1),
        assigned_to: Set(None),
        waiting_for_customer: Set(false),
        // A new case awaits the service side's answer.
        awaiting_response_since: Set(Some(c.created_at)),
        first_response_at: Set(None),
    }
    .insert(db)
    .await?;
    Ok(())
}

/// A timeline entry to store.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct NewActivity {
    /// Chosen by the caller, so the audit entry can name it.
    pub id: Uuid,
    pub case: CaseId,
    pub kind: ActivityKind,
    pub text: Option<String>,
    pub carrier: Option<String>,
    pub tracking_number: Option<String>,
    pub new_status: Option<CaseStatus>,
    pub author: Option<UserId>,
    pub author_name: String,
    pub from_service: bool,
    pub occurred_at: DateTime<Utc>,
}

pub async fn insert_activity(db: &impl Conn, a: NewActivity) -> StoreResult<Uuid> {
    let db = db.raw();
    let id = a.id;
    case_activity::ActiveModel {
        id: Set(id),
        case_id: Set(a.case.as_uuid()),
        kind: Set(a.kind.as_str().to_owned()),
        text: Set(a.text),
        carrier: Set(a.carrier),
        tracking_number: Set(a.tracking_number),
        new_status: Set(a.new_status.map(|s| s.as_str().to_owned())),
        author_user_id: Set(a.author.map(|u| u.as_uuid())),
        author_name: Set(a.author_name),
        from_service: Set(a.from_service),
        occurred_at: Set(a.occurred_at),
    }
    .insert(db)
    .await?;
    Ok(id)
}

/// A case with the names the pages show beside it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct CaseRow {
    pub case: Case,
    pub product_number: String,
    pub product_description: String,
    pub product_custom_name: Option<String>,
    pub account_name: String,
    pub creator_name: Option<String>,
    /// The assigned engineer's display name.
    pub assignee_name: Option<String>,
    /// The parent account of the account the case was logged for.
    pub parent_account: AccountId,
    pub parent_account_name: String,
}

impl CaseRow {
    pub fn id(&self) -> CaseId {
        self.case.id
    }
}

/// [`CaseRow`] as the query answers it.
#[derive(Debug, sea_orm::FromQueryResult)]
struct StoredCaseRow {
    #[sea_orm(nested)]
    case: case::Model,
    product_number: String,
    product_description: String,
    product_custom_name: Option<String>,
    account_name: String,
    creator_name: Option<String>,
    assignee_name: Option<String>,
    parent_account_id: Uuid,
    parent_account_name: String,
}

impl StoredCaseRow {
    fn into_row(self) -> StoreResult<CaseRow> {
        Ok(CaseRow {
            case: to_case(self.case)?,
            product_number: self.product_number,
            product_description: self.product_description,
            product_custom_name: self.product_custom_name,
            account_name: self.account_name,
            creator_name: self.creator_name,
            assignee_name: self.assignee_name,
            parent_account: AccountId::from_uuid(self.parent_account_id),
            parent_account_name: self.parent_account_name,
        })
    }
}

fn to_case(m: case::Model) -> StoreResult<Case> {
    let corrupt = corrupt_field("case", m.id);
    Ok(Case {
        id: CaseId::from_uuid(m.id),
        installed_product: InstalledProductId::from_uuid(m.installed_product_id),
        account: AccountId::from_uuid(m.account_id),
        owner_account: AccountId::from_uuid(m.owner_account_id),
        modality: m.modality.parse().map_err(|_| corrupt("modality"))?,
        priority: Priority::new(i64::from(m.priority)).map_err(|_| corrupt("priority"))?,
        status: m.status.parse().map_err(|_| corrupt("status"))?,
        origin: m.origin.parse().map_err(|_| corrupt("origin"))?,
        kind: m.kind.parse().map_err(|_| corrupt("kind"))?,
        number: m.number,
        country: m.country,
        title: m.title,
        description: m.description,
        customer_reference: m.customer_reference,
        contact_name: m.contact_name,
        contact_email: m.contact_email,
        contact_phone: m.contact_phone,
        bench_part_description: m.bench_part_description,
        bench_part_serial_number: m.bench_part_serial_number,
        bench_return_address: m.bench_return_address,
        created_by: m.created_by.map(UserId::from_uuid),
        created_at: m.created_at,
        updated_at: m.updated_at,
        closed_at: m.closed_at,
        version: m.version,
        assigned_to: m.assigned_to.map(UserId::from_uuid),
        waiting_for_customer: m.waiting_for_customer,
        awaiting_response_since: m.awaiting_response_since,
    })
}

fn to_activity(m: case_activity::Model) -> StoreResult<CaseActivity> {
    Ok(CaseActivity {
        kind: m
            .kind
            .parse()
            .map_err(|_| corrupt_field("activity", m.id)("kind"))?,
        id: m.id,
        case: CaseId::from_uuid(m.case_id),
        text: m.text,
        carrier: m.carrier,
        tracking_number: m.tracking_number,
        // Shown when known; an unknown status is left out rather than refused.
        new_status: m.new_status.and_then(|s| s.parse().ok()),
        author: m.author_user_id.map(UserId::from_uuid),
        author_name: m.author_name,
        from_service: m.from_service,
        occurred_at: m.occurred_at,
    })
}

/// Adds the names a case row shows; its product's custom name is the one
/// `viewer` keeps.
fn with_names(select: Select<case::Entity>, viewer: &Viewer) -> Select<case::Entity> {
    let custom_name = custom_details::detail(
        product_custom_details::Column::CustomName,
        (case::Entity, C::InstalledProductId),
        viewer,
    );
    with_subselects(
        select.column_as(custom_name, "product_custom_name"),
        &[
            ("(SELECT number FROM installed_products ip WHERE ip.id = cases.installed_product_id)", "product_number"),
            ("(SELECT description FROM installed_products ip WHERE ip.id = cases.installed_product_id)", "product_description"),
            ("(SELECT name FROM accounts a WHERE a.id = cases.account_id)", "account_name"),
            ("(SELECT display_name FROM users u WHERE u.id = cases.created_by)", "creator_name"),
            ("(SELECT display_name FROM users u WHERE u.id = cases.assigned_to)", "assignee_name"),
            ("(SELECT a.parent_account_id FROM accounts a WHERE a.id = cases.account_id)", "parent_account_id"),
            ("(SELECT p.name FROM accounts a JOIN accounts p ON p.id = a.parent_account_id WHERE a.id = cases.account_id)", "parent_account_name"),
        ],
    )
}

pub async fn find_visible(
    db: &impl Conn,
    visibility: AccountVisibility,
    id: CaseId,
) -> StoreResult<Option<CaseRow>> {
    let db = db.raw();
    with_names(
        case::Entity::find()
            .filter(C::Id.eq(id.as_uuid()))
            .filter(visible_condition(visibility)),
        &viewer(visibility),
    )
    .into_model::<StoredCaseRow>()
    .one(db)
    .await?
    .map(StoredCaseRow::into_row)
    .transpose()
}

/// A case by id, whoever may see it (for the service's own jobs and emails).
pub async fn find_any(db: &impl Conn, id: CaseId) -> StoreResult<Option<CaseRow>> {
    let db = db.raw();
    // The emails go to its creator and contact: the names their parent
    // account gave (that of the account it was logged for, when the
    // service side logged it).
    let viewer = Viewer::ParentIn(Expr::cust(
        "COALESCE((SELECT u.parent_account_id FROM users u WHERE u.id = cases.created_by), \
         (SELECT a.parent_account_id FROM accounts a WHERE a.id = cases.account_id))",
    ));
    with_names(case::Entity::find().filter(C::Id.eq(id.as_uuid())), &viewer)
        .into_model::<StoredCaseRow>()
        .one(db)
        .await?
        .map(StoredCaseRow::into_row)
        .transpose()
}

impl CaseRow {
    /// "IP-40010002 Incisive CT 128", or the customer's own name when set.
    pub fn product_label(&self) -> String {
        let name = self
            .product_custom_name
            .as_deref()
            .filter(|n| !n.trim().is_empty())
            .unwrap_or(&self.product_description);
        format!("{} {name}", self.product_number)
    }
}

pub async fn activities(db: &impl Conn, id: CaseId) -> StoreResult<Vec<CaseActivity>> {
    all_converted(
        db.raw(),
        case_activity::Entity::find()
            .filter(case_activity::Column::CaseId.eq(id.as_uuid()))
            .order_by_asc(case_activity::Column::OccurredAt)
            .order_by_asc(case_activity::Column::Id),
        to_activity,
    )
    .await
}

/// Which cases of the visible ones a list shows.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct CaseFilter {
    pub created_by: Option<UserId>,
    pub status: Option<CaseStatus>,
    pub open: Option<bool>,
    pub priority: Option<Priority>,
    pub origin: Option<CaseOrigin>,
    pub modality: Option<Modality>,
    pub account: Option<AccountId>,
    pub installed_product: Option<InstalledProductId>,
    /// Inclusive UTC instants.
    pub created_from: Option<DateTime<Utc>>,
    pub created_before: Option<DateTime<Utc>>,
    pub text: Option<String>,
    pub history: History,
    pub assignee: Option<Assignee>,
    /// Cases logged for an account of this parent account.
    pub parent_account: Option<AccountId>,
    /// The country of the account the case was logged for (the market).
    pub country: Option<String>,
    pub waiting_for_customer: Option<bool>,
}

/// Whose cases of the queue.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Assignee {
    Nobody,
    Engineer(UserId),
}

/// Cases closed before their market's cut-over (country, first day on this platform).
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum History {
    /// Leave historical cases out (the generic lists).
    Exclude(Vec<(String, NaiveDate)>),
    /// Historical cases only.
    Only(Vec<(String, NaiveDate)>),
    /// Everything (one installed product's page).
    Include,
}

impl Default for History {
    fn default() -> Self {
        History::Exclude(Vec::new())
    }
}

fn historical_condition(cutovers: &[(String, NaiveDate)]) -> Condition {
    cutovers
        .iter()
        .fold(Condition::any(), |any, (country, cutover)| {
            let start = cutover.and_hms_opt(0, 0, 0).map(|t| t.and_utc());
            any.add(
                // IS NOT NULL keeps NOT(...) true for open cases (NULL logic).
                Condition::all()
                    .add(C::Country.eq(country.as_str()))
                    .add(C::ClosedAt.is_not_null())
                    .add(C::ClosedAt.lt(start)),
            )
        })
}

impl CaseFilter {
    fn condition(&self) -> Condition {
        // closed_at is set exactly when a case is closed; testing it (not the
        // status) lets the partial indexes over open cases serve the query.
        let open = self.open.map(|open| match open {
            true => C::ClosedAt.is_null(),
            false => C::ClosedAt.is_not_null(),
        });
        let mut c = Condition::all()
            .add_option(self.created_by.map(|u| C::CreatedBy.eq(u.as_uuid())))
            .add_option(self.status.map(|s| C::Status.eq(s.as_str())))
            .add_option(open)
            .add_option(self.priority.map(|p| C::Priority.eq(i16::from(p.value()))))
            .add_option(self.origin.map(|o| C::Origin.eq(o.as_str())))
            .add_option(self.modality.map(|m| C::Modality.eq(m.as_str())))
            .add_option(self.account.map(|a| C::AccountId.eq(a.as_uuid())))
            .add_option(
                self.installed_product
                    .map(|p| C::InstalledProductId.eq(p.as_uuid())),
            )
            .add_option(self.created_from.map(|from| C::CreatedAt.gte(from)))
            .add_option(self.created_before.map(|before| C::CreatedAt.lt(before)))
            .add_option(self.assignee.map(|a| match a {
                Assignee::Nobody => C::AssignedTo.is_null(),
                Assignee::Engineer(u) => C::AssignedTo.eq(u.as_uuid()),
            }))
            .add_option(self.parent_account.map(|parent| {
                C::AccountId.in_subquery(
                    sea_orm::sea_query::Query::select()
                        .column(crate::entities::account::Column::Id)
                        .from(crate::entities::account::Entity)
                        .and_where(
                            Expr::col(crate::entities::account::Column::ParentAccountId)
                                .eq(parent.as_uuid()),
                        )
                        .to_owned(),
                )
            }))
            .add_option(self.country.as_deref().map(|c| C::Country.eq(c)))
            .add_option(
                self.waiting_for_customer
                    .map(|w| C::WaitingForCustomer.eq(w)),
            );
        for word in search_words(self.text.as_deref()) {
            c = c.add(any_like(
                &[
                    (case::Entity, C::Number),
                    (case::Entity, C::Description),
                    (case::Entity, C::CustomerReference),
                ],
                word,
            ));
        }
        match &self.history {
            History::Exclude(cutovers) if !cutovers.is_empty() => {
                c = c.add(historical_condition(cutovers).not());
            }
            History::Only(cutovers) => c = c.add(historical_condition(cutovers)),
            History::Exclude(_) | History::Include => {}
        }
        c
    }
}

#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub enum CaseSort {
    #[default]
    CreatedAt,
    UpdatedAt,
    Priority,
    Status,
    Number,
    /// The service queue's order: most urgent first, then the longest waiting.
    Queue,
}

/// Totals are counted up to here; beyond it a list says "10,000 or more"
/// (counting a million visible cases on every page costs more than it tells).
pub const TOTAL_CAP: u64 = 10_000;

/// `visible` as a value, not an indexable condition: the planner then walks
/// the (created_at, id) index from the newest end and stops after a page,
/// instead of collecting every visible case through the account indexes and
/// sorting them all (SQLite's choice: 100x slower for a first page at 300,000).
fn visible_as_value(visibility: AccountVisibility) -> Condition {
    match visibility.account_ids() {
        None => Condition::all(),
        Some(_) => Condition::all().add(
            Expr::expr(sea_orm::sea_query::SimpleExpr::Case(Box::new(
                Expr::case(visible_condition(visibility), 1).finally(0),
            )))
            .eq(1),
        ),
    }
}

/// The count (capped at [`TOTAL_CAP`] + 1) and the sorted page, as
/// statements: the list runs them, and the benchmark runs the same SQL raw.
pub(crate) fn list_statements(
    visibility: AccountVisibility,
    filter: &CaseFilter,
    sort: CaseSort,
    descending: bool,
    page: PageRequest,
    backend: DbBackend,
) -> (Statement, Select<case::Entity>) {
    let matching = case::Entity::find()
        .select_only()
        .expr(Expr::val(1))
        .filter(visible_condition(visibility))
        .filter(filter.condition())
        .limit(TOTAL_CAP + 1)
        .build(backend);
    let count = count_statement(matching, "matching", backend);
    let order = if descending { Order::Desc } else { Order::Asc };
    let (columns, order): (&[C], Order) = match sort {
        CaseSort::CreatedAt => (&[C::CreatedAt], order),
        CaseSort::UpdatedAt => (&[C::UpdatedAt], order),
        CaseSort::Priority => (&[C::Priority], order),
        CaseSort::Status => (&[C::Status], order),
        CaseSort::Number => (&[C::Number], order),
        CaseSort::Queue => (&[C::Priority, C::CreatedAt], Order::Asc),
    };
    let mut sorted = case::Entity::find()
        .filter(visible_as_value(visibility))
        .filter(filter.condition());
    // The id breaks ties so that pages never repeat or skip a row.
    for column in columns.iter().chain([&C::Id]) {
        sorted = sorted.order_by(*column, order.clone());
    }
    let sorted = with_names(sorted, &viewer(visibility));
    let sorted = paged(sorted, page.window());
    (count, sorted)
}

/// A page of the visible cases that match, how many match (up to the cap),
/// and whether there are more than that.
pub async fn list_visible(
    db: &impl Conn,
    visibility: AccountVisibility,
    filter: &CaseFilter,
    sort: CaseSort,
    descending: bool,
    page: PageRequest,
) -> StoreResult<(Vec<CaseRow>, u64, bool)> {
    let db = db.raw();
    let (count, sorted) = list_statements(
        visibility,
        filter,
        sort,
        descending,
        page,
        db.get_database_backend(),
    );
    let counted: i64 = db
        .query_one(count)
        .await?
        .map(|row| row.try_get("", "num_items"))
        .transpose()?
        .unwrap_or(0);
    let counted = u64::try_from(counted).unwrap_or(0);
    let capped = counted > TOTAL_CAP;
    let rows = if counted > page.offset() || capped {
        sorted
            .into_model::<StoredCaseRow>()
            .all(db)
            .await?
            .into_iter()
            .map(StoredCaseRow::into_row)
            .collect::<StoreResult<_>>()?
    } else {
        Vec::new()
    };
    Ok((rows, counted.min(TOTAL_CAP), capped))
}

/// The outcome of a versioned update.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum VersionedUpdate {
    Updated { version: i32 },
    VersionMismatch { current: i32 },
}

/// A change to the case row that names the version it saw.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum CaseUpdate {
    Status(CaseStatus),
    Assignee(Option<UserId>),
    /// The service side waits for the customer (or stops waiting).
    WaitingForCustomer(bool),
}

/// Applies `change` if the case is still at `expected` version.
pub async fn update_versioned(
    db: &impl Conn,
    id: CaseId,
    expected: i32,
    change: CaseUpdate,
    now: DateTime<Utc>,
) -> StoreResult<VersionedUpdate> {
    let db = db.raw();
    let mut update = bump_version(case::Entity::update_many(), C::UpdatedAt, C::Version, now)
        .filter(C::Id.eq(id.as_uuid()))
        .filter(C::Version.eq(expected));
    update = match change {
        CaseUpdate::Status(status) => {
            let update = update.col_expr(C::Status, Expr::value(status.as_str()));
            if status == CaseStatus::Closed {
                update.col_expr(C::ClosedAt, Expr::value(now))
            } else {
                update
            }
        }
        CaseUpdate::Assignee(engineer) => {
            update.col_expr(C::AssignedTo, Expr::value(engineer.map(|u| u.as_uuid())))
        }
        CaseUpdate::WaitingForCustomer(waiting) => {
            update.col_expr(C::WaitingForCustomer, Expr::value(waiting))
        }
    };
    if update.exec(db).await?.rows_affected == 1 {
        return Ok(VersionedUpdate::Updated {
            version: expected + 1,
        });
    }
    let current = case::Entity::find_by_id(id.as_uuid())
        .select_only()
        .column(C::Version)
        .into_tuple::<i32>()
        .one(db)
        .await?
        .ok_or_else(|| StoreError::Corrupt(format!("case {id} vanished")))?;
    Ok(VersionedUpdate::VersionMismatch { current })
}

/// Whose turn it is on a case after a change.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Turn {
    /// The customer wrote: they wait for the service side (from now, unless
    /// they were waiting already), and the service stops waiting for them.
    Customer,
    /// The service side answered: nobody waits for it (and its first
    /// answer is kept, for response times).
    Service,
}

pub async fn pass_turn(
    db: &impl Conn,
    id: CaseId,
    turn: Turn,
    now: DateTime<Utc>,
) -> StoreResult<()> {
    let db = db.raw();
    let update = case::Entity::update_many().filter(C::Id.eq(id.as_uuid()));
    let update = match turn {
        Turn::Customer => update
            .col_expr(
                C::AwaitingResponseSince,
                Expr::col(C::AwaitingResponseSince).if_null(now),
            )
            .col_expr(C::WaitingForCustomer, Expr::value(false)),
        Turn::Service => update
            .col_expr(
                C::AwaitingResponseSince,
                Expr::value(Option::<DateTime<Utc>>::None),
            )
            .col_expr(
                C::FirstResponseAt,
                Expr::col(C::FirstResponseAt).if_null(now),
            ),
    };
    update.exec(db).await?;
    Ok(())
}

/// Marks a change that is not a status move (a new activity or attachment).
pub async fn touch(db: &impl Conn, id: CaseId, now: DateTime<Utc>) -> StoreResult<()> {
    let db = db.raw();
    bump_version(case::Entity::update_many(), C::UpdatedAt, C::Version, now)
        .filter(C::Id.eq(id.as_uuid()))
        .exec(db)
        .await?;
    Ok(())
}

/// Recomputes a product's operational state from its open cases; call it in
/// the transaction that opens or closes one.
pub async fn refresh_operational_state(
    db: &impl Conn,
    product: InstalledProductId,
) -> StoreResult<OperationalState> {
    let db = db.raw();
    let priorities: Vec<i16> = case::Entity::find()
        .select_only()
        .column(C::Priority)
        .filter(C::InstalledProductId.eq(product.as_uuid()))
        .filter(C::Status.ne(CaseStatus::Closed.as_str()))
        .into_tuple()
        .all(db)
        .await?;
    let state = OperationalState::from_open_cases(
        priorities
            .into_iter()
            .filter_map(|p| Priority::new(i64::from(p)).ok()),
    );
    installed_product::Entity::update_many()
        .col_expr(
            installed_product::Column::OperationalState,
            Expr::value(state.as_str()),
        )
        .filter(installed_product::Column::Id.eq(product.as_uuid()))
        .exec(db)
        .await?;
    Ok(state)
}
