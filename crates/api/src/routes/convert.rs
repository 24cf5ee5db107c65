//! Domain values <-> wire DTOs shared by several resources.

use crate::auth::AuthUser;
use crate::error::ApiError;
use crate::state::AppState;
use api_types::{
    AccountRef, CoverageDto, ExpiryStatusDto, ModalityDto, OperationalStateDto, ProductKindDto,
    ProductRef, ProductStatusDto,
};
use chrono::NaiveDate;
use domain::{days_left, ExpiryStatus, Modality, OperationalState, ProductKind, ProductStatus};
use persistence::repositories::installed_products::{PageRequest, ProductName};
use uuid::Uuid;

pub const DEFAULT_PAGE_SIZE: u32 = 50;
pub const MAX_PAGE_SIZE: u32 = 200;

/// The caller's today in their own time zone.
pub fn today(state: &AppState, auth: &AuthUser) -> NaiveDate {
    auth.user.settings.time_zone.date_at(state.clock.now())
}

pub fn page_request(page: Option<u32>, page_size: Option<u32>) -> Result<PageRequest, ApiError> {
    let page = page.unwrap_or(1);
    let page_size = page_size.unwrap_or(DEFAULT_PAGE_SIZE);
    if page == 0 {
        return Err(ApiError::InvalidQuery("page starts at 1".into()));
    }
    if !(1..=MAX_PAGE_SIZE).contains(&page_size) {
        return Err(ApiError::InvalidQuery(format!(
            "page_size is 1 to {MAX_PAGE_SIZE}"
        )));
    }
    // Far beyond any real page: refuse rather than let OFFSET scan forever.
    if u64::from(page) * u64::from(page_size) > 10_000_000 {
        return Err(ApiError::InvalidQuery(
            "page is beyond the last result".into(),
        ));
    }
    Ok(PageRequest { page, page_size })
}

pub fn modality_dto(m: Modality) -> ModalityDto {
    match m {
        Modality::Mr => ModalityDto::Mr,
        Modality::Ct => ModalityDto::Ct,
        Modality::Us => ModalityDto::Us,
        Modality::Ixr => ModalityDto::Ixr,
        Modality::Other => ModalityDto::Other,
    }
}

pub fn modality(m: ModalityDto) -> Modality {
    match m {
        ModalityDto::Mr => Modality::Mr,
        ModalityDto::Ct => Modality::Ct,
        ModalityDto::Us => Modality::Us,
        ModalityDto::Ixr => Modality::Ixr,
        ModalityDto::Other => Modality::Other,
    }
}

pub fn state_dto(s: OperationalState) -> OperationalStateDto {
    match s {
        OperationalState::Up => OperationalStateDto::Up,
        OperationalState::Restricted => OperationalStateDto::Restricted,
        OperationalState::Down => OperationalStateDto::Down,
        OperationalState::Critical => OperationalStateDto::Critical,
    }
}

pub fn state(s: OperationalStateDto) -> OperationalState {
    match s {
        OperationalStateDto::Up => OperationalState::Up,
        OperationalStateDto::Restricted => OperationalState::Restricted,
        OperationalStateDto::Down => OperationalState::Down,
        OperationalStateDto::Critical => OperationalState::Critical,
    }
}

pub fn expiry_dto(e: ExpiryStatus) -> ExpiryStatusDto {
    match e {
        ExpiryStatus::Green => ExpiryStatusDto::Green,
        ExpiryStatus::Yellow => ExpiryStatusDto::Yellow,
        ExpiryStatus::Red => ExpiryStatusDto::Red,
        ExpiryStatus::Expired => ExpiryStatusDto::Expired,
    }
}

pub fn expiry(e: ExpiryStatusDto) -> ExpiryStatus {
    match e {
        ExpiryStatusDto::Green => ExpiryStatus::Green,
        ExpiryStatusDto::Yellow => ExpiryStatus::Yellow,
        ExpiryStatusDto::Red => ExpiryStatus::Red,
        ExpiryStatusDto::Expired => ExpiryStatus::Expired,
    }
}

pub fn kind_dto(k: ProductKind) -> ProductKindDto {
    match k {
        ProductKind::Hardware => ProductKindDto::Hardware,
        ProductKind::SoftwareLicense => ProductKindDto::SoftwareLicense,
    }
}

pub fn status_dto(s: ProductStatus) -> ProductStatusDto {
    match s {
        ProductStatus::Active => ProductStatusDto::Active,
        ProductStatus::Inactive => ProductStatusDto::Inactive,
    }
}

/// Days left and colour of something ending on `end`, seen on `today`.
pub fn dated(end: NaiveDate, today: NaiveDate) -> (i64, ExpiryStatusDto) {
    (
        days_left(end, today),
        expiry_dto(ExpiryStatus::at(end, today)),
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
