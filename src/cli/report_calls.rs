//! `care report calls`: the center's calls from the door's audit records (this machine's, and
//! other agents' as `care audit list -o json` printed them), first-call resolution proved from
//! the tenant's sign-ins, as a table, CSV, JSON, and a self-contained web page with charts.

use super::ctx::Ctx;
use crate::error::Error;
use crate::graph::client::{Call as GraphCall, Version};
use crate::graph::model::{Collection, SignIn, User};
use crate::guard::audit::Record;
use crate::ops::calls::{self, Call, Summary};
use crate::output::{Format, html_escape};
use clap::Args;
use jiff::Timestamp;
use std::collections::BTreeMap;

/// Records from `care audit list -o json` (one array), or one record a line.
fn read_log(path: &std::path::Path) -> Result<Vec<Record>, Error> {
    let text = std::fs::read_to_string(path)
        .map_err(|e| Error::io(format!("cannot read {}", path.display()), e))?;
    let bad = |e: serde_json::Error| {
        Error::usage_hint(
            format!("{} is not an audit log: {e}", path.display()),
            "give what `care audit list -o json` printed on the other agent's machine",
        )
    };
    let records: Vec<Record> = match text.trim_start().starts_with('[') {
        true => serde_json::from_str(&text).map_err(bad)?,
        false => text
            .lines()
            .filter(|l| !l.trim().is_empty())
            .map(|l| serde_json::from_str(l).map_err(bad))
            .collect::<Result<_, _>>()?,
    };
    // a record as it was written, and not from the future: an edited one could hide or join
    // another's calls
    let soon = Timestamp::now() + jiff::SignedDuration::from_mins(5);
    let unlike = records.iter().find(|r| {
        !crate::guard::audit::sealed(r) || r.entry.at.parse::<Timestamp>().is_ok_and(|t| t > soon)
    });
    if let Some(r) = unlike {
        return Err(Error::usage_hint(
            format!(
                "{}: record {} is not as care wrote it (its hash does not match it, or it is dated ahead)",
                path.display(),
                r.seq
            ),
            "ask the agent for a fresh `care audit export` from their machine",
        ));
    }
    Ok(records)
}

#[derive(Debug, Args)]
pub struct CallsArgs {
    /// How far back: a duration (7d, 24h) or a time (2026-11-30)
    #[arg(long, value_name = "WHEN", default_value = "7d")]
    pub since: String,
    /// One row per agent, per scenario (what the call was about) or per school
    #[arg(long, value_enum, value_name = "GROUP")]
    pub by: Option<By>,
    /// Another agent's records too: what `care audit list -o json` printed on their machine
    /// (repeat for each)
    #[arg(long, value_name = "FILE")]
    pub log: Vec<std::path::PathBuf>,
    /// Every agent's changes from the tenant's audit log (changes to authentication methods)
    /// besides the records here: a change both hold counts once, as part of its call
    #[arg(long)]
    pub from_tenant: bool,
    /// What a call costs the center, for the cost column [default: 0]
    #[arg(long, value_name = "AMOUNT", default_value_t = 0.0)]
    pub cost_per_call: f64,
    /// Also write the report as one self-contained web page (charts inline, nothing fetched)
    #[arg(long, value_name = "FILE")]
    pub html: Option<std::path::PathBuf>,
}

/// How `care report calls` groups its rows.
#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
pub enum By {
    Agent,
    Scenario,
    School,
}

/// `m:ss`.
fn minutes(seconds: i64) -> String {
    format!("{}:{:02}", seconds / 60, seconds % 60)
}

