//! Service cases: status flow, kinds, timeline entries, numbers and texts.

use crate::ids::{AccountId, CaseId, InstalledProductId, UserId};
use crate::installed_product::{Modality, Priority};
use chrono::{DateTime, Datelike, NaiveDate, Utc};

crate::text_enum! {
    /// Ordered as the flow runs: a case only moves to a later status.
    pub enum CaseStatus / UnknownCaseStatus {
        New = "new",
        InProcess = "in_process",
        Fixed = "fixed",
        Closed = "closed",
    }
}

crate::text_enum! {
    pub enum CaseOrigin / UnknownCaseOrigin {
        Phone = "phone",
        Web = "web",
    }
}

crate::text_enum! {
    pub enum CaseKind / UnknownCaseKind {
        SupportRequest = "support_request",
        BenchRepair = "bench_repair",
        PartIdRequest = "part_id_request",
    }
}

crate::text_enum! {
    pub enum ActivityKind / UnknownActivityKind {
        ProblemReported = "problem_reported",
        SafetyQuestion = "safety_question",
        T2Activity = "t2_activity",
        ExternalRemark = "external_remark",
        CustomerComment = "customer_comment",
        ShipmentTracking = "shipment_tracking",
        StatusChanged = "status_changed",
        /// The service side asks the customer for something (the text says
        /// what); the response clock stops until they answer.
        WaitingForCustomer = "waiting_for_customer",
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, thiserror::Error)]
pub enum StatusMoveError {
    #[error("a case moves only forward: {from} cannot become {to}")]
    NotForward { from: CaseStatus, to: CaseStatus },
}

impl CaseStatus {
    /// Open cases count for the installed product's operational state.
    pub const fn is_open(self) -> bool {
        !matches!(self, CaseStatus::Closed)
    }

    /// The service side may skip steps (a phone fix goes New to Fixed) but
    /// never goes back: a reopened problem is a new case.
    pub fn move_to(self, to: CaseStatus) -> Result<CaseStatus, StatusMoveError> {
        if to > self {
            Ok(to)
        } else {
            Err(StatusMoveError::NotForward { from: self, to })
        }
    }
}

/// A service case as stored.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Case {
    pub id: CaseId,
    pub number: String,
    pub installed_product: InstalledProductId,
    /// The location account the case was logged for.
    pub account: AccountId,
    pub owner_account: AccountId,
    pub modality: Modality,
    pub country: String,
    pub priority: Priority,
    pub status: CaseStatus,
    pub origin: CaseOrigin,
    pub kind: CaseKind,
    pub title: String,
    pub description: String,
    pub customer_reference: Option<String>,
    pub contact_name: Option<String>,
    pub contact_email: Option<String>,
    pub contact_phone: Option<String>,
    pub bench_part_description: Option<String>,
    pub bench_part_serial_number: Option<String>,
    pub bench_return_address: Option<String>,
    pub created_by: Option<UserId>,
    pub created_at: DateTime<Utc>,
    pub updated_at: DateTime<Utc>,
    pub closed_at: Option<DateTime<Utc>>,
    /// Counts the case's changes; a write names the version it saw.
    pub version: i32,
    /// The engineer (a Service user) who handles it.
    pub assigned_to: Option<UserId>,
    /// The service side waits for the customer (their turn to answer).
    pub waiting_for_customer: bool,
    /// The customer waits for the service side since then (see
    /// [`crate::service_desk::ResponseClock`]); none once answered.
    pub awaiting_response_since: Option<DateTime<Utc>>,
}

impl Case {
    /// A priority-1 case must also be phoned in to the market's contact
    /// centre: that matters while the case is open, not after it is closed.
    pub fn must_be_phoned_in(&self) -> bool {
        must_be_phoned_in(self.priority, self.status, self.origin)
    }
}

/// See [`Case::must_be_phoned_in`]. A case the contact centre logged from a
/// call was phoned in already.
pub fn must_be_phoned_in(priority: Priority, status: CaseStatus, origin: CaseOrigin) -> bool {
    priority == Priority::CRITICAL && status.is_open() && origin == CaseOrigin::Web
}

