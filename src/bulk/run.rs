//! Running a bulk job: rows come in chunks of 20, whose people are read in `$batch`es (the
//! user, their methods, their registration: what the door's guard needs to know of them); each
//! row is then decided and guarded by the same door as a single command (the job's approval in
//! place of a caller's verification), writes its intent to the journal, and is sent through the
//! door exactly once (reading back after a lost answer). Writes run at most `concurrency` at a
//! time and are paced by the client's [`Pacer`](crate::graph::client::Pacer). A row that an
//! earlier run left in flight is reconciled from the state it finds, so no pass is issued twice
//! and no phone added twice.

use super::input::{Row, RowError, Task};
use super::journal::{Journal, Record, Resume};
use super::report::{CodeLine, Codes, RowResult};
use super::{Action, Outcome};
use crate::change::{Ask, Authority, ChangeError, Decided, Done, Door, Job, QrAsk, Subject};
use crate::graph::client::{GraphError, recording_writes};
use crate::graph::encode::UserRef;
use crate::graph::model::{AuthMethod, PhoneMethod, PhoneType, TapMethod};
use crate::ops::OpsError;
use crate::ops::badge;
use crate::ops::card::{self, pass_expiry};
use crate::ops::passkey::KeyFor;
use crate::ops::phone::{self, Outcome as PhoneOutcome, Plan};
use crate::ops::reset;
use serde_json::{Value, json};
use std::path::PathBuf;
use std::sync::atomic::{AtomicBool, AtomicU64, Ordering};
use std::sync::{Arc, Mutex};
use tokio::sync::{Semaphore, mpsc};

/// Rows whose state is read in one `$batch`.
const CHUNK: usize = 20;
/// After this many rows, all refused with 401/403, the run stops: it is a sign-in or
/// permission problem, not a problem of the rows.
const DENIED_STOP: u64 = 10;

/// What comes from the input, in order.
#[derive(Debug)]
pub enum Item {
    Row(Row),
    Invalid(RowError),
}

/// What the engine tells the command line as it goes.
#[derive(Debug)]
pub enum Event {
    /// A row ended.
    Done(RowResult),
    /// A dry run's row: what would happen.
    Would(RowResult),
    /// A row an earlier run finished (resuming).
    AlreadyDone,
}

/// How a bulk run goes.
pub struct Engine {
    /// The door every row goes through (a dry run's decides and guards only), with the
    /// job's paced client.
    pub door: Arc<Door>,
    /// The job's approval, named in every row's audit record.
    pub job: Job,
    pub action: Action,
    pub journal: Option<Arc<Journal>>,
    pub resume: Arc<Resume>,
    pub codes: Option<(PathBuf, Arc<Mutex<Codes>>)>,
    /// `bulk qr-issue`: the folder each row's badge is written to (0600 files).
    pub badges: Option<PathBuf>,
    /// `bulk passkey-provision`: each row's authenticator.
    pub keys: Option<KeyFor>,
    pub one_time: bool,
    /// The region national numbers and the district's shared lines are read in.
    pub region: String,
    pub dry_run: bool,
    pub concurrency: usize,
    /// Set on Ctrl-C: no new row starts; rows in flight finish.
    pub stop: Arc<AtomicBool>,
    /// Why the run stopped by itself, if it did (and whether it was refused permission).
    pub fatal: Arc<Mutex<Option<(String, bool)>>>,
}

/// A UPN as part of a file name: letters, digits, `.`, `-`, `_` and `@`; anything else `_`.
fn safe_file_name(upn: &str) -> String {
    upn.chars()
        .map(|c| {
            if c.is_ascii_alphanumeric() || "._-@".contains(c) {
                c
            } else {
                '_'
            }
        })
        .collect()
}

/// The ids an intent listed under `key` (what the user had before the change).
fn ids<'a>(intent: &'a Value, key: &str) -> Vec<&'a str> {
    intent[key]
        .as_array()
        .map(|a| a.iter().filter_map(Value::as_str).collect())
        .unwrap_or_default()
}

