//! End-of-life subscriptions and the notices sent for them. A notice row is
//! unique per user, product, milestone and date: inserting it is the claim
//! to tell the user, so two server processes never both tell them.

use crate::db::Conn;
use crate::entities::{eol_notice, eol_subscription, installed_product, user};
use crate::error::{corrupt_field, StoreError, StoreResult};
use crate::repositories::query::{
    count_and_page, names_of_accounts, product_names, visible_condition, visible_ids,
    AccountVisibility, PageRequest,
};
use chrono::{DateTime, NaiveDate, Utc};
use domain::end_of_life::{EolTopic, Milestone};
use domain::{AccountId, InstalledProductId, Modality, User, UserId};
use sea_orm::sea_query::{Expr, OnConflict, Order, SimpleExpr};
use sea_orm::{ColumnTrait, Condition, EntityTrait, QueryFilter, QueryOrder, QuerySelect, Set};
use std::collections::HashMap;
use uuid::Uuid;

use eol_notice::Column as N;
use eol_subscription::Column as S;
use installed_product::Column as P;

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Subscription {
    pub id: Uuid,
    pub topic: EolTopic,
    /// The product's number, for a product subscription.
    pub product_number: Option<String>,
    pub created_at: DateTime<Utc>,
}

/// A product with an end-of-life or end-of-service date.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct EolProduct {
    pub id: InstalledProductId,
    pub number: String,
    pub description: String,
    pub modality: Modality,
    pub location: AccountId,
    pub location_name: String,
    pub end_of_life: Option<NaiveDate>,
    pub end_of_service: Option<NaiveDate>,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Notice {
    pub id: Uuid,
    pub product: InstalledProductId,
    pub product_number: String,
    pub product_description: String,
    pub milestone: Milestone,
    pub date: NaiveDate,
    pub created_at: DateTime<Utc>,
    pub read: bool,
}

fn subscription_of(
    m: eol_subscription::Model,
    numbers: &HashMap<Uuid, String>,
) -> StoreResult<Subscription> {
    let corrupt = corrupt_field("end-of-life subscription", m.id);
    let topic = match (m.modality.as_deref(), m.installed_product_id) {
        (Some(modality), None) => {
            EolTopic::Modality(modality.parse().map_err(|_| corrupt("modality"))?)
        }
        (None, Some(product)) => EolTopic::Product(InstalledProductId::from_uuid(product)),
        _ => return Err(corrupt("topic")),
    };
    Ok(Subscription {
        id: m.id,
        product_number: m
            .installed_product_id
            .and_then(|p| numbers.get(&p).cloned()),
        topic,
        created_at: m.created_at,
    })
}

/// A user's subscriptions: modalities first, then products by number.
pub async fn subscriptions_of(db: &impl Conn, user: UserId) -> StoreResult<Vec<Subscription>> {
    let db = db.raw();
    let models = eol_subscription::Entity::find()
        .filter(S::UserId.eq(user.as_uuid()))
        .order_by_asc(S::CreatedAt)
        .all(db)
        .await?;
    let numbers: HashMap<Uuid, String> = installed_product::Entity::find()
        .select_only()
        .columns([P::Id, P::Number])
        .filter(P::Id.is_in(models.iter().filter_map(|m| m.installed_product_id)))
        .into_tuple::<(Uuid, String)>()
        .all(db)
        .await?
        .into_iter()
        .collect();
    let mut subscriptions = models
        .into_iter()
        .map(|m| subscription_of(m, &numbers))
        .collect::<StoreResult<Vec<_>>>()?;
    subscriptions.sort_by(|a, b| match (&a.topic, &b.topic) {
        (EolTopic::Modality(x), EolTopic::Modality(y)) => x.as_str().cmp(y.as_str()),
        (EolTopic::Modality(_), EolTopic::Product(_)) => std::cmp::Ordering::Less,
        (EolTopic::Product(_), EolTopic::Modality(_)) => std::cmp::Ordering::Greater,
        _ => a.product_number.cmp(&b.product_number),
    });
    Ok(subscriptions)
}

/// Subscribes `user` to `topic`; subscribing twice keeps the first. Answers
/// the subscription and whether it is new.
pub async fn subscribe(
    db: &impl Conn,
    user: UserId,
    topic: EolTopic,
    now: DateTime<Utc>,
) -> StoreResult<(Subscription, bool)> {
    let raw = db.raw();
    let (modality, product) = match topic {
        EolTopic::Modality(m) => (Some(m.as_str().to_owned()), None),
        EolTopic::Product(p) => (None, Some(p.as_uuid())),
    };
    let key = match topic {
        EolTopic::Modality(_) => S::Modality,
        EolTopic::Product(_) => S::InstalledProductId,
    };
    let inserted = eol_subscription::Entity::insert(eol_subscription::ActiveModel {
        id: Set(Uuid::now_v7()),
        user_id: Set(user.as_uuid()),
        modality: Set(modality),
        installed_product_id: Set(product),
        created_at: Set(now),
    })
    .on_conflict(
        OnConflict::columns([S::UserId, key])
            .do_nothing()
            .to_owned(),
    )
    .exec_without_returning(raw)
    .await?;
    let found = subscriptions_of(db, user)
        .await?
        .into_iter()
        .find(|s| s.topic == topic)
        .ok_or_else(|| StoreError::Corrupt("a subscription just made is gone".into()))?;
    Ok((found, inserted == 1))
}

