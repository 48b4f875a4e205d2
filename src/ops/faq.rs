//! The district's MFA FAQ (`shared/seed-faq.txt`), as answers an agent reads to a caller, and
//! the situations of a call they belong to. `care faq` prints them; `care call` and the caller
//! card use them.

/// One question of the FAQ.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Topic {
    /// The short name `care faq TOPIC` takes.
    pub key: &'static str,
    /// What the caller says.
    pub question: &'static str,
    /// The answer, in words to read to them.
    pub answer: &'static str,
}

/// The Customer Care Center's number, as the FAQ gives it.
pub const CARE_CENTER: &str = "502-485-3552";

/// Where staff manage their own security information.
pub const MFA_SETUP: &str = "https://aka.ms/mfasetup";

pub const TOPICS: &[Topic] = &[
    Topic {
        key: "left-phone",
        question: "What if I left my phone at home?",
        answer: "If you are asked for MFA and don't have your mobile phone, the Customer Care Center (502-485-3552) can give you a one-time temporary passcode. It is randomly generated and only works for a short time: use it to sign in now. Nothing else needs to change; you will use your phone again once you have it back.",
    },
    Topic {
        key: "lost-phone",
        question: "What if I lose my phone or change my phone number?",
        answer: "We removed the lost phone from your account so nobody else can use it to sign in as you. Sign in with the temporary passcode, then go to https://aka.ms/mfasetup and add your new phone or the Microsoft Authenticator app (or a passkey). We encourage you to also add a second phone number, so this is easier next time.",
    },
    Topic {
        key: "no-signal",
        question: "What if I cannot get a signal on my phone?",
        answer: "Use the Microsoft Authenticator app: it shows a 6-digit code that works even when your phone has no signal or internet connection. Choose 'Use a verification code' on the sign-in screen and type the code the app shows.",
    },
    Topic {
        key: "no-mobile",
        question: "What if I do not have a mobile device (phone or tablet)?",
        answer: "You can use a RingCentral number, or a desk phone if it can be dialled from outside the school or central office. Call the Customer Care Center (502-485-3552) or visit jcps.me/help and we will set it up with you.",
    },
    Topic {
        key: "office-phone",
        question: "I want to use my office phone (or a RingCentral number). Can I?",
        answer: "A personal device is best. You can use a desk phone if it can be dialled from outside the school or central office, or a RingCentral number. Please don't use the main school or department line: that call goes to a call queue. And with an office phone, you can't sign in when you are away from the building.",
    },
    Topic {
        key: "no-personal-device",
        question: "I don't have a phone, or don't want to use my personal device. What do I do?",
        answer: "If you have a RingCentral number, you can use it, or you can use a desk phone if it can be dialled from outside the school.",
    },
    Topic {
        key: "change-number",
        question: "I would like to change the number that is called for MFA. How?",
        answer: "All your MFA options are at https://aka.ms/mfasetup: sign in there, choose Security info, and add or change your phone. If you can't sign in, we can change it for you on this call once we have verified who you are.",
    },
    Topic {
        key: "native-mail",
        question: "I check my email with my phone's own mail app. Will it work with MFA?",
        answer: "With the latest version of iOS or Android it works. If your phone is on an older version, update it, or use the Microsoft Outlook app instead.",
    },
    Topic {
        key: "delegate",
        question: "I am a delegate for another person's mailbox. How does this work with MFA?",
        answer: "If you are truly a delegate of the other mailbox, MFA changes nothing for you. If you added their mailbox to your Outlook and have to type their password to see it, you are not a delegate: you are signing in as them. The mailbox owner must add you as a delegate in their own Outlook (File > Account Settings > Delegate Access); then you open it with your own sign-in.",
    },
    Topic {
        key: "how-often",
        question: "How often will I have to use my phone to sign in?",
        answer: "Any time you type your password you may be asked for a second factor; expect it at least once a day. Most applications carry your sign-in over as long as you stay on the same device and network. When you change networks, for example leaving school to go home, you may be asked again.",
    },
    Topic {
        key: "options",
        question: "What verification options do we have?",
        answer: "A notification in the Microsoft Authenticator app, a verification code from the Authenticator app (it changes every 30 seconds), a text message with a 6-digit code, or a phone call where you press # to finish signing in.",
    },
    Topic {
        key: "why",
        question: "Why are we using MFA?",
        answer: "To protect your information and our students' information: a password alone can be stolen or guessed; the second factor makes sure it is really you.",
    },
];

/// The topic named `wanted`: its key, a prefix of it, or a word of its question.
pub fn find(wanted: &str) -> Option<&'static Topic> {
    let w = wanted.trim().to_ascii_lowercase();
    if w.is_empty() {
        return None;
    }
    TOPICS
        .iter()
        .find(|t| t.key == w)
        .or_else(|| TOPICS.iter().find(|t| t.key.starts_with(&w)))
        .or_else(|| {
            TOPICS
                .iter()
                .find(|t| t.question.to_ascii_lowercase().contains(&w))
        })
}

/// A topic by its key (the keys used in code are these).
pub fn topic(key: &str) -> &'static Topic {
    TOPICS.iter().find(|t| t.key == key).unwrap_or(&TOPICS[0])
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn topics_are_found_by_key_prefix_or_word() {
        assert_eq!(find("left-phone").unwrap().key, "left-phone");
        assert_eq!(find("lost").unwrap().key, "lost-phone");
        assert_eq!(find("signal").unwrap().key, "no-signal");
        assert!(find("Outlook").is_none());
        assert_eq!(find("mail app").unwrap().key, "native-mail");
        assert!(find("").is_none());
        assert!(TOPICS.iter().all(|t| t.answer.len() > 40));
        let mut keys: Vec<&str> = TOPICS.iter().map(|t| t.key).collect();
        keys.sort();
        keys.dedup();
        assert_eq!(keys.len(), TOPICS.len());
        assert_eq!(topic("no-signal").key, "no-signal");
        assert!(topic("left-phone").answer.contains(CARE_CENTER));
        assert!(topic("change-number").answer.contains(MFA_SETUP));
    }
}
