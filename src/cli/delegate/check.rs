//! `care delegate check OWNER DELEGATE`: is someone really a delegate, in plain words.

use super::*;

pub(super) async fn check(ctx: &Ctx, owner: &UserQuery, delegate: &UserQuery) -> Result<(), Error> {
    let (owner, delegate) = tokio::try_join!(find::user(ctx, owner), find::user(ctx, delegate))?;
    let (picture, graph) = picture_of(ctx, &owner).await?;
    let view: Option<&ExchangeView> = picture.exchange.as_ref().ok();
    let a = delegates::access(&graph, view, &delegate);
    let (status, reason) = picture.exchange_status();
    let partial = view.is_none();
    let (on, dn) = (owner.name(), delegate.name());
    let mut explanation = explain(&a, on, dn, picture.delivery.as_deref(), !partial);
    if let Some(reason) = reason {
        // a terminal reads it once, as the answer's first line; a script also on stderr
        if !ctx.show().people {
            ctx.notice(&format!("care: {}", partial_line(reason)));
        }
        explanation.insert(0, partial_line(reason));
    }
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
            source: if partial { "graph" } else { "exchange" },
            partial,
            incomplete: a.incomplete,
            disagreement: a.disagreement,
            exchange: ExchangeJson { status, reason },
            explanation,
        }));
    }
    ctx.emit(ctx.out.lines(&explanation))
}
