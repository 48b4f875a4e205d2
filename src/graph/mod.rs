//! The typed Microsoft Graph client and its wire types.

pub mod client;
pub mod encode;
pub mod exchange;
pub mod logs;
pub mod mail;
pub mod methods;
pub mod model;
pub mod oath;
pub mod pacing;
pub mod permissions;
pub mod permit;
pub mod qr;
pub mod users;
