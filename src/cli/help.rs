//! Help that teaches: an example block for every command, the connection options kept out of
//! the commands that never use them (and explained in `care help environment`), and `care help`
//! itself, which knows topics as well as commands.

use super::ctx::Ctx;
use super::{Verb, verb, verbs};
use crate::error::Error;
use clap::Args;
use clap::builder::StyledStr;
use clap_complete::engine::{ArgValueCandidates, ArgValueCompleter, CompletionCandidate};

/// Each verb's examples (under its long help, each parsed by a test) and whether it changes
/// the tenant (then its help shows `--ticket`, `--verified-by` and `--override`).
pub const HELP: &[Verb] = &[Verb {
    path: "help",
    change: false,
    examples: &["care help environment", "care help passcode issue"],
}];

#[derive(Debug, Args)]
pub struct HelpArgs {
    /// A command (`user show`) or a topic (`environment`, `exit-codes`)
    #[arg(add = ArgValueCandidates::new(topics))]
    pub topic: Vec<String>,
}

/// Where a tenant, an app and a profile come from.
pub const ENVIRONMENT: &str = "\
Connecting: which tenant care talks to, as whom

With nothing configured, care works against its embedded sandbox tenant (a Graph-compatible
emulator in a local database, seeded with a school district). A real tenant comes from, in order:
a flag, the environment, the profile in the config file, the config file's top level, the
tenant of the profile's saved sign-in (`care login`).