struct RowEnd {
    outcome: Outcome,
    reason: Option<String>,
}

fn done(outcome: Outcome, reason: Option<String>) -> RowEnd {
    RowEnd { outcome, reason }
}

fn failed(e: impl std::fmt::Display) -> RowEnd {
    done(
        Outcome::Failed,
        Some(crate::output::sanitize(&e.to_string())),
    )
}

impl Engine {
    /// The row's person, as a single command's card shows them (their sign-ins aside).
    fn subject(
        &self,
        user: &UserRef,
        replies: Vec<Result<crate::graph::client::Reply, GraphError>>,
    ) -> Result<Subject, String> {
        match card::from_replies(user, replies) {
            Ok(Some(c)) => {
                if let Err(e) = &c.methods {
                    return Err(format!("their methods could not be read ({e})"));
                }
                Ok(Subject::of(&c, self.door.guard()))
            }
            Ok(None) => Err("no such user".into()),
            Err(e) if e.is_not_found() => Err(format!("no such user ({e})")),
            Err(e) => Err(e.to_string()),
        }
    }

    /// Runs every item from `items`; events go to `events`. Returns when the input ends (or a
    /// stop was asked for) and every row in flight has ended.
    pub async fn run(
        self: Arc<Self>,
        mut items: mpsc::Receiver<Item>,
        events: mpsc::UnboundedSender<Event>,
    ) {
        let writes = Arc::new(Semaphore::new(self.concurrency.max(1)));
        let chunks = Arc::new(Semaphore::new(self.concurrency.div_ceil(CHUNK) + 1));
        let denied = Arc::new(AtomicU64::new(0));
        let succeeded = Arc::new(AtomicBool::new(false));
        let mut tasks = tokio::task::JoinSet::new();
        let mut chunk: Vec<Row> = Vec::with_capacity(CHUNK);
        let mut dispatch = async |rows: Vec<Row>| {
            let permit = chunks.clone().acquire_owned().await;
            let (this, events, writes, denied, succeeded) = (
                self.clone(),
                events.clone(),
                writes.clone(),
                denied.clone(),
                succeeded.clone(),
            );
            tasks.spawn(async move {
                let _chunk = permit;
                this.chunk(rows, events, writes, denied, succeeded).await;
            });
            while tasks.try_join_next().is_some() {}
        };
        while !self.stop.load(Ordering::SeqCst) {
            let Some(item) = items.recv().await else {
                break;
            };
            match item {
                Item::Invalid(e) => {
                    let r = RowResult {
                        line: e.line,
                        user: e.user.clone().unwrap_or_default(),
                        action: self.action.name(),
                        outcome: Outcome::Skipped,
                        reason: Some(e.reason.clone()),
                        request_id: None,
                    };
                    if self.dry_run {
                        let _ = events.send(Event::Would(r));
                    } else if self.resume.is_done(e.line) {
                        let _ = events.send(Event::AlreadyDone);
                    } else {
                        self.record_done(&r).await;
                        let _ = events.send(Event::Done(r));
                    }
                }
                Item::Row(row) if !self.dry_run && self.resume.is_done(row.line) => {
                    let _ = events.send(Event::AlreadyDone);
                }
                Item::Row(row) => {
                    chunk.push(row);
                    if chunk.len() == CHUNK {
                        dispatch(std::mem::replace(&mut chunk, Vec::with_capacity(CHUNK))).await;
                    }
                }
            }
        }
        if !chunk.is_empty() && !self.stop.load(Ordering::SeqCst) {
            dispatch(chunk).await;
        }
        while tasks.join_next().await.is_some() {}
    }

