//! The certificate credential (graph-api.md §13.1a): a JWT client assertion signed with the
//! app's RSA key, `PS256` with the `x5t#S256` thumbprint (or `RS256` with the SHA-1 `x5t`,
//! the older form some tenants still expect). Built with ring and rustls-pki-types, which
//! rustls already brings.

use base64::Engine;
use ring::rand::SystemRandom;
use ring::signature::{RSA_PKCS1_SHA256, RSA_PSS_SHA256, RsaKeyPair};
use rustls_pki_types::pem::PemObject;
use rustls_pki_types::{CertificateDer, PrivateKeyDer};
use std::path::{Path, PathBuf};

#[derive(Debug, thiserror::Error)]
pub enum CertificateError {
    #[error("cannot read the certificate file {path}: {detail}")]
    Read { path: String, detail: String },
    #[error("{path} holds no certificate (a -----BEGIN CERTIFICATE----- block)")]
    NoCertificate { path: String },
    #[error("{path} holds no private key")]
    NoKey { path: String },
    #[error("the private key in {path} is encrypted; care needs it decrypted")]
    Encrypted { path: String },
    #[error(
        "the private key in {path} is not a usable RSA key ({detail}); Entra signs client assertions with RSA (2048 bits or more)"
    )]
    BadKey { path: String, detail: String },
}

impl CertificateError {
    pub fn hint(&self) -> &'static str {
        match self {
            CertificateError::Encrypted { .. } => {
                "decrypt it into a file only you can read: openssl pkey -in key.pem -out plain.pem, then chmod 600 plain.pem"
            }
            _ => "give one PEM file with the app's certificate and its unencrypted RSA private key",
        }
    }
}

/// Which header form to sign with.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Form {
    /// `PS256` + `x5t#S256` (current documentation).
    Ps256,
    /// `RS256` + `x5t` (older tenants; tried after AADSTS700027).
    Rs256,
}

/// An app certificate with its private key.
pub struct ClientCertificate {
    path: PathBuf,
    key: RsaKeyPair,
    sha256_thumbprint: String,
    sha1_thumbprint: String,
}

impl std::fmt::Debug for ClientCertificate {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("ClientCertificate")
            .field("path", &self.path)
            .field("x5t#S256", &self.sha256_thumbprint)
            .finish_non_exhaustive()
    }
}

fn b64(bytes: &[u8]) -> String {
    base64::engine::general_purpose::URL_SAFE_NO_PAD.encode(bytes)
}

impl ClientCertificate {
    /// Reads a PEM file holding the certificate and its private key (PKCS#8 or PKCS#1).
    pub fn load(path: &Path) -> Result<ClientCertificate, CertificateError> {
        let shown = path.display().to_string();
        let pem = std::fs::read(path).map_err(|e| CertificateError::Read {
            path: shown.clone(),
            detail: e.to_string(),
        })?;
        ClientCertificate::from_pem(&pem, path)
    }

    pub fn from_pem(pem: &[u8], path: &Path) -> Result<ClientCertificate, CertificateError> {
        let shown = path.display().to_string();
        let cert =
            CertificateDer::from_pem_slice(pem).map_err(|_| CertificateError::NoCertificate {
                path: shown.clone(),
            })?;
        if pem
            .windows(b"ENCRYPTED PRIVATE KEY".len())
            .any(|w| w == b"ENCRYPTED PRIVATE KEY")
        {
            return Err(CertificateError::Encrypted { path: shown });
        }
        let key = match PrivateKeyDer::from_pem_slice(pem) {
            Ok(PrivateKeyDer::Pkcs8(k)) => RsaKeyPair::from_pkcs8(k.secret_pkcs8_der()),
            Ok(PrivateKeyDer::Pkcs1(k)) => RsaKeyPair::from_der(k.secret_pkcs1_der()),
            Ok(_) => {
                return Err(CertificateError::BadKey {
                    path: shown,
                    detail: "not RSA".into(),
                });
            }
            Err(_) => return Err(CertificateError::NoKey { path: shown }),
        }
        .map_err(|e| CertificateError::BadKey {
            path: shown.clone(),
            detail: e.to_string(),
        })?;
        let sha256 = ring::digest::digest(&ring::digest::SHA256, cert.as_ref());
        let sha1 = ring::digest::digest(&ring::digest::SHA1_FOR_LEGACY_USE_ONLY, cert.as_ref());
        Ok(ClientCertificate {
            path: path.to_path_buf(),
            key,
            sha256_thumbprint: b64(sha256.as_ref()),
            sha1_thumbprint: b64(sha1.as_ref()),
        })
    }

