//! `care bulk phone-set|passcode-issue|session-revoke|method-reset`: a job, from its file to its summary.

use super::*;

pub(super) async fn run_job(
    ctx: &Ctx,
    action: Action,
    args: JobArgs,
    extra: Extra,
) -> Result<(), Error> {
    let Extra {
        region,
        codes_out,
        badges,
        multi_use,
        keys,
        one_at_a_time,
    } = extra;
    let dir = job::dir()?;
    let settings = ctx.settings()?;
    let checks = Checks {
        region: region.unwrap_or(settings.region.clone()),
        now: jiff::Timestamp::now(),
        tz: jiff::tz::TimeZone::system(),
        sheet: args.sheet.clone(),
    };
    let input = job::Input::open(&args.file, &dir)?;
    let pre = {
        let (path, c) = (input.path.clone(), checks.clone());
        // the check is CPU and disk work: off the async threads
        tokio::task::block_in_place(|| {
            Preflight::run(&path, action, &c, |e| {
                ctx.notice(&format!(
                    "{} {}: {}{}",
                    e.unit,
                    e.line,
                    e.user
                        .as_ref()
                        .map(|u| format!("{u}: "))
                        .unwrap_or_default(),
                    e.reason
                ))
            })
        })?
    };
    let (rows, counts) = (pre.rows(), pre.counts(action));
    if args.check {
        ctx.notice(&counts);
        return if pre.invalid > 0 {
            Err(Error::usage_hint(
                counted(pre.invalid, "invalid row"),
                "fix them, or run with --skip-invalid to leave them out",
            ))
        } else {
            Ok(())
        };
    }
    pre.allows_a_run(args.skip_invalid)?;
    let name = pre.name(action, &input);
    let journal_path = journal::path(&dir, &name);
    let again = |flag: &str| {
        format!(
            "care bulk {} --file {}{}{} {flag}",
            action.name(),
            args.file.display(),
            codes_out
                .as_ref()
                .map(|c| format!(" --codes-out {}", c.display()))
                .unwrap_or_default(),
            badges
                .as_ref()
                .map(|b| format!(" --badges {}", b.display()))
                .unwrap_or_default()
        )
    };
    // the job's lock before its journal is read: a second `--resume` waits for nothing and
    // redoes nothing, it is refused
    let lock = match args.dry_run {
        true => None,
        false => Some(
            journal::JobLock::take(&journal_path)
                .map_err(|e| Error::failed(e.to_string(), vec![]))?,
        ),
    };
    let resume = match job::earlier(
        &journal_path,
        &name,
        rows,
        (args.resume, args.force, args.dry_run),
        again,
    )? {
        job::Earlier::Run(r) => *r,
        job::Earlier::Finished { done } => {
            ctx.notice(&format!(
                "care: job {name} ran to the end already ({} done); nothing to resume",
                counted(done, "row")
            ));
            return Ok(());
        }
        job::Earlier::StartedOver { archived } => {
            ctx.notice(&format!(
                "care: the earlier journal is kept as {}",
                archived.display()
            ));
            Resume::default()
        }
    };
    let approval = job::approval(
        args.approved_by.as_deref(),
        args.reason.as_deref(),
        args.dry_run,
    )?;
    let (report_path, codes_path) = job::outputs(args.report.as_deref(), codes_out.as_deref())?;
    let backend = ctx.backend().await?;
    let job::Pace {
        rate,
        headroom,
        concurrency,
    } = job::Pace::of(args.rate, args.headroom, args.concurrency, ctx.config()?)?;
    let pacer = Arc::new(Pacer::new(
        rate.count,
        rate.per,
        f64::from(headroom) / 100.0,
    ));
    let guard = oncall::guard(ctx).await?;
    // the job's ticket, checked once (the policy may require one); a dry run changes nothing
    let ticket = if args.dry_run {
        ctx.ticket()
    } else {
        guard
            .ticket(ctx.ticket().as_deref())
            .map_err(|r| Error::from(crate::change::ChangeError::Refused(r)))?
    };
    let door = crate::change::Door::new(
        backend.graph.for_bulk(pacer.clone()),
        guard,
        checks.region.clone(),
    );
    let door = Arc::new(if args.dry_run { door.dry_run() } else { door });
    let codes = match (&codes_path, args.dry_run) {
        (Some(path), false) => {
            if path.exists() && !(args.resume && resume.started) {
                return Err(Error::usage_hint(
                    format!(
                        "{} exists; care never overwrites a codes file",
                        path.display()
                    ),
                    "name a new file for --codes-out",
                ));
            }
            let kind = match action {
                Action::QrIssue => CodeKind::Pin,
                Action::PasskeyProvision => CodeKind::KeyPin,
                _ => CodeKind::Pass,
            };
            let c = Codes::open(path, args.resume, kind)
                .map_err(|e| Error::failed(e.to_string(), vec![]))?;
            Some((path.clone(), Arc::new(Mutex::new(c))))
        }
        _ => None,
    };
    // the badges' folder: made private; a fresh run never writes over badges already there
    if let Some(folder) = badges.as_ref().filter(|_| !args.dry_run) {
        if !(args.resume && resume.started) && badge_files(folder).next().is_some() {
            return Err(Error::usage_hint(
                format!(
                    "{} holds badges already; care never overwrites a badge",
                    folder.display()
                ),
                "name a new folder for --badges",
            ));
        }
        crate::private_file::create_dir(folder)
            .map_err(|e| Error::failed(e.to_string(), vec![]))?;
    }
    let todo = pre.valid.saturating_sub(resume.done_rows());
    // Ctrl-C is heard from the moment the plan is shown (the first poll installs the handler):
    // one pressed before the first row stops the run as cleanly as one during it
    let ctrl_c = tokio::signal::ctrl_c();
    tokio::pin!(ctrl_c);
    let pressed_early = tokio::select! {
        biased;
        _ = &mut ctrl_c => true,
        () = std::future::ready(()) => false,
    };
    if !args.dry_run {
        let earlier = if resume.started {
            format!("; {} done by an earlier run", thousands(resume.done_rows()))
        } else {
            String::new()
        };
        ctx.notice(&format!(
            "{counts}{earlier}; about {:.0} writes a minute ({}% of the write limit left to agents on calls)",
            pacer.rate() * 60.0,
            headroom
        ));
        ctx.confirm(&format!(
            "{}{}?",
            job::question(action, todo),
            if pre.invalid > 0 {
                format!(" ({} skipped)", counted(pre.invalid, "invalid row"))
            } else {
                String::new()
            }
        ))?;
    }
    if let Some((approved_by, reason)) = approval.as_ref().filter(|_| !args.dry_run) {
        door.guard()
            .record_job(
                &name,
                &format!(
                    "bulk {} of {} from {} (sha256 {})",
                    action.name(),
                    counted(rows, "row"),
                    input.label,
                    &pre.sha256
                ),
                ticket.clone(),
                approved_by,
                reason,
            )
            .await
            .map_err(|e| {
                Error::failed(
                    format!("the audit log could not be written, so nothing was sent: {e}"),
                    vec!["fix the state dir (care config path shows where it is), then run the job again".into()],
                )
            })?;
    }
    let journal = if let Some(lock) = lock {
        let j =
            Journal::open(&journal_path, lock).map_err(|e| Error::failed(e.to_string(), vec![]))?;
        j.append(&Record::Start {
            job: name.clone(),
            action,
            input: input.label.clone(),
            sha256: pre.sha256.clone(),
            rows,
            at: jiff::Timestamp::now()
                .round(jiff::Unit::Second)
                .unwrap_or_default()
                .to_string(),
        })
        .await
        .map_err(|e| Error::failed(e.to_string(), vec![]))?;
        Some(Arc::new(j))
    } else {
        None
    };
    let stop = Arc::new(AtomicBool::new(pressed_early));
    let fatal = Arc::new(Mutex::new(None));
    let engine = Arc::new(Engine {
        door,
        job: crate::change::Job {
            id: name.clone(),
            ticket,
            no_notify: ctx.global.no_notify.clone(),
        },
        action,
        journal: journal.clone(),
        resume: Arc::new(resume),
        codes,
        badges: badges.clone(),
        keys,
        one_time: !multi_use,
        region: checks.region.clone(),
        dry_run: args.dry_run,
        // one USB port: one key, one row at a time
        concurrency: if one_at_a_time { 1 } else { concurrency },
        stop: stop.clone(),
        fatal: fatal.clone(),
    });
    // the rows, read a second time on their own thread
    let (tx, items) = mpsc::channel::<Item>(256);
    let reader = {
        let (path, checks) = (input.path.clone(), checks.clone());
        std::thread::spawn(move || -> Result<(), InputError> {
            let mut r = Reader::open(&path, action, checks)?;
            while let Some(row) = r.next() {
                let item = match row? {
                    Ok(row) => Item::Row(row),
                    Err(e) => Item::Invalid(e),
                };
                if tx.blocking_send(item).is_err() {
                    break;
                }
            }
            Ok(())
        })
    };
    let (etx, mut events) = mpsc::unbounded_channel();
    let started = Instant::now();
    let running = tokio::spawn(engine.clone().run(items, etx));
    let mut summary = Summary::new(&name, action, rows);
    let mut report = match &report_path {
        Some(p) => Some(Report::create(p).map_err(|e| Error::failed(e.to_string(), vec![]))?),
        None => None,
    };
    let bar = if ctx.term.interactive && !args.dry_run && !one_at_a_time {
        indicatif::ProgressBar::new(pre.valid + pre.invalid)
    } else {
        indicatif::ProgressBar::hidden()
    };
    bar.set_style(
        indicatif::ProgressStyle::with_template(
            "{spinner} {bar:30} {pos}/{len} rows · {per_sec} · ETA {eta} {msg}",
        )
        .unwrap_or_else(|_| indicatif::ProgressStyle::default_bar()),
    );
    let mut plan_rows: Vec<Vec<String>> = vec![];
    let mut plan_json: Vec<RowResult> = vec![];
    // a Ctrl-C already heard is not listened for again (its future has completed)
    let mut interrupted = pressed_early;
    loop {
        let event = tokio::select! {
            e = events.recv() => e,
            _ = &mut ctrl_c, if !interrupted => {
                interrupted = true;
                stop.store(true, Ordering::SeqCst);
                bar.suspend(|| ctx.notice("care: stopping after the rows in flight (Ctrl-C again kills care; --resume finishes the job either way)"));
                continue;
            }
        };
        let Some(event) = event else { break };
        match event {
            Event::AlreadyDone => {
                summary.done_before += 1;
                bar.inc(1);
            }
            Event::Would(r) => {
                summary.count(r.outcome);
                plan_rows.push(vec![
                    r.line.to_string(),
                    r.user.clone(),
                    match r.outcome {
                        Outcome::Changed => "would change",
                        Outcome::Unchanged => "already so",
                        Outcome::Failed => "would fail",
                        Outcome::Skipped => "skipped",
                    }
                    .to_string(),
                    r.reason.clone().unwrap_or_default(),
                ]);
                plan_json.push(r);
            }
            Event::Done(r) => {
                summary.count(r.outcome);
                bar.inc(1);
                if r.outcome == Outcome::Failed {
                    bar.set_message(format!(
                        "· {} failed",
                        thousands(summary.of(Outcome::Failed))
                    ));
                    bar.suspend(|| {
                        ctx.notice(&format!(
                            "{} {}: {}: failed: {}",
                            pre.unit,
                            r.line,
                            r.user,
                            r.reason.as_deref().unwrap_or_default()
                        ))
                    });
                }
                if let Some(rep) = report.as_mut() {
                    rep.add(&r)
                        .map_err(|e| Error::failed(e.to_string(), vec![]))?;
                }
            }
        }
    }
    let _ = running.await;
    bar.finish_and_clear();
    if let Ok(Err(e)) = reader.join() {
        return Err(job::JobError::from(e).into());
    }
    summary.seconds = started.elapsed().as_secs_f64();
    summary.interrupted = stop.load(Ordering::SeqCst);
    if let Some(j) = &journal {
        let _ = j
            .append(&Record::End {
                at: jiff::Timestamp::now()
                    .round(jiff::Unit::Second)
                    .unwrap_or_default()
                    .to_string(),
                interrupted: summary.interrupted,
            })
            .await;
    }
    if let Some(rep) = report {
        rep.finish()
            .map_err(|e| Error::failed(e.to_string(), vec![]))?;
    }
    if args.dry_run {
        plan_rows.sort_by_key(|r| r[0].parse::<u64>().unwrap_or(0));
        plan_json.sort_by_key(|r| r.line);
        ctx.emit(
            ctx.out
                .records(&["line", "user", "plan", "detail"], &plan_rows, &plan_json),
        )?;
        ctx.notice(&format!(
            "{counts}; dry run: {} would change, {} already so, {} would fail, {} skipped; nothing was changed",
            thousands(summary.of(Outcome::Changed)),
            thousands(summary.of(Outcome::Unchanged)),
            thousands(summary.of(Outcome::Failed)),
            thousands(summary.of(Outcome::Skipped)),
        ));
        return Ok(());
    }
    if let (Some(folder), Some(codes)) = (badges.as_ref().filter(|_| !args.dry_run), &codes_path) {
        print_sheets(ctx, folder, codes)?;
    }
    let done_now: u64 = Outcome::ALL.iter().map(|o| summary.of(*o)).sum();
    ctx.notice(&format!(
        "{}: {} in {:.1} s ({:.1} rows/s){}",
        name,
        summary.counts_text(),
        summary.seconds,
        done_now as f64 / summary.seconds.max(0.001),
        if summary.done_before > 0 {
            format!("; {} done earlier", thousands(summary.done_before))
        } else {
            String::new()
        }
    ));
    if ctx.out.format() == crate::output::Format::Json {
        ctx.emit(ctx.out.json(&summary))?;
    }
    if let Some((why, denied)) = fatal.lock().unwrap_or_else(|e| e.into_inner()).take() {
        let message = format!("job {name} stopped: {why}");
        let hints = vec![format!(
            "fix the cause, then finish it: {}",
            again("--resume")
        )];
        return Err(if denied {
            Error::NotSignedIn { message, hints }
        } else {
            Error::failed(message, hints)
        });
    }
    if summary.interrupted {
        ctx.notice(&format!(
            "care: job {name} stopped; finish it with: {}",
            again("--resume")
        ));
        return Err(Error::Cancelled);
    }
    if summary.of(Outcome::Failed) > 0 {
        return Err(Error::Partial {
            message: format!(
                "{} of {} failed",
                thousands(summary.of(Outcome::Failed)),
                counted(rows, "row")
            ),
            hints: vec![match &args.report {
                Some(p) => format!("the reasons are in {}", p.display()),
                None => "the reasons are above; --report FILE keeps them".into(),
            }],
        });
    }
    Ok(())
}

