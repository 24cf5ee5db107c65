//! English and Dutch. Every user-visible string lives in [`Texts`], or, for
//! words only one group of lazily loaded pages uses, in a [`LazyTexts`]; a
//! string missing from one language is a compile error, not a blank on screen.

/// Declares a [`LazyTexts`] group's struct and its static from one list, so
/// each word is named once; the Dutch block must fill the very fields the
/// English one declares, or it does not compile.
macro_rules! lazy_texts {
    (
        pub struct $ty:ident, pub static $name:ident;
        en { $($field:ident: $en:literal,)* }
        nl { $($nl_field:ident: $nl:literal,)* }
    ) => {
        pub struct $ty {
            $(pub $field: &'static str,)*
        }

        pub static $name: $crate::i18n::LazyTexts<$ty> = $crate::i18n::LazyTexts {
            en: $ty { $($field: $en,)* },
            nl: $ty { $($nl_field: $nl,)* },
        };
    };
}

mod access;
pub mod account_texts;
pub mod admin_texts;
pub mod calendar_texts;
pub mod case_texts;
mod cases;
pub mod chart_texts;
pub mod document_texts;
mod en;
pub mod home_texts;
pub mod import_texts;
mod nl;
pub mod product_texts;
pub mod public_texts;
pub mod report_texts;
pub mod search_texts;
pub mod security_log;
pub mod service_texts;
mod users;

/// What every group's word tests check.
#[cfg(test)]
pub(crate) mod checks {
    /// A list's choices can be told apart: none empty, no two the same.
    pub fn assert_distinct<S: AsRef<str>>(names: &[S]) {
        for (i, name) in names.iter().enumerate() {
            let name = name.as_ref();
            assert!(!name.trim().is_empty(), "an empty name");
            assert!(
                !names[i + 1..].iter().any(|n| n.as_ref() == name),
                "{name} twice"
            );
        }
    }

    /// Each template holds its `{placeholder}`.
    pub fn assert_placeholders(pairs: &[(&str, &str)]) {
        for (template, name) in pairs {
            assert!(
                template.contains(&format!("{{{name}}}")),
                "{template} lacks {{{name}}}"
            );
        }
    }
}

pub use access::{
    access_error_text, access_status_name, country_choices, country_label, identifier_kind_name,
    ACCESS_STATUSES, IDENTIFIER_KINDS, MAX_IDENTIFIER, MAX_REMARKS,
};
pub use cases::{
    activity_kind_name, attachment_type_name, case_kind_name, case_status_name, origin_name,
    priority_text, CASE_KINDS, CASE_STATUSES, PRIORITIES,
};
pub use users::{
    confirm_code_error_text, date_format_name, password_error_text, password_rule_text, role_help,
    role_name, time_format_name, user_status_name, ROLES, TIME_FORMATS, USER_STATUSES,
};

use crate::api::ApiError;
use api_types::{
    AccountKindDto, ExpiryStatusDto, FieldErrorCode, ModalityDto, OperationalStateDto, ProblemCode,
    ProductKindDto, ProductStatusDto, VisibilityReasonDto,
};
use domain::Language;

/// Words that only one group of lazily loaded pages uses
/// (`crate::lazy_pages`), in both languages. [`Texts`] is in the shell, so
/// in every first download (ux.md: 250 KB); a static of this type referenced
/// only from one group's pages is cut into that group's part instead.
pub struct LazyTexts<T: 'static> {
    pub en: T,
    pub nl: T,
}

impl<T> LazyTexts<T> {
    /// The words in the language of `t`, the reader's [`Texts`].
    pub fn of(&'static self, t: &Texts) -> &'static T {
        match t.language {
            Language::En => &self.en,
            Language::Nl => &self.nl,
        }
    }
}

/// The words of one language that the first download shows or several
/// lazy page groups share (a group's own words are in its `LazyTexts`),
/// plain or by area (`errors`, `nav`, ...).
pub struct Texts {
    pub language: Language,
    /// `<html lang>` value.
    pub lang_tag: &'static str,
    /// What the portal says when a request fails, by the problem's code.
    pub errors: ErrorTexts,
    /// The navigation's entries (also the pages' titles).
    pub nav: NavTexts,
    /// Two-step sign-in: the code, enabling it, and the Admin's policy.
    pub mfa: MfaTexts,
    /// The password rules as the form checks them, and the server's refusals.
    pub password: PasswordTexts,
    /// The markets' names, and the country field's words.
    pub countries: CountryTexts,
    /// The operational states' names.
    pub states: StateTexts,
    /// The modalities' names.
    pub modalities: ModalityTexts,
    /// The roles' names.
    pub roles: RoleTexts,
    /// A user's statuses.
    pub user_statuses: UserStatusTexts,
    /// The kinds of account, as the hierarchy names them.
    pub account_kinds: AccountKindTexts,
    pub product_name: &'static str,
    pub skip_to_main: &'static str,
    pub main_navigation: &'static str,
    /// The banner's search box: its label and hint.
    pub search_label: &'static str,
    pub search_placeholder: &'static str,
    pub signed_in_as: &'static str,
    pub log_out: &'static str,
    pub checking_session: &'static str,

