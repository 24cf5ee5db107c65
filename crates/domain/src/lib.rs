//! The csportal business model: value types, rules and the authorization policy.
//!
//! No I/O and no framework types: the server and the browser app (wasm32) share it.

#[macro_use]
mod text_enum;

pub mod access_request;
pub mod account;
pub mod account_import;
pub mod account_security;
pub mod attachment;
pub mod case;
pub mod clock;
pub mod contract_import;
pub mod document;
pub mod end_of_life;
pub mod event_import;
pub mod expiry;
pub mod ids;
pub mod import;
mod import_row;
pub mod installed_product;
pub mod market;
pub mod new_case;
pub mod password;
pub mod phi;
pub mod planned_event;
pub mod policy;
pub mod product_import;
pub mod report;
pub mod search;
pub mod security_event;
pub mod service_desk;
pub mod text;
pub mod user;
pub mod user_import;
pub mod warranty_import;

pub use account::{
    check_move, subtree_of, Account, AccountFields, AccountKind, AccountName, CountryCode,
    MoveRefusal, TypedAccount, VisibilityReason,
};
pub use attachment::{display_file_name, Attachment, AttachmentType, StoredFile};
pub use case::{
    case_number, case_title, history_view, is_historical, must_be_phoned_in, ActivityAuthor,
    ActivityError, ActivityKind, Case, CaseActivity, CaseKind, CaseOrigin, CaseStatus, CaseText,
    CaseTextError, HistoryView, StatusMoveError,
};
pub use clock::Clock;
pub use expiry::{days_left, ExpiryStatus};
pub use ids::{AccountId, CaseId, ContractId, InstalledProductId, UserId};
pub use installed_product::{
    CustomDetails, CustomText, InstalledProduct, Modality, OperationalState, Priority, ProductKind,
    ProductStatus,
};
pub use market::{MarketSettingError, Markets};
pub use new_case::{
    validate_entry, validate_new_case, FieldProblem, NewCaseInput, ValidEntry, ValidNewCase,
};
pub use password::{PasswordPolicy, PasswordRule};
pub use phi::{find_patient_data, looks_like_patient_data, PhiFinding, PhiKind};
pub use policy::{
    acting_parent, authorize, AccountScope, Action, AuthzError, NotAnAdministrator, Principal,
    Target,
};
pub use security_event::{may_grant, SecurityEvent};
pub use service_desk::{ResponseClock, ResponseTargets};
pub use text::strip_bidi_controls;
pub use user::{
    DateFormat, Email, Language, Role, TimeFormat, TimeZoneName, User, UserSettings, Username,
};
