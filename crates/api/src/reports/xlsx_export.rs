//! A report as an Excel workbook: one sheet in constant-memory mode (a row
//! is written and let go, so a million rows cost the same memory as ten),
//! typed cells, dates and times as Excel dates in the reader's zone, the
//! heading row frozen, and columns wide enough for their content.

use super::heading;
use domain::report::{choice_label, Cell, ColumnType, ValidQuery};
use domain::UserSettings;
use rust_xlsxwriter::{ExcelDateTime, Format, Workbook, Worksheet, XlsxError};
use std::io::Write;

/// Excel's limit on a sheet's rows; a longer report goes on in new sheets.
const MAX_ROWS: u32 = 1_048_576;

pub struct XlsxSheet {
    workbook: Workbook,
    /// Rows written on the current sheet, the heading's included.
    row: u32,
    sheets: u16,
    headings: Vec<(String, ColumnType)>,
    title: String,
    zone: chrono_tz::Tz,
    date: Format,
    date_time: Format,
    bold: Format,
}

impl XlsxSheet {
    pub fn new(
        query: &ValidQuery,
        settings: &UserSettings,
        title: &str,
    ) -> Result<Self, XlsxError> {
        let date_pattern = settings.date_format.excel_pattern();
        let mut sheet = XlsxSheet {
            workbook: Workbook::new(),
            row: 0,
            sheets: 0,
            headings: query
                .columns
                .iter()
                .map(|c| (heading(c, settings), c.kind))
                .collect(),
            title: sheet_name(title),
            zone: settings.time_zone.tz(),
            date: Format::new().set_num_format(date_pattern),
            date_time: Format::new().set_num_format(format!(
                "{date_pattern} {}",
                settings.time_format.excel_pattern()
            )),
            bold: Format::new().set_bold(),
        };
        sheet.next_sheet()?;
        Ok(sheet)
    }

    fn next_sheet(&mut self) -> Result<(), XlsxError> {
        self.sheets += 1;
        let name = match self.sheets {
            1 => self.title.clone(),
            n => format!("{} ({n})", self.title),
        };
        let worksheet = self.workbook.add_worksheet_with_constant_memory()?;
        worksheet.set_name(name)?;
        worksheet.set_freeze_panes(1, 0)?;
        for (i, (text, kind)) in self.headings.iter().enumerate() {
            let col = i as u16;
            worksheet.set_column_width(col, width(text, *kind))?;
            worksheet.write_string_with_format(0, col, text, &self.bold)?;
        }
        self.row = 1;
        Ok(())
    }

    fn sheet(&mut self) -> &mut Worksheet {
        let last = self.workbook.worksheets_mut().len() - 1;
        &mut self.workbook.worksheets_mut()[last]
    }

    pub fn row(&mut self, cells: &[Cell]) -> Result<(), XlsxError> {
        if self.row == MAX_ROWS {
            self.next_sheet()?;
        }
        let row = self.row;
        let zone = self.zone;
        let (date, date_time) = (self.date.clone(), self.date_time.clone());
        let sheet = self.sheet();
        for (i, cell) in cells.iter().enumerate() {
            let col = i as u16;
            match cell {
                Cell::Empty => {}
                Cell::Text(text) => {
                    sheet.write_string(row, col, text)?;
                }
                Cell::Integer(n) => {
                    sheet.write_number(row, col, *n as f64)?;
                }
                Cell::Number(n) => {
                    sheet.write_number(row, col, *n)?;
                }
                Cell::Date(day) => {
                    sheet.write_datetime_with_format(row, col, excel_date(*day)?, &date)?;
                }
                Cell::DateTime(instant) => {
                    let local = instant.with_timezone(&zone).naive_local();
                    sheet.write_datetime_with_format(row, col, excel_time(local)?, &date_time)?;
                }
            }
        }
        self.row += 1;
        Ok(())
    }

    /// Writes the workbook to `out`.
    pub fn finish<W: Write + Send>(mut self, out: W) -> Result<(), XlsxError> {
        self.workbook.save_to_writer(out)
    }
}

fn excel_date(day: chrono::NaiveDate) -> Result<ExcelDateTime, XlsxError> {
    use chrono::Datelike;
    ExcelDateTime::from_ymd(day.year() as u16, day.month() as u8, day.day() as u8)
}

fn excel_time(local: chrono::NaiveDateTime) -> Result<ExcelDateTime, XlsxError> {
    use chrono::Timelike;
    excel_date(local.date())?.and_hms(local.hour() as u16, local.minute() as u8, local.second())
}

/// Wide enough for the heading and the usual content of the type.
fn width(heading: &str, kind: ColumnType) -> f64 {
    let content = match kind {
        ColumnType::Text => 24,
        ColumnType::Integer | ColumnType::Number => 10,
        ColumnType::Date => 12,
        ColumnType::DateTime => 18,
        // The words the cells hold, in English (Dutch ones are of a size).
        ColumnType::Choice(choices) => choices
            .iter()
            .map(|c| choice_label(c, domain::Language::En).chars().count())
            .max()
            .unwrap_or(8),
    };
    (heading.chars().count().max(content) + 2) as f64
}

/// A sheet name Excel takes: at most 31 characters, none of `[]:*?/\`.
fn sheet_name(title: &str) -> String {
    title
        .chars()
        .filter(|c| !"[]:*?/\\".contains(*c))
        .take(24)
        .collect()
}
