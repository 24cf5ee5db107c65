//! The wire contract's enums, single-sourced. Each domain enum and its
//! api-types twin have the same variants; [`mirror_enum!`] maps them (both
//! ways where the API also reads the value), with exhaustive matches, so a
//! variant added on one side and not the other does not compile. api-types
//! and domain do not depend on each other, so the mapping lives here, as
//! local traits (the orphan rule forbids `From` between two foreign types).

use crate::error::ApiError;
use api_types::{AccessRequestStatusDto, ImportKindDto, LinkPurposeDto, UserStatusDto};
use api_types::{
    AccountKindDto, ActivityKindDto, AttachmentTypeDto, CaseKindDto, CaseOriginDto, CaseStatusDto,
    ExpiryStatusDto, IdentifierKindDto, ModalityDto, OperationalStateDto, ProductKindDto,
    ProductStatusDto, RoleDto, VisibilityReasonDto,
};
use api_types::{CustomerResponseDto, EventStatusDto, EventTypeDto, VisitTypeDto};
use api_types::{DigestCadenceDto, NumberMatchDto, SearchKindDto};
use api_types::{DocumentKindDto, MilestoneDto, ReportFilterOp, ReportKindDto, SortOrder};
use domain::access_request::{AccessRequestStatus, IdentifierKind};
use domain::document::DocumentKind;
use domain::end_of_life::Milestone;
use domain::import::ImportKind;
use domain::planned_event::{CustomerResponse, EventStatus, EventType, VisitType};
use domain::report::digest::Cadence;
use domain::report::{Direction, FilterOp, ReportKind};
use domain::search::{NumberMatch, SearchKind};
use domain::{
    AccountKind, ActivityKind, AttachmentType, CaseKind, CaseOrigin, CaseStatus, ExpiryStatus,
    Modality, OperationalState, ProductKind, ProductStatus, Role, VisibilityReason,
};
use persistence::repositories::query::PageRequest;
use persistence::repositories::user_tokens::LinkPurpose;
use persistence::repositories::users::StatusFilter;

/// Where a list answer is: the page asked for and the rows that match.
pub fn page_info(page: PageRequest, total: u64) -> api_types::PageInfo {
    api_types::PageInfo {
        total,
        page: page.page,
        page_size: page.page_size,
    }
}

pub const DEFAULT_PAGE_SIZE: u32 = 50;
pub const MAX_PAGE_SIZE: u32 = 200;

/// The page a list query asks for (`page`, `page_size`), checked.
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

/// A domain value's wire form.
pub trait ToWire {
    type Wire;
    fn to_wire(self) -> Self::Wire;
}

/// A wire value's domain form.
pub trait ToDomain {
    type Domain;
    fn to_domain(self) -> Self::Domain;
}

/// `mirror_enum!(Domain <=> Wire { A, B })` maps both ways;
/// `mirror_enum!(Domain => Wire { A, B })` only to the wire.
macro_rules! mirror_enum {
    ($domain:ident => $wire:ident { $($variant:ident),+ $(,)? }) => {
        impl ToWire for $domain {
            type Wire = $wire;
            fn to_wire(self) -> $wire {
                match self {
                    $($domain::$variant => $wire::$variant,)+
                }
            }
        }
    };
    ($domain:ident <=> $wire:ident { $($variant:ident),+ $(,)? }) => {
        mirror_enum!($domain => $wire { $($variant),+ });
        impl ToDomain for $wire {
            type Domain = $domain;
            fn to_domain(self) -> $domain {
                match self {
                    $($wire::$variant => $domain::$variant,)+
                }
            }
        }
    };
}

