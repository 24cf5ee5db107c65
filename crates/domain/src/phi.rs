//! A guard against patient data in free texts (domain.md, "Service cases": no
//! personal health information in a case description or an activity text).
//!
//! The API refuses a text these rules flag (422 `possible_patient_data`) until the
//! client confirms it holds no patient data. So the rules catch the obvious
//! patterns and leave ordinary service texts alone: service dates, serial and part
//! numbers, error codes, versions, IP addresses, phone numbers. A shape that is
//! common in service texts (a date, a 9- or 10-digit number) only counts with a
//! keyword nearby; a shape that hardly occurs otherwise (a Danish CPR number with
//! its hyphen, a spaced NHS number) counts alone.
//!
//! The text is split into tokens (words, digit runs, whitespace, single other
//! characters) that know their byte and char positions. The rules work on tokens,
//! so keywords match whole words only and offsets always fall on char boundaries.

use std::ops::RangeInclusive;

use chrono::NaiveDate;

/// Which kind of patient data a finding looks like.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum PhiKind {
    /// A date next to a birth keyword, or an old date next to a person ("Frau", "patient").
    DateOfBirth,
    /// A value after a label such as "MRN", "patient ID", "EPD-nummer".
    PatientNumber,
    /// A national identity number; `country` is "NL", "DK", "DE" or "UK".
    NationalId { country: &'static str },
}

/// Something in a text that looks like patient data: `start..end` are byte offsets
/// into the text (on char boundaries), so a UI can highlight it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PhiFinding {
    pub kind: PhiKind,
    pub start: usize,
    pub end: usize,
}

/// What in `text` looks like patient data, sorted by position; empty if nothing does.
pub fn find_patient_data(text: &str) -> Vec<PhiFinding> {
    let scan = Scan::new(text);
    let mut found = Vec::new();
    scan.dates_of_birth(&mut found);
    scan.patient_numbers(&mut found);
    scan.national_ids(&mut found);
    found.sort_by_key(|f| (f.start, f.end));
    // Overlapping labels ("medical record number") find the same value twice.
    let mut unique: Vec<PhiFinding> = Vec::with_capacity(found.len());
    for finding in found {
        let seen = unique
            .iter()
            .rev()
            .take_while(|u| (u.start, u.end) == (finding.start, finding.end))
            .any(|u| *u == finding);
        if !seen {
            unique.push(finding);
        }
    }
    unique
}

/// Whether anything in `text` looks like patient data.
pub fn looks_like_patient_data(text: &str) -> bool {
    !find_patient_data(text).is_empty()
}

// Keywords are lowercase; a space in a keyword also matches a run of whitespace,
// "-" or "_", so "patient id" matches "Patient-ID".

const DOB_KEYWORDS: &[&str] = &[
    "dob",
    "d.o.b",
    "date of birth",
    "born",
    "birth date",
    "birthdate",
    "geboren",
    "geboortedatum",
    "geb.",
    "geburtsdatum",
    "født",
    "fødselsdato",
];

/// Words that name a person; an old date next to one reads as a birth date.
/// No "Mr"/"Dr": they name the engineer or the contact as often as a patient.
const PERSON_WORDS: &[&str] = &[
    "patient",
    "patients",
    "patiente",
    "patientin",
    "patienten",
    "patiënt",
    "patiënte",
    "pt.",
    "mevrouw",
    "mevr.",
    "meneer",
    "mw.",
    "dhr.",
    "herr",
    "frau",
    "hr.",
    "fru",
];

/// After "patient" these name equipment ("patient table"), not a person.
const EQUIPMENT_WORDS: &[&str] = &[
    "table",
    "couch",
    "cradle",
    "bed",
    "support",
    "monitor",
    "positioning",
    "tafel",
    "tisch",
    "liege",
    "bord",
    "leje",
];

const PATIENT_NUMBER_KEYWORDS: &[&str] = &[
    "patient id",
    "patient number",
    "patient no",
    "patient nr",
    "patientnummer",
    "patiëntnummer",
    "patientennummer",
    "patienten id",
    "mrn",
    "medical record",
    "record number",
    "epd nummer",
    "epdnummer",
    "ziekenhuisnummer",
    "fallnummer",
    "journalnummer",
];

/// Words that may sit between a label and its value: "patient number is 1234".
const LABEL_FILLERS: &[&str] = &["is", "nr", "no", "number", "nummer", "id"];

const BSN_KEYWORDS: &[&str] = &["bsn", "burgerservicenummer", "sofinummer", "sofi nummer"];
const CPR_KEYWORDS: &[&str] = &["cpr", "personnummer"];
const KVNR_KEYWORDS: &[&str] = &[
    "kvnr",
    "versichertennummer",
    "versichertennr",
    "krankenversichertennummer",
    "krankenversicherungsnummer",
];
const NHS_KEYWORDS: &[&str] = &["nhs"];
const NINO_KEYWORDS: &[&str] = &["national insurance", "nino", "ni number", "ni no"];
const PHONE_KEYWORDS: &[&str] = &[
    "tel",
    "phone",
    "telephone",
    "call",
    "fax",
    "mobile",
    "bel",
    "bellen",
    "telefoon",
    "mobiel",
    "telefon",
    "mobil",
];

/// Month names and abbreviations (EN, NL, DE, DA), January first.
const MONTHS: [&[&str]; 12] = [
    &["january", "januari", "januar", "jan", "jän"],
    &["february", "februari", "februar", "feb"],
    &[
        "march", "maart", "märz", "marts", "mar", "mrt", "mär", "mrz",
    ],
    &["april", "apr"],
    &["may", "mei", "mai", "maj"],
    &["june", "juni", "jun"],
    &["july", "juli", "jul"],
    &["august", "augustus", "aug"],
    &["september", "sept", "sep"],
    &["october", "oktober", "oct", "okt"],
    &["november", "nov"],
    &["december", "dezember", "dec", "dez"],
];

const ORDINAL_SUFFIXES: &[&str] = &["st", "nd", "rd", "th"];