/// Ends one of `user`'s subscriptions; false when they have none by that id.
pub async fn unsubscribe(db: &impl Conn, user: UserId, id: Uuid) -> StoreResult<bool> {
    let deleted = eol_subscription::Entity::delete_many()
        .filter(S::Id.eq(id))
        .filter(S::UserId.eq(user.as_uuid()))
        .exec(db.raw())
        .await?;
    Ok(deleted.rows_affected == 1)
}

/// The earlier of a product's two dates, in SQL, for sorting by what comes
/// first (products with neither are filtered out before).
fn nearest_date() -> SimpleExpr {
    Expr::cust(
        "CASE WHEN end_of_life_date IS NULL THEN end_of_service_date \
         WHEN end_of_service_date IS NULL THEN end_of_life_date \
         WHEN end_of_life_date < end_of_service_date THEN end_of_life_date \
         ELSE end_of_service_date END",
    )
}

fn has_a_date() -> Condition {
    Condition::any()
        .add(P::EndOfLifeDate.is_not_null())
        .add(P::EndOfServiceDate.is_not_null())
}

/// A page of the visible products that have an end-of-life or end-of-service
/// date, the nearest first.
pub async fn products_with_dates(
    db: &impl Conn,
    visibility: AccountVisibility,
    modality: Option<Modality>,
    page: PageRequest,
) -> StoreResult<(Vec<EolProduct>, u64)> {
    let db = db.raw();
    let mut query = installed_product::Entity::find()
        .filter(visible_condition(visibility))
        .filter(has_a_date());
    if let Some(m) = modality {
        query = query.filter(P::Modality.eq(m.as_str()));
    }
    let total = {
        use sea_orm::PaginatorTrait;
        query.clone().count(db).await?
    };
    let (offset, limit) = page.window();
    let models = query
        .order_by(nearest_date(), Order::Asc)
        .order_by(P::Number, Order::Asc)
        .offset(offset)
        .limit(limit)
        .all(db)
        .await?;
    let names = names_of_accounts(db, models.iter().map(|m| m.location_account_id)).await?;
    let products = models
        .into_iter()
        .map(|m| {
            Ok(EolProduct {
                id: InstalledProductId::from_uuid(m.id),
                modality: m
                    .modality
                    .parse()
                    .map_err(|_| corrupt_field("installed product", m.id)("modality"))?,
                location: AccountId::from_uuid(m.location_account_id),
                location_name: names
                    .get(&m.location_account_id)
                    .cloned()
                    .unwrap_or_default(),
                number: m.number,
                description: m.description,
                end_of_life: m.end_of_life_date,
                end_of_service: m.end_of_service_date,
            })
        })
        .collect::<StoreResult<Vec<_>>>()?;
    Ok((products, total))
}

/// The active users who subscribe to anything, to look for their due notices.
pub async fn subscribers(db: &impl Conn) -> StoreResult<Vec<User>> {
    let db = db.raw();
    let ids = sea_orm::sea_query::Query::select()
        .distinct()
        .column(S::UserId)
        .from(eol_subscription::Entity)
        .to_owned();
    let models = user::Entity::find()
        .filter(user::Column::Active.eq(true))
        .filter(user::Column::Id.in_subquery(ids))
        .all(db)
        .await?;
    models.iter().map(super::users::to_domain).collect()
}

/// A notice that was due and is now claimed for telling.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ClaimedNotice {
    pub product_number: String,
    pub product_description: String,
    pub milestone: Milestone,
    pub date: NaiveDate,
}

/// A milestone of a product that may be due to tell a subscriber.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct DueNotice {
    product: Uuid,
    notice: ClaimedNotice,
}