/// One entry of a case's timeline.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct CaseActivity {
    pub id: uuid::Uuid,
    pub case: CaseId,
    pub kind: ActivityKind,
    pub text: Option<String>,
    pub carrier: Option<String>,
    pub tracking_number: Option<String>,
    pub new_status: Option<CaseStatus>,
    pub author: Option<UserId>,
    pub author_name: String,
    pub from_service: bool,
    pub occurred_at: DateTime<Utc>,
}

/// Who may write an activity of a kind.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ActivityAuthor {
    Customer,
    Service,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, thiserror::Error)]
pub enum ActivityError {
    #[error("the case is closed")]
    CaseClosed,
    #[error("{0} is written by the service organisation")]
    ServiceOnly(ActivityKind),
    #[error("{0} is written by the system")]
    SystemOnly(ActivityKind),
}

impl ActivityKind {
    /// Kinds a customer writes; the service side writes the others.
    pub const CUSTOMER_KINDS: [ActivityKind; 2] = [
        ActivityKind::CustomerComment,
        ActivityKind::ShipmentTracking,
    ];

    /// Whether `author` may add this kind to a case in `status`.
    pub fn check_new(
        self,
        author: ActivityAuthor,
        status: CaseStatus,
    ) -> Result<(), ActivityError> {
        if matches!(
            self,
            ActivityKind::ProblemReported
                | ActivityKind::StatusChanged
                | ActivityKind::WaitingForCustomer
        ) {
            return Err(ActivityError::SystemOnly(self));
        }
        if author == ActivityAuthor::Customer && !Self::CUSTOMER_KINDS.contains(&self) {
            return Err(ActivityError::ServiceOnly(self));
        }
        if !status.is_open() {
            return Err(ActivityError::CaseClosed);
        }
        Ok(())
    }
}

/// `CS-<year>-<sequence>`: short enough to read out on the phone, unique
/// because the sequence is global (the year only helps people).
pub fn case_number(created_at: DateTime<Utc>, sequence: i64) -> String {
    format!("CS-{}-{sequence:06}", created_at.year())
}

/// A free text of a case, trimmed, within its length.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct CaseText(String);

#[derive(Debug, Clone, Copy, PartialEq, Eq, thiserror::Error)]
pub enum CaseTextError {
    #[error("is required")]
    Empty,
    #[error("has more than {max} characters")]
    TooLong { max: usize },
}

impl CaseTextError {
    pub const fn code(self) -> &'static str {
        match self {
            CaseTextError::Empty => "required",
            CaseTextError::TooLong { .. } => "too_long",
        }
    }
}

impl CaseText {
    pub const DESCRIPTION_MAX: usize = 4000;
    pub const SHORT_MAX: usize = 200;

    pub fn parse(raw: &str, max: usize) -> Result<Self, CaseTextError> {
        // Others read it (the service desk, colleagues): no reordering.
        let cleaned = crate::text::strip_bidi_controls(raw);
        let trimmed = cleaned.trim();
        if trimmed.is_empty() {
            return Err(CaseTextError::Empty);
        }
        if trimmed.chars().count() > max {
            return Err(CaseTextError::TooLong { max });
        }
        Ok(Self(trimmed.to_owned()))
    }

    /// None for an absent or blank optional field.
    pub fn parse_optional(raw: Option<&str>, max: usize) -> Result<Option<Self>, CaseTextError> {
        match raw.map(str::trim).filter(|s| !s.is_empty()) {
            None => Ok(None),
            Some(text) => Self::parse(text, max).map(Some),
        }
    }

    pub fn as_str(&self) -> &str {
        &self.0
    }

    pub fn into_string(self) -> String {
        self.0
    }
}

