//! Wire types of the Microsoft Graph subset that `care` uses, defined once and shared by the client
//! and the sandbox (which serialises exactly these shapes).
//!
//! Every field the client reads is optional or defaulted, and unknown fields are ignored, so a
//! newer Graph that adds properties keeps working. Authentication methods of a type this crate
//! does not know are kept as [`AuthMethod::Other`] with their raw JSON.

use serde::{Deserialize, Deserializer, Serialize, Serializer};
use serde_json::{Map, Value};
use std::fmt;

pub mod exchange;
pub mod webauthn;

/// The header every answer of care's sandbox carries, and no other server does: whether a Graph
/// URL on this machine is the sandbox or a real tenant behind a tunnel or a proxy is told by
/// what answers, never by the address.
pub const SANDBOX_HEADER: &str = "x-care-sandbox";

/// Fixed id of the mobile phone method (the same for every user).
pub const PHONE_MOBILE_ID: &str = "3179e48a-750b-4051-897c-87b9720928f7";
/// Fixed id of the alternate mobile phone method.
pub const PHONE_ALTERNATE_ID: &str = "b6332ec1-7057-4abe-9331-3d72feddfe41";
/// Fixed id of the office phone method.
pub const PHONE_OFFICE_ID: &str = "e37fc753-ff3b-4958-9484-eaa9425c82bc";
/// Fixed id of the password method.
pub const PASSWORD_METHOD_ID: &str = "28c10230-6103-485e-b985-444c60001490";
/// Fixed id of the email method.
pub const EMAIL_METHOD_ID: &str = "3ddfcfc8-9383-446f-83cc-3ab9be4be18f";

/// A string that must never be printed by accident: `Debug` shows `[redacted]`, and its memory
/// is zeroed when it is dropped (secrecy's `SecretString` inside). Serialises as the plain
/// string, because the one place it belongs (a Graph response, `-o json` that the agent asked
/// for, the OS credential store) needs the value.
#[derive(Clone)]
pub struct Secret(secrecy::SecretString);

impl Secret {
    pub fn new(value: impl Into<String>) -> Self {
        Secret(secrecy::SecretString::from(value.into()))
    }
    /// The value itself. Every call site is a place where a secret leaves its wrapper.
    pub fn expose(&self) -> &str {
        secrecy::ExposeSecret::expose_secret(&self.0)
    }
}

impl PartialEq for Secret {
    fn eq(&self, other: &Self) -> bool {
        self.expose() == other.expose()
    }
}

impl Eq for Secret {}

impl Serialize for Secret {
    fn serialize<S: serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.serialize_str(self.expose())
    }
}

impl<'de> Deserialize<'de> for Secret {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        String::deserialize(deserializer).map(Secret::new)
    }
}

impl fmt::Debug for Secret {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("[redacted]")
    }
}

/// Reads an explicit JSON `null` as the type's default, as a missing field already is with
/// `#[serde(default)]`: Graph sends `null` for an empty collection or complex property now and
/// then (`"businessPhones": null`, `"value": null`), and a `Vec` or struct would otherwise refuse it.
/// Use it as `#[serde(default, deserialize_with = "null_as_default")]`.
pub fn null_as_default<'de, D, T>(deserializer: D) -> Result<T, D::Error>
where
    D: Deserializer<'de>,
    T: Default + Deserialize<'de>,
{
    Ok(Option::<T>::deserialize(deserializer)?.unwrap_or_default())
}

/// A number of seconds as identity platforms send it: an integer, a fraction, or a numeric
/// string (ADFS and some proxies); a value out of range saturates rather than fails, so the
/// caller's own bounds decide.
pub fn seconds<'de, D>(deserializer: D) -> Result<i64, D::Error>
where
    D: Deserializer<'de>,
{
    let v = serde_json::Value::deserialize(deserializer)?;
    let n = match &v {
        serde_json::Value::Number(n) => n.as_f64(),
        serde_json::Value::String(s) => s.trim().parse::<f64>().ok(),
        _ => None,
    }
    .filter(|n| !n.is_nan())
    .ok_or_else(|| serde::de::Error::custom(format!("{v} is not a number of seconds")))?;
    // `as` saturates at i64's bounds
    Ok(n as i64)
}

/// `@odata.context`, `@odata.count`, `@odata.nextLink` and `value` of a collection response.
#[derive(Debug, Clone, Serialize, Deserialize)]
#[serde(bound(deserialize = "T: Deserialize<'de>"))]
pub struct Collection<T> {
    #[serde(
        rename = "@odata.context",
        default,
        skip_serializing_if = "Option::is_none"
    )]
    pub context: Option<String>,
    #[serde(
        rename = "@odata.count",
        default,
        skip_serializing_if = "Option::is_none"
    )]
    pub count: Option<u64>,
    #[serde(
        rename = "@odata.nextLink",
        default,
        skip_serializing_if = "Option::is_none"
    )]
    pub next_link: Option<String>,
    #[serde(default, deserialize_with = "null_as_default")]
    pub value: Vec<T>,
}

/// A user. Without `$select` Graph returns only the default projection
/// ([`User::DEFAULT_PROPERTIES`]); the rest are present only when selected.
#[derive(Debug, Clone, Default, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct User {
    #[serde(default, deserialize_with = "null_as_default")]
    pub id: String,
    #[serde(default)]
    pub display_name: Option<String>,
    #[serde(default)]
    pub given_name: Option<String>,
    #[serde(default)]
    pub surname: Option<String>,
    #[serde(default)]
    pub user_principal_name: Option<String>,
    #[serde(default)]
    pub mail: Option<String>,
    #[serde(default)]
    pub job_title: Option<String>,
    #[serde(default)]
    pub office_location: Option<String>,
    #[serde(default)]
    pub mobile_phone: Option<String>,
    #[serde(default, deserialize_with = "null_as_default")]
    pub business_phones: Vec<String>,
    #[serde(default)]
    pub preferred_language: Option<String>,
    #[serde(default)]
    pub department: Option<String>,
    #[serde(default)]
    pub employee_id: Option<String>,
    #[serde(default)]
    pub account_enabled: Option<bool>,
    #[serde(default)]
    pub user_type: Option<String>,
    #[serde(default)]
    pub company_name: Option<String>,
    #[serde(default)]
    pub created_date_time: Option<String>,
    #[serde(default)]
    pub sign_in_sessions_valid_from_date_time: Option<String>,
    #[serde(default)]
    pub on_premises_sync_enabled: Option<bool>,
    #[serde(default, deserialize_with = "null_as_default")]
    pub other_mails: Vec<String>,
    #[serde(default)]
    pub usage_location: Option<String>,
}

