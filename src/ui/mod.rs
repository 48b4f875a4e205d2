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
    /// `COLUMNS` when set, else the width of the terminal stdout is (a shell seldom exports
    /// `COLUMNS`); none on a pipe.
    pub width: Option<u16>,
}

fn env_flag(name: &str) -> bool {
    std::env::var_os(name).is_some_and(|v| !v.is_empty() && v != "0")
}

impl Terminal {
    pub fn detect() -> Terminal {
        let stderr_tty = std::io::stderr().is_terminal();
        let stdout_terminal = std::io::stdout().is_terminal();
        Terminal {
            stdout_tty: stdout_terminal || env_flag("CARE_FORCE_TTY"),
            interactive: std::io::stdin().is_terminal() && stderr_tty,
            color: env_flag("CLICOLOR_FORCE")
                || (stderr_tty && std::env::var_os("NO_COLOR").is_none()),
            width: std::env::var("COLUMNS")
                .ok()
                .and_then(|c| c.parse().ok())
                .or_else(|| {
                    stdout_terminal
                        .then(|| dialoguer::console::Term::stdout().size_checked())
                        .flatten()
                        .map(|(_rows, columns)| columns)
                }),
        }
    }
}

/// Whether `what` has not yet been said in this terminal session (the shell care runs under;
/// on Windows, the Windows Terminal tab, else the console), and notes that it now has. A
/// session older than 12 hours counts as new (a shell's process id comes round again).
pub fn first_in_terminal_session(what: &str) -> bool {
    #[cfg(unix)]
    let session = std::os::unix::process::parent_id().to_string();
    #[cfg(not(unix))]
    let session = std::env::var("WT_SESSION").unwrap_or_else(|_| "console".into());
    let Ok(dir) = crate::config::state_dir() else {
        return true;
    };
    let path = dir.join(format!("said-{what}"));
    let now = jiff::Timestamp::now().as_second();
    let said = crate::private_file::read(&path)
        .ok()
        .flatten()
        .map(|b| String::from_utf8_lossy(&b).into_owned())
        .and_then(|text| {
            let (s, at) = text.trim().split_once(' ')?;
            Some((s.to_string(), at.parse::<i64>().ok()?))
        });
    if said.is_some_and(|(s, at)| s == session && now - at < 12 * 3600) {
        return false;
    }
    let _ = crate::private_file::replace(&path, format!("{session} {now}").as_bytes());
    true
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
    /// A line of text (empty when the agent gives none).
    fn input(&self, question: &str) -> Result<String, PromptError>;
}

pub struct TerminalPrompter;

/// dialoguer's plain theme, but a question that ends in `?` or `:` gets no second colon.
struct Plain;

fn punctuated(prompt: &str) -> String {
    if prompt.ends_with(['?', ':']) {
        prompt.to_string()
    } else {
        format!("{prompt}:")
    }
}

impl dialoguer::theme::Theme for Plain {
    fn format_prompt(&self, f: &mut dyn std::fmt::Write, prompt: &str) -> std::fmt::Result {
        write!(f, "{}", punctuated(prompt))
    }

    fn format_input_prompt(
        &self,
        f: &mut dyn std::fmt::Write,
        prompt: &str,
        _default: Option<&str>,
    ) -> std::fmt::Result {
        write!(f, "{} ", punctuated(prompt))
    }

    fn format_input_prompt_selection(
        &self,
        f: &mut dyn std::fmt::Write,
        prompt: &str,
        sel: &str,
    ) -> std::fmt::Result {
        write!(f, "{} {sel}", punctuated(prompt))
    }
}

/// The prompt to redraw: a question wider than the terminal is written once above it (a
/// wrapped prompt would leave dialoguer's redraw a line short, printing it twice).
fn staged(question: &str, short: &str) -> String {
    let width = usize::from(dialoguer::console::Term::stderr().size().1);
    if dialoguer::console::measure_text_width(question) + 12 <= width {
        question.to_string()
    } else {
        crate::output::note(question);
        short.to_string()
    }
}

