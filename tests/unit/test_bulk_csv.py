"""The bulk import's CSV files: one label's buckets become one data file per header."""

from __future__ import annotations

import gzip
from pathlib import Path

from loaders.bulk_csv import CsvFile, combine


def _bucket(folder: Path, group: str, bucket: int, header: str, lines: list[str],
            multiline: bool = False) -> CsvFile:
    stem = folder / f"{group}-{bucket:04d}"
    header_path, data = stem.with_suffix(".header.csv"), stem.with_suffix(".csv.gz")
    header_path.write_text(header + "\n")
    with gzip.open(data, "wt") as out:
        out.writelines(line + "\n" for line in lines)
    return CsvFile(group, header_path, data, len(lines), multiline)


def test_buckets_with_one_header_become_one_file_in_bucket_order(tmp_path: Path) -> None:
    files = [_bucket(tmp_path, "Work", 1, "id:ID(Work),title", ['"W3","c"']),
             _bucket(tmp_path, "Work", 0, "id:ID(Work),title", ['"W1","a"', '"W2","b"'], True),
             _bucket(tmp_path, "Work", 2, "id:ID(Work),year:long", ['"W4",2020']),
             _bucket(tmp_path, "CITES", 0, ":START_ID(Work),:END_ID(Work)", ['"W1","W2"'])]
    combined = {(f.group, f.header.read_text()): f for f in combine(files, tmp_path)}
    assert len(combined) == 3
    works = combined[("Work", "id:ID(Work),title\n")]
    assert gzip.decompress(works.data.read_bytes()).decode().splitlines() == [
        '"W1","a"', '"W2","b"', '"W3","c"']
    assert (works.rows, works.multiline) == (3, True)
    # a bucket with other columns keeps its own file; a lone file is left as it is
    assert combined[("Work", "id:ID(Work),year:long\n")].data == files[2].data
    assert combined[("CITES", ":START_ID(Work),:END_ID(Work)\n")].data == files[3].data
    left = sorted(p.name for p in tmp_path.iterdir())
    assert left == sorted([works.data.name, works.header.name, files[2].header.name,
                           files[2].data.name, files[3].header.name, files[3].data.name])
