//! `care qr issue|temp|pin-reset|show|remove`: QR code + PIN sign-in (v1.0), for staff
//! on shared devices or without a phone: a badge and a PIN, a temporary code for a forgotten
//! badge. The PIN is shown once, like a pass; the code is drawn in the terminal and printed on
//! a badge (`--badge FILE.png`) from the image Graph returns.

use super::Named;
use super::Verb;
use super::ctx::Ctx;
use super::find;
use super::method::UserArg;
use super::oncall;
use crate::change::{Ask, Decided, Done, QrAsk, Subject};
use crate::error::Error;
use crate::graph::encode::UserRef;
use crate::graph::model::{QrCode, Secret, User};
use crate::ops::badge;
use crate::ops::passcode;
use crate::output::{Format, local_time, sanitize};
use clap::{Args, Subcommand};
use serde::Serialize;
use std::path::{Path, PathBuf};

/// Each verb's examples (under its long help, each parsed by a test) and whether it changes
/// the tenant (then its help shows `--ticket`, `--verified-by` and `--override`).
pub const HELP: &[Verb] = &[
    Verb {
        path: "qr issue",
        change: true,
        examples: &[
            "care qr issue ana.lopez@district.example --badge ana-lopez.png --verified-by in-person",
        ],
    },
    Verb {
        path: "qr temp",
        change: true,
        examples: &["care qr temp ana.lopez@district.example --hours 8 --verified-by manager"],
    },
    Verb {
        path: "qr pin-reset",
        change: true,
        examples: &["care qr pin-reset ana.lopez@district.example --verified-by in-person"],
    },
    Verb {
        path: "qr show",
        change: false,
        examples: &["care qr show ana.lopez@district.example"],
    },
    Verb {
        path: "qr remove",
        change: true,
        examples: &["care qr remove ana.lopez@district.example --yes"],
    },
];

#[derive(Debug, Subcommand)]
pub enum QrCommand {
    /// Make a QR code + PIN: a badge (the policy's lifetime) and a PIN shown once
    Issue(IssueArgs),
    /// A temporary QR code for a forgotten badge, 1 to 12 hours (the PIN stays)
    Temp(TempArgs),
    /// A new PIN, shown once (the badge stays)
    PinReset(UserArg),
    /// The user's QR code + PIN: the badge's and the temporary code's dates, the PIN's state
    Show(UserArg),
    /// Delete the user's QR code + PIN method (a lost badge: then issue a new one)
    Remove(UserArg),
}

#[derive(Debug, Args)]
pub struct IssueArgs {
    #[command(flatten)]
    pub user: Named,
    /// Also write a printable badge (name, school, the code, valid until) to this new .png or .pdf file
    #[arg(long, value_name = "FILE")]
    pub badge: Option<PathBuf>,
}

#[derive(Debug, Args)]
pub struct TempArgs {
    #[command(flatten)]
    pub user: Named,
    /// How long the code works: 1 to 12 hours (a shift is 8)
    #[arg(long, value_name = "HOURS", value_parser = hours)]
    pub hours: u32,
    /// Also write it as a printable badge to this new .png or .pdf file
    #[arg(long, value_name = "FILE")]
    pub badge: Option<PathBuf>,
}

/// `--hours`: whole hours from 1 to 12, said as a person would.
fn hours(text: &str) -> Result<u32, String> {
    match text.trim().parse::<u32>() {
        Ok(h) if (1..=12).contains(&h) => Ok(h),
        Ok(h) => Err(format!("a temporary QR code lives 1 to 12 hours, not {h}")),
        Err(_) => Err(format!(
            "'{text}' is not a whole number of hours from 1 to 12 (a shift is 8)"
        )),
    }
}