/// The milestones on or before `horizon` of the visible products that
/// `user` subscribes to, told or not (the claim sorts that out).
pub async fn due_for(
    db: &impl Conn,
    user: &User,
    horizon: NaiveDate,
) -> StoreResult<Vec<DueNotice>> {
    let db = db.raw();
    let subscriptions = eol_subscription::Entity::find()
        .filter(S::UserId.eq(user.id.as_uuid()))
        .all(db)
        .await?;
    let modalities: Vec<String> = subscriptions
        .iter()
        .filter_map(|s| s.modality.clone())
        .collect();
    let products: Vec<Uuid> = subscriptions
        .iter()
        .filter_map(|s| s.installed_product_id)
        .collect();
    if modalities.is_empty() && products.is_empty() {
        return Ok(Vec::new());
    }
    let candidates = installed_product::Entity::find()
        .filter(visible_condition(AccountVisibility::of(user)))
        .filter(
            Condition::any()
                .add(P::Modality.is_in(modalities))
                .add(P::Id.is_in(products)),
        )
        .filter(
            Condition::any()
                .add(P::EndOfLifeDate.lte(horizon))
                .add(P::EndOfServiceDate.lte(horizon)),
        )
        .order_by_asc(P::Number)
        .all(db)
        .await?;
    let mut due = Vec::new();
    for p in candidates {
        let dates = [
            (Milestone::EndOfLife, p.end_of_life_date),
            (Milestone::EndOfService, p.end_of_service_date),
        ];
        for (milestone, date) in dates {
            if let Some(date) = date.filter(|d| *d <= horizon) {
                due.push(DueNotice {
                    product: p.id,
                    notice: ClaimedNotice {
                        product_number: p.number.clone(),
                        product_description: p.description.clone(),
                        milestone,
                        date,
                    },
                });
            }
        }
    }
    Ok(due)
}

/// Claims the notices of `due` that `user` was not told of yet; run in a
/// transaction with the email that tells them. The claim is the first
/// write of that transaction (SQLite then waits for the write lock rather
/// than failing to upgrade a read), and a notice another process claimed
/// first is not answered here.
pub async fn claim(
    tx: &impl Conn,
    user: UserId,
    due: Vec<DueNotice>,
    now: DateTime<Utc>,
) -> StoreResult<Vec<ClaimedNotice>> {
    let db = tx.raw();
    let mut claimed = Vec::new();
    for d in due {
        let inserted = eol_notice::Entity::insert(eol_notice::ActiveModel {
            id: Set(Uuid::now_v7()),
            user_id: Set(user.as_uuid()),
            installed_product_id: Set(d.product),
            milestone: Set(d.notice.milestone.as_str().to_owned()),
            milestone_date: Set(d.notice.date),
            created_at: Set(now),
            read_at: Set(None),
        })
        .on_conflict(
            OnConflict::columns([
                N::UserId,
                N::InstalledProductId,
                N::Milestone,
                N::MilestoneDate,
            ])
            .do_nothing()
            .to_owned(),
        )
        .exec_without_returning(db)
        .await?;
        if inserted == 1 {
            claimed.push(d.notice);
        }
    }
    Ok(claimed)
}

/// A page of `user`'s notices, newest first, with how many are unread. Only
/// notices of products they still see.
pub async fn notices_of(
    db: &impl Conn,
    user: &User,
    page: PageRequest,
) -> StoreResult<(Vec<Notice>, u64, u64)> {
    let db = db.raw();
    let visible = visible_ids(AccountVisibility::of(user));
    let query = eol_notice::Entity::find()
        .filter(N::UserId.eq(user.id.as_uuid()))
        .filter(N::InstalledProductId.in_subquery(visible));
    let unread = {
        use sea_orm::PaginatorTrait;
        query.clone().filter(N::ReadAt.is_null()).count(db).await?
    };
    let (models, total) = count_and_page(
        db,
        query,
        &[(N::CreatedAt, Order::Desc), (N::Id, Order::Desc)],
        page.window(),
    )
    .await?;
    let products = product_names(db, models.iter().map(|m| m.installed_product_id)).await?;
    let notices = models
        .into_iter()
        .map(|m| {
            let (number, description) = products
                .get(&m.installed_product_id)
                .cloned()
                .unwrap_or_default();
            Ok(Notice {
                milestone: m
                    .milestone
                    .parse()
                    .map_err(|_| corrupt_field("end-of-life notice", m.id)("milestone"))?,
                id: m.id,
                product: InstalledProductId::from_uuid(m.installed_product_id),
                product_number: number,
                product_description: description,
                date: m.milestone_date,
                created_at: m.created_at,
                read: m.read_at.is_some(),
            })
        })
        .collect::<StoreResult<Vec<_>>>()?;
    Ok((notices, total, unread))
}

/// Marks all of `user`'s notices read; answers how many were unread.
pub async fn mark_read(db: &impl Conn, user: UserId, now: DateTime<Utc>) -> StoreResult<u64> {
    let done = eol_notice::Entity::update_many()
        .col_expr(N::ReadAt, Expr::value(now))
        .filter(N::UserId.eq(user.as_uuid()))
        .filter(N::ReadAt.is_null())
        .exec(db.raw())
        .await?;
    Ok(done.rows_affected)
}
