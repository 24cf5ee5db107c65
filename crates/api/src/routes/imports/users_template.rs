use crate::auth::AuthUser;
use crate::routes::{answers, AppData, Reply};
use actix_web::get;
use domain::user_import::USER_COLUMNS;

/// An example row: a Manager of a customer, assigned two of its accounts.
const EXAMPLE: [&str; 7] = [
    "ZZH-1000",
    "j.devries",
    "j.devries@zzh.example",
    "Jan de Vries",
    "manager",
    "ZZH-1001;ZZH-1002",
    "nl",
];

/// The columns of a users file, with one example row: `parent_account` is
/// the customer's source id; `username` the user's key; `role` viewer, user
/// or manager (an import makes no service or portal-support staff);
/// `accounts` the source ids of the accounts assigned, separated by `;`;
/// `language` en or nl. Empty: `accounts`, `language` (a new user then
/// reads the portal in English). Each new user gets an activation email.
#[utoipa::path(responses(answers::ImportTemplate))]
#[get("/imports/templates/users.csv")]
pub async fn users_template(state: AppData, auth: AuthUser) -> Reply {
    super::template::answer(&state, &auth, (&USER_COLUMNS, &EXAMPLE), "users").await
}