pub async fn run(ctx: &Ctx, cmd: QrCommand) -> Result<(), Error> {
    match cmd {
        QrCommand::Issue(a) => {
            check_badge(a.badge.as_deref())?;
            change(ctx, &a.user, QrAsk::Issue, a.badge.as_deref()).await
        }
        QrCommand::Temp(a) => {
            check_badge(a.badge.as_deref())?;
            let hours = a.hours;
            change(ctx, &a.user, QrAsk::Temporary { hours }, a.badge.as_deref()).await
        }
        QrCommand::PinReset(a) => change(ctx, &a.user, QrAsk::PinReset, None).await,
        QrCommand::Remove(a) => change(ctx, &a.user, QrAsk::Remove, None).await,
        QrCommand::Show(a) => show(ctx, &a.user).await,
    }
}

/// A badge file is checked before any request: a new `.png` or `.pdf`.
fn check_badge(path: Option<&Path>) -> Result<(), Error> {
    let Some(path) = path else { return Ok(()) };
    let known = path
        .extension()
        .is_some_and(|e| e.eq_ignore_ascii_case("png") || e.eq_ignore_ascii_case("pdf"));
    if !known {
        return Err(Error::usage_hint(
            format!(
                "{}: a badge is written as a .png or .pdf file",
                path.display()
            ),
            "name a file ending in .png or .pdf, e.g. --badge ana-lopez.pdf",
        ));
    }
    if path.exists() {
        return Err(Error::usage_hint(
            format!("{} exists; care never overwrites a badge", path.display()),
            "name a new file",
        ));
    }
    Ok(())
}

#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
struct Issued<'a> {
    user: &'a str,
    /// The PIN, when one was made or reset (the one time it is shown).
    #[serde(skip_serializing_if = "Option::is_none")]
    pin: Option<&'a str>,
    #[serde(skip_serializing_if = "Option::is_none")]
    start_date_time: Option<&'a str>,
    #[serde(skip_serializing_if = "Option::is_none")]
    expire_date_time: Option<&'a str>,
    /// The code's image as Graph returned it (a PNG, base64).
    #[serde(skip_serializing_if = "Option::is_none")]
    image_png: Option<&'a str>,
    #[serde(skip_serializing_if = "Option::is_none")]
    badge: Option<String>,
}

async fn change(
    ctx: &Ctx,
    query: &Named,
    ask: QrAsk,
    badge_file: Option<&Path>,
) -> Result<(), Error> {
    let card = find::card(ctx, query).await?;
    let door = oncall::door(ctx).await?;
    let subject = Subject::of(&card, door.guard());
    let who = subject.who();
    let change = match door.decide(&Ask::Qr(ask), &subject).await? {
        Decided::Already(said) => {
            ctx.notice(&said);
            return Ok(());
        }
        Decided::Change(c) => c,
    };
    let question = format!("{}?", crate::output::capitalised(&change.detail));
    let done = oncall::make(ctx, &door, *change, &question).await?;
    let user = &card.user;
    match done {
        Done::Qr(m) => {
            let code = m.standard_qr_code.unwrap_or_default();
            let pin = m.pin.and_then(|p| p.code);
            present(ctx, user, "QR code + PIN", &code, pin.as_ref(), badge_file)
        }
        Done::QrCode(code) => present(ctx, user, "Temporary QR code", &code, None, badge_file),
        Done::QrPin(p) => {
            let Some(pin) = p.code else {
                return Err(Error::failed(
                    "Graph reset the PIN but sent no new one",
                    vec!["reset it again: care qr pin-reset USER".into()],
                ));
            };
            present_pin(ctx, user, &pin)
        }
        _ => {
            ctx.notice(&format!("removed the QR code + PIN method of {who}"));
            Ok(())
        }
    }
}

/// The PIN as it is read on the phone: grouped by four.
fn grouped(pin: &Secret) -> String {
    passcode::group(pin.expose())
}

