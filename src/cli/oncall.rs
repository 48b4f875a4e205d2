//! A change made on a live call: the facts that should stop the agent shown first, the ticket
//! and the caller's verification asked for (or taken from `--ticket`, `--verified-by`, or a
//! `care verify` a few minutes ago), the district's policy applied, and the outcome recorded in
//! the audit log before it is shown. Every change command goes through [`Ctx::on_call`].

use super::ctx::Ctx;
use crate::auth::Credential;
use crate::auth::oauth;
use crate::error::Error;
use crate::graph::model::User;
use crate::guard::audit::AuditLog;
use crate::guard::{Action, Agent, Answers, Facts, Guard, Refusal, Verification};
use crate::ops::card::{Card, pass_created};
use jiff::{SignedDuration, Timestamp};
use serde_json::Value;

/// A change that passed the guard: record its outcome with [`OnCall::done`].
pub struct OnCall<'a> {
    ctx: &'a Ctx,
    guard: Guard,
    action: Action,
    facts: Facts,
    pub answers: Answers,
}

/// What a card (or a bare user) says about the person a change is for; `countries` are where
/// the district's staff sign in from.
pub fn facts(user: &User, card: Option<&Card>, countries: &[String]) -> Facts {
    let now = Timestamp::now();
    let blank = |s: &Option<String>| s.as_deref().is_none_or(|s| s.trim().is_empty());
    Facts {
        upn: user.upn().to_string(),
        id: user.id.clone(),
        name: format!("{} ({})", user.name(), user.upn()),
        disabled: user.account_enabled == Some(false),
        guest: user.user_type.as_deref() == Some("Guest"),
        admin: card
            .and_then(|c| c.registration.as_ref().ok())
            .map(|r| r.as_ref().and_then(|r| r.is_admin).unwrap_or(false)),
        shared_account: user.user_type.as_deref() != Some("Guest")
            && blank(&user.given_name)
            && blank(&user.surname),
        passes_today: card
            .and_then(Card::pass)
            .and_then(pass_created)
            .is_some_and(|t| now - t < SignedDuration::from_hours(24)) as u32,
        fatigue: card.and_then(|c| c.fatigue(countries)),
    }
}

impl Ctx {
    /// Who is at the keyboard, from the token care sends: the signed-in agent's UPN and
    /// directory roles, or the app.
    pub async fn agent(&self) -> Result<Agent, Error> {
        let graph = self.graph().await?;
        let token = graph.access_token().await?;
        let claims = oauth::claims(&token).unwrap_or(Value::Null);
        let list = |v: &Value| -> Vec<String> {
            v.as_array()
                .map(|a| {
                    a.iter()
                        .filter_map(Value::as_str)
                        .map(str::to_owned)
                        .collect()
                })
                .unwrap_or_default()
        };
        let roles = list(&claims["wids"])
            .iter()
            .filter_map(|id| crate::graph::model::directory_role_name(id).map(str::to_owned))
            .collect();
        Ok(
            match claims["upn"]
                .as_str()
                .or(claims["preferred_username"].as_str())
            {
                Some(upn) => Agent {
                    name: upn.to_string(),
                    app: false,
                    roles,
                },
                None => {
                    let app = claims["appid"].as_str().map(str::to_owned).or_else(|| {
                        match graph.credential() {
                            Credential::ClientSecret { client_id, .. }
                            | Credential::ClientCertificate { client_id, .. } => {
                                Some(client_id.clone())
                            }
                            _ => None,
                        }
                    });
                    Agent {
                        name: format!(
                            "app {}",
                            app.unwrap_or_else(|| "(unknown: CARE_TOKEN)".into())
                        ),
                        app: true,
                        roles,
                    }
                }
            },
        )
    }

    /// The guard of this run: the policy, the audit log, who the agent is, which tenant.
    pub async fn guard(&self) -> Result<Guard, Error> {
        let backend = self.backend().await?;
        let sandbox = backend.target.is_sandbox();
        let tenant = match self.graph().await?.credential() {
            Credential::ClientSecret { endpoint, .. }
            | Credential::ClientCertificate { endpoint, .. }
            | Credential::Saved { endpoint, .. } => endpoint.tenant.clone(),
            Credential::Bearer(t) => oauth::claims(t)
                .and_then(|c| c["tid"].as_str().map(str::to_owned))
                .unwrap_or_default(),
        };
        Ok(Guard {
            policy: self.config()?.policy.clone(),
            log: AuditLog::new(&crate::config::state_dir()?),
            agent: self.agent().await?,
            tenant,
            sandbox,
        })
    }