    pub fn path(&self) -> &Path {
        &self.path
    }

    /// A signed assertion for `client_id` at the token endpoint `audience`, valid 10 minutes.
    pub fn assertion(&self, client_id: &str, audience: &str, form: Form) -> String {
        let now = jiff::Timestamp::now().as_second();
        let header = match form {
            Form::Ps256 => {
                serde_json::json!({"alg": "PS256", "typ": "JWT", "x5t#S256": self.sha256_thumbprint})
            }
            Form::Rs256 => {
                serde_json::json!({"alg": "RS256", "typ": "JWT", "x5t": self.sha1_thumbprint})
            }
        };
        let jti: [u8; 16] = rand::random();
        let claims = serde_json::json!({
            "aud": audience,
            "iss": client_id,
            "sub": client_id,
            "jti": uuid::Builder::from_random_bytes(jti).into_uuid().to_string(),
            "nbf": now,
            "iat": now,
            "exp": now + 600,
        });
        let signing_input = format!(
            "{}.{}",
            b64(header.to_string().as_bytes()),
            b64(claims.to_string().as_bytes())
        );
        let mut sig = vec![0; self.key.public().modulus_len()];
        let padding: &'static dyn ring::signature::RsaEncoding = match form {
            Form::Ps256 => &RSA_PSS_SHA256,
            Form::Rs256 => &RSA_PKCS1_SHA256,
        };
        // signing with a valid key and a buffer of the modulus length cannot fail
        let signed = self.key.sign(
            padding,
            &SystemRandom::new(),
            signing_input.as_bytes(),
            &mut sig,
        );
        debug_assert!(signed.is_ok());
        format!("{signing_input}.{}", b64(&sig))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const PEM: &[u8] = include_bytes!("../../tests/fixtures/app-cert.pem");

    #[test]
    fn signs_both_forms() {
        let c = ClientCertificate::from_pem(PEM, Path::new("app-cert.pem")).unwrap();
        for form in [Form::Ps256, Form::Rs256] {
            let jwt = c.assertion("client", "https://login.example/t/oauth2/v2.0/token", form);
            let parts: Vec<&str> = jwt.split('.').collect();
            assert_eq!(parts.len(), 3);
            let header: serde_json::Value = serde_json::from_slice(
                &base64::engine::general_purpose::URL_SAFE_NO_PAD
                    .decode(parts[0])
                    .unwrap(),
            )
            .unwrap();
            match form {
                Form::Ps256 => assert_eq!(header["x5t#S256"], c.sha256_thumbprint.as_str()),
                Form::Rs256 => assert_eq!(header["x5t"], c.sha1_thumbprint.as_str()),
            }
        }
    }

    #[test]
    fn explains_unusable_files() {
        let p = Path::new("x.pem");
        assert!(matches!(
            ClientCertificate::from_pem(b"nothing", p),
            Err(CertificateError::NoCertificate { .. })
        ));
        let cert_only: Vec<u8> = String::from_utf8_lossy(PEM)
            .split("-----BEGIN PRIVATE KEY-----")
            .next()
            .unwrap()
            .as_bytes()
            .to_vec();
        assert!(matches!(
            ClientCertificate::from_pem(&cert_only, p),
            Err(CertificateError::NoKey { .. })
        ));
        let mut encrypted = cert_only.clone();
        encrypted.extend_from_slice(
            b"-----BEGIN ENCRYPTED PRIVATE KEY-----\nAAAA\n-----END ENCRYPTED PRIVATE KEY-----\n",
        );
        assert!(matches!(
            ClientCertificate::from_pem(&encrypted, p),
            Err(CertificateError::Encrypted { .. })
        ));
    }
}
