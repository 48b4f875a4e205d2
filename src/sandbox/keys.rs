//! The tenant's token-signing key: an RSA key made once per sandbox database (the `rsa` crate
//! makes it, ring signs with it), published as a JWKS, and the RS256 signatures of the
//! id_tokens the sandbox issues, as Microsoft's identity platform signs them.

use super::store;
use base64::Engine;
use ring::signature::{KeyPair, RSA_PKCS1_SHA256, RsaKeyPair};
use rsa::pkcs8::EncodePrivateKey;
use rusqlite::Connection;
use serde_json::{Value, json};

const KEY: &str = "signing_key";

fn b64(bytes: &[u8]) -> String {
    base64::engine::general_purpose::URL_SAFE_NO_PAD.encode(bytes)
}

/// Makes the database's key if it has none (a new database when seeded; an older one on its
/// first signed token).
pub fn ensure(db: &Connection) -> rusqlite::Result<()> {
    if store::meta_get(db, KEY)?.is_some() {
        return Ok(());
    }
    let key = rsa::PrivateKey::new(&mut rand::rng(), 2048)
        .map_err(|e| rusqlite::Error::ToSqlConversionFailure(Box::new(e)))?;
    let der = key
        .to_pkcs8_der()
        .map_err(|e| rusqlite::Error::ToSqlConversionFailure(Box::new(e)))?;
    store::meta_set(
        db,
        KEY,
        &base64::engine::general_purpose::STANDARD.encode(der.as_bytes()),
    )
}

/// The key and its id (`kid`: the start of its public key's SHA-256).
fn key(db: &Connection) -> rusqlite::Result<Option<(RsaKeyPair, String)>> {
    let Some(text) = store::meta_get(db, KEY)? else {
        return Ok(None);
    };
    let Ok(der) = base64::engine::general_purpose::STANDARD.decode(text) else {
        return Ok(None);
    };
    let Ok(pair) = RsaKeyPair::from_pkcs8(&der) else {
        return Ok(None);
    };
    let kid = b64(
        &ring::digest::digest(&ring::digest::SHA256, pair.public_key().as_ref()).as_ref()[..15],
    );
    Ok(Some((pair, kid)))
}

/// The JWKS document (`/{tenant}/discovery/v2.0/keys`).
pub fn jwks(db: &Connection) -> rusqlite::Result<Value> {
    let keys: Vec<Value> = key(db)?
        .map(|(pair, kid)| {
            let public: ring::rsa::PublicKeyComponents<Vec<u8>> = pair.public().into();
            json!({
                "kty": "RSA", "use": "sig", "alg": "RS256", "kid": kid,
                "n": b64(&public.n), "e": b64(&public.e),
            })
        })
        .into_iter()
        .collect();
    Ok(json!({ "keys": keys }))
}

/// A JWT of `claims`, signed RS256 with the tenant's key (made first if it has none).
pub fn sign(db: &Connection, claims: &Value) -> rusqlite::Result<String> {
    ensure(db)?;
    let Some((pair, kid)) = key(db)? else {
        return Err(rusqlite::Error::InvalidQuery);
    };
    let header = json!({"typ": "JWT", "alg": "RS256", "kid": kid});
    let signed = format!(
        "{}.{}",
        b64(header.to_string().as_bytes()),
        b64(claims.to_string().as_bytes())
    );
    let mut signature = vec![0; pair.public().modulus_len()];
    pair.sign(
        &RSA_PKCS1_SHA256,
        &ring::rand::SystemRandom::new(),
        signed.as_bytes(),
        &mut signature,
    )
    .map_err(|_| rusqlite::Error::InvalidQuery)?;
    Ok(format!("{signed}.{}", b64(&signature)))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_signed_token_verifies_with_the_published_key() {
        let db = Connection::open_in_memory().unwrap();
        db.execute_batch("CREATE TABLE meta (key TEXT PRIMARY KEY, value TEXT NOT NULL)")
            .unwrap();
        let jwt = sign(&db, &json!({"sub": "x"})).unwrap();
        let jwks = jwks(&db).unwrap();
        let k = &jwks["keys"][0];
        let (signed, sig) = jwt.rsplit_once('.').unwrap();
        let header: Value = serde_json::from_slice(
            &base64::engine::general_purpose::URL_SAFE_NO_PAD
                .decode(signed.split('.').next().unwrap())
                .unwrap(),
        )
        .unwrap();
        assert_eq!(header["kid"], k["kid"]);
        let d = |s: &Value| {
            base64::engine::general_purpose::URL_SAFE_NO_PAD
                .decode(s.as_str().unwrap())
                .unwrap()
        };
        ring::signature::RsaPublicKeyComponents {
            n: d(&k["n"]),
            e: d(&k["e"]),
        }
        .verify(
            &ring::signature::RSA_PKCS1_2048_8192_SHA256,
            signed.as_bytes(),
            &d(&Value::String(sig.into())),
        )
        .unwrap();
        // the same key the next time
        assert_eq!(jwks, super::jwks(&db).unwrap());
    }
}
