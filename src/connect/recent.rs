//! The callers an agent looked up lately, per tenant (the embedded sandbox's, or a profile's),
//! for completing their UPN on TAB: `UPN<TAB>name` lines in a 0600 file of the state dir.

use super::Target;
use crate::graph::model::User;
use std::path::PathBuf;

/// How many recent callers are kept, per profile.
pub const RECENT: usize = 50;

/// Whose a file of care's state is (the recent callers, readiness snapshots): the embedded
/// sandbox's (training), or a profile's at one Graph (a served sandbox on this machine and the
/// real tenant never share one).
pub fn tenant_key(target: &Target, profile: &str) -> String {
    let key = match target {
        Target::Embedded => "sandbox".to_string(),
        Target::Remote { graph, .. } => {
            let host = graph.as_str().split_once("://").map_or("", |(_, h)| h);
            format!("{profile}-{host}")
        }
    };
    key.chars()
        .map(|c| {
            if c.is_ascii_alphanumeric() || c == '-' || c == '_' {
                c
            } else {
                '_'
            }
        })
        .collect()
}

fn recent_path(key: &str) -> Option<PathBuf> {
    Some(
        crate::config::state_dir()
            .ok()?
            .join(format!("recent-callers-{key}")),
    )
}

/// A UPN care may offer to a shell: one Entra could hold (before the `@` only `A-Z a-z 0-9
/// ' . - _ ! # ^ ~`, graph-api.md §1.2; a hostile or imported directory may hold anything), that
/// could be typed as a user and that sanitising leaves as it is.
pub fn offerable(upn: &str) -> bool {
    upn.split_once('@').is_some_and(|(local, _)| {
        local
            .chars()
            .all(|c| c.is_ascii_alphanumeric() || "'.-_!#^~".contains(c))
    }) && crate::graph::encode::UserRef::parse(upn).is_ok()
        && crate::output::sanitize(upn) == upn
}

/// One line a caller: `UPN<TAB>display name`, the most recent first. No secrets: what the
/// agent typed TAB for, in a 0600 file.
pub fn parse(text: &str) -> Vec<(String, String)> {
    text.lines()
        .filter_map(|l| {
            let (upn, name) = l.split_once('\t').unwrap_or((l, ""));
            offerable(upn).then(|| (upn.to_string(), crate::output::sanitize(name)))
        })
        .collect()
}

fn read_list(key: &str) -> Vec<(String, String)> {
    recent_path(key)
        .and_then(|p| crate::private_file::read(&p).ok().flatten())
        .map(|b| parse(&String::from_utf8_lossy(&b)))
        .unwrap_or_default()
}

pub fn remembered(list: Vec<(String, String)>, upn: &str, name: &str) -> String {
    // sanitising turns tabs and newlines into spaces: one caller stays one line
    let name = crate::output::sanitize(name);
    let mut text = format!("{upn}\t{name}\n");
    for (u, n) in list
        .into_iter()
        .filter(|(u, _)| !u.eq_ignore_ascii_case(upn))
        .take(RECENT - 1)
    {
        text.push_str(&format!("{u}\t{n}\n"));
    }
    text
}

/// Puts a caller first in the recent list of `target`. A failure only costs the completion,
/// never the command.
pub fn remember(target: &Target, profile: &str, user: &User) {
    if !offerable(user.upn()) {
        return;
    }
    let key = tenant_key(target, profile);
    let Some(path) = recent_path(&key) else {
        return;
    };
    let text = remembered(read_list(&key), user.upn(), user.name());
    if let Err(e) = crate::private_file::replace(&path, text.as_bytes()) {
        tracing::debug!("recent callers not saved: {e}");
    }
}

/// The recent callers of `target`, the most recent first.
pub fn read(target: &Target, profile: &str) -> Vec<(String, String)> {
    read_list(&tenant_key(target, profile))
}
