//! `care auth status`: who care acts as, and until when.

use super::*;

/// `care auth status`, as a record.
#[derive(Debug, Serialize)]
#[serde(rename_all = "camelCase")]
pub(super) struct Status {
    /// A credential in the environment that acts instead of the saved agent sign-in.
    #[serde(skip_serializing_if = "Option::is_none")]
    overridden: Option<String>,
    profile: String,
    tenant: String,
    graph: String,
    account: String,
    kind: String,
    roles: Vec<String>,
    scopes: Vec<String>,
    expires: Option<String>,
    kept_in: Option<String>,
}

pub(super) async fn status(ctx: &Ctx) -> Result<(), Error> {
    let settings = ctx.settings()?;
    let backend = ctx.backend().await?;
    // a fresh token proves the sign-in still works (a refresh, when the cached one expired)
    let token = backend.graph.access_token().await?;
    let claims = oauth::claims(&token).unwrap_or(Value::Null);
    let credential = backend.graph.credential();
    let store = ctx.sessions()?;
    let saved = match credential {
        Credential::Saved { .. } => ctx.saved(&settings)?,
        _ => None,
    };
    let list = |v: &Value| -> Vec<String> {
        match v {
            Value::String(s) => s.split_whitespace().map(str::to_owned).collect(),
            Value::Array(a) => a
                .iter()
                .filter_map(Value::as_str)
                .map(str::to_owned)
                .collect(),
            _ => vec![],
        }
    };
    let mut roles: Vec<String> = list(&claims["wids"])
        .iter()
        .filter_map(|id| crate::graph::model::directory_role_name(id).map(str::to_owned))
        .collect();
    roles.extend(list(&claims["roles"]));
    let (account, kind, tenant) = match (credential, &saved) {
        (Credential::Saved { .. }, Some(s)) => (
            match &s.display_name {
                Some(n) => format!("{} ({n})", s.account),
                None => s.account.clone(),
            },
            match s.kind {
                SessionKind::Delegated => "agent (delegated sign-in)",
                SessionKind::AppSecret => "app (client secret)",
                SessionKind::AppCertificate => "app (certificate)",
            }
            .to_string(),
            s.tenant.clone(),
        ),
        (Credential::Bearer(_), _) => (
            claims["upn"]
                .as_str()
                .or(claims["appid"].as_str())
                .unwrap_or("unknown")
                .to_string(),
            "the bearer token in CARE_TOKEN".into(),
            claims["tid"].as_str().unwrap_or("unknown").to_string(),
        ),
        (
            Credential::ClientSecret {
                client_id,
                endpoint,
                ..
            },
            _,
        ) => (
            client_id.clone(),
            if backend.embedded.is_some() {
                "the embedded sandbox's app (no sign-in needed)".into()
            } else {
                "app (client secret from CARE_CLIENT_SECRET)".into()
            },
            endpoint.tenant.clone(),
        ),
        (
            Credential::ClientCertificate {
                client_id,
                endpoint,
                certificate,
            },
            _,
        ) => (
            client_id.clone(),
            format!("app (certificate {})", certificate.path().display()),
            endpoint.tenant.clone(),
        ),
        (Credential::Saved { profile, .. }, None) => {
            return Err(AuthError::SignInRequired {
                profile: profile.clone(),
                reason: "there is no saved sign-in".into(),
            }
            .into());
        }
    };
    let s = Status {
        overridden: backend
            .overridden
            .as_ref()
            .map(|n| n.trim_start_matches("care: ").to_string()),
        profile: settings.profile.clone(),
        tenant,
        graph: backend
            .target
            .graph_url()
            .unwrap_or("the embedded sandbox")
            .to_string(),
        account,
        kind,
        roles,
        scopes: list(&claims["scp"]),
        expires: claims["exp"]
            .as_i64()
            .and_then(|e| jiff::Timestamp::from_second(e).ok())
            .map(|t| t.to_string()),
        kept_in: saved.as_ref().map(|s| store.describe(s)),
    };
    let none = |v: &[String]| {
        if v.is_empty() {
            "none shown in the token".to_string()
        } else {
            v.join(", ")
        }
    };
    let mut rows = vec![];
    if let Some(n) = &s.overridden {
        rows.push(vec!["! overridden".into(), n.clone()]);
    }
    rows.extend([
        vec!["profile".into(), s.profile.clone()],
        vec!["tenant".into(), s.tenant.clone()],
        vec!["graph".into(), s.graph.clone()],
        vec!["signed in as".into(), s.account.clone()],
        vec!["kind".into(), s.kind.clone()],
        vec!["roles".into(), none(&s.roles)],
        vec!["scopes".into(), none(&s.scopes)],
        vec![
            "token expires".into(),
            s.expires
                .as_deref()
                .map(|ts| ctx.show().time(ts))
                .unwrap_or_else(|| "unknown".into()),
        ],
        vec![
            "kept in".into(),
            s.kept_in
                .clone()
                .unwrap_or_else(|| "nowhere (not saved)".into()),
        ],
    ]);
    ctx.emit(ctx.out.records(&["field", "value"], &rows, &s))
}
