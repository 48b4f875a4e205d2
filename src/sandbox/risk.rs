//! Identity Protection (§16): `riskyUsers` (Entra ID P2) and `riskDetections` (P1 or P2), read
//! only. The seed gives a few people a risk state and a report of fraud; nothing in the sandbox
//! raises risk by itself (UNCONFIRMED how Entra ties a fraud report to a user's risk: the seed
//! follows the documentation's "report suspicious activity" story, a detection and a high risk).

use super::odata::{CmpOp, Op};
use super::policy::{self, Access};
use super::query::{self, Params, Support};
use super::store;
use super::tenant::{ApiError, ApiResult, Base, Caller, Sandbox, json_response, with_context};
use axum::Extension;
use axum::extract::{Path, Query, State};
use axum::http::StatusCode;
use serde_json::Value;
use std::sync::Arc;

use super::store::{RISK_DETECTION, RISKY_USER};

/// DOC: `riskyUsers` filters on the user and the risk; `riskDetections` on the user, the
/// event type, the risk and the time. Other properties are refused (UNCONFIRMED which of them
/// Graph accepts).
fn caps(resource: &'static str) -> impl Fn(&str, Op) -> Support {
    move |prop, op| {
        let eq = matches!(op, Op::Cmp(CmpOp::Eq) | Op::In);
        let ok = match (resource, prop) {
            (_, "riskLevel" | "riskState" | "userPrincipalName" | "userDisplayName") => eq,
            (RISKY_USER, "id" | "riskDetail" | "isDeleted") => eq,
            (RISKY_USER, "riskLastUpdatedDateTime") => matches!(op, Op::Cmp(_)),
            (RISK_DETECTION, "id" | "userId" | "riskEventType" | "activity" | "source") => eq,
            (RISK_DETECTION, "detectedDateTime" | "activityDateTime") => matches!(op, Op::Cmp(_)),
            _ => false,
        };
        if ok { Support::Basic } else { Support::No }
    }
}

fn access(resource: &str) -> Access {
    if resource == RISKY_USER {
        Access::ReadRiskyUsers
    } else {
        Access::ReadRiskDetections
    }
}

fn path(resource: &str) -> &'static str {
    if resource == RISKY_USER {
        "identityProtection/riskyUsers"
    } else {
        "identityProtection/riskDetections"
    }
}

/// Which of the two resources a route serves (`riskyUser` or `riskDetection`).
#[derive(Debug, Clone, Copy)]
pub struct Resource(pub &'static str);

/// `GET /identityProtection/riskyUsers` or `/riskDetections`.
pub async fn list(
    State(sb): State<Arc<Sandbox>>,
    Extension(caller): Extension<Caller>,
    Extension(base): Extension<Base>,
    Extension(Resource(resource)): Extension<Resource>,
    Query(params): Query<Params>,
) -> ApiResult {
    policy::require(&sb, &caller, access(resource), None)?;
    query::refuse(
        &params,
        &["$search", "$expand", "$skip", "$count", "$orderby"],
    )?;
    let filter = query::filter(&params, resource, true, caps(resource))?;
    let page = query::page(&params, 100, 500)?;
    let matched: Vec<Value> = sb
        .store
        .read(|db| store::risk(db, resource))?
        .into_iter()
        .filter(|v| filter.as_ref().is_none_or(|f| f.matches(v)))
        .collect();
    let body = query::paged(
        &base,
        &format!("/{}", path(resource)),
        &params,
        page,
        &matched,
    );
    Ok(json_response(StatusCode::OK, &body))
}

/// One entry, by its id.
pub async fn get(
    State(sb): State<Arc<Sandbox>>,
    Extension(caller): Extension<Caller>,
    Extension(base): Extension<Base>,
    Extension(Resource(resource)): Extension<Resource>,
    Path(id): Path<String>,
) -> ApiResult {
    policy::require(&sb, &caller, access(resource), None)?;
    let found = sb
        .store
        .read(|db| store::risk(db, resource))?
        .into_iter()
        .find(|v| v["id"] == id.as_str())
        .ok_or_else(|| {
            ApiError::new(
                StatusCode::NOT_FOUND,
                "NotFound",
                format!("The {resource} '{id}' was not found."),
            )
        })?;
    let body = with_context(&base, &format!("{}/$entity", path(resource)), found);
    Ok(json_response(StatusCode::OK, &body))
}
