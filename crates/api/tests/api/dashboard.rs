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