    async fn chunk(
        self: Arc<Self>,
        rows: Vec<Row>,
        events: mpsc::UnboundedSender<Event>,
        writes: Arc<Semaphore>,
        denied: Arc<AtomicU64>,
        succeeded: Arc<AtomicBool>,
    ) {
        let now = jiff::Timestamp::now();
        let calls: Vec<_> = rows
            .iter()
            .flat_map(|r| card::calls(&r.user, now, false))
            .collect();
        let per_row = calls.len() / rows.len().max(1);
        let replies = self.door.graph().batch(&calls).await;
        let mut states: Vec<Result<Subject, String>> = match replies {
            Ok(replies) => {
                let mut it = replies.into_iter();
                rows.iter()
                    .map(|r| self.subject(&r.user, (&mut it).take(per_row).collect()))
                    .collect()
            }
            Err(e) => rows.iter().map(|_| Err(e.to_string())).collect(),
        };
        let mut tasks = tokio::task::JoinSet::new();
        for (row, state) in rows.into_iter().zip(states.drain(..)) {
            if self.stop.load(Ordering::SeqCst) && !self.resume.in_flight.contains_key(&row.line) {
                break;
            }
            let permit = writes.clone().acquire_owned().await;
            let (this, events, denied, succeeded) = (
                self.clone(),
                events.clone(),
                denied.clone(),
                succeeded.clone(),
            );
            tasks.spawn(async move {
                let user = row.user.as_str().to_string();
                let line = row.line;
                let (d, ids) = recording_writes(this.row(row, state)).await;
                // the next row may start now: this one's outcome needs no request, and a run
                // killed before it is on disk reconciles the row from its intent
                drop(permit);
                let r = RowResult {
                    line,
                    user,
                    action: this.action.name(),
                    outcome: d.outcome,
                    reason: d.reason,
                    request_id: ids.last().cloned(),
                };
                if this.dry_run {
                    let _ = events.send(Event::Would(r));
                    return;
                }
                this.record_done(&r).await;
                this.watch_denials(&r, &denied, &succeeded);
                let _ = events.send(Event::Done(r));
            });
        }
        while tasks.join_next().await.is_some() {}
    }

    /// Stops the run when its first rows are all refused for lack of sign-in or permission.
    fn watch_denials(&self, r: &RowResult, denied: &AtomicU64, succeeded: &AtomicBool) {
        if r.outcome != Outcome::Failed {
            succeeded.store(true, Ordering::SeqCst);
            return;
        }
        let refused = r.reason.as_deref().is_some_and(|x| {
            x.contains("HTTP 403") || x.contains("HTTP 401") || x.contains("not signed in")
        });
        if refused
            && !succeeded.load(Ordering::SeqCst)
            && denied.fetch_add(1, Ordering::SeqCst) + 1 >= DENIED_STOP
        {
            *self.fatal.lock().unwrap_or_else(|e| e.into_inner()) = Some((
                format!(
                    "the first {DENIED_STOP} rows were all refused ({})",
                    r.reason.clone().unwrap_or_default()
                ),
                true,
            ));
            self.stop.store(true, Ordering::SeqCst);
        }
    }

    async fn record_done(&self, r: &RowResult) {
        if let Some(j) = &self.journal
            && let Err(e) = j
                .append(&Record::Done {
                    line: r.line,
                    user: r.user.clone(),
                    outcome: r.outcome,
                    reason: r.reason.clone(),
                    request_id: r.request_id.clone(),
                })
                .await
        {
            self.abort(format!("{e}"));
        }
    }

    /// Journals the intent before a change; false when that failed (nothing is then sent).
    async fn intend(&self, row: &Row, before: Value) -> bool {
        let Some(j) = &self.journal else {
            return true;
        };
        match j
            .append(&Record::Intent {
                line: row.line,
                user: row.user.as_str().to_string(),
                before,
            })
            .await
        {
            Ok(()) => true,
            Err(e) => {
                self.abort(e.to_string());
                false
            }
        }
    }

    fn abort(&self, why: String) {
        *self.fatal.lock().unwrap_or_else(|e| e.into_inner()) = Some((why, false));
        self.stop.store(true, Ordering::SeqCst);
    }

