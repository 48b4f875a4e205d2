//! What every command handler gets: the global options, terminal facts, the output renderer,
//! confirmation prompts, and the Graph client, built lazily on first use so that `--help`,
//! completions (unless the tenant search is opted in) and input errors never touch credentials or
//! the network.

use super::GlobalArgs;
use crate::auth::AuthError;
use crate::auth::cache::{Session, SessionStore};
use crate::config::Config;
use crate::connect::{self, Backend, Flags, Settings, Target};
use crate::error::Error;
use crate::graph::client::GraphClient;
use crate::graph::model::User;
use crate::ops::OpsError;
use crate::ops::resolve::{self, UserQuery};
use crate::output::{Format, Output};
use crate::ui::{AccessiblePrompter, Prompter, ScriptedPrompter, Terminal, TerminalPrompter};
use std::sync::OnceLock;
use tokio::sync::OnceCell;

/// How many people a pick list offers at most; more and the agent is asked for another word.
const PICK_AT_MOST: usize = 15;

pub struct Ctx {
    pub global: GlobalArgs,
    pub term: Terminal,
    pub out: Output,
    prompter: Box<dyn Prompter + Send + Sync>,
    config: OnceLock<Result<Config, String>>,
    backend: OnceCell<Backend>,
    /// The ticket of this run: `--ticket`, or one the agent gave during `care call`.
    ticket: std::sync::Mutex<Option<String>>,
    /// No notices (completing a word: stderr is the agent's command line).
    quiet: bool,
}

impl Ctx {
    pub fn new(global: GlobalArgs) -> Ctx {
        let term = Terminal::detect();
        let out = Output::new(global.output, term.stdout_tty, term.width);
        let mut term = term;
        let scripted = std::env::var_os("CARE_ANSWERS")
            .and_then(|p| ScriptedPrompter::from_file(std::path::Path::new(&p)).ok());
        let prompter: Box<dyn Prompter + Send + Sync> = match scripted {
            Some(s) => {
                term.interactive = true;
                Box::new(s)
            }
            None if global.accessible => Box::new(AccessiblePrompter),
            None => Box::new(TerminalPrompter),
        };
        Ctx {
            ticket: std::sync::Mutex::new(global.ticket.clone()),
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
    fn remember(&self, user: &crate::graph::model::User) {
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

    fn may_prompt(&self) -> bool {
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
        if self.prompter.confirm(question)? {
            Ok(())
        } else {
            Err(Error::Cancelled)
        }
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

    /// Asks for a line of text; `None` when prompting is not possible.
    pub fn ask(&self, question: &str) -> Result<Option<String>, Error> {
        if !self.may_prompt() {
            return Ok(None);
        }
        Ok(Some(self.prompter.input(question)?))
    }

    /// Lets the agent pick one of several items; `None` when prompting is not possible.
    pub fn pick(&self, question: &str, items: &[String]) -> Result<Option<usize>, Error> {
        if !self.may_prompt() {
            return Ok(None);
        }
        Ok(Some(self.prompter.select(question, items)?))
    }

    /// Finds the caller (a key that cannot exist was refused as the argument was parsed);
    /// several matches give a pick list on a terminal, or exit 2 with the candidates in a
    /// script.
    pub async fn user(&self, query: &UserQuery) -> Result<User, Error> {
        let (input, lookup) = (query.text(), query.lookup());
        let resolve::Found {
            people: mut found,
            total,
        } = resolve::candidates(self.graph().await?, lookup).await?;
        match found.len() {
            0 => Err(OpsError::NoSuchUser(input.trim().to_string()).into()),
            1 => {
                self.remember(&found[0]);
                Ok(found.remove(0))
            }
            // too many to read through on a call: the error lists the best and asks for a word
            n if n > PICK_AT_MOST => Err(OpsError::Ambiguous {
                input: input.trim().to_string(),
                candidates: found,
                total,
            }
            .into()),
            _ => {
                let items: Vec<String> = found
                    .iter()
                    .map(|u| crate::output::sanitize(&resolve::tell_apart(u)))
                    .collect();
                match self.pick(
                    &format!(
                        "{} people match '{}'; which one?",
                        total.describe(),
                        input.trim()
                    ),
                    &items,
                )? {
                    Some(i) => {
                        self.remember(&found[i]);
                        Ok(found.swap_remove(i))
                    }
                    None => Err(OpsError::Ambiguous {
                        input: input.trim().to_string(),
                        candidates: found,
                        total,
                    }
                    .into()),
                }
            }
        }
    }

    /// The caller card of `input` (user, methods, registration, sign-ins): a UPN or an object
    /// id goes straight into the card's one batch; a name is resolved first.
    pub async fn card(&self, query: &UserQuery) -> Result<crate::ops::card::Card, Error> {
        use crate::ops::card;
        let graph = self.graph().await?;
        let now = jiff::Timestamp::now();
        if let resolve::Lookup::Key(key) = query.lookup()
            && let Some(c) = card::fetch(graph, key, now).await?
        {
            self.remember(&c.user);
            return Ok(c);
        }
        let user = self.user(query).await?;
        Ok(
            card::fetch(graph, &crate::graph::encode::UserRef::of(&user), now)
                .await?
                .ok_or_else(|| OpsError::NoSuchUser(query.text().to_string()))?,
        )
    }

    /// Writes through the output renderer, mapping I/O failures.
    pub fn emit(&self, written: std::io::Result<()>) -> Result<(), Error> {
        written.map_err(|e| Error::io("cannot write to stdout", e))
    }

    /// A one-line notice on stderr.
    pub fn notice(&self, text: &str) {
        if self.quiet {
            return;
        }
        crate::output::note(text);
    }

    /// Whether this run's output is read by a person: a table on a terminal. Anything else (CSV,
    /// JSON, a table on a pipe) keeps Graph's values and ISO 8601 times, for scripts.
    pub fn for_people(&self) -> bool {
        self.out.format() == Format::Table && self.out.is_tty()
    }

    /// The region phone numbers are read in, for people only (see [`Ctx::for_people`]): a
    /// script gets Graph's `+CC NUMBER`, a person the number as the caller knows it.
    pub fn phone_region(&self) -> Option<String> {
        self.for_people()
            .then(|| self.settings().map_or_else(|_| "US".into(), |s| s.region))
    }

    /// A number as this run shows it (see [`Ctx::phone_region`]).
    pub fn phone(&self, number: &str) -> String {
        match self.phone_region() {
            Some(r) => crate::ops::phone::display(number, &r),
            None => number.to_string(),
        }
    }

    /// Graph's enum value (or list of values) in plain words for people; as Graph writes it
    /// for scripts (they match on it).
    pub fn words<S: AsRef<str>>(&self, values: &[S]) -> String {
        match self.for_people() {
            true => crate::ops::words::plain_list(values),
            false => values
                .iter()
                .map(AsRef::as_ref)
                .collect::<Vec<_>>()
                .join(" "),
        }
    }

    /// One value of [`Ctx::words`].
    pub fn word(&self, value: &str) -> String {
        self.words(&[value])
    }

    /// A timestamp as this run shows it: the agent's local time for people, ISO 8601 for
    /// scripts (a spreadsheet sorts it).
    pub fn time(&self, ts: &str) -> String {
        if self.for_people() {
            crate::output::local_time(ts)
        } else {
            crate::output::sanitize(ts)
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
                {
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
