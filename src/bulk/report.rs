//! What a bulk run leaves behind besides its journal: the report (one record per row, CSV or
//! JSON by the file's extension, written as rows end) and, for passes, the codes file (0600,
//! never overwritten, each code on disk before its row counts as done).

use super::{Action, Outcome};
use crate::graph::model::Secret;
use crate::private_file::{self, PrivateFileError};
use serde::Serialize;
use std::collections::{BTreeMap, HashSet};
use std::fs::File;
use std::io::{BufWriter, Write};
use std::path::{Path, PathBuf};

/// One row's end, as the report shows it.
#[derive(Debug, Clone, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct RowResult {
    pub line: u64,
    pub user: String,
    pub action: &'static str,
    pub outcome: Outcome,
    pub reason: Option<String>,
    pub request_id: Option<String>,
}

enum Form {
    Csv(Box<csv::Writer<BufWriter<File>>>),
    Json { out: BufWriter<File>, first: bool },
}

/// The `--report FILE` writer.
pub struct Report {
    path: PathBuf,
    form: Form,
}

fn io(path: &Path, e: std::io::Error) -> PrivateFileError {
    PrivateFileError::Write {
        path: path.display().to_string(),
        source: e,
    }
}

impl Report {
    /// `.json` gives a JSON array; anything else CSV.
    /// A new report file, readable only by its owner; an existing file is never overwritten.
    pub fn create(path: &Path) -> Result<Report, PrivateFileError> {
        let file = private_file::create_new(path)?;
        let out = BufWriter::new(file);
        let form = if path
            .extension()
            .is_some_and(|e| e.eq_ignore_ascii_case("json"))
        {
            Form::Json { out, first: true }
        } else {
            let mut w = csv::Writer::from_writer(out);
            w.write_record(["line", "user", "action", "outcome", "reason", "requestId"])
                .map_err(|e| io(path, e.into()))?;
            Form::Csv(Box::new(w))
        };
        Ok(Report {
            path: path.to_path_buf(),
            form,
        })
    }

    pub fn add(&mut self, r: &RowResult) -> Result<(), PrivateFileError> {
        let path = self.path.clone();
        match &mut self.form {
            Form::Csv(w) => w
                .write_record([
                    r.line.to_string(),
                    crate::output::neutralize_csv(&r.user),
                    r.action.to_string(),
                    r.outcome.as_str().to_string(),
                    crate::output::neutralize_csv(r.reason.as_deref().unwrap_or_default()),
                    r.request_id.clone().unwrap_or_default(),
                ])
                .map_err(|e| io(&path, e.into())),
            Form::Json { out, first } => {
                let sep = if *first { "[\n" } else { ",\n" };
                *first = false;
                let text = serde_json::to_string(r).unwrap_or_default();
                out.write_all(format!("{sep}{text}").as_bytes())
                    .map_err(|e| io(&path, e))
            }
        }
    }

    pub fn finish(self) -> Result<(), PrivateFileError> {
        let path = self.path;
        match self.form {
            Form::Csv(mut w) => w.flush().map_err(|e| io(&path, e)),
            Form::Json { mut out, first } => {
                let end = if first { "[]\n" } else { "\n]\n" };
                out.write_all(end.as_bytes())
                    .and_then(|_| out.flush())
                    .map_err(|e| io(&path, e))
            }
        }
    }
}

/// What a codes file holds: passes (`bulk passcode-issue`), QR code PINs (`bulk qr-issue`) or
/// the PINs care set on new security keys (`bulk passkey-provision`).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum CodeKind {
    Pass,
    Pin,
    KeyPin,
}

impl CodeKind {
    fn header(self) -> &'static [u8] {
        match self {
            CodeKind::Pass => b"line,user,temporaryAccessPass,start,end,usableOnce\n",
            CodeKind::Pin => b"line,user,pin,start,end,badge\n",
            CodeKind::KeyPin => b"line,user,keyPin,made,passkey,model\n",
        }
    }
}

/// The `--codes-out FILE` of `bulk passcode-issue` and `bulk qr-issue`: the only place a bulk
/// run writes a code.
pub struct Codes {
    path: PathBuf,
    file: File,
}

/// One code, as the codes file holds it.
pub struct CodeLine<'a> {
    pub line: u64,
    pub user: &'a str,
    pub code: &'a Secret,
    /// The columns after the code, as the kind's header names them: a pass's start, end and
    /// whether it is one-time; a QR PIN's start, end and badge file; a key PIN's time made,
    /// passkey id and key model (empty when the passkey was not registered).
    pub rest: [String; 3],
}

impl Codes {
    /// A new file (0600); an existing one is never overwritten, and is appended to only when
    /// a job is resumed.
    pub fn open(path: &Path, resuming: bool, kind: CodeKind) -> Result<Codes, PrivateFileError> {
        if resuming && path.exists() {
            let file = private_file::append(path)?;
            return Ok(Codes {
                path: path.to_path_buf(),
                file,
            });
        }
        let mut file = private_file::create_new(path)?;
        file.write_all(kind.header())
            .and_then(|_| file.sync_data())
            .map_err(|e| io(path, e))?;
        Ok(Codes {
            path: path.to_path_buf(),
            file,
        })
    }