pub(super) async fn calls(ctx: &Ctx, args: CallsArgs) -> Result<(), Error> {
    let since = super::audit::since(&args.since)?;
    if let Some(path) = &args.html
        && path.exists()
    {
        return Err(Error::usage_hint(
            format!(
                "{} exists: the report is never written over",
                path.display()
            ),
            "name a new file for --html",
        ));
    }
    let mut theirs = vec![];
    for path in &args.log {
        theirs.extend(read_log(path)?);
    }
    let mut records = super::audit::report_records(ctx, theirs, since).await?;
    let graph = ctx.graph().await?;
    // the tenant's records of method changes: every agent's (--from-tenant), and the methods
    // people registered themselves after a call (a proof it helped)
    // only when it is needed: a call that changed nothing has nothing to prove
    let mut found = calls::calls(&records, since);
    let needed = args.from_tenant || found.iter().any(|c| !c.changes.is_empty());
    let audits = match needed {
        false => vec![],
        true => match graph.method_changes_since(since).await {
            Ok(a) => a,
            Err(e) if !args.from_tenant => {
                ctx.notice(&format!(
                "care: the tenant's audit log could not be read ({e}); methods registered after a call don't count as proof"
            ));
                vec![]
            }
            Err(e) => return Err(e.into()),
        },
    };
    if args.from_tenant {
        // the tenant holds every agent's changes: those no record here stands for join them
        let others = crate::guard::reconcile::not_in_log(&records, &audits, since);
        let added = calls::from_tenant(&others);
        ctx.notice(&format!(
            "care: the tenant's audit log adds {} made elsewhere (the others are records here)",
            crate::output::counted(added.len() as u64, "change")
        ));
        records.extend(added);
        found = calls::calls(&records, since);
    }
    // first-call resolution: the last successful sign-in of each person whose call changed
    // something, read in batches
    let people: Vec<String> = {
        let mut p: Vec<String> = found
            .iter()
            .filter(|c| !c.changes.is_empty())
            .map(|c| c.user.clone())
            .collect();
        p.sort();
        p.dedup();
        p
    };
    let asks: Vec<GraphCall> = people
        .iter()
        .map(|u| {
            crate::graph::logs::signins_call(
                Version::V1,
                &format!(
                    "{} and status/errorCode eq 0",
                    crate::graph::logs::signin_user_filter(None, u)
                ),
                since,
                1,
            )
        })
        .collect();
    let mut signed_in: BTreeMap<String, Option<Timestamp>> = BTreeMap::new();
    match graph.batch(&asks).await {
        Ok(replies) => {
            for (user, reply) in people.iter().zip(replies) {
                let last = reply
                    .and_then(|r| r.json::<Collection<SignIn>>())
                    .ok()
                    .and_then(|c| c.value.into_iter().next())
                    .and_then(|s| s.created_date_time.parse().ok());
                signed_in.insert(user.clone(), last);
            }
        }
        Err(e) => ctx.notice(&format!(
            "care: the tenant's sign-ins could not be read ({e}); first-call resolution is not proved"
        )),
    }
    calls::settle(&mut found, &signed_in, &calls::self_registrations(&audits));
    let schools = match args.by {
        Some(By::School) => schools(ctx, &found).await?,
        _ => BTreeMap::new(),
    };
    let key = |c: &Call| match args.by {
        None => "all calls".to_string(),
        Some(By::Agent) => c.agent.clone(),
        Some(By::Scenario) => c.scenario.to_string(),
        Some(By::School) => schools
            .get(&c.user)
            .cloned()
            .unwrap_or_else(|| "(no school)".into()),
    };
    let summaries = calls::summarize(&found, key, args.cost_per_call);
    if let Some(path) = &args.html {
        // a page is read by people: its times in words, wherever it was written from
        let since = crate::output::local_time(&since.to_string());
        let page = html(
            &summaries,
            &found,
            &since,
            args.by,
            args.cost_per_call > 0.0,
        );
        // a new file, readable only by the agent (it names callers)
        crate::private_file::create_new(path)
            .and_then(|mut f| {
                use std::io::Write;
                f.write_all(page.as_bytes()).map_err(|source| {
                    crate::private_file::PrivateFileError::Write {
                        path: path.display().to_string(),
                        source,
                    }
                })
            })
            .map_err(|e| Error::failed(e.to_string(), vec!["name a new file for --html".into()]))?;
        ctx.notice(&format!("care: the report is in {}", path.display()));
    }
    if ctx.out.format() == Format::Json {
        return ctx.emit(ctx.out.json(&serde_json::json!({
            "since": since.to_string(),
            "summaries": summaries,
            "calls": found,
        })));
    }
    let cost = args.cost_per_call > 0.0;
    let mut rows: Vec<Vec<String>> = summaries.iter().map(|s| row(s, cost)).collect();
    // on a terminal, agents of one domain by their names alone: a name is read whole
    if args.by == Some(By::Agent)
        && ctx.out.is_tty()
        && ctx.out.format() == Format::Table
        && let Some(domain) = shared_domain(summaries.iter().map(|s| s.group.as_str()))
    {
        let at = format!("@{domain}");
        for r in &mut rows {
            let name = r[0].len().saturating_sub(at.len());
            if r[0].is_char_boundary(name) && r[0][name..].eq_ignore_ascii_case(&at) {
                r[0].truncate(name);
            }
        }
        ctx.notice(&format!("care: agents of {domain}"));
    }
    let mut headers = headers(cost);
    headers[0] = match args.by {
        None => "group",
        Some(By::Agent) => "agent",
        Some(By::Scenario) => "scenario",
        Some(By::School) => "school",
    };
    ctx.emit(ctx.out.records(&headers, &rows, &summaries))
}

