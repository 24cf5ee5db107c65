//! A report as CSV (RFC 4180, UTF-8, optionally with the byte order mark
//! Excel needs to read UTF-8), written into the response while the rows are
//! read: nothing waits for the whole table.

use super::heading;
use actix_web::web::Bytes;
use domain::report::{Cell, ValidQuery};
use domain::UserSettings;

/// The UTF-8 byte order mark: without it Excel reads the file as ANSI.
const BOM: &[u8] = b"\xEF\xBB\xBF";
/// Bytes gathered before a chunk goes out.
const CHUNK_BYTES: usize = 64 * 1024;

/// Writes CSV into chunks of at least [`CHUNK_BYTES`].
pub struct CsvChunks {
    writer: csv::Writer<Vec<u8>>,
    zone: chrono_tz::Tz,
}

impl CsvChunks {
    /// A writer that has written the heading row (after the BOM, if asked).
    pub fn new(query: &ValidQuery, settings: &UserSettings, bom: bool) -> csv::Result<Self> {
        let start = if bom { BOM.to_vec() } else { Vec::new() };
        let mut writer = csv_writer(start);
        writer.write_record(query.columns.iter().map(|c| heading(c, settings)))?;
        Ok(CsvChunks {
            writer,
            zone: settings.time_zone.tz(),
        })
    }

    /// Adds a row; answers a chunk to send once enough has gathered.
    pub fn row(&mut self, cells: &[Cell]) -> csv::Result<Option<Bytes>> {
        let zone = self.zone;
        self.writer
            .write_record(cells.iter().map(|c| text(c, zone)))?;
        if self.writer.get_ref().len() < CHUNK_BYTES {
            return Ok(None);
        }
        self.take().map(Some)
    }

    /// What is left to send.
    pub fn finish(mut self) -> csv::Result<Bytes> {
        self.take()
    }

    fn take(&mut self) -> csv::Result<Bytes> {
        let full = std::mem::replace(&mut self.writer, csv_writer(Vec::new()));
        let bytes = full.into_inner().map_err(|e| e.into_error())?;
        Ok(Bytes::from(bytes))
    }
}

fn csv_writer(start: Vec<u8>) -> csv::Writer<Vec<u8>> {
    csv::WriterBuilder::new()
        .terminator(csv::Terminator::CRLF)
        .from_writer(start)
}

/// A cell as CSV text: dates ISO, instants in the reader's zone. Text that
/// a spreadsheet would run as a formula (`=`, `+`, `-`, `@` first) starts
/// with an apostrophe, as OWASP advises for files made to open in Excel.
fn text(cell: &Cell, zone: chrono_tz::Tz) -> String {
    match cell {
        Cell::Empty => String::new(),
        Cell::Text(text) if text.starts_with(['=', '+', '-', '@', '\t', '\r']) => {
            format!("'{text}")
        }
        Cell::Text(text) => text.clone(),
        Cell::Integer(n) => n.to_string(),
        Cell::Number(n) => n.to_string(),
        Cell::Date(date) => date.to_string(),
        Cell::DateTime(instant) => instant
            .with_timezone(&zone)
            .format("%Y-%m-%d %H:%M")
            .to_string(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn text_that_a_spreadsheet_would_run_is_quoted_and_numbers_are_not() {
        let zone = chrono_tz::UTC;
        assert_eq!(
            text(&Cell::Text("=HYPERLINK(1)".into()), zone),
            "'=HYPERLINK(1)"
        );
        assert_eq!(text(&Cell::Text("-3 dB".into()), zone), "'-3 dB");
        assert_eq!(text(&Cell::Integer(-3), zone), "-3");
        assert_eq!(text(&Cell::Text("MR 1.5T".into()), zone), "MR 1.5T");
    }
}
