//! The command line: global options, one module per noun, and dispatch.

mod api;
mod audit;
mod auth;
mod bulk;
pub mod call;
mod completions;
mod config;
pub mod ctx;
mod delegate;
mod faq;
mod find;
mod fob;
mod help;
mod method;
mod oncall;
mod passcode;
mod passkey;
mod phone;
mod policies;
mod proof;
mod qr;
mod readiness;
mod report;
mod report_calls;
mod sandbox;
mod session;
mod show;
mod signin;
mod user;
mod verb;
mod verify;

use crate::error::Error;
use crate::output::Format;
use clap::{Args, CommandFactory, FromArgMatches, Parser, Subcommand};
pub use completions::complete_from_env;
use ctx::Ctx;
use std::path::PathBuf;
pub use verb::Verb;

const EXIT_CODES: &str = "\
Exit codes:
  0    success (an empty result is success)
  1    the operation failed (backend error, network, unexpected)
  2    usage or invalid input (bad flag, bad phone number, malformed CSV): nothing was changed
  3    a bulk run finished but some rows failed (see its report)
  4    not signed in, token rejected, or not permitted (401/403)
  5    the user, method or mailbox does not exist
  130  cancelled (prompt declined, Ctrl-C)";

/// The Customer Care Center's desk for MFA calls: look a caller up, issue a Temporary Access
/// Pass, fix their MFA phones, check delegates, revoke sessions, read sign-ins.
///
/// With no tenant configured, care works against its embedded sandbox tenant.
#[derive(Debug, Parser)]
#[command(name = "care", version, disable_help_subcommand = true)]
pub struct Cli {
    #[command(flatten)]
    pub global: GlobalArgs,
    #[command(subcommand)]
    pub command: Command,
}

#[derive(Debug, Clone, Args)]
pub struct GlobalArgs {
    /// Output format [default: table; on a pipe a table is tab-separated without a header]
    #[arg(short, long, global = true, env = "CARE_OUTPUT", value_enum)]
    pub output: Option<Format>,
    /// Graph root without version, e.g. https://graph.microsoft.com
    #[arg(long, global = true, env = "CARE_GRAPH_URL", value_name = "URL")]
    pub graph_url: Option<String>,
    /// Identity-platform root, e.g. https://login.microsoftonline.com
    #[arg(long, global = true, env = "CARE_LOGIN_URL", value_name = "URL")]
    pub login_url: Option<String>,
    /// Tenant id or domain
    #[arg(long, global = true, env = "CARE_TENANT", value_name = "ID")]
    pub tenant: Option<String>,
    /// App (client) id: the app registration agents sign in through, or the app of app-only
    /// sign-in (its secret comes from CARE_CLIENT_SECRET)
    #[arg(long, global = true, env = "CARE_CLIENT_ID", value_name = "ID")]
    pub client_id: Option<String>,
    /// The help-desk ticket this change is for (required on a real tenant)
    #[arg(long, global = true, env = "CARE_TICKET", value_name = "ID")]
    pub ticket: Option<String>,
    /// How the caller was verified (required for passes, phones and method changes)
    #[arg(long, global = true, value_enum, value_name = "HOW")]
    pub verified_by: Option<crate::guard::Verification>,
    /// What backs --verified-by: the number you called back (callback), the witness's name
    /// (in-person), the ticket system's reference (verified-id)
    #[arg(long, global = true, value_name = "TEXT")]
    pub evidence: Option<String>,
    /// Do not mail the user (and their manager) about the change; the reason is recorded
    #[arg(long, global = true, value_name = "REASON")]
    pub no_notify: Option<String>,
    /// Go ahead although the district's policy would refuse (limits, shared accounts); the
    /// reason is recorded
    #[arg(long = "override", global = true, value_name = "REASON")]
    pub override_reason: Option<String>,
    /// A profile of the config file (tenant, client id, cloud)
    #[arg(long, global = true, env = "CARE_PROFILE", value_name = "NAME")]
    pub profile: Option<String>,
    /// Use the embedded sandbox tenant even if a tenant is configured
    #[arg(long, global = true, env = "CARE_SANDBOX")]
    pub sandbox: bool,
    /// Answer yes to confirmations (needed for changes when not on a terminal)
    #[arg(short = 'y', long, global = true)]
    pub yes: bool,
    /// Never prompt; a change that needs confirmation then needs --yes
    #[arg(long, global = true, env = "CARE_NO_PROMPT")]
    pub no_input: bool,
    /// Prompts for screen readers: numbered choices and typed answers, nothing redrawn
    #[arg(long, global = true, env = "CARE_ACCESSIBLE")]
    pub accessible: bool,
    /// Log what care does on stderr
    #[arg(short, long, global = true)]
    pub verbose: bool,
    /// Trace HTTP requests on stderr (secrets redacted)
    #[arg(long, global = true)]
    pub debug: bool,
    /// Config file [default: the platform config dir's care/config.toml]
    #[arg(long, global = true, env = "CARE_CONFIG", value_name = "FILE")]
    pub config: Option<PathBuf>,
}

