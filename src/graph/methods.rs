//! Authentication methods: the polymorphic list, phones, Temporary Access Passes, deletes, and
//! the TAP policy.

use super::client::{Call, GraphClient, GraphError, Version};
use super::encode::{UserRef, segment};
use super::model::{
    AuthMethod, Fido2Method, MethodKind, PhoneMethod, PhoneRequest, PhoneType, TapMethod,
    TapPolicy, TapRequest,
};
use super::permit::Permit;
use reqwest::Method;

pub fn list_call(user: &UserRef) -> Call {
    Call::get(format!("{}/authentication/methods", user.path()))
}

fn kind_path(user: &UserRef, kind: MethodKind) -> String {
    format!("{}/authentication/{}", user.path(), kind.segment())
}

impl GraphClient {
    pub async fn methods(&self, user: &UserRef) -> Result<Vec<AuthMethod>, GraphError> {
        self.all(&list_call(user), None).await
    }

    pub async fn phones(&self, user: &UserRef) -> Result<Vec<PhoneMethod>, GraphError> {
        self.all(&Call::get(kind_path(user, MethodKind::Phone)), None)
            .await
    }

    /// The phones of many users, in `$batch`es of 20; each user's result on its own.
    pub async fn phones_of(
        &self,
        users: &[UserRef],
    ) -> Result<Vec<Result<Vec<PhoneMethod>, GraphError>>, GraphError> {
        let calls: Vec<Call> = users
            .iter()
            .map(|u| Call::get(kind_path(u, MethodKind::Phone)))
            .collect();
        Ok(self
            .batch(&calls)
            .await?
            .into_iter()
            .map(|r| r.and_then(|r| r.json::<super::model::Collection<PhoneMethod>>()))
            .map(|r| r.map(|c| c.value))
            .collect())
    }

    pub async fn add_phone(
        &self,
        permit: &Permit,
        user: &UserRef,
        number: &str,
        phone_type: PhoneType,
    ) -> Result<PhoneMethod, GraphError> {
        let body = serde_json::to_value(PhoneRequest {
            phone_number: number.into(),
            phone_type,
        })
        .unwrap_or_default();
        self.write(
            &Call::post(kind_path(user, MethodKind::Phone)).body(body),
            permit,
        )
        .await?
        .json()
    }

    pub async fn update_phone(
        &self,
        permit: &Permit,
        user: &UserRef,
        number: &str,
        phone_type: PhoneType,
    ) -> Result<(), GraphError> {
        let body = serde_json::to_value(PhoneRequest {
            phone_number: number.into(),
            phone_type,
        })
        .unwrap_or_default();
        let path = format!(
            "{}/{}",
            kind_path(user, MethodKind::Phone),
            phone_type.method_id()
        );
        self.write(
            &Call::new(Method::PATCH, Version::V1, path).body(body),
            permit,
        )
        .await
        .map(drop)
    }

    /// Turns SMS sign-in on or off for the user's mobile phone.
    pub async fn set_sms_sign_in(
        &self,
        permit: &Permit,
        user: &UserRef,
        on: bool,
    ) -> Result<(), GraphError> {
        let action = if on {
            "enableSmsSignIn"
        } else {
            "disableSmsSignIn"
        };
        let path = format!(
            "{}/{}/{action}",
            kind_path(user, MethodKind::Phone),
            PhoneType::Mobile.method_id()
        );
        self.write(&Call::post(path), permit).await.map(drop)
    }

    /// Deletes one method through its type's collection.
    pub async fn delete_method(
        &self,
        permit: &Permit,
        user: &UserRef,
        kind: MethodKind,
        id: &str,
    ) -> Result<(), GraphError> {
        let path = format!("{}/{}", kind_path(user, kind), segment(id));
        self.write(&Call::new(Method::DELETE, Version::V1, path), permit)
            .await
            .map(drop)
    }

