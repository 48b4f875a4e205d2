//! `care verify USER`: before any change on a call, the caller proves who they are by what is
//! already on file, never by what they offer (NIST SP 800-63B-4; CISA/FBI AA23-320A). care
//! shows the numbers to call back and the manager to ask, then records how it went; the
//! changes that follow on the call reuse it for the policy's window.

use super::Named;
use super::Verb;
use super::ctx::Ctx;
use super::find;
use super::oncall;
use crate::error::Error;
use crate::graph::encode::UserRef;
use crate::graph::model::{AuthMethod, PhoneType};
use crate::guard::{Action, Answers, Verification};
use crate::ops::card::Card;
use clap::Args;
use serde::Serialize;

/// Each verb's examples (under its long help, each parsed by a test) and whether it changes
/// the tenant (then its help shows `--ticket`, `--verified-by` and `--override`).
pub const HELP: &[Verb] = &[Verb {
    path: "verify",
    change: true,
    examples: &["care verify maria.garcia@district.example"],
}];

#[derive(Debug, Args)]
pub struct VerifyArgs {
    #[command(flatten)]
    pub user: Named,
}

#[derive(Debug, Serialize)]
#[serde(rename_all = "camelCase")]
struct OnFile {
    kind: String,
    number: String,
    source: &'static str,
}

#[derive(Debug, Serialize)]
#[serde(rename_all = "camelCase")]
struct VerifyJson {
    user: String,
    numbers: Vec<OnFile>,
    manager: Option<ManagerJson>,
    verified_by: Option<&'static str>,
}

#[derive(Debug, Serialize)]
#[serde(rename_all = "camelCase")]
struct ManagerJson {
    name: String,
    user_principal_name: String,
    numbers: Vec<String>,
}

/// A number that can be dialled: a full one (Graph may show MFA phones masked).
fn dialable(n: &str) -> bool {
    n.chars().filter(char::is_ascii_digit).count() >= 7 && !n.contains(['X', '*'])
}

pub async fn run(ctx: &Ctx, args: VerifyArgs) -> Result<(), Error> {
    let card = find::card(ctx, &args.user).await?;
    verify(ctx, &card).await.map(drop)
}

/// Shows what to verify the caller with, asks how it went (or takes `--verified-by`), and
/// records it. `None` when nothing was recorded or the caller could not be verified.
pub async fn verify(ctx: &Ctx, card: &Card) -> Result<Option<Verification>, Error> {
    let user = &card.user;
    let graph = ctx.graph().await?;
    let manager = graph.manager(&UserRef::of(user)).await.unwrap_or(None);
    let mut numbers: Vec<OnFile> = vec![];
    if let Ok(methods) = &card.methods {
        for m in methods {
            if let AuthMethod::Phone(p) = m {
                numbers.push(OnFile {
                    kind: match p.phone_type {
                        PhoneType::Mobile => "MFA mobile",
                        PhoneType::AlternateMobile => "MFA alternate",
                        _ => "MFA office",
                    }
                    .into(),
                    number: p.phone_number.clone(),
                    source: "authentication methods",
                });
            }
        }
    }
    for (kind, n) in user
        .mobile_phone
        .iter()
        .map(|n| ("directory mobile", n))
        .chain(
            user.business_phones
                .iter()
                .map(|n| ("directory business", n)),
        )
    {
        if !numbers.iter().any(|o| o.number == *n) {
            numbers.push(OnFile {
                kind: kind.into(),
                number: n.clone(),
                source: "directory",
            });
        }
    }
    let manager_json = manager.as_ref().map(|m| ManagerJson {
        name: m.name().to_string(),
        user_principal_name: m.upn().to_string(),
        numbers: m
            .mobile_phone
            .iter()
            .chain(m.business_phones.iter())
            .cloned()
            .collect(),
    });
    let who = format!("{} ({})", user.name(), user.upn());
    let mut json = VerifyJson {
        user: user.upn().to_string(),
        numbers,
        manager: manager_json,
        verified_by: None,
    };
    if ctx.out.format() == crate::output::Format::Table {
        let mut lines = vec![format!("Verify {who} before any change:")];
        lines.push(
            "Call back a number already on file (never one the caller offers, never one being added on this call):".into(),
        );
        for n in &json.numbers {
            lines.push(format!(
                "  {:<20} {}{}",
                n.kind,
                n.number,
                if dialable(&n.number) {
                    ""
                } else {
                    "  (masked to your role: use another)"
                }
            ));
        }
        if json.numbers.is_empty() {
            lines.push("  (no number on file)".into());
        }
        match &json.manager {
            Some(m) => lines.push(format!(
                "Or ask their manager: {} ({}){}",
                m.name,
                m.user_principal_name,
                if m.numbers.is_empty() {
                    String::new()
                } else {
                    format!(", {}", m.numbers.join(", "))
                }
            )),
            None => lines.push("No manager is on file.".into()),
        }
        ctx.emit(ctx.out.lines(&lines))?;
    }
    let how = match ctx.global.verified_by {
        Some(v) => Some(Some(v)),
        None => {
            let items: Vec<String> = Verification::ALL
                .iter()
                .map(|v| v.describe().to_string())
                .chain(["could not verify them".to_string()])
                .collect();
            ctx.pick(&format!("How did you verify {who}?"), &items)?
                .map(|i| Verification::ALL.get(i).copied())
        }
    };
    let Some(how) = how else {
        if ctx.out.format() != crate::output::Format::Table {
            ctx.emit(ctx.out.json(&json))?;
        }
        ctx.notice("care: nothing recorded; record the outcome with --verified-by callback|manager|in-person|verified-id");
        return Ok(None);
    };
    let guard = oncall::guard(ctx).await?;
    let facts = crate::change::Subject::of(card, &guard.policy.countries()).facts;
    let answers = Answers {
        ticket: ctx.ticket(),
        verified_by: how,
        override_reason: None,
    };
    let (result, detail) = match how {
        Some(v) => ("success", v.describe().to_string()),
        None => ("failed", "could not verify the caller".to_string()),
    };
    guard
        .record(
            Action::Verify,
            &facts,
            &answers,
            None,
            result,
            Some(detail),
            None,
        )
        .await
        .map_err(|e| {
            Error::failed(
                format!("the verification could not be recorded: {e}"),
                vec![],
            )
        })?;
    json.verified_by = how.map(Verification::name);
    if ctx.out.format() != crate::output::Format::Table {
        ctx.emit(ctx.out.json(&json))?;
    }
    match how {
        Some(v) => ctx.notice(&format!(
            "care: verified ({}); changes to {who} in the next {} minutes use it",
            v.describe(),
            guard.policy.verification_window()
        )),
        None => ctx.notice(&format!(
            "care: recorded that {who} could not be verified; make no change for them on this call"
        )),
    }
    Ok(how)
}
