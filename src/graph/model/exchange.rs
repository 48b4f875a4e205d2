//! Wire types of the Exchange Online Admin API (Preview, `shared/exchange-admin-api.md`):
//! the `CmdletInput` request envelope, folder permissions (`Get-MailboxFolderPermission`) and
//! mailboxes (`Get-Mailbox`, for Send on Behalf). Shared by the client and the sandbox.
//!
//! The response shapes are not documented yet (UNCONFIRMED, §6, §7, §9), so reading is
//! tolerant: `User` may be a display name, an address, `Name <smtp>`, an object id or an object;
//! `AccessRights` and `SharingPermissionFlags` a list, a comma-separated string or null. The
//! sandbox writes the illustrative shapes of §10 and §11.

use serde::{Deserialize, Deserializer, Serialize, Serializer};
use serde_json::{Map, Value, json};

/// `{"CmdletInput":{"CmdletName":…,"Parameters":{…}}}` (§3, DOC).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct CmdletRequest {
    #[serde(rename = "CmdletInput")]
    pub input: CmdletInput,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct CmdletInput {
    #[serde(rename = "CmdletName")]
    pub name: String,
    #[serde(rename = "Parameters", default, skip_serializing_if = "Map::is_empty")]
    pub parameters: Map<String, Value>,
}

/// `{mailbox}:\{folder}`: the `Identity` of a mailbox folder (one backslash on the wire).
pub fn folder_identity(mailbox: &str, folder: &str) -> String {
    format!("{mailbox}:\\{folder}")
}

impl CmdletRequest {
    fn new(name: &str, parameters: Value) -> CmdletRequest {
        CmdletRequest {
            input: CmdletInput {
                name: name.into(),
                parameters: match parameters {
                    Value::Object(m) => m,
                    _ => Map::new(),
                },
            },
        }
    }

    /// `Get-MailboxFolderPermission` on `{mailbox}:\{folder}`, every entry (§10).
    pub fn folder_permissions(mailbox: &str, folder: &str) -> CmdletRequest {
        CmdletRequest::new(
            "Get-MailboxFolderPermission",
            json!({"Identity": folder_identity(mailbox, folder), "ResultSize": "Unlimited"}),
        )
    }

    /// `Get-Mailbox` with Send on Behalf shown with names and addresses (§11; the parameter's
    /// casing is the documented one).
    pub fn mailbox(mailbox: &str) -> CmdletRequest {
        CmdletRequest::new(
            "Get-Mailbox",
            json!({"Identity": mailbox, "IncludeGrantSendOnBehalfTowithDisplayNames": true}),
        )
    }

    /// A parameter, looked up without regard to case.
    pub fn parameter(&self, name: &str) -> Option<&Value> {
        self.input
            .parameters
            .iter()
            .find(|(k, _)| k.eq_ignore_ascii_case(name))
            .map(|(_, v)| v)
    }
}

/// Someone a permission names: any of a display name, an address and an object id.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Principal {
    pub name: Option<String>,
    pub address: Option<String>,
    pub id: Option<String>,
}

fn is_guid(s: &str) -> bool {
    let parts: Vec<&str> = s.split('-').collect();
    parts.len() == 5
        && parts
            .iter()
            .zip([8, 4, 4, 4, 12])
            .all(|(p, n)| p.len() == n && p.chars().all(|c| c.is_ascii_hexdigit()))
}

fn is_address(s: &str) -> bool {
    s.contains('@') && !s.contains(char::is_whitespace)
}

fn nonempty(s: &str) -> Option<String> {
    let s = s.trim();
    (!s.is_empty()).then(|| s.to_string())
}

impl Principal {
    /// A display name, an address, `Name <smtp>` or an object id, told apart by shape.
    pub fn parse(text: &str) -> Principal {
        let text = text.trim();
        if let Some((name, rest)) = text.rsplit_once('<')
            && let Some(address) = rest.strip_suffix('>')
            && is_address(address.trim())
        {
            return Principal {
                name: nonempty(name),
                address: nonempty(address),
                id: None,
            };
        }
        let address = text.strip_prefix("SMTP:").or(text.strip_prefix("smtp:"));
        match address {
            Some(a) if is_address(a) => Principal {
                address: nonempty(a),
                ..Default::default()
            },
            _ if is_address(text) => Principal {
                address: nonempty(text),
                ..Default::default()
            },
            _ if is_guid(text) => Principal {
                id: Some(text.to_ascii_lowercase()),
                ..Default::default()
            },
            _ => Principal {
                name: nonempty(text),
                ..Default::default()
            },
        }
    }

