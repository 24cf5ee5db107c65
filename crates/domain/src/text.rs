//! Rules for text that one person types and others read.

/// The bidirectional embedding, override and isolate controls (U+202A to
/// U+202E, U+2066 to U+2069). In a name they reorder what follows on
/// screen: `invoice\u{202E}fdp.exe` shows as `invoiceexe.pdf`.
pub fn is_bidi_control(c: char) -> bool {
    matches!(c, '\u{202A}'..='\u{202E}' | '\u{2066}'..='\u{2069}')
}

/// `text` without bidirectional controls: what a name shown to other
/// people keeps.
pub fn strip_bidi_controls(text: &str) -> String {
    text.chars().filter(|c| !is_bidi_control(*c)).collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn names_lose_bidi_controls_and_keep_every_other_letter() {
        assert_eq!(
            strip_bidi_controls("invoice\u{202E}fdp.exe"),
            "invoicefdp.exe"
        );
        assert_eq!(
            strip_bidi_controls("\u{2066}Anna\u{2069} de Vries"),
            "Anna de Vries"
        );
        assert_eq!(strip_bidi_controls("مستشفى Ørsted ß"), "مستشفى Ørsted ß");
    }
}
