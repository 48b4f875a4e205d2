//! Turning what a caller says ("502-485-3552", "(502) 485 3552", "+1 502 485 3552 x123") into
//! Graph's `+CC NUMBER[xEXT]`, refusing numbers that are not valid for their region; comparing
//! it with what Graph shows (which may be masked); and setting a phone so that the outcome
//! reported is the true one (a lost answer or a `phoneNumberNotUnique` is read back).

use super::OpsError;
use crate::graph::client::GraphClient;
use crate::graph::model::{PhoneMethod, PhoneType};
use phonenumber::country::Id;

/// Normalises `input` (national numbers are read in `region`, e.g. "US").
pub fn normalize(input: &str, region: &str) -> Result<String, OpsError> {
    let region_id: Id = region.trim().to_ascii_uppercase().parse().map_err(|_| {
        OpsError::invalid(
            format!("'{region}' is not a region code"),
            "use a two-letter ISO 3166 code such as US or GB",
        )
    })?;
    let cleaned = input.trim();
    if cleaned.is_empty() {
        return Err(OpsError::invalid(
            "no phone number given",
            "give the number as the caller says it, e.g. 502-485-3552",
        ));
    }
    // what a keyboard or a pasted signature gives: ASCII, a no-break space, dashes; an
    // invisible character (a bidi override, a zero-width space, a control) is refused, not
    // silently dropped by the parser
    if let Some(c) = cleaned.chars().find(|c| {
        !(c.is_ascii_graphic()
            || *c == ' '
            || *c == '\u{a0}'
            || ('\u{2010}'..='\u{2015}').contains(c)
            || *c == '\u{2212}')
    }) {
        return Err(OpsError::invalid(
            format!(
                "the number contains the character U+{:04X}, which has no place in a phone number",
                u32::from(c)
            ),
            "type the number again rather than pasting it",
        ));
    }
    // letters are read as keypad digits by the parser (1-800-FLOWERS, or an O for a zero):
    // an MFA phone is typed in digits; only an extension's marker may be a word
    let lower = cleaned.to_ascii_lowercase();
    let without_ext = lower
        .replace("extension", " ")
        .replace("ext.", " ")
        .replace("ext", " ")
        .replace('x', " ");
    if let Some(c) = without_ext.chars().find(|c| c.is_alphabetic()) {
        return Err(OpsError::invalid(
            format!("'{cleaned}' contains the letter '{c}'; an MFA phone is typed in digits"),
            "check each character with the caller (an O is not a 0); vanity numbers like 1-800-FLOWERS can't receive codes",
        ));
    }
    let parsed = phonenumber::parse(Some(region_id), cleaned).map_err(|_| {
        OpsError::invalid(
            format!("'{cleaned}' is not a phone number"),
            "give the number as the caller says it, e.g. 502-485-3552 or +44 20 7946 0958",
        )
    })?;
    if !parsed.is_valid() {
        let checked = if cleaned.starts_with('+') {
            format!("+{}", parsed.code().value())
        } else {
            region.trim().to_ascii_uppercase()
        };
        return Err(OpsError::invalid(
            format!("'{cleaned}' is not a valid phone number (checked as a {checked} number)"),
            "check the digits with the caller; numbers from another country need their +country code",
        ));
    }
    let mut out = format!("+{} {}", parsed.code().value(), parsed.national());
    if let Some(ext) = parsed.extension() {
        out.push('x');
        out.push_str(ext);
    }
    Ok(out)
}

/// Regions that share country code 1 (the North American Numbering Plan).
const NANP: &[&str] = &[
    "US", "CA", "PR", "VI", "GU", "AS", "MP", "AG", "AI", "BB", "BM", "BS", "DM", "DO", "GD", "JM",
    "KN", "KY", "LC", "MS", "SX", "TC", "TT", "VC", "VG",
];