/// A code just made (and its PIN, for a new method): drawn, printed on a badge if asked, the
/// PIN shown once.
fn present(
    ctx: &Ctx,
    user: &User,
    what: &str,
    code: &QrCode,
    pin: Option<&Secret>,
    badge_file: Option<&Path>,
) -> Result<(), Error> {
    let who = format!("{} ({})", user.name(), user.upn());
    let image = code.image.as_ref().and_then(|i| i.binary_value.as_deref());
    let modules = badge::of_code(code);
    let until = code.expire_date_time.as_deref().map(local_time);
    // the badge is written first, but a badge that can't be is said after the PIN: the PIN
    // exists only in this answer and is always shown
    let mut written = None;
    let mut unwritten = None;
    if let (Some(path), Some(Ok(m))) = (badge_file, &modules) {
        match write_badge(
            path,
            &badge::for_user(user, m, code, what == "Temporary QR code"),
        ) {
            Ok(()) => written = Some(path.display().to_string()),
            Err(e) => unwritten = Some(e),
        }
    }
    if let Some(Err(e)) = &modules {
        ctx.notice(&format!("care: the code can't be drawn here: {e}"));
    }
    if ctx.out.format() == Format::Table && ctx.out.is_tty() {
        let mut text = format!("{what} for {}\n\n", sanitize(&who));
        if let Some(Ok(m)) = &modules {
            for line in badge::terminal(m) {
                text.push_str(&format!("    {line}\n"));
            }
            text.push('\n');
        }
        if let Some(pin) = pin {
            text.push_str(&format!("PIN    {}\n\n", grouped(pin)));
        }
        if let Some(u) = &until {
            text.push_str(&format!("Valid until {u}.\n"));
        }
        if let Some(f) = &written {
            text.push_str(&format!(
                "Badge written to {f}: print it and hand it over.\n"
            ));
        }
        if pin.is_some() {
            text.push_str("Give the PIN to the person now, in person or read it on the call: care will not show it again. They choose their own PIN at the first sign-in.\n");
        }
        shown(ctx.out.for_secret().raw(&text), &who)?;
        return badge_failed(unwritten, what, &who);
    }
    let json = Issued {
        user: user.upn(),
        pin: pin.map(Secret::expose),
        start_date_time: code.start_date_time.as_deref(),
        expire_date_time: code.expire_date_time.as_deref(),
        image_png: image,
        badge: written,
    };
    let row = vec![vec![
        user.upn().to_string(),
        pin.map(|p| p.expose().to_string()).unwrap_or_default(),
        code.expire_date_time.clone().unwrap_or_default(),
    ]];
    shown(
        ctx.out
            .for_secret()
            .records(&["user", "pin", "until"], &row, &json),
        &who,
    )?;
    badge_failed(unwritten, what, &who)
}

/// The badge as the file's name says: a PNG, or a PDF of it; created new, 0600.
fn write_badge(path: &Path, png: &[u8]) -> Result<(), String> {
    let pdf = path
        .extension()
        .is_some_and(|e| e.eq_ignore_ascii_case("pdf"));
    let bytes = if pdf { badge::pdf(png)? } else { png.to_vec() };
    let mut f = crate::private_file::create_new(path).map_err(|e| e.to_string())?;
    use std::io::Write;
    f.write_all(&bytes)
        .map_err(|e| format!("{}: {e}", path.display()))
}

/// A badge that could not be written, said once the code and PIN were shown.
fn badge_failed(unwritten: Option<String>, what: &str, who: &str) -> Result<(), Error> {
    match unwritten {
        None => Ok(()),
        Some(e) => Err(Error::failed(
            format!(
                "the {} for {who} was made, but its badge could not be written: {e}",
                what.to_lowercase()
            ),
            vec![
                "the code works as shown; for a badge, remove it and issue again with --badge"
                    .into(),
            ],
        )),
    }
}

fn present_pin(ctx: &Ctx, user: &User, pin: &Secret) -> Result<(), Error> {
    let who = format!("{} ({})", user.name(), user.upn());
    if ctx.out.format() == Format::Table && ctx.out.is_tty() {
        let text = format!(
            "New QR code PIN for {}\n\n    {}\n\nGive it to the person now: care will not show it again. They choose their own at the next sign-in.\n",
            sanitize(&who),
            grouped(pin)
        );
        return shown(ctx.out.for_secret().raw(&text), &who);
    }
    let json = Issued {
        user: user.upn(),
        pin: Some(pin.expose()),
        start_date_time: None,
        expire_date_time: None,
        image_png: None,
        badge: None,
    };
    let row = vec![vec![user.upn().to_string(), pin.expose().to_string()]];
    shown(
        ctx.out.for_secret().records(&["user", "pin"], &row, &json),
        &who,
    )
}

