//! Domain values <-> wire DTOs shared by several resources.

use crate::auth::AuthUser;
use crate::state::AppState;
use crate::wire::ToWire;
use api_types::{AccountRef, CoverageDto, ExpiryStatusDto, ProductRef};
use chrono::NaiveDate;
use domain::{days_left, ExpiryStatus};
use persistence::repositories::installed_products::ProductName;
use uuid::Uuid;

/// The caller's today in their own time zone.
pub fn today(state: &AppState, auth: &AuthUser) -> NaiveDate {
    auth.user.settings.time_zone.date_at(state.clock.now())
}

/// Days left and colour of something ending on `end`, seen on `today`.
pub fn dated(end: NaiveDate, today: NaiveDate) -> (i64, ExpiryStatusDto) {
    (
        days_left(end, today),
        ExpiryStatus::at(end, today).to_wire(),
    )
}

pub fn coverage(end: Option<NaiveDate>, today: NaiveDate) -> Option<CoverageDto> {
    end.map(|end_date| {
        let (days_left, expiry) = dated(end_date, today);
        CoverageDto {
            end_date,
            days_left,
            expiry,
        }
    })
}

pub fn account_ref(id: Uuid, name: &str) -> AccountRef {
    AccountRef {
        id,
        name: name.to_owned(),
    }
}

pub fn product_ref(p: &ProductName) -> ProductRef {
    ProductRef {
        id: p.id,
        number: p.number.clone(),
        description: p.description.clone(),
        custom_name: p.custom_name.clone(),
    }
}