    async fn row(&self, row: Row, state: Result<Subject, String>) -> RowEnd {
        let subject = match state {
            Ok(s) => s,
            Err(e) => return failed(e),
        };
        let earlier = self.resume.in_flight.get(&row.line);
        let methods = subject.methods.clone().unwrap_or_default();
        match (self.action, &row.task) {
            (Action::PhoneSet, Task::Phone { number, phone_type }) => {
                self.phone(&row, subject, &methods, number, *phone_type, earlier)
                    .await
            }
            (Action::PasscodeIssue, Task::Pass { lifetime, start }) => {
                self.pass(&row, subject, &methods, *lifetime, *start, earlier)
                    .await
            }
            (Action::SessionRevoke, Task::User) => self.revoke(&row, subject, earlier).await,
            (Action::MethodReset, Task::User) => self.reset(&row, subject, &methods, earlier).await,
            (Action::QrIssue, Task::User) => self.qr(&row, subject, earlier).await,
            (Action::PasskeyProvision, Task::User) => {
                self.passkey(&row, subject, &methods, earlier).await
            }
            _ => failed("internal mismatch of row and action"),
        }
    }

    /// Decides and guards the row's change through the door: the change, or how the row ends
    /// without one (already so, refused, or what a dry run would do).
    async fn admit(
        &self,
        ask: Ask,
        subject: Subject,
        already: impl FnOnce(String) -> RowEnd,
    ) -> Result<crate::change::Admitted, RowEnd> {
        let change = match self.door.decide(&ask, &subject).await {
            Ok(Decided::Change(c)) => c,
            Ok(Decided::Already(said)) => return Err(already(said)),
            Err(e) => return Err(failed(e)),
        };
        match self
            .door
            .admit(*change, &Authority::Job(self.job.clone()))
            .await
        {
            Ok(a) => Ok(a),
            Err(ChangeError::Refused(r)) => {
                Err(failed(format!("refused: {} (nothing was sent)", r.reason)))
            }
            Err(e) => Err(failed(e)),
        }
    }

    /// A row's change admitted and its intent journaled: the change to send, or how the row
    /// ends without one (already so, refused, what a dry run would do, no journal).
    async fn ready(
        &self,
        row: &Row,
        ask: Ask,
        subject: Subject,
        would: &str,
        intent: Value,
    ) -> Result<crate::change::Admitted, RowEnd> {
        let admitted = self
            .admit(ask, subject, |s| done(Outcome::Unchanged, Some(s)))
            .await?;
        if self.dry_run {
            return Err(done(Outcome::Changed, Some(would.into())));
        }
        if !self.intend(row, intent).await {
            return Err(failed("the journal could not be written; nothing was sent"));
        }
        Ok(admitted)
    }

    /// A row an earlier run made its change for: done when its code or PIN reached the codes
    /// file, else failed with what to do (`lost`).
    fn made_earlier(&self, row: &Row, saved: &str, lost: String) -> RowEnd {
        let in_file = self
            .codes
            .as_ref()
            .is_some_and(|(path, _)| Codes::lines(path).contains(&row.line));
        if in_file {
            done(Outcome::Changed, Some(saved.into()))
        } else {
            failed(lost)
        }
    }

    /// Sends an admitted row's change through the door.
    async fn send(&self, admitted: crate::change::Admitted) -> Result<Done, ChangeError> {
        let ended = self.door.send(admitted).await;
        if let Some(e) = ended.unrecorded {
            // the intent is in the audit log; the journal keeps the row's end
            self.abort(format!(
                "the audit log could not take a row's outcome ({e}); stopped"
            ));
        }
        ended.done
    }

