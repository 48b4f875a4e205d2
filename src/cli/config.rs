//! `care config show|path|set|unset`: the settings in effect and where each comes from, and
//! edits of the config file that keep its comments.

use super::Verb;
use super::ctx::Ctx;
use crate::config::{self, Config};
use crate::error::Error;
use clap::{Args, Subcommand};
use serde::Serialize;

/// Each verb's examples (under its long help, each parsed by a test) and whether it changes
/// the tenant (then its help shows `--ticket`, `--verified-by` and `--override`).
pub const HELP: &[Verb] = &[
    Verb {
        path: "config show",
        change: false,
        examples: &["care config show", "care config show --profile training"],
    },
    Verb {
        path: "config path",
        change: false,
        examples: &["care config path"],
    },
    Verb {
        path: "config set",
        change: false,
        examples: &[
            "care config set tenant district.onmicrosoft.com",
            "care config set profiles.training.tenant district-test.onmicrosoft.com",
            "care config set policy.ticket-pattern '^INC[0-9]{7}$'",
        ],
    },
    Verb {
        path: "config unset",
        change: false,
        examples: &["care config unset policy.changes-per-hour"],
    },
];

#[derive(Debug, Subcommand)]
pub enum ConfigCommand {
    /// The settings in effect for this profile, and where each comes from
    Show,
    /// Print the config file's path
    Path,
    /// Set a key: in the profile named by --profile/CARE_PROFILE, else at the top level
    ///
    /// Keys: tenant, client-id, cloud (global, usgov, usgov-dod, china), graph-url,
    /// login-url, exchange-url, certificate, region (top level or a profile); profile (the default
    /// profile), token-store (auto, keyring, file) (top level only). A profile's key can also
    /// be named in full: profiles.NAME.KEY. Secrets never go in the file.
    Set(SetArgs),
    /// Remove a key (same rules as set)
    Unset(UnsetArgs),
}

#[derive(Debug, Args)]
pub struct SetArgs {
    key: String,
    value: String,
}

#[derive(Debug, Args)]
pub struct UnsetArgs {
    key: String,
}

pub async fn run(ctx: &Ctx, cmd: ConfigCommand) -> Result<(), Error> {
    let path = config::config_path(ctx.global.config.as_deref())?;
    match cmd {
        ConfigCommand::Path => ctx.emit(ctx.out.lines(&[path.display().to_string()])),
        ConfigCommand::Set(a) => {
            config::set(&path, ctx.global.profile.as_deref(), &a.key, Some(&a.value))?;
            ctx.notice(&format!("set {} in {}", a.key, path.display()));
            Ok(())
        }
        ConfigCommand::Unset(a) => {
            config::set(&path, ctx.global.profile.as_deref(), &a.key, None)?;
            ctx.notice(&format!("removed {} from {}", a.key, path.display()));
            Ok(())
        }
        ConfigCommand::Show => show(ctx),
    }
}

#[derive(Debug, Serialize)]
struct Setting {
    key: &'static str,
    value: String,
    source: String,
}