/// A number as Graph writes it (`+1 8122895203x448`) the way an agent reads it aloud: the
/// national format for a number of the configured `region` (`(812) 289-5203 ext. 448`), the
/// international format for others. Masked numbers (`+1 XXXXXXXX03`) and text that is not a
/// number come back as they are. North American numbers are formatted by hand so that a caller
/// card never pays the phone library's first-parse cost.
pub fn display(number: &str, region: &str) -> String {
    let (main, ext) = match number.split_once('x') {
        Some((m, e)) if !e.is_empty() && e.chars().all(|c| c.is_ascii_digit()) => (m, Some(e)),
        _ => (number, None),
    };
    let Some((code, national)) = main.strip_prefix('+').and_then(|r| r.split_once(' ')) else {
        return number.to_string();
    };
    // a directory number groups its digits with spaces (`+1 502 485 0100`)
    let national: String = national.split(' ').collect();
    let national = national.as_str();
    if !code.chars().all(|c| c.is_ascii_digit())
        || national.is_empty()
        || !national.chars().all(|c| c.is_ascii_digit())
    {
        return number.to_string();
    }
    let ext = ext.map(|e| format!(" ext. {e}")).unwrap_or_default();
    let region = region.trim().to_ascii_uppercase();
    if code == "1" && national.len() == 10 {
        let (a, b, c) = (&national[..3], &national[3..6], &national[6..]);
        return if NANP.contains(&region.as_str()) {
            format!("({a}) {b}-{c}{ext}")
        } else {
            format!("+1 {a}-{b}-{c}{ext}")
        };
    }
    let Ok(parsed) = phonenumber::parse(None, format!("+{code}{national}")) else {
        return number.to_string();
    };
    let home: Option<Id> = region.parse().ok();
    let mode = if home.is_some() && parsed.country().id() == home {
        phonenumber::Mode::National
    } else {
        phonenumber::Mode::International
    };
    format!("{}{ext}", parsed.format().mode(mode))
}

/// An extension works for a desk phone only: a text or an app prompt can't reach it.
pub fn check_type(number: &str, phone_type: PhoneType) -> Result<(), OpsError> {
    if number.contains('x') && phone_type != PhoneType::Office {
        return Err(OpsError::invalid(
            format!(
                "{number} has an extension, which a mobile phone can't have (texts can't reach an extension)"
            ),
            "leave the extension out, or set it as the office phone: --type office",
        ));
    }
    Ok(())
}

/// Who else has a number on file in the directory.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Reach {
    /// Other people with it as their `mobilePhone` or one of their `businessPhones`.
    pub people: usize,
    /// Where most of them work (`officeLocation`), when they are several.
    pub place: Option<String>,
}

impl Reach {
    /// `on file for 37 people at Maple Hill Elementary`.
    pub fn describe(&self) -> String {
        format!(
            "on file for {} other {}{}",
            self.people,
            if self.people == 1 { "person" } else { "people" },
            self.place
                .as_ref()
                .map(|p| format!(" at {p}"))
                .unwrap_or_default()
        )
    }
}

/// Who else has `number` on file as a directory phone (`mobilePhone` or `businessPhones`), as
/// far as the agent's role lets care see; `None` when it could not be read. Directory numbers
/// are free text, so the usual spellings are tried, in one batch.
pub async fn reach(graph: &GraphClient, number: &str, except_id: &str) -> Option<Reach> {
    use crate::graph::client::Call;
    use crate::graph::encode::literal;
    let (cc, national) = number.trim_start_matches('+').split_once(' ')?;
    let national = without_extension(national);
    let mut spellings = vec![format!("+{cc} {national}")];
    if cc == "1" && national.len() == 10 {
        let (a, b, c) = (&national[..3], &national[3..6], &national[6..]);
        spellings.extend([
            format!("+1 {a} {b} {c}"),
            format!("({a}) {b}-{c}"),
            format!("{a}-{b}-{c}"),
            format!("+1 ({a}) {b}-{c}"),
        ]);
    }
    let list = spellings
        .iter()
        .map(|s| literal(s))
        .collect::<Vec<_>>()
        .join(",");
    let query = |filter: String| {
        Call::get("users")
            .query("$filter", filter)
            .query("$select", "id,officeLocation")
            .query("$count", "true")
            .query("$top", "999")
            .eventual()
    };
    let calls = vec![
        query(format!("mobilePhone in ({list})")),
        query(format!("businessPhones/any(p:p in ({list}))")),
    ];
    let mut people = std::collections::BTreeMap::new();
    for reply in graph.batch(&calls).await.ok()? {
        let page: crate::graph::model::Collection<crate::graph::model::User> =
            reply.ok()?.json().ok()?;
        for u in page.value.into_iter().filter(|u| u.id != except_id) {
            people.insert(u.id.clone(), u.office_location.clone());
        }
    }
    let mut places: std::collections::BTreeMap<&str, usize> = Default::default();
    for p in people.values().flatten() {
        *places.entry(p.as_str()).or_default() += 1;
    }
    let place = places
        .into_iter()
        .max_by_key(|(_, n)| *n)
        .filter(|_| people.len() > 1)
        .map(|(p, _)| crate::output::sanitize(p));
    Some(Reach {
        people: people.len(),
        place,
    })
}

/// How a number Graph shows compares with the one wanted.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Match {
    Same,
    Different,
    /// Graph showed the number masked (as it does to an Authentication Administrator) and the
    /// digits it shows agree: it may or may not be the same number.
    Unsure,
}