/// A choice cut to the terminal's width: a wrapped line would leave dialoguer's redraw a line
/// short.
fn fitted(item: &str) -> String {
    let width = usize::from(dialoguer::console::Term::stderr().size().1).saturating_sub(3);
    if dialoguer::console::measure_text_width(item) <= width {
        item.to_string()
    } else {
        dialoguer::console::truncate_str(item, width, "…").into_owned()
    }
}

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
        dialoguer::Confirm::with_theme(&Plain)
            .with_prompt(staged(question, "Go ahead?"))
            .default(false)
            // y then Enter: a typed "yes" leaves nothing on the shell's line
            .wait_for_newline(true)
            .interact_opt()
            .map_err(prompt_error)?
            .ok_or(PromptError::Cancelled)
    }

    /// Numbered choices, none chosen until the agent picks one: its number key (at once when
    /// no longer number begins with it; else Enter), or ↑/↓ then Enter. Esc cancels.
    fn select(&self, question: &str, items: &[String]) -> Result<usize, PromptError> {
        use dialoguer::console::{Key, Term};
        let term = Term::stderr();
        let n = items.len();
        let question = staged(question, "Choose:");
        let items: Vec<String> = items
            .iter()
            .enumerate()
            .map(|(i, item)| fitted(&format!("{:>w$}. {item}", i + 1, w = n.to_string().len())))
            .collect();
        let io = |e: std::io::Error| {
            let _ = term.show_cursor();
            if e.kind() == std::io::ErrorKind::Interrupted {
                PromptError::Cancelled
            } else {
                PromptError::Io(e.to_string())
            }
        };
        let mut cursor: Option<usize> = None;
        let mut typed = String::new();
        let mut drawn = 0;
        term.hide_cursor().map_err(io)?;
        let chosen = loop {
            term.clear_last_lines(drawn).map_err(io)?;
            let mut lines = vec![format!(
                "{} {}",
                punctuated(&question),
                if cursor.is_none() {
                    "(type its number)"
                } else {
                    "(Enter to choose)"
                }
            )];
            for (i, item) in items.iter().enumerate() {
                lines.push(format!(
                    "{}{item}",
                    if cursor == Some(i) { "> " } else { "  " }
                ));
            }
            for l in &lines {
                term.write_line(l).map_err(io)?;
            }
            drawn = lines.len();
            match term.read_key().map_err(io)? {
                Key::ArrowUp | Key::Char('k') => {
                    cursor = Some(cursor.map_or(n - 1, |c| (c + n - 1) % n));
                    typed.clear();
                }
                Key::ArrowDown | Key::Char('j') | Key::Tab => {
                    cursor = Some(cursor.map_or(0, |c| (c + 1) % n));
                    typed.clear();
                }
                Key::Char(d) if d.is_ascii_digit() => {
                    typed.push(d);
                    let number = |t: &str| t.parse::<usize>().ok().filter(|v| (1..=n).contains(v));
                    if number(&typed).is_none() {
                        typed = d.to_string();
                    }
                    match number(&typed) {
                        Some(v) if v * 10 > n => break v - 1,
                        Some(v) => cursor = Some(v - 1),
                        None => typed.clear(),
                    }
                }
                Key::Enter => {
                    if let Some(c) = cursor {
                        break c;
                    }
                }
                Key::Escape => {
                    term.clear_last_lines(drawn).map_err(io)?;
                    term.show_cursor().map_err(io)?;
                    return Err(PromptError::Cancelled);
                }
                _ => {}
            }
        };
        term.clear_last_lines(drawn).map_err(io)?;
        let picked = items[chosen].trim_start();
        let picked = picked.split_once(". ").map_or(picked, |(_, item)| item);
        term.write_line(&fitted(&format!("{} {picked}", punctuated(&question))))
            .map_err(io)?;
        term.show_cursor().map_err(io)?;
        Ok(chosen)
    }

    fn input(&self, question: &str) -> Result<String, PromptError> {
        dialoguer::Input::<String>::with_theme(&Plain)
            .with_prompt(staged(question, ">"))
            .allow_empty(true)
            .interact_text()
            .map_err(|e| {
                // Ctrl-C: what follows starts on a line of its own, not after the typed words
                let _ = dialoguer::console::Term::stderr().write_line("");
                prompt_error(e)
            })
    }
}

