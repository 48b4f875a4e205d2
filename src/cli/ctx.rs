//! What every command handler gets: the global options, terminal facts, the output renderer,
//! confirmation prompts, and the Graph client, built lazily on first use so that `--help`,
//! completions (unless the tenant search is opted in) and input errors never touch credentials or
//! the network.

use super::GlobalArgs;
use super::show::Show;
use crate::auth::AuthError;
use crate::auth::cache::{Session, SessionStore};
use crate::config::Config;
use crate::connect::{self, Backend, Flags, Settings, Target};
use crate::error::Error;
use crate::graph::client::GraphClient;
use crate::graph::model::Secret;
use crate::output::{Format, Output};
use crate::ui::{AccessiblePrompter, PromptError, Prompter, Terminal, TerminalPrompter};
use std::sync::OnceLock;
use tokio::sync::OnceCell;

pub struct Ctx {
    pub global: GlobalArgs,
    pub term: Terminal,
    pub out: Output,
    prompter: Box<dyn Prompter + Send + Sync>,
    config: OnceLock<Result<Config, String>>,
    backend: OnceCell<Backend>,
    /// The ticket of this run: `--ticket`, or one the agent gave during `care call`.
    ticket: std::sync::Mutex<Option<String>>,
    /// The guided call this run is (`care call`), named in every audit record it writes.
    call: OnceLock<String>,
    /// Ctrl-C on a guided call: whether a question is waiting, whether the agent asked to stop.
    interrupt: std::sync::Arc<Interrupt>,
    /// No notices (completing a word: stderr is the agent's command line).
    quiet: bool,
}

/// Ctrl-C on a guided call (`care call`): whether a question is waiting for the agent, and
/// whether they asked to stop (the next question then ends the call as cancelled).
#[derive(Debug, Default)]
pub struct Interrupt {
    pub prompting: std::sync::atomic::AtomicBool,
    pub stop: std::sync::atomic::AtomicBool,
}

/// The answers of a test that drives the guided call without a terminal (`CARE_ANSWERS=FILE`).
/// Only a debug build (the one `cargo test` runs) reads it: a release binary never takes its
/// answers from a file someone else put in its environment.
#[cfg(debug_assertions)]
fn scripted_answers() -> Option<Box<dyn Prompter + Send + Sync>> {
    let path = std::env::var_os("CARE_ANSWERS")?;
    let scripted = crate::ui::ScriptedPrompter::from_file(std::path::Path::new(&path)).ok()?;
    Some(Box::new(scripted))
}

#[cfg(not(debug_assertions))]
fn scripted_answers() -> Option<Box<dyn Prompter + Send + Sync>> {
    None
}

impl Ctx {
    pub fn new(global: GlobalArgs) -> Ctx {
        let term = Terminal::detect();
        let out = Output::new(global.output, term.stdout_tty, term.width);
        let mut term = term;
        let prompter: Box<dyn Prompter + Send + Sync> = match scripted_answers() {
            Some(s) => {
                term.interactive = true;
                s
            }
            None if global.accessible => Box::new(AccessiblePrompter),
            None => Box::new(TerminalPrompter),
        };
        Ctx {
            ticket: std::sync::Mutex::new(global.ticket.clone()),
            call: OnceLock::new(),
            interrupt: Default::default(),
            global,
            term,
            out,
            prompter,
            config: OnceLock::new(),
            backend: OnceCell::new(),
            quiet: false,
        }
    }

    /// The same, without notices.
    pub fn quiet(mut self) -> Ctx {
        self.quiet = true;
        self
    }

    /// A caller looked up, for completing their UPN next time.
    pub(super) fn remember(&self, user: &crate::graph::model::User) {
        if let (Some(backend), Ok(settings)) = (self.backend.get(), self.settings()) {
            connect::recent::remember(&backend.target, &settings.profile, user);
        }
    }

    /// The config file, read on first use.
    pub fn config(&self) -> Result<&Config, Error> {
        self.config
            .get_or_init(|| Config::load(self.global.config.as_deref()).map_err(|e| e.to_string()))
            .as_ref()
            .map_err(|e| {
                Error::usage_hint(
                    e.clone(),
                    "fix the config file, or point --config at another one",
                )
            })
    }

    pub fn may_prompt(&self) -> bool {
        self.term.interactive && !self.global.no_input
    }

    /// Asks before a change: `--yes` answers it; without a terminal it needs `--yes`.
    pub fn confirm(&self, question: &str) -> Result<(), Error> {
        if self.global.yes {
            return Ok(());
        }
        if !self.may_prompt() {
            return Err(Error::usage_hint(
                "this change needs confirmation, and care is not running interactively",
                "pass --yes to confirm it",
            ));
        }
        if self.prompt(|| self.prompter.confirm(question))? {
            Ok(())
        } else {
            Err(Error::Cancelled)
        }
    }

    /// What Ctrl-C on a guided call looks at.
    pub fn interrupt(&self) -> std::sync::Arc<Interrupt> {
        self.interrupt.clone()
    }

    /// A question to the agent: none once they asked to stop (Ctrl-C on a call).
    fn prompt<T>(&self, ask: impl FnOnce() -> Result<T, PromptError>) -> Result<T, Error> {
        use std::sync::atomic::Ordering::SeqCst;
        if self.interrupt.stop.load(SeqCst) {
            return Err(Error::Cancelled);
        }
        self.interrupt.prompting.store(true, SeqCst);
        let answer = ask();
        self.interrupt.prompting.store(false, SeqCst);
        Ok(answer?)
    }

    /// The help-desk ticket of this run, if any.
    pub fn ticket(&self) -> Option<String> {
        self.ticket
            .lock()
            .unwrap_or_else(|e| e.into_inner())
            .clone()
    }