/// The domain every agent's UPN shares (apps aside), if there is one.
fn shared_domain<'a>(agents: impl Iterator<Item = &'a str>) -> Option<&'a str> {
    let mut domains = agents.filter_map(|a| a.rsplit_once('@').map(|(_, d)| d));
    let first = domains.next()?;
    domains
        .all(|d| d.eq_ignore_ascii_case(first))
        .then_some(first)
}

/// The columns (the cost only when a cost per call was given): each header wraps at its
/// spaces, so the table fits 80 columns.
fn headers(cost: bool) -> Vec<&'static str> {
    let mut h = vec![
        "group",
        "calls",
        "median handle",
        "changes",
        "resolved first call",
        "repeat callers",
        "refused",
        "overrides",
    ];
    if cost {
        h.push("cost");
    }
    h
}

fn row(s: &Summary, cost: bool) -> Vec<String> {
    let mut cells = vec![
        s.group.clone(),
        s.calls.to_string(),
        s.median_handle_seconds
            .map(minutes)
            .unwrap_or_else(|| "-".into()),
        s.changes.to_string(),
        match s.provable {
            0 => "not proved".into(),
            n => format!(
                "{} of {n} ({}%)",
                s.resolved,
                (s.resolved * 100 + n / 2) / n
            ),
        },
        s.repeat_callers.to_string(),
        s.refusals.to_string(),
        s.overrides.to_string(),
    ];
    if cost {
        cells.push(format!("{:.2}", s.cost));
    }
    cells
}

/// Each caller's school (their office), read in batches.
async fn schools(ctx: &Ctx, found: &[Call]) -> Result<BTreeMap<String, String>, Error> {
    let graph = ctx.graph().await?;
    let mut users: Vec<&str> = found.iter().map(|c| c.user.as_str()).collect();
    users.sort_unstable();
    users.dedup();
    let asks: Vec<GraphCall> = users
        .iter()
        .map(|u| {
            GraphCall::get(format!(
                "users/{}",
                crate::graph::encode::UserRef::parse(u)
                    .map(|r| r.as_str().to_string())
                    .unwrap_or_default()
            ))
            .query("$select", "officeLocation")
        })
        .collect();
    let replies = graph.batch(&asks).await?;
    Ok(users
        .into_iter()
        .zip(replies)
        .filter_map(|(u, r)| {
            let user: User = r.ok()?.json().ok()?;
            Some((u.to_string(), user.office_location?))
        })
        .collect())
}

