//! Is someone really a delegate of a mailbox? The whole picture from Graph (calendar
//! permissions, meeting-request delivery) and the Exchange Online Admin API (the calendar's
//! and inbox's folder permissions with their sharing flags, Send on Behalf), fetched at once,
//! and the verdict. Where the Admin API is not there, Graph's view alone, marked partial.

use crate::graph::client::{GraphClient, GraphError};
use crate::graph::encode::UserRef;
use crate::graph::exchange::ExchangeClient;
use crate::graph::model::exchange::{FolderPermission, Mailbox, Principal};
use crate::graph::model::{CalendarPermission, User};
use serde::Serialize;

/// How a person was found in an Exchange answer, strongest first.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Serialize)]
#[serde(rename_all = "camelCase")]
pub enum MatchedBy {
    ObjectId,
    Address,
    /// The last resort: two people may share a name.
    DisplayName,
}

impl MatchedBy {
    pub fn words(self) -> &'static str {
        match self {
            MatchedBy::ObjectId => "object id",
            MatchedBy::Address => "address",
            MatchedBy::DisplayName => "display name (Exchange gave no address or id)",
        }
    }
}

/// How `p` names `who`, if it does.
pub fn match_of(p: &Principal, who: &User) -> Option<MatchedBy> {
    if p.id
        .as_deref()
        .is_some_and(|id| id.eq_ignore_ascii_case(&who.id))
    {
        return Some(MatchedBy::ObjectId);
    }
    let addresses = [who.mail.as_deref(), who.user_principal_name.as_deref()];
    if let Some(a) = &p.address
        && addresses
            .iter()
            .flatten()
            .any(|b| b.eq_ignore_ascii_case(a))
    {
        return Some(MatchedBy::Address);
    }
    // a name is a last resort, only for an entry that names nobody by address or id (an entry
    // with someone else's address is someone else, whatever their name)
    match (&p.name, &who.display_name) {
        (Some(a), Some(b))
            if p.id.is_none() && p.address.is_none() && a.trim().eq_ignore_ascii_case(b.trim()) =>
        {
            Some(MatchedBy::DisplayName)
        }
        _ => None,
    }
}

/// The entry of `items` that names `who` by the strongest match.
pub fn find<'a, T>(
    items: &'a [T],
    principal: impl Fn(&T) -> &Principal,
    who: &User,
) -> Option<(&'a T, MatchedBy)> {
    items
        .iter()
        .filter_map(|i| match_of(principal(i), who).map(|m| (i, m)))
        .min_by_key(|(_, m)| *m)
}

/// The Admin API's part of the answer, or why it is missing.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[serde(rename_all = "camelCase")]
pub enum ExchangeStatus {
    Ok,
    /// No Exchange token configured (`CARE_TOKEN` without `CARE_EXCHANGE_TOKEN`).
    NotConfigured,
    /// The token was refused, or the platform would not issue one.
    NoPermission,
    /// 404, or 400 without a cmdlet error: the Preview is not in this tenant or cloud.
    Unavailable,
    /// 403: the signed-in agent or the app lacks the Exchange role.
    Forbidden,
    /// Anything else (network, 5xx after retries, a cmdlet error).
    Error,
}

/// Why the Admin API did not answer, in words for the agent.
pub fn classify(e: &GraphError) -> (ExchangeStatus, String) {
    use crate::auth::AuthError;
    const PERMISSION: &str = "the app needs the Office 365 Exchange Online permission Exchange.ManageAsAppV2 (app-only) or Exchange.ManageV2 (delegated), with admin consent";
    match e {
        GraphError::Auth(AuthError::Rejected { description, .. }) => (
            ExchangeStatus::NoPermission,
            format!("no token for Exchange Online ({description}); {PERMISSION}"),
        ),
        GraphError::Auth(AuthError::StaticTokenRejected) => (
            ExchangeStatus::NoPermission,
            format!("the Exchange token was refused; {PERMISSION}"),
        ),
        GraphError::Auth(other) => (ExchangeStatus::NoPermission, other.to_string()),
        GraphError::Api(f) if f.status == 401 => (
            ExchangeStatus::NoPermission,
            format!("the Exchange token was refused; {PERMISSION}"),
        ),
        GraphError::Api(f) if f.status == 403 => (
            ExchangeStatus::Forbidden,
            "the Admin API refused (403): the signed-in agent needs the Exchange role Recipient Management (in Entra: Exchange Recipient Administrator), an app the Exchange Administrator role".into(),
        ),
        GraphError::Api(f) if f.status == 404 || (f.status == 400 && f.detail.is_none()) => (
            ExchangeStatus::Unavailable,
            format!(
                "the Exchange Admin API (Preview) is not available in this tenant or cloud (HTTP {})",
                f.status
            ),
        ),
        GraphError::Api(f) => (
            ExchangeStatus::Error,
            // the server's text on one line: a line break must not start a line of care's own
            crate::output::sanitize(&format!(
                "the Admin API answered HTTP {}: {}",
                f.status,
                f.detail.as_deref().unwrap_or(&f.message)
            )),
        ),
        other => (ExchangeStatus::Error, other.to_string()),
    }
}

