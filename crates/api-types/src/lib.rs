//! The JSON shapes of the csportal REST API (`/api/v1`).
//!
//! serde only; `utoipa::ToSchema` behind the `openapi` feature so the browser app
//! builds without it.

pub mod access_requests;
pub mod accounts;
pub mod auth;
pub mod cases;
pub mod contracts;
pub mod dashboard;
pub mod health;
pub mod installed_products;
pub mod numbers;
pub mod paging;
pub mod problem;
pub mod users;

pub use access_requests::{
    AccessRequestDto, AccessRequestPage, AccessRequestQuery, AccessRequestStatusDto,
    ApproveAccessRequest, CreateAccessRequest, FacilityDto, FacilityIdentifier, IdentifierKindDto,
    RejectAccessRequest,
};
pub use accounts::{AccountKindDto, AccountListResponse, AccountResponse, VisibilityReasonDto};
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
    DashboardResponse, ExpiryCounts, LocationStateCounts, ModalityStateCounts, StateCounts,
};
pub use health::HealthResponse;
pub use installed_products::{
    AccountRef, CoverageDto, CustomDetailsDto, ExpiryStatusDto, InstalledProductDetail,
    InstalledProductPage, InstalledProductQuery, InstalledProductSort, InstalledProductSummary,
    ModalityDto, OperationalStateDto, ProductContractDto, ProductKindDto, ProductRef,
    ProductStatusDto, SlcpLinkDto, SortOrder, UpdateCustomDetailsRequest, WarrantyDto,
};
pub use paging::PageInfo;
pub use problem::{FieldError, FieldErrorCode, ProblemCode, ProblemDetails};
pub use users::{
    CreateUserRequest, DeactivationReasonDto, SecurityLogEntryDto, SecurityLogPage,
    SecurityLogQuery, UpdateUserRequest, UserDetail, UserPage, UserQuery, UserStatusDto,
    UserSummary,
};
