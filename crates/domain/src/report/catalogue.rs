//! The reports and their columns.

use super::{Column, ColumnType, Direction, Report, ReportKind};
use ColumnType::{Choice, Date, DateTime, Integer, Number, Text};

const fn col(key: &'static str, kind: ColumnType, en: &'static str, nl: &'static str) -> Column {
    Column { key, kind, en, nl }
}

pub(super) const CASE_STATUSES: &[&str] = &["new", "in_process", "fixed", "closed"];
pub(super) const RESPONSES: &[&str] = &["within_target", "over_target", "awaiting"];
pub(super) const MODALITIES: &[&str] = &["mr", "ct", "us", "ixr", "other"];
pub(super) const CASE_KINDS: &[&str] = &["support_request", "bench_repair", "part_id_request"];
pub(super) const PRODUCT_STATUSES: &[&str] = &["active", "inactive"];
pub(super) const OPERATIONAL_STATES: &[&str] = &["up", "restricted", "down", "critical"];
pub(super) const EXPIRY_STATUSES: &[&str] = &["green", "yellow", "red", "expired"];
pub(super) const EVENT_TYPES: &[&str] = &[
    "corrective_maintenance",
    "preventive_maintenance",
    "field_change_order",
    "installation",
    "application_support",
    "customer_information",
    "contractual_upgrade",
];
pub(super) const EVENT_STATUSES: &[&str] = &["tentative", "confirmed", "done", "cancelled"];
pub(super) const VISIT_TYPES: &[&str] = &[
    "onsite",
    "remote",
    "bench_repair",
    "parts_only",
    "sub_contractor",
];

const CASES: Report = Report {
    kind: ReportKind::Cases,
    en: "Cases",
    nl: "Cases",
    columns: &[
        col("number", Text, "Case number", "Casenummer"),
        col("title", Text, "Title", "Titel"),
        col("status", Choice(CASE_STATUSES), "Status", "Status"),
        col("priority", Integer, "Priority", "Prioriteit"),
        col("kind", Choice(CASE_KINDS), "Kind", "Soort"),
        col("modality", Choice(MODALITIES), "Modality", "Modaliteit"),
        col(
            "product_number",
            Text,
            "Installed product",
            "Geïnstalleerd product",
        ),
        col("serial_number", Text, "Serial number", "Serienummer"),
        col("location", Text, "Location", "Locatie"),
        // The market (country) the case is served in: the service desk
        // compares markets.
        col("country", Text, "Market", "Markt"),
        col(
            "customer_reference",
            Text,
            "Your reference",
            "Uw referentie",
        ),
        col("created_at", DateTime, "Opened", "Geopend"),
        col("closed_at", DateTime, "Closed", "Gesloten"),
        col("hours_to_fix", Number, "Hours to fix", "Uren tot oplossing"),
        // The service desk's measures: how soon it answered against the
        // target of the priority, and how long cases stay open.
        col(
            "first_response_at",
            DateTime,
            "First response",
            "Eerste reactie",
        ),
        col(
            "hours_to_respond",
            Number,
            "Hours to first response",
            "Uren tot eerste reactie",
        ),
        col(
            "response_target_hours",
            Number,
            "Response target (hours)",
            "Reactienorm (uren)",
        ),
        col(
            "response",
            Choice(RESPONSES),
            "Response against target",
            "Reactie t.o.v. norm",
        ),
        col("days_open", Integer, "Days open", "Dagen open"),
    ],
    default_columns: &[
        "number",
        "title",
        "status",
        "priority",
        "product_number",
        "created_at",
    ],
    default_sort: ("created_at", Direction::Desc),
};

const INSTALLED_PRODUCTS: Report = Report {
    kind: ReportKind::InstalledProducts,
    en: "Installed products",
    nl: "Geïnstalleerde producten",
    columns: &[
        col("number", Text, "Installed product", "Geïnstalleerd product"),
        col("description", Text, "Description", "Omschrijving"),
        col("serial_number", Text, "Serial number", "Serienummer"),
        col("modality", Choice(MODALITIES), "Modality", "Modaliteit"),
        col("product_family", Text, "Product family", "Productfamilie"),
        col("status", Choice(PRODUCT_STATUSES), "Status", "Status"),
        col(
            "operational_state",
            Choice(OPERATIONAL_STATES),
            "State",
            "Toestand",
        ),
        col("location", Text, "Location", "Locatie"),
        col("functional_location", Text, "Room", "Ruimte"),
        col("install_date", Date, "Installed", "Geïnstalleerd"),
        col("end_of_life_date", Date, "End of life", "Einde levensduur"),
        col(
            "end_of_service_date",
            Date,
            "End of service",
            "Einde service",
        ),
        col("coverage_end_date", Date, "Covered until", "Gedekt tot"),
    ],
    default_columns: &[
        "number",
        "description",
        "modality",
        "operational_state",
        "location",
        "end_of_life_date",
    ],
    default_sort: ("number", Direction::Asc),
};

