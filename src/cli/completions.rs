//! Shell completions (`care completions SHELL`, the scripts committed in `completions/`), the
//! completion of users from recent callers (and, opted in, the tenant), and the man page.

use super::ctx::Ctx;
use crate::error::Error;
use crate::graph::model::User;
use clap::Args;
use clap_complete::engine::CompletionCandidate;
use std::ffi::OsStr;
use std::io::Write;
use std::path::PathBuf;

#[derive(Debug, Args)]
pub struct CompletionsArgs {
    /// The shell: bash, zsh, fish, powershell or elvish
    pub shell: clap_complete::Shell,
}

#[derive(Debug, Args)]
pub struct ManArgs {
    /// Write one page per command (care.1, care-user-show.1, …) into this folder instead of
    /// printing care.1
    #[arg(long, value_name = "DIR")]
    pub dir: Option<PathBuf>,
}

/// The static script: commands, options and their values. (Completing callers needs the
/// dynamic registration, `CARE_COMPLETE=SHELL care`, which calls care on each TAB.)
pub fn script(shell: clap_complete::Shell) -> Vec<u8> {
    let mut out = vec![];
    clap_complete::generate(shell, &mut super::command(), "care", &mut out);
    out
}

pub fn run(ctx: &Ctx, args: CompletionsArgs) -> Result<(), Error> {
    ctx.emit(ctx.out.raw(&String::from_utf8_lossy(&script(args.shell))))
}

pub fn man(ctx: &Ctx, args: ManArgs) -> Result<(), Error> {
    match args.dir {
        Some(dir) => {
            std::fs::create_dir_all(&dir)
                .and_then(|_| clap_mangen::generate_to(super::command(), &dir))
                .map_err(|e| {
                    Error::io(format!("cannot write the pages to {}", dir.display()), e)
                })?;
            ctx.notice(&format!("man pages written to {}", dir.display()));
            Ok(())
        }
        None => {
            let mut page = vec![];
            clap_mangen::Man::new(super::command())
                .render(&mut page)
                .map_err(|e| Error::io("cannot render the man page", e))?;
            let mut out = std::io::stdout().lock();
            match out.write_all(&page).and_then(|_| out.flush()) {
                Err(e) if e.kind() != std::io::ErrorKind::BrokenPipe => {
                    Err(Error::io("cannot write to stdout", e))
                }
                _ => Ok(()),
            }
        }
    }
}

// ---- recent callers ---------------------------------------------------------------------------

/// How many recent callers are kept.
const RECENT: usize = 50;

fn recent_path() -> Option<PathBuf> {
    Some(crate::config::state_dir().ok()?.join("recent-callers"))
}

/// One line a caller: `UPN<TAB>display name`, the most recent first. No secrets: what the
/// agent typed TAB for, in a 0600 file.
fn parse_recent(text: &str) -> Vec<(String, String)> {
    text.lines()
        .filter_map(|l| {
            let (upn, name) = l.split_once('\t').unwrap_or((l, ""));
            (!upn.is_empty()).then(|| (upn.to_string(), name.to_string()))
        })
        .collect()
}

fn remembered(list: Vec<(String, String)>, upn: &str, name: &str) -> String {
    let clean = |s: &str| crate::output::sanitize(s).replace('\t', " ");
    let (upn, name) = (clean(upn), clean(name));
    let mut text = format!("{upn}\t{name}\n");
    for (u, n) in list
        .into_iter()
        .filter(|(u, _)| !u.eq_ignore_ascii_case(&upn))
        .take(RECENT - 1)
    {
        text.push_str(&format!("{u}\t{n}\n"));
    }
    text
}

/// Puts a caller first in the recent list. A failure only costs the completion, never the
/// command.
pub fn remember(user: &User) {
    let Some(path) = recent_path() else { return };
    let list = crate::private_file::read(&path)
        .ok()
        .flatten()
        .map(|b| parse_recent(&String::from_utf8_lossy(&b)))
        .unwrap_or_default();
    let text = remembered(list, user.upn(), user.name());
    if let Err(e) = crate::private_file::replace(&path, text.as_bytes()) {
        tracing::debug!("recent callers not saved: {e}");
    }
}

/// Lower case, without the quotes and backslashes a shell passes along.
fn unquoted(s: &str) -> String {
    s.chars()
        .filter(|c| !matches!(c, '\\' | '\'' | '"'))
        .flat_map(char::to_lowercase)
        .collect()
}

fn matching(list: Vec<(String, String)>, prefix: &str) -> Vec<CompletionCandidate> {
    let p = unquoted(prefix);
    list.into_iter()
        .filter(|(upn, name)| {
            unquoted(upn).starts_with(&p)
                || unquoted(name).split_whitespace().any(|w| w.starts_with(&p))
        })
        .map(|(upn, name)| CompletionCandidate::new(upn).help(Some(name.into())))
        .collect()
}

/// The shell asking for completions (`CARE_COMPLETE`), read before clap_complete clears it:
/// bash and PowerShell insert a candidate as it is, so care quotes it for them.
static SHELL: std::sync::OnceLock<String> = std::sync::OnceLock::new();

