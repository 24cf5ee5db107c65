use crate::auth::AuthUser;
use crate::routes::{answers, AppData, Reply};
use actix_web::get;
use domain::event_import::EVENT_COLUMNS;

/// An example row: a tentative preventive-maintenance visit of a morning.
const EXAMPLE: [&str; 10] = [
    "ZZH-1000",
    "PLAN-2027-0001",
    "IP-50000001",
    "preventive_maintenance",
    "tentative",
    "2027-03-10T09:00:00+01:00",
    "2027-03-10T13:00:00+01:00",
    "",
    "onsite",
    "",
];

/// The columns of a planned-events file, with one example row:
/// `source_id` is the planning system's id (the key); `installed_product`
/// a product number of the customer (`parent_account`); `event_type` one of
/// corrective_maintenance, preventive_maintenance, field_change_order,
/// installation, application_support, customer_information,
/// contractual_upgrade; `status` tentative, confirmed, done or cancelled;
/// the times with their offset (RFC 3339); `engineer` a Service user's
/// user name; `service_type` onsite, remote, bench_repair, parts_only or
/// sub_contractor; `case_number` a case of the same product. Empty:
/// `engineer`, `case_number`.
#[utoipa::path(responses(answers::ImportTemplate))]
#[get("/imports/templates/planned-events.csv")]
pub async fn events_template(state: AppData, auth: AuthUser) -> Reply {
    super::template::answer(&state, &auth, (&EVENT_COLUMNS, &EXAMPLE), "planned-events").await
}
