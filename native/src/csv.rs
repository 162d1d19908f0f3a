//! CSV for Neo4j's offline importer: a header file and a gzipped data file per label or
//! type and bucket, typed columns (`name:long`, `name:string[]`…), every string quoted.
//!
//! A string is always written in double quotes with inner quotes doubled (RFC 4180, the
//! importer's default), which keeps commas and quotes safe and tells an empty string ("")
//! from a missing value (an empty field: no property). Newlines inside a quoted string need
//! the importer's --multiline-fields, which slows it: the writer says whether it wrote any.
//! Arrays join their elements with U+001F, which clean text never holds (a record whose
//! array holds it goes to the Python transform, which rejects it). Numbers are 64-bit
//! (`long`, `double`), as Bolt sends them.

use std::collections::BTreeMap;
use std::fs;
use std::io::{BufWriter, Write};
use std::path::{Path, PathBuf};

use flate2::write::GzEncoder;
use flate2::Compression;
use pyo3::exceptions::PyTypeError;
use pyo3::prelude::*;
use serde_json::{Map, Value};

use crate::spill::io_error;

pub const ARRAY_DELIMITER: char = '\u{1f}';
/// Written as importer datetimes rather than strings (the reduce sets them).
const DATETIME_KEYS: [&str; 1] = ["changed_at"];
/// The importer reads each file once: level 1 writes ~4x faster than 6, ~15% bigger.
const GZIP_LEVEL: u32 = 1;

/// (label or type, header file, data file, rows, whether a field spans lines)
pub type CsvFile = (String, PathBuf, PathBuf, u64, bool);

fn type_of(key: &str, value: &Value) -> PyResult<&'static str> {
    Ok(match value {
        _ if DATETIME_KEYS.contains(&key) => "datetime",
        Value::Bool(_) => "boolean",
        Value::Number(n) if n.is_f64() => "double",
        Value::Number(_) => "long",
        Value::String(_) => "string",
        Value::Array(items) if items.iter().all(Value::is_string) => "string[]",
        _ => return Err(PyTypeError::new_err(format!("property {key:?}: no importer type for {value}"))),
    })
}

/// Each property key's importer type, sorted by key; TypeError for a key with two types.
fn column_types(rows: &[(Vec<String>, Map<String, Value>)]) -> PyResult<BTreeMap<String, &'static str>> {
    let mut found: BTreeMap<String, &'static str> = BTreeMap::new();
    for (_, props) in rows {
        for (key, value) in props {
            let kind = type_of(key, value)?;
            match found.get(key.as_str()) {
                None => {
                    found.insert(key.clone(), kind);
                }
                Some(&known) if known != kind => {
                    return Err(PyTypeError::new_err(format!("property {key:?} is both {known} and {kind}")));
                }
                Some(_) => {}
            }
        }
    }
    Ok(found)
}

fn quoted(out: &mut Vec<u8>, text: &str) {
    out.push(b'"');
    for part in text.split('"').enumerate() {
        if part.0 > 0 {
            out.extend_from_slice(b"\"\"");
        }
        out.extend_from_slice(part.1.as_bytes());
    }
    out.push(b'"');
}

fn field(out: &mut Vec<u8>, value: &Value) {
    match value {
        Value::String(s) => quoted(out, s),
        Value::Bool(b) => out.extend_from_slice(if *b { b"true" } else { b"false" }),
        Value::Number(n) => out.extend_from_slice(n.to_string().as_bytes()), // 0.25, 3, 1e16
        Value::Array(items) => {
            let joined: Vec<&str> = items.iter().filter_map(Value::as_str).collect();
            quoted(out, &joined.join(&ARRAY_DELIMITER.to_string()));
        }
        _ => {}
    }
}

fn spans_lines(value: &Value) -> bool {
    match value {
        Value::String(s) => s.contains(['\n', '\r']),
        Value::Array(items) => items.iter().any(spans_lines),
        _ => false,
    }
}

/// `stem`.header.csv and `stem`.csv.gz for one label or type of one bucket; `ids` names the
/// leading id columns (`id:ID(Work)`, `:START_ID(Author)`…).
pub fn write(stem: &Path, group: &str, ids: Vec<String>, rows: Vec<(Vec<String>, Map<String, Value>)>)
             -> PyResult<CsvFile> {
    let types = column_types(&rows)?;
    let mut header = ids;
    header.extend(types.iter().map(|(key, kind)| format!("{key}:{kind}")));
    let header_path = stem.with_extension("header.csv");
    let data_path = stem.with_extension("csv.gz");
    fs::write(&header_path, header.join(",") + "\n").map_err(|e| io_error("cannot write", &header_path, e))?;
    let file = fs::File::create(&data_path).map_err(|e| io_error("cannot create", &data_path, e))?;
    let mut gz = GzEncoder::new(BufWriter::with_capacity(1 << 20, file), Compression::new(GZIP_LEVEL));
    let (mut line, mut multiline) = (Vec::with_capacity(4096), false);
    let count = rows.len() as u64;
    for (ids, props) in rows {
        line.clear();
        for (n, id) in ids.iter().enumerate() {
            if n > 0 {
                line.push(b',');
            }
            quoted(&mut line, id);
            multiline |= id.contains(['\n', '\r']);
        }
        for key in types.keys() {
            line.push(b',');
            match (props.get(key), types[key]) {
                (Some(Value::String(moment)), "datetime") => line.extend_from_slice(moment.as_bytes()),
                (Some(value), _) => {
                    multiline |= spans_lines(value);
                    field(&mut line, value);
                }
                (None, _) => {}
            }
        }
        line.push(b'\n');
        gz.write_all(&line).map_err(|e| io_error("cannot write", &data_path, e))?;
    }
    gz.finish().and_then(|mut w| w.flush()).map_err(|e| io_error("cannot write", &data_path, e))?;
    Ok((group.to_owned(), header_path, data_path, count, multiline))
}
