//! Planned service events (the calendar) and the calendar feed.

use crate::installed_products::{AccountRef, ModalityDto, ProductRef};
use chrono::{DateTime, Utc};
use serde::{Deserialize, Serialize};
use uuid::Uuid;

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(rename_all = "snake_case")]
pub enum EventTypeDto {
    CorrectiveMaintenance,
    PreventiveMaintenance,
    FieldChangeOrder,
    Installation,
    ApplicationSupport,
    CustomerInformation,
    ContractualUpgrade,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(rename_all = "snake_case")]
pub enum EventStatusDto {
    /// Proposed: the customer may accept or decline it.
    Tentative,
    Confirmed,
    Done,
    Cancelled,
}

/// How the service is given.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(rename_all = "snake_case")]
pub enum VisitTypeDto {
    Onsite,
    Remote,
    BenchRepair,
    PartsOnly,
    SubContractor,
}

/// A customer's answer to a tentative visit.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(rename_all = "snake_case")]
pub enum CustomerResponseDto {
    Accepted,
    Declined,
}

/// A planned service event, as the calendar shows it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct PlannedEventDto {
    pub id: Uuid,
    pub event_type: EventTypeDto,
    pub status: EventStatusDto,
    pub installed_product: ProductRef,
    pub modality: ModalityDto,
    /// Where the product stands.
    pub location: AccountRef,
    /// UTC.
    pub planned_start: DateTime<Utc>,
    /// UTC.
    pub planned_end: DateTime<Utc>,
    /// The start and end in the caller's zone and formats, e.g.
    /// `10-03-2026 09:00 – 13:00 (Europe/Amsterdam)`.
    pub when: String,
    pub engineer: Option<String>,
    /// The engineer's user id: a new plan (a reschedule, a cancellation)
    /// names it to keep them.
    pub engineer_id: Option<Uuid>,
    pub service_type: VisitTypeDto,
    pub case_id: Option<Uuid>,
    pub case_number: Option<String>,
    pub customer_response: Option<CustomerResponseDto>,
    /// Also sent as the `ETag` header (`"v<version>"`) of a single event.
    pub version: i32,
}

list_page! {
    pub struct PlannedEventPage of PlannedEventDto
}

list_query! {
    /// `GET /planned-events`: the events that overlap `from`..`to`, earliest
    /// first. The range is at most 400 days.
    pub struct PlannedEventQuery {
        /// UTC instant (RFC 3339): events that end after it.
        pub from: DateTime<Utc>,
        /// UTC instant (RFC 3339): events that start before it.
        pub to: DateTime<Utc>,
        /// Those of products located at this account.
        pub location: Option<Uuid>,
        pub modality: Option<ModalityDto>,
        pub event_type: Option<EventTypeDto>,
        pub installed_product: Option<Uuid>,
        pub status: Option<EventStatusDto>,
    }
}

/// `POST /planned-events` (the service side): a new event on a product.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(deny_unknown_fields)]
pub struct NewPlannedEventRequest {
    pub installed_product_id: Uuid,
    pub plan: EventPlanDto,
}

/// What the service side plans (`PUT /planned-events/{id}` replaces it,
/// with `If-Match`): moving the time or the status replaces the event in
/// subscribed calendars; moving the time clears the customer's answer.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(deny_unknown_fields)]
pub struct EventPlanDto {
    pub event_type: EventTypeDto,
    pub status: EventStatusDto,
    /// UTC instant (RFC 3339; an offset is converted).
    pub planned_start: DateTime<Utc>,
    /// After the start, at most 31 days later.
    pub planned_end: DateTime<Utc>,
    /// A Service user; none: not yet known.
    pub engineer_id: Option<Uuid>,
    pub service_type: VisitTypeDto,
    /// A case of the same product.
    pub case_id: Option<Uuid>,
}

/// `POST /planned-events/{id}/answer` (User, Manager): the customer's
/// answer to a tentative visit.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(deny_unknown_fields)]
pub struct AnswerEventRequest {
    pub answer: CustomerResponseDto,
    /// Why, or a time that suits better; up to 2,000 characters.
    #[cfg_attr(feature = "openapi", schema(max_length = 2000))]
    pub note: Option<String>,
}

/// The caller's calendar feed: subscribe to `url` in a calendar program.
/// The URL is the secret: anyone who has it reads the caller's events, so
/// replace it (`POST`) if it leaked, or end it (`DELETE`).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct CalendarFeedDto {
    pub url: String,
    /// The URL as a QR code (an SVG document), for a phone's calendar.
    pub qr_svg: String,
    pub created_at: DateTime<Utc>,
}
