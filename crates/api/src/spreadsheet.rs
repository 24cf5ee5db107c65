//! An uploaded xlsx workbook (as ERPs export) turned into the CSV the
//! imports read: the first sheet, read cell by cell and written row by row,
//! so neither the workbook nor the sheet is held in memory. A row keeps its
//! sheet row number as its CSV line, so problems name the row the user sees.

use calamine::{open_workbook, DataRef, Reader, Xlsx};
use std::io::Write;
use std::path::Path;

/// The first bytes of a zip file, which an xlsx workbook is.
pub const ZIP_MAGIC: &[u8; 4] = b"PK\x03\x04";

/// The media type of an xlsx workbook.
pub const XLSX: &str = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet";

/// Writes the first sheet of the workbook at `from` as CSV to `to`; answers
/// the number of lines written (the header's included), or why the
/// workbook cannot be read.
pub fn xlsx_to_csv(from: &Path, to: &Path) -> Result<u64, String> {
    let mut workbook: Xlsx<_> =
        open_workbook(from).map_err(|e| format!("not a readable xlsx workbook: {e}"))?;
    let sheet = workbook
        .sheet_names()
        .first()
        .cloned()
        .ok_or("the workbook has no sheet")?;
    let mut cells = workbook
        .worksheet_cells_reader(&sheet)
        .map_err(|e| format!("the sheet {sheet:?} cannot be read: {e}"))?;
    let file = std::fs::File::create(to).map_err(|e| e.to_string())?;
    let mut out = CsvOut {
        out: std::io::BufWriter::new(file),
        row: Vec::new(),
        width: 0,
        at: None,
        lines: 0,
    };
    while let Some(cell) = cells
        .next_cell()
        .map_err(|e| format!("the sheet {sheet:?} cannot be read: {e}"))?
    {
        let (row, column) = cell.get_position();
        out.move_to(row)?;
        let column = column as usize;
        if out.row.len() <= column {
            out.row.resize(column + 1, String::new());
        }
        out.row[column] = text(cell.get_value());
    }
    out.finish()
}

struct CsvOut<W: Write> {
    out: W,
    /// The row being read, and its 0-based sheet row.
    row: Vec<String>,
    /// The header's number of columns: a sheet leaves out empty cells at
    /// the end of a row, which CSV writes as empty fields.
    width: usize,
    at: Option<u32>,
    lines: u64,
}

impl<W: Write> CsvOut<W> {
    /// Writes the row read so far when `row` starts another, and a blank
    /// row for each row the sheet leaves out, which the import passes over.
    fn move_to(&mut self, row: u32) -> Result<(), String> {
        if self.at == Some(row) {
            return Ok(());
        }
        self.flush_row()?;
        let next = self.at.map_or(0, |r| r + 1);
        // A blank row as empty fields, not an empty line: the CSV reader
        // would not count that line, and the rows below would be misnamed.
        let blank = ",".repeat(self.width.saturating_sub(1)) + "\n";
        for _ in next..row {
            self.out
                .write_all(blank.as_bytes())
                .map_err(|e| e.to_string())?;
            self.lines += 1;
        }
        self.at = Some(row);
        Ok(())
    }

    fn flush_row(&mut self) -> Result<(), String> {
        if self.at.is_some() {
            if self.width == 0 {
                self.width = self.row.len();
            } else if self.row.len() < self.width {
                self.row.resize(self.width, String::new());
            }
            // The csv crate quotes what needs it; a record a writer.
            let mut line = csv::Writer::from_writer(Vec::new());
            line.write_record(&self.row).map_err(|e| e.to_string())?;
            let line = line.into_inner().map_err(|e| e.to_string())?;
            self.out.write_all(&line).map_err(|e| e.to_string())?;
            self.row.clear();
            self.lines += 1;
        }
        Ok(())
    }

    fn finish(mut self) -> Result<u64, String> {
        self.flush_row()?;
        self.out.flush().map_err(|e| e.to_string())?;
        Ok(self.lines)
    }
}

/// A cell as the CSV import reads it: dates as `YYYY-MM-DD`, whole numbers
/// without a decimal point, booleans as `true`/`false`.
fn text(value: &DataRef<'_>) -> String {
    match value {
        DataRef::Int(i) => i.to_string(),
        DataRef::Float(f) if f.fract() == 0.0 && f.abs() < 1e15 => format!("{f:.0}"),
        DataRef::Float(f) => f.to_string(),
        DataRef::String(s) | DataRef::DateTimeIso(s) | DataRef::DurationIso(s) => s.clone(),
        DataRef::SharedString(s) => (*s).to_owned(),
        DataRef::Bool(b) => b.to_string(),
        DataRef::DateTime(d) => {
            let (year, month, day, ..) = d.to_ymd_hms_milli();
            format!("{year:04}-{month:02}-{day:02}")
        }
        DataRef::Error(_) | DataRef::Empty => String::new(),
    }
}