impl User {
    /// The properties Graph returns when the request has no `$select`.
    pub const DEFAULT_PROPERTIES: &'static [&'static str] = &[
        "businessPhones",
        "displayName",
        "givenName",
        "id",
        "jobTitle",
        "mail",
        "mobilePhone",
        "officeLocation",
        "preferredLanguage",
        "surname",
        "userPrincipalName",
    ];
    /// Every property this crate keeps in [`User`], in Graph's spelling.
    pub const ALL_PROPERTIES: &'static [&'static str] = &[
        "id",
        "displayName",
        "givenName",
        "surname",
        "userPrincipalName",
        "mail",
        "jobTitle",
        "officeLocation",
        "mobilePhone",
        "businessPhones",
        "preferredLanguage",
        "department",
        "employeeId",
        "accountEnabled",
        "userType",
        "companyName",
        "createdDateTime",
        "signInSessionsValidFromDateTime",
        "onPremisesSyncEnabled",
        "otherMails",
        "usageLocation",
    ];
    /// Every v1.0 user property that `$select` may name, in Graph's spelling (the user resource
    /// page). Those this crate does not keep in [`User`] are returned as `null` (or `[]` for
    /// [`User::COLLECTION_PROPERTIES`]).
    pub const SELECTABLE_PROPERTIES: &'static [&'static str] = &[
        "aboutMe",
        "accountEnabled",
        "ageGroup",
        "assignedLicenses",
        "assignedPlans",
        "birthday",
        "businessPhones",
        "city",
        "companyName",
        "consentProvidedForMinor",
        "country",
        "createdDateTime",
        "creationType",
        "deletedDateTime",
        "department",
        "displayName",
        "employeeHireDate",
        "employeeId",
        "employeeLeaveDateTime",
        "employeeOrgData",
        "employeeType",
        "externalUserState",
        "externalUserStateChangeDateTime",
        "faxNumber",
        "givenName",
        "hireDate",
        "id",
        "identities",
        "imAddresses",
        "interests",
        "isResourceAccount",
        "jobTitle",
        "lastPasswordChangeDateTime",
        "legalAgeGroupClassification",
        "mail",
        "mailNickname",
        "mobilePhone",
        "mySite",
        "officeLocation",
        "onPremisesDistinguishedName",
        "onPremisesDomainName",
        "onPremisesExtensionAttributes",
        "onPremisesImmutableId",
        "onPremisesLastSyncDateTime",
        "onPremisesProvisioningErrors",
        "onPremisesSamAccountName",
        "onPremisesSecurityIdentifier",
        "onPremisesSyncEnabled",
        "onPremisesUserPrincipalName",
        "otherMails",
        "passwordPolicies",
        "passwordProfile",
        "pastProjects",
        "postalCode",
        "preferredDataLocation",
        "preferredLanguage",
        "preferredName",
        "provisionedPlans",
        "proxyAddresses",
        "responsibilities",
        "schools",
        "securityIdentifier",
        "showInAddressList",
        "signInSessionsValidFromDateTime",
        "skills",
        "state",
        "streetAddress",
        "surname",
        "usageLocation",
        "userPrincipalName",
        "userType",
    ];
    /// The selectable properties whose value is a collection (`[]` when empty, never `null`).
    pub const COLLECTION_PROPERTIES: &'static [&'static str] = &[
        "assignedLicenses",
        "assignedPlans",
        "businessPhones",
        "identities",
        "imAddresses",
        "interests",
        "onPremisesProvisioningErrors",
        "otherMails",
        "pastProjects",
        "provisionedPlans",
        "proxyAddresses",
        "responsibilities",
        "schools",
        "skills",
    ];
    pub fn upn(&self) -> &str {
        self.user_principal_name.as_deref().unwrap_or(&self.id)
    }
    pub fn name(&self) -> &str {
        self.display_name.as_deref().unwrap_or_else(|| self.upn())
    }
}

/// The kinds of authentication method, with their `@odata.type` and collection segment.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum MethodKind {
    Password,
    Phone,
    Email,
    Fido2,
    Authenticator,
    SoftwareOath,
    TemporaryAccessPass,
    WindowsHello,
}

impl MethodKind {
    pub const ALL: [MethodKind; 8] = [
        MethodKind::Password,
        MethodKind::Phone,
        MethodKind::Email,
        MethodKind::Fido2,
        MethodKind::Authenticator,
        MethodKind::SoftwareOath,
        MethodKind::TemporaryAccessPass,
        MethodKind::WindowsHello,
    ];

    pub fn odata_type(self) -> &'static str {
        match self {
            MethodKind::Password => "#microsoft.graph.passwordAuthenticationMethod",
            MethodKind::Phone => "#microsoft.graph.phoneAuthenticationMethod",
            MethodKind::Email => "#microsoft.graph.emailAuthenticationMethod",
            MethodKind::Fido2 => "#microsoft.graph.fido2AuthenticationMethod",
            MethodKind::Authenticator => {
                "#microsoft.graph.microsoftAuthenticatorAuthenticationMethod"
            }
            MethodKind::SoftwareOath => "#microsoft.graph.softwareOathAuthenticationMethod",
            MethodKind::TemporaryAccessPass => {
                "#microsoft.graph.temporaryAccessPassAuthenticationMethod"
            }
            MethodKind::WindowsHello => {
                "#microsoft.graph.windowsHelloForBusinessAuthenticationMethod"
            }
        }
    }

    /// The collection under `/users/{id}/authentication/`.
    pub fn segment(self) -> &'static str {
        match self {
            MethodKind::Password => "passwordMethods",
            MethodKind::Phone => "phoneMethods",
            MethodKind::Email => "emailMethods",
            MethodKind::Fido2 => "fido2Methods",
            MethodKind::Authenticator => "microsoftAuthenticatorMethods",
            MethodKind::SoftwareOath => "softwareOathMethods",
            MethodKind::TemporaryAccessPass => "temporaryAccessPassMethods",
            MethodKind::WindowsHello => "windowsHelloForBusinessMethods",
        }
    }

    /// The short name used on the command line and in `-o json`.
    pub fn name(self) -> &'static str {
        match self {
            MethodKind::Password => "password",
            MethodKind::Phone => "phone",
            MethodKind::Email => "email",
            MethodKind::Fido2 => "passkey",
            MethodKind::Authenticator => "authenticator",
            MethodKind::SoftwareOath => "oath",
            MethodKind::TemporaryAccessPass => "tap",
            MethodKind::WindowsHello => "windows-hello",
        }
    }

    pub fn from_odata_type(t: &str) -> Option<MethodKind> {
        MethodKind::ALL.into_iter().find(|k| k.odata_type() == t)
    }

    pub fn from_segment(s: &str) -> Option<MethodKind> {
        MethodKind::ALL.into_iter().find(|k| k.segment() == s)
    }

    pub fn from_name(s: &str) -> Option<MethodKind> {
        MethodKind::ALL.into_iter().find(|k| k.name() == s)
    }

    /// Whether the method is a second factor that counts for MFA registration.
    pub fn is_mfa(self) -> bool {
        matches!(
            self,
            MethodKind::Phone
                | MethodKind::Fido2
                | MethodKind::Authenticator
                | MethodKind::SoftwareOath
                | MethodKind::WindowsHello
        )
    }
}

/// `authenticationPhoneType`; a value newer than this crate (or `null`) reads as `Unknown`.
#[derive(
    Debug, Clone, Copy, Default, PartialEq, Eq, Hash, Serialize, Deserialize, PartialOrd, Ord,
)]
#[serde(rename_all = "camelCase")]
pub enum PhoneType {
    Mobile,
    AlternateMobile,
    Office,
    #[default]
    #[serde(other)]
    Unknown,
}

impl PhoneType {
    pub const ALL: [PhoneType; 3] = [
        PhoneType::Mobile,
        PhoneType::AlternateMobile,
        PhoneType::Office,
    ];

