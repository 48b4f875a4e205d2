//! A bulk job's journal: JSON lines in the platform state dir, named after the job (the command,
//! the input's path and its content hash). Each write is preceded by its intent and followed by
//! its outcome, each fsynced before the run goes on (several rows' records share one fsync).
//! A run that was killed is resumed from it: finished rows are skipped, and rows whose intent
//! has no outcome are reconciled by reading the state. Never a pass code or a token in it.

use super::{Action, Outcome};
use crate::private_file::{self, PrivateFileError};
use serde::{Deserialize, Serialize};
use serde_json::Value;
use std::collections::HashMap;
use std::io::Write;
use std::path::{Path, PathBuf};
use tokio::sync::{mpsc, oneshot};

#[derive(Debug, thiserror::Error)]
pub enum JournalError {
    #[error(transparent)]
    File(#[from] PrivateFileError),
    #[error("cannot write the journal {path}: {source}")]
    Write {
        path: String,
        source: std::io::Error,
    },
    #[error("another care process is running this job ({path} is locked)")]
    Busy { path: String },
}

/// One line of the journal.
#[derive(Debug, Clone, Serialize, Deserialize)]
#[serde(tag = "t", rename_all = "camelCase")]
pub enum Record {
    /// A run started (the first, or a resumed one).
    #[serde(rename_all = "camelCase")]
    Start {
        job: String,
        action: Action,
        input: String,
        sha256: String,
        rows: u64,
        at: String,
    },
    /// A change is about to be sent for the row on `line`; `before` is what care saw first.
    #[serde(rename_all = "camelCase")]
    Intent {
        line: u64,
        user: String,
        before: Value,
    },
    /// The row on `line` ended.
    #[serde(rename_all = "camelCase")]
    Done {
        line: u64,
        user: String,
        outcome: Outcome,
        #[serde(default, skip_serializing_if = "Option::is_none")]
        reason: Option<String>,
        #[serde(default, skip_serializing_if = "Option::is_none")]
        request_id: Option<String>,
    },
    /// A run ended; `interrupted` when it was stopped before every row was done.
    #[serde(rename_all = "camelCase")]
    End { at: String, interrupted: bool },
}

/// `<state dir>/jobs/<job>.jsonl`.
pub fn path(dir: &Path, job: &str) -> PathBuf {
    dir.join(format!("{job}.jsonl"))
}

/// What an earlier run left in the journal.
#[derive(Debug, Default)]
pub struct Resume {
    /// Lines whose row ended, as a bitset.
    done: Vec<u64>,
    /// Rows whose intent was written but not their outcome: `before` of each.
    pub in_flight: HashMap<u64, Value>,
    pub counts: HashMap<Outcome, u64>,
    pub finished: bool,
    pub started: bool,
    pub start: Option<Record>,
    pub last_at: Option<String>,
}

impl Resume {
    pub fn is_done(&self, line: u64) -> bool {
        let (w, b) = ((line / 64) as usize, line % 64);
        self.done.get(w).is_some_and(|x| x & (1 << b) != 0)
    }

    fn mark(&mut self, line: u64) {
        let (w, b) = ((line / 64) as usize, line % 64);
        if self.done.len() <= w {
            self.done.resize(w + 1, 0);
        }
        self.done[w] |= 1 << b;
    }

    pub fn done_rows(&self) -> u64 {
        self.counts.values().sum()
    }

