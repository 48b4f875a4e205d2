//! Turning what a caller says ("502-485-3552", "(502) 485 3552", "+1 502 485 3552 x123") into
//! Graph's `+CC NUMBER[xEXT]`, refusing numbers that are not valid for their region.

use super::OpsError;
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

#[cfg(test)]
mod tests {
    use super::*;

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