    fn from_value(v: &Value) -> Principal {
        match v {
            Value::String(s) => Principal::parse(s),
            Value::Object(map) => {
                let field = |names: &[&str]| {
                    map.iter()
                        .find(|(k, _)| names.iter().any(|n| k.eq_ignore_ascii_case(n)))
                        .and_then(|(_, v)| v.as_str())
                        .and_then(nonempty)
                };
                let mut p = Principal {
                    name: field(&["DisplayName", "Name"]),
                    address: field(&[
                        "PrimarySmtpAddress",
                        "SmtpAddress",
                        "WindowsLiveID",
                        "UserPrincipalName",
                        "Address",
                    ])
                    .filter(|a| is_address(a)),
                    id: field(&["ExternalDirectoryObjectId", "ObjectId", "Id", "Guid"])
                        .filter(|i| is_guid(i))
                        .map(|i| i.to_ascii_lowercase()),
                };
                // `{"UserType":…,"DisplayName":"Dana <dana@x>"}` and the like
                if p.address.is_none()
                    && let Some(n) = &p.name
                {
                    let inner = Principal::parse(n);
                    if inner.address.is_some() {
                        p.name = inner.name;
                        p.address = inner.address;
                    }
                }
                p
            }
            _ => Principal::default(),
        }
    }

    /// `Default`, `Anonymous`: the entries that stand for everyone, not a person.
    pub fn is_everyone(&self) -> bool {
        self.id.is_none()
            && self.address.is_none()
            && self.name.as_deref().is_some_and(|n| {
                n.eq_ignore_ascii_case("Default") || n.eq_ignore_ascii_case("Anonymous")
            })
    }
}

/// Written as the single string the documentation's examples show: `Name <smtp>`, else the
/// name, the address or the id.
impl Serialize for Principal {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        match (&self.name, &self.address, &self.id) {
            (Some(n), Some(a), _) => s.serialize_str(&format!("{n} <{a}>")),
            (Some(n), None, _) => s.serialize_str(n),
            (None, Some(a), _) => s.serialize_str(a),
            (None, None, Some(i)) => s.serialize_str(i),
            (None, None, None) => s.serialize_none(),
        }
    }
}

impl<'de> Deserialize<'de> for Principal {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        Ok(Principal::from_value(&Value::deserialize(d)?))
    }
}

/// A list of words from a list, a comma-separated string, or null.
fn words<'de, D: Deserializer<'de>>(d: D) -> Result<Vec<String>, D::Error> {
    fn collect(v: &Value, out: &mut Vec<String>) {
        match v {
            Value::String(s) => out.extend(
                s.split(',')
                    .map(str::trim)
                    .filter(|w| !w.is_empty())
                    .map(String::from),
            ),
            Value::Array(items) => items.iter().for_each(|i| collect(i, out)),
            _ => {}
        }
    }
    let mut out = vec![];
    collect(&Value::deserialize(d)?, &mut out);
    Ok(out)
}

/// Principals from a list, one string or null.
fn principals<'de, D: Deserializer<'de>>(d: D) -> Result<Vec<Principal>, D::Error> {
    Ok(match Value::deserialize(d)? {
        Value::Array(items) => items
            .iter()
            .map(Principal::from_value)
            .filter(|p| *p != Principal::default())
            .collect(),
        Value::Null => vec![],
        one => vec![Principal::from_value(&one)]
            .into_iter()
            .filter(|p| *p != Principal::default())
            .collect(),
    })
}

/// A string, or the text of whatever else stands there (an object identity).
fn text<'de, D: Deserializer<'de>>(d: D) -> Result<String, D::Error> {
    Ok(match Value::deserialize(d)? {
        Value::String(s) => s,
        Value::Null => String::new(),
        other => other.to_string(),
    })
}

fn none_if_empty<S: Serializer>(v: &[String], s: S) -> Result<S::Ok, S::Error> {
    if v.is_empty() {
        s.serialize_none()
    } else {
        v.serialize(s)
    }
}

