//! What each Graph request `care` sends needs: the permission (scope or app role) and, for an
//! agent signed in as themselves, the Entra roles (least privileged first), from
//! `graph-api.md` §0. A 403 is explained with this table, so an agent learns which role to ask
//! for instead of reading "Insufficient privileges".

/// What a request needs.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Needs {
    pub permission: &'static str,
    pub roles: &'static [&'static str],
    /// The roles act only on users without an admin role; acting on an admin needs a
    /// Privileged Authentication Administrator.
    pub admin_targets_need_privileged: bool,
    /// Something else that must be true (a licence, an application permission).
    pub also: Option<&'static str>,
}

const METHOD_WRITERS: &[&str] = &[
    "Authentication Administrator",
    "Privileged Authentication Administrator",
];
const METHOD_READERS: &[&str] = &[
    "Global Reader",
    "Authentication Administrator",
    "Privileged Authentication Administrator",
];
const REPORT_READERS: &[&str] = &["Reports Reader", "Security Reader", "Global Reader"];

/// The needs of `request` ("POST /v1.0/users/x/authentication/phoneMethods").
pub fn needs(request: &str) -> Option<Needs> {
    let (method, path) = request.split_once(' ')?;
    let path = path.split('?').next().unwrap_or(path);
    let read = method == "GET";
    let n = |permission, roles, admin_targets_need_privileged, also| Needs {
        permission,
        roles,
        admin_targets_need_privileged,
        also,
    };
    Some(if path.contains("/authenticationMethodConfigurations") {
        n(
            "Policy.Read.All",
            &["Global Reader", "Authentication Policy Administrator"],
            false,
            Some(
                "an Authentication Administrator cannot read the policy; care then lets Graph check the pass lifetime",
            ),
        )
    } else if path.contains("/temporaryAccessPassMethods") && !read {
        n(
            "UserAuthenticationMethod.ReadWrite.All",
            METHOD_WRITERS,
            true,
            Some("nobody can issue a pass to themselves"),
        )
    } else if path.contains("/authentication/") && read {
        n(
            "UserAuthenticationMethod.Read.All",
            METHOD_READERS,
            false,
            None,
        )
    } else if path.contains("/authentication/") {
        n(
            "UserAuthenticationMethod.ReadWrite.All",
            METHOD_WRITERS,
            true,
            None,
        )
    } else if path.ends_with("/revokeSignInSessions") {
        n(
            "User.RevokeSessions.All",
            &[
                "Helpdesk Administrator",
                "Authentication Administrator",
                "Privileged Authentication Administrator",
            ],
            true,
            None,
        )
    } else if path.contains("/auditLogs/") || path.contains("/reports/") {
        n(
            "AuditLog.Read.All (and Directory.Read.All)",
            REPORT_READERS,
            false,
            Some("the tenant needs an Entra ID P1 or P2 licence"),
        )
    } else if path.contains("/calendar") || path.contains("/mailboxSettings") {
        n(
            "Calendars.Read and MailboxSettings.Read",
            &[],
            false,
            Some(
                "as application permissions: Graph shows a calendar's permissions only to its owner or to an app",
            ),
        )
    } else if path.contains("/users") || path.ends_with("/me") {
        n("User.Read.All", &[], false, None)
    } else {
        return None;
    })
}

impl Needs {
    /// One sentence for a hint.
    pub fn explain(&self) -> String {
        let mut s = format!("this needs the Graph permission {}", self.permission);
        if !self.roles.is_empty() {
            s.push_str(&format!(
                " and, for an agent signed in as themselves, one of the Entra roles {}",
                self.roles.join(", ")
            ));
        }
        if self.admin_targets_need_privileged {
            s.push_str("; if the user holds an admin role, only a Privileged Authentication Administrator can do it: escalate");
        }
        if let Some(also) = self.also {
            s.push_str("; ");
            s.push_str(also);
        }
        s
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn names_roles_per_request() {
        let tap = needs("POST /v1.0/users/x/authentication/temporaryAccessPassMethods").unwrap();
        assert!(tap.admin_targets_need_privileged);
        assert!(
            tap.explain()
                .contains("Privileged Authentication Administrator")
        );
        let signins = needs("GET /v1.0/auditLogs/signIns?$filter=x").unwrap();
        assert!(signins.explain().contains("Reports Reader"));
        let policy = needs(
            "GET /v1.0/policies/authenticationMethodsPolicy/authenticationMethodConfigurations/temporaryAccessPass",
        )
        .unwrap();
        assert!(policy.roles.contains(&"Global Reader"));
        assert_eq!(
            needs("GET /v1.0/users/x/authentication/phoneMethods")
                .unwrap()
                .permission,
            "UserAuthenticationMethod.Read.All"
        );
        assert!(needs("POST /v1.0/users/x/revokeSignInSessions").is_some());
        assert!(needs("nonsense").is_none());
    }
}
