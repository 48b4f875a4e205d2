//! Who is at the keyboard, read from the token care sends (the signed-in agent's UPN and
//! directory roles, or the app), and the guard the door asks for this run.

use super::{Backend, ConnectError};
use crate::auth::{Credential, oauth};
use crate::config::Config;
use crate::guard::audit::AuditLog;
use crate::guard::{Agent, Guard};
use serde_json::Value;

/// The signed-in agent (UPN and directory roles, from the token's `wids`), or the app.
pub async fn agent(backend: &Backend) -> Result<Agent, ConnectError> {
    let graph = &backend.graph;
    let token = graph.access_token().await?;
    let claims = oauth::claims(&token).unwrap_or(Value::Null);
    let roles = claims["wids"]
        .as_array()
        .into_iter()
        .flatten()
        .filter_map(Value::as_str)
        .filter_map(|id| crate::graph::model::directory_role_name(id).map(str::to_owned))
        .collect();
    let upn = claims["upn"]
        .as_str()
        .or(claims["preferred_username"].as_str());
    Ok(match upn {
        Some(upn) => Agent {
            name: upn.to_string(),
            id: claims["oid"].as_str().map(str::to_owned),
            app: false,
            roles,
        },
        None => {
            let app =
                claims["appid"]
                    .as_str()
                    .map(str::to_owned)
                    .or_else(|| match graph.credential() {
                        Credential::ClientSecret { client_id, .. }
                        | Credential::ClientCertificate { client_id, .. } => {
                            Some(client_id.clone())
                        }
                        _ => None,
                    });
            Agent {
                name: format!(
                    "app {}",
                    app.unwrap_or_else(|| "(unknown: CARE_TOKEN)".into())
                ),
                id: None,
                app: true,
                roles,
            }
        }
    })
}

/// The guard of this run: the district's policy, the audit log, who the agent is, which
/// tenant, and whether it is a sandbox.
pub async fn guard(backend: &Backend, config: &Config) -> Result<Guard, ConnectError> {
    let tenant = match backend.graph.credential() {
        Credential::ClientSecret { endpoint, .. }
        | Credential::ClientCertificate { endpoint, .. }
        | Credential::Saved { endpoint, .. } => endpoint.tenant.clone(),
        Credential::Bearer(t) => oauth::claims(t)
            .and_then(|c| c["tid"].as_str().map(str::to_owned))
            .unwrap_or_default(),
    };
    let mut policy = config.policy.clone();
    let sandbox = backend.is_sandbox().await;
    if sandbox && policy.notify_from.is_none() {
        // the sandbox's shared mailbox of the Care Center, for the sandbox's app
        policy.notify_from = Some(crate::sandbox::demo::CARE_CENTER_MAILBOX.into());
    }
    Ok(Guard {
        policy,
        log: AuditLog::new(&crate::config::state_dir()?),
        agent: agent(backend).await?,
        tenant,
        sandbox,
        call: None,
    })
}
