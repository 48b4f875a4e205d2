//! Terminal facts (is stdout a terminal, may we prompt, colour, width), the [`Prompter`] that
//! asks the agent questions (dialoguer behind it), and the stderr log subscriber.

use std::io::IsTerminal;

/// What the terminal allows, read once at start-up.
#[derive(Debug, Clone, Copy)]
pub struct Terminal {
    /// stdout is a terminal (or `CARE_FORCE_TTY=1`): tables get borders and headers.
    pub stdout_tty: bool,
    /// stdin and stderr are terminals: prompts are possible.
    pub interactive: bool,
    /// Colour on stderr notices (`NO_COLOR` turns it off, `CLICOLOR_FORCE` on).
    pub color: bool,
    /// `COLUMNS`, when set.
    pub width: Option<u16>,
}

fn env_flag(name: &str) -> bool {
    std::env::var_os(name).is_some_and(|v| !v.is_empty() && v != "0")
}

impl Terminal {
    pub fn detect() -> Terminal {
        let stderr_tty = std::io::stderr().is_terminal();
        Terminal {
            stdout_tty: std::io::stdout().is_terminal() || env_flag("CARE_FORCE_TTY"),
            interactive: std::io::stdin().is_terminal() && stderr_tty,
            color: env_flag("CLICOLOR_FORCE")
                || (stderr_tty && std::env::var_os("NO_COLOR").is_none()),
            width: std::env::var("COLUMNS").ok().and_then(|c| c.parse().ok()),
        }
    }
}

#[derive(Debug, thiserror::Error)]
pub enum PromptError {
    #[error("the prompt was cancelled")]
    Cancelled,
    #[error("cannot prompt: {0}")]
    Io(String),
}

/// Asks the agent questions. The dialoguer implementation is used on a terminal; callers decide
/// beforehand whether prompting is allowed at all.
pub trait Prompter {
    fn confirm(&self, question: &str) -> Result<bool, PromptError>;
    fn select(&self, question: &str, items: &[String]) -> Result<usize, PromptError>;
}

pub struct TerminalPrompter;

fn prompt_error(e: dialoguer::Error) -> PromptError {
    let _ = dialoguer::console::Term::stderr().show_cursor();
    match e {
        dialoguer::Error::IO(io) if io.kind() == std::io::ErrorKind::Interrupted => {
            PromptError::Cancelled
        }
        dialoguer::Error::IO(io) => PromptError::Io(io.to_string()),
    }
}

impl Prompter for TerminalPrompter {
    fn confirm(&self, question: &str) -> Result<bool, PromptError> {
        dialoguer::Confirm::new()
            .with_prompt(question)
            .default(false)
            .interact_opt()
            .map_err(prompt_error)?
            .ok_or(PromptError::Cancelled)
    }

    fn select(&self, question: &str, items: &[String]) -> Result<usize, PromptError> {
        dialoguer::Select::new()
            .with_prompt(question)
            .items(items)
            .default(0)
            .interact_opt()
            .map_err(prompt_error)?
            .ok_or(PromptError::Cancelled)
    }
}

/// Reads a secret typed at the terminal without echoing it.
pub fn read_hidden(prompt: &str) -> Result<String, PromptError> {
    dialoguer::Password::new()
        .with_prompt(prompt)
        .interact()
        .map_err(prompt_error)
}

/// Logs go to stderr: warnings by default, `-v` info, `--debug` debug (HTTP traced with secrets
/// redacted), or whatever `CARE_LOG` says (`tracing` filter syntax).
pub fn init_logging(verbose: bool, debug: bool) {
    use tracing_subscriber::EnvFilter;
    let filter = match std::env::var("CARE_LOG") {
        Ok(spec) if !spec.is_empty() => EnvFilter::new(spec),
        _ if debug => EnvFilter::new("care=debug"),
        _ if verbose => EnvFilter::new("care=info"),
        _ => EnvFilter::new("care=warn"),
    };
    let _ = tracing_subscriber::fmt()
        .with_env_filter(filter)
        .with_writer(std::io::stderr)
        .with_ansi(std::io::stderr().is_terminal() && std::env::var_os("NO_COLOR").is_none())
        .with_target(false)
        .try_init();
}
