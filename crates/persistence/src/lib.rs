//! Storage for csportal. sea-orm never leaves this crate: callers hold a
//! [`Db`], run transactions with [`Db::transaction`], and get [`StoreError`]
//! and domain values (or the plain records the repositories define).

pub mod blobs;
pub mod connection;
mod db;
pub(crate) mod entities;
pub mod error;
pub mod raw_sql;
pub mod repositories;
pub mod seed;

pub use blobs::{BlobStore, IncomingBlob, StoredBlob};
pub use connection::{connect, connect_single, migrate_down_all, migrate_up};
pub use db::Backend;
pub use db::{Conn, Db, Tx};
pub use error::StoreError;
