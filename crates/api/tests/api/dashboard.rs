use api_types::{DashboardResponse, ExpiryCounts, ModalityDto, StateCounts};
use test_support::TestApp;

#[tokio::test]
async fn the_dashboard_counts_what_the_caller_sees_in_one_request() {
    let app = TestApp::spawn().await.unwrap();
    let token = app.tokens_for("nl.manager").await.access_token;
    let d: DashboardResponse = app.get_json("/api/v1/dashboard", &token).await;
    assert_eq!(
        d.installed_products,
        StateCounts {
            up: 7,
            restricted: 1,
            down: 1,
            critical: 1
        }
    );
    let ct = d
        .by_modality
        .iter()
        .find(|m| m.modality == ModalityDto::Ct)
        .unwrap();
    assert_eq!(
        ct.counts,
        StateCounts {
            up: 2,
            restricted: 1,
            down: 0,
            critical: 0
        }
    );
    let mr = d
        .by_modality
        .iter()
        .find(|m| m.modality == ModalityDto::Mr)
        .unwrap();
    assert_eq!(
        mr.counts,
        StateCounts {
            up: 1,
            restricted: 0,
            down: 1,
            critical: 0
        }
    );
    assert_eq!(
        d.contracts_by_expiry,
        ExpiryCounts {
            green: 2,
            yellow: 1,
            red: 1,
            expired: 1
        }
    );
    let radiology = d
        .by_location
        .iter()
        .find(|l| l.location.name == "Radiology Department")
        .unwrap();
    assert_eq!(
        radiology.counts,
        StateCounts {
            up: 2,
            restricted: 0,
            down: 1,
            critical: 0
        }
    );

    let lease = app.tokens_for("lease.manager").await.access_token;
    let d: DashboardResponse = app.get_json("/api/v1/dashboard", &lease).await;
    assert_eq!(
        d.installed_products,
        StateCounts {
            up: 1,
            restricted: 2,
            down: 0,
            critical: 0
        }
    );
    assert_eq!(
        d.contracts_by_expiry,
        ExpiryCounts {
            green: 2,
            yellow: 0,
            red: 1,
            expired: 0
        }
    );
}