/// `+{cc} {digits}[x{digits}]`: a full number, as Graph stores it.
fn is_full(number: &str) -> bool {
    let Some((cc, rest)) = number.strip_prefix('+').and_then(|r| r.split_once(' ')) else {
        return false;
    };
    let (national, ext) = rest
        .split_once('x')
        .map_or((rest, None), |(n, e)| (n, Some(e)));
    let digits = |s: &str| !s.is_empty() && s.bytes().all(|b| b.is_ascii_digit());
    digits(cc) && cc.len() <= 3 && digits(national) && ext.is_none_or(digits)
}

/// Compares `shown` (from Graph, maybe masked) with `wanted` (normalised). A value that isn't
/// a full number counts as masked: only the digits it shows are compared, the country code as
/// it is and the national number aligned from its end (graph-api.md §2, client rule).
pub fn compare(shown: &str, wanted: &str) -> Match {
    let shown = shown.trim();
    if is_full(shown) {
        return if shown.eq_ignore_ascii_case(wanted) {
            Match::Same
        } else {
            Match::Different
        };
    }
    let split = |n: &str| -> (String, String) {
        let n = n.trim_start_matches('+');
        let (cc, rest) = n.split_once(' ').unwrap_or(("", n));
        (cc.to_string(), without_extension(rest).to_string())
    };
    let (cc_s, nat_s) = split(shown);
    let (cc_w, nat_w) = split(wanted);
    if !cc_s.is_empty() && cc_s.bytes().all(|b| b.is_ascii_digit()) && cc_s != cc_w {
        return Match::Different;
    }
    let wanted_digits: Vec<char> = nat_w.chars().filter(char::is_ascii_digit).collect();
    let shown_chars: Vec<char> = nat_s
        .chars()
        .filter(|c| !c.is_whitespace() && *c != '-')
        .collect();
    let agree = shown_chars
        .iter()
        .rev()
        .zip(wanted_digits.iter().rev())
        .all(|(s, w)| !s.is_ascii_digit() || s == w);
    if agree {
        Match::Unsure
    } else {
        Match::Different
    }
}

/// A number without its `x123` extension: the last lower-case `x` that follows a digit and
/// is followed only by digits (a mask may use `x` for hidden digits).
fn without_extension(national: &str) -> &str {
    match national.rfind('x') {
        Some(i)
            if i > 0
                && national[..i].ends_with(|c: char| c.is_ascii_digit())
                && national[i + 1..].bytes().all(|b| b.is_ascii_digit()) =>
        {
            &national[..i]
        }
        _ => national,
    }
}

/// What setting a phone will do, decided from the user's phones before any change.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Plan {
    /// The phone of that type is already this number.
    AlreadySet,
    /// The phone of that type exists; Graph shows it masked and its visible digits agree.
    MaybeSet { shown: String },
    /// The phone of that type is another number.
    Change { from: String },
    /// There is no phone of that type yet.
    Add,
}

pub fn plan(phones: &[PhoneMethod], phone_type: PhoneType, number: &str) -> Plan {
    match phones.iter().find(|p| p.phone_type == phone_type) {
        None => Plan::Add,
        Some(p) => match compare(&p.phone_number, number) {
            Match::Same => Plan::AlreadySet,
            Match::Unsure => Plan::MaybeSet {
                shown: p.phone_number.clone(),
            },
            Match::Different => Plan::Change {
                from: p.phone_number.clone(),
            },
        },
    }
}

