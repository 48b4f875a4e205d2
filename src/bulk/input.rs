//! A bulk run's input, read row by row: a CSV as a stream (comma-, semicolon- or
//! tab-separated, found from the header line; a UTF-8 BOM, CRLF and quoted fields accepted), or
//! a workbook's sheet ([`super::sheet`]). The header's names are matched with the names people
//! use for each column (case, spaces and punctuation folded: "User Principal Name", "E-mail
//! Address", "Mobile Phone"); extra columns are ignored. Every bad row is reported with its
//! line (a CSV) or row (a sheet) and why; nothing is kept per row but a 64-bit key for finding
//! duplicate users, so a file of a million rows validates in little memory. The bytes read are
//! hashed, which names the job.

use super::Action;
use crate::graph::encode::UserRef;
use crate::graph::model::PhoneType;
use crate::ops::passcode;
use crate::ops::resolve::is_guid;
use sha2::{Digest, Sha256};
use std::collections::HashMap;
use std::hash::{BuildHasher, Hasher};
use std::io::Read;
use std::path::Path;

/// The longest field care accepts (a UPN is at most 113 characters).
const MAX_FIELD: usize = 512;

/// What makes the whole file unusable (nothing was read past it).
#[derive(Debug, thiserror::Error)]
pub enum InputError {
    #[error("cannot read {path}: {source}")]
    Open {
        path: String,
        source: std::io::Error,
    },
    #[error("{0}")]
    Header(String),
    #[error("line {line}: cannot read the file: {detail}")]
    Read { line: u64, detail: String },
}

/// One bad row.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct RowError {
    /// Its line of a CSV, or its row of a sheet (`unit` says which).
    pub line: u64,
    pub unit: &'static str,
    /// The row's user, when it could be read.
    pub user: Option<String>,
    pub reason: String,
}

/// One valid row: who, and what to do.
#[derive(Debug, Clone, PartialEq)]
pub struct Row {
    pub line: u64,
    pub user: UserRef,
    pub task: Task,
}

#[derive(Debug, Clone, PartialEq)]
pub enum Task {
    Phone {
        number: String,
        phone_type: PhoneType,
    },
    Pass {
        lifetime: Option<i64>,
        start: Option<jiff::Timestamp>,
    },
    /// The action needs nothing but the user.
    User,
}

/// What rows are checked against, and which sheet of a workbook is read.
#[derive(Debug, Clone)]
pub struct Checks {
    /// Region of phone numbers without a country code.
    pub region: String,
    pub now: jiff::Timestamp,
    pub tz: jiff::tz::TimeZone,
    /// A workbook's sheet (`--sheet`); the first when `None`.
    pub sheet: Option<String>,
}

/// The names people give each column, in the order they are preferred when a file has two
/// of them (the first is the documented one). Compared with case, spaces and punctuation
/// folded away ([`fold`]).
const USER: &[&str] = &[
    "user",
    "UPN",
    "User Principal Name",
    "Email",
    "E-mail Address",
    "Mail",
    "Username",
    "Login",
    "Sign-in Name",
];
const PHONE: &[&str] = &[
    "phone",
    "Mobile Phone",
    "Mobile",
    "Cell",
    "Cell Phone",
    "Phone Number",
    "Mobile Number",
    "Cell Number",
    "Number",
    "Telephone",
    "Telephone Number",
];
const TYPE: &[&str] = &["type", "Phone Type", "Kind"];
const LIFETIME: &[&str] = &["lifetime", "Pass Lifetime", "Duration", "Valid For"];
const START: &[&str] = &["start", "Start Time", "Starts", "Start Date Time", "From"];

/// A header name as it is compared: lower case, letters and digits only.
fn fold(name: &str) -> String {
    name.chars()
        .filter(char::is_ascii_alphanumeric)
        .collect::<String>()
        .to_ascii_lowercase()
}

