//! The bench repair form: one A4 page naming the case, the installed product,
//! its serial number, the account and the part, with lines to fill in and
//! sign before the device is shipped. Labels follow the user's language.

use domain::Language;
use pdf_writer::{Content, Finish, Name, Pdf, Rect, Ref, Str};

/// What the form is pre-filled with.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct BenchRepairForm {
    pub case_number: String,
    pub product_number: String,
    pub product_description: String,
    pub serial_number: String,
    pub account: String,
    pub part_description: String,
    pub part_serial_number: Option<String>,
    pub return_address: Option<String>,
    /// The date printed on it, already in the user's format.
    pub printed_on: String,
}

struct Labels {
    title: &'static str,
    intro: &'static str,
    case: &'static str,
    product: &'static str,
    serial: &'static str,
    account: &'static str,
    part: &'static str,
    part_serial: &'static str,
    return_address: &'static str,
    fault: &'static str,
    sender: &'static str,
    date: &'static str,
    signature: &'static str,
    printed: &'static str,
}

const EN: Labels = Labels {
    title: "Bench repair form",
    intro: "Fill in, sign and enclose this form with the device; upload a scan to the case.",
    case: "Case number",
    product: "Installed product",
    serial: "Serial number",
    account: "Account",
    part: "Part or device",
    part_serial: "Part serial number",
    return_address: "Return address",
    fault: "Fault description",
    sender: "Sent by (name)",
    date: "Date",
    signature: "Signature",
    printed: "Printed on",
};

const NL: Labels = Labels {
    title: "Formulier bench-reparatie",
    intro: "Vul dit formulier in, onderteken het en stuur het mee met het apparaat; upload een scan bij de case.",
    case: "Casenummer",
    product: "Geïnstalleerd product",
    serial: "Serienummer",
    account: "Account",
    part: "Onderdeel of apparaat",
    part_serial: "Serienummer onderdeel",
    return_address: "Retouradres",
    fault: "Omschrijving van de storing",
    sender: "Verzonden door (naam)",
    date: "Datum",
    signature: "Handtekening",
    printed: "Afgedrukt op",
};

/// Text in WinAnsiEncoding (what the standard fonts read): Latin-1 letters
/// map to themselves, anything else becomes `?`.
fn win_ansi(text: &str) -> Vec<u8> {
    text.chars()
        .map(|c| match c {
            '€' => 0x80,
            '‘' => 0x91,
            '’' => 0x92,
            '“' => 0x93,
            '”' => 0x94,
            '•' => 0x95,
            '–' => 0x96,
            '—' => 0x97,
            c => match u32::from(c) {
                n @ (0x20..=0x7E | 0xA0..=0xFF) => u8::try_from(n).unwrap_or(b'?'),
                _ => b'?',
            },
        })
        .collect()
}

/// Lines of at most `width` characters, broken at spaces.
fn wrap(text: &str, width: usize) -> Vec<String> {
    let mut lines = Vec::new();
    let mut line = String::new();
    for word in text.split_whitespace() {
        if !line.is_empty() && line.chars().count() + 1 + word.chars().count() > width {
            lines.push(std::mem::take(&mut line));
        }
        if !line.is_empty() {
            line.push(' ');
        }
        line.push_str(word);
    }
    if !line.is_empty() {
        lines.push(line);
    }
    lines
}

