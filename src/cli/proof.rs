//! Proving who the caller is, before any change on a call: by what is on record, never by what
//! they offer (NIST SP 800-63B-4; CISA/FBI AA23-320A). care shows the numbers of record (on
//! file, unchanged for the policy's days by the tenant's audit log, never the phone being
//! removed as lost), offers only the ways that have something behind them, and records how it
//! went with its evidence (the number called, the witness, the reference, a code the manager
//! read back). `care verify` and every change that asks use it.

use super::ctx::Ctx;
use crate::change::{Door, Subject};
use crate::error::Error;
use crate::guard::{Action, Answers, Verification};
use crate::ops::onfile::{self, OnFile, Recent, Record, same_number};
use serde::Serialize;

#[derive(Debug, Serialize)]
#[serde(rename_all = "camelCase")]
struct VerifyJson<'a> {
    user: String,
    #[serde(flatten)]
    record: &'a Record,
    ways: Vec<&'static str>,
    verified_by: Option<&'static str>,
    evidence: Option<String>,
}

/// How the caller was verified, and what backs it.
#[derive(Debug, Clone)]
pub struct Established {
    pub how: Verification,
    pub evidence: String,
}

/// The ways that can verify the caller from `record`, each with why not when it cannot.
fn ways(record: &Record, door: &Door) -> Vec<(Verification, Option<String>)> {
    let manager = record.manager.as_ref();
    Verification::ALL
        .into_iter()
        .map(|v| {
            let why_not = match v {
                Verification::Callback => (!record.numbers.iter().any(OnFile::of_record))
                    .then(|| "no number of record to call back".to_string()),
                Verification::Manager => match manager {
                    None => Some("no manager is on file".into()),
                    Some(m) if !m.numbers.iter().any(OnFile::of_record) => Some(format!(
                        "their manager {} has no number on file to call",
                        m.name
                    )),
                    Some(_) => None,
                },
                Verification::ManagerCode => match manager {
                    None => Some("no manager is on file".into()),
                    Some(m) if m.mail.is_none() => {
                        Some(format!("their manager {} has no mail address", m.name))
                    }
                    Some(_) => door.sender().err(),
                },
                Verification::InPerson | Verification::VerifiedId => None,
            };
            (v, why_not)
        })
        .collect()
}

/// The numbers as an agent reads them: numbers of record to call, the rest with why not.
fn shown(ctx: &Ctx, who: &str, record: &Record) -> Vec<String> {
    let show = ctx.show();
    let mut lines = vec![format!("Verify {who} before any change.")];
    let (of_record, not): (Vec<&OnFile>, Vec<&OnFile>) =
        record.numbers.iter().partition(|n| n.of_record());
    lines.push(format!(
        "Call back a number of record (on file and unchanged for {} days; never one the caller offers):",
        record.days
    ));
    for n in &of_record {
        lines.push(format!("  {:<20} {}", n.kind, show.phone(&n.number)));
    }
    if of_record.is_empty() {
        lines.push("  (none: a callback can't verify them)".into());
    }
    if !not.is_empty() {
        lines.push("Not to call back:".into());
        for n in &not {
            lines.push(format!(
                "  {:<20} {}  ({})",
                n.kind,
                show.phone(&n.number),
                n.not_of_record.as_deref().unwrap_or_default()
            ));
        }
    }
    match &record.manager {
        Some(m) => {
            let numbers: Vec<String> = m
                .numbers
                .iter()
                .filter(|n| n.of_record())
                .map(|n| show.phone(&n.number))
                .collect();
            lines.push(format!(
                "Their manager: {} ({}){}{}",
                m.name,
                m.user_principal_name,
                if numbers.is_empty() {
                    ", no number on file".to_string()
                } else {
                    format!(", {}", numbers.join(", "))
                },
                m.mail
                    .as_ref()
                    .map(|a| format!("; a code can be mailed to {a}"))
                    .unwrap_or_default()
            ));
        }
        None => lines.push("No manager is on file.".into()),
    }
    lines.push(format!("(Changes checked in {}.)", record.history));
    lines
}