/// One entry of `Get-MailboxFolderPermission` (§6, §10).
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "PascalCase")]
pub struct FolderPermission {
    #[serde(default, deserialize_with = "text", alias = "identity")]
    pub identity: String,
    #[serde(default, deserialize_with = "text", alias = "folderName")]
    pub folder_name: String,
    #[serde(default, alias = "user")]
    pub user: Principal,
    #[serde(default, deserialize_with = "words", alias = "accessRights")]
    pub access_rights: Vec<String>,
    #[serde(
        default,
        deserialize_with = "words",
        serialize_with = "none_if_empty",
        alias = "sharingPermissionFlags"
    )]
    pub sharing_permission_flags: Vec<String>,
}

impl FolderPermission {
    pub fn has_right(&self, right: &str) -> bool {
        self.access_rights
            .iter()
            .any(|r| r.eq_ignore_ascii_case(right))
    }
    pub fn has_flag(&self, flag: &str) -> bool {
        self.sharing_permission_flags
            .iter()
            .any(|f| f.eq_ignore_ascii_case(flag))
    }
    /// Outlook's delegate: `Editor` with the `Delegate` flag (§8).
    pub fn is_delegate(&self) -> bool {
        self.has_flag("Delegate")
    }
    /// Any access at all (`None` is no access).
    pub fn grants_access(&self) -> bool {
        self.access_rights
            .iter()
            .any(|r| !r.eq_ignore_ascii_case("None"))
    }
}

/// The part of a `Get-Mailbox` result that `care` reads (§7, §11).
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "PascalCase")]
pub struct Mailbox {
    #[serde(default, deserialize_with = "text", alias = "identity")]
    pub identity: String,
    #[serde(default, alias = "displayName")]
    pub display_name: Option<String>,
    /// The mailbox's alias and name (each also an `Identity` the cmdlets take).
    #[serde(default, skip_serializing_if = "Option::is_none", alias = "alias")]
    pub alias: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none", alias = "name")]
    pub name: Option<String>,
    /// The Entra object id of the mailbox's user.
    #[serde(
        default,
        skip_serializing_if = "Option::is_none",
        alias = "externalDirectoryObjectId"
    )]
    pub external_directory_object_id: Option<String>,
    #[serde(default, alias = "userPrincipalName")]
    pub user_principal_name: Option<String>,
    #[serde(default, alias = "primarySmtpAddress")]
    pub primary_smtp_address: Option<String>,
    #[serde(default, alias = "recipientTypeDetails")]
    pub recipient_type_details: Option<String>,
    #[serde(
        default,
        deserialize_with = "principals",
        alias = "grantSendOnBehalfTo"
    )]
    pub grant_send_on_behalf_to: Vec<Principal>,
    #[serde(
        default,
        deserialize_with = "principals",
        skip_serializing_if = "Vec::is_empty",
        alias = "grantSendOnBehalfToWithDisplayNames"
    )]
    pub grant_send_on_behalf_to_with_display_names: Vec<Principal>,
}

impl Mailbox {
    /// Everyone with Send on Behalf: the entries with names and addresses when the answer has
    /// them, else the plain list. An id is never borrowed from the plain list for a named entry:
    /// nothing documents that the two lists are in the same order (UNCONFIRMED), and a wrong
    /// pairing would be the strongest match of all, on the wrong person.
    pub fn send_on_behalf(&self) -> Vec<Principal> {
        if self.grant_send_on_behalf_to_with_display_names.is_empty() {
            self.grant_send_on_behalf_to.clone()
        } else {
            self.grant_send_on_behalf_to_with_display_names.clone()
        }
    }
}

/// The useful text of an Admin API error (OBS, §9): `error.details[0].message`, else
/// `error.innererror.internalexception.message`. A 400 without it is taken to mean the API
/// itself is not there (§1).
pub fn cmdlet_error_detail(body: &Value) -> Option<String> {
    let error = body.get("error")?;
    let detail = error
        .get("details")
        .and_then(Value::as_array)
        .and_then(|d| d.first())
        .and_then(|d| d.get("message"))
        .and_then(Value::as_str)
        .or_else(|| {
            error
                .get("innererror")
                .or_else(|| error.get("innerError"))
                .and_then(|i| i.get("internalexception"))
                .and_then(|i| i.get("message"))
                .and_then(Value::as_str)
        })?;
    // `|Microsoft.Exchange…|The text` → `The text`
    let text = detail.rsplit('|').next().unwrap_or(detail).trim();
    nonempty(text)
}