/// How far apart (in chars) a keyword and the value it qualifies may be.
const NEAR_DOB: usize = 40;
const NEAR_ID: usize = 30;
const NEAR_PHONE: usize = 20;
/// Bounds the look-back in `Text::is_near`; longer than any keyword.
const MAX_KEYWORD_CHARS: usize = 40;

/// A date next to a person word (not a birth keyword) counts as a birth date only in
/// these years. The domain has no clock here, and a recent date next to "patient"
/// is far more often a scan or service date; a birth keyword catches any year.
const BIRTH_YEARS_BY_CONTEXT: RangeInclusive<i32> = 1900..=2009;

/// Label to value: at most this many tokens of ":", "#", spaces, "is", ...
const MAX_LABEL_FILLER_TOKENS: usize = 6;
/// Identifiers are short; the cap keeps the scan linear on hostile input.
const MAX_VALUE_TOKENS: usize = 16;
const MIN_PATIENT_NUMBER_DIGITS: usize = 4;

/// Characters that continue a number: "192.168.1.10", "5.9.1", "1,5", "10:30".
const NUMBER_JOINERS: [char; 5] = ['.', '-', '/', ':', ','];
const DATE_SEPARATORS: [char; 3] = ['-', '/', '.'];

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum TokenKind {
    /// A run of letters (any script).
    Word,
    /// A run of ASCII digits.
    Digits,
    /// A run of whitespace.
    Space,
    /// Any other single character.
    Punct(char),
}

#[derive(Debug, Clone, Copy)]
struct Token {
    kind: TokenKind,
    /// Byte offsets.
    start: usize,
    end: usize,
    /// Char offsets, for distances.
    cstart: usize,
    cend: usize,
}

/// Tokens `first..=last` of a text.
#[derive(Debug, Clone, Copy)]
struct Span {
    first: usize,
    last: usize,
}

struct Text<'a> {
    src: &'a str,
    tokens: Vec<Token>,
}

impl<'a> Text<'a> {
    fn new(src: &'a str) -> Self {
        let mut tokens: Vec<Token> = Vec::new();
        for (index, (start, c)) in src.char_indices().enumerate() {
            let kind = if c.is_ascii_digit() {
                TokenKind::Digits
            } else if c.is_alphabetic() {
                TokenKind::Word
            } else if c.is_whitespace() {
                TokenKind::Space
            } else {
                TokenKind::Punct(c)
            };
            let end = start + c.len_utf8();
            match tokens.last_mut() {
                Some(last) if last.kind == kind && !matches!(kind, TokenKind::Punct(_)) => {
                    last.end = end;
                    last.cend = index + 1;
                }
                _ => tokens.push(Token {
                    kind,
                    start,
                    end,
                    cstart: index,
                    cend: index + 1,
                }),
            }
        }
        Text { src, tokens }
    }

    fn kind(&self, i: usize) -> Option<TokenKind> {
        self.tokens.get(i).map(|t| t.kind)
    }

    fn str(&self, i: usize) -> &'a str {
        self.tokens.get(i).map_or("", |t| &self.src[t.start..t.end])
    }

    fn span_str(&self, span: Span) -> &'a str {
        match (self.tokens.get(span.first), self.tokens.get(span.last)) {
            (Some(first), Some(last)) => &self.src[first.start..last.end],
            _ => "",
        }
    }

    fn is_word(&self, i: usize, lowercase: &str) -> bool {
        self.kind(i) == Some(TokenKind::Word) && eq_lowercase(self.str(i), lowercase)
    }

    fn is_digits(&self, i: usize, lens: RangeInclusive<usize>) -> bool {
        self.kind(i) == Some(TokenKind::Digits) && lens.contains(&self.str(i).len())
    }

    /// Whether token `i` is the single character `sep` (for ' ': exactly one space).
    fn is_sep(&self, i: usize, sep: char) -> bool {
        match self.kind(i) {
            Some(TokenKind::Punct(c)) => c == sep,
            Some(TokenKind::Space) => sep == ' ' && self.str(i) == " ",
            _ => false,
        }
    }

    /// Whether token `i` would continue a number whose groups are split by `sep`.
    fn is_joiner(&self, i: usize, sep: Option<char>) -> bool {
        NUMBER_JOINERS.iter().any(|&c| self.is_sep(i, c))
            || (sep == Some(' ') && self.is_sep(i, ' '))
    }

    /// Nothing glued on before token `first`: no letter or digit, no "+" (phone
    /// numbers), and not the tail of a longer number ("10.12.2001.5", "+31 20 ...").
    fn free_before(&self, first: usize, sep: Option<char>) -> bool {
        let Some(before) = first.checked_sub(1) else {
            return true;
        };
        match self.kind(before) {
            Some(TokenKind::Word | TokenKind::Digits | TokenKind::Punct('+')) => false,
            _ => {
                let number_before = before
                    .checked_sub(1)
                    .is_some_and(|b| self.kind(b) == Some(TokenKind::Digits));
                !(number_before && self.is_joiner(before, sep))
            }
        }
    }

    /// Nothing glued on after token `last`: no letter or digit ("0x1F", "12abc"),
    /// and not the head of a longer number ("5.9.1", "123456782.5").
    fn free_after(&self, last: usize, sep: Option<char>) -> bool {
        let after = last + 1;
        match self.kind(after) {
            Some(TokenKind::Word | TokenKind::Digits) => false,
            _ => !(self.is_joiner(after, sep) && self.kind(after + 1) == Some(TokenKind::Digits)),
        }
    }

    fn stands_alone(&self, span: Span, sep: Option<char>) -> bool {
        self.free_before(span.first, sep) && self.free_after(span.last, sep)
    }

    /// Where any of `keywords` occurs (whole words, case-insensitive), sorted.
    fn find_keywords(&self, keywords: &[&str]) -> Vec<Span> {
        let patterns: Vec<Text> = keywords.iter().map(|k| Text::new(k)).collect();
        let mut hits = Vec::new();
        for first in 0..self.tokens.len() {
            // Every keyword starts with a word.
            if self.kind(first) != Some(TokenKind::Word) {
                continue;
            }
            for pattern in &patterns {
                if let Some(last) = self.match_at(first, pattern) {
                    hits.push(Span { first, last });
                }
            }
        }
        hits
    }

    /// The last token of `pattern` matched from token `first` on, if it matches.
    fn match_at(&self, first: usize, pattern: &Text) -> Option<usize> {
        for (offset, p) in pattern.tokens.iter().enumerate() {
            let i = first + offset;
            let ok = match p.kind {
                TokenKind::Word => self.is_word(i, pattern.str(offset)),
                TokenKind::Space => matches!(
                    self.kind(i),
                    Some(TokenKind::Space | TokenKind::Punct('-' | '_'))
                ),
                TokenKind::Digits | TokenKind::Punct(_) => {
                    self.kind(i) == Some(p.kind) && self.str(i) == pattern.str(offset)
                }
            };
            if !ok {
                return None;
            }
        }
        (first + pattern.tokens.len()).checked_sub(1)
    }

    /// Chars between two spans; 0 if they touch or overlap.
    fn gap(&self, a: Span, b: Span) -> usize {
        let (left, right) = if a.first <= b.first { (a, b) } else { (b, a) };
        match (self.tokens.get(left.last), self.tokens.get(right.first)) {
            (Some(l), Some(r)) => r.cstart.saturating_sub(l.cend),
            _ => usize::MAX,
        }
    }

    /// Whether one of `spans` (sorted, short) is within `max_gap` chars of `target`.
    fn is_near(&self, spans: &[Span], target: Span, max_gap: usize) -> bool {
        let Some(target_start) = self.tokens.get(target.first).map(|t| t.cstart) else {
            return false;
        };
        let upto = spans.partition_point(|s| s.first <= target.last);
        let after = spans.get(upto).into_iter();
        // Spans are short, so only those starting shortly before can reach the target.
        let before = spans[..upto].iter().rev().take_while(|s| {
            self.tokens
                .get(s.first)
                .is_some_and(|t| t.cstart + max_gap + MAX_KEYWORD_CHARS >= target_start)
        });
        after.chain(before).any(|&s| self.gap(s, target) <= max_gap)
    }

    fn finding(&self, kind: PhiKind, span: Span) -> Option<PhiFinding> {
        Some(PhiFinding {
            kind,
            start: self.tokens.get(span.first)?.start,
            end: self.tokens.get(span.last)?.end,
        })
    }
}

