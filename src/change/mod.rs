//! The one door for every change to the tenant. Every command, `care call`, `care bulk` and
//! `care api` pass through it, in this order:
//!
//! 1. **decide** ([`Door::decide`], [`rules`]): what the agent asked for, turned into the write
//!    Graph needs by one shared rule set (phone numbers and types, shared lines, pass lifetimes
//!    and policy, which method may go and what becomes the default), or "already so";
//! 2. **guard** ([`Door::admit`]): the blocking facts about the person, the ticket, the district's
//!    policy and limits, and the caller's verification (or, for a bulk job, its approval);
//! 3. **record the intent** in the audit log, fsynced: if it cannot be written, nothing is sent;
//! 4. **write, once** ([`send`]), with the [`Permit`] only the door makes: a lost answer is read
//!    back before anything is sent again, and a resend waits out the `Retry-After` it was given;
//! 5. **record the outcome**.
//!
//! The command line asks the agent (which user, how the caller was verified, go ahead?) and
//! shows the result; it never writes to the tenant itself: Graph's write calls take a
//! [`Permit`], and only this module makes one (the architecture test holds the rest of `src/`
//! to that).

pub mod api;
pub mod notify;
pub mod rules;
mod send;

pub use rules::{Ask, DefaultKind, FobAsk, QrAsk};

use crate::graph::client::{Call, GraphClient, GraphError, Reply, recording_writes};
use crate::graph::encode::UserRef;
use crate::graph::mail::Sender;
use crate::graph::model::{
    AuthMethod, Fido2Method, MethodKind, PhoneType, QrCode, QrPin, QrPinMethod, Secret,
    SignInPreferences, TapMethod, TapPolicy, TapRequest, User,
};
use crate::graph::model::{DirectoryAudit, MailMessage};
use crate::graph::permit::Permit;
use crate::guard::audit::{AuditError, Record};
use crate::guard::{Action, Answers, Facts, Flag, Guard, Refusal, Tally, Verification};
use crate::ops::OpsError;
use crate::ops::card::Card;
use crate::ops::phone::{Outcome as PhoneOutcome, Plan};
use crate::ops::reset::ResetReport;
use jiff::{SignedDuration, Timestamp};