    async fn phone(
        &self,
        row: &Row,
        subject: Subject,
        methods: &[AuthMethod],
        number: &str,
        phone_type: PhoneType,
        earlier: Option<&Value>,
    ) -> RowEnd {
        let phones: Vec<PhoneMethod> = methods
            .iter()
            .filter_map(|m| match m {
                AuthMethod::Phone(p) => Some(p.clone()),
                _ => None,
            })
            .collect();
        let plan = phone::plan(&phones, phone_type, number);
        let kind = crate::change::rules::phone_label(phone_type);
        match (&plan, earlier) {
            // an earlier run's change landed before it was killed
            (Plan::AlreadySet, Some(_)) => {
                return done(Outcome::Changed, Some("set by the earlier run".into()));
            }
            (Plan::MaybeSet { shown }, Some(e)) if e["plan"] != "maybe" => {
                return done(
                    Outcome::Changed,
                    Some(format!(
                        "set by the earlier run, as far as the masked number {shown} shows"
                    )),
                );
            }
            _ => {}
        }
        let ask = Ask::PhoneSet {
            number: number.to_string(),
            phone_type,
            region: self.region.clone(),
        };
        let admitted = match self
            .admit(ask, subject, |_| {
                done(
                    Outcome::Unchanged,
                    Some(format!("the {kind} phone is already {number}")),
                )
            })
            .await
        {
            Ok(a) => a,
            Err(d) => return d,
        };
        let (name, from) = match &plan {
            Plan::Add => ("add", None),
            Plan::Change { from } => ("change", Some(from.clone())),
            Plan::MaybeSet { shown } => ("maybe", Some(shown.clone())),
            Plan::AlreadySet => ("none", None),
        };
        if self.dry_run {
            return done(
                Outcome::Changed,
                Some(match &plan {
                    Plan::Add => format!("would add {number} as the {kind} phone"),
                    Plan::Change { from } => {
                        format!("would change the {kind} phone from {from} to {number}")
                    }
                    _ => format!(
                        "would set the {kind} phone to {number} (Graph shows it masked, so care can't tell whether it already is)"
                    ),
                }),
            );
        }
        if !self.intend(row, json!({"plan": name, "from": from})).await {
            return failed("the journal could not be written; nothing was sent");
        }
        match self.send(admitted).await {
            Ok(Done::Phone(PhoneOutcome::SetWithoutSmsSignIn)) => done(
                Outcome::Changed,
                Some("set for MFA; SMS sign-in is not available on it (another user signs in by SMS with this number)".into()),
            ),
            Ok(Done::Phone(PhoneOutcome::ProbablySet { shown })) => done(
                Outcome::Changed,
                Some(format!("the answer was lost; the number Graph shows now ({shown}, masked) matches")),
            ),
            Ok(_) => done(Outcome::Changed, None),
            Err(e) => failed(e),
        }
    }

