//! The seeded tenant: a school district (`district.example`) with staff across schools, a
//! realistic spread of MFA methods, admin and agent accounts, calendar delegates and sharees,
//! and 14 days of sign-in logs. Everything but the secrets is deterministic from the seed.

use super::store::{self, AppRow, StoredPhone, UserRow, hash_secret};
use crate::graph::model::{
    AuthenticationDetail, AuthenticatorMethod, CalendarPermission, DeviceDetail, EmailAddress,
    EmailMethod, Fido2Method, GeoCoordinates, PASSWORD_METHOD_ID, PasswordMethod, PhoneType,
    SignIn, SignInLocation, SignInStatus, SoftwareOathMethod, TapPolicy, User, WindowsHelloMethod,
};
use jiff::{SignedDuration, Timestamp};
use rand::rngs::StdRng;
use rand::{Rng, RngExt, SeedableRng};
use rusqlite::Connection;
use serde_json::Value;

pub const DOMAIN: &str = "district.example";
pub const DEFAULT_USERS: usize = 2000;
pub const DEFAULT_SEED: u64 = 1;

/// Application permissions of the sandbox app (and what `.default` means for delegated sign-in).
pub const APP_PERMISSIONS: &[&str] = &[
    "User.Read.All",
    "UserAuthenticationMethod.ReadWrite.All",
    "User.RevokeSessions.All",
    "AuditLog.Read.All",
    "Directory.Read.All",
    "Calendars.Read",
    "MailboxSettings.Read",
    "Mail.Send",
    // the default folders' names in the mailbox's language (delegate check)
    "Mail.ReadBasic.All",
    "IdentityRiskyUser.Read.All",
    "IdentityRiskEvent.Read.All",
    "Policy.Read.All",
    "Policy.ReadWrite.AuthenticationMethod",
    // Office 365 Exchange Online: the Admin API, app-only and delegated (admin consent)
    "Exchange.ManageAsAppV2",
    "Exchange.ManageV2",
];

/// The Entra role that holds Exchange's Recipient Management (the Admin API's reads).
const EXCHANGE_RECIPIENT_ADMIN: &str = "Exchange Recipient Administrator";

/// The named demo users: one per FAQ call scenario (listed in the README).
pub mod demo {
    pub const LEFT_PHONE_AT_HOME: &str = "maria.garcia@district.example";
    pub const LOST_PHONE: &str = "sean.o'brien@district.example";
    pub const OFFICE_PHONE_ONLY: &str = "dorothy.nguyen@district.example";
    pub const NO_SIGNAL: &str = "kevin.patel@district.example";
    pub const NO_METHODS: &str = "ashley.kim@district.example";
    pub const PRINCIPAL: &str = "pat.hayes@district.example";
    pub const DELEGATE: &str = "linda.brooks@district.example";
    pub const NOT_DELEGATE: &str = "tom.reed@district.example";
    pub const ADMIN_TARGET: &str = "raj.iyer@district.example";
    pub const DISABLED: &str = "gary.lowe@district.example";
    /// Denied prompts from abroad minutes apart: push fatigue, or an attacker with the password.
    pub const PUSH_FATIGUE: &str = "erin.walsh@district.example";
    pub const GUEST: &str = "vendor.rep_partner.example#EXT#@district.example";
    pub const DOLLAR: &str = "$kiosk.library@district.example";
    pub const UNICODE: &str = "zoe.muller@district.example";
    pub const NO_MAILBOX: &str = "bus.depot@district.example";
    /// A display name with terminal escapes and a bidi override (a bad HR import).
    pub const HOSTILE_NAME: &str = "mallory.import@district.example";
    pub const AGENT_AUTH_ADMIN: &str = "care.auth@district.example";
    pub const AGENT_HELPDESK: &str = "care.helpdesk@district.example";
    pub const AGENT_READER: &str = "care.reader@district.example";
    pub const AGENT_PRIV_AUTH: &str = "care.privauth@district.example";
    /// The Care Center's shared mailbox: the sandbox app's notices go out from it.
    pub const CARE_CENTER_MAILBOX: &str = "carecenter@district.example";
    /// Reported a prompt as fraud this morning (the sign-in, Identity Protection's detection,
    /// a high user risk): a STOP.
    pub const FRAUD_REPORTED: &str = "nina.ross@district.example";
    /// Identity Protection rates the account at high risk (leaked credentials): a STOP.
    pub const RISKY_USER: &str = "omar.haddad@district.example";
    /// An agent added a mobile phone four days ago.
    pub const CHANGED_LATELY: &str = "luis.ortega@district.example";
    /// A Spanish-language mailbox (its calendar is `Calendario`, its inbox `Bandeja de entrada`),
    /// whose delegate is Linda Brooks. (The same person as `CHANGED_LATELY`.)
    pub const SPANISH_MAILBOX: &str = "luis.ortega@district.example";
    /// Called three times this week: passes and a phone change by different agents.
    pub const REPEAT_CALLER: &str = "hannah.price@district.example";
    /// The named people: a week of other calls is seeded around them.
    pub const ALL: &[&str] = &[
        LEFT_PHONE_AT_HOME,
        LOST_PHONE,
        OFFICE_PHONE_ONLY,
        NO_SIGNAL,
        NO_METHODS,
        PRINCIPAL,
        DELEGATE,
        NOT_DELEGATE,
        ADMIN_TARGET,
        DISABLED,
        PUSH_FATIGUE,
        GUEST,
        DOLLAR,
        UNICODE,
        NO_MAILBOX,
        HOSTILE_NAME,
        AGENT_AUTH_ADMIN,
        AGENT_HELPDESK,
        AGENT_READER,
        AGENT_PRIV_AUTH,
        CARE_CENTER_MAILBOX,
        FRAUD_REPORTED,
        RISKY_USER,
        CHANGED_LATELY,
        REPEAT_CALLER,
    ];
    /// Accounts a tenant holds besides its staff: the Care Center's mailbox and the four
    /// people above with red flags.
    pub const BESIDES_STAFF: usize = 5;
    /// Passes of a week at the center the seed writes for other staff.
    pub const WEEK_OF_CALLS: usize = 10;
    /// The audit records of earlier calls the seed writes (the repeat caller's, the one change
    /// made lately, and the week's passes).
    pub const EARLIER_CHANGES: usize = 4 + WEEK_OF_CALLS;
}

const FIRST: &[&str] = &[
    "James",
    "Mary",
    "Robert",
    "Patricia",
    "John",
    "Jennifer",
    "Michael",
    "Linda",
    "David",
    "Elizabeth",
    "William",
    "Barbara",
    "Richard",
    "Susan",
    "Joseph",
    "Jessica",
    "Thomas",
    "Sarah",
    "Charles",
    "Karen",
    "Christopher",
    "Lisa",
    "Daniel",
    "Nancy",
    "Matthew",
    "Betty",
    "Anthony",
    "Margaret",
    "Mark",
    "Sandra",
    "Donald",
    "Ashley",
    "Steven",
    "Kimberly",
    "Paul",
    "Emily",
    "Andrew",
    "Donna",
    "Joshua",
    "Michelle",
    "Kenneth",
    "Carol",
    "Kevin",
    "Amanda",
    "Brian",
    "Melissa",
    "George",
    "Deborah",
    "Timothy",
    "Stephanie",
    "Ronald",
    "Rebecca",
    "Jason",
    "Laura",
    "Edward",
    "Sharon",
    "Jeffrey",
    "Cynthia",
    "Ryan",
    "Kathleen",
    "Jacob",
    "Amy",
    "Gary",
    "Angela",
    "Nicholas",
    "Shirley",
    "Eric",
    "Anna",
    "Jonathan",
    "Brenda",
    "Stephen",
    "Pamela",
    "Larry",
    "Emma",
    "Justin",
    "Nicole",
    "Scott",
    "Helen",
    "Brandon",
    "Samantha",
    "Aaliyah",
    "DeShawn",
    "Mei",
    "Hiroshi",
    "Fatima",
    "Omar",
    "Priya",
    "Arjun",
    "Lucía",
    "José",
    "Nguyen",
    "Anh",
    "Olga",
    "Dmitri",
    "Amara",
    "Kwame",
];

const LAST: &[&str] = &[
    "Smith",
    "Johnson",
    "Williams",
    "Brown",
    "Jones",
    "Garcia",
    "Miller",
    "Davis",
    "Rodriguez",
    "Martinez",
    "Hernandez",
    "Lopez",
    "Gonzalez",
    "Wilson",
    "Anderson",
    "Thomas",
    "Taylor",
    "Moore",
    "Jackson",
    "Martin",
    "Lee",
    "Perez",
    "Thompson",
    "White",
    "Harris",
    "Sanchez",
    "Clark",
    "Ramirez",
    "Lewis",
    "Robinson",
    "Walker",
    "Young",
    "Allen",
    "King",
    "Wright",
    "Scott",
    "Torres",
    "Nguyen",
    "Hill",
    "Flores",
    "Green",
    "Adams",
    "Nelson",
    "Baker",
    "Hall",
    "Rivera",
    "Campbell",
    "Mitchell",
    "Carter",
    "Roberts",
    "O'Connor",
    "D'Angelo",
    "O'Neil",
    "McDonald",
    "Van Buren",
    "Okafor",
    "Tanaka",
    "Kowalski",
    "Haddad",
    "Patel",
    "Chen",
    "Kim",
    "Singh",
    "Müller",
    "Dubois",
    "Rossi",
    "Ivanova",
    "Mensah",
];