#[derive(Debug, Subcommand)]
pub enum Command {
    /// Look a caller up: the caller card, or search by name
    #[command(subcommand)]
    User(user::UserCommand),
    /// Temporary Access Passes: issue, show, revoke
    #[command(subcommand, visible_alias = "tap")]
    Passcode(passcode::PasscodeCommand),
    /// MFA phone numbers: list, set, remove, SMS sign-in
    #[command(subcommand)]
    Phone(phone::PhoneCommand),
    /// Authentication methods: list, remove one, or require re-registration
    #[command(subcommand)]
    Method(method::MethodCommand),
    /// Calendar delegates: is someone really a delegate?
    #[command(subcommand)]
    Delegate(delegate::DelegateCommand),
    /// Sign a user out everywhere
    #[command(subcommand)]
    Session(session::SessionCommand),
    /// Recent sign-ins with MFA detail
    #[command(subcommand)]
    Signin(signin::SigninCommand),
    /// Key fobs (hardware OATH, Graph beta): the box, give one, activate it, take it back
    #[command(subcommand)]
    Fob(fob::FobCommand),
    /// Passkeys made at the desk for someone; list and remove a person's passkeys
    #[command(subcommand)]
    Passkey(passkey::PasskeyCommand),
    /// QR code + PIN sign-in for staff on shared devices: a badge and a PIN, a temporary code
    #[command(subcommand)]
    Qr(qr::QrCommand),
    /// The tenant's QR code + PIN, key fob and passkey policies in plain words: who, what is allowed
    Policies(policies::PoliciesArgs),
    /// Ready for 2027-02-01: who relies on SMS/voice only, by school, and the next step for each
    Readiness(readiness::ReadinessArgs),
    /// Reports across the tenant
    #[command(subcommand)]
    Report(report::ReportCommand),
    /// Send any Graph request (JSON out), with care's sign-in, retries and errors
    Api(api::ApiArgs),
    /// Run and manage the sandbox tenant (a Graph-compatible MFA backend)
    #[command(subcommand)]
    Sandbox(sandbox::SandboxCommand),
    /// The same changes for every row of a CSV: preflight, dry run, pacing, journal, resume
    #[command(subcommand)]
    Bulk(bulk::BulkCommand),
    /// A live call, guided by the district's FAQ: find and verify the caller, pick what they need, make the changes
    Call(call::CallArgs),
    /// The district's MFA FAQ, ready to read to a caller
    Faq(faq::FaqArgs),
    /// Before a change on a call: the numbers on file to call back, the manager to ask; records how the caller was verified
    Verify(verify::VerifyArgs),
    /// The local, hash-chained audit log of changes: list or verify it
    #[command(subcommand)]
    Audit(audit::AuditCommand),
    Login(auth::LoginArgs),
    /// Sign-in: status, logout (and login)
    #[command(subcommand)]
    Auth(auth::AuthCommand),
    /// The config file: show the settings in effect, its path, set or unset a key
    #[command(subcommand)]
    Config(config::ConfigCommand),
    /// Print a shell's completion script (bash, zsh, fish, powershell, elvish)
    Completions(completions::CompletionsArgs),
    /// Print the man page (or write one page per command with --dir)
    #[command(hide = true)]
    Man(completions::ManArgs),
    /// Help on a command (`care help passcode issue`) or a topic: environment, exit-codes
    Help(help::HelpArgs),
}

