//! The district's MFA FAQ (`shared/seed-faq.txt`), as answers an agent reads to a caller, and
//! the situations of a call they belong to. `care faq` prints them; `care call` and the caller
//! card use them.

use super::caller::{Language, Texts};

/// One question of the FAQ, in the caller's language.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Topic {
    /// The short name `care faq TOPIC` takes.
    pub key: &'static str,
    /// What the caller says.
    pub question: String,
    /// The answer, in words to read to them.
    pub answer: String,
}

/// The Customer Care Center's number, as the FAQ gives it.
pub const CARE_CENTER: &str = "502-485-3552";

/// Where staff manage their own security information.
pub const MFA_SETUP: &str = "https://aka.ms/mfasetup";

/// The FAQ's topics, in its order (their words are the caller texts `faq-KEY-question` and
/// `faq-KEY-answer`).
pub const KEYS: &[&str] = &[
    "left-phone",
    "lost-phone",
    "no-signal",
    "no-mobile",
    "office-phone",
    "no-personal-device",
    "change-number",
    "native-mail",
    "delegate",
    "how-often",
    "options",
    "why",
];

/// What the caller texts fill in: the center's number and the setup page.
pub const PLACES: [(&str, &str); 2] = [("center", CARE_CENTER), ("setup", MFA_SETUP)];

/// The topic `key` in `texts`' language.
pub fn topic(texts: &Texts, key: &str) -> Topic {
    let key = KEYS.iter().find(|k| **k == key).copied().unwrap_or(KEYS[0]);
    Topic {
        key,
        question: texts.get(&format!("faq-{key}-question"), &PLACES),
        answer: texts.get(&format!("faq-{key}-answer"), &PLACES),
    }
}

/// Every topic, in `texts`' language.
pub fn topics(texts: &Texts) -> Vec<Topic> {
    KEYS.iter().map(|k| topic(texts, k)).collect()
}

/// The topic named `wanted`: its key, a prefix of it, or a word of its question (in English,
/// as the agent types, or in `texts`' language).
pub fn find(texts: &Texts, wanted: &str) -> Option<&'static str> {
    let w = wanted.trim().to_lowercase();
    if w.is_empty() {
        return None;
    }
    // the agent types English: the built-in English questions too, when the caller's are not
    let english = match texts.language {
        Language::En => None,
        _ => Texts::load(Language::En, None).ok(),
    };
    let asks = |t: &Texts, k: &str| {
        t.get(&format!("faq-{k}-question"), &PLACES)
            .to_lowercase()
            .contains(&w)
    };
    KEYS.iter()
        .find(|k| **k == w)
        .or_else(|| KEYS.iter().find(|k| k.starts_with(&w)))
        .or_else(|| {
            KEYS.iter()
                .find(|k| english.iter().chain([texts]).any(|t| asks(t, k)))
        })
        .copied()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn topics_are_found_by_key_prefix_or_word() {
        let en = Texts::load(Language::En, None).unwrap();
        let es = Texts::load(Language::Es, None).unwrap();
        assert_eq!(find(&en, "left-phone"), Some("left-phone"));
        assert_eq!(find(&en, "lost"), Some("lost-phone"));
        assert_eq!(find(&en, "signal"), Some("no-signal"));
        assert!(find(&en, "Outlook").is_none());
        assert_eq!(find(&en, "mail app"), Some("native-mail"));
        assert!(find(&en, "").is_none());
        // an English word still finds it when the caller's language is Spanish, and a Spanish one
        assert_eq!(find(&es, "signal"), Some("no-signal"));
        assert_eq!(find(&es, "señal"), Some("no-signal"));
        assert!(topics(&en).iter().all(|t| t.answer.len() > 40));
        let mut keys: Vec<&str> = KEYS.to_vec();
        keys.sort();
        keys.dedup();
        assert_eq!(keys.len(), KEYS.len());
        assert!(topic(&en, "left-phone").answer.contains(CARE_CENTER));
        assert!(topic(&en, "change-number").answer.contains(MFA_SETUP));
        assert!(topic(&es, "change-number").answer.contains(MFA_SETUP));
        assert!(topic(&es, "left-phone").question.starts_with("¿Qué hago"));
    }
}
