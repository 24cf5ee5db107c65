//! Pieces shared by the pages.

pub mod badges;
pub mod document;
pub mod icons;
pub mod layout;
pub mod pager;
pub mod viewport;
