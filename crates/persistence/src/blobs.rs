//! The attachment blob store: a local folder. A file is written under a
//! temporary name in the store's own `.incoming` folder (same filesystem, so
//! the rename is atomic), fsynced, renamed to its generated key and the
//! folder fsynced; only then may a database row name it. A blob whose row
//! never came is an orphan, and [`BlobStore::sweep`] removes it.

use sha2::{Digest, Sha256};
use std::collections::HashSet;
use std::io;
use std::path::{Path, PathBuf};
use std::time::{Duration, SystemTime};
use tokio::io::AsyncWriteExt;
use uuid::Uuid;

const INCOMING: &str = ".incoming";

#[derive(Debug, Clone)]
pub struct BlobStore {
    root: PathBuf,
}

/// A blob that is safely on disk.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct StoredBlob {
    pub key: String,
    pub size: u64,
    pub sha256: String,
}

impl StoredBlob {
    /// The blob as a user's file: its name and type as received, and who
    /// sent it when.
    pub fn into_file(
        self,
        file_name: String,
        file_type: domain::AttachmentType,
        uploaded_by: Option<domain::UserId>,
        uploaded_by_name: String,
        uploaded_at: chrono::DateTime<chrono::Utc>,
    ) -> domain::StoredFile {
        domain::StoredFile {
            file_name,
            file_type,
            size_bytes: self.size,
            sha256: self.sha256,
            storage_key: self.key,
            uploaded_by,
            uploaded_by_name,
            uploaded_at,
        }
    }
}

/// A blob being written. Dropped before [`IncomingBlob::finish`] (an error,
/// a client that went away), it deletes its temporary file.
#[derive(Debug)]
pub struct IncomingBlob {
    file: Option<tokio::fs::File>,
    temp_path: PathBuf,
    key: String,
    size: u64,
    hasher: Sha256,
    head: Vec<u8>,
}

fn fsync_dir(dir: &Path) -> io::Result<()> {
    std::fs::File::open(dir)?.sync_all()
}

impl BlobStore {
    /// Opens (and creates) the store at `root`.
    pub fn open(root: impl Into<PathBuf>) -> io::Result<Self> {
        let root = root.into();
        std::fs::create_dir_all(root.join(INCOMING))?;
        Ok(Self { root })
    }

    pub fn root(&self) -> &Path {
        &self.root
    }

    /// A key is a generated UUID: never a name from a client.
    fn path_of(&self, key: &str) -> Option<PathBuf> {
        let uuid = Uuid::try_parse(key).ok()?;
        let key = uuid.simple().to_string();
        Some(self.root.join(&key[..2]).join(key))
    }

    /// Starts a new blob.
    pub async fn begin(&self) -> io::Result<IncomingBlob> {
        let key = Uuid::new_v4().simple().to_string();
        let temp_path = self.root.join(INCOMING).join(format!("{key}.part"));
        let file = tokio::fs::OpenOptions::new()
            .write(true)
            .create_new(true)
            .open(&temp_path)
            .await?;
        Ok(IncomingBlob {
            file: Some(file),
            temp_path,
            key,
            size: 0,
            hasher: Sha256::new(),
            head: Vec::new(),
        })
    }

    /// The stored file, for reading; None for a malformed key.
    pub async fn open_blob(&self, key: &str) -> io::Result<tokio::fs::File> {
        let path = self
            .path_of(key)
            .ok_or_else(|| io::Error::new(io::ErrorKind::NotFound, "malformed blob key"))?;
        tokio::fs::File::open(path).await
    }

    /// The stored file's path (for blocking readers such as the zip writer).
    pub fn blob_path(&self, key: &str) -> Option<PathBuf> {
        self.path_of(key)
    }

    /// Deletes a blob whose row was not written; missing is fine.
    pub async fn delete(&self, key: &str) -> io::Result<()> {
        let Some(path) = self.path_of(key) else {
            return Ok(());
        };
        match tokio::fs::remove_file(path).await {
            Err(e) if e.kind() != io::ErrorKind::NotFound => Err(e),
            _ => Ok(()),
        }
    }