    /// The fixed method id of this phone type.
    pub fn method_id(self) -> &'static str {
        match self {
            PhoneType::Mobile => PHONE_MOBILE_ID,
            PhoneType::AlternateMobile => PHONE_ALTERNATE_ID,
            PhoneType::Office | PhoneType::Unknown => PHONE_OFFICE_ID,
        }
    }

    pub fn from_method_id(id: &str) -> Option<PhoneType> {
        PhoneType::ALL.into_iter().find(|t| t.method_id() == id)
    }

    pub fn as_str(self) -> &'static str {
        match self {
            PhoneType::Mobile => "mobile",
            PhoneType::AlternateMobile => "alternateMobile",
            PhoneType::Office => "office",
            PhoneType::Unknown => "unknown",
        }
    }

    pub fn parse(s: &str) -> Option<PhoneType> {
        PhoneType::ALL.into_iter().find(|t| t.as_str() == s)
    }
}

impl fmt::Display for PhoneType {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

#[derive(Debug, Clone, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct PhoneMethod {
    pub id: String,
    pub phone_number: String,
    #[serde(default, deserialize_with = "null_as_default")]
    pub phone_type: PhoneType,
    /// `authenticationMethodSignInState`, kept as a string so that a new value (Graph lists
    /// `unknownFutureValue`) never fails the read.
    #[serde(default)]
    pub sms_sign_in_state: Option<String>,
}

#[derive(Debug, Clone, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct PasswordMethod {
    pub id: String,
    #[serde(default)]
    pub password: Option<String>,
    #[serde(default)]
    pub created_date_time: Option<String>,
}

#[derive(Debug, Clone, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct EmailMethod {
    pub id: String,
    #[serde(default)]
    pub email_address: Option<String>,
}

#[derive(Debug, Clone, Default, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct Fido2Method {
    pub id: String,
    #[serde(default)]
    pub display_name: Option<String>,
    #[serde(default)]
    pub created_date_time: Option<String>,
    #[serde(default)]
    pub aa_guid: Option<String>,
    #[serde(default)]
    pub model: Option<String>,
    #[serde(default, deserialize_with = "null_as_default")]
    pub attestation_certificates: Vec<String>,
    #[serde(default)]
    pub attestation_level: Option<String>,
}

#[derive(Debug, Clone, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct AuthenticatorMethod {
    pub id: String,
    #[serde(default)]
    pub display_name: Option<String>,
    #[serde(default)]
    pub device_tag: Option<String>,
    #[serde(default)]
    pub phone_app_version: Option<String>,
    #[serde(default)]
    pub created_date_time: Option<String>,
}

#[derive(Debug, Clone, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct SoftwareOathMethod {
    pub id: String,
    #[serde(default)]
    pub secret_key: Option<String>,
}

#[derive(Debug, Clone, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct WindowsHelloMethod {
    pub id: String,
    #[serde(default)]
    pub display_name: Option<String>,
    #[serde(default)]
    pub created_date_time: Option<String>,
    #[serde(default)]
    pub key_strength: Option<String>,
}

/// A Temporary Access Pass. `temporary_access_pass` is present only in the response to the POST
/// that created it.
#[derive(Debug, Clone, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct TapMethod {
    pub id: String,
    #[serde(default)]
    pub temporary_access_pass: Option<Secret>,
    #[serde(default)]
    pub created_date_time: Option<String>,
    #[serde(default)]
    pub start_date_time: Option<String>,
    #[serde(default)]
    pub lifetime_in_minutes: Option<i64>,
    #[serde(default)]
    pub is_usable_once: Option<bool>,
    #[serde(default)]
    pub is_usable: Option<bool>,
    #[serde(default)]
    pub method_usability_reason: Option<String>,
}

/// Body of `POST …/temporaryAccessPassMethods`; every field is optional.
#[derive(Debug, Clone, Default, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct TapRequest {
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub start_date_time: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub lifetime_in_minutes: Option<i64>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub is_usable_once: Option<bool>,
}

/// Body of `POST`/`PATCH …/phoneMethods`.
#[derive(Debug, Clone, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct PhoneRequest {
    pub phone_number: String,
    pub phone_type: PhoneType,
}

/// One entry of `…/authentication/methods`, typed by its `@odata.type`.
#[derive(Debug, Clone)]
pub enum AuthMethod {
    Password(PasswordMethod),
    Phone(PhoneMethod),
    Email(EmailMethod),
    Fido2(Fido2Method),
    Authenticator(AuthenticatorMethod),
    SoftwareOath(SoftwareOathMethod),
    TemporaryAccessPass(TapMethod),
    WindowsHello(WindowsHelloMethod),
    /// A type this crate does not know: kept whole so it can still be shown.
    Other {
        odata_type: String,
        id: String,
        raw: Map<String, Value>,
    },
}

impl AuthMethod {
    pub fn kind(&self) -> Option<MethodKind> {
        Some(match self {
            AuthMethod::Password(_) => MethodKind::Password,
            AuthMethod::Phone(_) => MethodKind::Phone,
            AuthMethod::Email(_) => MethodKind::Email,
            AuthMethod::Fido2(_) => MethodKind::Fido2,
            AuthMethod::Authenticator(_) => MethodKind::Authenticator,
            AuthMethod::SoftwareOath(_) => MethodKind::SoftwareOath,
            AuthMethod::TemporaryAccessPass(_) => MethodKind::TemporaryAccessPass,
            AuthMethod::WindowsHello(_) => MethodKind::WindowsHello,
            AuthMethod::Other { .. } => return None,
        })
    }

    pub fn id(&self) -> &str {
        match self {
            AuthMethod::Password(m) => &m.id,
            AuthMethod::Phone(m) => &m.id,
            AuthMethod::Email(m) => &m.id,
            AuthMethod::Fido2(m) => &m.id,
            AuthMethod::Authenticator(m) => &m.id,
            AuthMethod::SoftwareOath(m) => &m.id,
            AuthMethod::TemporaryAccessPass(m) => &m.id,
            AuthMethod::WindowsHello(m) => &m.id,
            AuthMethod::Other { id, .. } => id,
        }
    }

    pub fn odata_type(&self) -> &str {
        match self {
            AuthMethod::Other { odata_type, .. } => odata_type,
            known => known.kind().map(MethodKind::odata_type).unwrap_or_default(),
        }
    }

    pub fn created(&self) -> Option<&str> {
        match self {
            AuthMethod::Password(m) => m.created_date_time.as_deref(),
            AuthMethod::Fido2(m) => m.created_date_time.as_deref(),
            AuthMethod::Authenticator(m) => m.created_date_time.as_deref(),
            AuthMethod::TemporaryAccessPass(m) => m.created_date_time.as_deref(),
            AuthMethod::WindowsHello(m) => m.created_date_time.as_deref(),
            AuthMethod::Other { raw, .. } => raw.get("createdDateTime").and_then(Value::as_str),
            AuthMethod::Phone(_) | AuthMethod::Email(_) | AuthMethod::SoftwareOath(_) => None,
        }
    }
}

fn to_object<T: Serialize>(value: &T) -> Map<String, Value> {
    match serde_json::to_value(value) {
        Ok(Value::Object(map)) => map,
        _ => Map::new(),
    }
}

impl Serialize for AuthMethod {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        let mut map = Map::new();
        map.insert(
            "@odata.type".into(),
            Value::String(self.odata_type().to_string()),
        );
        map.extend(match self {
            AuthMethod::Password(m) => to_object(m),
            AuthMethod::Phone(m) => to_object(m),
            AuthMethod::Email(m) => to_object(m),
            AuthMethod::Fido2(m) => to_object(m),
            AuthMethod::Authenticator(m) => to_object(m),
            AuthMethod::SoftwareOath(m) => to_object(m),
            AuthMethod::TemporaryAccessPass(m) => to_object(m),
            AuthMethod::WindowsHello(m) => to_object(m),
            AuthMethod::Other { raw, .. } => raw
                .iter()
                .filter(|(k, _)| k.as_str() != "@odata.type")
                .map(|(k, v)| (k.clone(), v.clone()))
                .collect(),
        });
        map.serialize(serializer)
    }
}