/// Case-insensitive comparison with an already lowercase word.
fn eq_lowercase(word: &str, lowercase: &str) -> bool {
    word.chars()
        .flat_map(char::to_lowercase)
        .eq(lowercase.chars())
}

/// Digit groups split by one repeated separator: "12-03-1954", "943 476 5919",
/// "453567012345" (one group, no separator).
#[derive(Debug)]
struct NumberRun {
    span: Span,
    /// Token indices of the digit groups.
    groups: Vec<usize>,
    sep: Option<char>,
}

impl NumberRun {
    fn lens(&self, text: &Text) -> Vec<usize> {
        self.groups.iter().map(|&g| text.str(g).len()).collect()
    }

    fn digits(&self, text: &Text) -> String {
        self.groups.iter().map(|&g| text.str(g)).collect()
    }
}

/// Every number run that stands alone, for each way of splitting it.
fn number_runs(text: &Text) -> Vec<NumberRun> {
    let mut runs = Vec::new();
    for first in 0..text.tokens.len() {
        if text.kind(first) != Some(TokenKind::Digits) {
            continue;
        }
        for sep in [None, Some('-'), Some('.'), Some('/'), Some(' ')] {
            // Checked first: it skips the tails of long runs, keeping this linear.
            if !text.free_before(first, sep) {
                continue;
            }
            let mut groups = vec![first];
            let mut last = first;
            while let Some(c) = sep {
                if text.is_sep(last + 1, c) && text.kind(last + 2) == Some(TokenKind::Digits) {
                    last += 2;
                    groups.push(last);
                } else {
                    break;
                }
            }
            if (sep.is_none() || groups.len() > 1) && text.free_after(last, sep) {
                let span = Span { first, last };
                runs.push(NumberRun { span, groups, sep });
            }
        }
    }
    runs
}

/// Reads tokens one by one; each step either matches and moves on, or fails.
struct Cursor<'t, 'a> {
    text: &'t Text<'a>,
    at: usize,
}

impl<'a> Cursor<'_, 'a> {
    fn digits(&mut self, lens: RangeInclusive<usize>) -> Option<&'a str> {
        self.text.is_digits(self.at, lens).then(|| self.take())
    }

    fn word(&mut self) -> Option<&'a str> {
        (self.text.kind(self.at) == Some(TokenKind::Word)).then(|| self.take())
    }

    fn space(&mut self) -> Option<()> {
        (self.text.kind(self.at) == Some(TokenKind::Space)).then(|| self.at += 1)
    }

    /// Skips the single character `c` if it comes next; tells whether it did.
    fn skip(&mut self, c: char) -> bool {
        let here = self.text.is_sep(self.at, c);
        if here {
            self.take();
        }
        here
    }

    fn skip_ordinal(&mut self) {
        if ORDINAL_SUFFIXES
            .iter()
            .any(|s| self.text.is_word(self.at, s))
        {
            self.take();
        }
    }

    fn take(&mut self) -> &'a str {
        self.at += 1;
        self.text.str(self.at - 1)
    }
}

#[derive(Debug, Clone, Copy)]
struct DateHit {
    span: Span,
    year: i32,
    /// False for "12-03-54": the century is unknown.
    full_year: bool,
}

fn month_number(word: &str) -> Option<u32> {
    let index = MONTHS
        .iter()
        .position(|names| names.iter().any(|name| eq_lowercase(word, name)))?;
    u32::try_from(index + 1).ok()
}

fn is_valid_date(year: i32, month: u32, day: u32) -> bool {
    NaiveDate::from_ymd_opt(year, month, day).is_some()
}

