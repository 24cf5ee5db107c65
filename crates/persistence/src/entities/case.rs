use sea_orm::entity::prelude::*;

#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
#[sea_orm(table_name = "cases")]
pub struct Model {
    #[sea_orm(primary_key, auto_increment = false)]
    pub id: Uuid,
    pub number: String,
    pub installed_product_id: Uuid,
    pub account_id: Uuid,
    pub owner_account_id: Uuid,
    pub modality: String,
    pub country: String,
    pub priority: i16,
    pub status: String,
    pub origin: String,
    pub kind: String,
    pub title: String,
    #[sea_orm(column_type = "Text")]
    pub description: String,
    pub customer_reference: Option<String>,
    pub contact_name: Option<String>,
    pub contact_email: Option<String>,
    pub contact_phone: Option<String>,
    pub bench_part_description: Option<String>,
    pub bench_part_serial_number: Option<String>,
    pub bench_return_address: Option<String>,
    pub created_by: Option<Uuid>,
    pub created_at: DateTimeUtc,
    pub updated_at: DateTimeUtc,
    pub closed_at: Option<DateTimeUtc>,
    pub version: i32,
    pub assigned_to: Option<Uuid>,
    pub waiting_for_customer: bool,
    pub awaiting_response_since: Option<DateTimeUtc>,
    pub first_response_at: Option<DateTimeUtc>,
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}
