//! The words of service cases: priorities, statuses, kinds, timeline entries.
//! Those only the case pages show are in [`CASE_TEXTS`], loaded with them.

use super::case_texts::CASE_TEXTS;
use super::Texts;
use api_types::{ActivityKindDto, AttachmentTypeDto, CaseKindDto, CaseOriginDto, CaseStatusDto};

/// The priorities, most urgent first.
pub const PRIORITIES: [u8; 5] = [1, 2, 3, 4, 5];

/// The statuses in the order a case moves through them.
pub const CASE_STATUSES: [CaseStatusDto; 4] = [
    CaseStatusDto::New,
    CaseStatusDto::InProcess,
    CaseStatusDto::Fixed,
    CaseStatusDto::Closed,
];

pub const CASE_KINDS: [CaseKindDto; 3] = [
    CaseKindDto::SupportRequest,
    CaseKindDto::BenchRepair,
    CaseKindDto::PartIdRequest,
];

/// "Critical need" for 1 … "Scheduled activity" for 5; empty outside 1-5.
pub fn priority_name(t: &Texts, priority: u8) -> &'static str {
    match priority {
        1 => t.priority_1,
        2 => t.priority_2,
        3 => t.priority_3,
        4 => t.priority_4,
        5 => t.priority_5,
        _ => "",
    }
}

/// The number and the name ("1 · Critical need"): never colour alone.
pub fn priority_text(t: &Texts, priority: u8) -> String {
    match priority_name(t, priority) {
        "" => priority.to_string(),
        name => format!("{priority} · {name}"),
    }
}

pub fn case_status_name(t: &Texts, status: CaseStatusDto) -> &'static str {
    match status {
        CaseStatusDto::New => t.case_status_new,
        CaseStatusDto::InProcess => t.case_status_in_process,
        CaseStatusDto::Fixed => t.case_status_fixed,
        CaseStatusDto::Closed => t.case_status_closed,
    }
}

pub fn case_kind_name(t: &Texts, kind: CaseKindDto) -> &'static str {
    let words = CASE_TEXTS.of(t);
    match kind {
        CaseKindDto::SupportRequest => words.case_kind_support_request,
        CaseKindDto::BenchRepair => words.case_kind_bench_repair,
        CaseKindDto::PartIdRequest => words.case_kind_part_id_request,
    }
}

pub fn origin_name(t: &Texts, origin: CaseOriginDto) -> &'static str {
    let words = CASE_TEXTS.of(t);
    match origin {
        CaseOriginDto::Phone => words.origin_phone,
        CaseOriginDto::Web => words.origin_web,
    }
}

pub fn activity_kind_name(t: &Texts, kind: ActivityKindDto) -> &'static str {
    let words = CASE_TEXTS.of(t);
    match kind {
        ActivityKindDto::ProblemReported => words.activity_problem_reported,
        ActivityKindDto::SafetyQuestion => words.activity_safety_question,
        ActivityKindDto::T2Activity => words.activity_t2,
        ActivityKindDto::ExternalRemark => words.activity_external_remark,
        ActivityKindDto::CustomerComment => words.activity_customer_comment,
        ActivityKindDto::ShipmentTracking => words.activity_shipment_tracking,
        ActivityKindDto::StatusChanged => words.activity_status_changed,
        ActivityKindDto::WaitingForCustomer => words.activity_waiting_for_customer,
    }
}

pub fn attachment_type_name(t: &Texts, file_type: AttachmentTypeDto) -> &'static str {
    let words = CASE_TEXTS.of(t);
    match file_type {
        AttachmentTypeDto::Jpeg => words.file_type_jpeg,
        AttachmentTypeDto::Png => words.file_type_png,
        AttachmentTypeDto::Heic => words.file_type_heic,
        AttachmentTypeDto::Pdf => words.file_type_pdf,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::i18n::checks::assert_distinct;
    use crate::i18n::texts;
    use domain::Language;

    #[test]
    fn priorities_have_the_domains_names() {
        let en = texts(Language::En);
        let names: Vec<_> = PRIORITIES.iter().map(|p| priority_name(en, *p)).collect();
        assert_eq!(
            names,
            [
                "Critical need",
                "System down",
                "System restricted",
                "Intermittent problem",
                "Scheduled activity"
            ]
        );
        assert_eq!(priority_text(en, 1), "1 · Critical need");
        assert_eq!(priority_text(en, 9), "9");
        assert_eq!(priority_name(en, 0), "");
    }

    #[test]
    fn case_words_are_distinct_and_filled_in_both_languages() {
        let activities = [
            ActivityKindDto::ProblemReported,
            ActivityKindDto::SafetyQuestion,
            ActivityKindDto::T2Activity,
            ActivityKindDto::ExternalRemark,
            ActivityKindDto::CustomerComment,
            ActivityKindDto::ShipmentTracking,
            ActivityKindDto::StatusChanged,
            ActivityKindDto::WaitingForCustomer,
        ];
        for lang in Language::ALL {
            let t = texts(lang);
            let lists: [Vec<&str>; 4] = [
                PRIORITIES.iter().map(|p| priority_name(t, *p)).collect(),
                CASE_STATUSES
                    .iter()
                    .map(|s| case_status_name(t, *s))
                    .collect(),
                CASE_KINDS.iter().map(|k| case_kind_name(t, *k)).collect(),
                activities
                    .iter()
                    .map(|a| activity_kind_name(t, *a))
                    .collect(),
            ];
            for names in lists {
                assert_distinct(&names);
            }
            assert!(!origin_name(t, CaseOriginDto::Phone).is_empty());
        }
        assert_eq!(
            case_status_name(texts(Language::Nl), CaseStatusDto::InProcess),
            "In behandeling"
        );
    }
}
