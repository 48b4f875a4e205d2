//! `care faq [TOPIC]`: the district's MFA FAQ, ready to read to a caller.

use super::Verb;
use super::ctx::Ctx;
use crate::error::Error;
use crate::ops::faq::{self, TOPICS};
use clap::Args;

/// Each verb's examples (under its long help, each parsed by a test) and whether it changes
/// the tenant (then its help shows `--ticket`, `--verified-by` and `--override`).
pub const HELP: &[Verb] = &[Verb {
    path: "faq",
    change: false,
    examples: &["care faq", "care faq left-phone"],
}];

#[derive(Debug, Args)]
pub struct FaqArgs {
    /// A topic (left-phone, lost-phone, no-signal, no-mobile, office-phone, change-number,
    /// native-mail, delegate, how-often, options, why), or a word of its question
    pub topic: Option<String>,
}

pub async fn run(ctx: &Ctx, args: FaqArgs) -> Result<(), Error> {
    match args.topic.as_deref() {
        None => {
            let rows: Vec<Vec<String>> = TOPICS
                .iter()
                .map(|t| vec![t.key.to_string(), t.question.to_string()])
                .collect();
            let json: Vec<serde_json::Value> = TOPICS
                .iter()
                .map(|t| serde_json::json!({"topic": t.key, "question": t.question, "answer": t.answer}))
                .collect();
            ctx.emit(ctx.out.records(&["topic", "question"], &rows, &json))
        }
        Some(wanted) => {
            let t = faq::find(wanted).ok_or_else(|| {
                Error::usage_hint(
                    format!("no FAQ topic matches '{wanted}'"),
                    "list the topics with care faq",
                )
            })?;
            if ctx.out.format() == crate::output::Format::Json {
                return ctx.emit(ctx.out.json(
                    &serde_json::json!({"topic": t.key, "question": t.question, "answer": t.answer}),
                ));
            }
            ctx.emit(
                ctx.out
                    .lines(&[t.question.to_string(), String::new(), t.answer.to_string()]),
            )
        }
    }
}