/// Excel's scientific notation (`8.12289E+09`): a number whose last digits are gone.
fn lost_digits(text: &str) -> bool {
    let t = text.trim();
    let Some((mantissa, exponent)) = t.split_once(['e', 'E']) else {
        return false;
    };
    let mantissa = mantissa.trim_start_matches(['+', '-']);
    let exponent = exponent.trim_start_matches(['+', '-']);
    !mantissa.is_empty()
        && !exponent.is_empty()
        && mantissa.bytes().all(|b| b.is_ascii_digit() || b == b'.')
        && mantissa.bytes().filter(|b| *b == b'.').count() <= 1
        && exponent.bytes().all(|b| b.is_ascii_digit())
}

/// The separator of a CSV's header line (`,` `;` or tab, whichever stands most often outside
/// quotes; a comma when none does) and its name.
fn dialect(header: &[u8]) -> (u8, &'static str) {
    let mut counts = [0usize; 3];
    let mut quoted = false;
    for b in header {
        match b {
            b'"' => quoted = !quoted,
            b',' if !quoted => counts[0] += 1,
            b';' if !quoted => counts[1] += 1,
            b'\t' if !quoted => counts[2] += 1,
            _ => {}
        }
    }
    let best = (0..3).max_by_key(|i| (counts[*i], 3 - i)).unwrap_or(0);
    match best {
        1 if counts[1] > 0 => (b';', "semicolon-separated CSV"),
        2 if counts[2] > 0 => (b'\t', "tab-separated CSV"),
        _ => (b',', "comma-separated CSV"),
    }
}

