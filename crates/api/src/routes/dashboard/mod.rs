pub mod get;

crate::routes::handlers! {
    get::get_dashboard,
}
