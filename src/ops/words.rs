//! Graph's enum values in the words an agent reads to a caller: one table, used by every
//! command's table output (`-o json` keeps Graph's values).

/// `(Graph's value, plain words)`; looked up without regard to case, since Graph writes some
/// lists in camelCase (`methodsRegistered`) and others in PascalCase
/// (`systemPreferredAuthenticationMethods`, `methodUsabilityReason`).
const WORDS: &[(&str, &str)] = &[
    // methodsRegistered, userPreferredMethodForSecondaryAuthentication,
    // systemPreferredAuthenticationMethods
    ("mobilePhone", "mobile phone"),
    ("alternateMobilePhone", "alternate mobile phone"),
    ("officePhone", "office phone"),
    ("microsoftAuthenticatorPush", "Authenticator app"),
    (
        "microsoftAuthenticatorPasswordless",
        "Authenticator phone sign-in",
    ),
    ("softwareOneTimePasscode", "authenticator app code"),
    ("hardwareOneTimePasscode", "hardware token code"),
    ("windowsHelloForBusiness", "Windows Hello"),
    ("fido2", "passkey"),
    ("passKeyDeviceBound", "passkey"),
    (
        "passKeyDeviceBoundAuthenticator",
        "passkey in the Authenticator app",
    ),
    ("passKeyDeviceBoundWindowsHello", "passkey in Windows Hello"),
    ("temporaryAccessPass", "Temporary Access Pass"),
    ("email", "email (password reset only)"),
    ("securityQuestion", "security questions"),
    ("appPassword", "app password"),
    ("macOsSecureEnclaveKey", "Mac sign-in key"),
    ("push", "Authenticator app notification"),
    ("oath", "authenticator app code"),
    ("sms", "text message"),
    ("voiceMobile", "call to the mobile"),
    ("voiceAlternateMobile", "call to the alternate mobile"),
    ("voiceOffice", "call to the office phone"),
    ("none", "none"),
    // smsSignInState
    ("ready", "on"),
    ("notSupported", "not possible for this phone"),
    ("notAllowedByPolicy", "off (not allowed by policy)"),
    ("notEnabled", "off"),
    (
        "phoneNumberNotUnique",
        "off (the number is on another account)",
    ),
    ("notConfigured", "not set up"),
    // methodUsabilityReason
    ("EnabledByPolicy", "usable"),
    ("DisabledByPolicy", "disabled by policy"),
    ("Expired", "expired"),
    ("NotYetValid", "not valid yet"),
    ("OneTimeUsed", "already used"),
    // authenticationRequirement
    ("singleFactorAuthentication", "password only"),
    ("multiFactorAuthentication", "MFA"),
];

/// Graph's `value` in plain words; a value the table does not know comes back as it is.
pub fn plain(value: &str) -> &str {
    WORDS
        .iter()
        .find(|(graph, _)| graph.eq_ignore_ascii_case(value))
        .map_or(value, |(_, words)| words)
}

/// A list of Graph values in plain words, each said once, joined with ", ".
pub fn plain_list<S: AsRef<str>>(values: &[S]) -> String {
    let mut said: Vec<&str> = vec![];
    for v in values {
        let w = plain(v.as_ref());
        if !said.contains(&w) {
            said.push(w);
        }
    }
    said.join(", ")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn graph_words_read_plainly() {
        assert_eq!(plain("voiceOffice"), "call to the office phone");
        assert_eq!(plain("Push"), "Authenticator app notification");
        assert_eq!(plain("notAllowedByPolicy"), "off (not allowed by policy)");
        assert_eq!(plain("somethingNew"), "somethingNew");
        assert_eq!(
            plain_list(&[
                "mobilePhone",
                "alternateMobilePhone",
                "fido2",
                "passKeyDeviceBound"
            ]),
            "mobile phone, alternate mobile phone, passkey"
        );
    }

    #[test]
    fn every_value_is_listed_once() {
        for (i, (a, _)) in WORDS.iter().enumerate() {
            assert!(
                !WORDS[i + 1..]
                    .iter()
                    .any(|(b, _)| a.eq_ignore_ascii_case(b)),
                "{a} listed twice"
            );
        }
    }
}
