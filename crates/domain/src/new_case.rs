//! The rules for a new service case as a customer sends it (which texts it
//! carries and how long each may be, its priority, when it names a part for
//! bench repair) and for a new entry on a case's timeline. Every broken rule
//! is reported at once.

use crate::case::{ActivityKind, CaseKind, CaseText, CaseTextError};
use crate::installed_product::Priority;
use crate::user::Email;

/// Longest contact email address (RFC 5321's path limit).
pub const CONTACT_EMAIL_MAX: usize = 254;
/// Longest contact phone number, with spaces and extension.
pub const CONTACT_PHONE_MAX: usize = 40;
/// Longest serial number of a part sent for bench repair.
pub const PART_SERIAL_NUMBER_MAX: usize = 80;
/// Longest return address of a bench repair.
pub const RETURN_ADDRESS_MAX: usize = 400;
/// Longest carrier name of a shipment entry.
pub const CARRIER_MAX: usize = 60;
/// Longest tracking number of a shipment entry.
pub const TRACKING_NUMBER_MAX: usize = 80;

/// A new case as sent, before any rule is checked.
#[derive(Debug, Clone, Copy)]
pub struct NewCaseInput<'a> {
    pub kind: CaseKind,
    pub priority: i64,
    pub description: &'a str,
    pub customer_reference: Option<&'a str>,
    pub contact_name: Option<&'a str>,
    pub contact_email: Option<&'a str>,
    pub contact_phone: Option<&'a str>,
    pub bench_repair: Option<BenchRepairInput<'a>>,
}

/// The part of a bench repair as sent.
#[derive(Debug, Clone, Copy, Default)]
pub struct BenchRepairInput<'a> {
    pub part_description: &'a str,
    pub part_serial_number: Option<&'a str>,
    pub return_address: Option<&'a str>,
}

/// A new case that keeps every rule.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ValidNewCase {
    pub kind: CaseKind,
    pub priority: Priority,
    pub description: CaseText,
    pub customer_reference: Option<CaseText>,
    pub contact_name: Option<CaseText>,
    pub contact_email: Option<CaseText>,
    pub contact_phone: Option<CaseText>,
    pub bench_repair: Option<BenchRepair>,
}

/// The part or device a bench repair is about, and where it goes back to.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct BenchRepair {
    pub part_description: CaseText,
    pub part_serial_number: Option<CaseText>,
    pub return_address: Option<CaseText>,
}

/// One broken rule: the field (dotted path), a stable code, a sentence.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct FieldProblem {
    pub field: String,
    pub code: String,
    pub message: String,
}

impl FieldProblem {
    pub fn new(field: &str, code: &str, message: impl Into<String>) -> Self {
        Self {
            field: field.to_owned(),
            code: code.to_owned(),
            message: message.into(),
        }
    }

    /// A text that is missing or too long: "`field` has more than 200 characters".
    pub fn text(field: &str, err: CaseTextError) -> Self {
        Self::new(field, err.code(), format!("{field} {err}"))
    }
}

impl ValidNewCase {
    /// A case logged from a call names who called and their number, so that
    /// the engineer can call back.
    pub fn check_caller(&self) -> Result<(), Vec<FieldProblem>> {
        let missing = |field: &str, what: &str| {
            FieldProblem::new(field, "required", format!("{field}: the caller's {what}"))
        };
        let mut problems = Vec::new();
        if self.contact_name.is_none() {
            problems.push(missing("contact.name", "name"));
        }
        if self.contact_phone.is_none() {
            problems.push(missing("contact.phone", "phone number"));
        }
        if problems.is_empty() {
            Ok(())
        } else {
            Err(problems)
        }
    }
}

/// An optional text of at most `max` characters; a problem is noted under `field`.
fn optional_text(
    problems: &mut Vec<FieldProblem>,
    field: &str,
    raw: Option<&str>,
    max: usize,
) -> Option<CaseText> {
    CaseText::parse_optional(raw, max)
        .map_err(|e| problems.push(FieldProblem::text(field, e)))
        .ok()
        .flatten()
}

