//! The words of requests for access: statuses, identifier kinds, the
//! countries of the form, and its field errors.

use super::{country_name, field_error_text, fill, language_from_setting, Texts};
use api_types::{AccessRequestStatusDto, FieldErrorCode, IdentifierKindDto};

/// The statuses of a request, in the order it moves through them.
pub const ACCESS_STATUSES: [AccessRequestStatusDto; 3] = [
    AccessRequestStatusDto::Pending,
    AccessRequestStatusDto::Approved,
    AccessRequestStatusDto::Rejected,
];

/// The kinds of identifier a facility is named by, the most useful first.
pub const IDENTIFIER_KINDS: [IdentifierKindDto; 4] = [
    IdentifierKindDto::InstalledProductNumber,
    IdentifierKindDto::AssetId,
    IdentifierKindDto::LocationId,
    IdentifierKindDto::TechnicalId,
];

/// The countries the request form offers (ISO 3166-1 alpha-2).
pub const COUNTRIES: [&str; 6] = ["BE", "DE", "DK", "FR", "GB", "NL"];

/// The most characters the server takes in each field of the request form
/// (`facilities[i].name` counts as `name`).
pub const MAX_TEXT: usize = 200;
pub const MAX_IDENTIFIER: usize = 100;
pub const MAX_REMARKS: usize = 2000;

pub fn access_status_name(t: &Texts, status: AccessRequestStatusDto) -> &'static str {
    match status {
        AccessRequestStatusDto::Pending => t.access_status_pending,
        AccessRequestStatusDto::Approved => t.access_status_approved,
        AccessRequestStatusDto::Rejected => t.access_status_rejected,
    }
}

pub fn identifier_kind_name(t: &Texts, kind: IdentifierKindDto) -> &'static str {
    match kind {
        IdentifierKindDto::InstalledProductNumber => t.id_kind_installed_product_number,
        IdentifierKindDto::AssetId => t.id_kind_asset_id,
        IdentifierKindDto::LocationId => t.id_kind_location_id,
        IdentifierKindDto::TechnicalId => t.id_kind_technical_id,
    }
}

/// A country's name: the form's countries in the app's own words, any
/// other code in the browser's (`Intl.DisplayNames`).
pub fn country_label(t: &Texts, code: &str) -> String {
    let name = match code.trim().to_ascii_uppercase().as_str() {
        "BE" => t.countries.be,
        "DE" => t.countries.de,
        "DK" => t.countries.dk,
        "FR" => t.countries.fr,
        "GB" => t.countries.gb,
        "NL" => t.countries.nl,
        _ => return country_name(language_from_setting(t.lang_tag), code),
    };
    name.to_owned()
}

/// The form's countries as (code, name), sorted by name in this language.
pub fn country_choices(t: &Texts) -> Vec<(&'static str, String)> {
    let mut choices: Vec<(&'static str, String)> = COUNTRIES
        .into_iter()
        .map(|code| (code, country_label(t, code)))
        .collect();
    choices.sort_by(|a, b| a.1.cmp(&b.1));
    choices
}

/// The sentence for an error of the request form's `field` (as the server
/// names it, `facilities[0].identifiers`), by its code.
pub fn access_error_text(t: &Texts, field: &str, code: FieldErrorCode) -> String {
    let max = if field.ends_with("identifiers") {
        MAX_IDENTIFIER
    } else if field == "remarks" {
        MAX_REMARKS
    } else {
        MAX_TEXT
    };
    match code {
        FieldErrorCode::TooLong => fill(t.field_too_long_n, &[("n", &max.to_string())]),
        FieldErrorCode::InvalidEmail => t.email_invalid.to_owned(),
        FieldErrorCode::InvalidPhone => t.phone_invalid.to_owned(),
        FieldErrorCode::InvalidCountry => t.countries.invalid.to_owned(),
        FieldErrorCode::FacilityRequired => t.facility_required.to_owned(),
        FieldErrorCode::IdentifierRequired => t.identifier_required.to_owned(),
        code => field_error_text(t, code).to_owned(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::i18n::checks::{assert_distinct, assert_placeholders};
    use crate::i18n::texts;
    use domain::Language;

    #[test]
    fn statuses_kinds_and_countries_have_distinct_names_in_both_languages() {
        for lang in Language::ALL {
            let t = texts(lang);
            let lists: [Vec<String>; 3] = [
                ACCESS_STATUSES
                    .iter()
                    .map(|s| access_status_name(t, *s).to_owned())
                    .collect(),
                IDENTIFIER_KINDS
                    .iter()
                    .map(|k| identifier_kind_name(t, *k).to_owned())
                    .collect(),
                COUNTRIES.iter().map(|c| country_label(t, c)).collect(),
            ];
            for names in lists {
                assert_distinct(&names);
            }
            assert_placeholders(&[
                (t.facility_n, "n"),
                (t.identifier_n, "n"),
                (t.add_identifier_to, "n"),
                (t.remove_facility, "n"),
                (t.remove_identifier_of, "i"),
                (t.remove_identifier_of, "n"),
                (t.access_requests_total, "n"),
                (t.approved_by, "name"),
                (t.approved_by, "time"),
                (t.rejected_by, "name"),
                (t.rejected_by, "time"),
                (t.reject_confirm, "name"),
                (t.access_granted, "email"),
                (t.request_rejected, "email"),
            ]);
            // The accessible names hold the visible words (WCAG 2.5.3).
            assert!(t.add_identifier_to.starts_with(t.add_identifier));
            assert!(t
                .remove_identifier_of
                .to_lowercase()
                .contains(&t.remove.to_lowercase()));
        }
        let nl = texts(Language::Nl);
        assert_eq!(country_label(nl, "gb"), "Verenigd Koninkrijk");
        let names: Vec<String> = country_choices(nl).into_iter().map(|(_, n)| n).collect();
        assert_eq!(names.first().map(String::as_str), Some("België"));
        assert_eq!(
            names.last().map(String::as_str),
            Some("Verenigd Koninkrijk")
        );
    }

    #[test]
    fn too_long_names_the_fields_own_limit() {
        let en = texts(Language::En);
        use FieldErrorCode::{FacilityRequired, Required, TooLong};
        for (field, code, sentence) in [
            ("remarks", TooLong, "Use at most 2000 characters."),
            (
                "facilities[1].identifiers",
                TooLong,
                "Use at most 100 characters.",
            ),
            ("organisation", TooLong, "Use at most 200 characters."),
            ("facilities", FacilityRequired, en.facility_required),
            ("name", Required, en.field_required),
        ] {
            assert_eq!(access_error_text(en, field, code), sentence, "{field}");
        }
    }
}
