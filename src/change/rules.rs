//! The rules every change is decided by, written once for every path (a single command, the
//! guided call, a bulk row, `care api`): a phone number as it must be for its type, lines that
//! ring a call queue, a second phone that is the first one again, a pass's lifetime against the
//! tenant's policy, which method may go and what becomes the default first, what a reset
//! removes.

use super::{Change, ChangeError, Decided, Door, Subject, Write};
use crate::graph::model::{AuthMethod, MethodKind, PhoneMethod, PhoneType, TapMethod, TapRequest};
use crate::graph::model::{OathMethod, Secret};
use crate::guard::{Action, Refusal};
use crate::ops::OpsError;
use crate::ops::card::{MethodView, pass_expiry};
use crate::ops::phone::{Plan, check_type, normalize, plan};
use crate::ops::policies::QR_TEMPORARY_HOURS;
use crate::ops::{passcode, reset};
use jiff::{SignedDuration, Timestamp};

/// What an agent (or a bulk row) asks for, already checked as input: nothing here needs a
/// request to be refused.
#[derive(Debug, Clone)]
pub enum Ask {
    PassIssue {
        /// Minutes (the tenant policy's default when `None`).
        lifetime: Option<i64>,
        start: Option<Timestamp>,
        one_time: bool,
    },
    PassRevoke,
    PhoneSet {
        /// Graph's `+CC NUMBER[xEXT]`, from [`phone_number`].
        number: String,
        phone_type: PhoneType,
        /// The region national numbers (and the district's shared lines) are read in.
        region: String,
    },
    PhoneRemove {
        phone_type: PhoneType,
    },
    SmsSignIn {
        on: bool,
    },
    MethodRemove {
        /// A method id, or a kind the user has one of.
        method: String,
        new_default: Option<DefaultKind>,
    },
    MethodDefault {
        kind: DefaultKind,
    },
    MethodReset {
        /// Where phone numbers in the report are read (none: Graph's form).
        region: Option<String>,
    },
    SessionRevoke,
    Qr(QrAsk),
    Fob(FobAsk),
    /// A passkey made at the desk for the user, on `key` (care's software key, or a security
    /// key on the USB port), once the change is admitted.
    PasskeyProvision {
        name: String,
        key: std::sync::Arc<dyn crate::ops::passkey::Authenticator>,
    },
}

/// A key fob change, by the serial number printed on the fob.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum FobAsk {
    Assign {
        serial: String,
    },
    /// With the six digits the fob shows now.
    Activate {
        serial: String,
        code: Secret,
    },
    Unassign {
        serial: String,
    },
}

/// The code a fob shows: six digits (checked before any request).
pub fn fob_code(text: &str) -> Result<Secret, OpsError> {
    let code: String = text.chars().filter(|c| !c.is_whitespace()).collect();
    if code.len() == 6 && code.chars().all(|c| c.is_ascii_digit()) {
        Ok(Secret::new(code))
    } else {
        Err(OpsError::Invalid {
            message: "the code on a fob is six digits".into(),
            hint: Some("press the fob's button and type the six digits it shows".into()),
        })
    }
}

/// A QR code + PIN change.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum QrAsk {
    /// A QR code + PIN badge (the policy's lifetime).
    Issue,
    /// A temporary QR code for a forgotten badge, 1 to 12 hours.
    Temporary {
        hours: u32,
    },
    PinReset,
    Remove,
}

impl Ask {
    pub fn action(&self) -> Action {
        match self {
            Ask::PassIssue { .. } => Action::PassIssue,
            Ask::PassRevoke => Action::PassRevoke,
            Ask::PhoneSet { .. } => Action::PhoneSet,
            Ask::PhoneRemove { .. } => Action::PhoneRemove,
            Ask::SmsSignIn { .. } => Action::SmsSignIn,
            Ask::MethodRemove { .. } => Action::MethodRemove,
            Ask::MethodDefault { .. } => Action::MethodDefault,
            Ask::MethodReset { .. } => Action::MethodReset,
            Ask::SessionRevoke => Action::SessionRevoke,
            Ask::Qr(QrAsk::Issue) => Action::QrIssue,
            Ask::Qr(QrAsk::Temporary { .. }) => Action::QrTemporary,
            Ask::Qr(QrAsk::PinReset) => Action::QrPinReset,
            Ask::Qr(QrAsk::Remove) => Action::QrRemove,
            Ask::Fob(FobAsk::Assign { .. }) => Action::FobAssign,
            Ask::Fob(FobAsk::Activate { .. }) => Action::FobActivate,
            Ask::Fob(FobAsk::Unassign { .. }) => Action::FobUnassign,
            Ask::PasskeyProvision { .. } => Action::PasskeyProvision,
        }
    }
}

