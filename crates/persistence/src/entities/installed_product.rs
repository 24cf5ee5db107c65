use sea_orm::entity::prelude::*;

#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
#[sea_orm(table_name = "installed_products")]
pub struct Model {
    #[sea_orm(primary_key, auto_increment = false)]
    pub id: Uuid,
    pub number: String,
    pub description: String,
    pub serial_number: String,
    pub udi: Option<String>,
    pub technical_id: Option<String>,
    pub modality: String,
    pub product_family: String,
    pub kind: String,
    pub functional_location: Option<String>,
    pub install_date: Option<Date>,
    pub status: String,
    pub owner_account_id: Uuid,
    pub location_account_id: Uuid,
    pub operational_state: String,
    pub strategic_item: bool,
    pub end_of_life_date: Option<Date>,
    pub end_of_service_date: Option<Date>,
    pub coverage_end_date: Option<Date>,
    pub created_at: DateTimeUtc,
    pub updated_at: DateTimeUtc,
    pub version: i32,
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}
