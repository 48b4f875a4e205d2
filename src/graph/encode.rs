//! All of Graph's encoding rules in one place: user keys in paths (percent-encoding, the
//! `('…')` key form for `$`-prefixed UPNs, keys that cannot exist refused before any request),
//! OData string literals with doubled quotes, and query strings.

use percent_encoding::{AsciiSet, CONTROLS, utf8_percent_encode};

/// RFC 3986 path-segment escaping, stricter than WHATWG: `#`, `'`, `%`, `/`, `?` and friends.
const PATH_SEGMENT: &AsciiSet = &CONTROLS
    .add(b' ')
    .add(b'"')
    .add(b'#')
    .add(b'%')
    .add(b'/')
    .add(b'?')
    .add(b'`')
    .add(b'<')
    .add(b'>')
    .add(b'{')
    .add(b'}')
    .add(b'\'')
    .add(b'[')
    .add(b']')
    .add(b'\\')
    .add(b'^')
    .add(b'|');

/// Inside the `('…')` key form the quotes are OData syntax and stay literal.
const KEY_FORM: &AsciiSet = &PATH_SEGMENT.remove(b'\'');

/// Query values: everything that would end or change a parameter. `$`, `'`, `(`, `)`, `,` and
/// `:` stay literal, as Graph's documentation writes them.
const QUERY_VALUE: &AsciiSet = &CONTROLS
    .add(b' ')
    .add(b'"')
    .add(b'#')
    .add(b'%')
    .add(b'&')
    .add(b'+')
    .add(b'=')
    .add(b'<')
    .add(b'>')
    .add(b'`')
    .add(b'{')
    .add(b'}')
    .add(b'\\')
    .add(b'^')
    .add(b'|')
    .add(b'[')
    .add(b']');

/// Why a user key was refused before any request.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum KeyError {
    #[error("'{0}' can't be a user: it is empty")]
    Empty(String),
    #[error(
        "'{key}' can't be a user principal name: it contains '{ch}' (U+{code:04X}), which is not allowed in a UPN{lookalike}"
    )]
    BadChar {
        key: String,
        ch: char,
        code: u32,
        lookalike: &'static str,
    },
    #[error("'{key}' can't be a user principal name: {why}")]
    NotUpn { key: String, why: &'static str },
}

/// A reference to one user, as a path segment: an object id or a UPN.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct UserRef(String);

impl UserRef {
    /// Checks a user key. UPNs are ASCII and never contain `/`, `\`, spaces or controls; a key
    /// with any of those cannot exist, so it is refused here rather than sent.
    pub fn parse(key: &str) -> Result<UserRef, KeyError> {
        let key = key.trim();
        if key.is_empty() {
            return Err(KeyError::Empty(key.into()));
        }
        if let Some(ch) = key.chars().find(|c| {
            !c.is_ascii()
                || c.is_ascii_control()
                || matches!(c, '/' | '\\' | ' ' | '"' | '<' | '>' | '%')
        }) {
            let lookalike = if ch.is_ascii() {
                ""
            } else {
                " (look-alike letters from other alphabets are a common trick; type the address again)"
            };
            return Err(KeyError::BadChar {
                key: key.into(),
                ch,
                code: u32::from(ch),
                lookalike,
            });
        }
        if key.contains('@') {
            upn_shape(key).map_err(|why| KeyError::NotUpn {
                key: key.into(),
                why,
            })?;
        }
        Ok(UserRef(key.to_string()))
    }

    /// The user Graph returned (by object id, which never needs escaping).
    pub fn of(user: &super::model::User) -> UserRef {
        UserRef(if user.id.is_empty() {
            user.upn().to_string()
        } else {
            user.id.clone()
        })
    }

    pub fn as_str(&self) -> &str {
        &self.0
    }

    /// `users/{key}`, or `users('{key}')` for a key that begins with `$` (Graph would take
    /// `/users/$x` for a system query option).
    pub fn path(&self) -> String {
        if self.0.starts_with('$') {
            format!(
                "users('{}')",
                utf8_percent_encode(&self.0.replace('\'', "''"), KEY_FORM)
            )
        } else {
            format!("users/{}", segment(&self.0))
        }
    }
}

/// `local@domain.tld`: one `@`, something before it, a domain of letters, digits, `-` and
/// dots after it. A mail address has the same shape.
fn upn_shape(key: &str) -> Result<(), &'static str> {
    let mut parts = key.split('@');
    let (Some(local), Some(domain), None) = (parts.next(), parts.next(), parts.next()) else {
        return Err("it has more than one '@'");
    };
    if local.is_empty() {
        return Err("nothing comes before the '@'");
    }
    if domain.is_empty() {
        return Err("no domain follows the '@'");
    }
    if !domain.contains('.')
        || domain.starts_with(['.', '-'])
        || domain.ends_with(['.', '-'])
        || domain.contains("..")
        || !domain
            .bytes()
            .all(|b| b.is_ascii_alphanumeric() || b == b'.' || b == b'-')
    {
        return Err("the part after the '@' is not a domain");
    }
    if local.starts_with('.') || local.ends_with('.') || local.contains("..") {
        return Err("a dot can't start, end or double up before the '@'");
    }
    if local.contains(['?', '&', '=', ';', ',', '(', ')', '[', ']', ':']) {
        return Err("it contains a character a UPN can't have");
    }
    Ok(())
}

