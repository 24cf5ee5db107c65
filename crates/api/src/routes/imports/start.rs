use crate::auth::AuthUser;
use crate::routes::{answers, AppData, Reply};
use crate::wire::ToDomain;
use actix_web::{post, web, HttpRequest};
use api_types::{ImportQuery, ImportRunDto};

/// Starts importing a CSV file or an xlsx workbook (its first sheet) of
/// `kind`: the body is the file's bytes, sent as
/// `application/octet-stream`, `text/csv` or the xlsx media type (the
/// kind's template names the columns; a workbook's first row holds them). Every row is checked first; the file is applied
/// whole or not at all, and with `dry_run` nothing is stored. Rows are
/// keyed by the source system's ids, so importing a file again changes
/// nothing. The run goes on in the background: follow it at the `Location`
/// answered.
///
/// - `installed-products`: one product a row, keyed by its `number`; its
///   accounts named by their source ids within the row's `parent_account`.
/// - `accounts`: one account a row, keyed by its `source_id`;
///   `parent_account` names the customer (the row whose `source_id` it is
///   is the parent account itself, with no `parent`), `parent` the account
///   directly above. Rows may come in any order.
/// - `users`: one user a row, keyed by `username`, with a customer role
///   (viewer, user, manager) and the accounts assigned (`;`-separated
///   source ids). A new user gets an activation email; an existing user's
///   name, role and accounts follow the file, their address does not.
/// - `contracts`: one contract line a row, keyed by `contract_number` and
///   `line_item_number`; the contract's fields repeat on each of its lines
///   and must agree; `covered_products` lists installed product numbers
///   (`;`-separated).
/// - `warranties`: one warranty a row, keyed by its `number`, on an
///   installed product (`installed_product`, its number).
/// - `planned-events`: one planned service event a row, keyed by its
///   `source_id`, on an installed product; times with their offset (RFC
///   3339); `engineer` a Service user's user name; `case_number` a case of
///   the same product.
#[utoipa::path(
    params(ImportQuery),
    request_body(content = Vec<u8>, content_type = "application/octet-stream", description = "The CSV file (UTF-8) or xlsx workbook: a header row naming the columns, then one record a row. `text/csv` and `application/vnd.openxmlformats-officedocument.spreadsheetml.sheet` are accepted as well."),
    responses(
        (status = 202, body = ImportRunDto, headers(("Location" = String, description = "The run, to follow"))),
        (status = 400, description = "No `kind` or not a kind of import (`invalid_query`), or a workbook that cannot be read (`invalid_upload`)"),
        answers::ImportRefused,
    )
)]
#[post("/imports")]
pub async fn import_file(
    state: AppData,
    auth: AuthUser,
    req: HttpRequest,
    query: web::Query<ImportQuery>,
    payload: web::Payload,
) -> Reply {
    let kind = query.kind.to_domain();
    super::receive::start(&state, &auth, (&req, &query), payload, kind).await
}
