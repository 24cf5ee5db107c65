//! Request access: what a valid request holds. The browser app runs the same
//! checks before sending.

use crate::account::CountryCode;
use crate::ids::{AccountId, UserId};
use crate::user::Email;
use chrono::{DateTime, Utc};

text_enum! {
    /// What an identifier on the form names.
    pub enum IdentifierKind / UnknownIdentifierKind {
        InstalledProductNumber = "installed_product_number",
        AssetId = "asset_id",
        LocationId = "location_id",
        TechnicalId = "technical_id",
    }
}

text_enum! {
    /// Where a request for access stands.
    pub enum AccessRequestStatus / UnknownAccessRequestStatus {
        Pending = "pending",
        Approved = "approved",
        Rejected = "rejected",
    }
}

/// A stored request for access and its decision.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct AccessRequest {
    pub id: uuid::Uuid,
    pub name: String,
    pub organisation: String,
    pub email: String,
    pub phone: String,
    pub country: String,
    pub facilities: Vec<Facility>,
    pub remarks: Option<String>,
    /// The requester's language code, as the form sent it.
    pub language: String,
    pub status: AccessRequestStatus,
    /// The parent account the request's identifiers matched.
    pub parent_account: Option<AccountId>,
    pub client_address: Option<String>,
    pub created_at: DateTime<Utc>,
    pub decided_at: Option<DateTime<Utc>>,
    pub decided_by: Option<UserId>,
    pub decision_note: Option<String>,
    /// The user an approval created.
    pub user: Option<UserId>,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Facility {
    pub name: String,
    pub identifiers: Vec<(IdentifierKind, String)>,
}

/// A request as typed; `validate` turns it into [`ValidAccessRequest`].
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct AccessRequestForm {
    pub name: String,
    pub organisation: String,
    pub email: String,
    pub phone: String,
    pub country: String,
    pub facilities: Vec<Facility>,
    pub remarks: Option<String>,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ValidAccessRequest {
    pub name: String,
    pub organisation: String,
    pub email: Email,
    pub phone: String,
    pub country: CountryCode,
    pub facilities: Vec<Facility>,
    pub remarks: Option<String>,
}

/// One broken rule: the field (as on the wire, `facilities[0].name`) and a code.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct FormError {
    pub field: String,
    pub code: &'static str,
}

const MAX_TEXT: usize = 200;
const MAX_IDENTIFIER: usize = 100;
const MAX_REMARKS: usize = 2000;
const MAX_FACILITIES: usize = 20;

fn text(field: &str, raw: &str, max: usize, errors: &mut Vec<FormError>) -> String {
    // A Manager reads it: no reordering of what they see.
    let value = crate::text::strip_bidi_controls(raw).trim().to_owned();
    let code = if value.is_empty() {
        Some("required")
    } else if value.chars().count() > max {
        Some("too_long")
    } else {
        None
    };
    if let Some(code) = code {
        errors.push(FormError {
            field: field.to_owned(),
            code,
        });
    }
    value
}

/// A phone number as people write it: digits with `+ - . ( )` and spaces,
/// 6 to 20 digits.
pub fn phone_ok(raw: &str) -> bool {
    let digits = raw.chars().filter(char::is_ascii_digit).count();
    (6..=20).contains(&digits)
        && raw
            .chars()
            .all(|c| c.is_ascii_digit() || matches!(c, '+' | '-' | '.' | '(' | ')' | ' '))
}

