//! Pieces shared by the pages.

pub mod document;
pub mod icons;
pub mod layout;