/// A phone number as a caller says it, checked for the phone it is to be: Graph's
/// `+CC NUMBER[xEXT]` in `region`, an extension only on an office phone. The one check of a
/// number, before any request, for `phone set`, the guided call and every bulk row.
pub fn phone_number(text: &str, phone_type: PhoneType, region: &str) -> Result<String, OpsError> {
    let number = normalize(text, region)?;
    check_type(&number, phone_type)?;
    Ok(number)
}

/// The kind of a phone as people name it (`mobile`, `alternate`, `office`).
pub fn phone_label(t: PhoneType) -> &'static str {
    match t {
        PhoneType::Mobile => "mobile",
        PhoneType::AlternateMobile => "alternate",
        PhoneType::Office => "office",
        PhoneType::Unknown => "other",
    }
}

/// A default MFA method, as Graph's `userPreferredMethodForSecondaryAuthentication` names it.
#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
pub enum DefaultKind {
    /// A notification in Microsoft Authenticator
    Push,
    /// A code from an authenticator app (works without signal)
    Oath,
    /// A text to the mobile phone
    Sms,
    /// A call to the mobile phone
    VoiceMobile,
    /// A call to the alternate mobile phone
    VoiceAlternate,
    /// A call to the office phone
    VoiceOffice,
}

impl DefaultKind {
    pub const ALL: [DefaultKind; 6] = [
        DefaultKind::Push,
        DefaultKind::Oath,
        DefaultKind::Sms,
        DefaultKind::VoiceMobile,
        DefaultKind::VoiceAlternate,
        DefaultKind::VoiceOffice,
    ];

    pub fn graph(self) -> &'static str {
        match self {
            DefaultKind::Push => "push",
            DefaultKind::Oath => "oath",
            DefaultKind::Sms => "sms",
            DefaultKind::VoiceMobile => "voiceMobile",
            DefaultKind::VoiceAlternate => "voiceAlternateMobile",
            DefaultKind::VoiceOffice => "voiceOffice",
        }
    }

    pub fn words(self) -> &'static str {
        match self {
            DefaultKind::Push => "a notification in Microsoft Authenticator",
            DefaultKind::Oath => "a code from an authenticator app",
            DefaultKind::Sms => "a text to the mobile phone",
            DefaultKind::VoiceMobile => "a call to the mobile phone",
            DefaultKind::VoiceAlternate => "a call to the alternate mobile phone",
            DefaultKind::VoiceOffice => "a call to the office phone",
        }
    }

    /// The name `--new-default` takes.
    pub fn flag(self) -> &'static str {
        match self {
            DefaultKind::Push => "push",
            DefaultKind::Oath => "oath",
            DefaultKind::Sms => "sms",
            DefaultKind::VoiceMobile => "voice-mobile",
            DefaultKind::VoiceAlternate => "voice-alternate",
            DefaultKind::VoiceOffice => "voice-office",
        }
    }

    pub fn from_graph(s: &str) -> Option<DefaultKind> {
        DefaultKind::ALL.into_iter().find(|k| k.graph() == s)
    }

    /// The defaults a method can back.
    pub fn backed_by(m: &AuthMethod) -> &'static [DefaultKind] {
        match m {
            AuthMethod::Authenticator(_) => &[DefaultKind::Push, DefaultKind::Oath],
            AuthMethod::SoftwareOath(_) => &[DefaultKind::Oath],
            AuthMethod::Phone(p) => match p.phone_type {
                PhoneType::Mobile => &[DefaultKind::Sms, DefaultKind::VoiceMobile],
                PhoneType::AlternateMobile => &[DefaultKind::VoiceAlternate],
                PhoneType::Office => &[DefaultKind::VoiceOffice],
                PhoneType::Unknown => &[],
            },
            _ => &[],
        }
    }
}