    pub login_title: &'static str,
    pub login_intro: &'static str,
    pub username_label: &'static str,
    pub password_label: &'static str,
    pub required_marker: &'static str,
    pub login_button: &'static str,
    pub login_busy: &'static str,
    pub login_missing_fields: &'static str,

    pub accounts_loading: &'static str,
    /// Why the list can hold accounts the user was not assigned.
    /// Precedes the reasons an account is visible (read by screen readers).
    pub reason_assigned: &'static str,
    pub reason_owner: &'static str,
    pub reason_location: &'static str,
    pub reason_contract_holder: &'static str,

    /// `{n}`: how many installed products the user sees.
    pub all_products_link: &'static str,
    /// `{n}`: how many contracts the user sees.
    pub all_contracts_link: &'static str,

    pub status_active: &'static str,
    pub status_inactive: &'static str,
    pub kind_hardware: &'static str,
    pub kind_software_license: &'static str,
    /// `{n}`: days until the end date (2 or more).
    pub expires_in_days: &'static str,
    pub expires_in_one_day: &'static str,
    pub expires_today: &'static str,
    pub expired: &'static str,
    pub expiry_green_label: &'static str,
    pub expiry_yellow_label: &'static str,
    pub expiry_red_label: &'static str,
    pub expiry_expired_label: &'static str,
    pub yes: &'static str,
    pub not_recorded: &'static str,
    pub pagination_label: &'static str,
    pub previous_page: &'static str,
    pub next_page: &'static str,
    /// `{page}` of `{pages}`.
    pub page_of: &'static str,
    pub loading_more: &'static str,

    pub filter_modality: &'static str,
    pub filter_coverage: &'static str,
    pub filter_location: &'static str,
    pub filter_q: &'static str,
    pub any_modality: &'static str,
    pub clear_filters: &'static str,
    pub group_none: &'static str,
    pub col_location: &'static str,
    pub products_total_one: &'static str,
    /// `{n}`: how many installed products match.
    pub products_total: &'static str,

    pub product_loading: &'static str,
    pub details_heading: &'static str,
    pub description_label: &'static str,
    pub kind_label: &'static str,
    /// `{date}`: the last covered day.
    pub covered_until: &'static str,

    pub customer_reference_label: &'static str,
    pub saving: &'static str,
    pub form_errors_summary: &'static str,
    pub field_too_long: &'static str,
    pub field_invalid: &'static str,

    pub col_status: &'static str,
    pub contracts_total_one: &'static str,
    /// `{n}`: how many contracts match.
    pub contracts_total: &'static str,
    /// `{n}`: how many warranties match.
    pub warranties_total: &'static str,

    pub create_case: &'static str,
    /// `{date}`: the market's cut-over date.
    pub filter_historical: &'static str,
    /// `{n}`: how many cases match.
    pub cases_total: &'static str,
    pub priority_1: &'static str,
    pub priority_2: &'static str,
    pub priority_3: &'static str,
    pub priority_4: &'static str,
    pub priority_5: &'static str,
    pub case_status_new: &'static str,
    pub case_status_in_process: &'static str,
    pub case_status_fixed: &'static str,
    pub case_status_closed: &'static str,
    /// Followed by the contact centre's phone number.
    /// `{number}`: the new case's number.
    pub case_created: &'static str,
    pub field_required: &'static str,
    /// `{n}`: the most characters the field takes.
    pub field_too_long_n: &'static str,
    pub created_at_label: &'static str,
    /// Between the whole and the tenths of a size ("1.5 MB").
    /// `{name}`: who added the file; `{time}`: when.
    pub attachment_added_by: &'static str,
    /// `{n}`: percent sent.
    pub upload_sending: &'static str,
    /// `{name}`: the file added.
    pub upload_added_live: &'static str,
    /// `{name}`: the file; `{error}`: why it failed.
    pub upload_failed_live: &'static str,
    /// `{number}`: the case's number.
    pub open_case_link: &'static str,
    /// `{product}`: the installed product the list is narrowed to.
    pub filter_product_notice: &'static str,

    // Identity lifecycle, user administration, personal settings.
    pub user_menu_label: &'static str,

    pub forgot_password_link: &'static str,
    pub password_set_notice: &'static str,

    pub email_label: &'static str,
    pub sending: &'static str,
    pub email_invalid: &'static str,

    /// `{time}`: when the link stops working.
    pub link_valid_until: &'static str,

    pub new_password_label: &'static str,
    pub repeat_password_label: &'static str,
    pub show_passwords: &'static str,
    pub passwords_differ: &'static str,

    pub password_changed: &'static str,

    pub settings_title: &'static str,

    /// `{n}`: how many users match.
    pub users_total: &'static str,

    /// `{email}`: where the activation link went.
    pub user_created: &'static str,

