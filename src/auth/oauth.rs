//! The identity platform's endpoints (graph-api.md §13): the token endpoint for every grant,
//! the device-code endpoint, the authorize URL, and the claims of a token. One function sends
//! a token request and turns the platform's answer into a typed result.

use super::AuthError;
use crate::graph::model::{DeviceCodeResponse, OAuthError, Secret, TokenResponse};
use crate::net::describe_reqwest;
use base64::Engine;
use serde_json::Value;

/// Where tokens come from: `{login}/{tenant}/oauth2/v2.0/…`.
#[derive(Debug, Clone)]
pub struct Endpoint {
    /// The identity-platform root, e.g. `https://login.microsoftonline.com`.
    pub login: String,
    pub tenant: String,
}

impl Endpoint {
    pub fn url(&self, what: &str) -> String {
        format!(
            "{}/{}/oauth2/v2.0/{what}",
            self.login.trim_end_matches('/'),
            crate::graph::encode::segment(&self.tenant)
        )
    }

    /// Sends a form to the token (or devicecode) endpoint. Redirects are never followed (the
    /// HTTP client follows none); the form is never logged.
    pub async fn post<T: serde::de::DeserializeOwned>(
        &self,
        http: &reqwest::Client,
        what: &str,
        form: &[(&str, &str)],
    ) -> Result<T, AuthError> {
        let url = self.url(what);
        let grant = form
            .iter()
            .find(|(k, _)| *k == "grant_type")
            .map(|(_, v)| *v)
            .unwrap_or(what);
        tracing::debug!(%url, grant, "identity platform request");
        let network = |e: reqwest::Error| AuthError::Network {
            url: url.clone(),
            detail: describe_reqwest(&e),
        };
        let resp = http.post(&url).form(form).send().await.map_err(network)?;
        let status = resp.status().as_u16();
        let bytes = resp.bytes().await.map_err(network)?;
        tracing::debug!(%url, status, "identity platform answer");
        if status == 200 {
            return serde_json::from_slice(&bytes)
                .map_err(|_| AuthError::Unexpected { url, status });
        }
        match serde_json::from_slice::<OAuthError>(&bytes) {
            Ok(e) => Err(AuthError::Rejected {
                status,
                error: e.error,
                codes: e.error_codes,
                description: first_line(&e.error_description),
            }),
            Err(_) => Err(AuthError::Unexpected { url, status }),
        }
    }

    pub async fn token(
        &self,
        http: &reqwest::Client,
        form: &[(&str, &str)],
    ) -> Result<TokenResponse, AuthError> {
        self.post(http, "token", form).await
    }

    pub async fn device_code(
        &self,
        http: &reqwest::Client,
        client_id: &str,
        scope: &str,
    ) -> Result<DeviceCodeResponse, AuthError> {
        self.post(
            http,
            "devicecode",
            &[("client_id", client_id), ("scope", scope)],
        )
        .await
    }
}

/// "AADSTS70011: The provided value…" without the trace and correlation lines.
fn first_line(description: &str) -> String {
    description
        .lines()
        .next()
        .unwrap_or_default()
        .trim()
        .to_string()
}

/// The delegated scopes `care` asks for, on the Graph resource `graph_root`, least privilege
/// for what its commands do (README "Permissions"), plus a refresh token and the id token.
pub fn delegated_scopes(graph_root: &str) -> String {
    const SCOPES: &[&str] = &[
        "User.Read.All",
        "UserAuthenticationMethod.ReadWrite.All",
        "User.RevokeSessions.All",
        "AuditLog.Read.All",
        "Directory.Read.All",
        "Calendars.Read",
        "MailboxSettings.Read",
        "Mail.Send",
        "Policy.Read.All",
    ];
    let resource = resource_of(graph_root);
    let mut out: Vec<String> = SCOPES.iter().map(|s| format!("{resource}/{s}")).collect();
    out.extend(["offline_access", "openid", "profile"].map(String::from));
    out.join(" ")
}

/// The resource a Graph root stands for in scopes: the real hosts as they are; the sandbox
/// (loopback) as `https://graph.microsoft.com`, which it accepts like Entra does.
pub fn resource_of(root: &str) -> String {
    let root = root.trim_end_matches('/');
    if root.starts_with("http://") {
        "https://graph.microsoft.com".into()
    } else {
        root.to_string()
    }
}

/// The resource an Exchange Admin API root stands for: the real hosts as they are (their app
/// ID URI is the base URL, UNCONFIRMED for the national clouds); a sandbox on loopback as
/// `https://outlook.office365.com`, which it accepts like Entra does.
pub fn exchange_resource_of(root: &str) -> String {
    let root = root.trim_end_matches('/');
    if root.starts_with("http://") {
        "https://outlook.office365.com".into()
    } else {
        root.to_string()
    }
}

/// `{resource}/.default` (client credentials).
pub fn default_scope(root: &str) -> String {
    format!("{}/.default", resource_of(root))
}

/// The claims of a JWT-shaped token, decoded without checking the signature: for display
/// only (who, tenant, roles, scopes, expiry), never for a decision the server would make.
pub fn claims(token: &Secret) -> Option<Value> {
    let payload = token.expose().split('.').nth(1)?;
    let bytes = base64::engine::general_purpose::URL_SAFE_NO_PAD
        .decode(payload.trim_end_matches('='))
        .ok()?;
    serde_json::from_slice(&bytes).ok()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn scopes_and_claims() {
        let s = delegated_scopes("https://graph.microsoft.us/");
        assert!(s.starts_with("https://graph.microsoft.us/User.Read.All "));
        assert!(s.contains("offline_access"));
        assert!(delegated_scopes("http://127.0.0.1:9").contains("https://graph.microsoft.com/"));
        assert_eq!(
            default_scope("https://graph.microsoft.com"),
            "https://graph.microsoft.com/.default"
        );
        assert_eq!(
            exchange_resource_of("http://127.0.0.1:9/exchange"),
            "https://outlook.office365.com"
        );
        assert_eq!(
            exchange_resource_of("https://outlook.office365.us/"),
            "https://outlook.office365.us"
        );
        let b64 = base64::engine::general_purpose::URL_SAFE_NO_PAD;
        let token = Secret::new(format!(
            "{}.{}.sig",
            b64.encode("{}"),
            b64.encode(r#"{"upn":"a@b","wids":["x"]}"#)
        ));
        assert_eq!(claims(&token).unwrap()["upn"], "a@b");
        assert!(claims(&Secret::new("opaque")).is_none());
        let e = Endpoint {
            login: "https://login.microsoftonline.com/".into(),
            tenant: "contoso.onmicrosoft.com".into(),
        };
        assert_eq!(
            e.url("token"),
            "https://login.microsoftonline.com/contoso.onmicrosoft.com/oauth2/v2.0/token"
        );
    }
}
