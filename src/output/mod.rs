//! Renders data to stdout as a table (bordered on a terminal; tab-separated without a header on a
//! pipe, the gh rule), JSON, or CSV with cells neutralised against formula injection. Every
//! string from the directory is stripped of control characters and ANSI escapes before it is
//! shown. Knows nothing of Graph. A closed stdout pipe is not an error.

use comfy_table::{ColumnConstraint, ContentArrangement, Table, Width, presets};
use serde::Serialize;
use std::io::{self, Write};

#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
pub enum Format {
    Table,
    Json,
    Csv,
}

/// Removes ANSI escape sequences and control characters (a hostile display name must not
/// move the cursor, recolour the screen or fake a line of output).
pub fn sanitize(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    let mut chars = s.chars().peekable();
    while let Some(c) = chars.next() {
        match c {
            '\u{1b}' => {
                // CSI: ESC [ params final-byte; OSC: ESC ] ... BEL|ST; others: ESC + one char
                match chars.peek() {
                    Some('[') => {
                        chars.next();
                        for n in chars.by_ref() {
                            if ('\u{40}'..='\u{7e}').contains(&n) {
                                break;
                            }
                        }
                    }
                    Some(']') => {
                        chars.next();
                        while let Some(n) = chars.next() {
                            if n == '\u{7}' || (n == '\u{1b}' && chars.next_if_eq(&'\\').is_some())
                            {
                                break;
                            }
                        }
                    }
                    Some(_) => {
                        chars.next();
                    }
                    None => {}
                }
            }
            '\t' | '\n' | '\r' => out.push(' '),
            c if c.is_control() => {}
            // bidirectional overrides and marks can make text read differently than it is stored
            c if reorders(c) => {}
            c => out.push(c),
        }
    }
    out
}

/// Characters that reorder or hide what a terminal shows: bidirectional overrides, isolates
/// and marks, the zero-width space and no-break space, line and paragraph separators. (The
/// zero-width joiners U+200C and U+200D stay: Persian and Indic names and emoji need them.)
fn reorders(c: char) -> bool {
    matches!(c, '\u{202a}'..='\u{202e}' | '\u{2066}'..='\u{2069}' | '\u{200b}' | '\u{200e}' | '\u{200f}' | '\u{061c}' | '\u{2028}' | '\u{2029}' | '\u{feff}')
}

/// JSON for a terminal: what `reorders` and the C1 controls written as `\uXXXX` escapes, so a
/// directory string cannot reorder what the agent reads. The value is the same JSON (those
/// characters only occur inside strings, where the escape means the same character).
fn escape_for_terminal(json: &str) -> String {
    let mut out = String::with_capacity(json.len());
    for c in json.chars() {
        if reorders(c) || ('\u{80}'..='\u{9f}').contains(&c) {
            out.push_str(&format!("\\u{:04x}", c as u32));
        } else {
            out.push(c);
        }
    }
    out
}

/// A message on stderr, each of its lines sanitised, with a newline. A closed or broken stderr
/// is ignored: a message nobody can read is no reason to panic (`eprintln!` would).
pub fn note(text: &str) {
    write_stderr(text, true);
}

/// The same without the newline: a prompt's question.
pub fn note_inline(text: &str) {
    write_stderr(text, false);
}

fn write_stderr(text: &str, newline: bool) {
    let width = stderr_width();
    let mut line = text
        .split('\n')
        .map(|l| {
            let l = sanitize(l);
            match width {
                Some(w) => wrap(&l, w, 2),
                None => l,
            }
        })
        .collect::<Vec<_>>()
        .join("\n");
    if newline {
        line.push('\n');
    }
    let mut err = io::stderr().lock();
    let _ = err.write_all(line.as_bytes()).and_then(|_| err.flush());
}

/// The width to wrap notices at: stderr's terminal (or `COLUMNS`); none on a pipe, where a
/// line stays whole for whatever reads it.
fn stderr_width() -> Option<usize> {
    use std::io::IsTerminal;
    if !io::stderr().is_terminal() {
        return None;
    }
    std::env::var("COLUMNS")
        .ok()
        .and_then(|c| c.parse().ok())
        .or_else(|| {
            dialoguer::console::Term::stderr()
                .size_checked()
                .map(|(_, columns)| usize::from(columns))
        })
        .filter(|w| *w >= 20)
}

