//! The built browser app held in memory: each file with its type, ETag and
//! cache policy, plus brotli and gzip copies made once, off the request path.

use actix_web::web::Bytes;
use base64::engine::general_purpose::URL_SAFE_NO_PAD;
use base64::Engine;
use sha2::{Digest, Sha256};
use std::collections::HashMap;
use std::io::Write;
use std::path::Path;
use std::sync::{Arc, OnceLock};

/// Below this size compression saves less than the header costs.
const MIN_COMPRESSIBLE_BYTES: usize = 512;

#[derive(Debug)]
pub struct Asset {
    pub bytes: Bytes,
    pub content_type: String,
    /// Strong validator: a hash of the content.
    pub etag: String,
    /// Trunk's content-hashed names (and the lazy parts named with the same
    /// build hash) never change content: cache for a year.
    pub immutable: bool,
    pub brotli: OnceLock<Bytes>,
    pub gzip: OnceLock<Bytes>,
}

impl Asset {
    fn new(name: &str, bytes: Vec<u8>) -> Self {
        let content_type = mime_guess::from_path(name)
            .first_or_octet_stream()
            .essence_str()
            .to_owned();
        let content_type = match content_type.as_str() {
            "text/html" | "text/css" | "text/javascript" | "application/javascript" => {
                format!("{content_type}; charset=utf-8")
            }
            _ => content_type,
        };
        let etag = format!(
            "\"{}\"",
            URL_SAFE_NO_PAD.encode(&Sha256::digest(&bytes)[..16])
        );
        Self {
            immutable: has_content_hash(name),
            content_type,
            etag,
            bytes: Bytes::from(bytes),
            brotli: OnceLock::new(),
            gzip: OnceLock::new(),
        }
    }

    fn compressible(&self) -> bool {
        self.bytes.len() >= MIN_COMPRESSIBLE_BYTES
            && (self.content_type.starts_with("text/")
                || self.content_type.starts_with("application/javascript")
                || self.content_type.starts_with("application/json")
                || self.content_type == "application/wasm"
                || self.content_type == "image/svg+xml")
    }

    /// Fills the compressed copies (quality over speed: done once per start).
    pub fn compress(&self) {
        if !self.compressible() {
            return;
        }
        let mut brotli = Vec::with_capacity(self.bytes.len() / 3);
        {
            let mut writer = brotli::CompressorWriter::new(&mut brotli, 64 * 1024, 11, 22);
            if writer.write_all(&self.bytes).is_err() {
                return;
            }
        }
        let _ = self.brotli.set(Bytes::from(brotli));
        let mut gzip = flate2::write::GzEncoder::new(Vec::new(), flate2::Compression::best());
        if gzip.write_all(&self.bytes).is_ok() {
            if let Ok(gzip) = gzip.finish() {
                let _ = self.gzip.set(Bytes::from(gzip));
            }
        }
    }
}

/// `frontend-35f21985b6239cb4_bg.wasm`, `style-444ea9772eb26496.css`: a
/// 16-hex-digit hash before the extension (or before `_bg`).
fn has_content_hash(name: &str) -> bool {
    let stem = name.split('.').next().unwrap_or_default();
    let stem = stem.strip_suffix("_bg").unwrap_or(stem);
    stem.rsplit_once('-')
        .is_some_and(|(_, hash)| hash.len() == 16 && hash.bytes().all(|b| b.is_ascii_hexdigit()))
}

/// Every file of the app, by URL path without the leading slash.
#[derive(Debug, Default)]
pub struct AssetTable {
    files: HashMap<String, Arc<Asset>>,
}

impl AssetTable {
    /// Reads the folder's files (not its subfolders: Trunk writes a flat dist).
    pub fn read(dir: &Path) -> std::io::Result<Self> {
        let mut files = HashMap::new();
        for entry in std::fs::read_dir(dir)? {
            let entry = entry?;
            let name = entry.file_name().to_string_lossy().into_owned();
            if name.starts_with('.') || !entry.file_type()?.is_file() {
                continue;
            }
            let bytes = std::fs::read(entry.path())?;
            files.insert(name.clone(), Arc::new(Asset::new(&name, bytes)));
        }
        Ok(Self { files })
    }

    pub fn get(&self, path: &str) -> Option<&Arc<Asset>> {
        self.files.get(path.trim_start_matches('/'))
    }

    /// Compresses every file on a background thread; until a copy is ready
    /// the file goes out as it is.
    pub fn compress_in_background(&self) {
        let assets: Vec<Arc<Asset>> = self.files.values().cloned().collect();
        let spawned = std::thread::Builder::new()
            .name("asset-compression".into())
            .spawn(move || assets.iter().for_each(|asset| asset.compress()));
        if let Err(err) = spawned {
            tracing::warn!(error = %err, "cannot start asset compression; serving uncompressed");
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn trunk_hashed_names_are_immutable_and_fixed_names_are_not() {
        assert!(has_content_hash("frontend-35f21985b6239cb4_bg.wasm"));
        assert!(has_content_hash("frontend-35f21985b6239cb4.js"));
        assert!(has_content_hash("style-444ea9772eb26496.css"));
        // The lazily loaded parts carry the build's hash (scripts/trunk-split-wasm).
        assert!(has_content_hash("split_case_pages-35f21985b6239cb4.wasm"));
        assert!(has_content_hash("chunk_12-35f21985b6239cb4.wasm"));
        assert!(has_content_hash("__wasm_split-35f21985b6239cb4.js"));
        assert!(!has_content_hash("chunk_12.wasm"));
        assert!(!has_content_hash("index.html"));
        assert!(!has_content_hash("boot.js"));
        assert!(!has_content_hash("my-file.css"));
    }

    #[test]
    fn compressed_copies_decode_to_the_original() {
        let original = "fn main() { println!(\"csportal\"); }\n"
            .repeat(100)
            .into_bytes();
        let asset = Asset::new("frontend-0123456789abcdef.js", original.clone());
        asset.compress();
        let brotli = asset.brotli.get().expect("brotli copy");
        let mut decoded = Vec::new();
        brotli::BrotliDecompress(&mut brotli.as_ref(), &mut decoded).expect("valid brotli");
        assert_eq!(decoded, original);
        assert!(brotli.len() < original.len() / 10);
        let gzip = asset.gzip.get().expect("gzip copy");
        let mut decoded = Vec::new();
        std::io::Read::read_to_end(
            &mut flate2::read::GzDecoder::new(gzip.as_ref()),
            &mut decoded,
        )
        .expect("valid gzip");
        assert_eq!(decoded, original);
    }

    #[test]
    fn tiny_files_and_images_stay_as_they_are() {
        let small = Asset::new("boot.js", b"import('x')".to_vec());
        small.compress();
        assert!(small.brotli.get().is_none());
        let png = Asset::new("logo.png", vec![0u8; 4096]);
        png.compress();
        assert!(png.gzip.get().is_none());
        assert_eq!(png.content_type, "image/png");
    }
}
