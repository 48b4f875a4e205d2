//! Telling the user of a change to how they sign in (NIST SP 800-63B-4 asks that a subscriber
//! be notified when an authenticator is bound or removed): a mail to the address the directory
//! has for them, and for a pass or a removed method also to their manager. Never to an address
//! or number given on the call. Each message is a change through the door (intent, one send,
//! outcome); `--no-notify REASON` is recorded instead.

use super::{Answers, Change, ChangeError, Door, Subject, Write, past};
use crate::graph::encode::UserRef;
use crate::graph::mail::Sender;
use crate::graph::model::{ItemBody, MailMessage, Recipient, User};
use crate::guard::Action;

/// Whether the people a change is told to were told.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Told {
    /// Mailed to these addresses.
    Sent(Vec<String>),
    /// Not told, on purpose (`--no-notify REASON`).
    Skipped(String),
    /// Could not be told: no address on file, no mailbox to send from, or Graph refused.
    Failed(String),
}

/// Which changes the user is told of, and whether their manager is told too (a pass, or a
/// method taken away: what an impostor asks for).
fn audience(action: Action) -> Option<bool> {
    match action {
        Action::PassIssue
        | Action::PhoneRemove
        | Action::MethodRemove
        | Action::MethodReset
        | Action::QrIssue
        | Action::QrTemporary
        | Action::QrPinReset
        | Action::QrRemove
        | Action::FobActivate
        | Action::FobUnassign
        | Action::PasskeyProvision => Some(true),
        Action::FobAssign => Some(false),
        Action::PhoneSet
        | Action::SmsSignIn
        | Action::MethodDefault
        | Action::SessionRevoke
        | Action::ApiMethods => Some(false),
        _ => None,
    }
}

/// A phone number in a message as its last four digits: `a number ending in 0142` (the mail
/// may be read by whoever holds the mailbox).
fn is_date(s: &str) -> bool {
    let b = s.as_bytes();
    b.len() == 10
        && b[4] == b'-'
        && b[7] == b'-'
        && b.iter()
            .enumerate()
            .all(|(i, c)| i == 4 || i == 7 || c.is_ascii_digit())
}

pub fn mask_numbers(text: &str) -> String {
    static NUMBER: std::sync::LazyLock<regex::Regex> = std::sync::LazyLock::new(|| {
        regex::Regex::new(r"\+?\(?\d[\d ().\-]{5,}\d(x\d+)?").expect("a valid pattern")
    });
    NUMBER
        .replace_all(text, |c: &regex::Captures| {
            let digits: String = c[0]
                .split('x')
                .next()
                .unwrap_or_default()
                .chars()
                .filter(char::is_ascii_digit)
                .collect();
            // a date (2027-12-03) is not a phone number
            if digits.len() < 7 || is_date(&c[0]) {
                return c[0].to_string();
            }
            format!("a number ending in {}", &digits[digits.len() - 4..])
        })
        .into_owned()
}

/// The message to `to` about `what` was done to `user`'s account (`manager`: to their manager).
fn message(user: &User, what: &str, ticket: Option<&str>, to: &str, manager: bool) -> MailMessage {
    let when = jiff::Timestamp::now()
        .to_zoned_datetime(jiff::tz::TimeZone::system())
        .strftime("%A %B %-d, %Y at %-I:%M %p %Z")
        .to_string();
    let ticket = ticket.map(|t| format!(" (ticket {t})")).unwrap_or_default();
    let line = crate::config::CARE_CENTER_LINE;
    let (subject, opening, warning) = if manager {
        (
            format!("A change to how {} signs in", user.name()),
            format!(
                "On {when} the Customer Care Center made this change to the account of {} ({}), who reports to you{ticket}:",
                user.name(),
                user.upn()
            ),
            format!(
                "If you did not expect it, call the Customer Care Center at {line}: someone else may be trying to get into their account."
            ),
        )
    } else {
        (
            "A change to how you sign in".to_string(),
            format!(
                "On {when} the Customer Care Center made this change to your account {}{ticket}:",
                user.upn()
            ),
            format!(
                "If you did not ask for it, call the Customer Care Center at {line} now: someone else may be trying to get into your account."
            ),
        )
    };
    MailMessage {
        subject,
        body: ItemBody {
            content_type: "Text".into(),
            content: format!(
                "{opening}\n\n    {}\n\n{warning}\n\nThe Customer Care Center sent this with care. Please do not reply.",
                crate::output::capitalised(what)
            ),
        },
        to_recipients: vec![Recipient::to(to)],
        cc_recipients: vec![],
    }
}

impl Door {
    /// The mailbox messages go out from: the agent's own; for care's app, the policy's
    /// `notify-from`.
    pub fn sender(&self) -> Result<Sender, String> {
        if !self.guard.agent.app {
            return Ok(Sender::Me);
        }
        match &self.guard.policy.notify_from {
            Some(from) => UserRef::parse(from)
                .map(Sender::Mailbox)
                .map_err(|e| format!("policy.notify-from: {e}")),
            None => Err("care's app has no mailbox to send from: set policy.notify-from to the Care Center's mailbox (care config set policy.notify-from ADDRESS)".into()),
        }
    }