/// A CSV cell that a spreadsheet would run as a formula gets a leading apostrophe.
pub fn neutralize_csv(cell: &str) -> String {
    match cell.chars().next() {
        Some('=' | '+' | '-' | '@' | '\t' | '\r') => format!("'{cell}"),
        _ => cell.to_string(),
    }
}

/// Where output goes and in which form.
#[derive(Debug, Clone, Copy)]
pub struct Output {
    format: Format,
    tty: bool,
    width: Option<u16>,
    /// A closed stdout is an error (what is written is a secret shown once), not success.
    strict: bool,
}

fn ignore_closed_pipe(r: io::Result<()>) -> io::Result<()> {
    match r {
        Err(e) if e.kind() == io::ErrorKind::BrokenPipe => Ok(()),
        other => other,
    }
}

impl Output {
    pub fn new(format: Option<Format>, tty: bool, width: Option<u16>) -> Self {
        Output {
            format: format.unwrap_or(Format::Table),
            tty,
            width,
            strict: false,
        }
    }

    /// The same output for a secret shown once (a pass code): a closed stdout is an error the
    /// agent must hear of, and in CSV the secret's column (`exact`) is quoted and written as it
    /// is, never formula-neutralised (a code that starts with `+` must stay that code).
    pub fn for_secret(self) -> Self {
        Output {
            strict: true,
            ..self
        }
    }

    pub fn format(&self) -> Format {
        self.format
    }

    /// The terminal's width, when known (`COLUMNS` or the terminal itself).
    pub fn width(&self) -> Option<u16> {
        self.width
    }

    pub fn is_tty(&self) -> bool {
        self.tty
    }

    fn write(&self, text: &str) -> io::Result<()> {
        let mut out = io::stdout().lock();
        let written = out.write_all(text.as_bytes()).and_then(|_| out.flush());
        if self.strict {
            written
        } else {
            ignore_closed_pipe(written)
        }
    }

    /// Pretty JSON on a terminal, one line on a pipe.
    pub fn json(&self, value: &impl Serialize) -> io::Result<()> {
        // pretty and escaped on a terminal; the bytes as they are on a pipe
        let text = if self.tty {
            serde_json::to_string_pretty(value).map(|t| escape_for_terminal(&t))
        } else {
            serde_json::to_string(value)
        }
        .map_err(io::Error::other)?;
        self.write(&format!("{text}\n"))
    }

    /// Lines of text, sanitised.
    pub fn lines<S: AsRef<str>>(&self, lines: &[S]) -> io::Result<()> {
        self.write(&self.text(lines))
    }

    /// Lines of text, sanitised, each ending in a newline; on a terminal of known width a long
    /// line wraps between words, its continuation indented under its text.
    pub fn text<S: AsRef<str>>(&self, lines: &[S]) -> String {
        let width = self
            .width
            .filter(|_| self.tty && self.format == Format::Table);
        let mut text = String::new();
        for l in lines {
            let l = sanitize(l.as_ref());
            match width {
                Some(w) => text.push_str(&wrap(&l, usize::from(w), 2)),
                None => text.push_str(&l),
            }
            text.push('\n');
        }
        text
    }

    /// Text written as it is (it was built from sanitised parts by the caller).
    pub fn raw(&self, text: &str) -> io::Result<()> {
        self.write(text)
    }

    /// Rows in the chosen format; `json` is what `-o json` prints instead.
    pub fn records(
        &self,
        headers: &[&str],
        rows: &[Vec<String>],
        json: &impl Serialize,
    ) -> io::Result<()> {
        match self.format {
            Format::Json => self.json(json),
            Format::Csv => self.write(&csv_text(headers, rows, self.strict)?),
            Format::Table if self.tty => self.write(&format!("{}\n", self.table(headers, rows))),
            Format::Table => self.write(&tsv_text(rows)),
        }
    }

