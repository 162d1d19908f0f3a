//! The fields of an OpenAlex work record the graph takes, typed (serde), borrowed from the
//! line where they hold no escapes: a field of another type fails the parse, and the record
//! goes to the Python transform, which says what is wrong with it.

use std::borrow::Cow;

use serde::de::{Deserializer, IgnoredAny, MapAccess, Visitor};
use serde::Deserialize;
use serde_json::{Map, Value};

/// A work record (both schema generations: host_venue and concepts are 2022's).
#[derive(Deserialize)]
pub struct Work<'a> {
    #[serde(borrow)]
    pub id: Option<Cow<'a, str>>,
    #[serde(borrow)]
    pub title: Option<Cow<'a, str>>,
    #[serde(borrow)]
    pub display_name: Option<Cow<'a, str>>,
    #[serde(borrow, default, deserialize_with = "inverted_index")]
    pub abstract_inverted_index: Option<InvertedIndex<'a>>,
    pub publication_year: Option<i64>,
    #[serde(borrow)]
    pub publication_date: Option<Cow<'a, str>>,
    #[serde(borrow, rename = "type")]
    pub kind: Option<Cow<'a, str>>,
    #[serde(borrow)]
    pub doi: Option<Cow<'a, str>>,
    pub cited_by_count: Option<i64>,
    #[serde(borrow)]
    pub language: Option<Cow<'a, str>>,
    #[serde(borrow)]
    pub updated_date: Option<Cow<'a, str>>,
    pub ids: Option<Ids>,
    #[serde(borrow)]
    pub authorships: Option<Vec<Authorship<'a>>>,
    pub primary_location: Option<Location>,
    pub host_venue: Option<Map<String, Value>>,
    #[serde(borrow)]
    pub primary_topic: Option<Topic<'a>>,
    #[serde(borrow)]
    pub topics: Option<Vec<Topic<'a>>>,
    #[serde(borrow)]
    pub concepts: Option<Vec<Topic<'a>>>,
    #[serde(borrow)]
    pub referenced_works: Option<Vec<Cow<'a, str>>>,
    pub meta: Option<IgnoredAny>,
    pub results: Option<IgnoredAny>,
}

#[derive(Deserialize)]
pub struct Ids {
    pub mag: Option<Value>,
    pub pmid: Option<Value>,
    pub pmcid: Option<Value>,
}

/// A location's source stays a JSON object: whether it is empty decides the venue.
#[derive(Deserialize)]
pub struct Location {
    pub source: Option<Map<String, Value>>,
}

#[derive(Deserialize)]
pub struct Authorship<'a> {
    #[serde(borrow)]
    pub author: Option<Author<'a>>,
    #[serde(borrow)]
    pub raw_author_name: Option<Cow<'a, str>>,
    #[serde(borrow)]
    pub raw_affiliation_string: Option<Cow<'a, str>>,
    #[serde(borrow)]
    pub raw_affiliation_strings: Option<Vec<Cow<'a, str>>>,
    #[serde(borrow)]
    pub institutions: Option<Vec<Institution<'a>>>,
}

#[derive(Deserialize)]
pub struct Author<'a> {
    #[serde(borrow)]
    pub id: Option<Cow<'a, str>>,
    #[serde(borrow)]
    pub display_name: Option<Cow<'a, str>>,
    #[serde(borrow)]
    pub orcid: Option<Cow<'a, str>>,
}

#[derive(Deserialize)]
pub struct Institution<'a> {
    #[serde(borrow)]
    pub id: Option<Cow<'a, str>>,
    #[serde(borrow)]
    pub display_name: Option<Cow<'a, str>>,
    #[serde(borrow)]
    pub ror: Option<Cow<'a, str>>,
    #[serde(borrow)]
    pub country_code: Option<Cow<'a, str>>,
    #[serde(borrow, rename = "type")]
    pub kind: Option<Cow<'a, str>>,
    #[serde(borrow)]
    pub lineage: Option<Vec<Cow<'a, str>>>,
}

#[derive(Deserialize)]
pub struct Topic<'a> {
    #[serde(borrow)]
    pub id: Option<Cow<'a, str>>,
    #[serde(borrow)]
    pub display_name: Option<Cow<'a, str>>,
    pub score: Option<f64>,
    pub level: Option<i64>,
    #[serde(borrow)]
    pub field: Option<Field<'a>>,
}

#[derive(Deserialize)]
pub struct Field<'a> {
    #[serde(borrow)]
    pub display_name: Option<Cow<'a, str>>,
}

/// OpenAlex's {word: [positions]} as (word, positions) pairs in file order.
pub type InvertedIndex<'a> = Vec<(Cow<'a, str>, Vec<i64>)>;

fn inverted_index<'de, D: Deserializer<'de>>(d: D) -> Result<Option<InvertedIndex<'de>>, D::Error> {
    struct Pairs;
    impl<'de> Visitor<'de> for Pairs {
        type Value = Option<InvertedIndex<'de>>;
        fn expecting(&self, f: &mut std::fmt::Formatter) -> std::fmt::Result {
            f.write_str("an inverted index or null")
        }
        fn visit_unit<E>(self) -> Result<Self::Value, E> {
            Ok(None)
        }
        fn visit_map<M: MapAccess<'de>>(self, mut map: M) -> Result<Self::Value, M::Error> {
            let mut pairs: InvertedIndex<'de> = Vec::new();
            while let Some((word, positions)) = map.next_entry::<Cow<'de, str>, Vec<i64>>()? {
                pairs.push((word, positions));
            }
            // A word given twice: Python's dict keeps the last positions only; let it say.
            let mut words: Vec<&str> = pairs.iter().map(|(w, _)| w.as_ref()).collect();
            words.sort_unstable();
            if words.windows(2).any(|w| w[0] == w[1]) {
                return Err(serde::de::Error::custom("a word given twice"));
            }
            Ok(Some(pairs))
        }
    }
    d.deserialize_any(Pairs)
}