/// One part of Exchange's answer, or why that call failed (the other parts may have answered).
pub type Part<T> = Result<T, String>;

/// What Exchange says about the owner's mailbox, part by part: one call that fails (a folder
/// that isn't there, a cmdlet error) leaves the parts that answered.
#[derive(Debug, Clone)]
pub struct ExchangeView {
    pub calendar: Part<Vec<FolderPermission>>,
    pub inbox: Part<Vec<FolderPermission>>,
    pub mailbox: Part<Option<Mailbox>>,
}

impl ExchangeView {
    /// The parts that did not answer, named as the agent reads them, with why.
    pub fn missing(&self) -> Vec<(&'static str, &str)> {
        [
            ("calendar", self.calendar.as_ref().err()),
            ("inbox", self.inbox.as_ref().err()),
            ("Send on Behalf", self.mailbox.as_ref().err()),
        ]
        .into_iter()
        .filter_map(|(part, why)| why.map(|w| (part, w.as_str())))
        .collect()
    }
}

/// Everything about one owner's mailbox, from both APIs.
pub struct Picture {
    /// Graph's calendar permissions; an empty list is what a delegated agent sees of someone
    /// else's calendar, so it proves nothing.
    pub graph_calendar: Result<Vec<CalendarPermission>, GraphError>,
    pub delivery: Option<String>,
    pub exchange: Result<ExchangeView, (ExchangeStatus, String)>,
}

impl Picture {
    pub fn exchange_status(&self) -> (ExchangeStatus, Option<&str>) {
        match &self.exchange {
            Ok(_) => (ExchangeStatus::Ok, None),
            Err((s, reason)) => (s.clone(), Some(reason.as_str())),
        }
    }
}

/// A folder's name in the owner's mailbox, as Graph found it by its type (`Calendar` or `Inbox`
/// when Graph could not say: then a failure of the folder's call says why too).
fn folder_name(
    found: Result<Option<String>, GraphError>,
    english: &str,
) -> (String, Option<String>) {
    match found {
        Ok(Some(name)) if !name.trim().is_empty() => (name, None),
        Ok(_) => (english.into(), None),
        Err(e) => {
            let needs = if english == "Inbox" {
                "Mail.ReadBasic.All"
            } else {
                "Calendars.Read"
            };
            (
                english.into(),
                Some(format!(
                    "care asked for '{english}' because Graph did not give the folder's name in the mailbox's language ({}): the app needs {needs}",
                    match &e {
                        GraphError::Api(f) => format!("HTTP {}", f.status),
                        other => other.to_string(),
                    }
                )),
            )
        }
    }
}

/// One call's answer as a part: a failure of the call alone is the part's; one that says the
/// Admin API can't be used at all (no permission or role, not available) is the whole answer's.
fn part<T>(
    answer: Result<T, GraphError>,
    lookup: Option<&str>,
) -> Result<Part<T>, (ExchangeStatus, String)> {
    match answer {
        Ok(v) => Ok(Ok(v)),
        Err(e) => match classify(&e) {
            (ExchangeStatus::Error, why) => Ok(Err(match lookup {
                Some(l) => format!("{why}; {l}"),
                None => why,
            })),
            whole => Err(whole),
        },
    }
}

