use api_types::{DashboardResponse, ExpiryCounts, ModalityDto, StateCounts};
use test_support::TestApp;

/// Counts of installed products by operational state, in the order
/// up, restricted, down, critical.
fn state(up: u64, restricted: u64, down: u64, critical: u64) -> StateCounts {
    StateCounts {
        up,
        restricted,
        down,
        critical,
    }
}

/// Counts of contracts by expiry colour, in the order green, yellow, red,
/// expired.
fn expiry(green: u64, yellow: u64, red: u64, expired: u64) -> ExpiryCounts {
    ExpiryCounts {
        green,
        yellow,
        red,
        expired,
    }
}

/// The counts of the modality `modality` (fails the test when it is missing).
fn modality(d: &DashboardResponse, modality: ModalityDto) -> StateCounts {
    d.by_modality
        .iter()
        .find(|m| m.modality == modality)
        .unwrap_or_else(|| panic!("no {modality:?} in the dashboard"))
        .counts
        .clone()
}

#[tokio::test]
async fn the_dashboard_counts_what_the_caller_sees_in_one_request() {
    let (app, token) = TestApp::spawn_signed_in("nl.manager").await.unwrap();
    let d: DashboardResponse = app.get_json("/api/v1/dashboard", &token).await;
    assert_eq!(d.installed_products, state(7, 1, 1, 1));
    assert_eq!(modality(&d, ModalityDto::Ct), state(2, 1, 0, 0), "ct");
    assert_eq!(modality(&d, ModalityDto::Mr), state(1, 0, 1, 0), "mr");
    assert_eq!(d.contracts_by_expiry, expiry(2, 1, 1, 1));
    let radiology = d
        .by_location
        .iter()
        .find(|l| l.location.name == "Radiology Department")
        .unwrap();
    assert_eq!(radiology.counts, state(2, 0, 1, 0));

    let lease = app.tokens_for("lease.manager").await.access_token;
    let d: DashboardResponse = app.get_json("/api/v1/dashboard", &lease).await;
    assert_eq!(d.installed_products, state(1, 2, 0, 0));
    assert_eq!(d.contracts_by_expiry, expiry(2, 0, 1, 0));
}

#[tokio::test]
async fn the_next_visits_come_earliest_first_in_the_readers_words() {
    use crate::visits::{plan, planned};
    use api_types::EventStatusDto;
    let app = TestApp::spawn().await.unwrap();
    let soon = chrono::Utc::now() + chrono::Duration::days(2);
    let later = planned(
        &app,
        "IP-40010002",
        plan(
            EventStatusDto::Tentative,
            soon + chrono::Duration::days(3),
            soon + chrono::Duration::days(3) + chrono::Duration::hours(2),
        ),
    )
    .await;
    let first = planned(
        &app,
        "IP-40010002",
        plan(
            EventStatusDto::Confirmed,
            soon,
            soon + chrono::Duration::hours(2),
        ),
    )
    .await;
    let far = planned(
        &app,
        "IP-40010002",
        plan(
            EventStatusDto::Confirmed,
            soon + chrono::Duration::days(90),
            soon + chrono::Duration::days(90) + chrono::Duration::hours(1),
        ),
    )
    .await;
    let dutch = app.tokens_for("nl.user").await.access_token;
    let home: DashboardResponse = app.get_json("/api/v1/dashboard", &dutch).await;
    let ids: Vec<_> = home.next_visits.iter().map(|v| v.id).collect();
    let first_at = ids.iter().position(|id| *id == first.id).unwrap();
    let later_at = ids.iter().position(|id| *id == later.id).unwrap();
    assert!(first_at < later_at, "earliest first");
    assert!(
        !ids.contains(&far.id),
        "90 days away is past the home page's 60"
    );
    let shown = &home.next_visits[later_at];
    assert_eq!(shown.title, "Preventief onderhoud");
    assert_eq!(shown.note.as_deref(), Some("Voorlopig"));
    assert_eq!(
        home.next_visits[first_at].note, None,
        "a confirmed visit is settled"
    );
    assert_eq!(shown.product_number, "IP-40010002");
    let as_read: api_types::PlannedEventDto = app
        .get_json(&format!("/api/v1/planned-events/{}", later.id), &dutch)
        .await;
    assert_eq!(shown.when, as_read.when, "in the reader's zone and formats");
    // Another customer sees none of them.
    let danish = app.tokens_for("dk.user").await.access_token;
    let theirs: DashboardResponse = app.get_json("/api/v1/dashboard", &danish).await;
    assert!(theirs.next_visits.iter().all(|v| !ids.contains(&v.id)));
}
