//! Installed products, filtered by the caller's visibility in the SQL itself:
//! a product is visible when its location or its owner account is.

use crate::db::Conn;
use crate::entities::installed_product;
use crate::entities::product_custom_details as details;
use crate::error::{corrupt_field, StoreError, StoreResult};
use crate::repositories::custom_details::{self, DetailColumns, Viewer};
pub use crate::repositories::query::PageRequest;
use crate::repositories::query::{
    any_like, bump_version, insert_chunked, lower_like, names_of_accounts, paged, search_words,
    visible_condition, with_subselects, within_dates,
};
use crate::repositories::query::{contains_pattern, AccountVisibility};
use chrono::{DateTime, NaiveDate, Utc};
use domain::{
    AccountId, CustomDetails, ExpiryStatus, InstalledProduct, InstalledProductId, Modality,
    OperationalState, ProductKind,
};
use sea_orm::sea_query::{Expr, Func, NullOrdering, Order};
use sea_orm::{
    ActiveModelTrait, ColumnTrait, Condition, ConnectionTrait, EntityTrait, PaginatorTrait,
    QueryFilter, QueryOrder, QuerySelect, Select, Set,
};
use std::collections::HashMap;
use uuid::Uuid;

use installed_product::Column as C;

/// One page of the products list as a caller asked for it.
#[derive(Debug, Clone)]
pub struct ProductListing {
    pub visibility: AccountVisibility,
    pub filter: ProductFilter,
    /// The caller's today, for the expiry colours.
    pub today: NaiveDate,
    pub sort: ProductSort,
    pub descending: bool,
    pub page: PageRequest,
}

#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct ProductFilter {
    pub modality: Option<Modality>,
    pub owner_account: Option<AccountId>,
    pub location_account: Option<AccountId>,
    pub functional_location: Option<String>,
    pub covered: Option<bool>,
    pub expiry: Option<ExpiryStatus>,
    pub operational_state: Option<OperationalState>,
    pub strategic_item: Option<bool>,
    pub text: Option<String>,
}

#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub enum ProductSort {
    #[default]
    Number,
    Description,
    Modality,
    Location,
    CustomName,
    OperationalState,
    InstallDate,
    CoverageEnd,
}

impl ProductFilter {
    fn condition(&self, today: NaiveDate, viewer: &Viewer) -> Condition {
        let functional_location = self
            .functional_location
            .as_deref()
            .map(str::trim)
            .filter(|t| !t.is_empty());
        let covered = self.covered.map(|covered| match covered {
            true => Condition::all().add(C::CoverageEndDate.gte(today)),
            false => Condition::any()
                .add(C::CoverageEndDate.is_null())
                .add(C::CoverageEndDate.lt(today)),
        });
        let expiry = self.expiry.map(|expiry| {
            within_dates(
                Condition::all().add(C::CoverageEndDate.is_not_null()),
                C::CoverageEndDate,
                expiry.end_date_range(today),
            )
        });
        let mut c =
            Condition::all()
                .add_option(self.modality.map(|m| C::Modality.eq(m.as_str())))
                .add_option(
                    self.owner_account
                        .map(|a| C::OwnerAccountId.eq(a.as_uuid())),
                )
                .add_option(
                    self.location_account
                        .map(|a| C::LocationAccountId.eq(a.as_uuid())),
                )
                .add_option(functional_location.map(|text| {
                    lower_like((installed_product::Entity, C::FunctionalLocation), text)
                }))
                .add_option(covered)
                .add_option(expiry)
                .add_option(
                    self.operational_state
                        .map(|s| C::OperationalState.eq(s.as_str())),
                )
                .add_option(self.strategic_item.map(|s| C::StrategicItem.eq(s)));
        for word in search_words(self.text.as_deref()) {
            // The caller's own custom name only: another customer's naming
            // of a shared product must not answer a search.
            let own_name = custom_details::detail(
                details::Column::CustomName,
                (installed_product::Entity, C::Id),
                viewer,
            );
            c = c.add(
                any_like(
                    &[
                        (installed_product::Entity, C::Number),
                        (installed_product::Entity, C::SerialNumber),
                        (installed_product::Entity, C::Description),
                    ],
                    word,
                )
                .add(Expr::expr(Func::lower(own_name)).like(contains_pattern(word))),
            );
        }
        c
    }
}

