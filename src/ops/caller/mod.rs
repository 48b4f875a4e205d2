//! What an agent reads to a caller (the FAQ's answers, the guided call's words, a code spelled
//! on the phone), in the caller's language: Project Fluent files, English (`en.ftl`) and
//! Spanish (`es.ftl`) built in, any message of which a district may replace with its own file
//! (`<config dir>/care/caller/LANG.ftl`). The agent's own screens stay in English.

use fluent_bundle::{FluentArgs, FluentBundle, FluentResource};
use std::path::{Path, PathBuf};

/// The languages the caller texts are written in.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, clap::ValueEnum)]
pub enum Language {
    #[default]
    En,
    Es,
}

impl Language {
    /// A code (`es`) or a name (`Spanish`, `español`): as `caller-language` is read.
    pub fn parse(text: &str) -> Option<Language> {
        match text.trim().to_ascii_lowercase().as_str() {
            "en" | "english" => Some(Language::En),
            "es" | "spanish" | "español" | "espanol" => Some(Language::Es),
            _ => None,
        }
    }

    pub fn code(self) -> &'static str {
        match self {
            Language::En => "en",
            Language::Es => "es",
        }
    }

    /// The built-in file.
    fn builtin(self) -> &'static str {
        match self {
            Language::En => include_str!("en.ftl"),
            Language::Es => include_str!("es.ftl"),
        }
    }
}

/// The caller texts of one language.
pub struct Texts {
    bundle: FluentBundle<FluentResource>,
    pub language: Language,
}

impl std::fmt::Debug for Texts {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Texts")
            .field("language", &self.language)
            .finish()
    }
}

/// Where a district's own file for `language` goes: `<dir>/LANG.ftl`.
pub fn district_file(dir: &Path, language: Language) -> PathBuf {
    dir.join(format!("{}.ftl", language.code()))
}

impl Texts {
    /// The built-in texts of `language`, with the messages of the district's file in `dir`
    /// (when there is one) in place of theirs. A district file that is not valid Fluent is an
    /// error naming it.
    pub fn load(language: Language, dir: Option<&Path>) -> Result<Texts, String> {
        let lang: unic_langid::LanguageIdentifier = language
            .code()
            .parse()
            .map_err(|_| "a language identifier".to_string())?;
        let mut bundle = FluentBundle::new(vec![lang]);
        // plain text for a terminal: no Unicode isolation marks around the placeables
        bundle.set_use_isolating(false);
        let builtin = FluentResource::try_new(language.builtin().to_string())
            .map_err(|(_, e)| format!("the built-in {} texts: {e:?}", language.code()))?;
        bundle
            .add_resource(builtin)
            .map_err(|e| format!("the built-in {} texts: {e:?}", language.code()))?;
        if let Some(file) = dir.map(|d| district_file(d, language))
            && let Ok(text) = std::fs::read_to_string(&file)
        {
            let own = FluentResource::try_new(text).map_err(|(_, e)| {
                format!(
                    "{} is not a valid Fluent file: {}",
                    file.display(),
                    e.first().map(|e| format!("{e:?}")).unwrap_or_default()
                )
            })?;
            bundle.add_resource_overriding(own);
        }
        Ok(Texts { bundle, language })
    }

    /// Message `id` with its placeables filled from `args`; the id itself when there is no such
    /// message (a test holds every id the code uses to both built-in files).
    pub fn get(&self, id: &str, args: &[(&str, &str)]) -> String {
        let Some(pattern) = self.bundle.get_message(id).and_then(|m| m.value()) else {
            return id.to_string();
        };
        let mut fluent_args = FluentArgs::new();
        for (k, v) in args {
            fluent_args.set(*k, v.to_string());
        }
        let mut errors = vec![];
        self.bundle
            .format_pattern(pattern, Some(&fluent_args), &mut errors)
            .into_owned()
    }

    /// Whether the texts have message `id`.
    pub fn has(&self, id: &str) -> bool {
        self.bundle.has_message(id)
    }
}

/// The ids of a built-in file's messages, in order.
pub fn ids(language: Language) -> Vec<String> {
    language
        .builtin()
        .lines()
        .filter(|l| !l.starts_with('#') && !l.starts_with(' '))
        .filter_map(|l| l.split_once(" = ").map(|(id, _)| id.trim().to_string()))
        .collect()
}

/// The placeables (`$name`) a built-in message uses, sorted.
#[cfg(test)]
fn placeables(language: Language, id: &str) -> Vec<String> {
    let line = language
        .builtin()
        .lines()
        .find(|l| l.starts_with(&format!("{id} = ")))
        .unwrap_or_default();
    let mut out: Vec<String> = line
        .split("{ $")
        .skip(1)
        .filter_map(|p| p.split_once(' ').map(|(n, _)| n.to_string()))
        .collect();
    out.sort();
    out.dedup();
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Every English caller text has a Spanish one with the same placeables, and no Spanish
    /// one is left over: a text added in English only fails here.
    #[test]
    fn every_caller_text_is_in_both_languages() {
        let (en, es) = (ids(Language::En), ids(Language::Es));
        assert!(en.len() > 50, "{}", en.len());
        for id in &en {
            assert!(
                es.contains(id),
                "'{id}' has no Spanish text (src/ops/caller/es.ftl)"
            );
            assert_eq!(
                placeables(Language::En, id),
                placeables(Language::Es, id),
                "'{id}' fills other values in English and Spanish"
            );
        }
        for id in &es {
            assert!(en.contains(id), "'{id}' is in Spanish only");
        }
        let es = Texts::load(Language::Es, None).unwrap();
        for id in &en {
            assert!(es.has(id), "{id}");
            assert_ne!(es.get(id, &[]), *id);
        }
    }

    #[test]
    fn placeables_are_filled_and_a_district_file_replaces_messages() {
        let t = Texts::load(Language::Es, None).unwrap();
        assert_eq!(
            t.get("call-not-signed-out", &[("why", "paramos")]),
            "No pudimos cerrar su sesión en todos los equipos (paramos)."
        );
        let dir = tempfile::tempdir().unwrap();
        std::fs::write(
            district_file(dir.path(), Language::Es),
            "because-failed = hubo un problema con el sistema\n",
        )
        .unwrap();
        let t = Texts::load(Language::Es, Some(dir.path())).unwrap();
        assert_eq!(
            t.get("because-failed", &[]),
            "hubo un problema con el sistema"
        );
        assert_eq!(t.get("spell-digit-7", &[]), "siete");
        std::fs::write(district_file(dir.path(), Language::Es), "= broken\n").unwrap();
        assert!(
            Texts::load(Language::Es, Some(dir.path()))
                .unwrap_err()
                .contains("is not a valid Fluent file")
        );
    }

    #[test]
    fn languages_by_their_codes_and_names() {
        assert_eq!(Language::parse("ES"), Some(Language::Es));
        assert_eq!(Language::parse("español"), Some(Language::Es));
        assert_eq!(Language::parse("en"), Some(Language::En));
        assert_eq!(Language::parse("fr"), None);
    }
}
