//! The typed Microsoft Graph client and its wire types.

pub mod client;
pub mod encode;
pub mod model;
