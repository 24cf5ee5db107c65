//! What the calendar's tests share: instants, a plan, and planning it as
//! the service side.

use api_types::{
    EventPlanDto, EventStatusDto, EventTypeDto, NewPlannedEventRequest, PlannedEventDto,
    VisitTypeDto,
};
use chrono::{DateTime, TimeZone, Utc};
use test_support::{expect_json, TestApp};

pub fn utc(y: i32, m: u32, d: u32, h: u32, min: u32) -> DateTime<Utc> {
    Utc.with_ymd_and_hms(y, m, d, h, min, 0).unwrap()
}

/// A preventive-maintenance visit on site, in `status`, from `start` to `end`.
pub fn plan(status: EventStatusDto, start: DateTime<Utc>, end: DateTime<Utc>) -> EventPlanDto {
    EventPlanDto {
        event_type: EventTypeDto::PreventiveMaintenance,
        status,
        planned_start: start,
        planned_end: end,
        engineer_id: None,
        service_type: VisitTypeDto::Onsite,
        case_id: None,
    }
}

/// Plans `plan` on demo product `number` as the service side.
pub async fn planned(app: &TestApp, number: &str, plan: EventPlanDto) -> PlannedEventDto {
    let service = app.tokens_for("service").await.access_token;
    let body = NewPlannedEventRequest {
        installed_product_id: app.demo.product(number).id.as_uuid(),
        plan,
    };
    expect_json(
        app.post_json("/api/v1/planned-events", &service, &body)
            .await,
        201,
    )
    .await
}