    /// Sends `message` through the door as `action` for `subject`: intent, one send, outcome.
    pub async fn mail(
        &self,
        action: Action,
        subject: &Subject,
        message: MailMessage,
        detail: String,
        answers: &Answers,
        job: Option<&str>,
    ) -> Result<(), ChangeError> {
        let sender = self.sender().map_err(|why| ChangeError::Invalid {
            message: why,
            hint: "an agent signed in as themselves sends from their own mailbox".into(),
        })?;
        let mail = Change {
            action,
            subject: subject.clone(),
            write: Write::Mail {
                sender,
                message: Box::new(message),
            },
            detail,
            refusal: None,
            notes: vec![],
        };
        self.commit(&mail, answers, job).await.done.map(drop)
    }

    /// Tells the user (and for some changes their manager) of `change`, which succeeded.
    pub(super) async fn tell(
        &self,
        change: &Change,
        answers: &Answers,
        job: Option<&str>,
    ) -> Vec<Told> {
        let Some(manager_too) = audience(change.action) else {
            return vec![];
        };
        let skip = async |result: &str, detail: String| {
            if let Err(e) = self
                .guard
                .record(
                    Action::Notify,
                    &change.subject.facts,
                    answers,
                    job,
                    result,
                    Some(detail),
                    None,
                )
                .await
            {
                tracing::warn!("a notice's record could not be written to the audit log: {e}");
            }
        };
        if let Some(reason) = &answers.no_notify {
            skip("skipped", format!("not told: {reason}")).await;
            return vec![Told::Skipped(reason.clone())];
        }
        let user = &change.subject.user;
        let Some(to) = user.mail.clone().filter(|m| m.contains('@')) else {
            let why = format!("{} has no mail address on file", user.name());
            skip("failed", why.clone()).await;
            return vec![Told::Failed(why)];
        };
        if let Err(why) = self.sender() {
            skip("failed", why.clone()).await;
            return vec![Told::Failed(why)];
        }
        let what = match &change.write {
            // a raw request's path says nothing to the user: what it did, in words
            Write::Api { .. } => match change.action {
                Action::PassIssue => "issued a Temporary Access Pass".to_string(),
                Action::SessionRevoke => "signed you out everywhere".to_string(),
                _ => "changed your sign-in methods".to_string(),
            },
            _ => mask_numbers(&past(&change.detail)),
        };
        let ticket = answers.ticket.as_deref();
        let mut sent = vec![];
        match self
            .mail(
                Action::Notify,
                &change.subject,
                message(user, &what, ticket, &to, false),
                format!("mail {to} that the Care Center {what}"),
                answers,
                job,
            )
            .await
        {
            Ok(()) => sent.push(to),
            Err(e) => return vec![Told::Failed(format!("the mail to {to}: {e}"))],
        }
        let mut told = vec![];
        if manager_too {
            match self.graph.manager(&change.subject.key()).await {
                Ok(Some(m)) => match m.mail.clone().filter(|a| a.contains('@')) {
                    Some(address) => match self
                        .mail(
                            Action::Notify,
                            &change.subject,
                            message(user, &what, ticket, &address, true),
                            format!("mail their manager {address} that the Care Center {what}"),
                            answers,
                            job,
                        )
                        .await
                    {
                        Ok(()) => sent.push(address),
                        Err(e) => told.push(Told::Failed(format!(
                            "the mail to their manager {address}: {e}"
                        ))),
                    },
                    None => told.push(Told::Failed(format!(
                        "their manager {} has no mail address on file",
                        m.name()
                    ))),
                },
                Ok(None) => {}
                Err(e) => told.push(Told::Failed(format!(
                    "their manager could not be read: {e}"
                ))),
            }
        }
        told.insert(0, Told::Sent(sent));
        told
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn numbers_in_a_message_show_their_last_four_digits() {
        assert_eq!(
            mask_numbers("set the mobile phone to +1 5025550142"),
            "set the mobile phone to a number ending in 0142"
        );
        assert_eq!(
            mask_numbers("removed the office phone +1 5024853552x12"),
            "removed the office phone a number ending in 3552"
        );
        assert_eq!(
            mask_numbers("issued a one-time pass for 60 minutes"),
            "issued a one-time pass for 60 minutes"
        );
        assert_eq!(
            mask_numbers("a badge valid until 2027-12-03, call 502-485-0100"),
            "a badge valid until 2027-12-03, call a number ending in 0100"
        );
    }

    #[test]
    fn a_message_says_what_when_and_whom_to_call() {
        let user = User {
            user_principal_name: Some("maria.garcia@district.example".into()),
            display_name: Some("Maria Garcia".into()),
            ..User::default()
        };
        let m = message(
            &user,
            "issued a one-time pass for 60 minutes",
            Some("INC0012345"),
            "maria.garcia@district.example",
            false,
        );
        assert_eq!(m.subject, "A change to how you sign in");
        let body = &m.body.content;
        assert!(
            body.contains("your account maria.garcia@district.example (ticket INC0012345)"),
            "{body}"
        );
        assert!(
            body.contains("    Issued a one-time pass for 60 minutes"),
            "{body}"
        );
        assert!(body.contains(crate::config::CARE_CENTER_LINE), "{body}");
        let m = message(
            &user,
            "removed the mobile phone",
            None,
            "dana.lee@district.example",
            true,
        );
        assert!(m.subject.contains("Maria Garcia"));
        assert!(
            m.body.content.contains("who reports to you:"),
            "{}",
            m.body.content
        );
    }
}
