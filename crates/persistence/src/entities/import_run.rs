use sea_orm::entity::prelude::*;

#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
#[sea_orm(table_name = "import_runs")]
pub struct Model {
    #[sea_orm(primary_key, auto_increment = false)]
    pub id: Uuid,
    pub kind: String,
    pub dry_run: bool,
    pub status: String,
    pub requested_by: Option<Uuid>,
    pub rows_total: i64,
    pub rows_done: i64,
    pub heartbeat_at: DateTimeUtc,
    #[sea_orm(column_type = "Text", nullable)]
    pub report: Option<String>,
    pub created_at: DateTimeUtc,
    pub finished_at: Option<DateTimeUtc>,
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}
