//! Custom details (the customer's own name, reference and location) of
//! installed products, kept per parent account: a product owned by a
//! leasing company and located at a hospital is named by each for itself,
//! and neither sees or searches the other's.

use crate::db::Conn;
use crate::entities::product_custom_details as details;
use crate::entities::{account, installed_product};
use crate::error::StoreResult;
use crate::repositories::query::AccountVisibility;
use chrono::{DateTime, Utc};
use domain::{AccountId, CustomDetails, CustomText, InstalledProductId};
use sea_orm::sea_query::{
    Alias, Expr, IntoColumnRef, OnConflict, Query, SelectStatement, SimpleExpr, SubQueryStatement,
};
use sea_orm::{EntityTrait, Set};

/// Whose custom details a query shows.
#[derive(Debug, Clone)]
pub(crate) enum Viewer {
    /// A customer: their parent account's own.
    Parent(AccountId),
    /// Staff, and the portal's own jobs (case emails): those of the parent
    /// account of the account in this column (where the product is, or the
    /// account a case was logged for), as the hospital itself sees them.
    ParentOf(SimpleExpr),
    /// The parent account this expression names.
    ParentIn(SimpleExpr),
}

impl Viewer {
    /// The viewer of product queries for a caller who sees `visibility`.
    pub(crate) fn of(visibility: AccountVisibility, account: impl IntoColumnRef) -> Self {
        match visibility.parent_account() {
            Some(parent) => Viewer::Parent(parent),
            None => Viewer::ParentOf(Expr::col(account).into()),
        }
    }

    /// Product queries: staff see the location's side.
    pub(crate) fn of_products(visibility: AccountVisibility) -> Self {
        Self::of(
            visibility,
            (
                installed_product::Entity,
                installed_product::Column::LocationAccountId,
            ),
        )
    }

    fn parent(&self) -> SimpleExpr {
        match self {
            Viewer::Parent(id) => Expr::val(id.as_uuid()).into(),
            Viewer::ParentIn(parent) => parent.clone(),
            Viewer::ParentOf(account_id) => {
                let a = Alias::new("viewer_account");
                subquery(
                    Query::select()
                        .column((a.clone(), account::Column::ParentAccountId))
                        .from_as(account::Entity, a.clone())
                        .and_where(Expr::col((a, account::Column::Id)).eq(account_id.clone()))
                        .to_owned(),
                )
            }
        }
    }
}

fn subquery(select: SelectStatement) -> SimpleExpr {
    SimpleExpr::SubQuery(None, Box::new(SubQueryStatement::SelectStatement(select)))
}

/// One custom detail of a product as `viewer` keeps it (NULL when unset):
/// a correlated subquery on the primary key, for select lists, filters and
/// sorting alike.
pub(crate) fn detail(
    column: details::Column,
    product: impl IntoColumnRef,
    viewer: &Viewer,
) -> SimpleExpr {
    subquery(
        Query::select()
            .column((details::Entity, column))
            .from(details::Entity)
            .and_where(
                Expr::col((details::Entity, details::Column::InstalledProductId)).equals(product),
            )
            .and_where(
                Expr::col((details::Entity, details::Column::ParentAccountId)).eq(viewer.parent()),
            )
            .to_owned(),
    )
}

/// The three details of a product query's rows, with the aliases
/// [`DetailColumns`] reads.
pub(crate) fn columns(viewer: &Viewer) -> [(SimpleExpr, &'static str); 3] {
    let product = || (installed_product::Entity, installed_product::Column::Id);
    [
        (
            detail(details::Column::CustomName, product(), viewer),
            "own_custom_name",
        ),
        (
            detail(details::Column::CustomerReference, product(), viewer),
            "own_customer_reference",
        ),
        (
            detail(details::Column::CustomerLocation, product(), viewer),
            "own_customer_location",
        ),
    ]
}

/// A product row's details as [`columns`] selects them.
#[derive(Debug, Clone, sea_orm::FromQueryResult)]
pub(crate) struct DetailColumns {
    pub own_custom_name: Option<String>,
    pub own_customer_reference: Option<String>,
    pub own_customer_location: Option<String>,
}

impl DetailColumns {
    pub(crate) fn parse(
        &self,
    ) -> Result<CustomDetails, domain::installed_product::CustomTextTooLong> {
        Ok(CustomDetails {
            custom_name: CustomText::parse(self.own_custom_name.as_deref())?,
            customer_reference: CustomText::parse(self.own_customer_reference.as_deref())?,
            customer_location: CustomText::parse(self.own_customer_location.as_deref())?,
        })
    }
}

/// Writes `parent`'s details of `product` (the caller checks the product's
/// version in the same transaction).
pub async fn save(
    db: &impl Conn,
    product: InstalledProductId,
    parent: AccountId,
    values: &CustomDetails,
    now: DateTime<Utc>,
) -> StoreResult<()> {
    let text = |t: &Option<CustomText>| t.as_ref().map(|t| t.as_str().to_owned());
    let row = details::ActiveModel {
        installed_product_id: Set(product.as_uuid()),
        parent_account_id: Set(parent.as_uuid()),
        custom_name: Set(text(&values.custom_name)),
        customer_reference: Set(text(&values.customer_reference)),
        customer_location: Set(text(&values.customer_location)),
        updated_at: Set(now),
    };
    details::Entity::insert(row)
        .on_conflict(
            OnConflict::columns([
                details::Column::InstalledProductId,
                details::Column::ParentAccountId,
            ])
            .update_columns([
                details::Column::CustomName,
                details::Column::CustomerReference,
                details::Column::CustomerLocation,
                details::Column::UpdatedAt,
            ])
            .to_owned(),
        )
        .exec_without_returning(db.raw())
        .await?;
    Ok(())
}
