//! Who may do what: Graph permissions (application roles or delegated scopes) and, for delegated
//! callers, the Entra role the signed-in agent holds, as `graph-api.md` §0 lists them.

use super::store::UserRow;
use super::tenant::{ApiError, Caller, Sandbox};
use axum::http::StatusCode;

pub const GLOBAL_ADMIN: &str = "Global Administrator";
pub const PRIV_AUTH_ADMIN: &str = "Privileged Authentication Administrator";
pub const AUTH_ADMIN: &str = "Authentication Administrator";
pub const HELPDESK_ADMIN: &str = "Helpdesk Administrator";
pub const USER_ADMIN: &str = "User Administrator";
pub const GLOBAL_READER: &str = "Global Reader";
pub const AUTH_POLICY_ADMIN: &str = "Authentication Policy Administrator";
const REPORT_ROLES: &[&str] = &[
    GLOBAL_ADMIN,
    GLOBAL_READER,
    "Reports Reader",
    "Security Reader",
    "Security Operator",
    "Security Administrator",
];

const SECURITY_READERS: &[&str] = &[
    GLOBAL_ADMIN,
    GLOBAL_READER,
    "Security Reader",
    "Security Operator",
    "Security Administrator",
];

/// Roles that do not make their holder an "admin" target (an Authentication Administrator may
/// still manage such a user's methods).
const NON_ADMIN_ROLES: &[&str] = &[
    "Directory Readers",
    "Guest Inviter",
    "Message Center Reader",
    "Reports Reader",
];

/// Whether the user holds a role that only a Privileged Authentication Administrator (or a
/// Global Administrator) may act on.
pub fn is_admin(user: &UserRow) -> bool {
    user.roles
        .iter()
        .any(|r| !NON_ADMIN_ROLES.contains(&r.as_str()))
}

/// Roles whose holders read full phone numbers (`users/authenticationMethods/standard/read`).
const FULL_NUMBER_ROLES: &[&str] = &[GLOBAL_ADMIN, PRIV_AUTH_ADMIN];

/// Whether `caller` sees `target`'s phone numbers masked (the format: [`super::mask`]).
///
/// DOC (`graph-api.md` §2): "The authentication administrator only sees masked phone numbers".
/// Global Reader holds the same `…/standard/restrictedRead` action, so it is masked too
/// (UNCONFIRMED). A Privileged Authentication Administrator or Global Administrator sees full
/// numbers (inferred from `…/standard/read`), and so does an app-only token (OBS) and a user
/// reading their own methods. Every other delegated caller who may read methods at all is masked.
pub fn masks_phone_numbers(caller: &Caller, target: &UserRow) -> bool {
    let Some(agent) = &caller.user else {
        return false;
    };
    if caller.is_user(&target.user.id) {
        return false;
    }
    !agent
        .roles
        .iter()
        .any(|held| FULL_NUMBER_ROLES.contains(&held.as_str()))
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Access {
    ReadUsers,
    ReadMethods,
    WriteMethods,
    IssuePass,
    RevokeSessions,
    ReadReports,
    ReadSignIns,
    ReadAudits,
    ReadCalendar,
    ReadMailbox,
    ReadMailFolders,
    SendMail,
    ReadPolicy,
    WritePolicy,
    ReadRiskyUsers,
    ReadRiskDetections,
}

struct Rule {
    permissions: &'static [&'static str],
    /// Delegated callers need one of these roles (empty: none needed).
    roles: &'static [&'static str],
    /// Roles from `roles` that act only on non-admin targets.
    non_admin_only: &'static [&'static str],
    code: &'static str,
}