/// One path segment, percent-encoded.
pub fn segment(s: &str) -> String {
    utf8_percent_encode(s, PATH_SEGMENT).to_string()
}

/// An OData string literal: single quotes around, quotes inside doubled.
pub fn literal(s: &str) -> String {
    format!("'{}'", s.replace('\'', "''"))
}

/// `k1=v1&k2=v2`, values encoded for Graph.
pub fn query(params: &[(&str, String)]) -> String {
    params
        .iter()
        .map(|(k, v)| format!("{k}={}", utf8_percent_encode(v, QUERY_VALUE)))
        .collect::<Vec<_>>()
        .join("&")
}

/// A `$search` clause: `"property:text"` with `"` and `\` escaped.
pub fn search_clause(property: &str, text: &str) -> String {
    format!(
        "\"{property}:{}\"",
        text.replace('\\', "\\\\").replace('"', "\\\"")
    )
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    proptest! {
        /// A path segment never lets `/ ? #` or a bare `%` of its input through, and decodes
        /// back to the input.
        #[test]
        fn segments_keep_their_input_inside(s in any::<String>()) {
            let seg = segment(&s);
            prop_assert!(!seg.contains(['/', '?', '#', ' ']), "{seg}");
            let bytes = seg.as_bytes();
            for (i, b) in bytes.iter().enumerate() {
                if *b == b'%' {
                    prop_assert!(bytes.len() > i + 2 && bytes[i + 1].is_ascii_hexdigit() && bytes[i + 2].is_ascii_hexdigit());
                }
            }
            let back = percent_encoding::percent_decode_str(&seg).decode_utf8().unwrap();
            prop_assert_eq!(back, s);
        }

        /// A user key is refused or becomes a path with no separator of its own.
        #[test]
        fn user_keys_are_refused_or_contained(s in "\\PC{0,60}") {
            if let Ok(key) = UserRef::parse(&s) {
                let path = key.path();
                let inner = path.strip_prefix("users/").or_else(|| path.strip_prefix("users("));
                prop_assert!(inner.is_some_and(|i| !i.contains(['/', '?', '#'])), "{path}");
            }
        }
    }

    #[test]
    fn user_paths() {
        assert_eq!(
            UserRef::parse("o'neil@contoso.com").unwrap().path(),
            "users/o%27neil@contoso.com"
        );
        assert_eq!(
            UserRef::parse("AdeleVance_adatum.com#EXT#@contoso.com")
                .unwrap()
                .path(),
            "users/AdeleVance_adatum.com%23EXT%23@contoso.com"
        );
        assert_eq!(
            UserRef::parse("$kiosk@x.com").unwrap().path(),
            "users('$kiosk@x.com')"
        );
        assert_eq!(
            UserRef::parse("$o'k@x.com").unwrap().path(),
            "users('$o''k@x.com')"
        );
        assert_eq!(
            UserRef::parse("87d349ed-44d7-43e1-9a83-5f2406dee5bd")
                .unwrap()
                .path(),
            "users/87d349ed-44d7-43e1-9a83-5f2406dee5bd"
        );
    }

    #[test]
    fn impossible_keys_are_refused() {
        assert!(matches!(
            UserRef::parse("maria.garcia@district.example/../admin"),
            Err(KeyError::BadChar { ch: '/', .. })
        ));
        // Cyrillic 'а' (U+0430) in place of Latin 'a'
        let e = UserRef::parse("m\u{430}ria@district.example").unwrap_err();
        assert!(e.to_string().contains("U+0430"), "{e}");
        assert!(e.to_string().contains("look-alike"), "{e}");
        assert!(UserRef::parse("  ").is_err());
        for bad in [
            "x@y@z.example",
            "user@",
            "@district.example",
            "admin@district.example?x=1",
            "a@localhost",
            "a@.example",
            ".a@district.example",
            "a?b@district.example",
        ] {
            assert!(
                matches!(UserRef::parse(bad), Err(KeyError::NotUpn { .. })),
                "{bad}"
            );
        }
        assert!(UserRef::parse("vendor.rep_partner.example#EXT#@district.example").is_ok());
        assert!(UserRef::parse("sean.o'brien@district.example").is_ok());
        assert!(UserRef::parse("$kiosk.library@district.example").is_ok());
        assert!(UserRef::parse("a\u{1b}[31m@x").is_err());
    }

    #[test]
    fn literals_and_queries() {
        assert_eq!(literal("o'neil@x"), "'o''neil@x'");
        assert_eq!(
            query(&[(
                "$filter",
                format!("userPrincipalName eq {}", literal("a+b#c&d@x"))
            )]),
            "$filter=userPrincipalName%20eq%20'a%2Bb%23c%26d@x'"
        );
        assert_eq!(
            search_clause("displayName", "say \"hi\""),
            "\"displayName:say \\\"hi\\\"\""
        );
    }
}
