//! A FIDO2 security key on the agent's USB port (CTAP2 over HID, through ctap-hid-fido2): the
//! `usb-key` feature. A key with no PIN gets a random one ([`super::new_pin`]); a key with a
//! PIN takes the one the agent was told. The passkey is discoverable (a resident key) and made
//! with the PIN (user verification), as Graph's creation options require.

use super::{Attested, Authenticator, challenge, client_data, new_pin, relying_party};
use crate::graph::model::Secret;
use crate::graph::model::webauthn::{self, from_b64url};
use ctap_hid_fido2::fidokey::MakeCredentialArgsBuilder;
use ctap_hid_fido2::fidokey::make_credential::make_credential_params::Attestation;
use ctap_hid_fido2::public_key_credential_user_entity::PublicKeyCredentialUserEntity;
use ctap_hid_fido2::{FidoKeyHid, FidoKeyHidFactory, LibCfg};
use serde_json::Value;
use std::sync::{Arc, Mutex};

/// What the key says of itself, before anything is made on it.
#[derive(Debug, Clone)]
pub struct KeyInfo {
    pub aaguid: String,
    /// Whether it has a PIN (`None`: it cannot hold one, so it cannot make a passkey here).
    pub has_pin: Option<bool>,
    /// The shortest PIN it takes.
    pub min_pin: usize,
}

impl KeyInfo {
    /// Why this key cannot make a passkey here, if it cannot (it holds no PIN: Entra's creation
    /// options require user verification).
    pub fn unusable(&self) -> Option<String> {
        self.has_pin.is_none().then(|| {
            format!(
                "the {} cannot hold a PIN, so it cannot make a passkey Entra accepts",
                self.model()
            )
        })
    }

    /// "YubiKey 5 NFC", or the AAGUID of a model care does not know by name.
    pub fn model(&self) -> String {
        webauthn::model_name(&self.aaguid)
            .map(str::to_string)
            .unwrap_or_else(|| format!("security key {}", self.aaguid))
    }
}

/// What says to the agent that the key waits for a touch.
pub type Touch = Arc<dyn Fn() + Send + Sync>;

/// The one security key on the USB port, opened.
pub struct UsbKey {
    device: Mutex<FidoKeyHid>,
    pub info: KeyInfo,
    /// The key's PIN, when it has one (the agent was told it).
    pin: Mutex<Option<Secret>>,
    set: Mutex<Option<Secret>>,
    /// Said to the agent when the key waits for a touch.
    touch: Touch,
}

impl std::fmt::Debug for UsbKey {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("UsbKey").field("info", &self.info).finish()
    }
}

impl UsbKey {
    /// Opens the only FIDO2 key plugged in (none, or two, is an error saying so) and reads
    /// what it is; `touch` is called when it waits for the agent's finger.
    pub fn open(touch: Touch) -> Result<UsbKey, String> {
        let cfg = LibCfg {
            enable_log: false,
            enable_keep_alive_msg: false,
            ..LibCfg::init()
        };
        let device = FidoKeyHidFactory::create(&cfg).map_err(|e| explain(&e.to_string()))?;
        let info = device.get_info().map_err(|e| explain(&e.to_string()))?;
        let has_pin = info
            .options
            .iter()
            .find(|(k, _)| k == "clientPin")
            .map(|(_, v)| *v);
        let aaguid = <[u8; 16]>::try_from(info.aaguid.as_slice())
            .map(|a| webauthn::aaguid_text(&a))
            .unwrap_or_default();
        Ok(UsbKey {
            device: Mutex::new(device),
            info: KeyInfo {
                aaguid,
                has_pin,
                min_pin: usize::try_from(info.min_pin_length).unwrap_or(4),
            },
            pin: Mutex::new(None),
            set: Mutex::new(None),
            touch,
        })
    }

    /// The PIN the key already has, as the agent was told it.
    pub fn with_pin(self, pin: Secret) -> UsbKey {
        *self.pin.lock().unwrap_or_else(|e| e.into_inner()) = Some(pin);
        self
    }

    /// The PIN to make the passkey with: the one given, or a new one set on a key without.
    fn pin(&self, device: &FidoKeyHid) -> Result<Secret, String> {
        if let Some(p) = self.pin.lock().unwrap_or_else(|e| e.into_inner()).clone() {
            return Ok(p);
        }
        if let Some(why) = self.info.unusable() {
            return Err(why);
        }
        match self.info.has_pin {
            Some(true) | None => Err("the key has a PIN: care needs it to make the passkey".into()),
            Some(false) => {
                let pin = new_pin(self.info.min_pin);
                device
                    .set_new_pin(pin.expose())
                    .map_err(|e| explain(&e.to_string()))?;
                *self.set.lock().unwrap_or_else(|e| e.into_inner()) = Some(pin.clone());
                Ok(pin)
            }
        }
    }
}

