//! Peergraph's bulk-import transform in Rust: OpenAlex work records to the rows of the
//! graph model (work.rs, the Python transform's twin), spilled by bucket (spill.rs), folded
//! with the online loader's merge rules and written as Neo4j importer CSV (fold.rs, csv.rs).
//! loaders/bulk_transform.py drives it on a process pool; what it cannot match exactly it
//! hands back to the Python transform, record by record.

mod csv;
mod fields;
mod fold;
mod record;
mod spill;
mod work;

use pyo3::prelude::*;

// The transform allocates many small rows: mimalloc is ~2x glibc's malloc on that.
#[global_allocator]
static ALLOCATOR: mimalloc::MiMalloc = mimalloc::MiMalloc;

#[pymodule]
fn peergraph_native(module: &Bound<'_, PyModule>) -> PyResult<()> {
    module.add_class::<spill::Spill>()?;
    module.add_function(wrap_pyfunction!(fold::reduce_bucket, module)?)?;
    module.add_function(wrap_pyfunction!(fold::spill_lines, module)?)?;
    Ok(())
}