impl<'de> Deserialize<'de> for AuthMethod {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        use serde::de::Error;
        let raw = Map::<String, Value>::deserialize(deserializer)?;
        let odata_type = raw
            .get("@odata.type")
            .and_then(Value::as_str)
            .unwrap_or_default()
            .to_string();
        fn typed<T: serde::de::DeserializeOwned, E: Error>(
            raw: Map<String, Value>,
        ) -> Result<T, E> {
            serde_json::from_value(Value::Object(raw)).map_err(E::custom)
        }
        Ok(match MethodKind::from_odata_type(&odata_type) {
            Some(MethodKind::Password) => AuthMethod::Password(typed(raw)?),
            Some(MethodKind::Phone) => AuthMethod::Phone(typed(raw)?),
            Some(MethodKind::Email) => AuthMethod::Email(typed(raw)?),
            Some(MethodKind::Fido2) => AuthMethod::Fido2(typed(raw)?),
            Some(MethodKind::Authenticator) => AuthMethod::Authenticator(typed(raw)?),
            Some(MethodKind::SoftwareOath) => AuthMethod::SoftwareOath(typed(raw)?),
            Some(MethodKind::TemporaryAccessPass) => AuthMethod::TemporaryAccessPass(typed(raw)?),
            Some(MethodKind::WindowsHello) => AuthMethod::WindowsHello(typed(raw)?),
            None => AuthMethod::Other {
                id: raw
                    .get("id")
                    .and_then(Value::as_str)
                    .unwrap_or_default()
                    .to_string(),
                odata_type,
                raw,
            },
        })
    }
}

/// `/reports/authenticationMethods/userRegistrationDetails` entry.
#[derive(Debug, Clone, Default, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct UserRegistrationDetails {
    #[serde(default, deserialize_with = "null_as_default")]
    pub id: String,
    #[serde(default)]
    pub user_principal_name: Option<String>,
    #[serde(default)]
    pub user_display_name: Option<String>,
    #[serde(default)]
    pub user_type: Option<String>,
    #[serde(default)]
    pub is_admin: Option<bool>,
    #[serde(default)]
    pub is_mfa_registered: Option<bool>,
    #[serde(default)]
    pub is_mfa_capable: Option<bool>,
    #[serde(default)]
    pub is_passwordless_capable: Option<bool>,
    #[serde(default)]
    pub is_sspr_registered: Option<bool>,
    #[serde(default)]
    pub is_sspr_enabled: Option<bool>,
    #[serde(default)]
    pub is_sspr_capable: Option<bool>,
    #[serde(default)]
    pub is_system_preferred_authentication_method_enabled: Option<bool>,
    #[serde(default, deserialize_with = "null_as_default")]
    pub system_preferred_authentication_methods: Vec<String>,
    #[serde(default)]
    pub user_preferred_method_for_secondary_authentication: Option<String>,
    #[serde(default, deserialize_with = "null_as_default")]
    pub methods_registered: Vec<String>,
    #[serde(default)]
    pub last_updated_date_time: Option<String>,
}

/// `/beta/users/{id}/authentication/signInPreferences`.
#[derive(Debug, Clone, Default, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct SignInPreferences {
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub is_system_preferred_authentication_method_enabled: Option<bool>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub user_preferred_method_for_secondary_authentication: Option<String>,
}

/// A user's QR code + PIN method (`qrCodePinAuthenticationMethod`, v1.0). The images and the
/// PIN's code are present only in the answer that made them.
#[derive(Debug, Clone, Default, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct QrPinMethod {
    #[serde(default, deserialize_with = "null_as_default")]
    pub id: String,
    #[serde(default)]
    pub created_date_time: Option<String>,
    #[serde(default, rename = "standardQRCode")]
    pub standard_qr_code: Option<QrCode>,
    #[serde(default, rename = "temporaryQRCode")]
    pub temporary_qr_code: Option<QrCode>,
    #[serde(default)]
    pub pin: Option<QrPin>,
}

/// A standard (badge) or temporary QR code of the method.
#[derive(Debug, Clone, Default, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct QrCode {
    #[serde(default, deserialize_with = "null_as_default")]
    pub id: String,
    #[serde(default)]
    pub start_date_time: Option<String>,
    #[serde(default)]
    pub expire_date_time: Option<String>,
    #[serde(default)]
    pub created_date_time: Option<String>,
    #[serde(default)]
    pub last_used_date_time: Option<String>,
    #[serde(default)]
    pub image: Option<QrImage>,
}

/// `qrCodeImageDetails`: the code's image (`binaryValue`, base64) as Graph makes it.
#[derive(Debug, Clone, Default, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct QrImage {
    #[serde(default)]
    pub binary_value: Option<String>,
    #[serde(default)]
    pub version: Option<i64>,
    #[serde(default)]
    pub error_correction_level: Option<String>,
}

/// `qrPin`: the code is returned only when made or reset.
#[derive(Debug, Clone, Default, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct QrPin {
    #[serde(default)]
    pub code: Option<Secret>,
    #[serde(default)]
    pub force_change_pin_next_sign_in: Option<bool>,
    #[serde(default)]
    pub created_date_time: Option<String>,
    #[serde(default)]
    pub updated_date_time: Option<String>,
}

/// The QR code + PIN method policy (`authenticationMethodConfigurations/qrCodePin`).
#[derive(Debug, Clone, Default, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct QrPinPolicy {
    #[serde(default)]
    pub state: Option<String>,
    #[serde(default)]
    pub pin_length: Option<u32>,
    #[serde(default, rename = "standardQRCodeLifetimeInDays")]
    pub standard_qr_code_lifetime_in_days: Option<u32>,
    #[serde(default)]
    pub include_targets: Vec<Value>,
    #[serde(default)]
    pub exclude_targets: Vec<Value>,
}

impl QrPinPolicy {
    pub const PATH: &'static str =
        "/policies/authenticationMethodsPolicy/authenticationMethodConfigurations/qrCodePin";
}

/// A key fob in the tenant's inventory (`hardwareOathTokenAuthenticationMethodDevice`, beta).
#[derive(Debug, Clone, Default, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct OathDevice {
    #[serde(default, deserialize_with = "null_as_default")]
    pub id: String,
    #[serde(default)]
    pub display_name: Option<String>,
    #[serde(default, deserialize_with = "null_as_default")]
    pub serial_number: String,
    #[serde(default)]
    pub manufacturer: Option<String>,
    #[serde(default)]
    pub model: Option<String>,
    /// `available`, `assigned`, `activated`, `failedActivation`.
    #[serde(default)]
    pub status: Option<String>,
    #[serde(default)]
    pub assigned_to: Option<Identity>,
    #[serde(default)]
    pub last_used_date_time: Option<String>,
}

/// `identity`: an id and a display name.
#[derive(Debug, Clone, Default, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct Identity {
    #[serde(default)]
    pub id: Option<String>,
    #[serde(default)]
    pub display_name: Option<String>,
}

