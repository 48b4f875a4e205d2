//! A passkey made at the desk for someone: Graph's creation options go to an authenticator,
//! which makes the credential; it is sent back as Graph takes it (`publicKeyCredential`).
//!
//! Two authenticators: care's software key ([`software::SoftwareKey`], the sandbox's training
//! key: the same flow end to end without hardware) and, in a build with the `usb-key` feature,
//! a FIDO2 security key on the agent's USB port (`usb::UsbKey`, CTAP2). A key that has no PIN
//! yet gets a random one ([`new_pin`]), which the authenticator keeps for the agent to show once.

pub mod software;
#[cfg(feature = "usb-key")]
pub mod usb;

use crate::graph::model::Secret;
use crate::graph::model::webauthn::{self, ORIGIN, b64url};
use ciborium::value::Value as Cbor;
use rand::RngExt;
use serde_json::{Value, json};

/// Makes passkeys: blocking (a security key waits for a touch), so the door runs it on a
/// blocking thread, after the change was admitted and its intent recorded.
pub trait Authenticator: Send + Sync + std::fmt::Debug {
    /// What makes the passkey, for the audit record and the agent ("care's software key",
    /// "a YubiKey 5 NFC security key").
    fn describe(&self) -> String;
    /// Gets ready to make a passkey (the next key from a box is asked for here), before fresh
    /// creation options are read: what takes the agent time comes before the 5-minute challenge.
    fn prepare(&self) -> Result<(), String> {
        Ok(())
    }
    /// The credential for Graph's `publicKey` creation options.
    fn make(&self, options: &Value) -> Result<Value, String>;
    /// The PIN this authenticator set on a key that had none: shown once, then the person's.
    fn new_pin(&self) -> Option<Secret>;
}

/// The authenticator for a bulk row's person (`line`, `upn`): a software key each, or the next
/// key from the box (asked for when it is needed).
pub type KeyFor =
    std::sync::Arc<dyn Fn(u64, &str) -> std::sync::Arc<dyn Authenticator> + Send + Sync>;

/// The shortest PIN care sets on a new key (more when the key asks for more).
pub const PIN_DIGITS: usize = 8;

/// A random PIN of digits for a new key: `min` digits, and never fewer than [`PIN_DIGITS`].
/// Digits only: the person types it on any keyboard, and it is read out like a pass
/// (grouped in fours); eight retries guard it on the key. It never starts with 0, which a
/// spreadsheet opening the codes file would drop.
pub fn new_pin(min: usize) -> Secret {
    let mut rng = rand::rng();
    Secret::new(
        (0..min.max(PIN_DIGITS))
            .map(|i| char::from(b'0' + rng.random_range(u8::from(i == 0)..10u8)))
            .collect::<String>(),
    )
}

/// WebAuthn's client data for a registration: what the key signs the hash of, its members in
/// the order WebAuthn serialises them (type, challenge, origin, crossOrigin), so a relying party
/// that checks the serialisation's start accepts it.
pub fn client_data(challenge: &str) -> Vec<u8> {
    let text = |s: &str| serde_json::to_string(s).unwrap_or_default();
    format!(
        r#"{{"type":"webauthn.create","challenge":{},"origin":{},"crossOrigin":false}}"#,
        text(challenge),
        text(ORIGIN)
    )
    .into_bytes()
}

/// The name a passkey made at the desk is given, unless the agent names it.
pub const DEFAULT_NAME: &str = "Passkey made at the Care Center";

/// The relying party of the options (Microsoft's, when they name none).
pub fn relying_party(options: &Value) -> &str {
    options["rp"]["id"].as_str().unwrap_or(webauthn::RP_ID)
}

/// The options' challenge, which the client data carries back.
pub fn challenge(options: &Value) -> Result<&str, String> {
    options["challenge"]
        .as_str()
        .ok_or_else(|| "the creation options hold no challenge".to_string())
}

/// What an authenticator answered, as Graph's `publicKeyCredential`: the credential id, the
/// client data and the attestation object (`fmt`, `attStmt` with `alg`, `sig` and the key's
/// certificates, `authData`).
pub struct Attested<'a> {
    pub credential_id: &'a [u8],
    pub client_data: &'a [u8],
    pub fmt: &'a str,
    pub alg: i64,
    pub sig: &'a [u8],
    pub x5c: &'a [Vec<u8>],
    pub auth_data: &'a [u8],
}

impl Attested<'_> {
    pub fn credential(&self) -> Result<Value, String> {
        let text = |k: &str| Cbor::Text(k.into());
        let mut statement = vec![];
        if self.fmt != "none" {
            statement.push((text("alg"), Cbor::Integer(self.alg.into())));
            statement.push((text("sig"), Cbor::Bytes(self.sig.to_vec())));
        }
        if !self.x5c.is_empty() {
            statement.push((
                text("x5c"),
                Cbor::Array(self.x5c.iter().map(|c| Cbor::Bytes(c.clone())).collect()),
            ));
        }
        let object = Cbor::Map(vec![
            (text("fmt"), text(self.fmt)),
            (text("attStmt"), Cbor::Map(statement)),
            (text("authData"), Cbor::Bytes(self.auth_data.to_vec())),
        ]);
        let mut bytes = vec![];
        ciborium::ser::into_writer(&object, &mut bytes).map_err(|e| e.to_string())?;
        Ok(json!({
            "id": b64url(self.credential_id),
            "response": {
                "clientDataJSON": b64url(self.client_data),
                "attestationObject": b64url(&bytes),
            },
        }))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_new_pin_is_digits_of_at_least_eight() {
        let p = new_pin(4);
        assert_eq!(p.expose().len(), 8);
        assert!(p.expose().bytes().all(|b| b.is_ascii_digit()));
        assert!((0..200).all(|_| !new_pin(8).expose().starts_with('0')));
        assert_eq!(new_pin(10).expose().len(), 10);
        assert_ne!(new_pin(8).expose(), new_pin(8).expose());
    }

    #[test]
    fn client_data_carries_the_challenge_and_microsofts_origin() {
        let raw = client_data("a\"b");
        assert!(raw.starts_with(br#"{"type":"webauthn.create","challenge":"a\"b","origin":"#));
        let c: Value = serde_json::from_slice(&client_data("abc")).unwrap();
        assert_eq!(c["type"], "webauthn.create");
        assert_eq!(c["challenge"], "abc");
        assert_eq!(c["origin"], "https://login.microsoft.com");
    }

    #[test]
    fn an_attestation_object_keeps_the_keys_certificates() {
        let a = Attested {
            credential_id: &[1, 2, 3],
            client_data: b"{}",
            fmt: "packed",
            alg: -7,
            sig: &[9],
            x5c: &[vec![0x30, 0x01]],
            auth_data: &[7; 37],
        };
        let c = a.credential().unwrap();
        assert_eq!(c["id"], "AQID");
        let bytes =
            webauthn::from_b64url(c["response"]["attestationObject"].as_str().unwrap()).unwrap();
        let object: Cbor = ciborium::de::from_reader(&bytes[..]).unwrap();
        let text = |k: &str| Cbor::Text(k.into());
        let statement = webauthn::field(&object, &text("attStmt")).unwrap();
        assert_eq!(
            webauthn::field(statement, &text("x5c")),
            Some(&Cbor::Array(vec![Cbor::Bytes(vec![0x30, 0x01])]))
        );
        assert_eq!(
            webauthn::field(&object, &text("fmt")),
            Some(&text("packed"))
        );
    }
}