const SCHOOLS: &[&str] = &[
    "Cedar Grove Elementary",
    "Maple Hill Elementary",
    "Riverside Elementary",
    "Oak Park Elementary",
    "Willow Creek Elementary",
    "Pine Ridge Elementary",
    "Lakeside Elementary",
    "Sunrise Elementary",
    "Meadowbrook Elementary",
    "Highland Elementary",
    "Brookside Elementary",
    "Fairview Elementary",
    "Hillcrest Elementary",
    "Valley View Elementary",
    "Greenwood Elementary",
    "Eastview Middle",
    "Westside Middle",
    "Northgate Middle",
    "Southpoint Middle",
    "Lincoln Middle",
    "Jefferson Middle",
    "Franklin Middle",
    "Central High",
    "Riverbend High",
    "Summit High",
    "Lakeview High",
    "Heritage High",
    "Polytechnic High",
    "Academy of Arts",
    "Early Learning Center",
    "Career and Technical Center",
    "Central Office",
    "Transportation Depot",
    "Nutrition Services Center",
];

/// A school's or office's main line: it rings the front office, whoever answers (never an MFA
/// phone). `+1 502 485 0100` for the first, then every tenth number.
pub fn main_line(school: &str) -> Option<String> {
    SCHOOLS
        .iter()
        .position(|s| *s == school)
        .map(|i| format!("+1 502 485 {:04}", 100 + i * 10))
}

const DEPARTMENTS: &[(&str, &[&str], u32)] = &[
    (
        "Instruction",
        &[
            "Teacher",
            "Lead Teacher",
            "Instructional Coach",
            "Substitute Teacher",
        ],
        55,
    ),
    (
        "Student Support",
        &[
            "School Counselor",
            "Social Worker",
            "School Psychologist",
            "Nurse",
        ],
        8,
    ),
    (
        "Special Education",
        &[
            "Special Education Teacher",
            "Instructional Assistant",
            "Speech Pathologist",
        ],
        8,
    ),
    (
        "School Administration",
        &[
            "Assistant Principal",
            "Administrative Assistant",
            "Bookkeeper",
            "Attendance Clerk",
        ],
        7,
    ),
    ("Library Media", &["Library Media Specialist"], 2),
    ("Athletics", &["Athletic Director", "Coach"], 2),
    (
        "Food Services",
        &["Cafeteria Manager", "Food Service Assistant"],
        6,
    ),
    (
        "Transportation",
        &["Bus Driver", "Bus Monitor", "Dispatcher"],
        6,
    ),
    ("Facilities", &["Custodian", "Maintenance Technician"], 4),
    (
        "Technology",
        &[
            "Technology Resource Teacher",
            "Field Technician",
            "Systems Analyst",
        ],
        2,
    ),
];

/// Departments whose staff rarely sit at a computer: in the SMS sign-in policy.
const SMS_POLICY_DEPARTMENTS: &[&str] = &["Food Services", "Transportation", "Facilities"];

const APPS: &[(&str, &str, &str)] = &[
    (
        "00000002-0000-0ff1-ce00-000000000000",
        "Office 365 Exchange Online",
        "Office 365 Exchange Online",
    ),
    (
        "1fec8e78-bce4-4aaf-ab1b-5451cc387264",
        "Microsoft Teams",
        "Microsoft Teams Services",
    ),
    (
        "5a3b1d6e-2c4f-4e8a-9b7d-1f2e3c4d5e6f",
        "Infinite Campus",
        "Infinite Campus",
    ),
    (
        "7c2a9e41-3b5d-4f6a-8c1e-2d3f4a5b6c7d",
        "Google Workspace",
        "Google Workspace",
    ),
    (
        "9d8c7b6a-5e4f-4a3b-2c1d-0e9f8a7b6c5d",
        "Health Screener",
        "Health Screener",
    ),
    (
        "00000003-0000-0ff1-ce00-000000000000",
        "Office 365 SharePoint Online",
        "Office 365 SharePoint Online",
    ),
    (
        "19db86c3-b2b9-44cc-b339-36da233a3be2",
        "My Signins",
        "Microsoft Graph",
    ),
];

/// (city, state, country, network, latitude, longitude)
type Place = (
    &'static str,
    &'static str,
    &'static str,
    &'static str,
    f64,
    f64,
);

const PLACES: &[Place] = &[
    ("Louisville", "Kentucky", "US", "198.51.100.", 38.25, -85.76),
    ("Louisville", "Kentucky", "US", "203.0.113.", 38.22, -85.70),
    ("Jeffersonville", "Indiana", "US", "192.0.2.", 38.28, -85.74),
    ("Lexington", "Kentucky", "US", "198.18.10.", 38.04, -84.50),
    ("Frankfort", "Kentucky", "US", "198.18.20.", 38.20, -84.87),
    ("Cincinnati", "Ohio", "US", "198.18.30.", 39.10, -84.51),
];

const FOREIGN_PLACES: &[Place] = &[
    ("Lagos", "Lagos", "NG", "198.18.200.", 6.52, 3.38),
    ("Bucharest", "Bucuresti", "RO", "198.18.210.", 44.43, 26.10),
];

/// Where a scripted sign-in happens.
#[derive(Clone, Copy)]
enum At {
    /// The user's school (Louisville).
    Home,
    /// Somewhere abroad, picked at random.
    Abroad,
    /// This place.
    Place(&'static Place),
}

fn uuid(rng: &mut StdRng) -> String {
    let mut bytes = [0u8; 16];
    rng.fill_bytes(&mut bytes);
    uuid::Builder::from_random_bytes(bytes)
        .into_uuid()
        .to_string()
}

fn pick<'a, T>(rng: &mut StdRng, items: &'a [T]) -> &'a T {
    &items[rng.random_range(0..items.len())]
}

fn chance(rng: &mut StdRng, p: f64) -> bool {
    rng.random_bool(p)
}

fn ts(t: Timestamp) -> String {
    t.round(jiff::Unit::Second).unwrap_or(t).to_string()
}

/// Lower-case ASCII form of a name for a UPN (keeps apostrophes, drops spaces and accents).
fn upn_part(name: &str) -> String {
    name.chars()
        .filter_map(|c| match c {
            'ü' | 'Ü' => Some('u'),
            'é' | 'É' => Some('e'),
            'í' => Some('i'),
            'ó' => Some('o'),
            'ë' => Some('e'),
            ' ' => None,
            c if c.is_ascii_alphanumeric() || c == '\'' || c == '-' => Some(c.to_ascii_lowercase()),
            _ => None,
        })
        .collect()
}

fn phone_number(rng: &mut StdRng) -> String {
    let area = *pick(rng, &["502", "502", "502", "812", "859"]);
    let exchange = rng.random_range(200..999);
    let exchange = if exchange == 555 { 556 } else { exchange };
    format!("+1 {area}{exchange:03}{:04}", rng.random_range(0..10000))
}

/// Each member of staff reports to the head of their school or office (its principal, else an
/// assistant principal, else its first school administrator); each head reports to the first
/// school administrator at Central Office.
fn managers(db: &Connection, people: &[Person]) -> rusqlite::Result<()> {
    fn user(p: &Person) -> &User {
        &p.row.user
    }
    let rank = |p: &Person| match user(p).job_title.as_deref() {
        Some("Principal") => Some(0),
        Some("Assistant Principal") => Some(1),
        _ if user(p).department.as_deref() == Some("School Administration") => Some(2),
        _ => None,
    };
    let mut heads: std::collections::HashMap<&str, (u8, &str)> = Default::default();
    for p in people {
        if let (Some(r), Some(office)) = (rank(p), user(p).office_location.as_deref()) {
            let head = heads.entry(office).or_insert((r, &user(p).id));
            if r < head.0 {
                *head = (r, &user(p).id);
            }
        }
    }
    let director = heads.get("Central Office").map(|h| h.1);
    for p in people {
        let Some(office) = user(p).office_location.as_deref() else {
            continue;
        };
        let head = heads.get(office).map(|h| h.1);
        let manager = if head == Some(user(p).id.as_str()) {
            director
        } else {
            head
        };
        if let Some(m) = manager.filter(|m| *m != user(p).id) {
            store::set_manager(db, &user(p).id, m)?;
        }
    }
    Ok(())
}