/// A user's key fob (`hardwareOathAuthenticationMethod`, beta).
#[derive(Debug, Clone, Default, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct OathMethod {
    #[serde(default, deserialize_with = "null_as_default")]
    pub id: String,
    #[serde(default)]
    pub device: Option<OathDevice>,
}

/// The Temporary Access Pass method policy of the tenant.
#[derive(Debug, Clone, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct TapPolicy {
    #[serde(rename = "@odata.type", default = "TapPolicy::odata_type")]
    pub odata_type: String,
    #[serde(default = "TapPolicy::policy_id")]
    pub id: String,
    pub state: String,
    pub default_lifetime_in_minutes: i64,
    pub default_length: i64,
    pub minimum_lifetime_in_minutes: i64,
    pub maximum_lifetime_in_minutes: i64,
    pub is_usable_once: bool,
    /// Who may sign in with a pass (Entra's default: every user, `all_users`).
    #[serde(default, deserialize_with = "null_as_default")]
    pub include_targets: Vec<PolicyTarget>,
    #[serde(default, deserialize_with = "null_as_default")]
    pub exclude_targets: Vec<PolicyTarget>,
}

/// An `includeTargets`/`excludeTargets` entry of an authentication method policy.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct PolicyTarget {
    /// `group` (or `user`); kept as a string so that a new target type still reads.
    #[serde(default, deserialize_with = "null_as_default")]
    pub target_type: String,
    #[serde(default, deserialize_with = "null_as_default")]
    pub id: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub is_registration_required: Option<bool>,
}

impl PolicyTarget {
    /// The built-in group of every user.
    pub fn all_users() -> Self {
        PolicyTarget {
            target_type: "group".into(),
            id: "all_users".into(),
            is_registration_required: Some(false),
        }
    }
}

impl TapPolicy {
    fn odata_type() -> String {
        "#microsoft.graph.temporaryAccessPassAuthenticationMethodConfiguration".into()
    }
    fn policy_id() -> String {
        "TemporaryAccessPass".into()
    }
    pub const PATH: &'static str = "policies/authenticationMethodsPolicy/authenticationMethodConfigurations/temporaryAccessPass";
}

impl Default for TapPolicy {
    /// Entra's defaults, except that the state is `enabled` (a help desk's tenant has it on).
    fn default() -> Self {
        TapPolicy {
            odata_type: TapPolicy::odata_type(),
            id: TapPolicy::policy_id(),
            state: "enabled".into(),
            default_lifetime_in_minutes: 60,
            default_length: 8,
            minimum_lifetime_in_minutes: 60,
            maximum_lifetime_in_minutes: 480,
            is_usable_once: false,
            include_targets: vec![PolicyTarget::all_users()],
            exclude_targets: vec![],
        }
    }
}

#[derive(Debug, Clone, Default, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct SignInStatus {
    #[serde(default, deserialize_with = "null_as_default")]
    pub error_code: i64,
    #[serde(default)]
    pub failure_reason: Option<String>,
    #[serde(default)]
    pub additional_details: Option<String>,
}

#[derive(Debug, Clone, Default, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct DeviceDetail {
    #[serde(default)]
    pub device_id: Option<String>,
    #[serde(default)]
    pub display_name: Option<String>,
    #[serde(default)]
    pub operating_system: Option<String>,
    #[serde(default)]
    pub browser: Option<String>,
    #[serde(default)]
    pub is_compliant: Option<bool>,
    #[serde(default)]
    pub is_managed: Option<bool>,
    #[serde(default)]
    pub trust_type: Option<String>,
}

#[derive(Debug, Clone, Default, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct SignInLocation {
    #[serde(default)]
    pub city: Option<String>,
    #[serde(default)]
    pub state: Option<String>,
    #[serde(default)]
    pub country_or_region: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub geo_coordinates: Option<GeoCoordinates>,
}

/// Where a sign-in came from, as Graph estimates it from the IP address.
#[derive(Debug, Clone, Copy, Default, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct GeoCoordinates {
    #[serde(default)]
    pub altitude: Option<f64>,
    #[serde(default)]
    pub latitude: Option<f64>,
    #[serde(default)]
    pub longitude: Option<f64>,
}

/// One step of a sign-in's authentication (`/beta` only).
#[derive(Debug, Clone, Default, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct AuthenticationDetail {
    #[serde(default)]
    pub authentication_method: Option<String>,
    #[serde(default)]
    pub authentication_method_detail: Option<String>,
    #[serde(default)]
    pub authentication_step_date_time: Option<String>,
    #[serde(default)]
    pub authentication_step_requirement: Option<String>,
    #[serde(default)]
    pub authentication_step_result_detail: Option<String>,
    #[serde(default)]
    pub succeeded: Option<bool>,
}

/// A sign-in record. `authentication_requirement` and `authentication_details` exist only under
/// `/beta`; they are `None` (and not serialised) in the v1.0 shape.
#[derive(Debug, Clone, Default, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct SignIn {
    #[serde(default, deserialize_with = "null_as_default")]
    pub id: String,
    #[serde(default, deserialize_with = "null_as_default")]
    pub created_date_time: String,
    #[serde(default)]
    pub user_display_name: Option<String>,
    #[serde(default)]
    pub user_principal_name: Option<String>,
    #[serde(default)]
    pub user_id: Option<String>,
    #[serde(default)]
    pub app_id: Option<String>,
    #[serde(default)]
    pub app_display_name: Option<String>,
    #[serde(default)]
    pub ip_address: Option<String>,
    #[serde(default)]
    pub client_app_used: Option<String>,
    #[serde(default)]
    pub correlation_id: Option<String>,
    #[serde(default)]
    pub conditional_access_status: Option<String>,
    #[serde(default)]
    pub is_interactive: Option<bool>,
    #[serde(default)]
    pub resource_display_name: Option<String>,
    #[serde(default)]
    pub resource_id: Option<String>,
    #[serde(default)]
    pub risk_detail: Option<String>,
    #[serde(default)]
    pub risk_level_aggregated: Option<String>,
    #[serde(default)]
    pub risk_level_during_sign_in: Option<String>,
    #[serde(default)]
    pub risk_state: Option<String>,
    #[serde(default, deserialize_with = "null_as_default")]
    pub risk_event_types: Vec<String>,
    #[serde(default, deserialize_with = "null_as_default")]
    pub status: SignInStatus,
    #[serde(default, deserialize_with = "null_as_default")]
    pub device_detail: DeviceDetail,
    #[serde(default, deserialize_with = "null_as_default")]
    pub location: SignInLocation,
    #[serde(default, deserialize_with = "null_as_default")]
    pub applied_conditional_access_policies: Vec<Value>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub authentication_requirement: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub authentication_details: Option<Vec<AuthenticationDetail>>,
}

#[derive(Debug, Clone, Default, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct AuditUserIdentity {
    #[serde(default)]
    pub id: Option<String>,
    #[serde(default)]
    pub display_name: Option<String>,
    #[serde(default)]
    pub user_principal_name: Option<String>,
}

#[derive(Debug, Clone, Default, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct AuditAppIdentity {
    #[serde(default)]
    pub app_id: Option<String>,
    #[serde(default)]
    pub display_name: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub service_principal_id: Option<String>,
}

#[derive(Debug, Clone, Default, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct AuditInitiatedBy {
    #[serde(default)]
    pub user: Option<AuditUserIdentity>,
    #[serde(default)]
    pub app: Option<AuditAppIdentity>,
}

