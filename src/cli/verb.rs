//! What every command says of itself, beside its arguments.

/// A command's examples (shown under its long help, each parsed by a test) and whether it
/// changes the tenant (then its help shows the on-call options). Each noun keeps its own, next
/// to its arguments.
pub struct Verb {
    pub path: &'static str,
    pub change: bool,
    pub examples: &'static [&'static str],
}