/// The defaults the user's methods (but `except`) can back.
pub fn possible_defaults(methods: &[AuthMethod], except: Option<&str>) -> Vec<DefaultKind> {
    let mut kinds: Vec<DefaultKind> = methods
        .iter()
        .filter(|m| Some(m.id()) != except)
        .flat_map(|m| DefaultKind::backed_by(m).iter().copied())
        .collect();
    kinds.sort_by_key(|k| DefaultKind::ALL.iter().position(|a| a == k));
    kinds.dedup();
    kinds
}

/// Which of the user's methods `wanted` names: an id, or a kind they have exactly one of.
pub fn pick<'a>(methods: &'a [AuthMethod], wanted: &str) -> Result<&'a AuthMethod, ChangeError> {
    let wanted = wanted.trim();
    if let Some(m) = methods.iter().find(|m| m.id().eq_ignore_ascii_case(wanted)) {
        return Ok(m);
    }
    let phone = match wanted {
        "mobile" => Some(PhoneType::Mobile),
        "alternate" | "alternateMobile" => Some(PhoneType::AlternateMobile),
        "office" => Some(PhoneType::Office),
        _ => None,
    };
    let kind = phone
        .map(|_| MethodKind::Phone)
        .or_else(|| MethodKind::from_name(wanted));
    let Some(kind) = kind else {
        return Err(ChangeError::invalid(
            format!("'{wanted}' is neither a method id nor a kind"),
            "use an id from `care method list`, or a kind: phone, mobile, alternate, office, authenticator, oath, passkey, windows-hello, email, tap",
        ));
    };
    let matching: Vec<&AuthMethod> = methods
        .iter()
        .filter(|m| m.kind() == Some(kind))
        .filter(|m| match (phone, m) {
            (Some(t), AuthMethod::Phone(p)) => p.phone_type == t,
            _ => true,
        })
        .collect();
    match matching.as_slice() {
        [] => Err(ChangeError::NotFound {
            message: format!("the user has no {wanted} method"),
            hint: "see what they have with `care method list USER`".into(),
        }),
        [one] => Ok(one),
        many => Err(ChangeError::invalid(
            format!(
                "the user has {} {wanted} methods; say which by id",
                many.len()
            ),
            many.iter()
                .map(|m| format!("{}  {}", m.id(), MethodView::of(m, None).detail))
                .collect::<Vec<_>>()
                .join("\n"),
        )),
    }
}

fn phones(methods: &[AuthMethod]) -> Vec<PhoneMethod> {
    methods
        .iter()
        .filter_map(|m| match m {
            AuthMethod::Phone(p) => Some(p.clone()),
            _ => None,
        })
        .collect()
}

fn passes(methods: &[AuthMethod]) -> Vec<TapMethod> {
    methods
        .iter()
        .filter_map(|m| match m {
            AuthMethod::TemporaryAccessPass(t) => Some(t.clone()),
            _ => None,
        })
        .collect()
}

/// Two Graph numbers are the same line when their digits are (an extension counts).
fn same_line(a: &str, b: &str) -> bool {
    let digits = |s: &str| s.chars().filter(char::is_ascii_digit).collect::<String>();
    !a.is_empty() && digits(a) == digits(b)
}

/// A number that must never be someone's MFA phone: a line that rings a call queue, or a copy
/// of the user's own other phone.
pub(super) fn phone_refusal(
    shared_lines: &[String],
    number: &str,
    others: &[(PhoneType, String)],
    region: &str,
) -> Option<Refusal> {
    for line in shared_lines {
        if normalize(line, region).is_ok_and(|l| same_line(&l, number)) {
            return Some(Refusal {
                reason: format!(
                    "{number} is a shared line ({line}) that rings a call queue; it can never be an MFA phone"
                ),
                hint: "the FAQ: use a personal mobile, a RingCentral number, or a desk phone that can be dialled from outside".into(),
                overridable: false,
                stop: false,
            });
        }
    }
    others
        .iter()
        .find(|(_, n)| same_line(n, number))
        .map(|(kind, _)| Refusal {
            reason: format!(
                "{number} is already the user's {} phone",
                phone_label(*kind)
            ),
            hint:
                "a second phone must be a different number, or it is no help when the first is lost"
                    .into(),
            overridable: false,
            stop: false,
        })
}