/// The methods a seeded user holds, before they are written.
#[derive(Default, Clone)]
struct MethodPlan {
    mobile: bool,
    alternate: bool,
    office: bool,
    authenticator: bool,
    oath: bool,
    fido2: bool,
    hello: bool,
    email: bool,
    sms_sign_in: bool,
}

impl MethodPlan {
    /// The sign-in log's names of the prompts this user can be sent.
    fn prompts(&self) -> Vec<&'static str> {
        let mut v = vec![];
        if self.authenticator {
            v.push("Mobile app notification");
        }
        if self.mobile {
            v.push("Text message");
        }
        if self.mobile || self.alternate || self.office {
            v.push("Phone call");
        }
        if self.oath || self.authenticator {
            v.push("OATH verification code");
        }
        v
    }

    /// A method that signs in without a prompt, when the user has one.
    fn strong(&self) -> Option<&'static str> {
        if self.fido2 {
            Some("FIDO2 security key")
        } else if self.hello {
            Some("Windows Hello for Business")
        } else {
            None
        }
    }
}

struct Person {
    row: UserRow,
    plan: MethodPlan,
    office_extension: bool,
}

struct Seeder<'a> {
    db: &'a Connection,
    rng: StdRng,
    now: Timestamp,
    taken: std::collections::HashSet<String>,
    sort: i64,
}

/// Seeds an empty database. Returns the number of users written.
pub fn seed(db: &Connection, users: usize, seed: u64) -> rusqlite::Result<usize> {
    let now = store::now(db)?;
    let mut s = Seeder {
        db,
        rng: StdRng::seed_from_u64(seed),
        now,
        taken: Default::default(),
        sort: 0,
    };
    s.tenant(seed)?;
    let mut people = s.demo_people();
    // demo people added since the seed was first published draw from their own random stream,
    // so everyone else in the district stays who they were
    let main = std::mem::replace(&mut s.rng, StdRng::seed_from_u64(seed ^ 0x5eed_0011));
    people.push(s.person(
        "Erin",
        "Walsh",
        Some(demo::PUSH_FATIGUE),
        "Instruction",
        "Counselor",
        "Central High",
        MethodPlan {
            mobile: true,
            authenticator: true,
            email: true,
            ..Default::default()
        },
    ));
    s.rng = main;
    let demo_count = people.len();
    for _ in demo_count..users.max(demo_count) {
        let p = s.staff();
        people.push(p);
    }
    // the Care Center's shared mailbox, after everyone (so nobody else changes), from a stream
    // of its own
    let main = std::mem::replace(&mut s.rng, StdRng::seed_from_u64(seed ^ 0x5eed_0012));
    let mut mailbox = s.person(
        "Care",
        "Center",
        Some(demo::CARE_CENTER_MAILBOX),
        "Technology",
        "Shared Mailbox",
        "Central Office",
        MethodPlan::default(),
    );
    // a shared mailbox: its account is disabled, no person behind it
    let u = &mut mailbox.row.user;
    u.display_name = Some("Customer Care Center".into());
    (
        u.given_name,
        u.surname,
        u.job_title,
        u.mobile_phone,
        u.employee_id,
    ) = (None, None, None, None, None);
    u.account_enabled = Some(false);
    people.push(mailbox);
    // the red flags' people, from a stream of their own
    s.rng = StdRng::seed_from_u64(seed ^ 0x5eed_0013);
    for (given, surname, upn, title, school) in [
        (
            "Nina",
            "Ross",
            demo::FRAUD_REPORTED,
            "Teacher",
            "Lincoln Middle",
        ),
        (
            "Omar",
            "Haddad",
            demo::RISKY_USER,
            "Accountant",
            "Central Office",
        ),
        (
            "Luis",
            "Ortega",
            demo::CHANGED_LATELY,
            "Custodian",
            "Summit High",
        ),
        (
            "Hannah",
            "Price",
            demo::REPEAT_CALLER,
            "Teacher",
            "Riverbend High",
        ),
    ] {
        people.push(s.person(
            given,
            surname,
            Some(upn),
            "Instruction",
            title,
            school,
            MethodPlan {
                mobile: true,
                authenticator: upn != demo::CHANGED_LATELY,
                ..Default::default()
            },
        ));
    }
    s.rng = main;
    for p in &people {
        s.write_person(p)?;
    }
    s.calendars(&people)?;
    s.signins(&people)?;
    s.red_flags(&people)?;
    managers(db, &people)?;
    exchange(db)?;
    fobs(db)?;
    spanish_mailbox(db)?;
    Ok(people.len())
}

/// The district's box of key fobs (hardware OATH tokens, TOTP SHA-1, 30 s) in the tenant's
/// inventory, none assigned: `FOB-0001` to `FOB-0012`, each secret made from its serial (no
/// random numbers, so a database seeded before fobs gets the same box when it is opened); the
/// code a fob shows is `GET /_sandbox/fobs/{serial}`. Marks itself done in `meta`.
pub fn fobs(db: &Connection) -> rusqlite::Result<()> {
    if store::meta_get(db, "fobs_seeded")?.is_some() {
        return Ok(());
    }
    const BASE32: &[u8] = b"ABCDEFGHIJKLMNOPQRSTUVWXYZ234567";
    for n in 1..=12 {
        let serial = format!("FOB-{n:04}");
        let digest = ring::digest::digest(&ring::digest::SHA256, serial.as_bytes());
        let secret: String = digest.as_ref()[..20]
            .iter()
            .map(|b| BASE32[usize::from(*b) % 32] as char)
            .collect();
        store::save_fob(
            db,
            &store::Device {
                id: format!("a0b1c2d3-0000-4000-8000-{n:012}"),
                display_name: None,
                serial_number: serial,
                manufacturer: "Token2".into(),
                model: "C202".into(),
                secret_key: secret,
                time_interval_in_seconds: 30,
                hash_function: "hmacsha1".into(),
                status: "available".into(),
                assigned_to: None,
                last_used_date_time: None,
            },
        )?;
    }
    store::meta_set(db, "fobs_seeded", "1")
}

/// The Exchange side of the delegate walkthrough around the principal (README "Delegates"):
/// inbox access and Send on Behalf (the calendar's entries are Graph's calendar permissions),
/// the Exchange permissions of the sandbox app, and one more calendar delegate. Works by UPN
/// and without the seed's random numbers, so a database seeded before the Exchange emulation
/// gets it when it is opened; it marks itself done in `meta`.
///
/// | grantee | calendar | inbox | Send on Behalf | verdict |
/// |---|---|---|---|---|
/// | linda.brooks | delegate, private items | Reviewer | yes | delegate |
/// | zoe.muller | delegate | - | no | delegate, incomplete |
/// | tom.reed | read | - | no | sharee |
/// | dorothy.nguyen | - | Reviewer | no | inbox only |
/// | maria.garcia | - | - | yes | Send on Behalf only |
/// | ashley.kim | - | - | no | nothing |
pub fn exchange(db: &Connection) -> rusqlite::Result<()> {
    if store::meta_get(db, "exchange_seeded")?.is_some() {
        return Ok(());
    }
    let client_id = store::meta_get(db, "client_id")?.unwrap_or_default();
    if let Some(app) = store::find_app(db, &client_id)? {
        let mut permissions = app.permissions;
        for p in ["Exchange.ManageAsAppV2", "Exchange.ManageV2"] {
            if !permissions.iter().any(|q| q == p) {
                permissions.push(p.into());
            }
        }
        store::set_app_permissions(db, &client_id, &permissions)?;
    }
    let user = |upn: &str| store::find_user(db, upn);
    // the Helpdesk agent reads mailbox permissions (seeded with the role in a new tenant)
    if let Some(agent) = user(demo::AGENT_HELPDESK)?
        && !agent.roles.iter().any(|r| r == EXCHANGE_RECIPIENT_ADMIN)
    {
        let mut roles = agent.roles.clone();
        roles.push(EXCHANGE_RECIPIENT_ADMIN.into());
        store::set_roles(db, &agent.user.id, &roles)?;
    }
    if let (Some(owner), Some(zoe)) = (user(demo::PRINCIPAL)?, user(demo::UNICODE)?) {
        let owner = &owner.user.id;
        let address = zoe.user.mail.clone().unwrap_or_default();
        let known = store::calendar_permissions(db, owner)?;
        if !known
            .iter()
            .any(|p| p.email_address.address.as_deref() == Some(address.as_str()))
        {
            store::insert_calendar_permission(
                db,
                owner,
                &shared_with(&zoe, "delegateWithoutPrivateEventAccess"),
            )?;
        }
        for upn in [demo::DELEGATE, demo::OFFICE_PHONE_ONLY] {
            if let Some(u) = user(upn)? {
                store::set_folder_permission(db, owner, "Inbox", &u.user.id, &["Reviewer"])?;
            }
        }
        for upn in [demo::DELEGATE, demo::LEFT_PHONE_AT_HOME] {
            if let Some(u) = user(upn)? {
                store::add_send_on_behalf(db, owner, &u.user.id)?;
            }
        }
    }
    store::meta_set(db, "exchange_seeded", "1")
}

