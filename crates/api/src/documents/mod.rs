//! Documents the portal generates for customers.

pub mod bench_repair;