/// The user's default MFA method (`None` when it is not set or can't be read).
async fn current_default(
    door: &Door,
    subject: &Subject,
) -> Result<Option<DefaultKind>, ChangeError> {
    match door.sign_in_preferences(&subject.key()).await {
        Ok(p) => Ok(p
            .user_preferred_method_for_secondary_authentication
            .as_deref()
            .and_then(DefaultKind::from_graph)),
        Err(ChangeError::Graph(e)) if matches!(e.status(), Some(400 | 403 | 404)) => Ok(None),
        Err(e) => Err(e),
    }
}

pub(super) async fn decide(
    door: &Door,
    ask: &Ask,
    subject: &Subject,
) -> Result<Decided, ChangeError> {
    let who = subject.who();
    let change = |write: Write, detail: String| {
        Ok(Decided::Change(Box::new(Change {
            action: ask.action(),
            subject: subject.clone(),
            write,
            detail,
            refusal: None,
            notes: vec![],
        })))
    };
    match ask {
        Ask::PassIssue {
            lifetime,
            start,
            one_time,
        } => {
            if let Some(p) = door.tap_policy().await? {
                passcode::check_policy(&p, *lifetime, *one_time)?;
            }
            let before = passes(&door.methods(subject).await?);
            let replacing = before.iter().any(|t| t.is_usable == Some(true));
            let kind = if *one_time { "one-time" } else { "multi-use" };
            let length = lifetime
                .map(|m| format!(" for {m} minutes"))
                .unwrap_or_default();
            change(
                Write::PassIssue {
                    request: TapRequest {
                        start_date_time: start.map(|s| s.to_string()),
                        lifetime_in_minutes: *lifetime,
                        is_usable_once: Some(*one_time),
                    },
                    before,
                },
                format!(
                    "issue a {kind} pass{length}{}",
                    if replacing {
                        ", replacing a usable one"
                    } else {
                        ""
                    }
                ),
            )
        }
        Ask::Qr(qr) => decide_qr(door, *qr, ask.action(), subject).await,
        Ask::PasskeyProvision { name, key } => {
            // read now, so a policy that refuses is said before the guard and the key are asked
            let options = door.graph.passkey_creation_options(&subject.key()).await?;
            let had = door.graph.passkeys(&subject.key()).await?;
            let before: Vec<String> = had.iter().map(|p| p.id.clone()).collect();
            let decided = change(
                Write::PasskeyCreate {
                    options: Box::new((options, Timestamp::now())),
                    name: name.clone(),
                    key: key.clone(),
                    before,
                },
                format!("provision a passkey on {} for {who}", key.describe()),
            );
            match decided {
                // another passkey is fine (a key and a phone), but the agent should know
                Ok(Decided::Change(mut c)) if !had.is_empty() => {
                    c.notes.push(format!(
                        "they have {} already: {}",
                        crate::output::counted(had.len() as u64, "passkey"),
                        had.iter()
                            .map(|p| p.model.as_deref().unwrap_or("unknown model"))
                            .collect::<Vec<_>>()
                            .join(", ")
                    ));
                    Ok(Decided::Change(c))
                }
                other => other,
            }
        }
        Ask::Fob(FobAsk::Unassign { serial }) => {
            fob_unassign(door, serial, ask.action(), subject).await
        }
        Ask::Fob(FobAsk::Assign { serial }) => {
            fob_give(door, serial, None, ask.action(), subject).await
        }
        Ask::Fob(FobAsk::Activate { serial, code }) => {
            fob_give(door, serial, Some(code), ask.action(), subject).await
        }
        Ask::PassRevoke => {
            let passes = door.graph.passes(&subject.key()).await?;
            if passes.is_empty() {
                return Ok(Decided::Already(format!(
                    "{who} has no Temporary Access Pass; nothing to revoke"
                )));
            }
            change(
                Write::PassRevoke {
                    passes: passes.into_iter().map(|p| p.id).collect(),
                },
                "revoke the pass".into(),
            )
        }
        Ask::PhoneSet {
            number,
            phone_type,
            region,
        } => {
            let phones = phones(&door.methods(subject).await?);
            let kind = phone_label(*phone_type);
            let others: Vec<(PhoneType, String)> = phones
                .iter()
                .filter(|p| p.phone_type != *phone_type)
                .map(|p| (p.phone_type, p.phone_number.clone()))
                .collect();
            let refusal = phone_refusal(&door.guard.policy.shared_lines(), number, &others, region);
            let plan = plan(&phones, *phone_type, number);
            match &plan {
                Plan::AlreadySet if refusal.is_none() => {
                    return Ok(Decided::Already(format!(
                        "{who}'s {kind} phone is already {number}; nothing to change"
                    )));
                }
                Plan::Add
                    if *phone_type == PhoneType::AlternateMobile
                        && !phones.iter().any(|p| p.phone_type == PhoneType::Mobile) =>
                {
                    return Err(ChangeError::invalid(
                        format!("{who} has no mobile phone, and an alternate needs one"),
                        "set the mobile first: care phone set USER NUMBER",
                    ));
                }
                _ => {}
            }
            // a number many people have on file rings whoever answers: a shared line
            let (refusal, notes) = match refusal {
                Some(r) => (Some(r), vec![]),
                None => shared_by_many(door, number, subject).await,
            };
            let mut decided = change(
                Write::PhoneSet {
                    plan,
                    phone_type: *phone_type,
                    number: number.clone(),
                },
                format!("set the {kind} phone to {number}"),
            )?;
            if let Decided::Change(c) = &mut decided {
                c.refusal = refusal;
                c.notes = notes;
            }
            Ok(decided)
        }
        Ask::PhoneRemove { phone_type } => {
            let methods = door.methods(subject).await?;
            if let Some(m) = methods
                .iter()
                .find(|m| matches!(m, AuthMethod::Phone(p) if p.phone_type == *phone_type))
            {
                mobile_stays_with_an_alternate(&methods, m, &who)?;
            }
            let phones = phones(&methods);
            let kind = phone_label(*phone_type);
            let Some(phone) = phones.iter().find(|p| p.phone_type == *phone_type) else {
                return Err(ChangeError::NotFound {
                    message: format!("{who} has no {kind} phone"),
                    hint: "see their phones with `care phone list USER`".into(),
                });
            };
            change(
                Write::PhoneRemove {
                    phone_type: *phone_type,
                },
                format!("remove the {kind} phone {}", phone.phone_number),
            )
        }
        Ask::SmsSignIn { on } => change(
            Write::SmsSignIn { on: *on },
            format!("turn SMS sign-in {}", if *on { "on" } else { "off" }),
        ),
        Ask::MethodRemove {
            method,
            new_default,
        } => {
            let methods = door.methods(subject).await?;
            let method = pick(&methods, method)?;
            let view = MethodView::of(method, None);
            let Some(kind) = method.kind().filter(|k| *k != MethodKind::Password) else {
                return Err(ChangeError::invalid(
                    format!("care can't remove a {} method", view.kind),
                    "the password is reset elsewhere; unknown kinds are removed in the Entra portal",
                ));
            };
            mobile_stays_with_an_alternate(&methods, method, &who)?;
            // Graph refuses to remove the default method while others remain: move it first
            let others = possible_defaults(&methods, Some(method.id()));
            let new_default = match current_default(door, subject).await? {
                Some(d) if DefaultKind::backed_by(method).contains(&d) && !others.is_empty() => {
                    match new_default {
                        Some(k) if others.contains(k) => Some(*k),
                        Some(k) => {
                            return Err(ChangeError::invalid(
                                format!(
                                    "{} can't be the default: no method of the user backs it",
                                    k.words()
                                ),
                                format!(
                                    "one of: {}",
                                    others
                                        .iter()
                                        .map(|k| k.flag())
                                        .collect::<Vec<_>>()
                                        .join(", ")
                                ),
                            ));
                        }
                        None => {
                            return Err(ChangeError::Choose {
                                question: format!(
                                    "{} is {who}'s default sign-in method ({}); Graph won't remove it until another method is the default",
                                    view.detail,
                                    d.words()
                                ),
                                options: others,
                            });
                        }
                    }
                }
                _ => None,
            };
            change(
                Write::MethodRemove {
                    kind,
                    id: method.id().to_string(),
                    new_default,
                },
                match new_default {
                    Some(d) => format!(
                        "move the default to {}, then remove {}",
                        d.graph(),
                        view.detail
                    ),
                    None => format!("remove {}", view.detail),
                },
            )
        }
        Ask::MethodDefault { kind } => {
            let methods = door.methods(subject).await?;
            let possible = possible_defaults(&methods, None);
            if !possible.contains(kind) {
                return Err(ChangeError::invalid(
                    format!("{who} has no method for {}", kind.words()),
                    if possible.is_empty() {
                        "they have no MFA method that can be a default: have them register one at https://aka.ms/mfasetup".to_string()
                    } else {
                        format!(
                            "possible: {}",
                            possible
                                .iter()
                                .map(|k| k.words())
                                .collect::<Vec<_>>()
                                .join("; ")
                        )
                    },
                ));
            }
            if current_default(door, subject).await? == Some(*kind) {
                return Ok(Decided::Already(format!(
                    "{who}'s default is already {}; nothing to change",
                    kind.words()
                )));
            }
            change(
                Write::MethodDefault { kind: *kind },
                format!("set the default to {}", kind.graph()),
            )
        }
        Ask::MethodReset { region } => {
            let methods = door.methods(subject).await?;
            let n = reset::plan(&methods).0.len();
            change(
                Write::MethodReset {
                    methods,
                    region: region.clone(),
                },
                format!("reset: remove {n} method(s), then sign out everywhere"),
            )
        }
        Ask::SessionRevoke => change(Write::SessionRevoke, "sign out everywhere".into()),
    }
}