/// The list's one-line title: the description's first line, cut at a word
/// boundary to at most `TITLE_MAX` characters.
pub fn case_title(description: &str) -> String {
    const TITLE_MAX: usize = 140;
    let line = description.trim().lines().next().unwrap_or_default().trim();
    if line.chars().count() <= TITLE_MAX {
        return line.to_owned();
    }
    let cut: String = line.chars().take(TITLE_MAX - 1).collect();
    let at_word = cut
        .rfind(char::is_whitespace)
        .filter(|i| *i > TITLE_MAX / 2)
        .map_or(cut.as_str(), |i| &cut[..i]);
    format!("{}…", at_word.trim_end())
}

/// A case closed before its market's cut-over to this platform is historical:
/// out of the generic lists, reached on purpose.
pub fn is_historical(closed_at: Option<DateTime<Utc>>, cutover: Option<NaiveDate>) -> bool {
    match (closed_at, cutover) {
        (Some(closed), Some(cutover)) => closed.date_naive() < cutover,
        _ => false,
    }
}

/// Which cases a list shows, with regard to historical ones (closed before
/// their market's cut-over).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum HistoryView {
    /// The generic lists: historical cases left out.
    Exclude,
    /// Only historical cases, asked for on purpose.
    Only,
    /// Everything: one installed product's whole history.
    Include,
}