    pub fn set_ticket(&self, ticket: String) {
        *self.ticket.lock().unwrap_or_else(|e| e.into_inner()) = Some(ticket);
    }

    /// The guided call this run is, if it is one.
    pub fn call(&self) -> Option<String> {
        self.call.get().cloned()
    }

    /// Makes this run a guided call named `id` (once: a run is one call).
    pub fn set_call(&self, id: String) {
        let _ = self.call.set(id);
    }

    /// Asks for a line of text; `None` when prompting is not possible.
    pub fn ask(&self, question: &str) -> Result<Option<String>, Error> {
        if !self.may_prompt() {
            return Ok(None);
        }
        self.prompt(|| self.prompter.input(question)).map(Some)
    }

    /// Lets the agent pick one of several items; `None` when prompting is not possible.
    pub fn pick(&self, question: &str, items: &[String]) -> Result<Option<usize>, Error> {
        if !self.may_prompt() {
            return Ok(None);
        }
        self.prompt(|| self.prompter.select(question, items))
            .map(Some)
    }

    /// Writes through the output renderer, mapping I/O failures.
    pub fn emit(&self, written: std::io::Result<()>) -> Result<(), Error> {
        written.map_err(|e| Error::io("cannot write to stdout", e))
    }

    /// What is read to the caller, in `lang` (a command's `--lang`), else the config's
    /// `caller-language`, else English; a district's own files come from `caller/` beside the
    /// config file.
    pub fn caller_texts(
        &self,
        lang: Option<crate::ops::caller::Language>,
    ) -> Result<crate::ops::caller::Texts, Error> {
        use crate::ops::caller::{Language, Texts};
        let config = self.config()?;
        let language = lang
            .or_else(|| config.caller_language.as_deref().and_then(Language::parse))
            .unwrap_or_default();
        let dir = config.path.parent().map(|d| d.join("caller"));
        Texts::load(language, dir.as_deref()).map_err(|e| {
            Error::usage_hint(
                format!("the caller texts can't be read: {e}"),
                "fix the district's file, or move it away to use care's own words",
            )
        })
    }

    /// Whether notices are shown (not `--quiet`).
    pub fn notices(&self) -> bool {
        !self.quiet
    }

    /// A one-line notice on stderr.
    pub fn notice(&self, text: &str) {
        if self.quiet {
            return;
        }
        crate::output::note(text);
    }

    /// How this run shows values: for a person (plain words, local times, numbers as the
    /// caller knows them) or for a script (Graph's values).
    pub fn show(&self) -> Show {
        let people = self.out.format() == Format::Table && self.out.is_tty();
        Show {
            people,
            region: people.then(|| self.settings().map_or_else(|_| "US".into(), |s| s.region)),
        }
    }

    /// The settings of this run (flag > environment > profile > file > defaults).
    pub fn settings(&self) -> Result<Settings, Error> {
        Ok(Settings::resolve(&self.flags(), self.config()?)?)
    }

    /// The saved sign-ins.
    pub fn sessions(&self) -> Result<SessionStore, Error> {
        Ok(connect::sessions(self.config()?)?)
    }

    /// The profile's saved sign-in, without its secrets.
    pub fn saved(&self, settings: &Settings) -> Result<Option<Session>, Error> {
        Ok(self
            .sessions()?
            .peek(&settings.profile)
            .map_err(AuthError::from)?)
    }

    /// Where this command's requests go.
    pub fn target(&self) -> Result<Target, Error> {
        let settings = self.settings()?;
        let saved = if self.global.sandbox || self.global.graph_url.is_some() {
            None
        } else {
            self.saved(&settings)?
        };
        Ok(Target::resolve(&self.flags(), &settings, saved.as_ref())?)
    }

    /// The Graph client, connecting on first use.
    pub async fn graph(&self) -> Result<&GraphClient, Error> {
        Ok(&self.backend().await?.graph)
    }

    /// The connected backend, connecting on first use.
    pub async fn backend(&self) -> Result<&Backend, Error> {
        self.backend
            .get_or_try_init(|| async {
                let settings = self.settings()?;
                let saved = self.saved(&settings)?;
                let backend =
                    Backend::connect(&settings, self.target()?, self.sessions()?, saved).await?;
                if let Some(n) = &backend.notice
                    && self.term.interactive
                    && crate::ui::first_in_terminal_session("sandbox-notice")
                {
                    self.notice(n);
                }
                if let Some(n) = &backend.overridden {
                    self.notice(n);
                }
                Ok::<_, Error>(backend)
            })
            .await
    }

    /// The connection options of the command line.
    pub fn flags(&self) -> Flags {
        let g = &self.global;
        Flags {
            profile: g.profile.clone(),
            graph_url: g.graph_url.clone(),
            login_url: g.login_url.clone(),
            tenant: g.tenant.clone(),
            client_id: g.client_id.clone(),
            sandbox: g.sandbox,
        }
    }
}

/// A secret from standard input, one line (typed hidden when stdin is a terminal): never an
/// argument, which every user of the machine can read.
pub fn secret_from_stdin(what: &str) -> Result<Secret, Error> {
    use std::io::{BufRead, IsTerminal};
    if std::io::stdin().is_terminal() {
        let value = crate::ui::read_hidden(&crate::output::capitalised(what))?;
        return Ok(Secret::new(value.trim()));
    }
    let mut line = String::new();
    std::io::stdin()
        .lock()
        .read_line(&mut line)
        .map_err(|e| Error::io(format!("cannot read the {what} from stdin"), e))?;
    let value = line.trim();
    if value.is_empty() {
        return Err(Error::usage(format!("no {what} on standard input")));
    }
    Ok(Secret::new(value))
}
