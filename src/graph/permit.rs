//! Leave to send one change to the tenant.
//!
//! Every write of the Graph client takes a [`Permit`], and only the door (`crate::change`)
//! makes one, after it has decided the change, guarded it and written its intent to the audit
//! log. A new write path that skips the door has no permit and does not compile; the
//! architecture test checks that nothing outside `src/change/` calls [`Permit::granted`].

/// Leave for one change (`action` names it, as the audit log does).
#[derive(Debug)]
pub struct Permit {
    action: &'static str,
}

impl Permit {
    /// Made by the door only (the architecture test holds every other module to that).
    pub fn granted(action: &'static str) -> Permit {
        Permit { action }
    }

    /// The change this permit was granted for.
    pub fn action(&self) -> &'static str {
        self.action
    }
}