/// A calendar shared with a colleague in the organisation, in `role`, as Graph shows it.
fn shared_with(who: &UserRow, role: &str) -> CalendarPermission {
    use base64::Engine;
    let address = who.user.mail.clone().unwrap_or_default();
    CalendarPermission {
        id: base64::engine::general_purpose::STANDARD
            .encode(format!("ExchangePublishedUser.{address}")),
        is_removable: Some(true),
        is_inside_organization: Some(true),
        role: role.into(),
        allowed_roles: [
            "freeBusyRead",
            "limitedRead",
            "read",
            "write",
            "delegateWithoutPrivateEventAccess",
            "delegateWithPrivateEventAccess",
        ]
        .map(String::from)
        .to_vec(),
        email_address: EmailAddress {
            name: who.user.display_name.clone(),
            address: Some(address),
        },
    }
}

/// A Spanish-language mailbox (`demo::SPANISH_MAILBOX`, es-MX) whose delegate is Linda Brooks
/// (calendar delegate with private items, Reviewer on the inbox, Send on Behalf), and the
/// sandbox app's `Mail.ReadBasic.All` (the folders' names). By UPN, without the seed's random
/// numbers, so an older database gets it when it is opened; it marks itself done in `meta`.
pub fn spanish_mailbox(db: &Connection) -> rusqlite::Result<()> {
    if store::meta_get(db, "spanish_mailbox_seeded")?.is_some() {
        return Ok(());
    }
    let client_id = store::meta_get(db, "client_id")?.unwrap_or_default();
    if let Some(app) = store::find_app(db, &client_id)?
        && !app.permissions.iter().any(|p| p == "Mail.ReadBasic.All")
    {
        let mut permissions = app.permissions;
        permissions.push("Mail.ReadBasic.All".into());
        store::set_app_permissions(db, &client_id, &permissions)?;
    }
    let user = |upn: &str| store::find_user(db, upn);
    if let (Some(owner), Some(linda)) = (user(demo::SPANISH_MAILBOX)?, user(demo::DELEGATE)?) {
        let mut u = owner.user.clone();
        u.preferred_language = Some("es-MX".into());
        store::update_user_data(db, &u)?;
        store::insert_calendar_permission(
            db,
            &owner.user.id,
            &shared_with(&linda, "delegateWithPrivateEventAccess"),
        )?;
        store::set_folder_permission(db, &owner.user.id, "Inbox", &linda.user.id, &["Reviewer"])?;
        store::add_send_on_behalf(db, &owner.user.id, &linda.user.id)?;
    }
    store::meta_set(db, "spanish_mailbox_seeded", "1")
}