/// A product with the names of its owner and location accounts.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ProductRecord {
    pub product: InstalledProduct,
    pub description: String,
    pub serial_number: String,
    pub udi: Option<String>,
    pub technical_id: Option<String>,
    pub product_family: String,
    pub functional_location: Option<String>,
    pub install_date: Option<NaiveDate>,
    pub coverage_end_date: Option<NaiveDate>,
    pub owner_name: String,
    pub location_name: String,
}

fn to_domain(
    m: installed_product::Model,
    names: &HashMap<Uuid, String>,
    custom: &DetailColumns,
) -> StoreResult<ProductRecord> {
    let corrupt = corrupt_field("installed product", m.id);
    let product = InstalledProduct {
        id: InstalledProductId::from_uuid(m.id),
        number: m.number.clone(),
        modality: m.modality.parse().map_err(|_| corrupt("modality"))?,
        kind: m.kind.parse().map_err(|_| corrupt("kind"))?,
        status: m.status.parse().map_err(|_| corrupt("status"))?,
        owner_account_id: AccountId::from_uuid(m.owner_account_id),
        location_account_id: AccountId::from_uuid(m.location_account_id),
        operational_state: m
            .operational_state
            .parse()
            .map_err(|_| corrupt("operational state"))?,
        strategic_item: m.strategic_item,
        end_of_life_date: m.end_of_life_date,
        end_of_service_date: m.end_of_service_date,
        custom_details: custom.parse().map_err(|_| corrupt("custom details"))?,
        version: m.version,
    };
    let name = |id: &Uuid| {
        names
            .get(id)
            .cloned()
            .ok_or_else(|| corrupt("account missing"))
    };
    Ok(ProductRecord {
        owner_name: name(&m.owner_account_id)?,
        location_name: name(&m.location_account_id)?,
        product,
        description: m.description,
        serial_number: m.serial_number,
        udi: m.udi,
        technical_id: m.technical_id,
        product_family: m.product_family,
        functional_location: m.functional_location,
        install_date: m.install_date,
        coverage_end_date: m.coverage_end_date,
    })
}

pub async fn account_names(
    db: &impl Conn,
    ids: impl IntoIterator<Item = Uuid>,
) -> StoreResult<HashMap<Uuid, String>> {
    names_of_accounts(db.raw(), ids).await
}

#[derive(Debug, sea_orm::FromQueryResult)]
struct ModelWithNames {
    #[sea_orm(nested)]
    product: installed_product::Model,
    owner_name: String,
    location_name: String,
    #[sea_orm(nested)]
    custom: DetailColumns,
}

const LOCATION_NAME: &str =
    "(SELECT name FROM accounts WHERE accounts.id = installed_products.location_account_id)";

/// Adds the owner's and location's names and the viewer's custom details
/// to a product query (no second round trip).
fn with_account_names(
    select: Select<installed_product::Entity>,
    viewer: &Viewer,
) -> Select<installed_product::Entity> {
    let select = custom_details::columns(viewer)
        .into_iter()
        .fold(select, |s, (expr, alias)| s.column_as(expr, alias));
    with_subselects(
        select,
        &[
            (
                "(SELECT name FROM accounts WHERE accounts.id = installed_products.owner_account_id)",
                "owner_name",
            ),
            (LOCATION_NAME, "location_name"),
        ],
    )
}

fn record_with_names(row: ModelWithNames) -> StoreResult<ProductRecord> {
    let names: HashMap<Uuid, String> = [
        (row.product.owner_account_id, row.owner_name),
        (row.product.location_account_id, row.location_name),
    ]
    .into_iter()
    .collect();
    to_domain(row.product, &names, &row.custom)
}