impl Action {
    /// The columns: required first, then optional.
    fn columns(
        self,
    ) -> (
        &'static [&'static [&'static str]],
        &'static [&'static [&'static str]],
    ) {
        match self {
            Action::PhoneSet => (&[USER, PHONE], &[TYPE]),
            Action::PasscodeIssue => (&[USER], &[LIFETIME, START]),
            Action::SessionRevoke
            | Action::MethodReset
            | Action::QrIssue
            | Action::PasskeyProvision => (&[USER], &[]),
        }
    }
}

/// Hashes what is read through it.
struct Hashing<R> {
    inner: R,
    hash: Sha256,
}

impl<R: Read> Read for Hashing<R> {
    fn read(&mut self, buf: &mut [u8]) -> std::io::Result<usize> {
        let n = self.inner.read(buf)?;
        self.hash.update(&buf[..n]);
        Ok(n)
    }
}

/// Turns CRLF into LF on the way to the CSV parser, whose line numbers are off by one after
/// a CRLF (it counts the LF as part of the next record); a lone CR is kept.
struct Lf<R> {
    inner: R,
    /// A CR held back at the end of the last read (is it followed by an LF?).
    held_cr: bool,
}

impl<R: Read> Read for Lf<R> {
    fn read(&mut self, buf: &mut [u8]) -> std::io::Result<usize> {
        if buf.len() < 2 {
            if self.held_cr && !buf.is_empty() {
                self.held_cr = false;
                buf[0] = b'\r';
                return Ok(1);
            }
            return self.inner.read(buf);
        }
        let start = usize::from(self.held_cr);
        if self.held_cr {
            buf[0] = b'\r';
        }
        let n = self.inner.read(&mut buf[start..])? + start;
        if n == start {
            self.held_cr = false;
            return Ok(n);
        }
        let mut out = 0;
        let mut i = 0;
        while i < n {
            if buf[i] == b'\r' && i + 1 < n && buf[i + 1] == b'\n' {
                i += 1;
                continue;
            }
            buf[out] = buf[i];
            out += 1;
            i += 1;
        }
        // a CR at the very end may start a CRLF that the next read completes
        self.held_cr = out > 0 && buf[out - 1] == b'\r';
        if self.held_cr {
            out -= 1;
        }
        if out == 0 && self.held_cr {
            // only a CR so far: read on
            return self.read(buf);
        }
        Ok(out)
    }
}

/// A CSV as the parser reads it: the header line read ahead (to find its separator), then
/// the rest, every byte hashed, CRLF made LF.
type CsvInput = Lf<std::io::Chain<std::io::Cursor<Vec<u8>>, Hashing<Box<dyn Read + Send>>>>;

/// Where rows come from.
enum Source {
    Csv(Box<csv::Reader<CsvInput>>),
    Sheet(super::sheet::Sheet),
}

/// Reads rows of one action from a CSV or a workbook's sheet.
pub struct Reader {
    source: Source,
    /// What the input is, for the preflight summary ("semicolon-separated CSV").
    kind: String,
    action: Action,
    checks: Checks,
    /// Index of each column the action reads, in the order of `Action::columns`.
    index: Vec<Option<usize>>,
    /// Users seen so far, as 64-bit keys.
    seen: Seen,
    keys: std::collections::hash_map::RandomState,
    record: csv::ByteRecord,
    pub rows: u64,
}

fn field_text(bytes: &[u8], column: &str) -> Result<String, String> {
    if bytes.len() > MAX_FIELD {
        return Err(format!(
            "the {column} is {} bytes long; a field may have at most {MAX_FIELD}",
            bytes.len()
        ));
    }
    let text = std::str::from_utf8(bytes).map_err(|_| {
        format!("the {column} is not UTF-8 text; save the file as UTF-8 (in Excel: CSV UTF-8)")
    })?;
    if text.contains(['\n', '\r']) {
        return Err(format!(
            "the {column} runs across lines; is a quote unmatched (a \" that opens a field and never closes)?"
        ));
    }
    if let Some(c) = text.chars().find(|c| c.is_control()) {
        return Err(format!(
            "the {column} contains a control character (U+{:04X})",
            u32::from(c)
        ));
    }
    Ok(text.trim().to_string())
}

impl Reader {
    pub fn open(path: &Path, action: Action, checks: Checks) -> Result<Reader, InputError> {
        if super::sheet::is_workbook(path) {
            let sheet = super::sheet::read(path, checks.sheet.as_deref()).map_err(|e| {
                InputError::Open {
                    path: path.display().to_string(),
                    source: std::io::Error::other(e),
                }
            })?;
            return Reader::of_sheet(sheet, action, checks);
        }
        if let Some(s) = &checks.sheet {
            return Err(InputError::Header(format!(
                "--sheet {s} is for a workbook (.xlsx, .xls, .ods), and {} is a CSV",
                path.display()
            )));
        }
        let file = std::fs::File::open(path).map_err(|source| InputError::Open {
            path: path.display().to_string(),
            source,
        })?;
        Reader::new(Box::new(std::io::BufReader::new(file)), action, checks)
    }

    fn of_sheet(
        mut sheet: super::sheet::Sheet,
        action: Action,
        checks: Checks,
    ) -> Result<Reader, InputError> {
        // the header: the sheet's first row that holds anything
        let (line, names) = loop {
            match sheet.rows.pop_front() {
                None => {
                    return Err(InputError::Header(format!(
                        "the sheet '{}' is empty",
                        sheet.name
                    )));
                }
                Some((_, cells)) if cells.iter().all(|c| c.trim().is_empty()) => {}
                Some(row) => break row,
            }
        };
        let index = columns(action, &names).map_err(|e| {
            InputError::Header(format!("row {line} of the sheet '{}': {e}", sheet.name))
        })?;
        let kind = format!("the sheet '{}' of a workbook", sheet.name);
        Ok(Reader::of(
            Source::Sheet(sheet),
            kind,
            action,
            checks,
            index,
        ))
    }

    /// A reader of `source` whose header was read.
    fn of(
        source: Source,
        kind: String,
        action: Action,
        checks: Checks,
        index: Vec<Option<usize>>,
    ) -> Reader {
        Reader {
            source,
            kind,
            action,
            checks,
            index,
            seen: Seen::Lines(HashMap::new()),
            keys: std::collections::hash_map::RandomState::new(),
            record: csv::ByteRecord::new(),
            rows: 0,
        }
    }

    pub fn new(
        input: Box<dyn Read + Send>,
        action: Action,
        checks: Checks,
    ) -> Result<Reader, InputError> {
        let mut hashing = Hashing {
            inner: input,
            hash: Sha256::new(),
        };
        // the header line read ahead: its separator is the file's
        let mut head = vec![];
        let mut byte = [0u8; 1];
        while head.len() < 65_536 {
            match hashing.read(&mut byte) {
                Ok(0) => break,
                Ok(_) => {
                    head.push(byte[0]);
                    if byte[0] == b'\n' {
                        break;
                    }
                }
                Err(e) => {
                    return Err(InputError::Read {
                        line: 1,
                        detail: e.to_string(),
                    });
                }
            }
        }
        let (separator, kind) = dialect(&head);
        let mut csv = csv::ReaderBuilder::new()
            .has_headers(false)
            .flexible(true)
            .delimiter(separator)
            .from_reader(Lf {
                inner: std::io::Cursor::new(head).chain(hashing),
                held_cr: false,
            });
        let mut header = csv::ByteRecord::new();
        match csv.read_byte_record(&mut header) {
            Ok(true) => {}
            Ok(false) => return Err(InputError::Header("line 1: the file is empty".into())),
            Err(e) => {
                return Err(InputError::Read {
                    line: 1,
                    detail: e.to_string(),
                });
            }
        }
        if header.as_slice().starts_with(b"\xff\xfe")
            || header.as_slice().starts_with(b"\xfe\xff")
            || header.as_slice().contains(&0)
        {
            return Err(InputError::Header(
                "line 1: the file is UTF-16 (or binary); save it as UTF-8 CSV (in Excel: CSV UTF-8)"
                    .into(),
            ));
        }
        let names: Vec<String> = header
            .iter()
            .enumerate()
            .map(|(i, h)| field_text(h, &format!("name of column {}", i + 1)))
            .collect::<Result<_, _>>()
            .map_err(|e| InputError::Header(format!("line 1: {e}")))?;
        let index = columns(action, &names)
            .map_err(|e| InputError::Header(format!("line 1 ({kind}): {e}")))?;
        Ok(Reader::of(
            Source::Csv(Box::new(csv)),
            kind.into(),
            action,
            checks,
            index,
        ))
    }

    /// What the input is: "comma-separated CSV", "the sheet 'Staff' of a workbook".
    pub fn kind(&self) -> &str {
        &self.kind
    }

    /// How a place in the input is named: a CSV's line, a sheet's row.
    pub fn unit(&self) -> &'static str {
        match self.source {
            Source::Csv(_) => "line",
            Source::Sheet(_) => "row",
        }
    }

    /// The SHA-256 of every byte read so far (the whole file once `next` returned `None`); of
    /// a workbook, the file's and the sheet's name.
    pub fn digest(&self) -> String {
        match &self.source {
            Source::Csv(csv) => {
                let h = csv.get_ref().inner.get_ref().1.hash.clone().finalize();
                h.iter().map(|b| format!("{b:02x}")).collect()
            }
            Source::Sheet(s) => s.sha256.clone(),
        }
    }

    /// The next row, valid or not; `None` at the end. An I/O error ends the file.
    #[allow(clippy::should_implement_trait)]
    pub fn next(&mut self) -> Option<Result<Result<Row, RowError>, InputError>> {
        // blank rows (an export's `,,,,` lines) are passed over, however many
        loop {
            match self.next_record()? {
                Err(e) => return Some(Err(e)),
                Ok(_)
                    if self
                        .record
                        .iter()
                        .all(|f| f.iter().all(u8::is_ascii_whitespace)) => {}
                Ok(line) => {
                    self.rows += 1;
                    return Some(Ok(self.row(line)));
                }
            }
        }
    }

    /// The next record into `self.record`, and its line or row; `None` at the end.
    fn next_record(&mut self) -> Option<Result<u64, InputError>> {
        let line = match &mut self.source {
            Source::Csv(csv) => {
                match csv.read_byte_record(&mut self.record) {
                    Ok(true) => {}
                    Ok(false) => return None,
                    Err(e) => {
                        let line = e.position().map_or(0, |p| p.line());
                        return Some(Err(InputError::Read {
                            line,
                            detail: e.to_string(),
                        }));
                    }
                }
                self.record.position().map_or(0, |p| p.line())
            }
            Source::Sheet(sheet) => {
                let (line, cells) = sheet.rows.pop_front()?;
                self.record = csv::ByteRecord::from(cells);
                line
            }
        };
        Some(Ok(line))
    }

    fn field(&self, n: usize, column: &str) -> Result<Option<String>, String> {
        match self.index.get(n).copied().flatten() {
            None => Ok(None),
            Some(i) => match self.record.get(i) {
                None => Ok(None),
                Some(bytes) => field_text(bytes, column).map(|t| Some(t).filter(|t| !t.is_empty())),
            },
        }
    }

    fn row(&mut self, line: u64) -> Result<Row, RowError> {
        let unit = self.unit();
        let fail = |user: Option<&str>, reason: String| RowError {
            line,
            unit,
            user: user.map(str::to_owned),
            reason,
        };
        let user_text = self
            .field(0, "user")
            .map_err(|r| fail(None, r))?
            .ok_or_else(|| fail(None, "no user".into()))?;
        let user = user_key(&user_text).map_err(|r| fail(Some(&user_text), r))?;
        let u = Some(user_text.as_str());
        // a user appears once, whatever else is wrong with either row
        let mut h = self.keys.build_hasher();
        h.write(user.as_str().to_ascii_lowercase().as_bytes());
        if let Some(first) = self.seen.insert(h.finish(), line) {
            let first = first
                .map(|l| format!(" (first on line {l})"))
                .unwrap_or_default();
            return Err(fail(
                u,
                format!("the user appears again{first}; a user may appear once in a file"),
            ));
        }
        let task = match self.action {
            Action::PhoneSet => {
                let number = self
                    .field(1, "phone")
                    .map_err(|r| fail(u, r))?
                    .ok_or_else(|| fail(u, "no phone number".into()))?;
                if lost_digits(&number) {
                    return Err(fail(
                        u,
                        format!(
                            "the phone is {number}: Excel showed the number in scientific notation and its last digits are lost; format the column as Text in Excel and export again"
                        ),
                    ));
                }
                let phone_type = match self.field(2, "type").map_err(|r| fail(u, r))? {
                    None => PhoneType::Mobile,
                    Some(t) => phone_type(&t).ok_or_else(|| {
                        fail(
                            u,
                            format!("'{t}' is not a phone type: use mobile, alternate or office"),
                        )
                    })?,
                };
                // the one check of a number, as `care phone set` makes it
                let number =
                    crate::change::rules::phone_number(&number, phone_type, &self.checks.region)
                        .map_err(|e| fail(u, e.to_string()))?;
                Task::Phone { number, phone_type }
            }
            Action::PasscodeIssue => {
                let lifetime = self
                    .field(1, "lifetime")
                    .map_err(|r| fail(u, r))?
                    .map(|l| passcode::parse_lifetime(&l))
                    .transpose()
                    .map_err(|e| fail(u, e.to_string()))?;
                let start = self
                    .field(2, "start")
                    .map_err(|r| fail(u, r))?
                    .map(|s| passcode::parse_start(&s, self.checks.now, &self.checks.tz))
                    .transpose()
                    .map_err(|e| fail(u, e.to_string()))?;
                Task::Pass { lifetime, start }
            }
            Action::SessionRevoke
            | Action::MethodReset
            | Action::QrIssue
            | Action::PasskeyProvision => Task::User,
        };
        Ok(Row { line, user, task })
    }
}

/// Where each column the action reads is among the header's `names` (matched by [`fold`]; of
/// two names for one column, the one first in its list), or what is wrong with the header.
fn columns(action: Action, names: &[String]) -> Result<Vec<Option<usize>>, String> {
    let folded: Vec<String> = names.iter().map(|n| fold(n)).collect();
    let (required, optional) = action.columns();
    let mut index = vec![];
    for (n, aliases) in required.iter().chain(optional.iter()).enumerate() {
        let found = aliases.iter().find_map(|alias| {
            let hits: Vec<usize> = folded
                .iter()
                .enumerate()
                .filter(|(_, name)| **name == fold(alias))
                .map(|(i, _)| i)
                .collect();
            (!hits.is_empty()).then_some(hits)
        });
        match found {
            None if n < required.len() => {
                let shown: Vec<String> = names
                    .iter()
                    .filter(|n| !n.trim().is_empty())
                    .map(|n| format!("'{n}'"))
                    .collect();
                return Err(format!(
                    "no {} column: none of this file's columns ({}) is {}; {} reads the columns {}",
                    aliases[0],
                    if shown.is_empty() {
                        "none".to_string()
                    } else {
                        shown.join(", ")
                    },
                    aliases
                        .iter()
                        .map(|a| format!("'{a}'"))
                        .collect::<Vec<_>>()
                        .join(", or "),
                    action.name(),
                    action.describe_columns()
                ));
            }
            None => index.push(None),
            Some(hits) if hits.len() == 1 => index.push(Some(hits[0])),
            Some(hits) => {
                return Err(format!(
                    "the {} column appears {} times ('{}'); keep one",
                    aliases[0],
                    hits.len(),
                    names[hits[0]]
                ));
            }
        }
    }
    Ok(index)
}

/// The users a file named so far. Up to [`Seen::LINES`] users each key keeps its first line
/// (for the message); past that only the keys are kept, so a million rows stay in little memory.
enum Seen {
    Lines(HashMap<u64, u32>),
    Keys(std::collections::HashSet<u64>),
}

impl Seen {
    const LINES: usize = 100_000;

