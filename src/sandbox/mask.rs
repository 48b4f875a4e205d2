//! How the sandbox masks a phone number for a caller who may see only masked numbers
//! ([`super::policy::masks_phone_numbers`] decides who).
//!
//! **UNCONFIRMED format.** Graph documents *that* an Authentication Administrator "only sees
//! masked phone numbers" (`graph-api.md` §2) but not *how* they look; no Microsoft page or issue
//! shows one. This is the sandbox's choice, made here and nowhere else:
//!
//! - the `+{country code} ` prefix stays as it is;
//! - of the subscriber number only the last two digits stay; every other digit becomes `X`, so
//!   the length is kept: `+1 5025550103` → `+1 XXXXXXXX03`;
//! - an extension is dropped (`+1 5024853552x123` → `+1 XXXXXXXX52`), so a masked value never
//!   says anything about the extension, and its last two digits are always the number's own.
//!
//! A client must treat any value that isn't a full `+{cc} {digits}[x{ext}]` number as masked and
//! compare only the digits it shows, aligned from the end of the number without its extension.

/// How many trailing digits of the subscriber number a masked value shows.
const SHOWN_DIGITS: usize = 2;

/// The masked form of a Graph phone number (`+{cc} {number}[x{ext}]`). A value in another shape
/// (which the sandbox never stores) has every digit but the last two masked.
pub fn phone_number(number: &str) -> String {
    let Some((cc, rest)) = number
        .strip_prefix('+')
        .and_then(|rest| rest.split_once(' '))
    else {
        return mask_digits(number);
    };
    let subscriber = rest.split_once('x').map_or(rest, |(n, _)| n);
    format!("+{cc} {}", mask_digits(subscriber))
}

/// Every ASCII digit of `s` but the last [`SHOWN_DIGITS`] replaced by `X`.
fn mask_digits(s: &str) -> String {
    let digits = s.bytes().filter(u8::is_ascii_digit).count();
    let mut seen = 0;
    s.chars()
        .map(|c| {
            if !c.is_ascii_digit() {
                return c;
            }
            seen += 1;
            if seen + SHOWN_DIGITS > digits { c } else { 'X' }
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn keeps_the_country_code_and_the_last_two_digits() {
        assert_eq!(phone_number("+1 5025550103"), "+1 XXXXXXXX03");
        assert_eq!(phone_number("+44 2079460958"), "+44 XXXXXXXX58");
        assert_eq!(phone_number("+353 12345"), "+353 XXX45");
    }

    #[test]
    fn drops_the_extension() {
        assert_eq!(phone_number("+1 5024853552x123"), "+1 XXXXXXXX52");
    }

    #[test]
    fn other_shapes_still_hide_all_but_two_digits() {
        assert_eq!(phone_number("5025550103"), "XXXXXXXX03");
        assert_eq!(phone_number("+15025550103"), "+XXXXXXXXX03");
        assert_eq!(phone_number(""), "");
    }
}