    /// `{email}`: where the new link went.
    pub activation_sent: &'static str,
    /// `{time}`: when the lock ends.
    pub user_locked_notice: &'static str,
    /// `{date}`: when it happened.
    pub deactivated_by_inactivity: &'static str,
    /// `{date}`: when it happened.
    pub deactivated_by_manager: &'static str,
    /// `{name}`: the user's name.
    pub deactivate_confirm: &'static str,
    /// `{name}`: the user's name.
    pub reactivate_confirm: &'static str,
    pub cancel: &'static str,

    /// `{zone}`: the user's time zone.
    pub col_time: &'static str,
    /// `{n}`: how many events match.
    pub events_total: &'static str,
    /// `{user}`: the user the log is narrowed to.
    pub filter_user_notice: &'static str,

    // Second factor (TOTP): the login's code step, enrolment, settings,
    // the parent account's requirement, the reset by a Manager.
    pub start_again: &'static str,
    pub recovery_codes_hint: &'static str,
    pub recovery_codes_label: &'static str,
    pub copy_codes: &'static str,
    pub codes_copied: &'static str,
    pub copy_failed: &'static str,
    pub download_codes: &'static str,
    /// The first line of the downloaded file.
    pub recovery_file_title: &'static str,
    pub recovery_file_hint: &'static str,
    pub done: &'static str,

    // Request access (public), and deciding on the requests.
    pub no_account: &'static str,
    pub request_access_link: &'static str,
    pub organisation_label: &'static str,
    pub phone_label: &'static str,
    pub facilities_heading: &'static str,
    /// `{n}`: the facility's place on the form.
    pub facility_n: &'static str,
    /// `{n}`: the identifier's place in its facility.
    pub identifier_n: &'static str,
    pub id_kind_installed_product_number: &'static str,
    pub id_kind_asset_id: &'static str,
    pub id_kind_location_id: &'static str,
    pub id_kind_technical_id: &'static str,
    pub add_identifier: &'static str,
    /// `{n}`: the facility. Starts with the words of `add_identifier`, which it names for screen readers.
    pub add_identifier_to: &'static str,
    pub remove: &'static str,
    /// `{i}`: the identifier; `{n}`: its facility. Holds the word of `remove`.
    pub remove_identifier_of: &'static str,
    /// `{n}`: the facility's place on the form.
    pub remove_facility: &'static str,
    pub remarks_label: &'static str,
    pub phone_invalid: &'static str,
    pub facility_required: &'static str,
    pub identifier_required: &'static str,
    pub access_status_pending: &'static str,
    pub access_status_approved: &'static str,
    pub access_status_rejected: &'static str,
    /// `{n}`: how many requests match.
    pub access_requests_total: &'static str,
    /// `{name}`: who decided; `{time}`: when.
    pub approved_by: &'static str,
    /// `{name}`: who decided; `{time}`: when.
    pub rejected_by: &'static str,
    /// `{email}`: where the activation link went.
    pub access_granted: &'static str,
    /// `{name}`: the requester.
    pub reject_confirm: &'static str,
    /// `{email}`: where the reason went.
    pub request_rejected: &'static str,

