//! Shell completions (`care completions SHELL`, the scripts committed in `completions/`), the
//! completion of users from recent callers (and, opted in, the tenant), and the man page.

use super::Verb;
use super::ctx::Ctx;
use crate::connect::{Target, recent};
use crate::error::Error;
use clap::Args;
use clap_complete::engine::CompletionCandidate;
use std::ffi::OsStr;
use std::io::Write;
use std::path::PathBuf;

/// Each verb's examples (under its long help, each parsed by a test) and whether it changes
/// the tenant (then its help shows `--ticket`, `--verified-by` and `--override`).
pub const HELP: &[Verb] = &[Verb {
    path: "completions",
    change: false,
    examples: &[
        "care completions bash > ~/.local/share/bash-completion/completions/care",
        "care completions powershell | Out-File -Append -Encoding utf8 $PROFILE",
    ],
}];

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

/// What is typed, as the shell passes it along, without its quoting: an opening quote and
/// backslash escapes go, the characters stay (`sean.o\'b` and `"sean.o'b` are `sean.o'b`).
fn unquoted(s: &str) -> String {
    let s = s.strip_prefix(['"', '\'']).unwrap_or(s);
    let mut out = String::new();
    let mut chars = s.chars();
    while let Some(c) = chars.next() {
        match c {
            '\\' => out.extend(chars.next()),
            c => out.push(c),
        }
    }
    out.to_lowercase()
}

fn matching(list: Vec<(String, String)>, prefix: &str) -> Vec<CompletionCandidate> {
    let p = unquoted(prefix);
    list.into_iter()
        .filter(|(upn, name)| {
            upn.to_lowercase().starts_with(&p)
                || name
                    .to_lowercase()
                    .split_whitespace()
                    .any(|w| w.starts_with(&p))
        })
        .map(|(upn, name)| CompletionCandidate::new(upn).help(Some(name.into())))
        .collect()
}

/// The shell asking for completions (`CARE_COMPLETE`), read before clap_complete clears it:
/// PowerShell inserts a candidate as it is, so care quotes it there.
static SHELL: std::sync::OnceLock<String> = std::sync::OnceLock::new();

/// clap_complete's bash registration, also handing care the word being completed as it stands
/// on the line (`CARE_COMPLETE_WORD`, with the quote the agent opened): bash gives the completer
/// the word without it, and readline inserts a candidate as it is, so care quotes it for that
/// spot itself ([`quoted`]).
struct Bash;

impl clap_complete::env::EnvCompleter for Bash {
    fn name(&self) -> &'static str {
        "bash"
    }
    fn is(&self, name: &str) -> bool {
        name == "bash"
    }
    fn write_registration(
        &self,
        var: &str,
        name: &str,
        bin: &str,
        completer: &str,
        buf: &mut dyn Write,
    ) -> std::io::Result<()> {
        let mut script = vec![];
        clap_complete::env::Bash.write_registration(var, name, bin, completer, &mut script)?;
        let script = String::from_utf8_lossy(&script).replacen(
            &format!("        {var}=\"bash\" \\\n"),
            &format!(
                "        CARE_COMPLETE_WORD=\"${{COMP_WORDS[COMP_CWORD]}}\" \\\n        {var}=\"bash\" \\\n"
            ),
            1,
        );
        buf.write_all(script.as_bytes())
    }
    fn write_complete(
        &self,
        cmd: &mut clap::Command,
        args: Vec<std::ffi::OsString>,
        current_dir: Option<&std::path::Path>,
        buf: &mut dyn Write,
    ) -> std::io::Result<()> {
        clap_complete::env::Bash.write_complete(cmd, args, current_dir, buf)
    }
}

/// `CARE_COMPLETE=SHELL care …`: the shell's completion protocol (exits); otherwise returns.
/// Runs before any thread or output.
pub fn complete_from_env() {
    use clap_complete::env::{Elvish, Fish, Powershell, Shells, Zsh};
    if let Ok(shell) = std::env::var("CARE_COMPLETE") {
        let _ = SHELL.set(shell);
    }
    clap_complete::CompleteEnv::with_factory(super::command)
        .var("CARE_COMPLETE")
        .shells(Shells(&[&Bash, &Elvish, &Fish, &Powershell, &Zsh]))
        .complete();
}