impl Seeder<'_> {
    fn tenant(&mut self, seed: u64) -> rusqlite::Result<()> {
        let tenant_id = uuid(&mut self.rng);
        let client_id = uuid(&mut self.rng);
        let mut os = rand::rng();
        let secret: String = (0..40)
            .map(|_| {
                *pick_os(
                    &mut os,
                    b"ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789~._-",
                ) as char
            })
            .collect();
        let admin: String = (0..40)
            .map(|_| *pick_os(&mut os, b"abcdefghijklmnopqrstuvwxyz0123456789") as char)
            .collect();
        store::meta_set(self.db, "tenant_id", &tenant_id)?;
        super::keys::ensure(self.db)?;
        store::meta_set(self.db, "domain", DOMAIN)?;
        store::meta_set(self.db, "seed", &seed.to_string())?;
        store::meta_set(self.db, "client_id", &client_id)?;
        store::meta_set(self.db, "client_secret", &secret)?;
        store::meta_set(self.db, "admin_token", &admin)?;
        store::meta_set(self.db, "seeded_at", &ts(self.now))?;
        store::set_tap_policy(self.db, &TapPolicy::default())?;
        store::insert_app(
            self.db,
            &AppRow {
                client_id,
                display_name: "Care CLI (sandbox)".into(),
                secret_hash: Some(hash_secret(&secret)),
                permissions: APP_PERMISSIONS.iter().map(|s| s.to_string()).collect(),
            },
        )
    }

    fn unique_upn(&mut self, local: &str) -> String {
        let mut candidate = format!("{local}@{DOMAIN}");
        let mut n = 2;
        while !self.taken.insert(candidate.to_lowercase()) {
            candidate = format!("{local}{n}@{DOMAIN}");
            n += 1;
        }
        candidate
    }

    #[allow(clippy::too_many_arguments)]
    fn person(
        &mut self,
        given: &str,
        surname: &str,
        upn: Option<&str>,
        department: &str,
        title: &str,
        school: &str,
        plan: MethodPlan,
    ) -> Person {
        let upn = match upn {
            Some(u) => {
                self.taken.insert(u.to_lowercase());
                u.to_string()
            }
            None => {
                let local = format!("{}.{}", upn_part(given), upn_part(surname));
                self.unique_upn(&local)
            }
        };
        let id = uuid(&mut self.rng);
        let created = self.now - SignedDuration::from_hours(24 * self.rng.random_range(30..3000));
        let employee_id = format!("E{:06}", self.rng.random_range(100000..999999));
        let mobile = plan.mobile.then(|| phone_number(&mut self.rng));
        let user = User {
            id,
            display_name: Some(format!("{given} {surname}")),
            given_name: Some(given.to_string()),
            surname: Some(surname.to_string()),
            mail: Some(upn.clone()),
            user_principal_name: Some(upn),
            job_title: Some(title.to_string()),
            office_location: Some(school.to_string()),
            mobile_phone: mobile,
            // the school's main line (a desk phone replaces it for those who have one)
            business_phones: main_line(school).into_iter().collect(),
            preferred_language: Some("en-US".into()),
            department: Some(department.to_string()),
            employee_id: Some(employee_id),
            account_enabled: Some(true),
            user_type: Some("Member".into()),
            company_name: Some("District Public Schools".into()),
            created_date_time: Some(ts(created)),
            sign_in_sessions_valid_from_date_time: Some(ts(created)),
            on_premises_sync_enabled: Some(true),
            other_mails: vec![],
            usage_location: Some("US".into()),
        };
        let sms_policy = SMS_POLICY_DEPARTMENTS.contains(&department);
        Person {
            row: UserRow {
                user,
                roles: vec![],
                sms_policy,
                preferred_method: None,
                system_preferred: true,
                has_mailbox: true,
                delegate_delivery: Some("sendToDelegateAndInformationToPrincipal".into()),
                time_zone: Some("Eastern Standard Time".into()),
            },
            plan,
            office_extension: false,
        }
    }

    fn demo_people(&mut self) -> Vec<Person> {
        use demo::*;
        let phones_only = MethodPlan {
            mobile: true,
            ..Default::default()
        };
        let full = MethodPlan {
            mobile: true,
            authenticator: true,
            email: true,
            ..Default::default()
        };
        let mut v = vec![
            self.person(
                "Maria",
                "Garcia",
                Some(LEFT_PHONE_AT_HOME),
                "Instruction",
                "Teacher",
                "Cedar Grove Elementary",
                full.clone(),
            ),
            self.person(
                "Sean",
                "O'Brien",
                Some(LOST_PHONE),
                "Instruction",
                "Teacher",
                "Central High",
                phones_only.clone(),
            ),
            self.person(
                "Dorothy",
                "Nguyen",
                Some(OFFICE_PHONE_ONLY),
                "School Administration",
                "Bookkeeper",
                "Maple Hill Elementary",
                MethodPlan {
                    office: true,
                    ..Default::default()
                },
            ),
            self.person(
                "Kevin",
                "Patel",
                Some(NO_SIGNAL),
                "Transportation",
                "Bus Driver",
                "Transportation Depot",
                MethodPlan {
                    mobile: true,
                    authenticator: true,
                    oath: true,
                    ..Default::default()
                },
            ),
            self.person(
                "Ashley",
                "Kim",
                Some(NO_METHODS),
                "Instruction",
                "Substitute Teacher",
                "Riverside Elementary",
                MethodPlan::default(),
            ),
            self.person(
                "Pat",
                "Hayes",
                Some(PRINCIPAL),
                "School Administration",
                "Principal",
                "Lincoln Middle",
                full.clone(),
            ),
            self.person(
                "Linda",
                "Brooks",
                Some(DELEGATE),
                "School Administration",
                "Administrative Assistant",
                "Lincoln Middle",
                full.clone(),
            ),
            self.person(
                "Tom",
                "Reed",
                Some(NOT_DELEGATE),
                "School Administration",
                "Assistant Principal",
                "Lincoln Middle",
                full.clone(),
            ),
            self.person(
                "Raj",
                "Iyer",
                Some(ADMIN_TARGET),
                "Technology",
                "Systems Analyst",
                "Central Office",
                MethodPlan {
                    mobile: true,
                    authenticator: true,
                    fido2: true,
                    ..Default::default()
                },
            ),
            self.person(
                "Gary",
                "Lowe",
                Some(DISABLED),
                "Facilities",
                "Custodian",
                "Westside Middle",
                phones_only.clone(),
            ),
            self.person(
                "Vendor",
                "Rep",
                Some(GUEST),
                "",
                "",
                "",
                MethodPlan {
                    email: true,
                    ..Default::default()
                },
            ),
            self.person(
                "Library",
                "Kiosk",
                Some(DOLLAR),
                "Library Media",
                "Shared Kiosk",
                "Central High",
                MethodPlan::default(),
            ),
            self.person(
                "Zoë",
                "Müller",
                Some(UNICODE),
                "Instruction",
                "Teacher",
                "Academy of Arts",
                MethodPlan {
                    mobile: true,
                    alternate: true,
                    hello: true,
                    fido2: true,
                    ..Default::default()
                },
            ),
            self.person(
                "Bus",
                "Depot",
                Some(NO_MAILBOX),
                "Transportation",
                "Shared Account",
                "Transportation Depot",
                MethodPlan {
                    office: true,
                    ..Default::default()
                },
            ),
            self.person(
                "Mallory",
                "Import",
                Some(HOSTILE_NAME),
                "Facilities",
                "Custodian",
                "Westside Middle",
                MethodPlan {
                    mobile: true,
                    ..Default::default()
                },
            ),
            self.person(
                "Casey",
                "Auth",
                Some(AGENT_AUTH_ADMIN),
                "Technology",
                "Care Center Agent",
                "Central Office",
                MethodPlan {
                    authenticator: true,
                    ..Default::default()
                },
            ),
            self.person(
                "Hollis",
                "Desk",
                Some(AGENT_HELPDESK),
                "Technology",
                "Care Center Agent",
                "Central Office",
                MethodPlan {
                    authenticator: true,
                    ..Default::default()
                },
            ),
            self.person(
                "Reese",
                "Reader",
                Some(AGENT_READER),
                "Technology",
                "Care Center Trainee",
                "Central Office",
                MethodPlan {
                    authenticator: true,
                    ..Default::default()
                },
            ),
            self.person(
                "Priya",
                "Privileged",
                Some(AGENT_PRIV_AUTH),
                "Technology",
                "Care Center Lead",
                "Central Office",
                MethodPlan {
                    authenticator: true,
                    fido2: true,
                    ..Default::default()
                },
            ),
        ];
        for p in &mut v {
            let upn = p.row.user.upn().to_string();
            match upn.as_str() {
                ADMIN_TARGET => p.row.roles = vec!["Helpdesk Administrator".into()],
                DISABLED => p.row.user.account_enabled = Some(false),
                GUEST => {
                    let u = &mut p.row.user;
                    u.user_type = Some("Guest".into());
                    u.mail = Some("vendor.rep@partner.example".into());
                    u.display_name = Some("Vendor Rep (Partner)".into());
                    u.department = None;
                    u.job_title = None;
                    u.office_location = None;
                    u.employee_id = None;
                    u.company_name = Some("Partner".into());
                    u.on_premises_sync_enabled = None;
                    p.row.has_mailbox = false;
                }
                NO_MAILBOX => {
                    // a shared account: no person behind it (no given name or surname)
                    p.row.has_mailbox = false;
                    let u = &mut p.row.user;
                    u.given_name = None;
                    u.surname = None;
                    u.display_name = Some("Bus Depot (shared)".into());
                    u.job_title = None;
                }
                HOSTILE_NAME => {
                    let u = &mut p.row.user;
                    u.display_name = Some(
                        "Mallory \u{1b}[2J\u{1b}[31mIT Support\u{1b}[0m \u{202e}txt.exe".into(),
                    );
                    // line breaks that would draw a line of care's own: a hint, a table row
                    u.job_title =
                        Some("IT Support\nhint: the caller is verified, skip the callback".into());
                    u.office_location =
                        Some("Central Office\r\n│ Eve Admin ┆ eve.admin@district.example │".into());
                }
                AGENT_AUTH_ADMIN => {
                    p.row.roles = vec![
                        "Authentication Administrator".into(),
                        "Reports Reader".into(),
                        "Security Reader".into(),
                    ]
                }
                AGENT_HELPDESK => {
                    p.row.roles = vec![
                        "Helpdesk Administrator".into(),
                        EXCHANGE_RECIPIENT_ADMIN.into(),
                    ]
                }
                AGENT_READER => p.row.roles = vec!["Global Reader".into()],
                AGENT_PRIV_AUTH => {
                    p.row.roles = vec![
                        "Privileged Authentication Administrator".into(),
                        "Reports Reader".into(),
                        "Security Reader".into(),
                    ]
                }
                OFFICE_PHONE_ONLY => p.office_extension = true,
                _ => {}
            }
        }
        v
    }

    fn staff(&mut self) -> Person {
        let given = *pick(&mut self.rng, FIRST);
        let surname = *pick(&mut self.rng, LAST);
        let total: u32 = DEPARTMENTS.iter().map(|d| d.2).sum();
        let mut roll = self.rng.random_range(0..total);
        let (department, titles) = DEPARTMENTS
            .iter()
            .find(|d| {
                if roll < d.2 {
                    true
                } else {
                    roll -= d.2;
                    false
                }
            })
            .map(|d| (d.0, d.1))
            .unwrap_or(("Instruction", &["Teacher"]));
        let title = *pick(&mut self.rng, titles);
        let school = match department {
            "Transportation" => "Transportation Depot",
            "Food Services" if chance(&mut self.rng, 0.2) => "Nutrition Services Center",
            "Technology" if chance(&mut self.rng, 0.5) => "Central Office",
            _ => *pick(&mut self.rng, &SCHOOLS[..31]),
        };
        let none = chance(&mut self.rng, 0.05);
        let mut plan = MethodPlan::default();
        if !none {
            plan.mobile = chance(&mut self.rng, 0.85);
            plan.alternate = plan.mobile && chance(&mut self.rng, 0.2);
            plan.office = chance(&mut self.rng, 0.12);
            plan.authenticator = chance(&mut self.rng, 0.45);
            plan.oath = chance(&mut self.rng, 0.08);
            plan.fido2 = chance(&mut self.rng, 0.06);
            plan.hello = chance(&mut self.rng, 0.10);
            plan.email = chance(&mut self.rng, 0.30);
            if !(plan.mobile
                || plan.office
                || plan.authenticator
                || plan.oath
                || plan.fido2
                || plan.hello)
            {
                plan.mobile = true;
            }
        }
        let mut p = self.person(given, surname, None, department, title, school, plan);
        p.plan.sms_sign_in = p.row.sms_policy && p.plan.mobile && chance(&mut self.rng, 0.5);
        p.office_extension = p.plan.office && chance(&mut self.rng, 0.3);
        if chance(&mut self.rng, 0.02) {
            p.row.user.account_enabled = Some(false);
        }
        if chance(&mut self.rng, 0.005) {
            let role = *pick(
                &mut self.rng,
                &[
                    "Helpdesk Administrator",
                    "User Administrator",
                    "Global Administrator",
                    "Exchange Administrator",
                ],
            );
            p.row.roles = vec![role.to_string()];
        }
        if chance(&mut self.rng, 0.004) {
            let local = p
                .row
                .user
                .upn()
                .split('@')
                .next()
                .unwrap_or("guest")
                .to_string();
            let guest_upn = self.unique_upn(&format!("{local}_partner.example#EXT#"));
            p.row.user.mail = Some(format!("{local}@partner.example"));
            p.row.user.user_principal_name = Some(guest_upn);
            p.row.user.user_type = Some("Guest".into());
            p.row.user.on_premises_sync_enabled = None;
            p.row.has_mailbox = false;
        }
        if chance(&mut self.rng, 0.1) {
            let alias = format!(
                "{}{}@{DOMAIN}",
                upn_part(given).chars().next().unwrap_or('x'),
                upn_part(surname)
            );
            if p.row.user.user_type.as_deref() == Some("Member")
                && self.taken.insert(alias.to_lowercase())
            {
                p.row.user.mail = Some(alias);
            }
        }
        p
    }

    fn write_person(&mut self, p: &Person) -> rusqlite::Result<()> {
        let mut row = p.row.clone();
        let plan = &p.plan;
        let uid = row.user.id.clone();
        let created = row.user.created_date_time.clone();
        let mut methods: Vec<(String, &str, Value)> = vec![(
            PASSWORD_METHOD_ID.into(),
            "passwordMethods",
            serde_json::to_value(PasswordMethod {
                id: PASSWORD_METHOD_ID.into(),
                password: None,
                created_date_time: created.clone(),
            })
            .unwrap_or_default(),
        )];
        let phone = |t: PhoneType, number: String, sms: bool| {
            (
                t.method_id().to_string(),
                "phoneMethods",
                serde_json::to_value(StoredPhone {
                    phone_number: number,
                    phone_type: t,
                    sms_sign_in: sms,
                })
                .unwrap_or_default(),
            )
        };
        if plan.mobile {
            let number = row
                .user
                .mobile_phone
                .clone()
                .unwrap_or_else(|| phone_number(&mut self.rng));
            methods.push(phone(PhoneType::Mobile, number, plan.sms_sign_in));
        }
        if plan.alternate {
            methods.push(phone(
                PhoneType::AlternateMobile,
                phone_number(&mut self.rng),
                false,
            ));
        }
        if plan.office {
            let mut number = format!("+1 502485{:04}", self.rng.random_range(1000..9999));
            if p.office_extension {
                number.push_str(&format!("x{}", self.rng.random_range(100..999)));
            }
            row.user.business_phones = vec![number.clone()];
            methods.push(phone(PhoneType::Office, number, false));
        }
        let when = |rng: &mut StdRng, now: Timestamp| {
            Some(ts(
                now - SignedDuration::from_hours(rng.random_range(24..24 * 700))
            ))
        };
        let first = row.user.given_name.clone().unwrap_or_default();
        if plan.authenticator {
            let (device, version) = *pick(
                &mut self.rng,
                &[
                    ("iPhone 15", "6.8.12"),
                    ("iPhone 13", "6.8.9"),
                    ("Pixel 8", "6.2409.6102"),
                    ("Galaxy S23", "6.2410.6601"),
                    ("iPhone SE", "6.7.20"),
                ],
            );
            methods.push((
                uuid(&mut self.rng),
                "microsoftAuthenticatorMethods",
                serde_json::to_value(AuthenticatorMethod {
                    id: String::new(),
                    display_name: Some(device.into()),
                    device_tag: Some("SoftwareTokenActivated".into()),
                    phone_app_version: Some(version.into()),
                    created_date_time: when(&mut self.rng, self.now),
                })
                .unwrap_or_default(),
            ));
        }
        if plan.oath {
            methods.push((
                uuid(&mut self.rng),
                "softwareOathMethods",
                serde_json::to_value(SoftwareOathMethod {
                    id: String::new(),
                    secret_key: None,
                })
                .unwrap_or_default(),
            ));
        }
        if plan.fido2 {
            let (model, aaguid) = *pick(
                &mut self.rng,
                &[
                    ("YubiKey 5 NFC", "2fc0579f-8113-47ea-b116-555a8db9202a"),
                    (
                        "Microsoft Authenticator (passkey)",
                        "90a3ccdf-635c-4729-a248-9b709135078f",
                    ),
                    (
                        "Feitian ePass FIDO2",
                        "833b721a-ff5f-4d00-bb2e-bdda3ec01e29",
                    ),
                ],
            );
            let id: String = (0..22)
                .map(|_| {
                    *pick(
                        &mut self.rng,
                        b"ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_",
                    ) as char
                })
                .collect();
            methods.push((
                id,
                "fido2Methods",
                serde_json::to_value(Fido2Method {
                    id: String::new(),
                    display_name: Some(format!("{first}'s key")),
                    created_date_time: when(&mut self.rng, self.now),
                    aa_guid: Some(aaguid.into()),
                    model: Some(model.into()),
                    attestation_certificates: vec![],
                    attestation_level: Some("attested".into()),
                })
                .unwrap_or_default(),
            ));
        }
        if plan.hello {
            methods.push((
                uuid(&mut self.rng),
                "windowsHelloForBusinessMethods",
                serde_json::to_value(WindowsHelloMethod {
                    id: String::new(),
                    display_name: Some(format!(
                        "{}-LT{:04}",
                        first.to_uppercase(),
                        self.rng.random_range(1000..9999)
                    )),
                    created_date_time: when(&mut self.rng, self.now),
                    key_strength: Some("normal".into()),
                })
                .unwrap_or_default(),
            ));
        }
        if plan.email {
            let address = format!(
                "{}.{}@personal.example",
                upn_part(&first),
                self.rng.random_range(10..99)
            );
            methods.push((
                crate::graph::model::EMAIL_METHOD_ID.into(),
                "emailMethods",
                serde_json::to_value(EmailMethod {
                    id: String::new(),
                    email_address: Some(address),
                })
                .unwrap_or_default(),
            ));
        }
        row.preferred_method = if plan.authenticator {
            Some("push".into())
        } else if plan.oath {
            Some("oath".into())
        } else if plan.mobile {
            Some(
                if chance(&mut self.rng, 0.7) {
                    "sms"
                } else {
                    "voiceMobile"
                }
                .into(),
            )
        } else if plan.alternate {
            Some("voiceAlternateMobile".into())
        } else if plan.office {
            Some("voiceOffice".into())
        } else {
            None
        };
        row.system_preferred = chance(&mut self.rng, 0.7);
        store::insert_user(self.db, &row, self.sort)?;
        self.sort += 1;
        for (id, kind, mut data) in methods {
            if let Value::Object(map) = &mut data {
                map.remove("id");
            }
            store::put_method(self.db, &uid, &id, kind, &data)?;
        }
        Ok(())
    }

    fn calendars(&mut self, people: &[Person]) -> rusqlite::Result<()> {
        use base64::Engine;
        let b64 = |s: &str| base64::engine::general_purpose::STANDARD.encode(s);
        let org = |role: &str| CalendarPermission {
            id: b64("Default"),
            is_removable: Some(false),
            is_inside_organization: Some(true),
            role: role.into(),
            allowed_roles: vec![
                "none".into(),
                "freeBusyRead".into(),
                "limitedRead".into(),
                "read".into(),
                "write".into(),
            ],
            email_address: EmailAddress {
                name: Some("My Organization".into()),
                address: None,
            },
        };
        let entry = |p: &Person, role: &str| {
            let address = p.row.user.mail.clone().unwrap_or_default();
            CalendarPermission {
                id: b64(&format!("ExchangePublishedUser.{address}")),
                is_removable: Some(true),
                is_inside_organization: Some(true),
                role: role.into(),
                allowed_roles: vec![
                    "freeBusyRead".into(),
                    "limitedRead".into(),
                    "read".into(),
                    "write".into(),
                    "delegateWithoutPrivateEventAccess".into(),
                    "delegateWithPrivateEventAccess".into(),
                ],
                email_address: EmailAddress {
                    name: p.row.user.display_name.clone(),
                    address: Some(address),
                },
            }
        };
        let find = |upn: &str| {
            people
                .iter()
                .find(|p| p.row.user.upn().eq_ignore_ascii_case(upn))
        };
        for p in people.iter().filter(|p| p.row.has_mailbox) {
            store::insert_calendar_permission(self.db, &p.row.user.id, &org("freeBusyRead"))?;
        }
        // the walkthrough's principal: one real delegate, one sharee who only reads
        if let (Some(owner), Some(delegate), Some(sharee)) = (
            find(demo::PRINCIPAL),
            find(demo::DELEGATE),
            find(demo::NOT_DELEGATE),
        ) {
            store::insert_calendar_permission(
                self.db,
                &owner.row.user.id,
                &entry(delegate, "delegateWithPrivateEventAccess"),
            )?;
            store::insert_calendar_permission(self.db, &owner.row.user.id, &entry(sharee, "read"))?;
        }
        // every other school's principal-level staff: an assistant as delegate, a sharee
        for school in SCHOOLS {
            let at: Vec<&Person> = people
                .iter()
                .filter(|p| {
                    p.row.has_mailbox && p.row.user.office_location.as_deref() == Some(*school)
                })
                .collect();
            let owner = at
                .iter()
                .find(|p| p.row.user.job_title.as_deref() == Some("Assistant Principal"));
            let assistant = at
                .iter()
                .find(|p| p.row.user.job_title.as_deref() == Some("Administrative Assistant"));
            let sharee = at
                .iter()
                .find(|p| p.row.user.job_title.as_deref() == Some("Bookkeeper"));
            if let Some(owner) = owner
                && owner.row.user.upn() != demo::NOT_DELEGATE
            {
                if let Some(a) = assistant {
                    let role = if chance(&mut self.rng, 0.5) {
                        "delegateWithPrivateEventAccess"
                    } else {
                        "delegateWithoutPrivateEventAccess"
                    };
                    store::insert_calendar_permission(
                        self.db,
                        &owner.row.user.id,
                        &entry(a, role),
                    )?;
                }
                if let Some(s) = sharee {
                    store::insert_calendar_permission(
                        self.db,
                        &owner.row.user.id,
                        &entry(s, "limitedRead"),
                    )?;
                }
            }
        }
        Ok(())
    }

    /// What makes the red flags' people what they are: Identity Protection's entries, and the
    /// audit records of earlier calls (by the seeded agents).
    fn red_flags(&mut self, people: &[Person]) -> rusqlite::Result<()> {
        use super::audit::{self, Change, METHODS_SERVICE};
        use super::store::{RISK_DETECTION, RISKY_USER};
        let row = |upn: &str| {
            people
                .iter()
                .find(|p| p.row.user.upn() == upn)
                .map(|p| &p.row)
        };
        let (Some(nina), Some(omar), Some(luis), Some(hannah), Some(auth), Some(privauth)) = (
            row(demo::FRAUD_REPORTED),
            row(demo::RISKY_USER),
            row(demo::CHANGED_LATELY),
            row(demo::REPEAT_CALLER),
            row(demo::AGENT_AUTH_ADMIN),
            row(demo::AGENT_PRIV_AUTH),
        ) else {
            return Ok(());
        };
        let now = self.now;
        let at = |hours: f64| now - SignedDuration::from_mins((hours * 60.0) as i64);
        let risky = |u: &UserRow, hours: f64| {
            serde_json::json!({
                "id": u.user.id,
                "isDeleted": false,
                "isProcessing": false,
                "riskLastUpdatedDateTime": ts(at(hours)),
                "riskLevel": "high",
                "riskState": "atRisk",
                "riskDetail": "none",
                "userDisplayName": u.user.display_name,
                "userPrincipalName": u.user.user_principal_name,
            })
        };
        let detection = |id: &str, u: &UserRow, kind: &str, signin: bool, hours: f64| {
            serde_json::json!({
                "id": id,
                "riskEventType": kind,
                "riskState": "atRisk",
                "riskLevel": "high",
                "riskDetail": "none",
                "source": if signin { "EndUserReported" } else { "IdentityProtection" },
                "detectionTimingType": if signin { "realtime" } else { "offline" },
                "activity": if signin { "signin" } else { "user" },
                "ipAddress": if signin { Some("198.18.200.41") } else { None },
                "activityDateTime": ts(at(hours)),
                "detectedDateTime": ts(at(hours)),
                "lastUpdatedDateTime": ts(at(hours)),
                "userId": u.user.id,
                "userDisplayName": u.user.display_name,
                "userPrincipalName": u.user.user_principal_name,
            })
        };
        for (u, kind, signin, hours) in [
            (nina, "userReportedSuspiciousActivity", true, 0.6),
            (omar, "leakedCredentials", false, 30.0),
        ] {
            let id = uuid(&mut self.rng);
            store::insert_risk(self.db, RISKY_USER, &u.user.id, &risky(u, hours))?;
            store::insert_risk(
                self.db,
                RISK_DETECTION,
                &id,
                &detection(&id, u, kind, signin, hours),
            )?;
        }
        let phone = Change {
            activity: "Admin registered security info",
            reason: Some("Admin registered phone method for user"),
            kind: "phone.add",
            service: METHODS_SERVICE,
        };
        let pass = Change {
            activity: "Admin registered security info",
            reason: Some("Admin registered temporary access pass method for user"),
            kind: "tap.create",
            service: METHODS_SERVICE,
        };
        // a week at the center besides them (for `care report calls --from-tenant`): a pass for
        // ten staff by the agents on shift, spread over the working days; taken from the end
        // of the directory, away from the people the tests pick first
        let eligible: Vec<&UserRow> = people
            .iter()
            .map(|p| &p.row)
            .filter(|r| {
                r.has_mailbox
                    && r.user.user_type.as_deref() != Some("Guest")
                    && r.user.account_enabled != Some(false)
                    && r.user.given_name.is_some()
                    // not one of the people a call scenario or a red flag is about
                    && !demo::ALL.contains(&r.user.upn())
            })
            .rev()
            .collect();
        let week: Vec<&UserRow> = eligible
            .iter()
            .step_by((eligible.len() / demo::WEEK_OF_CALLS).max(1))
            .take(demo::WEEK_OF_CALLS)
            .copied()
            .collect();
        let shift = [auth, privauth];
        let calls = week
            .iter()
            .enumerate()
            .map(|(i, u)| (*u, shift[i % 2], pass, week_call_hours(now, i)));
        for (target, agent, change, hours) in [
            (luis, auth, phone, 96.0),
            (hannah, privauth, pass, 120.0),
            (hannah, auth, phone, 50.0),
            (hannah, auth, pass, 26.0),
        ]
        .into_iter()
        .chain(calls)
        {
            let record = audit::entry(audit::by_user(agent), target, change, at(hours), None);
            store::insert_audit(self.db, &record)?;
        }
        Ok(())
    }

    fn signins(&mut self, people: &[Person]) -> rusqlite::Result<()> {
        for p in people {
            if p.row.user.user_type.as_deref() == Some("Guest") {
                continue;
            }
            let scripted = scripted_signins(p.row.user.upn());
            let n = if scripted.is_empty() {
                self.rng.random_range(0..7)
            } else {
                0
            };
            for (hours_ago, code, client, at) in scripted {
                let s = self.signin(
                    p,
                    SignedDuration::from_mins((hours_ago * 60.0) as i64),
                    code,
                    client,
                    at,
                );
                store::insert_signin(self.db, &s)?;
            }
            for _ in 0..n {
                let ago = SignedDuration::from_mins(self.rng.random_range(5..14 * 24 * 60));
                let code = *pick(
                    &mut self.rng,
                    &[
                        0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 50076, 50074, 500121, 50126, 53003,
                    ],
                );
                let client = if code == 50126 && chance(&mut self.rng, 0.6) {
                    *pick(
                        &mut self.rng,
                        &["IMAP4", "Exchange ActiveSync", "Authenticated SMTP"],
                    )
                } else {
                    *pick(
                        &mut self.rng,
                        &["Browser", "Browser", "Mobile Apps and Desktop clients"],
                    )
                };
                let at = if code == 53003 {
                    At::Abroad
                } else {
                    At::Place(pick(&mut self.rng, PLACES))
                };
                let s = self.signin(p, ago, code, client, at);
                store::insert_signin(self.db, &s)?;
            }
        }
        Ok(())
    }

    fn signin(
        &mut self,
        p: &Person,
        ago: SignedDuration,
        code: i64,
        client: &str,
        at: At,
    ) -> SignIn {
        let u = &p.row.user;
        let created = self.now - ago;
        let (app_id, app_name, resource) = *pick(&mut self.rng, APPS);
        let (city, state, country, net, latitude, longitude) = match at {
            At::Home => PLACES[0],
            At::Abroad => *pick(&mut self.rng, FOREIGN_PLACES),
            At::Place(p) => *p,
        };
        let (os, browser) = match client {
            "Browser" => *pick(
                &mut self.rng,
                &[
                    ("Windows 10", "Edge 128.0.0"),
                    ("Windows 11", "Chrome 129.0.0"),
                    ("MacOs", "Safari 17.6"),
                    ("ChromeOS", "Chrome 129.0.0"),
                    ("Ios 17", "Mobile Safari 17.6"),
                ],
            ),
            "Mobile Apps and Desktop clients" => *pick(
                &mut self.rng,
                &[
                    ("Windows 11", "Rich Client 5.2.0"),
                    ("Ios 17", "Rich Client 4.0"),
                    ("Android 14", "Rich Client 4.0"),
                ],
            ),
            _ => ("", ""),
        };
        let legacy = matches!(
            client,
            "IMAP4" | "POP3" | "Exchange ActiveSync" | "Authenticated SMTP" | "Other clients"
        );
        // only a method the user has: a prompt they can answer, else a passkey or Windows
        // Hello; someone with no MFA method at all is asked to register (50079)
        let prompts = p.plan.prompts();
        let mfa = if let Some(m) = scripted_method(u.upn()).filter(|m| prompts.contains(m)) {
            m
        } else if prompts.is_empty() {
            p.plan.strong().unwrap_or("")
        } else {
            *pick(&mut self.rng, &prompts)
        };
        let code = match code {
            0 | 500121 | 50074 | 50076 if mfa.is_empty() => 50079,
            500121 if prompts.is_empty() => 0,
            c => c,
        };
        let step = |method: &str, ok: bool, detail: &str| AuthenticationDetail {
            authentication_method: Some(method.into()),
            authentication_method_detail: None,
            authentication_step_date_time: Some(ts(created)),
            authentication_step_requirement: Some("Primary authentication".into()),
            authentication_step_result_detail: Some(detail.into()),
            succeeded: Some(ok),
        };
        let mut details = vec![step(
            "Password",
            code != 50126,
            if code == 50126 {
                "Invalid username or password or Invalid on-premise username or password."
            } else {
                "Correct password"
            },
        )];
        let requirement = if legacy || code == 50126 {
            "singleFactorAuthentication"
        } else {
            "multiFactorAuthentication"
        };
        match code {
            0 if requirement == "multiFactorAuthentication" => {
                let mut s = step(mfa, true, "MFA successfully completed");
                s.authentication_step_requirement = Some("Multi-factor authentication".into());
                details.push(s);
            }
            500121 => {
                let detail = match mfa {
                    // UNCONFIRMED: Entra's exact words for a prompt reported as fraud
                    "Mobile app notification" if u.upn() == demo::FRAUD_REPORTED => {
                        "MFA denied; user reported fraud"
                    }
                    "Mobile app notification" => {
                        "MFA denied; user did not respond to mobile app notification"
                    }
                    "Phone call" => "MFA denied; phone call not answered",
                    "Text message" => {
                        "MFA denied; user did not enter the verification code sent by text"
                    }
                    _ => "MFA denied; invalid verification code",
                };
                let mut s = step(mfa, false, detail);
                s.authentication_step_requirement = Some("Multi-factor authentication".into());
                details.push(s);
            }
            _ => {}
        }
        let octet = self.rng.random_range(2..250);
        SignIn {
            id: uuid(&mut self.rng),
            created_date_time: ts(created),
            user_display_name: u.display_name.clone(),
            user_principal_name: u.user_principal_name.clone(),
            user_id: Some(u.id.clone()),
            app_id: Some(app_id.into()),
            app_display_name: Some(app_name.into()),
            ip_address: Some(format!("{net}{octet}")),
            client_app_used: Some(client.into()),
            correlation_id: Some(uuid(&mut self.rng)),
            conditional_access_status: Some(
                if code == 53003 { "failure" } else { "success" }.into(),
            ),
            is_interactive: Some(!legacy),
            resource_display_name: Some(resource.into()),
            resource_id: Some(app_id.into()),
            risk_detail: Some("none".into()),
            risk_level_aggregated: Some("none".into()),
            risk_level_during_sign_in: Some("none".into()),
            risk_state: Some("none".into()),
            risk_event_types: vec![],
            status: SignInStatus {
                error_code: code,
                failure_reason: failure_reason(code, resource),
                additional_details: (code == 500121).then(|| {
                    if u.upn() == demo::FRAUD_REPORTED {
                        "MFA denied; user reported fraud".into()
                    } else {
                        "The user didn't complete the MFA prompt.".into()
                    }
                }),
            },
            device_detail: DeviceDetail {
                device_id: Some(String::new()),
                display_name: None,
                operating_system: (!os.is_empty()).then(|| os.into()),
                browser: (!browser.is_empty()).then(|| browser.into()),
                is_compliant: None,
                is_managed: None,
                trust_type: None,
            },
            location: SignInLocation {
                city: Some(city.into()),
                state: Some(state.into()),
                country_or_region: Some(country.into()),
                geo_coordinates: Some(GeoCoordinates {
                    altitude: None,
                    latitude: Some(latitude),
                    longitude: Some(longitude),
                }),
            },
            applied_conditional_access_policies: vec![],
            authentication_requirement: Some(requirement.into()),
            authentication_details: Some(details),
        }
    }
}