    pub not_found_title: &'static str,
    pub not_found_text: &'static str,
    pub not_found_link: &'static str,
    pub page_unavailable_title: &'static str,
    pub page_unavailable_text: &'static str,
    pub page_unavailable_reload: &'static str,
}

/// The operational states' names.
#[derive(Debug)]
pub struct StateTexts {
    pub up: &'static str,
    pub restricted: &'static str,
    pub down: &'static str,
    pub critical: &'static str,
}

/// The modalities' names.
#[derive(Debug)]
pub struct ModalityTexts {
    pub mr: &'static str,
    pub ct: &'static str,
    pub us: &'static str,
    pub ixr: &'static str,
    pub other: &'static str,
}

/// The roles' names.
#[derive(Debug)]
pub struct RoleTexts {
    pub viewer: &'static str,
    pub user: &'static str,
    pub manager: &'static str,
    pub service: &'static str,
    pub admin: &'static str,
}

/// A user's statuses.
#[derive(Debug)]
pub struct UserStatusTexts {
    pub pending: &'static str,
    pub active: &'static str,
    pub locked: &'static str,
    pub deactivated: &'static str,
}

/// The kinds of account, as the hierarchy names them.
#[derive(Debug)]
pub struct AccountKindTexts {
    pub hospital_group: &'static str,
    pub hospital: &'static str,
    pub site: &'static str,
    pub department: &'static str,
    pub leasing_company: &'static str,
    pub trust: &'static str,
    pub service_organisation: &'static str,
}

/// The password rules as the form checks them, and the server's refusals.
#[derive(Debug)]
pub struct PasswordTexts {
    pub rules_heading: &'static str,
    /// `{n}`: the fewest characters.
    pub rule_min_length: &'static str,
    /// `{n}`: the most characters.
    pub rule_max_length: &'static str,
    pub rule_digit: &'static str,
    pub rule_special: &'static str,
    pub rule_lower_case: &'static str,
    pub rule_upper_case: &'static str,
    pub rule_not_common: &'static str,
    pub rule_passwords_match: &'static str,
    /// Read before a rule by screen readers.
    pub rule_met: &'static str,
    pub rule_not_met: &'static str,
    /// `{met}` of `{total}`.
    pub rules_progress: &'static str,
    pub rules_all_met: &'static str,
    /// `{n}`: the fewest characters.
    pub error_too_short: &'static str,
    /// `{n}`: the most characters.
    pub error_too_long: &'static str,
    pub error_digit: &'static str,
    pub error_special: &'static str,
    pub error_lower_case: &'static str,
    pub error_upper_case: &'static str,
    pub error_too_common: &'static str,
    pub error_reused: &'static str,
    pub error_wrong_current: &'static str,
}

/// The markets' names, and the country field's words.
#[derive(Debug)]
pub struct CountryTexts {
    pub label: &'static str,
    pub be: &'static str,
    pub de: &'static str,
    pub dk: &'static str,
    pub fr: &'static str,
    pub gb: &'static str,
    pub nl: &'static str,
    pub invalid: &'static str,
}

/// What the portal says when a request fails, by the problem's code.
#[derive(Debug)]
pub struct ErrorTexts {
    pub invalid_credentials: &'static str,
    pub network: &'static str,
    pub too_many_requests: &'static str,
    pub session_expired: &'static str,
    pub service_unavailable: &'static str,
    pub generic: &'static str,
    pub possible_patient_data: &'static str,
    pub idempotency_key_reused: &'static str,
    pub request_in_progress: &'static str,
    pub case_closed: &'static str,
    pub validation_failed: &'static str,
    pub forbidden: &'static str,
    pub unsupported_file_type: &'static str,
    pub payload_too_large: &'static str,
    pub attachment_quota_exceeded: &'static str,
    pub empty_file: &'static str,
    pub invalid_upload: &'static str,
    pub account_deactivated: &'static str,
    pub password_expired: &'static str,
    /// `{n}`: minutes to wait (2 or more).
    pub retry_in_minutes: &'static str,
    pub retry_in_one_minute: &'static str,
    pub link_expired: &'static str,
    pub link_used: &'static str,
    pub link_invalid: &'static str,
    pub username_taken: &'static str,
    pub mfa_required: &'static str,
    pub invalid_mfa_code: &'static str,
    pub mfa_enrollment_required: &'static str,
    /// Precedes the server's request id: "Reference: 7f3c...".
    pub reference: &'static str,
}

/// The navigation's entries (also the pages' titles).
#[derive(Debug)]
pub struct NavTexts {
    pub home: &'static str,
    pub installed_products: &'static str,
    pub contracts: &'static str,
    /// The calendar of planned service events (also its document title).
    pub calendar: &'static str,
    /// Customer facing documents (also the page's document title).
    pub documents: &'static str,
    /// End-of-life dates, notices and subscriptions (also the page's title).
    pub end_of_life: &'static str,
    /// Customisable reports, charts and exports (also the page's title).
    pub reports: &'static str,
    /// The service desk's queue (Service users).
    pub service_queue: &'static str,
    /// Importing a customer's data (Service and Admin users).
    pub imports: &'static str,
    pub api_docs: &'static str,
    pub cases: &'static str,
    pub users: &'static str,
    pub accounts: &'static str,
    pub security_log: &'static str,
    pub settings: &'static str,
    pub access_requests: &'static str,
}

/// Two-step sign-in: the code, enabling it, and the Admin's policy.
#[derive(Debug)]
pub struct MfaTexts {
    pub code_title: &'static str,
    pub code_intro: &'static str,
    pub code_label: &'static str,
    pub code_hint: &'static str,
    pub code_missing: &'static str,
    /// Switches the phone's keyboard from digits to letters.
    pub use_recovery_code: &'static str,
    pub enable_button: &'static str,
    pub enabled_done: &'static str,
    pub on: &'static str,
    pub off: &'static str,
    /// `{parent}`: the parent account.
    pub policy_switch: &'static str,
    /// `{parent}`: the parent account.
    pub policy_on_confirm: &'static str,
    /// `{parent}`: the parent account.
    pub policy_off_confirm: &'static str,
    /// `{parent}`: the parent account.
    pub policy_now_on: &'static str,
    /// `{parent}`: the parent account.
    pub policy_now_off: &'static str,
    /// The users list's badge of a user with two-step login.
    /// `{name}`: the user's name.
    pub reset_confirm: &'static str,
}

/// Picks one text out of [`Texts`]: for tables of labels that outlive a
/// language switch.
pub type TextFn = fn(&Texts) -> &'static str;

/// The texts of a language.
pub fn texts(lang: Language) -> &'static Texts {
    match lang {
        Language::En => &en::EN,
        Language::Nl => &nl::NL,
    }
}

/// The language of a BCP 47 tag such as the browser's `navigator.language`:
/// Dutch for `nl`, `nl-NL`, `nl-BE`; English otherwise.
pub fn language_from_tag(tag: &str) -> Language {
    let primary = tag.split(['-', '_']).next().unwrap_or_default();
    if primary.eq_ignore_ascii_case("nl") {
        Language::Nl
    } else {
        Language::En
    }
}

/// The language of a user's `settings.language` ("en" | "nl"); English when unknown.
pub fn language_from_setting(setting: &str) -> Language {
    setting.parse().unwrap_or_default()
}

