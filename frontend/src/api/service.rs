//! The service desk (`/service`): the queue of every customer's open cases
//! and the engineers a case can be assigned to. Service users only.

use crate::query::queue_query_pairs;
use api_types::{EngineerList, QueuePage, QueueQuery};

list_endpoints! {
    /// `GET /service/queue`: one page of the open cases, most urgent first.
    service_queue(QueueQuery) -> QueuePage = "/service/queue", queue_query_pairs;
}

endpoints! {
    /// `GET /service/engineers`: the active engineers, by name.
    get engineers() -> EngineerList = "/service/engineers";
}