impl Authenticator for UsbKey {
    fn describe(&self) -> String {
        format!("a {} security key", self.info.model())
    }

    fn make(&self, options: &Value) -> Result<Value, String> {
        // the options read before anything is set on the key
        let client_data = client_data(challenge(options)?);
        let user = &options["user"];
        let user_id = from_b64url(user["id"].as_str().unwrap_or_default())?;
        if user_id.is_empty() {
            return Err("the creation options name no user".into());
        }
        let entity = PublicKeyCredentialUserEntity::new(
            Some(&user_id),
            user["name"].as_str(),
            user["displayName"].as_str(),
        );
        let excluded: Vec<Vec<u8>> = options["excludeCredentials"]
            .as_array()
            .into_iter()
            .flatten()
            .filter_map(|c| c["id"].as_str().and_then(|id| from_b64url(id).ok()))
            .collect();
        let device = self.device.lock().unwrap_or_else(|e| e.into_inner());
        let pin = self.pin(&device)?;
        // the key hashes what it is given as the challenge: given the client data, it signs
        // WebAuthn's clientDataHash
        let mut args = MakeCredentialArgsBuilder::new(relying_party(options), &client_data)
            .pin(pin.expose())
            .user_entity(&entity)
            .resident_key();
        for id in &excluded {
            args = args.exclude_authenticator(id);
        }
        (self.touch)();
        let attestation = device
            .make_credential_with_args(&args.build())
            .map_err(|e| explain(&e.to_string()))?;
        credential(&attestation, &client_data)
    }

    fn new_pin(&self) -> Option<Secret> {
        self.set.lock().unwrap_or_else(|e| e.into_inner()).clone()
    }
}

/// The next new key from a box (`bulk passkey-provision`): asked for when its passkey is to be
/// made, so a row that is refused or already done takes no key. A key that has a PIN is not a
/// new one (the last row's, still in?) and is asked for again.
pub struct NextKey {
    /// Says what is needed and waits for the agent: false when they give up.
    ask: Arc<dyn Fn(&str) -> bool + Send + Sync>,
    touch: Touch,
    who: String,
    opened: Mutex<Option<UsbKey>>,
}

impl std::fmt::Debug for NextKey {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("NextKey").field("who", &self.who).finish()
    }
}

impl NextKey {
    pub fn new(ask: Arc<dyn Fn(&str) -> bool + Send + Sync>, touch: Touch, who: String) -> Self {
        NextKey {
            ask,
            touch,
            who,
            opened: Mutex::new(None),
        }
    }
}

impl Authenticator for NextKey {
    fn describe(&self) -> String {
        "a new security key from the box".into()
    }

    /// Asks for the next key until a new one (no PIN yet) is in.
    fn prepare(&self) -> Result<(), String> {
        let mut said = String::new();
        loop {
            if !(self.ask)(&format!(
                "{said}Insert a new security key for {} and press Enter (or type skip)",
                self.who
            )) {
                return Err("no key was given for this person".into());
            }
            said = match UsbKey::open(self.touch.clone()) {
                Ok(k) if k.info.has_pin == Some(false) => {
                    *self.opened.lock().unwrap_or_else(|e| e.into_inner()) = Some(k);
                    return Ok(());
                }
                Ok(k) => match k.info.unusable() {
                    Some(why) => format!("{}. ", crate::output::capitalised(&why)),
                    None => format!(
                        "That {} has a PIN already, so it is not a new key (is it the last one, still in?). ",
                        k.info.model()
                    ),
                },
                Err(e) => format!("{}. ", crate::output::capitalised(&e)),
            };
        }
    }

    fn make(&self, options: &Value) -> Result<Value, String> {
        match self
            .opened
            .lock()
            .unwrap_or_else(|e| e.into_inner())
            .as_ref()
        {
            Some(k) => k.make(options),
            None => Err("no key was given for this person".into()),
        }
    }

    fn new_pin(&self) -> Option<Secret> {
        self.opened
            .lock()
            .unwrap_or_else(|e| e.into_inner())
            .as_ref()
            .and_then(UsbKey::new_pin)
    }
}

/// The key's answer as Graph's `publicKeyCredential`.
fn credential(a: &Attestation, client_data: &[u8]) -> Result<Value, String> {
    Attested {
        credential_id: &a.credential_descriptor.id,
        client_data,
        fmt: &a.fmt,
        alg: a.attstmt_alg.into(),
        sig: &a.attstmt_sig,
        x5c: &a.attstmt_x5c,
        auth_data: &a.auth_data,
    }
    .credential()
}

