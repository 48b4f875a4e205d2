//! A bulk job before its first row: where jobs live, standard input kept while the job runs,
//! the whole file checked, what an earlier run of the same file left (finish it, start over, or
//! refuse), the job's approval, its output files, and its pace. The command line asks and shows;
//! this decides, with a typed error.

use super::input::{Checks, InputError, Reader, RowError};
use super::journal::Resume;
use super::report::{counted, thousands};
use super::{Action, job_name};
use crate::config::{self, Config, ConfigError};
use crate::graph::model::Rate;
use crate::private_file::{self, PrivateFileError};
use std::path::{Path, PathBuf};
use std::time::Duration;

#[derive(Debug, thiserror::Error)]
pub enum JobError {
    /// The file (or the command line) is wrong: nothing was changed.
    #[error("{message}")]
    Invalid { message: String, hint: String },
    #[error("{e}; nothing was changed")]
    Input { e: InputError },
    #[error(transparent)]
    File(#[from] PrivateFileError),
    #[error(transparent)]
    Config(#[from] ConfigError),
    #[error("{context}: {source}")]
    Io {
        context: String,
        source: std::io::Error,
    },
    #[error("{0}")]
    Journal(String),
}

impl From<InputError> for JobError {
    fn from(e: InputError) -> Self {
        JobError::Input { e }
    }
}

fn invalid(message: impl Into<String>, hint: impl Into<String>) -> JobError {
    JobError::Invalid {
        message: message.into(),
        hint: hint.into(),
    }
}

/// Where jobs' journals live (created owner-only).
pub fn dir() -> Result<PathBuf, JobError> {
    let dir = config::state_dir()?.join("jobs");
    private_file::create_dir(&dir)?;
    Ok(dir)
}

/// The input of a job: a file, or standard input kept in a private file while the job runs
/// (the input is read twice: once to check it, once to run it).
pub struct Input {
    pub path: PathBuf,
    /// How the job names its input: the file's full path, or `-`.
    pub label: String,
    spooled: bool,
}

impl Drop for Input {
    fn drop(&mut self) {
        if self.spooled {
            let _ = std::fs::remove_file(&self.path);
        }
    }
}

impl Input {
    pub fn open(file: &Path, dir: &Path) -> Result<Input, JobError> {
        if file.as_os_str() != "-" {
            let canonical = std::fs::canonicalize(file).map_err(|e| {
                invalid(
                    format!("cannot read {}: {e}", file.display()),
                    "name the CSV file, or - for standard input",
                )
            })?;
            return Ok(Input {
                path: file.to_path_buf(),
                label: canonical.display().to_string(),
                spooled: false,
            });
        }
        let path = dir.join(format!(
            ".stdin-{}-{}.csv",
            std::process::id(),
            rand::random::<u32>()
        ));
        let mut file = private_file::create_new(&path)?;
        let input = Input {
            path,
            label: "-".into(),
            spooled: true,
        };
        std::io::copy(&mut std::io::stdin().lock(), &mut file).map_err(|source| JobError::Io {
            context: "cannot read standard input".into(),
            source,
        })?;
        Ok(input)
    }
}

/// The whole file checked, streaming: the counts and the content's hash.
pub struct Preflight {
    pub valid: u64,
    pub invalid: u64,
    pub sha256: String,
    /// What the input is ("semicolon-separated CSV", "the sheet 'Staff' of a workbook").
    pub kind: String,
    /// How a place in it is named: `line` (a CSV), `row` (a sheet).
    pub unit: &'static str,
}

impl Preflight {
    /// Checks every row; each invalid one goes to `bad` as it is found.
    pub fn run(
        path: &Path,
        action: Action,
        checks: &Checks,
        mut bad: impl FnMut(&RowError),
    ) -> Result<Preflight, JobError> {
        let mut reader = Reader::open(path, action, checks.clone())?;
        let (mut valid, mut invalid) = (0u64, 0u64);
        while let Some(row) = reader.next() {
            match row? {
                Ok(_) => valid += 1,
                Err(e) => {
                    invalid += 1;
                    bad(&e);
                }
            }
        }
        Ok(Preflight {
            valid,
            invalid,
            sha256: reader.digest(),
            kind: reader.kind().to_string(),
            unit: reader.unit(),
        })
    }

    pub fn rows(&self) -> u64 {
        self.valid + self.invalid
    }

    /// `phone-set: 300 rows (semicolon-separated CSV), 299 valid, 1 invalid`.
    pub fn counts(&self, action: Action) -> String {
        format!(
            "{}: {} ({}), {} valid, {} invalid",
            action.name(),
            counted(self.rows(), "row"),
            self.kind,
            thousands(self.valid),
            thousands(self.invalid)
        )
    }

    /// With an invalid row nothing runs, unless they are to be skipped.
    pub fn allows_a_run(&self, skip_invalid: bool) -> Result<(), JobError> {
        if self.invalid > 0 && !skip_invalid {
            return Err(invalid(
                format!(
                    "{} of {} {} invalid (above); nothing was changed",
                    thousands(self.invalid),
                    counted(self.rows(), "row"),
                    if self.invalid == 1 { "is" } else { "are" }
                ),
                "fix them, or pass --skip-invalid to run the valid rows and report the others as skipped",
            ));
        }
        Ok(())
    }

    pub fn name(&self, action: Action, input: &Input) -> String {
        job_name(action, &input.label, &self.sha256)
    }
}

/// What to do with what an earlier run of the same job left.
pub enum Earlier {
    /// Nothing to finish: run (what an earlier run did, if resuming).
    Run(Box<Resume>),
    /// The job ran to the end and `--resume` asked for nothing more.
    Finished { done: u64 },
    /// The earlier journal was set aside (`--force`): start over.
    StartedOver { archived: PathBuf },
}

/// How a run meets an earlier run of its job: `--resume` finishes it, `--force` starts over,
/// anything else is refused with the command that does what was probably meant.
pub fn earlier(
    journal_path: &Path,
    name: &str,
    rows: u64,
    (resume, force, dry_run): (bool, bool, bool),
    again: impl Fn(&str) -> String,
) -> Result<Earlier, JobError> {
    let earlier = Resume::read(journal_path).map_err(|e| JobError::Journal(e.to_string()))?;
    if dry_run || !earlier.started {
        return Ok(Earlier::Run(Box::new(earlier)));
    }
    if force {
        let archived =
            journal_path.with_extension(format!("{}.jsonl", jiff::Timestamp::now().as_second()));
        std::fs::rename(journal_path, &archived).map_err(|source| JobError::Io {
            context: "cannot set the old journal aside".into(),
            source,
        })?;
        return Ok(Earlier::StartedOver { archived });
    }
    let done = earlier.done_rows();
    match (earlier.finished, resume) {
        (true, true) => Ok(Earlier::Finished { done }),
        (true, false) => Err(invalid(
            format!(
                "job {name} ran to the end already ({} done); running it again would repeat every change",
                counted(done, "row")
            ),
            format!("to run it again anyway: {}", again("--force")),
        )),
        (false, false) => Err(invalid(
            format!(
                "an earlier run of job {name} stopped after {} of {}",
                thousands(done),
                counted(rows, "row")
            ),
            format!(
                "finish it: {}   (or start over: --force)",
                again("--resume")
            ),
        )),
        (false, true) => Ok(Earlier::Run(Box::new(earlier))),
    }
}

/// Who approved a job and why (there is no caller to verify): each a line of text; a dry run
/// needs none.
pub fn approval(
    by: Option<&str>,
    reason: Option<&str>,
    dry_run: bool,
) -> Result<Option<(String, String)>, JobError> {
    let (Some(by), Some(reason)) = (by, reason) else {
        if dry_run {
            return Ok(None);
        }
        return Err(invalid(
            "a bulk run needs an approval: --approved-by NAME and --reason TEXT (there is no caller to verify); nothing was changed",
            "e.g. --approved-by \"Dana Ortiz (Care Center lead)\" --reason \"Cedar Grove changes carrier\"; a dry run (--dry-run) needs none",
        ));
    };
    for (flag, text, most) in [("--approved-by", by, 120), ("--reason", reason, 500)] {
        let text = text.trim();
        if text.is_empty() || text.chars().count() > most || text.chars().any(char::is_control) {
            return Err(invalid(
                format!("{flag} takes a line of text of up to {most} characters"),
                "e.g. --approved-by \"Dana Ortiz (Care Center lead)\" --reason \"Cedar Grove changes carrier\"",
            ));
        }
    }
    Ok(Some((by.trim().to_string(), reason.trim().to_string())))
}

/// A job's output files, as absolute paths (two spellings of one file are one): a report is
/// never written over, and the report and the codes file are never one file.
pub fn outputs(
    report: Option<&Path>,
    codes: Option<&Path>,
) -> Result<(Option<PathBuf>, Option<PathBuf>), JobError> {
    let absolute = |path: Option<&Path>, flag: &str| -> Result<Option<PathBuf>, JobError> {
        let Some(path) = path else { return Ok(None) };
        if path.as_os_str().is_empty() || path.as_os_str() == "-" {
            return Err(invalid(
                format!("{flag} needs a file name"),
                "name a new file, e.g. report.csv",
            ));
        }
        let here = std::env::current_dir().map_err(|source| JobError::Io {
            context: "cannot read the current folder".into(),
            source,
        })?;
        Ok(Some(here.join(path)))
    };
    let (report, codes) = (
        absolute(report, "--report")?,
        absolute(codes, "--codes-out")?,
    );
    if report.is_some() && report == codes {
        return Err(invalid(
            "--report and --codes-out name the same file",
            "name two files: the report for everyone, the codes file for nobody but you",
        ));
    }
    if let Some(r) = report.as_ref().filter(|r| r.exists()) {
        return Err(invalid(
            format!("{} exists; care never overwrites a report", r.display()),
            "name a new file for --report",
        ));
    }
    Ok((report, codes))
}

/// How fast a job goes: the backend's write limit, the share left to agents on calls, and how
/// many rows at once (each from the command line, else the config file, else the default).
pub struct Pace {
    pub rate: Rate,
    pub headroom: u8,
    pub concurrency: usize,
}

impl Pace {
    pub fn of(
        rate: Option<Rate>,
        headroom: Option<u8>,
        concurrency: Option<u16>,
        config: &Config,
    ) -> Result<Pace, JobError> {
        let rate = match (rate, &config.bulk_rate) {
            (Some(r), _) => r,
            (None, Some(r)) => r.parse().map_err(|e: String| {
                invalid(
                    format!("bulk-rate in the config file: {e}"),
                    "write it as N/SECS, e.g. 3000/150",
                )
            })?,
            (None, None) => Rate {
                count: 3000,
                per: Duration::from_secs(150),
            },
        };
        Ok(Pace {
            rate,
            headroom: headroom.or(config.bulk_headroom).unwrap_or(20),
            concurrency: concurrency
                .map(usize::from)
                .or(config.bulk_concurrency)
                .unwrap_or(8)
                .clamp(1, 64),
        })
    }
}

/// The confirmation question for `n` users.
pub fn question(action: Action, n: u64) -> String {
    let users = counted(n, "user");
    match action {
        Action::PhoneSet => format!("Set the MFA phone of {users}"),
        Action::PasscodeIssue => format!("Issue a Temporary Access Pass to {users}"),
        Action::SessionRevoke => format!("Sign {users} out everywhere"),
        Action::MethodReset => format!("Remove every MFA method of {users} and sign them out"),
        Action::QrIssue => format!("Make a QR code + PIN badge for {users}"),
        Action::PasskeyProvision => format!("Make a passkey on a security key for {users}"),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn an_approval_is_a_line_of_text_and_a_dry_run_needs_none() {
        assert!(approval(None, None, true).unwrap().is_none());
        assert!(approval(None, Some("x"), false).is_err());
        assert!(approval(Some("Dana"), Some("carrier\nchange"), false).is_err());
        assert!(approval(Some(" "), Some("carrier change"), false).is_err());
        assert_eq!(
            approval(Some(" Dana "), Some("carrier change"), false).unwrap(),
            Some(("Dana".into(), "carrier change".into()))
        );
    }

    #[test]
    fn outputs_are_two_new_files() {
        let dir = tempfile::tempdir().unwrap();
        let taken = dir.path().join("taken.csv");
        std::fs::write(&taken, "x").unwrap();
        assert!(outputs(Some(&taken), None).is_err());
        let same = dir.path().join("same.csv");
        assert!(outputs(Some(&same), Some(&same)).is_err());
        assert!(outputs(Some(Path::new("-")), None).is_err());
        let (r, c) = outputs(Some(&dir.path().join("r.csv")), Some(&same)).unwrap();
        assert!(r.unwrap().is_absolute() && c.unwrap().is_absolute());
    }
}
