//! The integration tests, in one binary (jj's `cli/tests/runner.rs`): the real `care` binary
//! against a real sandbox tenant on 127.0.0.1:0, one file per command noun as in `src/cli/`,
//! the sandbox's contract tests by Graph area as in `src/sandbox/`, and the suites that cross
//! every command (faults, secrets, hostile input, the architecture). The README's Tests section
//! says how to add a test; `passcode.rs` opens with the shape to copy.

mod common;

mod api;
mod audit;
mod auth;
mod bulk;
mod bulk_files;
mod call;
mod completions;
mod config;
mod delegate;
mod faq;
mod fob;
mod help;
mod method;
mod notify;
mod output;
mod passcode;
mod passkey;
mod phone;
mod qr;
mod readme;
mod report;
mod session;
mod signin;
mod user;
mod verify;

mod architecture;
mod browser;
mod faults;
mod guard;
mod hostile;
mod sandbox;
mod secrets;
