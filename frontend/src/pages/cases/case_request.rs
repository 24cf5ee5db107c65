//! The create form's fields and the request they make: checked before
//! sending, trimmed, empty parts left out.

use super::fields::{field_error, Control, FieldSpec, LONG_MAX};
use super::product_picker::SEARCH_ID;
use super::submit::optional;
use crate::i18n::case_texts::CASE_TEXTS;
use crate::query::from_wire;
use api_types::{
    BenchRepairDto, CaseContactDto, CaseKindDto, CreateCaseRequest, FieldError, FieldErrorCode,
};

pub const PRODUCT: FieldSpec = FieldSpec {
    control: Control::Custom,
    required: true,
    ..FieldSpec::text("installed_product_id", SEARCH_ID, |t| {
        CASE_TEXTS.of(t).col_installed_product
    })
};
pub const PRIORITY: FieldSpec = FieldSpec {
    control: Control::Custom,
    required: true,
    ..FieldSpec::text("priority", "priority-1", |t| CASE_TEXTS.of(t).col_priority)
};
pub const KIND: FieldSpec = FieldSpec {
    control: Control::Custom,
    ..FieldSpec::text("kind", "case-kind", |t| CASE_TEXTS.of(t).case_kind_label)
};
pub const PART_DESCRIPTION: FieldSpec = FieldSpec {
    help: Some(|t| CASE_TEXTS.of(t).bench_part_description_help),
    required: true,
    ..FieldSpec::text(
        "bench_repair.part_description",
        "bench-part-description",
        |t| CASE_TEXTS.of(t).bench_part_description_label,
    )
};
pub const PART_SERIAL: FieldSpec = FieldSpec::text(
    "bench_repair.part_serial_number",
    "bench-part-serial",
    |t| CASE_TEXTS.of(t).bench_part_serial_label,
);
pub const RETURN_ADDRESS: FieldSpec = FieldSpec {
    help: Some(|t| CASE_TEXTS.of(t).bench_return_address_help),
    control: Control::TextArea,
    autocomplete: "street-address",
    ..FieldSpec::text("bench_repair.return_address", "bench-return-address", |t| {
        CASE_TEXTS.of(t).bench_return_address_label
    })
};
pub const DESCRIPTION: FieldSpec = FieldSpec {
    help: Some(|t| CASE_TEXTS.of(t).case_description_help),
    control: Control::TextArea,
    required: true,
    max: LONG_MAX,
    phi: true,
    ..FieldSpec::text("description", "case-description", |t| {
        CASE_TEXTS.of(t).case_description_label
    })
};
pub const REFERENCE: FieldSpec = FieldSpec {
    help: Some(|t| CASE_TEXTS.of(t).case_reference_help),
    ..FieldSpec::text("customer_reference", "case-customer-reference", |t| {
        t.customer_reference_label
    })
};
pub const CONTACT_NAME: FieldSpec = FieldSpec {
    autocomplete: "name",
    ..FieldSpec::text("contact.name", "case-contact-name", |t| {
        CASE_TEXTS.of(t).contact_name_label
    })
};
pub const CONTACT_EMAIL: FieldSpec = FieldSpec {
    control: Control::Email,
    autocomplete: "email",
    ..FieldSpec::text("contact.email", "case-contact-email", |t| {
        CASE_TEXTS.of(t).contact_email_label
    })
};
pub const CONTACT_PHONE: FieldSpec = FieldSpec {
    control: Control::Tel,
    autocomplete: "tel",
    ..FieldSpec::text("contact.phone", "case-contact-phone", |t| {
        CASE_TEXTS.of(t).contact_phone_label
    })
};

/// A phoned-in case (logged by the service desk): the caller's name and
/// number are required (the same fields, marked so).
pub const CALLER_NAME: FieldSpec = FieldSpec {
    required: true,
    ..CONTACT_NAME
};
pub const CALLER_PHONE: FieldSpec = FieldSpec {
    required: true,
    ..CONTACT_PHONE
};

/// Every field in the order of the form (for the error summary).
pub const FIELDS: [&FieldSpec; 11] = [
    &PRODUCT,
    &PRIORITY,
    &KIND,
    &PART_DESCRIPTION,
    &PART_SERIAL,
    &RETURN_ADDRESS,
    &DESCRIPTION,
    &REFERENCE,
    &CONTACT_NAME,
    &CONTACT_EMAIL,
    &CONTACT_PHONE,
];

/// What the form holds, as plain data.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct CaseFormValues {
    pub product: Option<String>,
    pub priority: Option<u8>,
    pub kind: CaseKindDto,
    pub description: String,
    pub part_description: String,
    pub part_serial: String,
    pub return_address: String,
    pub reference: String,
    pub contact_name: String,
    pub contact_email: String,
    pub contact_phone: String,
    pub confirm_no_patient_data: bool,
    /// Logged by the service desk for a caller, whose name and phone are required.
    pub phoned_in: bool,
}

/// The contact's name and phone fields: required for a phoned-in case.
pub const fn contact_specs(phoned_in: bool) -> (&'static FieldSpec, &'static FieldSpec) {
    if phoned_in {
        (&CALLER_NAME, &CALLER_PHONE)
    } else {
        (&CONTACT_NAME, &CONTACT_PHONE)
    }
}