/// "12-03-1954", "12/03/1954", "12.03.1954", "03/31/1954", "1954-03-12", "12-03-54".
fn numeric_date(text: &Text, run: &NumberRun) -> Option<DateHit> {
    if !run.sep.is_some_and(|s| DATE_SEPARATORS.contains(&s)) {
        return None;
    }
    let [a, b, c] = run.groups.as_slice() else {
        return None;
    };
    let [a, b, c] = [*a, *b, *c].map(|g| text.str(g));
    let year = |s: &str| s.parse::<i32>().ok();
    let num = |s: &str| s.parse::<u32>().ok();
    let short = |s: &str| (1..=2).contains(&s.len());
    let (year, full_year, valid) = if a.len() == 4 && short(b) && short(c) {
        let y = year(a)?;
        (y, true, is_valid_date(y, num(b)?, num(c)?))
    } else if short(a) && short(b) && matches!(c.len(), 2 | 4) {
        let full_year = c.len() == 4;
        // The century of "54" is unknown; 2000 + 54 only serves to check the day.
        let y = if full_year { year(c)? } else { 2000 + year(c)? };
        // Day first (European), else month first (US).
        let (first, second) = (num(a)?, num(b)?);
        let valid = is_valid_date(y, second, first) || is_valid_date(y, first, second);
        (y, full_year, valid)
    } else {
        return None;
    };
    valid.then_some(DateHit {
        span: run.span,
        year,
        full_year,
    })
}

/// "12 March 1954", "12. maart 1954", "12th Mar. 1954", "March 12, 1954".
fn textual_date(text: &Text, first: usize) -> Option<DateHit> {
    let (day, month, year, last) = day_first(text, first).or_else(|| month_first(text, first))?;
    let (day, year) = (day.parse().ok()?, year.parse().ok()?);
    let span = Span { first, last };
    (is_valid_date(year, month, day) && text.stands_alone(span, None)).then_some(DateHit {
        span,
        year,
        full_year: true,
    })
}

fn day_first<'a>(text: &Text<'a>, first: usize) -> Option<(&'a str, u32, &'a str, usize)> {
    let mut c = Cursor { text, at: first };
    let day = c.digits(1..=2)?;
    c.skip_ordinal();
    c.skip('.');
    c.space()?;
    let month = month_number(c.word()?)?;
    c.skip('.');
    c.skip(',');
    c.space()?;
    let year = c.digits(4..=4)?;
    Some((day, month, year, c.at - 1))
}

fn month_first<'a>(text: &Text<'a>, first: usize) -> Option<(&'a str, u32, &'a str, usize)> {
    let mut c = Cursor { text, at: first };
    let month = month_number(c.word()?)?;
    c.skip('.');
    c.space()?;
    let day = c.digits(1..=2)?;
    c.skip_ordinal();
    c.skip(',');
    c.space()?;
    let year = c.digits(4..=4)?;
    Some((day, month, year, c.at - 1))
}

fn digit_values(digits: &str) -> Option<Vec<u32>> {
    digits.chars().map(|c| c.to_digit(10)).collect()
}

/// NL BSN "elfproef": 9*d1 + 8*d2 + ... + 2*d8 - d9 is a multiple of 11 (not all zeros).
fn passes_elfproef(digits: &str) -> bool {
    let Some(d) = digit_values(digits) else {
        return false;
    };
    if d.len() != 9 || d.iter().all(|&x| x == 0) {
        return false;
    }
    let weighted: u32 = d[..8].iter().zip((2..=9).rev()).map(|(x, w)| x * w).sum();
    weighted % 11 == d[8]
}

/// UK NHS number: weights 10..2 on the first nine digits; check = 11 - sum mod 11,
/// where 11 means 0 and 10 means no valid number.
fn passes_nhs_check(digits: &str) -> bool {
    let Some(d) = digit_values(digits) else {
        return false;
    };
    if d.len() != 10 {
        return false;
    }
    let sum: u32 = d[..9].iter().zip((2..=10).rev()).map(|(x, w)| x * w).sum();
    match 11 - sum % 11 {
        11 => d[9] == 0,
        10 => false,
        check => d[9] == check,
    }
}

/// DK CPR starts with ddmmyy; any year, so 29 February is allowed.
fn starts_with_ddmm(digits: &str) -> bool {
    let num = |range: std::ops::Range<usize>| digits.get(range).and_then(|s| s.parse().ok());
    match (num(0..2), num(2..4)) {
        (Some(day), Some(month)) => is_valid_date(2000, month, day),
        _ => false,
    }
}

/// UK National Insurance number prefix: the letters HMRC never issues.
fn is_valid_nino_prefix(prefix: &str) -> bool {
    let mut letters = prefix.chars();
    let (Some(a), Some(b), None) = (letters.next(), letters.next(), letters.next()) else {
        return false;
    };
    a.is_ascii_uppercase()
        && b.is_ascii_uppercase()
        && !"DFIQUV".contains(a)
        && !"DFIOQUV".contains(b)
        && !["BG", "GB", "NK", "KN", "TN", "NT", "ZZ"].contains(&prefix)
}

/// Portal case numbers ("CS-2026-000123", see `case_number`) after "Fallnummer"
/// name a service case, not a hospital case.
fn is_portal_case_number(value: &str) -> bool {
    value
        .get(..3)
        .is_some_and(|p| p.eq_ignore_ascii_case("cs-"))
}

struct Keywords {
    dob: Vec<Span>,
    people: Vec<Span>,
    patient_numbers: Vec<Span>,
    bsn: Vec<Span>,
    cpr: Vec<Span>,
    kvnr: Vec<Span>,
    nhs: Vec<Span>,
    nino: Vec<Span>,
    phone: Vec<Span>,
}

struct Scan<'a> {
    text: Text<'a>,
    keywords: Keywords,
    runs: Vec<NumberRun>,
}

