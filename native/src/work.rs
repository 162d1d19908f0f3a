//! One OpenAlex work record as graph rows: loaders/openalex_works.py's work_rows, line for
//! line, with the same row kinds and fields. tests/integration/loaders/test_bulk_import.py
//! holds the two to one graph.

use std::borrow::Cow;
use std::collections::HashSet;

use serde_json::{Map, Value};

use crate::fields::{self as f, Fallback, Res};
use crate::record::{Authorship, Institution, Topic, Work};

pub const SOURCE: &str = "openalex";

/// Why a record has no native rows: it needs the Python transform, or Python failed.
pub enum Stop {
    Fallback,
    Error(pyo3::PyErr),
}

impl From<Fallback> for Stop {
    fn from(_: Fallback) -> Self {
        Stop::Fallback
    }
}

/// Cleans a title or abstract holding '&' or '<' (loaders/text.py's clean_text, called back).
pub type Cleaner<'a> = dyn FnMut(&str) -> pyo3::PyResult<Option<String>> + 'a;

/// The rows of one record, as (kind, row) in the order the Python transform appends them.
#[derive(Default)]
pub struct Rows {
    pub rows: Vec<(&'static str, Value)>,
}

impl Rows {
    fn push(&mut self, kind: &'static str, row: Map<String, Value>) {
        self.rows.push((kind, Value::Object(row)));
    }
}

/// graph_rows.node_row: {id, props} with null properties dropped.
fn node_row(id: &str, props: Vec<(&str, Option<Value>)>) -> Map<String, Value> {
    let mut kept = Map::new();
    for (key, value) in props {
        if let Some(value) = value {
            kept.insert(key.to_owned(), value);
        }
    }
    let mut row = Map::new();
    row.insert("id".into(), Value::String(id.to_owned()));
    row.insert("props".into(), Value::Object(kept));
    row
}

fn edge(fields: Vec<(&str, Value)>) -> Map<String, Value> {
    fields.into_iter().map(|(k, v)| (k.to_owned(), v)).collect()
}

fn s(value: Option<&str>) -> Option<Value> {
    value.map(|v| Value::String(v.to_owned()))
}

fn owned(value: Option<String>) -> Option<Value> {
    value.map(Value::String)
}

fn int(value: Option<i64>) -> Option<Value> {
    value.map(Value::from)
}

/// Control and invisible characters clean text drops (text.INVISIBLE).
fn invisible(c: char) -> bool {
    matches!(c, '\x00'..='\x08' | '\x0e'..='\x1b' | '\x7f'..='\u{84}' | '\u{86}'..='\u{9f}'
        | '\u{ad}' | '\u{200b}' | '\u{feff}')
}

/// text.clean_text: markup and entities through Python, the rest here.
pub fn clean_text(value: Option<&str>, clean: &mut Cleaner) -> Result<Option<String>, Stop> {
    let Some(value) = value else { return Ok(None) };
    if value.contains(['&', '<']) {
        return clean(value).map_err(Stop::Error);
    }
    let kept: String = value.chars().filter(|&c| !invisible(c)).collect();
    let text = f::collapse(&kept);
    Ok((!text.is_empty()).then_some(text))
}

fn text<'a>(value: &'a Option<Cow<'_, str>>) -> Option<&'a str> {
    f::stripped(value.as_deref())
}

/// The record of one line, if it is a work the native transform can take.
pub fn parse(line: &[u8]) -> Res<(String, Work<'_>)> {
    let work: Work = serde_json::from_slice(line).map_err(|_| Fallback)?;
    if work.meta.is_some() || work.results.is_some() {
        return Err(Fallback); // maybe an API page, whose results are the records
    }
    match f::openalex_id_of(work.id.as_deref())? {
        Some(id) if id.starts_with('W') => Ok((id, work)),
        _ => Err(Fallback), // no id, or not a work: the Python transform says what it is
    }
}

/// openalex_works.work_rows.
pub fn work_rows(work_id: &str, record: &Work, clean: &mut Cleaner) -> Result<Rows, Stop> {
    let mut rows = Rows::default();
    let title = match clean_text(text(&record.title), clean)? {
        Some(title) => Some(title),
        None => clean_text(text(&record.display_name), clean)?,
    };
    let abstract_text = record.abstract_inverted_index.as_deref().and_then(f::abstract_text);
    let abstract_text = clean_text(abstract_text.as_deref(), clean)?;
    let ids = record.ids.as_ref();
    rows.push("works", node_row(work_id, vec![
        ("title", owned(title)),
        ("abstract", owned(abstract_text)),
        ("year", int(record.publication_year)),
        ("publication_date", s(text(&record.publication_date))),
        ("type", s(text(&record.kind))),
        ("doi", owned(f::doi(record.doi.as_deref())?)),
        ("cited_by_count", int(record.cited_by_count)),
        ("language", s(text(&record.language))),
        ("updated_date", s(text(&record.updated_date))),
        ("openalex_id", s(Some(work_id))),
        ("mag_id", owned(f::source_number(ids.and_then(|i| i.mag.as_ref()))?)),
        ("pmid", owned(f::source_number(ids.and_then(|i| i.pmid.as_ref()))?)),
        ("pmcid", owned(f::source_number(ids.and_then(|i| i.pmcid.as_ref()))?)),
        ("source", s(Some(SOURCE))),
        ("sources", Some(Value::Array(vec![Value::String(SOURCE.into())]))),
    ]));
    byline(work_id, record.publication_year, record.authorships.as_deref().unwrap_or_default(), &mut rows)?;
    venue(work_id, record, &mut rows)?;
    topics(work_id, record, &mut rows)?;
    let mut seen = HashSet::new();
    for cited in record.referenced_works.iter().flatten() {
        let Some(cited) = f::openalex_id_of(Some(cited))? else { continue };
        if cited.starts_with('W') && cited != work_id && seen.insert(cited.clone()) {
            rows.push("cites", edge(vec![("work_id", work_id.into()), ("cited_id", cited.into())]));
        }
    }
    Ok(rows)
}

/// openalex_works._byline: AUTHORED in byline order, author and institution references.
fn byline(work_id: &str, year: Option<i64>, authorships: &[Authorship], rows: &mut Rows) -> Res<()> {
    for (position, authorship) in authorships.iter().enumerate() {
        let Some(author) = authorship.author.as_ref() else { continue };
        let author_id = f::openalex_id_of(author.id.as_deref())?;
        let Some(author_id) = author_id.filter(|id| id != f::PLACEHOLDER_AUTHOR) else { continue };
        let name = text(&author.display_name).or_else(|| text(&authorship.raw_author_name));
        rows.push("author_refs", node_row(&author_id, vec![
            ("name", s(name)),
            ("orcid", owned(f::orcid(author.orcid.as_deref())?)),
            ("openalex_id", s(Some(&author_id))),
            ("source", s(Some(SOURCE))),
            ("identity", s(Some("strong"))),
        ]));
        let raw = match text(&authorship.raw_affiliation_string) {
            Some(raw) => Some(raw.to_owned()),
            None => {
                let joined = authorship.raw_affiliation_strings.iter().flatten()
                    .map(|s| s.as_ref()).collect::<Vec<_>>().join("; ");
                (!joined.is_empty()).then_some(joined)
            }
        };
        let mut authored = edge(vec![("author_id", author_id.as_str().into()),
                                     ("work_id", work_id.into()), ("position", position.into())]);
        authored.insert("raw_affiliation".into(), raw.map_or(Value::Null, Value::String));
        rows.push("authorships", authored);
        for institution in authorship.institutions.iter().flatten() {
            if let Some(institution_id) = institution_ref(institution, rows)? {
                rows.push("affiliations", edge(vec![
                    ("author_id", author_id.as_str().into()),
                    ("institution_id", institution_id.into()),
                    ("start_year", year.map_or(Value::Null, Value::from)),
                    ("end_year", year.map_or(Value::Null, Value::from)),
                ]));
            }
        }
    }
    Ok(())
}

/// openalex_works.institution_ref.
fn institution_ref(institution: &Institution, rows: &mut Rows) -> Res<Option<String>> {
    let Some(institution_id) = f::openalex_id_of(institution.id.as_deref())? else { return Ok(None) };
    let mut lineage = Vec::new();
    for entry in institution.lineage.iter().flatten() {
        if let Some(id) = f::openalex_id_of(Some(entry))? {
            if id != institution_id {
                lineage.push(Value::String(id)); // letters and digits: never U+001F
            }
        }
    }
    rows.push("institution_refs", node_row(&institution_id, vec![
        ("name", s(text(&institution.display_name))),
        ("ror", owned(f::ror(institution.ror.as_deref()))),
        ("country", s(text(&institution.country_code))),
        ("type", s(text(&institution.kind))),
        ("lineage", (!lineage.is_empty()).then_some(Value::Array(lineage))),
        ("openalex_id", s(Some(&institution_id))),
        ("source", s(Some(SOURCE))),
    ]));
    Ok(Some(institution_id))
}

/// openalex_works._venue and venue_ref: PUBLISHED_IN the primary source or host venue.
fn venue(work_id: &str, record: &Work, rows: &mut Rows) -> Res<()> {
    let primary = record.primary_location.as_ref().and_then(|l| l.source.as_ref());
    let Some(venue) = [primary, record.host_venue.as_ref()].into_iter().flatten()
        .find(|v| !v.is_empty()) else { return Ok(()) };
    let name = f::text(venue, "display_name")?;
    let venue_id = match f::openalex_id(venue.get("id"))? {
        Some(id) => id,
        None => match name {
            Some(name) => f::named_venue_id(name)?,
            None => return Ok(()),
        },
    };
    let issn = f::strings(venue, "issn")?;
    if issn.iter().any(|i| i.contains('\x1f')) {
        return Err(Fallback); // the importer's array delimiter: Python rejects the record
    }
    let publisher = match f::text(venue, "publisher")? {
        Some(p) => Some(p),
        None => f::text(venue, "host_organization_name")?,
    };
    let openalex = venue_id.starts_with(['S', 'V']).then_some(venue_id.as_str());
    rows.push("venue_refs", node_row(&venue_id, vec![
        ("name", s(name)),
        ("type", s(f::text(venue, "type")?)),
        ("issn_l", s(f::text(venue, "issn_l")?)),
        ("issn", (!issn.is_empty()).then(|| issn.iter().map(|&i| Value::from(i)).collect())),
        ("publisher", s(publisher)),
        ("openalex_id", s(openalex)),
        ("source", s(Some(SOURCE))),
    ]));
    rows.push("published_in", edge(vec![("work_id", work_id.into()), ("venue_id", venue_id.into())]));
    Ok(())
}

/// openalex_works._topics and _about: ABOUT topics (primary first if unlisted) and concepts.
fn topics(work_id: &str, record: &Work, rows: &mut Rows) -> Res<()> {
    let mut topics: Vec<&Topic> = record.topics.iter().flatten().collect();
    let primary = record.primary_topic.as_ref();
    let primary_id = f::openalex_id_of(primary.and_then(|p| p.id.as_deref()))?;
    if let (Some(primary), Some(id)) = (primary, primary_id.as_ref()) {
        let mut listed = false;
        for topic in &topics {
            listed |= f::openalex_id_of(topic.id.as_deref())?.as_ref() == Some(id);
        }
        if !listed {
            topics.insert(0, primary);
        }
    }
    for topic in topics {
        let short = f::openalex_id_of(topic.id.as_deref())?;
        let is_primary = Value::Bool(short.is_some() && short == primary_id);
        about(work_id, topic, short, "topic", is_primary, rows);
    }
    for concept in record.concepts.iter().flatten() {
        let short = f::openalex_id_of(concept.id.as_deref())?;
        about(work_id, concept, short, "concept", Value::Null, rows);
    }
    Ok(())
}

fn about(work_id: &str, topic: &Topic, short: Option<String>, kind: &str, primary: Value, rows: &mut Rows) {
    let Some(short) = short else { return };
    let topic_id = format!("openalex:{short}");
    let field = topic.field.as_ref().and_then(|f| text(&f.display_name));
    rows.push("topic_refs", node_row(&topic_id, vec![
        ("name", s(text(&topic.display_name))),
        ("kind", s(Some(kind))),
        ("level", int(topic.level)),
        ("field", s(field)),
        ("source", s(Some(SOURCE))),
    ]));
    let score = topic.score.filter(|&v| v != 0.0).unwrap_or(0.0);
    rows.push("about", edge(vec![
        ("work_id", work_id.into()), ("topic_id", topic_id.into()),
        ("score", Value::from(score)), ("source", SOURCE.into()), ("primary", primary),
    ]));
}
