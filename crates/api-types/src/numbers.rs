//! Numbers as JSON Schema reads them: `5.0` is an integer there (a value with
//! no fraction), while serde's integer types refuse it. A client that sends
//! what the document allows must not get a 400.

use serde::de::{self, Deserializer, Visitor};
use std::fmt;

/// A `u8` that also accepts a JSON number with a zero fraction (`4.0`).
pub fn whole_u8<'de, D: Deserializer<'de>>(deserializer: D) -> Result<u8, D::Error> {
    struct WholeU8;

    impl Visitor<'_> for WholeU8 {
        type Value = u8;

        fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
            f.write_str("a whole number from 0 to 255")
        }

        fn visit_u64<E: de::Error>(self, v: u64) -> Result<u8, E> {
            u8::try_from(v).map_err(|_| E::invalid_value(de::Unexpected::Unsigned(v), &self))
        }

        fn visit_i64<E: de::Error>(self, v: i64) -> Result<u8, E> {
            u8::try_from(v).map_err(|_| E::invalid_value(de::Unexpected::Signed(v), &self))
        }

        fn visit_f64<E: de::Error>(self, v: f64) -> Result<u8, E> {
            if v.fract() == 0.0 && (0.0..=255.0).contains(&v) {
                // Checked above: whole and in range, so the cast is exact.
                #[allow(clippy::cast_possible_truncation, clippy::cast_sign_loss)]
                Ok(v as u8)
            } else {
                Err(E::invalid_value(de::Unexpected::Float(v), &self))
            }
        }
    }

    deserializer.deserialize_any(WholeU8)
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde::Deserialize;

    #[derive(Deserialize)]
    struct Body {
        #[serde(deserialize_with = "whole_u8")]
        n: u8,
    }

    fn parse(json: &str) -> Option<u8> {
        serde_json::from_str::<Body>(json).ok().map(|b| b.n)
    }

    #[test]
    fn whole_numbers_are_taken_with_or_without_a_zero_fraction() {
        assert_eq!(parse(r#"{"n": 4}"#), Some(4));
        assert_eq!(parse(r#"{"n": 4.0}"#), Some(4));
        assert_eq!(parse(r#"{"n": 255}"#), Some(255));
    }

    #[test]
    fn fractions_negatives_and_large_numbers_are_refused() {
        assert_eq!(parse(r#"{"n": 4.5}"#), None);
        assert_eq!(parse(r#"{"n": -1}"#), None);
        assert_eq!(parse(r#"{"n": 256}"#), None);
        assert_eq!(parse(r#"{"n": "4"}"#), None);
    }
}
