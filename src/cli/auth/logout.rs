//! `care auth logout`: a saved sign-in forgotten.

use super::*;

pub(super) fn logout(ctx: &Ctx, args: LogoutArgs) -> Result<(), Error> {
    let store = ctx.sessions()?;
    let profiles: Vec<String> = if args.all {
        store.list().into_iter().map(|s| s.profile).collect()
    } else {
        vec![ctx.settings()?.profile]
    };
    if profiles.is_empty() {
        ctx.notice("no profile is signed in");
    }
    for p in profiles {
        let who = store.peek(&p).ok().flatten().map(|s| s.account);
        if store.remove(&p).map_err(AuthError::from)? {
            ctx.notice(&format!(
                "signed out of profile {p}{}",
                who.map(|w| format!(" ({w})")).unwrap_or_default()
            ));
        } else {
            ctx.notice(&format!("profile {p} was not signed in"));
        }
    }
    Ok(())
}