    async fn pass(
        &self,
        row: &Row,
        subject: Subject,
        methods: &[AuthMethod],
        lifetime: Option<i64>,
        start: Option<jiff::Timestamp>,
        earlier: Option<&Value>,
    ) -> RowEnd {
        let passes: Vec<TapMethod> = methods
            .iter()
            .filter_map(|m| match m {
                AuthMethod::TemporaryAccessPass(t) => Some(t.clone()),
                _ => None,
            })
            .collect();
        if let Some(e) = earlier {
            let before = ids(e, "passes");
            if passes.iter().any(|p| !before.contains(&p.id.as_str())) {
                return self.made_earlier(
                    row,
                    "issued by the earlier run; its code is in the codes file",
                    format!(
                        "the earlier run issued a pass but was stopped before its code was saved; issue it again: care passcode issue {} --replace",
                        row.user.as_str()
                    ),
                );
            }
        }
        let ask = Ask::PassIssue {
            lifetime,
            start,
            one_time: self.one_time,
        };
        let admitted = match self
            .admit(ask, subject, |s| done(Outcome::Unchanged, Some(s)))
            .await
        {
            Ok(a) => a,
            Err(d) => return d,
        };
        let replacing = crate::change::rules::usable_pass_ends(&passes);
        if self.dry_run {
            return done(
                Outcome::Changed,
                Some(format!(
                    "would issue a {} pass{}{}",
                    if self.one_time {
                        "one-time"
                    } else {
                        "multi-use"
                    },
                    lifetime
                        .map(|m| format!(" for {m} minutes"))
                        .unwrap_or_default(),
                    replacing
                        .map(|e| format!(", replacing a usable one (until {e})"))
                        .unwrap_or_default()
                )),
            );
        }
        let before: Vec<&str> = passes.iter().map(|p| p.id.as_str()).collect();
        if !self.intend(row, json!({"passes": before})).await {
            return failed("the journal could not be written; nothing was sent");
        }
        let pass = match self.send(admitted).await {
            Ok(Done::Pass(p)) => p,
            Ok(_) => return failed("care asked for a pass and made another change"),
            Err(ChangeError::Ops(OpsError::CodeLost(_))) => {
                return failed(format!(
                    "the pass was created, but its code was lost on the way back; issue it again: care passcode issue {} --replace",
                    row.user.as_str()
                ));
            }
            Err(e) => return failed(e),
        };
        let Some(code) = &pass.temporary_access_pass else {
            return failed("Graph created the pass but sent no code");
        };
        let Some((_, codes)) = &self.codes else {
            return failed("no codes file");
        };
        let end = pass_expiry(&pass).map(|e| e.to_string());
        let saved = codes
            .lock()
            .unwrap_or_else(|e| e.into_inner())
            .add(&CodeLine {
                line: row.line,
                user: row.user.as_str(),
                code,
                rest: [
                    pass.start_date_time.clone().unwrap_or_default(),
                    end.clone().unwrap_or_default(),
                    pass.is_usable_once.unwrap_or(self.one_time).to_string(),
                ],
            });
        match saved {
            Ok(()) => done(
                Outcome::Changed,
                replacing.map(|e| format!("replaced a usable pass (until {e})")),
            ),
            Err(e) => {
                self.abort(e.to_string());
                failed(format!(
                    "the pass was issued, but its code could not be saved ({e}); issue it again with --replace"
                ))
            }
        }
    }

    /// A QR code + PIN badge: the PIN to the codes file, the badge to the badges folder, both
    /// before the row is done (a run stopped in between says what to do).
    async fn qr(&self, row: &Row, subject: Subject, earlier: Option<&Value>) -> RowEnd {
        // a row an earlier run began: whether its method was made is read from Graph itself
        let has_qr = match earlier {
            Some(_) => match self.door.graph().qr_method(&row.user).await {
                Ok(m) => m.is_some(),
                Err(e) => return failed(e),
            },
            None => false,
        };
        if has_qr {
            return self.made_earlier(
                row,
                "made by the earlier run; its PIN is in the codes file",
                format!(
                    "the earlier run made the QR code but was stopped before its PIN was saved; make it again: care qr remove {0}, then care qr issue {0}",
                    row.user.as_str()
                ),
            );
        }
        let user = subject.user.clone();
        let admitted = match self
            .ready(
                row,
                Ask::Qr(QrAsk::Issue),
                subject,
                "would make a QR code + PIN badge",
                json!({"qr": has_qr}),
            )
            .await
        {
            Ok(a) => a,
            Err(d) => return d,
        };
        let method = match self.send(admitted).await {
            Ok(Done::Qr(m)) => m,
            Ok(_) => return failed("care asked for a QR code and made another change"),
            Err(e) => return failed(e),
        };
        let code = method.standard_qr_code.clone().unwrap_or_default();
        let (Some(pin), Some((_, codes)), Some(folder)) = (
            method.pin.as_ref().and_then(|p| p.code.as_ref()),
            &self.codes,
            &self.badges,
        ) else {
            return failed(
                "the QR code was made, but its PIN or image did not come back, or there is nowhere to save them",
            );
        };
        let name = format!("{:06}-{}.png", row.line, safe_file_name(row.user.as_str()));
        // the PIN first: it exists only in this answer; a badge can be made again from a code
        // that works, a PIN cannot
        let saved = codes
            .lock()
            .unwrap_or_else(|e| e.into_inner())
            .add(&CodeLine {
                line: row.line,
                user: row.user.as_str(),
                code: pin,
                rest: [
                    code.start_date_time.clone().unwrap_or_default(),
                    code.expire_date_time.clone().unwrap_or_default(),
                    name.clone(),
                ],
            });
        if let Err(e) = saved {
            self.abort(e.to_string());
            return failed(format!(
                "the QR code was made, but its PIN could not be saved ({e}); make it again: care qr remove {0}, then care qr issue {0}",
                row.user.as_str()
            ));
        }
        let written = match badge::of_code(&code) {
            Some(Ok(m)) => crate::private_file::create_new(&folder.join(&name))
                .and_then(|mut f| {
                    use std::io::Write;
                    f.write_all(&badge::for_user(&user, &m, &code, false))
                        .map_err(|source| crate::private_file::PrivateFileError::Write {
                            path: folder.join(&name).display().to_string(),
                            source,
                        })
                })
                .map_err(|e| e.to_string()),
            Some(Err(e)) => Err(e),
            None => Err("Graph sent no image".into()),
        };
        match written {
            Ok(()) => done(Outcome::Changed, None),
            Err(e) => done(
                Outcome::Changed,
                Some(format!(
                    "its PIN is in the codes file, but the badge could not be written ({e}): care qr remove {0}, then care qr issue {0} --badge FILE",
                    row.user.as_str()
                )),
            ),
        }
    }