#[derive(Debug, Clone, Default, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct AuditTarget {
    #[serde(default)]
    pub id: Option<String>,
    #[serde(default)]
    pub display_name: Option<String>,
    #[serde(default)]
    pub user_principal_name: Option<String>,
    /// Entra writes `type`, and in one documented example `Type`.
    #[serde(rename = "type", alias = "Type", default)]
    pub kind: Option<String>,
}

/// An entry of `/auditLogs/directoryAudits`.
#[derive(Debug, Clone, Default, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct DirectoryAudit {
    #[serde(default, deserialize_with = "null_as_default")]
    pub id: String,
    #[serde(default, deserialize_with = "null_as_default")]
    pub category: String,
    #[serde(default)]
    pub correlation_id: Option<String>,
    #[serde(default, deserialize_with = "null_as_default")]
    pub result: String,
    #[serde(default)]
    pub result_reason: Option<String>,
    #[serde(default, deserialize_with = "null_as_default")]
    pub activity_display_name: String,
    #[serde(default, deserialize_with = "null_as_default")]
    pub activity_date_time: String,
    #[serde(default)]
    pub logged_by_service: Option<String>,
    #[serde(default)]
    pub operation_type: Option<String>,
    #[serde(default, deserialize_with = "null_as_default")]
    pub initiated_by: AuditInitiatedBy,
    #[serde(default, deserialize_with = "null_as_default")]
    pub target_resources: Vec<AuditTarget>,
}

/// An entry of `/identityProtection/riskyUsers` (Identity Protection, Entra ID P2): how much
/// Entra believes the account is in someone else's hands.
#[derive(Debug, Clone, Default, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct RiskyUser {
    #[serde(default, deserialize_with = "null_as_default")]
    pub id: String,
    #[serde(default)]
    pub user_principal_name: Option<String>,
    #[serde(default)]
    pub user_display_name: Option<String>,
    /// `low`, `medium`, `high`, `hidden`, `none`.
    #[serde(default)]
    pub risk_level: Option<String>,
    /// `none`, `confirmedSafe`, `remediated`, `dismissed`, `atRisk`, `confirmedCompromised`.
    #[serde(default)]
    pub risk_state: Option<String>,
    #[serde(default)]
    pub risk_detail: Option<String>,
    #[serde(default)]
    pub risk_last_updated_date_time: Option<String>,
    #[serde(default)]
    pub is_deleted: Option<bool>,
    #[serde(default)]
    pub is_processing: Option<bool>,
}

/// An entry of `/identityProtection/riskDetections` (Entra ID P1 or P2).
#[derive(Debug, Clone, Default, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct RiskDetection {
    #[serde(default, deserialize_with = "null_as_default")]
    pub id: String,
    #[serde(default)]
    pub user_id: Option<String>,
    #[serde(default)]
    pub user_principal_name: Option<String>,
    #[serde(default)]
    pub user_display_name: Option<String>,
    /// `userReportedSuspiciousActivity`, `leakedCredentials`, `unfamiliarFeatures`, …
    #[serde(default)]
    pub risk_event_type: Option<String>,
    #[serde(default)]
    pub risk_level: Option<String>,
    #[serde(default)]
    pub risk_state: Option<String>,
    #[serde(default)]
    pub risk_detail: Option<String>,
    /// `signin` or `user`.
    #[serde(default)]
    pub activity: Option<String>,
    #[serde(default)]
    pub activity_date_time: Option<String>,
    #[serde(default)]
    pub detected_date_time: Option<String>,
    #[serde(default)]
    pub detection_timing_type: Option<String>,
    #[serde(default)]
    pub source: Option<String>,
    #[serde(default)]
    pub ip_address: Option<String>,
}

impl DirectoryAudit {
    /// Whether one of `names` (object ids, UPNs, app ids) made the change.
    pub fn made_by(&self, names: &[&str]) -> bool {
        let i = &self.initiated_by;
        [
            i.user.as_ref().and_then(|u| u.id.as_deref()),
            i.user
                .as_ref()
                .and_then(|u| u.user_principal_name.as_deref()),
            i.app.as_ref().and_then(|p| p.app_id.as_deref()),
        ]
        .into_iter()
        .flatten()
        .any(|x| names.iter().any(|m| m.eq_ignore_ascii_case(x)))
    }

    /// Whether the person changed it themselves (registered their own method): not an
    /// agent's or an app's change.
    pub fn by_the_person(&self) -> bool {
        self.target_resources.first().is_some_and(|t| {
            let names: Vec<&str> = [t.id.as_deref(), t.user_principal_name.as_deref()]
                .into_iter()
                .flatten()
                .collect();
            self.initiated_by.user.is_some() && self.made_by(&names)
        })
    }

    /// Who made the change, in words: their UPN, or the app's name.
    pub fn initiator(&self) -> String {
        let i = &self.initiated_by;
        i.user
            .as_ref()
            .and_then(|u| u.user_principal_name.clone())
            .or_else(|| i.app.as_ref().and_then(|p| p.display_name.clone()))
            .unwrap_or_else(|| "someone".into())
    }

    /// A Temporary Access Pass created (Entra's words, as the sandbox records them).
    pub fn is_pass_created(&self) -> bool {
        self.result == "success"
            && self.activity_display_name.contains("registered")
            && self
                .result_reason
                .as_deref()
                .is_some_and(|r| r.to_ascii_lowercase().contains("temporary access pass"))
    }

    /// The first target's object id.
    pub fn target_id(&self) -> Option<&str> {
        self.target_resources.first().and_then(|t| t.id.as_deref())
    }
}

#[derive(Debug, Clone, Default, Serialize, Deserialize)]
pub struct EmailAddress {
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub name: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub address: Option<String>,
}

/// A message for `sendMail` (plain text).
#[derive(Debug, Clone, Default, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct MailMessage {
    pub subject: String,
    pub body: ItemBody,
    pub to_recipients: Vec<Recipient>,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub cc_recipients: Vec<Recipient>,
}

#[derive(Debug, Clone, Default, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct ItemBody {
    /// `Text` or `HTML`.
    pub content_type: String,
    pub content: String,
}

#[derive(Debug, Clone, Default, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct Recipient {
    pub email_address: EmailAddress,
}

impl Recipient {
    pub fn to(address: &str) -> Recipient {
        Recipient {
            email_address: EmailAddress {
                name: None,
                address: Some(address.to_string()),
            },
        }
    }
}

/// An entry of `/users/{id}/calendar/calendarPermissions`.
#[derive(Debug, Clone, Default, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct CalendarPermission {
    #[serde(default, deserialize_with = "null_as_default")]
    pub id: String,
    #[serde(default)]
    pub is_removable: Option<bool>,
    #[serde(default)]
    pub is_inside_organization: Option<bool>,
    #[serde(default, deserialize_with = "null_as_default")]
    pub role: String,
    #[serde(default, deserialize_with = "null_as_default")]
    pub allowed_roles: Vec<String>,
    #[serde(default, deserialize_with = "null_as_default")]
    pub email_address: EmailAddress,
}

impl CalendarPermission {
    /// A delegate (as opposed to a sharee) has a role that begins with `delegate`.
    pub fn is_delegate(&self) -> bool {
        self.role.starts_with("delegate")
    }
}

#[derive(Debug, Clone, Default, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct LocaleInfo {
    #[serde(default)]
    pub locale: Option<String>,
    #[serde(default)]
    pub display_name: Option<String>,
}

