//! Checking one row of an import file column by column, in the order of
//! the kind's columns, with every problem of the row collected at once.

use crate::import::{self, Columns, ImportIssue, RowProblem};
use chrono::NaiveDate;

/// A row being checked: the next column to read and the problems so far.
pub(crate) struct RowCheck<'a> {
    line: u64,
    names: &'a [&'a str],
    values: std::vec::IntoIter<(&'a str, &'a str)>,
    problems: Vec<RowProblem>,
}

/// A column's name and (trimmed) value.
pub(crate) type Cell<'a> = (&'a str, &'a str);

impl<'a> RowCheck<'a> {
    /// Starts on the row `fields` at `line`, whose columns `names` stand
    /// where `columns` found them.
    pub(crate) fn new<const N: usize>(
        columns: &Columns<N>,
        names: &'a [&'a str; N],
        fields: &'a [&'a str],
        line: u64,
    ) -> Self {
        let values: Vec<Cell<'a>> = columns.values(names, fields).collect();
        RowCheck {
            line,
            names,
            values: values.into_iter(),
            problems: Vec::new(),
        }
    }

    /// The next column, unchecked.
    pub(crate) fn next(&mut self) -> Cell<'a> {
        self.values.next().unwrap_or(("", ""))
    }

    pub(crate) fn refuse(&mut self, (name, value): Cell<'_>, issue: ImportIssue) {
        self.problems
            .push(RowProblem::new(self.line, name, value, issue));
    }

    /// The next column, which must have a value.
    pub(crate) fn required(&mut self) -> String {
        let cell = self.next();
        import::required(&mut self.problems, self.line, cell)
    }

    /// The next column: a value of at most `max` characters.
    pub(crate) fn text(&mut self, max: usize) -> String {
        let cell = self.next();
        self.text_of(cell, max)
    }

    /// `cell`: a value of at most `max` characters.
    pub(crate) fn text_of(&mut self, cell: Cell<'_>, max: usize) -> String {
        import::required_text(&mut self.problems, self.line, cell, max)
    }

    /// The next column: empty, or at most `max` characters.
    pub(crate) fn optional(&mut self, max: usize) -> Option<String> {
        let cell = self.next();
        import::optional_text(&mut self.problems, self.line, cell, max)
    }

    /// The next column, which must have a value `parse` takes (else `issue`).
    pub(crate) fn parsed<T>(
        &mut self,
        issue: ImportIssue,
        parse: impl Fn(&str) -> Option<T>,
    ) -> Option<T> {
        let cell = self.next();
        import::parsed(&mut self.problems, self.line, cell, issue, parse)
    }

    /// The next column: empty (none), or a value `parse` takes (else `issue`).
    pub(crate) fn optional_parsed<T>(
        &mut self,
        issue: ImportIssue,
        parse: impl Fn(&str) -> Option<T>,
    ) -> Option<T> {
        let cell = self.next();
        if cell.1.is_empty() {
            return None;
        }
        let parsed = parse(cell.1);
        if parsed.is_none() {
            self.refuse(cell, issue);
        }
        parsed
    }

    /// The next column: empty (none) or a date.
    pub(crate) fn date(&mut self) -> Option<NaiveDate> {
        let cell = self.next();
        import::date(&mut self.problems, self.line, cell)
    }

    /// The next two columns: a start and an end date, not before it.
    pub(crate) fn dates(&mut self) -> Option<(NaiveDate, NaiveDate)> {
        let (start, end) = (self.next(), self.next());
        import::date_range(&mut self.problems, self.line, start, end)
    }

    /// The next column: `;`-separated values of at most `max` characters.
    pub(crate) fn list(&mut self, max: usize) -> Vec<String> {
        let cell = self.next();
        import::list(&mut self.problems, self.line, cell, max)
    }

    /// The next column: true or false (empty: false).
    pub(crate) fn boolean(&mut self) -> bool {
        let cell = self.next();
        import::boolean(&mut self.problems, self.line, cell)
    }

    /// The row's `value` when every column was good; otherwise its problems
    /// in column order.
    pub(crate) fn done<T>(mut self, value: Option<T>) -> Result<T, Vec<RowProblem>> {
        match value {
            Some(value) if self.problems.is_empty() => Ok(value),
            _ => {
                let names = self.names;
                self.problems
                    .sort_by_key(|p| names.iter().position(|c| *c == p.column));
                Err(self.problems)
            }
        }
    }
}
