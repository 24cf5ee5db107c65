//! Planned service events: visits and remote sessions on an installed
//! product, as the service side plans them and a customer's calendar shows
//! them. Times are UTC instants; readers see them in their own zone.

use crate::ids::{CaseId, InstalledProductId, UserId};
use chrono::{DateTime, Duration, Utc};

crate::text_enum! {
    pub enum EventType / UnknownEventType {
        CorrectiveMaintenance = "corrective_maintenance",
        PreventiveMaintenance = "preventive_maintenance",
        FieldChangeOrder = "field_change_order",
        Installation = "installation",
        ApplicationSupport = "application_support",
        CustomerInformation = "customer_information",
        ContractualUpgrade = "contractual_upgrade",
    }
}

crate::text_enum! {
    pub enum EventStatus / UnknownEventStatus {
        Tentative = "tentative",
        Confirmed = "confirmed",
        Done = "done",
        Cancelled = "cancelled",
    }
}

crate::text_enum! {
    /// How the service is given.
    pub enum VisitType / UnknownVisitType {
        Onsite = "onsite",
        Remote = "remote",
        BenchRepair = "bench_repair",
        PartsOnly = "parts_only",
        SubContractor = "sub_contractor",
    }
}

crate::text_enum! {
    /// A customer's answer to a tentative visit.
    pub enum CustomerResponse / UnknownCustomerResponse {
        Accepted = "accepted",
        Declined = "declined",
    }
}

/// The longest an event may last: a visit of more than a month is a typo
/// (a wrong year or month), not a plan.
pub const LONGEST_EVENT_DAYS: i64 = 31;

/// When an event takes place: its end after its start, within
/// [`LONGEST_EVENT_DAYS`].
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Window {
    start: DateTime<Utc>,
    end: DateTime<Utc>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, thiserror::Error)]
pub enum WindowError {
    #[error("an event ends after it starts")]
    EndsBeforeStart,
    #[error("an event lasts at most {LONGEST_EVENT_DAYS} days")]
    TooLong,
}

impl Window {
    pub fn new(start: DateTime<Utc>, end: DateTime<Utc>) -> Result<Self, WindowError> {
        if end <= start {
            return Err(WindowError::EndsBeforeStart);
        }
        if end - start > Duration::days(LONGEST_EVENT_DAYS) {
            return Err(WindowError::TooLong);
        }
        Ok(Window { start, end })
    }

    pub fn start(self) -> DateTime<Utc> {
        self.start
    }

    pub fn end(self) -> DateTime<Utc> {
        self.end
    }
}

/// What the service side plans: everything of an event but its identity
/// and history.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct EventPlan {
    pub event_type: EventType,
    pub status: EventStatus,
    pub window: Window,
    pub engineer_id: Option<UserId>,
    pub service_type: VisitType,
    pub case_id: Option<CaseId>,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PlannedEvent {
    pub id: uuid::Uuid,
    pub installed_product_id: InstalledProductId,
    pub plan: EventPlan,
    pub customer_response: Option<CustomerResponse>,
    /// iCalendar's SEQUENCE: a calendar program replaces its copy of the
    /// event when it grows.
    pub sequence: i32,
    pub version: i32,
}

/// Why a customer's answer is not taken.
#[derive(Debug, Clone, Copy, PartialEq, Eq, thiserror::Error)]
#[error("only a tentative visit is accepted or declined")]
pub struct NotTentative;

impl PlannedEvent {
    /// A new event `id` on `product`: unanswered, at its first version.
    /// (The caller draws the id: the domain builds for the browser too.)
    pub fn new(id: uuid::Uuid, product: InstalledProductId, plan: EventPlan) -> Self {
        PlannedEvent {
            id,
            installed_product_id: product,
            plan,
            customer_response: None,
            sequence: 0,
            version: 1,
        }
    }

    /// The event planned anew as `plan`. A new time or status changes what
    /// calendars show, so the sequence grows; a new time also clears the
    /// customer's answer (they answer the new time).
    pub fn replanned(&self, plan: EventPlan) -> PlannedEvent {
        let moved = plan.window != self.plan.window;
        let shown = moved || plan.status != self.plan.status;
        PlannedEvent {
            customer_response: if moved { None } else { self.customer_response },
            sequence: self.sequence + i32::from(shown),
            plan,
            ..self.clone()
        }
    }

    /// The event after the customer's answer: accepted, it is confirmed;
    /// declined, it stays tentative for the service side to plan anew.
    pub fn answered(&self, answer: CustomerResponse) -> Result<PlannedEvent, NotTentative> {
        if self.plan.status != EventStatus::Tentative {
            return Err(NotTentative);
        }
        let plan = EventPlan {
            status: match answer {
                CustomerResponse::Accepted => EventStatus::Confirmed,
                CustomerResponse::Declined => EventStatus::Tentative,
            },
            ..self.plan.clone()
        };
        Ok(PlannedEvent {
            customer_response: Some(answer),
            ..self.replanned(plan)
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use chrono::TimeZone;

    fn at(day: u32, hour: u32) -> DateTime<Utc> {
        Utc.with_ymd_and_hms(2026, 3, day, hour, 0, 0).unwrap()
    }

    fn tentative() -> PlannedEvent {
        let plan = EventPlan {
            event_type: EventType::PreventiveMaintenance,
            status: EventStatus::Tentative,
            window: Window::new(at(10, 8), at(10, 12)).unwrap(),
            engineer_id: None,
            service_type: VisitType::Onsite,
            case_id: None,
        };
        PlannedEvent::new(
            uuid::Uuid::nil(),
            InstalledProductId::from_uuid(uuid::Uuid::nil()),
            plan,
        )
    }

    #[test]
    fn a_window_ends_after_it_starts_and_within_a_month() {
        assert_eq!(
            Window::new(at(10, 8), at(10, 8)),
            Err(WindowError::EndsBeforeStart)
        );
        assert_eq!(
            Window::new(at(1, 8), at(31, 8)).map(Window::end),
            Ok(at(31, 8))
        );
        let too_long = at(1, 8) + Duration::days(LONGEST_EVENT_DAYS + 1);
        assert_eq!(Window::new(at(1, 8), too_long), Err(WindowError::TooLong));
    }

    #[test]
    fn an_accepted_visit_is_confirmed_and_its_calendar_copy_replaced() {
        let accepted = tentative().answered(CustomerResponse::Accepted).unwrap();
        assert_eq!(accepted.plan.status, EventStatus::Confirmed);
        assert_eq!(accepted.customer_response, Some(CustomerResponse::Accepted));
        assert_eq!(accepted.sequence, 1);
        assert_eq!(
            accepted.answered(CustomerResponse::Declined),
            Err(NotTentative)
        );
    }

    #[test]
    fn a_declined_visit_stays_tentative_until_it_is_moved_which_clears_the_answer() {
        let declined = tentative().answered(CustomerResponse::Declined).unwrap();
        assert_eq!(declined.plan.status, EventStatus::Tentative);
        assert_eq!(declined.sequence, 0);
        let plan = EventPlan {
            window: Window::new(at(12, 8), at(12, 12)).unwrap(),
            ..declined.plan.clone()
        };
        let moved = declined.replanned(plan);
        assert_eq!(moved.customer_response, None);
        assert_eq!(moved.sequence, 1);
        // The same plan again changes nothing a calendar shows.
        let same = moved.replanned(moved.plan.clone());
        assert_eq!(same.sequence, 1);
    }
}
