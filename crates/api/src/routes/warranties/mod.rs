pub mod list;

crate::routes::handlers! {
    list::list_warranties,
}