    /// Removes temporary files no upload is writing any more: at start, the
    /// parts a crash left. Another server process sharing the folder may be
    /// writing one right now, so only files untouched for `idle` go.
    pub fn clear_stale_incoming(&self, idle: Duration) -> io::Result<u64> {
        let now = SystemTime::now();
        let mut removed = 0;
        for file in std::fs::read_dir(self.root.join(INCOMING))? {
            let file = file?;
            let idle_for = file
                .metadata()?
                .modified()
                .ok()
                .and_then(|m| now.duration_since(m).ok());
            if idle_for.is_some_and(|age| age >= idle) {
                std::fs::remove_file(file.path())?;
                removed += 1;
            }
        }
        Ok(removed)
    }

    /// Removes blobs no row names (`known` holds the keys rows name) and
    /// abandoned temporary files, both only when older than `grace`, so a
    /// blob between its rename and its row's commit is never touched.
    pub fn sweep(&self, known: &HashSet<String>, grace: Duration) -> io::Result<u64> {
        let now = SystemTime::now();
        let old = |meta: &std::fs::Metadata| {
            meta.modified()
                .ok()
                .and_then(|m| now.duration_since(m).ok())
                .is_some_and(|age| age >= grace)
        };
        let mut removed = 0;
        for dir in std::fs::read_dir(&self.root)? {
            let dir = dir?;
            if !dir.file_type()?.is_dir() {
                continue;
            }
            let is_incoming = dir.file_name() == INCOMING;
            for file in std::fs::read_dir(dir.path())? {
                let file = file?;
                let name = file.file_name().to_string_lossy().into_owned();
                let orphan = is_incoming || !known.contains(&name);
                if orphan && old(&file.metadata()?) {
                    std::fs::remove_file(file.path())?;
                    removed += 1;
                }
            }
        }
        Ok(removed)
    }
}

impl IncomingBlob {
    /// The first bytes written (up to `limit`), to tell the file's type.
    pub fn head(&self) -> &[u8] {
        &self.head
    }

    pub fn size(&self) -> u64 {
        self.size
    }

    pub async fn write(&mut self, chunk: &[u8]) -> io::Result<()> {
        let file = self
            .file
            .as_mut()
            .ok_or_else(|| io::Error::other("blob already finished"))?;
        file.write_all(chunk).await?;
        self.hasher.update(chunk);
        self.size += chunk.len() as u64;
        if self.head.len() < 64 {
            let take = (64 - self.head.len()).min(chunk.len());
            self.head.extend_from_slice(&chunk[..take]);
        }
        Ok(())
    }

    /// Makes the blob durable under its key and returns it.
    pub async fn finish(mut self, store: &BlobStore) -> io::Result<StoredBlob> {
        let mut file = self
            .file
            .take()
            .ok_or_else(|| io::Error::other("blob already finished"))?;
        file.flush().await?;
        file.sync_all().await?;
        drop(file);
        let target = store
            .path_of(&self.key)
            .ok_or_else(|| io::Error::other("generated key is malformed"))?;
        let dir = target
            .parent()
            .map(Path::to_path_buf)
            .ok_or_else(|| io::Error::other("blob path has no folder"))?;
        tokio::fs::create_dir_all(&dir).await?;
        tokio::fs::rename(&self.temp_path, &target).await?;
        let root = store.root.clone();
        tokio::task::spawn_blocking(move || {
            fsync_dir(&dir)?;
            fsync_dir(&root)
        })
        .await
        .map_err(io::Error::other)??;
        let sha256 = self
            .hasher
            .clone()
            .finalize()
            .iter()
            .map(|b| format!("{b:02x}"))
            .collect();
        // Renamed away: nothing for Drop to remove.
        self.temp_path = PathBuf::new();
        Ok(StoredBlob {
            key: self.key.clone(),
            size: self.size,
            sha256,
        })
    }
}