    /// Whether one method is still there (a 404 says it is not).
    pub async fn method_exists(
        &self,
        user: &UserRef,
        kind: MethodKind,
        id: &str,
    ) -> Result<bool, GraphError> {
        let path = format!("{}/{}", kind_path(user, kind), segment(id));
        match self.send(&Call::get(path)).await {
            Ok(_) => Ok(true),
            Err(e) if e.is_not_found() => Ok(false),
            Err(e) => Err(e),
        }
    }

    pub async fn passes(&self, user: &UserRef) -> Result<Vec<TapMethod>, GraphError> {
        self.all(
            &Call::get(kind_path(user, MethodKind::TemporaryAccessPass)),
            None,
        )
        .await
    }

    /// Creates a pass (replacing any other). Not resent blind: the code exists only in this reply.
    pub async fn create_pass(
        &self,
        permit: &Permit,
        user: &UserRef,
        request: &TapRequest,
    ) -> Result<TapMethod, GraphError> {
        let body = serde_json::to_value(request).unwrap_or_default();
        self.write(
            &Call::post(kind_path(user, MethodKind::TemporaryAccessPass)).body(body),
            permit,
        )
        .await?
        .json()
    }

    /// The default MFA method and whether system-preferred MFA overrides it (`/beta` only).
    pub async fn sign_in_preferences(
        &self,
        user: &UserRef,
    ) -> Result<super::model::SignInPreferences, GraphError> {
        self.json(&Call::get(format!("{}/authentication/signInPreferences", user.path())).beta())
            .await
    }

    /// Sets the user's default MFA method (`push`, `oath`, `sms`, `voiceMobile`,
    /// `voiceAlternateMobile`, `voiceOffice`), `/beta` only.
    pub async fn set_default_method(
        &self,
        permit: &Permit,
        user: &UserRef,
        kind: &str,
    ) -> Result<(), GraphError> {
        let body = serde_json::json!({ "userPreferredMethodForSecondaryAuthentication": kind });
        self.write(
            &Call::new(
                Method::PATCH,
                Version::Beta,
                format!("{}/authentication/signInPreferences", user.path()),
            )
            .body(body),
            permit,
        )
        .await
        .map(drop)
    }

    pub async fn tap_policy(&self) -> Result<TapPolicy, GraphError> {
        self.json(&Call::get(TapPolicy::PATH)).await
    }

    /// The user's passkeys (FIDO2 methods).
    pub async fn passkeys(&self, user: &UserRef) -> Result<Vec<Fido2Method>, GraphError> {
        self.all(&Call::get(kind_path(user, MethodKind::Fido2)), None)
            .await
    }

    /// WebAuthn creation options for a passkey made on the user's behalf (a challenge good
    /// for 5 minutes), as Graph writes them.
    pub async fn passkey_creation_options(
        &self,
        user: &UserRef,
    ) -> Result<serde_json::Value, GraphError> {
        self.json(&Call::get(format!(
            "{}/creationOptions",
            kind_path(user, MethodKind::Fido2)
        )))
        .await
    }

    /// Registers a passkey made for the user (`body`: `displayName` and `publicKeyCredential`).
    pub async fn create_passkey(
        &self,
        permit: &Permit,
        user: &UserRef,
        body: &serde_json::Value,
    ) -> Result<Fido2Method, GraphError> {
        self.write(
            &Call::post(kind_path(user, MethodKind::Fido2)).body(body.clone()),
            permit,
        )
        .await?
        .json()
    }

    /// A method configuration of the authentication methods policy as Graph writes it
    /// (`fido2` in v1.0, `hardwareOath` in beta only).
    pub async fn method_configuration(
        &self,
        id: &str,
        beta: bool,
    ) -> Result<serde_json::Value, GraphError> {
        let call = Call::get(format!(
            "/policies/authenticationMethodsPolicy/authenticationMethodConfigurations/{id}"
        ));
        self.json(&if beta { call.beta() } else { call }).await
    }
}
