//! `care login` (`care auth login`): an agent in the browser or by device code, an app by secret or certificate.

use super::*;

pub(super) async fn login(ctx: &Ctx, args: LoginArgs) -> Result<(), Error> {
    let settings = ctx.settings()?;
    let store = ctx.sessions()?;
    let target = login_target(ctx).await?;
    let resource = Resource::graph(&target.graph);
    let graph_url = target._embedded.is_none().then(|| target.graph.clone());
    let mut secrets = Secrets::default();
    let (kind, token, certificate) = if args.app {
        let certificate = args.certificate.clone().or(settings.certificate.clone());
        match certificate {
            Some(path) if !args.client_secret_stdin => {
                let cert = ClientCertificate::load(&path).map_err(AuthError::from)?;
                let t = tokens::client_certificate(
                    &target.http,
                    &target.endpoint,
                    &target.client_id,
                    &cert,
                    &resource.id,
                )
                .await?;
                (SessionKind::AppCertificate, t, Some(path))
            }
            _ => {
                let secret = if args.client_secret_stdin {
                    crate::cli::ctx::secret_from_stdin("client secret")?
                } else {
                    env_secret("CARE_CLIENT_SECRET").ok_or_else(|| {
                        Error::usage_hint(
                            "no client secret: give it on standard input or in CARE_CLIENT_SECRET",
                            "care login --app --client-secret-stdin < secret.txt  (or --certificate app.pem)",
                        )
                    })?
                };
                let t = tokens::client_secret(
                    &target.http,
                    &target.endpoint,
                    &target.client_id,
                    &secret,
                    &resource.id,
                )
                .await?;
                secrets.client_secret = Some(secret);
                (SessionKind::AppSecret, t, None)
            }
        }
    } else {
        let scope = resource.delegated_scope.clone();
        let no_browser = args.no_browser;
        let on_event = |e: LoginEvent<'_>| {
            match e {
            LoginEvent::OpenUrl { url } => {
                ctx.notice("Sign in with your work account in the browser; care waits here for the answer.");
                if no_browser || webbrowser::open(url).is_err() {
                    ctx.notice("Open this address in a browser on this machine:");
                }
                crate::output::note(&format!("  {url}"));
            }
            LoginEvent::DeviceCode { message, .. } => ctx.notice(message),
            LoginEvent::Ignored { why } => ctx.notice(&format!(
                "care: ignored {why} (said once; more are counted)"
            )),
            LoginEvent::IgnoredInAll { count } => ctx.notice(&format!(
                "care: ignored {count} answers in all that did not belong to this sign-in; if you did not open them, someone on this machine may be trying to slip in a sign-in of their own"
            )),
        }
        };
        let flow = async {
            if args.device_code {
                flows::device_code(
                    &target.http,
                    &target.endpoint,
                    &target.client_id,
                    &scope,
                    on_event,
                )
                .await
            } else {
                flows::authorization_code(
                    &target.http,
                    &target.endpoint,
                    &target.client_id,
                    &scope,
                    Duration::from_secs(args.timeout.max(1)),
                    on_event,
                )
                .await
            }
        };
        let t = tokio::select! {
            t = flow => t?,
            _ = tokio::signal::ctrl_c() => return Err(Error::Cancelled),
        };
        if t.refresh_token.is_none() {
            ctx.notice("care: the platform gave no refresh token (offline_access not granted); you will sign in again when this token expires");
        }
        secrets.refresh_token = t.refresh_token.clone();
        (SessionKind::Delegated, t, None)
    };
    let (upn, name) = account_of(&token);
    secrets.access.insert(
        resource.id.clone(),
        tokens::cache::AccessToken {
            token: token.access_token.clone(),
            expires_at: jiff::Timestamp::now().as_second() + token.expires_in.clamp(60, 86_400),
        },
    );
    let mut session = Session {
        profile: settings.profile.clone(),
        kind,
        tenant: target.endpoint.tenant.clone(),
        client_id: target.client_id.clone(),
        graph_url,
        login_url: target
            ._embedded
            .is_none()
            .then(|| target.endpoint.login.clone()),
        account: match kind {
            SessionKind::Delegated => upn.unwrap_or_else(|| "(unknown account)".into()),
            _ => target.client_id.clone(),
        },
        display_name: name,
        certificate: certificate.map(|p| std::path::absolute(&p).unwrap_or(p)),
        signed_in_at: jiff::Timestamp::now()
            .round(jiff::Unit::Second)
            .map(|t| t.to_string())
            .unwrap_or_default(),
        kept_in: KeptIn::File,
        secrets,
    };
    let saved = store.save(&mut session).map_err(AuthError::from)?;
    if let Some(why) = saved.fallback {
        ctx.notice(&format!(
            "care: the OS credential store is not available ({why}); the sign-in is kept in {} instead, readable only by you",
            store.path(&session.profile).display()
        ));
    }
    let who = match kind {
        SessionKind::Delegated => format!(
            "as {}{}",
            session.account,
            session
                .display_name
                .as_deref()
                .map(|n| format!(" ({n})"))
                .unwrap_or_default()
        ),
        _ => format!("as app {}", session.client_id),
    };
    ctx.notice(&format!(
        "Signed in {who} to tenant {} (profile {}); kept in {}.",
        session.tenant,
        session.profile,
        store.describe(&session)
    ));
    if kind == SessionKind::Delegated
        && let Some(var) = ["CARE_TOKEN", "CARE_CLIENT_SECRET"]
            .into_iter()
            .find(|v| env_secret(v).is_some())
    {
        ctx.notice(&format!(
            "! {var} is set in this shell, and it acts instead of your sign-in: `unset {var}` to act as yourself"
        ));
    }
    Ok(())
}
