//! Typed reads of record fields, as loaders/fields.py makes them, and Python's own string
//! rules (str.strip, str.split) where the stored value depends on them.
//!
//! Every function answers `Err(Fallback)` where loaders/fields.py would raise, and also
//! wherever matching Python exactly would need more than ASCII (Unicode digits in `\d`,
//! Unicode case mapping): the record then goes through the Python transform, whose answer
//! is the rule. Being stricter than Python is always safe; never less strict.

use serde_json::{Map, Value};

/// The record needs the Python transform (loaders/openalex.py) for an exact answer.
#[derive(Debug)]
pub struct Fallback;

pub type Res<T> = Result<T, Fallback>;
pub type Record = Map<String, Value>;

pub const PLACEHOLDER_AUTHOR: &str = "A9999999999";
const DOI_PREFIXES: [&str; 4] = ["https://doi.org/", "http://doi.org/", "https://dx.doi.org/", "doi:"];

/// Python's str.isspace(): what str.strip() and str.split() treat as whitespace.
pub fn is_py_space(c: char) -> bool {
    matches!(c, '\t'..='\r' | '\x1c'..='\x1f' | ' ' | '\u{85}' | '\u{a0}' | '\u{1680}'
        | '\u{2000}'..='\u{200a}' | '\u{2028}' | '\u{2029}' | '\u{202f}' | '\u{205f}'
        | '\u{3000}')
}

/// str.strip() with no argument.
pub fn py_strip(value: &str) -> &str {
    value.trim_matches(is_py_space)
}

/// " ".join(value.split()): words separated by one space.
pub fn collapse(value: &str) -> String {
    let mut out = String::with_capacity(value.len());
    for word in value.split(is_py_space).filter(|w| !w.is_empty()) {
        if !out.is_empty() {
            out.push(' ');
        }
        out.push_str(word);
    }
    out
}

/// fields.text: a stripped string, None when absent, null or blank.
pub fn text<'a>(record: &'a Record, key: &str) -> Res<Option<&'a str>> {
    match record.get(key) {
        None | Some(Value::Null) => Ok(None),
        Some(Value::String(s)) => {
            let stripped = py_strip(s);
            Ok((!stripped.is_empty()).then_some(stripped))
        }
        Some(_) => Err(Fallback),
    }
}

/// fields.strings: a list of strings, empty when absent or null.
pub fn strings<'a>(record: &'a Record, key: &str) -> Res<Vec<&'a str>> {
    match record.get(key) {
        None | Some(Value::Null) => Ok(Vec::new()),
        Some(Value::Array(values)) => values.iter().map(|v| v.as_str().ok_or(Fallback)).collect(),
        Some(_) => Err(Fallback),
    }
}

/// text() of a typed field: stripped, None when blank.
pub fn stripped(value: Option<&str>) -> Option<&str> {
    value.map(py_strip).filter(|s| !s.is_empty())
}

/// The ASCII text of a stripped string; Fallback for non-ASCII.
fn ascii_str(value: &str) -> Res<&str> {
    let stripped = py_strip(value);
    if stripped.is_ascii() { Ok(stripped) } else { Err(Fallback) }
}

/// fields.openalex_id of a JSON value.
pub fn openalex_id(value: Option<&Value>) -> Res<Option<String>> {
    openalex_id_of(value.and_then(Value::as_str))
}

/// fields.openalex_id: 'https://openalex.org/W123' or 'w123' -> 'W123'.
pub fn openalex_id_of(value: Option<&str>) -> Res<Option<String>> {
    let Some(s) = value.map(ascii_str).transpose()? else { return Ok(None) };
    let bare = s.strip_prefix("https://openalex.org/")
        .or_else(|| s.strip_prefix("http://openalex.org/")).unwrap_or(s);
    let mut chars = bare.chars();
    let Some(letter) = chars.next().filter(|c| c.is_ascii_alphabetic()) else { return Ok(None) };
    let digits = chars.as_str();
    if digits.is_empty() || !digits.bytes().all(|b| b.is_ascii_digit()) {
        return Ok(None);
    }
    Ok(Some(format!("{}{}", letter.to_ascii_uppercase(), digits)))
}