#[derive(Debug, thiserror::Error)]
pub enum ChangeError {
    /// Refused before anything was sent (and recorded as refused).
    #[error("{}; nothing was changed", .0.reason)]
    Refused(Refusal),
    /// What was asked for cannot be done as asked (found before anything was sent).
    #[error("{message}")]
    Invalid { message: String, hint: String },
    /// The user, or the method or phone the change is about, is not there.
    #[error("{message}")]
    NotFound { message: String, hint: String },
    /// The caller must say which of several ways (the new default method, say).
    #[error("{question}")]
    Choose {
        question: String,
        options: Vec<DefaultKind>,
    },
    /// The intent could not be written to the audit log, so nothing was sent (fail closed).
    #[error("the audit log could not be written, so nothing was sent: {0}")]
    NotRecorded(AuditError),
    /// A dry run decides and guards, and sends nothing.
    #[error("a dry run sends nothing")]
    DryRun,
    #[error(transparent)]
    Graph(#[from] GraphError),
    #[error(transparent)]
    Ops(#[from] OpsError),
}

impl ChangeError {
    fn invalid(message: impl Into<String>, hint: impl Into<String>) -> ChangeError {
        ChangeError::Invalid {
            message: message.into(),
            hint: hint.into(),
        }
    }
}

/// Who a change is for: the user, and what is known about them that could stop it.
#[derive(Debug, Clone)]
pub struct Subject {
    pub user: User,
    pub facts: Facts,
    /// Their methods, when they could be read (the card's).
    pub methods: Option<Vec<AuthMethod>>,
    /// The changes to them in the tenant's audit log the card read.
    pub audits: Option<Vec<DirectoryAudit>>,
}

impl Subject {
    /// From the caller card (the blocking facts need the registration report and sign-ins;
    /// the red flags, where the district's staff sign in from and who the agent is).
    pub fn of(card: &Card, guard: &Guard) -> Subject {
        Subject {
            user: card.user.clone(),
            facts: facts(&card.user, Some((card, guard))),
            methods: card.methods.as_ref().ok().cloned(),
            audits: card.audits.as_ref().ok().cloned(),
        }
    }

    /// From the user alone (whether they hold an admin role is then unknown).
    pub fn user(user: &User) -> Subject {
        Subject {
            user: user.clone(),
            facts: facts(user, None),
            methods: None,
            audits: None,
        }
    }

    /// A change to no person (a tenant's policy, a group): nothing about a person can stop it.
    pub fn nobody(label: &str) -> Subject {
        Subject {
            user: User {
                user_principal_name: Some(label.to_string()),
                ..User::default()
            },
            facts: Facts {
                upn: label.to_string(),
                name: label.to_string(),
                admin: Some(false),
                ..Facts::default()
            },
            methods: None,
            audits: None,
        }
    }

    pub fn key(&self) -> UserRef {
        UserRef::of(&self.user)
    }

    /// `Maria Garcia (maria.garcia@district.example)`.
    pub fn who(&self) -> String {
        format!("{} ({})", self.user.name(), self.user.upn())
    }
}

/// What a card (or a bare user) says about the person a change is for.
fn facts(user: &User, seen: Option<(&Card, &Guard)>) -> Facts {
    let card = seen.map(|(c, _)| c);
    let now = Timestamp::now();
    let blank = |s: &Option<String>| s.as_deref().is_none_or(|s| s.trim().is_empty());
    Facts {
        upn: user.upn().to_string(),
        id: user.id.clone(),
        name: format!("{} ({})", user.name(), user.upn()),
        disabled: user.account_enabled == Some(false),
        guest: user.user_type.as_deref() == Some("Guest"),
        admin: card
            .and_then(|c| c.registration.as_ref().ok())
            .map(|r| r.as_ref().and_then(|r| r.is_admin).unwrap_or(false)),
        shared_account: user.user_type.as_deref() != Some("Guest")
            && blank(&user.given_name)
            && blank(&user.surname),
        passes_today: card.map_or(0, |c| c.passes_since(now - SignedDuration::from_hours(24))),
        flags: seen
            .map(|(card, guard)| {
                card.warnings(&guard.policy.countries(), &guard.agent.me())
                    .into_iter()
                    .filter(|w| crate::ops::flags::RED_FLAGS.contains(&w.code))
                    .map(|w| Flag {
                        code: w.code.into(),
                        message: w.message,
                        hint: w.hint,
                        stop: w.blocking,
                    })
                    .collect()
            })
            .unwrap_or_default(),
    }
}

/// What is sent for a change, decided before anything is.
#[derive(Debug, Clone)]
pub enum Write {
    PassIssue {
        request: TapRequest,
        before: Vec<TapMethod>,
    },
    PassRevoke {
        passes: Vec<String>,
    },
    PhoneSet {
        plan: Plan,
        phone_type: PhoneType,
        number: String,
    },
    PhoneRemove {
        phone_type: PhoneType,
    },
    SmsSignIn {
        on: bool,
    },
    MethodRemove {
        kind: MethodKind,
        id: String,
        new_default: Option<DefaultKind>,
    },
    MethodDefault {
        kind: DefaultKind,
    },
    MethodReset {
        methods: Vec<AuthMethod>,
        region: Option<String>,
    },
    SessionRevoke,
    /// A QR code + PIN method: a standard code from `start` to `expire` (RFC 3339).
    QrIssue {
        start: String,
        expire: String,
    },
    /// A temporary QR code (`before`: the id of the one it replaces, if any).
    QrTemporary {
        start: String,
        expire: String,
        before: Option<String>,
    },
    /// A new PIN (`before`: the PIN's `updatedDateTime`, to find a reset whose answer was lost).
    QrPinReset {
        before: Option<String>,
    },
    QrRemove,
    /// A key fob from the inventory given to the user.
    FobAssign {
        device: String,
    },
    /// A key fob activated with the code it shows: the user's (`method`), or given and
    /// activated at once by its serial number.
    FobActivate {
        serial: String,
        method: Option<String>,
        code: Secret,
    },
    FobUnassign {
        method: String,
    },
    /// A passkey made for the user on `key` from Graph's creation options (and when they were
    /// read: a challenge lives 5 minutes), named `name` (`before`: their passkeys' ids, to find
    /// one whose answer was lost).
    PasskeyCreate {
        options: Box<(serde_json::Value, Timestamp)>,
        name: String,
        key: std::sync::Arc<dyn crate::ops::passkey::Authenticator>,
        before: Vec<String>,
    },
    /// A request of `care api` (one call, or one request of a `$batch`, by its id).
    Api {
        call: Call,
        item: Option<String>,
    },
    /// A message: the user told of a change, a code to the caller's manager. Sent once (Graph
    /// keeps nothing to read back).
    Mail {
        sender: Sender,
        message: Box<MailMessage>,
    },
}

/// A change decided: what it is, to whom, and what is sent.
#[derive(Debug, Clone)]
pub struct Change {
    pub action: Action,
    pub subject: Subject,
    pub write: Write,
    /// What changes, in plain words, for the audit record (never a secret).
    pub detail: String,
    /// A rule of the change refused it (a shared line, a second copy of a phone): recorded
    /// as a refusal when the change is admitted.
    pub refusal: Option<Refusal>,
    /// What the agent should hear before the question (a number a few others have too).
    pub notes: Vec<String>,
}

/// What deciding found.
#[derive(Debug)]
pub enum Decided {
    /// It is so already: nothing to send (said in these words).
    Already(String),
    Change(Box<Change>),
}

/// How the door is told a change may be made.
#[derive(Debug, Clone)]
pub enum Authority {
    /// An agent on a call: the ticket, how the caller was verified, an override's reason.
    Call(Answers),
    /// A bulk job, approved as a whole and recorded once when it started.
    Job(Job),
}

/// A bulk job's approval: every row's record names the job.
#[derive(Debug, Clone)]
pub struct Job {
    pub id: String,
    pub ticket: Option<String>,
    /// Why the people the job changes are not told (`--no-notify REASON`).
    pub no_notify: Option<String>,
}

/// A change the guard let through; only [`Door::admit`] makes one.
#[derive(Debug)]
pub struct Admitted {
    change: Change,
    answers: Answers,
    job: Option<String>,
    /// How the caller's verification was found (`care verify` earlier), to tell the agent.
    pub verified_earlier: Option<String>,
}

impl Admitted {
    pub fn change(&self) -> &Change {
        &self.change
    }

    /// The caller must still say how they were verified.
    pub fn needs_verification(&self) -> bool {
        self.job.is_none()
            && self.change.action.needs_verification()
            && self.answers.verified_by.is_none()
    }

    /// How the agent verified the caller, and what backs it, asked on the call.
    pub fn verified(&mut self, how: Verification, evidence: Option<String>) {
        self.answers.verified_by = Some(how);
        self.answers.evidence = evidence;
    }
}

/// What a change sent and what came back.
#[derive(Debug)]
pub enum Done {
    Pass(TapMethod),
    /// A QR code + PIN method made: its badge's image and the PIN, shown once.
    Qr(Box<QrPinMethod>),
    /// A temporary QR code, with its image.
    QrCode(QrCode),
    /// A new PIN, shown once.
    QrPin(QrPin),
    /// A passkey registered.
    Passkey(Box<Fido2Method>),
    Phone(PhoneOutcome),
    Reset(ResetReport),
    Api(Reply),
    Made,
}

/// How a change ended: its result, Graph's request-id, and whether its outcome reached the
/// audit log (its intent always did: nothing is sent otherwise).
#[derive(Debug)]
pub struct Ended {
    pub done: Result<Done, ChangeError>,
    pub request_id: Option<String>,
    pub unrecorded: Option<AuditError>,
    /// Whether the people a change is told to were told (none: not a change they are told
    /// of, or it failed).
    pub told: Vec<notify::Told>,
}

/// The door: the Graph client it writes with, and the guard it asks.
pub struct Door {
    graph: GraphClient,
    guard: Guard,
    /// The region national numbers (and the district's shared lines) are read in.
    region: String,
    /// Decides and guards; records and sends nothing.
    dry_run: bool,
}

impl Door {
    pub fn new(graph: GraphClient, guard: Guard, region: String) -> Door {
        Door {
            graph,
            guard,
            region,
            dry_run: false,
        }
    }

    /// A door that decides and guards only (a bulk dry run).
    pub fn dry_run(mut self) -> Door {
        self.dry_run = true;
        self
    }

    pub fn guard(&self) -> &Guard {
        &self.guard
    }

    /// The client, for reads.
    pub fn graph(&self) -> &GraphClient {
        &self.graph
    }

    /// The facts an agent should see before a change to `subject` (a pass or phone change, or
    /// a method change): each is a line to show.
    pub fn warnings(&self, action: Action, subject: &Subject) -> Vec<String> {
        if !action.checks_the_person() {
            return vec![];
        }
        let f = &subject.facts;
        let mut lines = vec![];
        if f.disabled {
            lines.push("the account is disabled".to_string());
        }
        if f.guest {
            lines.push("a B2B guest: they authenticate at their home organisation".into());
        }
        match f.admin {
            Some(true) => lines.push("holds an admin role".into()),
            None => lines.push(
                "care could not see whether they hold an admin role (the registration report needs a reports role); Graph refuses if your role can't act on them".into(),
            ),
            Some(false) => {}
        }
        if f.shared_account {
            lines.push("no given name or surname: a shared account, not a person".into());
        }
        if f.passes_today > 0 {
            lines.push("already got a pass in the last 24 hours".into());
        }
        lines.extend(
            f.flags
                .iter()
                .filter(|g| !g.stop)
                .map(|g| g.message.clone()),
        );
        let mut lines: Vec<String> = lines
            .into_iter()
            .map(|l| format!("! {}: {l}", f.name))
            .collect();
        if let Some(closed) = self.guard.policy.after_hours() {
            lines.push(format!(
                "! {closed}: a change after hours is what a campaign looks like; make sure of the caller"
            ));
        }
        lines
    }

    /// Decides what `ask` means for `subject`: the write Graph needs, or that it is so already.
    /// The shared rules, for every path; what they need that the card does not hold is read
    /// here (the pass policy, the default method).
    pub async fn decide(&self, ask: &Ask, subject: &Subject) -> Result<Decided, ChangeError> {
        rules::decide(self, ask, subject).await
    }

    /// The guard: ticket, blocking facts, policy and limits, and (on a call) the caller's
    /// verification found or still to be asked. A refusal is recorded (nothing was sent).
    pub async fn admit(
        &self,
        change: Change,
        authority: &Authority,
    ) -> Result<Admitted, ChangeError> {
        let (mut answers, job) = match authority {
            Authority::Call(a) => (a.clone(), None),
            Authority::Job(j) => (
                Answers {
                    ticket: j.ticket.clone(),
                    no_notify: j.no_notify.clone(),
                    ..Answers::default()
                },
                Some(j.id.clone()),
            ),
        };
        let mut admitted = Admitted {
            change,
            answers: answers.clone(),
            job,
            verified_earlier: None,
        };
        if admitted.job.is_none() {
            match self.guard.ticket(answers.ticket.as_deref()) {
                Ok(t) => answers.ticket = t,
                Err(r) => return Err(self.refuse(&admitted, r).await),
            }
            admitted.answers.ticket = answers.ticket.clone();
        }
        let tally = match &admitted.job {
            // (a change a rule refused is not counted for)
            None if admitted.change.action.checks_the_person()
                && admitted.change.refusal.is_none() =>
            {
                self.tally().await
            }
            _ => Tally::default(),
        };
        let facts = &admitted.change.subject.facts;
        let checked = match &admitted.job {
            None => self
                .guard
                .check(admitted.change.action, facts, &answers, &tally),
            Some(_) => self.guard.check_job(admitted.change.action, facts),
        };
        if let Err(r) = checked.and_then(|()| match admitted.change.refusal.clone() {
            Some(r) => Err(r),
            None => Ok(()),
        }) {
            return Err(self.refuse(&admitted, r).await);
        }
        if admitted.needs_verification()
            && let Some((how, evidence)) = self.guard.recent_verification(&facts.id)
        {
            admitted.verified_earlier = Some(match &evidence {
                Some(e) => format!("{}: {e}", how.describe()),
                None => how.describe().to_string(),
            });
            admitted.verified(how, evidence);
        }
        Ok(admitted)
    }

    /// What the whole desk did lately, from the tenant's audit log: one read (a log that
    /// can't be read leaves the counting to this machine's log).
    async fn tally(&self) -> Tally {
        let minutes = self.guard.policy.burst_minutes().max(60);
        let since = Timestamp::now() - SignedDuration::from_mins(i64::from(minutes));
        match self.graph.method_changes_since(since).await {
            Ok(audits) => Tally::of(
                &audits,
                &self.guard.agent.me(),
                self.guard.policy.burst_minutes(),
            ),
            Err(e) => {
                tracing::debug!("the tenant's audit log could not be read: {e}");
                Tally::default()
            }
        }
    }

    /// Records a refusal of `admitted` (nothing was sent) and returns it as the error.
    pub async fn refuse(&self, admitted: &Admitted, r: Refusal) -> ChangeError {
        if !self.dry_run
            && let Err(e) = self
                .guard
                .record(
                    admitted.change.action,
                    &admitted.change.subject.facts,
                    &admitted.answers,
                    admitted.job.as_deref(),
                    "refused",
                    Some(r.reason.clone()),
                    None,
                )
                .await
        {
            // nothing was sent either way; the refusal is still said
            tracing::warn!("the refusal could not be written to the audit log: {e}");
        }
        ChangeError::Refused(r)
    }

    /// Records the intent (or sends nothing), makes the change exactly once with the door's
    /// permit, records how it ended, and tells the user (and for some changes their manager).
    pub async fn send(&self, admitted: Admitted) -> Ended {
        if let Err(e) = self.ready(&[&admitted]).await {
            return Ended::failed(e);
        }
        let Admitted {
            change,
            answers,
            job,
            ..
        } = admitted;
        let mut ended = self.commit(&change, &answers, job.as_deref()).await;
        if ended.done.as_ref().is_ok_and(|d| !reset_stopped(d)) {
            ended.told = self.tell(&change, &answers, job.as_deref()).await;
        }
        ended
    }

    /// The intent recorded (or nothing is sent), the write made once with the door's permit,
    /// the outcome recorded.
    async fn commit(&self, change: &Change, answers: &Answers, job: Option<&str>) -> Ended {
        let record =
            async |result: &str, detail: String, request_id| -> Result<Record, AuditError> {
                self.guard
                    .record(
                        change.action,
                        &change.subject.facts,
                        answers,
                        job,
                        result,
                        Some(detail),
                        request_id,
                    )
                    .await
            };
        if let Err(e) = record("intent", change.detail.clone(), None).await {
            return Ended::failed(ChangeError::NotRecorded(e));
        }
        let permit = Permit::granted(change.action.name());
        let (done, ids) = recording_writes(self.write(&permit, change)).await;
        let request_id = ids.last().cloned();
        let (result, detail) = match &done {
            // a reset that stopped halfway sent writes, and failed
            Ok(d) if reset_stopped(d) => ("failed", outcome_detail(change, d)),
            Ok(d) => ("success", outcome_detail(change, d)),
            Err(e) => ("failed", failed_to(&change.detail, e)),
        };
        let unrecorded = record(result, detail, request_id.clone()).await.err();
        Ended {
            done,
            request_id,
            unrecorded,
            told: vec![],
        }
    }

    /// Whether admitted changes may be sent: never by a dry run's door, and never a change the
    /// caller's verification has not been given for (refused and recorded).
    async fn ready(&self, admitted: &[&Admitted]) -> Result<(), ChangeError> {
        if self.dry_run {
            return Err(ChangeError::DryRun);
        }
        match admitted.iter().find(|a| a.needs_verification()) {
            Some(a) => Err(self.refuse(
                a,
                Refusal {
                    reason: format!(
                        "how the caller was verified is required for {}",
                        a.change.action.name()
                    ),
                    hint: "pass --verified-by callback|manager|in-person|verified-id, or run care verify USER first".into(),
                    overridable: false,
                    stop: false,
                },
            )
            .await),
            None => Ok(()),
        }
    }

    async fn write(&self, permit: &Permit, change: &Change) -> Result<Done, ChangeError> {
        let graph = &self.graph;
        let user = &change.subject.user;
        let key = &change.subject.key();
        Ok(match &change.write {
            Write::PassIssue { request, before } => {
                Done::Pass(send::pass(graph, permit, key, request, before).await?)
            }
            Write::QrIssue { start, expire } => Done::Qr(Box::new(
                send::qr_issue(graph, permit, key, (start, expire)).await?,
            )),
            Write::QrTemporary {
                start,
                expire,
                before,
            } => Done::QrCode(
                send::qr_temporary(graph, permit, key, before.as_deref(), (start, expire)).await?,
            ),
            Write::QrPinReset { before } => {
                Done::QrPin(send::qr_pin_reset(graph, permit, key, before.as_deref()).await?)
            }
            Write::QrRemove => {
                send::qr_remove(graph, permit, key).await?;
                Done::Made
            }
            Write::FobAssign { device } => {
                send::fob_assign(graph, permit, key, device).await?;
                Done::Made
            }
            Write::FobActivate {
                serial,
                method,
                code,
            } => {
                send::fob_activate(graph, permit, key, serial, method.as_deref(), code).await?;
                Done::Made
            }
            Write::PasskeyCreate {
                options,
                name,
                key: authenticator,
                before,
            } => {
                let body = passkey_body(graph, key, options, name, authenticator).await?;
                Done::Passkey(Box::new(
                    send::passkey(graph, permit, key, &body, before).await?,
                ))
            }
            Write::FobUnassign { method } => {
                send::fob_unassign(graph, permit, key, method).await?;
                Done::Made
            }
            Write::PassRevoke { passes } => {
                for id in passes {
                    send::delete_method(graph, permit, key, MethodKind::TemporaryAccessPass, id)
                        .await?;
                }
                Done::Made
            }
            Write::PhoneSet {
                plan,
                phone_type,
                number,
            } => Done::Phone(send::phone(graph, permit, key, plan, *phone_type, number).await?),
            Write::PhoneRemove { phone_type } => {
                send::delete_method(
                    graph,
                    permit,
                    key,
                    MethodKind::Phone,
                    phone_type.method_id(),
                )
                .await?;
                Done::Made
            }
            Write::SmsSignIn { on } => {
                send::sms_sign_in(graph, permit, key, *on).await?;
                Done::Made
            }
            Write::MethodRemove {
                kind,
                id,
                new_default,
            } => {
                if let Some(d) = new_default {
                    send::default_method(graph, permit, key, d.graph()).await?;
                }
                send::delete_method(graph, permit, key, *kind, id).await?;
                Done::Made
            }
            Write::MethodDefault { kind } => {
                send::default_method(graph, permit, key, kind.graph()).await?;
                Done::Made
            }
            Write::MethodReset { methods, region } => {
                Done::Reset(send::reset(graph, permit, user, methods, region.as_deref()).await)
            }
            Write::SessionRevoke => {
                send::revoke_sessions(graph, permit, user).await?;
                Done::Made
            }
            // care api does not know how to read a request's effect back: a lost answer is
            // reported, never resent
            Write::Api { call, .. } => Done::Api(graph.write(call, permit).await?),
            Write::Mail { sender, message } => {
                graph.send_mail(permit, sender, message).await?;
                Done::Made
            }
        })
    }

    /// `care api`: the changes `call` makes (one, or each change in a `$batch`), each decided
    /// as what it does.
    pub async fn decide_api(
        &self,
        call: &Call,
        authority: &Authority,
    ) -> Result<Vec<Change>, ChangeError> {
        api::changes(self, call, authority).await
    }

    /// Sends one `care api` request that makes the `admitted` changes: every intent recorded
    /// first (or nothing is sent), the request sent once with the door's permit, each change's
    /// outcome recorded (a batch's from its own answer).
    pub async fn send_api(&self, admitted: Vec<Admitted>, call: &Call) -> Ended {
        if let Err(e) = self.ready(&admitted.iter().collect::<Vec<_>>()).await {
            return Ended::failed(e);
        }
        let record = async |a: &Admitted, result: &str, detail: String, request_id| {
            self.guard
                .record(
                    a.change.action,
                    &a.change.subject.facts,
                    &a.answers,
                    a.job.as_deref(),
                    result,
                    Some(detail),
                    request_id,
                )
                .await
        };
        for a in &admitted {
            if let Err(e) = record(a, "intent", a.change.detail.clone(), None).await {
                return Ended::failed(ChangeError::NotRecorded(e));
            }
        }
        let action = match admitted.as_slice() {
            [one] => one.change.action.name(),
            _ => Action::ApiWrite.name(),
        };
        let permit = Permit::granted(action);
        let (done, ids) = recording_writes(self.graph.write(call, &permit)).await;
        let request_id = ids.last().cloned();
        let items: Option<crate::graph::model::BatchResponse> =
            done.as_ref().ok().and_then(|r| r.json().ok());
        let mut unrecorded = None;
        let mut told = vec![];
        for a in &admitted {
            let item = match &a.change.write {
                Write::Api { item: Some(id), .. } => items
                    .as_ref()
                    .and_then(|b| b.responses.iter().find(|r| &r.id == id))
                    .map(|r| r.status),
                _ => None,
            };
            let (result, detail) = match (&done, item) {
                (Ok(_), Some(status)) if !(200..300).contains(&status) => (
                    "failed",
                    failed_to(&a.change.detail, format!("HTTP {status}")),
                ),
                (Ok(_), _) => ("success", past(&a.change.detail)),
                (Err(e), _) => ("failed", failed_to(&a.change.detail, e)),
            };
            if let Err(e) = record(a, result, detail, request_id.clone()).await {
                unrecorded = Some(e);
            }
            if result == "success" {
                told.extend(self.tell(&a.change, &a.answers, a.job.as_deref()).await);
            }
        }
        Ended {
            done: done.map(Done::Api).map_err(ChangeError::from),
            request_id,
            unrecorded,
            told,
        }
    }

    /// The tenant's pass policy, when the agent may read it.
    async fn tap_policy(&self) -> Result<Option<TapPolicy>, ChangeError> {
        match self.graph.tap_policy().await {
            Ok(p) => Ok(Some(p)),
            // not every agent may read the policy; Graph checks the request itself
            Err(e) if matches!(e.status(), Some(401 | 403 | 404)) => {
                tracing::info!(
                    "the TAP policy could not be read ({e}); Graph will check the pass request"
                );
                Ok(None)
            }
            Err(e) => Err(e.into()),
        }
    }

    async fn sign_in_preferences(&self, key: &UserRef) -> Result<SignInPreferences, ChangeError> {
        Ok(self.graph.sign_in_preferences(key).await?)
    }

    async fn methods(&self, subject: &Subject) -> Result<Vec<AuthMethod>, ChangeError> {
        Ok(match &subject.methods {
            Some(m) => m.clone(),
            None => self.graph.methods(&subject.key()).await?,
        })
    }
}

/// The audit record's words for a change that succeeded.
/// How long creation options are used before fresh ones are read (Graph's challenge lives 5
/// minutes; the caller's verification may have taken a while).
const OPTIONS_FRESH: SignedDuration = SignedDuration::from_mins(4);

/// Graph's body for a passkey made now on `authenticator` (a blocking step: a security key
/// waits for a touch), from creation options that are still fresh.
async fn passkey_body(
    graph: &GraphClient,
    user: &UserRef,
    options: &(serde_json::Value, Timestamp),
    name: &str,
    authenticator: &std::sync::Arc<dyn crate::ops::passkey::Authenticator>,
) -> Result<serde_json::Value, ChangeError> {
    let (options, read) = options;
    // the key first (a box's next key may take the agent a while), then options still fresh
    on_key(authenticator, |k| k.prepare()).await?;
    let options = if Timestamp::now().duration_since(*read) < OPTIONS_FRESH {
        options.clone()
    } else {
        graph.passkey_creation_options(user).await?
    };
    let made = on_key(authenticator, move |k| k.make(&options["publicKey"])).await?;
    Ok(serde_json::json!({"displayName": name, "publicKeyCredential": made}))
}

/// `work` on the authenticator, on a blocking thread (a security key waits for the agent).
async fn on_key<T: Send + 'static>(
    authenticator: &std::sync::Arc<dyn crate::ops::passkey::Authenticator>,
    work: impl FnOnce(&dyn crate::ops::passkey::Authenticator) -> Result<T, String> + Send + 'static,
) -> Result<T, ChangeError> {
    let key = authenticator.clone();
    tokio::task::spawn_blocking(move || work(key.as_ref()))
        .await
        .unwrap_or_else(|e| Err(e.to_string()))
        .map_err(|why| {
            ChangeError::from(OpsError::Authenticator {
                on: authenticator.describe(),
                why,
            })
        })
}

fn outcome_detail(change: &Change, done: &Done) -> String {
    match done {
        Done::Reset(r) => {
            let mut d = format!("removed {} method(s)", r.removed.len());
            if let Some((m, e)) = r.failed.first() {
                d.push_str(&format!("; stopped at {}: {e}", m.detail));
            }
            match &r.sessions {
                Some(Ok(())) => d.push_str("; signed out everywhere"),
                Some(Err(e)) => d.push_str(&format!("; sessions not revoked: {e}")),
                None => d.push_str("; sessions not revoked (methods remain)"),
            }
            d
        }
        Done::Phone(PhoneOutcome::SetWithoutSmsSignIn) => {
            format!("{}; SMS sign-in not available on it", past(&change.detail))
        }
        Done::Phone(PhoneOutcome::ProbablySet { shown }) => {
            format!(
                "{}; the answer was lost, Graph shows {shown}",
                past(&change.detail)
            )
        }
        _ => past(&change.detail),
    }
}

/// A change's detail (said as what to do: `remove the mobile phone …`) as done.
fn past(detail: &str) -> String {
    const DONE: [(&str, &str); 14] = [
        ("issue ", "issued "),
        ("revoke ", "revoked "),
        ("set ", "set "),
        ("remove ", "removed "),
        ("turn ", "turned "),
        ("move ", "moved "),
        ("reset: remove ", "reset: removed "),
        ("sign ", "signed "),
        ("send ", "sent "),
        ("provision ", "provisioned "),
        ("reset the ", "reset the "),
        ("take ", "took "),
        ("assign ", "assigned "),
        ("activate ", "activated "),
    ];
    let mut d = detail.to_string();
    for (todo, done) in DONE {
        if let Some(rest) = d.strip_prefix(todo) {
            d = format!("{done}{rest}");
            break;
        }
    }
    d.replace(", then remove ", ", then removed ")
}

/// A change that failed, said as such: `failed to remove the mobile phone …: why`.
fn failed_to(detail: &str, why: impl std::fmt::Display) -> String {
    format!("failed to {detail}: {why}")
}

impl Ended {
    fn failed(e: ChangeError) -> Ended {
        Ended {
            done: Err(e),
            request_id: None,
            unrecorded: None,
            told: vec![],
        }
    }
}

/// A reset that left methods or sessions in place ended badly, though it sent its writes.
fn reset_stopped(done: &Done) -> bool {
    matches!(done, Done::Reset(r) if !r.failed.is_empty() || matches!(r.sessions, Some(Err(_))))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_record_says_what_was_done_or_what_failed_to_be() {
        for (todo, done) in [
            (
                "remove the mobile phone +1 502-555-0100",
                "removed the mobile phone +1 502-555-0100",
            ),
            (
                "set the office phone to +1 502-555-0100",
                "set the office phone to +1 502-555-0100",
            ),
            (
                "issue a one-time pass for 60 minutes",
                "issued a one-time pass for 60 minutes",
            ),
            (
                "move the default to sms, then remove phone",
                "moved the default to sms, then removed phone",
            ),
            ("sign out everywhere", "signed out everywhere"),
            ("send care api POST /v1.0/x", "sent care api POST /v1.0/x"),
        ] {
            assert_eq!(past(todo), done);
        }
        assert_eq!(
            failed_to("remove the mobile phone +1 502-555-0100", "HTTP 400"),
            "failed to remove the mobile phone +1 502-555-0100: HTTP 400"
        );
    }
}