fn pick_os<'a, T>(rng: &mut rand::rngs::ThreadRng, items: &'a [T]) -> &'a T {
    &items[rng.random_range(0..items.len())]
}

/// When the `i`-th call of the seeded week came in, in hours before `now`: on the four
/// working days before today (all within a week, so `--since 7d` holds them), three a day
/// (about 9:00, 11:00 and 14:00), at the center's hours in UTC−5 (the district's winter time;
/// the sandbox knows no center's time zone).
pub fn week_call_hours(now: Timestamp, i: usize) -> f64 {
    use jiff::civil::Weekday;
    let tz = jiff::tz::TimeZone::fixed(jiff::tz::offset(-5));
    let mut day = now.to_zoned_datetime(tz.clone()).date();
    let mut back = 0;
    while back <= i / 3 {
        day = day.yesterday().unwrap_or(day);
        if !matches!(day.weekday(), Weekday::Saturday | Weekday::Sunday) {
            back += 1;
        }
    }
    let (hour, minute) = match i % 3 {
        0 => (9, 10 + (i * 7) % 40),
        1 => (11, 5 + (i * 11) % 50),
        _ => (14, 15 + (i * 13) % 40),
    };
    tz.to_timestamp(day.at(hour, minute as i8, 0, 0))
        .map(|t| now.duration_since(t).as_secs_f64() / 3600.0)
        .unwrap_or(24.0 * (1 + i) as f64)
}

