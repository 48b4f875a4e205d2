//! `care bulk status [JOB]`: how far each job got.

use super::*;

pub(super) fn status(ctx: &Ctx, args: StatusArgs) -> Result<(), Error> {
    let dir = job::dir()?;
    let mut jobs: Vec<(String, Resume, bool)> = std::fs::read_dir(&dir)
        .into_iter()
        .flatten()
        .flatten()
        .map(|e| e.path())
        .filter(|p| p.extension().is_some_and(|x| x == "jsonl"))
        .filter_map(|p| {
            let name = p.file_stem()?.to_string_lossy().into_owned();
            // an archived journal (name.TIMESTAMP) is history, not a job
            if name.contains('.') {
                return None;
            }
            let r = Resume::read(&p).ok()?;
            let running = std::fs::OpenOptions::new()
                .append(true)
                .open(p.with_extension("lock"))
                .is_ok_and(|f| f.try_lock().is_err());
            Some((name, r, running))
        })
        .filter(|(n, _, _)| args.job.as_ref().is_none_or(|j| j == n))
        .collect();
    jobs.sort_by(|a, b| b.1.last_at.cmp(&a.1.last_at));
    if let Some(j) = &args.job
        && jobs.is_empty()
    {
        return Err(Error::NotFound {
            message: format!("no bulk job named {j}"),
            hints: vec!["list them with `care bulk status`".into()],
        });
    }
    let rows: Vec<Vec<String>> = jobs
        .iter()
        .map(|(name, r, running)| {
            let (input, total) = match &r.start {
                Some(Record::Start { input, rows, .. }) => (input.clone(), *rows),
                _ => (String::new(), 0),
            };
            let state = if *running {
                "running"
            } else if r.finished {
                "finished"
            } else {
                "stopped: --resume finishes it"
            };
            let counts: Vec<String> = Outcome::ALL
                .iter()
                .map(|o| format!("{} {}", r.counts.get(o).copied().unwrap_or(0), o.as_str()))
                .collect();
            vec![
                name.clone(),
                state.to_string(),
                format!("{} of {}", r.done_rows(), total),
                counts.join(", "),
                if r.in_flight.is_empty() {
                    String::new()
                } else {
                    format!("{} in flight", r.in_flight.len())
                },
                r.last_at.clone().unwrap_or_default(),
                input,
            ]
        })
        .collect();
    let json: Vec<serde_json::Value> = rows
        .iter()
        .map(|r| {
            serde_json::json!({"job": r[0], "state": r[1], "done": r[2], "outcomes": r[3],
                "inFlight": r[4], "last": r[5], "input": r[6]})
        })
        .collect();
    if rows.is_empty() {
        ctx.notice("no bulk jobs yet");
    }
    ctx.emit(ctx.out.records(
        &[
            "job",
            "state",
            "rows done",
            "outcomes",
            "",
            "last run",
            "input",
        ],
        &rows,
        &json,
    ))
}
