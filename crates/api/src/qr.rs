//! QR codes for what a phone should open: an authenticator's enrolment
//! URI, a calendar feed's URL.

use crate::error::ApiError;

/// `text` as a QR code, an SVG document (no image stack needed).
pub(crate) fn svg(text: &str) -> Result<String, ApiError> {
    let qr = qrcode::QrCode::new(text.as_bytes()).map_err(ApiError::internal)?;
    Ok(qr
        .render::<qrcode::render::svg::Color>()
        .min_dimensions(200, 200)
        .build())
}