/// Who else has `number` on file in the directory: more than the policy's
/// `shared-line-people` is a shared line, refused with its reach; a few is said before the
/// question (a family phone is legitimate).
async fn shared_by_many(
    door: &Door,
    number: &str,
    subject: &Subject,
) -> (Option<Refusal>, Vec<String>) {
    let Some(reach) = crate::ops::phone::reach(&door.graph, number, &subject.user.id).await else {
        return (None, vec![]);
    };
    let most = door.guard.policy.shared_line_people();
    let number = crate::ops::phone::display(number, &door.region);
    if reach.people > most as usize {
        let refusal = Refusal {
            reason: format!(
                "{number} is a shared line ({}): it can never be an MFA phone",
                reach.describe()
            ),
            hint: "the FAQ: use a personal mobile, a RingCentral number, or a desk phone that can be dialled from outside".into(),
            overridable: false,
            stop: false,
        };
        return (Some(refusal), vec![]);
    }
    let notes = (reach.people > 0)
        .then(|| {
            format!(
                "{number} is {} (directory phone numbers): a shared or main line rings whoever answers; check it with the caller",
                reach.describe()
            )
        })
        .into_iter()
        .collect();
    (None, notes)
}

/// Graph keeps a mobile phone while an alternate mobile is on file: refused before anything is
/// sent (a removal that moves the default first would otherwise move it for nothing).
fn mobile_stays_with_an_alternate(
    methods: &[AuthMethod],
    removing: &AuthMethod,
    who: &str,
) -> Result<(), ChangeError> {
    let is = |m: &AuthMethod, t: PhoneType| matches!(m, AuthMethod::Phone(p) if p.phone_type == t);
    if is(removing, PhoneType::Mobile) && methods.iter().any(|m| is(m, PhoneType::AlternateMobile))
    {
        return Err(ChangeError::invalid(
            format!(
                "{who}'s mobile phone can't be removed while an alternate mobile phone is on file (Graph's rule)"
            ),
            "delete the alternate first (care phone remove USER --type alternate), or change the mobile number with `care phone set` instead",
        ));
    }
    Ok(())
}

