use sea_orm::entity::prelude::*;

/// One parent account's custom details of an installed product.
#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
#[sea_orm(table_name = "product_custom_details")]
pub struct Model {
    #[sea_orm(primary_key, auto_increment = false)]
    pub installed_product_id: Uuid,
    #[sea_orm(primary_key, auto_increment = false)]
    pub parent_account_id: Uuid,
    pub custom_name: Option<String>,
    pub customer_reference: Option<String>,
    pub customer_location: Option<String>,
    pub updated_at: DateTimeUtc,
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}