    /// Everything that comes before a change on a call: the blocking facts shown, the ticket,
    /// the policy (and `check`, the change's own rules), then the caller's verification. A
    /// refusal is recorded and exits 2 (nothing sent).
    pub async fn on_call(
        &self,
        action: Action,
        user: &User,
        card: Option<&Card>,
        check: impl FnOnce(&Guard) -> Result<(), Refusal>,
    ) -> Result<OnCall<'_>, Error> {
        let guard = self.guard().await?;
        let facts = facts(user, card, &guard.policy.countries());
        let mut call = OnCall {
            ctx: self,
            guard,
            action,
            facts,
            answers: Answers {
                ticket: None,
                verified_by: self.global.verified_by,
                override_reason: self.global.override_reason.clone(),
            },
        };
        if action.is_pass_or_phone() {
            call.show_facts();
        }
        call.answers.ticket = match call.guard.ticket(self.ticket().as_deref()) {
            Ok(t) => t,
            Err(r) => return Err(call.refused(r)),
        };
        if let Err(r) = call
            .guard
            .check(action, &call.facts, &call.answers)
            .and_then(|()| check(&call.guard))
        {
            return Err(call.refused(r));
        }
        if action.needs_verification() {
            call.verify()?;
        }
        Ok(call)
    }
}

impl OnCall<'_> {
    fn show_facts(&self) {
        let f = &self.facts;
        let mut lines = vec![];
        if f.disabled {
            lines.push("the account is disabled".to_string());
        }
        if f.guest {
            lines.push("a B2B guest: they authenticate at their home organisation".into());
        }
        match f.admin {
            Some(true) => lines.push("holds an admin role".into()),
            None => lines.push(
                "care could not see whether they hold an admin role (the registration report needs a reports role); Graph refuses if your role can't act on them".into(),
            ),
            Some(false) => {}
        }
        if f.shared_account {
            lines.push("no given name or surname: a shared account, not a person".into());
        }
        if f.passes_today > 0 {
            lines.push("already got a pass in the last 24 hours".into());
        }
        if let Some(fatigue) = &f.fatigue {
            lines.push(format!(
                "{fatigue}: possible push fatigue; call back a number on file"
            ));
        }
        for l in lines {
            self.ctx.notice(&format!("! {}: {l}", f.name));
        }
    }

    /// Records a refusal (nothing was sent) and words it for the agent.
    fn refused(&self, r: Refusal) -> Error {
        let _ = self.guard.record(
            self.action,
            &self.facts,
            &self.answers,
            "refused",
            Some(r.reason.clone()),
            None,
        );
        let mut hints = vec![r.hint];
        if r.overridable && !hints[0].contains("--override") {
            hints.push(
                "the policy allows --override \"REASON\" for this (the reason is recorded)".into(),
            );
        }
        Error::Usage {
            message: format!("{}; nothing was changed", r.reason),
            hints,
        }
    }

    /// The caller's verification: `--verified-by`, a `care verify` within the window, or asked
    /// on a terminal. A script without one stops here (exit 2).
    fn verify(&mut self) -> Result<(), Error> {
        if self.answers.verified_by.is_some() {
            return Ok(());
        }
        if let Some((how, detail)) = self.guard.recent_verification(&self.facts.id) {
            self.ctx.notice(&format!(
                "care: caller verified ({}{})",
                how.describe(),
                if detail.is_empty() || detail == how.describe() {
                    String::new()
                } else {
                    format!(": {detail}")
                }
            ));
            self.answers.verified_by = Some(how);
            return Ok(());
        }
        let items: Vec<String> = Verification::ALL
            .iter()
            .map(|v| v.describe().to_string())
            .chain(["not verified: stop here".to_string()])
            .collect();
        match self.ctx.pick(
            &format!("How did you verify that the caller is {}?", self.facts.name),
            &items,
        )? {
            Some(i) if i < Verification::ALL.len() => {
                self.answers.verified_by = Some(Verification::ALL[i]);
                Ok(())
            }
            Some(_) => Err(self.refused(Refusal {
                reason: "the caller is not verified".into(),
                hint: "call them back on a number on file (care verify USER shows them), or ask their manager".into(),
                overridable: false,
            })),
            None => Err(self.refused(Refusal {
                reason: format!("how the caller was verified is required for {}", self.action.name()),
                hint: "pass --verified-by callback|manager|in-person|verified-id, or run care verify USER first".into(),
                overridable: false,
            })),
        }
    }

    /// Records how the change ended; on disk before the result is shown.
    pub fn done<T>(
        &self,
        outcome: &Result<T, impl std::fmt::Display>,
        detail: String,
        request_id: Option<String>,
    ) -> Result<(), Error> {
        let (result, detail) = match outcome {
            Ok(_) => ("success", detail),
            Err(e) => ("failed", format!("{detail}: {e}")),
        };
        self.guard
            .record(
                self.action,
                &self.facts,
                &self.answers,
                result,
                Some(detail),
                request_id,
            )
            .map(drop)
            .map_err(|e| {
                Error::failed(
                    format!(
                        "the change ended ({result}), but the audit log could not be written: {e}"
                    ),
                    vec!["fix the state dir, then check the change with care user show".into()],
                )
            })
    }
}
