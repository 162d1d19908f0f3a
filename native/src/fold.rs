//! The reduce pass: one bucket's rows folded in load order with the online loader's merge
//! rules (cypher/load/*.cypher), so the importer gets one row per node and per edge holding
//! what `peergraph load openalex` would store for the same input read in the same order.
//!
//! A full record of a node sets its properties over what is there unless it is older
//! (updated_date); a reference (a byline's author, a work's venue…) only creates a missing
//! node; a cited work that no record holds is a stub; AUTHORED, ABOUT and PUBLISHED_IN keep
//! the last row's properties (PUBLISHED_IN one venue per work); AFFILIATED_WITH widens its
//! years to cover every row; CITES is a set.

use std::collections::{BTreeSet, HashMap};

use rustc_hash::{FxHashMap, FxHashSet};
use std::fs;
use std::path::{Path, PathBuf};

use pyo3::exceptions::PyValueError;
use pyo3::prelude::*;
use serde_json::{Map, Value};

use crate::csv::{self, CsvFile};
use crate::spill::io_error;

type Props = Map<String, Value>;

/// Node row kinds: the label, and whether the row is a full record (else a reference).
const NODE_KINDS: [(&str, &str, bool); 9] = [
    ("works", "Work", true), ("authors", "Author", true), ("institutions", "Institution", true),
    ("venues", "Venue", true), ("topics", "Topic", true), ("author_refs", "Author", false),
    ("institution_refs", "Institution", false), ("venue_refs", "Venue", false),
    ("topic_refs", "Topic", false),
];
/// Edge row kinds: type, start label and field, end label and field (bulk_fold.EDGE_KINDS).
pub const EDGE_KINDS: [(&str, &str, &str, &str, &str, &str); 5] = [
    ("authorships", "AUTHORED", "Author", "author_id", "Work", "work_id"),
    ("published_in", "PUBLISHED_IN", "Work", "work_id", "Venue", "venue_id"),
    ("about", "ABOUT", "Work", "work_id", "Topic", "topic_id"),
    ("affiliations", "AFFILIATED_WITH", "Author", "author_id", "Institution", "institution_id"),
    ("cites", "CITES", "Work", "work_id", "Work", "cited_id"),
];
/// Labels whose nodes carry changed_at, as merge_works and merge_authors set it.
const CHANGED_AT_LABELS: [&str; 2] = ["Work", "Author"];

#[derive(Default)]
struct Fold {
    nodes: HashMap<&'static str, FxHashMap<String, Props>>,
    stubs: BTreeSet<String>,
    /// per edge kind: the edge's key (its ends; PUBLISHED_IN its work) and its row
    edges: HashMap<&'static str, FxHashMap<(String, String), Props>>,
}

fn bad(what: String) -> PyErr {
    PyValueError::new_err(what)
}

fn key_text(row: &Props, field: &str) -> PyResult<String> {
    row.get(field).and_then(Value::as_str).map(str::to_owned)
        .ok_or_else(|| bad(format!("a spilled row has no string {field:?}")))
}

/// graph_rows.not_older: either updated_date unknown, or the new one the same or newer.
fn not_older(new: Option<&Value>, old: Option<&Value>) -> bool {
    match (new.and_then(Value::as_str), old.and_then(Value::as_str)) {
        (Some(new), Some(old)) => new >= old,
        _ => true,
    }
}

/// compact.widen for one end of a year span: the smaller (or larger) known year.
fn widen(known: Option<&Value>, given: Option<&Value>, larger: bool) -> Value {
    let years = [known, given].into_iter().flatten().filter_map(Value::as_i64);
    let pick = if larger { years.max() } else { years.min() };
    pick.map_or(Value::Null, Value::from)
}

impl Fold {
    fn add(&mut self, kind: &str, row: Value) -> PyResult<()> {
        let Value::Object(mut row) = row else { return Err(bad(format!("a {kind} row is not an object"))) };
        if let Some(&(_, label, full)) = NODE_KINDS.iter().find(|(k, _, _)| *k == kind) {
            let id = key_text(&row, "id")?;
            let Some(Value::Object(props)) = row.remove("props") else {
                return Err(bad(format!("a {kind} row has no props")));
            };
            let nodes = self.nodes.entry(label).or_default();
            match nodes.get_mut(&id) {
                None => {
                    nodes.insert(id, props);
                }
                Some(current) if full && not_older(props.get("updated_date"), current.get("updated_date")) => {
                    current.extend(props);
                }
                Some(_) => {}
            }
            return Ok(());
        }
        if kind == "work_stubs" {
            self.stubs.insert(key_text(&row, "id")?);
            return Ok(());
        }
        let &(kind, _, _, start, _, end) = EDGE_KINDS.iter().find(|e| e.0 == kind)
            .ok_or_else(|| bad(format!("no bulk rows of kind {kind:?}")))?;
        let key = if kind == "published_in" {
            (key_text(&row, start)?, String::new())
        } else {
            (key_text(&row, start)?, key_text(&row, end)?)
        };
        let edges = self.edges.entry(kind).or_default();
        match edges.get_mut(&key) {
            Some(known) if kind == "affiliations" => {
                let first = widen(known.get("start_year"), row.get("start_year"), false);
                let last = widen(known.get("end_year"), row.get("end_year"), true);
                known.insert("start_year".into(), first);
                known.insert("end_year".into(), last);
            }
            _ => {
                edges.insert(key, row); // the last row wins, as MERGE … SET makes it
            }
        }
        Ok(())
    }

