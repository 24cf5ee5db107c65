use crate::db::Conn;
use crate::entities::{account, account_assignment};
use crate::error::{corrupt_field, StoreResult};
use chrono::{DateTime, Utc};
use domain::{
    Account, AccountFields, AccountId, AccountKind, AccountName, AccountScope, CountryCode, User,
    VisibilityReason,
};
use sea_orm::sea_query::Expr;
use sea_orm::{
    ActiveModelTrait, ColumnTrait, EntityTrait, PaginatorTrait, QueryFilter, QueryOrder,
    QuerySelect, Set,
};
use std::collections::BTreeSet;

use super::query::all_converted;
pub use super::query::AccountVisibility;

pub(crate) fn to_domain(m: account::Model) -> StoreResult<Account> {
    let corrupt = corrupt_field("account", m.id);
    Ok(Account {
        id: AccountId::from_uuid(m.id),
        parent_id: m.parent_id.map(AccountId::from_uuid),
        parent_account_id: AccountId::from_uuid(m.parent_account_id),
        fields: AccountFields {
            name: AccountName::parse(&m.name).map_err(|_| corrupt("name"))?,
            kind: m.kind.parse::<AccountKind>().map_err(|_| corrupt("kind"))?,
            country: CountryCode::parse(&m.country).map_err(|_| corrupt("country"))?,
            city: m.city,
            address: m.address,
            market: m.market,
            source_id: m.source_id,
        },
    })
}

pub async fn list_visible(
    db: &impl Conn,
    visibility: AccountVisibility,
) -> StoreResult<Vec<Account>> {
    let visible = account::Entity::find()
        .filter(visibility.condition())
        .order_by_asc(account::Column::Name)
        .order_by_asc(account::Column::Id);
    all_converted(db.raw(), visible, to_domain).await
}

/// Every account the caller sees, with why: assigned ones, and those attached
/// to visible products (owner, location) and contracts (ship-to).
pub async fn list_with_reasons(
    db: &impl Conn,
    visibility: AccountVisibility,
) -> StoreResult<Vec<(Account, BTreeSet<VisibilityReason>)>> {
    use crate::repositories::{contracts, installed_products};
    let mut reasons: std::collections::HashMap<uuid::Uuid, BTreeSet<VisibilityReason>> =
        std::collections::HashMap::new();
    let assigned = list_visible(db, visibility).await?;
    for account in &assigned {
        reasons
            .entry(account.id.as_uuid())
            .or_default()
            .insert(VisibilityReason::Assigned);
    }
    let (owners, locations) = installed_products::attached_accounts(db, visibility).await?;
    let ship_to = contracts::ship_to_accounts(db, visibility).await?;
    for (ids, reason) in [
        (owners, VisibilityReason::OwnerOfVisibleProduct),
        (locations, VisibilityReason::LocationOfVisibleProduct),
        (ship_to, VisibilityReason::ContractHolder),
    ] {
        for id in ids {
            reasons.entry(id).or_default().insert(reason);
        }
    }
    let known: BTreeSet<uuid::Uuid> = assigned.iter().map(|a| a.id.as_uuid()).collect();
    let extra: Vec<uuid::Uuid> = reasons
        .keys()
        .filter(|id| !known.contains(id))
        .copied()
        .collect();
    let mut accounts = assigned;
    if !extra.is_empty() {
        for model in account::Entity::find()
            .filter(account::Column::Id.is_in(extra))
            .all(db.raw())
            .await?
        {
            accounts.push(to_domain(model)?);
        }
    }
    accounts.sort_by(|a, b| {
        a.fields
            .name
            .as_str()
            .cmp(b.fields.name.as_str())
            .then(a.id.cmp(&b.id))
    });
    Ok(accounts
        .into_iter()
        .map(|a| {
            let why = reasons.remove(&a.id.as_uuid()).unwrap_or_default();
            (a, why)
        })
        .collect())
}

pub async fn count_visible(db: &impl Conn, visibility: AccountVisibility) -> StoreResult<u64> {
    let db = db.raw();
    Ok(account::Entity::find()
        .filter(visibility.condition())
        .count(db)
        .await?)
}

/// The account and why it is visible, or None when it does not exist *or*
/// is not visible: callers cannot tell.
pub async fn find_visible(
    db: &impl Conn,
    visibility: AccountVisibility,
    id: AccountId,
) -> StoreResult<Option<(Account, BTreeSet<VisibilityReason>)>> {
    // Few accounts per customer: reuse the list rather than a second rule.
    Ok(list_with_reasons(db, visibility)
        .await?
        .into_iter()
        .find(|(a, _)| a.id == id))
}

pub async fn find_by_id(db: &impl Conn, id: AccountId) -> StoreResult<Option<Account>> {
    let db = db.raw();
    account::Entity::find_by_id(id.as_uuid())
        .one(db)
        .await?
        .map(to_domain)
        .transpose()
}

