use sea_orm::entity::prelude::*;

#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
#[sea_orm(table_name = "contract_coverage")]
pub struct Model {
    #[sea_orm(primary_key, auto_increment = false)]
    pub contract_line_id: Uuid,
    #[sea_orm(primary_key, auto_increment = false)]
    pub installed_product_id: Uuid,
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}
