//! Reports and logs: the MFA registration report, sign-in logs and directory audits.

use super::client::{Call, GraphClient, GraphError, Version};
use super::encode::literal;
use super::model::{DirectoryAudit, SignIn, UserRegistrationDetails};
use jiff::Timestamp;

const REGISTRATION: &str = "reports/authenticationMethods/userRegistrationDetails";

/// The registration report entry of one user, looked up by UPN (a list filter; the single-entity
/// form is keyed by object id only).
pub fn registration_call(upn_or_id: &str, is_id: bool) -> Call {
    if is_id {
        Call::get(format!(
            "{REGISTRATION}/{}",
            super::encode::segment(upn_or_id)
        ))
    } else {
        Call::get(REGISTRATION).query(
            "$filter",
            format!("userPrincipalName eq {}", literal(upn_or_id)),
        )
    }
}

/// Recent sign-ins of one user, newest first.
pub fn signins_call(version: Version, user_filter: &str, since: Timestamp, top: usize) -> Call {
    let since = since.round(jiff::Unit::Second).unwrap_or(since);
    let mut call = Call::get("auditLogs/signIns")
        .query(
            "$filter",
            format!("{user_filter} and createdDateTime ge {since}"),
        )
        .query("$top", top.clamp(1, 1000).to_string());
    call.version = version;
    call
}

/// `userId eq '…'` or `userPrincipalName eq '…'`.
pub fn signin_user_filter(id: Option<&str>, upn: &str) -> String {
    match id {
        Some(id) => format!("userId eq {}", literal(id)),
        None => format!("userPrincipalName eq {}", literal(upn)),
    }
}

/// The tenant's audit records since `since` that `and` (a filter clause) selects.
fn audits_call(since: Timestamp, and: Option<String>) -> Call {
    let since = since.round(jiff::Unit::Second).unwrap_or(since);
    let time = format!("activityDateTime ge {since}");
    Call::get("auditLogs/directoryAudits").query(
        "$filter",
        match and {
            Some(clause) => format!("{time} and {clause}"),
            None => time,
        },
    )
}

/// The audit records of changes to one user since `since` (by object id, or by UPN).
pub fn audits_of_call(key: &str, is_id: bool, since: Timestamp) -> Call {
    let target = if is_id { "id" } else { "userPrincipalName" };
    audits_call(
        since,
        Some(format!(
            "targetResources/any(t:t/{target} eq {})",
            literal(key)
        )),
    )
}

/// The user's entry in Identity Protection's risky users (an empty page when they never were).
pub fn risky_user_call(key: &str, is_id: bool) -> Call {
    let prop = if is_id { "id" } else { "userPrincipalName" };
    Call::get("identityProtection/riskyUsers")
        .query("$filter", format!("{prop} eq {}", literal(key)))
}

/// The prompts the user reported as suspicious since `since` (Identity Protection's
/// `userReportedSuspiciousActivity` detections).
pub fn suspicious_reports_call(key: &str, is_id: bool, since: Timestamp) -> Call {
    let since = since.round(jiff::Unit::Second).unwrap_or(since);
    let prop = if is_id { "userId" } else { "userPrincipalName" };
    Call::get("identityProtection/riskDetections").query(
        "$filter",
        format!(
            "{prop} eq {} and riskEventType eq 'userReportedSuspiciousActivity' and detectedDateTime ge {since}",
            literal(key)
        ),
    )
}

impl GraphClient {
    /// The tenant's directory audit records since `since`, oldest first.
    pub async fn directory_audits(
        &self,
        since: Timestamp,
    ) -> Result<Vec<DirectoryAudit>, GraphError> {
        let mut all: Vec<DirectoryAudit> = self.all(&audits_call(since, None), None).await?;
        all.sort_by(|a, b| a.activity_date_time.cmp(&b.activity_date_time));
        Ok(all)
    }

    /// The tenant's records of changes to authentication methods since `since`, anyone's.
    pub async fn method_changes_since(
        &self,
        since: Timestamp,
    ) -> Result<Vec<DirectoryAudit>, GraphError> {
        let methods = "loggedByService eq 'Authentication Methods'".to_string();
        self.all(&audits_call(since, Some(methods)), None).await
    }

    /// The directory audit records of changes to the user with object id `user_id` since
    /// `since`, newest first.
    pub async fn directory_audits_of(
        &self,
        user_id: &str,
        since: Timestamp,
    ) -> Result<Vec<DirectoryAudit>, GraphError> {
        let call = audits_of_call(user_id, true, since);
        let mut all: Vec<DirectoryAudit> = self.all(&call, None).await?;
        all.sort_by(|a, b| b.activity_date_time.cmp(&a.activity_date_time));
        Ok(all)
    }

    /// Every entry of the registration report that `filter` selects.
    pub async fn registrations(
        &self,
        filter: Option<&str>,
    ) -> Result<Vec<UserRegistrationDetails>, GraphError> {
        let mut call = Call::get(REGISTRATION);
        if let Some(f) = filter {
            call = call.query("$filter", f);
        }
        self.all(&call, None).await
    }

    /// Sign-ins with the MFA detail that only `/beta` has; v1.0 when `/beta` is refused.
    pub async fn signins(
        &self,
        user_filter: &str,
        since: Timestamp,
        limit: usize,
    ) -> Result<Vec<SignIn>, GraphError> {
        let page = limit.min(1000);
        match self
            .all(
                &signins_call(Version::Beta, user_filter, since, page),
                Some(limit),
            )
            .await
        {
            Err(GraphError::Api(f)) if matches!(f.status, 400 | 404 | 405) => {
                self.all(
                    &signins_call(Version::V1, user_filter, since, page),
                    Some(limit),
                )
                .await
            }
            other => other,
        }
    }
}
