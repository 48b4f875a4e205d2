//! The local audit log: one JSON line per change an agent made (or was refused) on this machine,
//! each chained to the one before by a SHA-256 hash, fsynced before the change's result is
//! shown. `audit.head` holds the last record's number and hash, so a deleted last record is
//! found too. A record holds who, what, to whom, why (ticket, verification, override) and how
//! it ended, with Graph's request-id; never a pass code, a token or a secret. Records that
//! arrive together (a bulk job's rows) are written together and share one fsync and one head.

use crate::private_file::{self, PrivateFileError};
use serde::{Deserialize, Serialize};
use sha2::{Digest, Sha256};
use std::io::Write;
use std::path::{Path, PathBuf};
use std::sync::OnceLock;
use tokio::sync::{mpsc, oneshot};

#[derive(Debug, thiserror::Error)]
pub enum AuditError {
    #[error(transparent)]
    File(#[from] PrivateFileError),
    #[error("the audit log {path} is damaged at record {line}: {why}")]
    Broken {
        path: String,
        line: u64,
        why: String,
    },
    /// A batch of records could not be written (said once per record of the batch).
    #[error("{0}")]
    Unwritten(String),
}

/// Who a change was made to.
#[derive(Debug, Clone, Default, Serialize, Deserialize, PartialEq, Eq)]
#[serde(rename_all = "camelCase")]
pub struct Target {
    pub id: String,
    pub upn: String,
}

/// One record, as written (without its chain fields).
#[derive(Debug, Clone, Default, Serialize, Deserialize, PartialEq, Eq)]
#[serde(rename_all = "camelCase")]
pub struct Entry {
    /// RFC 3339, UTC.
    pub at: String,
    /// The signed-in agent's UPN, or `app <client id>`.
    pub agent: String,
    pub tenant: String,
    /// `passcode.issue`, `phone.set`, `verify`, …
    pub action: String,
    pub target: Target,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub ticket: Option<String>,
    /// `callback`, `manager`, `manager-code`, `in-person`, `verified-id`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub verified_by: Option<String>,
    /// What backs the verification: the number called back, the witness, the reference.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub evidence: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub override_reason: Option<String>,
    /// `success`, `failed`, `refused` (by policy, nothing sent), `cancelled`.
    pub result: String,
    /// What changed or why not, in plain words.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub detail: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub request_id: Option<String>,
    /// The bulk job a row's record belongs to (its start record names who approved it).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub job: Option<String>,
    /// Who approved a bulk job, on its start record.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub approved_by: Option<String>,
    /// The guided call (`care call`) a record was made on: its [`CALL_START`] and
    /// [`CALL_END`] records and every record between name it.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub call: Option<String>,
}

/// The first record of a guided call (result `started`), written when `care call` starts.
pub const CALL_START: &str = "call.start";
/// The last record of a guided call (result `ended`): whom it was about, and what they
/// needed (`detail`: `needs: left-phone, delegate`, the FAQ's topics).
pub const CALL_END: &str = "call.end";
/// A guided call's start or end record: its action and its result.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum CallMark {
    Start,
    End,
}

impl CallMark {
    pub fn action(self) -> &'static str {
        match self {
            CallMark::Start => CALL_START,
            CallMark::End => CALL_END,
        }
    }

    pub fn result(self) -> &'static str {
        match self {
            CallMark::Start => "started",
            CallMark::End => "ended",
        }
    }
}

/// How a guided call's end record says what the caller needed.
pub const NEEDS: &str = "needs: ";

/// A record with its place in the chain.
#[derive(Debug, Clone, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct Record {
    pub seq: u64,
    #[serde(flatten)]
    pub entry: Entry,
    /// The hash of the record before (zeros for the first).
    pub prev: String,
    /// SHA-256 of this record's JSON without `hash`.
    pub hash: String,
}

/// A record about `upn` for the tests of what reads the log (no chain: `seq` alone).
#[cfg(test)]
pub fn sample(seq: u64, at: &str, upn: &str, action: &str, result: &str) -> Record {
    Record {
        seq,
        entry: Entry {
            at: at.into(),
            agent: "care.auth@district.example".into(),
            action: action.into(),
            target: Target {
                id: String::new(),
                upn: upn.into(),
            },
            result: result.into(),
            ..Entry::default()
        },
        prev: String::new(),
        hash: String::new(),
    }
}

const GENESIS: &str = "0000000000000000000000000000000000000000000000000000000000000000";

fn hash_of(seq: u64, entry: &Entry, prev: &str) -> String {
    #[derive(Serialize)]
    struct Unsigned<'a> {
        seq: u64,
        #[serde(flatten)]
        entry: &'a Entry,
        prev: &'a str,
    }
    let bytes = serde_json::to_vec(&Unsigned { seq, entry, prev }).unwrap_or_default();
    Sha256::digest(&bytes)
        .iter()
        .map(|b| format!("{b:02x}"))
        .collect()
}