/// Checks a new case; the problems come in the order of the fields.
pub fn validate_new_case(input: &NewCaseInput<'_>) -> Result<ValidNewCase, Vec<FieldProblem>> {
    let mut problems = Vec::new();
    let mut optional =
        |field: &str, raw: Option<&str>, max: usize| optional_text(&mut problems, field, raw, max);
    let customer_reference = optional(
        "customer_reference",
        input.customer_reference,
        CaseText::SHORT_MAX,
    );
    let contact_name = optional("contact.name", input.contact_name, CaseText::SHORT_MAX);
    let contact_email = optional("contact.email", input.contact_email, CONTACT_EMAIL_MAX);
    let contact_phone = optional("contact.phone", input.contact_phone, CONTACT_PHONE_MAX);
    let bench_fields = input.bench_repair.map(|b| {
        (
            optional(
                "bench_repair.part_serial_number",
                b.part_serial_number,
                PART_SERIAL_NUMBER_MAX,
            ),
            optional(
                "bench_repair.return_address",
                b.return_address,
                RETURN_ADDRESS_MAX,
            ),
        )
    });
    let priority = Priority::new(input.priority);
    if priority.is_err() {
        problems.push(FieldProblem::new(
            "priority",
            "out_of_range",
            "priority is 1 (critical need) to 5 (scheduled activity)",
        ));
    }
    let description = CaseText::parse(input.description, CaseText::DESCRIPTION_MAX)
        .map_err(|e| problems.push(FieldProblem::text("description", e)))
        .ok();
    if let Some(email) = &contact_email {
        if Email::parse(email.as_str()).is_err() {
            problems.push(FieldProblem::new(
                "contact.email",
                "invalid_email",
                "contact.email is not an email address",
            ));
        }
    }
    let bench_repair = match (input.kind, &input.bench_repair) {
        (CaseKind::BenchRepair, Some(b)) => {
            match CaseText::parse(b.part_description, CaseText::SHORT_MAX) {
                Ok(part_description) => {
                    bench_fields.map(|(part_serial_number, return_address)| BenchRepair {
                        part_description,
                        part_serial_number,
                        return_address,
                    })
                }
                Err(e) => {
                    problems.push(FieldProblem::text("bench_repair.part_description", e));
                    None
                }
            }
        }
        (CaseKind::BenchRepair, None) => {
            problems.push(FieldProblem::new(
                "bench_repair",
                "required",
                "a bench repair names the part or device to repair",
            ));
            None
        }
        (_, Some(_)) => {
            problems.push(FieldProblem::new(
                "bench_repair",
                "not_allowed",
                "bench_repair goes with kind bench_repair only",
            ));
            None
        }
        (_, None) => None,
    };
    match (priority, description) {
        (Ok(priority), Some(description)) if problems.is_empty() => Ok(ValidNewCase {
            kind: input.kind,
            priority,
            description,
            customer_reference,
            contact_name,
            contact_email,
            contact_phone,
            bench_repair,
        }),
        _ => Err(problems),
    }
}

/// The texts of a new timeline entry, checked.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ValidEntry {
    pub text: Option<CaseText>,
    pub carrier: Option<CaseText>,
    pub tracking_number: Option<CaseText>,
}