impl AccessRequestForm {
    pub fn validate(&self) -> Result<ValidAccessRequest, Vec<FormError>> {
        let mut errors = Vec::new();
        let name = text("name", &self.name, MAX_TEXT, &mut errors);
        let organisation = text("organisation", &self.organisation, MAX_TEXT, &mut errors);
        let email = Email::parse(&self.email)
            .map_err(|_| {
                errors.push(FormError {
                    field: "email".into(),
                    code: "invalid_email",
                })
            })
            .ok();
        let phone = self.phone.trim().to_owned();
        if !phone_ok(&phone) {
            errors.push(FormError {
                field: "phone".into(),
                code: "invalid_phone",
            });
        }
        let country = CountryCode::parse(self.country.trim())
            .map_err(|_| {
                errors.push(FormError {
                    field: "country".into(),
                    code: "invalid_country",
                })
            })
            .ok();
        if self.facilities.is_empty() {
            errors.push(FormError {
                field: "facilities".into(),
                code: "facility_required",
            });
        } else if self.facilities.len() > MAX_FACILITIES {
            errors.push(FormError {
                field: "facilities".into(),
                code: "too_many_facilities",
            });
        }
        let mut facilities = Vec::new();
        for (i, facility) in self.facilities.iter().enumerate() {
            let name = text(
                &format!("facilities[{i}].name"),
                &facility.name,
                MAX_TEXT,
                &mut errors,
            );
            let identifiers: Vec<(IdentifierKind, String)> = facility
                .identifiers
                .iter()
                .map(|(kind, value)| (*kind, value.trim().to_owned()))
                .filter(|(_, value)| !value.is_empty())
                .collect();
            if identifiers.is_empty() {
                errors.push(FormError {
                    field: format!("facilities[{i}].identifiers"),
                    code: "identifier_required",
                });
            }
            if identifiers
                .iter()
                .any(|(_, v)| v.chars().count() > MAX_IDENTIFIER)
            {
                errors.push(FormError {
                    field: format!("facilities[{i}].identifiers"),
                    code: "too_long",
                });
            }
            facilities.push(Facility { name, identifiers });
        }
        let remarks = self
            .remarks
            .as_deref()
            .map(str::trim)
            .filter(|r| !r.is_empty())
            .map(str::to_owned);
        if remarks
            .as_ref()
            .is_some_and(|r| r.chars().count() > MAX_REMARKS)
        {
            errors.push(FormError {
                field: "remarks".into(),
                code: "too_long",
            });
        }
        match (email, country, errors.is_empty()) {
            (Some(email), Some(country), true) => Ok(ValidAccessRequest {
                name,
                organisation,
                email,
                phone,
                country,
                facilities,
                remarks,
            }),
            _ => Err(errors),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn form() -> AccessRequestForm {
        AccessRequestForm {
            name: "Eva Jansen".into(),
            organisation: "Lindenhaven UMC".into(),
            email: "eva@lindenhaven.example".into(),
            phone: "+31 (0)24 361 1111".into(),
            country: "nl".into(),
            facilities: vec![Facility {
                name: "Radiology".into(),
                identifiers: vec![(IdentifierKind::InstalledProductNumber, " IP-1 ".into())],
            }],
            remarks: Some("  ".into()),
        }
    }

    #[test]
    fn a_complete_request_is_valid_and_trimmed() {
        let valid = form().validate().unwrap();
        assert_eq!(valid.country.as_str(), "NL");
        assert_eq!(valid.facilities[0].identifiers[0].1, "IP-1");
        assert_eq!(valid.remarks, None);
    }

    #[test]
    fn each_facility_needs_an_identifier_and_there_is_at_least_one() {
        let mut f = form();
        f.facilities[0].identifiers = vec![(IdentifierKind::AssetId, "   ".into())];
        let errors = f.validate().unwrap_err();
        assert_eq!(errors[0].field, "facilities[0].identifiers");
        assert_eq!(errors[0].code, "identifier_required");
        f.facilities.clear();
        assert_eq!(f.validate().unwrap_err()[0].code, "facility_required");
    }

    #[test]
    fn names_every_bad_field() {
        let f = AccessRequestForm {
            name: "".into(),
            email: "nope".into(),
            phone: "call me".into(),
            country: "Netherlands".into(),
            ..form()
        };
        let codes: Vec<_> = f
            .validate()
            .unwrap_err()
            .into_iter()
            .map(|e| (e.field, e.code))
            .collect();
        assert_eq!(
            codes,
            [
                ("name".to_owned(), "required"),
                ("email".to_owned(), "invalid_email"),
                ("phone".to_owned(), "invalid_phone"),
                ("country".to_owned(), "invalid_country"),
            ]
        );
    }
}