fn rule(access: Access) -> Rule {
    const METHODS_READ: &[&str] = &[
        "UserAuthenticationMethod.Read.All",
        "UserAuthenticationMethod.ReadWrite.All",
    ];
    const METHODS_WRITE: &[&str] = &["UserAuthenticationMethod.ReadWrite.All"];
    match access {
        Access::ReadUsers => Rule {
            permissions: &[
                "User.ReadBasic.All",
                "User.Read.All",
                "User.ReadWrite.All",
                "Directory.Read.All",
                "Directory.ReadWrite.All",
            ],
            roles: &[],
            non_admin_only: &[],
            code: "Authorization_RequestDenied",
        },
        Access::ReadMethods => Rule {
            permissions: METHODS_READ,
            roles: &[GLOBAL_ADMIN, PRIV_AUTH_ADMIN, AUTH_ADMIN, GLOBAL_READER],
            non_admin_only: &[],
            code: "accessDenied",
        },
        Access::WriteMethods | Access::IssuePass => Rule {
            permissions: METHODS_WRITE,
            roles: &[GLOBAL_ADMIN, PRIV_AUTH_ADMIN, AUTH_ADMIN],
            non_admin_only: &[AUTH_ADMIN],
            code: "accessDenied",
        },
        Access::RevokeSessions => Rule {
            permissions: &[
                "User.RevokeSessions.All",
                "User.ReadWrite.All",
                "Directory.ReadWrite.All",
            ],
            roles: &[
                GLOBAL_ADMIN,
                PRIV_AUTH_ADMIN,
                AUTH_ADMIN,
                HELPDESK_ADMIN,
                USER_ADMIN,
            ],
            non_admin_only: &[AUTH_ADMIN, HELPDESK_ADMIN, USER_ADMIN],
            code: "Authorization_RequestDenied",
        },
        Access::ReadReports | Access::ReadSignIns | Access::ReadAudits => Rule {
            permissions: &["AuditLog.Read.All"],
            roles: REPORT_ROLES,
            non_admin_only: &[],
            code: "Authorization_RequestDenied",
        },
        Access::ReadCalendar => Rule {
            permissions: &[
                "Calendars.ReadBasic",
                "Calendars.Read",
                "Calendars.ReadWrite",
            ],
            roles: &[],
            non_admin_only: &[],
            code: "ErrorAccessDenied",
        },
        Access::ReadMailbox => Rule {
            permissions: &["MailboxSettings.Read", "MailboxSettings.ReadWrite"],
            roles: &[],
            non_admin_only: &[],
            code: "ErrorAccessDenied",
        },
        Access::ReadMailFolders => Rule {
            permissions: &[
                "Mail.ReadBasic.All",
                "Mail.ReadBasic",
                "Mail.Read",
                "Mail.ReadWrite",
            ],
            roles: &[],
            non_admin_only: &[],
            code: "ErrorAccessDenied",
        },
        Access::SendMail => Rule {
            permissions: &["Mail.Send", "Mail.Send.Shared"],
            roles: &[],
            non_admin_only: &[],
            code: "ErrorAccessDenied",
        },
        // §4.3: Global Reader or Authentication Policy Administrator (an older revision also
        // lists Global Administrator). Neither Authentication Administrator role is listed, nor
        // any Security role: they get 403 (status and code UNCONFIRMED).
        Access::ReadPolicy => Rule {
            permissions: &["Policy.Read.All", "Policy.ReadWrite.AuthenticationMethod"],
            roles: &[GLOBAL_ADMIN, GLOBAL_READER, AUTH_POLICY_ADMIN],
            non_admin_only: &[],
            code: "accessDenied",
        },
        // Identity Protection (§16): the security roles and Global Reader; neither
        // Authentication Administrator role nor Reports Reader is listed
        Access::ReadRiskyUsers | Access::ReadRiskDetections => Rule {
            permissions: if access == Access::ReadRiskyUsers {
                &[
                    "IdentityRiskyUser.Read.All",
                    "IdentityRiskyUser.ReadWrite.All",
                ]
            } else {
                &[
                    "IdentityRiskEvent.Read.All",
                    "IdentityRiskEvent.ReadWrite.All",
                ]
            },
            roles: SECURITY_READERS,
            non_admin_only: &[],
            code: "Forbidden",
        },
        Access::WritePolicy => Rule {
            permissions: &["Policy.ReadWrite.AuthenticationMethod"],
            roles: &[GLOBAL_ADMIN, AUTH_POLICY_ADMIN],
            non_admin_only: &[],
            code: "accessDenied",
        },
    }
}

fn denied(code: &str, message: String) -> ApiError {
    ApiError::new(StatusCode::FORBIDDEN, code, message)
}

/// Directory APIs answer with Graph's fixed text; the others say what is missing.
fn denied_by(rule: &Rule, detail: String) -> ApiError {
    if rule.code == "Authorization_RequestDenied" {
        ApiError::denied_directory()
    } else {
        denied(rule.code, detail)
    }
}

/// Checks that `caller` may perform `access` (on `target`, when the operation has one).
pub fn require(
    sb: &Sandbox,
    caller: &Caller,
    access: Access,
    target: Option<&UserRow>,
) -> Result<(), ApiError> {
    let r = rule(access);
    let self_service = target.is_some_and(|t| caller.is_user(&t.user.id))
        && matches!(access, Access::ReadMethods)
        && caller.has_permission(&[
            "UserAuthenticationMethod.Read",
            "UserAuthenticationMethod.ReadWrite",
        ]);
    if !caller.has_permission(r.permissions) && !self_service {
        return Err(denied_by(
            &r,
            format!(
                "The token lacks the permission this request needs (one of: {}).",
                r.permissions.join(", ")
            ),
        ));
    }
    if let Some(agent) = &caller.user
        && !r.roles.is_empty()
        && !self_service
    {
        let held: Vec<&str> = r
            .roles
            .iter()
            .copied()
            .filter(|role| agent.roles.iter().any(|h| h == role))
            .collect();
        if held.is_empty() {
            return Err(denied_by(
                &r,
                format!(
                    "The signed-in user needs one of these roles: {}.",
                    r.roles.join(", ")
                ),
            ));
        }
        if let Some(t) = target
            && is_admin(t)
            && held.iter().all(|role| r.non_admin_only.contains(role))
        {
            return Err(denied(
                r.code,
                format!(
                    "The target user holds an admin role ({}); this needs a Privileged Authentication Administrator.",
                    t.roles.join(", ")
                ),
            ));
        }
    }
    if access == Access::IssuePass
        && let Some(t) = target
        && caller.is_user(&t.user.id)
    {
        return Err(denied(
            "accessDenied",
            "A Temporary Access Pass can't be created for the signed-in user themselves.".into(),
        ));
    }
    // UNCONFIRMED: the text Graph answers a tenant without Entra ID P2 with
    if access == Access::ReadRiskyUsers && !(sb.premium && sb.identity_protection) {
        return Err(denied(
            "Forbidden",
            "Your tenant is not licensed for this feature.".into(),
        ));
    }
    if matches!(
        access,
        Access::ReadReports | Access::ReadSignIns | Access::ReadRiskDetections
    ) && !sb.premium
    {
        return Err(denied(
            "Authentication_RequestFromNonPremiumTenantOrB2CTenant",
            "Neither tenant is B2C or tenant doesn't have premium license".into(),
        ));
    }
    Ok(())
}
