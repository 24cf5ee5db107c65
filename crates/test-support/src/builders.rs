//! Data builders: a test states the data it relies on and makes it through
//! the API, instead of leaning on what the demo seed happens to hold.
//!
//! ```ignore
//! let case = app.case("IP-40010002").priority(2).description("Gantry stuck").create(&token).await;
//! let moved = app.move_case_status(&service, &case, CaseStatusDto::Closed).await;
//! ```

use crate::{expect_json, TestApp};
use api_types::{
    ActivityKindDto, BenchRepairDto, CaseContactDto, CaseDetail, CaseKindDto, CaseStatusDto,
    CreateActivityRequest, CreateCaseRequest, MoveCaseStatusRequest,
};
use reqwest::{Method, Response};

/// A case to create through the API; see [`TestApp::case`].
#[must_use]
pub struct CaseBuilder<'a> {
    app: &'a TestApp,
    request: CreateCaseRequest,
}

impl TestApp {
    /// A support request on the demo installed product `product_number`,
    /// priority 4 (intermittent problem) with a plain description; change
    /// what the test relies on, then [`CaseBuilder::create`] it.
    pub fn case(&self, product_number: &str) -> CaseBuilder<'_> {
        CaseBuilder {
            app: self,
            request: CreateCaseRequest {
                installed_product_id: self.demo.product(product_number).id.as_uuid(),
                priority: 4,
                description: "Intermittent image artefacts".to_owned(),
                kind: CaseKindDto::SupportRequest,
                customer_reference: None,
                contact: None,
                bench_repair: None,
                confirm_no_patient_data: false,
            },
        }
    }

    /// Moves `case` (at the version it has) to `status`: what the service
    /// side does. Answers the response, for the test to check.
    pub async fn move_case_status(
        &self,
        access_token: &str,
        case: &CaseDetail,
        status: CaseStatusDto,
    ) -> Response {
        let path = format!("/api/v1/cases/{}/status", case.summary.id);
        let body = MoveCaseStatusRequest { status, note: None };
        self.send_json_if_match(Method::POST, &path, access_token, case.version, &body)
            .await
    }

    /// Like [`TestApp::move_case_status`]; fails the test unless the move
    /// answers 200, and answers the moved case.
    pub async fn moved_case(
        &self,
        access_token: &str,
        case: &CaseDetail,
        status: CaseStatusDto,
    ) -> CaseDetail {
        expect_json(self.move_case_status(access_token, case, status).await, 200).await
    }

    /// `case` as the holder of `access_token` sees it now.
    pub async fn get_case(&self, access_token: &str, case: &CaseDetail) -> CaseDetail {
        self.get_json(&format!("/api/v1/cases/{}", case.summary.id), access_token)
            .await
    }

    /// Adds an activity (a comment, a tracking number, a remark) to `case`.
    pub async fn add_activity(
        &self,
        access_token: &str,
        case: &CaseDetail,
        activity: &CreateActivityRequest,
    ) -> Response {
        let path = format!("/api/v1/cases/{}/activities", case.summary.id);
        self.post_json(&path, access_token, activity).await
    }
}

impl CaseBuilder<'_> {
    /// 1 Critical need, 2 System down, 3 System restricted, 4 Intermittent
    /// problem, 5 Scheduled activity.
    pub fn priority(mut self, priority: u8) -> Self {
        self.request.priority = priority;
        self
    }

    pub fn description(mut self, description: &str) -> Self {
        description.clone_into(&mut self.request.description);
        self
    }

    pub fn kind(mut self, kind: CaseKindDto) -> Self {
        self.request.kind = kind;
        self
    }

    /// A bench repair of the part `part_description`, serial number
    /// `serial_number`.
    pub fn bench_repair(mut self, part_description: &str, serial_number: &str) -> Self {
        self.request.kind = CaseKindDto::BenchRepair;
        self.request.bench_repair = Some(BenchRepairDto {
            part_description: part_description.to_owned(),
            part_serial_number: Some(serial_number.to_owned()),
            return_address: None,
        });
        self
    }

    pub fn contact(mut self, contact: CaseContactDto) -> Self {
        self.request.contact = Some(contact);
        self
    }

    pub fn customer_reference(mut self, reference: &str) -> Self {
        self.request.customer_reference = Some(reference.to_owned());
        self
    }

    /// The sender checked that the description holds no patient data.
    pub fn confirm_no_patient_data(mut self) -> Self {
        self.request.confirm_no_patient_data = true;
        self
    }

    /// The request as built, to send with headers or expect a refusal.
    pub fn build(self) -> CreateCaseRequest {
        self.request
    }

    /// Sends the request as built as the holder of `access_token`, for the
    /// test to check the response (a refusal, its headers).
    pub async fn send(self, access_token: &str) -> Response {
        self.app
            .post_json("/api/v1/cases", access_token, &self.request)
            .await
    }

    /// Creates the case as the holder of `access_token`; fails the test
    /// unless it answers 201.
    pub async fn create(self, access_token: &str) -> CaseDetail {
        let response = self.send(access_token).await;
        let status = response.status();
        let body = response.text().await.expect("response body");
        assert_eq!(status, 201, "POST /api/v1/cases: {body}");
        serde_json::from_str(&body).unwrap_or_else(|e| panic!("not a case: {e}: {body}"))
    }
}

/// An activity of `kind` with a text: a customer's comment, a service
/// remark.
pub fn activity(kind: ActivityKindDto, text: &str) -> CreateActivityRequest {
    CreateActivityRequest {
        kind,
        text: Some(text.to_owned()),
        carrier: None,
        tracking_number: None,
        confirm_no_patient_data: false,
    }
}

/// A shipment's tracking number with its carrier (`None`: the number is
/// missing).
pub fn shipment_tracking(carrier: &str, tracking_number: Option<&str>) -> CreateActivityRequest {
    CreateActivityRequest {
        kind: ActivityKindDto::ShipmentTracking,
        text: None,
        carrier: Some(carrier.to_owned()),
        tracking_number: tracking_number.map(str::to_owned),
        confirm_no_patient_data: false,
    }
}