mirror_enum!(ReportKind <=> ReportKindDto { Cases, InstalledProducts, Contracts, PlannedEvents });
mirror_enum!(FilterOp <=> ReportFilterOp { Contains, Equals, OneOf, Between, WithinDays });
mirror_enum!(Direction <=> SortOrder { Asc, Desc });
mirror_enum!(Cadence <=> DigestCadenceDto { Weekly, Monthly });
mirror_enum!(SearchKind => SearchKindDto { Case, InstalledProduct, Contract, Warranty });
mirror_enum!(NumberMatch => NumberMatchDto { Exact, Prefix, Within, None });
mirror_enum!(Role <=> RoleDto { Viewer, User, Manager, Service, Admin });
mirror_enum!(CaseStatus <=> CaseStatusDto { New, InProcess, Fixed, Closed });
mirror_enum!(CaseKind <=> CaseKindDto { SupportRequest, BenchRepair, PartIdRequest });
mirror_enum!(CaseOrigin <=> CaseOriginDto { Phone, Web });
mirror_enum!(ActivityKind <=> ActivityKindDto {
    ProblemReported,
    SafetyQuestion,
    T2Activity,
    ExternalRemark,
    CustomerComment,
    ShipmentTracking,
    StatusChanged,
    WaitingForCustomer,
});
mirror_enum!(AttachmentType => AttachmentTypeDto { Jpeg, Png, Heic, Pdf });
mirror_enum!(Modality <=> ModalityDto { Mr, Ct, Us, Ixr, Other });
mirror_enum!(OperationalState <=> OperationalStateDto { Up, Restricted, Down, Critical });
mirror_enum!(ExpiryStatus <=> ExpiryStatusDto { Green, Yellow, Red, Expired });
mirror_enum!(ProductKind => ProductKindDto { Hardware, SoftwareLicense });
mirror_enum!(ProductStatus => ProductStatusDto { Active, Inactive });
mirror_enum!(AccountKind <=> AccountKindDto {
    HospitalGroup,
    Hospital,
    Site,
    Department,
    LeasingCompany,
    Trust,
    ServiceOrganisation,
});
mirror_enum!(VisibilityReason => VisibilityReasonDto {
    Assigned,
    OwnerOfVisibleProduct,
    LocationOfVisibleProduct,
    ContractHolder,
});
mirror_enum!(EventType <=> EventTypeDto {
    CorrectiveMaintenance,
    PreventiveMaintenance,
    FieldChangeOrder,
    Installation,
    ApplicationSupport,
    CustomerInformation,
    ContractualUpgrade,
});
mirror_enum!(EventStatus <=> EventStatusDto { Tentative, Confirmed, Done, Cancelled });
mirror_enum!(VisitType <=> VisitTypeDto { Onsite, Remote, BenchRepair, PartsOnly, SubContractor });
mirror_enum!(CustomerResponse <=> CustomerResponseDto { Accepted, Declined });
mirror_enum!(DocumentKind <=> DocumentKindDto {
    ServiceReceipt,
    PreventiveServiceReport,
    PerformanceReport,
    ProductDocumentation,
});
mirror_enum!(Milestone <=> MilestoneDto { EndOfLife, EndOfService });
mirror_enum!(AccessRequestStatus <=> AccessRequestStatusDto { Pending, Approved, Rejected });
mirror_enum!(StatusFilter <=> UserStatusDto { PendingActivation, Active, Locked, Deactivated });
mirror_enum!(LinkPurpose => LinkPurposeDto { Activation, Reset });
mirror_enum!(ImportKind <=> ImportKindDto {
    InstalledProducts,
    Accounts,
    Users,
    Contracts,
    Warranties,
    PlannedEvents,
});
mirror_enum!(IdentifierKind <=> IdentifierKindDto {
    InstalledProductNumber,
    AssetId,
    LocationId,
    TechnicalId,
});

/// A user's settings as the API shows them (the stable codes).
impl ToWire for &domain::UserSettings {
    type Wire = api_types::UserSettings;
    fn to_wire(self) -> api_types::UserSettings {
        api_types::UserSettings {
            language: self.language.as_str().to_owned(),
            time_zone: self.time_zone.as_str().to_owned(),
            date_format: self.date_format.as_str().to_owned(),
            time_format: self.time_format.as_str().to_owned(),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_role_survives_the_round_trip_through_the_wire() {
        for role in Role::ALL {
            assert_eq!(role.to_wire().to_domain(), role);
        }
    }

    #[test]
    fn a_case_status_keeps_its_name_on_the_wire() {
        assert_eq!(CaseStatus::InProcess.to_wire(), CaseStatusDto::InProcess);
        assert_eq!(CaseStatusDto::Closed.to_domain(), CaseStatus::Closed);
    }
}