/// `/users/{id}/mailboxSettings` (the subset `care` reads).
#[derive(Debug, Clone, Default, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct MailboxSettings {
    #[serde(default)]
    pub time_zone: Option<String>,
    #[serde(default)]
    pub language: Option<LocaleInfo>,
    #[serde(default)]
    pub date_format: Option<String>,
    #[serde(default)]
    pub time_format: Option<String>,
    #[serde(default)]
    pub delegate_meeting_message_delivery_options: Option<String>,
}

/// Graph's error envelope.
#[derive(Debug, Clone, Default, Serialize, Deserialize)]
pub struct ErrorEnvelope {
    pub error: ErrorBody,
}

#[derive(Debug, Clone, Default, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct ErrorBody {
    #[serde(default, deserialize_with = "null_as_default")]
    pub code: String,
    #[serde(default, deserialize_with = "null_as_default")]
    pub message: String,
    #[serde(default, alias = "innererror", skip_serializing_if = "Option::is_none")]
    pub inner_error: Option<InnerError>,
}

#[derive(Debug, Clone, Default, Serialize, Deserialize)]
pub struct InnerError {
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub code: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub message: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub date: Option<String>,
    #[serde(
        rename = "request-id",
        default,
        skip_serializing_if = "Option::is_none"
    )]
    pub request_id: Option<String>,
    #[serde(
        rename = "client-request-id",
        default,
        skip_serializing_if = "Option::is_none"
    )]
    pub client_request_id: Option<String>,
}

/// `{"value": …}` wrapper of a single value (for example revokeSignInSessions' `true`).
#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct ValueOf<T> {
    #[serde(
        rename = "@odata.context",
        default,
        skip_serializing_if = "Option::is_none"
    )]
    pub context: Option<String>,
    pub value: T,
}

#[derive(Debug, Clone, Default, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct BatchRequestItem {
    pub id: String,
    pub method: String,
    pub url: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub headers: Option<Map<String, Value>>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub body: Option<Value>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub depends_on: Option<Vec<String>>,
}

#[derive(Debug, Clone, Default, Serialize, Deserialize)]
pub struct BatchRequest {
    pub requests: Vec<BatchRequestItem>,
}

#[derive(Debug, Clone, Default, Serialize, Deserialize)]
pub struct BatchResponseItem {
    pub id: String,
    pub status: u16,
    #[serde(default, deserialize_with = "null_as_default")]
    pub headers: Map<String, Value>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub body: Option<Value>,
}

#[derive(Debug, Clone, Default, Serialize, Deserialize)]
pub struct BatchResponse {
    pub responses: Vec<BatchResponseItem>,
}

/// Success response of the identity platform's token endpoint.
#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct TokenResponse {
    pub token_type: String,
    #[serde(deserialize_with = "seconds")]
    pub expires_in: i64,
    /// How long the token is honoured when the identity platform is down (Entra: the same or
    /// longer than `expires_in`).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub ext_expires_in: Option<i64>,
    pub access_token: Secret,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub refresh_token: Option<Secret>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub scope: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub id_token: Option<Secret>,
    /// `{"uid", "utid"}` base64url, when the client asked with `client_info=1` (MSAL does).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub client_info: Option<String>,
}

/// Error response of the identity platform (token and devicecode endpoints).
#[derive(Debug, Clone, Default, Serialize, Deserialize)]
pub struct OAuthError {
    pub error: String,
    #[serde(default, deserialize_with = "null_as_default")]
    pub error_description: String,
    #[serde(default, deserialize_with = "null_as_default")]
    pub error_codes: Vec<i64>,
    #[serde(default)]
    pub timestamp: Option<String>,
    #[serde(default)]
    pub trace_id: Option<String>,
    #[serde(default)]
    pub correlation_id: Option<String>,
}

/// Response of `/{tenant}/oauth2/v2.0/devicecode`.
#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct DeviceCodeResponse {
    pub device_code: Secret,
    pub user_code: String,
    pub verification_uri: String,
    #[serde(deserialize_with = "seconds")]
    pub expires_in: i64,
    #[serde(deserialize_with = "seconds")]
    pub interval: i64,
    pub message: String,
}

/// `N/SECS`: at most N requests per SECS seconds.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Rate {
    pub count: u32,
    pub per: std::time::Duration,
}

impl std::str::FromStr for Rate {
    type Err = String;
    fn from_str(s: &str) -> Result<Self, String> {
        let bad = || {
            format!(
                "'{s}' is not a rate: use N/SECS, for example 100/10 (100 requests per 10 seconds)"
            )
        };
        let (n, secs) = s.split_once('/').ok_or_else(bad)?;
        let count: u32 = n.trim().parse().map_err(|_| bad())?;
        let secs: f64 = secs
            .trim()
            .trim_end_matches('s')
            .parse()
            .map_err(|_| bad())?;
        if count == 0 || !secs.is_finite() || secs <= 0.0 || secs > 86_400.0 {
            return Err(bad());
        }
        Ok(Rate {
            count,
            per: std::time::Duration::from_secs_f64(secs),
        })
    }
}

/// Entra's built-in directory roles that matter to a help desk, with their role template ids
/// (the `wids` claim of a delegated token carries these ids).
pub const DIRECTORY_ROLES: &[(&str, &str)] = &[
    (
        "Global Administrator",
        "62e90394-69f5-4237-9190-012177145e10",
    ),
    (
        "Privileged Authentication Administrator",
        "7be44c8a-adaf-4e2a-84d6-ab2649e08a13",
    ),
    (
        "Authentication Administrator",
        "c4e39bd9-1100-46d3-8c65-fb160da0071f",
    ),
    (
        "Authentication Policy Administrator",
        "0526716b-113d-4c15-b2c8-68e3c22b9f80",
    ),
    (
        "Helpdesk Administrator",
        "729827e3-9c14-49f7-bb1b-9608f156bbb8",
    ),
    (
        "Password Administrator",
        "966707d0-3269-4727-9be2-8c3a10f19b9d",
    ),
    ("User Administrator", "fe930be7-5e62-47db-91af-98c3a49a38b1"),
    (
        "Privileged Role Administrator",
        "e8611ab8-c189-46e8-94e1-60213ab1f814",
    ),
    (
        "Exchange Administrator",
        "29232cdf-9323-42fd-ade2-1d097af3e4de",
    ),
    (
        "Exchange Recipient Administrator",
        "31392ffb-586c-42d1-9346-e59415a2cc4e",
    ),
    ("Global Reader", "f2ef992c-3afb-46b9-b7cf-a126ee74c451"),
    ("Reports Reader", "4a5d8f65-41da-4de4-8968-e035b65339cf"),
    ("Security Reader", "5d6b6bb7-de71-4623-b4af-96380a352509"),
    ("Security Operator", "5f2222b1-57c3-48ba-8ad5-d4759f1fde6f"),
    (
        "Security Administrator",
        "194ae4cb-b126-40b2-bd5b-6091b380977d",
    ),
    ("Directory Readers", "88d8e3e3-8f55-4a1e-953a-9b9898b8876b"),
    ("Guest Inviter", "95e79109-95c0-4d8e-aee3-d01accf2d47b"),
    (
        "Message Center Reader",
        "790c1fb9-7f7d-4f88-86a1-ef1f95c05c1b",
    ),
    (
        "Groups Administrator",
        "fdd7a751-b60b-444a-984c-02652fe8fa1c",
    ),
];

