//! Attachments: the file types a case accepts, decided by content (magic
//! bytes), never by the name or the type the client claims.

use crate::ids::{CaseId, UserId};
use chrono::{DateTime, Utc};

crate::text_enum! {
    pub enum AttachmentType / UnknownAttachmentType {
        Jpeg = "jpeg",
        Png = "png",
        Heic = "heic",
        Pdf = "pdf",
    }
}

/// A file a user sent, as kept: its bytes live in the blob store under
/// `storage_key`. Case attachments and documents are both stored files.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct StoredFile {
    pub file_name: String,
    pub file_type: AttachmentType,
    pub size_bytes: u64,
    pub sha256: String,
    pub storage_key: String,
    pub uploaded_by: Option<UserId>,
    /// Kept with the file: the name stays when the user is renamed or gone.
    pub uploaded_by_name: String,
    pub uploaded_at: DateTime<Utc>,
}

/// A file attached to a case.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Attachment {
    pub id: uuid::Uuid,
    pub case: CaseId,
    pub file: StoredFile,
}

/// HEIF brands of HEIC photos (iPhones send `heic`; `mif1` is the generic image brand).
const HEIC_BRANDS: [&[u8; 4]; 8] = [
    b"heic", b"heix", b"hevc", b"hevx", b"heim", b"heis", b"mif1", b"msf1",
];

impl AttachmentType {
    /// How many leading bytes [`AttachmentType::sniff`] needs.
    pub const SNIFF_BYTES: usize = 12;

    /// The type of a file from its first bytes; None for anything else.
    pub fn sniff(head: &[u8]) -> Option<Self> {
        if head.starts_with(&[0xFF, 0xD8, 0xFF]) {
            return Some(AttachmentType::Jpeg);
        }
        if head.starts_with(b"\x89PNG\r\n\x1a\n") {
            return Some(AttachmentType::Png);
        }
        if head.starts_with(b"%PDF-") {
            return Some(AttachmentType::Pdf);
        }
        // ISO base media: a 4-byte box size, then `ftyp` and the major brand.
        if head.len() >= 12 && &head[4..8] == b"ftyp" {
            let brand = &head[8..12];
            if HEIC_BRANDS.iter().any(|b| b.as_slice() == brand) {
                return Some(AttachmentType::Heic);
            }
        }
        None
    }

    pub const fn mime(self) -> &'static str {
        match self {
            AttachmentType::Jpeg => "image/jpeg",
            AttachmentType::Png => "image/png",
            AttachmentType::Heic => "image/heic",
            AttachmentType::Pdf => "application/pdf",
        }
    }

    pub const fn extension(self) -> &'static str {
        match self {
            AttachmentType::Jpeg => "jpg",
            AttachmentType::Png => "png",
            AttachmentType::Heic => "heic",
            AttachmentType::Pdf => "pdf",
        }
    }

    /// Browsers show these inline (a HEIC photo is downloaded instead).
    pub const fn previewable(self) -> bool {
        !matches!(self, AttachmentType::Heic)
    }
}

/// The name shown and offered on download: the client's base name without
/// paths, control or bidirectional characters, at most 120 characters, ending in the
/// extension of the detected type (a PDF named `x.exe` becomes `x.exe.pdf`).
pub fn display_file_name(client_name: Option<&str>, kind: AttachmentType) -> String {
    let base = client_name
        .unwrap_or_default()
        .rsplit(['/', '\\'])
        .next()
        .unwrap_or_default();
    let cleaned: String = base
        .chars()
        .filter(|c| {
            !c.is_control()
                && !crate::text::is_bidi_control(*c)
                && !matches!(c, '"' | '<' | '>' | ':' | '|' | '?' | '*')
        })
        .take(120)
        .collect();
    let cleaned = cleaned.trim().trim_start_matches('.').trim();
    let stem = if cleaned.is_empty() {
        "attachment"
    } else {
        cleaned
    };
    let extension = kind.extension();
    let has_extension = stem.rsplit_once('.').is_some_and(|(_, ext)| {
        ext.eq_ignore_ascii_case(extension)
            || (kind == AttachmentType::Jpeg && ext.eq_ignore_ascii_case("jpeg"))
    });
    if has_extension {
        stem.to_owned()
    } else {
        format!("{stem}.{extension}")
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn types_are_told_by_their_magic_bytes() {
        assert_eq!(
            AttachmentType::sniff(&[0xFF, 0xD8, 0xFF, 0xE0, 0, 0x10]),
            Some(AttachmentType::Jpeg)
        );
        assert_eq!(
            AttachmentType::sniff(b"\x89PNG\r\n\x1a\n\0\0\0\rIHDR"),
            Some(AttachmentType::Png)
        );
        assert_eq!(
            AttachmentType::sniff(b"%PDF-1.7\n%\xe2\xe3"),
            Some(AttachmentType::Pdf)
        );
        assert_eq!(
            AttachmentType::sniff(b"\0\0\0\x18ftypheic\0\0\0\0"),
            Some(AttachmentType::Heic)
        );
        assert_eq!(
            AttachmentType::sniff(b"\0\0\0\x1cftypmif1\0\0\0\0"),
            Some(AttachmentType::Heic)
        );
    }

    #[test]
    fn anything_else_is_refused_whatever_it_is_called() {
        for head in [
            b"<html><script>alert(1)</script>".as_slice(),
            b"<?xml version=\"1.0\"?><svg",
            b"MZ\x90\0\x03\0\0\0",
            b"PK\x03\x04\x14\0",
            b"GIF89a\x01\0",
            b"\0\0\0\x18ftypmp42\0\0\0\0",
            b"",
            b"%PD",
        ] {
            assert_eq!(AttachmentType::sniff(head), None, "{head:?}");
        }
    }

    #[test]
    fn file_names_lose_paths_and_get_the_real_extension() {
        let pdf = AttachmentType::Pdf;
        assert_eq!(
            display_file_name(Some("C:\\Users\\x\\form.pdf"), pdf),
            "form.pdf"
        );
        assert_eq!(
            display_file_name(Some("../../etc/passwd"), pdf),
            "passwd.pdf"
        );
        assert_eq!(
            display_file_name(Some("invoice.exe"), pdf),
            "invoice.exe.pdf"
        );
        assert_eq!(
            display_file_name(Some("IMG_0001.JPEG"), AttachmentType::Jpeg),
            "IMG_0001.JPEG"
        );
        assert_eq!(
            display_file_name(Some("a\"b\r\n.png"), AttachmentType::Png),
            "ab.png"
        );
        assert_eq!(
            display_file_name(None, AttachmentType::Heic),
            "attachment.heic"
        );
        assert_eq!(display_file_name(Some(".hidden"), pdf), "hidden.pdf");
        assert_eq!(
            display_file_name(Some("invoice\u{202E}fdp.exe"), pdf),
            "invoicefdp.exe.pdf",
            "no right-to-left override disguises the extension"
        );
        assert!(
            display_file_name(Some(&"x".repeat(500)), pdf)
                .chars()
                .count()
                <= 124
        );
    }

    #[test]
    fn heic_is_not_previewed_in_the_browser() {
        assert!(!AttachmentType::Heic.previewable());
        assert!(AttachmentType::Pdf.previewable());
    }
}
