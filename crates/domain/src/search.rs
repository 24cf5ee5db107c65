//! The global search: what a query is, and how a hit ranks. Numbers
//! (case numbers, serials, contract numbers) rank by how closely they match
//! the whole query; words match anywhere in numbers, titles and
//! descriptions.

/// Type-ahead starts at two characters.
pub const MIN_QUERY: usize = 2;
pub const MAX_QUERY: usize = 100;
/// More words than this add nothing a person types into a search box.
pub const MAX_WORDS: usize = 6;

crate::text_enum! {
    /// What a hit is.
    pub enum SearchKind / UnknownSearchKind {
        Case = "case",
        InstalledProduct = "installed_product",
        Contract = "contract",
        Warranty = "warranty",
    }
}

/// A query as the database takes it: lower-cased words, each of which
/// must appear, and the whole for ranking numbers.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SearchTerm {
    pub whole: String,
    pub words: Vec<String>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum TermProblem {
    TooShort,
    TooLong,
}

impl SearchTerm {
    pub fn parse(text: &str) -> Result<Self, TermProblem> {
        let cleaned = crate::strip_bidi_controls(text);
        let words: Vec<String> = cleaned
            .split_whitespace()
            .take(MAX_WORDS)
            .map(str::to_lowercase)
            .collect();
        let whole = words.join(" ");
        match whole.chars().count() {
            n if n < MIN_QUERY => Err(TermProblem::TooShort),
            n if n > MAX_QUERY => Err(TermProblem::TooLong),
            _ => Ok(SearchTerm { whole, words }),
        }
    }
}

/// How a hit's number matches the whole query, best first.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub enum NumberMatch {
    Exact = 3,
    Prefix = 2,
    Within = 1,
    /// Found by its words only.
    None = 0,
}

impl NumberMatch {
    pub fn from_score(score: i64) -> Self {
        match score {
            3 => NumberMatch::Exact,
            2 => NumberMatch::Prefix,
            1 => NumberMatch::Within,
            _ => NumberMatch::None,
        }
    }
}

/// The order of hits of different kinds: the better number match first;
/// among equals, cases, then products, contracts and warranties (what a
/// service desk looks up most), then the newer.
pub fn rank_key(
    number: NumberMatch,
    kind: SearchKind,
    when: Option<chrono::DateTime<chrono::Utc>>,
) -> (
    std::cmp::Reverse<NumberMatch>,
    usize,
    std::cmp::Reverse<i64>,
) {
    let kind_order = SearchKind::ALL.iter().position(|k| *k == kind).unwrap_or(0);
    (
        std::cmp::Reverse(number),
        kind_order,
        std::cmp::Reverse(when.map_or(i64::MIN, |w| w.timestamp())),
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_query_is_two_to_a_hundred_characters_of_lower_cased_words() {
        assert_eq!(SearchTerm::parse(" a "), Err(TermProblem::TooShort));
        let term = SearchTerm::parse("  SN-4711   Gantry ").unwrap();
        assert_eq!(term.whole, "sn-4711 gantry");
        assert_eq!(term.words, ["sn-4711", "gantry"]);
        assert_eq!(
            SearchTerm::parse(&"x".repeat(101)),
            Err(TermProblem::TooLong)
        );
    }

    #[test]
    fn an_exact_number_outranks_a_prefix_whatever_the_kind() {
        let exact_contract = rank_key(NumberMatch::Exact, SearchKind::Contract, None);
        let prefix_case = rank_key(NumberMatch::Prefix, SearchKind::Case, None);
        assert!(exact_contract < prefix_case);
        let case = rank_key(NumberMatch::Within, SearchKind::Case, None);
        let product = rank_key(NumberMatch::Within, SearchKind::InstalledProduct, None);
        assert!(case < product);
    }
}
