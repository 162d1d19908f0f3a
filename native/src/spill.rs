//! The map pass's output: one part file's rows split by bucket (a stable hash of the node
//! id, or of the work or author an edge hangs off), appended to `b<bucket>/p<part>.rows` in
//! chunks of records, each chunk one LZ4 block (its length first, as a little-endian u32):
//! JSON rows shrink ~4x, which at 10 M works is ~25 GB less on disk for a few seconds of
//! CPU. A line is `kind<TAB>row as JSON`; within a chunk the node kinds come
//! before the stubs and the edges, in the online loader's write order (graph_rows.WRITE_ORDER),
//! so the reduce folds a chunk as one online batch is written.

use std::fs::{self, OpenOptions};
use std::io::{BufRead, BufReader, Read, Write};
use std::path::{Path, PathBuf};

use pyo3::exceptions::{PyOSError, PyValueError};
use pyo3::prelude::*;
use pyo3::types::{PyBytes, PyList};
use rustc_hash::FxHashSet as HashSet;
use serde_json::{Map, Value};

use crate::work::{self, Stop};

/// Row kinds a spill holds, in the order a chunk is written, each with the field that
/// places a row (loaders/bulk_fold.bucket_field).
pub const KINDS: [(&str, &str); 15] = [
    ("venues", "id"), ("institutions", "id"), ("topics", "id"), ("authors", "id"),
    ("works", "id"), ("venue_refs", "id"), ("institution_refs", "id"), ("topic_refs", "id"),
    ("author_refs", "id"), ("work_stubs", "id"), ("authorships", "work_id"),
    ("published_in", "work_id"), ("about", "work_id"), ("affiliations", "author_id"),
    ("cites", "work_id"),
];

pub fn kind_index(kind: &str) -> Option<usize> {
    KINDS.iter().position(|(k, _)| *k == kind)
}

pub fn io_error(what: &str, path: &Path, err: std::io::Error) -> PyErr {
    PyOSError::new_err(format!("{what} {}: {err}", path.display()))
}

/// The bucket of an id: crc32 modulo the bucket count, the same in every process.
pub fn bucket_of(key: &str, buckets: u32) -> u32 {
    crc32fast::hash(key.as_bytes()) % buckets
}

#[pyclass(module = "peergraph_native")]
pub struct Spill {
    spool: PathBuf,
    index: usize,
    buckets: u32,
    chunk_records: usize,
    held: usize,
    /// per bucket, per kind: the chunk's lines
    split: Vec<Vec<Vec<u8>>>,
    loaded: HashSet<String>,
    cited: HashSet<String>,
}

#[pymethods]
impl Spill {
    #[new]
    fn new(spool: PathBuf, index: usize, buckets: u32, chunk_records: usize) -> PyResult<Self> {
        if buckets == 0 || chunk_records == 0 {
            return Err(PyValueError::new_err("buckets and chunk_records must be positive"));
        }
        Ok(Spill { spool, index, buckets, chunk_records, held: 0,
                   split: vec![vec![Vec::new(); KINDS.len()]; buckets as usize],
                   loaded: HashSet::default(), cited: HashSet::default() })
    }

    /// Transform every work line of a JSON-Lines part file (plain or gzipped); a line it
    /// cannot take exactly goes to `fallback(number, line)`, which answers the rows of its
    /// records as JSON ({kind: [row…]}), one per record that gave rows. `clean(text)` is
    /// loaders/text.clean_text for text holding markup. Returns the works taken here.
    fn add_work_file(&mut self, py: Python<'_>, path: PathBuf, fallback: PyObject,
                     clean: PyObject) -> PyResult<u64> {
        let file = fs::File::open(&path).map_err(|e| io_error("cannot open", &path, e))?;
        let mut reader = BufReader::with_capacity(1 << 20, file);
        let gzipped = reader.fill_buf().map_err(|e| io_error("cannot read", &path, e))?
            .starts_with(&[0x1f, 0x8b]);
        let stream: Box<dyn Read> = if gzipped {
            Box::new(flate2::read::MultiGzDecoder::new(reader))
        } else {
            Box::new(reader)
        };
        let mut lines = BufReader::with_capacity(1 << 20, stream);
        let mut cleaner = |text: &str| -> PyResult<Option<String>> {
            clean.call1(py, (text,))?.extract::<Option<String>>(py)
        };
        let (mut line, mut number, mut taken) = (Vec::new(), 0usize, 0u64);
        loop {
            line.clear();
            if lines.read_until(b'\n', &mut line).map_err(|e| io_error("cannot read", &path, e))? == 0 {
                return Ok(taken);
            }
            number += 1;
            if line.iter().all(|b| b" \t\n\r\x0b\x0c".contains(b)) {
                continue; // bytes.strip(): blank lines are not records
            }
            match native_rows(&line, &mut cleaner) {
                Ok(rows) => {
                    taken += 1;
                    self.add(rows.rows)?;
                }
                Err(Stop::Error(err)) => return Err(err),
                Err(Stop::Fallback) => {
                    let given = fallback.call1(py, (number, PyBytes::new(py, &line)))?;
                    for record in given.downcast_bound::<PyList>(py)?.iter() {
                        self.add_json(record.downcast::<PyBytes>()?.as_bytes())?;
                    }
                }
            }
        }
    }

