//! Sending every row of a report: the rows come from the database as a
//! stream and go to the CSV or xlsx writer as they arrive.

use super::csv_export::CsvChunks;
use super::xlsx_export::XlsxSheet;
use crate::error::ApiError;
use crate::routes::files::{file_headers, file_response, Disposition};
use crate::routes::Reply;
use actix_web::web::Bytes;
use domain::report::{choice_label, Cell, ColumnType, ValidQuery};
use domain::{Language, UserSettings};
use futures_util::StreamExt;
use persistence::repositories::accounts::AccountVisibility;
use persistence::repositories::reports::{self, Reading};
use persistence::{Db, StoreError};
use std::io::{Seek, SeekFrom};
use tokio::sync::{mpsc, oneshot, OwnedSemaphorePermit};

/// Rows handed to the xlsx writer at a time.
const BATCH: usize = 1_000;

const CSV: &str = "text/csv; charset=utf-8";
const XLSX: &str = crate::spreadsheet::XLSX;

/// One export: what to read, for whom, and the slot it holds until sent.
pub struct Job {
    pub db: Db,
    pub visibility: AccountVisibility,
    pub query: ValidQuery,
    pub reading: Reading,
    pub settings: UserSettings,
    pub slot: OwnedSemaphorePermit,
}

impl Job {
    pub fn file_name(&self, extension: &str) -> String {
        super::file_name(
            self.query.report,
            self.settings.language,
            self.reading.today,
            extension,
        )
    }
}

/// Reads every row of `job` and hands each to `sink` (which answers false
/// to stop); `opened` learns whether the query started, so a failure
/// before the first row still answers a problem.
async fn each_row(
    job: &Job,
    opened: oneshot::Sender<Result<(), StoreError>>,
    mut sink: impl AsyncFnMut(Vec<Cell>) -> bool,
) -> Result<(), StoreError> {
    let rows = match reports::all_rows(&job.db, job.visibility, &job.query, job.reading).await {
        Ok(rows) => {
            let _ = opened.send(Ok(()));
            rows
        }
        Err(e) => {
            let _ = opened.send(Err(e));
            return Ok(());
        }
    };
    futures_util::pin_mut!(rows);
    let choices = choice_columns(&job.query);
    while let Some(row) = rows.next().await {
        if !sink(in_words(row?, &choices, job.settings.language)).await {
            break;
        }
    }
    Ok(())
}

/// Which of the query's columns hold choices (written as words).
fn choice_columns(query: &ValidQuery) -> Vec<bool> {
    query
        .columns
        .iter()
        .map(|c| matches!(c.kind, ColumnType::Choice(_)))
        .collect()
}

/// A row as people read it: the values of choice columns (`in_process`)
/// as their words in the reader's language ("In process").
fn in_words(mut row: Vec<Cell>, choices: &[bool], language: Language) -> Vec<Cell> {
    for (cell, is_choice) in row.iter_mut().zip(choices) {
        if let (true, Cell::Text(value)) = (*is_choice, &*cell) {
            *cell = Cell::Text(choice_label(value, language).to_owned());
        }
    }
    row
}

/// The CSV, streamed: chunks go out while later rows are still read.
pub async fn csv(job: Job, bom: bool) -> Reply {
    let name = job.file_name("csv");
    let (opened, started) = oneshot::channel();
    let (tx, rx) = mpsc::channel::<Result<Bytes, std::io::Error>>(4);
    let mut chunks =
        CsvChunks::new(&job.query, &job.settings, bom).map_err(|e| ApiError::Internal(e.into()))?;
    actix_web::rt::spawn(async move {
        let mut failed = None;
        let read = each_row(&job, opened, async |row| match chunks.row(&row) {
            Ok(Some(chunk)) => tx.send(Ok(chunk)).await.is_ok(),
            Ok(None) => true,
            Err(e) => {
                failed = Some(anyhow::Error::from(e));
                false
            }
        })
        .await;
        let outcome = match (read, failed) {
            (Err(e), _) => Err(anyhow::Error::from(e)),
            (Ok(()), Some(e)) => Err(e),
            (Ok(()), None) => chunks.finish().map_err(anyhow::Error::from),
        };
        let last = outcome.map_err(|e| {
            tracing::error!(error = %e, "a CSV export stopped");
            // The client sees the transfer break off, not a short file.
            std::io::Error::other("the export stopped")
        });
        let _ = tx.send(last).await;
        drop(job.slot);
    });
    started
        .await
        .map_err(|_| ApiError::Internal(anyhow::anyhow!("the export ended")))??;
    let body = futures_util::stream::unfold(rx, |mut rx| async move {
        rx.recv().await.map(|item| (item, rx))
    });
    Ok(file_headers(CSV, &name, Disposition::Attachment).streaming(body))
}

/// The workbook, written on a blocking thread from batches of rows, then
/// sent from its temporary file.
pub async fn xlsx(job: Job) -> Reply {
    let name = job.file_name("xlsx");
    let (file, _rows) = write_xlsx(&job).await?;
    let len = file
        .metadata()
        .map_err(|e| ApiError::Internal(e.into()))?
        .len();
    let response = file_response(
        tokio::fs::File::from_std(file),
        len,
        XLSX,
        &name,
        Disposition::Attachment,
    );
    drop(job.slot);
    Ok(response)
}

/// Writes every row of `job` into a workbook in a temporary file (read
/// from its start); answers it and how many rows it holds.
pub async fn write_xlsx(job: &Job) -> Result<(std::fs::File, u64), ApiError> {
    let (tx, mut rx) = mpsc::channel::<Vec<Vec<Cell>>>(4);
    let (query, settings) = (job.query.clone(), job.settings.clone());
    let title = job.query.report.title(job.settings.language);
    let writer = tokio::task::spawn_blocking(move || -> anyhow::Result<(std::fs::File, u64)> {
        let mut sheet = XlsxSheet::new(&query, &settings, title)?;
        let mut rows = 0;
        while let Some(batch) = rx.blocking_recv() {
            for row in &batch {
                sheet.row(row)?;
            }
            rows += batch.len() as u64;
        }
        let mut file = tempfile::tempfile()?;
        sheet.finish(&mut file)?;
        file.seek(SeekFrom::Start(0))?;
        Ok((file, rows))
    });
    // A plain loop, not `each_row`'s callback: digests make workbooks on
    // spawned tasks, and a future holding an async closure's borrow is not
    // provably `Send`.
    let read = async {
        let rows = reports::all_rows(&job.db, job.visibility, &job.query, job.reading).await?;
        futures_util::pin_mut!(rows);
        let choices = choice_columns(&job.query);
        let mut batch = Vec::with_capacity(BATCH);
        while let Some(row) = rows.next().await {
            batch.push(in_words(row?, &choices, job.settings.language));
            if batch.len() == BATCH
                && tx
                    .send(std::mem::replace(&mut batch, Vec::with_capacity(BATCH)))
                    .await
                    .is_err()
            {
                // The writer failed; its error is the one to tell.
                return Ok(());
            }
        }
        if !batch.is_empty() {
            let _ = tx.send(batch).await;
        }
        Ok::<_, StoreError>(())
    }
    .await;
    drop(tx);
    let written = writer
        .await
        .map_err(|e| ApiError::Internal(e.into()))?
        .map_err(ApiError::Internal)?;
    read?;
    Ok(written)
}