    /// A passkey made on the row's key (care's software key, or the next key from the box, asked
    /// for only once the row is admitted); a PIN care set on a new key goes to the codes file,
    /// even when the passkey was then not registered (the key has it).
    async fn passkey(
        &self,
        row: &Row,
        subject: Subject,
        methods: &[AuthMethod],
        earlier: Option<&Value>,
    ) -> RowEnd {
        let before: Vec<&str> = methods
            .iter()
            .filter(|m| matches!(m, AuthMethod::Fido2(_)))
            .map(AuthMethod::id)
            .collect();
        if let Some(e) = earlier {
            let had = ids(e, "passkeys");
            if let Some(made) = before.iter().find(|id| !had.contains(id)) {
                let saved = self
                    .codes
                    .as_ref()
                    .is_some_and(|(path, _)| Codes::holds(path, row.line, made));
                return match saved {
                    true => done(
                        Outcome::Changed,
                        Some("made by the earlier run; its key's PIN is in the codes file".into()),
                    ),
                    false => failed(format!(
                        "the earlier run made the passkey but was stopped before its key's PIN was saved: reset that key (which wipes it), remove the passkey (care passkey remove {} {made}) and make it again",
                        row.user.as_str()
                    )),
                };
            }
        }
        // a box of keys goes to people without one; another is made one at a time, at the desk
        if !before.is_empty() {
            return done(
                Outcome::Unchanged,
                Some(format!(
                    "already has a passkey ({}); to make another: care passkey provision {}",
                    before.join(", "),
                    row.user.as_str()
                )),
            );
        }
        let Some(keys) = &self.keys else {
            return failed("no authenticator for passkeys");
        };
        let key = keys(row.line, row.user.as_str());
        let ask = Ask::PasskeyProvision {
            name: crate::ops::passkey::DEFAULT_NAME.into(),
            key: key.clone(),
        };
        let admitted = match self
            .ready(
                row,
                ask,
                subject,
                &format!("would make a passkey on {}", key.describe()),
                json!({"passkeys": before}),
            )
            .await
        {
            Ok(a) => a,
            Err(d) => return d,
        };
        let sent = self.send(admitted).await;
        let made = match &sent {
            Ok(Done::Passkey(p)) => Some(p),
            _ => None,
        };
        if let Some(pin) = key.new_pin() {
            let Some((_, codes)) = &self.codes else {
                return failed("the key has a new PIN, and there is no codes file to save it in");
            };
            let saved = codes
                .lock()
                .unwrap_or_else(|e| e.into_inner())
                .add(&CodeLine {
                    line: row.line,
                    user: row.user.as_str(),
                    code: &pin,
                    rest: [
                        made.and_then(|p| p.created_date_time.clone())
                            .unwrap_or_default(),
                        made.map(|p| p.id.clone()).unwrap_or_default(),
                        made.and_then(|p| p.model.clone()).unwrap_or_default(),
                    ],
                });
            if let Err(e) = saved {
                self.abort(e.to_string());
                return failed(format!(
                    "the key has a new PIN, but it could not be saved ({e}): reset that key (which wipes it) and make it again"
                ));
            }
        }
        match sent {
            Ok(Done::Passkey(_)) => done(Outcome::Changed, None),
            Ok(_) => failed("care asked for a passkey and made another change"),
            Err(e) if key.new_pin().is_some() => failed(format!(
                "{e} (the key kept the PIN it was given: it is in the codes file)"
            )),
            Err(e) => failed(e),
        }
    }

