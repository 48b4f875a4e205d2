//! `care delegate list OWNER`: every delegate of a mailbox, and what each can do.

use super::*;

/// One row of `delegate list`.
#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
pub(super) struct ListRow {
    name: String,
    address: String,
    /// Graph's calendar role.
    role: String,
    kind: String,
    calendar: String,
    inbox: String,
    /// Empty when unknown (Graph alone).
    send_on_behalf: String,
    /// Exchange could not be read: the row is Graph's calendar view alone (stderr says why).
    partial: bool,
}

impl ListRow {
    fn names(&self, p: &Principal) -> bool {
        let same = |a: &Option<String>, b: &str| {
            a.as_deref()
                .is_some_and(|a| !b.is_empty() && a.eq_ignore_ascii_case(b))
        };
        same(&p.address, &self.address)
            || (same(&p.name, &self.name) && (p.address.is_none() || self.address.is_empty()))
    }
}

/// The row of `p` in `rows` (the organisation's for `Default`), added when missing.
pub(super) fn row_of<'a>(rows: &'a mut Vec<ListRow>, p: &Principal, kind: &str) -> &'a mut ListRow {
    let everyone = p.is_everyone();
    let i = rows.iter().position(|r| {
        if everyone {
            r.address.is_empty() && r.name == "My Organization"
        } else {
            r.names(p)
        }
    });
    match i {
        Some(i) => {
            // a name-only entry (a folder's) merged with one that has the address
            if rows[i].address.is_empty()
                && !everyone
                && let Some(a) = &p.address
            {
                rows[i].address = a.clone();
            }
            &mut rows[i]
        }
        None => {
            rows.push(ListRow {
                name: if everyone {
                    "My Organization".into()
                } else {
                    p.name.clone().unwrap_or_default()
                },
                address: p.address.clone().unwrap_or_default(),
                role: String::new(),
                kind: kind.into(),
                calendar: String::new(),
                inbox: String::new(),
                send_on_behalf: String::new(),
                partial: false,
            });
            let last = rows.len() - 1;
            &mut rows[last]
        }
    }
}

pub(super) fn folder_cell(p: &FolderPermission) -> String {
    let mut cell = p.access_rights.join("+");
    if !p.sharing_permission_flags.is_empty() {
        cell.push_str(&format!(" [{}]", p.sharing_permission_flags.join("+")));
    }
    cell
}

pub(super) async fn list(ctx: &Ctx, input: &UserQuery) -> Result<(), Error> {
    let owner = find::user(ctx, input).await?;
    let (picture, perms) = picture_of(ctx, &owner).await?;
    let mut rows: Vec<ListRow> = perms
        .iter()
        .map(|p| ListRow {
            name: p.email_address.name.clone().unwrap_or_default(),
            address: p.email_address.address.clone().unwrap_or_default(),
            role: p.role.clone(),
            kind: if p.is_delegate() {
                "delegate"
            } else {
                "sharee"
            }
            .into(),
            calendar: String::new(),
            inbox: String::new(),
            send_on_behalf: String::new(),
            partial: false,
        })
        .collect();
    if let Some(line) = partial_line(&picture.exchange) {
        ctx.notice(&format!("care: {line}"));
    }
    match &picture.exchange {
        Ok(x) => {
            for p in x.calendar.iter().flatten().filter(|p| p.grants_access()) {
                let row = row_of(&mut rows, &p.user, "sharee");
                row.calendar = folder_cell(p);
                row.kind = if p.is_delegate() {
                    "delegate"
                } else {
                    "sharee"
                }
                .into();
            }
            for p in x.inbox.iter().flatten().filter(|p| p.grants_access()) {
                row_of(&mut rows, &p.user, "inbox").inbox = folder_cell(p);
            }
            // Send on Behalf is "no" only where Exchange gave the mailbox record
            let record = x.mailbox.as_ref().ok().and_then(Option::as_ref);
            for p in &record.map(|m| m.send_on_behalf()).unwrap_or_default() {
                row_of(&mut rows, p, "sendOnBehalf").send_on_behalf = "yes".into();
            }
            let none = if record.is_some() { "no" } else { "unknown" };
            for r in rows
                .iter_mut()
                .filter(|r| r.send_on_behalf.is_empty() && r.name != "My Organization")
            {
                r.send_on_behalf = none.into();
            }
            // a part that did not answer leaves its cells unknown
            if !x.missing().is_empty() {
                for r in &mut rows {
                    r.partial = true;
                    if x.inbox.is_err() && r.inbox.is_empty() {
                        r.inbox = "unknown".into();
                    }
                    if x.calendar.is_err() && r.calendar.is_empty() {
                        r.calendar = "unknown".into();
                    }
                }
            }
        }
        Err(_) => {
            for r in &mut rows {
                r.partial = true;
            }
        }
    }
    let table: Vec<Vec<String>> = rows
        .iter()
        .map(|r| {
            vec![
                r.name.clone(),
                r.address.clone(),
                if ctx.show().people && !r.role.is_empty() {
                    role_words(&r.role).to_string()
                } else {
                    r.role.clone()
                },
                r.kind.clone(),
                r.calendar.clone(),
                r.inbox.clone(),
                r.send_on_behalf.clone(),
            ]
        })
        .collect();
    ctx.emit(ctx.out.records(
        &[
            "name",
            "address",
            "role",
            "kind",
            "calendar",
            "inbox",
            "sendOnBehalf",
        ],
        &table,
        &rows,
    ))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn list_rows_merge_by_address_or_name_and_keep_the_address() {
        let mut rows = vec![];
        // the inbox names Dana only by name; Send on Behalf has her address
        row_of(&mut rows, &Principal::parse("Dana Delegate"), "inbox").inbox = "Reviewer".into();
        row_of(
            &mut rows,
            &Principal::parse("Dana Delegate <dana@contoso.com>"),
            "sendOnBehalf",
        )
        .send_on_behalf = "yes".into();
        assert_eq!(rows.len(), 1);
        assert_eq!(rows[0].address, "dana@contoso.com");
        assert_eq!(rows[0].kind, "inbox");
        assert_eq!(
            (rows[0].inbox.as_str(), rows[0].send_on_behalf.as_str()),
            ("Reviewer", "yes")
        );
        // a namesake with another address is someone else
        row_of(
            &mut rows,
            &Principal::parse("Dana Delegate <dana2@contoso.com>"),
            "sendOnBehalf",
        );
        assert_eq!(rows.len(), 2);
        // Default is the organisation's row
        row_of(&mut rows, &Principal::parse("Default"), "sharee").calendar = "None".into();
        row_of(&mut rows, &Principal::parse("Default"), "sharee");
        assert_eq!(rows.len(), 3);
        assert_eq!(rows[2].name, "My Organization");
    }
}