/// The browser's preferred language, used before anyone has signed in.
pub fn browser_language() -> Language {
    web_sys::window()
        .and_then(|w| w.navigator().language())
        .map(|tag| language_from_tag(&tag))
        .unwrap_or_default()
}

/// The translated name of an account kind.
pub fn account_kind(t: &Texts, kind: AccountKindDto) -> &'static str {
    match kind {
        AccountKindDto::HospitalGroup => t.account_kinds.hospital_group,
        AccountKindDto::Hospital => t.account_kinds.hospital,
        AccountKindDto::Site => t.account_kinds.site,
        AccountKindDto::Department => t.account_kinds.department,
        AccountKindDto::LeasingCompany => t.account_kinds.leasing_company,
        AccountKindDto::Trust => t.account_kinds.trust,
        AccountKindDto::ServiceOrganisation => t.account_kinds.service_organisation,
    }
}

/// A template with its `{name}` placeholders filled in.
pub fn fill(template: &str, values: &[(&str, &str)]) -> String {
    values
        .iter()
        .fold(template.to_owned(), |text, (name, value)| {
            text.replace(&format!("{{{name}}}"), value)
        })
}

/// "1 installed product" / "12 installed products".
pub fn count_text(one: &str, many: &str, n: u64) -> String {
    if n == 1 {
        one.to_owned()
    } else {
        fill(many, &[("n", &n.to_string())])
    }
}

/// The short name of a modality ("CT").
pub fn modality_name(t: &Texts, modality: ModalityDto) -> &'static str {
    match modality {
        ModalityDto::Mr => t.modalities.mr,
        ModalityDto::Ct => t.modalities.ct,
        ModalityDto::Us => t.modalities.us,
        ModalityDto::Ixr => t.modalities.ixr,
        ModalityDto::Other => t.modalities.other,
    }
}

/// Every modality, in the order the filters list them.
pub const MODALITIES: [ModalityDto; 5] = [
    ModalityDto::Mr,
    ModalityDto::Ct,
    ModalityDto::Us,
    ModalityDto::Ixr,
    ModalityDto::Other,
];

/// The operational states, most urgent first.
pub const STATES: [OperationalStateDto; 4] = [
    OperationalStateDto::Critical,
    OperationalStateDto::Down,
    OperationalStateDto::Restricted,
    OperationalStateDto::Up,
];

/// The expiration statuses, most urgent first.
pub const EXPIRIES: [ExpiryStatusDto; 4] = [
    ExpiryStatusDto::Expired,
    ExpiryStatusDto::Red,
    ExpiryStatusDto::Yellow,
    ExpiryStatusDto::Green,
];

pub fn state_name(t: &Texts, state: OperationalStateDto) -> &'static str {
    match state {
        OperationalStateDto::Up => t.states.up,
        OperationalStateDto::Restricted => t.states.restricted,
        OperationalStateDto::Down => t.states.down,
        OperationalStateDto::Critical => t.states.critical,
    }
}

pub fn product_status_name(t: &Texts, status: ProductStatusDto) -> &'static str {
    match status {
        ProductStatusDto::Active => t.status_active,
        ProductStatusDto::Inactive => t.status_inactive,
    }
}

pub fn product_kind_name(t: &Texts, kind: ProductKindDto) -> &'static str {
    match kind {
        ProductKindDto::Hardware => t.kind_hardware,
        ProductKindDto::SoftwareLicense => t.kind_software_license,
    }
}

/// What an expiry badge says: "Expires in 21 days", "Expires today", "Expired".
pub fn expiry_text(t: &Texts, expiry: ExpiryStatusDto, days_left: i64) -> String {
    match days_left {
        _ if expiry == ExpiryStatusDto::Expired => t.expired.to_owned(),
        d if d < 0 => t.expired.to_owned(),
        0 => t.expires_today.to_owned(),
        1 => t.expires_in_one_day.to_owned(),
        d => fill(t.expires_in_days, &[("n", &d.to_string())]),
    }
}

/// The range an expiration colour stands for ("Fewer than 30 days left").
pub fn expiry_label(t: &Texts, expiry: ExpiryStatusDto) -> &'static str {
    match expiry {
        ExpiryStatusDto::Green => t.expiry_green_label,
        ExpiryStatusDto::Yellow => t.expiry_yellow_label,
        ExpiryStatusDto::Red => t.expiry_red_label,
        ExpiryStatusDto::Expired => t.expiry_expired_label,
    }
}

/// Why the caller sees an account, in a few words.
pub fn visibility_reason(t: &Texts, reason: VisibilityReasonDto) -> &'static str {
    match reason {
        VisibilityReasonDto::Assigned => t.reason_assigned,
        VisibilityReasonDto::OwnerOfVisibleProduct => t.reason_owner,
        VisibilityReasonDto::LocationOfVisibleProduct => t.reason_location,
        VisibilityReasonDto::ContractHolder => t.reason_contract_holder,
    }
}

