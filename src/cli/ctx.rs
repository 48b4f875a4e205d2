//! What every command handler gets: the global options, terminal facts, the output renderer,
//! confirmation prompts, and the Graph client, built lazily on first use so that `--help`,
//! completions (unless the tenant search is opted in) and input errors never touch credentials or
//! the network.

use super::GlobalArgs;
use super::connect::{self, Settings, Target, env_secret};
use crate::auth::cache::{Session, SessionStore};
use crate::auth::oauth::Endpoint;
use crate::auth::{AuthError, Credential, Resource, TokenSource};
use crate::config::{self, Config};
use crate::error::Error;
use crate::graph::client::GraphClient;
use crate::graph::exchange::ExchangeClient;
use crate::graph::model::{Secret, User};
use crate::net::Root;
use crate::ops::{OpsError, resolve};
use crate::output::{Format, Output};
use crate::sandbox::{DbLocation, Sandbox, SandboxOptions};
use crate::ui::{AccessiblePrompter, Prompter, ScriptedPrompter, Terminal, TerminalPrompter};
use std::sync::{Arc, OnceLock};

/// How many people a pick list offers at most; more and the agent is asked for another word.
const PICK_AT_MOST: usize = 15;
use tokio::sync::{OnceCell, oneshot};

/// The sandbox running inside this process (the zero-config backend). Stops when dropped.
pub struct EmbeddedSandbox {
    pub root: String,
    pub credentials: crate::sandbox::Credentials,
    _stop: oneshot::Sender<()>,
}

impl EmbeddedSandbox {
    pub async fn start() -> Result<EmbeddedSandbox, Error> {
        let sandbox = Sandbox::open(SandboxOptions {
            db: DbLocation::File(config::default_sandbox_db()?),
            ..Default::default()
        })?;
        let listener = tokio::net::TcpListener::bind("127.0.0.1:0")
            .await
            .map_err(|e| Error::io("cannot start the embedded sandbox on 127.0.0.1", e))?;
        let addr = listener
            .local_addr()
            .map_err(|e| Error::io("cannot start the embedded sandbox", e))?;
        let credentials = sandbox.credentials()?;
        let (stop, stopped) = oneshot::channel::<()>();
        tokio::spawn(crate::sandbox::serve(listener, sandbox, async {
            let _ = stopped.await;
        }));
        Ok(EmbeddedSandbox {
            root: format!("http://{addr}"),
            credentials,
            _stop: stop,
        })
    }
}