/// When a pass the user can still use ends, if they have one (a new pass replaces it).
pub fn usable_pass_ends(before: &[TapMethod]) -> Option<Timestamp> {
    before
        .iter()
        .find(|t| t.is_usable == Some(true))
        .and_then(pass_expiry)
}

/// `2 December 2027` of an RFC 3339 time in the center's time zone (as it is when it can't be
/// read): in words, so the mail that tells the user never takes a date for a phone number to
/// mask, and the day the badge shows.
fn day(t: &str, tz: &jiff::tz::TimeZone) -> String {
    t.parse::<Timestamp>()
        .map(|t| {
            t.to_zoned_datetime(tz.clone())
                .strftime("%-d %B %Y")
                .to_string()
        })
        .unwrap_or_else(|_| t.to_string())
}

/// The QR code + PIN changes: what the tenant's policy allows and what the user has decide them.
async fn decide_qr(
    door: &Door,
    ask: QrAsk,
    action: Action,
    subject: &Subject,
) -> Result<Decided, ChangeError> {
    let who = subject.who();
    let key = subject.key();
    let tz = door.guard.policy.center_now().time_zone().clone();
    let existing = door.graph.qr_method(&key).await?;
    let now = Timestamp::now()
        .round(jiff::Unit::Second)
        .unwrap_or_else(|_| Timestamp::now());
    let change = |write: Write, detail: String| {
        Ok(Decided::Change(Box::new(Change {
            action,
            subject: subject.clone(),
            write,
            detail,
            refusal: None,
            notes: vec![],
        })))
    };
    let none = || ChangeError::NotFound {
        message: format!("{who} has no QR code + PIN method"),
        hint: format!("make one first: care qr issue {}", subject.user.upn()),
    };
    match ask {
        QrAsk::Issue => {
            if let Some(m) = &existing {
                let until = m
                    .standard_qr_code
                    .as_ref()
                    .and_then(|c| c.expire_date_time.as_deref())
                    .map(|t| format!(" (its badge is valid until {})", day(t, &tz)))
                    .unwrap_or_default();
                return Err(ChangeError::invalid(
                    format!("{who} has a QR code + PIN method already{until}"),
                    format!(
                        "a forgotten badge: care qr temp {0} --hours 8; a lost badge: care qr remove {0}, then care qr issue {0}; a forgotten PIN: care qr pin-reset {0}",
                        subject.user.upn()
                    ),
                ));
            }
            // the policy says whether the method is on and how long a badge lives; when it
            // can't be read (no policy permission), Graph's own default and refusals apply
            let policy = door.graph.qr_policy().await.ok();
            if let Some(p) = &policy
                && p.state.as_deref() == Some("disabled")
            {
                return Err(ChangeError::invalid(
                    "QR code + PIN sign-in is off in the tenant's authentication methods policy",
                    "an Authentication Policy Administrator turns it on (Entra admin center: Authentication methods, QR code); `care qr policy` shows it",
                ));
            }
            let days = policy
                .and_then(|p| p.standard_qr_code_lifetime_in_days)
                .unwrap_or(365)
                .clamp(1, 395);
            let expire = now + SignedDuration::from_hours(24 * i64::from(days));
            change(
                Write::QrIssue {
                    start: now.to_string(),
                    expire: expire.to_string(),
                },
                format!(
                    "issue a QR code + PIN badge to {who}, valid until {}",
                    day(&expire.to_string(), &tz)
                ),
            )
        }
        QrAsk::Temporary { hours } => {
            if !QR_TEMPORARY_HOURS.contains(&hours) {
                return Err(ChangeError::invalid(
                    format!("a temporary QR code lives 1 to 12 hours, not {hours}"),
                    "give --hours from 1 to 12 (a shift is 8)",
                ));
            }
            let m = existing.ok_or_else(none)?;
            if let Some(t) = &m.temporary_qr_code
                && let Some(until) = t.expire_date_time.as_deref()
                && until.parse::<Timestamp>().is_ok_and(|u| u > now)
            {
                return Err(ChangeError::invalid(
                    format!("{who} has a temporary QR code already, valid until {until}"),
                    "it is still good for today's sign-ins; Graph makes a new one only once it has expired",
                ));
            }
            let expire = now + SignedDuration::from_hours(i64::from(hours));
            change(
                Write::QrTemporary {
                    start: now.to_string(),
                    expire: expire.to_string(),
                    before: m.temporary_qr_code.map(|t| t.id),
                },
                format!("issue a temporary QR code to {who} for {hours} hours"),
            )
        }
        QrAsk::PinReset => {
            let m = existing.ok_or_else(none)?;
            change(
                Write::QrPinReset {
                    before: m.pin.and_then(|p| p.updated_date_time),
                },
                format!("reset the QR code PIN of {who}"),
            )
        }
        QrAsk::Remove => match existing {
            None => Ok(Decided::Already(format!(
                "{who} has no QR code + PIN method; nothing to remove"
            ))),
            Some(_) => change(
                Write::QrRemove,
                format!("remove the QR code + PIN method of {who} (badge and PIN)"),
            ),
        },
    }
}