Options (every command takes them; they are left out of the commands' own help):
  --tenant ID          CARE_TENANT       tenant id or domain (district.onmicrosoft.com)
  --client-id ID       CARE_CLIENT_ID    the app registration agents sign in through, or the app
                                         of app-only sign-in
  --profile NAME       CARE_PROFILE      a profile of the config file ([profiles.NAME])
  --graph-url URL      CARE_GRAPH_URL    Graph root without version (default from the cloud:
                                         https://graph.microsoft.com)
  --login-url URL      CARE_LOGIN_URL    identity-platform root (https://login.microsoftonline.com)
  (no flag)            CARE_EXCHANGE_URL Exchange Online Admin API base URL, for `delegate` (default
                                         from the cloud: https://outlook.office365.com; beside a
                                         sandbox on loopback: GRAPH_URL/exchange)
  --sandbox            CARE_SANDBOX=1    the embedded sandbox even if a tenant is configured
  --config FILE        CARE_CONFIG       the config file (default: the platform config dir's
                                         care/config.toml; `care config path` prints it)

Secrets come only from the environment or stdin, never from a flag (argv is visible to every
user of the machine) and never from the config file:
  CARE_TOKEN           a bearer token used as is (scripts, CI)
  CARE_EXCHANGE_TOKEN  with CARE_TOKEN: a token for https://outlook.office365.com (the Exchange
                       Admin API of `care delegate`); without it delegate answers from Graph only
  CARE_CLIENT_SECRET   the app's secret for app-only sign-in (or `care login --app
                       --client-secret-stdin`)

On a call:
  CARE_TICKET          the ticket every change of this shell is for (--ticket)
  CARE_NO_PROMPT=1     never prompt (--no-input); changes then need --yes
  CARE_ACCESSIBLE=1    prompts for screen readers (--accessible)
  CARE_OUTPUT          table, json or csv (-o)

The terminal:
  NO_COLOR, CLICOLOR_FORCE, COLUMNS    honoured as usual
  CARE_FORCE_TTY=1     stdout counts as a terminal (tests)
  CARE_LOG             a tracing filter for -v/--debug logs (e.g. care=debug)
  CARE_COMPLETE=SHELL  prints the shell's dynamic completion registration (see README)

The sandbox (`care sandbox serve` prints these as KEY=value lines for a shell to export):
  CARE_GRAPH_URL, CARE_LOGIN_URL, CARE_EXCHANGE_URL, CARE_TENANT, CARE_CLIENT_ID,
  CARE_CLIENT_SECRET, CARE_SANDBOX_ADMIN_TOKEN (its /_sandbox admin API)

`care config show` lists every setting in effect and where it comes from.";

/// The help topics that are not commands.
const TOPICS: &[(&str, &str)] = &[
    ("environment", ENVIRONMENT),
    ("exit-codes", super::EXIT_CODES),
];

fn topics() -> Vec<CompletionCandidate> {
    let mut all: Vec<CompletionCandidate> = TOPICS
        .iter()
        .map(|(t, _)| CompletionCandidate::new(*t).help(Some("help topic".into())))
        .collect();
    all.extend(
        super::command()
            .get_subcommands()
            .filter(|c| !c.is_hide_set())
            .map(|c| {
                CompletionCandidate::new(c.get_name().to_string()).help(c.get_about().cloned())
            }),
    );
    all
}

/// Options only a few commands use: the connection (login, auth, config) and the on-call
/// trio (the commands that change something).
const CONNECTION: &[&str] = &[
    "graph_url",
    "login_url",
    "tenant",
    "client_id",
    "profile",
    "sandbox",
    "config",
];
const ON_CALL: &[&str] = &[
    "ticket",
    "verified_by",
    "evidence",
    "override_reason",
    "no_notify",
];

fn shown(path: &str, arg: &str) -> bool {
    let noun = path.split(' ').next().unwrap_or_default();
    if CONNECTION.contains(&arg) {
        return matches!(noun, "login" | "auth" | "config");
    }
    if ON_CALL.contains(&arg) {
        return verbs()
            .any(|v| v.change && (v.path == path || v.path.starts_with(&format!("{path} "))));
    }
    true
}

/// Every subcommand, below the root: its examples, the global options it does not use given
/// to it hidden (clap then does not propagate the shown copy), and the user arguments completed
/// from recent callers. Done before clap builds the tree, which it does lazily, only for the
/// command that runs.
pub fn decorate(cmd: &mut clap::Command, path: &str, globals: &[clap::Arg]) {
    let mut owned = std::mem::take(cmd).mut_args(|a| {
        if a.is_positional() && matches!(a.get_id().as_str(), "user" | "owner" | "delegate") {
            a.add(ArgValueCompleter::new(super::completions::users))
        } else {
            a
        }
    });
    for g in globals.iter().filter(|g| !shown(path, g.get_id().as_str())) {
        owned = owned.arg(g.clone().hide(true));
    }
    if let Some(Verb {
        examples: lines, ..
    }) = verb(path)
    {
        let mut text = owned
            .get_after_long_help()
            .map(|h| format!("{h}\n\n"))
            .unwrap_or_default();
        text.push_str("Examples:\n");
        for l in *lines {
            text.push_str(&format!("  {l}\n"));
        }
        owned = owned.after_long_help(StyledStr::from(text.trim_end().to_string()));
    }
    *cmd = owned;
    for sub in cmd.get_subcommands_mut() {
        let sub_path = format!("{path} {}", sub.get_name());
        decorate(sub, sub_path.trim(), globals);
    }
}

pub fn run(ctx: &Ctx, args: HelpArgs) -> Result<(), Error> {
    if let [one] = args.topic.as_slice()
        && let Some((_, text)) = TOPICS.iter().find(|(t, _)| t == one)
    {
        return ctx.emit(ctx.out.raw(&format!("{text}\n")));
    }
    // the command's own `--help`, as clap renders it (usage, global options, colour rules)
    let argv = std::iter::once("care")
        .chain(args.topic.iter().map(String::as_str))
        .chain(["--help"]);
    match super::command().try_get_matches_from(argv) {
        Err(e) if e.kind() == clap::error::ErrorKind::DisplayHelp => e
            .print()
            .map_err(|io| Error::io("cannot write to stdout", io)),
        _ => Err(Error::usage_hint(
            format!("no command or help topic '{}'", args.topic.join(" ")),
            format!(
                "topics: {}; commands: care --help",
                TOPICS
                    .iter()
                    .map(|(t, _)| *t)
                    .collect::<Vec<_>>()
                    .join(", ")
            ),
        )),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn leaves(cmd: &clap::Command, path: &str, out: &mut Vec<String>) {
        if cmd.get_subcommands().next().is_none() {
            out.push(path.to_string());
        }
        for s in cmd.get_subcommands().filter(|s| !s.is_hide_set()) {
            leaves(s, format!("{path} {}", s.get_name()).trim(), out);
        }
    }

    #[test]
    fn every_command_has_examples_that_parse() {
        let mut paths = vec![];
        leaves(&super::super::command(), "", &mut paths);
        for p in &paths {
            assert!(verb(p).is_some(), "no examples for `care {p}`");
        }
        for Verb {
            path,
            examples: lines,
            ..
        } in verbs()
        {
            assert!(
                paths.iter().any(|p| p == path),
                "examples for no command: {path}"
            );
            for line in *lines {
                let words = shlex_words(line);
                let at = words.iter().position(|w| w == "care").unwrap();
                let args = &words[at..];
                super::super::command()
                    .try_get_matches_from(args)
                    .unwrap_or_else(|e| panic!("`{line}` does not parse: {e}"));
            }
        }
    }

    /// The shell's words of the `care` command in an example line: up to a comment or a
    /// redirection, the part of a pipeline that runs care.
    fn shlex_words(line: &str) -> Vec<String> {
        let cut = line
            .find(" #")
            .or_else(|| line.find(" >"))
            .unwrap_or(line.len());
        line[..cut]
            .split(" | ")
            .map(|part| shlex::split(part).unwrap_or_else(|| panic!("`{part}` is not shell words")))
            .find(|words| words.iter().any(|w| w == "care"))
            .unwrap_or_else(|| panic!("no care command in `{line}`"))
    }

    #[test]
    fn connection_options_stay_out_of_the_commands_that_never_use_them() {
        let mut cmd = super::super::command();
        cmd.build();
        let find = |path: &[&str]| {
            let mut c = &cmd;
            for p in path {
                c = c.find_subcommand(p).unwrap();
            }
            c.clone().render_long_help().to_string()
        };
        let show = find(&["user", "show"]);
        assert!(!show.contains("--graph-url") && !show.contains("--ticket"));
        assert!(show.contains("--output") && show.contains("Examples:"));
        let issue = find(&["passcode", "issue"]);
        assert!(issue.contains("--ticket") && !issue.contains("--tenant"));
        assert!(find(&["login"]).contains("--tenant"));
        let root = cmd.clone().render_long_help().to_string();
        assert!(root.contains("--graph-url") && root.contains("care help environment"));
    }
}
