//! "Require re-register MFA": delete every method but the password, in an order Graph
//! accepts (alternate and office phones first, the default method last), then revoke sessions.

use super::card::MethodView;
use crate::graph::client::GraphError;
use crate::graph::model::{AuthMethod, MethodKind, PhoneType};

#[derive(Debug)]
pub struct ResetReport {
    pub removed: Vec<MethodView>,
    /// Methods Graph refused to delete, with why.
    pub failed: Vec<(MethodView, GraphError)>,
    /// Kinds care cannot delete (unknown to it): left in place.
    pub skipped: Vec<MethodView>,
    /// Not tried because an earlier failure stopped the run.
    pub not_attempted: Vec<MethodView>,
    /// `None` when sessions were not revoked (something was left).
    pub sessions: Option<Result<(), GraphError>>,
}

fn rank(m: &AuthMethod) -> u8 {
    match m {
        AuthMethod::Phone(p) if p.phone_type == PhoneType::Mobile => 2,
        AuthMethod::Phone(_) => 0,
        _ => 1,
    }
}

/// Methods of types the method kinds do not name that care removes all the same: a QR code +
/// PIN (its own resource), a key fob (given back to the inventory).
pub const QR_TYPE: &str = "#microsoft.graph.qrCodePinAuthenticationMethod";
pub const FOB_TYPE: &str = "#microsoft.graph.hardwareOathAuthenticationMethod";

/// The methods to delete, in order, and those care cannot delete.
pub fn plan(methods: &[AuthMethod]) -> (Vec<&AuthMethod>, Vec<&AuthMethod>) {
    let (mut delete, skip): (Vec<&AuthMethod>, Vec<&AuthMethod>) = methods
        .iter()
        .filter(|m| m.kind() != Some(MethodKind::Password))
        .partition(|m| m.kind().is_some() || [QR_TYPE, FOB_TYPE].contains(&m.odata_type()));
    delete.sort_by_key(|m| rank(m));
    (delete, skip)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn mobile_last_password_kept_qr_and_fob_removed_unknown_skipped() {
        let methods: Vec<AuthMethod> = serde_json::from_value(serde_json::json!([
            {"@odata.type":"#microsoft.graph.phoneAuthenticationMethod","id":"3179e48a-750b-4051-897c-87b9720928f7","phoneNumber":"+1 5555551234","phoneType":"mobile"},
            {"@odata.type":"#microsoft.graph.passwordAuthenticationMethod","id":"28c10230-6103-485e-b985-444c60001490"},
            {"@odata.type":"#microsoft.graph.microsoftAuthenticatorAuthenticationMethod","id":"a1"},
            {"@odata.type":"#microsoft.graph.phoneAuthenticationMethod","id":"b6332ec1-7057-4abe-9331-3d72feddfe41","phoneNumber":"+1 5555551235","phoneType":"alternateMobile"},
            {"@odata.type":"#microsoft.graph.hardwareOathAuthenticationMethod","id":"h1"},
            {"@odata.type":"#microsoft.graph.externalAuthenticationMethod","id":"x1"}
        ])).unwrap();
        let (delete, skip) = plan(&methods);
        let ids: Vec<&str> = delete.iter().map(|m| m.id()).collect();
        assert_eq!(
            ids,
            vec![
                "b6332ec1-7057-4abe-9331-3d72feddfe41",
                "a1",
                "h1",
                "3179e48a-750b-4051-897c-87b9720928f7"
            ]
        );
        assert_eq!(skip.len(), 1);
    }
}