/// Picks one of `numbers` (of record) as the one called: `--evidence`, else asked when there
/// are several, else the only one.
fn called(
    ctx: &Ctx,
    numbers: &[&OnFile],
    given: Option<&str>,
    whose: &str,
) -> Result<Option<String>, Error> {
    let show = ctx.show();
    if let Some(g) = given {
        return match numbers.iter().find(|n| same_number(&n.number, g)) {
            Some(n) => Ok(Some(n.number.clone())),
            None => Err(Error::usage_hint(
                format!("{g} is not a number of record of {whose}"),
                format!(
                    "call back one of: {}",
                    numbers
                        .iter()
                        .map(|n| show.phone(&n.number))
                        .collect::<Vec<_>>()
                        .join(", ")
                ),
            )),
        };
    }
    match numbers {
        [one] => Ok(Some(one.number.clone())),
        // a script that did not say which: every number it could have been
        _ if !ctx.may_prompt() => Ok(Some(format!(
            "one of {}",
            numbers
                .iter()
                .map(|n| n.number.as_str())
                .collect::<Vec<_>>()
                .join(", ")
        ))),
        _ => {
            let items: Vec<String> = numbers
                .iter()
                .map(|n| format!("{} ({})", show.phone(&n.number), n.kind))
                .collect();
            Ok(ctx
                .pick(&format!("Which number of {whose} did you call?"), &items)?
                .map(|i| numbers[i].number.clone()))
        }
    }
}

/// Asks for the evidence a way needs typed (the witness, the reference), or takes
/// `--evidence`; `None` when there is none.
fn typed(ctx: &Ctx, question: &str) -> Result<Option<String>, Error> {
    if let Some(e) = &ctx.global.evidence {
        return Ok(Some(e.trim().to_string()).filter(|e| !e.is_empty()));
    }
    Ok(ctx
        .ask(question)?
        .map(|a| a.trim().to_string())
        .filter(|a| !a.is_empty()))
}

/// A one-time code mailed to the manager through the door, read back by them on a call.
async fn manager_code(
    ctx: &Ctx,
    door: &Door,
    subject: &Subject,
    record: &Record,
) -> Result<Option<String>, Error> {
    use rand::RngExt;
    let Some(m) = &record.manager else {
        return Ok(None);
    };
    let Some(address) = &m.mail else {
        return Ok(None);
    };
    if !ctx.may_prompt() {
        return Err(Error::usage_hint(
            "a mailed code is read back on a call, and care is not running on a terminal",
            "run care verify on a terminal",
        ));
    }
    let code = format!("{:06}", rand::rng().random_range(0..1_000_000u32));
    let who = subject.who();
    let message = crate::graph::model::MailMessage {
        subject: format!("A code to confirm who is calling: {}", subject.user.name()),
        body: crate::graph::model::ItemBody {
            content_type: "Text".into(),
            content: format!(
                "{} is on the phone with the Customer Care Center and asks for a change to how they sign in ({}).\n\nIf you know it is them, read this code to the Care Center agent who calls you:\n\n    {} {}\n\nIf you do not know about it, do not read the code: tell the agent, or call the Customer Care Center at {}.",
                subject.user.name(),
                subject.user.upn(),
                &code[..3],
                &code[3..],
                crate::config::CARE_CENTER_LINE
            ),
        },
        to_recipients: vec![crate::graph::model::Recipient::to(address)],
        cc_recipients: vec![],
    };
    let answers = Answers {
        ticket: ctx.ticket(),
        ..Answers::default()
    };
    door.mail(
        Action::VerifyCode,
        subject,
        message,
        format!(
            "mail a one-time code to {who}'s manager {} ({address})",
            m.name
        ),
        &answers,
        None,
    )
    .await
    .map_err(Error::from)?;
    ctx.notice(&format!(
        "care: a six-digit code went to {} ({address}). Call them on a number you know, and type the code they read to you.",
        m.name
    ));
    let heard = ctx
        .ask("The code the manager read")?
        .unwrap_or_default()
        .chars()
        .filter(char::is_ascii_digit)
        .collect::<String>();
    // compared whole, not digit by digit
    let same = heard.len() == code.len()
        && heard
            .bytes()
            .zip(code.bytes())
            .fold(0u8, |acc, (a, b)| acc | (a ^ b))
            == 0;
    Ok(same.then(|| format!("read back by {} ({address})", m.name)))
}

