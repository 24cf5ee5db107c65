//! The demo installed base: systems of every modality at both hospital
//! customers, some leased from the leasing company, an SLCP license that moved
//! between two CTs, and contracts and warranties in every expiry colour
//! relative to the day of seeding.

use super::cases::{self, DemoCase};
use super::DemoParent;
use crate::db::Conn;
use crate::error::StoreResult;
use crate::repositories::contracts::{self, NewContract, NewContractLine, WarrantyRecord};
use crate::repositories::imports::ProductRecord;
use crate::repositories::installed_products::{self, NewProduct};
use crate::repositories::planned_events;
use crate::repositories::slcp::{self, SlcpLink};
use chrono::{DateTime, Duration, NaiveDate, TimeZone, Utc};
use domain::planned_event::{EventPlan, EventStatus, EventType, PlannedEvent, VisitType, Window};
use domain::{
    AccountId, CaseStatus, ContractId, InstalledProductId, Modality, OperationalState, Priority,
    ProductKind, ProductStatus,
};
use uuid::Uuid;

/// A seeded product, for tests and the README.
#[derive(Debug, Clone)]
pub struct DemoProduct {
    pub id: InstalledProductId,
    pub number: &'static str,
    pub modality: Modality,
}

struct ProductSpec {
    number: &'static str,
    description: &'static str,
    family: &'static str,
    modality: Modality,
    kind: ProductKind,
    strategic: bool,
    location: AccountId,
    owner: AccountId,
    /// Priorities of its open demo cases (they set its operational state).
    open_cases: &'static [i64],
    functional_location: &'static str,
    installed_days_ago: i64,
}

/// Problem texts of the open demo cases, by priority.
const OPEN_PROBLEMS: [&str; 5] = [
    "Magnet quench alarm; the system is switched off",
    "System does not start after the nightly shutdown",
    "Image artefacts in thin-slice reconstructions",
    "Intermittent error on the table drive",
    "Planned preventive maintenance visit",
];

fn state_of(open_cases: &[i64]) -> OperationalState {
    OperationalState::from_open_cases(open_cases.iter().filter_map(|p| Priority::new(*p).ok()))
}

fn instant(date: NaiveDate) -> DateTime<Utc> {
    Utc.from_utc_datetime(&date.and_hms_opt(9, 0, 0).unwrap_or_default())
}