/// What happened, as far as Graph lets care see.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Outcome {
    Set,
    /// Set for MFA, but the number is someone else's SMS sign-in number: SMS sign-in is not
    /// available on it (Graph's `phoneNumberNotUnique`).
    SetWithoutSmsSignIn,
    /// The answer was lost or partial; the phone Graph shows now is masked and its visible
    /// digits agree, so the change most likely landed.
    ProbablySet {
        shown: String,
    },
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    #[test]
    fn numbers_read_aloud_in_the_agents_region() {
        assert_eq!(display("+1 8122895203", "US"), "(812) 289-5203");
        assert_eq!(
            display("+1 5024853552x448", "us"),
            "(502) 485-3552 ext. 448"
        );
        assert_eq!(display("+1 8122895203", "GB"), "+1 812-289-5203");
        assert_eq!(display("+44 2079460958", "US"), "+44 20 7946 0958");
        assert_eq!(display("+44 2079460958", "GB"), "020 7946 0958");
        assert_eq!(display("+1 XXXXXXXX03", "US"), "+1 XXXXXXXX03");
        assert_eq!(display("not a number", "US"), "not a number");
        assert_eq!(display("+1 502 485 0100", "US"), "(502) 485-0100");
    }

    proptest! {
        /// A US number however it is written: Graph's `+1 NNNNNNNNNN` out, or a refusal.
        #[test]
        fn numbers_normalise_to_graphs_format_or_are_refused(
            area in 201u32..990, exchange in 200u32..999, line in 0u32..10_000,
            style in 0usize..5,
        ) {
            let written = match style {
                0 => format!("{area}-{exchange}-{line:04}"),
                1 => format!("({area}) {exchange} {line:04}"),
                2 => format!("+1 {area} {exchange} {line:04}"),
                3 => format!("{area}.{exchange}.{line:04}"),
                _ => format!("1{area}{exchange}{line:04}"),
            };
            if let Ok(n) = normalize(&written, "US") {
                prop_assert_eq!(n, format!("+1 {area}{exchange}{line:04}"));
            }
        }

        /// Letters, or anything but a number, never come out as a number.
        #[test]
        fn text_with_letters_is_refused(s in "[0-9 ()+-]{0,6}[A-Za-z][0-9A-Za-z ()+-]{0,12}") {
            prop_assert!(normalize(&s, "US").is_err(), "{s}");
        }

        #[test]
        fn anything_at_all_never_panics(s in "\\PC{0,40}", region in "[A-Za-z]{0,3}") {
            let _ = normalize(&s, &region);
        }
    }

    #[test]
    fn masked_numbers_compare_on_visible_digits() {
        assert_eq!(compare("+1 5024853552", "+1 5024853552"), Match::Same);
        assert_eq!(compare("+1 5024853552", "+1 5024853553"), Match::Different);
        assert_eq!(
            compare("+1 5024853552x12", "+1 5024853552"),
            Match::Different
        );
        assert_eq!(compare("+1 XXXXXXXX52", "+1 5024853552"), Match::Unsure);
        assert_eq!(compare("+1 XXXXXXXX52", "+1 5024853552x45"), Match::Unsure);
        assert_eq!(compare("+1 XXXXXXXX53", "+1 5024853552"), Match::Different);
        assert_eq!(compare("+44 XXXXXXXX52", "+1 5024853552"), Match::Different);
        assert_eq!(compare("+XXXXXXXXX52", "+1 5024853552"), Match::Unsure);
        assert_eq!(compare("+1 ********52", "+1 5024853552"), Match::Unsure);
        assert_eq!(compare("+1 xxxxxxxx52", "+1 5024853552"), Match::Unsure);
        assert_eq!(compare("+1 xxxxxxxx53", "+1 5024853552"), Match::Different);
    }

    #[test]
    fn plans_from_what_graph_shows() {
        let phone = |n: &str| PhoneMethod {
            id: PhoneType::Mobile.method_id().into(),
            phone_number: n.into(),
            phone_type: PhoneType::Mobile,
            sms_sign_in_state: None,
        };
        let n = "+1 5024853552";
        assert_eq!(plan(&[], PhoneType::Mobile, n), Plan::Add);
        assert_eq!(plan(&[phone(n)], PhoneType::Mobile, n), Plan::AlreadySet);
        assert!(matches!(
            plan(&[phone("+1 XXXXXXXX52")], PhoneType::Mobile, n),
            Plan::MaybeSet { .. }
        ));
        assert!(matches!(
            plan(&[phone("+1 XXXXXXXX99")], PhoneType::Mobile, n),
            Plan::Change { .. }
        ));
        assert_eq!(plan(&[phone(n)], PhoneType::Office, n), Plan::Add);
    }

    #[test]
    fn what_callers_say() {
        assert_eq!(normalize("502-485-3552", "US").unwrap(), "+1 5024853552");
        assert_eq!(normalize("(502) 485 3552", "us").unwrap(), "+1 5024853552");
        assert_eq!(
            normalize("+1 502 485 3552 x123", "US").unwrap(),
            "+1 5024853552x123"
        );
        assert_eq!(
            normalize("502.485.3552 ext. 45", "US").unwrap(),
            "+1 5024853552x45"
        );
        assert_eq!(
            normalize("+44 20 7946 0958", "US").unwrap(),
            "+44 2079460958"
        );
        assert_eq!(normalize("020 7946 0958", "GB").unwrap(), "+44 2079460958");
    }

    #[test]
    fn refuses_what_is_not_a_number() {
        for bad in [
            "859-555-O142",
            "1-800-FLOWERS",
            "502-485-3552 call me",
            "",
            "555",
            "502-485-355",
            "call me",
            "+1 123 456 7890",
            "502-485-3552-9999",
        ] {
            assert!(normalize(bad, "US").is_err(), "{bad}");
        }
        assert!(normalize("502-485-3552", "XX").is_err());
    }
}