impl<'a> Scan<'a> {
    fn new(src: &'a str) -> Self {
        let text = Text::new(src);
        let mut people = text.find_keywords(PERSON_WORDS);
        people.retain(|p| {
            let next_word = p.last + 2;
            !(text.kind(p.last + 1) == Some(TokenKind::Space)
                && EQUIPMENT_WORDS.iter().any(|e| text.is_word(next_word, e)))
        });
        let keywords = Keywords {
            dob: text.find_keywords(DOB_KEYWORDS),
            people,
            patient_numbers: text.find_keywords(PATIENT_NUMBER_KEYWORDS),
            bsn: text.find_keywords(BSN_KEYWORDS),
            cpr: text.find_keywords(CPR_KEYWORDS),
            kvnr: text.find_keywords(KVNR_KEYWORDS),
            nhs: text.find_keywords(NHS_KEYWORDS),
            nino: text.find_keywords(NINO_KEYWORDS),
            phone: text.find_keywords(PHONE_KEYWORDS),
        };
        let runs = number_runs(&text);
        Scan {
            text,
            keywords,
            runs,
        }
    }

    fn push(&self, found: &mut Vec<PhiFinding>, kind: PhiKind, span: Span) {
        found.extend(self.text.finding(kind, span));
    }

    fn dates(&self) -> Vec<DateHit> {
        let numeric = self.runs.iter().filter_map(|r| numeric_date(&self.text, r));
        let textual = (0..self.text.tokens.len()).filter_map(|i| textual_date(&self.text, i));
        numeric.chain(textual).collect()
    }

    /// A date near a birth keyword (any year), or an old date near a person word.
    /// A service date alone never counts.
    fn dates_of_birth(&self, found: &mut Vec<PhiFinding>) {
        for date in self.dates() {
            let by_keyword = self.text.is_near(&self.keywords.dob, date.span, NEAR_DOB);
            let by_person = date.full_year
                && BIRTH_YEARS_BY_CONTEXT.contains(&date.year)
                && self
                    .text
                    .is_near(&self.keywords.people, date.span, NEAR_DOB);
            if by_keyword || by_person {
                self.push(found, PhiKind::DateOfBirth, date.span);
            }
        }
    }

    /// A value with at least four digits right after a patient-number label.
    fn patient_numbers(&self, found: &mut Vec<PhiFinding>) {
        for label in &self.keywords.patient_numbers {
            let Some(value) = self.value_after(label.last + 1) else {
                continue;
            };
            let value_str = self.text.span_str(value);
            let digits = value_str.chars().filter(char::is_ascii_digit).count();
            if digits >= MIN_PATIENT_NUMBER_DIGITS && !is_portal_case_number(value_str) {
                self.push(found, PhiKind::PatientNumber, value);
            }
        }
    }

    /// The value after a label: "MRN: 1234", "Patient ID #A-1234", "patient number is 1234".
    fn value_after(&self, from: usize) -> Option<Span> {
        let text = &self.text;
        let is_filler = |i: usize| match text.kind(i) {
            Some(TokenKind::Space | TokenKind::Punct(':' | '#' | '-' | '.' | '=' | '(')) => true,
            Some(TokenKind::Word) => LABEL_FILLERS.iter().any(|f| text.is_word(i, f)),
            _ => false,
        };
        let first = (from..from + MAX_LABEL_FILLER_TOKENS + 1).find(|&i| !is_filler(i))?;
        let is_part = |i: usize| matches!(text.kind(i), Some(TokenKind::Word | TokenKind::Digits));
        if !is_part(first) {
            return None;
        }
        // Letters and digits, joined by "-", "/" or "." ("AB-1234/5").
        let mut last = first;
        while last - first < MAX_VALUE_TOKENS {
            if is_part(last + 1) {
                last += 1;
            } else if ['-', '/', '.'].iter().any(|&c| text.is_sep(last + 1, c)) && is_part(last + 2)
            {
                last += 2;
            } else {
                break;
            }
        }
        Some(Span { first, last })
    }

    fn national_ids(&self, found: &mut Vec<PhiFinding>) {
        for run in &self.runs {
            let lens = run.lens(&self.text);
            let digits = run.digits(&self.text);
            for (country, hit) in [
                ("NL", self.is_bsn(run, &lens, &digits)),
                ("DK", self.is_cpr(run, &lens, &digits)),
                ("UK", self.is_nhs_number(run, &lens, &digits)),
            ] {
                if hit {
                    self.push(found, PhiKind::NationalId { country }, run.span);
                }
            }
        }
        for first in 0..self.text.tokens.len() {
            if let Some(span) = self.kvnr_at(first) {
                self.push(found, PhiKind::NationalId { country: "DE" }, span);
            }
            if let Some(span) = self.nino_at(first) {
                self.push(found, PhiKind::NationalId { country: "UK" }, span);
            }
        }
    }

    fn near(&self, keywords: &[Span], span: Span, max_gap: usize) -> bool {
        self.text.is_near(keywords, span, max_gap)
    }

    /// NL BSN: nine digits ("123456782", "123.456.782", "1234.56.782") passing the
    /// elfproef. One in eleven nine-digit serial numbers passes it too, so a BSN
    /// only counts near "BSN" (or the like), or in a text that also has a birth
    /// keyword or a patient-number label.
    fn is_bsn(&self, run: &NumberRun, lens: &[usize], digits: &str) -> bool {
        let shape = matches!(
            (run.sep, lens),
            (None, [9]) | (Some('.' | ' '), [3, 3, 3] | [4, 2, 3])
        );
        let context = self.near(&self.keywords.bsn, run.span, NEAR_ID)
            || !self.keywords.dob.is_empty()
            || !self.keywords.patient_numbers.is_empty();
        shape && passes_elfproef(digits) && context
    }

    /// DK CPR: "ddmmyy-xxxx" counts alone; "ddmmyyxxxx" only near "CPR". No
    /// check digit: CPR numbers issued since 2007 need not pass modulus 11.
    fn is_cpr(&self, run: &NumberRun, lens: &[usize], digits: &str) -> bool {
        match (run.sep, lens) {
            (Some('-'), [6, 4]) => starts_with_ddmm(digits),
            (None, [10]) => {
                starts_with_ddmm(digits) && self.near(&self.keywords.cpr, run.span, NEAR_ID)
            }
            _ => false,
        }
    }