/// Whether `record` is as it was written: its hash is its own (a record edited afterwards, or
/// one given another's hash, is not).
pub fn sealed(record: &Record) -> bool {
    hash_of(record.seq, &record.entry, &record.prev) == record.hash
}

type Pending = (Entry, oneshot::Sender<Result<Record, String>>);

/// The log in the state dir.
pub struct AuditLog {
    path: PathBuf,
    /// The writer thread, started by the first append: it takes every record waiting and
    /// writes them with one fsync (group commit).
    writer: OnceLock<mpsc::UnboundedSender<Pending>>,
}

/// The last record's place, kept beside the log.
#[derive(Debug, Clone, Serialize, Deserialize, PartialEq, Eq)]
struct Head {
    seq: u64,
    hash: String,
}

impl AuditLog {
    pub fn new(dir: &Path) -> AuditLog {
        AuditLog::at(dir.join("audit.jsonl"))
    }

    /// A log of records in the file `path` (its head and lock beside it).
    pub fn at(path: PathBuf) -> AuditLog {
        AuditLog {
            path,
            writer: OnceLock::new(),
        }
    }

    pub fn path(&self) -> &Path {
        &self.path
    }

    fn head_path(&self) -> PathBuf {
        self.path.with_extension("head")
    }

    fn read_head(&self) -> Result<Option<Head>, AuditError> {
        Ok(private_file::read(&self.head_path())?
            .and_then(|bytes| serde_json::from_slice(&bytes).ok()))
    }

    /// Where the chain ends: the head file, or the last record when a crash left the log ahead
    /// of its head (the records are on disk, their head was not yet replaced), or when there
    /// is no head yet. `verify` checks that the records between follow from the head.
    fn head(&self) -> Result<Head, AuditError> {
        let last = self.last_record()?;
        Ok(match (self.read_head()?, last) {
            (Some(h), Some(r)) if r.seq > h.seq => Head {
                seq: r.seq,
                hash: r.hash,
            },
            (Some(h), _) => h,
            (None, Some(r)) => Head {
                seq: r.seq,
                hash: r.hash,
            },
            (None, None) => Head {
                seq: 0,
                hash: GENESIS.into(),
            },
        })
    }

    /// The log's last record, read from its end.
    fn last_record(&self) -> Result<Option<Record>, AuditError> {
        use std::io::{Read, Seek, SeekFrom};
        let mut file = match std::fs::File::open(&self.path) {
            Ok(f) => f,
            Err(e) if e.kind() == std::io::ErrorKind::NotFound => return Ok(None),
            Err(source) => {
                return Err(PrivateFileError::Read {
                    path: self.path.display().to_string(),
                    source,
                }
                .into());
            }
        };
        let read = |source| PrivateFileError::Read {
            path: self.path.display().to_string(),
            source,
        };
        let len = file.seek(SeekFrom::End(0)).map_err(read)?;
        // a record is far shorter than this; the tail holds at least the last whole one
        let from = len.saturating_sub(64 * 1024);
        file.seek(SeekFrom::Start(from)).map_err(read)?;
        let mut tail = vec![];
        file.read_to_end(&mut tail).map_err(read)?;
        Ok(tail
            .rsplit(|b| *b == b'\n')
            .filter(|l| !l.is_empty())
            .find_map(|l| serde_json::from_slice::<Record>(l).ok()))
    }

    /// Appends `entry`, chained to the last record; on disk (fsynced) when this returns.
    /// Records appended at the same time are written together.
    pub async fn append(&self, entry: Entry) -> Result<Record, AuditError> {
        let writer = self.writer.get_or_init(|| {
            let (tx, mut rx) = mpsc::unbounded_channel::<Pending>();
            let log = AuditLog::at(self.path.clone());
            std::thread::spawn(move || {
                while let Some(first) = rx.blocking_recv() {
                    let mut batch = vec![first];
                    while let Ok(more) = rx.try_recv() {
                        batch.push(more);
                    }
                    let (entries, replies): (Vec<_>, Vec<_>) = batch.into_iter().unzip();
                    match log.append_all(entries) {
                        Ok(records) => {
                            for (record, reply) in records.into_iter().zip(replies) {
                                let _ = reply.send(Ok(record));
                            }
                        }
                        Err(e) => {
                            for reply in replies {
                                let _ = reply.send(Err(e.to_string()));
                            }
                        }
                    }
                }
            });
            tx
        });
        let (reply, written) = oneshot::channel();
        let stopped = || AuditError::Unwritten("the audit log's writer stopped".into());
        writer.send((entry, reply)).map_err(|_| stopped())?;
        written
            .await
            .map_err(|_| stopped())?
            .map_err(AuditError::Unwritten)
    }