/// A field error of a 422 problem, by its stable code.
pub fn field_error_text(t: &Texts, code: FieldErrorCode) -> &'static str {
    match code {
        FieldErrorCode::TooLong => t.field_too_long,
        FieldErrorCode::Required => t.field_required,
        _ => t.field_invalid,
    }
}

/// A country's name in the given language ("NL" -> "Netherlands" / "Nederland")
/// from the browser's `Intl.DisplayNames`; the code itself where that is missing.
pub fn country_name(lang: Language, code: &str) -> String {
    if !is_country_code(code) {
        return code.to_owned();
    }
    intl_region_name(lang.as_str(), code).unwrap_or_else(|| code.to_owned())
}

/// Two ASCII letters: anything else makes `Intl.DisplayNames.of` throw.
fn is_country_code(code: &str) -> bool {
    code.len() == 2 && code.bytes().all(|b| b.is_ascii_alphabetic())
}

fn intl_region_name(locale: &str, code: &str) -> Option<String> {
    use js_sys::{Array, Intl, Reflect};
    use wasm_bindgen::{JsCast, JsValue};

    let intl = Reflect::get(&js_sys::global(), &JsValue::from_str("Intl")).ok()?;
    if !Reflect::has(&intl, &JsValue::from_str("DisplayNames")).ok()? {
        return None;
    }
    let options = Intl::DisplayNamesOptions::new();
    options.set_type(Intl::DisplayNamesType::Region);
    let locales = Array::new();
    locales.push(&JsValue::from_str(locale));
    let names = Intl::DisplayNames::new(&locales, options.unchecked_ref());
    names.of(&code.to_ascii_uppercase()).map(String::from)
}

/// "Try again in 4 minutes", after a 429 with a `Retry-After` of `secs`,
/// rounded up to whole minutes.
pub fn retry_message(t: &Texts, secs: u64) -> String {
    match secs.div_ceil(60) {
        0 | 1 => t.errors.retry_in_one_minute.to_owned(),
        minutes => fill(t.errors.retry_in_minutes, &[("n", &minutes.to_string())]),
    }
}

/// What to tell the user about a failed call: a translated sentence for the
/// codes a user can act on, the generic one (with the request id to quote to
/// support, when the server sent one) for everything else.
pub fn error_message(t: &Texts, err: &ApiError) -> String {
    let specific = match err {
        ApiError::Network(_) => Some(t.errors.network),
        ApiError::Problem(p) => problem_text(t, p.code),
        ApiError::Unexpected { .. } => None,
    };
    match (specific, err.request_id()) {
        (Some(text), _) => text.to_owned(),
        (None, Some(id)) => format!("{} {}: {id}", t.errors.generic, t.errors.reference),
        (None, None) => t.errors.generic.to_owned(),
    }
}

