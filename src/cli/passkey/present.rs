//! What the agent sees once a passkey is made: what to hand over, the key's new PIN once (like
//! a pass: grouped in fours), and how the person signs in the first time.

use crate::cli::ctx::Ctx;
use crate::error::Error;
use crate::graph::model::{Fido2Method, Secret, User};
use crate::ops::passcode;
use crate::output::{Format, sanitize};
use serde::Serialize;

/// How the person signs in with it the first time (Microsoft's sign-in page words).
pub const FIRST_SIGN_IN: &str = "At the sign-in page they choose \"Sign-in options\", then \"Face, fingerprint, PIN or security key\", insert the key, type its PIN and touch the key.";

#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
struct Made<'a> {
    user: &'a str,
    #[serde(flatten)]
    passkey: &'a Fido2Method,
    made_on: &'a str,
    #[serde(skip_serializing_if = "Option::is_none")]
    key_pin: Option<&'a str>,
}

/// The passkey registered: on a terminal what to hand over and the PIN once; otherwise a
/// record (`-o json`: the passkey as Graph answered, with `keyPin` when care set one).
pub fn made(
    ctx: &Ctx,
    user: &User,
    p: &Fido2Method,
    on: &str,
    pin: Option<&Secret>,
) -> Result<(), Error> {
    let who = format!("{} ({})", user.name(), user.upn());
    if ctx.out.format() == Format::Table && ctx.out.is_tty() {
        let mut text = format!(
            "Passkey for {}\non {on}, named \"{}\"\n\n",
            sanitize(&who),
            sanitize(p.display_name.as_deref().unwrap_or_default())
        );
        match pin {
            Some(pin) => text.push_str(&format!(
                "Key PIN    {}\n\nGive the person the key and its PIN now, in person: care will not show the PIN again. They can change it later (Windows: Settings, Accounts, Sign-in options, Security key).\n",
                passcode::group(pin.expose())
            )),
            None => text.push_str(
                "Give the person the key; its PIN is the one it had (they must know it).\n",
            ),
        }
        text.push('\n');
        text.push_str(FIRST_SIGN_IN);
        text.push('\n');
        return shown(
            ctx.out.for_secret().raw(&wrapped(ctx, &text)),
            &who,
            pin.is_some(),
        );
    }
    ctx.notice(&format!(
        "made a passkey for {who}: {} ({}), id {}",
        p.model.as_deref().unwrap_or("unknown model"),
        p.aa_guid.as_deref().unwrap_or_default(),
        p.id
    ));
    let json = Made {
        user: user.upn(),
        passkey: p,
        made_on: on,
        key_pin: pin.map(Secret::expose),
    };
    let row = vec![vec![
        user.upn().to_string(),
        p.id.clone(),
        p.model.clone().unwrap_or_default(),
        pin.map(|p| p.expose().to_string()).unwrap_or_default(),
    ]];
    shown(
        ctx.out
            .for_secret()
            .records(&["user", "id", "model", "keyPin"], &row, &json),
        &who,
        pin.is_some(),
    )
}

/// A key that got its new PIN although the passkey was not registered: the PIN is shown all
/// the same (whoever runs it again must type it on the key), then the error.
pub fn pin_kept(ctx: &Ctx, user: &User, pin: &Secret) -> Result<(), Error> {
    let who = format!("{} ({})", user.name(), user.upn());
    let written = if ctx.out.format() == Format::Table && ctx.out.is_tty() {
        ctx.out.for_secret().raw(&wrapped(ctx, &format!(
            "The security key for {} now has a PIN, although no passkey was registered:\n\nKey PIN    {}\n\nKeep it with the key: running it again asks for it.\n",
            sanitize(&who),
            passcode::group(pin.expose())
        )))
    } else {
        let json =
            serde_json::json!({"user": user.upn(), "keyPin": pin.expose(), "registered": false});
        let row = vec![vec![user.upn().to_string(), pin.expose().to_string()]];
        ctx.out
            .for_secret()
            .records(&["user", "keyPin"], &row, &json)
    };
    shown(written, &who, true)
}

/// Each line of `text` wrapped to the terminal's width.
fn wrapped(ctx: &Ctx, text: &str) -> String {
    match ctx.term.width {
        Some(w) => text
            .split('\n')
            .map(|l| crate::output::wrap(l, usize::from(w), 0))
            .collect::<Vec<_>>()
            .join("\n"),
        None => text.to_string(),
    }
}

/// A PIN that did not reach stdout (a closed pipe) is a failure the agent must hear of.
fn shown(written: std::io::Result<()>, who: &str, pin: bool) -> Result<(), Error> {
    written.map_err(|e| {
        Error::failed(
            format!(
                "the passkey for {who} was made, but it could not be written to stdout ({e}){}",
                if pin { ": nobody has the key's PIN" } else { "" }
            ),
            vec!["care passkey list USER shows it; a key whose PIN is lost is reset (wiped) and made again".into()],
        )
    })
}
