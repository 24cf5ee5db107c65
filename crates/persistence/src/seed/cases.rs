//! Demo service cases: the open cases that give demo products their
//! operational state, a few closed ones, and in the Netherlands (cut over on
//! 1 Oct 2018) historical ones closed before that day.

use crate::db::Conn;
use crate::error::StoreResult;
use crate::repositories::cases::{self, NewActivity, NewCase};
use chrono::{DateTime, Duration, TimeZone, Utc};
use domain::{
    case_title, AccountId, ActivityKind, CaseId, CaseKind, CaseOrigin, CaseStatus,
    InstalledProductId, Modality, Priority,
};
use uuid::Uuid;

/// A case to seed on one product.
pub struct DemoCase {
    pub product: InstalledProductId,
    pub location: AccountId,
    pub owner: AccountId,
    pub modality: Modality,
    pub country: &'static str,
    pub priority: i64,
    pub status: CaseStatus,
    pub description: &'static str,
    pub opened_days_ago: i64,
    /// For closed cases: when (an absolute instant, so historical ones stay historical).
    pub closed_at: Option<DateTime<Utc>>,
}

pub async fn seed(db: &impl Conn, demo: &[DemoCase], now: DateTime<Utc>) -> StoreResult<()> {
    for c in demo {
        let created_at = c
            .closed_at
            .map_or(now - Duration::days(c.opened_days_ago), |closed| {
                closed - Duration::days(c.opened_days_ago)
            });
        let id = CaseId::from_uuid(Uuid::new_v4());
        let priority = Priority::new(c.priority).unwrap_or(Priority::LOWEST);
        cases::insert(
            db,
            NewCase {
                id,
                number: cases::issue_number(db, created_at).await?,
                installed_product: c.product,
                account: c.location,
                owner_account: c.owner,
                modality: c.modality,
                country: c.country.to_owned(),
                priority,
                origin: CaseOrigin::Phone,
                kind: CaseKind::SupportRequest,
                title: case_title(c.description),
                description: c.description.to_owned(),
                customer_reference: None,
                contact_name: None,
                contact_email: None,
                contact_phone: None,
                bench_part_description: None,
                bench_part_serial_number: None,
                bench_return_address: None,
                created_by: None,
                created_at,
            },
        )
        .await?;
        let entry = |kind, text: Option<&str>, new_status, at| NewActivity {
            id: uuid::Uuid::new_v4(),
            case: id,
            kind,
            text: text.map(str::to_owned),
            carrier: None,
            tracking_number: None,
            new_status,
            author: None,
            author_name: "Customer Service Centre".to_owned(),
            from_service: true,
            occurred_at: at,
        };
        cases::insert_activity(
            db,
            entry(
                ActivityKind::ProblemReported,
                Some(c.description),
                None,
                created_at,
            ),
        )
        .await?;
        if c.status != CaseStatus::New {
            let at = c.closed_at.unwrap_or(created_at + Duration::hours(2));
            cases::update_versioned(db, id, 1, cases::CaseUpdate::Status(c.status), at).await?;
            cases::pass_turn(db, id, cases::Turn::Service, at).await?;
            cases::insert_activity(
                db,
                entry(ActivityKind::StatusChanged, None, Some(c.status), at),
            )
            .await?;
        }
    }
    Ok(())
}

/// A day before the Dutch cut-over, for historical cases.
pub fn before_cutover(day: u32) -> DateTime<Utc> {
    Utc.with_ymd_and_hms(2017, 5, day, 14, 0, 0)
        .single()
        .unwrap_or_default()
}