    /// Appends `entries` in order, chained to the last record, under the log's lock (other
    /// processes wait): one write, one fsync, one head.
    pub fn append_all(&self, entries: Vec<Entry>) -> Result<Vec<Record>, AuditError> {
        let lock = private_file::append(&self.path.with_extension("lock"))?;
        lock.lock().map_err(|source| PrivateFileError::Write {
            path: self.path.display().to_string(),
            source,
        })?;
        let mut head = self.head()?;
        let mut lines = vec![];
        let mut records = Vec::with_capacity(entries.len());
        for entry in entries {
            let seq = head.seq + 1;
            let hash = hash_of(seq, &entry, &head.hash);
            let record = Record {
                seq,
                entry,
                prev: std::mem::replace(&mut head.hash, hash.clone()),
                hash,
            };
            head.seq = seq;
            lines.extend(serde_json::to_vec(&record).unwrap_or_default());
            lines.push(b'\n');
            records.push(record);
        }
        let mut file = private_file::append(&self.path)?;
        file.write_all(&lines)
            .and_then(|_| file.sync_data())
            .map_err(|source| PrivateFileError::Write {
                path: self.path.display().to_string(),
                source,
            })?;
        private_file::replace(
            &self.head_path(),
            &serde_json::to_vec(&head).unwrap_or_default(),
        )?;
        Ok(records)
    }

    /// Every record, in order (a torn last line is skipped).
    pub fn records(&self) -> Result<Vec<Record>, AuditError> {
        let Some(bytes) = private_file::read(&self.path)? else {
            return Ok(vec![]);
        };
        Ok(bytes
            .split(|b| *b == b'\n')
            .filter(|l| !l.is_empty())
            .filter_map(|l| serde_json::from_slice(l).ok())
            .collect())
    }

    /// Checks the chain: every record's hash, its link to the one before, the numbering, and
    /// the head (the count and the last hash, kept beside the log): an edit, an insertion, a
    /// deletion, and records cut from the end (how many) are found. A log one record ahead of
    /// its head is what a crash between the two writes leaves, and is intact.
    pub fn verify(&self) -> Result<Verified, AuditError> {
        let broken = |line: u64, why: String| AuditError::Broken {
            path: self.path.display().to_string(),
            line,
            why,
        };
        let head = self.read_head()?;
        let bytes = private_file::read(&self.path)?.unwrap_or_default();
        let mut prev = GENESIS.to_string();
        // the hash of the record the head names, when the log goes on past it
        let mut at_head = None;
        let mut seq = 0;
        for (i, line) in bytes.split(|b| *b == b'\n').enumerate() {
            if line.is_empty() {
                continue;
            }
            let n = i as u64 + 1;
            let r: Record = serde_json::from_slice(line)
                .map_err(|_| broken(n, "the line is not a record".into()))?;
            if r.seq != seq + 1 {
                return Err(broken(
                    n,
                    format!(
                        "record {} follows record {seq}: a record was deleted or inserted",
                        r.seq
                    ),
                ));
            }
            if r.prev != prev {
                return Err(broken(
                    n,
                    "it does not follow from the record before: a record was deleted, inserted or edited".into(),
                ));
            }
            if hash_of(r.seq, &r.entry, &r.prev) != r.hash {
                return Err(broken(
                    n,
                    "its content was edited after it was written".into(),
                ));
            }
            if head.as_ref().is_some_and(|h| h.seq == r.seq) {
                at_head = Some(r.hash.clone());
            }
            prev = r.hash;
            seq = r.seq;
        }
        let intact = |note: Option<String>| Ok(Verified { records: seq, note });
        match head {
            Some(h) if h.seq == seq && h.hash == prev => intact(None),
            Some(h) if h.seq < seq && at_head.as_deref() == Some(h.hash.as_str()) => {
                intact(Some(format!(
                    "the last {} records are on disk but their head was not updated (care stopped between the two); the next record mends it",
                    seq - h.seq
                )))
            }
            Some(h) if h.seq > seq => Err(broken(
                seq,
                format!(
                    "the log ends at record {seq}, but {} records were written: the last {} are missing",
                    h.seq,
                    h.seq - seq
                ),
            )),
            Some(h) => Err(broken(
                seq,
                format!(
                    "the head says record {} ends the log, which does not match its last record {seq}: the log was cut and rewritten",
                    h.seq
                ),
            )),
            None if seq <= 1 => intact(None),
            None => Err(broken(
                seq,
                format!(
                    "the head file {} is missing: records after {seq} may have been deleted",
                    self.head_path().display()
                ),
            )),
        }
    }
}

/// What `verify` found of an intact log.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Verified {
    pub records: u64,
    /// Something worth saying that is not damage.
    pub note: Option<String>,
}

