//! Upload bodies as a browser's form sends them: `file` parts in one
//! `multipart/form-data` body.

/// The boundary of every body made here.
pub const BOUNDARY: &str = "csportal-test-boundary";

/// The request's `Content-Type` for a body made here.
pub fn content_type() -> String {
    format!("multipart/form-data; boundary={BOUNDARY}")
}

/// A body of one `file` part per `(name, bytes)`, each claiming
/// `part_type` (the server decides the type by the bytes, not the claim).
pub fn files<B: AsRef<[u8]>>(files: &[(&str, B)], part_type: &str) -> Vec<u8> {
    let mut body = Vec::new();
    for (name, content) in files {
        body.extend_from_slice(
            format!(
                "--{BOUNDARY}\r\nContent-Disposition: form-data; name=\"file\"; filename=\"{name}\"\r\nContent-Type: {part_type}\r\n\r\n"
            )
            .as_bytes(),
        );
        body.extend_from_slice(content.as_ref());
        body.extend_from_slice(b"\r\n");
    }
    body.extend_from_slice(format!("--{BOUNDARY}--\r\n").as_bytes());
    body
}