    /// Writes one code and syncs it to disk.
    pub fn add(&mut self, c: &CodeLine<'_>) -> Result<(), PrivateFileError> {
        let mut w = csv::WriterBuilder::new()
            .has_headers(false)
            .from_writer(Vec::new());
        // the code exactly as Graph gave it (quoted where CSV needs it, never neutralised)
        w.write_record([
            c.line.to_string(),
            c.user.to_string(),
            c.code.expose().to_string(),
            c.rest[0].clone(),
            c.rest[1].clone(),
            c.rest[2].clone(),
        ])
        .map_err(|e| io(&self.path, e.into()))?;
        let bytes = w.into_inner().map_err(|e| io(&self.path, e.into_error()))?;
        self.file
            .write_all(&bytes)
            .and_then(|_| self.file.sync_data())
            .map_err(|e| io(&self.path, e))
    }

    /// Whether the file holds a code of input line `line` whose row also holds `value` (a key
    /// PIN's passkey id: a PIN saved for an attempt that registered nothing vouches for no
    /// passkey).
    pub fn holds(path: &Path, line: u64, value: &str) -> bool {
        let Ok(mut r) = csv::Reader::from_path(path) else {
            return false;
        };
        r.records().flatten().any(|rec| {
            rec.get(0).and_then(|l| l.parse().ok()) == Some(line)
                && rec.iter().skip(3).any(|f| f == value)
        })
    }

    /// The lines of the input whose code is in the file already.
    pub fn lines(path: &Path) -> HashSet<u64> {
        let Ok(mut r) = csv::Reader::from_path(path) else {
            return HashSet::new();
        };
        r.records()
            .flatten()
            .filter_map(|rec| rec.get(0).and_then(|l| l.parse().ok()))
            .collect()
    }
}

/// Counts of a run, for the summary.
#[derive(Debug, Clone, Default, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct Summary {
    pub job: String,
    pub action: &'static str,
    pub rows: u64,
    pub outcomes: BTreeMap<&'static str, u64>,
    /// Rows an earlier run of the job had finished.
    pub done_before: u64,
    pub seconds: f64,
    pub interrupted: bool,
}

impl Summary {
    pub fn new(job: &str, action: Action, rows: u64) -> Summary {
        Summary {
            job: job.into(),
            action: action.name(),
            rows,
            outcomes: Outcome::ALL.iter().map(|o| (o.as_str(), 0)).collect(),
            ..Summary::default()
        }
    }

    pub fn count(&mut self, outcome: Outcome) {
        *self.outcomes.entry(outcome.as_str()).or_default() += 1;
    }

    pub fn of(&self, outcome: Outcome) -> u64 {
        self.outcomes.get(outcome.as_str()).copied().unwrap_or(0)
    }

    /// `4,800 changed, 150 unchanged, 40 failed, 10 skipped`.
    pub fn counts_text(&self) -> String {
        Outcome::ALL
            .iter()
            .map(|o| format!("{} {}", thousands(self.of(*o)), o.as_str()))
            .collect::<Vec<_>>()
            .join(", ")
    }
}

pub use crate::output::{counted, thousands};

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn codes_are_private_exact_and_never_overwritten() {
        let dir = tempfile::tempdir().unwrap();
        let p = dir.path().join("codes.csv");
        let mut c = Codes::open(&p, false, CodeKind::Pass).unwrap();
        c.add(&CodeLine {
            line: 7,
            user: "a@x.example",
            code: &Secret::new("=+dr,kz\"q"),
            rest: [String::new(), String::new(), "true".into()],
        })
        .unwrap();
        drop(c);
        assert!(
            Codes::open(&p, false, CodeKind::Pass).is_err(),
            "never overwritten"
        );
        assert!(
            Codes::open(&p, true, CodeKind::Pass).is_ok(),
            "appended to on resume"
        );
        let text = std::fs::read_to_string(&p).unwrap();
        assert!(text.contains("\"=+dr,kz\"\"q\""), "{text}");
        assert_eq!(Codes::lines(&p), HashSet::from([7]));
        #[cfg(unix)]
        {
            use std::os::unix::fs::PermissionsExt;
            assert_eq!(
                std::fs::metadata(&p).unwrap().permissions().mode() & 0o777,
                0o600
            );
        }
        assert_eq!(thousands(1234567), "1,234,567");
        assert_eq!(thousands(12), "12");
    }

    #[test]
    fn reports_in_csv_or_json() {
        let dir = tempfile::tempdir().unwrap();
        let row = RowResult {
            line: 2,
            user: "=cmd@x.example".into(),
            action: "phone-set",
            outcome: Outcome::Failed,
            reason: Some("no such user".into()),
            request_id: Some("r1".into()),
        };
        for name in ["r.csv", "r.json"] {
            let p = dir.path().join(name);
            let mut r = Report::create(&p).unwrap();
            r.add(&row).unwrap();
            r.add(&row).unwrap();
            r.finish().unwrap();
            let text = std::fs::read_to_string(&p).unwrap();
            if name.ends_with("json") {
                let v: serde_json::Value = serde_json::from_str(&text).unwrap();
                assert_eq!(v[1]["outcome"], "failed");
            } else {
                assert!(text.contains("'=cmd@x.example"), "{text}");
            }
        }
    }
}