/// `historical=true` shows only historical cases; a list for one installed
/// product shows all of its cases unless `historical` is given; otherwise
/// historical cases are left out.
pub fn history_view(historical: Option<bool>, one_installed_product: bool) -> HistoryView {
    match (historical, one_installed_product) {
        (Some(true), _) => HistoryView::Only,
        (None, true) => HistoryView::Include,
        _ => HistoryView::Exclude,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use chrono::TimeZone;

    #[test]
    fn a_priority_one_case_must_be_phoned_in_while_open() {
        let critical = Priority::new(1).unwrap();
        for status in [CaseStatus::New, CaseStatus::InProcess, CaseStatus::Fixed] {
            assert!(
                must_be_phoned_in(critical, status, CaseOrigin::Web),
                "{status:?}"
            );
        }
    }

    #[test]
    fn a_closed_priority_one_case_needs_no_phone_call() {
        let closed = CaseStatus::Closed;
        assert!(!must_be_phoned_in(
            Priority::CRITICAL,
            closed,
            CaseOrigin::Web
        ));
    }

    #[test]
    fn a_case_logged_from_a_call_was_phoned_in_already() {
        let new = CaseStatus::New;
        assert!(!must_be_phoned_in(
            Priority::CRITICAL,
            new,
            CaseOrigin::Phone
        ));
    }

    #[test]
    fn cases_of_lower_priority_need_no_phone_call() {
        for p in 2..=5 {
            let priority = Priority::new(p).unwrap();
            let web = CaseOrigin::Web;
            assert!(!must_be_phoned_in(priority, CaseStatus::New, web), "{p}");
        }
    }

    #[test]
    fn historical_true_shows_only_historical_cases() {
        assert_eq!(history_view(Some(true), false), HistoryView::Only);
        assert_eq!(history_view(Some(true), true), HistoryView::Only);
    }

    #[test]
    fn one_installed_products_list_includes_its_historical_cases() {
        assert_eq!(history_view(None, true), HistoryView::Include);
    }

    #[test]
    fn historical_false_leaves_them_out_even_for_one_installed_product() {
        assert_eq!(history_view(Some(false), true), HistoryView::Exclude);
    }

    #[test]
    fn the_generic_lists_leave_historical_cases_out() {
        assert_eq!(history_view(None, false), HistoryView::Exclude);
        assert_eq!(history_view(Some(false), false), HistoryView::Exclude);
    }

    #[test]
    fn status_moves_forward_and_may_skip_but_never_back() {
        assert_eq!(
            CaseStatus::New.move_to(CaseStatus::InProcess),
            Ok(CaseStatus::InProcess)
        );
        assert_eq!(
            CaseStatus::New.move_to(CaseStatus::Fixed),
            Ok(CaseStatus::Fixed)
        );
        assert_eq!(
            CaseStatus::Fixed.move_to(CaseStatus::Closed),
            Ok(CaseStatus::Closed)
        );
        for (from, to) in [
            (CaseStatus::New, CaseStatus::New),
            (CaseStatus::Fixed, CaseStatus::InProcess),
            (CaseStatus::Closed, CaseStatus::New),
        ] {
            assert_eq!(
                from.move_to(to),
                Err(StatusMoveError::NotForward { from, to })
            );
        }
    }

    #[test]
    fn only_closed_cases_are_not_open() {
        let open: Vec<_> = CaseStatus::ALL.iter().filter(|s| s.is_open()).collect();
        assert_eq!(
            open,
            [&CaseStatus::New, &CaseStatus::InProcess, &CaseStatus::Fixed]
        );
    }

    #[test]
    fn customers_comment_and_track_until_the_case_is_closed() {
        for kind in ActivityKind::CUSTOMER_KINDS {
            assert_eq!(
                kind.check_new(ActivityAuthor::Customer, CaseStatus::Fixed),
                Ok(())
            );
            assert_eq!(
                kind.check_new(ActivityAuthor::Customer, CaseStatus::Closed),
                Err(ActivityError::CaseClosed)
            );
        }
    }

    #[test]
    fn service_kinds_are_for_the_service_side_and_system_kinds_for_no_one() {
        assert_eq!(
            ActivityKind::T2Activity.check_new(ActivityAuthor::Customer, CaseStatus::New),
            Err(ActivityError::ServiceOnly(ActivityKind::T2Activity))
        );
        assert_eq!(
            ActivityKind::T2Activity.check_new(ActivityAuthor::Service, CaseStatus::New),
            Ok(())
        );
        assert_eq!(
            ActivityKind::StatusChanged.check_new(ActivityAuthor::Service, CaseStatus::New),
            Err(ActivityError::SystemOnly(ActivityKind::StatusChanged))
        );
    }

    #[test]
    fn case_numbers_carry_the_year_and_a_padded_sequence() {
        let at = Utc.with_ymd_and_hms(2026, 11, 24, 9, 0, 0).unwrap();
        assert_eq!(case_number(at, 42), "CS-2026-000042");
        assert_eq!(case_number(at, 1_234_567), "CS-2026-1234567");
    }

    #[test]
    fn texts_are_trimmed_required_and_bounded() {
        assert_eq!(
            CaseText::parse("  Tube arcing ", 200).unwrap().as_str(),
            "Tube arcing"
        );
        assert_eq!(CaseText::parse("   ", 200), Err(CaseTextError::Empty));
        assert_eq!(
            CaseText::parse(&"é".repeat(201), 200),
            Err(CaseTextError::TooLong { max: 200 })
        );
        assert!(CaseText::parse(&"é".repeat(200), 200).is_ok());
        assert_eq!(CaseText::parse_optional(Some("  "), 10), Ok(None));
        assert_eq!(CaseText::parse_optional(None, 10), Ok(None));
    }

    #[test]
    fn the_title_is_the_first_line_cut_at_a_word() {
        assert_eq!(case_title("  Gantry noise\nsince Monday"), "Gantry noise");
        let long = "word ".repeat(60);
        let title = case_title(&long);
        assert!(title.chars().count() <= 140, "{title}");
        assert!(title.ends_with("word…"), "{title}");
    }

    #[test]
    fn historical_means_closed_before_the_cutover_day() {
        let cutover = NaiveDate::from_ymd_opt(2018, 10, 1);
        let day_before = Utc.with_ymd_and_hms(2018, 9, 30, 23, 59, 59).single();
        let on_the_day = Utc.with_ymd_and_hms(2018, 10, 1, 0, 0, 0).single();
        assert!(is_historical(day_before, cutover));
        assert!(!is_historical(on_the_day, cutover));
        assert!(
            !is_historical(None, cutover),
            "an open case is never historical"
        );
        assert!(
            !is_historical(day_before, None),
            "a market without a cut-over has none"
        );
    }
}