const CONTRACTS: Report = Report {
    kind: ReportKind::Contracts,
    en: "Contracts",
    nl: "Contracten",
    columns: &[
        col("number", Text, "Contract", "Contract"),
        col("po_number", Text, "Purchase order", "Inkooporder"),
        col("service_type", Text, "Service type", "Soort service"),
        col("status", Text, "Status", "Status"),
        col("ship_to", Text, "Ship-to account", "Afleveradres-account"),
        col("start_date", Date, "Start", "Begin"),
        col("end_date", Date, "End", "Einde"),
        col("expiry", Choice(EXPIRY_STATUSES), "Expiry", "Verloop"),
    ],
    default_columns: &["number", "service_type", "ship_to", "end_date", "expiry"],
    default_sort: ("end_date", Direction::Asc),
};

const PLANNED_EVENTS: Report = Report {
    kind: ReportKind::PlannedEvents,
    en: "Planned events",
    nl: "Geplande bezoeken",
    columns: &[
        col(
            "product_number",
            Text,
            "Installed product",
            "Geïnstalleerd product",
        ),
        col("modality", Choice(MODALITIES), "Modality", "Modaliteit"),
        col("event_type", Choice(EVENT_TYPES), "Type", "Type"),
        col("service_type", Choice(VISIT_TYPES), "Service", "Service"),
        col("status", Choice(EVENT_STATUSES), "Status", "Status"),
        col("location", Text, "Location", "Locatie"),
        col("planned_start", DateTime, "Start", "Begin"),
        col("planned_end", DateTime, "End", "Einde"),
    ],
    default_columns: &[
        "planned_start",
        "product_number",
        "event_type",
        "status",
        "location",
    ],
    default_sort: ("planned_start", Direction::Asc),
};

/// Every report, in the order the app lists them.
pub const REPORTS: &[Report] = &[CASES, INSTALLED_PRODUCTS, CONTRACTS, PLANNED_EVENTS];

pub fn report(kind: ReportKind) -> &'static Report {
    match kind {
        ReportKind::Cases => &CASES,
        ReportKind::InstalledProducts => &INSTALLED_PRODUCTS,
        ReportKind::Contracts => &CONTRACTS,
        ReportKind::PlannedEvents => &PLANNED_EVENTS,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::case::{CaseKind, CaseStatus};
    use crate::expiry::ExpiryStatus;
    use crate::installed_product::{Modality, OperationalState, ProductStatus};
    use crate::planned_event::{EventStatus, EventType, VisitType};

    fn names<T: Copy>(all: &[T], name: fn(T) -> &'static str) -> Vec<&'static str> {
        all.iter().map(|v| name(*v)).collect()
    }

    #[test]
    fn choice_columns_offer_exactly_the_values_the_domain_stores() {
        assert_eq!(CASE_STATUSES, names(CaseStatus::ALL, CaseStatus::as_str));
        assert_eq!(CASE_KINDS, names(CaseKind::ALL, CaseKind::as_str));
        assert_eq!(MODALITIES, names(Modality::ALL, Modality::as_str));
        assert_eq!(
            PRODUCT_STATUSES,
            names(ProductStatus::ALL, ProductStatus::as_str)
        );
        assert_eq!(
            OPERATIONAL_STATES,
            names(OperationalState::ALL, OperationalState::as_str)
        );
        assert_eq!(
            EXPIRY_STATUSES,
            names(ExpiryStatus::ALL, ExpiryStatus::as_str)
        );
        assert_eq!(EVENT_TYPES, names(EventType::ALL, EventType::as_str));
        assert_eq!(EVENT_STATUSES, names(EventStatus::ALL, EventStatus::as_str));
        assert_eq!(VISIT_TYPES, names(VisitType::ALL, VisitType::as_str));
    }

    #[test]
    fn every_report_kind_has_one_definition_whose_defaults_are_its_columns() {
        for kind in ReportKind::ALL {
            let report = report(*kind);
            for key in report
                .default_columns
                .iter()
                .chain([&report.default_sort.0])
            {
                assert!(report.column(key).is_some(), "{kind}: {key}");
            }
            let mut keys: Vec<_> = report.columns.iter().map(|c| c.key).collect();
            keys.sort_unstable();
            keys.dedup();
            assert_eq!(keys.len(), report.columns.len(), "{kind}: a key twice");
        }
    }
}
