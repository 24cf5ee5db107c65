pub mod confirm;

crate::routes::handlers! {
    confirm::confirm_contact,
}