async fn exchange_view(
    graph: &GraphClient,
    exchange: Result<&ExchangeClient, &str>,
    owner: &User,
) -> Result<ExchangeView, (ExchangeStatus, String)> {
    let client = exchange.map_err(|reason| (ExchangeStatus::NotConfigured, reason.to_string()))?;
    // the calendar and the inbox by their type, whatever the mailbox's language calls them
    let owner_ref = UserRef::of(owner);
    let (calendar_name, inbox_name) = tokio::join!(
        graph.calendar_name(&owner_ref),
        graph.inbox_name(&owner_ref)
    );
    let (calendar_folder, calendar_lookup) = folder_name(calendar_name, "Calendar");
    let (inbox_folder, inbox_lookup) = folder_name(inbox_name, "Inbox");
    let mailbox = owner.upn();
    // one after another: the Admin API publishes no throttling figure, and its reference asks
    // for calls kept serial per tenant (exchange-admin-api.md §9); they still run beside Graph's
    let calendar = part(
        client.folder_permissions(mailbox, &calendar_folder).await,
        calendar_lookup.as_deref(),
    )?;
    let inbox = part(
        client.folder_permissions(mailbox, &inbox_folder).await,
        inbox_lookup.as_deref(),
    )?;
    let record = part(client.mailbox(mailbox).await, None)?;
    let view = ExchangeView {
        calendar,
        inbox,
        mailbox: record,
    };
    // nothing answered: no view at all, as a whole failure
    match (&view.calendar, &view.inbox, &view.mailbox) {
        (Err(why), Err(_), Err(_)) => Err((ExchangeStatus::Error, why.clone())),
        _ => Ok(view),
    }
}

/// Asks Graph and Exchange at once: calendar permissions, meeting-request delivery, the
/// calendar's and inbox's folder permissions and the mailbox's Send on Behalf.
pub async fn picture(
    graph: &GraphClient,
    exchange: Result<&ExchangeClient, &str>,
    owner: &User,
) -> Picture {
    let owner_ref = UserRef::of(owner);
    let (calendar, delivery, exchange) = tokio::join!(
        graph.calendar_permissions(&owner_ref),
        graph.delegate_delivery(&owner_ref),
        exchange_view(graph, exchange, owner),
    );
    Picture {
        graph_calendar: calendar,
        delivery: delivery.ok().flatten(),
        exchange,
    }
}

/// What someone is to the owner's mailbox.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "camelCase")]
pub enum Verdict {
    /// Outlook's delegate: Editor on the calendar with the Delegate flag.
    Delegate,
    /// Some calendar access, but not a delegate.
    Sharee,
    /// No calendar access, but access to the inbox.
    InboxOnly,
    /// Only Send on Behalf.
    SendOnBehalfOnly,
    /// Nothing Exchange shows.
    None,
    /// Graph alone (partial): no calendar entry; inbox and Send on Behalf unknown.
    NoCalendarAccess,
}

/// One person's access, as both APIs show it.
#[derive(Debug, Clone)]
pub struct Access {
    pub verdict: Verdict,
    /// The Exchange calendar entry.
    pub calendar: Option<FolderPermission>,
    /// Graph's calendar entry.
    pub graph_role: Option<String>,
    pub inbox: Option<FolderPermission>,
    /// `None` when unknown (Graph alone).
    pub send_on_behalf: Option<bool>,
    pub matched_by: Option<MatchedBy>,
    pub can_see_private_items: bool,
    /// A delegate without Send on Behalf (Outlook normally grants it).
    pub incomplete: bool,
    /// Graph and Exchange disagree on whether this is a delegate (Exchange's word is taken).
    pub disagreement: bool,
}

/// The graph entry for `who`, by address.
pub fn graph_entry<'a>(
    perms: &'a [CalendarPermission],
    who: &User,
) -> Option<&'a CalendarPermission> {
    let addresses = [who.mail.as_deref(), who.user_principal_name.as_deref()];
    perms.iter().find(|p| {
        p.email_address.address.as_deref().is_some_and(|a| {
            addresses
                .iter()
                .flatten()
                .any(|b| b.eq_ignore_ascii_case(a))
        })
    })
}

