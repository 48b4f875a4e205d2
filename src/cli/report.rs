//! `care report sms-only`: who still relies on SMS/voice, to move to passkeys in time.

use super::ctx::Ctx;
use crate::error::Error;
use crate::graph::model::UserRegistrationDetails;
use crate::ops::card::SMS_VOICE_RETIREMENT;
use clap::{Args, Subcommand};
use serde::Serialize;
use std::collections::HashMap;

#[derive(Debug, Subcommand)]
pub enum ReportCommand {
    /// Users whose only MFA methods are phones (SMS/voice retire on 2027-02-01)
    SmsOnly(SmsOnlyArgs),
}

#[derive(Debug, Args)]
pub struct SmsOnlyArgs {
    /// Only this school or office (the users' officeLocation)
    #[arg(long, value_name = "NAME")]
    pub school: Option<String>,
}

const PHONES: [&str; 3] = ["mobilePhone", "alternateMobilePhone", "officePhone"];
const NOT_MFA: [&str; 2] = ["email", "temporaryAccessPass"];

/// Registered for MFA with phones and nothing stronger.
pub fn phone_only(r: &UserRegistrationDetails) -> bool {
    let m = &r.methods_registered;
    m.iter().any(|x| PHONES.contains(&x.as_str()))
        && m.iter()
            .all(|x| PHONES.contains(&x.as_str()) || NOT_MFA.contains(&x.as_str()))
}

#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
struct Entry {
    user_principal_name: String,
    display_name: String,
    school: String,
    methods_registered: Vec<String>,
}

pub async fn run(ctx: &Ctx, cmd: ReportCommand) -> Result<(), Error> {
    let ReportCommand::SmsOnly(args) = cmd;
    let graph = ctx.graph().await?;
    let (report, staff) = tokio::join!(
        graph.registrations(Some("isMfaRegistered eq true")),
        graph.staff(args.school.as_deref())
    );
    let (report, staff) = (report?, staff?);
    let school_of: HashMap<&str, &str> = staff
        .iter()
        .map(|u| {
            (
                u.id.as_str(),
                u.office_location.as_deref().unwrap_or_default(),
            )
        })
        .collect();
    let mut entries: Vec<Entry> = report
        .iter()
        .filter(|r| phone_only(r))
        .filter_map(|r| {
            let school = school_of.get(r.id.as_str())?;
            Some(Entry {
                user_principal_name: r.user_principal_name.clone().unwrap_or_default(),
                display_name: r.user_display_name.clone().unwrap_or_default(),
                school: school.to_string(),
                methods_registered: r.methods_registered.clone(),
            })
        })
        .collect();
    entries.sort_by(|a, b| (&a.school, &a.display_name).cmp(&(&b.school, &b.display_name)));
    if ctx.out.is_tty() && ctx.out.format() == crate::output::Format::Table {
        ctx.notice(&format!(
            "{} users rely on SMS/voice only; Microsoft-provided SMS and voice MFA retire on {SMS_VOICE_RETIREMENT}",
            entries.len()
        ));
    }
    let rows: Vec<Vec<String>> = entries
        .iter()
        .map(|e| {
            vec![
                e.display_name.clone(),
                e.user_principal_name.clone(),
                e.school.clone(),
                e.methods_registered.join(" "),
            ]
        })
        .collect();
    ctx.emit(
        ctx.out
            .records(&["name", "upn", "school", "methods"], &rows, &entries),
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn phones_and_nothing_stronger() {
        let r = |m: &[&str]| UserRegistrationDetails {
            methods_registered: m.iter().map(|s| s.to_string()).collect(),
            ..Default::default()
        };
        assert!(phone_only(&r(&["mobilePhone"])));
        assert!(phone_only(&r(&["officePhone", "email"])));
        assert!(!phone_only(&r(&[
            "mobilePhone",
            "microsoftAuthenticatorPush"
        ])));
        assert!(!phone_only(&r(&["email"])));
        assert!(!phone_only(&r(&[])));
    }
}