pub fn completing_for(shell: Option<String>) {
    if let Some(s) = shell {
        let _ = SHELL.set(s);
    }
}

/// A UPN as the shell must see it: `sean.o'brien@…` would open a quote in bash and PowerShell
/// (zsh, fish and elvish quote candidates themselves).
fn quoted(upn: &str, shell: &str) -> String {
    let plain = |c: char| c.is_ascii_alphanumeric() || "@._+-=:,/%".contains(c);
    if upn.chars().all(plain) {
        return upn.to_string();
    }
    match shell {
        "bash" => upn
            .chars()
            .map(|c| {
                if plain(c) {
                    c.to_string()
                } else {
                    format!("\\{c}")
                }
            })
            .collect(),
        "powershell" => format!("'{}'", upn.replace('\'', "''")),
        _ => upn.to_string(),
    }
}

/// The completer of every USER argument: recent callers whose UPN or a name word starts with
/// what is typed; with `complete-from-tenant = true` in the config, also the tenant's users
/// (a prefix search given 1.5 seconds).
pub fn users(current: &OsStr) -> Vec<CompletionCandidate> {
    let typed = current.to_string_lossy();
    let recent = recent_path()
        .and_then(|p| crate::private_file::read(&p).ok().flatten())
        .map(|b| parse_recent(&String::from_utf8_lossy(&b)))
        .unwrap_or_default();
    let mut found = matching(recent, &typed);
    if typed.chars().count() >= 2 {
        for c in from_tenant(&unquoted(&typed)) {
            if !found.iter().any(|f| f.get_value() == c.get_value()) {
                found.push(c);
            }
        }
    }
    let shell = SHELL.get().map(String::as_str).unwrap_or_default();
    found
        .into_iter()
        .map(|c| {
            let upn = c.get_value().to_string_lossy().into_owned();
            let help = c.get_help().cloned();
            CompletionCandidate::new(quoted(&upn, shell)).help(help)
        })
        .collect()
}

fn from_tenant(typed: &str) -> Vec<CompletionCandidate> {
    #[derive(clap::Parser)]
    struct FromEnv {
        #[command(flatten)]
        global: super::GlobalArgs,
    }
    let Ok(FromEnv { global }) = <FromEnv as clap::Parser>::try_parse_from(["care"]) else {
        return vec![];
    };
    let ctx = Ctx::new(global);
    if !ctx
        .config()
        .is_ok_and(|c| c.complete_from_tenant == Some(true))
    {
        return vec![];
    }
    // completion runs before main installs it
    let _ = rustls::crypto::ring::default_provider().install_default();
    let Ok(rt) = tokio::runtime::Builder::new_current_thread()
        .enable_all()
        .build()
    else {
        return vec![];
    };
    let lookup = crate::ops::resolve::Lookup::Name(typed.to_string());
    let found = rt.block_on(async {
        tokio::time::timeout(std::time::Duration::from_millis(1500), async {
            crate::ops::resolve::candidates(ctx.graph().await.ok()?, &lookup)
                .await
                .ok()
        })
        .await
        .ok()
        .flatten()
    });
    rt.shutdown_timeout(std::time::Duration::ZERO);
    found
        .unwrap_or_default()
        .into_iter()
        .map(|u| {
            CompletionCandidate::new(u.upn().to_string())
                .help(Some(crate::output::sanitize(u.name()).into()))
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn odd_upns_are_quoted_for_the_shells_that_insert_them_as_they_are() {
        let upn = "sean.o'brien@district.example";
        assert_eq!(quoted(upn, "bash"), "sean.o\\'brien@district.example");
        assert_eq!(
            quoted(upn, "powershell"),
            "'sean.o''brien@district.example'"
        );
        assert_eq!(quoted(upn, "zsh"), upn);
        assert_eq!(quoted("$kiosk@d.example", "bash"), "\\$kiosk@d.example");
        assert_eq!(quoted("maria@d.example", "bash"), "maria@d.example");
    }

    #[test]
    fn recent_callers_are_capped_deduplicated_and_matched_by_prefix() {
        let mut text = String::new();
        for i in 0..60 {
            text = remembered(parse_recent(&text), &format!("u{i}@d.example"), "Some One");
        }
        text = remembered(
            parse_recent(&text),
            "U59@d.example",
            "Maria\tGarcia\u{1b}[2J",
        );
        let list = parse_recent(&text);
        assert_eq!(list.len(), RECENT);
        assert_eq!(list[0], ("U59@d.example".into(), "Maria Garcia".into()));
        assert_eq!(list[1].0, "u58@d.example");
        let names = |c: Vec<CompletionCandidate>| -> Vec<String> {
            c.iter()
                .map(|c| c.get_value().to_string_lossy().into_owned())
                .collect()
        };
        assert_eq!(names(matching(list.clone(), "gar")), ["U59@d.example"]);
        assert_eq!(names(matching(list.clone(), "u59")), ["U59@d.example"]);
        assert_eq!(names(matching(list.clone(), "\"U59")), ["U59@d.example"]);
        assert_eq!(matching(list, "u5").len(), 10);
    }
}
