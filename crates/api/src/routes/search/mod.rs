//! The global search of the banner.

pub mod find;

crate::routes::handlers! {
    find::search_everything,
}