    /// A table as text: bordered on a terminal, tab-separated rows on a pipe.
    pub fn rows_text(&self, headers: &[&str], rows: &[Vec<String>]) -> String {
        if self.tty {
            format!("{}\n", self.table(headers, rows))
        } else {
            tsv_text(rows)
        }
    }

    /// A bordered table that fits the terminal.
    pub fn table(&self, headers: &[&str], rows: &[Vec<String>]) -> String {
        let mut t = Table::new();
        t.load_style(presets::UTF8_FULL_CONDENSED)
            .set_content_arrangement(ContentArrangement::Dynamic)
            .set_header(headers.to_vec());
        if let Some(w) = self.width {
            t.set_width(w);
        }
        let rows: Vec<Vec<String>> = rows
            .iter()
            .map(|r| r.iter().map(|c| sanitize(c)).collect())
            .collect();
        for r in &rows {
            t.add_row(r.clone());
        }
        // an identifier is copied whole: its column is at least as wide as its longest value (a
        // cell of several, `a, b`, wraps only between them); another column is never narrower
        // than its longest short word, so `mobile` is not cut into `mobi`/`le`, nor than its
        // heading's longest word
        for (i, h) in headers.iter().enumerate() {
            let identifier = IDENTIFIERS.contains(h);
            let cells = rows.iter().filter_map(|r| r.get(i));
            let widest = |units: &mut dyn Iterator<Item = &str>| {
                units.map(|u| u.trim().chars().count()).max().unwrap_or(0)
            };
            let least = if identifier {
                widest(&mut cells.flat_map(|c| c.split(", ")))
            } else {
                widest(&mut cells.flat_map(|c| c.split(' '))).min(16)
            }
            // a heading wraps between its words too
            .max(h.split(' ').map(|w| w.chars().count()).max().unwrap_or(0))
                // the constraint counts the cell's padding, one space each side
                + 2;
            if let Some(c) = t.column_mut(i) {
                if identifier {
                    c.set_delimiter(',');
                }
                c.set_constraint(ColumnConstraint::LowerBoundary(Width::Fixed(
                    u16::try_from(least).unwrap_or(u16::MAX),
                )));
            }
        }
        t.to_string()
    }
}

/// Column headings whose cells are identifiers (never split across lines in a table).
const IDENTIFIERS: &[&str] = &[
    "upn",
    "id",
    "number",
    "phone",
    "user",
    "employee",
    "mail",
    "address",
    "ip",
    "object id",
];

fn tsv_text(rows: &[Vec<String>]) -> String {
    let mut out = String::new();
    for r in rows {
        let cells: Vec<String> = r.iter().map(|c| sanitize(c)).collect();
        out.push_str(&cells.join("\t"));
        out.push('\n');
    }
    out
}

/// CSV with a header; cells sanitised and formula-neutralised, except for a secret's output
/// (`exact`), where every cell is quoted and written as it is.
fn csv_text(headers: &[&str], rows: &[Vec<String>], exact: bool) -> io::Result<String> {
    let mut w = csv::WriterBuilder::new()
        .quote_style(if exact {
            csv::QuoteStyle::Always
        } else {
            csv::QuoteStyle::Necessary
        })
        .from_writer(Vec::new());
    w.write_record(headers).map_err(io::Error::other)?;
    for r in rows {
        w.write_record(r.iter().map(|c| {
            if exact {
                sanitize(c)
            } else {
                neutralize_csv(&sanitize(c))
            }
        }))
        .map_err(io::Error::other)?;
    }
    let bytes = w
        .into_inner()
        .map_err(|e| io::Error::other(e.to_string()))?;
    Ok(String::from_utf8_lossy(&bytes).into_owned())
}

/// `1 row`, `2 rows`, `1,000 users`: a count and its noun in correct English (nouns whose
/// plural is the noun and an `s`).
pub fn counted(n: u64, noun: &str) -> String {
    match n {
        1 => format!("1 {noun}"),
        _ => format!("{} {noun}s", thousands(n)),
    }
}

/// `12345` → `12,345`.
pub fn thousands(n: u64) -> String {
    let s = n.to_string();
    let mut out = String::new();
    for (i, c) in s.chars().enumerate() {
        if i > 0 && (s.len() - i).is_multiple_of(3) {
            out.push(',');
        }
        out.push(c);
    }
    out
}