impl Drop for IncomingBlob {
    fn drop(&mut self) {
        if !self.temp_path.as_os_str().is_empty() {
            // Best effort: the sweep removes what this cannot.
            let _ = std::fs::remove_file(&self.temp_path);
        }
    }
}

#[cfg(test)]
mod tests {
    #![allow(clippy::unwrap_used)]
    use super::*;

    fn files_under(dir: &Path) -> Vec<PathBuf> {
        let mut out = Vec::new();
        for entry in std::fs::read_dir(dir).unwrap() {
            let path = entry.unwrap().path();
            if path.is_dir() {
                out.extend(files_under(&path));
            } else {
                out.push(path);
            }
        }
        out
    }

    /// A store in a fresh directory (kept alive by the returned guard).
    fn new_store() -> (tempfile::TempDir, BlobStore) {
        let dir = tempfile::tempdir().unwrap();
        let store = BlobStore::open(dir.path()).unwrap();
        (dir, store)
    }

    /// A blob begun in `store` holding `bytes`, not finished yet.
    async fn blob_with(store: &BlobStore, bytes: &[u8]) -> IncomingBlob {
        let mut blob = store.begin().await.unwrap();
        blob.write(bytes).await.unwrap();
        blob
    }

    #[tokio::test]
    async fn a_finished_blob_is_stored_whole_under_its_key() {
        let (dir, store) = new_store();
        let mut blob = blob_with(&store, b"%PDF-1.7 hello ").await;
        blob.write(b"world").await.unwrap();
        assert!(blob.head().starts_with(b"%PDF-"));
        let stored = blob.finish(&store).await.unwrap();
        assert_eq!(stored.size, 20);
        assert_eq!(stored.sha256.len(), 64);
        let path = store.blob_path(&stored.key).unwrap();
        assert_eq!(std::fs::read(path).unwrap(), b"%PDF-1.7 hello world");
        assert!(files_under(&dir.path().join(INCOMING)).is_empty());
    }

    #[tokio::test]
    async fn an_abandoned_blob_leaves_nothing_behind() {
        let (dir, store) = new_store();
        drop(blob_with(&store, b"half a file").await);
        assert!(files_under(dir.path()).is_empty());
    }

    #[tokio::test]
    async fn keys_from_outside_never_become_paths() {
        let (_dir, store) = new_store();
        assert!(store.blob_path("../../etc/passwd").is_none());
        assert!(store.open_blob("..").await.is_err());
        store.delete("/etc/passwd").await.unwrap();
    }

    #[tokio::test]
    async fn parts_left_by_a_crash_go_and_uploads_being_written_stay() {
        let (dir, store) = new_store();
        let incoming = dir.path().join(INCOMING);
        let crashed = incoming.join("left-by-a-crash.part");
        std::fs::write(&crashed, b"half").unwrap();
        let an_hour_ago = SystemTime::now() - Duration::from_secs(3600);
        std::fs::File::options()
            .write(true)
            .open(&crashed)
            .unwrap()
            .set_modified(an_hour_ago)
            .unwrap();
        let writing = blob_with(&store, b"still coming").await;
        assert_eq!(
            store
                .clear_stale_incoming(Duration::from_secs(120))
                .unwrap(),
            1
        );
        assert!(!crashed.exists());
        assert_eq!(files_under(&incoming).len(), 1, "the live upload stays");
        drop(writing);
    }

    #[tokio::test]
    async fn the_sweep_removes_only_old_unknown_files() {
        let (dir, store) = new_store();
        let mut known = HashSet::new();
        for keep in [true, false] {
            let stored = blob_with(&store, b"x").await.finish(&store).await.unwrap();
            if keep {
                known.insert(stored.key);
            }
        }
        assert_eq!(
            store.sweep(&known, Duration::from_secs(3600)).unwrap(),
            0,
            "too young"
        );
        assert_eq!(store.sweep(&known, Duration::ZERO).unwrap(), 1);
        let left = files_under(dir.path());
        assert_eq!(left.len(), 1);
        assert!(known.contains(left[0].file_name().unwrap().to_str().unwrap()));
    }
}