/// The sentence for a problem code a user can act on; also for what the
/// app refuses itself before sending (a file too large or empty).
pub fn problem_text(t: &Texts, code: ProblemCode) -> Option<&'static str> {
    Some(match code {
        ProblemCode::InvalidCredentials => t.errors.invalid_credentials,
        ProblemCode::TooManyRequests => t.errors.too_many_requests,
        ProblemCode::InvalidToken | ProblemCode::Unauthenticated => t.errors.session_expired,
        ProblemCode::ServiceUnavailable => t.errors.service_unavailable,
        ProblemCode::Forbidden => t.errors.forbidden,
        ProblemCode::ValidationFailed => t.errors.validation_failed,
        ProblemCode::PossiblePatientData => t.errors.possible_patient_data,
        ProblemCode::IdempotencyKeyReused => t.errors.idempotency_key_reused,
        ProblemCode::RequestInProgress => t.errors.request_in_progress,
        ProblemCode::CaseClosed => t.errors.case_closed,
        ProblemCode::UnsupportedFileType => t.errors.unsupported_file_type,
        ProblemCode::PayloadTooLarge => t.errors.payload_too_large,
        ProblemCode::AttachmentQuotaExceeded => t.errors.attachment_quota_exceeded,
        ProblemCode::EmptyFile => t.errors.empty_file,
        ProblemCode::InvalidUpload => t.errors.invalid_upload,
        ProblemCode::AccountDeactivated => t.errors.account_deactivated,
        ProblemCode::PasswordExpired => t.errors.password_expired,
        ProblemCode::LinkExpired => t.errors.link_expired,
        ProblemCode::LinkUsed => t.errors.link_used,
        ProblemCode::LinkInvalid => t.errors.link_invalid,
        ProblemCode::UsernameTaken => t.errors.username_taken,
        ProblemCode::MfaRequired => t.errors.mfa_required,
        ProblemCode::InvalidMfaCode => t.errors.invalid_mfa_code,
        ProblemCode::MfaEnrollmentRequired => t.errors.mfa_enrollment_required,
        _ => return None,
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::api::error::problem;
    use crate::i18n::checks::{assert_distinct, assert_placeholders};

    #[test]
    fn browser_tags_starting_with_nl_choose_dutch() {
        for tag in ["nl", "nl-NL", "nl-BE", "NL-nl", "nl_NL"] {
            assert_eq!(language_from_tag(tag), Language::Nl, "{tag}");
        }
        for tag in ["en", "en-GB", "de-DE", "", "nld", "fr"] {
            assert_eq!(language_from_tag(tag), Language::En, "{tag}");
        }
    }

    #[test]
    fn user_settings_choose_the_language_and_fall_back_to_english() {
        assert_eq!(language_from_setting("nl"), Language::Nl);
        assert_eq!(language_from_setting("en"), Language::En);
        assert_eq!(language_from_setting("xx"), Language::En);
    }

    #[test]
    fn html_lang_tags_match_the_language() {
        assert_eq!(texts(Language::En).lang_tag, "en");
        assert_eq!(texts(Language::Nl).lang_tag, "nl");
    }

    #[test]
    fn wrong_credentials_have_their_own_message_in_both_languages() {
        let err = problem(ProblemCode::InvalidCredentials, Some("r-1"));
        assert_eq!(
            error_message(texts(Language::En), &err),
            "The user name or password is wrong. After 3 attempts an account is locked for 15 minutes and its owner is emailed."
        );
        assert_eq!(
            error_message(texts(Language::Nl), &err),
            "De gebruikersnaam of het wachtwoord is onjuist. Na 3 pogingen wordt een account 15 minuten geblokkeerd en krijgt de eigenaar een e-mail."
        );
    }

    #[test]
    fn a_wrong_code_warns_of_the_lockout_in_both_languages() {
        let err = problem(ProblemCode::InvalidMfaCode, None);
        let en = error_message(texts(Language::En), &err);
        assert!(en.contains("after 3 attempts"), "{en}");
        let nl = error_message(texts(Language::Nl), &err);
        assert!(nl.contains("na 3 pogingen"), "{nl}");
        // The hint the login's code step shows, word for word.
        assert_eq!(
            texts(Language::En).mfa.code_hint,
            "Enter the 6-digit code from your authenticator app, or one of your recovery codes"
        );
    }

    #[test]
    fn network_failures_say_the_portal_cannot_be_reached() {
        let err = ApiError::Network("TypeError: Failed to fetch".into());
        assert_eq!(
            error_message(texts(Language::En), &err),
            "The portal cannot be reached. Check your connection and try again."
        );
        assert_ne!(
            error_message(texts(Language::Nl), &err),
            error_message(texts(Language::En), &err)
        );
    }

    #[test]
    fn other_problems_give_the_generic_message_with_the_request_id() {
        let en = texts(Language::En);
        let msg = error_message(en, &problem(ProblemCode::InternalError, Some("req-7f3c")));
        assert!(msg.starts_with(en.errors.generic), "{msg}");
        assert!(msg.ends_with("req-7f3c"), "{msg}");
        assert!(!msg.contains("server detail"), "{msg}");
        assert_eq!(
            error_message(en, &problem(ProblemCode::InternalError, None)),
            en.errors.generic
        );
        let unexpected = ApiError::Unexpected {
            status: 502,
            reason: "html".into(),
        };
        assert_eq!(error_message(en, &unexpected), en.errors.generic);
    }

    #[test]
    fn the_case_problems_have_their_own_messages_in_both_languages() {
        let codes = [
            ProblemCode::PossiblePatientData,
            ProblemCode::IdempotencyKeyReused,
            ProblemCode::RequestInProgress,
            ProblemCode::CaseClosed,
            ProblemCode::ValidationFailed,
            ProblemCode::Forbidden,
            ProblemCode::UnsupportedFileType,
            ProblemCode::PayloadTooLarge,
            ProblemCode::AttachmentQuotaExceeded,
            ProblemCode::EmptyFile,
            ProblemCode::InvalidUpload,
            ProblemCode::AccountDeactivated,
            ProblemCode::PasswordExpired,
            ProblemCode::LinkExpired,
            ProblemCode::LinkUsed,
            ProblemCode::LinkInvalid,
            ProblemCode::UsernameTaken,
            ProblemCode::MfaRequired,
            ProblemCode::InvalidMfaCode,
            ProblemCode::MfaEnrollmentRequired,
        ];
        for lang in Language::ALL {
            let t = texts(lang);
            let messages: Vec<String> = codes
                .iter()
                .map(|code| error_message(t, &problem(*code, Some("r-1"))))
                .collect();
            for (i, message) in messages.iter().enumerate() {
                assert!(!message.starts_with(t.errors.generic), "{message}");
                assert!(!messages[i + 1..].contains(message), "{message}");
            }
            for template in [t.cases_total, t.field_too_long_n] {
                assert!(template.contains("{n}"), "{template}");
            }
            assert!(t.case_created.contains("{number}"));
            assert!(t.open_case_link.contains("{number}"));
            assert!(
                t.attachment_added_by.contains("{name}")
                    && t.attachment_added_by.contains("{time}")
            );
            assert!(t.upload_sending.contains("{n}"));
            assert!(t.upload_added_live.contains("{name}"));
            assert!(
                t.upload_failed_live.contains("{name}") && t.upload_failed_live.contains("{error}")
            );
            assert!(t.filter_product_notice.contains("{product}"));
            assert_placeholders(&[
                (t.password.rule_min_length, "n"),
                (t.password.rule_max_length, "n"),
                (t.password.error_too_short, "n"),
                (t.password.error_too_long, "n"),
                (t.errors.retry_in_minutes, "n"),
                (t.users_total, "n"),
                (t.events_total, "n"),
                (t.link_valid_until, "time"),
                (t.user_locked_notice, "time"),
                (t.deactivated_by_inactivity, "date"),
                (t.deactivated_by_manager, "date"),
                (t.user_created, "email"),
                (t.activation_sent, "email"),
                (t.deactivate_confirm, "name"),
                (t.reactivate_confirm, "name"),
                (t.col_time, "zone"),
                (t.filter_user_notice, "user"),
                (t.mfa.policy_switch, "parent"),
                (t.mfa.policy_on_confirm, "parent"),
                (t.mfa.policy_off_confirm, "parent"),
                (t.mfa.policy_now_on, "parent"),
                (t.mfa.policy_now_off, "parent"),
                (t.mfa.reset_confirm, "name"),
            ]);
            assert!(
                t.password.rules_progress.contains("{met}")
                    && t.password.rules_progress.contains("{total}")
            );
            assert!(t.filter_historical.contains("{date}"));
        }
    }

    #[test]
    fn only_two_letter_codes_are_looked_up() {
        assert!(is_country_code("NL"));
        assert!(is_country_code("dk"));
        assert!(!is_country_code("NLD"));
        assert!(!is_country_code("N1"));
        assert!(!is_country_code(""));
    }

    #[test]
    fn expiry_badges_say_how_long_is_left() {
        let en = texts(Language::En);
        assert_eq!(
            expiry_text(en, ExpiryStatusDto::Red, 21),
            "Expires in 21 days"
        );
        assert_eq!(expiry_text(en, ExpiryStatusDto::Red, 1), "Expires in 1 day");
        assert_eq!(expiry_text(en, ExpiryStatusDto::Red, 0), "Expires today");
        assert_eq!(expiry_text(en, ExpiryStatusDto::Expired, -3), "Expired");
        assert_eq!(
            expiry_text(en, ExpiryStatusDto::Green, 120),
            "Expires in 120 days"
        );
        let nl = texts(Language::Nl);
        assert_eq!(
            expiry_text(nl, ExpiryStatusDto::Yellow, 45),
            "Verloopt over 45 dagen"
        );
        assert_eq!(expiry_text(nl, ExpiryStatusDto::Expired, -1), "Verlopen");
    }

    #[test]
    fn templates_and_counts_fill_their_placeholders() {
        let en = texts(Language::En);
        assert_eq!(
            fill(en.page_of, &[("page", "2"), ("pages", "7")]),
            "Page 2 of 7"
        );
        assert_eq!(
            count_text(en.products_total_one, en.products_total, 1),
            "1 installed product"
        );
        assert_eq!(
            count_text(en.products_total_one, en.products_total, 0),
            "0 installed products"
        );
        let nl = texts(Language::Nl);
        assert_eq!(
            count_text(nl.contracts_total_one, nl.contracts_total, 3),
            "3 contracten"
        );
        for lang in Language::ALL {
            let t = texts(lang);
            for template in [
                t.expires_in_days,
                t.products_total,
                t.contracts_total,
                t.warranties_total,
                t.all_products_link,
                t.all_contracts_link,
            ] {
                assert!(template.contains("{n}"), "{template}");
            }
            assert!(t.page_of.contains("{page}") && t.page_of.contains("{pages}"));
            assert!(t.covered_until.contains("{date}"));
        }
    }

    #[test]
    fn statuses_have_distinct_names_in_both_languages() {
        for lang in Language::ALL {
            let t = texts(lang);
            let states: Vec<_> = STATES.iter().map(|s| state_name(t, *s)).collect();
            let expiries: Vec<_> = EXPIRIES.iter().map(|e| expiry_label(t, *e)).collect();
            for names in [states, expiries] {
                assert_distinct(&names);
            }
        }
        assert_eq!(
            state_name(texts(Language::Nl), OperationalStateDto::Down),
            "Buiten bedrijf"
        );
    }

    #[test]
    fn field_errors_are_translated_by_code() {
        let en = texts(Language::En);
        assert_eq!(
            field_error_text(en, FieldErrorCode::TooLong),
            en.field_too_long
        );
        assert_eq!(
            field_error_text(en, FieldErrorCode::Unknown),
            en.field_invalid
        );
    }

    #[test]
    fn every_account_kind_is_translated() {
        let kinds = [
            AccountKindDto::HospitalGroup,
            AccountKindDto::Hospital,
            AccountKindDto::Site,
            AccountKindDto::Department,
            AccountKindDto::LeasingCompany,
            AccountKindDto::Trust,
            AccountKindDto::ServiceOrganisation,
        ];
        for lang in Language::ALL {
            let t = texts(lang);
            for kind in kinds {
                assert!(!account_kind(t, kind).is_empty());
            }
        }
        assert_eq!(
            account_kind(texts(Language::Nl), AccountKindDto::Hospital),
            "Ziekenhuis"
        );
    }
}