/// Text for a web page: `& < > " '` escaped.
pub fn html_escape(s: &str) -> String {
    s.replace('&', "&amp;")
        .replace('<', "&lt;")
        .replace('>', "&gt;")
        .replace('"', "&quot;")
        .replace('\'', "&#39;")
}

/// `text` with its first letter upper case (a question made of a change's detail).
pub fn capitalised(text: &str) -> String {
    let mut c = text.chars();
    c.next()
        .map(|f| f.to_uppercase().chain(c).collect())
        .unwrap_or_default()
}

/// A line of text wrapped at spaces to `width` columns, for a terminal that would otherwise cut
/// words in two: the continuation lines start `hang` columns further in than the first. A phone
/// number is never split across lines.
pub fn wrap(line: &str, width: usize, hang: usize) -> String {
    use dialoguer::console::measure_text_width as w;
    static NUMBER: std::sync::LazyLock<regex::Regex> = std::sync::LazyLock::new(|| {
        regex::Regex::new(r"\+?\(?\d[\d ().\-]{5,}\d").expect("a valid pattern")
    });
    if w(line) <= width {
        return line.to_string();
    }
    // a number's spaces held as no-break spaces while the line is cut at spaces
    let held = NUMBER.replace_all(line, |c: &regex::Captures| c[0].replace(' ', "\u{a0}"));
    let body = held.trim_start_matches(' ');
    let lead = held.len() - body.len();
    let indent = " ".repeat(lead + hang);
    let mut out = String::new();
    let mut current = " ".repeat(lead);
    let mut empty = true;
    for word in body.split(' ') {
        if !empty && w(&current) + 1 + w(word) > width {
            out.push_str(&current);
            out.push('\n');
            current = format!("{indent}{word}");
        } else {
            if !empty {
                current.push(' ');
            }
            current.push_str(word);
        }
        empty = false;
    }
    out.push_str(&current);
    out.replace('\u{a0}', " ")
}

/// A timestamp in the agent's local time zone: `today 9:42 AM`, `Nov 21 9:42 AM`, or with the
/// year when it is not this year. Text that is not a timestamp comes back as it is.
pub fn local_time(ts: &str) -> String {
    local_time_in(ts, &jiff::tz::TimeZone::system(), jiff::Timestamp::now())
}

fn local_time_in(ts: &str, tz: &jiff::tz::TimeZone, now: jiff::Timestamp) -> String {
    let Ok(t) = ts.parse::<jiff::Timestamp>() else {
        return sanitize(ts);
    };
    let z = t.to_zoned_datetime(tz.clone());
    let today = now.to_zoned_datetime(tz.clone()).date();
    let time = z.strftime("%-I:%M %p");
    if z.date() == today {
        format!("today {time}")
    } else if z.date() == today.tomorrow().unwrap_or(today) {
        format!("tomorrow {time}")
    } else if z.date() == today.yesterday().unwrap_or(today) {
        format!("yesterday {time}")
    } else if z.year() == today.year() {
        format!("{} {time}", z.strftime("%b %-d"))
    } else {
        format!("{} {time}", z.strftime("%b %-d %Y"))
    }
}

#[cfg(test)]
mod tests {
    #[test]
    fn notices_wrap_between_words_and_never_inside_a_number() {
        let line = "  ! Call back Maria Garcia on +1 (502) 555-0134 or her manager Dana Lee on 502-555-0199 ext. 12 before any change";
        for width in 24..line.len() {
            let w = super::wrap(line, width, 2);
            for l in w.lines() {
                assert!(
                    l.chars().count() <= width || !l.trim().contains(' '),
                    "{width}: {l:?}"
                );
                assert!(l.starts_with("  "), "{width}: {l:?}");
            }
            assert!(w.contains("+1 (502) 555-0134"), "{width}: {w}");
            assert!(w.contains("502-555-0199"), "{width}: {w}");
            assert_eq!(
                w.split_whitespace().collect::<Vec<_>>(),
                line.split_whitespace().collect::<Vec<_>>()
            );
        }
        assert_eq!(super::wrap("short: ", 40, 2), "short: ");
        assert_eq!(
            super::wrap("a longer question, then Enter: ", 20, 2),
            "a longer question,\n  then Enter: "
        );
    }