pub async fn seed(
    db: &impl Conn,
    dutch: &DemoParent,
    danish: &DemoParent,
    leasing: &DemoParent,
    today: NaiveDate,
    now: DateTime<Utc>,
) -> StoreResult<Vec<DemoProduct>> {
    let nl = |i: usize| dutch.accounts[i].id;
    let dk = |i: usize| danish.accounts[i].id;
    let lease = leasing.accounts[0].id;
    let (main, childrens, eye, radiology) = (nl(1), nl(2), nl(3), nl(4));
    let (nordkyst, frederikssund) = (dk(0), dk(1));
    let p = |number,
             description,
             family,
             modality,
             location,
             owner,
             open_cases,
             functional_location,
             installed_days_ago| ProductSpec {
        number,
        description,
        family,
        modality,
        kind: ProductKind::Hardware,
        strategic: false,
        location,
        owner,
        open_cases,
        functional_location,
        installed_days_ago,
    };
    let transducer = |number, description, location, functional_location| ProductSpec {
        strategic: true,
        ..p(
            number,
            description,
            "Ultrasound transducers",
            Modality::Us,
            location,
            location,
            &[],
            functional_location,
            500,
        )
    };
    let specs = vec![
        p(
            "IP-40010001",
            "Ingenia Elition 3.0T",
            "MR Ingenia",
            Modality::Mr,
            radiology,
            main,
            &[2, 4],
            "Radiology, MR room 1",
            2100,
        ),
        p(
            "IP-40010002",
            "Incisive CT 128",
            "CT Incisive",
            Modality::Ct,
            radiology,
            main,
            &[],
            "Radiology, CT room 2",
            900,
        ),
        ProductSpec {
            kind: ProductKind::SoftwareLicense,
            ..p(
                "IP-40010003",
                "CT Cardiac Suite license",
                "CT clinical applications",
                Modality::Ct,
                radiology,
                main,
                &[],
                "Radiology, CT room 2",
                1300,
            )
        },
        p(
            "IP-40010004",
            "Brilliance CT 64",
            "CT Brilliance",
            Modality::Ct,
            main,
            lease,
            &[3],
            "Emergency department, CT",
            2900,
        ),
        p(
            "IP-40010005",
            "Azurion 7 C20",
            "IXR Azurion",
            Modality::Ixr,
            main,
            main,
            &[1, 3],
            "Cath lab 1",
            1500,
        ),
        p(
            "IP-40010006",
            "EPIQ Elite",
            "Ultrasound EPIQ",
            Modality::Us,
            childrens,
            childrens,
            &[],
            "Paediatric cardiology",
            700,
        ),
        transducer(
            "IP-40010007",
            "eL18-4 linear transducer",
            childrens,
            "Paediatric cardiology",
        ),
        transducer(
            "IP-40010008",
            "X5-1 xMATRIX transducer",
            childrens,
            "Paediatric cardiology",
        ),
        p(
            "IP-40010009",
            "Affiniti 50",
            "Ultrasound Affiniti",
            Modality::Us,
            eye,
            eye,
            &[],
            "Eye clinic, room 4",
            2500,
        ),
        p(
            "IP-40010010",
            "Ingenia Ambition 1.5T",
            "MR Ingenia",
            Modality::Mr,
            childrens,
            lease,
            &[],
            "Children's MR suite",
            200,
        ),
        p(
            "IP-40020001",
            "Ingenia 1.5T",
            "MR Ingenia",
            Modality::Mr,
            nordkyst,
            nordkyst,
            &[],
            "Billeddiagnostik, MR 1",
            3000,
        ),
        p(
            "IP-40020002",
            "Spectral CT 7500",
            "CT Spectral",
            Modality::Ct,
            nordkyst,
            lease,
            &[3, 5],
            "Billeddiagnostik, CT 1",
            400,
        ),
        p(
            "IP-40020003",
            "EPIQ 7",
            "Ultrasound EPIQ",
            Modality::Us,
            frederikssund,
            frederikssund,
            &[2],
            "Akutmodtagelse",
            1800,
        ),
        transducer(
            "IP-40020004",
            "C5-1 curved transducer",
            frederikssund,
            "Akutmodtagelse",
        ),
    ];

    let products: Vec<NewProduct> = specs
        .iter()
        .map(|s| NewProduct {
            id: InstalledProductId::from_uuid(Uuid::new_v4()),
            operational_state: state_of(s.open_cases),
            fields: ProductRecord {
                number: s.number.to_owned(),
                description: s.description.to_owned(),
                serial_number: format!("SN{}", &s.number[3..]),
                udi: (s.kind == ProductKind::Hardware && !s.strategic)
                    .then(|| format!("(01)0088448{}(21)SN{}", &s.number[6..], &s.number[3..])),
                technical_id: Some(format!("TID-{}", &s.number[5..])),
                modality: s.modality,
                product_family: s.family.to_owned(),
                kind: s.kind,
                functional_location: Some(s.functional_location.to_owned()),
                install_date: Some(today - Duration::days(s.installed_days_ago)),
                status: ProductStatus::Active,
                owner_account: s.owner,
                location_account: s.location,
                strategic_item: s.strategic,
                end_of_life_date: (s.installed_days_ago > 2500)
                    .then(|| today + Duration::days(180)),
                end_of_service_date: (s.installed_days_ago > 2500)
                    .then(|| today + Duration::days(900)),
            },
        })
        .collect();
    installed_products::insert_many(db, &products, now).await?;
    let id = |number: &str| -> InstalledProductId {
        products
            .iter()
            .find(|p| p.fields.number == number)
            .map(|p| p.id)
            .unwrap_or(InstalledProductId::from_uuid(Uuid::nil()))
    };

    // The cardiac license moved from the Brilliance to the Incisive.
    let moved = today - Duration::days(170);
    slcp::insert_many(
        db,
        &[
            SlcpLink {
                hardware: id("IP-40010004").as_uuid(),
                license: id("IP-40010003").as_uuid(),
                linked_at: instant(today - Duration::days(1300)),
                unlinked_at: Some(instant(moved)),
            },
            SlcpLink {
                hardware: id("IP-40010002").as_uuid(),
                license: id("IP-40010003").as_uuid(),
                linked_at: instant(moved),
                unlinked_at: None,
            },
        ],
    )
    .await?;

    let line = |number: &str, description: &str, end: NaiveDate, covers: &[&str]| NewContractLine {
        id: Uuid::new_v4(),
        line_item_number: number.to_owned(),
        description: description.to_owned(),
        start_date: end - Duration::days(3 * 365),
        end_date: end,
        covers: covers.iter().map(|n| id(n)).collect(),
    };
    let contract = |number: &str,
                    ship_to: AccountId,
                    po: Option<&str>,
                    service: &str,
                    ends_in: i64,
                    lines: Vec<NewContractLine>| {
        let end = today + Duration::days(ends_in);
        NewContract {
            id: ContractId::from_uuid(Uuid::new_v4()),
            number: number.to_owned(),
            ship_to,
            po_number: po.map(str::to_owned),
            service_type: service.to_owned(),
            status: if ends_in < 0 { "expired" } else { "active" }.to_owned(),
            start_date: end - Duration::days(3 * 365),
            end_date: end,
            lines,
        }
    };
    let days = |n: i64| today + Duration::days(n);
    contracts::insert_many(
        db,
        &[
            contract(
                "SC-70000001",
                nl(0),
                Some("PO-LUMC-2024-118"),
                "Full service, 24/7 uptime guarantee",
                400,
                vec![
                    line(
                        "10",
                        "RightFit Premium: MR",
                        days(400),
                        &["IP-40010001", "IP-40010010"],
                    ),
                    line(
                        "20",
                        "RightFit Premium: CT with clinical applications",
                        days(400),
                        &["IP-40010002", "IP-40010003"],
                    ),
                ],
            ),
            contract(
                "SC-70000002",
                childrens,
                Some("PO-LCH-5531"),
                "Preventive maintenance and parts",
                60,
                vec![line(
                    "10",
                    "Ultrasound care, transducers included",
                    days(60),
                    &["IP-40010006", "IP-40010007", "IP-40010008"],
                )],
            ),
            contract(
                "SC-70000003",
                main,
                None,
                "Corrective maintenance, business hours",
                12,
                vec![line(
                    "10",
                    "Interventional X-ray corrective",
                    days(12),
                    &["IP-40010005"],
                )],
            ),
            contract(
                "SC-70000004",
                eye,
                Some("PO-EYE-0097"),
                "Parts only",
                -20,
                vec![line("10", "Ultrasound parts", days(-20), &["IP-40010009"])],
            ),
            contract(
                "SC-70000005",
                lease,
                Some("ML-2023-044"),
                "Lease service agreement",
                200,
                vec![
                    line("10", "Leased CT, Lindenhaven", days(200), &["IP-40010004"]),
                    line("20", "Leased CT, Nordkyst", days(200), &["IP-40020002"]),
                ],
            ),
            contract(
                "SC-70000006",
                nordkyst,
                Some("NKH-IND-2291"),
                "Full service, business hours",
                75,
                vec![line(
                    "10",
                    "MR and ultrasound full service",
                    days(75),
                    &["IP-40020001", "IP-40020003", "IP-40020004"],
                )],
            ),
            contract(
                "SC-70000007",
                nordkyst,
                None,
                "Application support",
                25,
                vec![line(
                    "10",
                    "Spectral CT application support",
                    days(25),
                    &["IP-40020002"],
                )],
            ),
        ],
        now,
    )
    .await?;
    installed_products::refresh_coverage(db).await?;

    let warranty = |number: &str, description: &str, ends_in: i64| WarrantyRecord {
        id: Uuid::new_v4(),
        product: id(number).as_uuid(),
        description: description.to_owned(),
        start_date: days(ends_in - 730),
        end_date: days(ends_in),
    };
    contracts::insert_warranties(
        db,
        &[
            warranty("IP-40010010", "Manufacturer warranty, 24 months", 530),
            warranty("IP-40010007", "Transducer warranty", -100),
            warranty("IP-40020004", "Transducer warranty", 40),
            warranty("IP-40020002", "Manufacturer warranty, 24 months", 20),
        ],
    )
    .await?;

    // A few planned visits around today, so the demo's calendar has some.
    let visit = |number: &str, event_type, status, (in_days, hours): (i64, i64)| {
        let start = instant(today) + Duration::days(in_days) - Duration::hours(1);
        let window = Window::new(start, start + Duration::hours(hours))
            .map_err(|e| crate::StoreError::Corrupt(e.to_string()))?;
        let plan = EventPlan {
            event_type,
            status,
            window,
            engineer_id: None,
            service_type: VisitType::Onsite,
            case_id: None,
        };
        Ok::<_, crate::StoreError>(PlannedEvent::new(Uuid::new_v4(), id(number), plan))
    };
    for event in [
        visit(
            "IP-40010004",
            EventType::PreventiveMaintenance,
            EventStatus::Tentative,
            (7, 4),
        ),
        visit(
            "IP-40010005",
            EventType::Installation,
            EventStatus::Confirmed,
            (14, 7),
        ),
        visit(
            "IP-40010004",
            EventType::CorrectiveMaintenance,
            EventStatus::Done,
            (-5, 3),
        ),
        visit(
            "IP-40010006",
            EventType::FieldChangeOrder,
            EventStatus::Confirmed,
            (21, 2),
        ),
        visit(
            "IP-40020003",
            EventType::PreventiveMaintenance,
            EventStatus::Confirmed,
            (10, 4),
        ),
    ] {
        planned_events::insert(db, &event?, now).await?;
    }

    let country = |location: AccountId| {
        if danish.accounts.iter().any(|a| a.id == location) {
            "DK"
        } else {
            "NL"
        }
    };
    let mut demo_cases: Vec<DemoCase> = specs
        .iter()
        .flat_map(|s| s.open_cases.iter().map(move |p| (s, *p)))
        .enumerate()
        .map(|(i, (s, priority))| DemoCase {
            product: id(s.number),
            location: s.location,
            owner: s.owner,
            modality: s.modality,
            country: country(s.location),
            priority,
            status: if i % 2 == 0 {
                CaseStatus::New
            } else {
                CaseStatus::InProcess
            },
            description: OPEN_PROBLEMS
                [usize::try_from(priority - 1).unwrap_or(0) % OPEN_PROBLEMS.len()],
            opened_days_ago: 1 + i64::try_from(i).unwrap_or(0) % 6,
            closed_at: None,
        })
        .collect();
    let closed = |number: &str, description: &'static str, closed_at: DateTime<Utc>| {
        let s = specs.iter().find(|s| s.number == number);
        s.map(|s| DemoCase {
            product: id(s.number),
            location: s.location,
            owner: s.owner,
            modality: s.modality,
            country: country(s.location),
            priority: 3,
            status: CaseStatus::Closed,
            description,
            opened_days_ago: 3,
            closed_at: Some(closed_at),
        })
    };
    demo_cases.extend(
        [
            closed(
                "IP-40010001",
                "Helium level warning after the weekend",
                now - Duration::days(40),
            ),
            closed(
                "IP-40010002",
                "Table height sensor error E-214",
                now - Duration::days(12),
            ),
            closed(
                "IP-40010001",
                "Coil recognition fails on the knee coil",
                cases::before_cutover(3),
            ),
            closed(
                "IP-40020001",
                "Monitor flickers in the control room",
                now - Duration::days(20),
            ),
        ]
        .into_iter()
        .flatten(),
    );
    cases::seed(db, &demo_cases, now).await?;

    Ok(specs
        .iter()
        .map(|s| DemoProduct {
            id: id(s.number),
            number: s.number,
            modality: s.modality,
        })
        .collect())
}
