//! A passkey made at the desk for someone: from Graph's creation options, a credential made by
//! an authenticator and sent back as Graph takes it. The authenticator here is care's software
//! key (`--software`): the same flow end to end without hardware, for the sandbox only; its
//! private key is dropped once the credential is made (a training key signs nothing later).

use crate::graph::model::webauthn::{
    self, AT, AuthData, ORIGIN, SOFTWARE_KEY, UP, UV, aaguid_bytes, b64url,
};
use ciborium::value::Value as Cbor;
use ring::rand::SystemRandom;
use ring::signature::{ECDSA_P256_SHA256_ASN1_SIGNING, EcdsaKeyPair, KeyPair};
use serde_json::{Value, json};

/// The credential a software key makes for `options` (Graph's `publicKey` creation options):
/// Graph's `publicKeyCredential`, with a `packed` self-attestation.
pub fn software_credential(options: &Value) -> Result<Value, String> {
    let challenge = options["challenge"]
        .as_str()
        .ok_or("the creation options hold no challenge")?;
    let rp = options["rp"]["id"].as_str().unwrap_or(webauthn::RP_ID);
    let rng = SystemRandom::new();
    let pkcs8 = EcdsaKeyPair::generate_pkcs8(&ECDSA_P256_SHA256_ASN1_SIGNING, &rng)
        .map_err(|_| "cannot make a key")?;
    let key = EcdsaKeyPair::from_pkcs8(&ECDSA_P256_SHA256_ASN1_SIGNING, pkcs8.as_ref(), &rng)
        .map_err(|_| "cannot read the key it made")?;
    let mut credential_id = [0u8; 32];
    ring::rand::SecureRandom::fill(&rng, &mut credential_id).map_err(|_| "no randomness")?;
    let auth = AuthData {
        rp_id_hash: ring::digest::digest(&ring::digest::SHA256, rp.as_bytes())
            .as_ref()
            .try_into()
            .map_err(|_| "a SHA-256 is 32 bytes")?,
        flags: UP | UV | AT,
        sign_count: 0,
        aaguid: aaguid_bytes(SOFTWARE_KEY).ok_or("the software key's AAGUID")?,
        credential_id: credential_id.to_vec(),
        public_key: webauthn::cose_p256(key.public_key().as_ref()),
    };
    let client_data = serde_json::to_vec(&json!({
        "type": "webauthn.create",
        "challenge": challenge,
        "origin": ORIGIN,
        "crossOrigin": false,
    }))
    .map_err(|e| e.to_string())?;
    let auth_bytes = auth.to_bytes();
    let mut signed = auth_bytes.clone();
    signed.extend(ring::digest::digest(&ring::digest::SHA256, &client_data).as_ref());
    let sig = key.sign(&rng, &signed).map_err(|_| "cannot sign")?;
    let text = |k: &str| Cbor::Text(k.into());
    let attestation = Cbor::Map(vec![
        (text("fmt"), text("packed")),
        (
            text("attStmt"),
            Cbor::Map(vec![
                (text("alg"), Cbor::Integer((-7).into())),
                (text("sig"), Cbor::Bytes(sig.as_ref().to_vec())),
            ]),
        ),
        (text("authData"), Cbor::Bytes(auth_bytes)),
    ]);
    let mut attestation_bytes = vec![];
    ciborium::ser::into_writer(&attestation, &mut attestation_bytes).map_err(|e| e.to_string())?;
    Ok(json!({
        "id": b64url(&credential_id),
        "response": {
            "clientDataJSON": b64url(&client_data),
            "attestationObject": b64url(&attestation_bytes),
        },
    }))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_software_key_makes_a_credential_that_verifies() {
        let c =
            software_credential(&json!({"challenge": "abc", "rp": {"id": "login.microsoft.com"}}))
                .unwrap();
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