/// Every noun's verbs.
const NOUNS: &[&[Verb]] = &[
    user::HELP,
    passcode::HELP,
    phone::HELP,
    method::HELP,
    delegate::HELP,
    session::HELP,
    signin::HELP,
    fob::HELP,
    passkey::HELP,
    qr::HELP,
    policies::HELP,
    readiness::HELP,
    report::HELP,
    api::HELP,
    sandbox::HELP,
    bulk::HELP,
    call::HELP,
    faq::HELP,
    verify::HELP,
    audit::HELP,
    auth::HELP,
    config::HELP,
    completions::HELP,
    help::HELP,
];

pub fn verbs() -> impl Iterator<Item = &'static Verb> {
    NOUNS.iter().flat_map(|n| n.iter())
}

pub fn verb(path: &str) -> Option<&'static Verb> {
    verbs().find(|v| v.path == path)
}

/// A user argument, checked and classified as it is parsed: a key that cannot exist (an
/// impossible UPN, control characters) is a usage error (exit 2) before anything else runs,
/// worded as care words it, never echoing the raw text.
#[derive(Debug, Clone, Copy)]
pub struct UserParser;

impl clap::builder::TypedValueParser for UserParser {
    type Value = crate::ops::resolve::UserQuery;

    fn parse_ref(
        &self,
        _cmd: &clap::Command,
        _arg: Option<&clap::Arg>,
        value: &std::ffi::OsStr,
    ) -> Result<Self::Value, clap::Error> {
        use clap::error::ErrorKind;
        let text = value.to_str().ok_or_else(|| {
            clap::Error::raw(ErrorKind::InvalidUtf8, "the user is not valid UTF-8\n")
        })?;
        crate::ops::resolve::UserQuery::parse(text).map_err(not_a_user)
    }
}

/// A user that cannot be, as clap's usage error: worded as care words it, with its hints.
fn not_a_user(e: crate::ops::OpsError) -> clap::Error {
    let e = crate::error::Error::from(e);
    let mut text = format!("{}\n", crate::output::sanitize(&e.to_string()));
    for hint in e.hints() {
        text.push_str(&format!("hint: {}\n", crate::output::sanitize(&hint)));
    }
    clap::Error::raw(clap::error::ErrorKind::ValueValidation, text)
}

/// A user as the last argument of a command: one argument, or the words of a name typed
/// without quotes (`care user show maria garcia cedar`), each checked by [`UserParser`].
#[derive(Debug, Clone)]
pub struct Named(pub crate::ops::resolve::UserQuery);

impl std::ops::Deref for Named {
    type Target = crate::ops::resolve::UserQuery;
    fn deref(&self) -> &Self::Target {
        &self.0
    }
}

impl Named {
    /// The words as one query (one word: itself).
    pub fn joined(
        words: Vec<crate::ops::resolve::UserQuery>,
    ) -> Result<Option<Named>, crate::ops::OpsError> {
        match words.len() {
            0 => Ok(None),
            1 => Ok(words.into_iter().next().map(Named)),
            _ => {
                let text: Vec<&str> = words.iter().map(|w| w.text()).collect();
                crate::ops::resolve::UserQuery::parse(&text.join(" ")).map(|q| Some(Named(q)))
            }
        }
    }
}

impl clap::FromArgMatches for Named {
    fn from_arg_matches(m: &clap::ArgMatches) -> Result<Self, clap::Error> {
        Self::from_arg_matches_mut(&mut m.clone())
    }