/// The template id of a built-in directory role, by its display name.
pub fn directory_role_id(name: &str) -> Option<&'static str> {
    DIRECTORY_ROLES
        .iter()
        .find(|(n, _)| n.eq_ignore_ascii_case(name))
        .map(|(_, id)| *id)
}

/// The display name of a built-in directory role, by its template id.
pub fn directory_role_name(id: &str) -> Option<&'static str> {
    DIRECTORY_ROLES
        .iter()
        .find(|(_, i)| i.eq_ignore_ascii_case(id))
        .map(|(n, _)| *n)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn auth_method_round_trips_known_and_unknown_types() {
        let json = r##"[
          {"@odata.type":"#microsoft.graph.phoneAuthenticationMethod","id":"3179e48a-750b-4051-897c-87b9720928f7",
           "phoneNumber":"+1 2065555555","phoneType":"mobile","smsSignInState":"notAllowedByPolicy"},
          {"@odata.type":"#microsoft.graph.hardwareOathAuthenticationMethod","id":"h1","serialNumber":"123"}
        ]"##;
        let methods: Vec<AuthMethod> = serde_json::from_str(json).unwrap();
        assert!(matches!(&methods[0], AuthMethod::Phone(p) if p.phone_type == PhoneType::Mobile));
        match &methods[1] {
            AuthMethod::Other {
                odata_type,
                id,
                raw,
            } => {
                assert_eq!(
                    odata_type,
                    "#microsoft.graph.hardwareOathAuthenticationMethod"
                );
                assert_eq!(id, "h1");
                assert_eq!(raw["serialNumber"], "123");
            }
            other => panic!("expected Other, got {other:?}"),
        }
        let back = serde_json::to_value(&methods).unwrap();
        assert_eq!(
            back[0]["@odata.type"],
            "#microsoft.graph.phoneAuthenticationMethod"
        );
        assert_eq!(back[1]["serialNumber"], "123");
    }

    #[test]
    fn unknown_phone_type_is_tolerated() {
        let p: PhoneMethod = serde_json::from_str(
            r#"{"id":"x","phoneNumber":"+1 5555551234","phoneType":"satellite"}"#,
        )
        .unwrap();
        assert_eq!(p.phone_type, PhoneType::Unknown);
    }

    #[test]
    fn null_arrays_and_objects_read_as_empty() {
        let page: Collection<User> = serde_json::from_str(r#"{"value":null}"#).unwrap();
        assert!(page.value.is_empty());
        let u: User = serde_json::from_str(
            r#"{"id":"u1","businessPhones":null,"otherMails":null,"displayName":null}"#,
        )
        .unwrap();
        assert!(u.business_phones.is_empty() && u.other_mails.is_empty());
        let r: UserRegistrationDetails = serde_json::from_str(
            r#"{"id":"u1","methodsRegistered":null,"systemPreferredAuthenticationMethods":null}"#,
        )
        .unwrap();
        assert!(r.methods_registered.is_empty());
        assert!(r.system_preferred_authentication_methods.is_empty());
        let s: SignIn = serde_json::from_str(
            r#"{"id":"s1","createdDateTime":null,"riskEventTypes":null,"status":null,
                "deviceDetail":null,"location":null,"appliedConditionalAccessPolicies":null}"#,
        )
        .unwrap();
        assert!(s.risk_event_types.is_empty() && s.applied_conditional_access_policies.is_empty());
        assert_eq!(s.status.error_code, 0);
        let a: DirectoryAudit = serde_json::from_str(
            r#"{"id":"a1","targetResources":null,"initiatedBy":null,"result":null}"#,
        )
        .unwrap();
        assert!(a.target_resources.is_empty());
        let c: CalendarPermission =
            serde_json::from_str(r#"{"id":"c1","allowedRoles":null,"emailAddress":null}"#).unwrap();
        assert!(c.allowed_roles.is_empty());
        let f: Fido2Method =
            serde_json::from_str(r#"{"id":"f1","attestationCertificates":null}"#).unwrap();
        assert!(f.attestation_certificates.is_empty());
        let e: OAuthError =
            serde_json::from_str(r#"{"error":"invalid_grant","error_codes":null}"#).unwrap();
        assert!(e.error_codes.is_empty());
        let env: ErrorEnvelope =
            serde_json::from_str(r#"{"error":{"code":"x","message":null}}"#).unwrap();
        assert_eq!(env.error.message, "");
    }

    #[test]
    fn tap_policy_targets_are_optional_and_default_to_all_users() {
        let full = r##"{"@odata.type":"#microsoft.graph.temporaryAccessPassAuthenticationMethodConfiguration",
            "id":"TemporaryAccessPass","state":"enabled","defaultLifetimeInMinutes":60,"defaultLength":8,
            "minimumLifetimeInMinutes":60,"maximumLifetimeInMinutes":480,"isUsableOnce":false,
            "includeTargets":[{"targetType":"group","id":"all_users","isRegistrationRequired":false}],
            "excludeTargets":[]}"##;
        let p: TapPolicy = serde_json::from_str(full).unwrap();
        assert_eq!(p.include_targets, vec![PolicyTarget::all_users()]);
        assert_eq!(
            serde_json::to_value(TapPolicy::default()).unwrap()["includeTargets"],
            serde_json::json!([{"targetType":"group","id":"all_users","isRegistrationRequired":false}])
        );
        let bare: TapPolicy = serde_json::from_str(
            r#"{"state":"enabled","defaultLifetimeInMinutes":60,"defaultLength":8,
                "minimumLifetimeInMinutes":60,"maximumLifetimeInMinutes":480,"isUsableOnce":false,
                "excludeTargets":null}"#,
        )
        .unwrap();
        assert!(bare.include_targets.is_empty() && bare.exclude_targets.is_empty());
    }

    #[test]
    fn unknown_enum_values_are_tolerated() {
        let page: Collection<AuthMethod> = serde_json::from_str(
            r##"{"value":[
              {"@odata.type":"#microsoft.graph.phoneAuthenticationMethod","id":"p1",
               "phoneNumber":"+1 5555551234","phoneType":"satellite","smsSignInState":"someFutureState"},
              {"@odata.type":"#microsoft.graph.phoneAuthenticationMethod","id":"p2",
               "phoneNumber":"+1 5555551235","phoneType":null,"smsSignInState":"unknownFutureValue"},
              {"@odata.type":"#microsoft.graph.qrCodePinAuthenticationMethod","id":"q1"}
            ]}"##,
        )
        .unwrap();
        match &page.value[0] {
            AuthMethod::Phone(p) => {
                assert_eq!(p.phone_type, PhoneType::Unknown);
                assert_eq!(p.sms_sign_in_state.as_deref(), Some("someFutureState"));
            }
            other => panic!("expected a phone, got {other:?}"),
        }
        assert!(
            matches!(&page.value[1], AuthMethod::Phone(p) if p.phone_type == PhoneType::Unknown)
        );
        assert!(
            matches!(&page.value[2], AuthMethod::Other { odata_type, .. } if odata_type.ends_with("qrCodePinAuthenticationMethod"))
        );
    }

    #[test]
    fn secret_debug_is_redacted() {
        let s = Secret::new("+drkzqAD");
        assert_eq!(format!("{s:?}"), "[redacted]");
        assert_eq!(serde_json::to_string(&s).unwrap(), "\"+drkzqAD\"");
    }
}