#[cfg(test)]
mod tests {
    use super::*;

    fn entry(action: &str) -> Entry {
        Entry {
            at: "2026-11-28T12:00:00Z".into(),
            agent: "care.auth@district.example".into(),
            action: action.into(),
            target: Target {
                id: "1".into(),
                upn: "maria.garcia@district.example".into(),
            },
            result: "success".into(),
            ..Entry::default()
        }
    }

    #[tokio::test]
    async fn a_chain_finds_edits_insertions_and_deletions() {
        let dir = tempfile::tempdir().unwrap();
        let log = AuditLog::new(dir.path());
        for a in ["verify", "passcode.issue", "phone.set", "session.revoke"] {
            log.append(entry(a)).await.unwrap();
        }
        assert_eq!(log.verify().unwrap().records, 4);
        let text = std::fs::read_to_string(log.path()).unwrap();
        let lines: Vec<&str> = text.lines().collect();
        let check = |content: String| {
            std::fs::write(log.path(), content).unwrap();
            log.verify().unwrap_err().to_string()
        };
        // edited
        let edited = text.replace("phone.set", "phone.remove");
        assert!(check(edited).contains("edited"));
        // deleted in the middle
        let deleted = [lines[0], lines[2], lines[3]].join("\n") + "\n";
        assert!(check(deleted).contains("deleted"));
        // inserted (a copy of a record)
        let inserted = [lines[0], lines[1], lines[1], lines[2], lines[3]].join("\n") + "\n";
        assert!(check(inserted).contains("inserted"));
        // the last one deleted: the head counts what was written
        let truncated = lines[..3].join("\n") + "\n";
        assert!(check(truncated.clone()).contains("the last 1 are missing"));
        // ... and the head deleted too
        let head = std::fs::read(log.head_path()).unwrap();
        std::fs::remove_file(log.head_path()).unwrap();
        assert!(check(truncated).contains("head file"));
        private_file::replace(&log.head_path(), &head).unwrap();
        std::fs::write(log.path(), &text).unwrap();
        assert_eq!(log.verify().unwrap().records, 4);
        assert_eq!(log.records().unwrap()[1].entry.action, "passcode.issue");
    }

    #[tokio::test]
    async fn a_crash_between_the_records_and_their_head_is_not_damage_and_is_mended() {
        let dir = tempfile::tempdir().unwrap();
        let log = AuditLog::new(dir.path());
        log.append(entry("verify")).await.unwrap();
        let head = std::fs::read(log.head_path()).unwrap();
        log.append_all(vec![entry("phone.set"), entry("phone.set")])
            .unwrap();
        // the head as a crash after the records' fsync leaves it
        std::fs::write(log.head_path(), &head).unwrap();
        let v = log.verify().unwrap();
        assert_eq!(v.records, 3);
        assert!(v.note.unwrap().contains("last 2 records"));
        // the next record follows the last one on disk, not the stale head: no fork
        let r = log.append(entry("session.revoke")).await.unwrap();
        assert_eq!(r.seq, 4);
        assert_eq!(
            log.verify().unwrap(),
            Verified {
                records: 4,
                note: None
            }
        );
        // a stale head that is not on the chain is damage, not a crash
        let text = std::fs::read_to_string(log.path()).unwrap();
        std::fs::write(log.path(), text.replace("session.revoke", "verify")).unwrap();
        assert!(log.verify().unwrap_err().to_string().contains("edited"));
    }

    #[tokio::test(flavor = "multi_thread", worker_threads = 2)]
    async fn records_appended_at_once_share_writes_and_keep_their_order_each() {
        let dir = tempfile::tempdir().unwrap();
        let log = std::sync::Arc::new(AuditLog::new(dir.path()));
        let tasks: Vec<_> = (0..50)
            .map(|i| {
                let log = log.clone();
                tokio::spawn(async move {
                    let first = log.append(entry(&format!("a{i}"))).await.unwrap();
                    let second = log.append(entry(&format!("b{i}"))).await.unwrap();
                    assert!(second.seq > first.seq);
                })
            })
            .collect();
        for t in tasks {
            t.await.unwrap();
        }
        assert_eq!(log.verify().unwrap().records, 100);
    }

    #[test]
    fn two_writers_at_once_keep_one_chain() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().to_path_buf();
        let writers: Vec<_> = (0..4)
            .map(|_| {
                let path = path.clone();
                std::thread::spawn(move || {
                    // as separate processes would: each its own log, one record at a time
                    let log = AuditLog::new(&path);
                    for _ in 0..25 {
                        log.append_all(vec![entry("phone.set")]).unwrap();
                    }
                })
            })
            .collect();
        for w in writers {
            w.join().unwrap();
        }
        assert_eq!(AuditLog::new(&path).verify().unwrap().records, 100);
    }
}
