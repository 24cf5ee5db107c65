//! The service organisation's side: the case queue across parent accounts,
//! assigning engineers and waiting for the customer.

use crate::cases::{CaseStatusDto, CaseSummary};
use crate::installed_products::{AccountRef, ModalityDto};
use chrono::{DateTime, Utc};
use serde::{Deserialize, Serialize};
use uuid::Uuid;

list_query! {
    /// Filters and page of `GET /service/queue`: open cases of every parent
    /// account, most urgent first, then the longest waiting.
    pub struct QueueQuery {
        pub status: Option<CaseStatusDto>,
        #[cfg_attr(feature = "openapi", param(minimum = 1, maximum = 5))]
        pub priority: Option<u8>,
        /// Two-letter country of the account the case was logged for (the market).
        #[cfg_attr(feature = "openapi", param(min_length = 2, max_length = 2, example = "NL"))]
        pub country: Option<String>,
        pub modality: Option<ModalityDto>,
        /// Cases logged for an account of this parent account.
        pub parent_account: Option<Uuid>,
        /// Cases assigned to this engineer.
        pub assignee: Option<Uuid>,
        /// `true`: only cases nobody is assigned to.
        pub unassigned: Option<bool>,
        /// Only cases logged at least this many hours ago.
        #[cfg_attr(feature = "openapi", param(minimum = 0, maximum = 87_600))]
        pub older_than_hours: Option<u32>,
        /// `true`: only cases waiting for the customer; `false`: none of them.
        pub waiting_for_customer: Option<bool>,
    }
}

/// A Service user a case can be assigned to.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct EngineerDto {
    pub id: Uuid,
    pub display_name: String,
}

/// The active engineers, by name.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct EngineerList {
    pub items: Vec<EngineerDto>,
}

/// One case of the queue, with where it stands against its response target.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct QueueCaseDto {
    #[serde(flatten)]
    pub summary: CaseSummary,
    /// The customer (parent account) the case belongs to.
    pub parent_account: AccountRef,
    pub assigned_engineer: Option<EngineerDto>,
    pub waiting_for_customer: bool,
    /// The customer waits for the service side since then (from the case's
    /// logging or their latest word); none once answered.
    pub awaiting_response_since: Option<DateTime<Utc>>,
    /// How soon a case of this priority is answered.
    pub response_target_minutes: u32,
    /// How long the customer has waited so far (with `awaiting_response_since`).
    pub waited_minutes: Option<u32>,
    /// Waited longer than the target.
    pub target_missed: bool,
}

list_page! {
    /// A page of the queue; `total` counts every matching case.
    pub struct QueuePage of QueueCaseDto
}

/// `PUT /cases/{id}/assignee`: an engineer (a Service user), or `null` for nobody.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(deny_unknown_fields)]
pub struct AssignCaseRequest {
    pub engineer_id: Option<Uuid>,
}

/// `PUT /cases/{id}/waiting-for-customer`: wait for the customer (saying
/// for what), or stop waiting because they answered another way.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(deny_unknown_fields)]
pub struct WaitingForCustomerRequest {
    pub waiting: bool,
    /// What the customer is asked for; on the timeline and in the email.
    #[serde(default)]
    #[cfg_attr(feature = "openapi", schema(max_length = 4000))]
    pub note: Option<String>,
}