/// Answers read from a file (`CARE_ANSWERS=FILE`, one answer a line), for tests that drive the
/// guided call without a terminal: a choice by its number or by words of it, `y`/`n`, or text.
/// Each question and its answer are echoed on stderr. Debug builds only.
#[cfg(debug_assertions)]
pub struct ScriptedPrompter {
    answers: std::sync::Mutex<std::collections::VecDeque<String>>,
}

#[cfg(debug_assertions)]
impl ScriptedPrompter {
    pub fn from_file(path: &std::path::Path) -> std::io::Result<ScriptedPrompter> {
        let text = std::fs::read_to_string(path)?;
        Ok(ScriptedPrompter {
            answers: std::sync::Mutex::new(text.lines().map(str::to_owned).collect()),
        })
    }

    fn next(&self, question: &str) -> Result<String, PromptError> {
        let answer = self
            .answers
            .lock()
            .unwrap_or_else(|e| e.into_inner())
            .pop_front()
            .ok_or(PromptError::Cancelled)?;
        crate::output::note(&format!("? {question} → {answer}"));
        Ok(answer)
    }
}

#[cfg(debug_assertions)]
impl Prompter for ScriptedPrompter {
    fn confirm(&self, question: &str) -> Result<bool, PromptError> {
        Ok(matches!(
            self.next(question)?.to_ascii_lowercase().as_str(),
            "y" | "yes"
        ))
    }

    fn select(&self, question: &str, items: &[String]) -> Result<usize, PromptError> {
        let answer = self.next(question)?;
        if let Ok(n) = answer.parse::<usize>()
            && (1..=items.len()).contains(&n)
        {
            return Ok(n - 1);
        }
        let a = answer.to_lowercase();
        items
            .iter()
            .position(|i| i.to_lowercase().contains(&a))
            .ok_or_else(|| {
                PromptError::Io(format!("no choice matches the scripted answer '{answer}'"))
            })
    }

    fn input(&self, question: &str) -> Result<String, PromptError> {
        self.next(question)
    }
}

/// Prompts for screen readers (`--accessible`): plain lines, numbered choices, an answer
/// typed and ended with Enter; nothing is redrawn or erased.
pub struct AccessiblePrompter;

fn read_line() -> Result<String, PromptError> {
    let mut line = String::new();
    match std::io::stdin().read_line(&mut line) {
        Ok(0) => Err(PromptError::Cancelled),
        Ok(_) => Ok(line.trim().to_string()),
        Err(e) => Err(PromptError::Io(e.to_string())),
    }
}

impl Prompter for AccessiblePrompter {
    fn confirm(&self, question: &str) -> Result<bool, PromptError> {
        loop {
            crate::output::note_inline(&format!("{question} Type yes or no, then Enter: "));
            match read_line()?.to_ascii_lowercase().as_str() {
                "y" | "yes" => return Ok(true),
                "n" | "no" | "" => return Ok(false),
                _ => crate::output::note("Please type yes or no."),
            }
        }
    }

    fn select(&self, question: &str, items: &[String]) -> Result<usize, PromptError> {
        crate::output::note(question);
        for (i, item) in items.iter().enumerate() {
            crate::output::note(&format!("  {}. {item}", i + 1));
        }
        loop {
            crate::output::note_inline(&format!(
                "Type a number from 1 to {}, then Enter: ",
                items.len()
            ));
            match read_line()?.parse::<usize>() {
                Ok(n) if (1..=items.len()).contains(&n) => return Ok(n - 1),
                _ => crate::output::note("That is not one of the numbers."),
            }
        }
    }

    fn input(&self, question: &str) -> Result<String, PromptError> {
        crate::output::note_inline(&format!("{question}: "));
        read_line()
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
