//! Documents for customers: those the portal generates, and those the
//! service side publishes.

pub mod bench_repair;
pub mod published;