/// The scope as a set of ids, for the authorization policy.
pub async fn scope(db: &impl Conn, user: &User) -> StoreResult<AccountScope> {
    let db = db.raw();
    let visibility = AccountVisibility::of(user);
    if visibility == AccountVisibility::All {
        return Ok(AccountScope::All);
    }
    let ids: Vec<uuid::Uuid> = account::Entity::find()
        .select_only()
        .column(account::Column::Id)
        .filter(visibility.condition())
        .into_tuple()
        .all(db)
        .await?;
    Ok(AccountScope::Accounts(
        ids.into_iter()
            .map(AccountId::from_uuid)
            .collect::<BTreeSet<_>>(),
    ))
}

/// The row's columns of an account's own fields (the rest left unset).
pub(crate) fn fields_model(f: &AccountFields) -> account::ActiveModel {
    account::ActiveModel {
        name: Set(f.name.as_str().to_owned()),
        kind: Set(f.kind.as_str().to_owned()),
        country: Set(f.country.as_str().to_owned()),
        city: Set(f.city.clone()),
        address: Set(f.address.clone()),
        market: Set(f.market.clone()),
        source_id: Set(f.source_id.clone()),
        ..Default::default()
    }
}

/// Stores a new account (its place in the tree and its fields).
pub async fn insert(db: &impl Conn, a: &Account, now: DateTime<Utc>) -> StoreResult<()> {
    account::ActiveModel {
        id: Set(a.id.as_uuid()),
        parent_id: Set(a.parent_id.map(|p| p.as_uuid())),
        parent_account_id: Set(a.parent_account_id.as_uuid()),
        created_at: Set(now),
        require_mfa: Set(false),
        ..fields_model(&a.fields)
    }
    .insert(db.raw())
    .await?;
    Ok(())
}

/// The accounts of the parent account whose source id is `parent_source`,
/// by source id; `None` when no parent account has that source id.
pub async fn by_source_id_under(
    db: &impl Conn,
    parent_source: &str,
) -> StoreResult<Option<(AccountId, std::collections::HashMap<String, AccountId>)>> {
    let db = db.raw();
    let Some(parent) = account::Entity::find()
        .filter(account::Column::SourceId.eq(parent_source))
        .filter(Expr::col(account::Column::Id).equals(account::Column::ParentAccountId))
        .one(db)
        .await?
    else {
        return Ok(None);
    };
    let accounts = account::Entity::find()
        .filter(account::Column::ParentAccountId.eq(parent.id))
        .filter(account::Column::SourceId.is_not_null())
        .all(db)
        .await?
        .into_iter()
        .filter_map(|a| Some((a.source_id?, AccountId::from_uuid(a.id))))
        .collect();
    Ok(Some((AccountId::from_uuid(parent.id), accounts)))
}

pub async fn assign(db: &impl Conn, user: domain::UserId, account: AccountId) -> StoreResult<()> {
    let db = db.raw();
    account_assignment::ActiveModel {
        user_id: Set(user.as_uuid()),
        account_id: Set(account.as_uuid()),
        created_at: Set(Utc::now()),
    }
    .insert(db)
    .await?;
    Ok(())
}

pub async fn is_empty(db: &impl Conn) -> StoreResult<bool> {
    let db = db.raw();
    Ok(account::Entity::find().count(db).await? == 0)
}

/// The countries where installed products stand (their location accounts'),
/// for the start-up check that each has a contact centre.
pub async fn product_countries(db: &impl Conn) -> StoreResult<Vec<String>> {
    use crate::entities::installed_product;
    use sea_orm::sea_query::Query;
    let locations = Query::select()
        .column(installed_product::Column::LocationAccountId)
        .from(installed_product::Entity)
        .to_owned();
    Ok(account::Entity::find()
        .select_only()
        .column(account::Column::Country)
        .distinct()
        .filter(account::Column::Id.in_subquery(locations))
        .into_tuple::<String>()
        .all(db.raw())
        .await?)
}

/// Whether the parent account asks every user for a second factor.
pub async fn requires_mfa(db: &impl Conn, parent: AccountId) -> StoreResult<bool> {
    let db = db.raw();
    Ok(account::Entity::find_by_id(parent.as_uuid())
        .one(db)
        .await?
        .is_some_and(|a| a.require_mfa))
}

pub async fn set_requires_mfa(
    db: &impl Conn,
    parent: AccountId,
    required: bool,
) -> StoreResult<()> {
    let db = db.raw();
    account::Entity::update_many()
        .col_expr(
            account::Column::RequireMfa,
            sea_orm::sea_query::Expr::value(required),
        )
        .filter(account::Column::Id.eq(parent.as_uuid()))
        .exec(db)
        .await?;
    Ok(())
}