    /// Records `key` on `line`; `Some(first line, if known)` when it was there already.
    fn insert(&mut self, key: u64, line: u64) -> Option<Option<u64>> {
        match self {
            Seen::Lines(m) => {
                if let Some(first) = m.get(&key) {
                    return Some(Some(u64::from(*first)));
                }
                m.insert(key, u32::try_from(line).unwrap_or(u32::MAX));
                if m.len() >= Seen::LINES {
                    *self = Seen::Keys(m.keys().copied().collect());
                }
                None
            }
            Seen::Keys(k) => (!k.insert(key)).then_some(None),
        }
    }
}

/// A bulk row names a person exactly: a UPN (one `@`, a domain) or an object id.
fn user_key(text: &str) -> Result<UserRef, String> {
    if !text.contains('@') && !is_guid(text) {
        return Err(format!(
            "'{text}' is neither a user principal name nor an object id; a bulk row names a person exactly"
        ));
    }
    UserRef::parse(text).map_err(|e| e.to_string())
}

fn phone_type(text: &str) -> Option<PhoneType> {
    match text
        .to_ascii_lowercase()
        .replace(['-', '_', ' '], "")
        .as_str()
    {
        "mobile" => Some(PhoneType::Mobile),
        "alternate" | "alternatemobile" => Some(PhoneType::AlternateMobile),
        "office" => Some(PhoneType::Office),
        _ => None,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn checks() -> Checks {
        Checks {
            region: "US".into(),
            now: "2026-11-28T12:00:00Z".parse().unwrap(),
            tz: jiff::tz::TimeZone::UTC,
            sheet: None,
        }
    }

    fn read(action: Action, text: &[u8]) -> Result<Vec<Result<Row, RowError>>, InputError> {
        let mut r = Reader::new(
            Box::new(std::io::Cursor::new(text.to_vec())),
            action,
            checks(),
        )?;
        let mut out = vec![];
        while let Some(row) = r.next() {
            out.push(row?);
        }
        Ok(out)
    }

    #[test]
    fn crlf_becomes_lf_across_reads() {
        /// Gives one byte per read: every CR ends a read.
        struct Trickle(std::io::Cursor<Vec<u8>>);
        impl Read for Trickle {
            fn read(&mut self, buf: &mut [u8]) -> std::io::Result<usize> {
                let n = buf.len().min(1);
                self.0.read(&mut buf[..n])
            }
        }
        let mut out = vec![];
        Lf {
            inner: Trickle(std::io::Cursor::new(b"a\r\nb\rc\r\n\r".to_vec())),
            held_cr: false,
        }
        .read_to_end(&mut out)
        .unwrap();
        assert_eq!(out, b"a\nb\rc\n\r");
    }

    #[test]
    fn headers_any_case_extra_columns_bom_crlf_quotes() {
        let rows = read(
            Action::PhoneSet,
            b"\xef\xbb\xbfNotes,USER,Phone,Type\r\n\"hi, there\",maria.garcia@district.example,\"502-485-3552\",office\r\n,x@district.example,(502) 485 3553,\r\n",
        )
        .unwrap();
        assert_eq!(rows.len(), 2);
        let r = rows[0].as_ref().unwrap();
        assert_eq!(r.line, 2);
        assert_eq!(
            r.task,
            Task::Phone {
                number: "+1 5024853552".into(),
                phone_type: PhoneType::Office
            }
        );
        assert!(matches!(
            &rows[1],
            Ok(Row {
                task: Task::Phone {
                    phone_type: PhoneType::Mobile,
                    ..
                },
                ..
            })
        ));
    }

    #[test]
    fn bad_rows_say_line_and_why() {
        let rows = read(
            Action::PhoneSet,
            b"user,phone\na@district.example,555\nmaria,502-485-3552\nb@district.example,502-485-3552\nb@district.example,502-485-3553\nx@y@z.example,502-485-3552\n,502-485-3552\n",
        )
        .unwrap();
        let errs: Vec<(u64, String)> = rows
            .iter()
            .filter_map(|r| r.as_ref().err())
            .map(|e| (e.line, e.reason.clone()))
            .collect();
        assert_eq!(errs.len(), 5, "{errs:?}");
        assert_eq!(errs[0].0, 2);
        assert!(
            errs[0].1.contains("not a valid phone number")
                || errs[0].1.contains("not a phone number"),
            "{errs:?}"
        );
        assert!(
            errs[1].1.contains("neither a user principal name"),
            "{errs:?}"
        );
        assert_eq!(errs[2].0, 5);
        assert!(errs[2].1.contains("first on line 4"), "{errs:?}");
        assert!(errs[3].1.contains("more than one '@'"), "{errs:?}");
        assert!(errs[4].1.contains("no user"), "{errs:?}");
    }

    /// The names people give columns, in any case and punctuation; the preferred one of two;
    /// a header that names none says what it has and what is expected.
    #[test]
    fn header_synonyms() {
        for (header, line) in [
            (
                "User Principal Name,Mobile Phone",
                "a@district.example,502-485-3552",
            ),
            ("E-mail Address;Cell", "a@district.example;502-485-3552"),
            ("UPN\tPhone Number", "a@district.example\t502-485-3552"),
            (
                "Email,UPN,cell phone",
                "x@other.example,a@district.example,502-485-3552",
            ),
        ] {
            let rows = read(Action::PhoneSet, format!("{header}\n{line}\n").as_bytes())
                .unwrap_or_else(|e| panic!("{header}: {e}"));
            let r = rows[0]
                .as_ref()
                .unwrap_or_else(|e| panic!("{header}: {e:?}"));
            assert_eq!(r.user.as_str(), "a@district.example", "{header}");
        }
        let e = read(Action::PhoneSet, b"Name,Cell\nAna,502-485-3552\n")
            .unwrap_err()
            .to_string();
        assert!(e.contains("'Name', 'Cell'"), "{e}");
        assert!(e.contains("'User Principal Name'"), "{e}");
    }

    #[test]
    fn the_separator_is_found_from_the_header() {
        assert_eq!(dialect(b"user;phone\n").1, "semicolon-separated CSV");
        assert_eq!(dialect(b"user\tphone\n").1, "tab-separated CSV");
        assert_eq!(dialect(b"user,phone\n").1, "comma-separated CSV");
        assert_eq!(dialect(b"user\n").1, "comma-separated CSV");
        // a separator inside quotes does not count
        assert_eq!(dialect(b"\"a;b;c\",user,phone\n").0, b',');
        let rows = read(
            Action::PhoneSet,
            b"user;phone;type\n\"a@district.example\";\"(502) 485-3552\";office\n",
        )
        .unwrap();
        assert!(rows[0].is_ok(), "{rows:?}");
    }

    #[test]
    fn a_phone_in_scientific_notation_has_lost_digits() {
        assert!(lost_digits("8.12289E+09"));
        assert!(lost_digits("5.02555e9"));
        assert!(lost_digits("8.12289E15"));
        assert!(!lost_digits("502-555-0142"));
        assert!(!lost_digits("+1 502 555 0142 x123"));
        assert!(!lost_digits("E+09"));
        let rows = read(
            Action::PhoneSet,
            b"user,phone\na@district.example,8.12289E+09\n",
        )
        .unwrap();
        let e = rows[0].as_ref().unwrap_err();
        assert!(e.reason.contains("format the column as Text"), "{e:?}");
        assert_eq!((e.line, e.unit), (2, "line"));
    }

    #[test]
    fn malformed_files() {
        // missing or doubled columns, an empty file, UTF-16
        assert!(
            read(Action::PhoneSet, b"user\na@district.example\n")
                .unwrap_err()
                .to_string()
                .contains("no phone column")
        );
        assert!(
            read(Action::SessionRevoke, b"user,User\na@b.example,\n")
                .unwrap_err()
                .to_string()
                .contains("appears 2 times")
        );
        assert!(read(Action::SessionRevoke, b"").is_err());
        assert!(
            read(Action::SessionRevoke, b"\xff\xfeu\x00s\x00")
                .unwrap_err()
                .to_string()
                .contains("UTF-16")
        );
        // an unmatched quote, a NUL, a huge field, Latin-1
        let rows = read(
            Action::SessionRevoke,
            b"user\n\"a@district.example\nb@district.example\n",
        )
        .unwrap();
        assert!(
            rows[0].as_ref().unwrap_err().reason.contains("unmatched"),
            "{rows:?}"
        );
        let rows = read(Action::SessionRevoke, b"user\na\x00@district.example\n").unwrap();
        assert!(
            rows[0]
                .as_ref()
                .unwrap_err()
                .reason
                .contains("control character")
        );
        let huge = format!("user\n{}@district.example\n", "a".repeat(5000));
        let rows = read(Action::SessionRevoke, huge.as_bytes()).unwrap();
        assert!(rows[0].as_ref().unwrap_err().reason.contains("at most 512"));
        let rows = read(Action::SessionRevoke, b"user\nm\xfcller@district.example\n").unwrap();
        assert!(rows[0].as_ref().unwrap_err().reason.contains("UTF-8"));
    }

    #[test]
    fn passes_take_lifetime_and_start() {
        let rows = read(
            Action::PasscodeIssue,
            b"user,lifetime,start\na@district.example,8h,2026-11-29T08:00:00Z\nb@district.example,,\nc@district.example,3 weeks,\nd@district.example,,2020-01-01T00:00:00Z\n",
        )
        .unwrap();
        assert!(matches!(
            &rows[0],
            Ok(Row {
                task: Task::Pass {
                    lifetime: Some(480),
                    start: Some(_)
                },
                ..
            })
        ));
        assert!(matches!(
            &rows[1],
            Ok(Row {
                task: Task::Pass {
                    lifetime: None,
                    start: None
                },
                ..
            })
        ));
        assert!(rows[2].is_err() && rows[3].is_err());
    }
}
