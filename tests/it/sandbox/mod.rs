//! The sandbox's contract: each Graph area as `src/sandbox/` has it, checked over HTTP against
//! the documented shapes, rules and errors; and `care sandbox` itself.

mod batch;
mod exchange;
mod faults;
mod identity;
mod logs;
mod methods;
mod msal;
mod serve;
mod server;
mod store;
mod users;
