use sea_orm::entity::prelude::*;

#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
#[sea_orm(table_name = "users")]
pub struct Model {
    #[sea_orm(primary_key, auto_increment = false)]
    pub id: Uuid,
    pub parent_account_id: Option<Uuid>,
    #[sea_orm(unique)]
    pub username: String,
    pub email: String,
    pub display_name: String,
    pub role: String,
    pub password_hash: String,
    pub password_changed_at: DateTimeUtc,
    pub language: String,
    pub time_zone: String,
    pub date_format: String,
    pub time_format: String,
    pub active: bool,
    pub sessions_valid_after: DateTimeUtc,
    pub failed_logins: i32,
    pub locked_until: Option<DateTimeUtc>,
    pub last_login_at: Option<DateTimeUtc>,
    pub created_at: DateTimeUtc,
    pub updated_at: DateTimeUtc,
    pub version: i32,
    pub pending_activation: bool,
    pub deactivated_at: Option<DateTimeUtc>,
    pub deactivated_reason: Option<String>,
    pub reactivated_at: Option<DateTimeUtc>,
    pub mfa_secret: Option<String>,
    pub mfa_pending_secret: Option<String>,
    pub mfa_enabled_at: Option<DateTimeUtc>,
    pub mfa_last_step: Option<i64>,
    pub login_attempts_in_flight: i32,
    pub login_attempt_reserved_at: Option<DateTimeUtc>,
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}
