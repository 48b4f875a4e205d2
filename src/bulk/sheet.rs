//! A workbook as a bulk run's input (.xlsx, .xlsm, .xlsb, .xls, .ods, through calamine): one
//! sheet (the first, or the one named), each cell as the text a person means by it. A number
//! cell is its digits (5025550142, never 5.02555E+09); a number past Excel's 15 significant
//! digits has lost some and reads as scientific notation, which the checks refuse; a date is
//! `YYYY-MM-DD HH:MM`, a duration minutes (`90m`). Rows keep the sheet's own numbers.

use calamine::{Data, Reader as _};
use sha2::{Digest, Sha256};
use std::collections::VecDeque;
use std::path::Path;

/// A sheet read: its name, its rows (the sheet's row number, the cells' text) and the SHA-256
/// of the file and the sheet's name (which names the job).
pub struct Sheet {
    pub name: String,
    pub rows: VecDeque<(u64, Vec<String>)>,
    pub sha256: String,
}

/// Whether `path` holds a workbook: by its name, or by its first bytes (a zip, as .xlsx and
/// .ods are, or an OLE file, as .xls is) when it has another name (standard input).
pub fn is_workbook(path: &Path) -> bool {
    let by_name = path.extension().and_then(|e| e.to_str()).is_some_and(|e| {
        ["xlsx", "xlsm", "xlsb", "xls", "ods"]
            .iter()
            .any(|w| e.eq_ignore_ascii_case(w))
    });
    if by_name {
        return true;
    }
    let mut head = [0u8; 8];
    let read = std::fs::File::open(path)
        .and_then(|mut f| std::io::Read::read(&mut f, &mut head))
        .unwrap_or(0);
    read >= 4
        && (head.starts_with(b"PK\x03\x04")
            || head.starts_with(&[0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1]))
}

/// Reads the sheet named `wanted` (any case), or the first.
pub fn read(path: &Path, wanted: Option<&str>) -> Result<Sheet, String> {
    let bytes = std::fs::read(path).map_err(|e| format!("cannot read {}: {e}", path.display()))?;
    let mut hash = Sha256::new();
    hash.update(&bytes);
    let mut book =
        calamine::open_workbook_auto_from_rs(std::io::Cursor::new(bytes)).map_err(|e| {
            format!(
                "{} is not a workbook care can read ({e}); save it as .xlsx or as CSV UTF-8",
                path.display()
            )
        })?;
    let names = book.sheet_names();
    let name = match wanted {
        Some(w) => names
            .iter()
            .find(|n| n.eq_ignore_ascii_case(w.trim()))
            .cloned()
            .ok_or_else(|| {
                format!(
                    "the workbook has no sheet '{w}'; its sheets: {}",
                    names.join(", ")
                )
            })?,
        None => names
            .first()
            .cloned()
            .ok_or_else(|| "the workbook has no sheets".to_string())?,
    };
    let range = book
        .worksheet_range(&name)
        .map_err(|e| format!("cannot read the sheet '{name}': {e}"))?;
    hash.update([0]);
    hash.update(name.as_bytes());
    let first = range.start().map_or(0, |(row, _)| u64::from(row));
    let rows = range
        .rows()
        .enumerate()
        .map(|(i, cells)| (first + i as u64 + 1, cells.iter().map(text).collect()))
        .collect();
    Ok(Sheet {
        name,
        rows,
        sha256: hash.finalize().iter().map(|b| format!("{b:02x}")).collect(),
    })
}

/// Excel keeps 15 significant digits; a number past them has lost its last digits.
const EXACT: f64 = 1e15;

/// A cell as text.
fn text(cell: &Data) -> String {
    match cell {
        Data::Empty => String::new(),
        Data::String(s) | Data::DateTimeIso(s) | Data::DurationIso(s) => s.clone(),
        Data::Int(i) => i.to_string(),
        Data::Float(f) => number(*f),
        Data::Bool(b) => if *b { "TRUE" } else { "FALSE" }.into(),
        Data::DateTime(d) if d.is_duration() => {
            format!("{}m", (d.as_f64() * 24.0 * 60.0).round())
        }
        Data::DateTime(d) => serial_date(d.as_f64()),
        Data::Error(e) => format!("#{e:?}"),
    }
}

/// A number cell's digits: a whole number as it is (`5025550142`), another as Rust writes it,
/// and one Excel can't hold exactly in scientific notation (which the phone check refuses).
fn number(f: f64) -> String {
    if !f.is_finite() {
        return f.to_string();
    }
    if f.abs() >= EXACT {
        return format!("{f:E}");
    }
    if f.fract() == 0.0 {
        return format!("{f:.0}");
    }
    f.to_string()
}

/// An Excel serial date (days since 1899-12-30, the time as its fraction) as
/// `YYYY-MM-DD HH:MM`.
fn serial_date(serial: f64) -> String {
    let seconds = (serial * 86_400.0).round() as i64;
    let at = jiff::civil::date(1899, 12, 30)
        .at(0, 0, 0, 0)
        .checked_add(jiff::SignedDuration::from_secs(seconds));
    match at {
        Ok(t) => t.strftime("%Y-%m-%d %H:%M").to_string(),
        Err(_) => serial.to_string(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn number_cells_read_as_the_digits_they_hold() {
        assert_eq!(number(5025550142.0), "5025550142");
        assert_eq!(number(15025550142.0), "15025550142");
        assert_eq!(number(90.5), "90.5");
        // past 15 significant digits: scientific, as Excel shows a number that lost digits
        assert_eq!(number(8.12289e15), "8.12289E15");
    }

    #[test]
    fn dates_and_durations_read_as_people_write_them() {
        // 2026-12-01 07:30 is serial 46357.3125
        assert_eq!(serial_date(46357.3125), "2026-12-01 07:30");
        assert_eq!(serial_date(46357.0), "2026-12-01 00:00");
    }
}
