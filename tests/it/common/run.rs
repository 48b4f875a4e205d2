//! One run of `care` as a test sees it: stdout, stderr and the exit code, shown the way an inline
//! snapshot reads best (jj's `CommandOutput`), with what changes from run to run replaced by a
//! name in brackets; and what clap makes of a command line, without running it.

use clap::FromArgMatches;
use regex::Regex;
use serde_json::Value;
use std::fmt;
use std::path::PathBuf;
use std::sync::LazyLock;

/// What one `care` process did.
#[derive(Debug)]
pub struct Run {
    pub code: i32,
    pub stdout: String,
    pub stderr: String,
    /// The test's home folder, shown as `$HOME` in a snapshot.
    pub home: Option<PathBuf>,
}

impl Run {
    pub fn of(out: std::process::Output, home: Option<PathBuf>) -> Run {
        Run {
            // killed by a signal: no code; shown as -1
            code: out.status.code().unwrap_or(-1),
            stdout: String::from_utf8_lossy(&out.stdout).into_owned(),
            stderr: String::from_utf8_lossy(&out.stderr).into_owned(),
            home,
        }
    }

    /// Asserts the run succeeded (exit 0), showing everything it said if not.
    #[track_caller]
    pub fn success(self) -> Run {
        assert_eq!(self.code, 0, "care failed:\n{self}");
        self
    }

    /// stdout as JSON.
    #[track_caller]
    pub fn json(&self) -> Value {
        serde_json::from_str(&self.stdout)
            .unwrap_or_else(|e| panic!("stdout is not JSON ({e}):\n{self}"))
    }
}

/// stdout, then stderr under a rule, then the exit code; the changing parts named in brackets.
impl fmt::Display for Run {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let home = self.home.as_ref().map(|h| h.display().to_string());
        let show = |text: &str| {
            let text = match &home {
                Some(h) => text.replace(h.as_str(), "$HOME"),
                None => text.to_string(),
            };
            redact(&text)
        };
        write!(f, "{}", show(&self.stdout))?;
        if !self.stderr.is_empty() {
            writeln!(f, "------- stderr -------")?;
            write!(f, "{}", show(&self.stderr))?;
        }
        write!(f, "[exit status: {}]", self.code)
    }
}

/// The parts of care's output that differ from one run to the next, each with the name it is
/// shown as: times, request ids, pass codes, ports.
static REDACTIONS: LazyLock<Vec<(Regex, &'static str)>> = LazyLock::new(|| {
    [
        // ISO 8601 times to the second (Graph's, CSV's, the audit log's)
        (
            r"\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d(\.\d+)?(Z|[+-]\d\d:\d\d)?",
            "[time]",
        ),
        // a time of day as the terminal shows it
        (r"\b\d{1,2}:\d\d ?[AP]M\b", "[clock]"),
        // ids made at run time (passes, request ids); the seeded ones are named the same
        (
            r"\b[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}\b",
            "[id]",
        ),
        // a pass code in JSON
        (
            r#""temporaryAccessPass":( ?)"(?:[^"\\]|\\.)*""#,
            r#""temporaryAccessPass":${1}"[pass]""#,
        ),
        // a loopback port
        (r"127\.0\.0\.1:\d+", "127.0.0.1:[port]"),
    ]
    .into_iter()
    .map(|(re, name)| (Regex::new(re).unwrap(), name))
    .collect()
});

pub fn redact(text: &str) -> String {
    REDACTIONS.iter().fold(text.to_string(), |t, (re, name)| {
        re.replace_all(&t, *name).into_owned()
    })
}

/// What care makes of `care ARGV` without running it: the parsed command (its Debug form), or
/// the usage error as care prints it with its exit code. No HTTP, no files.
pub fn parse<const N: usize>(argv: [&str; N]) -> String {
    parsed(argv, |cli| format!("{:#?}", cli.command))
}

/// The global options care takes from `care ARGV`, or the usage error.
pub fn parse_global<const N: usize>(argv: [&str; N]) -> String {
    parsed(argv, |cli| format!("{:#?}", cli.global))
}

fn parsed<const N: usize>(argv: [&str; N], show: impl Fn(care::cli::Cli) -> String) -> String {
    let matches = care::cli::command()
        .term_width(100)
        .try_get_matches_from(std::iter::once("care").chain(argv));
    match matches.and_then(|m| care::cli::Cli::from_arg_matches(&m)) {
        Ok(cli) => show(cli),
        Err(e) => format!("[exit {}] {}", e.exit_code(), e.render()),
    }
}