/// The filtered query and its sorted page, as SQL builders: the list runs
/// them, and the benchmark runs the same SQL raw as its floor.
pub(crate) fn list_selects(
    listing: &ProductListing,
) -> (
    Select<installed_product::Entity>,
    Select<installed_product::Entity>,
) {
    let ProductListing {
        visibility,
        ref filter,
        today,
        sort,
        descending,
        page,
    } = *listing;
    let viewer = Viewer::of_products(visibility);
    let query = installed_product::Entity::find()
        .filter(visible_condition(visibility))
        .filter(filter.condition(today, &viewer));
    let order = if descending { Order::Desc } else { Order::Asc };
    let sorted = match sort {
        ProductSort::Number => query.clone(),
        ProductSort::Description => query.clone().order_by(C::Description, order.clone()),
        ProductSort::Modality => query.clone().order_by(C::Modality, order.clone()),
        ProductSort::Location => query.clone().order_by(Expr::cust(LOCATION_NAME), order.clone()),
        ProductSort::CustomName => query.clone().order_by_with_nulls(
            custom_details::detail(details::Column::CustomName, (installed_product::Entity, C::Id), &viewer),
            order.clone(),
            NullOrdering::Last,
        ),
        ProductSort::OperationalState => query.clone().order_by(
            // Worst first when descending: critical, down, restricted, up.
            Expr::cust("CASE operational_state WHEN 'critical' THEN 3 WHEN 'down' THEN 2 WHEN 'restricted' THEN 1 ELSE 0 END"),
            order.clone(),
        ),
        ProductSort::InstallDate => query.clone().order_by_with_nulls(C::InstallDate, order.clone(), NullOrdering::Last),
        ProductSort::CoverageEnd => query.clone().order_by_with_nulls(C::CoverageEndDate, order.clone(), NullOrdering::Last),
    };
    // The unique number breaks ties, so pages never overlap or skip.
    let number_order = if sort == ProductSort::Number {
        order
    } else {
        Order::Asc
    };
    let page_query = paged(
        with_account_names(sorted, &viewer).order_by(C::Number, number_order),
        page.window(),
    );
    (query, page_query)
}

/// One page of the visible products that match, and how many match in all.
pub async fn list_visible(
    db: &impl Conn,
    listing: &ProductListing,
) -> StoreResult<(Vec<ProductRecord>, u64)> {
    let db = db.raw();
    let (query, page_query) = list_selects(listing);
    let total = query.count(db).await?;
    let rows = page_query.into_model::<ModelWithNames>().all(db).await?;
    let records = rows
        .into_iter()
        .map(record_with_names)
        .collect::<StoreResult<_>>()?;
    Ok((records, total))
}

/// The product, or None when it does not exist *or* is not visible.
pub async fn find_visible(
    db: &impl Conn,
    visibility: AccountVisibility,
    id: InstalledProductId,
) -> StoreResult<Option<ProductRecord>> {
    let db = db.raw();
    let viewer = Viewer::of_products(visibility);
    with_account_names(installed_product::Entity::find_by_id(id.as_uuid()), &viewer)
        .filter(visible_condition(visibility))
        .into_model::<ModelWithNames>()
        .one(db)
        .await?
        .map(record_with_names)
        .transpose()
}