    async fn revoke(&self, row: &Row, subject: Subject, earlier: Option<&Value>) -> RowEnd {
        let now = subject.user.sign_in_sessions_valid_from_date_time.clone();
        if let Some(e) = earlier
            && now.is_some()
            && e["validFrom"].as_str() != now.as_deref()
        {
            return done(Outcome::Changed, Some("revoked by the earlier run".into()));
        }
        let admitted = match self
            .ready(
                row,
                Ask::SessionRevoke,
                subject,
                "would sign the user out everywhere",
                json!({"validFrom": now}),
            )
            .await
        {
            Ok(a) => a,
            Err(d) => return d,
        };
        match self.send(admitted).await {
            Ok(_) => done(Outcome::Changed, None),
            Err(e) => failed(e),
        }
    }

    async fn reset(
        &self,
        row: &Row,
        subject: Subject,
        methods: &[AuthMethod],
        earlier: Option<&Value>,
    ) -> RowEnd {
        let (delete, _) = reset::plan(methods);
        let now = subject.user.sign_in_sessions_valid_from_date_time.clone();
        if delete.is_empty() {
            let Some(e) = earlier else {
                return done(
                    Outcome::Unchanged,
                    Some("no methods to remove but the password".into()),
                );
            };
            // the earlier run removed them all; the sessions may still need revoking
            if now.is_some() && e["validFrom"].as_str() != now.as_deref() {
                return done(Outcome::Changed, Some("reset by the earlier run".into()));
            }
        }
        let what: Vec<String> = delete
            .iter()
            .map(|m| crate::ops::card::MethodView::of(m, None).detail)
            .collect();
        let admitted = match self
            .admit(Ask::MethodReset { region: None }, subject, |s| {
                done(Outcome::Unchanged, Some(s))
            })
            .await
        {
            Ok(a) => a,
            Err(d) => return d,
        };
        if self.dry_run {
            return done(
                Outcome::Changed,
                Some(format!(
                    "would remove {} and sign the user out",
                    what.join("; ")
                )),
            );
        }
        if earlier.is_none() && !self.intend(row, json!({"validFrom": now})).await {
            return failed("the journal could not be written; nothing was sent");
        }
        let report = match self.send(admitted).await {
            Ok(Done::Reset(r)) => r,
            Ok(_) => return failed("care asked for a reset and made another change"),
            Err(e) => return failed(e),
        };
        let mut problems: Vec<String> = report
            .failed
            .iter()
            .map(|(m, e)| format!("{}: {e}", m.detail))
            .collect();
        if !report.skipped.is_empty() {
            problems.push(format!(
                "left in place (care can't remove them): {}",
                report
                    .skipped
                    .iter()
                    .map(|m| m.detail.clone())
                    .collect::<Vec<_>>()
                    .join("; ")
            ));
        }
        match report.sessions {
            Some(Err(e)) => problems.push(format!("sessions not revoked: {e}")),
            None if report.failed.is_empty() && report.skipped.is_empty() => {}
            None => problems.push("sessions not revoked, because methods remain".into()),
            Some(Ok(())) => {}
        }
        if problems.is_empty() {
            done(Outcome::Changed, None)
        } else {
            failed(problems.join("; "))
        }
    }
}