/// Checks a new timeline entry's texts: a shipment names its carrier and
/// tracking number, every other entry has a text.
pub fn validate_entry(
    kind: ActivityKind,
    text: Option<&str>,
    carrier: Option<&str>,
    tracking_number: Option<&str>,
) -> Result<ValidEntry, Vec<FieldProblem>> {
    let mut problems = Vec::new();
    let mut optional =
        |field: &str, raw: Option<&str>, max: usize| optional_text(&mut problems, field, raw, max);
    let text = optional("text", text, CaseText::DESCRIPTION_MAX);
    let carrier = optional("carrier", carrier, CARRIER_MAX);
    let tracking_number = optional("tracking_number", tracking_number, TRACKING_NUMBER_MAX);
    let required = |field: &str, what: &str| {
        FieldProblem::new(field, "required", format!("{what} needs {field}"))
    };
    if kind == ActivityKind::ShipmentTracking {
        if carrier.is_none() {
            problems.push(required("carrier", "a shipment"));
        }
        if tracking_number.is_none() {
            problems.push(required("tracking_number", "a shipment"));
        }
    } else if text.is_none() {
        problems.push(required("text", "this entry"));
    }
    if problems.is_empty() {
        Ok(ValidEntry {
            text,
            carrier,
            tracking_number,
        })
    } else {
        Err(problems)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn support_request(description: &str) -> NewCaseInput<'_> {
        NewCaseInput {
            kind: CaseKind::SupportRequest,
            priority: 3,
            description,
            customer_reference: None,
            contact_name: None,
            contact_email: None,
            contact_phone: None,
            bench_repair: None,
        }
    }

    fn fields(problems: &[FieldProblem]) -> Vec<(&str, &str)> {
        problems
            .iter()
            .map(|p| (p.field.as_str(), p.code.as_str()))
            .collect()
    }

    #[test]
    fn a_support_request_with_a_description_is_valid_and_trimmed() {
        let valid = validate_new_case(&support_request("  CT table will not move  ")).unwrap();
        assert_eq!(valid.description.as_str(), "CT table will not move");
        assert_eq!(valid.priority.value(), 3);
        assert_eq!(valid.bench_repair, None);
    }

    #[test]
    fn blank_optional_texts_count_as_absent() {
        let input = NewCaseInput {
            customer_reference: Some("   "),
            contact_phone: Some(""),
            ..support_request("x")
        };
        let valid = validate_new_case(&input).unwrap();
        assert_eq!(valid.customer_reference, None);
        assert_eq!(valid.contact_phone, None);
    }

    #[test]
    fn every_broken_rule_is_reported_at_once_in_field_order() {
        let long_phone = "1".repeat(CONTACT_PHONE_MAX + 1);
        let input = NewCaseInput {
            priority: 0,
            contact_phone: Some(&long_phone),
            contact_email: Some("not-an-address"),
            ..support_request(" ")
        };
        let problems = validate_new_case(&input).unwrap_err();
        assert_eq!(
            fields(&problems),
            [
                ("contact.phone", "too_long"),
                ("priority", "out_of_range"),
                ("description", "required"),
                ("contact.email", "invalid_email"),
            ]
        );
        assert_eq!(
            problems[0].message,
            format!("contact.phone has more than {CONTACT_PHONE_MAX} characters")
        );
    }

    #[test]
    fn a_bench_repair_must_name_its_part() {
        let input = NewCaseInput {
            kind: CaseKind::BenchRepair,
            ..support_request("probe cable broken")
        };
        let problems = validate_new_case(&input).unwrap_err();
        assert_eq!(fields(&problems), [("bench_repair", "required")]);
    }

    #[test]
    fn a_bench_repair_keeps_its_part_serial_number_and_return_address() {
        let input = NewCaseInput {
            kind: CaseKind::BenchRepair,
            bench_repair: Some(BenchRepairInput {
                part_description: "C5-1 transducer",
                part_serial_number: Some("SN 123"),
                return_address: Some("Dock 4"),
            }),
            ..support_request("probe cable broken")
        };
        let bench = validate_new_case(&input).unwrap().bench_repair.unwrap();
        assert_eq!(bench.part_description.as_str(), "C5-1 transducer");
        assert_eq!(bench.part_serial_number.unwrap().as_str(), "SN 123");
        assert_eq!(bench.return_address.unwrap().as_str(), "Dock 4");
    }

    #[test]
    fn only_a_bench_repair_may_carry_bench_repair_details() {
        let input = NewCaseInput {
            bench_repair: Some(BenchRepairInput {
                part_description: "C5-1 transducer",
                ..BenchRepairInput::default()
            }),
            ..support_request("probe cable broken")
        };
        let problems = validate_new_case(&input).unwrap_err();
        assert_eq!(fields(&problems), [("bench_repair", "not_allowed")]);
    }

    #[test]
    fn a_too_long_return_address_is_refused_by_its_named_limit() {
        let address = "a".repeat(RETURN_ADDRESS_MAX + 1);
        let input = NewCaseInput {
            kind: CaseKind::BenchRepair,
            bench_repair: Some(BenchRepairInput {
                part_description: "coil",
                return_address: Some(&address),
                ..BenchRepairInput::default()
            }),
            ..support_request("coil noise")
        };
        let problems = validate_new_case(&input).unwrap_err();
        assert_eq!(
            fields(&problems),
            [("bench_repair.return_address", "too_long")]
        );
    }

    #[test]
    fn a_comment_needs_its_text() {
        let problems =
            validate_entry(ActivityKind::CustomerComment, Some("  "), None, None).unwrap_err();
        assert_eq!(fields(&problems), [("text", "required")]);
        assert_eq!(problems[0].message, "this entry needs text");
    }

    #[test]
    fn a_shipment_needs_carrier_and_tracking_number_but_no_text() {
        let problems =
            validate_entry(ActivityKind::ShipmentTracking, None, None, None).unwrap_err();
        assert_eq!(
            fields(&problems),
            [("carrier", "required"), ("tracking_number", "required")]
        );
        let valid = validate_entry(
            ActivityKind::ShipmentTracking,
            None,
            Some("DHL"),
            Some(" 123 "),
        )
        .unwrap();
        assert_eq!(valid.tracking_number.unwrap().as_str(), "123");
        assert_eq!(valid.text, None);
    }

    #[test]
    fn a_carrier_longer_than_its_limit_is_refused_and_counts_as_missing() {
        let carrier = "c".repeat(CARRIER_MAX + 1);
        let problems = validate_entry(
            ActivityKind::ShipmentTracking,
            None,
            Some(&carrier),
            Some("1"),
        )
        .unwrap_err();
        assert_eq!(
            fields(&problems),
            [("carrier", "too_long"), ("carrier", "required")]
        );
    }
}