/// fields.orcid: the bare iD at the end of a URL or bare form.
pub fn orcid(value: Option<&str>) -> Res<Option<String>> {
    let Some(s) = value.map(ascii_str).transpose()? else { return Ok(None) };
    if s.len() < 19 {
        return Ok(None);
    }
    let tail = &s.as_bytes()[s.len() - 19..];
    let ok = tail.iter().enumerate().all(|(i, &b)| match i {
        4 | 9 | 14 => b == b'-',
        18 => b.is_ascii_digit() || b == b'X',
        _ => b.is_ascii_digit(),
    });
    Ok(ok.then(|| String::from_utf8_lossy(tail).into_owned()))
}

/// fields.ror: the last path segment of the ROR URL.
pub fn ror(value: Option<&str>) -> Option<String> {
    let s = py_strip(value?);
    if s.is_empty() {
        return None;
    }
    s.trim_end_matches('/').rsplit('/').next().map(str::to_owned)
}

/// fields.doi: lower-cased, without its resolver prefix.
pub fn doi(value: Option<&str>) -> Res<Option<String>> {
    let Some(s) = value.map(ascii_str).transpose()? else { return Ok(None) };
    let mut bare = s;
    for prefix in DOI_PREFIXES {
        if bare.len() >= prefix.len() && bare[..prefix.len()].eq_ignore_ascii_case(prefix) {
            bare = &bare[prefix.len()..];
        }
    }
    Ok((!bare.is_empty()).then(|| bare.to_ascii_lowercase()))
}

/// fields.source_number: a numeric source id without leading zeros.
pub fn source_number(value: Option<&Value>) -> Res<Option<String>> {
    match value {
        Some(Value::Number(n)) if n.is_f64() => Err(Fallback), // maybe an int past 64 bits
        Some(Value::Number(n)) => Ok(Some(n.to_string())),
        Some(Value::String(s)) => {
            let s = ascii_str(s)?;
            let tail = s.trim_end_matches('/').rsplit('/').next().unwrap_or("").to_ascii_uppercase();
            let tail = tail.strip_prefix("PMC").unwrap_or(&tail);
            if tail.is_empty() || !tail.bytes().all(|b| b.is_ascii_digit()) {
                return Ok(None);
            }
            let trimmed = tail.trim_start_matches('0');
            Ok(Some(if trimmed.is_empty() { "0" } else { trimmed }.to_owned()))
        }
        _ => Ok(None),
    }
}

/// fields.abstract_from_inverted_index: the words placed at their positions, from the
/// index's (word, positions) pairs in file order.
pub fn abstract_text(index: &[(std::borrow::Cow<'_, str>, Vec<i64>)]) -> Option<String> {
    let mut placed: Vec<(i64, usize, &str)> = Vec::new();
    for (order, (word, positions)) in index.iter().enumerate() {
        placed.extend(positions.iter().map(|&at| (at, order, word.as_ref())));
    }
    // A position given twice keeps the word Python's dict keeps: the last one written.
    placed.sort_unstable_by_key(|&(at, order, _)| (at, order));
    placed.dedup_by(|later, earlier| {
        let same = later.0 == earlier.0;
        if same {
            *earlier = *later;
        }
        same
    });
    let joined = placed.iter().map(|&(_, _, word)| word).collect::<Vec<_>>().join(" ");
    (!joined.is_empty()).then_some(joined)
}

/// sample.venue_id: a venue id from its name ('arXiv' -> 'venue:arxiv').
pub fn named_venue_id(name: &str) -> Res<String> {
    if !name.is_ascii() {
        return Err(Fallback);
    }
    let words: Vec<String> = name.split(is_py_space).filter(|w| !w.is_empty())
        .map(str::to_ascii_lowercase).collect();
    Ok(format!("venue:{}", words.join("-")))
}