/// The request for the form's values, or what to fix first. Bench repair
/// details go only with a bench repair; a contact only when one is given.
pub fn create_request(v: &CaseFormValues) -> Result<CreateCaseRequest, Vec<FieldError>> {
    let bench = v.kind == CaseKindDto::BenchRepair;
    let mut errors: Vec<FieldError> = Vec::new();
    let product = v.product.as_deref().and_then(from_wire);
    if product.is_none() {
        errors.push(field_error(PRODUCT.field, FieldErrorCode::Required));
    }
    if v.priority.is_none() {
        errors.push(field_error(PRIORITY.field, FieldErrorCode::Required));
    }
    let (name, phone) = contact_specs(v.phoned_in);
    let mut checks = vec![
        (&DESCRIPTION, &v.description),
        (&REFERENCE, &v.reference),
        (name, &v.contact_name),
        (&CONTACT_EMAIL, &v.contact_email),
        (phone, &v.contact_phone),
    ];
    if bench {
        checks.splice(
            0..0,
            [
                (&PART_DESCRIPTION, &v.part_description),
                (&PART_SERIAL, &v.part_serial),
                (&RETURN_ADDRESS, &v.return_address),
            ],
        );
    }
    errors.extend(checks.iter().filter_map(|(spec, value)| spec.check(value)));
    let (Some(installed_product_id), Some(priority), true) =
        (product, v.priority, errors.is_empty())
    else {
        return Err(errors);
    };
    let contact = CaseContactDto {
        name: optional(&v.contact_name),
        email: optional(&v.contact_email),
        phone: optional(&v.contact_phone),
    };
    Ok(CreateCaseRequest {
        installed_product_id,
        priority,
        description: v.description.trim().to_owned(),
        kind: v.kind,
        customer_reference: optional(&v.reference),
        contact: (contact != CaseContactDto::default()).then_some(contact),
        bench_repair: bench.then(|| BenchRepairDto {
            part_description: v.part_description.trim().to_owned(),
            part_serial_number: optional(&v.part_serial),
            return_address: optional(&v.return_address),
        }),
        confirm_no_patient_data: v.confirm_no_patient_data,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    const PRODUCT_ID: &str = "7d9c3a52-0000-4000-8000-000000000002";

    fn filled() -> CaseFormValues {
        CaseFormValues {
            product: Some(PRODUCT_ID.to_owned()),
            priority: Some(2),
            description: "  Gantry noise\nsince Monday ".to_owned(),
            ..CaseFormValues::default()
        }
    }

    fn codes(errors: &[FieldError]) -> Vec<(&str, FieldErrorCode)> {
        errors.iter().map(|e| (e.field.as_str(), e.code)).collect()
    }

    #[test]
    fn an_empty_form_names_what_is_missing_in_form_order() {
        let errors = create_request(&CaseFormValues::default()).unwrap_err();
        assert_eq!(
            codes(&errors),
            [
                ("installed_product_id", FieldErrorCode::Required),
                ("priority", FieldErrorCode::Required),
                ("description", FieldErrorCode::Required),
            ]
        );
    }

    #[test]
    fn a_support_request_trims_and_leaves_out_empty_parts() {
        let mut values = filled();
        values.part_description = "ignored: not a bench repair".to_owned();
        let request = create_request(&values).unwrap();
        assert_eq!(request.installed_product_id.to_string(), PRODUCT_ID);
        assert_eq!(request.priority, 2);
        assert_eq!(request.description, "Gantry noise\nsince Monday");
        assert_eq!(request.kind, CaseKindDto::SupportRequest);
        assert_eq!(request.bench_repair, None);
        assert_eq!(request.contact, None);
        assert_eq!(request.customer_reference, None);
        assert!(!request.confirm_no_patient_data);
    }

    #[test]
    fn a_bench_repair_needs_its_part_description() {
        let mut values = filled();
        values.kind = CaseKindDto::BenchRepair;
        let errors = create_request(&values).unwrap_err();
        assert_eq!(
            codes(&errors),
            [("bench_repair.part_description", FieldErrorCode::Required)]
        );
        values.part_description = " C5-1 transducer ".to_owned();
        values.part_serial = "SN-77".to_owned();
        values.contact_email = "biomed@example.org".to_owned();
        values.confirm_no_patient_data = true;
        let request = create_request(&values).unwrap();
        let bench = request.bench_repair.unwrap();
        assert_eq!(bench.part_description, "C5-1 transducer");
        assert_eq!(bench.part_serial_number.as_deref(), Some("SN-77"));
        assert_eq!(bench.return_address, None);
        let contact = request.contact.unwrap();
        assert_eq!(contact.email.as_deref(), Some("biomed@example.org"));
        assert_eq!(contact.name, None);
        assert!(request.confirm_no_patient_data);
    }

    #[test]
    fn a_phoned_in_case_needs_the_callers_name_and_phone() {
        let mut values = filled();
        values.phoned_in = true;
        let errors = create_request(&values).unwrap_err();
        assert_eq!(
            codes(&errors),
            [
                ("contact.name", FieldErrorCode::Required),
                ("contact.phone", FieldErrorCode::Required)
            ]
        );
        values.contact_name = " Eva de Vries ".to_owned();
        values.contact_phone = "+31 24 361 1111".to_owned();
        let contact = create_request(&values).unwrap().contact.unwrap();
        assert_eq!(contact.name.as_deref(), Some("Eva de Vries"));
        assert_eq!(contact.phone.as_deref(), Some("+31 24 361 1111"));
        assert_eq!(contact.email, None);
    }

    #[test]
    fn too_long_texts_are_caught_before_sending() {
        let mut values = filled();
        values.description = "x".repeat(LONG_MAX + 1);
        values.reference = "r".repeat(201);
        let errors = create_request(&values).unwrap_err();
        assert_eq!(
            codes(&errors),
            [
                ("description", FieldErrorCode::TooLong),
                ("customer_reference", FieldErrorCode::TooLong)
            ]
        );
    }
}
