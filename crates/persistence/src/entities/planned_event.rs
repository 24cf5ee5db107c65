use sea_orm::entity::prelude::*;

#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
#[sea_orm(table_name = "planned_events")]
pub struct Model {
    #[sea_orm(primary_key, auto_increment = false)]
    pub id: Uuid,
    pub source_id: Option<String>,
    pub installed_product_id: Uuid,
    pub event_type: String,
    pub status: String,
    pub planned_start: DateTimeUtc,
    pub planned_end: DateTimeUtc,
    pub engineer_id: Option<Uuid>,
    pub service_type: String,
    pub case_id: Option<Uuid>,
    pub customer_response: Option<String>,
    pub sequence: i32,
    pub version: i32,
    pub created_at: DateTimeUtc,
    pub updated_at: DateTimeUtc,
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}
