//! The service desk (`/service`): the queue of every customer's open cases
//! and the engineers a case can be assigned to. Service users only.

use super::http::Api;
use super::Answer;
use crate::query::queue_query_pairs;
use api_types::{EngineerList, QueuePage, QueueQuery};

list_endpoints! {
    /// `GET /service/queue`: one page of the open cases, most urgent first.
    service_queue(QueueQuery) -> QueuePage = "/service/queue", queue_query_pairs;
}

impl Api {
    /// `GET /service/engineers`: the active engineers, by name.
    pub async fn engineers(self) -> Answer<EngineerList> {
        self.get("/service/engineers").await
    }
}