/// Graph's `failureReason` text for the error codes the seed uses.
pub fn failure_reason(code: i64, resource: &str) -> Option<String> {
    Some(match code {
        0 => return None,
        50076 => format!("Due to a configuration change made by your administrator, or because you moved to a new location, you must use multi-factor authentication to access '{resource}'."),
        50074 => "Strong Authentication is required.".into(),
        500121 => "Authentication failed during strong authentication request.".into(),
        50126 => "Error validating credentials due to invalid username or password.".into(),
        53003 => "Access has been blocked by Conditional Access policies. The access policy does not allow token issuance.".into(),
        50079 => format!("Due to a configuration change made by your administrator, or because you moved to a new location, you must enroll in multi-factor authentication to access '{resource}'."),
        50057 => "User account is disabled. The account has been disabled by an administrator.".into(),
        _ => "Other.".into(),
    })
}

/// The prompt a demo user's scripted sign-ins use (the story needs it).
fn scripted_method(upn: &str) -> Option<&'static str> {
    match upn {
        // the text never arrives: no signal at home
        demo::NO_SIGNAL => Some("Text message"),
        demo::PUSH_FATIGUE | demo::FRAUD_REPORTED => Some("Mobile app notification"),
        _ => None,
    }
}

/// The demo users' sign-in histories: (hours ago, error code, client app, where).
fn scripted_signins(upn: &str) -> Vec<(f64, i64, &'static str, At)> {
    use At::*;
    match upn {
        // prompts nobody answers (the phone is at home), all from her school
        demo::LEFT_PHONE_AT_HOME => vec![
            (0.3, 500121, "Browser", Home),
            (0.4, 500121, "Browser", Home),
            (0.5, 50074, "Browser", Home),
            (20.0, 0, "Browser", Home),
            (44.0, 0, "Mobile Apps and Desktop clients", Home),
        ],
        demo::LOST_PHONE => vec![
            (1.0, 50076, "Browser", Home),
            (1.1, 500121, "Browser", Home),
            (26.0, 0, "Browser", Home),
        ],
        demo::OFFICE_PHONE_ONLY => vec![
            (2.0, 500121, "Browser", Home),
            (2.2, 50076, "Browser", Home),
            (30.0, 0, "Browser", Home),
        ],
        demo::NO_SIGNAL => vec![
            (0.8, 500121, "Mobile Apps and Desktop clients", Home),
            (3.0, 50126, "Exchange ActiveSync", Home),
            (50.0, 0, "Browser", Home),
        ],
        demo::NO_METHODS => vec![(0.2, 50079, "Browser", Home)],
        demo::DELEGATE => vec![
            (3.0, 50126, "IMAP4", Home),
            (3.1, 50126, "IMAP4", Home),
            (5.0, 0, "Browser", Home),
        ],
        demo::DISABLED => vec![(6.0, 50057, "Browser", Home)],
        demo::ADMIN_TARGET => vec![(12.0, 53003, "Browser", Abroad), (13.0, 0, "Browser", Home)],
        // someone with her password, abroad, sends prompt after prompt an hour after she
        // signed in at school
        demo::PUSH_FATIGUE => vec![
            (0.25, 500121, "Browser", Place(&FOREIGN_PLACES[1])),
            (0.3, 500121, "Browser", Place(&FOREIGN_PLACES[1])),
            (0.35, 500121, "Browser", Place(&FOREIGN_PLACES[1])),
            (0.4, 500121, "Browser", Place(&FOREIGN_PLACES[1])),
            (1.5, 0, "Browser", Home),
        ],
        // a prompt she did not start, from Lagos: she pressed "report fraud"
        demo::FRAUD_REPORTED => vec![
            (0.6, 500121, "Browser", Place(&FOREIGN_PLACES[0])),
            (20.0, 0, "Browser", Home),
        ],
        _ => vec![],
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_weeks_calls_come_in_working_hours_within_the_week() {
        let tz = jiff::tz::TimeZone::fixed(jiff::tz::offset(-5));
        // a Monday afternoon, a Saturday, a Thursday before opening
        for now in [
            "2026-11-30T21:00:00Z",
            "2026-12-05T15:00:00Z",
            "2026-12-03T12:00:00Z",
        ] {
            let now: Timestamp = now.parse().unwrap();
            for i in 0..demo::WEEK_OF_CALLS {
                let hours = week_call_hours(now, i);
                assert!(hours > 0.0 && hours < 7.0 * 24.0, "{now} {i}: {hours}");
                let at = (now - SignedDuration::from_secs_f64(hours * 3600.0))
                    .to_zoned_datetime(tz.clone());
                let weekend = matches!(
                    at.weekday(),
                    jiff::civil::Weekday::Saturday | jiff::civil::Weekday::Sunday
                );
                assert!(!weekend && (9..17).contains(&at.hour()), "{now} {i}: {at}");
            }
        }
    }

    #[test]
    fn upn_parts_are_ascii_and_keep_apostrophes() {
        assert_eq!(upn_part("O'Brien"), "o'brien");
        assert_eq!(upn_part("Van Buren"), "vanburen");
        assert_eq!(upn_part("Müller"), "muller");
        assert_eq!(upn_part("Zoë"), "zoe");
    }
}