/// A connected backend: the Graph client, the Exchange Admin API client (or why there is
/// none) and, for the sandbox, the server behind it.
pub struct Backend {
    pub graph: GraphClient,
    pub exchange: Result<ExchangeClient, String>,
    pub embedded: Option<EmbeddedSandbox>,
    pub target: Target,
}

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
            super::completions::remember(&backend.target, &settings.profile, user);
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

    /// Finds the caller: validates the input first (nothing is sent for a key that cannot
    /// exist), then looks them up; several matches give a pick list on a terminal, or exit 2
    /// with the candidates in a script.
    pub async fn user(&self, input: &str) -> Result<User, Error> {
        let lookup = resolve::classify(input)?;
        let resolve::Found {
            people: mut found,
            total,
        } = resolve::candidates(self.graph().await?, &lookup).await?;
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
    pub async fn card(&self, input: &str) -> Result<crate::ops::card::Card, Error> {
        use crate::ops::card;
        let lookup = resolve::classify(input)?;
        let graph = self.graph().await?;
        let now = jiff::Timestamp::now();
        if let resolve::Lookup::Key(key) = &lookup
            && let Some(c) = card::fetch(graph, key, now).await?
        {
            self.remember(&c.user);
            return Ok(c);
        }
        let user = self.user(input).await?;
        Ok(
            card::fetch(graph, &crate::graph::encode::UserRef::of(&user), now)
                .await?
                .ok_or_else(|| OpsError::NoSuchUser(input.trim().to_string()))?,
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
        Settings::resolve(&self.global, self.config()?)
    }

    /// The saved sign-ins.
    pub fn sessions(&self) -> Result<SessionStore, Error> {
        connect::sessions(self.config()?)
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
        Target::resolve(&self.global, &settings, saved.as_ref())
    }

    /// The Graph client, connecting on first use.
    pub async fn graph(&self) -> Result<&GraphClient, Error> {
        Ok(&self.backend().await?.graph)
    }

    /// The connected backend, connecting on first use.
    pub async fn backend(&self) -> Result<&Backend, Error> {
        self.backend.get_or_try_init(|| self.connect()).await
    }

    async fn connect(&self) -> Result<Backend, Error> {
        let settings = self.settings()?;
        let store = self.sessions()?;
        let target = self.target()?;
        match &target {
            Target::Remote { graph, login } => {
                let saved =
                    match env_secret("CARE_TOKEN").or_else(|| env_secret("CARE_CLIENT_SECRET")) {
                        Some(_) => None,
                        None => self.saved(&settings)?,
                    };
                let credential =
                    connect::remote_credential(&settings, &target, login, &store, saved.as_ref())?;
                let exchange_root = settings.exchange_for(graph)?;
                let http = self.http(&[graph, login, &exchange_root])?;
                let tenant = settings
                    .tenant
                    .clone()
                    .or_else(|| saved.as_ref().map(|s| s.tenant.clone()))
                    .unwrap_or_default();
                let exchange = exchange_client(&credential, &http, (graph, &exchange_root), tenant);
                let tokens = Arc::new(TokenSource::new(
                    credential,
                    http.clone(),
                    Resource::graph(graph.as_str()),
                ));
                Ok(Backend {
                    graph: GraphClient::new(http, graph.as_str(), tokens),
                    exchange,
                    embedded: None,
                    target: target.clone(),
                })
            }
            Target::Embedded => {
                let embedded = EmbeddedSandbox::start().await?;
                let root = connect::root(&embedded.root, "the embedded sandbox")?;
                let endpoint = Endpoint {
                    login: embedded.root.clone(),
                    tenant: embedded.credentials.tenant_id.clone(),
                };
                let saved = self
                    .saved(&settings)?
                    .filter(|s| connect::session_fits(s, &target, &settings));
                let credential = match &saved {
                    Some(_) => Credential::Saved {
                        store,
                        profile: settings.profile.clone(),
                        endpoint,
                    },
                    None => Credential::ClientSecret {
                        endpoint,
                        client_id: embedded.credentials.client_id.clone(),
                        secret: embedded.credentials.client_secret.clone(),
                    },
                };
                if self.term.interactive {
                    let who = match &saved {
                        Some(s) => format!(" as {}", s.account),
                        None => String::new(),
                    };
                    self.notice(&format!(
                        "care: using the embedded sandbox tenant ({}){who}; sign in to a real tenant with `care login --tenant ID`",
                        embedded.credentials.domain
                    ));
                }
                let exchange_root = settings.exchange_for(&root)?;
                let http = self.http(&[&root, &exchange_root])?;
                let exchange = exchange_client(
                    &credential,
                    &http,
                    (&root, &exchange_root),
                    embedded.credentials.tenant_id.clone(),
                );
                let tokens = Arc::new(TokenSource::new(
                    credential,
                    http.clone(),
                    Resource::graph(&embedded.root),
                ));
                Ok(Backend {
                    graph: GraphClient::new(http, &embedded.root, tokens),
                    exchange,
                    embedded: Some(embedded),
                    target,
                })
            }
        }
    }

    pub fn http(&self, roots: &[&Root]) -> Result<reqwest::Client, Error> {
        crate::net::http_client(roots)
            .map_err(|e| Error::failed(format!("cannot set up HTTP: {e}"), vec![]))
    }

    /// The `/_sandbox/` admin endpoints of the sandbox this command talks to.
    pub async fn sandbox_admin(&self) -> Result<SandboxAdmin, Error> {
        if let Target::Remote { graph, .. } = self.target()? {
            let token = env_secret("CARE_SANDBOX_ADMIN_TOKEN").ok_or_else(|| {
                Error::usage_hint(
                    format!("{graph} needs the sandbox admin token"),
                    "set CARE_SANDBOX_ADMIN_TOKEN to the value `care sandbox serve` printed",
                )
            })?;
            return Ok(SandboxAdmin {
                http: self.http(&[&graph])?,
                root: graph.to_string(),
                token,
                _embedded: None,
            });
        }
        let embedded = EmbeddedSandbox::start().await?;
        Ok(SandboxAdmin {
            http: self.http(&[&connect::root(&embedded.root, "the embedded sandbox")?])?,
            root: embedded.root.clone(),
            token: embedded.credentials.admin_token.clone(),
            _embedded: Some(embedded),
        })
    }
}

/// The Admin API client on the same sign-in as Graph's: the same credential asked for the
/// Exchange resource. `CARE_TOKEN` holds a Graph token only, so with it Exchange needs its own
/// `CARE_EXCHANGE_TOKEN`; without one the reason is kept for the answer.
fn exchange_client(
    credential: &Credential,
    http: &reqwest::Client,
    (graph, root): (&Root, &Root),
    tenant: String,
) -> Result<ExchangeClient, String> {
    // a sandbox's Exchange beside a real Graph, or the reverse (a CARE_EXCHANGE_URL left over
    // from sandbox.env): a real tenant's Exchange token must never go to a local port, nor a
    // sandbox's token to a real host
    if graph.is_loopback() != root.is_loopback() {
        return Err(format!(
            "not configured: the Exchange URL {} and the Graph URL {} are not the same kind of tenant (one is a local sandbox); unset CARE_EXCHANGE_URL or exchange-url, or set it to the tenant's Exchange host",
            root.as_str(),
            graph.as_str()
        ));
    }
    let credential = match credential {
        Credential::Bearer(_) => match env_secret("CARE_EXCHANGE_TOKEN") {
            Some(t) => Credential::Bearer(t),
            None => {
                return Err(
                    "not configured: CARE_TOKEN is a Graph token; set CARE_EXCHANGE_TOKEN to a token for https://outlook.office365.com"
                        .into(),
                );
            }
        },
        other => other.clone(),
    };
    let tokens = Arc::new(TokenSource::new(
        credential,
        http.clone(),
        Resource::exchange(root.as_str()),
    ));
    Ok(ExchangeClient::new(
        GraphClient::new(http.clone(), root.as_str(), tokens),
        tenant,
    ))
}

/// A client of the sandbox's `/_sandbox/` endpoints (not Graph; plain JSON).
pub struct SandboxAdmin {
    http: reqwest::Client,
    root: String,
    token: Secret,
    _embedded: Option<EmbeddedSandbox>,
}

impl SandboxAdmin {
    pub async fn post(
        &self,
        path: &str,
        body: &serde_json::Value,
    ) -> Result<serde_json::Value, Error> {
        let url = format!("{}/_sandbox/{path}", self.root);
        let resp = self
            .http
            .post(&url)
            .bearer_auth(self.token.expose())
            .json(body)
            .send()
            .await
            .map_err(|e| {
                Error::failed(
                    format!(
                        "cannot reach the sandbox at {url}: {}",
                        crate::net::describe_reqwest(&e)
                    ),
                    vec!["is `care sandbox serve` running?".into()],
                )
            })?;
        let status = resp.status().as_u16();
        let value: serde_json::Value = resp.json().await.unwrap_or_default();
        let message = value["error"]["message"]
            .as_str()
            .unwrap_or("no message")
            .to_string();
        match status {
            200..=299 => Ok(value),
            401 | 403 => Err(Error::NotSignedIn {
                message,
                hints: vec!["check CARE_SANDBOX_ADMIN_TOKEN".into()],
            }),
            404 => Err(Error::NotFound {
                message,
                hints: vec![],
            }),
            _ => Err(Error::failed(message, vec![])),
        }
    }
}