/// The verdict about `who` from what was fetched (pure: no requests). Each part of Exchange's
/// answer that is missing is unknown; without Exchange's calendar, Graph's calendar decides.
pub fn access(graph: &[CalendarPermission], exchange: Option<&ExchangeView>, who: &User) -> Access {
    let graph_role = graph_entry(graph, who).map(|p| p.role.clone());
    let graph_delegate = graph_role
        .as_deref()
        .is_some_and(|r| r.starts_with("delegate"));
    let calendar_part = exchange.and_then(|x| x.calendar.as_ref().ok());
    let inbox_part = exchange.and_then(|x| x.inbox.as_ref().ok());
    let record = exchange.and_then(|x| x.mailbox.as_ref().ok());
    let calendar = calendar_part
        .and_then(|c| find(c, |p| &p.user, who))
        .filter(|(p, _)| p.grants_access());
    let inbox = inbox_part
        .and_then(|i| find(i, |p| &p.user, who))
        .filter(|(p, _)| p.grants_access());
    let senders = record
        .and_then(Option::as_ref)
        .map(Mailbox::send_on_behalf)
        .unwrap_or_default();
    let sob = find(&senders, |p| p, who);
    // how the entry the verdict rests on was matched: the calendar's, else the inbox's, else
    // Send on Behalf's
    let matched_by = calendar
        .map(|c| c.1)
        .or(inbox.map(|i| i.1))
        .or(sob.map(|s| s.1));
    let (verdict, is_delegate, private) = match calendar_part {
        Some(_) => {
            let is_delegate = calendar.is_some_and(|(p, _)| p.is_delegate());
            // a "no" only from a part that answered: an unknown inbox or Send on Behalf
            // leaves "no calendar access" (not a delegate), not "nothing"
            let (inbox_known, sob_known) = (inbox_part.is_some(), record.is_some());
            let verdict = match (&calendar, &inbox, &sob) {
                (Some(_), _, _) if is_delegate => Verdict::Delegate,
                (Some(_), _, _) => Verdict::Sharee,
                (None, Some(_), _) => Verdict::InboxOnly,
                (None, None, Some(_)) if inbox_known => Verdict::SendOnBehalfOnly,
                (None, None, None) if inbox_known && sob_known => Verdict::None,
                (None, None, _) => Verdict::NoCalendarAccess,
            };
            let private =
                calendar.is_some_and(|(p, _)| p.is_delegate() && p.has_flag("CanViewPrivateItems"));
            (verdict, is_delegate, private)
        }
        // Graph's calendar: what the other parts add cannot make a delegate
        None => {
            let verdict = match (&graph_role, &inbox, &sob) {
                (Some(_), _, _) if graph_delegate => Verdict::Delegate,
                (Some(_), _, _) => Verdict::Sharee,
                (None, Some(_), _) => Verdict::InboxOnly,
                (None, None, Some(_)) => Verdict::SendOnBehalfOnly,
                (None, None, None) => Verdict::NoCalendarAccess,
            };
            let private = graph_role.as_deref() == Some("delegateWithPrivateEventAccess");
            (verdict, graph_delegate, private)
        }
    };
    // an empty Graph list proves nothing (a delegated agent sees none)
    let disagreement =
        calendar_part.is_some() && !graph.is_empty() && graph_delegate != is_delegate;
    let has_record = record.is_some_and(Option::is_some);
    Access {
        verdict,
        can_see_private_items: private,
        // an empty Get-Mailbox answer says nothing about Send on Behalf: unknown, not "no"
        incomplete: is_delegate && has_record && sob.is_none(),
        calendar: calendar.map(|(p, _)| p.clone()),
        graph_role,
        inbox: inbox.map(|(p, _)| p.clone()),
        send_on_behalf: has_record.then_some(sob.is_some()),
        matched_by,
        disagreement,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::graph::model::EmailAddress;

    fn person(id: &str, name: &str, mail: &str) -> User {
        User {
            id: id.into(),
            display_name: Some(name.into()),
            mail: Some(mail.into()),
            user_principal_name: Some(mail.into()),
            ..Default::default()
        }
    }

    fn perm(user: Principal, rights: &[&str], flags: &[&str]) -> FolderPermission {
        FolderPermission {
            user,
            access_rights: rights.iter().map(|s| s.to_string()).collect(),
            sharing_permission_flags: flags.iter().map(|s| s.to_string()).collect(),
            ..Default::default()
        }
    }

    fn named(n: &str) -> Principal {
        Principal::parse(n)
    }

    fn graph(mail: &str, role: &str) -> CalendarPermission {
        CalendarPermission {
            role: role.into(),
            email_address: EmailAddress {
                name: None,
                address: Some(mail.into()),
            },
            ..Default::default()
        }
    }

    fn sob(ids: &[&str]) -> Option<Mailbox> {
        Some(Mailbox {
            grant_send_on_behalf_to: ids.iter().map(|i| Principal::parse(i)).collect(),
            ..Default::default()
        })
    }

    const DANA: &str = "2f1c0b7e-0c55-4a5e-9a55-6b1f2d3c4e5f";

    #[test]
    fn every_verdict_row() {
        let dana = person(DANA, "Dana Delegate", "dana@contoso.com");
        let view = |cal: Vec<FolderPermission>,
                    inbox: Vec<FolderPermission>,
                    m: Option<Mailbox>| ExchangeView {
            calendar: Ok(cal),
            inbox: Ok(inbox),
            mailbox: Ok(m),
        };
        let everyone = vec![
            perm(named("Default"), &["AvailabilityOnly"], &[]),
            perm(named("Anonymous"), &["None"], &[]),
        ];
        let mut cal = everyone.clone();
        cal.push(perm(
            named("Dana Delegate"),
            &["Editor"],
            &["Delegate", "CanViewPrivateItems"],
        ));
        let a = access(&[], Some(&view(cal.clone(), vec![], sob(&[DANA]))), &dana);
        assert_eq!(a.verdict, Verdict::Delegate);
        assert!(a.can_see_private_items && !a.incomplete && !a.disagreement);
        assert_eq!(a.send_on_behalf, Some(true));
        // the verdict rests on the calendar's entry, which names her only
        assert_eq!(a.matched_by, Some(MatchedBy::DisplayName));
        let a = access(&[], Some(&view(cal, vec![], sob(&[]))), &dana);
        assert!(a.verdict == Verdict::Delegate && a.incomplete);
        assert_eq!(a.matched_by, Some(MatchedBy::DisplayName));
        // Editor without the flag is sharing, not delegation (§8)
        let mut cal = everyone.clone();
        cal.push(perm(named("dana@contoso.com"), &["Editor"], &[]));
        let a = access(&[], Some(&view(cal, vec![], sob(&[DANA]))), &dana);
        assert_eq!(a.verdict, Verdict::Sharee);
        assert_eq!(a.matched_by, Some(MatchedBy::Address));
        let inbox = vec![perm(
            named("Dana Delegate <dana@contoso.com>"),
            &["Reviewer"],
            &[],
        )];
        let a = access(&[], Some(&view(everyone.clone(), inbox, sob(&[]))), &dana);
        assert_eq!(a.verdict, Verdict::InboxOnly);
        assert_eq!(a.matched_by, Some(MatchedBy::Address));
        let a = access(
            &[],
            Some(&view(everyone.clone(), vec![], sob(&[DANA]))),
            &dana,
        );
        assert_eq!(a.verdict, Verdict::SendOnBehalfOnly);
        // an entry of `None` rights is no access
        let none = vec![perm(named("Dana Delegate"), &["None"], &[])];
        let a = access(&[], Some(&view(none.clone(), vec![], sob(&[]))), &dana);
        assert_eq!(a.verdict, Verdict::None);
        assert_eq!(a.send_on_behalf, Some(false));
        // no mailbox record at all: Send on Behalf unknown, and a delegate is not "incomplete"
        let a = access(&[], Some(&view(none, vec![], None)), &dana);
        assert_eq!(a.send_on_behalf, None);
        let mut cal = everyone.clone();
        cal.push(perm(named("Dana Delegate"), &["Editor"], &["Delegate"]));
        let a = access(&[], Some(&view(cal, vec![], None)), &dana);
        assert!(a.verdict == Verdict::Delegate && !a.incomplete);
    }

    #[test]
    fn graph_alone_and_disagreement() {
        let dana = person(DANA, "Dana Delegate", "dana@contoso.com");
        let g = [graph("DANA@contoso.com", "delegateWithPrivateEventAccess")];
        let a = access(&g, None, &dana);
        assert!(a.verdict == Verdict::Delegate && a.can_see_private_items);
        assert_eq!(a.send_on_behalf, None);
        let a = access(&[graph("dana@contoso.com", "read")], None, &dana);
        assert_eq!(a.verdict, Verdict::Sharee);
        assert_eq!(access(&[], None, &dana).verdict, Verdict::NoCalendarAccess);
        // Graph says delegate, Exchange does not: Exchange's word, and the answer says so
        let x = ExchangeView {
            calendar: Ok(vec![perm(named("Dana Delegate"), &["Reviewer"], &[])]),
            inbox: Ok(vec![]),
            mailbox: Ok(None),
        };
        let a = access(&g, Some(&x), &dana);
        assert!(a.verdict == Verdict::Sharee && a.disagreement);
    }

    /// One call that failed leaves the parts that answered: an inbox that did not answer is
    /// unknown, the calendar still decides; a calendar that did not answer leaves Graph's.
    #[test]
    fn a_missing_part_is_unknown_and_the_rest_stands() {
        let dana = person(DANA, "Dana Delegate", "dana@contoso.com");
        let delegate = perm(named("Dana Delegate"), &["Editor"], &["Delegate"]);
        let x = ExchangeView {
            calendar: Ok(vec![delegate]),
            inbox: Err("no folder Inbox".into()),
            mailbox: Ok(None),
        };
        let a = access(&[], Some(&x), &dana);
        assert_eq!(a.verdict, Verdict::Delegate);
        assert!(a.inbox.is_none());
        assert_eq!(x.missing(), vec![("inbox", "no folder Inbox")]);
        // nobody on the calendar, the inbox unknown: not a delegate, and not "nothing"
        let hannah = person(
            "33333333-2222-3333-4444-555555555555",
            "Hannah Price",
            "h@contoso.com",
        );
        assert_eq!(
            access(&[], Some(&x), &hannah).verdict,
            Verdict::NoCalendarAccess
        );
        let x = ExchangeView {
            calendar: Err("no folder Calendar".into()),
            inbox: Ok(vec![perm(named("Dana Delegate"), &["Reviewer"], &[])]),
            mailbox: Ok(None),
        };
        let g = [graph(
            "dana@contoso.com",
            "delegateWithoutPrivateEventAccess",
        )];
        let a = access(&g, Some(&x), &dana);
        assert!(a.verdict == Verdict::Delegate && !a.disagreement);
        assert!(a.inbox.is_some());
    }

    #[test]
    fn the_strongest_match_wins_and_names_are_the_last_resort() {
        let dana = person(DANA, "Dana Delegate", "dana@contoso.com");
        let other = person(
            "11111111-2222-3333-4444-555555555555",
            "Dana Delegate",
            "dana2@contoso.com",
        );
        let entries = vec![
            perm(named("Dana Delegate"), &["Reviewer"], &[]),
            perm(named("dana@contoso.com"), &["Editor"], &["Delegate"]),
        ];
        let (p, m) = find(&entries, |p| &p.user, &dana).unwrap();
        assert_eq!(m, MatchedBy::Address);
        assert!(p.is_delegate());
        // a namesake is matched by name only, and the answer says so
        assert_eq!(
            find(&entries, |p| &p.user, &other).unwrap().1,
            MatchedBy::DisplayName
        );
        assert!(
            find(
                &entries,
                |p| &p.user,
                &person("x", "Someone Else", "s@contoso.com")
            )
            .is_none()
        );
        // an entry with someone else's address is someone else, whatever the name
        let namesake = vec![perm(
            named("Dana Delegate <dana2@contoso.com>"),
            &["Editor"],
            &["Delegate"],
        )];
        assert!(find(&namesake, |p| &p.user, &dana).is_none());
        assert_eq!(
            find(&namesake, |p| &p.user, &other).unwrap().1,
            MatchedBy::Address
        );
    }

    #[test]
    fn errors_are_classified_for_the_fallback() {
        use crate::graph::client::ApiFailure;
        let api = |status: u16, detail: Option<&str>| {
            GraphError::Api(Box::new(ApiFailure {
                status,
                code: "x".into(),
                message: "m".into(),
                request_id: None,
                client_request_id: String::new(),
                request: "POST /adminapi/v2.0/t/Mailbox".into(),
                detail: detail.map(String::from),
                retry_after: None,
            }))
        };
        assert_eq!(classify(&api(404, None)).0, ExchangeStatus::Unavailable);
        assert_eq!(classify(&api(400, None)).0, ExchangeStatus::Unavailable);
        assert_eq!(
            classify(&api(400, Some("folder not found"))).0,
            ExchangeStatus::Error
        );
        assert!(
            classify(&api(400, Some("folder not found")))
                .1
                .contains("folder not found")
        );
        let (s, why) = classify(&api(403, None));
        assert!(s == ExchangeStatus::Forbidden && why.contains("Recipient Management"));
        let (s, why) = classify(&api(401, None));
        assert!(
            s == ExchangeStatus::NoPermission
                && why.contains("Exchange.ManageAsAppV2")
                && why.contains("admin consent")
        );
        assert_eq!(classify(&api(503, None)).0, ExchangeStatus::Error);
    }
}