/// What a change to `subject` looks like, once decided.
fn decided(action: Action, subject: &Subject, write: Write, detail: String) -> Decided {
    Decided::Change(Box::new(Change {
        action,
        subject: subject.clone(),
        write,
        detail,
        refusal: None,
        notes: vec![],
    }))
}

/// The user's fob with this serial number, if they have it.
async fn held_fob(
    door: &Door,
    subject: &Subject,
    serial: &str,
) -> Result<Option<OathMethod>, ChangeError> {
    Ok(door
        .graph
        .user_fobs(&subject.key())
        .await?
        .into_iter()
        .find(|m| {
            m.device
                .as_ref()
                .is_some_and(|d| d.serial_number.eq_ignore_ascii_case(serial))
        }))
}

/// Taking a key fob back: the user's fobs decide it.
async fn fob_unassign(
    door: &Door,
    serial: &str,
    action: Action,
    subject: &Subject,
) -> Result<Decided, ChangeError> {
    let who = subject.who();
    Ok(match held_fob(door, subject, serial).await? {
        None => Decided::Already(format!(
            "{who} has no key fob {serial}; nothing to take back"
        )),
        Some(m) => decided(
            action,
            subject,
            Write::FobUnassign { method: m.id },
            format!("take the key fob {serial} back from {who}"),
        ),
    })
}