/// A horizontal bar chart, inline SVG: one bar a label.
fn bars(title: &str, items: &[(String, u64)]) -> String {
    let max = items.iter().map(|(_, n)| *n).max().unwrap_or(1).max(1);
    let height = 24 * items.len() + 30;
    let mut svg = format!(
        r#"<figure><figcaption>{}</figcaption><svg role="img" aria-label="{}" width="640" height="{height}" viewBox="0 0 640 {height}">"#,
        html_escape(title),
        html_escape(title)
    );
    for (i, (label, n)) in items.iter().enumerate() {
        let y = 24 * i + 10;
        let w = (*n as f64 / max as f64 * 380.0).round() as u64;
        svg.push_str(&format!(
            r##"<text x="0" y="{}" font-size="12">{}</text><rect class="bar" x="220" y="{y}" width="{w}" height="16" fill="#2f6db5"></rect><text x="{}" y="{}" font-size="12">{n}</text>"##,
            y + 13,
            html_escape(label),
            226 + w,
            y + 13
        ));
    }
    svg.push_str("</svg></figure>");
    svg
}

/// The report as one web page, everything inline (no script, style or image fetched).
fn html(summaries: &[Summary], found: &[Call], since: &str, by: Option<By>, cost: bool) -> String {
    let mut per_day: BTreeMap<String, u64> = BTreeMap::new();
    for c in found {
        *per_day
            .entry(c.start.get(..10).unwrap_or_default().to_string())
            .or_insert(0) += 1;
    }
    let table_rows: String = summaries
        .iter()
        .map(|s| {
            let cells: String = row(s, cost)
                .iter()
                .map(|c| format!("<td>{}</td>", html_escape(c)))
                .collect();
            format!("<tr>{cells}</tr>")
        })
        .collect();
    let head: String = headers(cost)
        .iter()
        .map(|h| format!("<th>{}</th>", html_escape(h)))
        .collect();
    let grouped = match by {
        None => "",
        Some(By::Agent) => " by agent",
        Some(By::Scenario) => " by scenario",
        Some(By::School) => " by school",
    };
    format!(
        r#"<!doctype html><html lang="en"><meta charset="utf-8"><title>Care Center calls since {since}</title>
<style>body{{font-family:sans-serif;max-width:60em;margin:2em auto}}table{{border-collapse:collapse}}td,th{{border:1px solid #ccc;padding:.3em .6em;text-align:left}}</style>
<h1>Care Center calls</h1><p>Since {since}{grouped}: {total} calls. First-call resolution is proved from the tenant: the person signed in after the call and did not call again within 7 days.</p>
<table><tr>{head}</tr>{table_rows}</table>
{calls_chart}
{kinds_chart}
{days_chart}
</html>"#,
        since = html_escape(since),
        total = found.len(),
        calls_chart = bars(
            &format!("Calls{grouped}"),
            &summaries
                .iter()
                .map(|s| (s.group.clone(), s.calls))
                .collect::<Vec<_>>()
        ),
        kinds_chart = bars("Changes by kind", &{
            let mut kinds: BTreeMap<String, u64> = BTreeMap::new();
            for s in summaries {
                for (k, n) in &s.changes_by_kind {
                    *kinds.entry(k.clone()).or_insert(0) += n;
                }
            }
            kinds.into_iter().collect::<Vec<_>>()
        }),
        days_chart = bars("Calls per day", &per_day.into_iter().collect::<Vec<_>>()),
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn agents_of_one_domain_are_named_alone() {
        let one = ["a@district.example", "b@District.Example", "app 1234"];
        assert_eq!(shared_domain(one.into_iter()), Some("district.example"));
        let two = ["a@district.example", "b@other.example"];
        assert_eq!(shared_domain(two.into_iter()), None);
        assert_eq!(shared_domain(["app 1234"].into_iter()), None);
    }

    #[test]
    fn the_page_is_self_contained_and_escapes_names() {
        let s = Summary {
            group: "<script>alert(1)</script>".into(),
            calls: 2,
            ..Summary::default()
        };
        let page = html(&[s], &[], "yesterday 9:00 AM", Some(By::Agent), false);
        assert!(!page.contains("<script>"));
        assert!(page.contains("&lt;script&gt;"));
        assert!(page.contains("<rect class=\"bar\""));
        assert!(!page.contains("http://") && !page.contains("https://"));
        assert_eq!(minutes(241), "4:01");
    }
}
