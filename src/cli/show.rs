//! How a run shows Graph's values: for a person reading a table on a terminal (plain words,
//! local times, phone numbers as the caller knows them in the district's region), or for a
//! script (CSV, JSON, a table on a pipe: Graph's values and ISO 8601 times, which it matches on
//! and a spreadsheet sorts).

#[derive(Debug, Clone)]
pub struct Show {
    pub people: bool,
    /// The region numbers are read in, for people only.
    pub region: Option<String>,
}

impl Show {
    /// A number as this run shows it.
    pub fn phone(&self, number: &str) -> String {
        match &self.region {
            Some(r) => crate::ops::phone::display(number, r),
            None => number.to_string(),
        }
    }

    /// Graph's enum value (or list of values) in plain words for people; as Graph writes it
    /// for scripts.
    pub fn words<S: AsRef<str>>(&self, values: &[S]) -> String {
        match self.people {
            true => crate::ops::words::plain_list(values),
            false => values
                .iter()
                .map(AsRef::as_ref)
                .collect::<Vec<_>>()
                .join(" "),
        }
    }

    /// One value of [`Show::words`].
    pub fn word(&self, value: &str) -> String {
        self.words(&[value])
    }

    /// A timestamp: the agent's local time for people, ISO 8601 for scripts.
    pub fn time(&self, ts: &str) -> String {
        if self.people {
            crate::output::local_time(ts)
        } else {
            crate::output::sanitize(ts)
        }
    }
}