/// A UPN as the shell must see it where the agent is typing (`typed`: the word on the line,
/// after the quote the agent opened, if any). bash (readline) and PowerShell insert candidates
/// as they are, so care quotes for them: nothing in a UPN may be expanded or split (a UPN holds
/// only Entra's characters, see [`recent::offerable`], of which `' ! # ^ ~` need quoting). zsh,
/// fish and elvish quote what they insert themselves (each tested on a terminal).
fn quoted(upn: &str, shell: &str, typed: &str) -> String {
    let plain = |c: char| c.is_ascii_alphanumeric() || "@._-".contains(c);
    match shell {
        "powershell" if typed.starts_with(['"', '\'']) || !upn.chars().all(plain) => {
            format!("'{}'", upn.replace('\'', "''"))
        }
        // after an opening `'`: everything is literal but `'` itself; the quote is closed
        "bash" if typed.starts_with('\'') => format!("{}'", upn.replace('\'', r"'\''")),
        // after an opening `"`: `!` is still history expansion there, so it goes outside
        "bash" if typed.starts_with('"') => format!("{}\"", upn.replace('!', r#""\!""#)),
        "bash" => upn
            .chars()
            .flat_map(|c| (!plain(c)).then_some('\\').into_iter().chain([c]))
            .collect(),
        _ => upn.to_string(),
    }
}

/// The environment's view of this shell's care (no flags of the line being completed).
fn ctx_from_env() -> Option<Ctx> {
    #[derive(clap::Parser)]
    struct FromEnv {
        #[command(flatten)]
        global: super::GlobalArgs,
    }
    let FromEnv { global } = <FromEnv as clap::Parser>::try_parse_from(["care"]).ok()?;
    Some(Ctx::new(global).quiet())
}

/// The completer of every USER argument: the recent callers of this profile's tenant (or of
/// the embedded sandbox) whose UPN or a name word starts with what is typed; with
/// `complete-from-tenant = true` in the config, also the tenant's users (a prefix search with
/// the saved sign-in, given 1.5 seconds; never the embedded sandbox).
pub fn users(current: &OsStr) -> Vec<CompletionCandidate> {
    let typed = current.to_string_lossy();
    let Some(ctx) = ctx_from_env() else {
        return vec![];
    };
    let (Ok(settings), Ok(target)) = (ctx.settings(), ctx.target()) else {
        return vec![];
    };
    let mut found = matching(recent::read(&target, &settings.profile), &typed);
    let from_tenant = ctx
        .config()
        .is_ok_and(|c| c.complete_from_tenant == Some(true));
    if from_tenant && !matches!(target, Target::Embedded) && unquoted(&typed).chars().count() >= 2 {
        for c in search_tenant(&ctx, &unquoted(&typed)) {
            let upn = c.get_value().to_string_lossy().to_lowercase();
            if !found
                .iter()
                .any(|f| f.get_value().to_string_lossy().to_lowercase() == upn)
            {
                found.push(c);
            }
        }
    }
    let shell = SHELL.get().map(String::as_str).unwrap_or_default();
    // bash gives the word without the quote the agent opened; the registration passes it whole
    let typed = match std::env::var("CARE_COMPLETE_WORD") {
        Ok(word) if shell == "bash" => word,
        _ => typed.into_owned(),
    };
    found
        .into_iter()
        .map(|c| {
            let upn = c.get_value().to_string_lossy().into_owned();
            let help = c.get_help().cloned();
            CompletionCandidate::new(quoted(&upn, shell, &typed)).help(help)
        })
        .collect()
}

fn search_tenant(ctx: &Ctx, typed: &str) -> Vec<CompletionCandidate> {
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
                .map(|f| f.people)
        })
        .await
        .ok()
        .flatten()
    });
    rt.shutdown_timeout(std::time::Duration::ZERO);
    found
        .unwrap_or_default()
        .into_iter()
        .filter(|u| recent::offerable(u.upn()))
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
        assert_eq!(
            quoted(upn, "powershell", "sea"),
            "'sean.o''brien@district.example'"
        );
        assert_eq!(
            quoted("a,b@d.example", "powershell", "a"),
            "'a,b@d.example'"
        );
        assert_eq!(
            quoted("maria@d.example", "powershell", "'ma"),
            "'maria@d.example'"
        );
        assert_eq!(
            quoted("maria@d.example", "powershell", "ma"),
            "maria@d.example"
        );
        // care quotes for bash where the agent is typing; zsh, fish and elvish quote themselves
        let odd = "~sean.o'b!r#i^en@district.example";
        assert_eq!(
            quoted(odd, "bash", "sea"),
            r"\~sean.o\'b\!r\#i\^en@district.example"
        );
        assert_eq!(
            quoted(odd, "bash", "'sea"),
            r"~sean.o'\''b!r#i^en@district.example'"
        );
        assert_eq!(
            quoted(odd, "bash", "\"sea"),
            r#"~sean.o'b"\!"r#i^en@district.example""#
        );
        assert_eq!(quoted("maria@d.example", "bash", "ma"), "maria@d.example");
        assert_eq!(quoted(upn, "zsh", "sea"), upn);
        assert_eq!(quoted(odd, "fish", "sea"), odd);
        assert_eq!(unquoted("\"Sean.O'B"), "sean.o'b");
        assert_eq!(unquoted(r"sean.o\'b"), "sean.o'b");
        // what a hostile directory could put in a UPN is never offered
        for bad in [
            "a\u{1b}]0;x\u{7}@d.example",
            "a\nb@d.example",
            "a b@d.example",
            "m\u{430}ria@d.example",
            // Entra allows none of these: a shell would expand or split them
            "timo${IFS}--yes@d.example",
            "a$(id)@d.example",
            "a`id`@d.example",
            "a*@d.example",
            "a|b@d.example",
        ] {
            assert!(!recent::offerable(bad), "{bad:?}");
        }
    }

    #[test]
    fn recent_callers_are_capped_deduplicated_and_matched_by_prefix() {
        let mut text = String::new();
        for i in 0..60 {
            text = recent::remembered(recent::parse(&text), &format!("u{i}@d.example"), "Some One");
        }
        text = recent::remembered(
            recent::parse(&text),
            "U59@d.example",
            "Maria\tGarcia\u{1b}[2J",
        );
        let list = recent::parse(&text);
        assert_eq!(list.len(), recent::RECENT);
        assert_eq!(list[0], ("U59@d.example".into(), "Maria Garcia".into()));
        // a line that a hostile hand put in the file is not offered
        assert!(recent::parse("x\u{1b}[2J@d.example\tEve\n").is_empty());
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