/// Shows what the caller can be verified by, asks how it went (or takes `--verified-by` and
/// `--evidence`), checks that the way has something behind it (exit 2 when not), and records
/// it; the changes that follow for the policy's window use it. `losing` are numbers being
/// removed as lost (never called back). `None` when nothing was recorded, or the caller could
/// not be verified. `command`: `care verify` itself, whose output this is (on stdout, JSON
/// with `-o json`); otherwise the numbers are shown on stderr before the question, and not at
/// all when `--verified-by` answers it.
pub async fn establish(
    ctx: &Ctx,
    door: &Door,
    subject: &Subject,
    losing: &[String],
    command: bool,
) -> Result<Option<Established>, Error> {
    let guard = door.guard();
    let days = guard.policy.callback_min_age_days();
    let local = guard
        .phone_changes(&subject.facts.id, days)
        .into_iter()
        .map(|(at, by, what)| Recent {
            at,
            by,
            what: format!("care's audit log: {what}"),
            phones: true,
            directory: false,
        })
        .collect();
    let methods = subject.methods.clone().unwrap_or_default();
    let lines = guard.policy.shared_lines();
    let shared = onfile::Shared {
        lines: &lines,
        most: guard.policy.shared_line_people() as usize,
    };
    let history = onfile::History {
        days,
        known: subject.audits.as_deref(),
        local,
    };
    let record = onfile::read(
        door.graph(),
        &subject.user,
        &methods,
        losing,
        history,
        &shared,
    )
    .await;
    let who = subject.who();
    let window = guard.policy.verification_window();
    let ways = ways(&record, door);
    let table = ctx.out.format() == crate::output::Format::Table;
    if command && table {
        ctx.emit(ctx.out.lines(&shown(ctx, &who, &record)))?;
    } else if !command && ctx.global.verified_by.is_none() {
        for line in shown(ctx, &who, &record) {
            ctx.notice(&line);
        }
    }
    let json = command && !table;
    let possible: Vec<Verification> = ways
        .iter()
        .filter(|(_, why)| why.is_none())
        .map(|(v, _)| *v)
        .collect();
    let how = match ctx.global.verified_by {
        Some(v) => Some(v),
        None => {
            let items: Vec<String> = possible
                .iter()
                .map(|v| v.describe().to_string())
                .chain(["could not verify them".to_string()])
                .collect();
            match ctx.pick(
                &format!(
                    "How did you verify that the caller is {who}? (it covers changes to them for {window} minutes)"
                ),
                &items,
            )? {
                None => {
                    if json {
                        emit_json(ctx, subject.user.upn(), &record, &possible, None)?;
                    }
                    ctx.notice("care: nothing recorded; record the outcome with --verified-by callback|manager|in-person|verified-id");
                    return Ok(None);
                }
                Some(i) => possible.get(i).copied(),
            }
        }
    };
    if let Some(v) = how
        && let Some((_, Some(why))) = ways.iter().find(|(w, _)| *w == v)
    {
        return Err(Error::usage_hint(
            format!("{} can't verify {who}: {why}", v.name()),
            match possible.as_slice() {
                [] => "verify them in person or with a Verified ID, or make no change on this call"
                    .to_string(),
                p => format!(
                    "verify them another way: {}",
                    p.iter().map(|v| v.name()).collect::<Vec<_>>().join(", ")
                ),
            },
        ));
    }
    let evidence = match how {
        None => None,
        Some(Verification::Callback) => {
            let numbers: Vec<&OnFile> = record.numbers.iter().filter(|n| n.of_record()).collect();
            called(ctx, &numbers, ctx.global.evidence.as_deref(), &who)?
                .map(|n| ctx.show().phone(&n))
        }
        Some(Verification::Manager) => {
            let m = record.manager.as_ref().expect("a manager backs this way");
            let numbers: Vec<&OnFile> = m.numbers.iter().filter(|n| n.of_record()).collect();
            called(ctx, &numbers, ctx.global.evidence.as_deref(), &m.name)?.map(|n| {
                format!(
                    "{} ({}) on {}",
                    m.name,
                    m.user_principal_name,
                    ctx.show().phone(&n)
                )
            })
        }
        Some(Verification::ManagerCode) => manager_code(ctx, door, subject, &record).await?,
        Some(Verification::InPerson) => {
            match typed(ctx, "Who witnessed it? (their name and where)")? {
                Some(w) => Some(format!("witness: {w}")),
                None => {
                    return Err(Error::usage_hint(
                        "in person needs the witness's name",
                        "give it with --evidence \"NAME\", or type it when asked",
                    ));
                }
            }
        }
        Some(Verification::VerifiedId) => {
            match typed(
                ctx,
                "The ticket system's reference for the Verified ID check",
            )? {
                Some(r) => Some(format!("reference {r}")),
                None => {
                    return Err(Error::usage_hint(
                        "a Verified ID needs the ticket system's reference of the check",
                        "give it with --evidence REF, or type it when asked",
                    ));
                }
            }
        }
    };
    let verified = how.zip(evidence);
    let answers = Answers {
        ticket: ctx.ticket(),
        verified_by: verified.as_ref().map(|(v, _)| *v),
        evidence: verified.as_ref().map(|(_, e)| e.clone()),
        ..Answers::default()
    };
    let (result, detail) = match &verified {
        Some((v, e)) => ("success", format!("{}: {e}", v.describe())),
        None => (
            "failed",
            match how {
                Some(v) => format!("{}: not done", v.describe()),
                None => "could not verify the caller".to_string(),
            },
        ),
    };
    guard
        .record(
            Action::Verify,
            &subject.facts,
            &answers,
            None,
            result,
            Some(detail),
            None,
        )
        .await
        .map_err(|e| {
            Error::failed(
                format!("the verification could not be written to the audit log, so nothing was sent: {e}"),
                vec!["fix the state dir (care config path shows where it is), then run the command again".into()],
            )
        })?;
    if json {
        emit_json(
            ctx,
            subject.user.upn(),
            &record,
            &possible,
            verified.as_ref().map(|(v, e)| (*v, e.clone())),
        )?;
    }
    match &verified {
        Some((v, e)) => {
            ctx.notice(&format!(
                "care: verified ({}: {e}); changes to {who} in the next {window} minutes use it",
                v.describe()
            ));
            Ok(Some(Established {
                how: *v,
                evidence: e.clone(),
            }))
        }
        None => {
            ctx.notice(&format!(
                "care: recorded that {who} could not be verified; make no change for them on this call"
            ));
            Ok(None)
        }
    }
}

fn emit_json(
    ctx: &Ctx,
    upn: &str,
    record: &Record,
    possible: &[Verification],
    verified: Option<(Verification, String)>,
) -> Result<(), Error> {
    let json = VerifyJson {
        user: upn.to_string(),
        record,
        ways: possible.iter().map(|v| v.name()).collect(),
        verified_by: verified.as_ref().map(|(v, _)| v.name()),
        evidence: verified.map(|(_, e)| e),
    };
    ctx.emit(ctx.out.json(&json))
}
