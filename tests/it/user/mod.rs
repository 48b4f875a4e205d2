//! `care user`: the caller card, finding the caller, and reading the card at a glance.

mod card;
mod find;
mod reading;
