//! `care bulk` from the files districts really have: Excel workbooks (made here by a
//! spreadsheet writer), OpenDocument sheets, CSV of any common dialect, the header names people
//! use, and what Excel does to phone numbers.

use crate::common::*;
use serde_json::Value;
use std::io::Write;
use std::path::PathBuf;

/// An .xlsx made with rust_xlsxwriter: `sheets` of rows, each cell text, or a number when it is
/// digits (as a person typing into Excel gets; `8.12289E+09` stays the text a CSV import left).
fn xlsx(t: &Tenant, name: &str, sheets: &[(&str, Vec<Vec<&str>>)]) -> PathBuf {
    let mut book = rust_xlsxwriter::Workbook::new();
    for (sheet_name, rows) in sheets {
        let sheet = book.add_worksheet();
        sheet.set_name(*sheet_name).unwrap();
        for (r, row) in rows.iter().enumerate() {
            for (c, cell) in row.iter().enumerate() {
                let (r, c) = (r as u32, c as u16);
                let digits =
                    !cell.is_empty() && cell.bytes().all(|b| b.is_ascii_digit() || b == b'.');
                match cell.parse::<f64>() {
                    Ok(n) if digits => sheet.write_number(r, c, n).unwrap(),
                    _ => sheet.write_string(r, c, *cell).unwrap(),
                };
            }
        }
    }
    let path = t.dir.path().join(name);
    book.save(&path).unwrap();
    path
}

/// An .ods (OpenDocument spreadsheet), assembled as LibreOffice writes one: a zip whose
/// `content.xml` holds the table; numbers as `float` cells.
fn ods(t: &Tenant, name: &str, rows: &[Vec<&str>]) -> PathBuf {
    let mut table = String::new();
    for row in rows {
        table.push_str("<table:table-row>");
        for cell in row {
            match cell.parse::<f64>() {
                Ok(n) => table.push_str(&format!(
                    "<table:table-cell office:value-type=\"float\" office:value=\"{n}\"><text:p>{cell}</text:p></table:table-cell>"
                )),
                Err(_) => table.push_str(&format!(
                    "<table:table-cell office:value-type=\"string\"><text:p>{cell}</text:p></table:table-cell>"
                )),
            }
        }
        table.push_str("</table:table-row>");
    }
    let content = format!(
        r#"<?xml version="1.0" encoding="UTF-8"?>
<office:document-content xmlns:office="urn:oasis:names:tc:opendocument:xmlns:office:1.0" xmlns:table="urn:oasis:names:tc:opendocument:xmlns:table:1.0" xmlns:text="urn:oasis:names:tc:opendocument:xmlns:text:1.0" office:version="1.2"><office:body><office:spreadsheet><table:table table:name="Roster">{table}</table:table></office:spreadsheet></office:body></office:document-content>"#
    );
    let manifest = r#"<?xml version="1.0" encoding="UTF-8"?>
<manifest:manifest xmlns:manifest="urn:oasis:names:tc:opendocument:xmlns:manifest:1.0" manifest:version="1.2"><manifest:file-entry manifest:full-path="/" manifest:media-type="application/vnd.oasis.opendocument.spreadsheet"/><manifest:file-entry manifest:full-path="content.xml" manifest:media-type="text/xml"/></manifest:manifest>"#;
    let path = t.dir.path().join(name);
    let mut zip = zip::ZipWriter::new(std::fs::File::create(&path).unwrap());
    let stored =
        zip::write::SimpleFileOptions::default().compression_method(zip::CompressionMethod::Stored);
    zip.start_file("mimetype", stored).unwrap();
    zip.write_all(b"application/vnd.oasis.opendocument.spreadsheet")
        .unwrap();
    let deflated = zip::write::SimpleFileOptions::default();
    zip.start_file("META-INF/manifest.xml", deflated).unwrap();
    zip.write_all(manifest.as_bytes()).unwrap();
    zip.start_file("content.xml", deflated).unwrap();
    zip.write_all(content.as_bytes()).unwrap();
    zip.finish().unwrap();
    path
}

/// `care bulk phone-set --check` of `file` (and `extra` flags).
fn check(t: &Tenant, file: &std::path::Path, extra: &[&str]) -> Run {
    t.run_cmd(
        t.care()
            .args(["bulk", "phone-set", "--check", "--file"])
            .arg(file)
            .args(extra),
    )
}