/// Visible products by id, for naming them on other pages.
pub async fn refs_visible(
    db: &impl Conn,
    visibility: AccountVisibility,
    ids: Vec<Uuid>,
) -> StoreResult<HashMap<Uuid, ProductName>> {
    let db = db.raw();
    if ids.is_empty() {
        return Ok(HashMap::new());
    }
    let rows: Vec<(Uuid, String, String, Option<String>, String)> =
        installed_product::Entity::find()
            .select_only()
            .column(C::Id)
            .column(C::Number)
            .column(C::Description)
            .expr(custom_details::detail(
                details::Column::CustomName,
                (installed_product::Entity, C::Id),
                &Viewer::of_products(visibility),
            ))
            .column(C::Kind)
            .filter(C::Id.is_in(ids))
            .filter(visible_condition(visibility))
            .into_tuple()
            .all(db)
            .await?;
    rows.into_iter()
        .map(|(id, number, description, custom_name, kind)| {
            let kind = kind
                .parse::<ProductKind>()
                .map_err(|_| corrupt_field("installed product", id)("kind"))?;
            Ok((
                id,
                ProductName {
                    id,
                    number,
                    description,
                    custom_name,
                    kind,
                },
            ))
        })
        .collect()
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ProductName {
    pub id: Uuid,
    pub number: String,
    pub description: String,
    pub custom_name: Option<String>,
    pub kind: ProductKind,
}

pub enum CustomDetailsUpdate {
    Updated {
        version: i32,
    },
    /// Someone else changed the product since the caller read `expected_version`.
    VersionMismatch {
        current: i32,
    },
}

/// Writes `parent`'s custom details if the product's stored version is
/// still `expected_version` (a compare-and-set in the UPDATE itself, so two
/// writers cannot both win). Call it inside a transaction: the version and
/// the details change together.
pub async fn update_custom_details(
    db: &impl Conn,
    id: InstalledProductId,
    parent: AccountId,
    expected_version: i32,
    details: &CustomDetails,
    now: DateTime<Utc>,
) -> StoreResult<CustomDetailsUpdate> {
    let result = bump_version(
        installed_product::Entity::update_many(),
        C::UpdatedAt,
        C::Version,
        now,
    )
    .filter(C::Id.eq(id.as_uuid()))
    .filter(C::Version.eq(expected_version))
    .exec(db.raw())
    .await?;
    if result.rows_affected == 1 {
        custom_details::save(db, id, parent, details, now).await?;
        return Ok(CustomDetailsUpdate::Updated {
            version: expected_version + 1,
        });
    }
    let current = installed_product::Entity::find_by_id(id.as_uuid())
        .one(db.raw())
        .await?
        .map(|m| m.version)
        .ok_or_else(|| StoreError::Corrupt(format!("installed product {id} vanished")))?;
    Ok(CustomDetailsUpdate::VersionMismatch { current })
}

/// Data for a new product (seeding and the service side): the fields an
/// import carries, and what only the portal knows.
#[derive(Debug, Clone)]
pub struct NewProduct {
    pub id: InstalledProductId,
    pub fields: super::imports::ProductRecord,
    pub operational_state: OperationalState,
}

pub(crate) fn new_model(p: &NewProduct, now: DateTime<Utc>) -> installed_product::ActiveModel {
    installed_product::ActiveModel {
        id: Set(p.id.as_uuid()),
        operational_state: Set(p.operational_state.as_str().to_owned()),
        coverage_end_date: Set(None),
        created_at: Set(now),
        updated_at: Set(now),
        version: Set(1),
        ..super::imports::active(&p.fields)
    }
}

pub async fn insert(db: &impl Conn, p: &NewProduct, now: DateTime<Utc>) -> StoreResult<()> {
    let db = db.raw();
    new_model(p, now).insert(db).await?;
    Ok(())
}

/// Many products in one statement per chunk (seeding at scale).
pub async fn insert_many(
    db: &impl Conn,
    products: &[NewProduct],
    now: DateTime<Utc>,
) -> StoreResult<()> {
    // 26 columns a row.
    insert_chunked(db.raw(), products, 1000, |p| new_model(p, now)).await
}

/// Recomputes each product's latest covered end date from its contract lines.
pub async fn refresh_coverage(db: &impl Conn) -> StoreResult<()> {
    let db = db.raw();
    db.execute_unprepared(
        "UPDATE installed_products SET coverage_end_date = (
            SELECT MAX(cl.end_date) FROM contract_lines cl
            JOIN contract_coverage cc ON cc.contract_line_id = cl.id
            WHERE cc.installed_product_id = installed_products.id)",
    )
    .await?;
    Ok(())
}

/// Sets the operational state (the cases feed it).
pub async fn set_operational_state(
    db: &impl Conn,
    id: InstalledProductId,
    state: OperationalState,
) -> StoreResult<()> {
    let db = db.raw();
    installed_product::Entity::update_many()
        .col_expr(C::OperationalState, Expr::value(state.as_str()))
        .filter(C::Id.eq(id.as_uuid()))
        .exec(db)
        .await?;
    Ok(())
}

/// Visible products counted per location, modality and state, in one pass.
pub(crate) fn state_count_select(
    visibility: AccountVisibility,
) -> Select<installed_product::Entity> {
    installed_product::Entity::find()
        .select_only()
        .column(C::LocationAccountId)
        .column(C::Modality)
        .column(C::OperationalState)
        .column_as(Expr::col(C::Id).count(), "n")
        .filter(visible_condition(visibility))
        .group_by(C::LocationAccountId)
        .group_by(C::Modality)
        .group_by(C::OperationalState)
}

/// `(location, modality, state, count)` of the visible products.
pub async fn state_counts(
    db: &impl Conn,
    visibility: AccountVisibility,
) -> StoreResult<Vec<(Uuid, String, String, i64)>> {
    let db = db.raw();
    Ok(state_count_select(visibility).into_tuple().all(db).await?)
}

/// Owner and location accounts of visible products.
pub async fn attached_accounts(
    db: &impl Conn,
    visibility: AccountVisibility,
) -> StoreResult<(Vec<Uuid>, Vec<Uuid>)> {
    let db = db.raw();
    let distinct = |column: C| {
        installed_product::Entity::find()
            .select_only()
            .column(column)
            .distinct()
            .filter(visible_condition(visibility))
            .into_tuple::<Uuid>()
    };
    Ok((
        distinct(C::OwnerAccountId).all(db).await?,
        distinct(C::LocationAccountId).all(db).await?,
    ))
}
