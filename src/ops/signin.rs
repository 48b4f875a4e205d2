//! Sign-in error codes in plain words, for an agent on a call.

/// What a sign-in `status.errorCode` means.
pub fn explain(code: i64) -> &'static str {
    match code {
        0 => "signed in",
        50074 => "MFA required and not completed",
        50076 => "MFA required (new location or policy) and not completed",
        50078 => "MFA claim expired; MFA needed again",
        50079 => "must register MFA methods before signing in",
        500121 => "MFA prompt not completed: denied, not answered, or wrong code",
        50126 => "wrong username or password",
        53003 => "blocked by a Conditional Access policy",
        53000 | 530003 => "needs a compliant or managed device",
        50053 => "account locked after too many attempts",
        50057 => "account disabled",
        50055 => "password expired",
        50158 => "external security challenge not satisfied",
        50125 => "interrupted by a password reset or registration prompt",
        70044 | 50133 => "session expired or revoked; sign in again",
        _ => "sign-in failed",
    }
}

#[cfg(test)]
mod tests {
    #[test]
    fn common_codes_have_words() {
        for code in [50076, 50074, 500121, 50126, 53003] {
            assert_ne!(super::explain(code), "sign-in failed", "{code}");
        }
        assert_eq!(super::explain(12345), "sign-in failed");
    }
}