/// The form as PDF bytes.
pub fn render(form: &BenchRepairForm, language: Language) -> Vec<u8> {
    let labels = match language {
        Language::Nl => &NL,
        _ => &EN,
    };
    let (catalog, pages, page_id, regular, bold, contents) = (
        Ref::new(1),
        Ref::new(2),
        Ref::new(3),
        Ref::new(4),
        Ref::new(5),
        Ref::new(6),
    );
    let (f_regular, f_bold) = (Name(b"F1"), Name(b"F2"));
    let mut pdf = Pdf::new();
    pdf.catalog(catalog).pages(pages);
    pdf.pages(pages).kids([page_id]).count(1);
    let mut page = pdf.page(page_id);
    page.media_box(Rect::new(0.0, 0.0, 595.0, 842.0));
    page.parent(pages);
    page.contents(contents);
    {
        let mut resources = page.resources();
        let mut fonts = resources.fonts();
        fonts.pair(f_regular, regular);
        fonts.pair(f_bold, bold);
    }
    page.finish();
    for (id, base) in [
        (regular, b"Helvetica".as_slice()),
        (bold, b"Helvetica-Bold".as_slice()),
    ] {
        pdf.type1_font(id)
            .base_font(Name(base))
            .encoding_predefined(Name(b"WinAnsiEncoding"));
    }

    let mut content = Content::new();
    let mut y = 780.0;
    let text = |content: &mut Content, font: Name, size: f32, x: f32, y: f32, s: &str| {
        content.begin_text();
        content.set_font(font, size);
        content.next_line(x, y);
        content.show(Str(&win_ansi(s)));
        content.end_text();
    };
    text(&mut content, f_bold, 20.0, 56.0, y, labels.title);
    y -= 24.0;
    text(&mut content, f_regular, 10.0, 56.0, y, labels.intro);
    y -= 36.0;
    let product = format!("{} - {}", form.product_number, form.product_description);
    let mut fields: Vec<(&str, String)> = vec![
        (labels.case, form.case_number.clone()),
        (labels.product, product),
        (labels.serial, form.serial_number.clone()),
        (labels.account, form.account.clone()),
        (labels.part, form.part_description.clone()),
    ];
    if let Some(serial) = &form.part_serial_number {
        fields.push((labels.part_serial, serial.clone()));
    }
    if let Some(address) = &form.return_address {
        fields.push((labels.return_address, address.clone()));
    }
    for (label, value) in fields {
        text(&mut content, f_bold, 11.0, 56.0, y, label);
        for line in wrap(&value, 60) {
            text(&mut content, f_regular, 11.0, 210.0, y, &line);
            y -= 16.0;
        }
        y -= 6.0;
    }
    // Lines to fill in by hand.
    y -= 12.0;
    text(&mut content, f_bold, 11.0, 56.0, y, labels.fault);
    for _ in 0..5 {
        y -= 24.0;
        content.move_to(56.0, y).line_to(539.0, y);
    }
    content.set_line_width(0.5).stroke();
    for label in [labels.sender, labels.date, labels.signature] {
        y -= 40.0;
        text(&mut content, f_bold, 11.0, 56.0, y, label);
        content.move_to(210.0, y - 2.0).line_to(539.0, y - 2.0);
        content.stroke();
    }
    text(
        &mut content,
        f_regular,
        8.0,
        56.0,
        40.0,
        &format!(
            "{} {} - {}",
            labels.printed, form.printed_on, form.case_number
        ),
    );
    pdf.stream(contents, &content.finish());
    pdf.finish()
}

#[cfg(test)]
mod tests {
    #![allow(clippy::unwrap_used)]
    use super::*;

    fn form() -> BenchRepairForm {
        BenchRepairForm {
            case_number: "CS-2026-000042".into(),
            product_number: "IP-40010002".into(),
            product_description: "Incisive CT 128".into(),
            serial_number: "SN40010002".into(),
            account: "Lindenhaven UMC - Main Hospital".into(),
            part_description: "ECG trigger unit".into(),
            part_serial_number: Some("ECG-55102".into()),
            return_address: None,
            printed_on: "24-11-2026".into(),
        }
    }

    #[test]
    fn the_form_is_a_pdf_naming_the_case_product_and_account() {
        let bytes = render(&form(), Language::En);
        assert!(bytes.starts_with(b"%PDF-"));
        let text = String::from_utf8_lossy(&bytes);
        for expected in [
            "CS-2026-000042",
            "IP-40010002",
            "SN40010002",
            "Lindenhaven UMC",
            "ECG-55102",
            "Signature",
        ] {
            assert!(text.contains(expected), "{expected} missing");
        }
        assert_eq!(
            domain::AttachmentType::sniff(&bytes),
            Some(domain::AttachmentType::Pdf),
            "it can be uploaded back"
        );
    }

    #[test]
    fn dutch_users_get_dutch_labels_in_latin_1() {
        let bytes = render(&form(), Language::Nl);
        assert!(bytes
            .windows(b"Handtekening".len())
            .any(|w| w == b"Handtekening"));
        // "Geïnstalleerd": ï as the WinAnsi byte 0xEF, in a hex string.
        let text = String::from_utf8_lossy(&bytes);
        assert!(text.contains("<4765EF6E"), "Ge\u{ef}n as WinAnsi hex");
    }

    #[test]
    fn long_values_wrap_at_spaces() {
        assert_eq!(wrap("aa bb cc", 5), ["aa bb", "cc"]);
        assert_eq!(wrap("", 5), Vec::<String>::new());
        assert_eq!(win_ansi("Ø→x – €"), b"\xd8?x \x96 \x80");
    }
}