/// A CTAP or HID error in words an agent can act on.
fn explain(error: &str) -> String {
    let said = |what: &str| error.contains(what);
    if said("FIDO device not found") {
        if cfg!(windows) {
            // Windows hides FIDO keys from programs that are not elevated (since 10 1903)
            "no security key is plugged in, or this terminal is not elevated (on Windows only an administrator terminal reaches a security key)".into()
        } else {
            "no security key is plugged in".into()
        }
    } else if said("Multiple FIDO devices") {
        "more than one security key is plugged in: leave only the one to hand over".into()
    } else if said("CTAP2_ERR_PIN_INVALID") {
        "the key's PIN is wrong (a key locks itself after 8 wrong PINs)".into()
    } else if said("CTAP2_ERR_PIN_AUTH_BLOCKED") {
        "the key stopped taking PINs after three wrong ones in a row: unplug it, plug it in again and run it again"
            .into()
    } else if said("CTAP2_ERR_PIN_BLOCKED") {
        "the key is locked after too many wrong PINs: it must be reset (which wipes it) before it can be used"
            .into()
    } else if said("CTAP2_ERR_CREDENTIAL_EXCLUDED") {
        "this key already holds a passkey of this person: it is theirs already".into()
    } else if said("CTAP2_ERR_ACTION_TIMEOUT") || said("CTAP2_ERR_USER_ACTION_TIMEOUT") {
        "nobody touched the key in time: run it again and touch the key when it blinks".into()
    } else if said("CTAP2_ERR_OPERATION_DENIED") {
        "the key refused (its touch was declined)".into()
    } else if said("CTAP2_ERR_KEY_STORE_FULL") {
        "the key is full: it holds no more passkeys".into()
    } else if said("CTAP2_ERR_PIN_POLICY_VIOLATION") {
        "the key does not take a PIN of that form".into()
    } else {
        format!("the security key answered: {error}")
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use ciborium::value::Value as Cbor;

    #[test]
    fn a_keys_attestation_becomes_graphs_credential() {
        let a = Attestation {
            fmt: "packed".into(),
            attstmt_alg: -7,
            attstmt_sig: vec![1, 2],
            attstmt_x5c: vec![vec![0x30, 0x82]],
            auth_data: vec![5; 40],
            credential_descriptor:
                ctap_hid_fido2::public_key_credential_descriptor::PublicKeyCredentialDescriptor {
                    id: vec![0xfb; 4],
                    ctype: "public-key".into(),
                },
            ..Attestation::default()
        };
        let c = credential(&a, b"{\"type\":\"webauthn.create\"}").unwrap();
        assert_eq!(c["id"], "-_v7-w");
        let bytes = from_b64url(c["response"]["attestationObject"].as_str().unwrap()).unwrap();
        let object: Cbor = ciborium::de::from_reader(&bytes[..]).unwrap();
        let text = |k: &str| Cbor::Text(k.into());
        assert_eq!(
            webauthn::field(&object, &text("authData")),
            Some(&Cbor::Bytes(vec![5; 40]))
        );
        let statement = webauthn::field(&object, &text("attStmt")).unwrap();
        assert_eq!(
            webauthn::field(statement, &text("alg")),
            Some(&Cbor::Integer((-7).into()))
        );
    }

    #[test]
    fn key_errors_say_what_to_do() {
        assert!(explain("FIDO device not found.").contains("no security key"));
        assert!(explain("Multiple FIDO devices found.").contains("only the one"));
        assert!(
            explain("response_status err = 0x31 CTAP2_ERR_PIN_INVALID   PIN Invalid.")
                .contains("PIN is wrong")
        );
        assert!(explain("0x19 CTAP2_ERR_CREDENTIAL_EXCLUDED").contains("already holds"));
        assert!(explain("0x35 CTAP2_ERR_PIN_AUTH_BLOCKED").contains("plug it in again"));
        assert!(explain("0x32 CTAP2_ERR_PIN_BLOCKED").contains("reset"));
        assert!(explain("something else").contains("something else"));
    }

    #[test]
    fn a_model_care_does_not_know_is_named_by_its_aaguid() {
        let k = KeyInfo {
            aaguid: "00000000-0000-0000-0000-000000000001".into(),
            has_pin: Some(false),
            min_pin: 4,
        };
        assert_eq!(
            k.model(),
            "security key 00000000-0000-0000-0000-000000000001"
        );
    }
}
