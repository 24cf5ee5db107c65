//! Portal support's changes to the account tree: new accounts, their
//! fields, and moving a child account (with everything below it) to another
//! place, within its customer or to another one.

use crate::db::Conn;
use crate::entities::{account, account_assignment, contract, installed_product, user};
use crate::error::StoreResult;

use domain::{Account, AccountFields, AccountId, UserId};
use sea_orm::sea_query::Expr;
use sea_orm::{
    ColumnTrait, Condition, EntityTrait, PaginatorTrait, QueryFilter, QueryOrder, QuerySelect, Set,
};
use std::collections::{BTreeSet, HashMap};

/// Replaces the account's fields.
pub async fn update(db: &impl Conn, id: AccountId, fields: &AccountFields) -> StoreResult<()> {
    let mut model = super::accounts::fields_model(fields);
    model.id = Set(id.as_uuid());
    account::Entity::update(model).exec(db.raw()).await?;
    Ok(())
}

/// Sets the account directly above `id` (within its customer).
pub async fn set_parent(db: &impl Conn, id: AccountId, parent: AccountId) -> StoreResult<()> {
    account::Entity::update_many()
        .col_expr(account::Column::ParentId, Expr::value(parent.as_uuid()))
        .filter(account::Column::Id.eq(id.as_uuid()))
        .exec(db.raw())
        .await?;
    Ok(())
}

/// The accounts with these source ids, by source id (unique across
/// customers).
pub async fn by_source_ids(
    db: &impl Conn,
    source_ids: &[String],
) -> StoreResult<HashMap<String, Account>> {
    let mut found = HashMap::new();
    // In chunks: a statement takes a bounded number of parameters.
    for chunk in source_ids.chunks(500) {
        let models = account::Entity::find()
            .filter(account::Column::SourceId.is_in(chunk.iter().cloned()))
            .all(db.raw())
            .await?;
        for m in models {
            let account = super::accounts::to_domain(m)?;
            if let Some(source) = account.fields.source_id.clone() {
                found.insert(source, account);
            }
        }
    }
    Ok(found)
}

/// Every account of the customer whose parent account is `parent_account`.
pub async fn tree(db: &impl Conn, parent_account: AccountId) -> StoreResult<Vec<Account>> {
    let models = account::Entity::find()
        .filter(account::Column::ParentAccountId.eq(parent_account.as_uuid()))
        .order_by_asc(account::Column::Name)
        .all(db.raw())
        .await?;
    models.into_iter().map(super::accounts::to_domain).collect()
}

/// A user's assignment to an account that a move would end.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct EndingAssignment {
    pub user: UserId,
    pub username: String,
    pub account: AccountId,
}

/// What moving `accounts` takes along: the installed products located at or
/// owned by them, the contracts they hold, and the assignments of users of
/// other customers than `to_customer` to them, which end.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct MoveContents {
    pub products: u64,
    pub contracts: u64,
    pub ending: Vec<EndingAssignment>,
}

pub async fn move_contents(
    db: &impl Conn,
    accounts: &BTreeSet<AccountId>,
    to_customer: AccountId,
) -> StoreResult<MoveContents> {
    let db = db.raw();
    let ids: Vec<uuid::Uuid> = accounts.iter().map(|a| a.as_uuid()).collect();
    let products = installed_product::Entity::find()
        .filter(
            Condition::any()
                .add(installed_product::Column::LocationAccountId.is_in(ids.clone()))
                .add(installed_product::Column::OwnerAccountId.is_in(ids.clone())),
        )
        .count(db)
        .await?;
    let contracts = contract::Entity::find()
        .filter(contract::Column::ShipToAccountId.is_in(ids.clone()))
        .count(db)
        .await?;
    let ending = account_assignment::Entity::find()
        .select_only()
        .column(account_assignment::Column::UserId)
        .column(account_assignment::Column::AccountId)
        .column(user::Column::Username)
        .join(
            sea_orm::JoinType::InnerJoin,
            account_assignment::Entity::belongs_to(user::Entity)
                .from(account_assignment::Column::UserId)
                .to(user::Column::Id)
                .into(),
        )
        .filter(account_assignment::Column::AccountId.is_in(ids))
        .filter(
            Condition::any()
                .add(user::Column::ParentAccountId.ne(to_customer.as_uuid()))
                .add(user::Column::ParentAccountId.is_null()),
        )
        .order_by_asc(user::Column::Username)
        .into_tuple::<(uuid::Uuid, uuid::Uuid, String)>()
        .all(db)
        .await?
        .into_iter()
        .map(|(user, account, username)| EndingAssignment {
            user: UserId::from_uuid(user),
            username,
            account: AccountId::from_uuid(account),
        })
        .collect();
    Ok(MoveContents {
        products,
        contracts,
        ending,
    })
}

/// Moves `root` (and `accounts`, its subtree) under `to`, into `to`'s
/// customer, and ends the assignments `ending` names.
pub async fn move_subtree(
    db: &impl Conn,
    root: AccountId,
    accounts: &BTreeSet<AccountId>,
    to: &Account,
    ending: &[EndingAssignment],
) -> StoreResult<()> {
    let db = db.raw();
    account::Entity::update_many()
        .col_expr(account::Column::ParentId, Expr::value(to.id.as_uuid()))
        .filter(account::Column::Id.eq(root.as_uuid()))
        .exec(db)
        .await?;
    account::Entity::update_many()
        .col_expr(
            account::Column::ParentAccountId,
            Expr::value(to.parent_account_id.as_uuid()),
        )
        .filter(account::Column::Id.is_in(accounts.iter().map(|a| a.as_uuid())))
        .exec(db)
        .await?;
    for e in ending {
        account_assignment::Entity::delete_many()
            .filter(account_assignment::Column::UserId.eq(e.user.as_uuid()))
            .filter(account_assignment::Column::AccountId.eq(e.account.as_uuid()))
            .exec(db)
            .await?;
    }
    Ok(())
}