    /// One record's rows from the Python transform, as JSON: {kind: [row…]}.
    fn add_json(&mut self, data: &[u8]) -> PyResult<()> {
        let value: Map<String, Value> = serde_json::from_slice(data)
            .map_err(|e| PyValueError::new_err(format!("rows are not JSON: {e}")))?;
        let mut rows = Vec::new();
        for (kind, list) in value {
            let kind = KINDS.iter().find(|(k, _)| *k == kind)
                .ok_or_else(|| PyValueError::new_err(format!("no bulk rows of kind {kind:?}")))?.0;
            let Value::Array(list) = list else {
                return Err(PyValueError::new_err(format!("rows of {kind} must be a list")));
            };
            rows.extend(list.into_iter().map(|row| (kind, row)));
        }
        self.add(rows)
    }

    /// Append the held rows to this part's file in each bucket; a cited work no record of
    /// the chunk holds goes along as a stub (merge_works makes them online).
    fn flush(&mut self) -> PyResult<()> {
        let stubs: Vec<String> = self.cited.difference(&self.loaded).cloned().collect();
        let stub_kind = kind_index("work_stubs").expect("work_stubs is a kind");
        for stub in stubs {
            let bucket = bucket_of(&stub, self.buckets) as usize;
            let line = &mut self.split[bucket][stub_kind];
            line.extend_from_slice(b"work_stubs\t");
            serde_json::to_writer(&mut *line, &serde_json::json!({"id": stub}))
                .map_err(|e| PyValueError::new_err(e.to_string()))?;
            line.push(b'\n');
        }
        for (bucket, kinds) in self.split.iter_mut().enumerate() {
            if kinds.iter().all(Vec::is_empty) {
                continue;
            }
            let folder = self.spool.join(format!("b{bucket:04}"));
            fs::create_dir_all(&folder).map_err(|e| io_error("cannot create", &folder, e))?;
            let path = folder.join(format!("p{:06}.rows", self.index));
            let mut out = OpenOptions::new().create(true).append(true).open(&path)
                .map_err(|e| io_error("cannot open", &path, e))?;
            let chunk: Vec<u8> = kinds.iter_mut().flat_map(std::mem::take).collect();
            let block = lz4_flex::block::compress_prepend_size(&chunk);
            let length = u32::try_from(block.len()).map_err(|_| PyValueError::new_err(
                "a spill chunk past 4 GiB: fewer records per chunk"))?;
            out.write_all(&length.to_le_bytes()).and_then(|()| out.write_all(&block))
                .map_err(|e| io_error("cannot write", &path, e))?;
        }
        self.loaded.clear();
        self.cited.clear();
        self.held = 0;
        Ok(())
    }
}

impl Spill {
    fn add(&mut self, rows: Vec<(&'static str, Value)>) -> PyResult<()> {
        for (kind, row) in rows {
            let at = kind_index(kind).expect("rows carry known kinds");
            let key = row.get(KINDS[at].1).and_then(Value::as_str).ok_or_else(|| {
                PyValueError::new_err(format!("a {kind} row needs a string {:?}", KINDS[at].1))
            })?;
            if kind == "works" {
                self.loaded.insert(key.to_owned());
            } else if kind == "cites" {
                if let Some(cited) = row.get("cited_id").and_then(Value::as_str) {
                    self.cited.insert(cited.to_owned());
                }
            }
            let bucket = bucket_of(key, self.buckets) as usize;
            let line = &mut self.split[bucket][at];
            line.extend_from_slice(kind.as_bytes());
            line.push(b'\t');
            serde_json::to_writer(&mut *line, &row).map_err(|e| PyValueError::new_err(e.to_string()))?;
            line.push(b'\n');
        }
        self.held += 1;
        if self.held >= self.chunk_records {
            self.flush()?;
        }
        Ok(())
    }
}

/// The rows of one line, or why the Python transform must take it.
fn native_rows(line: &[u8], clean: &mut work::Cleaner) -> Result<work::Rows, Stop> {
    let (id, record) = work::parse(line)?;
    work::work_rows(&id, &record, clean)
}
