//! Demo data a newcomer can log in to: two hospital customers in different
//! countries, a leasing company, one user of each customer role per parent
//! account, and the service organisation's own staff.

mod cases;
mod documents;
mod installed_base;
mod scale;
mod scale_cases;
mod scale_events;

pub use documents::{demo_documents, simple_pdf};
pub use installed_base::DemoProduct;
pub use scale::scale;
pub use scale_cases::{scale_cases, SCALE_ENGINEER};
pub use scale_events::scale_events;

use crate::db::{Db, Tx};
use crate::error::StoreResult;
use crate::repositories::{accounts, audit, users};
use chrono::Utc;
use domain::{
    Account, AccountFields, AccountId, AccountKind, AccountName, CountryCode, DateFormat, Email,
    Language, Role, TimeFormat, TimeZoneName, User, UserId, UserSettings, Username,
};
use uuid::Uuid;

/// Every demo user has this password (it meets the password policy).
pub const DEMO_PASSWORD: &str = "Welcome-2026";

#[derive(Debug, Clone)]
pub struct DemoAccount {
    pub id: AccountId,
    pub name: &'static str,
}

#[derive(Debug, Clone)]
pub struct DemoParent {
    pub parent: DemoAccount,
    /// The parent account and its children, in the order created.
    pub accounts: Vec<DemoAccount>,
    /// Accounts assigned to the parent's Viewer and User (a subset).
    pub assigned: Vec<DemoAccount>,
    pub manager: &'static str,
    pub user: &'static str,
    pub viewer: &'static str,
}

#[derive(Debug, Clone)]
pub struct DemoData {
    pub dutch: DemoParent,
    pub danish: DemoParent,
    pub leasing: DemoParent,
    pub service_user: &'static str,
    pub admin_user: &'static str,
    pub products: Vec<DemoProduct>,
}

impl DemoData {
    /// A seeded product by its number (panics on a typo: demo data is fixed).
    pub fn product(&self, number: &str) -> &DemoProduct {
        self.products
            .iter()
            .find(|p| p.number == number)
            .unwrap_or_else(|| panic!("no demo product {number}"))
    }
}

struct AccountSpec {
    name: &'static str,
    kind: AccountKind,
    city: &'static str,
    /// Index of the parent in the same list; None for the parent account.
    parent: Option<usize>,
    /// Assigned to the Viewer and the User.
    assigned: bool,
}

struct ParentSpec {
    country: &'static str,
    /// The demo ERP's account numbers start with it: `LUMC-1000` is the parent.
    source_prefix: &'static str,
    accounts: Vec<AccountSpec>,
    users: [(&'static str, &'static str, Role); 3],
    settings: UserSettings,
}

fn settings(language: Language, zone: &str, date: DateFormat) -> UserSettings {
    UserSettings {
        language,
        time_zone: TimeZoneName::parse(zone).unwrap_or_else(|_| TimeZoneName::utc()),
        date_format: date,
        time_format: TimeFormat::H24,
    }
}

fn specs() -> [ParentSpec; 3] {
    let a = |name, kind, city, parent, assigned| AccountSpec {
        name,
        kind,
        city,
        parent,
        assigned,
    };
    [
        ParentSpec {
            country: "NL",
            source_prefix: "LUMC",
            accounts: vec![
                a(
                    "Lindenhaven University Medical Centre",
                    AccountKind::HospitalGroup,
                    "Utrecht",
                    None,
                    false,
                ),
                a(
                    "Lindenhaven UMC - Main Hospital",
                    AccountKind::Site,
                    "Utrecht",
                    Some(0),
                    true,
                ),
                a(
                    "Lindenhaven Children's Hospital",
                    AccountKind::Site,
                    "Utrecht",
                    Some(0),
                    true,
                ),
                a(
                    "Lindenhaven Eye Clinic Amersfoort",
                    AccountKind::Site,
                    "Amersfoort",
                    Some(0),
                    false,
                ),
                a(
                    "Radiology Department",
                    AccountKind::Department,
                    "Utrecht",
                    Some(1),
                    true,
                ),
            ],
            users: [
                ("nl.manager", "Anna de Vries", Role::Manager),
                ("nl.user", "Bram Jansen", Role::User),
                ("nl.viewer", "Cor Bakker", Role::Viewer),
            ],
            settings: settings(Language::Nl, "Europe/Amsterdam", DateFormat::DayMonthYear),
        },
        ParentSpec {
            country: "DK",
            source_prefix: "NKH",
            accounts: vec![
                a(
                    "Nordkyst Hospital",
                    AccountKind::Hospital,
                    "Hillerød",
                    None,
                    true,
                ),
                a(
                    "Nordkyst Hospital Frederikssund",
                    AccountKind::Site,
                    "Frederikssund",
                    Some(0),
                    false,
                ),
            ],
            users: [
                ("dk.manager", "Mette Nielsen", Role::Manager),
                ("dk.user", "Lars Hansen", Role::User),
                ("dk.viewer", "Sofie Pedersen", Role::Viewer),
            ],
            settings: settings(Language::En, "Europe/Copenhagen", DateFormat::DayMonthYear),
        },
        ParentSpec {
            country: "NL",
            source_prefix: "MLE",
            accounts: vec![a(
                "MedLease Europe B.V.",
                AccountKind::LeasingCompany,
                "Amsterdam",
                None,
                true,
            )],
            users: [
                ("lease.manager", "Eva Visser", Role::Manager),
                ("lease.user", "Joost Smit", Role::User),
                ("lease.viewer", "Karin Mulder", Role::Viewer),
            ],
            settings: settings(Language::En, "Europe/Amsterdam", DateFormat::Iso),
        },
    ]
}