    /// UK NHS number with a valid check digit: "943 476 5919" or "943-476-5919"
    /// counts alone, unless it looks like a phone number (leading 0 or a phone
    /// word nearby); "9434765919" only near "NHS".
    fn is_nhs_number(&self, run: &NumberRun, lens: &[usize], digits: &str) -> bool {
        if !passes_nhs_check(digits) {
            return false;
        }
        let near_nhs = self.near(&self.keywords.nhs, run.span, NEAR_ID);
        match (run.sep, lens) {
            (Some(' ' | '-'), [3, 3, 4]) => {
                let phone_like = digits.starts_with('0')
                    || self.near(&self.keywords.phone, run.span, NEAR_PHONE);
                near_nhs || !phone_like
            }
            (None, [10]) => near_nhs,
            _ => false,
        }
    }

    /// DE Krankenversichertennummer: a letter and nine digits ("A123456780"),
    /// only near "KVNR" or the like.
    fn kvnr_at(&self, first: usize) -> Option<Span> {
        let text = &self.text;
        let letter = text.kind(first) == Some(TokenKind::Word)
            && text.str(first).len() == 1
            && text.str(first).is_ascii();
        let span = Span {
            first,
            last: first + 1,
        };
        (letter
            && text.is_digits(first + 1, 9..=9)
            && text.stands_alone(span, None)
            && self.near(&self.keywords.kvnr, span, NEAR_ID))
        .then_some(span)
    }