/// Giving a key fob (`code`: and activating it with the code it shows): the inventory (whose
/// the fob is, its state) and the user's fobs decide it.
async fn fob_give(
    door: &Door,
    serial: &str,
    code: Option<&Secret>,
    action: Action,
    subject: &Subject,
) -> Result<Decided, ChangeError> {
    let who = subject.who();
    let held = held_fob(door, subject, serial).await?;
    let Some(device) = door.graph.fob(serial).await? else {
        return Err(ChangeError::NotFound {
            message: format!("no key fob {serial} in the tenant's inventory"),
            hint: "check the serial number on its back; `care fob list` shows the fobs there are"
                .into(),
        });
    };
    let label = format!(
        "{serial}{}",
        device
            .model
            .as_deref()
            .map(|m| format!(" ({m})"))
            .unwrap_or_default()
    );
    if let Some(other) = device
        .assigned_to
        .as_ref()
        .filter(|a| a.id.as_deref() != Some(subject.user.id.as_str()))
    {
        return Err(ChangeError::invalid(
            format!(
                "the key fob {serial} is {}'s",
                other.display_name.as_deref().unwrap_or("someone else")
            ),
            "a fob is one person's: it comes back first (care fob unassign), or give another one",
        ));
    }
    let activated = device.status.as_deref() == Some("activated");
    Ok(match (code, &held) {
        (None, Some(_)) => Decided::Already(format!("{who} has the key fob {serial} already")),
        (None, None) => decided(
            action,
            subject,
            Write::FobAssign { device: device.id },
            format!("assign the key fob {label} to {who}"),
        ),
        (Some(_), Some(_)) if activated => {
            Decided::Already(format!("the key fob {serial} of {who} is active already"))
        }
        (Some(code), held) => decided(
            action,
            subject,
            Write::FobActivate {
                serial: serial.to_string(),
                method: held.as_ref().map(|m| m.id.clone()),
                code: code.clone(),
            },
            format!("activate the key fob {label} for {who}"),
        ),
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_number_is_checked_for_its_phone_the_same_everywhere() {
        assert_eq!(
            phone_number("502-555-0142", PhoneType::Mobile, "US").unwrap(),
            "+1 5025550142"
        );
        assert!(phone_number("+1 502 555 0142 x123", PhoneType::Mobile, "US").is_err());
        assert!(phone_number("+1 502 555 0142 x123", PhoneType::AlternateMobile, "US").is_err());
        assert_eq!(
            phone_number("+1 502 555 0142 x123", PhoneType::Office, "US").unwrap(),
            "+1 5025550142x123"
        );
        assert!(phone_number("call me", PhoneType::Office, "US").is_err());
    }

    #[test]
    fn shared_lines_and_a_second_copy_of_a_phone_are_refused() {
        let lines = vec!["(502) 485-3552".to_string()];
        assert!(
            phone_refusal(&lines, "+1 5024853552", &[], "US")
                .unwrap()
                .reason
                .contains("shared line")
        );
        let others = vec![(PhoneType::Office, "+1 5025550100x12".to_string())];
        assert!(phone_refusal(&lines, "+1 5025550100x12", &others, "US").is_some());
        assert!(phone_refusal(&lines, "+1 5025550100", &others, "US").is_none());
    }
}