fn user(
    username: &str,
    display_name: &str,
    role: Role,
    parent: Option<AccountId>,
    settings: UserSettings,
) -> StoreResult<User> {
    let invalid = |what: &str| crate::StoreError::Corrupt(format!("demo user {username}: {what}"));
    Ok(User {
        id: UserId::from_uuid(Uuid::new_v4()),
        parent_account_id: parent,
        username: Username::parse(username).map_err(|_| invalid("username"))?,
        email: Email::parse(&format!("{username}@demo.csportal.example"))
            .map_err(|_| invalid("email"))?,
        display_name: display_name.to_owned(),
        role,
        settings,
        active: true,
        // Well before the seeding: a test that starts its injected clock
        // and then seeds (migrations, hashing: seconds on a loaded machine)
        // issues its first tokens at the clock's earlier time, and those
        // must not count as older than the user's sessions.
        sessions_valid_after: Utc::now() - chrono::Duration::hours(1),
    })
}

/// Writes the demo data in one transaction. `hash_password` turns the demo
/// password into a PHC string (the caller owns the hashing parameters).
pub async fn demo(
    db: &Db,
    hash_password: &(dyn Fn(&str) -> String + Sync),
) -> StoreResult<DemoData> {
    let now = Utc::now();
    let txn = Tx::begin(db).await?;
    let mut parents = Vec::new();
    for spec in specs() {
        let country = CountryCode::parse(spec.country)
            .map_err(|e| crate::StoreError::Corrupt(e.to_string()))?;
        let mut created: Vec<DemoAccount> = Vec::new();
        let mut assigned = Vec::new();
        let parent_account_id = AccountId::from_uuid(Uuid::new_v4());
        for (index, a) in spec.accounts.iter().enumerate() {
            let id = if index == 0 {
                parent_account_id
            } else {
                AccountId::from_uuid(Uuid::new_v4())
            };
            let account = Account {
                id,
                parent_id: a.parent.and_then(|p| created.get(p)).map(|p| p.id),
                parent_account_id,
                fields: AccountFields {
                    name: AccountName::parse(a.name)
                        .map_err(|e| crate::StoreError::Corrupt(e.to_string()))?,
                    kind: a.kind,
                    country,
                    city: Some(a.city.to_owned()),
                    address: None,
                    market: None,
                    // As the customer's ERP numbers them: what an import names.
                    source_id: Some(format!("{}-{}", spec.source_prefix, 1000 + index)),
                },
            };
            accounts::insert(&txn, &account, now).await?;
            let demo_account = DemoAccount { id, name: a.name };
            if a.assigned {
                assigned.push(demo_account.clone());
            }
            created.push(demo_account);
        }
        for (username, display_name, role) in spec.users {
            let u = user(
                username,
                display_name,
                role,
                Some(parent_account_id),
                spec.settings.clone(),
            )?;
            users::insert(&txn, &u, &hash_password(DEMO_PASSWORD), now).await?;
            if role != Role::Manager {
                for a in &assigned {
                    accounts::assign(&txn, u.id, a.id).await?;
                }
            }
        }
        let [(manager, ..), (user_name, ..), (viewer, ..)] = spec.users;
        parents.push(DemoParent {
            parent: created[0].clone(),
            accounts: created,
            assigned,
            manager,
            user: user_name,
            viewer,
        });
    }
    let internal = settings(Language::En, "UTC", DateFormat::Iso);
    for (username, display_name, role) in [
        (
            "service",
            "Sam Service (service organisation)",
            Role::Service,
        ),
        ("admin", "Ada Admin (portal support)", Role::Admin),
    ] {
        let u = user(username, display_name, role, None, internal.clone())?;
        users::insert(&txn, &u, &hash_password(DEMO_PASSWORD), now).await?;
    }
    audit::append(
        &txn,
        &audit::AuditEntry {
            occurred_at: now,
            actor: None,
            parent_account: None,
            action: "demo_data.seed".into(),
            entity_type: "portal".into(),
            entity_id: "demo".into(),
            old_value: None,
            new_value: Some(serde_json::json!({
                "parent_accounts": parents.iter().map(|p| p.parent.name).collect::<Vec<_>>()
            })),
            request_id: None,
        },
    )
    .await?;
    let mut parents = parents.into_iter();
    let (Some(dutch), Some(danish), Some(leasing)) =
        (parents.next(), parents.next(), parents.next())
    else {
        return Err(crate::StoreError::Corrupt(
            "demo specs changed shape".into(),
        ));
    };
    let products =
        installed_base::seed(&txn, &dutch, &danish, &leasing, now.date_naive(), now).await?;
    documents::entitle_premium_lines(&txn).await?;
    txn.commit().await?;
    Ok(DemoData {
        dutch,
        danish,
        leasing,
        service_user: "service",
        admin_user: "admin",
        products,
    })
}