    /// One spill file, chunk by chunk in order.
    fn read(&mut self, path: &Path) -> PyResult<()> {
        for_each_chunk(path, |chunk| self.read_chunk(chunk, path))
    }

    fn read_chunk(&mut self, chunk: &[u8], path: &Path) -> PyResult<()> {
        for line in chunk.split(|&b| b == b'\n').filter(|l| !l.is_empty()) {
            let tab = line.iter().position(|&b| b == b'\t')
                .ok_or_else(|| bad(format!("{}: a spilled line has no kind", path.display())))?;
            let kind = std::str::from_utf8(&line[..tab]).map_err(|e| bad(e.to_string()))?;
            let row: Value = serde_json::from_slice(&line[tab + 1..])
                .map_err(|e| bad(format!("{}: {e}", path.display())))?;
            self.add(kind, row)?;
        }
        Ok(())
    }
}

/// The lines of one spill file (`kind<TAB>row`), for a look inside it.
#[pyfunction]
pub fn spill_lines(path: PathBuf) -> PyResult<Vec<String>> {
    struct Lines(Vec<String>);
    let mut lines = Lines(Vec::new());
    for_each_chunk(&path, |chunk| {
        lines.0.extend(chunk.split(|&b| b == b'\n').filter(|l| !l.is_empty())
            .map(|l| String::from_utf8_lossy(l).into_owned()));
        Ok(())
    })?;
    Ok(lines.0)
}

/// Each chunk of a spill file (LZ4 blocks, each after its length as a little-endian u32).
fn for_each_chunk(path: &Path, mut take: impl FnMut(&[u8]) -> PyResult<()>) -> PyResult<()> {
    let data = fs::read(path).map_err(|e| io_error("cannot read", path, e))?;
    let mut rest = data.as_slice();
    let short = || bad(format!("{}: a spill chunk is cut short", path.display()));
    while !rest.is_empty() {
        let (length, tail) = rest.split_at_checked(4).ok_or_else(short)?;
        let length = u32::from_le_bytes(length.try_into().expect("four bytes")) as usize;
        let (block, tail) = tail.split_at_checked(length).ok_or_else(short)?;
        let chunk = lz4_flex::block::decompress_size_prepended(block)
            .map_err(|e| bad(format!("{}: {e}", path.display())))?;
        take(&chunk)?;
        rest = tail;
    }
    Ok(())
}

/// Fold one bucket's spill files (in part order) and write its CSV: the files, and the
/// nodes and edges written per label and type.
#[pyfunction]
pub fn reduce_bucket(folder: PathBuf, out: PathBuf, bucket: u32, now: String)
                     -> PyResult<(Vec<CsvFile>, HashMap<String, u64>)> {
    let mut fold = Fold::default();
    if folder.is_dir() {
        let mut parts: Vec<PathBuf> = fs::read_dir(&folder).map_err(|e| io_error("cannot list", &folder, e))?
            .filter_map(|entry| entry.ok().map(|e| e.path()))
            .filter(|p| p.extension().is_some_and(|x| x == "rows")).collect();
        parts.sort();
        for part in parts {
            fold.read(&part)?;
        }
    }
    let (mut files, mut counts) = (Vec::new(), HashMap::new());
    let mut labels: Vec<&str> = NODE_KINDS.iter().map(|k| k.1).collect();
    labels.sort_unstable();
    labels.dedup();
    for label in labels {
        let mut nodes: Vec<(String, Props)> = fold.nodes.remove(label).unwrap_or_default().into_iter().collect();
        let changed = CHANGED_AT_LABELS.contains(&label);
        for (_, props) in nodes.iter_mut() {
            if label == "Work" {
                props.insert("is_stub".into(), Value::Bool(false));
            }
            if changed {
                props.insert("changed_at".into(), Value::String(now.clone()));
            }
        }
        if label == "Work" {
            let loaded: FxHashSet<String> = nodes.iter().map(|(id, _)| id.clone()).collect();
            for stub in fold.stubs.iter().filter(|s| !loaded.contains(*s)) {
                let mut props = Props::new();
                props.insert("is_stub".into(), Value::Bool(true));
                nodes.push((stub.clone(), props));
            }
        }
        if nodes.is_empty() {
            continue;
        }
        let stem = out.join(format!("{label}-{bucket:04}"));
        let rows = nodes.into_iter().map(|(id, p)| (vec![id], p)).collect();
        let file = csv::write(&stem, label, vec![format!("id:ID({label})")], rows)?;
        counts.insert(label.to_owned(), file.3);
        files.push(file);
    }
    for (kind, rel_type, start_label, start, end_label, end) in EDGE_KINDS {
        let edges = fold.edges.remove(kind).unwrap_or_default();
        if edges.is_empty() {
            continue;
        }
        let rows = edges.into_values().map(|mut row| {
            let a = row.remove(start).and_then(|v| v.as_str().map(str::to_owned)).unwrap_or_default();
            let b = row.remove(end).and_then(|v| v.as_str().map(str::to_owned)).unwrap_or_default();
            row.retain(|_, v| !v.is_null());
            (vec![a, b], row)
        }).collect();
        let stem = out.join(format!("{rel_type}-{bucket:04}"));
        let ids = vec![format!(":START_ID({start_label})"), format!(":END_ID({end_label})")];
        let file = csv::write(&stem, rel_type, ids, rows)?;
        counts.insert(rel_type.to_owned(), file.3);
        files.push(file);
    }
    Ok((files, counts))
}