/// A workbook as Excel keeps a roster: the headers people write, phone numbers typed as
/// numbers (read back as their digits), the sheet's row numbers in messages, a sheet chosen by
/// name; then the run itself sets the phones.
#[test]
fn a_workbook_roster_runs_with_its_numbers_as_digits() {
    let t = Tenant::start();
    let u = staff(&t, 3);
    let book = xlsx(
        &t,
        "roster.xlsx",
        &[
            ("Notes", vec![vec!["nothing here"]]),
            (
                "Staff",
                vec![
                    vec!["Name", "E-mail Address", "Mobile Phone", "Phone Type"],
                    vec!["A", &u[0], "5025550142", "mobile"],
                    vec![],
                    vec!["B", &u[1], "5025550143", "Alternate"],
                    vec!["C", &u[2], "8.12289E+09", ""],
                ],
            ),
        ],
    );
    // the first sheet has no user column: said with the sheet, its row and its columns
    let first = check(&t, &book, &[]);
    assert_eq!(first.code, 2, "{first}");
    assert!(
        first.stderr.contains("row 1 of the sheet 'Notes'")
            && first.stderr.contains("'nothing here'"),
        "{first}"
    );
    let named = check(&t, &book, &["--sheet", "staff"]);
    assert_eq!(named.code, 2, "{named}");
    // a text cell Excel wrote in scientific notation: its row of the sheet, and the fix
    assert!(named.stderr.contains("row 5:"), "{named}");
    assert!(
        named.stderr.contains("format the column as Text"),
        "{named}"
    );
    assert!(
        named
            .stderr
            .contains("3 rows (the sheet 'Staff' of a workbook), 2 valid, 1 invalid"),
        "{named}"
    );
    assert!(named.stderr.contains("1 invalid row"), "{named}");
    let missing = check(&t, &book, &["--sheet", "Teachers"]);
    assert_eq!(missing.code, 2, "{missing}");
    assert!(
        missing.stderr.contains("its sheets: Notes, Staff"),
        "{missing}"
    );
    // the valid rows run: the numbers went in as the digits they are
    let run = t.run_cmd(
        t.care()
            .args([
                "bulk",
                "phone-set",
                "--skip-invalid",
                "--yes",
                "--sheet",
                "Staff",
                "--file",
            ])
            .arg(&book)
            .args(APPROVED),
    );
    assert_eq!(run.code, 0, "{run}");
    let tok = t.token();
    let phones = |upn: &str| -> Value {
        t.get(
            &tok,
            &format!("/v1.0/users/{}/authentication/phoneMethods", enc(upn)),
        )
        .body
    };
    assert!(
        phones(&u[0]).to_string().contains("+1 5025550142"),
        "{}",
        phones(&u[0])
    );
    let alternate = phones(&u[1]);
    assert!(
        alternate.to_string().contains("+1 5025550143")
            && alternate.to_string().contains("alternateMobile"),
        "{alternate}"
    );
}

/// An OpenDocument sheet (LibreOffice) reads the same way.
#[test]
fn an_ods_sheet_is_read_too() {
    let t = Tenant::start();
    let u = staff(&t, 2);
    let sheet = ods(
        &t,
        "roster.ods",
        &[
            vec!["UPN", "Cell"],
            vec![&u[0], "5024853552"],
            vec![&u[1], "555"],
        ],
    );
    let r = check(&t, &sheet, &[]);
    assert_eq!(r.code, 2, "{r}");
    assert!(r.stderr.contains("row 3:"), "{r}");
    assert!(
        r.stderr
            .contains("2 rows (the sheet 'Roster' of a workbook), 1 valid, 1 invalid"),
        "{r}"
    );
}

/// CSV as Excel writes it around the world: semicolons (most of Europe), tabs, quoted fields,
/// a BOM and CRLF; the separator said in the summary. A CSV with --sheet is refused.
#[test]
fn csv_dialects_are_found_and_said() {
    let t = Tenant::start();
    let u = staff(&t, 1);
    for (sep, name) in [
        (";", "semicolon-separated"),
        ("\t", "tab-separated"),
        (",", "comma-separated"),
    ] {
        let file = write_csv(
            &t,
            "roster.csv",
            &format!(
                "\u{feff}\"User Principal Name\"{sep}\"Mobile\"\r\n\"{}\"{sep}\"(502) 485-3552\"\r\n",
                u[0]
            ),
        );
        let r = check(&t, &file, &[]);
        assert_eq!(r.code, 0, "{name}: {r}");
        assert!(
            r.stderr
                .contains(&format!("1 row ({name} CSV), 1 valid, 0 invalid")),
            "{r}"
        );
    }
    let file = write_csv(
        &t,
        "roster.csv",
        &format!("user,phone\n{},5024853552\n", u[0]),
    );
    let r = check(&t, &file, &["--sheet", "Staff"]);
    assert_eq!(r.code, 2, "{r}");
    assert!(r.stderr.contains("is for a workbook"), "{r}");
    // a header with none of the names: what it has, and what is expected
    let file = write_csv(&t, "roster.csv", "Name;Cell\nAna;5024853552\n");
    let r = check(&t, &file, &[]);
    assert_eq!(r.code, 2, "{r}");
    assert!(
        r.stderr.contains("'Name', 'Cell'") && r.stderr.contains("'E-mail Address'"),
        "{r}"
    );
}

/// A new-hire wave from a workbook: the start a date-and-time cell, the lifetime a number of
/// minutes; the passes' columns by the names people give them.
#[test]
fn passes_from_a_workbook_with_date_cells() {
    let t = Tenant::start();
    let u = staff(&t, 2);
    let mut book = rust_xlsxwriter::Workbook::new();
    let sheet = book.add_worksheet();
    let when = rust_xlsxwriter::Format::new().set_num_format("yyyy-mm-dd hh:mm");
    let tomorrow = jiff::ZonedDateTime::now()
        .date()
        .checked_add(jiff::Span::new().days(1))
        .unwrap();
    let start = rust_xlsxwriter::ExcelDateTime::from_ymd(
        tomorrow.year() as u16,
        tomorrow.month() as u8,
        tomorrow.day() as u8,
    )
    .unwrap()
    .and_hms(7, 30, 0)
    .unwrap();
    for (c, h) in ["Email", "Pass Lifetime", "Start Time"].iter().enumerate() {
        sheet.write_string(0, c as u16, *h).unwrap();
    }
    for (r, upn) in u.iter().enumerate() {
        let r = r as u32 + 1;
        sheet.write_string(r, 0, upn.as_str()).unwrap();
        sheet.write_number(r, 1, 120).unwrap();
        sheet
            .write_datetime_with_format(r, 2, &start, &when)
            .unwrap();
    }
    let path = t.dir.path().join("new-hires.xlsx");
    book.save(&path).unwrap();
    let r = t.run_cmd(
        t.care()
            .args(["bulk", "passcode-issue", "--dry-run", "--file"])
            .arg(&path),
    );
    assert_eq!(r.code, 0, "{r}");
    assert!(r.stdout.contains("for 120 minutes"), "{r}");
}