/// A PIN that did not reach stdout (a closed pipe) is a failure the agent must hear of.
fn shown(written: std::io::Result<()>, who: &str) -> Result<(), Error> {
    written.map_err(|e| {
        Error::failed(
            format!("the QR code PIN for {who} was made, but it could not be written to stdout ({e}): nobody has it"),
            vec!["reset it: care qr pin-reset USER, to a terminal or a file".into()],
        )
    })
}

#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
struct Shown {
    user: String,
    has_method: bool,
    badge_from: Option<String>,
    badge_until: Option<String>,
    badge_last_used: Option<String>,
    temporary_until: Option<String>,
    pin_updated: Option<String>,
    pin_must_change: Option<bool>,
}

/// Graph's "never" (`0001-01-01…`) as nothing.
fn used(t: Option<&str>) -> Option<String> {
    t.filter(|t| !t.starts_with("0001-")).map(str::to_owned)
}

async fn show(ctx: &Ctx, query: &Named) -> Result<(), Error> {
    let user = find::user(ctx, query).await?;
    let m = ctx.graph().await?.qr_method(&UserRef::of(&user)).await?;
    let who = format!("{} ({})", user.name(), user.upn());
    let Some(m) = m else {
        if ctx.show().people {
            ctx.notice(&format!(
                "{who} has no QR code + PIN method; make one: care qr issue {}",
                user.upn()
            ));
            return Ok(());
        }
        let s = Shown {
            user: user.upn().to_string(),
            has_method: false,
            badge_from: None,
            badge_until: None,
            badge_last_used: None,
            temporary_until: None,
            pin_updated: None,
            pin_must_change: None,
        };
        return ctx.emit(ctx.out.records(
            &["user", "method"],
            &[vec![s.user.clone(), "none".into()]],
            &[s],
        ));
    };
    let std = m.standard_qr_code.as_ref();
    let s = Shown {
        user: user.upn().to_string(),
        has_method: true,
        badge_from: std.and_then(|c| c.start_date_time.clone()),
        badge_until: std.and_then(|c| c.expire_date_time.clone()),
        badge_last_used: used(std.and_then(|c| c.last_used_date_time.as_deref())),
        temporary_until: m
            .temporary_qr_code
            .as_ref()
            .and_then(|c| c.expire_date_time.clone()),
        pin_updated: m.pin.as_ref().and_then(|p| p.updated_date_time.clone()),
        pin_must_change: m.pin.as_ref().and_then(|p| p.force_change_pin_next_sign_in),
    };
    let t = |v: &Option<String>| v.as_deref().map(|t| ctx.show().time(t)).unwrap_or_default();
    let rows = vec![
        vec!["badge valid from".to_string(), t(&s.badge_from)],
        vec!["badge valid until".into(), t(&s.badge_until)],
        vec![
            "badge last used".into(),
            s.badge_last_used
                .as_ref()
                .map(|u| ctx.show().time(u))
                .unwrap_or_else(|| "never".into()),
        ],
        vec![
            "temporary code until".into(),
            s.temporary_until
                .as_ref()
                .map(|u| ctx.show().time(u))
                .unwrap_or_else(|| "none".into()),
        ],
        vec!["PIN last set".into(), t(&s.pin_updated)],
        vec![
            "PIN".into(),
            match s.pin_must_change {
                Some(true) => "set by the desk: they choose their own at the next sign-in".into(),
                Some(false) => "chosen by them".into(),
                None => String::new(),
            },
        ],
    ];
    if ctx.show().people {
        ctx.notice(&format!("QR code + PIN of {}", sanitize(&who)));
    }
    ctx.emit(ctx.out.records(&["", "value"], &rows, &[s]))
}