    /// Reads a journal; a torn last line (a crash mid-write) is skipped.
    pub fn read(path: &Path) -> Result<Resume, JournalError> {
        let mut r = Resume::default();
        let Some(bytes) = private_file::read(path)? else {
            return Ok(r);
        };
        for line in bytes.split(|b| *b == b'\n') {
            let Ok(rec) = serde_json::from_slice::<Record>(line) else {
                continue;
            };
            match rec {
                Record::Start { ref at, .. } => {
                    r.started = true;
                    r.finished = false;
                    r.last_at = Some(at.clone());
                    r.start = Some(rec);
                }
                Record::Intent { line, before, .. } => {
                    r.in_flight.insert(line, before);
                }
                Record::Done { line, outcome, .. } => {
                    r.in_flight.remove(&line);
                    if !r.is_done(line) {
                        *r.counts.entry(outcome).or_default() += 1;
                    }
                    r.mark(line);
                }
                Record::End { interrupted, at } => {
                    r.finished = !interrupted && r.in_flight.is_empty();
                    r.last_at = Some(at);
                }
            }
        }
        Ok(r)
    }
}

type Pending = (Vec<u8>, oneshot::Sender<Result<(), String>>);

/// The job's lock (`JOB.lock` beside its journal), held from before its journal is read until
/// the run ends: two `--resume`s of one job can never both read it and redo the same rows.
pub struct JobLock {
    _held: std::fs::File,
}

impl JobLock {
    /// Takes the lock of the job whose journal is `path`; a second process is refused.
    pub fn take(path: &Path) -> Result<JobLock, JournalError> {
        let lock = private_file::append(&path.with_extension("lock"))?;
        if lock.try_lock().is_err() {
            return Err(JournalError::Busy {
                path: path.display().to_string(),
            });
        }
        Ok(JobLock { _held: lock })
    }
}

/// Appends records; each `append` returns once its record is on disk. Records that arrive
/// together share one fsync (group commit), so a journal costs little at a thousand rows a
/// second.
pub struct Journal {
    path: PathBuf,
    tx: mpsc::UnboundedSender<Pending>,
    _lock: JobLock,
}

impl Journal {
    /// Opens (creating it 0600) the journal for appending, under the job's lock.
    pub fn open(path: &Path, lock: JobLock) -> Result<Journal, JournalError> {
        let mut file = private_file::append(path)?;
        let (tx, mut rx) = mpsc::unbounded_channel::<Pending>();
        std::thread::spawn(move || {
            while let Some(first) = rx.blocking_recv() {
                let mut batch = vec![first];
                while let Ok(more) = rx.try_recv() {
                    batch.push(more);
                }
                let mut bytes = vec![];
                for (line, _) in &batch {
                    bytes.extend_from_slice(line);
                }
                let written = file
                    .write_all(&bytes)
                    .and_then(|_| file.sync_data())
                    .map_err(|e| e.to_string());
                for (_, reply) in batch {
                    let _ = reply.send(written.clone());
                }
            }
        });
        Ok(Journal {
            path: path.to_path_buf(),
            tx,
            _lock: lock,
        })
    }

    pub async fn append(&self, record: &Record) -> Result<(), JournalError> {
        let mut line = serde_json::to_vec(record).unwrap_or_default();
        line.push(b'\n');
        let (reply, done) = oneshot::channel();
        let failed = |detail: String| JournalError::Write {
            path: self.path.display().to_string(),
            source: std::io::Error::other(detail),
        };
        self.tx
            .send((line, reply))
            .map_err(|_| failed("the journal writer stopped".into()))?;
        done.await
            .map_err(|_| failed("the journal writer stopped".into()))?
            .map_err(failed)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[tokio::test]
    async fn records_survive_and_a_torn_line_is_skipped() {
        let dir = tempfile::tempdir().unwrap();
        let p = path(dir.path(), "phone-set-abc");
        {
            let j = Journal::open(&p, JobLock::take(&p).unwrap()).unwrap();
            assert!(matches!(JobLock::take(&p), Err(JournalError::Busy { .. })));
            j.append(&Record::Intent {
                line: 2,
                user: "a@x.example".into(),
                before: Value::Null,
            })
            .await
            .unwrap();
            j.append(&Record::Done {
                line: 2,
                user: "a@x.example".into(),
                outcome: Outcome::Changed,
                reason: None,
                request_id: None,
            })
            .await
            .unwrap();
            j.append(&Record::Intent {
                line: 3,
                user: "b@x.example".into(),
                before: serde_json::json!({"x": 1}),
            })
            .await
            .unwrap();
        }
        let mut f = std::fs::OpenOptions::new().append(true).open(&p).unwrap();
        f.write_all(b"{\"t\":\"done\",\"line\":3,\"us").unwrap();
        let r = Resume::read(&p).unwrap();
        assert!(r.is_done(2) && !r.is_done(3) && !r.is_done(200));
        assert_eq!(r.in_flight[&3]["x"], 1);
        assert_eq!(r.done_rows(), 1);
        assert!(!r.finished);
    }
}
