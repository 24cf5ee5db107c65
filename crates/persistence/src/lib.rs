//! Storage for csportal. `DbErr` never leaves this crate unmapped: callers get
//! [`StoreError`] and domain values.

pub mod blobs;
pub mod connection;
pub mod entities;
pub mod error;
pub mod repositories;
pub mod seed;

pub use blobs::{BlobStore, IncomingBlob, StoredBlob};
pub use connection::{connect, migrate_down_all, migrate_up, Backend};
pub use error::StoreError;
pub use sea_orm::{ConnectionTrait, DatabaseConnection, DatabaseTransaction, TransactionTrait};