#[cfg(test)]
mod tests {
    use super::super::Collection;
    use super::*;

    /// §10 of the reference, as the documentation's illustrative example shows it.
    const FOLDER_EXAMPLE: &str = r#"{"@odata.context":"https://outlook.office365.com/adminapi/v2.0/0550b473-9fd2-4dbb-a058-a1640b4bf458/$metadata#MailboxFolderPermission",
 "value":[
  {"Identity":"owner@contoso.com:\\Calendar","FolderName":"Calendar","User":"Default",
   "AccessRights":["AvailabilityOnly"],"SharingPermissionFlags":null},
  {"Identity":"owner@contoso.com:\\Calendar","FolderName":"Calendar","User":"Anonymous",
   "AccessRights":["None"],"SharingPermissionFlags":null},
  {"Identity":"owner@contoso.com:\\Calendar","FolderName":"Calendar","User":"Dana Delegate",
   "AccessRights":["Editor"],"SharingPermissionFlags":["Delegate","CanViewPrivateItems"]}]}"#;

    /// §11.
    const MAILBOX_EXAMPLE: &str = r#"{"@odata.context":"https://outlook.office365.com/adminapi/v2.0/0550b473-9fd2-4dbb-a058-a1640b4bf458/$metadata#Mailbox",
 "value":[
  {"Identity":"owner","DisplayName":"Olive Owner","UserPrincipalName":"owner@contoso.com",
   "PrimarySmtpAddress":"owner@contoso.com","RecipientTypeDetails":"UserMailbox",
   "GrantSendOnBehalfTo":["2f1c0b7e-0c55-4a5e-9a55-6b1f2d3c4e5f"],
   "GrantSendOnBehalfToWithDisplayNames":["Dana Delegate <dana@contoso.com>"]}]}"#;

    #[test]
    fn requests_are_the_documented_bodies() {
        let body = serde_json::to_string(&CmdletRequest::folder_permissions(
            "owner@contoso.com",
            "Calendar",
        ))
        .unwrap();
        assert_eq!(
            body,
            r#"{"CmdletInput":{"CmdletName":"Get-MailboxFolderPermission","Parameters":{"Identity":"owner@contoso.com:\\Calendar","ResultSize":"Unlimited"}}}"#
        );
        let body = serde_json::to_string(&CmdletRequest::mailbox("owner@contoso.com")).unwrap();
        assert_eq!(
            body,
            r#"{"CmdletInput":{"CmdletName":"Get-Mailbox","Parameters":{"Identity":"owner@contoso.com","IncludeGrantSendOnBehalfTowithDisplayNames":true}}}"#
        );
        // `Parameters` may be left out (§3)
        let r: CmdletRequest =
            serde_json::from_str(r#"{"CmdletInput":{"CmdletName":"Get-OrganizationConfig"}}"#)
                .unwrap();
        assert!(r.input.parameters.is_empty());
        assert_eq!(
            CmdletRequest::mailbox("a@b").parameter("identity"),
            Some(&json!("a@b"))
        );
    }

    #[test]
    fn the_documented_examples_parse() {
        let c: Collection<FolderPermission> = serde_json::from_str(FOLDER_EXAMPLE).unwrap();
        assert_eq!(c.value.len(), 3);
        assert!(c.value[0].user.is_everyone() && c.value[1].user.is_everyone());
        assert!(!c.value[1].grants_access());
        let dana = &c.value[2];
        assert_eq!(dana.user.name.as_deref(), Some("Dana Delegate"));
        assert_eq!(dana.identity, "owner@contoso.com:\\Calendar");
        assert!(
            dana.is_delegate() && dana.has_flag("CanViewPrivateItems") && dana.has_right("editor")
        );
        let m: Collection<Mailbox> = serde_json::from_str(MAILBOX_EXAMPLE).unwrap();
        let sob = m.value[0].send_on_behalf();
        assert_eq!(
            sob,
            // the plain list's id is not borrowed: nothing says the two lists line up
            vec![Principal {
                name: Some("Dana Delegate".into()),
                address: Some("dana@contoso.com".into()),
                id: None,
            }]
        );
    }

    #[test]
    fn what_the_sandbox_writes_reads_back_as_the_example() {
        let c: Collection<FolderPermission> = serde_json::from_str(FOLDER_EXAMPLE).unwrap();
        let again: Value = serde_json::to_value(&c.value).unwrap();
        let original: Value =
            serde_json::from_str::<Value>(FOLDER_EXAMPLE).unwrap()["value"].clone();
        assert_eq!(again, original);
        let m: Collection<Mailbox> = serde_json::from_str(MAILBOX_EXAMPLE).unwrap();
        let again = serde_json::to_value(&m.value[0]).unwrap();
        let original = serde_json::from_str::<Value>(MAILBOX_EXAMPLE).unwrap()["value"][0].clone();
        for key in [
            "GrantSendOnBehalfTo",
            "GrantSendOnBehalfToWithDisplayNames",
            "DisplayName",
        ] {
            assert_eq!(again[key], original[key], "{key}");
        }
    }

    #[test]
    fn tolerant_variants_parse() {
        let p: FolderPermission = serde_json::from_value(json!({
            "User": {"DisplayName": "Dana Delegate", "PrimarySmtpAddress": "dana@contoso.com",
                     "ExternalDirectoryObjectId": "2F1C0B7E-0C55-4A5E-9A55-6B1F2D3C4E5F"},
            "AccessRights": "Editor, FolderVisible",
            "SharingPermissionFlags": "Delegate,CanViewPrivateItems"
        }))
        .unwrap();
        assert_eq!(p.access_rights, ["Editor", "FolderVisible"]);
        assert_eq!(
            p.sharing_permission_flags,
            ["Delegate", "CanViewPrivateItems"]
        );
        assert_eq!(p.user.address.as_deref(), Some("dana@contoso.com"));
        assert_eq!(
            p.user.id.as_deref(),
            Some("2f1c0b7e-0c55-4a5e-9a55-6b1f2d3c4e5f")
        );
        let p: FolderPermission = serde_json::from_value(json!({
            "user": "dana@contoso.com", "accessRights": null, "SharingPermissionFlags": []
        }))
        .unwrap();
        assert!(p.access_rights.is_empty() && !p.is_delegate() && !p.grants_access());
        assert_eq!(p.user.address.as_deref(), Some("dana@contoso.com"));
        let m: Mailbox = serde_json::from_value(json!({
            "GrantSendOnBehalfTo": "Dana Delegate",
            "GrantSendOnBehalfToWithDisplayNames": null
        }))
        .unwrap();
        assert_eq!(m.send_on_behalf()[0].name.as_deref(), Some("Dana Delegate"));
        let m: Mailbox = serde_json::from_value(json!({"GrantSendOnBehalfTo": null})).unwrap();
        assert!(m.send_on_behalf().is_empty());
        assert_eq!(
            Principal::parse("SMTP:a@b.c").address.as_deref(),
            Some("a@b.c")
        );
        assert_eq!(Principal::parse("  ").name, None);
    }

    #[test]
    fn error_details_are_found_where_they_were_seen() {
        let body = json!({"error":{"code":"BadRequest","message":"Invalid Operation",
            "details":[{"code":"Client","target":"","message":"|Microsoft.Exchange.Management.Tasks.ManagementObjectNotFoundException|The operation couldn't be performed because object 'x@y:\\Kalender' couldn't be found."}],
            "innererror":{"message":"Invalid Operation","type":"T","internalexception":{"message":"inner","type":"T"}}}});
        assert_eq!(
            cmdlet_error_detail(&body).as_deref(),
            Some(
                "The operation couldn't be performed because object 'x@y:\\Kalender' couldn't be found."
            )
        );
        let inner = json!({"error":{"code":"BadRequest","message":"m","innererror":{"internalexception":{"message":"inner text"}}}});
        assert_eq!(cmdlet_error_detail(&inner).as_deref(), Some("inner text"));
        assert_eq!(
            cmdlet_error_detail(&json!({"error":{"code":"BadRequest","message":"Bad"}})),
            None
        );
    }
}
