use crate::entities::{account, account_assignment};
use crate::error::{StoreError, StoreResult};
use chrono::Utc;
use domain::{
    Account, AccountId, AccountKind, AccountName, AccountScope, CountryCode, Role, User,
    VisibilityReason,
};
use sea_orm::sea_query::Query;
use sea_orm::{
    ActiveModelTrait, ColumnTrait, Condition, ConnectionTrait, EntityTrait, PaginatorTrait,
    QueryFilter, QueryOrder, QuerySelect, Set,
};
use std::collections::BTreeSet;

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
    pub fn account_ids(self) -> Option<sea_orm::sea_query::SelectStatement> {
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

    fn condition(self) -> Condition {
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

fn to_domain(m: account::Model) -> StoreResult<Account> {
    let corrupt = |what: &str| StoreError::Corrupt(format!("account {}: {what}", m.id));
    Ok(Account {
        id: AccountId::from_uuid(m.id),
        parent_id: m.parent_id.map(AccountId::from_uuid),
        parent_account_id: AccountId::from_uuid(m.parent_account_id),
        name: AccountName::parse(&m.name).map_err(|_| corrupt("name"))?,
        kind: m.kind.parse::<AccountKind>().map_err(|_| corrupt("kind"))?,
        country: CountryCode::parse(&m.country).map_err(|_| corrupt("country"))?,
        city: m.city.clone(),
    })
}

pub async fn list_visible(
    db: &impl ConnectionTrait,
    visibility: AccountVisibility,
) -> StoreResult<Vec<Account>> {
    account::Entity::find()
        .filter(visibility.condition())
        .order_by_asc(account::Column::Name)
        .order_by_asc(account::Column::Id)
        .all(db)
        .await?
        .into_iter()
        .map(to_domain)
        .collect()
}

/// Every account the caller sees, with why: assigned ones, and those attached
/// to visible products (owner, location) and contracts (ship-to).
pub async fn list_with_reasons(
    db: &impl ConnectionTrait,
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
            .all(db)
            .await?
        {
            accounts.push(to_domain(model)?);
        }
    }
    accounts.sort_by(|a, b| a.name.as_str().cmp(b.name.as_str()).then(a.id.cmp(&b.id)));
    Ok(accounts
        .into_iter()
        .map(|a| {
            let why = reasons.remove(&a.id.as_uuid()).unwrap_or_default();
            (a, why)
        })
        .collect())
}

pub async fn count_visible(
    db: &impl ConnectionTrait,
    visibility: AccountVisibility,
) -> StoreResult<u64> {
    Ok(account::Entity::find()
        .filter(visibility.condition())
        .count(db)
        .await?)
}

/// The account and why it is visible, or None when it does not exist *or*
/// is not visible: callers cannot tell.
pub async fn find_visible(
    db: &impl ConnectionTrait,
    visibility: AccountVisibility,
    id: AccountId,
) -> StoreResult<Option<(Account, BTreeSet<VisibilityReason>)>> {
    // Few accounts per customer: reuse the list rather than a second rule.
    Ok(list_with_reasons(db, visibility)
        .await?
        .into_iter()
        .find(|(a, _)| a.id == id))
}

pub async fn find_by_id(db: &impl ConnectionTrait, id: AccountId) -> StoreResult<Option<Account>> {
    account::Entity::find_by_id(id.as_uuid())
        .one(db)
        .await?
        .map(to_domain)
        .transpose()
}

/// The scope as a set of ids, for the authorization policy.
pub async fn scope(db: &impl ConnectionTrait, user: &User) -> StoreResult<AccountScope> {
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

pub async fn insert(db: &impl ConnectionTrait, a: &Account) -> StoreResult<()> {
    account::ActiveModel {
        id: Set(a.id.as_uuid()),
        parent_id: Set(a.parent_id.map(|p| p.as_uuid())),
        parent_account_id: Set(a.parent_account_id.as_uuid()),
        name: Set(a.name.as_str().to_owned()),
        kind: Set(a.kind.as_str().to_owned()),
        country: Set(a.country.as_str().to_owned()),
        city: Set(a.city.clone()),
        created_at: Set(Utc::now()),
        require_mfa: Set(false),
    }
    .insert(db)
    .await?;
    Ok(())
}

pub async fn assign(
    db: &impl ConnectionTrait,
    user: domain::UserId,
    account: AccountId,
) -> StoreResult<()> {
    account_assignment::ActiveModel {
        user_id: Set(user.as_uuid()),
        account_id: Set(account.as_uuid()),
        created_at: Set(Utc::now()),
    }
    .insert(db)
    .await?;
    Ok(())
}

pub async fn is_empty(db: &impl ConnectionTrait) -> StoreResult<bool> {
    Ok(account::Entity::find().count(db).await? == 0)
}

/// Whether the parent account asks every user for a second factor.
pub async fn requires_mfa(db: &impl ConnectionTrait, parent: AccountId) -> StoreResult<bool> {
    Ok(account::Entity::find_by_id(parent.as_uuid())
        .one(db)
        .await?
        .is_some_and(|a| a.require_mfa))
}

pub async fn set_requires_mfa(
    db: &impl ConnectionTrait,
    parent: AccountId,
    required: bool,
) -> StoreResult<()> {
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
