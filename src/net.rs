//! The transport rules every outgoing request follows, in one place: `https://` for any host
//! that is not loopback, no redirects (a token request or a credentialed call never follows
//! one), loopback never through a proxy, the `care/VERSION` user agent, and one way to word a
//! transport failure.

use std::net::IpAddr;
use std::time::Duration;

/// Why a base URL was refused before any connection.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum UrlError {
    #[error("'{0}' is not a URL")]
    Malformed(String),
    #[error("'{url}' uses {scheme}://; care speaks only https:// (and http:// to this machine)")]
    Scheme { url: String, scheme: String },
    #[error(
        "'{0}' is plain http:// to another machine; tokens and pass codes would cross the network unencrypted"
    )]
    PlainHttp(String),
}

/// A checked base URL (a Graph, login or Exchange root), without a trailing slash.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Root {
    url: String,
    loopback: bool,
}

impl Root {
    /// Accepts `https://host[:port][/path]`, and `http://` only for loopback hosts
    /// (`localhost`, `127.0.0.0/8`, `[::1]`).
    pub fn parse(input: &str) -> Result<Root, UrlError> {
        let trimmed = input.trim().trim_end_matches('/');
        let url = reqwest::Url::parse(trimmed).map_err(|_| UrlError::Malformed(input.into()))?;
        let host = url
            .host_str()
            .ok_or_else(|| UrlError::Malformed(input.into()))?;
        let loopback = is_loopback_host(host);
        match url.scheme() {
            "https" => {}
            "http" if loopback => {}
            "http" => return Err(UrlError::PlainHttp(trimmed.into())),
            other => {
                return Err(UrlError::Scheme {
                    url: trimmed.into(),
                    scheme: other.into(),
                });
            }
        }
        if url.query().is_some() || url.fragment().is_some() || !url.username().is_empty() {
            return Err(UrlError::Malformed(input.into()));
        }
        Ok(Root {
            url: trimmed.to_string(),
            loopback,
        })
    }

    pub fn as_str(&self) -> &str {
        &self.url
    }

    pub fn is_loopback(&self) -> bool {
        self.loopback
    }

    pub fn is_plain_http(&self) -> bool {
        self.url.starts_with("http://")
    }
}

impl std::fmt::Display for Root {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(&self.url)
    }
}

/// `localhost`, `127.0.0.0/8` or `::1`.
pub fn is_loopback_host(host: &str) -> bool {
    let host = host.trim_start_matches('[').trim_end_matches(']');
    host.eq_ignore_ascii_case("localhost")
        || host.parse::<IpAddr>().is_ok_and(|ip| ip.is_loopback())
}

/// The one HTTP client of a command (a keep-alive pool shared by Graph, sign-in and Exchange).
/// Redirects are never followed. When every root is loopback no proxy is used and no TLS
/// roots are loaded (the embedded sandbox works behind a district proxy and on a machine
/// without a CA bundle).
pub fn http_client(roots: &[&Root]) -> Result<reqwest::Client, reqwest::Error> {
    let mut b = reqwest::Client::builder()
        .user_agent(concat!("care/", env!("CARGO_PKG_VERSION")))
        .connect_timeout(Duration::from_secs(10))
        .timeout(Duration::from_secs(90))
        .tcp_nodelay(true)
        .redirect(reqwest::redirect::Policy::none());
    if roots.iter().all(|r| r.is_loopback()) {
        b = b.no_proxy();
    }
    if roots.iter().all(|r| r.is_plain_http()) {
        b = b.tls_certs_only(std::iter::empty());
    }
    b.build()
}

/// Walks an error's sources into one line ("connection refused", "operation timed out").
pub fn describe_reqwest(e: &reqwest::Error) -> String {
    let mut parts = vec![];
    if e.is_timeout() {
        parts.push("timed out".to_string());
    } else if e.is_connect() {
        parts.push("cannot connect".to_string());
    }
    let mut source = std::error::Error::source(e);
    while let Some(s) = source {
        let text = s.to_string();
        if !parts.iter().any(|p| p == &text) {
            parts.push(text);
        }
        source = s.source();
    }
    if parts.is_empty() {
        parts.push(e.to_string());
    }
    parts.join(": ")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn https_or_loopback_only() {
        assert!(Root::parse("https://graph.microsoft.com/").is_ok());
        assert_eq!(
            Root::parse("https://graph.microsoft.com/")
                .unwrap()
                .as_str(),
            "https://graph.microsoft.com"
        );
        for ok in [
            "http://127.0.0.1:8787",
            "http://localhost:1",
            "http://[::1]:9",
            "http://127.5.0.1",
        ] {
            let r = Root::parse(ok).unwrap();
            assert!(r.is_loopback() && r.is_plain_http(), "{ok}");
        }
        assert!(matches!(
            Root::parse("http://graph.microsoft.com"),
            Err(UrlError::PlainHttp(_))
        ));
        assert!(matches!(
            Root::parse("http://10.0.0.5:8787"),
            Err(UrlError::PlainHttp(_))
        ));
        assert!(matches!(
            Root::parse("http://localhost.evil.example"),
            Err(UrlError::PlainHttp(_))
        ));
        assert!(matches!(
            Root::parse("ftp://x.example"),
            Err(UrlError::Scheme { .. })
        ));
        assert!(Root::parse("graph.microsoft.com").is_err());
        assert!(Root::parse("https://user:pw@graph.microsoft.com").is_err());
        assert!(Root::parse("https://graph.microsoft.com/?x=1").is_err());
    }
}
