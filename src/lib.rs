//! `care`: the command-line desk of a Customer Care Center for MFA help on Microsoft Entra ID.
//!
//! Layout: [`cli`] parses and dispatches; [`graph`] is the typed Graph client; [`auth`] gets
//! tokens; [`output`] and [`ui`] own the terminal; [`sandbox`] is the embedded Graph-compatible
//! tenant; [`error`] maps every failure to an exit code.

pub mod auth;
pub mod bulk;
pub mod change;
pub mod cli;
pub mod config;
pub mod connect;
pub mod error;
pub mod graph;
pub mod guard;
pub mod net;
pub mod ops;
pub mod output;
pub mod private_file;
pub mod sandbox;
pub mod ui;

pub use cli::run;