    fn from_arg_matches_mut(m: &mut clap::ArgMatches) -> Result<Self, clap::Error> {
        let words = m
            .remove_many::<crate::ops::resolve::UserQuery>("user")
            .map(Iterator::collect)
            .unwrap_or_default();
        Named::joined(words).map_err(not_a_user)?.ok_or_else(|| {
            clap::Error::raw(
                clap::error::ErrorKind::MissingRequiredArgument,
                "no user given\n",
            )
        })
    }

    fn update_from_arg_matches(&mut self, m: &clap::ArgMatches) -> Result<(), clap::Error> {
        *self = Self::from_arg_matches(m)?;
        Ok(())
    }
}

impl clap::Args for Named {
    fn augment_args(cmd: clap::Command) -> clap::Command {
        cmd.arg(
            clap::Arg::new("user")
                .value_name("USER")
                .help("UPN, object id, employee id, mail address, or words of a name (and the school)")
                .required(true)
                .num_args(1..)
                .value_parser(UserParser),
        )
    }

    fn augment_args_for_update(cmd: clap::Command) -> clap::Command {
        Self::augment_args(cmd)
    }
}

/// The whole command line as clap sees it: the derived definitions, then the examples, the
/// options each command does not use hidden from its help, and the user completer. Parsing,
/// help, completions and the man page all use this one.
pub fn command() -> clap::Command {
    let mut cmd = Cli::command().after_help(format!(
        "{EXIT_CODES}\n\nConnection options and environment variables: care help environment"
    ));
    let globals: Vec<clap::Arg> = cmd
        .get_arguments()
        .filter(|a| a.is_global_set())
        .cloned()
        .collect();
    for sub in cmd.get_subcommands_mut() {
        let path = sub.get_name().to_string();
        help::decorate(sub, &path, &globals);
    }
    cmd
}

/// Parses the process's arguments (clap's own exit on `--help`, `--version` and usage errors).
pub fn parse() -> Cli {
    let matches = command().get_matches();
    Cli::from_arg_matches(&matches).unwrap_or_else(|e| e.exit())
}

/// Runs the parsed command line.
pub async fn run(cli: Cli) -> Result<(), Error> {
    let ctx = Ctx::new(cli.global);
    match cli.command {
        Command::User(cmd) => user::run(&ctx, cmd).await,
        Command::Passcode(cmd) => passcode::run(&ctx, cmd).await,
        Command::Phone(cmd) => phone::run(&ctx, cmd).await,
        Command::Method(cmd) => method::run(&ctx, cmd).await,
        Command::Delegate(cmd) => delegate::run(&ctx, cmd).await,
        Command::Session(cmd) => session::run(&ctx, cmd).await,
        Command::Signin(cmd) => signin::run(&ctx, cmd).await,
        Command::Fob(cmd) => fob::run(&ctx, cmd).await,
        Command::Passkey(cmd) => passkey::run(&ctx, cmd).await,
        Command::Qr(cmd) => qr::run(&ctx, cmd).await,
        Command::Policies(args) => policies::run(&ctx, args).await,
        Command::Readiness(args) => readiness::run(&ctx, args).await,
        Command::Report(cmd) => report::run(&ctx, cmd).await,
        Command::Api(args) => api::run(&ctx, args).await,
        Command::Sandbox(cmd) => sandbox::run(&ctx, cmd).await,
        Command::Bulk(cmd) => bulk::run(&ctx, cmd).await,
        Command::Call(args) => call::run(&ctx, args).await,
        Command::Faq(args) => faq::run(&ctx, args).await,
        Command::Verify(args) => verify::run(&ctx, args).await,
        Command::Audit(cmd) => audit::run(&ctx, cmd).await,
        Command::Login(args) => auth::run(&ctx, auth::AuthCommand::Login(args)).await,
        Command::Auth(cmd) => auth::run(&ctx, cmd).await,
        Command::Config(cmd) => config::run(&ctx, cmd).await,
        Command::Completions(args) => completions::run(&ctx, args),
        Command::Man(args) => completions::man(&ctx, args),
        Command::Help(args) => help::run(&ctx, args),
    }
}
