use sea_orm::entity::prelude::*;

#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
#[sea_orm(table_name = "accounts")]
pub struct Model {
    #[sea_orm(primary_key, auto_increment = false)]
    pub id: Uuid,
    pub parent_id: Option<Uuid>,
    pub parent_account_id: Uuid,
    pub name: String,
    pub kind: String,
    pub country: String,
    pub city: Option<String>,
    pub created_at: DateTimeUtc,
    pub require_mfa: bool,
    pub source_id: Option<String>,
    pub address: Option<String>,
    pub market: Option<String>,
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}
