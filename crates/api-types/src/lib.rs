//! The JSON shapes of the csportal REST API (`/api/v1`).
//!
//! serde only; `utoipa::ToSchema` behind the `openapi` feature so the browser app
//! builds without it.

/// A list endpoint's query: its filters, then `page` and `page_size` with
/// the bounds every list enforces. Unknown parameters are refused.
macro_rules! list_query {
    ($(#[$meta:meta])* pub struct $name:ident { $($filters:tt)* }) => {
        $(#[$meta])*
        #[derive(Debug, Clone, Default, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
        #[cfg_attr(feature = "openapi", derive(utoipa::IntoParams))]
        #[cfg_attr(feature = "openapi", into_params(parameter_in = Query))]
        #[serde(deny_unknown_fields)]
        pub struct $name {
            $($filters)*
            /// 1-based; default 1. Pages end at 50,000 (ten million rows at the
            /// largest page size): narrow the filter to reach further.
            #[cfg_attr(feature = "openapi", param(minimum = 1, maximum = 50_000))]
            pub page: Option<u32>,
            /// Rows per page, 1 to 200; default 50.
            #[cfg_attr(feature = "openapi", param(minimum = 1, maximum = 200))]
            pub page_size: Option<u32>,
        }
    };
}

/// One page of a list: its rows and the paging facts beside them.
macro_rules! list_page {
    ($(#[$meta:meta])* pub struct $name:ident of $item:ty) => {
        $(#[$meta])*
        #[derive(Debug, Clone, PartialEq, serde::Serialize, serde::Deserialize)]
        #[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
        pub struct $name {
            pub items: Vec<$item>,
            #[serde(flatten)]
            pub paging: $crate::PageInfo,
        }
    };
}

pub mod access_requests;
pub mod accounts;
pub mod auth;
pub mod cases;
pub mod contracts;
pub mod dashboard;
pub mod documents;
pub mod health;
pub mod imports;
pub mod installed_products;
pub mod numbers;
pub mod paging;
pub mod planned_events;
pub mod problem;
pub mod reports;
pub mod service_desk;
pub mod users;

pub use access_requests::{
    AccessRequestDto, AccessRequestPage, AccessRequestQuery, AccessRequestStatusDto,
    ApproveAccessRequest, CreateAccessRequest, FacilityDto, FacilityIdentifier, IdentifierKindDto,
    RejectAccessRequest,
};
pub use accounts::{
    AccountFieldsDto, AccountKindDto, AccountListResponse, AccountMoveDto, AccountResponse,
    CreateAccountRequest, DryRunQuery, EndingAssignmentDto, MoveAccountRequest,
    VisibilityReasonDto,
};
pub use auth::{
    ChangePasswordRequest, LinkInfo, LinkPurposeDto, LinkTokenRequest, LoginRequest, LogoutRequest,
    MeResponse, MfaCodeRequest, MfaEnabledResponse, MfaPolicy, MfaSetupResponse, ParentAccountRef,
    PasswordConfirmation, PasswordPolicyResponse, PasswordResetRequest, RecoveryCodesResponse,
    RefreshRequest, RoleDto, SetPasswordRequest, TokenResponse, UpdateSettingsRequest,
    UserSettings,
};
pub use cases::{
    ActivityDto, ActivityKindDto, AttachmentDto, AttachmentTypeDto, BenchRepairDto, CaseContactDto,
    CaseDetail, CaseKindDto, CaseOriginDto, CasePage, CaseQuery, CaseSort, CaseStatusDto,
    CaseSummary, ContactCentreDto, CreateActivityRequest, CreateCaseRequest, MoveCaseStatusRequest,
};
pub use contracts::{
    ContractDetail, ContractLineDto, ContractPage, ContractQuery, ContractSummary, WarrantyPage,
};
pub use dashboard::{
    DashboardResponse, ExpiryCounts, LocationStateCounts, ModalityStateCounts, NextVisit,
    StateCounts,
};
pub use documents::{
    DocumentDto, DocumentKindDto, DocumentPage, DocumentQuery, EolNoticeDto, EolNoticePage,
    EolNoticeQuery, EolProductDto, EolProductPage, EolProductQuery, EolSubscriptionDto,
    EolSubscriptionList, MilestoneDto, NewEolSubscription, UploadedDocuments,
};
pub use health::HealthResponse;
pub use imports::{
    ImportKindDto, ImportProblemDto, ImportQuery, ImportReportDto, ImportRunDto, ImportStatusDto,
};
pub use installed_products::{
    AccountRef, CoverageDto, CustomDetailsDto, ExpiryStatusDto, InstalledProductDetail,
    InstalledProductPage, InstalledProductQuery, InstalledProductSort, InstalledProductSummary,
    ModalityDto, OperationalStateDto, ProductContractDto, ProductKindDto, ProductRef,
    ProductStatusDto, SlcpLinkDto, SortOrder, UpdateCustomDetailsRequest, WarrantyDto,
};
pub use paging::PageInfo;
pub use planned_events::{
    AnswerEventRequest, CalendarFeedDto, CustomerResponseDto, EventPlanDto, EventStatusDto,
    EventTypeDto, NewPlannedEventRequest, PlannedEventDto, PlannedEventPage, PlannedEventQuery,
    VisitTypeDto,
};
pub use problem::{FieldError, FieldErrorCode, ProblemCode, ProblemDetails};
pub use reports::{
    CasesInMonth, DigestCadenceDto, DuplicateReportView, ModalityUptime, NewReportView,
    NumberMatchDto, ReportCellDto, ReportChartsResponse, ReportColumnDto, ReportColumnType,
    ReportDefinitionDto, ReportDigestChange, ReportDigestDto, ReportFilterDto, ReportFilterOp,
    ReportGroupDto, ReportKindDto, ReportQueryDto, ReportRowsResponse, ReportSortDto,
    ReportViewChange, ReportViewDto, ReportViewList, SearchHitDto, SearchKindDto, SearchResponse,
};
pub use service_desk::{
    AssignCaseRequest, EngineerDto, EngineerList, QueueCaseDto, QueuePage, QueueQuery,
    WaitingForCustomerRequest,
};
pub use users::{
    CreateUserRequest, DeactivationReasonDto, SecurityLogEntryDto, SecurityLogPage,
    SecurityLogQuery, UpdateUserRequest, UserDetail, UserPage, UserQuery, UserStatusDto,
    UserSummary,
};