/// The badges a run wrote to `folder` (`LINE-UPN.png`), in line order.
fn badge_files(folder: &std::path::Path) -> impl Iterator<Item = PathBuf> {
    let mut files: Vec<PathBuf> = std::fs::read_dir(folder)
        .into_iter()
        .flatten()
        .flatten()
        .map(|e| e.path())
        .filter(|p| {
            p.file_name().and_then(|n| n.to_str()).is_some_and(|n| {
                n.ends_with(".png") && n.as_bytes().first().is_some_and(u8::is_ascii_digit)
            })
        })
        .collect();
    files.sort();
    files.into_iter()
}

/// Every badge in `folder` whose PIN is in the codes file, laid out for printing, four a page:
/// `sheet-1.png`, … (made again after each run, a resumed one included). A badge of a row
/// stopped before its PIN was saved is never printed.
fn print_sheets(ctx: &Ctx, folder: &std::path::Path, codes: &std::path::Path) -> Result<(), Error> {
    let saved: std::collections::HashSet<String> = csv::Reader::from_path(codes)
        .map(|mut r| {
            r.records()
                .flatten()
                .filter_map(|rec| rec.get(5).map(str::to_owned))
                .collect()
        })
        .unwrap_or_default();
    let badges: Vec<Vec<u8>> = badge_files(folder)
        .filter(|p| {
            p.file_name()
                .and_then(|n| n.to_str())
                .is_some_and(|n| saved.contains(n))
        })
        .filter_map(|p| std::fs::read(p).ok())
        .collect();
    let sheets = crate::ops::badge::sheets(&badges);
    for (i, sheet) in sheets.iter().enumerate() {
        let path = folder.join(format!("sheet-{}.png", i + 1));
        crate::private_file::replace(&path, sheet)
            .map_err(|e| Error::failed(e.to_string(), vec![]))?;
    }
    if !sheets.is_empty() {
        ctx.notice(&format!(
            "care: {} badges on {} printable {} in {} (sheet-1.png …)",
            badges.len(),
            sheets.len(),
            if sheets.len() == 1 { "sheet" } else { "sheets" },
            folder.display()
        ));
    }
    Ok(())
}
