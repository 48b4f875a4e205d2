//! The embedded sandbox tenant: a Graph-compatible MFA backend over SQLite.
//!
//! It serves the subset of Microsoft Graph and the identity platform that `care` uses, with
//! Graph's shapes, validation rules, errors, paging and throttling (see `graph-api.md`), plus
//! `/_sandbox/` endpoints for inspection and simulation. Tests, the embedded default backend
//! and `care sandbox serve` all run it through [`serve`] on a listener the caller bound.
//!
//! It uses only [`crate::graph::model`] of the client, so the two share wire types and nothing else.

mod admin;
mod audit;
mod batch;
mod changes;
mod configs;
mod exchange;
mod faults;
mod identity;
mod keys;
mod logs;
mod mail;
mod mask;
mod methods;
mod oath;
mod odata;
mod passkey;
mod policy;
mod qr;
mod query;
mod risk;
mod seed;
mod server;
mod store;
mod tenant;
mod users;

pub use crate::graph::model::Rate;
pub use faults::FaultSpec;
pub use seed::{DEFAULT_SEED, DEFAULT_USERS, DOMAIN, demo, week_call_hours};
pub use server::serve;
pub use store::{DbLocation, StoreError};
pub use tenant::{Credentials, Sandbox, SandboxOptions};
