//! care's software key (`--software`): the sandbox's training authenticator. It behaves as a
//! new security key handed over at the desk: it gets a random PIN (shown once, as a real key's
//! would be) and makes a P-256 credential with a `packed` self-attestation. Its private key is
//! dropped once the credential is made (a training key signs nothing later), so it is for the
//! sandbox only.

use super::{Attested, Authenticator, challenge, client_data, new_pin, relying_party};
use crate::graph::model::Secret;
use crate::graph::model::webauthn::{self, AT, AuthData, SOFTWARE_KEY, UP, UV, aaguid_bytes};
use ring::rand::SystemRandom;
use ring::signature::{ECDSA_P256_SHA256_ASN1_SIGNING, EcdsaKeyPair, KeyPair};
use serde_json::Value;
use std::sync::Mutex;

/// A software key that has no PIN until it makes its first passkey.
#[derive(Debug, Default)]
pub struct SoftwareKey {
    pin: Mutex<Option<Secret>>,
}

impl Authenticator for SoftwareKey {
    fn describe(&self) -> String {
        "care's software key".into()
    }

    fn make(&self, options: &Value) -> Result<Value, String> {
        let challenge = challenge(options)?;
        let rng = SystemRandom::new();
        let pkcs8 = EcdsaKeyPair::generate_pkcs8(&ECDSA_P256_SHA256_ASN1_SIGNING, &rng)
            .map_err(|_| "cannot make a key")?;
        let key = EcdsaKeyPair::from_pkcs8(&ECDSA_P256_SHA256_ASN1_SIGNING, pkcs8.as_ref(), &rng)
            .map_err(|_| "cannot read the key it made")?;
        let mut credential_id = [0u8; 32];
        ring::rand::SecureRandom::fill(&rng, &mut credential_id).map_err(|_| "no randomness")?;
        // a new key: its PIN is set, and entered, for this passkey (user verification)
        self.pin
            .lock()
            .unwrap_or_else(|e| e.into_inner())
            .get_or_insert_with(|| new_pin(4));
        let auth = AuthData {
            rp_id_hash: ring::digest::digest(
                &ring::digest::SHA256,
                relying_party(options).as_bytes(),
            )
            .as_ref()
            .try_into()
            .map_err(|_| "a SHA-256 is 32 bytes")?,
            flags: UP | UV | AT,
            sign_count: 0,
            aaguid: aaguid_bytes(SOFTWARE_KEY).ok_or("the software key's AAGUID")?,
            credential_id: credential_id.to_vec(),
            public_key: webauthn::cose_p256(key.public_key().as_ref()),
        };
        let client_data = client_data(challenge);
        let auth_bytes = auth.to_bytes();
        let mut signed = auth_bytes.clone();
        signed.extend(ring::digest::digest(&ring::digest::SHA256, &client_data).as_ref());
        let sig = key.sign(&rng, &signed).map_err(|_| "cannot sign")?;
        Attested {
            credential_id: &credential_id,
            client_data: &client_data,
            fmt: "packed",
            alg: -7,
            sig: sig.as_ref(),
            x5c: &[],
            auth_data: &auth_bytes,
        }
        .credential()
    }

    fn new_pin(&self) -> Option<Secret> {
        self.pin.lock().unwrap_or_else(|e| e.into_inner()).clone()
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use ciborium::value::Value as Cbor;
    use serde_json::json;

    #[test]
    fn the_software_key_makes_a_credential_that_verifies() {
        let key = SoftwareKey::default();
        assert!(key.new_pin().is_none());
        let c = key
            .make(&json!({"challenge": "abc", "rp": {"id": "login.microsoft.com"}}))
            .unwrap();
        assert_eq!(key.new_pin().unwrap().expose().len(), 8);
        let att =
            webauthn::from_b64url(c["response"]["attestationObject"].as_str().unwrap()).unwrap();
        let att: Cbor = ciborium::de::from_reader(&att[..]).unwrap();
        let text = |k: &str| Cbor::Text(k.into());
        let auth_bytes = webauthn::field(&att, &text("authData"))
            .unwrap()
            .as_bytes()
            .unwrap()
            .clone();
        let auth = AuthData::parse(&auth_bytes).unwrap();
        assert_eq!(webauthn::aaguid_text(&auth.aaguid), SOFTWARE_KEY);
        let client =
            webauthn::from_b64url(c["response"]["clientDataJSON"].as_str().unwrap()).unwrap();
        let mut signed = auth_bytes;
        signed.extend(ring::digest::digest(&ring::digest::SHA256, &client).as_ref());
        let sig = webauthn::field(
            webauthn::field(&att, &text("attStmt")).unwrap(),
            &text("sig"),
        )
        .unwrap()
        .as_bytes()
        .unwrap()
        .clone();
        let point = webauthn::p256_point(&auth.public_key).unwrap();
        ring::signature::UnparsedPublicKey::new(&ring::signature::ECDSA_P256_SHA256_ASN1, &point)
            .verify(&signed, &sig)
            .unwrap();
    }
}
