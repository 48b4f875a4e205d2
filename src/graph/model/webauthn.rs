//! WebAuthn's wire formats, as a passkey made on someone's behalf carries them (graph-api.md
//! §15, W3C WebAuthn level 2 §6.1 and §6.5): the authenticator data, the attestation object,
//! the client data, shared by the client (which makes a credential) and the sandbox (which
//! checks one as Entra does).

use base64::Engine;
use ciborium::value::Value as Cbor;

/// The relying party Entra's passkeys are for.
pub const RP_ID: &str = "login.microsoft.com";
/// The origin a passkey made for Entra is made at.
pub const ORIGIN: &str = "https://login.microsoft.com";

/// The AAGUID of care's software key (`care passkey provision --software`): the sandbox's
/// training key, never sent to a real tenant.
pub const SOFTWARE_KEY: &str = "ca7e0000-5a4d-4b0c-8000-000000000001";

/// Key models by AAGUID, as the FIDO Alliance's metadata names them (the ones the district and
/// the sandbox know).
const MODELS: [(&str, &str); 7] = [
    (
        "90a3ccdf-635c-4729-a248-9b709135078f",
        "Microsoft Authenticator (iOS)",
    ),
    (
        "de1e552d-db1d-4423-a619-566b625cdc84",
        "Microsoft Authenticator (Android)",
    ),
    ("cb69481e-8ff7-4039-93ec-0a2729a154a8", "YubiKey 5 Series"),
    ("fa2b99dc-9e39-4257-8f92-4a30d23c4118", "YubiKey 5 NFC"),
    ("c5ef55ff-ad9a-4b9f-b580-adebafe026d0", "YubiKey 5Ci"),
    (
        "ee882879-721c-4913-9775-3dfcce97072a",
        "YubiKey 5 NFC (5.2, 5.4)",
    ),
    (SOFTWARE_KEY, "care sandbox software key"),
];

/// A key model's name by its AAGUID, when it is one of [`MODELS`].
pub fn model_name(aaguid: &str) -> Option<&'static str> {
    MODELS
        .iter()
        .find(|(id, _)| id.eq_ignore_ascii_case(aaguid))
        .map(|(_, name)| *name)
}

/// Flags of the authenticator data: user present, user verified, attested credential data.
pub const UP: u8 = 0x01;
pub const UV: u8 = 0x04;
pub const AT: u8 = 0x40;

pub fn b64url(bytes: &[u8]) -> String {
    base64::engine::general_purpose::URL_SAFE_NO_PAD.encode(bytes)
}

pub fn from_b64url(text: &str) -> Result<Vec<u8>, String> {
    base64::engine::general_purpose::URL_SAFE_NO_PAD
        .decode(text.trim_end_matches('='))
        .map_err(|e| format!("not Base64URL: {e}"))
}

/// An AAGUID as Graph writes it (`cb69481e-8ff7-4039-93ec-0a2729a154a8`).
pub fn aaguid_text(a: &[u8; 16]) -> String {
    let h: String = a.iter().map(|b| format!("{b:02x}")).collect();
    format!(
        "{}-{}-{}-{}-{}",
        &h[..8],
        &h[8..12],
        &h[12..16],
        &h[16..20],
        &h[20..]
    )
}

/// The 16 bytes of an AAGUID written as text.
pub fn aaguid_bytes(text: &str) -> Option<[u8; 16]> {
    let hex: String = text.chars().filter(|c| *c != '-').collect();
    if hex.len() != 32 {
        return None;
    }
    let mut out = [0u8; 16];
    for (i, b) in out.iter_mut().enumerate() {
        *b = u8::from_str_radix(hex.get(i * 2..i * 2 + 2)?, 16).ok()?;
    }
    Some(out)
}

/// The authenticator data of a new credential.
#[derive(Debug, Clone, PartialEq)]
pub struct AuthData {
    pub rp_id_hash: [u8; 32],
    pub flags: u8,
    pub sign_count: u32,
    pub aaguid: [u8; 16],
    pub credential_id: Vec<u8>,
    /// The COSE key (RFC 9053), as CBOR.
    pub public_key: Cbor,
}