    /// UK National Insurance number: two letters, six digits, a letter A-D.
    /// Spaced ("AB 12 34 56 C") it counts alone; compact ("AB123456C") it reads
    /// like a serial or part number, so only near "NI number" or the like.
    fn nino_at(&self, first: usize) -> Option<Span> {
        let text = &self.text;
        if !is_valid_nino_prefix(text.str(first)) {
            return None;
        }
        let mut c = Cursor {
            text,
            at: first + 1,
        };
        let mut spaced = c.skip(' ');
        if c.digits(2..=2).is_some() {
            spaced = true;
            for _ in 0..2 {
                if !c.skip(' ') {
                    return None;
                }
                c.digits(2..=2)?;
            }
        } else {
            c.digits(6..=6)?;
        }
        spaced |= c.skip(' ');
        let suffix = c.word()?;
        if !matches!(suffix, "A" | "B" | "C" | "D") {
            return None;
        }
        let span = Span {
            first,
            last: c.at - 1,
        };
        let alone = text.stands_alone(span, Some(' '));
        (alone && (spaced || self.near(&self.keywords.nino, span, NEAR_ID))).then_some(span)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn kinds(text: &str) -> Vec<PhiKind> {
        find_patient_data(text)
            .into_iter()
            .map(|f| f.kind)
            .collect()
    }

    /// The highlighted parts of `text`.
    fn found(text: &str) -> Vec<&str> {
        find_patient_data(text)
            .into_iter()
            .map(|f| &text[f.start..f.end])
            .collect()
    }

    fn assert_clean(text: &str) {
        assert_eq!(find_patient_data(text), vec![], "flagged: {text:?}");
    }

    const NL: PhiKind = PhiKind::NationalId { country: "NL" };
    const DK: PhiKind = PhiKind::NationalId { country: "DK" };
    const DE: PhiKind = PhiKind::NationalId { country: "DE" };
    const UK: PhiKind = PhiKind::NationalId { country: "UK" };

    // Date of birth

    #[test]
    fn date_after_english_dob_keywords_is_a_date_of_birth() {
        for text in [
            "Patient DOB: 12/03/1954, scan aborted",
            "D.O.B. 12-03-1954",
            "date of birth 1954-03-12",
            "Born 12 March 1954, weight 80 kg",
            "birth date: March 12, 1954",
            "Birthdate 12th Mar. 1954",
        ] {
            assert_eq!(kinds(text), vec![PhiKind::DateOfBirth], "{text}");
        }
    }

    #[test]
    fn date_after_dutch_dob_keywords_is_a_date_of_birth() {
        assert_eq!(
            found("Mevrouw is geboren 12 maart 1954."),
            vec!["12 maart 1954"]
        );
        assert_eq!(found("geb. 12-03-1954"), vec!["12-03-1954"]);
        assert_eq!(found("Geboortedatum: 3-7-54"), vec!["3-7-54"]);
    }

    #[test]
    fn date_after_german_dob_keyword_is_a_date_of_birth() {
        assert_eq!(
            found("Geburtsdatum 12.03.1954, Gerät startet nicht"),
            vec!["12.03.1954"]
        );
        assert_eq!(
            found("Frau Müller, geb. 12. März 1954"),
            vec!["12. März 1954"]
        );
    }

    #[test]
    fn date_after_danish_dob_keyword_is_a_date_of_birth() {
        assert_eq!(
            found("Patienten er født 12. marts 1954"),
            vec!["12. marts 1954"]
        );
        assert_eq!(kinds("Fødselsdato: 12-03-1954"), vec![PhiKind::DateOfBirth]);
    }

    #[test]
    fn us_month_first_date_is_recognised() {
        assert_eq!(found("DOB 03/31/1954"), vec!["03/31/1954"]);
    }

    #[test]
    fn old_date_near_a_person_word_is_a_date_of_birth() {
        for text in [
            "Patient Jansen (12-03-1954) moved during the scan",
            "Dhr. de Vries, 12-03-1954, complained about noise",
            "mw. Bakker 1954-03-12",
            "Herr Schmidt 12.03.1954",
            "fru Hansen 12. marts 1954",
        ] {
            assert_eq!(kinds(text), vec![PhiKind::DateOfBirth], "{text}");
        }
    }

    #[test]
    fn recent_date_near_a_person_word_is_a_service_date() {
        assert_clean("Patient on the table when the magnet quenched on 12-03-2026");
        assert_clean("Dhr. Jansen belde op 02-11-2026 over de CT");
    }

    #[test]
    fn patient_table_is_equipment_not_a_person() {
        assert_clean("Patient table replaced on 12-03-2008, motor noisy");
        assert_clean("Patiënt tafel beweegt niet sinds 01-02-2005");
    }

    #[test]
    fn service_dates_alone_are_not_dates_of_birth() {
        assert_clean(
            "MR magnet quench on 12-03-2026, error code 0x1F, serial 45012, helium level 62%",
        );
        assert_clean("Tube arcing since 2026-11-02");
        assert_clean("Installed 12 March 1998, last PM 03/04/2025");
        assert_clean("Storing sinds 12 maart 2026, systeem herstart op 13.03.2026");
    }

    #[test]
    fn date_far_from_a_dob_keyword_is_not_a_date_of_birth() {
        assert_clean(
            "The date of birth field in the RIS worklist stays empty after the upgrade; first seen 12-03-2026",
        );
    }

    #[test]
    fn invalid_dates_are_not_dates() {
        assert_clean("DOB 31-02-1954");
        assert_clean("geboren 32 maart 1954");
    }

    #[test]
    fn dob_keyword_inside_a_longer_word_does_not_count() {
        assert_clean("Airborne dust filter changed 12-03-1954");
        assert_clean("Unborn error at 12-03-1999");
    }

    // Patient numbers

    #[test]
    fn number_after_english_patient_number_labels_is_a_patient_number() {
        assert_eq!(found("MRN: 12345678, images lost"), vec!["12345678"]);
        assert_eq!(
            found("Patient ID #A-12345 not on the worklist"),
            vec!["A-12345"]
        );
        assert_eq!(found("patient number is 20260042"), vec!["20260042"]);
        assert_eq!(found("Medical record number: 998877"), vec!["998877"]);
        assert_eq!(found("MRN12345"), vec!["12345"]);
    }

    #[test]
    fn number_after_dutch_patient_number_labels_is_a_patient_number() {
        assert_eq!(
            found("patiëntnummer 1234567 staat niet in de worklist"),
            vec!["1234567"]
        );
        assert_eq!(found("EPD-nummer: 7654321"), vec!["7654321"]);
        assert_eq!(found("Ziekenhuisnummer Z-445566"), vec!["Z-445566"]);
        assert_eq!(found("Patient nr. 123456"), vec!["123456"]);
    }

    #[test]
    fn number_after_german_and_danish_patient_number_labels_is_a_patient_number() {
        assert_eq!(found("Patienten-ID: 445566"), vec!["445566"]);
        assert_eq!(found("Fallnummer 20260001"), vec!["20260001"]);
        assert_eq!(found("journalnummer 123456"), vec!["123456"]);
        assert!(kinds("PATIENTNUMMER 98765").contains(&PhiKind::PatientNumber));
    }

    #[test]
    fn label_without_a_long_enough_number_is_not_a_patient_number() {
        assert_clean("Patient ID unknown, worklist empty");
        assert_clean("patient number 12 in the queue");
        assert_clean("The MRN field is empty since version 5.9.1");
    }

    #[test]
    fn portal_case_number_after_fallnummer_is_not_a_patient_number() {
        assert_clean("Siehe Fallnummer CS-2026-000123");
    }

    #[test]
    fn number_far_after_a_label_is_not_a_patient_number() {
        assert_clean("Patient ID field shows garbage since the update, serial 45012");
    }

    // NL BSN

    #[test]
    fn elfproef_valid_bsn_near_keyword_is_a_dutch_id() {
        assert_eq!(found("BSN 123456782"), vec!["123456782"]);
        assert_eq!(kinds("burgerservicenummer: 123.456.782"), vec![NL]);
        assert_eq!(kinds("sofinummer 1234.56.782"), vec![NL]);
    }

    #[test]
    fn elfproef_valid_nine_digits_in_a_text_with_a_dob_keyword_is_a_dutch_id() {
        assert_eq!(
            kinds("Mw. geboren 12-03-1954, nummer 123456782"),
            vec![PhiKind::DateOfBirth, NL]
        );
    }

    #[test]
    fn elfproef_valid_serial_without_keyword_is_not_a_bsn() {
        assert_clean("Serial 123456782, coil replaced");
    }

    #[test]
    fn nine_digits_failing_the_elfproef_are_not_a_bsn() {
        assert_clean("BSN 123456789");
        assert_clean("bsn 000000000");
    }

    #[test]
    fn nine_digits_inside_a_longer_number_are_not_a_bsn() {
        assert_clean("BSN field: part 4535670123456782");
        assert_clean("BSN 1.123456782");
        assert_clean("BSN 123456782.5");
    }

    // DK CPR

    #[test]
    fn hyphenated_cpr_number_is_a_danish_id_without_keyword() {
        assert_eq!(found("Hans, 120354-1234, was scanned"), vec!["120354-1234"]);
    }

    #[test]
    fn plain_cpr_number_counts_only_near_cpr_keyword() {
        assert_eq!(kinds("CPR-nr. 1203541234"), vec![DK]);
        assert_clean("Order 1203541234 shipped");
    }

    #[test]
    fn hyphenated_number_without_a_valid_ddmm_is_not_a_cpr_number() {
        assert_clean("Part 453567-0123 and 311354-1234");
    }

    // DE KVNR

    #[test]
    fn kvnr_near_keyword_is_a_german_id() {
        assert_eq!(found("KVNR: A123456780"), vec!["A123456780"]);
        assert_eq!(kinds("Versichertennummer A123456780"), vec![DE]);
    }

    #[test]
    fn letter_and_nine_digits_without_keyword_is_not_a_kvnr() {
        assert_clean("Board revision A123456780 replaced");
    }

    // UK NHS number

    #[test]
    fn spaced_valid_nhs_number_is_a_uk_id() {
        assert_eq!(found("Scan of 943 476 5919 failed"), vec!["943 476 5919"]);
        assert_eq!(kinds("943-476-5919"), vec![UK]);
    }

    #[test]
    fn plain_nhs_number_counts_only_near_nhs_keyword() {
        assert_eq!(kinds("NHS no 9434765919"), vec![UK]);
        assert_clean("Ticket 9434765919");
    }

    #[test]
    fn nhs_number_with_a_wrong_check_digit_is_not_an_id() {
        assert_clean("NHS 943 476 5918");
    }

    #[test]
    fn phone_numbers_are_not_nhs_numbers() {
        assert_clean("Call me on +31 20 123 4567");
        assert_clean("Contact centre 020 123 4567, option 2");
        assert_clean("Please call 943 476 5919 tomorrow");
        assert_clean("Tel +44 943 476 5919");
    }

    // UK National Insurance number

    #[test]
    fn spaced_ni_number_is_a_uk_id() {
        assert_eq!(found("NI: AB 12 34 56 C."), vec!["AB 12 34 56 C"]);
        assert_eq!(kinds("AB 123456 C"), vec![UK]);
    }

    #[test]
    fn compact_ni_number_counts_only_near_keyword() {
        assert_eq!(kinds("National Insurance number AB123456C"), vec![UK]);
        assert_clean("Serial SN123456A");
    }

    #[test]
    fn ni_number_with_an_invalid_prefix_or_suffix_is_not_an_id() {
        assert_clean("QQ 12 34 56 C");
        assert_clean("GB 12 34 56 A");
        assert_clean("AB 12 34 56 E");
        assert_clean("AO 12 34 56 A");
    }

    // Common service texts

    #[test]
    fn ordinary_service_texts_are_clean() {
        for text in [
            "Software version 5.9.1 installed, reboot required",
            "Ticket 12345678 from the contact centre",
            "Console at 192.168.1.10 unreachable, gateway 10.0.0.1",
            "Part 453567012345 ordered, tracking 1Z999AA10123456784",
            "Error 0x1F at 10:30:15 on 2026-11-02T10:30:00Z",
            "Helium 62%, pressure 4.5 psi, 12-03-2026 14:05",
            "Sofware 5.10.2026 build 123456782",
            "Call me on +31 20 123 4567 or 06 12345678",
            "Patient couch stuck since 01-02-2003",
            "Service case CS-2026-000123 reopened",
        ] {
            assert_clean(text);
        }
    }

    #[test]
    fn findings_are_sorted_with_offsets_of_their_values() {
        let text = "MRN 12345678, DOB 12-03-1954, BSN 123456782";
        let findings = find_patient_data(text);
        assert_eq!(findings.len(), 3);
        assert!(findings.windows(2).all(|w| w[0].start <= w[1].start));
        assert_eq!(found(text), vec!["12345678", "12-03-1954", "123456782"]);
        assert!(looks_like_patient_data(text));
        assert!(!looks_like_patient_data("Tube arcing since 2026-11-02"));
    }

    #[test]
    fn overlapping_labels_report_a_value_once() {
        assert_eq!(
            kinds("medical record number 998877"),
            vec![PhiKind::PatientNumber]
        );
    }

    #[test]
    fn keywords_and_month_names_are_lowercase() {
        let lists = [
            ORDINAL_SUFFIXES,
            DOB_KEYWORDS,
            PERSON_WORDS,
            EQUIPMENT_WORDS,
            PATIENT_NUMBER_KEYWORDS,
            LABEL_FILLERS,
            BSN_KEYWORDS,
            CPR_KEYWORDS,
            KVNR_KEYWORDS,
            NHS_KEYWORDS,
            NINO_KEYWORDS,
            PHONE_KEYWORDS,
        ];
        for keyword in lists.iter().chain(MONTHS.iter()).flat_map(|l| l.iter()) {
            assert_eq!(keyword.to_lowercase(), *keyword);
            assert!(keyword.chars().count() < MAX_KEYWORD_CHARS, "{keyword}");
        }
    }

    #[test]
    fn check_digit_rules_match_known_examples() {
        assert!(passes_elfproef("123456782"));
        assert!(passes_elfproef("111222333"));
        assert!(!passes_elfproef("123456789"));
        assert!(passes_nhs_check("9434765919"));
        assert!(!passes_nhs_check("9434765910"));
        assert!(starts_with_ddmm("2902881234"));
        assert!(!starts_with_ddmm("3104881234"));
    }

    // Robustness

    #[test]
    fn odd_unicode_is_handled_on_char_boundaries() {
        for text in [
            "",
            "\u{0}",
            "é",
            "🦀 DOB 12-03-1954 🦀",
            "PATİENT İD 12345 ÆØÅ født 12. marts 1954",
            "ﬁ 𝟏𝟐-𝟎𝟑-𝟏𝟗𝟓𝟒 ٠١٢٣٤٥٦٧٨٩ MRN: ١٢٣٤٥",
            "e\u{301}\u{308}\u{200d}\u{feff}MRN\u{a0}12345\u{2028}",
            "日本語のテキスト 患者 geboren 12 maart 1954 ✔",
            "Ｄｏｂ １２－０３－１９５４",
        ] {
            for f in find_patient_data(text) {
                assert!(text.is_char_boundary(f.start) && text.is_char_boundary(f.end));
                assert!(f.start < f.end && f.end <= text.len());
            }
        }
        assert_eq!(found("🦀 DOB 12-03-1954 🦀"), vec!["12-03-1954"]);
        assert_eq!(
            found("Ärztin: geboren 12 maart 1954 ✔"),
            vec!["12 maart 1954"]
        );
    }

    #[test]
    fn every_ascii_char_is_handled() {
        let all: String = (0u8..=127).map(char::from).collect();
        assert_clean(&all);
        for c in (0u8..=127).map(char::from) {
            let _ = find_patient_data(&c.to_string());
            let _ = find_patient_data(&format!("DOB{c}12-03-1954{c}MRN{c}1234{c}BSN{c}123456782"));
        }
    }

    #[test]
    fn very_long_input_is_scanned_without_blowing_up() {
        let repeated = "geb. 12-03-1954 serial 123456782 🦀 ".repeat(5_000);
        let findings = find_patient_data(&repeated);
        assert_eq!(
            findings
                .iter()
                .filter(|f| f.kind == PhiKind::DateOfBirth)
                .count(),
            5_000
        );
        for hostile in [
            "1".repeat(100_000),
            "1-".repeat(50_000),
            "1 ".repeat(50_000),
            "12.".repeat(50_000),
            "MRN-".repeat(25_000),
            "patient ".repeat(25_000),
            "a".repeat(100_000),
            " ".repeat(100_000),
        ] {
            let _ = find_patient_data(&hostile);
        }
    }
}