fn show(ctx: &Ctx) -> Result<(), Error> {
    let config: &Config = ctx.config()?;
    let settings = ctx.settings()?;
    let profile = settings.profile.clone();
    let in_profile = config.profiles.get(&profile);
    let g = &ctx.global;
    // where a connection key comes from: the flag/environment, the profile, the top level
    let source = |flag: bool, prof: bool, top: bool| -> String {
        if flag {
            "flag or environment".into()
        } else if prof {
            format!("profile {profile}")
        } else if top {
            "config file".into()
        } else {
            "not set".into()
        }
    };
    let opt = |v: Option<String>| v.unwrap_or_default();
    let mut rows = vec![
        Setting {
            key: "profile",
            value: profile.clone(),
            source: if g.profile.is_some() {
                "flag or environment".into()
            } else if config.profile.is_some() {
                "config file".into()
            } else {
                "default".into()
            },
        },
        Setting {
            key: "config file",
            value: config.path.display().to_string(),
            source: if config.path.exists() {
                "exists"
            } else {
                "not created yet"
            }
            .into(),
        },
        Setting {
            key: "tenant",
            value: opt(settings.tenant.clone()),
            source: source(
                g.tenant.is_some(),
                in_profile.is_some_and(|p| p.tenant.is_some()),
                config.tenant.is_some(),
            ),
        },
        Setting {
            key: "client-id",
            value: opt(settings.client_id.clone()),
            source: source(
                g.client_id.is_some(),
                in_profile.is_some_and(|p| p.client_id.is_some()),
                config.client_id.is_some(),
            ),
        },
        Setting {
            key: "cloud",
            value: opt(settings.cloud.map(|c| c.name().to_string())),
            source: source(
                false,
                in_profile.is_some_and(|p| p.cloud.is_some()),
                config.cloud.is_some(),
            ),
        },
        Setting {
            key: "graph-url",
            value: opt(settings.graph.as_ref().map(|(r, _)| r.to_string())),
            source: settings
                .graph
                .as_ref()
                .map(|(_, s)| s.to_string())
                .unwrap_or_else(|| "not set".into()),
        },
        Setting {
            key: "login-url",
            value: opt(settings.login.as_ref().map(|(r, _)| r.to_string())),
            source: settings
                .login
                .as_ref()
                .map(|(_, s)| s.to_string())
                .unwrap_or_else(|| "not set".into()),
        },
        Setting {
            key: "exchange-url",
            value: opt(settings.exchange.as_ref().map(|(r, _)| r.to_string())),
            source: settings
                .exchange
                .as_ref()
                .map(|(_, s)| s.to_string())
                .unwrap_or_else(|| "not set (from the cloud)".into()),
        },
        Setting {
            key: "certificate",
            value: opt(settings
                .certificate
                .as_ref()
                .map(|p| p.display().to_string())),
            source: source(
                false,
                in_profile.is_some_and(|p| p.certificate.is_some()),
                config.certificate.is_some(),
            ),
        },
        Setting {
            key: "region",
            value: settings.region.clone(),
            source: source(
                false,
                in_profile.is_some_and(|p| p.region.is_some()),
                config.region.is_some(),
            )
            .replace("not set", "default"),
        },
        Setting {
            key: "token-store",
            value: format!("{:?}", config.token_store()).to_lowercase(),
            source: if config.token_store.is_some() {
                "config file"
            } else {
                "default"
            }
            .into(),
        },
    ];
    let target = ctx.target()?;
    rows.extend(
        config
            .policy_settings(matches!(target, crate::connect::Target::Embedded))
            .into_iter()
            .map(|(key, value, source)| Setting { key, value, source }),
    );
    rows.extend([
        Setting {
            key: "complete-from-tenant",
            value: config.complete_from_tenant.unwrap_or(false).to_string(),
            source: if config.complete_from_tenant.is_some() {
                "config file"
            } else {
                "default"
            }
            .into(),
        },
        Setting {
            key: "caller-language",
            value: config.caller_language.clone().unwrap_or("en".into()),
            source: if config.caller_language.is_some() {
                "config file"
            } else {
                "default"
            }
            .into(),
        },
    ]);
    for (key, var) in [
        ("CARE_TOKEN", "CARE_TOKEN"),
        ("CARE_CLIENT_SECRET", "CARE_CLIENT_SECRET"),
    ] {
        rows.push(Setting {
            key,
            value: if crate::connect::env_secret(var).is_some() {
                "set (value hidden)".into()
            } else {
                String::new()
            },
            source: "environment".into(),
        });
    }
    rows.push(Setting {
        key: "talks to",
        value: target
            .graph_url()
            .unwrap_or("the embedded sandbox tenant")
            .to_string(),
        source: "resolved".into(),
    });
    rows.push(Setting {
        key: "signed in",
        value: ctx
            .saved(&settings)?
            .map(|s| format!("{} to {}", s.account, s.tenant))
            .unwrap_or_else(|| "no".into()),
        source: "saved sign-in".into(),
    });
    rows.push(Setting {
        key: "profiles",
        value: config
            .profiles
            .keys()
            .cloned()
            .collect::<Vec<_>>()
            .join(", "),
        source: "config file".into(),
    });
    let table: Vec<Vec<String>> = rows
        .iter()
        .map(|r| vec![r.key.to_string(), r.value.clone(), r.source.clone()])
        .collect();
    ctx.emit(
        ctx.out
            .records(&["setting", "value", "from"], &table, &rows),
    )
}
