//! The words for the values of the reports' choice columns, so the browser
//! and the exports name a status or a modality as the rest of the portal
//! does rather than by its stored snake_case value.

use crate::Language;

/// `(value, English, Dutch)`; a value means the same in every column.
const LABELS: &[(&str, &str, &str)] = &[
    // Case statuses and kinds.
    ("new", "New", "Nieuw"),
    ("in_process", "In process", "In behandeling"),
    ("fixed", "Fixed", "Opgelost"),
    ("closed", "Closed", "Gesloten"),
    (
        "support_request",
        "Support request",
        "Ondersteuningsverzoek",
    ),
    ("bench_repair", "Bench repair", "Werkplaatsreparatie"),
    (
        "part_id_request",
        "Part identification",
        "Onderdeelidentificatie",
    ),
    // Responses against the target.
    ("within_target", "Within target", "Binnen de norm"),
    ("over_target", "Over target", "Over de norm"),
    ("awaiting", "Awaiting a response", "Wacht op reactie"),
    // Modalities.
    ("mr", "MR", "MR"),
    ("ct", "CT", "CT"),
    ("us", "US", "US"),
    ("ixr", "IXR", "IXR"),
    ("other", "Other", "Overig"),
    // Installed products.
    ("active", "Active", "Actief"),
    ("inactive", "Inactive", "Inactief"),
    ("up", "Up", "In bedrijf"),
    ("restricted", "Restricted", "Beperkt"),
    ("down", "Down", "Buiten bedrijf"),
    ("critical", "Critical", "Kritiek"),
    // Contracts' expiry.
    ("green", "More than 90 days left", "Meer dan 90 dagen"),
    ("yellow", "30 to 90 days left", "30 tot 90 dagen"),
    ("red", "Fewer than 30 days left", "Minder dan 30 dagen"),
    ("expired", "Expired", "Verlopen"),
    // Planned events.
    (
        "corrective_maintenance",
        "Corrective maintenance",
        "Correctief onderhoud",
    ),
    (
        "preventive_maintenance",
        "Preventive maintenance",
        "Preventief onderhoud",
    ),
    (
        "field_change_order",
        "Field change order",
        "Field change order",
    ),
    ("installation", "Installation", "Installatie"),
    (
        "application_support",
        "Application support",
        "Applicatieondersteuning",
    ),
    (
        "customer_information",
        "Customer information",
        "Klantinformatie",
    ),
    (
        "contractual_upgrade",
        "Contractual upgrade",
        "Contractuele upgrade",
    ),
    ("onsite", "On site", "Op locatie"),
    ("remote", "Remote", "Op afstand"),
    ("parts_only", "Parts only", "Alleen onderdelen"),
    ("sub_contractor", "Subcontractor", "Onderaannemer"),
    ("tentative", "Tentative", "Voorlopig"),
    ("confirmed", "Confirmed", "Bevestigd"),
    ("done", "Done", "Uitgevoerd"),
    ("cancelled", "Cancelled", "Geannuleerd"),
];

/// The words for a choice column's `value` in `language`; an unknown value
/// as it is.
pub fn choice_label(value: &str, language: Language) -> &str {
    LABELS
        .iter()
        .find(|(v, _, _)| *v == value)
        .map_or(value, |(_, en, nl)| match language {
            Language::Nl => nl,
            _ => en,
        })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::report::{ColumnType, REPORTS};

    #[test]
    fn every_choice_of_every_report_has_words_in_both_languages() {
        for report in REPORTS {
            for column in report.columns {
                if let ColumnType::Choice(choices) = column.kind {
                    for value in choices {
                        assert!(
                            LABELS.iter().any(|(v, _, _)| v == value),
                            "{}.{}: {value}",
                            report.en,
                            column.key
                        );
                    }
                }
            }
        }
    }

    #[test]
    fn a_choice_reads_as_words_and_an_unknown_value_as_itself() {
        assert_eq!(choice_label("in_process", Language::En), "In process");
        assert_eq!(choice_label("in_process", Language::Nl), "In behandeling");
        assert_eq!(choice_label("someday", Language::Nl), "someday");
    }
}