impl AuthData {
    pub fn to_bytes(&self) -> Vec<u8> {
        let mut out = self.rp_id_hash.to_vec();
        out.push(self.flags);
        out.extend(self.sign_count.to_be_bytes());
        out.extend(self.aaguid);
        out.extend((self.credential_id.len() as u16).to_be_bytes());
        out.extend(&self.credential_id);
        let _ = ciborium::ser::into_writer(&self.public_key, &mut out);
        out
    }

    pub fn parse(b: &[u8]) -> Result<AuthData, String> {
        let short = || "the authenticator data is too short".to_string();
        let take = |from: usize, n: usize| b.get(from..from + n).ok_or_else(short);
        let flags = *b.get(32).ok_or_else(short)?;
        if flags & AT == 0 {
            return Err("the authenticator data holds no credential (flag AT)".into());
        }
        let id_len = u16::from_be_bytes(take(53, 2)?.try_into().map_err(|_| short())?) as usize;
        let public_key: Cbor =
            ciborium::de::from_reader(b.get(55 + id_len..).ok_or_else(short)?)
                .map_err(|e| format!("the credential's public key is not CBOR: {e}"))?;
        Ok(AuthData {
            rp_id_hash: take(0, 32)?.try_into().map_err(|_| short())?,
            flags,
            sign_count: u32::from_be_bytes(take(33, 4)?.try_into().map_err(|_| short())?),
            aaguid: take(37, 16)?.try_into().map_err(|_| short())?,
            credential_id: take(55, id_len)?.to_vec(),
            public_key,
        })
    }
}

/// A value of a CBOR map by its text or integer key.
pub fn field<'a>(map: &'a Cbor, key: &Cbor) -> Option<&'a Cbor> {
    map.as_map()?.iter().find(|(k, _)| k == key).map(|(_, v)| v)
}

/// The uncompressed P-256 point (`04 x y`) of an EC2 COSE key with alg ES256.
pub fn p256_point(cose: &Cbor) -> Option<Vec<u8>> {
    let int = |i: i64| Cbor::Integer(i.into());
    let kty = field(cose, &int(1))?.as_integer()?;
    let crv = field(cose, &int(-1))?.as_integer()?;
    if i128::from(kty) != 2 || i128::from(crv) != 1 {
        return None;
    }
    let x = field(cose, &int(-2))?.as_bytes()?;
    let y = field(cose, &int(-3))?.as_bytes()?;
    if x.len() != 32 || y.len() != 32 {
        return None;
    }
    let mut point = vec![4u8];
    point.extend(x);
    point.extend(y);
    Some(point)
}

/// The EC2 COSE key (ES256) of an uncompressed P-256 point.
pub fn cose_p256(point: &[u8]) -> Cbor {
    let int = |i: i64| Cbor::Integer(i.into());
    Cbor::Map(vec![
        (int(1), int(2)),
        (int(3), int(-7)),
        (int(-1), int(1)),
        (
            int(-2),
            Cbor::Bytes(point.get(1..33).unwrap_or_default().to_vec()),
        ),
        (
            int(-3),
            Cbor::Bytes(point.get(33..65).unwrap_or_default().to_vec()),
        ),
    ])
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn authenticator_data_round_trips() {
        let point: Vec<u8> = std::iter::once(4).chain(1..=64).collect();
        let a = AuthData {
            rp_id_hash: [7; 32],
            flags: UP | UV | AT,
            sign_count: 0,
            aaguid: aaguid_bytes("cb69481e-8ff7-4039-93ec-0a2729a154a8").unwrap(),
            credential_id: vec![1, 2, 3],
            public_key: cose_p256(&point),
        };
        let parsed = AuthData::parse(&a.to_bytes()).unwrap();
        assert_eq!(parsed, a);
        assert_eq!(p256_point(&parsed.public_key).unwrap(), point);
        assert_eq!(
            aaguid_text(&parsed.aaguid),
            "cb69481e-8ff7-4039-93ec-0a2729a154a8"
        );
        assert!(AuthData::parse(&a.to_bytes()[..40]).is_err());
    }
}