    #[test]
    fn counts_are_said_in_correct_english() {
        assert_eq!(counted(1, "passkey"), "1 passkey");
        assert_eq!(counted(0, "row"), "0 rows");
        assert_eq!(counted(1234, "row"), "1,234 rows");
    }

    #[test]
    fn json_on_a_terminal_escapes_what_reorders_text() {
        let name = "Eve \u{202e}nimda\u{202c} \u{200e}\u{200f}\u{061c}\u{85}\u{9f} Zoë";
        let text =
            serde_json::to_string_pretty(&serde_json::json!({ "displayName": name })).unwrap();
        let shown = escape_for_terminal(&text);
        assert_eq!(
            shown,
            "{\n  \"displayName\": \"Eve \\u202enimda\\u202c \\u200e\\u200f\\u061c\\u0085\\u009f Zoë\"\n}"
        );
        // the same value
        let back: serde_json::Value = serde_json::from_str(&shown).unwrap();
        assert_eq!(back["displayName"], name);
        assert_eq!(sanitize(name), "Eve nimda  Zoë");
    }

    #[test]
    fn local_times_read_naturally() {
        let tz = jiff::tz::TimeZone::get("America/Kentucky/Louisville").unwrap();
        let now: jiff::Timestamp = "2026-11-28T15:00:00Z".parse().unwrap();
        assert_eq!(
            super::local_time_in("2026-11-28T14:42:00Z", &tz, now),
            "today 9:42 AM"
        );
        assert_eq!(
            super::local_time_in("2026-11-21T14:42:00.5Z", &tz, now),
            "Nov 21 9:42 AM"
        );
        assert_eq!(
            super::local_time_in("2025-01-02T14:42:00Z", &tz, now),
            "Jan 2 2025 9:42 AM"
        );
        assert_eq!(super::local_time_in("not a time", &tz, now), "not a time");
    }

    use super::*;

    #[test]
    fn long_lines_wrap_between_words_with_a_hanging_indent() {
        assert_eq!(
            wrap("  STOP four prompts from Bucharest", 20, 2),
            "  STOP four prompts\n    from Bucharest"
        );
        assert_eq!(wrap("short", 20, 2), "short");
        // a word longer than the line stays whole
        assert_eq!(
            wrap("a maria.garcia@district.example b", 10, 2),
            "a\n  maria.garcia@district.example\n  b"
        );
    }

    #[test]
    fn strips_escapes_and_controls() {
        assert_eq!(sanitize("Ann\u{1b}[31mRed\u{1b}[0m"), "AnnRed");
        assert_eq!(sanitize("a\u{1b}]0;title\u{7}b"), "ab");
        assert_eq!(sanitize("line\nbreak\ttab\u{7}"), "line break tab");
        assert_eq!(sanitize("evil\u{202e}txt.exe"), "eviltxt.exe");
        assert_eq!(sanitize("Zoë O'Brien"), "Zoë O'Brien");
    }

    #[test]
    fn csv_cells_cannot_be_formulas() {
        assert_eq!(neutralize_csv("=HYPERLINK(\"x\")"), "'=HYPERLINK(\"x\")");
        assert_eq!(neutralize_csv("+1 5025550100"), "'+1 5025550100");
        assert_eq!(neutralize_csv("@SUM(A1)"), "'@SUM(A1)");
        assert_eq!(neutralize_csv("plain"), "plain");
        let text = csv_text(&["name"], &[vec!["=1+1".into()], vec!["a,b".into()]], false).unwrap();
        assert_eq!(text, "name\n'=1+1\n\"a,b\"\n");
        // a pass code is written as it is, quoted
        let code = csv_text(&["pass"], &[vec!["+aB3-xY=".into()]], true).unwrap();
        assert_eq!(code, "\"pass\"\n\"+aB3-xY=\"\n");
    }

    #[test]
    fn pipes_get_tab_separated_rows_without_header() {
        assert_eq!(tsv_text(&[vec!["a b".into(), "c\td".into()]]), "a b\tc d\n");
    }
}
