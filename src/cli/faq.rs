//! `care faq [TOPIC]`: the district's MFA FAQ, ready to read to a caller.

use super::Verb;
use super::ctx::Ctx;
use crate::error::Error;
use crate::ops::caller::Language;
use crate::ops::faq;
use clap::Args;

/// Each verb's examples (under its long help, each parsed by a test) and whether it changes
/// the tenant (then its help shows `--ticket`, `--verified-by` and `--override`).
pub const HELP: &[Verb] = &[Verb {
    path: "faq",
    change: false,
    examples: &[
        "care faq",
        "care faq left-phone",
        "care faq left-phone --lang es",
    ],
}];

#[derive(Debug, Args)]
pub struct FaqArgs {
    /// A topic (left-phone, lost-phone, no-signal, no-mobile, office-phone, change-number,
    /// native-mail, delegate, how-often, options, why), or a word of its question
    pub topic: Option<String>,
    /// The caller's language [default: the config's caller-language, else en]
    #[arg(long, value_enum, value_name = "LANG")]
    pub lang: Option<Language>,
}

pub async fn run(ctx: &Ctx, args: FaqArgs) -> Result<(), Error> {
    let texts = ctx.caller_texts(args.lang)?;
    let json = |t: &faq::Topic| serde_json::json!({"topic": t.key, "question": t.question, "answer": t.answer, "language": texts.language.code()});
    match args.topic.as_deref() {
        None => {
            let topics = faq::topics(&texts);
            let rows: Vec<Vec<String>> = topics
                .iter()
                .map(|t| vec![t.key.to_string(), t.question.clone()])
                .collect();
            let all: Vec<serde_json::Value> = topics.iter().map(json).collect();
            ctx.emit(ctx.out.records(&["topic", "question"], &rows, &all))
        }
        Some(wanted) => {
            let key = faq::find(&texts, wanted).ok_or_else(|| {
                Error::usage_hint(
                    format!("no FAQ topic matches '{wanted}'"),
                    "list the topics with care faq",
                )
            })?;
            let t = faq::topic(&texts, key);
            if ctx.out.format() == crate::output::Format::Json {
                return ctx.emit(ctx.out.json(&json(&t)));
            }
            ctx.emit(
                ctx.out
                    .lines(&[t.question.clone(), String::new(), t.answer.clone()]),
            )
        }
    }
}
