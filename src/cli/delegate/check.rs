//! `care delegate check OWNER DELEGATE`: is someone really a delegate, in plain words.

use super::*;

/// A part of Exchange's answer, for `-o json`: `ok`, or `error` (the first line says why).
fn state<T>(part: &delegates::Part<T>) -> &'static str {
    match part {
        Ok(_) => "ok",
        Err(_) => "error",
    }
}

pub(super) async fn check(ctx: &Ctx, owner: &UserQuery, delegate: &UserQuery) -> Result<(), Error> {
    let (owner, delegate) = tokio::try_join!(find::user(ctx, owner), find::user(ctx, delegate))?;
    let (picture, graph) = picture_of(ctx, &owner).await?;
    let view: Option<&ExchangeView> = picture.exchange.as_ref().ok();
    let a = delegates::access(&graph, view, &delegate);
    let (status, reason) = picture.exchange_status();
    let missing = view.map(ExchangeView::missing).unwrap_or_default();
    let partial = view.is_none() || !missing.is_empty();
    let (on, dn) = (owner.name(), delegate.name());
    let mut explanation = explain(&a, on, dn, picture.delivery.as_deref(), view);
    if let Some(line) = partial_line(&picture.exchange) {
        // a terminal reads it once, as the answer's first line; a script also on stderr
        if !ctx.show().people {
            ctx.notice(&format!("care: {line}"));
        }
        explanation.insert(0, line);
    }
    // which parts of Exchange's answer are there
    let parts = view.map(|x| PartsJson {
        calendar: state(&x.calendar),
        inbox: state(&x.inbox),
        send_on_behalf: state(&x.mailbox),
    });
    if ctx.out.format() == Format::Json {
        return ctx.emit(ctx.out.json(&CheckJson {
            owner: owner.upn(),
            delegate: delegate.upn(),
            verdict: a.verdict,
            is_delegate: a.verdict == Verdict::Delegate,
            role: a.graph_role.as_deref(),
            can_see_private_items: a.can_see_private_items,
            calendar: a.calendar.as_ref().map(FolderJson::from),
            inbox: a.inbox.as_ref().map(FolderJson::from),
            send_on_behalf: a.send_on_behalf,
            meeting_messages: picture.delivery.as_deref(),
            matched_by: a.matched_by,
            source: if view.is_some_and(|x| x.calendar.is_ok()) {
                "exchange"
            } else {
                "graph"
            },
            partial,
            incomplete: a.incomplete,
            disagreement: a.disagreement,
            exchange: ExchangeJson {
                status,
                reason,
                parts,
            },
            explanation,
        }));
    }
    ctx.emit(ctx.out.lines(&explanation))
}
