"""Types of the native bulk-import transform (native/src): see loaders/bulk_transform.py."""

from collections.abc import Callable
from os import PathLike

class Spill:
    """One part file's rows split by bucket, appended to the spool in chunks of records."""

    def __init__(self, spool: str | PathLike[str], index: int, buckets: int,
                 chunk_records: int) -> None: ...
    def add_work_file(self, path: str | PathLike[str],
                      fallback: Callable[[int, bytes], list[bytes]],
                      clean: Callable[[str], str | None]) -> int: ...
    def add_json(self, data: bytes) -> None: ...
    def flush(self) -> None: ...

def reduce_bucket(folder: str | PathLike[str], out: str | PathLike[str], bucket: int,
                  now: str) -> tuple[list[tuple[str, str, str, int, bool]], dict[str, int]]: ...

def spill_lines(path: str | PathLike[str]) -> list[str]: ...
